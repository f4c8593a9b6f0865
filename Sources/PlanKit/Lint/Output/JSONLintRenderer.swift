/// The findings as one JSON document, for scripts: stable keys, findings in output order.
enum JSONLintRenderer {
    static func render(_ report: LintReport) -> String {
        let findings: [JSONNode] = report.findings.map { f in
            .object([
                ("path", .string(f.path)),
                ("line", .number(String(f.span.startLine))),
                ("column", .number(String(f.span.startColumn))),
                ("endLine", .number(String(f.span.endLine))),
                ("endColumn", .number(String(f.span.endColumn))),
                ("severity", .string(f.severity.rawValue)),
                ("rule", .string(f.rule.id)),
                ("name", .string(f.rule.name)),
                ("message", .string(f.message)),
                ("hint", f.hint.map(JSONNode.string) ?? .null),
                ("fingerprint", .string(f.fingerprint)),
            ])
        }
        let node = JSONNode.object([
            ("version", .number("1")),
            ("files", .array(report.files.map { .string($0.path) })),
            ("findings", .array(findings)),
            ("summary", .object([
                ("errors", .number(String(report.count(.error)))),
                ("warnings", .number(String(report.count(.warning)))),
                ("notes", .number(String(report.count(.note)))),
                ("suppressed", .number(String(report.suppressed))),
                ("unreadable", .array(report.failures.map(JSONNode.string))),
            ])),
        ])
        var out = ""
        node.write(to: &out, style: .pretty, indent: 0)
        return out + "\n"
    }
}
