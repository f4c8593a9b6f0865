/// The entrance's common case, UTF-8 with or without a BOM, read in one pass over the file's
/// bytes: line ends found, NUL bytes and decomposed marks noticed, and each line made into a
/// `String` straight from its bytes (the standard library validates each line as it copies it).
/// No whole-file `String` is made and nothing is decoded into scalars, so the input is held
/// about twice (its bytes and its lines) instead of five times.
///
/// Anything else (UTF-16, a NUL byte, invalid UTF-8, decomposed text this composer does not
/// cover) returns nil, and ``SourceText`` takes the general path through ``TextDecoding``,
/// which gives the same result or says why the file cannot be read.
import Foundation

enum UTF8Entrance {
    static func read(path: String, bytes: [UInt8]) -> SourceText? {
        bytes.withUnsafeBufferPointer { all -> SourceText? in
            var start = 0
            var encoding = SourceEncoding.utf8
            if all.count >= 3, all[0] == 0xEF, all[1] == 0xBB, all[2] == 0xBF {
                start = 3
                encoding = .utf8BOM
            } else if all.count >= 2, (all[0] == 0xFF && all[1] == 0xFE) || (all[0] == 0xFE && all[1] == 0xFF) {
                return nil
            }
            let body = UnsafeBufferPointer(rebasing: all[start...])
            // As TextDecoding: NUL bytes refuse a file without a BOM; after a BOM they are text.
            guard let found = scan(body, refuseNUL: encoding == .utf8) else { return nil }
            if !found.needsComposition {
                guard let lines = lines(body, bounds: found.bounds) else { return nil }
                return SourceText(path: path, lines: lines, encoding: encoding, normalizedToNFC: false)
            }
            // Decomposed text (rare): composed on the bytes (the composer refuses malformed
            // UTF-8, so what it returns is valid), then split again.
            guard let composed = compose(body) else { return nil }
            return composed.withUnsafeBufferPointer { composedBody -> SourceText? in
                guard let again = scan(composedBody, refuseNUL: false),
                      let lines = lines(composedBody, bounds: again.bounds) else { return nil }
                return SourceText(path: path, lines: lines, encoding: encoding, normalizedToNFC: true)
            }
        }
    }

    struct Scan {
        /// Start and end byte offset of each line, flattened (without terminators).
        var bounds: [Int]
        var needsComposition: Bool
    }

