import Foundation

/// The four kinds of damage of issue 3, applied to clean text so that the repair stage can be
/// scored against the original. Each model keeps the line count (words are aligned per line),
/// is deterministic given its generator, and is calibrated on what real archives show.
enum DamageKind: String, CaseIterable, Codable {
    /// No damage: the clean document itself, to check that the repair leaves it alone and to
    /// time the detection that lets an intact file through.
    case clean = "0"
    /// (a) glyphs without a Unicode mapping: each lost character became one space (seed 000).
    case lostGlyphs = "a"
    /// (b) every Vietnamese mark stripped, đ → d, case kept.
    case marks = "b"
    /// (c) OCR confusions of marks and letters, and lost spaces between words.
    case ocr = "c"
    /// (d) a legacy font read through the wrong table: marked vowels consistently swapped.
    case legacyFont = "d"

    var title: String {
        switch self {
        case .clean: "clean, no damage"
        case .lostGlyphs: "lost glyphs"
        case .marks: "marks stripped"
        case .ocr: "OCR confusions"
        case .legacyFont: "legacy font"
        }
    }

    func damage(_ lines: [String], using rng: inout SplitMix64) -> [String] {
        let damaged: [String]
        switch self {
        case .clean: damaged = lines
        case .lostGlyphs: damaged = LostGlyphs().damage(lines, using: &rng)
        case .marks: damaged = lines.map { String($0.map(Letters.stripped)) }
        case .ocr: damaged = OCRConfusions().damage(lines, using: &rng)
        case .legacyFont: damaged = LegacyFont().damage(lines)
        }
        // What the scoring relies on: line counts kept, and for (a) (b) (d) line lengths too.
        precondition(damaged.count == lines.count)
        precondition(self == .ocr || zip(damaged, lines).allSatisfy { $0.count == $1.count })
        return damaged
    }
}

/// Damage kind (a), modelled on seed 000. There a PDF's font subsets lack a Unicode mapping for
/// some glyphs, so which characters are lost changes from line to line. Measured on seed 000
/// (its lines against the shipped repair): 14% of the text lines intact, the damaged ones lose
/// 4–8 distinct characters (median 6) and 21% of their characters; most lines draw from the body
/// font's set, some paragraphs from a second set; now and then a digit is lost too.
struct LostGlyphs {
    /// (character, chance it is lost on a damaged line): the body font's set, rates from seed 000.
    var bodySet: [(Character, Double)] = [
        ("h", 0.95), ("i", 0.92), ("g", 0.90), ("á", 0.88), ("ệ", 0.85), ("ạ", 0.85), ("ự", 0.80),
        ("y", 0.80), ("ộ", 0.75), ("ế", 0.75), ("ơ", 0.70), ("â", 0.70), ("x", 0.60), ("K", 0.50),
        ("à", 0.50), ("ầ", 0.50), ("B", 0.50), ("D", 0.50), ("G", 0.40),
    ]
    /// The second set (seed 000 lines 8–10: "Chiến    c  uốc gia về   nh   ng gi i").
    var otherSet: [(Character, Double)] = [
        ("l", 0.90), ("ư", 0.85), ("ợ", 0.75), ("q", 0.75), ("b", 0.75), ("ì", 0.65), ("đ", 0.75),
        ("ẳ", 0.65), ("ớ", 0.75), ("ự", 0.65), ("r", 0.65), ("ị", 0.65),
    ]
    var intactLine = 0.06
    /// A paragraph (lines up to a blank one) set in the second font.
    var otherParagraph = 0.15
    /// A marked vowel's capital goes with it (seed 000 line 1: "KẾ HOẠCH" → "    HO CH").
    var capitalToo = 0.5
    var digitLost = 0.04

