/// Whether a word is a well-formed Vietnamese syllable: initial consonant, a vowel nucleus
/// from the language's inventory, a final consonant, and at most one tone mark.
///
/// Used only to tell encodings apart (``LegacyDetection``): text read in the wrong code page
/// produces symbols, letters Vietnamese does not use ("ä", "ñ") and impossible vowel runs
/// ("Vieọt"), none of which pass. It accepts some non-words (it does not check which
/// nucleus may take which final), which is fine for that purpose.
enum VietnameseSyllable {
    /// Combining grave, acute, tilde, hook above, dot below.
    static let toneMarks: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]

    /// Non-letters that legitimately occur in Vietnamese text typed on Windows.
    static let plausiblePunctuation: Set<UInt32> = [
        0x00A0, 0x00A7, 0x00B0, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AB,
    ]

    static let initials: Set<String> = [
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
        "p", "ph", "q", "qu", "r", "s", "t", "th", "tr", "v", "x",
    ]
    static let finals: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    static let nuclei: Set<String> = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi",
        "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
        "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "yêu",
    ]

    /// Lowercase vowel letter (any tone) → (vowel without tone, carries a tone).
    static let vowels: [UInt32: (base: Character, toned: Bool)] = {
        var table: [UInt32: (Character, Bool)] = [:]
        let plain: [Character] = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
        for v in plain { table[v.unicodeScalars.first!.value] = (v, false) }
        let ranges: [ClosedRange<UInt32>] = [0xC0...0x1B0, 0x1EA0...0x1EF9]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value), scalar.properties.isLowercase else { continue }
                let decomposed = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
                let tones = decomposed.filter { toneMarks.contains($0.value) }
                guard tones.count == 1 else { continue }
                let rest = String(String.UnicodeScalarView(decomposed.filter { !toneMarks.contains($0.value) }))
                    .precomposedStringWithCanonicalMapping
                guard rest.count == 1, let base = rest.first, plain.contains(base) else { continue }
                table[value] = (base, true)
            }
        }
        return table
    }()

    static func isWellFormed(_ word: String.UnicodeScalarView) -> Bool {
        var initial = "", nucleus = "", final = ""
        var tones = 0
        var stage = 0 // 0 initial, 1 nucleus, 2 final
        for scalar in String(word).lowercased().unicodeScalars {
            if let vowel = vowels[scalar.value] {
                if vowel.toned { tones += 1 }
                if stage == 2 { return false }
                stage = 1
                nucleus.append(vowel.base)
            } else if (scalar.value >= 0x61 && scalar.value <= 0x7A) || scalar.value == 0x111 {
                if stage == 1 { stage = 2 }
                if stage == 0 { initial.unicodeScalars.append(scalar) } else { final.unicodeScalars.append(scalar) }
            } else {
                return false
            }
        }
        guard tones <= 1, !nucleus.isEmpty, finals.contains(final) else { return false }
        if initials.contains(initial), nuclei.contains(nucleus) { return true }
        // "gi" and "qu" take the nucleus's first letter: "giữa" = gi + ưa, "quốc" = qu + ô + c.
        if (initial == "g" && nucleus.hasPrefix("i")) || (initial == "q" && nucleus.hasPrefix("u")) {
            let rest = String(nucleus.dropFirst())
            return rest.isEmpty || nuclei.contains(rest)
        }
        return false
    }
}
