import Foundation

/// Everything the decoders look words up in: the language model's vocabulary (corpus tokens
/// and generated syllables) as a trie for matching spans with lost letters, and a mark-folded
/// index ("binh dang gioi" → "bình đẳng giới") for missing or confused marks.
final class Lexicon: Sendable {
    let model: LanguageModel
    let syllables: Set<String>
    let trie: Trie
    /// Folded key → word ids sharing it.
    let folded: [String: [Int32]]
    /// Word id → lower-case scalars.
    let scalars: [[Unicode.Scalar]]

    init(counts: LanguageModel.Counts) {
        let syllables = SyllableInventory.generate()
        let model = LanguageModel(counts: counts, syllables: syllables)
        self.syllables = syllables
        self.model = model
        var trie = Trie()
        var folded: [String: [Int32]] = [:]
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
        self.trie = trie
        self.folded = folded
        self.scalars = scalars
    }

    /// The lexicon shipped in the package (``CorpusStatistics``), built on first use.
    static let shipped: Lexicon = Lexicon(counts: LanguageModel.Counts(serialized: CorpusStatistics.counts))

    func id(ofLowercased word: String) -> Int32? { model.id(word) }
}

/// A character trie with sibling lists, so a decoder can walk every child at a lost letter.
struct Trie: Sendable {
    private(set) var label: [UInt32] = [0]
    private(set) var firstChild: [Int32] = [-1]
    private(set) var nextSibling: [Int32] = [-1]
    private(set) var word: [Int32] = [-1]

    static let root: Int32 = 0

    mutating func insert(_ scalars: [Unicode.Scalar], id: Int32) {
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

    @inline(__always) func child(_ node: Int32, _ value: UInt32) -> Int32 {
        var child = firstChild[Int(node)]
        while child >= 0 && label[Int(child)] != value { child = nextSibling[Int(child)] }
        return child
    }
}
