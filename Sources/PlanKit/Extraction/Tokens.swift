/// A word, number or symbol of a block's text, with its range in ``Block/text``.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case word
        /// Digits with the dots and commas inside them ("100.000", "38,6", "8416").
        case number
        case symbol
    }

    var kind: Kind
    var range: Range<Int>
}

/// Splits text into tokens and answers the small questions the extractors ask of them.
struct TokenStream {
    let text: ScalarText
    let tokens: [Token]

    /// Tokens of `range` (the whole text by default). `maxTokens` stops after that many: callers
    /// that only read a label at the start ("Chỉ tiêu 2:") need not tokenize the whole paragraph;
    /// the tokens they get are the same as the first ones of the full stream.
    init(_ text: ScalarText, range: Range<Int>? = nil, maxTokens: Int = .max) {
        self.text = text
        let range = range ?? 0..<text.count
        var tokens: [Token] = []
        // Plan text has about one token per four or five scalars, but numbers, units and
        // punctuation ("38,6/100.000", "30%.") run denser: reserving for one per two scalars
        // spares the growth series (a reallocation and copy each) that a closer guess still
        // met in about one stream of three.
        tokens.reserveCapacity(min(range.count / 2 + 4, maxTokens))
        // The scalars read through a buffer pointer: no bounds check per scalar (the loop runs over
        // every block the extractors read).
        precondition(range.lowerBound >= 0 && range.upperBound <= text.count, "token range outside the text")
        text.scalars.withUnsafeBufferPointer { s in
            var i = range.lowerBound
            let end = range.upperBound
            while i < end, tokens.count < maxTokens {
                let c = s[i]
                if Scalars.isSpace(c) { i += 1; continue }
                let start = i
                if Scalars.isDigit(c) {
                    i += 1
                    while i < end {
                        let d = s[i]
                        if Scalars.isDigit(d) { i += 1; continue }
                        // A separator belongs to the number only between digits: "100.000", "38,6"; not "30%." or "1, 2".
                        if (d == "." || d == ","), i + 1 < end, Scalars.isDigit(s[i + 1]) { i += 1; continue }
                        break
                    }
                    tokens.append(Token(kind: .number, range: start..<i))
                } else if Scalars.isLetter(c) {
                    i += 1
                    while i < end {
                        let d = s[i]
                        guard Scalars.isLetter(d) || Scalars.isDigit(d) else { break }
                        i += 1
                    }
                    tokens.append(Token(kind: .word, range: start..<i))
                } else {
                    i += 1
                    tokens.append(Token(kind: .symbol, range: start..<i))
                }
            }
        }
        self.tokens = tokens
    }

    var count: Int { tokens.count }

    subscript(_ i: Int) -> Token { tokens[i] }

    /// Whether token `i` is the (lower-case) word or symbol `literal`.
    func `is`(_ i: Int, _ literal: [Unicode.Scalar]) -> Bool {
        guard i >= 0, i < tokens.count else { return false }
        let r = tokens[i].range
        guard r.count == literal.count else { return false }
        for k in 0..<literal.count where text.lowered[r.lowerBound + k] != literal[k] { return false }
        return true
    }

    /// Whether tokens from `i` spell the phrase (words separated by spaces in `phrase`).
    func matches(_ i: Int, _ phrase: Phrase) -> Bool {
        // Most calls fail on the first letter: the extractors try every phrase at every token.
        guard let first = phrase.first else { return true }   // the empty phrase
        guard i >= 0, i < tokens.count, text.lowered[tokens[i].range.lowerBound] == first else { return false }
        let words = phrase.words
        for k in 0..<words.count where !self.is(i + k, words[k]) { return false }
        return true
    }

    /// Like ``matches(_:_:)`` with marks ignored ("Muc tieu", "Mục tiều": OCR and stripped marks).
    func matchesFolded(_ i: Int, _ phrase: Phrase) -> Bool {
        let words = phrase.words
        for k in 0..<words.count {
            guard i + k >= 0, i + k < tokens.count, tokens[i + k].range.count == words[k].count else { return false }
            let r = tokens[i + k].range
            for m in 0..<words[k].count where VietnameseLetters.fold(text.lowered[r.lowerBound + m]) != VietnameseLetters.fold(words[k][m]) {
                return false
            }
        }
        return true
    }

