import Testing
@testable import PlanKit

/// The look-up tables the lost-glyph decoder's speed-ups rest on must say exactly what the
/// trie says: a follower list that drops or reorders a child changes which words a line is
/// read as (candidates are kept in walk order), so these are checked against the trie itself.
@Suite struct DecoderSpeedTests {
    /// The root's children some word continues with `value`, by scanning the trie.
    static func scannedFollowers(_ trie: Trie, _ value: UInt32) -> [Int32] {
        let first = trie.firstChild[Int(Trie.root)]
        guard first >= 0 else { return [] }
        return (first..<(first + trie.childCount[Int(Trie.root)])).filter { trie.child($0, value) >= 0 }
    }

    static func listedFollowers(_ trie: Trie, _ value: UInt32) -> [Int32] {
        trie.rootFollowerRange(value).map { trie.rootFollower($0) }
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
        #expect(listed == Self.scannedFollowers(trie, value))
        #expect(listed.map { String(Unicode.Scalar(trie.label[Int($0)])!) } == expected)
    }

    /// Every letter of the shipped lexicon's two tries, and values past the largest label.
    @Test func followersOfShippedTries() {
        let lexicon = Lexicon.shipped
        for trie in [lexicon.trie, lexicon.unseenTrie] {
            let labels = Set(trie.label.dropFirst()).sorted()
            #expect(!labels.isEmpty)
            var listedAny = false
            for value in labels + [0x20, 0x10FFFF] {
                let listed = Self.listedFollowers(trie, value)
                #expect(listed == Self.scannedFollowers(trie, value), "letter U+\(String(value, radix: 16))")
                listedAny = listedAny || !listed.isEmpty
            }
            #expect(listedAny)
        }
    }
}
