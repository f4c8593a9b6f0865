import Foundation

/// Syllable counts from clean plan text and the interpolated Kneser–Ney bigram model the
/// decoders score with, plus the trigrams that settle a word the bigrams leave open. Words are lower-cased syllables (or abbreviations such as "ubnd");
/// three reserved ids stand for a sentence boundary, a number and other punctuation.
struct LanguageModel: Sendable {
    static let boundary: Int32 = 0
    static let number: Int32 = 1
    static let punctuation: Int32 = 2
    static let reserved = ["<s>", "<num>", "<p>"]

    /// Whether a scalar ends a sentence or clause for the model (". : ; ! ?"): a ``boundary``.
    @inline(__always) static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool {
        s == "." || s == ":" || s == ";" || s == "!" || s == "?"
    }

    /// Whether a scalar has a numeric type: ASCII answered at once (only "0"…"9" have one), the
    /// rest by Unicode's properties (a look-up the decoders would make for every scalar).
    @inline(__always) static func isNumeric(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? (s.value &- 0x30) < 10 : s.properties.numericType != nil
    }

    /// The context a word has after the non-letter `s` (`context`: what the marks since the last
    /// word made it, nil for none): a number or a sentence end sets it, other punctuation only
    /// when nothing did, white space leaves it. The token and font decoders read lines so.
    @inline(__always) static func context(_ context: inout Int32?, after s: Unicode.Scalar) {
        if isNumeric(s) {
            context = number
        } else if isSentenceEnd(s) {
            context = boundary
        } else if s != " " && s != "\t" {
            if context == nil { context = punctuation }
        }
    }

    /// Raw counts: what the generator writes into the package and what leave-one-out evaluation rebuilds.
    struct Counts: Sendable, Equatable {
        var unigrams: [String: Int] = [:]
        var bigrams: [String: Int] = [:]  // "v w" (space-separated)
        var trigrams: [String: Int] = [:]  // "u v w"
        /// How often each word was written inside a sentence with a capital first letter
        /// ("thực hiện Kế hoạch", "huyện Tuần Giáo") and in small letters: what the lost-glyph
        /// decoder decides a lost first letter's case by. Words in capitals throughout
        /// ("UBND", headings) and words opening a line or sentence are not counted.
        var cases: [String: Case] = [:]
        /// The same per pair "v w" (w's case after v), for the words `cases` ever saw capitalized.
        var pairCases: [String: Case] = [:]
        /// The same per triple "u v w" (w's case after "u v"): "văn hóa và xã hội" where pairs
        /// say "Thương binh và Xã hội".
        var tripleCases: [String: Case] = [:]

        struct Case: Sendable, Equatable {
            var capitalized = 0
            var lower = 0
        }

        /// Counts every text's token stream; each line starts a new context. A letter run that is
        /// neither a well-formed syllable nor written in capitals (an abbreviation such as "UBND")
        /// counts as punctuation, so English or Markdown debris in a source adds no words.
        static func count(texts: [String], syllables: Set<String> = SyllableInventory.generate()) -> Counts {
            var counts = Counts()
            for text in texts {
                let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
                let phraseList = lines.contains { $0.hasPrefix(Counts.phraseListMark) }
                for line in lines {
                    if line.hasPrefix("# ") && line.contains("PlanKit") { continue }
                    if phraseList && line.hasPrefix("#") { continue }
                    let tokens = Tokenizer.modelTokens(String(line), keep: { word, upper in
                        syllables.contains(word) || (upper && word.unicodeScalars.count >= 2)
                    })
                    var previous = reserved[0]
                    var beforePrevious: String? = nil
                    for token in tokens {
                        counts.unigrams[token, default: 0] += 1
                        counts.bigrams[previous + " " + token, default: 0] += 1
                        if let beforePrevious { counts.trigrams[beforePrevious + " " + previous + " " + token, default: 0] += 1 }
                        beforePrevious = previous
                        previous = token
                    }
                    counts.countCases(String(line), capitalsOnly: phraseList)
                }
            }
            func everCapitalized(_ key: String, _: Case) -> Bool {
                counts.cases[String(key.split(separator: " ").last ?? "")]?.capitalized ?? 0 > 0
            }
            counts.pairCases = counts.pairCases.filter(everCapitalized)
            counts.tripleCases = counts.tripleCases.filter(everCapitalized)
            return counts
        }

