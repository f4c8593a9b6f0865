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

    /// ``info`` flattened into arrays indexed by scalar value (every Vietnamese letter is below
    /// 0x1F00): the decoders ask for a letter's case and forms at every position and trie child,
    /// where a dictionary lookup would dominate the cost.
    private struct Table: Sendable {
        var lower: [UInt32]
        var upper: [UInt32]
        var folded: [UInt32]
        var flags: [UInt8]  // 1 letter, 2 upper case
    }
    private static let size = 0x1F00
    private static let table: Table = {
        var t = Table(lower: (0..<UInt32(size)).map { $0 }, upper: (0..<UInt32(size)).map { $0 },
                      folded: (0..<UInt32(size)).map { $0 }, flags: [UInt8](repeating: 0, count: size))
        for v in UInt32(0x41)...0x5A { t.lower[Int(v)] = v + 32; t.folded[Int(v)] = v + 32; t.flags[Int(v)] = 3 }
        for v in UInt32(0x61)...0x7A { t.upper[Int(v)] = v - 32; t.flags[Int(v)] = 1 }
        for (value, entry) in info where Int(value) < size {
            t.lower[Int(value)] = entry.lower.value
            t.upper[Int(value)] = entry.upper.value
            t.folded[Int(value)] = entry.folded.value
            t.flags[Int(value)] = entry.isUpper ? 3 : 1
        }
        return t
    }()

    @inline(__always) static func isLetter(_ s: Unicode.Scalar) -> Bool {
        Int(s.value) < size && table.flags[Int(s.value)] & 1 != 0
    }

    @inline(__always) static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        Int(s.value) < size ? Unicode.Scalar(table.lower[Int(s.value)])! : s
    }

    @inline(__always) static func upper(_ s: Unicode.Scalar) -> Unicode.Scalar {
        Int(s.value) < size ? Unicode.Scalar(table.upper[Int(s.value)])! : s
    }

    @inline(__always) static func isUpper(_ s: Unicode.Scalar) -> Bool {
        Int(s.value) < size && table.flags[Int(s.value)] & 2 != 0
    }

    /// Lower case, all marks removed, đ → d.
    @inline(__always) static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        Int(s.value) < size ? Unicode.Scalar(table.folded[Int(s.value)])! : s
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