    func damage(_ lines: [String], using rng: inout SplitMix64) -> [String] {
        var useOther = false
        var previousBlank = true
        return lines.map { line in
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" }
            defer { previousBlank = blank }
            if blank { return line }
            if previousBlank { useOther = rng.chance(otherParagraph) }
            if rng.chance(intactLine) { return line }
            var lost = Set<Character>()
            for (c, p) in useOther ? otherSet : bodySet where rng.chance(p) {
                lost.insert(c)
                if Letters.vowel(c) != nil, c.isLowercase, rng.chance(capitalToo) {
                    lost.insert(Character(c.uppercased()))
                }
            }
            if rng.chance(digitLost) {
                let digits = Set(line.filter(\.isASCII).filter(\.isNumber))
                if let d = digits.sorted().randomElement(using: &rng) { lost.insert(d) }
            }
            return String(line.map { lost.contains($0) ? " " : $0 })
        }
    }
}

/// Damage kind (c): the confusions an OCR engine makes on Vietnamese scans, per word, from the
/// issue's examples ("bình đăng giới", "tố chức", "phô biến", "đon vị", "úng phó", "chỉ sổ",
/// "TỶ lệ", "Chỉtiêu", "năm2025"). A word (a token with a letter) is hit with `wordRate`; it
/// then gets one confusion among those that apply to it, drawn by weight.
struct OCRConfusions {
    var wordRate = 0.08
    /// Share of single spaces between two tokens that are lost.
    var spaceLoss = 0.01
    /// When set, only this confusion is made (the per-confusion breakdown of `--ocr-breakdown`).
    var only: Confusion? = nil

    enum Confusion: String, CaseIterable {
        /// ổ → ô, ẳ → ă ("phô biến", "bình đăng").
        case toneLost
        /// ổ ↔ ố, ả ↔ ã, ì ↔ í ("tố chức", "chỉ sổ").
        case toneSwapped
        /// ơ → o, ư → u, ă â → a, ê → e, ô → o, tone kept ("đon vị", "úng phó").
        case modifierLost
        /// ă ↔ â, ô ↔ ơ.
        case modifierSwapped
        /// rn ↔ m.
        case rnM
        /// l ↔ I.
        case lI
        /// o → 0 inside a word.
        case oZero
        /// A capital's neighbour read as a capital ("TỶ lệ").
        case capital

        var weight: Double {
            switch self {
            case .toneLost: 0.25
            case .toneSwapped: 0.25
            case .modifierLost: 0.20
            case .modifierSwapped: 0.06
            case .rnM: 0.06
            case .lI: 0.05
            case .oZero: 0.03
            case .capital: 0.10
            }
        }
    }

    /// Tones an OCR engine reads for each tone (similar strokes above the letter).
    static let toneConfusions: [Letters.Tone: [Letters.Tone]] = [
        .grave: [.acute], .acute: [.hook, .grave], .hook: [.acute, .tilde], .tilde: [.hook], .dot: [.level],
    ]
    static let modifierSwaps: [Character: Character] = ["ă": "â", "â": "ă", "ô": "ơ", "ơ": "ô"]

    func damage(_ lines: [String], using rng: inout SplitMix64) -> [String] {
        lines.map { line in
            var out = ""
            var token = ""
            var previousToken = false
            var spaces = ""
            func flush() {
                guard !token.isEmpty else { return }
                let word = token.contains(where: \.isLetter) && rng.chance(wordRate) ? confuse(token, using: &rng) : token
                if previousToken && spaces == " " && rng.chance(spaceLoss) { spaces = "" }
                out += spaces + word
                spaces = ""
                token = ""
                previousToken = true
            }
            for c in line {
                if c == " " || c == "\t" {
                    flush()
                    spaces.append(c)
                } else {
                    token.append(c)
                }
            }
            flush()
            return out + spaces
        }
    }

