import Foundation
import PlanKit

// plankit-eval: the repair stage's leave-one-out evaluation (issue 3, "Measure").
//
//   plankit-eval [--root DIR] [--seed N] [--kinds 0,a,b,c,d] [--docs 1,2,3,4] [--json] [--keep DIR] [--strict]
//                            [--errors N] [--ocr-breakdown] [--repeat N] [--min-confidence P]
//   plankit-eval --score DAMAGED REPAIRED ORIGINAL [--json]
//   plankit-eval --write-damaged DIR [--root DIR] [--seed N] [--kinds …] [--docs …]
//   plankit-eval --preload
//   plankit-eval --structure [--kinds clean,ocr,lost,rewrap,web,mixed] [--sets seeds,tune,holdout] [--seed N]
//                            [--misses] [--keep DIR] [--json] [--write-facts DIR]   (StructureEval.swift)
//   plankit-eval --lint [--sets …] [--show] [--json]                                (LintEval.swift)
//   plankit-eval --formats [--misses] [--json]                                       (FormatEval.swift)
//   plankit-eval --real-ocr [--sets …]                                              (RealOCREval.swift)
//   plankit-eval --places [--seed N]                                                (PlaceEval.swift)
//
// Exit codes: 0 done, 2 usage or I/O error.

/// Everything read from the command line.
struct Options {
    var root = FileManager.default.currentDirectoryPath
    var seed: UInt64 = 1
    var kinds = DamageKind.allCases
    var documents: Set<Int>? = nil
    var json = false
    var score: (damaged: String, repaired: String, original: String)? = nil
    var writeDamaged: String? = nil
    /// Where to keep each damaged, repaired and original text of an evaluation, for inspection.
    var keep: String? = nil
    var preloadOnly = false
    /// Also leave Data/vocabulary.txt out: it was written with the seeds at hand (their place
    /// names, agency names), so it may carry part of document k into k's statistics.
    var strict = false
    /// Print the N most frequent word errors left after repair, per kind.
    var errors = 0
    /// Also run (c) once per confusion, each alone, to see which the repair handles.
    var ocrBreakdown = false
    /// Repairs each text this many times and keeps the fastest, so a busy machine disturbs the
    /// throughput figure less (the result is the same every time).
    var repeats = 1
    /// `--min-confidence`: the repairer's threshold instead of its default (for calibration).
    var minimumConfidence: Double?

    static let usage = """
        usage: plankit-eval [--root DIR] [--seed N] [--kinds 0,a,b,c,d] [--docs 1,2,3,4] [--json] [--keep DIR] [--strict]
                            [--errors N] [--ocr-breakdown] [--repeat N] [--min-confidence P]
               plankit-eval --score DAMAGED REPAIRED ORIGINAL [--json]
               plankit-eval --write-damaged DIR [--root DIR] [--seed N] [--kinds 0,a,b,c,d] [--docs …]
               plankit-eval --preload
               plankit-eval --places [--root DIR] [--seed N]
        """

    init(_ arguments: [String]) throws(UsageError) {
        var rest = Arguments(arguments)
        func value(_ flag: String) throws(UsageError) -> String { try rest.value(for: flag) }
        while let flag = rest.next() {
            switch flag {
            case "--root": root = try value(flag)
            case "--seed": seed = try rest.seed()
            case "--kinds":
                var list: [DamageKind] = []
                for name in try value(flag).split(separator: ",") {
                    guard let kind = DamageKind(rawValue: String(name)) else { throw UsageError("unknown kind \(name); kinds are 0 (clean), a, b, c, d") }
                    list.append(kind)
                }
                kinds = list
            case "--docs":
                var set = Set<Int>()
                for n in try value(flag).split(separator: ",") {
                    guard let k = Int(n), (1...4).contains(k) else { throw UsageError("--docs takes seed numbers 1 to 4") }
                    set.insert(k)
                }
                documents = set
            case "--json": json = true
            case "--score": score = (try value(flag), try value(flag), try value(flag))
            case "--write-damaged": writeDamaged = try value(flag)
            case "--keep": keep = try value(flag)
            case "--preload": preloadOnly = true
            case "--strict": strict = true
            case "--errors":
                guard let n = Int(try value(flag)), n >= 0 else { throw UsageError("--errors takes a count") }
                errors = n
            case "--ocr-breakdown": ocrBreakdown = true
            case "--min-confidence":
                guard let p = Double(try value(flag)), (0...1).contains(p) else { throw UsageError("--min-confidence takes a number from 0 to 1") }
                minimumConfidence = p
            case "--repeat":
                guard let n = Int(try value(flag)), n >= 1 else { throw UsageError("--repeat takes a count ≥ 1") }
                repeats = n
            case "-h", "--help": throw UsageError("")
            default: throw UsageError("unknown argument \(flag)")
            }
        }
    }
}

