import Foundation
import PlanKit

// plankit-eval --structure: how much of each plan's structure the parse recovers from clean,
// damaged, re-wrapped, web-copied and OCR'd text, scored as facts (`PlanFacts`) against a
// reference written by hand (`.facts` files).
//
// Documents come in three sets, reported apart:
//   seeds    Fixtures/seeds/001–004, references Fixtures/facts/00N.facts (from the reviewed goldens)
//   tune     Fixtures/plans/tune/*.txt, each with its .facts: the parser was developed on these
//   holdout  Fixtures/plans/holdout/*.txt: kept out of development until its first measurement
//            (docs/structure.md gives that figure apart); looked at and fixed against after it
//   holdout2 Fixtures/plans/holdout2/*.txt: the same, measured once and then looked at
//   holdout3 Fixtures/plans/holdout3/*.txt: the same again (docs/structure.md says which figure
//            is which)
// Real OCR texts are Tesseract's reading of rendered, degraded pages (Tools/ocr/): the renders in
// Fixtures/ocr/tune/ were looked at, those in Fixtures/ocr/holdout/ (other fonts, other noise)
// were not. The generated damage kinds take `--seed`; seed 1 is the one tuned on.

/// One way a text reaches the parser.
enum StructureKind: String, CaseIterable {
    case clean
    /// Tesseract output of rendered and degraded pages (files in Fixtures/ocr/).
    case ocr
    /// Glyphs lost per paragraph as in seed 000 (headings and markers too), then repaired.
    case lost
    /// Lines re-wrapped at another width, blank lines between them, page numbers between pages.
    case rewrap
    /// Copied from a web page: header and signature in table cells, headings in bold, spaces lost after commas.
    case web
    /// Re-wrapped and then with lost glyphs.
    case mixed
}

