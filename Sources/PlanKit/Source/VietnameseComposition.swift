import Foundation

/// NFC composition for decomposed Vietnamese, without Foundation's general normaliser.
///
/// Decomposed Vietnamese is a Latin letter followed by at most two of nine combining marks
/// (circumflex, breve, horn; grave, acute, tilde, hook above, dot below), and NFD puts them in
/// canonical order, so composing pairwise with the primary composites ("ẹ" + U+0302 → "ệ")
/// gives exactly the NFC result. Anything else (another mark, marks out of canonical order,
/// a pair with no composite) returns nil and the caller falls back to Foundation, so the result
/// is always NFC. Foundation's normaliser is several times slower on the same text; this keeps
/// NFD files (macOS exports) from costing more than the parse itself.
enum VietnameseComposition {
    static let marks: Set<UInt32> = [0x300, 0x301, 0x302, 0x303, 0x306, 0x309, 0x31B, 0x323]

    /// (base scalar << 32 | mark) → the primary composite.
    static let pairs: [UInt64: Unicode.Scalar] = {
        var table: [UInt64: Unicode.Scalar] = [:]
        for range in [0x00C0...0x024F, 0x1E00...0x1EFF] as [ClosedRange<UInt32>] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let decomposed = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
                guard decomposed.count >= 2, decomposed[0].isASCII,
                      decomposed.dropFirst().allSatisfy({ marks.contains($0.value) }) else { continue }
                let prefix = String(String.UnicodeScalarView(decomposed.dropLast())).precomposedStringWithCanonicalMapping
                guard prefix.unicodeScalars.count == 1, let base = prefix.unicodeScalars.first else { continue }
                // Only what NFC itself composes back to this scalar (composition exclusions stay out).
                guard String(String.UnicodeScalarView(decomposed)).precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual([scalar])
                else { continue }
                table[UInt64(base.value) << 32 | UInt64(decomposed.last!.value)] = scalar
            }
        }
        return table
    }()

    /// `text` composed to NFC, or nil when it holds something this table does not cover.
    static func compose(_ text: String) -> String? {
        // Scalars collected in an array and encoded once: appending to a UnicodeScalarView one
        // scalar at a time costs more than the whole parse of the composed text.
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.utf8.count)
        var last: Unicode.Scalar?
        var lastCombiningClass: UInt8 = 0
        for scalar in text.unicodeScalars {
            // Scripts whose starters compose with each other (Hangul jamo, some Indic vowel signs)
            // are left to Foundation.
            if scalar.value >= 0x900, !(0x1E00...0x1EFF).contains(scalar.value), !(0x2000...0x2BFF).contains(scalar.value),
               scalar.value != 0xFEFF {
                return nil
            }
            // Below U+0300 and in Latin Extended Additional every scalar is a starter; only the
            // rest needs the Unicode property lookup.
            let v = scalar.value
            let ccc: UInt8 = v < 0x300 || (v >= 0x1E00 && v < 0x1F00) ? 0 : scalar.properties.canonicalCombiningClass.rawValue
            if ccc == 0 {
                if let last { out.append(last) }
                last = scalar
                lastCombiningClass = 0
                continue
            }
            // A mark: it must compose with what precedes it, in canonical order.
            guard marks.contains(scalar.value), let base = last, ccc >= lastCombiningClass,
                  let composite = pairs[UInt64(base.value) << 32 | UInt64(scalar.value)] else { return nil }
            last = composite
            lastCombiningClass = 0
        }
        if let last { out.append(last) }
        return Scalars.string(out)
    }
}
