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

    @Test(arguments: [
        // (words, letter, first letters of the words that continue with it, in child order)
        (["anh", "em", "ba"], "n", ["a"]),
        (["anh", "em", "ba", "an"], "n", ["a"]),
        (["ca", "ba", "đa", "bo"], "a", ["đ", "b", "c"]),
        (["ca", "ba"], "o", []),
        (["ca", "ba"], "z", []),
        (["a"], "a", []),
    ])
    func followersOfSmallTries(words: [String], letter: String, expected: [String]) {
        var trie = Trie()
        for (id, word) in words.enumerated() { trie.insert(Array(word.unicodeScalars), id: Int32(id)) }
        trie.freeze()
        let value = letter.unicodeScalars.first!.value
        let listed = Self.listedFollowers(trie, value)
        #expect(listed == Self.scannedFollowers(trie, value, of: Trie.root))
        #expect(listed.map { String(Unicode.Scalar(trie.label[Int($0)])!) } == expected)
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
}
