import Foundation
import Testing
@testable import PlanKit

/// The CI integrations users drop in, run as written: the GitHub action's lint step, the GitLab CI
/// snippet of docs/lint.md with the code quality report it uploads, and the pre-commit hook.
@Suite struct LintIntegrationTests {
    /// The lint step's script in action.yml: the `run: |` block that holds the marker comment.
    static func actionLintScript() throws -> String {
        let text = try String(contentsOf: Repository.url("action.yml"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let marker = try #require(lines.firstIndex { $0.contains("# plankit-lint-step") })
        let indent = lines[marker].prefix { $0 == " " }.count
        var script: [String] = []
        for line in lines[marker...] {
            if !line.trimmingCharacters(in: .whitespaces).isEmpty, line.prefix(while: { $0 == " " }).count < indent { break }
            script.append(String(line.dropFirst(min(indent, line.count))))
        }
        return script.joined(separator: "\n")
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: Repository.url("Fixtures/lint/\(name)")))
    }

    @Test func actionLintStepRunsAsWritten() throws {
        let script = try Self.actionLintScript()
        #expect(script.contains("--format sarif"))
        let scratch = try LintCITests.repository()
        defer { scratch.remove() }
        let work = scratch.path + "/work"
        func run(_ inputs: [String: String]) throws -> (code: Int32, out: String) {
            try LintCITests.sh(script, in: work, environment: ["PLANKIT": LintCITests.plankit, "PLANKIT_PATHS": "plans/*.txt",
                                                              "PLANKIT_FORMAT": "github", "PLANKIT_STRICT": "false",
                                                              "PLANKIT_SARIF": "plankit.sarif"].merging(inputs) { $1 })
        }
        // A clean plan passes, and a warning passes unless strict.
        #expect(try run([:]).code == 0)
        scratch.write("work/plans/warned.txt", try Self.fixture("PK134-weaker-than-national.txt"))
        let warned = try run([:])
        #expect(warned.code == 0, "\(warned.out)")
        #expect(warned.out.contains("::warning file=plans/warned.txt,line=17,col=67"))
        #expect(try run(["PLANKIT_STRICT": "true"]).code == 1)
        // An error fails the step; the SARIF report holds every finding and validates.
        scratch.write("work/plans/broken.txt", try Self.fixture("PK141-invalid-deadline-date.txt"))
        let failed = try run([:])
        #expect(failed.code == 1)
        #expect(failed.out.contains("::error file=plans/broken.txt,line=32"))
        let validated = try SchemaValidator.validate(schema: Repository.url("Fixtures/schemas/sarif-schema-2.1.0.json").path,
                                                     documents: [work + "/plankit.sarif"])
        #expect(validated.status == 0, "\(validated.output)")
        let sarif = try String(contentsOfFile: work + "/plankit.sarif", encoding: .utf8)
        #expect(sarif.contains("PK141") && sarif.contains("PK134"))
        // No SARIF file when the input is empty.
        try FileManager.default.removeItem(atPath: work + "/plankit.sarif")
        _ = try run(["PLANKIT_SARIF": ""])
        #expect(!FileManager.default.fileExists(atPath: work + "/plankit.sarif"))
    }

    @Test func gitlabSnippetWritesTheReportGitLabReads() throws {
        let snippet = try LintCITests.block(after: "### GitLab CI", language: "yaml")
        let commands = snippet.split(separator: "\n").compactMap { line -> String? in
            guard let dash = line.range(of: "- .build/release/plankit ") else { return nil }
            return String(line[line.index(dash.lowerBound, offsetBy: 2)...])
        }
        #expect(commands.count == 2)
        let scratch = try LintCITests.repository()
        defer { scratch.remove() }
        let work = scratch.path + "/work"
        scratch.write("work/plans/broken.txt", try Self.fixture("PK141-invalid-deadline-date.txt"))
        scratch.write("work/plans/warned.txt", try Self.fixture("PK134-weaker-than-national.txt"))
        var codes: [Int32] = []
        for command in commands {
            let local = command.replacingOccurrences(of: ".build/release/plankit", with: "'\(LintCITests.plankit)'")
            codes.append(try LintCITests.sh(local, in: work).code)
        }
        #expect(codes == [0, 1], "the report never fails the job; the plain lint fails it on the error")
        let data = try Data(contentsOf: URL(fileURLWithPath: work + "/gl-code-quality-report.json"))
        let issues = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(issues.count == 2)
        for issue in issues {
            #expect(Set(issue.keys) == ["description", "check_name", "fingerprint", "severity", "location"])
            let location = try #require(issue["location"] as? [String: Any])
            #expect((location["path"] as? String)?.hasPrefix("plans/") == true)
            #expect(((location["lines"] as? [String: Any])?["begin"] as? Int ?? 0) >= 1)
        }
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count)
        let byRule = Dictionary(uniqueKeysWithValues: issues.map { ($0["check_name"] as! String, $0["severity"] as! String) })
        #expect(byRule == ["PK141/invalid-deadline-date": "major", "PK134/weaker-than-national": "minor"])
    }

    @Test func gitlabFingerprintsStayUniqueForRepeatedFindings() throws {
        let finding = LintFinding(path: "a.txt", rule: .targetWithoutYear, severity: .warning, message: "m",
                                  span: SourceSpan(startLine: 3, endLine: 3), hint: nil, fingerprint: "same")
        var second = finding
        second.span = SourceSpan(startLine: 9, endLine: 9)
        let report = LintReport(files: [("a.txt", [])], findings: [finding, second])
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(LintFormat.gitlab.render(report).utf8)) as? [[String: Any]])
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == 2)
    }

    @Test func preCommitHookLintsTheStagedPlans() throws {
        let hooks = try String(contentsOf: Repository.url(".pre-commit-hooks.yaml"), encoding: .utf8)
        func value(_ key: String) throws -> String {
            let line = try #require(hooks.split(separator: "\n").first { $0.hasPrefix("  \(key): ") })
            return String(line.dropFirst(key.count + 4))
        }
        #expect(try value("language") == "swift")
        #expect(hooks.contains("- id: plankit-lint"))
        let entry = try value("entry")
        let files = try NSRegularExpression(pattern: try value("files"))
        func matches(_ path: String) -> Bool {
            files.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
        }
        #expect(matches("plans/a.txt") && matches("plans/b.md") && !matches("Package.swift"))
        // pre-commit puts the built executables on PATH and appends the staged files.
        let package = try String(contentsOf: Repository.url("Package.swift"), encoding: .utf8)
        #expect(package.contains(".executable(name: \"plankit\""))
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        scratch.write("plans/ok.txt", try Self.fixture("clean.txt"))
        scratch.write("plans/broken.txt", try Self.fixture("PK141-invalid-deadline-date.txt"))
        let path = URL(fileURLWithPath: LintCITests.plankit).deletingLastPathComponent().path
        let environment = ["PATH": path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
        #expect(try LintCITests.sh(entry + " plans/ok.txt", in: scratch.path, environment: environment).code == 0)
        let failed = try LintCITests.sh(entry + " plans/ok.txt plans/broken.txt", in: scratch.path, environment: environment)
        #expect(failed.code == 1)
        #expect(failed.out.contains("plans/broken.txt:32:59: error"))
    }
}