/// The command line, read flag by flag.
struct Arguments {
    private var rest: ArraySlice<String>
    init(_ arguments: [String]) { rest = arguments[...] }
    mutating func next() -> String? { rest.popFirst() }
    mutating func value(for flag: String) throws(UsageError) -> String {
        guard let v = rest.popFirst() else { throw UsageError("\(flag) needs a value") }
        return v
    }
    /// The value of `--seed`.
    mutating func seed() throws(UsageError) -> UInt64 {
        guard let n = UInt64(try value(for: "--seed")) else { throw UsageError("--seed takes a non-negative integer") }
        return n
    }
}

struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// One row of the report: a score and the figures derived from it.
struct Row: Encodable {
    var kind: String
    var document: String
    var score: Score

    enum Key: String, CodingKey {
        case kind, document, words, accuracyBefore, accuracyAfter, syllableAccuracyBefore, syllableAccuracyAfter,
             errorsRemoved, intactWords, intactChanged, intactChangedShare, digitsChanged, inWordDigitsChanged,
             bytes, seconds, megabytesPerSecond, cpuSeconds, megabytesPerCPUSecond, repairs
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind); try c.encode(document, forKey: .document)
        try c.encode(score.words, forKey: .words)
        try c.encode(score.accuracyBefore, forKey: .accuracyBefore); try c.encode(score.accuracyAfter, forKey: .accuracyAfter)
        try c.encode(score.syllableAccuracyBefore, forKey: .syllableAccuracyBefore)
        try c.encode(score.syllableAccuracyAfter, forKey: .syllableAccuracyAfter)
        try c.encode(score.errorsRemoved, forKey: .errorsRemoved)
        try c.encode(score.intactWords, forKey: .intactWords); try c.encode(score.intactChanged, forKey: .intactChanged)
        try c.encode(score.intactChangedShare, forKey: .intactChangedShare)
        try c.encode(score.digitsChanged, forKey: .digitsChanged); try c.encode(score.inWordDigitsChanged, forKey: .inWordDigitsChanged)
        try c.encode(score.bytes, forKey: .bytes); try c.encode(score.seconds, forKey: .seconds)
        try c.encode(score.megabytesPerSecond, forKey: .megabytesPerSecond); try c.encode(score.repairs, forKey: .repairs)
        try c.encode(score.cpuSeconds, forKey: .cpuSeconds)
        try c.encode(score.megabytesPerCPUSecond, forKey: .megabytesPerCPUSecond)
    }
}

struct Report: Encodable {
    var seed: UInt64
    /// Whether Data/vocabulary.txt was left out too (`--strict`).
    var strict: Bool
    /// `Repairer.preload()` as the first thing this process did.
    var lexiconLoadSeconds: Double
    /// Mean time to build leave-one-out statistics (`Repairer(corpus:)`), not part of throughput.
    var statisticsSeconds: Double
    var rows: [Row] = []
    var kinds: [Row] = []
    var overall: Row?
    /// Seed 000 against `Fixtures/repair/000_reference.txt`, when that file exists.
    var seed000: Row?
    /// The same without the words of the reference that hold a lost digit.
    var seed000Restorable: Row?
    /// (c) with one confusion at a time (`--ocr-breakdown`).
    var ocrBreakdown: [Row] = []
    /// The most frequent errors left after repair, per kind (`--errors N`).
    var errors: [String: [ErrorCount]] = [:]
}

struct ErrorCount: Encodable {
    var original: String
    var repaired: String
    var count: Int
}

/// Word errors left after repair, counted by (original words, what stands in their place).
struct ErrorTally {
    private var counts: [String: [String: Int]] = [:]

    mutating func add(_ kind: String, original: [String], repaired: [String]) {
        for (line, fixed) in zip(original, repaired) where line != fixed {
            for error in Score.errors(original: line, repaired: fixed) {
                counts[kind, default: [:]][error.original + "\u{0}" + error.repaired, default: 0] += 1
            }
        }
    }

    func top(_ n: Int) -> [String: [ErrorCount]] {
        counts.mapValues { table in
            table.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(n).map {
                let parts = $0.key.split(separator: "\u{0}", omittingEmptySubsequences: false)
                return ErrorCount(original: String(parts[0]), repaired: String(parts[1]), count: $0.value)
            }
        }
    }
}

