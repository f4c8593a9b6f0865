/// A list or heading marker at the start of a block: "II.", "2.1.", "a)", "đ.", "-".
struct ListMarker: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case roman(Int)
        /// "2.1.3." → [2, 1, 3]
        case arabic([Int])
        /// Position in the Vietnamese order a b c d đ e g h i k l m n o p q r s t u v x y.
        case letter(Int)
        case bullet
    }

    /// What decides nesting: markers of the same style are siblings.
    enum Style: Hashable, Sendable {
        case roman, arabic(depth: Int), letter, bullet
    }

    var kind: Kind
    /// As written, without the following space: "2.1.", "a)", "-".
    var raw: String
    /// Scalars the marker and the spaces after it take at the start of the line.
    var length: Int
    /// Read from a damaged form ("1V." for IV) or given from the neighbours' numbers (a lost "II."),
    /// not read as written.
    var inferred = false

    var style: Style {
        switch kind {
        case .roman: .roman
        case .arabic(let parts): .arabic(depth: parts.count)
        case .letter: .letter
        case .bullet: .bullet
        }
    }

    /// "II", "2.1", "a"; empty for bullets.
    var label: String {
        switch kind {
        // The numeral's value, not its spelling: an inferred marker may be written "1V." or be gone.
        case .roman(let value): ListMarker.roman(value)
        case .letter: String(raw.dropLast())
        case .arabic(let parts): parts.map(String.init).joined(separator: ".")
        case .bullet: ""
        }
    }

    static let vietnameseLetters: [Unicode.Scalar] = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                                      "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"]

    /// Reads a marker at the start of `s` (already trimmed on the left). A marker must be
    /// followed by a space and more text, so "2030." alone on a wrapped line is not one.
    static func read(_ s: ArraySlice<Unicode.Scalar>) -> ListMarker? {
        guard let first = s.first else { return nil }
        let start = s.startIndex

        func followedByText(_ end: Int) -> Int? {
            var j = end
            guard j < s.endIndex, Scalars.isSpace(s[j]) else { return nil }
            while j < s.endIndex, Scalars.isSpace(s[j]) { j += 1 }
            return j < s.endIndex ? j : nil
        }
        func make(_ kind: Kind, end: Int, textStart: Int) -> ListMarker {
            // Scalars.string: UnicodeScalarView.append(contentsOf:) costs thousands of instructions a call.
            ListMarker(kind: kind, raw: Scalars.string(s[start..<end]), length: textStart - start)
        }

        switch first {
        // "~", "»", "«", "°": bullets as OCR reads a dash or a dot.
        case "-", "–", "+", "•", "*", "·", "○", "▪", "~", "»", "«", "°":
            let next = start + 1
            if let textStart = followedByText(next) { return make(.bullet, end: next, textStart: textStart) }
            // "-Tăng cường": a hyphen glued to a word is still a bullet, a glued "-5" is not.
            if first == "-", next < s.endIndex, Scalars.isLetter(s[next]) { return make(.bullet, end: next, textStart: next) }
            return nil
        default:
            break
        }

        if Scalars.isDigit(first) {
            var parts: [Int] = []
            var j = start
            var endedWithDot = false
            while j < s.endIndex, Scalars.isDigit(s[j]) {
                var value = 0, digits = 0
                while j < s.endIndex, Scalars.isDigit(s[j]) {
                    // Item numbers have at most three digits; stop before a long run can overflow.
                    guard digits < 3 else { return nil }
                    value = value * 10 + Int(s[j].value - 0x30)
                    digits += 1
                    j += 1
                }
                parts.append(value)
                endedWithDot = false
                if j < s.endIndex, s[j] == "." || s[j] == ")" {
                    let closer = s[j]
                    j += 1
                    endedWithDot = true
                    if closer == ")" { break }
                } else {
                    break
                }
            }
            guard endedWithDot || parts.count >= 2, let textStart = followedByText(j) else { return nil }
            return make(.arabic(parts), end: j, textStart: textStart)
        }

        if let index = vietnameseLetters.firstIndex(of: first) {
            let j = start + 1
            guard j < s.endIndex, s[j] == "." || s[j] == ")", let textStart = followedByText(j + 1) else { return nil }
            return make(.letter(index), end: j + 1, textStart: textStart)
        }

        if "IVXL".unicodeScalars.contains(first) {
            var j = start
            while j < s.endIndex, "IVXL".unicodeScalars.contains(s[j]) { j += 1 }
            guard j < s.endIndex, s[j] == "." || s[j] == ")", let value = romanValue(s[start..<j]), value <= 39,
                  let textStart = followedByText(j + 1) else { return nil }
            return make(.roman(value), end: j + 1, textStart: textStart)
        }
        return nil
    }

    /// A Roman marker as OCR or lost glyphs leave it: "1V.", "V1.", "Il.", "l.", "|.", "11:", "'VI.",
    /// "1.", or a bare "." whose numeral is gone. Returns the numeral's value (nil when none is
    /// left), whether the form could also be an arabic number ("1.", "11."), and the scalars the
    /// marker takes with the spaces after it. Nil when the line does not start like a marker.
    static func readDamagedRoman(_ s: ArraySlice<Unicode.Scalar>) -> (value: Int?, arabicLooking: Bool, length: Int)? {
        var j = s.startIndex
        while j < s.endIndex, Lexer.isStrayQuote(s[j]) || s[j] == "#" || Scalars.isSpace(s[j]) { j += 1 }
        var numeral: [Unicode.Scalar] = []
        var arabicLooking = true
        while j < s.endIndex, numeral.count < 6 {
            switch s[j] {
            case "I", "V", "X", "L": numeral.append(s[j]); arabicLooking = false
            case "1": numeral.append("I")
            case "l", "|", "!", "i", "í", "ì": numeral.append("I"); arabicLooking = false
            default: break
            }
            guard numeral.count > 0, j - s.startIndex < 16, "IVXL1l|!iíì".unicodeScalars.contains(s[j]) else { break }
            j += 1
        }
        // The separator OCR made of the full stop: ".", ":", ",", ";", "..".
        let separatorStart = j
        while j < s.endIndex, s[j] == "." || s[j] == ":" || s[j] == "," || s[j] == ";" { j += 1 }
        guard j > separatorStart, j < s.endIndex, Scalars.isSpace(s[j]) else { return nil }
        while j < s.endIndex, Scalars.isSpace(s[j]) { j += 1 }
        guard j < s.endIndex else { return nil }
        let value = numeral.isEmpty ? nil : romanValue(numeral[...])
        if !numeral.isEmpty, value == nil { return nil }
        return (value, arabicLooking, j - s.startIndex)
    }

    static func romanValue(_ s: ArraySlice<Unicode.Scalar>) -> Int? {
        func value(_ c: Unicode.Scalar) -> Int {
            switch c {
            case "I": 1
            case "V": 5
            case "X": 10
            case "L": 50
            default: 0
            }
        }
        var total = 0
        let chars = Array(s)
        for (i, c) in chars.enumerated() {
            let v = value(c)
            if i + 1 < chars.count, value(chars[i + 1]) > v { total -= v } else { total += v }
        }
        // Reject non-canonical spellings ("IIII", "VX") by round-tripping.
        return total > 0 && roman(total) == String(String.UnicodeScalarView(chars)) ? total : nil
    }

    static func roman(_ n: Int) -> String {
        let table: [(Int, String)] = [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n, out = ""
        for (value, symbol) in table {
            while n >= value { out += symbol; n -= value }
        }
        return out
    }
}
