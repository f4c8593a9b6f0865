// plankit-bench: throughput of the pipeline on a corpus built from the fixtures, batch scaling
// over worker counts, and the cost of growing and pathological inputs.
//
//     swift run -c release plankit-bench [--corpus-mb N] [--repeat N] [--only corpus|repair|batch|scaling]
//     swift run -c release plankit-bench --vs-cmark [--corpus-mb N] [--repeat N] [--baseline PLANKIT]
//
// --vs-cmark times whole commands as a user runs them (`plankit batch --jobs 1 --out`, `plankit
// parse --compact` of one large file, the same of damaged text) beside `cmark --to xml` on the
// same file, as child processes: CPU time and peak memory from wait4(2), median of the repeats.
// `--baseline` runs an earlier `plankit` binary in the same rounds and compares the outputs.
//
// Times are wall-clock and, next to them, CPU time of the measuring thread (or process): on a
// machine shared with other work the CPU figure is the one that says what a core can do.
import Dispatch
import Foundation
import PlanKit
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Options

var corpusMB = 32
var repeats = 3
var only: String?
var versusCmark = false
var damagedMB = 1
var baselinePath: String?
/// The `plankit` built beside this executable (same configuration).
var plankitPath = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("plankit").path
var fixturesPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/seeds").path
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--corpus-mb": corpusMB = Int(arguments.popFirst() ?? "") ?? corpusMB
    case "--repeat": repeats = max(1, Int(arguments.popFirst() ?? "") ?? repeats)
    case "--only": only = arguments.popFirst()
    case "--fixtures": fixturesPath = arguments.popFirst() ?? fixturesPath
    case "--vs-cmark": versusCmark = true
    case "--damaged-mb": damagedMB = max(1, Int(arguments.popFirst() ?? "") ?? damagedMB)
    case "--plankit": plankitPath = arguments.popFirst() ?? plankitPath
    case "--baseline": baselinePath = arguments.popFirst()
    default:
        print("usage: plankit-bench [--corpus-mb N] [--repeat N] [--only corpus|repair|batch|scaling] [--fixtures DIR]")
        print("       plankit-bench --vs-cmark [--corpus-mb N] [--repeat N] [--damaged-mb N] [--plankit PATH] [--baseline PATH]")
        exit(2)
    }
}

// MARK: - Clocks

func wallNow() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func threadCPUNow() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

func processCPUNow() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

struct Timing {
    var wall: Double
    var cpu: Double
}

/// Best of `repeats` runs (the least disturbed by other work on the machine).
@MainActor func measure(_ body: () -> Void) -> Timing {
    var best = Timing(wall: .infinity, cpu: .infinity)
    for _ in 0..<repeats {
        let w0 = wallNow(), c0 = threadCPUNow()
        body()
        let c1 = threadCPUNow(), w1 = wallNow()
        best.wall = min(best.wall, Double(w1 - w0) / 1e9)
        best.cpu = min(best.cpu, Double(c1 - c0) / 1e9)
    }
    return best
}

