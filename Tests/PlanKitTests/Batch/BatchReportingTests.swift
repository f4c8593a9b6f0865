import Foundation
import Testing
@testable import PlanKit
@testable import PlanKitCLI

/// What `plankit batch` tells its user while and after it runs, and what `export` carries over.
@Suite struct BatchReportingTests {
    @Test func progressLineShowsDoneTotalRateAndTimeLeft() {
        let line = BatchCommand.render(BatchRunner.Progress(done: 250, total: 1000, bytes: 5_000_000, elapsed: 10))
        #expect(line.hasPrefix("\r\u{1B}[K"))
        #expect(line.contains("250/1000 files"))
        #expect(line.contains("25.0%"))
        #expect(line.contains("25.0 files/s"))
        #expect(line.contains("0.5 MB/s"))
        #expect(line.contains("ETA 0:30"))
    }

    /// Drawn only when stderr is a terminal; redirected to a file or a pipe, stderr gets the summary alone.
    @Test func progressOnlyOnATerminal() {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        for seed in ArchiveFixtures.seeds { dir.write("in/" + seed.name, seed.bytes) }
        let quiet = CapturedRun(["batch", dir.path + "/in", "--jsonl", dir.path + "/a.jsonl"])
        #expect(quiet.exitCode == ExitCode.success)
        #expect(!quiet.err.contains("\r"))
        #expect(!quiet.err.contains("ETA"))
        // Seed 000 is the one damaged file: its repaired lines are counted.
        let damaged = ArchiveFixtures.seeds.first { $0.name.hasPrefix("000") }!
        let repairedLines = Set(PlanParser.parse(try! SourceText(path: damaged.name, bytes: damaged.bytes)).repairs.map(\.line)).count
        #expect(repairedLines > 150)
        #expect(quiet.err.hasPrefix("plankit batch: 5 files, 5 parsed, 0 failed, \(repairedLines) repaired lines"))

        let drawn = CapturedRun(["batch", dir.path + "/in", "--jsonl", dir.path + "/b.jsonl"], stderrIsTerminal: true)
        #expect(drawn.exitCode == ExitCode.success)
        #expect(drawn.err.contains("5/5 files 100.0%"))
        #expect(drawn.err.contains("ETA 0:00"))
        // The progress line is erased before the summary is written.
        #expect(drawn.err.contains("\r\u{1B}[Kplankit batch: 5 files, 5 parsed"))
    }

    /// The summary names the failed files with the reason, and counts repaired lines from each plan's
    /// `repairs`.
    @Test func summaryCountsAndReasons() {
        var summary = BatchSummary()
        summary.files = 3
        summary.parsed = 2
        summary.repairedLines = 7
        summary.failures = [BatchSummary.Failure(path: "a/hong.txt", reason: "is not valid UTF-8")]
        summary.elapsed = 2
        summary.bytes = 4_000_000
        let text = BatchCommand.report(summary)
        #expect(text.hasPrefix("plankit batch: 3 files, 2 parsed, 1 failed, 7 repaired lines in 2.00 s (2.0 MB/s)\n"))
        #expect(text.contains("failed:\n  a/hong.txt: is not valid UTF-8\n"))
    }

    /// The nationalId column carries `Indicator.nationalId` from the plan JSON when a stage has set it.
    @Test func exportCarriesNationalId() throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let seed = try #require(ArchiveFixtures.seeds.first { $0.name.hasPrefix("001") })
        var plan = PlanParser.parse(try SourceText(path: seed.name, bytes: seed.bytes))
        let objectiveIndex = try #require(plan.objectives.firstIndex { $0.indicators.first?.targets.isEmpty == false })
        plan.objectives[objectiveIndex].indicators[0].nationalId = "9.9"
        let id = plan.objectives[objectiveIndex].indicators[0].id
        let targets = plan.objectives[objectiveIndex].indicators[0].targets.count
        #expect(targets > 0)
        dir.write("p.json", Array(try PlanJSONEncoder().encode(plan).utf8))
        let run = CapturedRun(["export", "--csv", dir.path + "/p.json"])
        #expect(run.exitCode == ExitCode.success)
        let records = run.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
        let column = try #require(TargetTable.columns.firstIndex(of: "nationalId"))
        let indicatorColumn = try #require(TargetTable.columns.firstIndex(of: "indicator"))
        let rows = records.dropFirst().filter { $0.count > column && $0[indicatorColumn] == id }
        #expect(rows.count == targets)
        #expect(rows.allSatisfy { $0[column] == "9.9" })
        // Every row carries its indicator's nationalId as the plan has it; null exports an empty cell.
        var expected: [String: String] = [:]
        for indicator in plan.objectives.flatMap(\.indicators) { expected[indicator.id] = indicator.nationalId ?? "" }
        let others = records.dropFirst().filter { $0.count > column && $0[indicatorColumn] != id }
        #expect(!others.isEmpty)
        #expect(others.allSatisfy { expected[$0[indicatorColumn]] == $0[column] })
        // A plan whose indicators have none: all empty.
        var bare = plan
        for o in bare.objectives.indices {
            for i in bare.objectives[o].indicators.indices { bare.objectives[o].indicators[i].nationalId = nil }
        }
        dir.write("bare.json", Array(try PlanJSONEncoder().encode(bare).utf8))
        let bareRun = CapturedRun(["export", "--csv", dir.path + "/bare.json"])
        let bareRows = bareRun.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
        #expect(bareRows.count == records.count)
        #expect(bareRows.dropFirst().allSatisfy { $0.count > column && $0[column] == "" })
    }
}
