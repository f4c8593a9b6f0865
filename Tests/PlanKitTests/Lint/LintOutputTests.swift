import Foundation
import Testing
@testable import PlanKit

/// The five seeds' lint output, reviewed by hand (see Fixtures/golden/lint/REVIEW.md), and the
/// machine formats: SARIF against the official schema, GitHub's escaping and limits.
@Suite struct LintOutputTests {
    static let seeds = ["000", "001", "002", "003", "004"]

    @Test func seedLintMatchesGolden() {
        forEachRow(Self.seeds, named: { "seed \($0)" }) { seed in
            let path = try #require(Repository.seeds[seed])
            try LintHarness.expectGolden(try LintHarness.text(path), "Fixtures/golden/lint/\(seed).txt")
        }
    }

    @Test func sarifValidatesAgainstTheOfficialSchema() throws {
        let paths = Self.seeds.compactMap { Repository.seeds[$0] } + LintHarness.ruleFixtures.map { "Fixtures/lint/" + $0 }
        var report = try LintHarness.report(paths)
        report.suppressed = 2
        report.failures = ["missing.txt: no such file"]
        let sarif = LintFormat.sarif.render(report)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plankit-\(UUID().uuidString).sarif")
        try sarif.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try SchemaValidator.validate(schema: Repository.url("Fixtures/schemas/sarif-schema-2.1.0.json").path,
                                                  documents: [file.path])
        #expect(result.status != 3, "\(result.output) — install it with: python3 -m pip install jsonschema")
        #expect(result.status == 0, "SARIF output does not validate:\n\(result.output)")
    }