struct StructureOptions {
    var root = FileManager.default.currentDirectoryPath
    var seed: UInt64 = 1
    var kinds = StructureKind.allCases
    var sets: [String] = StructureOptions.allSets
    /// Every set of plans with facts: the seeds, the tuning plans and the held-out sets in the order written.
    static let allSets = ["seeds", "tune", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9"]
    /// Sets not yet looked at while the parser or lint was developed (reported apart).
    static let unseenSets: Set<String> = ["holdout9"]
    var json = false
    /// Print each document's missed and extra facts (this looks at a held-out set: its figures after
    /// that are no longer held-out figures).
    var misses = false
    var keep: String?
    /// Write the facts of each clean parse here (to start a reference, reviewed by hand after).
    var writeFacts: String?

    init(_ arguments: [String]) throws(UsageError) {
        var rest = Arguments(arguments)
        func value(_ flag: String) throws(UsageError) -> String { try rest.value(for: flag) }
        while let flag = rest.next() {
            switch flag {
            case "--structure": break
            case "--root": root = try value(flag)
            case "--seed": seed = try rest.seed()
            case "--kinds":
                var list: [StructureKind] = []
                for name in try value(flag).split(separator: ",") {
                    guard let kind = StructureKind(rawValue: String(name)) else {
                        throw UsageError("unknown kind \(name); kinds are \(StructureKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    list.append(kind)
                }
                kinds = list
            case "--sets":
                sets = try value(flag).split(separator: ",").map(String.init)
                guard sets.allSatisfy(StructureOptions.allSets.contains) else {
                    throw UsageError("--sets takes \(StructureOptions.allSets.joined(separator: ", "))")
                }
            case "--json": json = true
            case "--misses": misses = true
            case "--keep": keep = try value(flag)
            case "--write-facts": writeFacts = try value(flag)
            case "-h", "--help": throw UsageError("")
            default: throw UsageError("unknown argument \(flag)")
            }
        }
    }
}

/// Facts recovered against a reference: recall is shared/expected, precision shared/found.
struct FactScore: Encodable {
    var expected = 0
    var found = 0
    var shared = 0
    /// The same over the structural facts alone (objectives and their indicator counts, targets,
    /// indicator links without the agency's name, deadlines): what the parse recovered whatever
    /// the repair made of the words around it.
    var structureExpected = 0
    var structureFound = 0
    var structureShared = 0
    /// Targets whose value is written nowhere in the text the parser read.
    var inventedNumbers = 0
    var documents = 0

    var recall: Double { expected == 0 ? 1 : Double(shared) / Double(expected) }
    var precision: Double { found == 0 ? 1 : Double(shared) / Double(found) }
    var structureRecall: Double { structureExpected == 0 ? 1 : Double(structureShared) / Double(structureExpected) }
    var structurePrecision: Double { structureFound == 0 ? 1 : Double(structureShared) / Double(structureFound) }

    init() {}

    init(expected: [String], found: [String]) {
        self.expected = expected.count
        self.found = found.count
        shared = PlanFacts.shared(expected, found)
        let e = FactScore.structural(expected), f = FactScore.structural(found)
        structureExpected = e.count
        structureFound = f.count
        structureShared = PlanFacts.shared(e, f)
        documents = 1
    }

    static func structural(_ facts: [String]) -> [String] {
        facts.compactMap { fact in
            switch PlanFacts.kind(of: fact) {
            case "objective", "target", "deadline": return fact
            case "reportsOn": return "reportsOn\t" + (fact.split(separator: "\t").last.map(String.init) ?? "")
            default: return nil
            }
        }
    }

    static func + (a: FactScore, b: FactScore) -> FactScore {
        var sum = FactScore()
        sum.expected = a.expected + b.expected
        sum.found = a.found + b.found
        sum.shared = a.shared + b.shared
        sum.structureExpected = a.structureExpected + b.structureExpected
        sum.structureFound = a.structureFound + b.structureFound
        sum.structureShared = a.structureShared + b.structureShared
        sum.inventedNumbers = a.inventedNumbers + b.inventedNumbers
        sum.documents = a.documents + b.documents
        return sum
    }
}

struct StructureRow: Encodable {
    var set: String
    var kind: String
    var document: String
    var score: FactScore
    var recall: Double
    var precision: Double
}

struct Reference {
    var set: String
    var name: String
    var path: String
    var facts: [String]
}

func structureReferences(_ options: StructureOptions) throws -> [Reference] {
    let root = URL(fileURLWithPath: options.root)
    var out: [Reference] = []
    let fm = FileManager.default
    for set in options.sets {
        switch set {
        case "seeds":
            for path in RepairData.corpusFiles where path.hasPrefix("Fixtures/seeds/") && !path.contains("/000_") {
                let name = String((path as NSString).lastPathComponent.prefix(3))
                let factsPath = root.appendingPathComponent("Fixtures/facts/\(name).facts").path
                let facts = fm.fileExists(atPath: factsPath) ? PlanFacts.read(try String(contentsOfFile: factsPath, encoding: .utf8)) : []
                out.append(Reference(set: set, name: name, path: root.appendingPathComponent(path).path, facts: facts))
            }
        default:
            let folder = root.appendingPathComponent("Fixtures/plans/\(set)")
            let names = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
            for name in names {
                let path = folder.appendingPathComponent(name).path
                let factsPath = String(path.dropLast(4)) + ".facts"
                let facts = fm.fileExists(atPath: factsPath) ? PlanFacts.read(try String(contentsOfFile: factsPath, encoding: .utf8)) : []
                out.append(Reference(set: set, name: String(name.dropLast(4)), path: path, facts: facts))
            }
        }
    }
    return out
}

/// The texts of one kind for one document, each with a label (several OCR renders per document).
func structureInputs(_ kind: StructureKind, _ reference: Reference, clean: [String], options: StructureOptions) -> [(String, [String])] {
    var rng = SplitMix64(seed: options.seed, stream: "structure/\(kind.rawValue)/\(reference.name)")
    switch kind {
    case .clean: return [("", clean)]
    case .lost: return [("", LostGlyphs().damage(clean, using: &rng))]
    case .rewrap: return [("", Rewrap().damage(clean, using: &rng))]
    case .web: return [("", WebCopy().damage(clean, using: &rng))]
    case .mixed:
        let wrapped = Rewrap().damage(clean, using: &rng)
        return [("", LostGlyphs().damage(wrapped, using: &rng))]
    case .ocr:
        let base = (reference.path as NSString).lastPathComponent.dropLast(4)
        var out: [(String, [String])] = []
        for renders in ["tune"] + StructureOptions.allSets.filter({ $0.hasPrefix("holdout") }) {
            let folder = URL(fileURLWithPath: options.root).appendingPathComponent("Fixtures/ocr/\(renders)")
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasPrefix(base + ".") && $0.hasSuffix(".txt") }.sorted()
            for name in names {
                if let text = try? SourceText.read(path: folder.appendingPathComponent(name).path) {
                    let spec = name.dropFirst(base.count + 1).dropLast(4)
                    out.append(("\(renders == "tune" ? "tune" : "holdout"):\(spec)", text.lines))
                }
            }
        }
        return out
    }
}

func runStructure(_ options: StructureOptions) throws {
    let references = try structureReferences(options)
    let root = URL(fileURLWithPath: options.root)
    let corpus = try RepairData.corpusFiles.map { (file: $0, text: try readLines(root.appendingPathComponent($0).path).joined(separator: "\n")) }
    var rows: [StructureRow] = []
    var totals: [String: FactScore] = [:]
    var totalKeys: [String] = []

    for reference in references {
        let clean = try readLines(reference.path)
        // A seed is repaired with statistics that never saw it; the new plans were never in them.
        let repairer: Repairer
        if reference.set == "seeds" {
            repairer = Repairer(corpus: corpus.filter { !reference.path.hasSuffix($0.file) }.map(\.text))
        } else {
            repairer = Repairer.shared
        }
        if let directory = options.writeFacts {
            let plan = PlanParser.parse(SourceText(path: reference.path, lines: clean), repair: false)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try (PlanFacts.facts(of: plan).joined(separator: "\n") + "\n")
                .write(toFile: (directory as NSString).appendingPathComponent(reference.name + ".facts"), atomically: true, encoding: .utf8)
        }
        for kind in options.kinds {
            for (label, lines) in structureInputs(kind, reference, clean: clean, options: options) {
                var source = SourceText(path: reference.path, lines: lines)
                // Tesseract's output is known to be OCR, as `plankit` knows of the scans it reads itself.
                if kind == .ocr { source.origin = SourceOrigin(format: "png", extractor: "tesseract", extractorVersion: "", ocrPages: [1]) }
                let (repaired, repairs, _) = kind == .clean ? (source, [], []) : repairer.repair(source)
                let plan = PlanParser.parse(repaired, repair: false)
                let found = PlanFacts.facts(of: plan)
                var score = FactScore(expected: reference.facts, found: found)
                score.inventedNumbers = inventedNumbers(plan, text: withDigitShapes(lines, read: repairs).joined(separator: "\n"))
                // Renders kept out of tuning are reported apart from the ones looked at.
                let renderSet = label.hasPrefix("holdout:") ? "-holdout-renders" : ""
                let kindName = kind.rawValue + renderSet
                let document = label.isEmpty ? reference.name : "\(reference.name) \(label)"
                rows.append(StructureRow(set: reference.set, kind: kindName, document: document, score: score,
                                         recall: score.recall, precision: score.precision))
                let key = "\(reference.set)\t\(kindName)"
                if totals[key] == nil { totalKeys.append(key) }
                totals[key] = (totals[key] ?? FactScore()) + score
                if options.misses {
                    printMisses(document: "\(kind.rawValue) \(document)", expected: reference.facts, found: found)
                }
                if let keep = options.keep {
                    let folder = (keep as NSString).appendingPathComponent("\(reference.set)/\(kindName)")
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    let name = document.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: ":", with: "-")
                    try (lines.joined(separator: "\n") + "\n").write(toFile: "\(folder)/\(name).txt", atomically: true, encoding: .utf8)
                    try (found.joined(separator: "\n") + "\n").write(toFile: "\(folder)/\(name).facts", atomically: true, encoding: .utf8)
                }
            }
        }
    }

    if options.json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let summary = totalKeys.map { key -> StructureRow in
            let parts = key.split(separator: "\t")
            let s = totals[key]!
            return StructureRow(set: String(parts[0]), kind: String(parts[1]), document: "all", score: s, recall: s.recall, precision: s.precision)
        }
        print(String(decoding: try encoder.encode(["documents": rows, "summary": summary]), as: UTF8.self))
        return
    }
    print("                                       all facts                              structure facts")
    print("set      kind                    docs  expected  found  shared  recall  precision  expected  recall  precision  invented")
    for key in totalKeys {
        let parts = key.split(separator: "\t")
        let s = totals[key]!
        print(String(format: "%@ %@ %4d  %8d  %5d  %6d  %6.3f  %9.3f  %8d  %6.3f  %9.3f  %8d",
                     String(parts[0]).padding(toLength: 8, withPad: " ", startingAt: 0),
                     String(parts[1]).padding(toLength: 23, withPad: " ", startingAt: 0),
                     s.documents, s.expected, s.found, s.shared, s.recall, s.precision,
                     s.structureExpected, s.structureRecall, s.structurePrecision, s.inventedNumbers))
    }
}