    /// One confusion applied to `word`, or `word` unchanged when none applies.
    func confuse(_ word: String, using rng: inout SplitMix64) -> String {
        var chars = Array(word)
        var options: [(Confusion, () -> Void)] = []
        let toned = chars.indices.filter { Letters.vowel(chars[$0]).map { $0.tone != .level } ?? false }
        if let i = toned.randomElement(using: &rng) {
            var v = Letters.vowel(chars[i])!
            let original = v
            options.append((.toneLost, { v.tone = .level; chars[i] = Letters.character(v) }))
            let swaps = OCRConfusions.toneConfusions[original.tone]!
            let target = swaps.randomElement(using: &rng)!
            options.append((.toneSwapped, { var w = original; w.tone = target; chars[i] = Letters.character(w) }))
        }
        let modified = chars.indices.filter { Letters.vowel(chars[$0]).map { Letters.plain[Letters.baseOf($0)] != nil } ?? false }
        if let i = modified.randomElement(using: &rng) {
            let v = Letters.vowel(chars[i])!
            let base = Letters.baseOf(v)
            options.append((.modifierLost, { chars[i] = Letters.character(Letters.moved(v, toBase: Letters.plain[base]!)) }))
            if let other = OCRConfusions.modifierSwaps[base] {
                options.append((.modifierSwapped, { chars[i] = Letters.character(Letters.moved(v, toBase: other)) }))
            }
        }
        if let r = word.range(of: "rn") {
            options.append((.rnM, { chars = Array(word.replacingCharacters(in: r, with: "m")) }))
        } else if let r = word.range(of: "m") {
            options.append((.rnM, { chars = Array(word.replacingCharacters(in: r, with: "rn")) }))
        }
        if let i = chars.firstIndex(where: { $0 == "l" || $0 == "I" }) {
            options.append((.lI, { chars[i] = chars[i] == "l" ? "I" : "l" }))
        }
        let inner = chars.indices.dropFirst().dropLast().filter {
            chars[$0] == "o" && chars[$0 - 1].isLetter && chars[$0 + 1].isLetter
        }
        if let i = inner.first {
            options.append((.oZero, { chars[i] = "0" }))
        }
        if chars.count >= 2, chars[0].isUppercase, chars[1].isLowercase {
            options.append((.capital, { chars[1] = Character(chars[1].uppercased()) }))
        }
        if let only { options = options.filter { $0.0 == only } }
        guard !options.isEmpty else { return word }
        let total = options.reduce(0) { $0 + $1.0.weight }
        var pick = Double(rng.next() >> 11) / Double(1 << 53) * total
        for (confusion, apply) in options {
            pick -= confusion.weight
            if pick < 0 { apply(); break }
        }
        return String(chars)
    }
}

/// Damage kind (d). The examples ("xó hội" = xã hội, "phỏt" = phát, "khụng" = không,
/// "Mục tiờu", "tỡnh", "phũng", "cú") are exactly what happens when Unicode text is drawn with a
/// TCVN3 (ABC) font: a letter whose code point is below U+0100 is looked up as the TCVN3 byte of
/// the same value (ã U+00E3 → byte E3 = ó; á E1 → ỏ; ô F4 → ụ; ê EA → ờ). Letters above U+00FF
/// (ă ơ ư đ and most toned ones: ạ ệ ộ …) have no such byte and come through unchanged, which
/// is why the swapped letters collide with real ones ("ờ" is both ê and ờ). The TCVN3 font family
/// draws capitals from the lower-case codes, so a capital takes its lower case's swap.
struct LegacyFont {
    /// Lower-case Latin-1 letter → the TCVN3 letter at the same byte (Tools/encodings/gen_tables.py).
    static let table: [Character: Character] = [
        "á": "ỏ", "â": "õ", "ã": "ó", "è": "ố", "é": "ộ", "ê": "ờ", "ì": "ỡ", "í": "ớ",
        "ò": "ũ", "ó": "ú", "ô": "ụ", "õ": "ừ", "ù": "ự", "ú": "ỳ",
    ]

    func damage(_ lines: [String]) -> [String] {
        lines.map { line in
            String(line.map { c in
                if let t = LegacyFont.table[c] { return t }
                if c.isUppercase, let t = LegacyFont.table[Character(c.lowercased())] { return Character(t.uppercased()) }
                return c
            })
        }
    }
}
