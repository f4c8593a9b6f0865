import Foundation

/// The repair stage: restores damaged Vietnamese text before parsing and logs every change.
///
/// Damage kinds handled (see docs/repair.md): lost glyphs that became spaces, missing
/// diacritics, OCR confusions of marks and lost spaces, and legacy-font vowel swaps. Lines
/// found intact come out byte-identical; digits are never changed; a change the decoder is not
/// sure of is left as written and reported as a diagnostic instead.
public struct Repairer: Sendable {
    /// The repairer over the lexicon shipped in the package, loaded on first use.
    public static let shared = Repairer()

    private let custom: Lexicon?
    /// Changes below this confidence are not applied; they are reported (PK201).
    public var minimumConfidence: Double = 0.5
    /// Whether names of administrative units are kept as written and restored from the
    /// gazetteer (``PlaceNames``); off only to measure what the pass does.
    public var placeNames = true
    /// The longest line the lost-glyph decoder takes on, in scalars.
    static let longestDecodedLine = 4000
    /// Lines of a lost-glyph document decoded first to learn which capitals its fonts lose.
    /// Five, since the second pass learns them again from every line: ten would cost 5% more
    /// time for 0.03–0.09 points of words.
    static let capitalSampleLines = 5
    /// How dear a capital of a word lost whole may be when a line is decoded again for a span
    /// the first pass left unexplained.
    static let secondPassWholeLostCapitalCost: Float = 3.5

    var lexicon: Lexicon { custom ?? Lexicon.shipped }

    /// The words ``DamageScreen`` counts on: the shipped ones, or those of the custom corpus.
    private let frequentWords: Set<UInt64>

    /// The repairer over the lexicon shipped in the package; ``shared`` holds one.
    public init() {
        custom = nil
        frequentWords = DamageScreen.shippedFrequentWords
    }

    /// A repairer whose statistics come from `corpus` (clean plan texts) instead of the shipped
    /// ones, for leave-one-out evaluation.
    public init(corpus: [String]) {
        let counts = LanguageModel.Counts.count(texts: corpus)
        custom = Lexicon(counts: counts)
        frequentWords = DamageScreen.keys(counts.frequentWords(RepairData.frequentWordCount))
    }