func mb(_ bytes: Int) -> Double { Double(bytes) / 1_000_000 }
func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
func f(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

// MARK: - Corpus

/// The fixtures, repeated and varied until the corpus reaches `targetBytes`: numbers and years
/// shifted, CRLF line ends, blank lines doubled (PDF style), NFD, a BOM. Deterministic.
@MainActor func buildCorpus(targetBytes: Int) -> [(name: String, bytes: [UInt8])] {
    // Clean text only: seed 000 is damaged, and its repair is measured on its own (repairSection).
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: fixturesPath)) ?? [])
        .filter { $0.hasSuffix(".txt") && !$0.hasPrefix("000_") }.sorted()
    let seeds = names.map { String(decoding: FileManager.default.contents(atPath: fixturesPath + "/" + $0) ?? Data(), as: UTF8.self) }
    guard !seeds.isEmpty else { print("no fixtures in \(fixturesPath)"); exit(2) }
    var corpus: [(String, [UInt8])] = []
    var total = 0
    var copy = 0
    while total < targetBytes {
        for (seedIndex, seed) in seeds.enumerated() where total < targetBytes {
            var text = seed
            // Shift digits so numbers and years differ from copy to copy.
            let shift = copy % 10
            if shift > 0 {
                text = String(String.UnicodeScalarView(text.unicodeScalars.map { s in
                    (s.value >= 0x30 && s.value <= 0x39) ? Unicode.Scalar(0x30 + (s.value - 0x30 + UInt32(shift)) % 10)! : s
                }))
            }
            switch copy % 5 {
            case 1: text = text.replacingOccurrences(of: "\n", with: "\r\n")
            case 2: text = text.replacingOccurrences(of: "\n", with: "\n\n")
            case 3: text = text.decomposedStringWithCanonicalMapping
            case 4: text = "\u{FEFF}" + text
            default: break
            }
            let bytes = Array(text.utf8)
            corpus.append(("\(copy)/\(names[seedIndex])", bytes))
            total += bytes.count
        }
        copy += 1
    }
    return corpus
}

// MARK: - Pathological inputs

