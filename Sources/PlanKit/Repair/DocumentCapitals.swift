import Foundation

// The document's own capitals, for the case of a lost first letter (see docs/repair.md, "Lost
// glyphs: lines decoded, unseen syllables, the document's capitals").
extension LostGlyphDecoder {
    /// The places where a word opens a sentence or a list item, and how often this document
    /// writes a capital there, counted on its visible first letters: plans differ ("Chỉ tiêu
    /// 2: Giảm…" against "mục tiêu: nâng cao…"), and the corpus cannot say which one this is.
    struct StartCapitals: Sendable {
        enum Context: Int8 { case sentence = 0, colon, semicolon, listItem }
        /// Counts with a weak prior: sentences and list items mostly open with a capital.
        var capital: [Float] = [2, 1, 0.5, 2]
        var lower: [Float] = [0.5, 1, 2, 0.5]

        /// The share of capitals this document writes in `context`.
        func share(_ context: Int8) -> Float { capital[Int(context)] / (capital[Int(context)] + lower[Int(context)]) }

        /// −log P(the case) of a word's lost first letter in `context`.
        func cost(_ context: Int8, upper: Bool) -> Float {
            let c = capital[Int(context)], l = lower[Int(context)]
            return -logf((upper ? c : l) / (c + l))
        }

        /// Counts a line's visible first letters in each context (`contexts`: ``contexts(_:opensSentence:)``).
        mutating func count(_ line: [Unicode.Scalar], contexts: [Int8]) {
            for i in line.indices where contexts[i] >= 0 && VietnameseLetters.isLetter(line[i]) {
                // A letter after two spaces may follow a lost first letter: not a word's first.
                if i >= 2 && line[i - 1] == " " && line[i - 2] == " " { continue }
                if i == 1 && line[0] == " " { continue }
                if VietnameseLetters.isUpper(line[i]) { capital[Int(contexts[i])] += 1 } else { lower[Int(contexts[i])] += 1 }
            }
        }

        /// Per position, the context a word starting there opens (−1: none): the spaces after a
        /// sentence end, ":", ";" or a line's list mark, and the first letter after them.
        static func contexts(_ line: [Unicode.Scalar], opensSentence: Bool) -> [Int8] {
            var out = [Int8](repeating: -1, count: line.count)
            var context: Int8 = opensSentence ? Context.sentence.rawValue : -1
            var sawText = false
            var numbering = true, sawDigit = false
            var i = 0
            while i < line.count {
                let c = line[i]
                if c == " " || c == "\t" {
                    out[i] = context
                } else if VietnameseLetters.isLetter(c) {
                    out[i] = context
                    context = -1
                    sawText = true
                    numbering = false
                    while i + 1 < line.count && VietnameseLetters.isLetter(line[i + 1]) { i += 1 }
                } else {
                    let listMark = c == "-" || c == "+" || c == "•" || c == "–"
                    let markup = c == "*" || c == "#" || c == "(" || c == "\u{201C}" || c == "\"" || c == "[" || c == "_"
                    let digit = c.properties.numericType != nil
                    // "2." and "2.1.2." open a numbered item, not a sentence: plans capitalize
                    // there even where their wrapped sentences do not ("2. Yêu cầu").
                    if c == "." && numbering && sawDigit && !sawText { context = Context.listItem.rawValue; i += 1; continue }
                    if !digit && !markup && c != "." { numbering = false }
                    if digit && numbering { sawDigit = true; context = -1; i += 1; continue }
                    if listMark && !sawText { context = Context.listItem.rawValue }
                    else if c == "." || c == "!" || c == "?" { context = Context.sentence.rawValue }
                    else if c == ":" { context = Context.colon.rawValue }
                    else if c == ";" { context = Context.semicolon.rawValue }
                    else if !markup { context = -1 }
                    if !listMark && !markup { sawText = true }
                }
                i += 1
            }
            return out
        }
    }

    /// How often this document writes each word, and each word after a given one, with a capital
    /// inside a sentence, counted on its visible words: a place or an office the corpus never
    /// saw capitalized ("Tuần Giáo" in a plan of huyện Tuần Giáo) is capitalized here.
    struct DocumentCases: Sendable {
        private var pairs = PairTable()
        /// The weight of the corpus's odds, in occurrences.
        static let corpusWeight: Float = 2

        /// P(capital) from a document's counts mixed with the corpus's odds at ``corpusWeight``.
        @inline(__always) static func mixed(capital: Float, lower: Float, corpus: Float) -> Float {
            (capital + corpusWeight * corpus) / (capital + lower + corpusWeight)
        }
        /// The key's first word for a word's counts after any word.
        static let anyPrevious = Int32.max

