import Foundation
import Testing
@testable import PlanKit

/// The CI examples in docs/lint.md, run for real against a scratch git repository: the shell
/// pipeline as written, and every `plankit` command of the GitHub Actions workflow.
@Suite struct LintCITests {
    /// The `plankit` this test run built: beside the test executable.
    static var plankit: String {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // On Linux the runner is `.build/debug/<Package>PackageTests.xctest`; elsewhere it may sit deeper.
        for _ in 0..<4 where !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("plankit").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("plankit").path
    }

    /// The fenced block of `language` that follows `heading` in docs/lint.md.
    static func block(after heading: String, language: String) throws -> String {
        let text = try String(contentsOf: Repository.url("docs/lint.md"), encoding: .utf8)
        let start = try #require(text.range(of: heading + "\n"))
        let open = try #require(text.range(of: "```" + language + "\n", range: start.upperBound..<text.endIndex))
        let close = try #require(text.range(of: "\n```", range: open.upperBound..<text.endIndex))
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// Runs `command` with `sh -c` in `folder`.
    static func sh(_ command: String, in folder: String, environment: [String: String] = [:]) throws -> (code: Int32, out: String) {
        let (status, output) = try runProcess("/bin/sh", ["-c", command], in: folder, environment: environment)
        return (status, output)
    }

    /// A git repository with `plans/ok.txt` on its `main`, pushed to a bare `origin`.
    static func repository() throws -> ScratchDirectory {
        let scratch = ScratchDirectory()
        let clean = try [UInt8](Data(contentsOf: Repository.url("Fixtures/lint/clean.txt")))
        scratch.write("work/plans/ok.txt", clean)
        let setup = """
            set -e
            git init -q --bare origin.git
            cd work
            git init -q -b main
            git add plans
            git -c user.name=ci -c user.email=ci@example.org commit -q -m plans
            git remote add origin ../origin.git
            git push -q origin main
            """
        let result = try sh(setup, in: scratch.path)
        #expect(result.code == 0, "\(result.out)")
        return scratch
    }

    @Test func shellPipelineLintsTheChangedPlansAndFailsOnFindings() throws {
        let script = try Self.block(after: "### Plain shell pipeline", language: "sh")
        let scratch = try Self.repository()
        defer { scratch.remove() }
        let work = scratch.path + "/work"
        let environment = ["PLANKIT": Self.plankit]

        let nothing = try Self.sh(script, in: work, environment: environment)
        #expect(nothing.code == 0)
        #expect(nothing.out == "no plans to lint\n")

        scratch.write("work/plans/new.txt", try [UInt8](Data(contentsOf: Repository.url("Fixtures/lint/PK134-weaker-than-national.txt"))))
        let added = try Self.sh("git add plans", in: work)
        #expect(added.code == 0, "\(added.out)")
        let warned = try Self.sh(script, in: work, environment: environment)
        #expect(warned.code == 1, "--strict fails on a warning")
        #expect(warned.out.contains("plans/new.txt:17:67: warning: indicator MT2.CT1 sets 40%"))
        #expect(!warned.out.contains("ok.txt"), "only the changed plan is linted")
        #expect(warned.out.hasSuffix("1 warning in 1 file\nplans have findings that fail the build (see above)\n"))

        scratch.write("work/plans/new.txt", try [UInt8](Data(contentsOf: Repository.url("Fixtures/lint/PK134-weaker-than-national-passes.txt"))))
        let fixed = try Self.sh(script, in: work, environment: environment)
        #expect(fixed.code == 0)
        #expect(fixed.out == "no findings in 1 file\nplans OK\n")

        // No base to compare with: every plan.
        let all = try Self.sh(script, in: work, environment: environment.merging(["BASE": "no-such-ref"]) { $1 })
        #expect(all.out == "no findings in 2 files\nplans OK\n")
    }

    @Test func workflowCommandsRunAsWritten() throws {
        let workflow = try Self.block(after: "### GitHub Actions", language: "yaml")
        let commands = workflow.split(separator: "\n")
            .compactMap { line in line.range(of: "run: ").map { String(line[$0.upperBound...]) } }
            .filter { $0.hasPrefix(".build/release/plankit ") }
        #expect(commands.count == 2)
        let scratch = try Self.repository()
        defer { scratch.remove() }
        scratch.write("work/plans/b.txt", try [UInt8](Data(contentsOf: Repository.url("Fixtures/lint/PK141-invalid-deadline-date.txt"))))
        let stepSummary = scratch.path + "/step-summary.md"
        for command in commands {
            let local = command.replacingOccurrences(of: ".build/release/plankit", with: "'\(Self.plankit)'")
            let result = try Self.sh(local, in: scratch.path + "/work", environment: ["GITHUB_STEP_SUMMARY": stepSummary])
            if command.contains("--format github") {
                #expect(result.code == 1, "the error fails the step")
                #expect(result.out.contains("::error file=plans/b.txt,line=32,col=59,endColumn=64,title=PK141/invalid-deadline-date::"))
                let summary = try String(contentsOfFile: stepSummary, encoding: .utf8)
                #expect(summary.contains("| error | plans/b.txt:32:59 | PK141/invalid-deadline-date |"))
            } else {
                #expect(result.code == 0, "\(command): \(result.out)")
            }
        }
        #expect(try String(contentsOfFile: stepSummary, encoding: .utf8).components(separatedBy: "### plankit lint").count == 2,
                "only the github format writes the job summary by default")
        let sarif = scratch.path + "/work/plankit.sarif"
        let validated = try SchemaValidator.validate(schema: Repository.url("Fixtures/schemas/sarif-schema-2.1.0.json").path,
                                                     documents: [sarif])
        #expect(validated.status == 0, "\(validated.output)")
    }
}
