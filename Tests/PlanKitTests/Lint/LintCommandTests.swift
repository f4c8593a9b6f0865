import Foundation
import Testing
@testable import PlanKit
@testable import PlanKitCLI

/// `plankit lint` end to end: exit codes, configuration found upwards, baselines.
@Suite struct LintCommandTests {
    /// A scratch folder holding copies of rule fixtures.
    final class Workspace {
        let root: URL

        init(_ files: [String: String]) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("plankit-lint-\(UUID().uuidString)")
            for (relative, fixture) in files {
                let url = root.appendingPathComponent(relative)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                if fixture.hasPrefix("{") {
                    try fixture.write(to: url, atomically: true, encoding: .utf8)
                } else {
                    try FileManager.default.copyItem(at: Repository.url("Fixtures/lint/" + fixture), to: url)
                }
            }
        }

        func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        Captured.run(["lint"] + arguments)
    }

    @Test func exitCodesFollowErrorsStrictAndExitZero() throws {
        let ws = try Workspace(["clean.txt": "clean.txt", "warn.txt": "PK134-weaker-than-national.txt",
                                "error.txt": "PK141-invalid-deadline-date.txt"])
        #expect(run(["--no-baseline", ws.path("clean.txt")]).code == 0)
        #expect(run(["--no-baseline", ws.path("warn.txt")]).code == 0)
        #expect(run(["--no-baseline", "--strict", ws.path("warn.txt")]).code == 1)
        #expect(run(["--no-baseline", ws.path("error.txt")]).code == 1)
        #expect(run(["--no-baseline", "--exit-zero", ws.path("error.txt")]).code == 0)
        let missing = run(["--no-baseline", ws.path("nope.txt"), ws.path("error.txt")])
        #expect(missing.code == 2)
        #expect(missing.err.contains("nope.txt: no such file"))
        #expect(missing.out.contains("[PK141/invalid-deadline-date]"), "the other files are still linted")
        #expect(run(["--format", "xml", ws.path("clean.txt")]).code == 2)
        #expect(run([]).code == 2)
    }

    @Test func configurationIsFoundUpwardsWithPerPathOverrides() throws {
        let ws = try Workspace([
            ".plankit.json": #"{"rules": {"PK134": "error"}, "overrides": [{"files": ["drafts/**"], "rules": {"weaker-than-national": "off"}}]}"#,
            "plans/a.txt": "PK134-weaker-than-national.txt",
            "drafts/2026/b.txt": "PK134-weaker-than-national.txt",
        ])
        let plans = run(["--no-baseline", ws.path("plans/a.txt")])
        #expect(plans.code == 1)
        #expect(plans.out.contains("error: indicator MT2.CT1 sets 40%"))
        let drafts = run(["--no-baseline", ws.path("drafts/2026/b.txt")])
        #expect(drafts.code == 0)
        #expect(drafts.out == "no findings in 1 file\n")
        #expect(run(["--no-baseline", "--no-config", ws.path("plans/a.txt")]).out.contains("warning: indicator MT2.CT1"))
    }

    /// The nearest `.plankit.json` wins whole (no merging with the one above it).
    @Test func nearestConfigurationWins() throws {
        let ws = try Workspace([
            ".plankit.json": #"{"rules": {"PK134": "error"}}"#,
            "plans/communes/.plankit.json": #"{"rules": {"PK141": "off"}}"#,
            "plans/a.txt": "PK134-weaker-than-national.txt",
            "plans/communes/b.txt": "PK134-weaker-than-national.txt",
            "plans/communes/c.txt": "PK141-invalid-deadline-date.txt",
        ])
        let result = run(["--no-baseline", ws.path("plans/a.txt"), ws.path("plans/communes/b.txt"), ws.path("plans/communes/c.txt")])
        #expect(result.code == 1)
        #expect(result.out.contains("plans/a.txt:17:67: error: indicator MT2.CT1 sets 40%"))
        #expect(result.out.contains("plans/communes/b.txt:17:67: warning: indicator MT2.CT1 sets 40%"))
        #expect(!result.out.contains("PK141"))
        #expect(result.out.hasSuffix("1 error and 1 warning in 3 files\n"))
    }

    /// `--exit-zero` wins over `--strict` for findings, never over a file that could not be read.
    @Test func exitZeroReportsButNeverHidesAnUnreadableFile() throws {
        let ws = try Workspace(["warn.txt": "PK134-weaker-than-national.txt", "error.txt": "PK141-invalid-deadline-date.txt"])
        let both = run(["--no-baseline", "--strict", "--exit-zero", ws.path("warn.txt"), ws.path("error.txt")])
        #expect(both.code == 0)
        #expect(both.out.hasSuffix("1 error and 1 warning in 2 files\n"), "the findings are still reported")
        let missing = run(["--no-baseline", "--exit-zero", ws.path("warn.txt"), ws.path("gone.txt")])
        #expect(missing.code == 2)
        #expect(missing.out.hasSuffix("1 warning in 1 file; 1 file could not be read\n"))
    }

    @Test func explicitConfigurationAndEveryWayToNameARule() throws {
        let ws = try Workspace([
            "lint.json": #"{"rules": {"PK134/weaker-than-national": "note", "PK141": "off"}}"#,
            "a.txt": "PK134-weaker-than-national.txt", "b.txt": "PK141-invalid-deadline-date.txt",
        ])
        let result = run(["--no-baseline", "--strict", "--config", ws.path("lint.json"), ws.path("a.txt"), ws.path("b.txt")])
        #expect(result.code == 0, "a note does not fail even a strict run; PK141 is off")
        #expect(result.out.contains(": note: indicator MT2.CT1 sets 40%"))
        #expect(!result.out.contains("PK141"))
        let sarif = run(["--no-baseline", "--format", "sarif", "--config", ws.path("lint.json"), ws.path("a.txt")])
        #expect(sarif.out.contains(#""level": "note""#))
    }

    @Test func outputFileAndListRules() throws {
        let ws = try Workspace(["a.txt": "PK141-invalid-deadline-date.txt"])
        let result = run(["--no-baseline", "--format", "json", "--output", ws.path("out.json"), ws.path("a.txt")])
        #expect(result.code == 1)
        #expect(result.out.isEmpty)
        let written = try String(contentsOfFile: ws.path("out.json"), encoding: .utf8)
        #expect(written.contains(#""rule": "PK141""#))
        let rules = run(["--list-rules"])
        #expect(rules.code == 0)
        #expect(rules.out.split(separator: "\n").count == LintRule.all.count)
    }

    @Test func badConfigurationIsAUsageError() throws {
        let ws = try Workspace([".plankit.json": #"{"rules": {"PK999": "off"}}"#, "a.txt": "clean.txt"])
        let result = run(["--no-baseline", ws.path("a.txt")])
        #expect(result.code == 2)
        #expect(result.err.contains(".plankit.json: rules: unknown rule 'PK999'"))
    }

    @Test func baselineSuppressesKnownFindingsByContentNotLine() throws {
        let ws = try Workspace(["a.txt": "PK141-invalid-deadline-date.txt"])
        let baseline = ws.path("baseline.json")
        #expect(run(["--baseline", baseline, "--write-baseline", ws.path("a.txt")]).code == 0)
        let known = run(["--baseline", baseline, ws.path("a.txt")])
        #expect(known.code == 0)
        #expect(known.out == "no findings in 1 file; 1 suppressed by the baseline\n")

        // Lines added above the finding: still suppressed. A new finding: reported.
        var text = try String(contentsOfFile: ws.path("a.txt"), encoding: .utf8)
        text = text.replacingOccurrences(of: "I. MỤC TIÊU\n", with: "I. MỤC TIÊU\n\n\n")
            .replacingOccurrences(of: "lên đạt 50%", with: "lên đạt 40%")
        try text.write(toFile: ws.path("a.txt"), atomically: true, encoding: .utf8)
        let moved = run(["--baseline", baseline, ws.path("a.txt")])
        #expect(moved.code == 0)
        #expect(moved.out.contains("[PK134/weaker-than-national]"))
        #expect(!moved.out.contains("[PK141/"))
        #expect(moved.out.hasSuffix("1 warning in 1 file; 1 suppressed by the baseline\n"))
    }

    /// Counts across files: what was recorded, what is suppressed, what is new.
    @Test func baselineCountsAcrossFiles() throws {
        let ws = try Workspace(["plans/a.txt": "PK101-indicator-without-owner.txt", "plans/b.txt": "PK134-weaker-than-national.txt",
                                "plans/c.txt": "PK141-invalid-deadline-date.txt"])
        let baseline = ws.path("plans/.plankit-baseline.json")
        let files = ["plans/a.txt", "plans/b.txt", "plans/c.txt"].map(ws.path)
        let written = run(["--baseline", baseline, "--write-baseline"] + files)
        #expect(written.code == 0)
        #expect(written.err == "plankit lint: recorded 3 findings in \(baseline)\n")
        let recorded = try String(contentsOfFile: baseline, encoding: .utf8)
        #expect(recorded.contains(#""path": "a.txt""#), "paths relative to the baseline's folder")
        #expect(!recorded.contains("\"line\""), "no line numbers")

        #expect(run(["--baseline", baseline] + files).out == "no findings in 3 files; 3 suppressed by the baseline\n")
        // c.txt's deadline fixed (one fewer to suppress) and b.txt's other indicator weakened (one new).
        try String(contentsOfFile: ws.path("plans/c.txt"), encoding: .utf8).replacingOccurrences(of: "31/11", with: "30/11")
            .write(toFile: ws.path("plans/c.txt"), atomically: true, encoding: .utf8)
        try String(contentsOfFile: ws.path("plans/b.txt"), encoding: .utf8).replacingOccurrences(of: "dưới 30%", with: "dưới 35%")
            .write(toFile: ws.path("plans/b.txt"), atomically: true, encoding: .utf8)
        let later = run(["--baseline", baseline] + files)
        #expect(later.code == 0)
        #expect(later.out.contains("b.txt:18:"))
        #expect(later.out.hasSuffix("1 warning in 3 files; 2 suppressed by the baseline\n"))
        #expect(run(["--no-baseline"] + files).out.hasSuffix("3 warnings in 3 files\n"))
    }

    /// `--step-summary` appends (each run adds its table); a summary that cannot be written is a warning only.
    @Test func stepSummaryIsAppendedAndNeverFailsTheRun() throws {
        let ws = try Workspace(["a.txt": "PK141-invalid-deadline-date.txt"])
        let summary = ws.path("summary.md")
        try "earlier step\n".write(toFile: summary, atomically: true, encoding: .utf8)
        let result = run(["--no-baseline", "--step-summary", summary, ws.path("a.txt")])
        #expect(result.code == 1)
        let written = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(written.hasPrefix("earlier step\n### plankit lint\n\n1 error in 1 file\n"))
        #expect(written.contains("| error | "))
        let unwritable = run(["--no-baseline", "--step-summary", ws.path("no/such/folder/s.md"), ws.path("a.txt")])
        #expect(unwritable.code == 1)
        #expect(unwritable.err.contains("warning: cannot append the step summary"))
    }

    @Test func globMatchesFoldersAndNames() {
        #expect(Glob.matches("drafts/**", "drafts/2026/b.txt"))
        #expect(Glob.matches("**/*.txt", "a/b/c.txt"))
        #expect(Glob.matches("**/*.txt", "c.txt"))
        #expect(Glob.matches("plans/*.txt", "plans/a.txt"))
        #expect(!Glob.matches("plans/*.txt", "plans/x/a.txt"))
        #expect(Glob.matches("p?ans/a.txt", "plans/a.txt"))
    }
}
