/// The package's version, as `plankit --version`, SARIF's tool driver and the batch journal print it.
public enum PlanKitVersion {
    /// This release's version number ("0.1.0").
    public static let current = "0.1.0"
}