    @Test func sarifNamesRulesColumnsAndFingerprints() throws {
        let sarif = LintFormat.sarif.render(try LintHarness.report(["Fixtures/lint/PK134-weaker-than-national.txt"]))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == LintRule.all.map(\.id))
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "PK134")
        #expect(result["level"] as? String == "warning")
        let region = (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]) as? [String: Int]
        #expect(region == ["startLine": 17, "startColumn": 67, "endLine": 17, "endColumn": 70])
        #expect((result["partialFingerprints"] as? [String: String])?["plankit/v1"]?.count == 16)
    }

    @Test func githubAnnotationsEscapeDataAndProperties() {
        #expect(GitHubRenderer.escapeData("50% done\r\nnext") == "50%25 done%0D%0Anext")
        #expect(GitHubRenderer.escapeProperty("a:b,c%") == "a%3Ab%2Cc%25")
        let finding = LintFinding(path: "plans/x,1.txt", rule: .weakerThanNational, severity: .warning,
                                  message: "sets 40%, weaker", span: SourceSpan(startLine: 3, endLine: 3, startColumn: 5, endColumn: 8),
                                  hint: nil, fingerprint: "0")
        let output = GitHubRenderer.render(LintReport(files: [("plans/x,1.txt", [])], findings: [finding]))
        #expect(output == """
            ::warning file=plans/x%2C1.txt,line=3,col=5,endColumn=8,title=PK134/weaker-than-national::sets 40%25, weaker
            plankit lint: 1 warning in 1 file

            """)
    }

    @Test func githubSummarySaysWhenAnnotationsAreCut() {
        let findings = (1...12).map { n in
            LintFinding(path: "p.txt", rule: .missingRequiredPart, severity: .error, message: "m\(n)",
                        span: SourceSpan(startLine: n, endLine: n), hint: nil, fingerprint: "\(n)")
        }
        let output = GitHubRenderer.render(LintReport(files: [("p.txt", [])], findings: findings))
        #expect(output.hasSuffix("""
            plankit lint: 12 errors in 1 file
            plankit lint: GitHub shows at most 10 annotations of each level per step; 2 of 12 errors (from p.txt:11 on) are not shown as annotations. Run 'plankit lint --format text' (or upload --format sarif) to see them all.

            """))
    }

    /// Each level has its own 10 per step: 10 errors and 10 warnings all show; 11 warnings and 13 notes do not.
    @Test func githubLimitsCountEachLevelApart() {
        let rows: [(errors: Int, warnings: Int, notes: Int, hidden: String?)] = [
            (10, 10, 0, nil as String?),
            (3, 11, 13, "1 of 11 warnings (from p.txt:14 on), 3 of 13 notices (from p.txt:25 on)"),
        ]
        for (errors, warnings, notes, hidden) in rows {
            var findings: [LintFinding] = []
            for (count, severity) in [(errors, Diagnostic.Severity.error), (warnings, .warning), (notes, .note)] {
                for _ in 0..<count {
                    let n = findings.count + 1
                    findings.append(LintFinding(path: "p.txt", rule: .numberingGap, severity: severity, message: "m\(n)",
                                                span: SourceSpan(startLine: n, endLine: n), hint: nil, fingerprint: "\(n)"))
                }
            }
            let output = GitHubRenderer.render(LintReport(files: [("p.txt", [])], findings: findings))
            let lines = output.split(separator: "\n").map(String.init)
            #expect(lines.filter { $0.hasPrefix("::") }.count == errors + warnings + notes, "every finding is printed: \(errors) errors, \(warnings) warnings, \(notes) notes")
            if let hidden {
                #expect(lines.last == "plankit lint: GitHub shows at most 10 annotations of each level per step; \(hidden) are not shown as annotations. Run 'plankit lint --format text' (or upload --format sarif) to see them all.", "\(errors) errors, \(warnings) warnings, \(notes) notes")
            } else {
                #expect(lines.last == "plankit lint: 10 errors and 10 warnings in 1 file", "\(errors) errors, \(warnings) warnings, \(notes) notes")
            }
        }
    }

    /// The job summary lists every finding, says how many GitHub left without an annotation, and keeps
    /// the plan's text from being read as Markdown.
    @Test func githubStepSummaryListsEveryFinding() {
        var findings = (1...11).map { n in
            LintFinding(path: "plans/a_1.txt", rule: .numberingGap, severity: .warning, message: "skips \(n)",
                        span: SourceSpan(startLine: n, endLine: n, startColumn: 3), hint: nil, fingerprint: "\(n)")
        }
        findings.append(LintFinding(path: "plans/b.txt", rule: .invalidDeadlineDate, severity: .error,
                                    message: "the deadline *31/11* | not\na date", span: SourceSpan(startLine: 32, endLine: 32, startColumn: 59),
                                    hint: nil, fingerprint: "e"))
        let summary = GitHubRenderer.stepSummary(LintReport(files: [("plans/a_1.txt", []), ("plans/b.txt", [])], findings: findings))
        #expect(summary.hasPrefix("""
            ### plankit lint

            1 error and 11 warnings in 2 files

            1 of them have no annotation on the files (GitHub shows 10 of each level per step).

            | severity | where | rule | message |
            |---|---|---|---|
            | warning | plans/a\\_1.txt:1:3 | PK120/numbering-gap | skips 1 |

            """))
        #expect(summary.hasSuffix("""
            | error | plans/b.txt:32:59 | PK141/invalid-deadline-date | the deadline \\*31/11\\* \\| not a date |

            """))
        #expect(GitHubRenderer.stepSummary(LintReport(files: [("a.txt", [])], findings: [])) == "### plankit lint\n\nno findings in 1 file\n")
    }

    @Test func githubStepSummaryStopsListingAtItsRowLimit() {
        let findings = (1...(GitHubRenderer.summaryRowLimit + 3)).map { n in
            LintFinding(path: "p.txt", rule: .numberingGap, severity: .warning, message: "m\(n)",
                        span: SourceSpan(startLine: n, endLine: n), hint: nil, fingerprint: "\(n)")
        }
        let summary = GitHubRenderer.stepSummary(LintReport(files: [("p.txt", [])], findings: findings))
        #expect(summary.split(separator: "\n").filter { $0.hasPrefix("| warning |") }.count == GitHubRenderer.summaryRowLimit)
        #expect(summary.hasSuffix("\n3 more not listed here: run `plankit lint --format text` to see them all.\n"))
    }

    /// The validator is live: a SARIF log with a level the schema does not allow fails.
    @Test func schemaValidationRejectsBrokenSarif() throws {
        var sarif = LintFormat.sarif.render(try LintHarness.report(["Fixtures/lint/PK134-weaker-than-national.txt"]))
        sarif = sarif.replacingOccurrences(of: #""level": "warning""#, with: #""level": "fatal""#)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plankit-\(UUID().uuidString).sarif")
        try sarif.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try SchemaValidator.validate(schema: Repository.url("Fixtures/schemas/sarif-schema-2.1.0.json").path,
                                                  documents: [file.path])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("fatal"))
    }

    @Test func jsonListsFindingsAndSummary() throws {
        let json = LintFormat.json.render(try LintHarness.report(["Fixtures/lint/PK141-invalid-deadline-date.txt"]))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let finding = try #require((root["findings"] as? [[String: Any]])?.first)
        #expect(finding["rule"] as? String == "PK141")
        #expect(finding["line"] as? Int == 32)
        #expect((root["summary"] as? [String: Any])?["errors"] as? Int == 1)
    }

    @Test func textCaretsPointAtTheSpanInAWindowOfLongLines() {
        let long = String(repeating: "x", count: 150) + " 40% " + String(repeating: "y", count: 50)
        let excerpt = TextLintRenderer.excerpt(long, span: SourceSpan(startLine: 9, endLine: 9, startColumn: 152, endColumn: 155))
        let lines = excerpt.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let caret = lines[1].firstIndex(of: "^").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
        let value = lines[0].range(of: "40%").map { lines[0].distance(from: lines[0].startIndex, to: $0.lowerBound) }
        #expect(caret != nil && caret == value)
        #expect(lines[1].hasSuffix("^~~"))
    }

    @Test func findingsAreOrderedByPositionThenRule() throws {
        let report = try LintHarness.report(["Fixtures/lint/PK103-missing-required-part.txt", "Fixtures/lint/PK101-indicator-without-owner.txt"])
        #expect(report.findings.map(\.path) == ["Fixtures/lint/PK103-missing-required-part.txt", "Fixtures/lint/PK101-indicator-without-owner.txt"])
        let again = try LintHarness.report(["Fixtures/lint/PK103-missing-required-part.txt", "Fixtures/lint/PK101-indicator-without-owner.txt"])
        #expect(LintFormat.sarif.render(report) == LintFormat.sarif.render(again))
    }
}
