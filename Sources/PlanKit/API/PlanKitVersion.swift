/// The package's version, as `plankit --version`, SARIF's tool driver and the batch journal print it.
public enum PlanKitVersion {
    public static let current = "0.1.0"
}