func printMisses(document: String, expected: [String], found: [String]) {
    var counts: [String: Int] = [:]
    for fact in found { counts[fact, default: 0] += 1 }
    var missed: [String] = []
    for fact in expected {
        if counts[fact, default: 0] > 0 { counts[fact]! -= 1 } else { missed.append(fact) }
    }
    var remaining: [String: Int] = [:]
    for fact in expected { remaining[fact, default: 0] += 1 }
    var extra: [String] = []
    for fact in found {
        if remaining[fact, default: 0] > 0 { remaining[fact]! -= 1 } else { extra.append(fact) }
    }
    guard !missed.isEmpty || !extra.isEmpty else { return }
    print("== \(document)")
    for fact in missed { print("  - \(fact)") }
    for fact in extra { print("  + \(fact)") }
}

/// Targets whose value's digits appear nowhere in the text: a number the parse made up.
/// The lines with the letters the repair log says it read as digits ("l,7" → "1,7") read so: a
/// digit OCR printed in a letter's shape is written in the text, not invented.
func withDigitShapes(_ lines: [String], read repairs: [Repair]) -> [String] {
    var out = lines
    for repair in repairs where repair.original.unicodeScalars.count == 1 && repair.repaired.unicodeScalars.count == 1
        && "lI|Oo".unicodeScalars.contains(repair.original.unicodeScalars.first!)
        && ("0"..."9").contains(repair.repaired.unicodeScalars.first!) {
        var scalars = Array(out[repair.line - 1].unicodeScalars)
        guard repair.column - 1 < scalars.count else { continue }
        scalars[repair.column - 1] = repair.repaired.unicodeScalars.first!
        out[repair.line - 1] = String(String.UnicodeScalarView(scalars))
    }
    return out
}