func readLines(_ path: String) throws -> [String] {
    do { return try SourceText.read(path: path).lines } catch { throw UsageError(error.description) }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// CPU time of the whole process (all threads), in seconds: "MB/s per core" should not depend
/// on what else the machine runs, and wall time on a shared machine does.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Repairs `lines` with `repairer` and scores the result against `original`.
func evaluate(_ repairer: Repairer, original: [String], damaged: [String], path: String,
              repeats: Int = 1) -> (Score, [String]) {
    let source = SourceText(path: path, lines: damaged)
    var seconds = Double.infinity, cpu = Double.infinity
    var result: (SourceText, [Repair], [Diagnostic])?
    for _ in 0..<repeats {
        let start = now(), startCPU = cpuSeconds()
        result = repairer.repair(source)
        cpu = min(cpu, cpuSeconds() - startCPU)
        seconds = min(seconds, Double(now() - start) / 1e9)
    }
    let (repaired, repairs, _) = result!
    var score = Score.compare(original: original, damaged: damaged, repaired: repaired.lines)
    score.bytes = damaged.reduce(0) { $0 + $1.utf8.count + 1 }
    score.seconds = seconds
    score.cpuSeconds = cpu
    score.repairs = repairs.count
    // A lost-glyph repair keeps every column: right when the original has its letters there.
    for repair in repairs where repair.kind == "lost-glyph" && repair.line <= original.count {
        let band = Score.calibrationBands.lastIndex { repair.confidence >= $0 } ?? 0
        let line = Array(original[repair.line - 1].unicodeScalars), text = Array(repair.repaired.unicodeScalars)
        let start = repair.column - 1
        score.calibrationRepairs[band] += 1
        if start >= 0, start + text.count <= line.count, Array(line[start..<(start + text.count)]) == text {
            score.calibrationCorrect[band] += 1
        }
    }
    return (score, repaired.lines)
}

/// The clean seeds among the corpus files, numbered 1…4 by their file names.
func seedFiles(_ options: Options) -> [(number: Int, path: String)] {
    RepairData.corpusFiles.compactMap { path in
        let name = (path as NSString).lastPathComponent
        guard path.hasPrefix("Fixtures/seeds/"), let n = Int(name.prefix(3)) else { return nil }
        guard options.documents?.contains(n) ?? true else { return nil }
        return (n, path)
    }
}

/// Writes `DIR/KIND/NNN.{damaged,repaired,original}.txt`; `repaired` only when given.
func keepTexts(_ directory: String, kind: DamageKind, name: String, original: [String], damaged: [String],
               repaired: [String]?) throws {
    let folder = (directory as NSString).appendingPathComponent(kind.rawValue)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var texts = [("damaged", damaged), ("original", original)]
    if let repaired { texts.append(("repaired", repaired)) }
    for (suffix, lines) in texts {
        try (lines.joined(separator: "\n") + "\n").write(toFile: "\(folder)/\(name).\(suffix).txt", atomically: true, encoding: .utf8)
    }
}

func percent(_ x: Double) -> String { String(format: "%6.2f%%", x * 100) }

func printTable(_ report: Report) {
    print("plankit-eval: leave-one-out over the clean seeds, seed \(report.seed)"
          + (report.strict ? ", Data/vocabulary.txt left out too" : ""))
    print(String(format: "lexicon load (cold): %.1f ms; leave-one-out statistics: %.0f ms each",
                 report.lexiconLoadSeconds * 1000, report.statisticsSeconds * 1000))
    print("")
    let header = "kind document                 words  words before  words after  syll. before  syll. after  errors removed  intact changed  digits  MB/s  MB/cpu-s"
    print(header)
    func line(_ row: Row) {
        let s = row.score
        let label = row.kind.padding(toLength: max(5, row.kind.count + 1), withPad: " ", startingAt: 0) + row.document
        print(label.padding(toLength: 30, withPad: " ", startingAt: 0)
              + String(format: "%6d", s.words)
              + "       " + percent(s.accuracyBefore) + "      " + percent(s.accuracyAfter)
              + "       " + percent(s.syllableAccuracyBefore) + "      " + percent(s.syllableAccuracyAfter)
              + "         " + percent(s.errorsRemoved)
              + String(format: "  %5d/%-6d", s.intactChanged, s.intactWords)
              + String(format: " %3d", s.digitsChanged)
              + String(format: "  %6.3f  %6.3f", s.megabytesPerSecond, s.megabytesPerCPUSecond))
    }
    for row in report.rows { line(row) }
    if !report.kinds.isEmpty { print("") }
    for row in report.kinds { line(row) }
    if let overall = report.overall { line(overall) }
    if let row = report.seed000 {
        print("")
        print("seed 000 against Fixtures/repair/000_reference.txt (shipped statistics; 000 is in no corpus):")
        line(row)
        if let restorable = report.seed000Restorable { line(restorable) }
    }
    if let lost = report.kinds.first(where: { $0.kind == DamageKind.lostGlyphs.rawValue })?.score,
       lost.calibrationRepairs.reduce(0, +) > 0 {
        print("")
        print("(a) lost-glyph repairs applied, by confidence (correct = the original's letters at those columns):")
        let bands = Score.calibrationBands
        for k in bands.indices where lost.calibrationRepairs[k] > 0 {
            let upper = k + 1 < bands.count ? String(format: "%.1f", bands[k + 1]) : "1.0"
            print(String(format: "  %.1f–%@  %6d repairs  %6.2f%% correct", bands[k], upper, lost.calibrationRepairs[k],
                         100 * Double(lost.calibrationCorrect[k]) / Double(lost.calibrationRepairs[k])))
        }
    }
    if !report.ocrBreakdown.isEmpty {
        print("")
        print("(c) one confusion at a time:")
        for row in report.ocrBreakdown { line(row) }
    }
    for kind in report.errors.keys.sorted() {
        print("")
        print("most frequent errors after repair, kind \(kind) (original → repaired, count):")
        for e in report.errors[kind]! { print("  \(e.original) → \(e.repaired.isEmpty ? "∅" : e.repaired)  \(e.count)") }
    }
}

func run(_ options: Options) throws {
    if options.preloadOnly {
        print(String(format: "%.3f ms", Repairer.preload() * 1000))
        print(String(format: "gazetteer (loaded by the first damaged document): %.3f ms", Repairer.preloadGazetteer() * 1000))
        return
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]

    if let (damagedPath, repairedPath, originalPath) = options.score {
        let damaged = try readLines(damagedPath), repaired = try readLines(repairedPath), original = try readLines(originalPath)
        guard damaged.count == original.count, repaired.count == original.count else {
            throw UsageError("line counts differ: damaged \(damaged.count), repaired \(repaired.count), original \(original.count)")
        }
        let row = Row(kind: "-", document: (repairedPath as NSString).lastPathComponent,
                      score: Score.compare(original: original, damaged: damaged, repaired: repaired))
        if options.json {
            print(String(decoding: try encoder.encode(row), as: UTF8.self))
        } else {
            print(String(format: "words %d  before %.2f%%  after %.2f%%  syllables before %.2f%%  after %.2f%%  errors removed %.1f%%  intact changed %d/%d  digits changed %d",
                         row.score.words, row.score.accuracyBefore * 100, row.score.accuracyAfter * 100,
                         row.score.syllableAccuracyBefore * 100, row.score.syllableAccuracyAfter * 100,
                         row.score.errorsRemoved * 100, row.score.intactChanged, row.score.intactWords, row.score.digitsChanged))
        }
        return
    }

    let root = URL(fileURLWithPath: options.root)
    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    // First, while the process is cold: the issue's "lexicon loads in ≤ 50 ms".
    let load = options.writeDamaged == nil ? Repairer.preload() : 0
    let corpus = try RepairData.corpusFiles.map { (file: $0, lines: try readLines(path($0))) }

    if let directory = options.writeDamaged {
        for (number, file) in seedFiles(options) {
            let original = corpus.first { $0.file == file }!.lines
            let name = String(format: "%03d", number)
            for kind in options.kinds {
                var rng = SplitMix64(seed: options.seed, stream: "\(kind.rawValue)/\(file)")
                let damaged = kind.damage(original, using: &rng)
                try keepTexts(directory, kind: kind, name: name, original: original, damaged: damaged, repaired: nil)
            }
        }
        return
    }

    var report = Report(seed: options.seed, strict: options.strict, lexiconLoadSeconds: load, statisticsSeconds: 0)
    var byKind: [DamageKind: Score] = [:]
    var statistics = 0.0
    let seeds = seedFiles(options)
    var tally = ErrorTally()
    var byConfusion: [String: Score] = [:]
    // (c) one confusion at a time, at the same word rate; lost spaces alone at five times the rate.
    let variants: [(String, OCRConfusions)] = options.ocrBreakdown
        ? OCRConfusions.Confusion.allCases.map { ("c:" + $0.rawValue, OCRConfusions(spaceLoss: 0, only: $0)) }
            + [("c:lostSpace", OCRConfusions(wordRate: 0, spaceLoss: 0.05))]
        : []
    for (number, file) in seeds {
        let start = now()
        // Leave document k out: its own words and n-grams must not help repair it.
        let kept = corpus.filter { $0.file != file && !(options.strict && $0.file == "Data/vocabulary.txt") }
        var repairer = Repairer(corpus: kept.map { $0.lines.joined(separator: "\n") })
        if let minimum = options.minimumConfidence { repairer.minimumConfidence = minimum }
        statistics += Double(now() - start) / 1e9
        let original = corpus.first { $0.file == file }!.lines
        for kind in options.kinds {
            var rng = SplitMix64(seed: options.seed, stream: "\(kind.rawValue)/\(file)")
            let damaged = kind.damage(original, using: &rng)
            let (score, repaired) = evaluate(repairer, original: original, damaged: damaged, path: file, repeats: options.repeats)
            if let keep = options.keep {
                try keepTexts(keep, kind: kind, name: String(format: "%03d", number), original: original,
                              damaged: damaged, repaired: repaired)
            }
            report.rows.append(Row(kind: kind.rawValue, document: String(format: "%03d", number), score: score))
            byKind[kind] = (byKind[kind] ?? Score()) + score
            if options.errors > 0 { tally.add(kind.rawValue, original: original, repaired: repaired) }
        }
        for (name, model) in variants {
            var rng = SplitMix64(seed: options.seed, stream: "\(name)/\(file)")
            let damaged = model.damage(original, using: &rng)
            let (score, _) = evaluate(repairer, original: original, damaged: damaged, path: file, repeats: options.repeats)
            byConfusion[name] = (byConfusion[name] ?? Score()) + score
        }
    }
    report.ocrBreakdown = variants.map { Row(kind: $0.0, document: "all", score: byConfusion[$0.0] ?? Score()) }
    report.statisticsSeconds = seeds.isEmpty ? 0 : statistics / Double(seeds.count)
    for kind in options.kinds {
        report.kinds.append(Row(kind: kind.rawValue, document: "all (\(kind.title))", score: byKind[kind] ?? Score()))
    }
    // The clean check is no damage kind: it stays out of the overall figures.
    report.overall = Row(kind: "a–d", document: "all damaged", score: report.kinds.filter { $0.kind != DamageKind.clean.rawValue }
        .reduce(Score()) { $0 + $1.score })

    let referencePath = path("Fixtures/repair/000_reference.txt")
    if FileManager.default.fileExists(atPath: referencePath) {
        let reference = try readLines(referencePath)
        let damaged = try readLines(path("Fixtures/seeds/000_a9439903c9056b27.txt"))
        guard reference.count == damaged.count else {
            throw UsageError("Fixtures/repair/000_reference.txt has \(reference.count) lines, seed 000 has \(damaged.count)")
        }
        let (score, repaired) = evaluate(Repairer.shared, original: reference, damaged: damaged, path: "000", repeats: options.repeats)
        report.seed000 = Row(kind: "000", document: "seed 000", score: score)
        if options.errors > 0 { tally.add("000", original: reference, repaired: repaired) }
        // A lost digit must stay a gap (the repair never invents one), so a word holding one can
        // never come out right; scored again with those digits marked undecidable.
        let gapped = zip(reference, damaged).map { (line, damagedLine) -> String in
            let d = Array(damagedLine.unicodeScalars)
            var out = String.UnicodeScalarView()
            for (k, s) in line.unicodeScalars.enumerated() {
                out.append(k < d.count && d[k] == " " && ("0"..."9").contains(s) ? "?" : s)
            }
            return String(out)
        }
        var restorable = Score.compare(original: gapped, damaged: damaged, repaired: repaired)
        (restorable.bytes, restorable.seconds, restorable.cpuSeconds, restorable.repairs)
            = (score.bytes, score.seconds, score.cpuSeconds, score.repairs)
        report.seed000Restorable = Row(kind: "000", document: "without lost digits", score: restorable)
    }
    report.errors = tally.top(options.errors)

    if options.json {
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    } else {
        printTable(report)
    }
}

do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.contains("--structure") {
        try runStructure(StructureOptions(arguments))
    } else if arguments.contains("--lint") {
        try runLintEval(LintOptions(arguments))
    } else if arguments.contains("--real-ocr") {
        try runRealOCR(arguments)
    } else if arguments.contains("--places") {
        try runPlaces(arguments)
    } else if arguments.contains("--formats") {
        try runFormats(FormatOptions(arguments))
    } else {
        try run(Options(arguments))
    }
} catch let error as UsageError {
    if !error.message.isEmpty {
        FileHandle.standardError.write(Data("plankit-eval: \(error.message)\n".utf8))
    }
    FileHandle.standardError.write(Data((Options.usage + "\n").utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("plankit-eval: \(error)\n".utf8))
    exit(2)
}
