import Foundation

/// Everything the decoders look words up in: the language model's vocabulary (corpus tokens
/// and generated syllables) as a trie for matching spans with lost letters, and a mark-folded
/// index ("binh dang gioi" → "bình đẳng giới") for missing or confused marks.
final class Lexicon: Sendable {
    let model: LanguageModel
    let syllables: Set<String>
    let trie: Trie
    /// The inventory's syllables the corpus never saw (both tone placements), for the
    /// lost-glyph decoder's second look at spans its first pass left as fragments ("t ềm" =
    /// "tiềm" in a document whose words the corpus lacks). Built on first use: most repairs
    /// never need it, and the lexicon's load is what every repair waits for.
    var unseenTrie: Trie { unseen.trie }
    private let unseen: UnseenTrie
    /// Folded key → word ids sharing it.
    let folded: [String: [Int32]]
    /// Word id → lower-case scalars.
    let scalars: [[Unicode.Scalar]]
    /// How often each lower-case letter occurs per character of running text (letters and the
    /// spaces between words), indexed by scalar value below ``VietnameseLetters``' table size:
    /// what the lost-glyph decoder expects a line to show if none of its glyphs were lost.
    let letterFrequency: [Float]
    /// The same for a word's first letter only: where capitals stand in running text.
    let initialFrequency: [Float]
    /// P(a word is written with a capital inside a sentence), per word id, from
    /// ``LanguageModel/Counts/cases``; and the same after a given word, for the pairs seen.
    /// What decides the case of a lost first letter ("thực hiện Kế hoạch", "Tuần Giáo").
    let capitalized: [Float]
    private let pairCapitalized: PairTable
    private let tripleCapitalized: PairTable
    static let capitalizedBase: Float = 0.05

    init(counts: LanguageModel.Counts) {
        let syllables = SyllableInventory.generate()
        let model = LanguageModel(counts: counts, syllables: syllables)
        self.syllables = syllables
        self.model = model
        var trie = Trie()
        var folded: [String: [Int32]] = [:]
        folded.reserveCapacity(model.words.count)
        var scalars: [[Unicode.Scalar]] = []
        scalars.reserveCapacity(model.words.count)
        for (index, word) in model.words.enumerated() {
            let letters = Array(word.unicodeScalars)
            scalars.append(letters)
            guard index >= LanguageModel.reserved.count else { continue }
            // Only words the corpus has seen fill lost letters: a lost letter would otherwise
            // branch into the whole 40 000-syllable inventory, and an unseen syllable is never
            // the likely reading of a damaged span. Inventory syllables still count as words when
            // written in full (see LostGlyphDecoder's verbatim candidates).
            if model.seen(Int32(index)) { trie.insert(letters, id: Int32(index)) }
            folded[VietnameseLetters.folded(word), default: []].append(Int32(index))
        }
        // Both tone placements of open oa/oe/uy ("hoà" and "hòa", "thuỷ" and "thủy") are
        // written: a word the corpus saw in one placement also matches in the other, under the
        // same id (its statistics), unless the corpus saw that placement as a word of its own.
        for index in LanguageModel.reserved.count..<model.words.count where model.seen(Int32(index)) {
            guard let alternative = Lexicon.alternativeTonePlacement(scalars[index]) else { continue }
            let text = Scalars.string(alternative)
            if model.seen(text) { continue }
            guard syllables.contains(text) else { continue }
            trie.insert(alternative, id: Int32(index))
        }
        var letterCount = [Double](repeating: 0, count: LostGlyphDecoder.tableSize)
        var initialCount = [Double](repeating: 0, count: LostGlyphDecoder.tableSize)
        var characters: Double = 0
        for (word, count) in counts.unigrams {
            let letters = word.unicodeScalars
            characters += Double(count) * Double(LanguageModel.reserved.contains(word) ? 2 : letters.count + 1)
            guard !LanguageModel.reserved.contains(word) else { continue }
            for s in letters where Int(s.value) < letterCount.count { letterCount[Int(s.value)] += Double(count) }
            if let first = letters.first, Int(first.value) < initialCount.count { initialCount[Int(first.value)] += Double(count) }
        }
        letterFrequency = letterCount.map { characters > 0 ? Float($0 / characters) : 0 }
        initialFrequency = initialCount.map { characters > 0 ? Float($0 / characters) : 0 }
        var capitalized = [Float](repeating: Lexicon.capitalizedBase, count: model.words.count)
        let weight: Float = 2
        for (word, c) in counts.cases where c.capitalized > 0 {
            guard let id = model.id(word) else { continue }
            capitalized[Int(id)] = (Float(c.capitalized) + weight * Lexicon.capitalizedBase) / Float(c.capitalized + c.lower + 2)
        }
        // Unigram counts by id: one look-up per corpus word, not one per inventory syllable.
        var unigramCount = [Int](repeating: 0, count: model.words.count)
        for (word, count) in counts.unigrams { if let id = model.id(word) { unigramCount[Int(id)] = count } }
        for index in model.words.indices where capitalized[index] == Lexicon.capitalizedBase {
            // Never capitalized inside a sentence: the more often seen, the surer.
            let seen = Float(unigramCount[index])
            capitalized[index] = weight * Lexicon.capitalizedBase / (seen + weight)
        }
        var pairs: [(UInt64, Float)] = []
        for (pair, c) in counts.pairCases {
            let parts = pair.split(separator: " ")
            guard parts.count == 2, let v = model.id(String(parts[0])), let w = model.id(String(parts[1])) else { continue }
            let p = (Float(c.capitalized) + capitalized[Int(w)]) / Float(c.capitalized + c.lower + 1)
            pairs.append((LanguageModel.key(v, w), p))
        }
        var pairTable = PairTable(capacity: max(pairs.count, 1))
        for (key, p) in pairs { pairTable.insert(key, p) }
        var tripleTable = PairTable(capacity: max(counts.tripleCases.count, 1))
        for (triple, c) in counts.tripleCases {
            let parts = LanguageModel.words(triple)
            guard parts.count == 3, let u = model.id(parts[0]), let v = model.id(parts[1]), let w = model.id(parts[2]),
                  let key = LanguageModel.key(u, v, w) else { continue }
            let pair = pairTable.value(LanguageModel.key(v, w)) ?? capitalized[Int(w)]
            tripleTable.insert(key, (Float(c.capitalized) + pair) / Float(c.capitalized + c.lower + 1))
        }
        self.capitalized = capitalized
        pairCapitalized = pairTable
        tripleCapitalized = tripleTable
        trie.freeze()
        self.trie = trie
        unseen = UnseenTrie(model: model, scalars: scalars)
        self.folded = folded
        self.scalars = scalars
    }

