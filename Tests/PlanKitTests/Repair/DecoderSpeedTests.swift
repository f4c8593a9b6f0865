import Foundation
import Testing
@testable import PlanKit

/// The look-up tables the lost-glyph decoder's speed-ups rest on must say exactly what the
/// trie says: a follower list that drops or reorders a child changes which words a line is
/// read as (candidates are kept in walk order), so these are checked against the trie itself.
@Suite struct DecoderSpeedTests {
    static func listedFollowers(_ trie: Trie, _ value: UInt32, of node: Int32 = Trie.root) -> [Int32] {
        trie.followerRange(node, value).map { trie.follower($0) }
    }

    /// The children of `node` some word continues with `value`, by scanning the trie.
    static func scannedFollowers(_ trie: Trie, _ value: UInt32, of node: Int32) -> [Int32] {
        let first = trie.firstChild[Int(node)]
        guard first >= 0 else { return [] }
        return (first..<(first + trie.childCount[Int(node)])).filter { trie.child($0, value) >= 0 }
    }

    @Test func followersOfSmallTries() {
        let rows: [(words: [String], letter: String, expected: [String])] = [
            // (words, letter, first letters of the words that continue with it, in child order)
            (["anh", "em", "ba"], "n", ["a"]),
            (["anh", "em", "ba", "an"], "n", ["a"]),
            (["ca", "ba", "đa", "bo"], "a", ["đ", "b", "c"]),
            (["ca", "ba"], "o", []),
            (["ca", "ba"], "z", []),
            (["a"], "a", []),
        ]
        for (words, letter, expected) in rows {
            var trie = Trie()
            for (id, word) in words.enumerated() { trie.insert(Array(word.unicodeScalars), id: Int32(id)) }
            trie.freeze()
            let value = letter.unicodeScalars.first!.value
            let listed = Self.listedFollowers(trie, value)
            #expect(listed == Self.scannedFollowers(trie, value, of: Trie.root), "\(words) \(letter)")
            #expect(listed.map { String(Unicode.Scalar(trie.label[Int($0)])!) } == expected, "\(words) \(letter)")
        }
    }

    /// Below the root: "ng" and "nh" after "a" and "i" share the child "n" of each.
    @Test func followersBelowTheRoot() {
        var trie = Trie()
        for (id, word) in ["ang", "anh", "inh", "am"].enumerated() { trie.insert(Array(word.unicodeScalars), id: Int32(id)) }
        trie.freeze()
        let a = trie.child(Trie.root, "a".unicodeScalars.first!.value)
        #expect(a >= 0)
        for letter in ["g", "h", "m", "n", "x"] {
            let value = letter.unicodeScalars.first!.value
            #expect(Self.listedFollowers(trie, value, of: a) == Self.scannedFollowers(trie, value, of: a), "a·\(letter)")
        }
        #expect(Self.listedFollowers(trie, "g".unicodeScalars.first!.value, of: a).map { trie.label[Int($0)] } == ["n".unicodeScalars.first!.value])
        #expect(Self.listedFollowers(trie, "m".unicodeScalars.first!.value, of: a).isEmpty)
    }

    /// Every node of the shipped lexicon's two tries, with each letter its grandchildren carry
    /// and one they do not.
    @Test func followersOfShippedTries() {
        let lexicon = Lexicon.shipped
        for trie in [lexicon.trie, lexicon.unseenTrie] {
            #expect(trie.label.count > 1)
            var listedAny = false
            var mismatches = 0
            for node in 0..<Int32(trie.label.count) {
                var letters: Set<UInt32> = [0x20]
                let first = trie.firstChild[Int(node)]
                if first >= 0 {
                    for c in first..<(first + trie.childCount[Int(node)]) where trie.firstChild[Int(c)] >= 0 {
                        for g in trie.firstChild[Int(c)]..<(trie.firstChild[Int(c)] + trie.childCount[Int(c)]) { letters.insert(trie.label[Int(g)]) }
                    }
                }
                for value in letters.sorted() {
                    let listed = Self.listedFollowers(trie, value, of: node)
                    if listed != Self.scannedFollowers(trie, value, of: node) { mismatches += 1 }
                    listedAny = listedAny || !listed.isEmpty
                }
            }
            #expect(mismatches == 0)
            #expect(listedAny)
        }
    }

    /// The decoder's numeric test answers ASCII from a range: it must agree with Unicode's
    /// properties for every scalar it meets (digits, letters, marks, other numerals).
    @Test func numericTestAgreesWithProperties() {
        let rows: [String] = ["0", "9", "5", "a", "Z", " ", "-", "/", ".", "đ", "Ế", "²", "½", "٣", "Ⅻ", "\u{7F}"]
        for text in rows {
            let scalar = text.unicodeScalars.first!
            #expect(LanguageModel.isNumeric(scalar) == (scalar.properties.numericType != nil), "\(text.debugDescription)")
        }
    }

    /// The open-rhyme pre-test must never say no where ``TonePlacement/place`` would look at a
    /// word: a run of letters ending in letters folding to oa, oe or uy.
    @Test func openRhymePreTest() {
        let rows: [(text: String, expected: Bool)] = [
            ("hòa", true), ("hoà", true), ("khỏe", true), ("THỦY", true), ("quý", true), ("Hoà,", true),
            ("bình đẳng hoà", true), ("hoà bình", true), ("giới", false), ("o a", false), ("ngoài", false),
            ("", false), ("a", false), ("toán", false), ("1oa", true),
        ]
        for (text, expected) in rows {
            #expect(TonePlacement.mayHaveOpenRhyme(text) == expected, "\(text)")
            let scalars = Array(text.unicodeScalars)
            let anyRun = TonePlacement.letterRuns(scalars).contains { TonePlacement.mayEndInOpenRhyme(scalars[$0]) }
            #expect(anyRun == expected, "\(text)")
        }
    }

    /// A trigram cost with its context looked up once equals the plain look-up, for contexts
    /// the corpus saw and never saw, over the words of the real seed.
    @Test func trigramCostWithSharedContext() throws {
        let model = Lexicon.shipped.model
        let text = try String(contentsOf: Repository.url("Fixtures/repair/000_reference.txt"), encoding: .utf8)
        let ids = Tokenizer.modelTokens(text).compactMap { model.id($0) }
        #expect(ids.count > 100)
        var seenContexts = 0
        for i in 2..<ids.count {
            let (u, v, w) = (ids[i - 2], ids[i - 1], ids[i])
            let context = model.trigramContext(u, v)
            if context != nil { seenContexts += 1 }
            for word in [w, ids[(i * 7) % ids.count]] {
                #expect(model.cost(word, after: u, v, context: context) == model.cost(word, after: u, v))
            }
            #expect(model.cost(w, after: -1, v, context: model.trigramContext(-1, v)) == model.cost(w, after: -1, v))
        }
        // The reference of seed 000 is not in the corpus: both kinds of context are met.
        #expect(seenContexts > 0 && seenContexts < ids.count - 2, "\(seenContexts) of \(ids.count - 2) contexts seen")
    }
}
