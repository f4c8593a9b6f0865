import Foundation

/// The 8-bit encodings Vietnamese archives were typed in before Unicode.
///
/// - Windows-1258: Microsoft's code page; tone marks are separate combining bytes
///   (the entrance composes them to NFC).
/// - TCVN3 (ABC, TCVN 5712:1993 VN3): one byte per lowercase letter; capitals with a tone
///   have no code of their own (the `.VnTimeH` fonts draw the lowercase codes as capitals),
///   so an all-capitals line is upper-cased back after decoding.
/// - VNI (VNI-Windows): a base letter followed by a mark byte ("a" + 0xF9 = "á"); ơ, ư, đ
///   and the toned i letters are single bytes.
///
/// Bytes that none of the Vietnamese letters use are read as Windows-1252, the code page
/// Word wrote such files in (curly quotes, dashes).
enum LegacyEncoding: CaseIterable, Sendable {
    case windows1258, tcvn3, vni

    var sourceEncoding: SourceEncoding {
        switch self {
        case .windows1258: .windows1258
        case .tcvn3: .tcvn3
        case .vni: .vni
        }
    }

    var displayName: String {
        switch self {
        case .windows1258: "Windows-1258"
        case .tcvn3: "TCVN3 (ABC)"
        case .vni: "VNI"
        }
    }

    /// Decodes every byte; never fails. Undefined bytes become U+FFFD and count against
    /// the encoding in ``LegacyDetection``.
    func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        switch self {
        case .windows1258:
            for b in bytes { scalars.append(LegacyTables.scalar(b, LegacyTables.windows1258High)) }
        case .tcvn3:
            for b in bytes { scalars.append(LegacyTables.scalar(b, LegacyTables.tcvn3High)) }
        case .vni:
            var i = bytes.startIndex
            while i < bytes.endIndex {
                let b = bytes[i]
                let next = i + 1
                if next < bytes.endIndex, bytes[next] >= 0xC0,
                   let v = LegacyTables.vniPairs[UInt16(b) << 8 | UInt16(bytes[next])],
                   let scalar = Unicode.Scalar(v) {
                    scalars.append(scalar)
                    i += 2
                } else {
                    scalars.append(LegacyTables.scalar(b, LegacyTables.vniHigh))
                    i += 1
                }
            }
        }
        let text = String(scalars)
        return self == .tcvn3 ? LegacyEncoding.restoreCapitals(text) : text
    }

    /// The bytes of `text` in this encoding, or nil when a character has no code in it.
    /// Used by tests and the benchmark to make legacy files from the UTF-8 fixtures.
    /// TCVN3 writes capitals with a tone as their lowercase codes, as ABC did.
    func encode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let reverse = LegacyTables.reverse(self)
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.value < 0x80 { out.append(UInt8(scalar.value)); continue }
            if self == .tcvn3, scalar.properties.isUppercase,
               let lower = String(scalar).lowercased().unicodeScalars.first,
               let bytes = reverse[lower.value], bytes[0] >= 0xB5 {
                out += bytes // a toned capital: ABC wrote the lowercase code
                continue
            }
            if let bytes = reverse[scalar.value] { out += bytes; continue }
            if self == .windows1258 {
                // Base letter (possibly with its circumflex, breve or horn) + a combining tone byte.
                var parts = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
                guard let toneIndex = parts.firstIndex(where: { VietnameseSyllable.toneMarks.contains($0.value) }),
                      let tone = reverse[parts[toneIndex].value] else { return nil }
                parts.remove(at: toneIndex)
                let base = String(String.UnicodeScalarView(parts)).precomposedStringWithCanonicalMapping
                guard let baseScalar = base.unicodeScalars.first, base.unicodeScalars.count == 1 else { return nil }
                if baseScalar.value < 0x80 {
                    out.append(UInt8(baseScalar.value))
                } else if let bytes = reverse[baseScalar.value] {
                    out += bytes
                } else {
                    return nil
                }
                out += tone
                continue
            }
            return nil
        }
        return out
    }

    /// Upper-cases the letters of lines written in capitals: ABC has no codes for toned capitals,
    /// so "KẾ HOẠCH" arrives as "Kế HOạCH". A line whose ASCII letters are all capitals (at least
    /// two of them) is taken to be a capitals line.
    static func restoreCapitals(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var first = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { result += "\n" }
            first = false
            var upper = 0, lower = 0
            for b in line.utf8 {
                if b >= 0x41 && b <= 0x5A { upper += 1 } else if b >= 0x61 && b <= 0x7A { lower += 1 }
            }
            result += upper >= 2 && lower == 0 ? line.uppercased() : String(line)
        }
        return result
    }
}

