/// Vietnamese letters split into base, modifier (hat, breve, horn) and tone, from literal tables,
/// so the damage models can drop or swap one mark without touching the others.
enum Letters {
    /// Tones in the column order of ``rows``: ngang, huyền, sắc, hỏi, ngã, nặng.
    enum Tone: Int, CaseIterable {
        case level = 0, grave, acute, hook, tilde, dot
    }

    /// Each base vowel followed by its five toned forms (lower case, NFC).
    static let rows: [String] = [
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
    ]
    /// The vowel a modifier sits on: ă â → a, ê → e, ô ơ → o, ư → u.
    static let plain: [Character: Character] = ["ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"]

    struct Vowel {
        /// Row in ``rows`` (the vowel with its modifier, no tone).
        var row: Int
        var tone: Tone
        var isUpper: Bool
    }

    private static let table: [Character: Vowel] = {
        var out: [Character: Vowel] = [:]
        for (r, row) in rows.enumerated() {
            for (t, c) in row.enumerated() {
                out[c] = Vowel(row: r, tone: Tone(rawValue: t)!, isUpper: false)
                out[Character(String(c).uppercased())] = Vowel(row: r, tone: Tone(rawValue: t)!, isUpper: true)
            }
        }
        return out
    }()
    private static let rowIndex: [Character: Int] = {
        var out: [Character: Int] = [:]
        for (r, row) in rows.enumerated() { out[row.first!] = r }
        return out
    }()

    static func vowel(_ c: Character) -> Vowel? { table[c] }

    static func character(_ v: Vowel) -> Character {
        let row = rows[v.row]
        let c = row[row.index(row.startIndex, offsetBy: v.tone.rawValue)]
        return v.isUpper ? Character(String(c).uppercased()) : c
    }

    /// The same vowel on another row (`"ô"` → `"o"`), tone and case kept.
    static func moved(_ v: Vowel, toBase base: Character) -> Vowel {
        var w = v
        w.row = rowIndex[base]!
        return w
    }

    static func baseOf(_ v: Vowel) -> Character { rows[v.row].first! }

    /// Every mark removed, đ → d, case kept: damage kind (b).
    static func stripped(_ c: Character) -> Character {
        switch c {
        case "đ": return "d"
        case "Đ": return "D"
        default:
            guard let v = vowel(c) else { return c }
            let base = baseOf(v)
            var w = moved(v, toBase: plain[base] ?? base)
            w.tone = .level
            return character(w)
        }
    }

    static func isLetter(_ c: Character) -> Bool { c.isLetter }
}
