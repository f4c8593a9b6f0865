/// Digits OCR read as letters of the same shape inside a number: "l,7 lần", "I,8 lần" (1,7 and
/// 1,8), "2O25", "1O0%" (0 read as the letter O). A letter is read as a digit only where nothing
/// but a number can stand: right before a decimal comma or point and a digit, or between digits.
/// The change is logged like any repair; no digit is made where the text shows none.
enum OCRNumbers {
    static func repair(_ line: String, lineNumber: Int) -> (text: String, repairs: [Repair]) {
        var scalars = Array(line.unicodeScalars)
        guard scalars.contains(where: Scalars.isDigit) else { return (line, []) }
        var repairs: [Repair] = []
        for i in scalars.indices {
            let s = scalars[i]
            guard let digit = digit(for: s) else { continue }
            let before: Unicode.Scalar? = i > 0 ? scalars[i - 1] : nil
            let after: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            // "l,7", "I.250": a one before a decimal comma or a thousands point, starting the number.
            let leadsNumber = digit == "1" && !(before.map { VietnameseLetters.isLetter($0) || Scalars.isDigit($0) } ?? false)
                && (after == "," || after == ".") && i + 2 < scalars.count && Scalars.isDigit(scalars[i + 2])
                && !(i + 3 < scalars.count && VietnameseLetters.isLetter(scalars[i + 3]))
            // "2O25", "1O0%": a zero between digits.
            let insideNumber = digit == "0" && before.map(Scalars.isDigit) == true && after.map(Scalars.isDigit) == true
            guard leadsNumber || insideNumber else { continue }
            scalars[i] = digit
            repairs.append(Repair(line: lineNumber, column: i + 1, original: String(Character(s)), repaired: String(Character(digit)),
                                  kind: "ocr", confidence: 0.9))
        }
        return repairs.isEmpty ? (line, []) : (Scalars.string(scalars), repairs)
    }

    static func digit(for s: Unicode.Scalar) -> Unicode.Scalar? {
        switch s {
        case "l", "I", "|": return "1"
        case "O", "o": return "0"
        default: return nil
        }
    }
}
