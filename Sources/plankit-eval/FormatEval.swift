import Foundation
import PlanKit

// plankit-eval --formats: the facts of plans read from the files an archive holds (typed and
// scanned PDF, multi-page TIFF, .docx, .odt, .doc), made from clean plans by
// Tools/formats/make-format-fixtures.sh, against the plans' hand-written facts; and the seconds
// per page OCR takes on one core (pdftoppm rendering included; Tesseract runs single-threaded).
// The clean text of the same plans is scored too, as the line to reach. A format whose tools are
// not installed is listed as skipped.

struct FormatOptions {
    var root = FileManager.default.currentDirectoryPath
    var json = false
    var misses = false

    init(_ arguments: [String]) throws(UsageError) {
        var rest = Arguments(arguments)
        while let flag = rest.next() {
            switch flag {
            case "--formats": break
            case "--root": root = try rest.value(for: flag)
            case "--json": json = true
            case "--misses": misses = true
            case "-h", "--help": throw UsageError("")
            default: throw UsageError("unknown argument \(flag)")
            }
        }
    }
}

/// One way a fixture plan was stored, by the suffix of its file name.
struct FormatKind {
    var label: String
    var suffix: String
    var ocr: Bool

    static let all = [
        FormatKind(label: "text (clean .txt)", suffix: "", ocr: false),
        FormatKind(label: "typed PDF", suffix: ".pdf", ocr: false),
        FormatKind(label: "docx", suffix: ".docx", ocr: false),
        FormatKind(label: "odt", suffix: ".odt", ocr: false),
        FormatKind(label: "doc", suffix: ".doc", ocr: false),
        FormatKind(label: "scanned PDF (OCR)", suffix: ".scan.pdf", ocr: true),
        FormatKind(label: "TIFF pages (OCR)", suffix: ".tiff", ocr: true),
    ]
}

struct FormatRow: Encodable {
    var format: String
    var score: FactScore
    var recall: Double
    var precision: Double
    var pages: Int
    var secondsPerPage: Double?
    var meanConfidence: Double?
    var skipped: String?
}

func runFormats(_ options: FormatOptions) throws {
    let root = URL(fileURLWithPath: options.root)
    let folder = root.appendingPathComponent("Fixtures/formats")
    let manifest = try String(contentsOf: folder.appendingPathComponent("plans.tsv"), encoding: .utf8)
    let plans: [(name: String, text: String)] = manifest.split(separator: "\n").compactMap { line in
        let cells = line.split(separator: "\t")
        return cells.count == 2 ? (String(cells[0]), String(cells[1])) : nil
    }
    var rows: [FormatRow] = []
    for kind in FormatKind.all {
        var row = FormatRow(format: kind.label, score: FactScore(), recall: 0, precision: 0, pages: 0)
        var seconds = 0.0, confidence = 0.0, confidencePages = 0
        for plan in plans {
            let textPath = root.appendingPathComponent(plan.text).path
            let path = kind.suffix.isEmpty ? textPath : folder.appendingPathComponent(plan.name + kind.suffix).path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let facts = PlanFacts.read(try String(contentsOfFile: String(textPath.dropLast(4)) + ".facts", encoding: .utf8))
            let start = DispatchTime.now().uptimeNanoseconds
            let source: SourceText
            do {
                source = try DocumentIntake.read(path: path)
            } catch {
                row.skipped = error.reason
                break
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let found = PlanFacts.facts(of: PlanParser.parse(source))
            row.score = row.score + FactScore(expected: facts, found: found)
            if let origin = source.origin, let pages = origin.pageCount {
                row.pages += pages
                if kind.ocr {
                    seconds += elapsed
                    if let c = origin.ocrConfidence { confidence += c * Double(pages); confidencePages += pages }
                }
            }
            if options.misses { printMisses(document: "\(kind.label) \(plan.name)", expected: facts, found: found) }
        }
        row.recall = row.score.recall
        row.precision = row.score.precision
        if kind.ocr, row.pages > 0 {
            row.secondsPerPage = seconds / Double(row.pages)
            row.meanConfidence = confidencePages > 0 ? confidence / Double(confidencePages) : nil
        }
        rows.append(row)
    }
    if options.json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        return
    }
    print("format               docs  pages  expected  found  shared  recall  precision  OCR s/page  mean conf")
    for row in rows {
        let name = row.format.padding(toLength: 20, withPad: " ", startingAt: 0)
        if let skipped = row.skipped {
            print("\(name) skipped: \(skipped)")
            continue
        }
        print(String(format: "%@ %4d  %5d  %8d  %5d  %6d  %6.3f  %9.3f  %@  %@", name, row.score.documents, row.pages,
                     row.score.expected, row.score.found, row.score.shared, row.recall, row.precision,
                     row.secondsPerPage.map { String(format: "%10.2f", $0) } ?? "         -",
                     row.meanConfidence.map { String(format: "%9.1f", $0) } ?? "        -"))
    }
}
