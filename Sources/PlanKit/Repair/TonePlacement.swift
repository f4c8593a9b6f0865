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
        return foldedOpenRhyme(VietnameseLetters.fold(word[word.endIndex - 2]), VietnameseLetters.fold(word[word.endIndex - 1]))
    }

    /// Whether two folded letters are "oa", "oe" or "uy".
    @inline(__always) static func foldedOpenRhyme(_ before: Unicode.Scalar, _ last: Unicode.Scalar) -> Bool {
        before == "o" ? last == "a" || last == "e" : before == "u" && last == "y"
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

    /// Whether some run of letters in `text` ends in letters folding to "oa", "oe" or "uy": when
    /// none does, ``place(repaired:original:style:lostGlyphs:)`` changes nothing.
    static func mayHaveOpenRhyme(_ text: String) -> Bool {
        var before: Unicode.Scalar = " ", last: Unicode.Scalar = " ", letters = 0
        func runEnds() -> Bool {
            letters >= 2 && foldedOpenRhyme(before, last)
        }
        for s in text.unicodeScalars {
            if VietnameseLetters.isLetter(s) {
                before = last; last = VietnameseLetters.fold(s); letters += 1
            } else {
                if runEnds() { return true }
                letters = 0
            }
        }
        return runEnds()
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
        // Per line, the columns the repairs wrote (an array by line: no dictionary per repair).
        var touched = [[Range<Int>]](repeating: [], count: lines.count)
        for repair in repairs where repair.line - 1 >= 0 && repair.line - 1 < lines.count {
            let length = repair.repaired.unicodeScalars.count
            touched[repair.line - 1].append((repair.column - 1)..<(repair.column - 1 + length))
        }
        // The untouched words' placements, counted in one pass over each line's scalars (one
        // buffer for all lines; the cheap last-two-letters test before the overlap test).
        var first = 0, second = 0
        var scalars: [Unicode.Scalar] = []
        for (index, line) in lines.enumerated() {
            scalars.removeAll(keepingCapacity: true)
            scalars.append(contentsOf: line.unicodeScalars)
            let ranges = touched[index]
            var start = 0
            while start < scalars.count {
                guard VietnameseLetters.isLetter(scalars[start]) else { start += 1; continue }
                var end = start
                while end < scalars.count && VietnameseLetters.isLetter(scalars[end]) { end += 1 }
                let run = start..<end
                start = end
                guard TonePlacement.mayEndInOpenRhyme(scalars[run]), !ranges.contains(where: { $0.overlaps(run) }) else { continue }
                switch TonePlacement.rhyme(Array(scalars[run]))?.placement {
                case .first?: first += 1
                case .second?: second += 1
                case nil: break
                }
            }
        }
        // The placement most untouched words use; none when none has such a rhyme or the count is even.
        let style: TonePlacement? = first == second ? nil : (first > second ? .first : .second)
        for r in repairs.indices where repairs[r].kind != "legacy-font" {
            // Most repaired words have no open "oa"/"oe"/"uy" rhyme: `place` would return them as they are.
            guard TonePlacement.mayHaveOpenRhyme(repairs[r].repaired) else { continue }
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