        /// A line that marks a text as a phrase list (Data/vocabulary.txt): its phrases are
        /// citation forms, in small letters unless a name ("Phòng Giáo dục và Đào tạo"), so only
        /// its capitals say how a word is written in a plan ("xây dựng kế hoạch" there says
        /// nothing against "xây dựng Kế hoạch" in plans).
        static let phraseListMark = "#! phrase list"

        /// Counts the case of each letter run inside a sentence: not the first on its line, not
        /// after . : ; ! ? and not in capitals throughout (`capitalsOnly`: only the capitalized).
        mutating func countCases(_ line: String, capitalsOnly: Bool = false) {
            var previousWord: String? = nil, beforePrevious: String? = nil
            var sentenceStart = true
            var word = String.UnicodeScalarView()
            var firstUpper = false, restUpper = true, length = 0
            func flush() {
                guard length > 0 else { return }
                let text = String(word)
                let allUpper = firstUpper && restUpper && length >= 2
                if !sentenceStart && !allUpper && (firstUpper || !capitalsOnly) {
                    var entry = cases[text] ?? Case()
                    if firstUpper { entry.capitalized += 1 } else { entry.lower += 1 }
                    cases[text] = entry
                    if let previousWord {
                        var pair = pairCases[previousWord + " " + text] ?? Case()
                        if firstUpper { pair.capitalized += 1 } else { pair.lower += 1 }
                        pairCases[previousWord + " " + text] = pair
                        if let beforePrevious {
                            let key = beforePrevious + " " + previousWord + " " + text
                            var triple = tripleCases[key] ?? Case()
                            if firstUpper { triple.capitalized += 1 } else { triple.lower += 1 }
                            tripleCases[key] = triple
                        }
                    }
                }
                beforePrevious = previousWord
                previousWord = text
                sentenceStart = false
                word = String.UnicodeScalarView()
                firstUpper = false; restUpper = true; length = 0
            }
            for s in line.unicodeScalars {
                if VietnameseLetters.isLetter(s) {
                    let upper = VietnameseLetters.isUpper(s)
                    if length == 0 { firstUpper = upper } else if !upper { restUpper = false }
                    length += 1
                    word.append(VietnameseLetters.lower(s))
                    continue
                }
                flush()
                if s == " " || s == "\t" { continue }
                previousWord = nil; beforePrevious = nil
                if [".", ":", ";", "!", "?"].contains(s) { sentenceStart = true }
            }
            flush()
        }

        /// The `count` most frequent words (no reserved tokens), alphabetically.
        func frequentWords(_ count: Int) -> [String] {
            unigrams.filter { !LanguageModel.reserved.contains($0.key) }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(count).map(\.key).sorted()
        }

        /// One entry a line, "1\tword\tcount" or "2\tv w\tcount", sorted (the generated source's format).
        func serialized() -> String {
            var lines: [String] = []
            for (word, count) in unigrams.sorted(by: { $0.key < $1.key }) { lines.append("1\t\(word)\t\(count)") }
            for (pair, count) in bigrams.sorted(by: { $0.key < $1.key }) { lines.append("2\t\(pair)\t\(count)") }
            for (triple, count) in trigrams.sorted(by: { $0.key < $1.key }) { lines.append("5\t\(triple)\t\(count)") }
            for (word, c) in cases.sorted(by: { $0.key < $1.key }) where c.capitalized > 0 {
                lines.append("3\t\(word)\t\(c.capitalized) \(c.lower)")
            }
            for (pair, c) in pairCases.sorted(by: { $0.key < $1.key }) { lines.append("4\t\(pair)\t\(c.capitalized) \(c.lower)") }
            for (triple, c) in tripleCases.sorted(by: { $0.key < $1.key }) { lines.append("6\t\(triple)\t\(c.capitalized) \(c.lower)") }
            return lines.joined(separator: "\n")
        }