/// Inputs of about `size` bytes of each shape the issue names.
let shapes: [(name: String, make: @MainActor (Int) -> [UInt8])] = [
    ("damaged plan text (seed 000, lost glyphs, repeated): parse with repair", { size in
        let seed = Array(FileManager.default.contents(atPath: fixturesPath + "/000_a9439903c9056b27.txt") ?? Data())
        guard !seed.isEmpty else { return [] }
        var out: [UInt8] = []
        while out.count < size { out += seed; out.append(0x0A) }
        return out
    }),
    ("plan text (the benchmark corpus in one file)", { size in
        // The same mix as the corpus section (the four clean seeds, varied), concatenated.
        var out: [UInt8] = []
        out.reserveCapacity(size + 40_000)
        for document in buildCorpus(targetBytes: size) {
            var bytes = document.bytes[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            out += bytes
            out.append(0x0A)
        }
        return out
    }),
    ("one line, no line break", { size in
        let unit = Array("Đến năm 2030 đạt ít nhất 30% cán bộ nữ; ".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(size + unit.count)
        while out.count < size { out += unit }
        return out
    }),
    ("spaces only", { size in [UInt8](repeating: 0x20, count: size) }),
    ("bullets (\"- mục\" lines)", { size in
        var out: [UInt8] = []
        var i = 0
        while out.count < size { out += Array("- Nội dung thứ \(i) đạt 50%\n".utf8); i += 1 }
        return out
    }),
    ("numbering nested 50 deep", { size in
        var out: [UInt8] = Array("II. NỘI DUNG\n".utf8)
        var i = 0
        while out.count < size {
            let depth = i % 50 + 1
            let marker = (0..<depth).map { _ in "1" }.joined(separator: ".") + "."
            out += Array("\(marker) Mục cấp \(depth)\n".utf8)
            i += 1
        }
        return out
    }),
    ("5 000-digit numbers (\"đạt 999…9%\")", { size in
        let line = Array(("Chỉ tiêu 1: đạt " + String(repeating: "9", count: 5000) + "% vào năm 2030\n").utf8)
        var out: [UInt8] = Array("Mục tiêu 1: Trong lĩnh vực chính trị\n".utf8)
        while out.count < size { out += line }
        return out
    }),
]

// MARK: - Sections

@MainActor func corpusSection() {
    print("## Parse throughput on one core (corpus built from the fixtures)\n")
    let corpus = buildCorpus(targetBytes: corpusMB * 1_000_000)
    let bytes = corpus.reduce(0) { $0 + $1.bytes.count }
    print("Corpus: \(corpus.count) documents, \(f(mb(bytes))) MB (fixtures repeated; digits shifted, CRLF, doubled blank lines, NFD, BOM).\n")
    var sources: [SourceText] = []
    let decode = measure {
        sources = corpus.map { try! SourceText(path: $0.name, bytes: $0.bytes) }
    }
    var plans: [Plan] = []
    let parse = measure {
        plans = sources.map { PlanParser.parse($0) }
    }
    // The same without the repair stage's screen (`parse --no-repair`), to show what it costs.
    let parseUnscreened = measure {
        plans = sources.map { PlanParser.parse($0, repair: false) }
    }
    let encoder = PlanJSONEncoder(style: .compact)
    var jsonBytes = 0
    let encode = measure {
        jsonBytes = plans.reduce(0) { $0 + ((try? encoder.encode($1))?.utf8.count ?? 0) }
    }
    let all = Timing(wall: decode.wall + parse.wall + encode.wall, cpu: decode.cpu + parse.cpu + encode.cpu)
    let toPlan = Timing(wall: decode.wall + parse.wall, cpu: decode.cpu + parse.cpu)
    print("| stage | wall s | MB/s (wall) | CPU s | MB/s (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for (name, t) in [("decode + NFC + lines (SourceText)", decode), ("parse (PlanParser.parse)", parse),
                      ("parse without repair screen (repair: false)", parseUnscreened),
                      ("JSON (PlanJSONEncoder, compact)", encode), ("bytes → Plan (decode + parse)", toPlan),
                      ("bytes → JSON (all three)", all)] {
        print("| \(name) | \(f(t.wall, 3)) | \(f(mb(bytes) / t.wall)) | \(f(t.cpu, 3)) | \(f(mb(bytes) / t.cpu)) |")
    }
    print("\nJSON written: \(f(mb(jsonBytes))) MB. Best of \(repeats) runs.\n")
}

/// The repair stage on damaged text: seed 000 (lost glyphs) repaired as a whole document, and
/// the cost of loading the shipped lexicon.
@MainActor func repairSection() {
    print("## Repair of damaged text (seed 000, lost glyphs; one core)\n")
    let path = fixturesPath + "/000_a9439903c9056b27.txt"
    guard let source = try? SourceText.read(path: path) else { print("no seed 000 in \(fixturesPath)\n"); return }
    let load = Repairer.preload()
    let bytes = source.lines.reduce(0) { $0 + $1.utf8.count + 1 }
    var repairs = 0
    let repair = measure { repairs = Repairer.shared.repair(source).1.count }
    let parse = measure { _ = PlanParser.parse(source) }
    print("| step | CPU s | KB/s (CPU) |")
    print("|---|---:|---:|")
    print("| lexicon load (first use) | \(f(load, 3)) | |")
    print("| repair (\(repairs) repairs) | \(f(repair.cpu, 3)) | \(f(Double(bytes) / 1000 / repair.cpu)) |")
    print("| parse with repair | \(f(parse.cpu, 3)) | \(f(Double(bytes) / 1000 / parse.cpu)) |")
    print("\n\(bytes) bytes. Best of \(repeats) runs.\n")
}

@MainActor func batchSection() {
    print("## Batch: 1 worker against 2 (plankit batch --jsonl)\n")
    let corpus = buildCorpus(targetBytes: corpusMB * 1_000_000)
    let bytes = corpus.reduce(0) { $0 + $1.bytes.count }
    let root = NSTemporaryDirectory() + "plankit-bench-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: root) }
    for item in corpus {
        let path = root + "/in/" + item.name
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(item.bytes))
    }
    let inputs = try! BatchInputs().expand([root + "/in"])
    print("\(inputs.count) files, \(f(mb(bytes))) MB, on \(ProcessInfo.processInfo.activeProcessorCount) cores "
          + "(load average now: \(loadAverage())).\n")
    print("| workers | wall s | files/s | MB/s | process CPU s | speed-up (wall) |")
    print("|---:|---:|---:|---:|---:|---:|")
    var base = 0.0
    var outputs: [String: Data] = [:]
    for jobs in [1, 2] {
        var bestWall = Double.infinity, bestCPU = Double.infinity
        for _ in 0..<repeats {
            let target = root + "/out-\(jobs).jsonl"
            let runner = BatchRunner(options: .init(destination: .jsonLines(target), jobs: jobs))
            let c0 = processCPUNow()
            let summary = runner.run(inputs)
            let c1 = processCPUNow()
            precondition(summary.failures.isEmpty, "\(summary.failures.prefix(3))")
            bestWall = min(bestWall, summary.elapsed)
            bestCPU = min(bestCPU, Double(c1 - c0) / 1e9)
            outputs[target] = FileManager.default.contents(atPath: target)
        }
        if jobs == 1 { base = bestWall }
        print("| \(jobs) | \(f(bestWall, 3)) | \(f(Double(inputs.count) / bestWall)) | \(f(mb(bytes) / bestWall)) | \(f(bestCPU, 3)) | \(f(base / bestWall, 2))× |")
    }
    let distinct = Set(outputs.values)
    print("\nOutputs with 1 and 2 workers byte-identical: \(distinct.count == 1 ? "yes" : "NO"). Best of \(repeats) runs.\n")
}

func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

/// Parse includes the repair stage: clean shapes pay its screen, the damaged shape its decoders.
@MainActor func scalingSection() {
    print("## Cost against input size (parse = SourceText + PlanParser.parse, one core)\n")
    print("Linear cost shows as a constant ns/byte down each block; 'x1MB' is the time relative to the 1 MB input.\n")
    print("| input | size MB | wall s | CPU s | ns/byte (CPU) | x1MB |")
    print("|---|---:|---:|---:|---:|---:|")
    let budget = 60.0 // seconds a single case may take before the larger sizes are skipped
    for shape in shapes {
        var first: Double?
        for size in [1, 2, 4, 8] {
            let input = shape.make(size * 1_000_000)
            let t = measure {
                if let source = try? SourceText(path: "bench", bytes: input) {
                    _ = PlanParser.parse(source)
                }
            }
            if first == nil { first = t.cpu }
            print("| \(shape.name) | \(f(mb(input.count), 2)) | \(f(t.wall, 3)) | \(f(t.cpu, 3)) | \(f(t.cpu * 1e9 / Double(input.count), 1)) | \(f(t.cpu / first!, 2)) |")
            if t.wall * Double(repeats) > budget {
                print("| \(shape.name) | larger sizes skipped: over \(Int(budget)) s | | | | |")
                break
            }
        }
    }
    print("\nBest of \(repeats) runs each.\n")

    print("## The pathological inputs the issue names\n")
    print("| input | size MB | wall s | CPU s | MB/s (CPU) |")
    print("|---|---:|---:|---:|---:|")
    let named: [(String, [UInt8])] = [
        ("a 10 MB single line", shapes[2].make(10_000_000)),
        ("1 MB of spaces", shapes[3].make(1_000_000)),
        ("100 000 bullets", Array((0..<100_000).map { "- Nội dung thứ \($0)\n" }.joined().utf8)),
        ("numbering nested 50 deep (1. … 1.1.…1. ×50)", Array(("II. NỘI DUNG\n" + (1...50).map { d in
            (0..<d).map { _ in "1" }.joined(separator: ".") + ". Mục cấp \(d)\n" }.joined()).utf8)),
        ("a number with 5 000 digits", Array(("Mục tiêu 1: Trong lĩnh vực chính trị\nChỉ tiêu 1: đạt "
            + String(repeating: "9", count: 5000) + "% vào năm 2030\n").utf8)),
        ("\"999999999999999999999%\"", Array("Mục tiêu 1: chính trị\nChỉ tiêu 1: đạt 999999999999999999999% vào năm 2030\n".utf8)),
    ]
    for (name, input) in named {
        let t = measure {
            if let source = try? SourceText(path: "bench", bytes: input) { _ = PlanParser.parse(source) }
        }
        print("| \(name) | \(f(mb(input.count), 3)) | \(f(t.wall, 4)) | \(f(t.cpu, 4)) | \(f(mb(input.count) / t.cpu)) |")
    }
    print("")
}

// MARK: - Whole commands against cmark

/// A child process's CPU time (user + system) and peak resident memory, from wait4(2).
struct ChildRun {
    var cpu: Double
    var maxRSS: Int   // bytes
    var status: Int32
}

/// Runs `argv` with standard output to `stdoutPath` and standard error to /dev/null. CPU time is
/// wait4(2)'s (the child and what it waited for). Peak memory comes from `/usr/bin/time -f %M`
/// when installed: a process started by posix_spawn inherits its parent's high-water mark in
/// `ru_maxrss` (vfork shares the parent's memory until exec), so wait4's figure would be this
/// bench's own, not the command's.
func runChild(_ argv: [String], stdoutPath: String = "/dev/null") -> ChildRun {
    let timeTool = "/usr/bin/time"
    guard access(timeTool, X_OK) == 0 else { return spawnAndWait(argv, stdoutPath: stdoutPath) }
    let rssFile = NSTemporaryDirectory() + "plankit-bench-rss-\(getpid())"
    var run = spawnAndWait([timeTool, "-f", "%M", "-o", rssFile] + argv, stdoutPath: stdoutPath)
    let text = (try? String(contentsOfFile: rssFile, encoding: .utf8)) ?? ""
    unlink(rssFile)
    // The last line: GNU time writes "Command exited with non-zero status N" before it.
    run.maxRSS = (text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0) * 1024
    return run
}

func spawnAndWait(_ argv: [String], stdoutPath: String) -> ChildRun {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for p in cArgs { free(p) } }
    var pid = pid_t()
    guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else {
        return ChildRun(cpu: .nan, maxRSS: 0, status: -1)
    }
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return ChildRun(cpu: cpu, maxRSS: Int(usage.ru_maxrss) * 1024, status: status)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let path = "\(dir)/\(name)"
        if access(path, X_OK) == 0 { return path }
    }
    return nil
}

