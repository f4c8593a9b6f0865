/// The inventory of well-formed Vietnamese syllables, generated from the spelling rules
/// rather than read from a word list: onset × rhyme × tone, with
/// - c/k, g/gh, ng/ngh chosen by the following vowel (k, gh, ngh before e, ê, i, y),
/// - "qu" only before rhymes without a medial, no c/k/gh/ngh before a medial o/u,
/// - only sắc and nặng on rhymes closed by p, t, c, ch,
/// - both tone placements accepted on open oa/oe/uy ("hòa" and "hoà", "thủy" and "thuỷ").
///
/// Generation takes a few milliseconds, so the inventory is rebuilt at load instead of being
/// shipped as data; the rules below are its source. ``SyllableInventory/syllables`` is lower case, NFC.
enum SyllableInventory {
    static let onsets: [String] = [
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
        "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
    ]

    /// Rhymes without a medial o/u.
    static let plainRhymes: [String] = """
    a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot ooc oong ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêng yêt yêu
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// Rhymes with a medial o/u ("hoa", "thuyết", "huấn").
    static let medialRhymes: [String] = """
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
    uân uâng uât uây uê uêch uênh uy uya uych uyn uynh uyp uyt uyu uyên uyêt uơ
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    static let hatVowels: Set<Unicode.Scalar> = ["ă", "â", "ê", "ô", "ơ"]
    static let vowels: Set<Unicode.Scalar> = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]

    /// Lower-case syllables, every tone, both placements where Vietnamese allows both.
    static func generate() -> Set<String> {
        var result: Set<String> = []
        result.reserveCapacity(40_000)
        // A rhyme's toned forms do not depend on the onset: placed once, not once per onset
        // (this runs at every lexicon load).
        let rhymes = plainRhymes + medialRhymes
        let forms = rhymes.map { rhyme in VietnameseLetters.Tone.allCases.flatMap { toned(rhyme: rhyme, tone: $0) } }
        for onset in onsets {
            // Medial rhymes follow the plain ones: known by index, not by searching the list.
            for (index, (rhyme, rhymeForms)) in zip(rhymes, forms).enumerated()
            where allowed(onset: onset, rhyme: rhyme, isMedial: index >= plainRhymes.count) {
                for form in rhymeForms { result.insert(onset + form) }
            }
        }
        return result
    }

    static func allowed(onset: String, rhyme: String) -> Bool {
        allowed(onset: onset, rhyme: rhyme, isMedial: medialRhymes.contains(rhyme))
    }

    private static let front: Set<Unicode.Scalar> = ["e", "ê", "i", "y"]

    /// ``allowed(onset:rhyme:)`` with the rhyme's kind known: a search of the rhyme list per
    /// onset and rhyme would be half of generating the inventory, which every lexicon load does.
    static func allowed(onset: String, rhyme: String, isMedial: Bool) -> Bool {
        let first = rhyme.unicodeScalars.first!
        switch onset {
        case "c", "g", "ng":
            if front.contains(first) { return onset == "g" && first == "i" } // "gì", "gìn"
            return onset != "c" || !isMedial
        case "k", "gh", "ngh":
            return front.contains(first) && !isMedial
        case "qu":
            return !isMedial && first != "u" && first != "ư"
        case "gi":
            return !isMedial && first != "i" && first != "y"
        case "":
            return true
        default:
            return !(first == "y" && rhyme.count > 1 && !isMedial) // "yên" stands alone or after qu/medial
        }
    }

    /// The rhyme with `tone` placed on the right vowel; two forms for open oa, oe, uy.
    static func toned(rhyme: String, tone: VietnameseLetters.Tone) -> [String] {
        let scalars = Array(rhyme.unicodeScalars)
        let last = scalars.last!
        let closedByStop = rhyme.hasSuffix("p") || rhyme.hasSuffix("t") || rhyme.hasSuffix("c") || rhyme.hasSuffix("ch")
        if closedByStop && tone != .acute && tone != .dot { return [] }
        if tone == .level { return [rhyme] }
        let vowelIndices = scalars.indices.filter { vowels.contains(scalars[$0]) }
        let hasCoda = !vowels.contains(last)
        var positions: [Int]
        if let hat = vowelIndices.last(where: { hatVowels.contains(scalars[$0]) }) {
            positions = [hat]
        } else if let horn = vowelIndices.first(where: { scalars[$0] == "ư" }) {
            positions = [horn]
        } else if hasCoda {
            positions = [vowelIndices.last!]
        } else if vowelIndices.count == 3 {
            positions = [vowelIndices[1]]
        } else if vowelIndices.count == 2 {
            if rhyme == "oa" || rhyme == "oe" || rhyme == "uy" {
                positions = [vowelIndices[0], vowelIndices[1]]
            } else {
                positions = [vowelIndices[0]]
            }
        } else {
            positions = [vowelIndices[0]]
        }
        return positions.map { position in
            var copy = scalars
            copy[position] = VietnameseLetters.toned(copy[position], tone)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: copy)
            return String(view)
        }
    }
}
