/// Unicode-scalar helpers the stages share. Everything here works on `Unicode.Scalar`
/// arrays: no `Character` (grapheme breaking) and no regular expressions in hot loops.
enum Scalars {
    /// Lowercase for the Latin and Vietnamese letters plans use, through the literal
    /// ``ScalarTables``; other scalars pass through unchanged.
    @inline(__always)
    static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A ? Unicode.Scalar(UInt8(v + 32)) : s }
        if v < ScalarTables.latinEnd || (v >= ScalarTables.extendedStart && v < ScalarTables.extendedEnd) {
            return unsafeBitCast(entry(v) & ScalarTables.lowerMask, to: Unicode.Scalar.self)
        }
        // General Punctuation ("–", "“", "…", "•"): no case, and common enough in plans that asking
        // the Unicode tables (a String built per call) would show.
        if v >= 0x2000 && v < 0x2070 { return s }
        return lowerSlow(s)
    }

    /// The ``ScalarTables`` entry of a value inside the tables' ranges.
    @inline(__always)
    static func entry(_ v: UInt32) -> UInt32 {
        v < ScalarTables.latinEnd ? ScalarTables.latin[Int(v)] : ScalarTables.extended[Int(v - ScalarTables.extendedStart)]
    }

    /// A ``ScalarTables``-style entry for any scalar: ``ScalarTables/letterBit``,
    /// ``ScalarTables/vowelBit`` and, for a letter, its lower case (a scalar outside the tables
    /// that is no letter keeps its own value: its case is never asked). Loops that ask all three
    /// of every scalar read one word.
    @inline(__always)
    static func classify(_ s: Unicode.Scalar) -> UInt32 {
        let v = s.value
        if v < ScalarTables.latinEnd || (v >= ScalarTables.extendedStart && v < ScalarTables.extendedEnd) { return entry(v) }
        return isLetter(s) ? lowerSlow(s).value | ScalarTables.letterBit : v
    }

    /// `lower` over a whole array, written in place: the tables and the input read through
    /// buffer pointers (no bounds checks in the loop every block's text goes through). Two scalars
    /// are read at a time as one 64-bit word: when both are ASCII (most pairs of plan text), both
    /// are lowered at once without a branch (``lowerASCIIPair(_:)``).
    static func lowered(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        ScalarTables.latin.withUnsafeBufferPointer { latin in
            ScalarTables.extended.withUnsafeBufferPointer { extended in
                scalars.withUnsafeBufferPointer { input in
                    [Unicode.Scalar](unsafeUninitializedCapacity: input.count) { out, written in
                        let n = input.count
                        guard n > 0, let src = input.baseAddress, let out = out.baseAddress else { written = 0; return }
                        @inline(__always) func one(_ s: Unicode.Scalar) -> Unicode.Scalar {
                            let v = s.value
                            if v < 0x80 {
                                return v &- 0x41 < 26 ? unsafeBitCast(v | 0x20, to: Unicode.Scalar.self) : s
                            } else if v < ScalarTables.latinEnd {
                                return unsafeBitCast(latin[Int(v)] & ScalarTables.lowerMask, to: Unicode.Scalar.self)
                            } else if v &- ScalarTables.extendedStart < ScalarTables.extendedEnd - ScalarTables.extendedStart {
                                return unsafeBitCast(extended[Int(v &- ScalarTables.extendedStart)] & ScalarTables.lowerMask,
                                                     to: Unicode.Scalar.self)
                            }
                            return lower(s)
                        }
                        let raw = UnsafeRawPointer(src)
                        let dst = UnsafeMutableRawPointer(out)
                        var i = 0
                        while i + 2 <= n {
                            let w = raw.loadUnaligned(fromByteOffset: 4 &* i, as: UInt64.self)
                            if w & 0xFFFF_FF80_FFFF_FF80 == 0 {
                                dst.storeBytes(of: lowerASCIIPair(w), toByteOffset: 4 &* i, as: UInt64.self)
                            } else {
                                (out + i).initialize(to: one(src[i]))
                                (out + i + 1).initialize(to: one(src[i + 1]))
                            }
                            i &+= 2
                        }
                        if i < n { (out + i).initialize(to: one(src[i])) }
                        written = n
                    }
                }
            }
        }
    }

    /// Two ASCII scalars (each below 0x80, one per 32-bit half of the word) lowered together:
    /// adding 0x3F sets a half's bit 7 from "A" up, adding 0x25 from "[" up (no carry leaves a
    /// half, the values being below 0x80), so "A"…"Z" is the first without the second, and its
    /// bit 7 moved to bit 5 is the 0x20 that lowers it. Either byte order: the halves are alike.
    @inline(__always)
    static func lowerASCIIPair(_ x: UInt64) -> UInt64 {
        let lanes: UInt64 = 0x0000_0001_0000_0001
        let upper = (x &+ 0x3F &* lanes) & ~(x &+ 0x25 &* lanes) & (0x80 &* lanes)
        return x | upper >> 2
    }

    /// Scripts plans do not use: ask the Unicode tables directly.
    static func lowerSlow(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let mapped = s.properties.lowercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first! : s
    }


    /// A String from scalars, encoded to UTF-8 in one buffer (appending scalars one by one to a
    /// String costs a capacity check and a copy each).
    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        String(unsafeUninitializedCapacity: scalars.count * 4) { bytes in
            var k = 0
            for scalar in scalars {
                let v = scalar.value
                switch v {
                case 0..<0x80:
                    bytes[k] = UInt8(v); k += 1
                case 0x80..<0x800:
                    bytes[k] = UInt8(0xC0 | v >> 6); bytes[k + 1] = UInt8(0x80 | v & 0x3F); k += 2
                case 0x800..<0x10000:
                    bytes[k] = UInt8(0xE0 | v >> 12); bytes[k + 1] = UInt8(0x80 | v >> 6 & 0x3F)
                    bytes[k + 2] = UInt8(0x80 | v & 0x3F); k += 3
                default:
                    bytes[k] = UInt8(0xF0 | v >> 18); bytes[k + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                    bytes[k + 2] = UInt8(0x80 | v >> 6 & 0x3F); bytes[k + 3] = UInt8(0x80 | v & 0x3F); k += 4
                }
            }
            return k
        }
    }

    /// The number of UTF-8 bytes the scalars take.
    static func utf8Count(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
        var n = 0
        for s in scalars {
            let v = s.value
            n += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        return n
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        // 0x0B, 0x0C: the vertical tab and form feed pdftotext and Tesseract put at page breaks.
        case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x2000...0x200B, 0x202F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// Letters through the literal ``ScalarTables`` for the ranges plans are written in:
    /// `properties.isAlphabetic` costs a few hundred instructions a call and the tokenizer asks
    /// it of every scalar.
    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        if v < ScalarTables.latinEnd || (v >= ScalarTables.extendedStart && v < ScalarTables.extendedEnd) {
            return entry(v) & ScalarTables.letterBit != 0
        }
        // General Punctuation (dashes, quotes, "…", "•", spaces): common in plans, never alphabetic.
        if v >= 0x2000 && v < 0x2070 { return false }
        return s.properties.isAlphabetic
    }

    /// The scalars of a string, decoded from its UTF-8 in one pass into an array sized up front
    /// (`Array(s.unicodeScalars)` walks the string twice: once to count, once to copy).
    static func array(_ string: String) -> [Unicode.Scalar] {
        var string = string
        return string.withUTF8 { utf8 in
            // At most one scalar per byte; the array is filled in place and cut to the scalars written.
            [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { out, written in
                guard let base = out.baseAddress, utf8.count > 0 else { written = 0; return }
                written = decodeScalars(utf8, into: base)
            }
        }
    }

    /// Decodes valid UTF-8 into `out` (room for one scalar per byte) and returns the number of
    /// scalars written. Plan text is mostly ASCII between its accented letters, so eight bytes are
    /// read at a time: the ASCII bytes before the first non-ASCII one are widened together (all
    /// eight are written, which the room for one scalar per byte allows: the write position never
    /// passes the read position), and only the multi-byte sequence that stops the run is decoded
    /// on its own.
    @inline(__always)
    static func decodeScalars(_ utf8: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<Unicode.Scalar>) -> Int {
        let n = utf8.count
        guard n > 0, let bytes = utf8.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(bytes)
        let dst = UnsafeMutableRawPointer(out)
        var i = 0, k = 0
        while i + 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // Two bytes widened into two 32-bit lanes of one store, four stores for the eight.
            @inline(__always) func pair(_ x: UInt64) -> UInt64 { (x & 0xFF) | (x & 0xFF00) << 24 }
            dst.storeBytes(of: UInt64(littleEndian: pair(w)), toByteOffset: 4 &* k, as: UInt64.self)
            dst.storeBytes(of: UInt64(littleEndian: pair(w >> 16)), toByteOffset: 4 &* k &+ 8, as: UInt64.self)
            dst.storeBytes(of: UInt64(littleEndian: pair(w >> 32)), toByteOffset: 4 &* k &+ 16, as: UInt64.self)
            dst.storeBytes(of: UInt64(littleEndian: pair(w >> 48)), toByteOffset: 4 &* k &+ 24, as: UInt64.self)
            let high = w & 0x8080_8080_8080_8080
            if high == 0 { i &+= 8; k &+= 8; continue }
            let run = high.trailingZeroBitCount >> 3
            i &+= run; k &+= run
            (out + k).initialize(to: decode(utf8, at: &i))
            k &+= 1
        }
        while i < n {
            (out + k).initialize(to: decode(utf8, at: &i))
            k &+= 1
        }
        return k
    }

    @inline(__always)
    static func isUpper(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return lower(s) != s
    }

    @inline(__always)
    static func isLowerLetter(_ s: Unicode.Scalar) -> Bool {
        isLetter(s) && !isUpper(s)
    }

}

