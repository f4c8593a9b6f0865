/// GitLab's code quality report (`artifacts:reports:codequality`): the subset of the Code Climate
/// issue format GitLab reads, one object per finding in a JSON array: `description`, `check_name`,
/// `fingerprint` (unique in the report), `severity` (`info`, `minor`, `major`, `critical`,
/// `blocker`) and `location` (`path`, `lines.begin`).
enum GitLabRenderer {
    static func render(_ report: LintReport) -> String {
        var seen: [String: Int] = [:]
        let issues: [JSONNode] = report.findings.map { f in
            // The finding's own fingerprint follows its content, not its line; the path and an
            // occurrence count make it unique across the report, as GitLab requires.
            let key = Fingerprint.of(f.fingerprint, f.path)
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            return .object([
                ("description", .string("\(f.message) [\(f.rule.qualifiedName)]")),
                ("check_name", .string(f.rule.qualifiedName)),
                ("fingerprint", .string(occurrence == 0 ? key : Fingerprint.of(key, String(occurrence)))),
                ("severity", .string(severity(f.severity))),
                ("location", .object([
                    ("path", .string(f.path)),
                    ("lines", .object([
                        ("begin", .number(String(f.span.startLine))),
                        ("end", .number(String(max(f.span.endLine, f.span.startLine)))),
                    ])),
                ])),
            ])
        }
        var out = ""
        JSONNode.array(issues).write(to: &out, style: .pretty, indent: 0)
        return out + "\n"
    }

    /// Errors fail a merge request's check, so they rank above warnings in GitLab's widget.
    static func severity(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "major"
        case .warning: "minor"
        case .note: "info"
        }
    }
}