        /// Counts every line's words that are the corpus's (found in the lexicon's trie) and
        /// stand inside a sentence with their first letter shown; `contexts`: per line, ``StartCapitals/contexts(_:opensSentence:)``.
        init(lines: [[Unicode.Scalar]], contexts lineContexts: [[Int8]], lexicon: Lexicon) {
            var counts: [UInt64: (capital: Float, lower: Float)] = [:]
            func tally(_ key: UInt64, _ upper: Bool) {
                if upper { counts[key, default: (0, 0)].capital += 1 } else { counts[key, default: (0, 0)].lower += 1 }
            }
            for (line, contexts) in zip(lines, lineContexts) {
                LostGlyphDecoder.forEachWord(line, trie: lexicon.trie) { start, end, word, previous in
                    // A word after two spaces may have lost its first letter; one before a space
                    // may have lost its last: neither is a word as written.
                    let clean = !(start >= 2 && line[start - 1] == " " && line[start - 2] == " ")
                        && !(end < line.count && line[end] == " " && end + 1 < line.count && line[end + 1] == " ")
                    if word >= 0 && clean && contexts[start] < 0 {
                        let upper = VietnameseLetters.isUpper(line[start])
                        tally(LanguageModel.key(Self.anyPrevious, word), upper)
                        if previous >= 0 { tally(LanguageModel.key(previous, word), upper) }
                    }
                    return word >= 0 && clean ? word : -1
                }
            }
            pairs = PairTable(capacity: max(counts.count, 1))
            for (key, c) in counts {
                let v = Int32(truncatingIfNeeded: key >> 32), w = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
                let corpus = v != Self.anyPrevious ? lexicon.capitalizedProbability(w, after: v) : lexicon.capitalized[Int(w)]
                pairs.insert(key, Self.mixed(capital: c.capital, lower: c.lower, corpus: corpus))
            }
        }

        /// P(`w` is capitalized after `v`): this document's pair, else its word, else the corpus's.
        @inline(__always) func capitalizedProbability(_ w: Int32, after v: Int32, lexicon: Lexicon) -> Float {
            pairs.value(LanguageModel.key(v, w)) ?? pairs.value(LanguageModel.key(Self.anyPrevious, w))
                ?? lexicon.capitalizedProbability(w, after: v)
        }
    }
}

extension LostGlyphDecoder {
    /// Calls `body(start, end, word, previous)` for each letter run of `line` (`word`: its id in
    /// `trie`, −1 when none); `previous` is what `body` returned for the run before when only
    /// spaces part them, else −1 (a mark between them).
    static func forEachWord(_ line: [Unicode.Scalar], trie: Trie, _ body: (Int, Int, Int32, Int32) -> Int32) {
        var previous: Int32 = -1
        var i = 0
        while i < line.count {
            guard VietnameseLetters.isLetter(line[i]) else {
                if line[i] != " " { previous = -1 }
                i += 1
                continue
            }
            let start = i
            while i < line.count && VietnameseLetters.isLetter(line[i]) { i += 1 }
            previous = body(start, i, trie.word(line, start..<i), previous)
        }
    }

    /// The case of lost first letters made to agree with the document after every line is
    /// read: a word whose first letter a line shows, and whose rest the decoder filled in
    /// ("Tuần G  o" = "Tuần Giáo"), tells how this document writes it after the word before.
    /// ``DocumentCases`` sees only the words shown whole, before any decoding.
    /// Words in capitals take capitals too ("THỰC HIỆN K  HOẠCH" = "KẾ HOẠCH", never "Kế").
    struct CaseAgreement {
        private var counts: [UInt64: (capital: Int, lower: Int)] = [:]
        /// How sure the odds must be before they overrule the decoder.
        static let sureShare: Float = 0.75
        /// The share of capitals in a start context above which a lost first letter there is a capital.
        static let sureStartShare: Float = 0.9

        /// Tallies every word of the readings (`readings`, per line of the document: the decoded
        /// scalars, or the line itself when it was not decoded) whose first letter `damaged`
        /// shows, inside a sentence (`contexts`: ``StartCapitals/contexts(_:opensSentence:)``).
        init(readings: [[Unicode.Scalar]], damaged: [[Unicode.Scalar]], contexts: [[Int8]], trie: Trie) {
            for ((reading, shown), lineContexts) in zip(zip(readings, damaged), contexts) where reading.count == shown.count {
                LostGlyphDecoder.forEachWord(reading, trie: trie) { start, end, word, previous in
                    guard word >= 0, previous >= 0, shown[start] != " ", lineContexts[start] < 0,
                          !Self.inCapitals(reading, start..<end) else { return word }
                    let upper = VietnameseLetters.isUpper(reading[start])
                    let key = LanguageModel.key(previous, word)
                    if upper { counts[key, default: (0, 0)].capital += 1 } else { counts[key, default: (0, 0)].lower += 1 }
                    return word
                }
            }
        }