extension Scalars {
    /// Decodes the scalar at `i` of a native String's UTF-8 and moves `i` past it. The bytes are
    /// valid UTF-8, so only the lead byte is examined.
    @inline(__always)
    static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Unicode.Scalar {
        let b0 = UInt32(utf8[i])
        let v: UInt32
        if b0 < 0x80 {
            v = b0; i += 1
        } else if b0 < 0xE0 {
            v = (b0 & 0x1F) << 6 | UInt32(utf8[i + 1]) & 0x3F; i += 2
        } else if b0 < 0xF0 {
            v = (b0 & 0x0F) << 12 | (UInt32(utf8[i + 1]) & 0x3F) << 6 | UInt32(utf8[i + 2]) & 0x3F; i += 3
        } else {
            v = (b0 & 0x07) << 18 | (UInt32(utf8[i + 1]) & 0x3F) << 12 | (UInt32(utf8[i + 2]) & 0x3F) << 6
                | UInt32(utf8[i + 3]) & 0x3F
            i += 4
        }
        return unsafeBitCast(v, to: Unicode.Scalar.self)
    }
}

/// A run of text as scalars with a lowercased copy for case-insensitive matching.
struct ScalarText {
    let scalars: [Unicode.Scalar]
    let lowered: [Unicode.Scalar]

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        self.lowered = Scalars.lowered(scalars)
    }

    init(_ string: String) {
        self.init(Scalars.array(string))
    }

    var count: Int { scalars.count }

    func string(_ range: Range<Int>) -> String {
        Scalars.string(scalars[range])
    }

    /// Whether `needle` (lowercase) occurs at `i`, case-insensitively.
    func matches(_ needle: [Unicode.Scalar], at i: Int) -> Bool {
        guard i >= 0, i + needle.count <= lowered.count else { return false }
        for k in 0..<needle.count where lowered[i + k] != needle[k] { return false }
        return true
    }

    /// Like `matches`, and the match is a whole word (no letter or digit on either side).
    func matchesWord(_ needle: [Unicode.Scalar], at i: Int) -> Bool {
        guard matches(needle, at: i) else { return false }
        if i > 0, isWordScalar(scalars[i - 1]) { return false }
        let end = i + needle.count
        if end < scalars.count, isWordScalar(scalars[end]) { return false }
        return true
    }

    /// First case-insensitive whole-word occurrence of `needle` at or after `from`.
    func find(_ needle: [Unicode.Scalar], from: Int = 0, to: Int? = nil, wholeWord: Bool = true) -> Int? {
        let limit = min(to ?? lowered.count, lowered.count) - needle.count
        guard !needle.isEmpty, from <= limit else { return nil }
        let first = needle[0]
        // The first letter looked for through a buffer pointer (no bounds check per scalar: the
        // extractors search every block so).
        return lowered.withUnsafeBufferPointer { low in
            var i = max(0, from)
            while i <= limit {
                if low[i] == first, wholeWord ? matchesWord(needle, at: i) : matches(needle, at: i) { return i }
                i += 1
            }
            return nil
        }
    }

    /// Last whole-word occurrence that starts before `before`.
    func findLast(_ needle: [Unicode.Scalar], before: Int, from: Int = 0) -> Int? {
        var i = min(before, lowered.count - needle.count)
        while i >= from {
            if matchesWord(needle, at: i) { return i }
            i -= 1
        }
        return nil
    }

    func contains(_ needle: [Unicode.Scalar]) -> Bool { find(needle) != nil }

    /// Whether either word occurs (whole, case-insensitively): `find(a) != nil || find(b) != nil`
    /// in one pass over the text.
    func containsWord(_ a: [Unicode.Scalar], or b: [Unicode.Scalar]) -> Bool {
        guard let fa = a.first, let fb = b.first else { return find(a) != nil || find(b) != nil }
        return lowered.withUnsafeBufferPointer { low in
            for i in 0..<low.count {
                let c = low[i]
                if c == fa, matchesWord(a, at: i) { return true }
                if c == fb, matchesWord(b, at: i) { return true }
            }
            return false
        }
    }

    /// Index of the first non-space scalar at or after `i`.
    func skipSpaces(_ i: Int) -> Int {
        var i = i
        while i < scalars.count, Scalars.isSpace(scalars[i]) { i += 1 }
        return i
    }

    /// Index just after the last non-space scalar before `i`.
    func trimBack(_ i: Int) -> Int {
        var i = i
        while i > 0, Scalars.isSpace(scalars[i - 1]) { i -= 1 }
        return i
    }

    /// The range without surrounding spaces.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, Scalars.isSpace(scalars[lo]) { lo += 1 }
        while hi > lo, Scalars.isSpace(scalars[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// Reads a run of ASCII digits at `i`: its value (nil beyond 9 digits) and end.
    func digits(at i: Int) -> (value: Int?, end: Int)? {
        var j = i
        var value = 0
        while j < scalars.count, Scalars.isDigit(scalars[j]) {
            if j - i < 9 { value = value * 10 + Int(scalars[j].value - 0x30) }
            j += 1
        }
        guard j > i else { return nil }
        return (j - i <= 9 ? value : nil, j)
    }
}

@inline(__always)
func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    Scalars.isLetter(s) || Scalars.isDigit(s)
}

extension String {
    /// The lowercase scalars of a literal, for ``ScalarText`` matching.
    var lowerScalars: [Unicode.Scalar] { Scalars.array(self).map(Scalars.lower) }
}
