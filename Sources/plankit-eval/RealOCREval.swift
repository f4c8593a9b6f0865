import Foundation
import PlanKit

/// `plankit-eval --real-ocr [--sets …]`: how much of Tesseract's word errors the repair stage
/// removes, on the OCR renders of the fixture plans (`Fixtures/ocr/`), each aligned word by word
/// with the plan's clean text. Three readings per render: as Tesseract wrote it; repaired as plain
/// text (the damage screen decides whether to repair); repaired as text known to come from OCR
/// (what `plankit` does for the scans it reads itself, and for text files with `--ocr`).
///
/// A word is right when the alignment (a shortest edit script over words, case kept, punctuation
/// dropped) pairs it with the same word of the clean text. *Intact changed* counts the clean
/// text's words Tesseract read right and the repair made wrong; *digits changed* counts digits
/// the repair wrote that the render did not have, apart from *letters read as digits*, the letters
/// of a digit's shape inside a number the log records as read so ("l,7" → "1,7").
func runRealOCR(_ arguments: [String]) throws {
    let options = try StructureOptions(arguments.filter { $0 != "--real-ocr" })
    let references = try structureReferences(options)
    let root = URL(fileURLWithPath: options.root)
    let corpus = try RepairData.corpusFiles.map { (file: $0, text: try readLines(root.appendingPathComponent($0).path).joined(separator: "\n")) }
    var totals: [String: OCRTally] = [:]
    var keys: [String] = []
    for reference in references {
        let clean = try readLines(reference.path)
        // A seed is repaired with statistics that never saw it; the new plans were never in them.
        let repairer = reference.set == "seeds"
            ? Repairer(corpus: corpus.filter { !reference.path.hasSuffix($0.file) }.map(\.text)) : Repairer.shared
        let truth = ocrWords(clean)
        for (label, lines) in structureInputs(.ocr, reference, clean: clean, options: options) {
            let plain = SourceText(path: reference.path, lines: lines)
            var known = plain
            known.origin = SourceOrigin(format: "png", extractor: "tesseract", extractorVersion: "", ocrPages: [1])
            let screened = repairer.repair(plain).0.lines
            let (repairedKnown, repairs, _) = repairer.repair(known)
            let asOCR = repairedKnown.lines
            // Letters the log says were read as digits ("l,7" → "1,7") are the render's digits.
            let shown = withDigitShapes(lines, read: repairs)
            let read = rightWords(truth, ocrWords(lines))
            var tally = OCRTally(documents: 1, words: truth.count, right: read.count)
            let afterScreen = rightWords(truth, ocrWords(screened))
            let afterOCR = rightWords(truth, ocrWords(asOCR))
            tally.rightScreened = afterScreen.count
            tally.rightAsOCR = afterOCR.count
            tally.intactChangedScreened = read.subtracting(afterScreen).count
            tally.intactChangedAsOCR = read.subtracting(afterOCR).count
            tally.digitsChanged = abs(digitCount(asOCR) - digitCount(shown))
            tally.lettersReadAsDigits = digitCount(shown) - digitCount(lines)
            let group = label.hasPrefix("tune:") ? "tune renders" : "held-out renders"
            let key = "\(reference.set)\t\(group)"
            if totals[key] == nil { keys.append(key) }
            totals[key, default: OCRTally()] += tally
        }
    }
    print("set       renders           texts   words  read by OCR  repaired (screened)  repaired (known OCR)  errors removed  intact changed  digits changed  letters read as digits")
    for key in keys {
        let t = totals[key]!
        let parts = key.split(separator: "\t")
        let removed = t.words == t.right ? 0 : Double(t.rightAsOCR - t.right) / Double(t.words - t.right)
        func pad(_ s: Substring, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        print(pad(parts[0], 10) + pad(parts[1], 19) + String(format: "%4d %7d  %11.4f  %19.4f  %20.4f  %13.1f%%  %14d  %14d  %22d",
                     t.documents, t.words,
                     Double(t.right) / Double(t.words), Double(t.rightScreened) / Double(t.words),
                     Double(t.rightAsOCR) / Double(t.words), removed * 100, t.intactChangedAsOCR, t.digitsChanged,
                     t.lettersReadAsDigits))
    }
}

struct OCRTally {
    var documents = 0, words = 0, right = 0, rightScreened = 0, rightAsOCR = 0
    var intactChangedScreened = 0, intactChangedAsOCR = 0, digitsChanged = 0, lettersReadAsDigits = 0

    static func += (a: inout OCRTally, b: OCRTally) {
        a.documents += b.documents; a.words += b.words; a.right += b.right
        a.rightScreened += b.rightScreened; a.rightAsOCR += b.rightAsOCR
        a.intactChangedScreened += b.intactChangedScreened; a.intactChangedAsOCR += b.intactChangedAsOCR
        a.digitsChanged += b.digitsChanged
        a.lettersReadAsDigits += b.lettersReadAsDigits
    }
}

/// The letter-and-digit runs of the text, in order.
func ocrWords(_ lines: [String]) -> [Substring] {
    lines.flatMap { line in
        line.split(whereSeparator: { c in !(c.isLetter || c.isNumber) })
    }
}

/// Positions of `truth` that the shortest edit script to `read` keeps.
func rightWords(_ truth: [Substring], _ read: [Substring]) -> Set<Int> {
    var kept = Set(truth.indices)
    for change in read.difference(from: truth) {
        if case .remove(let offset, _, _) = change { kept.remove(offset) }
    }
    return kept
}

func digitCount(_ lines: [String]) -> Int {
    lines.reduce(0) { $0 + $1.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }.count }
}