/// The user's view: `plankit batch --jobs 1 --out`, `plankit parse --compact` of one large file and
/// `cmark --to xml` of the same file, as whole processes, interleaved in one run, median of `repeats`.
/// With `--baseline PATH` an earlier `plankit` binary runs beside the current one and the outputs are
/// compared byte for byte.
@MainActor func versusCmarkSection() {
    print("## Whole commands against cmark (processes; CPU = user + system; median of \(repeats))\n")
    let root = NSTemporaryDirectory() + "plankit-vs-cmark-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: root) }
    // Many files for batch (the corpus), and the same text as one file for parse and cmark.
    let corpus = buildCorpus(targetBytes: corpusMB * 1_000_000)
    var joined: [UInt8] = []
    for item in corpus {
        let path = root + "/in/" + item.name
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(item.bytes))
        var bytes = item.bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        joined += bytes
        joined.append(0x0A)
    }
    let corpusBytes = corpus.reduce(0) { $0 + $1.bytes.count }
    let onePath = root + "/one.txt"
    FileManager.default.createFile(atPath: onePath, contents: Data(joined))
    // Damaged text: seed 000 repeated to about 1 MB.
    let seed = Array(FileManager.default.contents(atPath: fixturesPath + "/000_a9439903c9056b27.txt") ?? Data())
    var damaged: [UInt8] = []
    while !seed.isEmpty && damaged.count < damagedMB * 1_000_000 { damaged += seed; damaged.append(0x0A) }
    let damagedPath = root + "/damaged.txt"
    FileManager.default.createFile(atPath: damagedPath, contents: Data(damaged))

    let cmark = which("cmark")
    var tools: [(label: String, path: String)] = [("plankit", plankitPath)]
    if let baselinePath { tools.insert(("baseline", baselinePath), at: 0) }
    print("Corpus: \(corpus.count) files, \(f(mb(corpusBytes))) MB; one file: \(f(mb(joined.count))) MB; "
          + "damaged (seed 000 repeated): \(f(mb(damaged.count), 2)) MB. cmark: \(cmark ?? "not installed").")
    print("plankit: \(plankitPath)" + (baselinePath.map { "; baseline: \($0)" } ?? "") + "; load average \(loadAverage()).\n")

    struct Row { var name: String; var bytes: Int; var cpu: [Double] = []; var rss: [Double] = []; var failed = false }
    var rows: [String: Row] = [:]
    var order: [String] = []
    func record(_ name: String, _ bytes: Int, _ run: ChildRun) {
        if rows[name] == nil { rows[name] = Row(name: name, bytes: bytes); order.append(name) }
        rows[name]!.cpu.append(run.cpu)
        rows[name]!.rss.append(Double(run.maxRSS))
        if run.status != 0 { rows[name]!.failed = true }
    }
    var outputs: [String: [Data]] = [:]
    for round in 0..<repeats {
        for tool in tools {
            let out = root + "/out-\(tool.label)"
            try? FileManager.default.removeItem(atPath: out)
            record("\(tool.label) batch --jobs 1 --out", corpusBytes,
                   runChild([tool.path, "batch", root + "/in", "--out", out, "--jobs", "1"]))
            let parseOut = root + "/parse-\(tool.label).json"
            record("\(tool.label) parse --compact", joined.count, runChild([tool.path, "parse", "--compact", onePath], stdoutPath: parseOut))
            record("\(tool.label) parse --compact --no-repair", joined.count,
                   runChild([tool.path, "parse", "--compact", "--no-repair", onePath], stdoutPath: "/dev/null"))
            let damagedOut = root + "/damaged-\(tool.label).json"
            record("\(tool.label) parse --compact (damaged)", damaged.count,
                   runChild([tool.path, "parse", "--compact", damagedPath], stdoutPath: damagedOut))
            if round == 0 {
                var files: [Data] = [FileManager.default.contents(atPath: parseOut) ?? Data(),
                                     FileManager.default.contents(atPath: damagedOut) ?? Data()]
                for item in corpus {
                    let name = (item.name as NSString).deletingPathExtension + ".json"
                    files.append(FileManager.default.contents(atPath: out + "/" + name) ?? Data())
                }
                outputs[tool.label] = files
            }
        }
        if let cmark { record("cmark --to xml", joined.count, runChild([cmark, "--to", "xml", onePath])) }
    }
    print("| command | input MB | CPU s | MB/s (CPU) | peak RSS MB | RSS / input | CPU ratio to cmark |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    let cmarkCPU = rows["cmark --to xml"].map { median($0.cpu) }
    for name in order {
        let row = rows[name]!
        let cpu = median(row.cpu), rss = median(row.rss)
        let ratio = (cmarkCPU != nil && row.bytes == joined.count) ? f(cpu / cmarkCPU!, 2) + "×" : ""
        print("| \(name)\(row.failed ? " (FAILED)" : "") | \(f(mb(row.bytes), 2)) | \(f(cpu, 3)) | \(f(mb(row.bytes) / cpu)) | \(f(rss / 1e6)) | \(f(rss / Double(row.bytes), 1)) | \(ratio) |")
    }
    if let old = outputs["baseline"], let new = outputs["plankit"] {
        let same = old.count == new.count && zip(old, new).allSatisfy { $0 == $1 } && !old.contains(where: \.isEmpty)
        print("\nOutputs of baseline and plankit (the parse of one file, the damaged file, every batch JSON) byte-identical: \(same ? "yes" : "NO").")
    }
    print("\nCPU and peak RSS from wait4(2) per process, median of \(repeats) rounds; the commands of a round run one after another.\n")
}

print("# plankit-bench\n")
print("Build: \(isDebugBuild() ? "DEBUG (use -c release for figures)" : "release"); \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(loadAverage()).\n")
if versusCmark {
    versusCmarkSection()
    exit(0)
}
if only == nil || only == "corpus" { corpusSection() }
if only == nil || only == "repair" { repairSection() }
if only == nil || only == "batch" { batchSection() }
if only == nil || only == "scaling" { scalingSection() }

func isDebugBuild() -> Bool {
    #if DEBUG
    return true
    #else
    return false
    #endif
}
