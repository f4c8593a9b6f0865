/// Turns a file's bytes into text, or says precisely why it cannot.
///
/// UTF-8 (with or without BOM) and UTF-16 with a BOM are read here. A file that is not
/// valid UTF-8 is tried against the legacy Vietnamese encodings (Windows-1258, TCVN3, VNI;
/// see ``LegacyDetection``); when none of them clearly fits, it is reported with the line of
/// the first bad byte rather than decoded: a plan read as mojibake or with U+FFFD in it
/// would be silently damaged.
public enum TextDecoding {
    /// Why the bytes cannot be decoded, and where.
    public struct Failure: Error, Hashable, Sendable {
        /// 1-based line of the first bad byte; nil when the fault is not at a line.
        public var line: Int?
        /// Why, as a phrase ("contains NUL bytes: …").
        public var reason: String
    }

    /// The text and the encoding it was read in; throws a ``Failure`` naming the first bad line.
    public static func decode(_ bytes: [UInt8]) throws(Failure) -> (text: String, encoding: SourceEncoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (try utf8(bytes[3...], lineOffset: 0), .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (try utf16(bytes[2...], littleEndian: true), .utf16LE)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (try utf16(bytes[2...], littleEndian: false), .utf16BE)
        }
        if bytes.contains(0) {
            throw Failure(line: lineOf(offset: bytes.firstIndex(of: 0)!, in: bytes[...]),
                          reason: "contains NUL bytes: a binary file, or UTF-16 without a byte-order mark")
        }
        // The common case in one pass: the String initializer validates; only a file it refuses
        // is scanned again to find where (and tried against the legacy encodings).
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        if let bad = firstInvalidUTF8(bytes[...]) {
            switch LegacyDetection.detect(bytes[...]) {
            case .detected(let encoding, let text):
                return (text, encoding.sourceEncoding)
            case .undetermined:
                throw Failure(line: lineOf(offset: bad, in: bytes[...]),
                              reason: "is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad)), "
                                  + "nor recognisably Windows-1258, TCVN3 or VNI text; convert it to UTF-8")
            }
        }
        return (String(decoding: bytes, as: UTF8.self), .utf8)
    }

    static func utf8(_ bytes: ArraySlice<UInt8>, lineOffset: Int) throws(Failure) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if let bad = firstInvalidUTF8(bytes) {
            throw Failure(line: lineOf(offset: bad, in: bytes),
                          reason: "is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad - bytes.startIndex))")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) throws(Failure) -> String {
        guard bytes.count % 2 == 0 else {
            throw Failure(line: nil, reason: "is UTF-16 with an odd number of bytes (truncated)")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var text = ""
        var line = 1
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                text.unicodeScalars.append(scalar)
            case .emptyInput:
                break loop
            case .error:
                throw Failure(line: line, reason: "is not valid UTF-16 (unpaired surrogate)")
            }
        }
        return text
    }

    /// Offset of the first byte that does not begin or continue a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= end else { return i }
            let b1 = bytes[i + 1]
            guard b1 >= lower, b1 <= upper else { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    static func lineOf(offset: Int, in bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        for b in bytes[bytes.startIndex..<offset] where b == 0x0A { line += 1 }
        return line
    }
}