        init() {}

        /// Reads ``serialized()``'s format on the text's UTF-8 bytes in one pass: the shipped
        /// lexicon's load waits for this, and splitting into Substrings by Character (grapheme
        /// breaking on 14 000 lines) would be 40% of that load. Lines are split at "\n", fields at
        /// tabs (empty ones dropped), as a Substring parse would split them (`LexiconLoadTests`
        /// compares the two); a line that is not three fields with well-formed numbers is skipped.
        init(serialized text: String) {
            var text = text
            text.withUTF8 { bytes in
                let n = bytes.count
                var fieldStart = [Int](repeating: 0, count: 4)
                var fieldEnd = [Int](repeating: 0, count: 4)
                var lineStart = 0
                while lineStart < n {
                    var lineEnd = lineStart
                    while lineEnd < n && bytes[lineEnd] != 10 { lineEnd += 1 }
                    defer { lineStart = lineEnd + 1 }
                    // Tab-separated fields, empty ones omitted; more than three means skip.
                    var fields = 0
                    var i = lineStart
                    while i < lineEnd && fields <= 3 {
                        if bytes[i] == 9 { i += 1; continue }
                        let start = i
                        while i < lineEnd && bytes[i] != 9 { i += 1 }
                        if fields < 4 { fieldStart[fields] = start; fieldEnd[fields] = i }
                        fields += 1
                    }
                    guard fields == 3 else { continue }
                    let kind: UInt8 = fieldEnd[0] - fieldStart[0] == 1 ? bytes[fieldStart[0]] : 0
                    let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart[1]..<fieldEnd[1]]), as: UTF8.self)
                    if kind == UInt8(ascii: "3") || kind == UInt8(ascii: "4") || kind == UInt8(ascii: "6") {
                        // "capitalized lower": space-separated, exactly two numbers.
                        var numbers: [Int] = []
                        var j = fieldStart[2]
                        while j < fieldEnd[2] {
                            if bytes[j] == 32 { j += 1; continue }
                            let start = j
                            while j < fieldEnd[2] && bytes[j] != 32 { j += 1 }
                            if let value = Counts.integer(bytes, start, j) { numbers.append(value) }  // compactMap, as before
                        }
                        guard numbers.count == 2 else { continue }
                        let c = Case(capitalized: numbers[0], lower: numbers[1])
                        switch kind {
                        case UInt8(ascii: "3"): cases[key] = c
                        case UInt8(ascii: "4"): pairCases[key] = c
                        default: tripleCases[key] = c
                        }
                        continue
                    }
                    guard let count = Counts.integer(bytes, fieldStart[2], fieldEnd[2]) else { continue }
                    switch kind {
                    case UInt8(ascii: "1"): unigrams[key] = count
                    case UInt8(ascii: "5"): trigrams[key] = count
                    default: bigrams[key] = count
                    }
                }
            }
        }

        /// `Int(_:)` of the bytes `start..<end`: plain digits read directly, anything else
        /// (a sign, garbage) through `Int(String)` so the result is exactly what it would say.
        private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
            guard start < end, end - start <= 18 else {
                return Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            var value = 0
            for k in start..<end {
                let d = bytes[k] &- 48
                guard d < 10 else { return Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) }
                value = value * 10 + Int(d)
            }
            return value
        }
    }

    private(set) var words: [String] = []
    private(set) var ids: [String: Int32] = [:]
    /// Whether a word id is a well-formed syllable (from the inventory) rather than a corpus-only token.
    private(set) var isSyllable: [Bool] = []
    private var contextCount: [Float] = []
    private var contextTypes: [Float] = []
    private var continuation: [Float] = []
    /// −log P(w) before context, and −log of the weight a context gives it (see ``cost(_:after:)``).
    private var unigramCost: [Float] = []
    private var backoffCost: [Float] = []
    /// −log P(w | v) for every pair seen in the corpus.
    private var pairCost = PairTable()
    private var totalContinuations: Float = 1
    private var baseProbability: Float = 0
    let discount: Float = 0.75
    let continuationWeight: Float = 0.95

    init(counts: Counts, syllables: Set<String>) {
        // Room for every word at once: growing a String-keyed table rehashes every word again.
        let capacity = LanguageModel.reserved.count + counts.unigrams.count + syllables.count
        ids.reserveCapacity(capacity)
        words.reserveCapacity(capacity)
        isSyllable.reserveCapacity(capacity)
        for word in LanguageModel.reserved { add(word, syllable: false) }
        // The reserved tokens are counted too; they keep their fixed ids.
        // Byte order of NFC text is String's own order (scalar values), without its per-pair
        // Unicode comparison: the ids come out the same, and the load is what every repair waits for.
        for word in LanguageModel.sortedByUTF8(Array(counts.unigrams.keys)) where ids[word] == nil {
            add(word, syllable: syllables.contains(word))
        }
        for word in LanguageModel.sortedByUTF8(Array(syllables)) where ids[word] == nil { add(word, syllable: true) }
        let n = words.count
        contextCount = Array(repeating: 0, count: n)
        contextTypes = Array(repeating: 0, count: n)
        continuation = Array(repeating: 0, count: n)
        var bigram: [UInt64: Float] = [:]
        for (pair, count) in counts.bigrams {
            let parts = LanguageModel.words(pair)
            guard parts.count == 2, let v = ids[parts[0]], let w = ids[parts[1]] else { continue }
            bigram[LanguageModel.key(v, w)] = Float(count)
            contextCount[Int(v)] += Float(count)
            contextTypes[Int(v)] += 1
            continuation[Int(w)] += 1
            totalContinuations += 1
        }
        baseProbability = 1 / Float(n)
        unigramCost = (0..<n).map { -logf(unigramProbability(Int32($0))) }
        backoffCost = (0..<n).map { v in
            contextCount[v] > 0 ? -logf(discount * contextTypes[v] / contextCount[v]) : 0
        }
        pairCost = PairTable(capacity: bigram.count)
        for (key, pair) in bigram {
            let v = Int(key >> 32), w = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            let c = contextCount[v]
            pairCost.insert(key, -logf(max(pair - discount, 0) / c + discount * contextTypes[v] / c * unigramProbability(w)))
        }
        var following: [Int32: [(Int32, Float)]] = [:]
        for (key, count) in bigram {
            let v = Int32(truncatingIfNeeded: key >> 32), w = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            guard w >= Int32(LanguageModel.reserved.count) else { continue }
            following[v, default: []].append((w, count))
        }
        for (v, list) in following {
            successorLists[v] = list.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                .prefix(LanguageModel.successorLimit).map(\.0)
        }
        // Trigrams: absolute discounting onto the bigram model, per context "u v" seen.
        var triples: [(key: UInt64, context: UInt64, count: Float)] = []
        triples.reserveCapacity(counts.trigrams.count)
        var contextTotal: [UInt64: (count: Float, types: Float)] = [:]
        for (triple, count) in counts.trigrams {
            let parts = LanguageModel.words(triple)
            guard parts.count == 3, let u = ids[parts[0]], let v = ids[parts[1]], let w = ids[parts[2]],
                  let key = LanguageModel.key(u, v, w) else { continue }
            let context = LanguageModel.key(u, v)
            triples.append((key, context, Float(count)))
            contextTotal[context, default: (0, 0)].count += Float(count)
            contextTotal[context, default: (0, 0)].types += 1
        }
        tripleCost = PairTable(capacity: triples.count)
        for t in triples {
            let total = contextTotal[t.context]!
            let v = Int32(truncatingIfNeeded: t.context & 0xFFFF_FFFF), w = Int32(truncatingIfNeeded: t.key & 0x1F_FFFF)
            let p = max(t.count - discount, 0) / total.count + discount * total.types / total.count * expf(-cost(w, after: v))
            tripleCost.insert(t.key, -logf(p))
        }
        tripleBackoff = PairTable(capacity: contextTotal.count)
        for (context, total) in contextTotal { tripleBackoff.insert(context, -logf(discount * total.types / total.count)) }
    }

    /// −log P(w | u v) for the triples seen, and −log of the weight a seen context "u v" leaves the bigram model.
    private var tripleCost = PairTable()
    private var tripleBackoff = PairTable()

    /// A triple's key: three ids of 21 bits (nil when an id does not fit, as no vocabulary does).
    @inline(__always) static func key(_ u: Int32, _ v: Int32, _ w: Int32) -> UInt64? {
        guard u >= 0, v >= 0, w >= 0, u < 1 << 21, v < 1 << 21, w < 1 << 21 else { return nil }
        return UInt64(u) << 42 | UInt64(v) << 21 | UInt64(w)
    }

    /// −log P(w | u v): the trigram where the corpus saw the context "u v", else the bigram
    /// (`u` < 0: no word before `v` is known).
    func cost(_ w: Int32, after u: Int32, _ v: Int32) -> Float {
        cost(w, after: u, v, context: trigramContext(u, v))
    }

    /// The −log weight a context "u v" leaves the bigram model, or nil when the corpus never saw
    /// the context (then no triple "u v w" exists either): looked up once for many words `w`.
    func trigramContext(_ u: Int32, _ v: Int32) -> Float? {
        guard u >= 0, v >= 0, u < 1 << 21, v < 1 << 21 else { return nil }
        return tripleBackoff.value(LanguageModel.key(u, v))
    }

    /// ``cost(_:after:_:)`` with the context's part from ``trigramContext(_:_:)``: the same value,
    /// without probing the triples of a context never seen.
    @inline(__always) func cost(_ w: Int32, after u: Int32, _ v: Int32, context backoff: Float?) -> Float {
        guard let backoff, let key = LanguageModel.key(u, v, w) else { return cost(w, after: v) }
        if let c = tripleCost.value(key) { return c }
        return backoff + cost(w, after: v)
    }

    /// How many of a word's most frequent successors ``successors(of:)`` lists.
    static let successorLimit = 40
    private var successorLists: [Int32: [Int32]] = [:]

    /// The words seen after `v`, most frequent first (at most ``successorLimit``).
    func successors(of v: Int32) -> [Int32] { successorLists[v] ?? [] }

    /// The words of a "v w" or "u v w" key: split at spaces (runs of them count as one) on the
    /// UTF-8 bytes, as `split(separator: " ")` would, without its grapheme breaking.
    static func words(_ key: String) -> [String] {
        key.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
    }

    /// Distinct words in UTF-8 byte order (NFC text's scalar order, so String's own order),
    /// compared with `memcmp` on one packed buffer: the generic `lexicographicallyPrecedes` on
    /// 40 000 inventory syllables would be a tenth of the lexicon's load.
    static func sortedByUTF8(_ words: [String]) -> [String] {
        guard words.count > 1 else { return words }
        var bytes: [UInt8] = []
        var start: [Int] = []
        start.reserveCapacity(words.count + 1)
        for word in words {
            start.append(bytes.count)
            bytes.append(contentsOf: word.utf8)
        }
        start.append(bytes.count)
        bytes.append(0)  // never empty: a valid base address even if every word is
        let order = bytes.withUnsafeBufferPointer { buffer -> [(prefix: UInt64, index: Int)] in
            let base = buffer.baseAddress!
            // A word's first 8 bytes, big-endian and zero-padded, settle most comparisons in
            // one integer compare; equal prefixes fall back to the full bytes.
            var keyed: [(prefix: UInt64, index: Int)] = []
            keyed.reserveCapacity(words.count)
            for i in 0..<words.count {
                var prefix: UInt64 = 0
                let length = start[i + 1] - start[i]
                for k in 0..<8 { prefix = prefix << 8 | UInt64(k < length ? base[start[i] + k] : 0) }
                keyed.append((prefix, i))
            }
            return keyed.sorted { a, b in
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                let i = a.index, j = b.index
                let li = start[i + 1] - start[i], lj = start[j + 1] - start[j]
                let c = memcmp(base + start[i], base + start[j], min(li, lj))
                // Ties only between equal words (distinct keys never tie); index order keeps it deterministic.
                return c != 0 ? c < 0 : (li != lj ? li < lj : i < j)
            }
        }
        return order.map { words[$0.index] }
    }

    private mutating func add(_ word: String, syllable: Bool) {
        ids[word] = Int32(words.count)
        words.append(word)
        isSyllable.append(syllable)
    }

    @inline(__always) static func key(_ v: Int32, _ w: Int32) -> UInt64 { UInt64(UInt32(v)) << 32 | UInt64(UInt32(w)) }

    /// P(w) before context: continuation counts mixed with a uniform floor over the whole vocabulary.
    @inline(__always) func unigramProbability(_ w: Int32) -> Float {
        continuationWeight * continuation[Int(w)] / totalContinuations + (1 - continuationWeight) * baseProbability
    }

    /// −log P(w | v), interpolated Kneser–Ney; every part precomputed, since the decoders ask
    /// for it once per hypothesis and candidate.
    @inline(__always) func cost(_ w: Int32, after v: Int32) -> Float {
        pairCost.value(LanguageModel.key(v, w)) ?? backoffCost[Int(v)] + unigramCost[Int(w)]
    }

    /// Whether the corpus saw `w` right after `v`.
    @inline(__always) func seenPair(_ w: Int32, after v: Int32) -> Bool { pairCost.value(LanguageModel.key(v, w)) != nil }

    /// How often the word was seen in the corpus as a context (0 for inventory-only syllables).
    func seen(_ w: Int32) -> Bool { continuation[Int(w)] > 0 || contextCount[Int(w)] > 0 }

    func id(_ word: String) -> Int32? { ids[word] }

    /// Whether `word` (lower case) is a word the corpus saw.
    func seen(_ word: String) -> Bool { ids[word].map(seen) ?? false }
}

