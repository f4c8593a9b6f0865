import Foundation
import Testing
@testable import PlanKit

/// The shipped lexicon's fast load (issue 3: "the lexicon loads in ≤ 50 ms") must build the
/// same model as the plain reading of the generated statistics: the parse on UTF-8 bytes is
/// checked against the Substring parse it replaced, on the real statistics and on odd lines.
@Suite struct LexiconLoadTests {
    /// The Substring/Character parse `Counts(serialized:)` used before the byte parse: the reference.
    static func referenceParse(_ text: String) -> LanguageModel.Counts {
        var counts = LanguageModel.Counts()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 3, parts[0] == "3" || parts[0] == "4" || parts[0] == "6" {
                let numbers = parts[2].split(separator: " ").compactMap { Int($0) }
                guard numbers.count == 2 else { continue }
                let c = LanguageModel.Counts.Case(capitalized: numbers[0], lower: numbers[1])
                switch parts[0] {
                case "3": counts.cases[String(parts[1])] = c
                case "4": counts.pairCases[String(parts[1])] = c
                default: counts.tripleCases[String(parts[1])] = c
                }
                continue
            }
            guard parts.count == 3, let count = Int(parts[2]) else { continue }
            switch parts[0] {
            case "1": counts.unigrams[String(parts[1])] = count
            case "5": counts.trigrams[String(parts[1])] = count
            default: counts.bigrams[String(parts[1])] = count
            }
        }
        return counts
    }

    /// Every entry of the shipped statistics survives the byte parse, as the reference reads it;
    /// and each kind of line is there (a parse that dropped a kind would also agree on nothing).
    @Test func byteParseReadsTheShippedStatisticsLikeTheReference() {
        let text = CorpusStatistics.counts
        let fast = LanguageModel.Counts(serialized: text)
        let reference = Self.referenceParse(text)
        #expect(fast == reference)
        let lines = text.split(separator: "\n")
        #expect(fast.unigrams.count == lines.filter { $0.hasPrefix("1\t") }.count)
        #expect(fast.bigrams.count == lines.filter { $0.hasPrefix("2\t") }.count)
        #expect(fast.trigrams.count == lines.filter { $0.hasPrefix("5\t") }.count)
        #expect(fast.cases.count == lines.filter { $0.hasPrefix("3\t") }.count)
        #expect(fast.pairCases.count == lines.filter { $0.hasPrefix("4\t") }.count)
        #expect(fast.tripleCases.count == lines.filter { $0.hasPrefix("6\t") }.count)
        #expect(fast.tripleCases.count > 500)
        #expect(fast.trigrams.count > 5000 && fast.bigrams.count > 3000)
        #expect(fast.bigrams["bình đẳng"] != nil)
    }

    /// Odd lines read as the reference reads them: blank lines, doubled tabs, a fourth field,
    /// signs and garbage in numbers, case counts with extra spaces or one number.
    @Test func oddLinesReadLikeTheReference() {
        let rows: [String] = [
            "1\tbình\t12\n\n2\tbình đẳng\t7\n",
            "1\t\tgiới\t\t3",
            "1\tgiới\t3\textra",
            "1\tgiới\t+4\n1\tnam\t-2\n1\tnữ\t4x\n1\tlà\t",
            "3\tkế\t2  5\n3\thoạch\t2\n4\thiện kế\t 1 0 \n4\ta b\t1 x 3",
            "5\tbình đẳng giới\t99999999999999999999\n5\tu v w\t0012",
            "7\tkhác\t3\n2\tv\t1\n\t\t\n",
        ]
        for text in rows {
            #expect(LanguageModel.Counts(serialized: text) == Self.referenceParse(text), "\(text.debugDescription)")
        }
    }

    /// The packed `memcmp` sort gives the word ids the generic UTF-8 comparison gave: on the
    /// whole inventory and the shipped words, and on words that are prefixes of each other.
    @Test func wordIdsKeepTheUTF8Order() {
        let byUTF8: (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let inventory = Array(SyllableInventory.generate())
        #expect(LanguageModel.sortedByUTF8(inventory) == inventory.sorted(by: byUTF8))
        let small = ["ngh", "ng", "", "nghiêng", "a", "ă", "<s>", "ubnd", "à"]
        #expect(LanguageModel.sortedByUTF8(small) == small.sorted(by: byUTF8))
        let model = Lexicon.shipped.model
        let counts = LanguageModel.Counts(serialized: CorpusStatistics.counts)
        let corpusWords = counts.unigrams.keys.filter { !LanguageModel.reserved.contains($0) }.sorted(by: byUTF8)
        let expected = LanguageModel.reserved + corpusWords
        #expect(Array(model.words.prefix(expected.count)) == expected)
        let rest = Array(model.words.dropFirst(expected.count))
        #expect(rest == rest.sorted(by: byUTF8) && rest.count + corpusWords.count >= inventory.count)
    }

    /// The byte split of "v w" / "u v w" keys gives the Character split's words.
    @Test func keysSplitLikeStrings() {
        let rows: [String] = ["bình đẳng", "bình đẳng giới", "<s> ubnd <num>", "a  b", " a b ", "hoà thuỷ", "x"]
        for key in rows {
            #expect(LanguageModel.words(key) == key.split(separator: " ").map(String.init), "\(key.debugDescription)")
        }
    }

    /// The inventory's rule with the rhyme's kind given by its place in the list says what the
    /// rule that searches the list says, for every onset and rhyme.
    @Test func inventoryRuleKnowsMedialRhymesByIndex() {
        let rhymes = SyllableInventory.plainRhymes + SyllableInventory.medialRhymes
        var disagreements: [String] = []
        for onset in SyllableInventory.onsets {
            for (index, rhyme) in rhymes.enumerated()
            where SyllableInventory.allowed(onset: onset, rhyme: rhyme)
                != SyllableInventory.allowed(onset: onset, rhyme: rhyme, isMedial: index >= SyllableInventory.plainRhymes.count) {
                disagreements.append(onset + "+" + rhyme)
            }
        }
        #expect(disagreements.isEmpty)
        #expect(SyllableInventory.generate().count > 15_000)
    }
}
