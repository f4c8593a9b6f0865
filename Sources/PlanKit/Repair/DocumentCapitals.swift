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
            var i = 0
            while i < line.count {
                let c = line[i]
                if c == " " || c == "\t" {
                    out[i] = context
                } else if VietnameseLetters.isLetter(c) {
                    out[i] = context
                    context = -1
                    sawText = true
                    while i + 1 < line.count && VietnameseLetters.isLetter(line[i + 1]) { i += 1 }
                } else {
                    let listMark = c == "-" || c == "+" || c == "•" || c == "–"
                    let markup = c == "*" || c == "#" || c == "(" || c == "\u{201C}" || c == "\"" || c == "[" || c == "_"
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
        /// The key's first word for a word's counts after any word.
        static let anyPrevious = Int32.max

        /// Counts every line's words that are the corpus's (found in the lexicon's trie) and
        /// stand inside a sentence with their first letter shown; `contexts`: per line, ``StartCapitals/contexts(_:opensSentence:)``.
        init(lines: [[Unicode.Scalar]], contexts lineContexts: [[Int8]], lexicon: Lexicon) {
            var counts: [UInt64: (capital: Float, lower: Float)] = [:]
            func tally(_ key: UInt64, _ upper: Bool) {
                if upper { counts[key, default: (0, 0)].capital += 1 } else { counts[key, default: (0, 0)].lower += 1 }
            }
            let trie = lexicon.trie
            for (line, contexts) in zip(lines, lineContexts) {
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
                    let word = trie.word(line, start..<i)
                    // A word after two spaces may have lost its first letter; one before a space
                    // may have lost its last: neither is a word as written.
                    let clean = !(start >= 2 && line[start - 1] == " " && line[start - 2] == " ")
                        && !(i < line.count && line[i] == " " && i + 1 < line.count && line[i + 1] == " ")
                    if word >= 0 && clean && contexts[start] < 0 {
                        let upper = VietnameseLetters.isUpper(line[start])
                        tally(LanguageModel.key(Self.anyPrevious, word), upper)
                        if previous >= 0 { tally(LanguageModel.key(previous, word), upper) }
                    }
                    previous = word >= 0 && clean ? word : -1
                }
            }
            pairs = PairTable(capacity: max(counts.count, 1))
            for (key, c) in counts {
                let v = Int32(truncatingIfNeeded: key >> 32), w = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
                let corpus = v != Self.anyPrevious ? lexicon.capitalizedProbability(w, after: v) : lexicon.capitalized[Int(w)]
                pairs.insert(key, (c.capital + Self.corpusWeight * corpus) / (c.capital + c.lower + Self.corpusWeight))
            }
        }

        /// P(`w` is capitalized after `v`): this document's pair, else its word, else the corpus's.
        @inline(__always) func capitalizedProbability(_ w: Int32, after v: Int32, lexicon: Lexicon) -> Float {
            pairs.value(LanguageModel.key(v, w)) ?? pairs.value(LanguageModel.key(Self.anyPrevious, w))
                ?? lexicon.capitalizedProbability(w, after: v)
        }
    }
}