    func isNumber(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].kind == .number }

    func string(_ i: Int) -> String { text.string(tokens[i].range) }

    /// The integer a plain digit token spells ("05" → 5); nil for "1.000", "3,5" or beyond 9 digits.
    func integer(_ i: Int) -> Int? {
        guard isNumber(i) else { return nil }
        let r = tokens[i].range
        guard r.count <= 9 else { return nil }
        var value = 0
        for k in r {
            let c = text.scalars[k]
            guard Scalars.isDigit(c) else { return nil }
            value = value * 10 + Int(c.value - 0x30)
        }
        return value
    }

    /// A four-digit year between 1900 and 2100.
    func year(_ i: Int) -> Int? {
        guard let value = integer(i), tokens[i].range.count == 4, (1900...2100).contains(value) else { return nil }
        return value
    }

    /// Index of the first token starting at or after scalar offset `offset`.
    func index(atOrAfter offset: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].range.lowerBound < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// A lower-case multi-word phrase to match against tokens.
struct Phrase: Sendable {
    let words: [[Unicode.Scalar]]
    /// The first scalar of the first word, for a quick rejection in ``TokenStream/matches(_:_:)``.
    let first: Unicode.Scalar?
    init(_ text: String) {
        words = text.split(separator: " ").map { String($0).lowerScalars }
        first = words.first?.first
    }
    var count: Int { words.count }
}

/// Vietnamese numbers as plans write them: "38,6" (decimal comma), "100.000" (thousands dot), "04".
enum NumberReading {
    /// The value, or nil when it is not a finite number we can hold exactly enough (a 5 000-digit run).
    static func value(_ text: ScalarText, _ range: Range<Int>) -> Double? {
        guard range.count <= 24 else { return nil }
        let s = text.scalars[range]
        var integerPart = ""
        var fraction = ""
        var inFraction = false
        var groups: [Int] = []
        var groupLength = 0
        for c in s {
            if Scalars.isDigit(c) {
                if inFraction { fraction.unicodeScalars.append(c) } else { integerPart.unicodeScalars.append(c); groupLength += 1 }
            } else if c == "," {
                guard !inFraction else { return nil }
                inFraction = true
            } else if c == "." {
                guard !inFraction else { return nil }
                groups.append(groupLength)
                groupLength = 0
            } else {
                return nil
            }
        }
        if !groups.isEmpty {
            groups.append(groupLength)
            // "100.000" and "1.000.000" group thousands; "2.5" would be an English decimal point.
            if groups.dropFirst().allSatisfy({ $0 == 3 }) {
                // integerPart already holds the digits without dots
            } else if groups.count == 2, !inFraction {
                let digits = Array(integerPart.unicodeScalars)
                let head = String(String.UnicodeScalarView(digits.prefix(groups[0])))
                let tail = String(String.UnicodeScalarView(digits.suffix(groups[1])))
                integerPart = head
                fraction = tail
            } else {
                return nil
            }
        }
        let literal = fraction.isEmpty ? integerPart : integerPart + "." + fraction
        guard let value = Double(literal), value.isFinite, value < 1e15 else { return nil }
        return value
    }
}

/// A date written "6/5/2021", "06/5", or "ngày 27 tháng 4 năm 2021"; parts may be blank.
enum DateReading {
    /// Reads "D/M" or "D/M/Y" starting at token `i` (a number). Returns the date and the index after it.
    static func slashed(_ t: TokenStream, at i: Int) -> (PlanDate, next: Int)? {
        guard let day = t.integer(i), t.is(i + 1, ["/"]), let month = t.integer(i + 2),
              (1...31).contains(day), (1...12).contains(month) else { return nil }
        // Adjacent tokens only: "6/5" not "6 / 5".
        guard t[i + 1].range.lowerBound == t[i].range.upperBound, t[i + 2].range.lowerBound == t[i + 1].range.upperBound else { return nil }
        if t.is(i + 3, ["/"]), let year = t.integer(i + 4), t[i + 4].range.count == 4 {
            return (PlanDate(year: year, month: month, day: day), i + 5)
        }
        return (PlanDate(year: nil, month: month, day: day), i + 3)
    }