/// Byte tables for ``LegacyEncoding``; the data is generated (`LegacyTables+Data.swift`).
enum LegacyTables {
    @inline(__always)
    static func scalar(_ byte: UInt8, _ high: [UInt16]) -> Unicode.Scalar {
        if byte < 0x80 { return Unicode.Scalar(byte) }
        return Unicode.Scalar(high[Int(byte) - 0x80]) ?? "\u{FFFD}"
    }

    /// Unicode scalar → bytes, built from the decoding tables (first byte wins).
    static func reverse(_ encoding: LegacyEncoding) -> [UInt32: [UInt8]] {
        var map: [UInt32: [UInt8]] = [:]
        let high: [UInt16]
        switch encoding {
        case .windows1258: high = windows1258High
        case .tcvn3: high = tcvn3High
        case .vni:
            high = vniHigh
            for (key, value) in vniPairs where map[value] == nil {
                map[value] = [UInt8(key >> 8), UInt8(key & 0xFF)]
            }
        }
        for (i, v) in high.enumerated() where v != 0xFFFD && map[UInt32(v)] == nil {
            map[UInt32(v)] = [UInt8(0x80 + i)]
        }
        return map
    }
}

/// Decides which legacy encoding a non-UTF-8 file is in by reading it in each and
/// counting the words that are well-formed Vietnamese syllables (see ``VietnameseSyllable``).
///
/// Mojibake is easy to tell apart this way: TCVN3 read as VNI or Windows-1258 is full of
/// symbols ("n¨m", "c¸c"), VNI read as TCVN3 gives impossible vowel runs ("Vieọt"), and
/// so on. The winner must be clearly Vietnamese and strictly ahead of the others;
/// otherwise the file is refused rather than decoded into mojibake.
enum LegacyDetection {
    struct Score: Hashable, Sendable {
        var encoding: LegacyEncoding
        /// Words with a non-ASCII letter that are well-formed syllables.
        var valid: Int
        /// Words with a non-ASCII letter that are not, plus stray non-ASCII symbols and undefined bytes.
        var invalid: Int

        var net: Int { valid - invalid }
        var isConvincing: Bool { valid >= LegacyDetection.minimumValidWords && valid * 4 >= (valid + invalid) * 3 }
    }

    static let minimumValidWords = 3

    enum Outcome: Sendable {
        case detected(LegacyEncoding, text: String)
        case undetermined(scores: [Score])
    }

    static func detect(_ bytes: ArraySlice<UInt8>) -> Outcome {
        var best: (score: Score, text: String)?
        var scores: [Score] = []
        var tie = false
        for encoding in LegacyEncoding.allCases {
            let text = encoding.decode(bytes).precomposedStringWithCanonicalMapping
            let score = self.score(text, encoding: encoding)
            scores.append(score)
            guard score.isConvincing else { continue }
            if let current = best {
                if score.net > current.score.net { best = (score, text); tie = false }
                else if score.net == current.score.net { tie = true }
            } else {
                best = (score, text)
            }
        }
        if let best, !tie { return .detected(best.score.encoding, text: best.text) }
        return .undetermined(scores: scores)
    }

    /// Counts valid and invalid words in NFC text.
    static func score(_ text: String, encoding: LegacyEncoding) -> Score {
        var score = Score(encoding: encoding, valid: 0, invalid: 0)
        var word = String.UnicodeScalarView()
        var wordHasNonASCII = false
        func endWord() {
            if wordHasNonASCII {
                if VietnameseSyllable.isWellFormed(word) { score.valid += 1 } else { score.invalid += 1 }
            }
            word.removeAll(keepingCapacity: true)
            wordHasNonASCII = false
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || (0x300...0x36F).contains(scalar.value) {
                word.append(scalar)
                if scalar.value >= 0x80 { wordHasNonASCII = true }
                continue
            }
            endWord()
            if scalar.value >= 0x80, !VietnameseSyllable.plausiblePunctuation.contains(scalar.value) {
                score.invalid += 1
            }
        }
        endWord()
        return score
    }
}