    /// Loads the shipped lexicon now (it is otherwise loaded by the first repair); returns seconds taken.
    @discardableResult
    public static func preload() -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = Lexicon.shipped.model.words.count
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Loads the gazetteer of administrative units now (the first damaged document otherwise
    /// does); returns seconds taken.
    @discardableResult
    public static func preloadGazetteer() -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = Gazetteer.shipped.names.count
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Repairs `source`; returns the repaired text, the changes made and the spots left as written.
    ///
    /// Text read by OCR (`source.origin` lists OCR'd pages) always goes through the OCR decoder:
    /// a mild scan's few confusions ("đưới", "nãm") leave the document looking clean to the
    /// screen, which is built to let typed text pass untouched.
    public func repair(_ source: SourceText) -> (SourceText, [Repair], [Diagnostic]) {
        let readByOCR = source.origin?.ocrPages?.isEmpty == false
        guard readByOCR || DamageScreen.mayBeDamaged(source.lines, frequent: frequentWords) else { return (source, [], []) }
        let lexicon = self.lexicon
        var analysis = DocumentAnalysis(lines: source.lines, lexicon: lexicon)
        if readByOCR, analysis.lostGlyphLines.isEmpty, analysis.fontTable == nil {
            analysis.tokenMode = (analysis.tokenMode ?? []).union(.ocr)
            analysis.damaged = true
        }
        guard analysis.damaged else { return (source, [], []) }
        var repaired = source
        var repairs: [Repair] = []
        var diagnostics: [Diagnostic] = []

        if let table = analysis.fontTable {
            // (d) a legacy-font swap: the document's table, then each word read in context.
            for (index, line) in source.lines.enumerated() {
                let result = table.decode(line, lineNumber: index + 1, lexicon: lexicon, minimumConfidence: minimumConfidence)
                repaired.lines[index] = result.text
                repairs += result.repairs
                diagnostics += result.diagnostics
            }
            analysis = DocumentAnalysis(lines: repaired.lines, lexicon: lexicon)
            // Text in a legacy font was typed, not scanned: the words still unknown are names and
            // rare words, and the OCR pass would only re-spell them (or correct words) by the model.
            if var mode = analysis.tokenMode {
                mode.remove(.ocr)
                analysis.tokenMode = mode.isEmpty ? nil : mode
            }
        }

        // (a) lost glyphs, line by line.
        let lostLines = analysis.lostGlyphLines
        if !lostLines.isEmpty {
            restoreLostGlyphs(in: &repaired.lines, lostLines: lostLines, lexicon: lexicon,
                              repairs: &repairs, diagnostics: &diagnostics)
        }

        // (b), (c) marks and OCR confusions, token by token.
        if let mode = analysis.tokenMode {
            let decoder = TokenDecoder(lexicon: lexicon, mode: mode)
            let skip = Set(lostLines)
            for (index, line) in repaired.lines.enumerated() where !skip.contains(index) {
                // Digits read as letters first ("l,7" → "1,7"): one scalar for one, so the decoder's
                // columns stay those of the input.
                let numbers = mode.contains(.ocr) ? OCRNumbers.repair(line, lineNumber: index + 1) : (text: line, repairs: [])
                let result = decoder.decode(numbers.text, lineNumber: index + 1, minimumConfidence: minimumConfidence)
                repaired.lines[index] = result.text
                repairs += numbers.repairs + result.repairs
                diagnostics += result.diagnostics
            }
        }
        // Names of administrative units: kept as written, or restored from the gazetteer.
        if placeNames { PlaceNames.apply(original: source.lines, lines: &repaired.lines, repairs: &repairs) }
        Repairer.applyDocumentTonePlacement(lines: &repaired.lines, repairs: &repairs)
        return (repaired, repairs, diagnostics)
    }
}

extension Repairer {
    /// Damage kind (a): which letters this document's fonts lose is read off its letter counts
    /// first (``LostGlyphDecoder/documentPrior``), then off each paragraph's
    /// (``LostGlyphDecoder/forParagraph(_:)``).
    private func restoreLostGlyphs(in lines: inout [String], lostLines: [Int], lexicon: Lexicon,
                                   repairs: inout [Repair], diagnostics: inout [Diagnostic]) {
        // Whether each line opens a sentence, where its words open sentences and list items, and
        // the document's habit of capitals there and inside its sentences.
        let documentScalars = lines.map { Array($0.unicodeScalars) }
        let opens = Repairer.opensSentence(documentScalars)
        let contexts = documentScalars.indices.map { LostGlyphDecoder.StartCapitals.contexts(documentScalars[$0], opensSentence: opens[$0]) }
        let allScalars = lostLines.map { documentScalars[$0] }
        let sample = allScalars.filter { $0.count <= Repairer.longestDecodedLine }
        let statistics = LostGlyphDecoder.documentStatistics(lines: sample, lexicon: lexicon)
        var startCapitals = LostGlyphDecoder.StartCapitals()
        for (line, lineContexts) in zip(documentScalars, contexts) { startCapitals.count(line, contexts: lineContexts) }
        var base = LostGlyphDecoder(lexicon: lexicon, documentLost: statistics.lost, documentShares: statistics.shares)
        base.startCapitals = startCapitals
        base.documentCases = LostGlyphDecoder.DocumentCases(lines: documentScalars, contexts: contexts, lexicon: lexicon)
        let decoder = base.learningCapitals(from: Array(sample.prefix(Repairer.capitalSampleLines)))
        // First pass over every line; the capitals its readings fill in against those the
        // lines show then say which capitals the fonts lose, and the lines left with a span
        // no word fits (a word lost whole whose capital was too dear: "Kế") are decoded again.
        var results: [LostGlyphDecoder.Result?] = []
        results.reserveCapacity(lostLines.count)
        var capitalCounts = LostGlyphDecoder.CapitalCounts()
        // Paragraphs: runs of damaged lines with no blank line between them.
        var paragraphStart = [Int](repeating: 0, count: lostLines.count)
        for k in lostLines.indices.dropFirst() {
            let blankBetween = lines[(lostLines[k - 1] + 1)..<lostLines[k]]
                .contains { $0.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" } }
            paragraphStart[k] = blankBetween ? k : paragraphStart[k - 1]
        }
        func paragraph(from first: Int) -> ArraySlice<[Unicode.Scalar]> {
            var end = first + 1
            while end < lostLines.count && paragraphStart[end] == first { end += 1 }
            return allScalars[first..<end]
        }
        // The token a line continues from: the previous line's last (as read so far) when the
        // line continues its sentence ("… huyện Tuần" / "Giáo …"), else a boundary.
        func previousToken(_ k: Int, _ results: [LostGlyphDecoder.Result?]) -> Int32 {
            let index = lostLines[k]
            guard index > 0, !opens[index] else { return LanguageModel.boundary }
            let text: [Unicode.Scalar]
            if k > 0, lostLines[k - 1] == index - 1, k - 1 < results.count, let previous = results[k - 1] {
                text = previous.scalars
            } else {
                text = documentScalars[index - 1]
            }
            return decoder.contextToken(in: text, at: text.count, before: true)
        }
        var paragraphDecoder = decoder
        for k in lostLines.indices {
            let scalars = allScalars[k]
            if paragraphStart[k] == k { paragraphDecoder = decoder.forParagraph(paragraph(from: k)) }
            // A line of printed text is a few hundred characters; a longer one is no text
            // line (a whole file without line breaks, binary debris), and the lattice's memory
            // grows with its length.
            guard scalars.count <= Repairer.longestDecodedLine else { results.append(nil); continue }
            let index = lostLines[k]
            let result = paragraphDecoder.decode(scalars, previous: previousToken(k, results), startContexts: contexts[index])
            capitalCounts.count(scalars, result)
            results.append(result)
        }
        var learned = decoder.learningCapitals(from: capitalCounts).keepingLikelierCapitals(decoder)
        learned.maxWholeLostCapitalCost = Repairer.secondPassWholeLostCapitalCost
        // The second look also tries the syllables the corpus never saw, at the fragments the
        // first pass left ("t ềm" = "tiềm"): only there, since they would otherwise compete
        // with every seen word of every span.
        learned.unseenSyllables = true
        var secondPassParagraph = -1
        var secondPassDecoder = learned
        for k in lostLines.indices {
            guard let result = results[k] else { continue }
            let relaxed = LostGlyphDecoder.unresolvedPositions(result.scalars)
            let fragments = decoder.fragmentStarts(result, minimumConfidence: minimumConfidence)
            guard !relaxed.isEmpty || !fragments.isEmpty else { continue }
            if paragraphStart[k] != secondPassParagraph {
                secondPassParagraph = paragraphStart[k]
                secondPassDecoder = learned.forParagraph(paragraph(from: secondPassParagraph))
            }
            results[k] = secondPassDecoder.redecode(allScalars[k], first: result, relaxedStarts: relaxed, unseenStarts: fragments,
                                                    startContexts: contexts[lostLines[k]], previous: previousToken(k, results))
        }
        var readings = documentScalars
        for (k, index) in lostLines.enumerated() { if let result = results[k] { readings[index] = result.scalars } }
        let cases = LostGlyphDecoder.CaseAgreement(readings: readings, damaged: documentScalars, contexts: contexts, trie: lexicon.trie)
        for (k, index) in lostLines.enumerated() where results[k] != nil {
            cases.apply(to: &results[k]!, damaged: documentScalars[index], contexts: contexts[index], starts: startCapitals, lexicon: lexicon)
        }
        for (k, index) in lostLines.enumerated() {
            let scalars = allScalars[k]
            guard let result = results[k] else {
                diagnostics.append(Diagnostic(.repairUncertain,
                    "a line of \(scalars.count) characters is too long to repair; left as written",
                    span: SourceSpan(startLine: index + 1, endLine: index + 1)))
                continue
            }
            var output = scalars
            for word in result.words {
                let original = Scalars.string(scalars[word.start..<word.end])
                var candidate = Array(scalars[word.start..<word.end])
                for fill in word.fills { candidate[Int(fill.position) - word.start] = fill.scalar }
                let text = Scalars.string(candidate)
                if word.confidence < minimumConfidence {
                    diagnostics.append(Diagnostic(.repairUncertain,
                        "lost letters in \"\(original)\" left as written (best guess \"\(text)\", confidence \(String(format: "%.2f", word.confidence)))",
                        span: SourceSpan(startLine: index + 1, endLine: index + 1)))
                    continue
                }
                for fill in word.fills { output[Int(fill.position)] = fill.scalar }
                repairs.append(Repair(line: index + 1, column: word.start + 1, original: original, repaired: text,
                                      kind: "lost-glyph", confidence: (word.confidence * 1000).rounded() / 1000))
            }
            for gap in result.gaps {
                diagnostics.append(Diagnostic(.repairLostCharacter,
                    "a lost character (probably a digit) at column \(gap + 1) is left as a gap",
                    span: SourceSpan(startLine: index + 1, endLine: index + 1)))
            }
            lines[index] = Scalars.string(output)
        }
    }
}

extension Repairer {
    /// Per line, whether it opens a sentence (a blank line: true): the first line, a line after a blank one, after
    /// one ending a sentence or clause (". : ; ! ?"), markup ("**"), or a heading in capitals.
    /// In a document typed with a blank line after every wrapped line, where most lines after a
    /// blank one that follow no sentence end show a small first letter ("tham" / "" / "gia"), a
    /// blank line parts nothing: the line before it decides.
    static func opensSentence(_ lines: [[Unicode.Scalar]]) -> [Bool] {
        func isBlank(_ line: [Unicode.Scalar]) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }
        /// Whether a line after `previous` opens a sentence by the text of `previous` alone.
        func opensAfter(_ previous: [Unicode.Scalar]) -> Bool {
            guard let last = previous.last(where: { $0 != " " && $0 != "\t" }) else { return true }
            if ".:;!?*".unicodeScalars.contains(last) { return true }
            var letters = 0, capitals = 0
            for s in previous where VietnameseLetters.isLetter(s) {
                letters += 1
                if VietnameseLetters.isUpper(s) { capitals += 1 }
            }
            return letters > 0 && capitals * 10 >= letters * 6
        }
        // The last line with text before each line (nil: none), and the first letters of lines
        // after a blank line whose text before opens nothing.
        var lastText = [Int?](repeating: nil, count: lines.count)
        var blankBefore = [Bool](repeating: false, count: lines.count)
        var small = 0, capital = 0
        var text: Int?
        for index in lines.indices {
            lastText[index] = text
            blankBefore[index] = index > 0 && isBlank(lines[index - 1])
            if isBlank(lines[index]) { continue }
            if blankBefore[index], let t = text, !opensAfter(lines[t]),
               let first = lines[index].first(where: { $0 != " " && $0 != "\t" }), VietnameseLetters.isLetter(first) {
                if VietnameseLetters.isUpper(first) { capital += 1 } else { small += 1 }
            }
            text = index
        }
        let blankPartsNothing = small > capital
        var opens = [Bool](repeating: true, count: lines.count)
        for index in lines.indices.dropFirst() where !isBlank(lines[index]) {
            if blankBefore[index] && !blankPartsNothing { continue }
            guard let t = lastText[index] else { continue }
            opens[index] = opensAfter(lines[t])
        }
        return opens
    }
}

extension Diagnostic.Rule {
    /// A damaged spot the repair stage could not restore with confidence; left as written.
    public static let repairUncertain = Diagnostic.Rule(id: "PK201", name: "repair-uncertain", defaultSeverity: .note,
        hint: "Check the spot against the original document.")
    /// A lost character that would have to be invented (a digit); left as a gap.
    public static let repairLostCharacter = Diagnostic.Rule(id: "PK202", name: "repair-lost-character", defaultSeverity: .warning,
        hint: "Fill in the lost digit from the original document.")
}