func inventedNumbers(_ plan: Plan, text: String) -> Int {
    // The text's digits with its thousands dots left out ("100.000" → "100000"), made once.
    let digits = String(text.unicodeScalars.filter { ("0"..."9").contains($0) || $0 == "," || $0 == " " || $0 == "\n" }.map(Character.init))
    var n = 0
    for objective in plan.objectives {
        for indicator in objective.indicators {
            for target in indicator.targets {
                // As a plan writes it: a decimal comma.
                let written = PlanFacts.number(target.value).replacingOccurrences(of: ".", with: ",")
                let plain = written.replacingOccurrences(of: ",", with: "")
                if !text.contains(written), !digits.contains(plain) { n += 1 }
            }
        }
    }
    return n
}

/// Text pulled from a PDF again: each line re-wrapped at another width (the same for the whole
/// document), optionally a blank line after every line, and a page number every 45 lines.
struct Rewrap {
    func damage(_ lines: [String], using rng: inout SplitMix64) -> [String] {
        let width = 55 + Int(rng.next() % 35)
        let doubleSpaced = rng.chance(0.5)
        var out: [String] = []
        var page = 1
        var onPage = 0
        func emit(_ line: String) {
            out.append(line)
            if doubleSpaced { out.append("") }
            onPage += 1
            if onPage >= 45 {
                page += 1
                onPage = 0
                out.append("")
                out.append(rng.chance(0.5) ? "\(page)" : "- \(page) -")
                out.append("")
            }
        }
        for line in lines {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            if words.isEmpty {
                if !doubleSpaced { out.append("") }
                continue
            }
            var current = ""
            for word in words {
                if !current.isEmpty, current.count + 1 + word.count > width {
                    emit(current)
                    current = ""
                }
                current += current.isEmpty ? String(word) : " " + word
            }
            if !current.isEmpty { emit(current) }
        }
        return out
    }
}

