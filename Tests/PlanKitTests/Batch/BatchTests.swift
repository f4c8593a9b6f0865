import Foundation
import Testing
@testable import PlanKit
@testable import PlanKitCLI

@Suite struct BatchTests {
    static let allBytesFiveTimes: [UInt8] = (0..<1280).map { UInt8($0 % 256) }
    static let digests: [([UInt8], String)] = [
        ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (allBytesFiveTimes, "d414b085826eb06778483ba35564dc849e643359f69ed9747878ba6e54985bed"),
        (Array(String(repeating: "Kế hoạch", count: 13).utf8), "fc933141fd8fc7625903abb5f91d3ece424f248f96bd4ed68c1f27e2cfb6e642"),
    ]

    /// Digests from Python's hashlib.
    @Test func sha256() {
        for (bytes, digest) in Self.digests {
            #expect(SHA256.hex(bytes) == digest, "\(digest)")
        }
    }

    @Test func globs() {
        let rows: [(pattern: String, path: String, matches: Bool)] = [
            ("*.txt", "a/b/kh.txt", true),
            ("*.txt", "a/b/kh.md", false),
            ("2021/*.txt", "2021/kh.txt", true),
            ("2021/*.txt", "2022/kh.txt", false),
            ("**/nhap/*", "a/nhap/x.txt", true),
            ("**/nhap/*", "nhap/x.txt", true),
            ("ke-hoach-??.txt", "x/ke-hoach-01.txt", true),
        ]
        for (pattern, path, matches) in rows {
            #expect(BatchInputs.matches(pattern, path) == matches, "\(pattern) \(path)")
        }
    }

    @Test func walksFoldersSortedWithIncludeAndExclude() throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        for name in ["b.txt", "a.txt", "sub/c.txt", "sub/draft-d.txt", "notes.doc", ".hidden.txt", ".git/x.txt"] {
            dir.write(name, Array("x".utf8))
        }
        let found = try BatchInputs(exclude: ["draft-*"]).expand([dir.path]).map(\.relativePath)
        #expect(found == ["a.txt", "b.txt", "sub/c.txt"])
        #expect(throws: BatchInputs.Problem.missing(dir.path + "/nope")) { try BatchInputs().expand([dir.path + "/nope"]) }
    }

    @Test func refusesTwoInputsWithOneOutput() {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        dir.write("a/x.txt", [0x41]); dir.write("b/x.txt", [0x42])
        let run = CapturedRun(["batch", dir.path + "/a/x.txt", dir.path + "/b/x.txt", "--out", dir.path + "/out"])
        #expect(run.exitCode == ExitCode.usage)
        #expect(run.err.contains("would both be written to x.json"))
    }

    /// One output per input, atomically; a rerun skips them; --force redoes them; a bad file fails alone.
    @Test func writesSkipsAndRedoes() throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        for seed in ArchiveFixtures.seeds.prefix(3) { dir.write("in/2021/" + seed.name, seed.bytes) }
        dir.write("in/hong.txt", [0x4B, 0xC3, 0x28, 0x0A])
        let out = dir.path + "/out"

        let first = CapturedRun(["batch", dir.path + "/in", "--out", out, "--jobs", "2"])
        #expect(first.exitCode == ExitCode.failure)
        #expect(first.err.contains("4 files, 3 parsed, 1 failed"))
        #expect(first.err.contains("in/hong.txt:1: is not valid UTF-8"))
        for seed in ArchiveFixtures.seeds.prefix(3) {
            let json = try #require(dir.read("out/2021/" + seed.name.replacingOccurrences(of: ".txt", with: ".json")))
            let expected = try PlanJSONEncoder(style: .pretty).encode(
                PlanParser.parse(SourceText(path: dir.path + "/in/2021/" + seed.name, bytes: seed.bytes)))
            #expect(json == expected + "\n")
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: out).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)

        let second = CapturedRun(["batch", dir.path + "/in", "--out", out])
        #expect(second.err.contains("0 parsed, 3 up to date (skipped), 1 failed"))

        dir.write("in/2021/" + ArchiveFixtures.seeds[0].name, ArchiveFixtures.seeds[0].bytes + Array("\nThêm.\n".utf8))
        let third = CapturedRun(["batch", dir.path + "/in", "--out", out, "--exclude", "hong.txt"])
        #expect(third.exitCode == ExitCode.success)
        #expect(third.err.contains("3 files, 1 parsed, 2 up to date"))

        let forced = CapturedRun(["batch", dir.path + "/in", "--out", out, "--exclude", "hong.txt", "--force"])
        #expect(forced.err.contains("3 files, 3 parsed, 0 failed"))
    }

    /// The same inputs give byte-identical JSON Lines whatever the number of workers, in input order.
    @Test func jsonLinesAreDeterministicAcrossWorkerCounts() throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        // The damaged seed once (its repair is slow in debug builds), the clean ones six times.
        var count = 0
        for copy in 0..<6 {
            for seed in ArchiveFixtures.seeds where copy == 0 || !seed.name.hasPrefix("000") {
                dir.write("in/\(copy)/" + seed.name, seed.bytes)
                count += 1
            }
        }
        var outputs: [String] = []
        for jobs in [1, 2, 5] {
            let run = CapturedRun(["batch", dir.path + "/in", "--jsonl", dir.path + "/all-\(jobs).jsonl", "--jobs", "\(jobs)"])
            #expect(run.exitCode == ExitCode.success, "\(run.err)")
            outputs.append(try #require(dir.read("all-\(jobs).jsonl")))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
        let lines = outputs[0].split(separator: "\n")
        #expect(lines.count == count)
        let parse = CapturedRun(["parse", "--jsonl", dir.path + "/in/0/" + ArchiveFixtures.seeds[0].name])
        #expect(String(lines[0]) + "\n" == parse.out)
    }

    @Test func usageErrors() {
        let rows: [(arguments: [String], error: String)] = [
            (["batch", "--out", "x"], "no input files or folders"),
            (["batch", "."], "say where to write: --out DIR or --jsonl FILE"),
            (["batch", ".", "--out", "a", "--jsonl", "b"], "--out and --jsonl exclude each other"),
            (["batch", ".", "--out", "a", "--jobs", "0"], "--jobs needs a positive number, not '0'"),
            (["batch", "/no/such/dir", "--out", "a"], "/no/such/dir: no such file or folder"),
        ]
        for (arguments, error) in rows {
            let run = CapturedRun(arguments)
            #expect(run.exitCode == ExitCode.usage, "\(arguments)")
            #expect(run.err.hasPrefix("plankit batch: error: \(error)\n"), "\(arguments)")
        }
        #expect(CapturedRun(["batch", "--help"]).out.contains("--include GLOB"))
    }
}

