/// Decides, per document and per line, which damage is present: the detection step of the
/// repair stage. A document whose letter runs are words of the lexicon, with marks and single
/// spaces, is intact and skipped whole.
struct DocumentAnalysis {
    var damaged = false
    /// Lines (0-based) with lost glyphs: runs of spaces inside text and fragments that are no word.
    var lostGlyphLines: [Int] = []
    var tokenMode: TokenDecoder.Mode?
    var fontTable: FontTable?

    /// Counts a line's letter runs: how many, how many not in the lexicon, how many carry marks.
    struct LineStats {
        var tokens = 0
        var unknown = 0
        var marked = 0
        var innerSpaceRuns = 0
        /// Single spaces where a separator never stands: after a letter before a closing mark or
        /// the line's end ("đíc " = "đích", "tỉn ." = "tỉnh."), after an opening one ("( /c)"),
        /// and a short indent before the text (" Ế HOẠCH" = "KẾ HOẠCH").
        var edgeSpaces = 0

        /// Whether the line has the signs of lost glyphs (in a document that has them): runs of
        /// spaces inside the text, spaces where no separator stands, or fragments that are no word.
        /// Lint's damage rule asks the same of a line before it calls it damaged.
        var showsLostGlyphs: Bool { innerSpaceRuns > 0 || edgeSpaces > 0 || unknown >= 2 }
    }

    static func stats(_ line: String, lexicon: Lexicon) -> LineStats {
        var stats = LineStats()
        var word = String.UnicodeScalarView()
        var wordMarked = false
        var spaces = 0
        var seenText = false
        var beforeSpaces: Unicode.Scalar = " "
        var previous: Unicode.Scalar = " "
        func flush() {
            guard !word.isEmpty else { return }
            stats.tokens += 1
            if wordMarked { stats.marked += 1 }
            if lexicon.model.id(String(word)) == nil { stats.unknown += 1 }
            word = String.UnicodeScalarView()
            wordMarked = false
        }
        for s in line.unicodeScalars {
            if s == " " {
                if spaces == 0 && seenText { beforeSpaces = previous }
                spaces += 1
            } else {
                if spaces >= 2 && seenText { stats.innerSpaceRuns += 1 }
                if spaces == 1 && seenText && (Self.opensSpan(beforeSpaces) || (VietnameseLetters.isLetter(beforeSpaces) && Self.closesSpan(s))) {
                    stats.edgeSpaces += 1
                }
                if !seenText && spaces >= 1 && spaces <= 3 { stats.edgeSpaces += 1 }
                spaces = 0
                seenText = true
            }
            previous = s
            if VietnameseLetters.isLetter(s) {
                word.append(VietnameseLetters.lower(s))
                if VietnameseLetters.isMarked(s) { wordMarked = true }
            } else {
                flush()
            }
        }
        flush()
        if spaces == 1 && seenText && VietnameseLetters.isLetter(beforeSpaces) { stats.edgeSpaces += 1 }
        return stats
    }

    @inline(__always) static func opensSpan(_ s: Unicode.Scalar) -> Bool { s == "(" || s == "/" || s == "\u{201C}" }
    @inline(__always) static func closesSpan(_ s: Unicode.Scalar) -> Bool {
        s == "." || s == "," || s == ";" || s == ":" || s == ")" || s == "/" || s == "\u{201D}"
    }

    /// Share of unknown words below which spaced lines alone do not make a lost-glyph document:
    /// clean pdftotext -layout text has 0.1–0.8% (names, abbreviations), damaged text 35–45%.
    static let lostGlyphUnknownRate = 0.02

    init(lines: [String], lexicon: Lexicon) {
        var all = LineStats()
        var perLine: [LineStats] = []
        perLine.reserveCapacity(lines.count)
        var textLines = 0
        var spacedLines = 0
        for line in lines {
            let s = DocumentAnalysis.stats(line, lexicon: lexicon)
            perLine.append(s)
            all.tokens += s.tokens
            all.unknown += s.unknown
            all.marked += s.marked
            if s.tokens > 0 { textLines += 1 }
            if s.innerSpaceRuns > 0 && s.unknown > 0 { spacedLines += 1 }
        }
        guard all.tokens > 0 else { return }
        let unknownRate = Double(all.unknown) / Double(all.tokens)
        let markedRate = Double(all.marked) / Double(all.tokens)

        // (a) lost glyphs: lines with runs of spaces inside the text and fragments that are no word.
        // Text laid out in columns or justified (pdftotext -layout) has runs of spaces too, but
        // between whole words: few of its words are unknown and few of its lines are spaced, where
        // lost glyphs leave fragments that are no words on most damaged lines.
        let spacedShare = Double(spacedLines) / Double(max(textLines, 1))
        let lostGlyphDocument = spacedLines >= 2 && spacedShare >= 0.05
            && (unknownRate >= DocumentAnalysis.lostGlyphUnknownRate || spacedShare >= 0.2)
        if lostGlyphDocument {
            for (index, s) in perLine.enumerated() where s.showsLostGlyphs {
                lostGlyphLines.append(index)
            }
        }
        // (d) a legacy font table: only worth solving when many words are unknown.
        if !lostGlyphDocument && unknownRate > 0.04 && markedRate > 0.3 {
            if let table = FontTable.solve(lines: lines, lexicon: lexicon) { fontTable = table }
        }
        // (b), (c): missing marks or OCR confusions.
        var mode: TokenDecoder.Mode = []
        // Lost glyphs take marked letters with them, so a low share of marked words is expected
        // there and says nothing about missing diacritics.
        if !lostGlyphDocument && markedRate < 0.6 { mode.insert(.diacritics) }
        // A few OCR letter confusions ("nărn", "Iuật", "TỶ lệ") hardly move the unknown rate: one
        // such word, checked with the lexicon, is enough. Clean text with a few unknown names goes
        // through the OCR decoder too; the decoder leaves its words alone (``TokenDecoder``).
        if !lostGlyphDocument && (unknownRate > 0.002 || OCRSignature.hasConfusion(lines, lexicon: lexicon)) { mode.insert(.ocr) }
        if !mode.isEmpty { tokenMode = mode }
        damaged = !lostGlyphLines.isEmpty || fontTable != nil || tokenMode != nil
    }
}
