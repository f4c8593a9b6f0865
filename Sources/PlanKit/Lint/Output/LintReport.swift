/// Everything one `plankit lint` run found, ready to render.
public struct LintReport: Sendable {
    /// The files linted, in the order given, with their lines (for the text output's source line).
    public var files: [(path: String, lines: [String])]
    /// Sorted: file order, then position, rule, message.
    public var findings: [LintFinding]
    /// Findings the baseline covered.
    public var suppressed: Int
    /// Files that could not be read, one message each.
    public var failures: [String]

    /// A report over `files`; `findings` should already be sorted in file order.
    public init(files: [(path: String, lines: [String])], findings: [LintFinding], suppressed: Int = 0,
                failures: [String] = []) {
        self.files = files
        self.findings = findings
        self.suppressed = suppressed
        self.failures = failures
    }

    /// How many findings have this severity.
    public func count(_ severity: Diagnostic.Severity) -> Int {
        findings.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }

    /// "2 errors, 5 warnings and 1 note in 3 files; 4 suppressed by the baseline".
    public var summary: String {
        let counts = [(count(.error), "error"), (count(.warning), "warning"), (count(.note), "note")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        var text: String
        switch counts.count {
        case 0: text = "no findings"
        case 1: text = counts[0]
        default: text = counts.dropLast().joined(separator: ", ") + " and " + counts.last!
        }
        text += " in \(files.count) file\(files.count == 1 ? "" : "s")"
        if suppressed > 0 { text += "; \(suppressed) suppressed by the baseline" }
        if !failures.isEmpty { text += "; \(failures.count) file\(failures.count == 1 ? "" : "s") could not be read" }
        return text
    }
}

/// How `plankit lint` prints its findings.
public enum LintFormat: String, CaseIterable, Sendable {
    case text, json, sarif, github, gitlab

    /// The whole report in this format, ready to print.
    public func render(_ report: LintReport) -> String {
        switch self {
        case .text: TextLintRenderer.render(report)
        case .json: JSONLintRenderer.render(report)
        case .sarif: SARIFRenderer.render(report)
        case .github: GitHubRenderer.render(report)
        case .gitlab: GitLabRenderer.render(report)
        }
    }
}