    /// Reads "ngày D tháng M năm Y" from token `i` (the word "ngày"); D or M may be missing.
    /// Without "năm" ("trước ngày 15 tháng 6", a deadline every year) the day and month must both be written.
    static func spelled(_ t: TokenStream, at i: Int) -> (PlanDate, next: Int)? {
        guard t.is(i, Words.day) else { return nil }
        var j = i + 1
        var day: Int? = nil
        if let d = t.integer(j), (1...31).contains(d) { day = d; j += 1 }
        guard t.is(j, Words.month) else { return nil }
        j += 1
        var month: Int? = nil
        if let m = t.integer(j), (1...12).contains(m) { month = m; j += 1 }
        guard t.is(j, Words.year) else {
            guard let day, let month else { return nil }
            return (PlanDate(year: nil, month: month, day: day), j)
        }
        j += 1
        var year: Int? = nil
        if let y = t.year(j) { year = y; j += 1 }
        return (PlanDate(year: year, month: month, day: day), j)
    }

    /// Either form at token `i` ("ngày" optional before the slashed form).
    static func any(_ t: TokenStream, at i: Int) -> (PlanDate, next: Int)? {
        if let spelled = spelled(t, at: i) { return spelled }
        if t.is(i, Words.day), let slashed = slashed(t, at: i + 1) { return slashed }
        return slashed(t, at: i)
    }
}

/// Lower-case words the extractors look for.
enum Words {
    static let day = "ngày".lowerScalars
    static let month = "tháng".lowerScalars
    static let year = "năm".lowerScalars
    static let number = "số".lowerScalars
    static let of = "của".lowerScalars
    static let about = "về".lowerScalars
    static let at = "tại".lowerScalars
    static let and = "và".lowerScalars
    static let from = "từ".lowerScalars
    static let to = "đến".lowerScalars
    static let toAlt = "tới".lowerScalars
    static let inYear = "vào".lowerScalars
    static let within = "trong".lowerScalars
    static let above = "trên".lowerScalars
    static let more = "hơn".lowerScalars
    static let below = "dưới".lowerScalars
    /// "(không) thấp hơn", "(không) cao hơn": comparators written as comparisons ("hơn" is ``more``).
    static let than = more
    static let lower = "thấp".lowerScalars
    static let higher = "cao".lowerScalars
    static let not = "không".lowerScalars
    static let over = "quá".lowerScalars
    static let exceed = "vượt".lowerScalars
    static let most = "nhất".lowerScalars
    static let little = "ít".lowerScalars
    static let minimum = "tối".lowerScalars
    static let least = "thiểu".lowerScalars
    static let maxWord = "đa".lowerScalars
    static let approximately = "khoảng".lowerScalars
    static let roughly = "xấp".lowerScalars
    static let reach = "đạt".lowerScalars
    static let have = "có".lowerScalars
    /// "mỗi quý", "mỗi năm": a frequency.
    static let each = "mỗi".lowerScalars
    static let remain = "còn".lowerScalars
    static let down = "xuống".lowerScalars
    /// "so với": a comparison with a baseline.
    static let compare = "so".lowerScalars
    static let with = "với".lowerScalars
    static let up = "lên".lowerScalars
    static let onward = "trở".lowerScalars
    static let times = "lần".lowerScalars
    static let one = "một".lowerScalars
    /// "thuộc", "các": connectors between an indicator list and its objective.
    static let belongingTo = "thuộc".lowerScalars
    static let plural = "các".lowerScalars
    /// "đi" of "từ năm 2025 trở đi"; "xỉ" of "xấp xỉ".
    static let onwardTail = "đi".lowerScalars
    static let roughlyTail = "xỉ".lowerScalars
    /// "để": "… trước ngày 25/11 để tổng hợp": what follows is the purpose, not the report.
    static let purpose = "để".lowerScalars
    static let percent: [Unicode.Scalar] = ["%"]
    static let slash: [Unicode.Scalar] = ["/"]
    static let openParen: [Unicode.Scalar] = ["("]
    static let closeParen: [Unicode.Scalar] = [")"]
    static let semicolon: [Unicode.Scalar] = [";"]
    static let period: [Unicode.Scalar] = ["."]
    static let comma: [Unicode.Scalar] = [","]
    static let colon: [Unicode.Scalar] = [":"]
    static let hyphen: [Unicode.Scalar] = ["-"]
    static let enDash: [Unicode.Scalar] = ["–"]
    static let less: [Unicode.Scalar] = ["<"]
    static let greater: [Unicode.Scalar] = [">"]
    static let lessEqual: [Unicode.Scalar] = ["≤"]
    static let greaterEqual: [Unicode.Scalar] = ["≥"]
}