        static func inCapitals(_ line: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
            range.count >= 2 && line[range].allSatisfy(VietnameseLetters.isUpper)
        }

        /// Whether `word` after `beforePrevious previous` is written with a capital: the
        /// document's counts of the pair where it shows the first letter, mixed with the corpus's
        /// odds (of the triple where the corpus saw it, else of the pair) as in ``DocumentCases``
        /// (the corpus's alone where the document never shows it). Nil unless that is surely one case (a plan
        /// writes both "xây dựng Kế hoạch" for itself and "xây dựng kế hoạch đào tạo"). Sure
        /// odds overrule the decoder, whose choice also weighs how rarely the fonts lose a
        /// capital ("Trung tâm  " = "Trung tâm Y").
        func capitalized(_ word: Int32, after beforePrevious: Int32, _ previous: Int32, lexicon: Lexicon) -> Bool? {
            guard previous >= 0 else { return nil }
            let c = counts[LanguageModel.key(previous, word)] ?? (0, 0)
            let p = DocumentCases.mixed(capital: Float(c.capital), lower: Float(c.lower),
                                        corpus: lexicon.capitalizedProbability(word, after: beforePrevious, previous))
            return p >= Self.sureShare ? true : p <= 1 - Self.sureShare ? false : nil
        }

        /// Changes the case of the filled letters of `result`'s words where the document says
        /// otherwise (`damaged`: the line as written; `contexts`: its start contexts).
        func apply(to result: inout Result, damaged: [Unicode.Scalar], contexts: [Int8], starts: StartCapitals, lexicon: Lexicon) {
            let trie = lexicon.trie
            var previousOf = [Int32](repeating: -1, count: result.scalars.count)
            var beforePreviousOf = previousOf
            var lastPrevious: Int32 = -1
            LostGlyphDecoder.forEachWord(result.scalars, trie: trie) { start, _, word, previous in
                previousOf[start] = previous
                beforePreviousOf[start] = previous >= 0 ? lastPrevious : -1
                lastPrevious = previous
                return word
            }
            let reading = result.scalars
            for w in result.words.indices {
                let word = result.words[w]
                guard let first = word.fills.firstIndex(where: { Int($0.position) == word.start }) else {
                    // First letter shown: a word in capitals between words in capitals takes capitals.
                    let shown = damaged[word.start..<word.end].filter(VietnameseLetters.isLetter)
                    if shown.allSatisfy(VietnameseLetters.isUpper), Self.betweenCapitals(reading, word.start..<word.end) {
                        for f in word.fills.indices { setCase(&result, w, f, upper: true) }
                    }
                    continue
                }
                guard !Self.inCapitals(reading, word.start..<word.end) else { continue }
                let filledUpper = VietnameseLetters.isUpper(word.fills[first].scalar)
                if contexts[word.start] >= 0 {
                    // Where this document all but always writes a capital ("2. Yêu cầu"), a lost
                    // first letter is one, however rarely its fonts were seen to lose that capital.
                    if !filledUpper && starts.share(contexts[word.start]) >= Self.sureStartShare { setCase(&result, w, first, upper: true) }
                    continue
                }
                guard let upper = capitalized(word.word, after: beforePreviousOf[word.start], previousOf[word.start], lexicon: lexicon),
                      upper != filledUpper else { continue }
                setCase(&result, w, first, upper: upper)
            }
        }

        private func setCase(_ result: inout Result, _ w: Int, _ f: Int, upper: Bool) {
            let fill = result.words[w].fills[f]
            let scalar = upper ? VietnameseLetters.upper(fill.scalar) : VietnameseLetters.lower(fill.scalar)
            result.words[w].fills[f].scalar = scalar
            result.scalars[Int(fill.position)] = scalar
        }

        /// Whether the nearest words on each side of `range` on its line are in capitals (one
        /// side may be the line's edge, not both).
        static func betweenCapitals(_ line: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
            func neighbour(from index: Int, step: Int) -> Range<Int>? {
                var i = index
                while i >= 0 && i < line.count && !VietnameseLetters.isLetter(line[i]) { i += step }
                guard i >= 0 && i < line.count else { return nil }
                var lower = i, upper = i + 1
                while lower > 0 && VietnameseLetters.isLetter(line[lower - 1]) { lower -= 1 }
                while upper < line.count && VietnameseLetters.isLetter(line[upper]) { upper += 1 }
                return lower..<upper
            }
            let before = neighbour(from: range.lowerBound - 1, step: -1), after = neighbour(from: range.upperBound, step: 1)
            guard before != nil || after != nil else { return false }
            return [before, after].allSatisfy { $0.map { inCapitals(line, $0) } ?? true }
        }
    }
}
