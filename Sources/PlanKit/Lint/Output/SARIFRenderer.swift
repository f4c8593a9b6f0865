import Foundation

/// SARIF 2.1.0 (OASIS), as GitHub code scanning and other CI dashboards read it: one run, the
/// rules that fired with their metadata, results with regions in lines and Unicode code point
/// columns (`columnKind`), and a `partialFingerprints` entry made from content, not lines.
enum SARIFRenderer {
    static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    static let fingerprintKey = "plankit/v1"

    static func render(_ report: LintReport) -> String {
        // Every rule, not only those that fired: consumers show what was checked.
        let rules = LintRule.all
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let artifactIndex = Dictionary(report.files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })

        let results: [JSONNode] = report.findings.map { f in
            var location: [(String, JSONNode)] = [("uri", .string(uri(f.path)))]
            if let index = artifactIndex[f.path] { location.append(("index", int(index))) }
            var message = f.message
            if let hint = f.hint { message += "\nHint: " + hint }
            return .object([
                ("ruleId", .string(f.rule.id)),
                ("ruleIndex", int(ruleIndex[f.rule.id] ?? 0)),
                ("level", .string(f.severity.rawValue)),
                ("message", .object([("text", .string(message))])),
                ("locations", .array([.object([
                    ("physicalLocation", .object([
                        ("artifactLocation", .object(location)),
                        ("region", .object([
                            ("startLine", int(f.span.startLine)),
                            ("startColumn", int(f.span.startColumn)),
                            ("endLine", int(f.span.endLine)),
                            ("endColumn", int(max(f.span.endColumn, f.span.endLine == f.span.startLine ? f.span.startColumn + 1 : 1))),
                        ])),
                    ])),
                ])])),
                ("partialFingerprints", .object([(fingerprintKey, .string(f.fingerprint))])),
            ])
        }

        let ruleNodes: [JSONNode] = rules.map { rule in
            var fields: [(String, JSONNode)] = [
                ("id", .string(rule.id)),
                ("name", .string(rule.name)),
                ("shortDescription", .object([("text", .string(rule.summary))])),
            ]
            if let hint = rule.hint { fields.append(("help", .object([("text", .string(hint))]))) }
            fields.append(("defaultConfiguration", .object([("level", .string(rule.defaultSeverity.rawValue))])))
            return .object(fields)
        }

        var notifications: [JSONNode] = report.failures.map { failure in
            .object([("level", .string("error")), ("message", .object([("text", .string(failure))]))])
        }
        if report.suppressed > 0 {
            notifications.append(.object([
                ("level", .string("note")),
                ("message", .object([("text", .string("\(report.suppressed) findings suppressed by the baseline"))])),
            ]))
        }
        var invocation: [(String, JSONNode)] = [("executionSuccessful", .bool(report.failures.isEmpty))]
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }

        let run = JSONNode.object([
            ("tool", .object([("driver", .object([
                ("name", .string("plankit")),
                ("version", .string(PlanKitVersion.current)),
                ("semanticVersion", .string(PlanKitVersion.current)),
                ("rules", .array(ruleNodes)),
            ]))])),
            ("invocations", .array([.object(invocation)])),
            ("artifacts", .array(report.files.map { .object([("location", .object([("uri", .string(uri($0.path)))]))]) })),
            ("results", .array(results)),
            ("columnKind", .string("unicodeCodePoints")),
        ])
        let log = JSONNode.object([
            ("$schema", .string(schema)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        var out = ""
        log.write(to: &out, style: .pretty, indent: 0)
        return out + "\n"
    }

    private static func int(_ n: Int) -> JSONNode { .number(String(n)) }

    /// A relative path as a URI reference: segments percent-encoded, "./" dropped.
    static func uri(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: ":?#[]@"))
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