    /// P(`w` is written with a capital) after the word `v` inside a sentence.
    @inline(__always) func capitalizedProbability(_ w: Int32, after v: Int32) -> Float {
        pairCapitalized.value(LanguageModel.key(v, w)) ?? capitalized[Int(w)]
    }

    /// P(`w` is written with a capital) after the words `u v` inside a sentence: the triple's
    /// odds where the corpus saw it, else the pair's (`u` < 0: none known).
    @inline(__always) func capitalizedProbability(_ w: Int32, after u: Int32, _ v: Int32) -> Float {
        if let key = LanguageModel.key(u, v, w), let p = tripleCapitalized.value(key) { return p }
        return capitalizedProbability(w, after: v)
    }

    /// The other tone placement of a word ending in open oa, oe or uy with a tone ("hoà" ↔
    /// "hòa", "khoẻ" ↔ "khỏe", "thuỷ" ↔ "thủy"); nil when the word has no such rhyme ("quý":
    /// after q the u belongs to the onset, so only one placement exists).
    static func alternativeTonePlacement(_ word: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        let n = word.count
        guard n >= 2 else { return nil }
        let first = word[n - 2], second = word[n - 1]
        guard let a = VietnameseLetters.info[first.value], let b = VietnameseLetters.info[second.value],
              !a.isUpper, !b.isUpper else { return nil }
        // Compared as scalars: a String per call would make this the dearest step of building the tries.
        let isOA = a.untoned == "o" && (b.untoned == "a" || b.untoned == "e")
        guard isOA || (a.untoned == "u" && b.untoned == "y") else { return nil }
        if n >= 3 {
            // A vowel before the pair makes another rhyme ("ngoài" is no oa + i); "qu" is an onset.
            let before = word[n - 3]
            if VietnameseLetters.info[before.value]?.isVowel == true || (!isOA && before == "q") { return nil }
        }
        var out = word
        if a.tone != .level && b.tone == .level {
            out[n - 2] = a.untoned
            out[n - 1] = VietnameseLetters.toned(b.untoned, a.tone)
        } else if a.tone == .level && b.tone != .level {
            out[n - 2] = VietnameseLetters.toned(a.untoned, b.tone)
            out[n - 1] = b.untoned
        } else {
            return nil
        }
        return out
    }

    /// The lexicon shipped in the package (``CorpusStatistics``), built on first use.
    static let shipped: Lexicon = Lexicon(counts: LanguageModel.Counts(serialized: CorpusStatistics.counts))

    func id(ofLowercased word: String) -> Int32? { model.id(word) }
}

/// ``Lexicon/unseenTrie``, built once on first use (thread-safe: Swift's lazy globals and
/// static lets are not available per instance, so a lock guards the one build).
private final class UnseenTrie: @unchecked Sendable {
    private let lock = NSLock()
    private var built: Trie?
    private let model: LanguageModel
    private let scalars: [[Unicode.Scalar]]

    init(model: LanguageModel, scalars: [[Unicode.Scalar]]) {
        self.model = model
        self.scalars = scalars
    }

    var trie: Trie {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        var trie = Trie()
        for index in LanguageModel.reserved.count..<model.words.count
        where model.isSyllable[index] && !model.seen(Int32(index)) {
            // "hoà" when the corpus saw "hòa" is in the main trie already, under hòa's id.
            if let alternative = Lexicon.alternativeTonePlacement(scalars[index]), model.seen(Scalars.string(alternative)) { continue }
            trie.insert(scalars[index], id: Int32(index))
        }
        trie.freeze()
        built = trie
        return trie
    }
}

