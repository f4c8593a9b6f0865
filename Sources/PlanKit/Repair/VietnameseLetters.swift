/// Vietnamese letters as `Unicode.Scalar` values: tone tables, case mapping and mark folding
/// for the repair stage. Built once from literal tables (no Foundation normaliser), so the
/// lookups in the decoders' hot loops are array and dictionary reads.
enum VietnameseLetters {
    /// The tones in the order of the rows of ``toneTable``: ngang, huyền, sắc, hỏi, ngã, nặng.
    enum Tone: Int, CaseIterable, Sendable {
        case level = 0, grave, acute, hook, tilde, dot
    }

    /// Each base vowel followed by its five toned forms (lower case, NFC).
    static let toneRows: [String] = [
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
    ]

    /// All lower-case base vowels (with hat/breve/horn, without tone).
    static let baseVowels: [Unicode.Scalar] = toneRows.map { $0.unicodeScalars.first! }

    struct Info: Sendable {
        /// Lower-case form.
        var lower: Unicode.Scalar
        /// Upper-case form.
        var upper: Unicode.Scalar
        /// Lower case with tone removed ("ệ" → "ê").
        var untoned: Unicode.Scalar
        /// Lower case with every mark removed, đ → d ("ệ" → "e").
        var folded: Unicode.Scalar
        var tone: Tone
        var isVowel: Bool
        var isUpper: Bool
    }

    /// Every letter the repair stage knows, keyed by scalar value (both cases).
    static let info: [UInt32: Info] = {
        var table: [UInt32: Info] = [:]
        let plainFold: [Unicode.Scalar: Unicode.Scalar] = ["ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"]
        for row in toneRows {
            let scalars = Array(row.unicodeScalars)
            let base = scalars[0]
            let folded = plainFold[base] ?? base
            for (index, scalar) in scalars.enumerated() {
                let upper = String(scalar).uppercased().unicodeScalars.first!
                let entry = Info(lower: scalar, upper: upper, untoned: base, folded: folded,
                                 tone: Tone(rawValue: index)!, isVowel: true, isUpper: false)
                table[scalar.value] = entry
                var upperEntry = entry
                upperEntry.isUpper = true
                table[upper.value] = upperEntry
            }
        }
        for scalar in "bcdđfghjklmnpqrstvwxz".unicodeScalars {
            let upper = String(scalar).uppercased().unicodeScalars.first!
            let folded: Unicode.Scalar = scalar == "đ" ? "d" : scalar
            let entry = Info(lower: scalar, upper: upper, untoned: scalar, folded: folded, tone: .level,
                             isVowel: false, isUpper: false)
            table[scalar.value] = entry
            var upperEntry = entry
            upperEntry.isUpper = true
            table[upper.value] = upperEntry
        }
        return table
    }()

    @inline(__always) static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            return (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A)
        }
        return info[s.value] != nil
    }

    @inline(__always) static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.value >= 0x41 && s.value <= 0x5A { return Unicode.Scalar(s.value + 32)! }
        if s.value < 0x80 { return s }
        return info[s.value]?.lower ?? s
    }

    @inline(__always) static func upper(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.value >= 0x61 && s.value <= 0x7A { return Unicode.Scalar(s.value - 32)! }
        if s.value < 0x80 { return s }
        return info[s.value]?.upper ?? s
    }

    @inline(__always) static func isUpper(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value >= 0x41 && s.value <= 0x5A }
        return info[s.value]?.isUpper ?? false
    }

    /// Lower case, all marks removed, đ → d.
    @inline(__always) static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.value < 0x80 { return lower(s) }
        return info[s.value]?.folded ?? s
    }

    /// Whether the scalar carries a Vietnamese mark (tone, hat, breve, horn or đ).
    @inline(__always) static func isMarked(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x80 && info[s.value] != nil
    }

    /// The toned form of a lower-case base vowel.
    static func toned(_ base: Unicode.Scalar, _ tone: Tone) -> Unicode.Scalar {
        for row in toneRows where row.unicodeScalars.first == base {
            return Array(row.unicodeScalars)[tone.rawValue]
        }
        return base
    }

    static func lowercased(_ word: String) -> String {
        var out = String.UnicodeScalarView()
        for s in word.unicodeScalars { out.append(lower(s)) }
        return String(out)
    }

    static func folded(_ word: String) -> String {
        var out = String.UnicodeScalarView()
        for s in word.unicodeScalars { out.append(fold(s)) }
        return String(out)
    }

    /// The shape of a word's letters, used to put a repaired word back into the case of its neighbours.
    enum CaseShape: Sendable { case lower, capitalized, upper, mixed }

    static func shape(_ scalars: some Collection<Unicode.Scalar>) -> CaseShape {
        var uppers = 0, count = 0, firstUpper = false
        for (i, s) in scalars.enumerated() {
            count += 1
            if isUpper(s) { uppers += 1; if i == 0 { firstUpper = true } }
        }
        if uppers == 0 { return .lower }
        if uppers == count { return count == 1 ? .capitalized : .upper }
        if uppers == 1 && firstUpper { return .capitalized }
        return .mixed
    }

    static func apply(_ shape: CaseShape, to lowerWord: [Unicode.Scalar]) -> [Unicode.Scalar] {
        switch shape {
        case .lower, .mixed: return lowerWord
        case .upper: return lowerWord.map(upper)
        case .capitalized:
            var w = lowerWord
            if !w.isEmpty { w[0] = upper(w[0]) }
            return w
        }
    }
}