/// An open-addressing hash table from a word pair to a cost: a multiplicative hash and linear
/// probing beat `Dictionary`'s seeded hashing in the decoders' innermost loop.
struct PairTable: Sendable {
    private var keys: [UInt64] = [UInt64.max]
    private var values: [Float] = [0]
    private var shift: UInt64 = 63

    init() {}

    init(capacity: Int) {
        var size = 2
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: UInt64.max, count: size)
        values = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int { Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    mutating func insert(_ key: UInt64, _ value: Float) {
        var i = slot(key)
        while keys[i] != UInt64.max && keys[i] != key { i = (i + 1) & (keys.count - 1) }
        keys[i] = key
        values[i] = value
    }

    @inline(__always) func value(_ key: UInt64) -> Float? {
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == UInt64.max { return nil }
            i = (i + 1) & (keys.count - 1)
        }
    }
}

/// Splits text the way the language model sees it.
enum Tokenizer {
    /// Lower-cased letter runs; a number becomes `<num>`; . : ; ! ? end a sentence (`<s>`);
    /// other punctuation is `<p>`.
    static func modelTokens(_ line: String, keep: (String, Bool) -> Bool = { _, _ in true }) -> [String] {
        var tokens: [String] = []
        var word = String.UnicodeScalarView()
        var allUpper = true
        var inNumber = false
        func flush() {
            guard !word.isEmpty else { return }
            let text = String(word)
            if keep(text, allUpper) { tokens.append(text) } else if tokens.last != "<p>" { tokens.append("<p>") }
            word = String.UnicodeScalarView()
            allUpper = true
        }
        for s in line.unicodeScalars {
            if VietnameseLetters.isLetter(s) {
                inNumber = false
                if !VietnameseLetters.isUpper(s) { allUpper = false }
                word.append(VietnameseLetters.lower(s))
                continue
            }
            flush()
            if s.properties.numericType != nil {
                if !inNumber { tokens.append("<num>") }
                inNumber = true
            } else if s == " " || s == "\t" {
                inNumber = false
            } else if (s == "." || s == ",") && inNumber {
                continue  // 38,6 and 100.000 stay one number
            } else {
                inNumber = false
                let mark = [".", ":", ";", "!", "?"].contains(String(s)) ? "<s>" : "<p>"
                if tokens.last != mark { tokens.append(mark) }
            }
        }
        flush()
        return tokens
    }
}
