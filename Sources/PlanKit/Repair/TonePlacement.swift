/// Where a syllable with an open "oa", "oe" or "uy" rhyme carries its tone: on the first vowel
/// ("hòa", "khỏe", "thủy", the older style most plans are typed in) or on the second ("hoà",
/// "khoẻ", "thuỷ"). Both are correct Vietnamese; a document keeps to one, so the repair stage
/// accepts either on input and writes the words it restores in the document's own style.
enum TonePlacement: String, Sendable {
    case first, second

    /// The two vowels of an open "oa"/"oe"/"uy" rhyme at the end of `word`, when the tone sits
    /// on one of them: their offsets and the placement. "quý" has none ("qu" is its onset).
    static func rhyme(_ word: [Unicode.Scalar]) -> (first: Int, second: Int, placement: TonePlacement)? {
        let n = word.count
        guard mayEndInOpenRhyme(word[...]),
              let v1 = VietnameseLetters.info[word[n - 2].value], v1.isVowel,
              let v2 = VietnameseLetters.info[word[n - 1].value], v2.isVowel else { return nil }
        switch (v1.untoned, v2.untoned) {
        case ("o", "a"), ("o", "e"), ("u", "y"): break
        default: return nil
        }
        if n >= 3 {
            // The rhyme must follow the onset directly: "quý", "khuya", "ngoài" are other rhymes.
            guard let before = VietnameseLetters.info[word[n - 3].value], !before.isVowel,
                  !(before.lower == "q" && v1.untoned == "u") else { return nil }
        }
        switch (v1.tone, v2.tone) {
        case (.level, .level): return nil
        case (_, .level): return (n - 2, n - 1, .first)
        case (.level, _): return (n - 2, n - 1, .second)
        default: return nil
        }
    }

    /// Whether `word`'s last two letters fold to "oa", "oe" or "uy": a table look-up that spares
    /// most words the dictionary look-ups of ``rhyme(_:)`` (every repaired word passes here).
    @inline(__always) static func mayEndInOpenRhyme(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        guard word.count >= 2 else { return false }
        let last = VietnameseLetters.fold(word[word.endIndex - 1]), before = VietnameseLetters.fold(word[word.endIndex - 2])
        return before == "o" ? last == "a" || last == "e" : before == "u" && last == "y"
    }

    /// `word` (any case) with its tone moved to `placement`; unchanged when it has no open
    /// "oa"/"oe"/"uy" rhyme or already uses that placement.
    static func restyle(_ word: [Unicode.Scalar], to placement: TonePlacement) -> [Unicode.Scalar] {
        guard let rhyme = rhyme(word), rhyme.placement != placement else { return word }
        let (from, to) = placement == .first ? (rhyme.second, rhyme.first) : (rhyme.first, rhyme.second)
        let source = VietnameseLetters.info[word[from].value]!
        let target = VietnameseLetters.info[word[to].value]!
        var out = word
        out[from] = source.isUpper ? VietnameseLetters.upper(source.untoned) : source.untoned
        let toned = VietnameseLetters.toned(target.untoned, source.tone)
        out[to] = target.isUpper ? VietnameseLetters.upper(toned) : toned
        return out
    }

    /// The placement most of `words` use, nil when none has such a rhyme or the count is even.
    static func majority<Words: Sequence>(of words: Words) -> TonePlacement? where Words.Element == ArraySlice<Unicode.Scalar> {
        var first = 0, second = 0
        for word in words where mayEndInOpenRhyme(word) {
            switch rhyme(Array(word))?.placement {
            case .first?: first += 1
            case .second?: second += 1
            case nil: break
            }
        }
        return first == second ? nil : (first > second ? .first : .second)
    }

    /// The maximal runs of letters in `scalars` (the words whose tones are placed).
    static func letterRuns(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0
        while start < scalars.count {
            guard VietnameseLetters.isLetter(scalars[start]) else { start += 1; continue }
            var end = start
            while end < scalars.count && VietnameseLetters.isLetter(scalars[end]) { end += 1 }
            runs.append(start..<end)
            start = end
        }
        return runs
    }

    /// `repaired` (a repair of `original`, same length) with its tones placed: a word that
    /// differs from the original only by where its tone sits goes back as written (both
    /// placements are correct); a tone the decoder chose is moved to `style`, when known. A tone
    /// the document shows stays where it is. With `lostGlyphs` every visible letter is exactly
    /// what was written, so a tone moves only between two letters that were lost.
    static func place(repaired: [Unicode.Scalar], original: [Unicode.Scalar], style: TonePlacement?,
                      lostGlyphs: Bool = false) -> [Unicode.Scalar] {
        guard repaired.count == original.count else { return repaired }
        var out = repaired
        for run in letterRuns(repaired) where mayEndInOpenRhyme(repaired[run]) {
            let word = Array(repaired[run]), written = Array(original[run])
            guard let rhyme = rhyme(word), word != written else { continue }
            if let own = Self.rhyme(written)?.placement, restyle(word, to: own) == written {
                out.replaceSubrange(run, with: written)
            } else if let style, rhyme.placement != style,
                      lostGlyphs ? written[rhyme.first] == " " && written[rhyme.second] == " "
                                 : written[rhyme.first] != word[rhyme.first] || written[rhyme.second] != word[rhyme.second] {
                out.replaceSubrange(run, with: restyle(word, to: style))
            }
        }
        return out
    }
}

extension Repairer {
    /// Writes the tones the decoders restored in the placement the document's untouched words
    /// use (the decoders produce the corpus's placement, and the text must read as one
    /// document), and puts back words the decoders only moved to the other placement.
    /// Legacy-font repairs are left: their letters are the document's own, only re-mapped.
    /// Moving a tone keeps the scalar count, so the repairs' columns stay right.
    static func applyDocumentTonePlacement(lines: inout [String], repairs: inout [Repair]) {
        guard !repairs.isEmpty else { return }
        var touched: [Int: [Range<Int>]] = [:]
        for repair in repairs {
            let length = repair.repaired.unicodeScalars.count
            touched[repair.line - 1, default: []].append((repair.column - 1)..<(repair.column - 1 + length))
        }
        let untouchedWords = lines.enumerated().lazy.flatMap { index, line in
            let scalars = Array(line.unicodeScalars)
            let ranges = touched[index] ?? []
            return TonePlacement.letterRuns(scalars).lazy
                .filter { run in !ranges.contains { $0.overlaps(run) } }
                .map { scalars[$0] }
        }
        let style = TonePlacement.majority(of: untouchedWords)
        for r in repairs.indices where repairs[r].kind != "legacy-font" {
            let repaired = Array(repairs[r].repaired.unicodeScalars)
            let restyled = TonePlacement.place(repaired: repaired, original: Array(repairs[r].original.unicodeScalars),
                                               style: style, lostGlyphs: repairs[r].kind == "lost-glyph")
            guard restyled != repaired else { continue }
            let index = repairs[r].line - 1
            var scalars = Array(lines[index].unicodeScalars)
            let range = (repairs[r].column - 1)..<(repairs[r].column - 1 + repaired.count)
            // Only where the line still holds exactly what the log says was written there.
            guard range.upperBound <= scalars.count, Array(scalars[range]) == repaired else { continue }
            scalars.replaceSubrange(range, with: restyled)
            lines[index] = String(String.UnicodeScalarView(scalars))
            repairs[r].repaired = String(String.UnicodeScalarView(restyled))
        }
        // A repair that was only a change of placement is no repair.
        repairs.removeAll { $0.repaired == $0.original }
    }
}