    /// Line bounds as `SourceText.splitLines` (LF, CRLF, lone CR; a final terminator starts no
    /// line), and whether any scalar could combine (as `SourceText.mayNeedComposition`).
    /// Nil when a NUL byte is refused.
    ///
    /// Eight bytes at a time: a mask marks the bytes that need a look (controls, and lead bytes
    /// from 0xCC on, where U+0300 and up begin) and only those are visited.
    static func scan(_ utf8: UnsafeBufferPointer<UInt8>, refuseNUL: Bool) -> Scan? {
        var bounds: [Int] = []
        bounds.reserveCapacity(utf8.count / 24 + 2)
        var needsComposition = false
        var lineStart = 0
        var skip = 0   // the LF of a CRLF already consumed
        let n = utf8.count
        guard let base = utf8.baseAddress else { return Scan(bounds: [], needsComposition: false) }

        /// Looks at byte `p`; false when a NUL is refused.
        @inline(__always) func visit(_ p: Int) -> Bool {
            let b0 = base[p]
            if b0 < 0x20 {
                if b0 == 0x0A || b0 == 0x0D {
                    bounds.append(lineStart)
                    bounds.append(p)
                    lineStart = b0 == 0x0D && p + 1 < n && base[p + 1] == 0x0A ? p + 2 : p + 1
                    skip = lineStart
                } else if b0 == 0, refuseNUL {
                    return false
                }
                return true
            }
            guard b0 >= 0xCC, !needsComposition else { return true }
            let value: UInt32
            if b0 < 0xE0 {
                guard p + 1 < n else { return true }
                value = (UInt32(b0) & 0x1F) << 6 | UInt32(base[p + 1]) & 0x3F
            } else if b0 < 0xF0 {
                guard p + 2 < n else { return true }
                value = (UInt32(b0) & 0x0F) << 12 | (UInt32(base[p + 1]) & 0x3F) << 6 | UInt32(base[p + 2]) & 0x3F
            } else {
                return true
            }
            switch value {
            case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F,
                 0x1100...0x11FF, 0x3099...0x309A:
                needsComposition = true
            default:
                break
            }
            return true
        }

        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // Per byte, without carries between bytes: below 0x20 (high bit clear, low seven < 0x20);
            // from 0xCC on (high bit set, low seven >= 0x4C).
            let below20 = ~((word | high) &- 0x2020_2020_2020_2020) & ~word & high
            var mask = below20
            if !needsComposition { mask |= ((word & ~high) &+ 0x3434_3434_3434_3434) & word & high }
            while mask != 0 {
                let p = i + mask.trailingZeroBitCount >> 3
                mask &= mask &- 1
                if p < skip { continue }
                if !visit(p) { return nil }
            }
            i += 8
        }
        while i < n {
            if i >= skip, !visit(i) { return nil }
            i += 1
        }
        if lineStart < n {
            bounds.append(lineStart)
            bounds.append(n)
        }
        return Scan(bounds: bounds, needsComposition: needsComposition)
    }

    /// Each line's String; nil when a line is not valid UTF-8. `String(decoding:)` is the
    /// standard library's fastest way from bytes to a String; it replaces what is not UTF-8,
    /// so a line whose String has other bytes than the file was not valid.
    static func lines(_ utf8: UnsafeBufferPointer<UInt8>, bounds: [Int]) -> [String]? {
        var lines: [String] = []
        lines.reserveCapacity(bounds.count / 2)
        var k = 0
        while k < bounds.count {
            let bytes = UnsafeBufferPointer(rebasing: utf8[bounds[k]..<bounds[k + 1]])
            let line = String(decoding: bytes, as: UTF8.self)
            let same = line.utf8.withContiguousStorageIfAvailable { stored in
                stored.count == bytes.count && (bytes.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
            }
            guard same == true else { return nil }
            lines.append(line)
            k += 2
        }
        return lines
    }

    /// `VietnameseComposition.compose` on UTF-8 bytes (valid, as `scan` and `lines` checked or the
    /// caller knows): the same pairs, the same refusals (nil: the general path then composes with
    /// Foundation), but starters are copied as bytes and only a mark rewrites the scalar before it.
    static func compose(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // Composing only shortens (a composite takes no more bytes than base + mark), so the
        // output fits in the input's size.
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: utf8.count) { out, written in
            var o = 0
            var lastValue: UInt32 = 0
            var lastStart = -1   // where the last starter begins in `out`; -1 before the first
            var i = 0
            let n = utf8.count
            while i < n {
                // Eight ASCII bytes at once.
                if i + 8 <= n {
                    let word = UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        UnsafeMutableRawPointer(out.baseAddress! + o).storeBytes(of: word, as: UInt64.self)
                        o += 8
                        i += 8
                        lastStart = o - 1
                        lastValue = UInt32(word >> 56)
                        continue
                    }
                }
                let b0 = utf8[i]
                if b0 < 0x80 {
                    lastStart = o
                    out[o] = b0
                    o += 1
                    lastValue = UInt32(b0)
                    i += 1
                    continue
                }
                // Well-formed two- and three-byte sequences only; anything else (malformed, or past
                // U+FFFF, which the table never composes) goes to the general path.
                let length: Int
                let v: UInt32
                if b0 >= 0xC2 && b0 <= 0xDF {
                    guard i + 1 < n, utf8[i + 1] & 0xC0 == 0x80 else { failed = true; break }
                    length = 2
                    v = (UInt32(b0) & 0x1F) << 6 | UInt32(utf8[i + 1]) & 0x3F
                } else if b0 >= 0xE0 && b0 <= 0xEF {
                    guard i + 2 < n, utf8[i + 1] & 0xC0 == 0x80, utf8[i + 2] & 0xC0 == 0x80,
                          b0 != 0xE0 || utf8[i + 1] >= 0xA0, b0 != 0xED || utf8[i + 1] <= 0x9F else { failed = true; break }
                    length = 3
                    v = (UInt32(b0) & 0x0F) << 12 | (UInt32(utf8[i + 1]) & 0x3F) << 6 | UInt32(utf8[i + 2]) & 0x3F
                } else {
                    failed = true
                    break
                }
                // Scripts whose starters compose with each other are left to Foundation.
                if v >= 0x900, !(0x1E00...0x1EFF).contains(v), !(0x2000...0x2BFF).contains(v), v != 0xFEFF { failed = true; break }
                // Starters without a Unicode property lookup: below U+0300, Latin Extended Additional,
                // and U+2000–U+2BFF except the combining marks for symbols (U+20D0–U+20FF).
                // The nine Vietnamese marks are not starters (canonical classes 216 to 230).
                let ccc: UInt8
                if isVietnameseMark(v) {
                    ccc = 230
                } else if v < 0x300 || (v >= 0x1E00 && v < 0x1F00) || (v >= 0x2000 && v < 0x20D0) || (v >= 0x2100 && v < 0x2C00) {
                    ccc = 0
                } else {
                    ccc = Unicode.Scalar(v)!.properties.canonicalCombiningClass.rawValue
                }
                if ccc == 0 {
                    lastStart = o
                    for k in 0..<length { out[o + k] = utf8[i + k] }
                    o += length
                    lastValue = v
                    i += length
                    continue
                }
                guard lastStart >= 0, isVietnameseMark(v),
                      let composite = VietnameseComposition.pairs[UInt64(lastValue) << 32 | UInt64(v)] else { failed = true; break }
                o = lastStart
                let c = composite.value
                if c < 0x800 {
                    out[o] = UInt8(0xC0 | c >> 6); out[o + 1] = UInt8(0x80 | c & 0x3F); o += 2
                } else {
                    out[o] = UInt8(0xE0 | c >> 12); out[o + 1] = UInt8(0x80 | (c >> 6) & 0x3F); out[o + 2] = UInt8(0x80 | c & 0x3F); o += 3
                }
                lastValue = c
                i += length
            }
            written = failed ? 0 : o
        }
        return failed ? nil : out
    }

    /// `VietnameseComposition.marks` as a switch (no hashing).
    @inline(__always) static func isVietnameseMark(_ v: UInt32) -> Bool {
        switch v {
        case 0x300, 0x301, 0x302, 0x303, 0x306, 0x309, 0x31B, 0x323: return true
        default: return false
        }
    }
}
