import Foundation
import Testing
@testable import PlanKit

/// Lint on whatever the archive mutations produce (see ``RobustnessTests``): never a crash, every
/// finding inside the file, every format renders (the JSON ones parse), the same output twice.
@Suite struct LintRobustnessTests {
    @Test(arguments: RobustnessTests.Mutation.allCases)
    func mutatedPlansLintWithinTheirLines(mutation: RobustnessTests.Mutation) throws {
        for iteration in 0..<RobustnessTests.iterations {
            var rng = SplitMix64(seed: UInt64(iteration) &* 0x5851_F42D &+ UInt64(mutation.rawValue.utf8.count))
            let bytes = RobustnessTests.mutate(mutation, rng: &rng)
            guard let source = try? SourceText(path: "m.txt", bytes: bytes) else { continue }
            let label = "\(mutation.rawValue) #\(iteration)"
            let findings = Linter.lint(source, plan: PlanParser.parse(source))
            let lineCount = max(source.lines.count, 1)
            for f in findings {
                #expect(f.span.startLine >= 1 && f.span.startLine <= lineCount, "\(label): \(f.rule.id) at line \(f.span.startLine) of \(lineCount)")
                #expect(f.span.endLine >= f.span.startLine && f.span.endLine <= lineCount, "\(label): \(f.rule.id) ends at \(f.span.endLine)")
                #expect(f.span.startColumn >= 1, "\(label): \(f.rule.id) column \(f.span.startColumn)")
                if f.span.endLine == f.span.startLine {
                    let width = source.lines.isEmpty ? 0 : source.lines[f.span.startLine - 1].unicodeScalars.count
                    #expect(f.span.endColumn >= f.span.startColumn && f.span.endColumn <= width + 2,
                            "\(label): \(f.rule.id) columns \(f.span.startColumn)–\(f.span.endColumn) on a line of \(width)")
                }
            }
            let report = LintReport(files: [("m.txt", source.lines)], findings: findings)
            for format in LintFormat.allCases {
                let output = format.render(report)
                switch format {
                case .text:
                    // A "path:line:column: severity: message [rule]" line per finding, then the summary.
                    for f in findings {
                        let line = "m.txt:\(f.span.startLine):\(f.span.startColumn): \(f.severity.rawValue): \(f.message) [\(f.rule.qualifiedName)]\n"
                        #expect(output.contains(line), "\(label): text output lacks \(line)")
                    }
                    #expect(output.hasSuffix(report.summary + "\n"), "\(label): text summary")
                case .github:
                    // One annotation line per finding (messages are escaped onto one line), then the summary.
                    #expect(output.split(separator: "\n").filter { $0.hasPrefix("::") }.count == findings.count, "\(label): github annotations")
                    #expect(output.contains("plankit lint: " + report.summary + "\n"), "\(label): github summary")
                case .json, .sarif:
                    let root = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any]
                    #expect(root != nil, "\(label): \(format) is not JSON")
                    let listed = format == .json
                        ? (root?["findings"] as? [[String: Any]])?.map { $0["rule"] as? String }
                        : ((root?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.map { $0["ruleId"] as? String }
                    #expect(listed == findings.map { $0.rule.id as String? }, "\(label): \(format) lists every finding in order")
                case .gitlab:
                    // A JSON array of one issue per finding, fingerprints unique as GitLab requires.
                    let issues = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [[String: Any]]
                    #expect(issues?.map { $0["check_name"] as? String } == findings.map { $0.rule.qualifiedName as String? },
                            "\(label): gitlab lists every finding in order")
                    let fingerprints = issues?.compactMap { $0["fingerprint"] as? String } ?? []
                    #expect(Set(fingerprints).count == findings.count, "\(label): gitlab fingerprints")
                }
            }
            #expect(Linter.lint(source, plan: PlanParser.parse(source)) == findings, "\(label): not deterministic")
        }
    }
}
