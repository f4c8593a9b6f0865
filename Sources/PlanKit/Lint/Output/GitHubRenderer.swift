/// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding,
/// escaped as the runner expects, and a plain summary that says when GitHub will not show them all.
///
/// The limits relied on are the ones the Actions toolkit documents (`docs/problem-matchers.md`,
/// "Limitations"): 10 error, 10 warning and 10 notice annotations per step, 50 per job. One lint step
/// prints at most 30 that show, so only the per-step limit can bite here; the per-job one is for
/// workflows with several annotating steps (docs/lint.md). Which annotations GitHub keeps is not
/// documented; users report the first printed, so the summary names the first finding of each level
/// past the limit, and the job summary (``stepSummary(_:)``) lists them all.
public enum GitHubRenderer {
    /// GitHub shows at most this many annotations of each level per step.
    static let annotationLimit = 10

    static func render(_ report: LintReport) -> String {
        var out = ""
        for f in report.findings {
            let command: String
            switch f.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            var properties = [
                ("file", f.path), ("line", String(f.span.startLine)), ("col", String(f.span.startColumn)),
            ]
            if f.span.endLine != f.span.startLine {
                properties.append(("endLine", String(f.span.endLine)))
            } else if f.span.endColumn > f.span.startColumn {
                properties.append(("endColumn", String(f.span.endColumn)))
            }
            properties.append(("title", f.rule.qualifiedName))
            var message = f.message
            if let hint = f.hint { message += "\nHint: " + hint }
            out += "::\(command) " + properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
            out += "::" + escapeData(message) + "\n"
        }
        out += "plankit lint: " + report.summary + "\n"
        let hidden = [(Diagnostic.Severity.error, "error"), (.warning, "warning"), (.note, "notice")].compactMap { level, name -> String? in
            let ofLevel = report.findings.filter { $0.severity == level }
            guard ofLevel.count > annotationLimit else { return nil }
            let first = ofLevel[annotationLimit]
            return "\(ofLevel.count - annotationLimit) of \(ofLevel.count) \(name)s (from \(first.path):\(first.span.startLine) on)"
        }
        if !hidden.isEmpty {
            out += "plankit lint: GitHub shows at most \(annotationLimit) annotations of each level per step; "
            out += hidden.joined(separator: ", ") + " are not shown as annotations. "
            out += "Run 'plankit lint --format text' (or upload --format sarif) to see them all.\n"
        }
        return out
    }

    /// Rows of the step summary table; the rest are counted, not listed (a step summary may take 1 MiB).
    static let summaryRowLimit = 500

    /// The job summary (`$GITHUB_STEP_SUMMARY`, Markdown): every finding in one table, so the ones past
    /// the annotation limit are one click away instead of in the log.
    public static func stepSummary(_ report: LintReport) -> String {
        var out = "### plankit lint\n\n" + report.summary + "\n"
        guard !report.findings.isEmpty else { return out }
        let hidden = [Diagnostic.Severity.error, .warning, .note].reduce(0) { $0 + max(0, report.count($1) - annotationLimit) }
        if hidden > 0 {
            out += "\n\(hidden) of them have no annotation on the files (GitHub shows \(annotationLimit) of each level per step).\n"
        }
        out += "\n| severity | where | rule | message |\n|---|---|---|---|\n"
        for f in report.findings.prefix(summaryRowLimit) {
            let place = "\(f.path):\(f.span.startLine):\(f.span.startColumn)"
            out += "| \(f.severity.rawValue) | \(cell(place)) | \(f.rule.qualifiedName) | \(cell(f.message)) |\n"
        }
        if report.findings.count > summaryRowLimit {
            out += "\n\(report.findings.count - summaryRowLimit) more not listed here: run `plankit lint --format text` to see them all.\n"
        }
        return out
    }

    /// A Markdown table cell: one line, `|` escaped, and no HTML or emphasis read into the plan's text.
    static func cell(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\n", "\r": out += " "
            case "|": out += "\\|"
            case "\\", "*", "_", "`", "<", ">", "[", "]", "#", "~": out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    /// Message text: `%`, CR and LF are escaped.
    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Property values: also `:` and `,`, which separate properties.
    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