/// Text copied from a government web page: the header's two columns and the closing's
/// recipients and signature as table cells ("| ỦY BAN NHÂN DÂN … | CỘNG HÒA … |"), Roman
/// headings in bold, and now and then the space after a comma lost.
struct WebCopy {
    func damage(_ lines: [String], using rng: inout SplitMix64) -> [String] {
        let nonBlank = lines.indices.filter { !lines[$0].trimmingCharacters(in: .whitespaces).isEmpty }
        // The header: the lines before the document type ("KẾ HOẠCH", "QUYẾT ĐỊNH").
        let typeLine = nonBlank.first { ["KẾ HOẠCH", "QUYẾT ĐỊNH"].contains(lines[$0].trimmingCharacters(in: .whitespaces)) }
        var left: [String] = [], right: [String] = []
        var headerLines: [Int] = []
        if let typeLine {
            for k in nonBlank where k < typeLine {
                let text = lines[k].trimmingCharacters(in: .whitespaces)
                headerLines.append(k)
                if text.hasPrefix("CỘNG HÒA") || text.hasPrefix("CỘNG HOÀ") || text.hasPrefix("Độc lập") || text.contains(", ngày") {
                    right.append(text)
                } else if !text.allSatisfy({ $0 == "-" || $0 == "_" || $0 == "–" }) {
                    left.append(text)
                }
            }
        }
        // The closing: "Nơi nhận:" and its items in one cell, the signature block in the other.
        let recipientsLine = nonBlank.last { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("Nơi nhận") }
        // The signature block next to that list (a decision's closing comes before the plan it issues).
        let signatureLine = nonBlank.first { k in
            let text = lines[k].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "*", with: "")
            return k > max(typeLine ?? 0, (recipientsLine ?? 0) - 12) && ["TM.", "KT.", "Q.", "TL.", "TUQ."].contains { text.hasPrefix($0) }
        }
        var closingStart = lines.count
        var closingEnd = lines.count
        var closingRow: String?
        if let recipientsLine, let signatureLine {
            closingStart = min(recipientsLine, signatureLine)
            closingEnd = nonBlank.first { $0 > closingStart && ["KẾ HOẠCH", "QUYẾT ĐỊNH"].contains(lines[$0].trimmingCharacters(in: .whitespaces)) } ?? lines.count
            var cellLeft: [String] = [], cellRight: [String] = []
            var inList = false
            for k in nonBlank where k >= closingStart && k < closingEnd {
                let text = lines[k].trimmingCharacters(in: .whitespaces)
                if k == recipientsLine { inList = true } else if inList, !text.hasPrefix("-") && !text.hasPrefix("+") { inList = false }
                if inList { cellLeft.append(text) } else { cellRight.append(text) }
            }
            closingRow = "| \(cellLeft.joined(separator: "<br>")) | \(cellRight.joined(separator: "<br>")) |"
        }
        var out: [String] = []
        var k = 0
        while k < lines.count {
            if k == closingStart, let closingRow {
                out.append(closingRow)
                k = closingEnd
                continue
            }
            if let first = headerLines.first, k == first {
                let number = left.firstIndex { $0.hasPrefix("Số") }
                let issuer = left.enumerated().filter { $0.offset != number }.map(\.element).joined(separator: "<br>")
                let motto = right.filter { !$0.contains(", ngày") }.joined(separator: "<br>")
                out.append("| \(issuer) | \(motto) |")
                out.append("|---|---|")
                out.append("| \(number.map { left[$0] } ?? "") | \(right.first { $0.contains(", ngày") } ?? "") |")
                k = headerLines.last! + 1
                continue
            }
            var line = lines[k]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let marker = trimmed.split(separator: " ").first, marker.hasSuffix("."), marker.dropLast().allSatisfy({ "IVX".contains($0) }),
               !marker.dropLast().isEmpty {
                line = "**\(trimmed)**"
            } else if line.count > 100, rng.chance(0.3) {
                // Paragraphs only: a title or a recipient glued so would no longer be the same fact.
                line = line.replacingOccurrences(of: ", ", with: ",")
            }
            out.append(line)
            k += 1
        }
        return out
    }
}