/// A character trie. Built with sibling lists, then ``freeze()`` lays it out breadth first so
/// each node's children are one contiguous run: the lost-glyph decoder walks every child at a
/// lost letter, and a run read in order costs far less than a list chased through memory.
struct Trie: Sendable {
    private(set) var label: [UInt32] = [0]
    /// A node's first child, −1 for none; once frozen its children are `firstChild ..< firstChild + childCount`.
    private(set) var firstChild: [Int32] = [-1]
    private(set) var childCount: [Int32] = []
    private var nextSibling: [Int32] = [-1]
    private(set) var word: [Int32] = [-1]
    private(set) var frozen = false
    /// Once frozen, per node the children some word continues with each letter: node `u`'s
    /// entries are `followerStart[u] ..< followerStart[u + 1]`, by letter (`followerLabel`), in
    /// child order for one letter. A lost letter before a visible one tries only these, not
    /// every child and each one's children (most of a line's trie walk otherwise).
    private var followerStart: [Int32] = []
    private var followerLabel: [UInt32] = []
    private var followerChild: [Int32] = []

    static let root: Int32 = 0

    mutating func insert(_ scalars: [Unicode.Scalar], id: Int32) {
        precondition(!frozen, "a frozen trie takes no more words")
        var node: Int32 = 0
        for s in scalars {
            var child = firstChild[Int(node)]
            while child >= 0 && label[Int(child)] != s.value { child = nextSibling[Int(child)] }
            if child < 0 {
                child = Int32(label.count)
                label.append(s.value)
                firstChild.append(-1)
                nextSibling.append(firstChild[Int(node)])
                word.append(-1)
                firstChild[Int(node)] = child
            }
            node = child
        }
        word[Int(node)] = id
    }

    /// Renumbers the nodes breadth first, children in their list order (so walks visit them in the
    /// same order as in the sibling lists).
    mutating func freeze() {
        guard !frozen else { return }
        let n = label.count
        var order: [Int32] = [Trie.root]
        order.reserveCapacity(n)
        var first = [Int32](repeating: -1, count: n), count = [Int32](repeating: 0, count: n)
        var head = 0
        while head < order.count {
            let old = Int(order[head])
            var child = firstChild[old]
            if child >= 0 { first[head] = Int32(order.count) }
            while child >= 0 {
                order.append(child)
                count[head] += 1
                child = nextSibling[Int(child)]
            }
            head += 1
        }
        label = order.map { label[Int($0)] }
        word = order.map { word[Int($0)] }
        firstChild = first
        childCount = count
        nextSibling = []
        frozen = true
        // Each node's followers: its grandchildren's letters with the child above each, sorted
        // by letter, then by child (keys letter << 32 | child are unique, so any sort is stable).
        var starts = [Int32](repeating: 0, count: n + 1)
        var labels: [UInt32] = [], children: [Int32] = []
        labels.reserveCapacity(n)
        children.reserveCapacity(n)
        var keys: [UInt64] = []
        for node in 0..<n {
            starts[node] = Int32(labels.count)
            guard first[node] >= 0 else { continue }
            keys.removeAll(keepingCapacity: true)
            for c in first[node]..<(first[node] + count[node]) where first[Int(c)] >= 0 {
                for g in first[Int(c)]..<(first[Int(c)] + count[Int(c)]) {
                    keys.append(UInt64(label[Int(g)]) << 32 | UInt64(UInt32(c)))
                }
            }
            keys.sort()
            for key in keys {
                labels.append(UInt32(key >> 32))
                children.append(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF))
            }
        }
        starts[n] = Int32(labels.count)
        followerStart = starts
        followerLabel = labels
        followerChild = children
    }

    /// Where the children of `node` that some word continues with `value` lie in
    /// ``follower(_:)``, in child order (frozen tries only).
    @inline(__always) func followerRange(_ node: Int32, _ value: UInt32) -> Range<Int> {
        var low = Int(followerStart[Int(node)]), high = Int(followerStart[Int(node) + 1])
        let end = high
        while low < high {
            let mid = (low + high) / 2
            if followerLabel[mid] < value { low = mid + 1 } else { high = mid }
        }
        var upper = low
        while upper < end && followerLabel[upper] == value { upper += 1 }
        return low..<upper
    }

    @inline(__always) func follower(_ slot: Int) -> Int32 { followerChild[slot] }

    /// The id of the word spelled by `scalars[range]` in either case, −1 when the trie has none.
    func word(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Int32 {
        var node = Trie.root
        for k in range {
            node = child(node, VietnameseLetters.lower(scalars[k]).value)
            if node < 0 { return -1 }
        }
        return word[Int(node)]
    }

    @inline(__always) func child(_ node: Int32, _ value: UInt32) -> Int32 {
        if frozen {
            let from = firstChild[Int(node)]
            guard from >= 0 else { return -1 }
            for child in from..<(from + childCount[Int(node)]) where label[Int(child)] == value { return child }
            return -1
        }
        var child = firstChild[Int(node)]
        while child >= 0 && label[Int(child)] != value { child = nextSibling[Int(child)] }
        return child
    }
}
