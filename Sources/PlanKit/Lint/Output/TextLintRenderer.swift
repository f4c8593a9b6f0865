/// `path:line:col: severity: message [PK101/indicator-without-owner]`, the source line with a caret
/// under the span, the fix hint, and a summary line: what compilers print.
enum TextLintRenderer {
    /// Lines longer than this are shown as a window around the caret.
    static let window = 100

    static func render(_ report: LintReport) -> String {
        var lines: [String: [String]] = [:]
        for file in report.files { lines[file.path] = file.lines }
        var out = ""
        for finding in report.findings {
            let span = finding.span
            out += "\(finding.path):\(span.startLine):\(span.startColumn): \(finding.severity.rawValue): "
            out += "\(finding.message) [\(finding.rule.qualifiedName)]\n"
            if let source = lines[finding.path], span.startLine >= 1, span.startLine <= source.count {
                out += excerpt(source[span.startLine - 1], span: span)
            }
            if let hint = finding.hint { out += "  = hint: \(hint)\n" }
        }
        out += report.summary + "\n"
        return out
    }

    /// The line (or a window of it) and a caret line: `^` at the start column, `~` to the span's end on that line.
    static func excerpt(_ line: String, span: SourceSpan) -> String {
        let scalars = Array(line.unicodeScalars)
        let start = max(0, min(span.startColumn - 1, scalars.count))
        var end = span.endLine == span.startLine ? span.endColumn - 1 : scalars.count
        end = max(start + 1, min(end, scalars.count))
        var from = 0
        var to = scalars.count
        var prefix = ""
        var suffix = ""
        if scalars.count > window {
            from = max(0, min(start - 20, scalars.count - window))
            to = min(scalars.count, from + window)
            if from > 0 { prefix = "…" }
            if to < scalars.count { suffix = "…" }
        }
        let number = String(span.startLine)
        let gutter = String(repeating: " ", count: number.count)
        var shown = String(String.UnicodeScalarView(scalars[from..<to]))
        while shown.last?.isWhitespace == true { shown.removeLast() }
        let caretStart = start - from + prefix.count
        let caretLength = max(1, min(end, to) - start)
        var caret = String(repeating: " ", count: caretStart) + "^"
        if caretLength > 1 { caret += String(repeating: "~", count: caretLength - 1) }
        return " \(number) | \(prefix)\(shown.replacingOccurrences(of: "\t", with: " "))\(suffix)\n \(gutter) | \(caret)\n"
    }
}