@Suite struct ExportTests {
    @Test func rfc4180() {
        let rows: [(fields: [String], line: String)] = [
            (["plain", "a,b", "say \"x\"", "l1\nl2", "", "38.6"], "plain,\"a,b\",\"say \"\"x\"\"\",\"l1\nl2\",,38.6\r\n"),
            (["Bình Lư", "ít nhất 30%"], "Bình Lư,ít nhất 30%\r\n"),
        ]
        for (fields, line) in rows {
            #expect(TargetTable.record(fields) == line, "\(line.debugDescription)")
        }
    }

    /// Plan files, batch JSON and JSON Lines give the same rows: one per target.
    @Test func oneRowPerTargetFromEveryInputKind() throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        for seed in ArchiveFixtures.seeds { dir.write("in/" + seed.name, seed.bytes) }
        _ = CapturedRun(["batch", dir.path + "/in", "--out", dir.path + "/json"])
        _ = CapturedRun(["batch", dir.path + "/in", "--jsonl", dir.path + "/all.jsonl"])
        let fromText = CapturedRun(["export", "--csv", dir.path + "/in"])
        let fromJSON = CapturedRun(["export", "--csv", dir.path + "/json"])
        let fromLines = CapturedRun(["export", "--csv", dir.path + "/all.jsonl"])
        #expect(fromText.exitCode == ExitCode.success)
        #expect(fromText.out == fromJSON.out)
        #expect(fromText.out == fromLines.out)

        var targets = 0
        for seed in ArchiveFixtures.seeds {
            let plan = PlanParser.parse(try SourceText(path: seed.name, bytes: seed.bytes))
            targets += plan.objectives.flatMap(\.indicators).flatMap(\.targets).count
        }
        let records = fromText.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(records.first == TargetTable.columns.joined(separator: ","))
        #expect(records.count == targets + 1)
    }

    @Test func unreadableInputsFailAlone() throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        dir.write("broken.json", Array("{not json".utf8))
        dir.write("ok/" + ArchiveFixtures.seeds[1].name, ArchiveFixtures.seeds[1].bytes)
        let run = CapturedRun(["export", "--csv", dir.path + "/broken.json", dir.path + "/ok"])
        #expect(run.exitCode == ExitCode.failure)
        #expect(run.err.contains("broken.json: is not valid JSON"))
        #expect(run.out.hasPrefix("file,locality"))
        // The readable plan's rows are all there: one per target, after the header.
        let plan = PlanParser.parse(try SourceText(path: "x", bytes: ArchiveFixtures.seeds[1].bytes))
        let targets = plan.objectives.flatMap(\.indicators).flatMap(\.targets).count
        #expect(targets > 0 && run.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == targets + 1)
        #expect(CapturedRun(["export", dir.path]).exitCode == ExitCode.usage)
    }
}
