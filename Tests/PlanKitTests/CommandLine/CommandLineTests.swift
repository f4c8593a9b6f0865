import Foundation
import Testing
@testable import PlanKit
@testable import PlanKitCLI

/// Runs the tool in-process and captures what it prints.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    var out: String { lock.withLock { outText } }
    var err: String { lock.withLock { errText } }

    var console: Console {
        Console(out: { s in self.lock.withLock { self.outText += s } }, err: { s in self.lock.withLock { self.errText += s } })
    }

    static func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let captured = Captured()
        let code = CommandLineTool.main(arguments, console: captured.console)
        return (code, captured.out, captured.err)
    }
}

@Suite struct CommandLineTests {
    static let seed = Repository.url(Repository.seeds["001"]!).path

    @Test func parsesOneFileAsPrettyJSON() throws {
        let (code, out, err) = Captured.run(["parse", Self.seed])
        #expect(code == 0)
        #expect(err.isEmpty)
        let plan = try JSONDecoder().decode(Plan.self, from: Data(out.utf8))
        #expect(plan.header.number == "645/KH-UBND")
        #expect(out.hasPrefix("{\n  \"schemaVersion\": 1,"))
    }

    @Test func badFilesAreReportedOneLineEachAndTheRestStillParse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plankit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let latin1 = folder.appendingPathComponent("latin1.txt")
        try Data("KẾ HOẠCH\nline two\n".utf8 + [0xE9, 0x0A]).write(to: latin1)
        let missing = folder.appendingPathComponent("missing.txt").path

        let (code, out, err) = Captured.run(["parse", missing, folder.path, latin1.path, Self.seed])
        #expect(code == 2)
        #expect(err == """
            plankit parse: error: \(missing): no such file
            plankit parse: error: \(folder.path): is a directory, not a plan file
            plankit parse: error: \(latin1.path):3: is not valid UTF-8 (byte 0xE9 at offset 22), nor recognisably Windows-1258, TCVN3 or VNI text; convert it to UTF-8

            """)
        let plans = try JSONDecoder().decode([Plan].self, from: Data(out.utf8))
        #expect(plans.map(\.header.number) == ["645/KH-UBND"])
    }

    @Test func jsonLinesWritesOneCompactDocumentPerLine() throws {
        let seeds = ["001", "002", "003"].map { Repository.url(Repository.seeds[$0]!).path }
        let (code, out, _) = Captured.run(["parse", "--jsonl"] + seeds)
        #expect(code == 0)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 3)
        // Each line is the plan of its file, in the order given.
        let plans = try lines.map { try JSONDecoder().decode(Plan.self, from: Data($0.utf8)) }
        #expect(plans == (try seeds.map { PlanParser.parse(try SourceText.read(path: $0)) }))
    }

    @Test func outputFileIsWrittenWhole() throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("plankit-out-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: target) }
        try Data("previous content".utf8).write(to: target)
        let (code, out, _) = Captured.run(["parse", "--output", target.path, Self.seed])
        #expect(code == 0)
        #expect(out.isEmpty)
        let plan = try JSONDecoder().decode(Plan.self, from: Data(contentsOf: target))
        #expect(plan.header.number == "645/KH-UBND")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(target.lastPathComponent)") }
        #expect(leftovers.isEmpty)
    }

    /// A mild scan's Tesseract text looks clean to the damage screen; `--ocr` says what it is, and
    /// its OCR confusions ("đưới" for "dưới") are repaired and logged.
    @Test func ocrFlagRepairsTextKnownToComeFromOCR() throws {
        let render = Repository.url("Fixtures/ocr/holdout/001_43d52928025800ca.notoserif-harsh.txt").path
        let (plainCode, plainOut, _) = Captured.run(["parse", "--compact", render])
        let (code, out, _) = Captured.run(["parse", "--compact", "--ocr", render])
        #expect(plainCode == 0 && code == 0)
        let plain = try JSONDecoder().decode(Plan.self, from: Data(plainOut.utf8))
        let plan = try JSONDecoder().decode(Plan.self, from: Data(out.utf8))
        #expect(plain.repairs.isEmpty)
        #expect(plan.repairs.contains { $0.line == 49 && $0.original == "đưới" && $0.repaired == "dưới" })
        #expect(plan.source.origin?.format == "text")
        #expect(plan.source.origin?.extractor == "ocr")
        // The repaired comparator reaches the target: "xuống dưới 60% vào năm 2030".
        let target = plan.objectives.first { $0.number == 2 }?.indicators.first { $0.number == 2 }?.targets.first
        #expect(target?.comparator == .lt)
        #expect(target?.value == 60)
    }

    @Test func helpExplainsUsage() {
        // A command's help shows that command's usage line; the tool's own help, the general one.
        let rows: [(arguments: [String], usage: String)] = [
            (["parse", "--help"], "USAGE: plankit parse [--jsonl] [--compact] [--no-repair] [--ocr] [--output FILE] [--keep-text DIR] FILE...\n"),
            (["--help"], "USAGE: plankit <command> [options] FILE...\n"),
            (["parse", "-h"], "USAGE: plankit parse [--jsonl] [--compact] [--no-repair] [--ocr] [--output FILE] [--keep-text DIR] FILE...\n"),
        ]
        for (arguments, usage) in rows {
            let (code, out, _) = Captured.run(arguments)
            #expect(code == 0, "\(arguments)")
            #expect(out.contains(usage), "\(arguments)")
        }
    }

    @Test func usageErrorsExitWithTwo() {
        let rows: [(arguments: [String], message: String)] = [
            (["parse"], "plankit parse: error: no input files"),
            (["parse", "--bogus", "x"], "plankit parse: error: unknown option '--bogus'"),
            (["frobnicate"], "plankit: error: unknown command 'frobnicate'"),
            ([], "plankit 0.1.0"),
        ]
        for (arguments, message) in rows {
            let (code, _, err) = Captured.run(arguments)
            #expect(code == 2, "\(arguments)")
            #expect(err.hasPrefix(message), "\(arguments)")
        }
    }

    @Test func sameInputGivesTheSameBytes() {
        let first = Captured.run(["parse", Self.seed]).out
        let second = Captured.run(["parse", Self.seed]).out
        #expect(first == second)
    }
}
