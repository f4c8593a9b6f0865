import Foundation
import Testing
@testable import PlanKit

@Suite struct LegacyEncodingTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var encoding: LegacyEncoding
        var bytes: [UInt8]
        var text: String
        var line: Int
        init(_ encoding: LegacyEncoding, _ bytes: [UInt8], _ text: String, line: Int = #line) {
            self.encoding = encoding
            self.bytes = bytes
            self.text = text
            self.line = line
        }
        var testDescription: String { "\(encoding) line \(line): \(text)" }
    }

    /// Bytes as a legacy editor wrote them → the text they mean.
    static let rows: [Row] = [
        // TCVN3 (ABC): one byte per lowercase letter.
        Row(.tcvn3, [0x6E, 0xA8, 0x6D], "năm"),
        Row(.tcvn3, [0x63, 0xB8, 0x63], "các"),
        Row(.tcvn3, [0x51, 0x75, 0x79, 0x20, 0xAE, 0xDE, 0x6E, 0x68], "Quy định"),
        Row(.tcvn3, [0xA7, 0xDE, 0x6E, 0x68], "Định"),
        Row(.tcvn3, [0x6E, 0x67, 0xAD, 0xEA, 0x69], "người"),
        Row(.tcvn3, [0x62, 0xCB, 0x63, 0x20, 0x74, 0xE8, 0x74], "bậc tốt"),
        Row(.tcvn3, [0x74, 0xF5, 0x20, 0x6B, 0x68, 0xE6, 0x20, 0x79, 0xD5, 0x75], "từ khổ yếu"),
        Row(.tcvn3, [0x74, 0xB7, 0x2C, 0x20, 0x74, 0xDD, 0x6E, 0x68, 0x2C, 0x20, 0x71, 0x75, 0xF8], "tã, tính, quứ"),
        Row(.tcvn3, [0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6], "ĂÂÊÔƠƯ"),
        // Capitals with a tone have no code: a line in capitals is upper-cased back.
        Row(.tcvn3, [0x4B, 0xD5, 0x20, 0x48, 0x4F, 0xB9, 0x43, 0x48], "KẾ HOẠCH"),
        Row(.tcvn3, [0x43, 0xE9, 0x4E, 0x47, 0x20, 0x48, 0xDF, 0x41], "CỘNG HÒA"),
        Row(.tcvn3, [0x4B, 0xD5, 0x20, 0x68, 0x6F, 0xB9, 0x63, 0x68], "Kế hoạch"),
        Row(.tcvn3, [0x96, 0x20, 0x93, 0x78, 0x94], "– “x”"),
        // VNI: base letter + mark byte; ơ ư đ and toned i are single bytes.
        Row(.vni, [0x56, 0x69, 0x65, 0xE4, 0x74, 0x20, 0x4E, 0x61, 0x6D], "Việt Nam"),
        Row(.vni, [0x63, 0x61, 0xF9, 0x63], "các"),
        Row(.vni, [0xF1, 0x61, 0xF5, 0x20, 0xD1, 0x61, 0xF8], "đaõ Đaø".replacingOccurrences(of: "aõ", with: "ã").replacingOccurrences(of: "aø", with: "à")),
        Row(.vni, [0x6E, 0x67, 0xF6, 0xF4, 0xF8, 0x69], "người"),
        Row(.vni, [0x6B, 0x68, 0xF6, 0xF5, 0x61], "khữa"),
        Row(.vni, [0x4B, 0x45, 0xC1, 0x20, 0x48, 0x4F, 0x41, 0xCF, 0x43, 0x48], "KẾ HOẠCH"),
        Row(.vni, [0x6E, 0x61, 0xEA, 0x6D, 0x20, 0x6C, 0x61, 0xE9, 0x6D], "năm lắm"),
        Row(.vni, [0x74, 0xEC, 0x6E, 0x68, 0x20, 0xED, 0x74, 0x20, 0xE6, 0x20, 0xF3, 0x20, 0xF2, 0x20, 0x79, 0xEE], "tình ít ỉ ĩ ị yỵ"),
        Row(.vni, [0xD4, 0xD9, 0x20, 0xD6, 0xD8, 0x20, 0x49, 0xCD, 0xC6], "Ớ Ừ IÍỈ"),
        Row(.vni, [0x6F, 0xE2, 0x20, 0x6F, 0xE0, 0x20, 0x61, 0xFA, 0x20, 0x61, 0xFC, 0x20, 0x61, 0xEB], "ô ồ ẳ ẵ ặ"),
        // Windows-1258: precomposed bases, tone as a combining byte (composed at the entrance).
        Row(.windows1258, [0x56, 0x69, 0xEA, 0xF2, 0x74], "Việt"),
        Row(.windows1258, [0x6E, 0xE3, 0x6D], "năm"),
        Row(.windows1258, [0x6E, 0x67, 0xFD, 0xF5, 0xCC, 0x69], "người"),
        Row(.windows1258, [0xD0, 0x61, 0xEC, 0x20, 0xF0, 0x61, 0xD2], "Đá đả"),
        Row(.windows1258, [0x31, 0x30, 0x30, 0x2E, 0x30, 0x30, 0x30, 0xFE], "100.000₫"),
    ]

    @Test func decodes() {
        for row in Self.rows {
            let decoded = row.encoding.decode(row.bytes[...]).precomposedStringWithCanonicalMapping
            #expect(Array(decoded.unicodeScalars) == Array(row.text.unicodeScalars), "\(row.testDescription)")
        }
    }

    /// Every Vietnamese letter survives encode → decode (TCVN3: toned capitals come back lowercase).
    @Test func everyLetterRoundTrips() {
        let lower = "àáảãạâầấẩẫậăằắẳẵặđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
        let letters = Array(lower + lower.uppercased())
        forEachRow(LegacyEncoding.allCases.flatMap { e in letters.map { (e, $0) } }, named: { "\($0.0) \($0.1)" }) { encoding, letter in
            let bytes = try #require(encoding.encode(String(letter)), "\(encoding) cannot write \(letter)")
            let back = encoding.decode(bytes[...]).precomposedStringWithCanonicalMapping
            let expected = encoding == .tcvn3 && letter.isUppercase && bytes[0] >= 0xB5
                ? String(letter).lowercased() : String(letter)
            #expect(back == expected, "\(encoding): \(letter) → \(bytes) → \(back)")
        }
    }

    /// Each seed plan written in each legacy encoding is detected as that encoding and reads back.
    @Test func detectsSeedsWrittenInEachEncoding() {
        let rows = LegacyEncoding.allCases.flatMap { e in ArchiveFixtures.seeds.map { (e, $0) } }
        forEachRow(rows, named: { "\($0.0) \($0.1.name)" }) { encoding, seed in
            let original = ArchiveFixtures.text(seed.bytes)
            let bytes = try #require(encoding.encode(original), "\(seed.name) not encodable in \(encoding)")
            let source = try SourceText(path: seed.name, bytes: bytes)
            #expect(source.encoding == encoding.sourceEncoding, "\(encoding) \(seed.name)")
            let expected = SourceText(path: seed.name, text: original).lines
            #expect(source.lines.count == expected.count, "\(encoding) \(seed.name)")
            for (got, want) in zip(source.lines, expected) where got != want {
                // TCVN3 loses the case of toned capitals in mixed-case lines, nothing else.
                #expect(encoding == .tcvn3 && got.lowercased() == want.lowercased(), "\(encoding) \(seed.name): \(got) ≠ \(want)")
            }
        }
    }

    @Test func utf8IsNeverTriedAsLegacy() throws {
        let source = try SourceText(path: "u", bytes: Array("Kế hoạch năm 2025".utf8))
        #expect(source.encoding == .utf8)
    }

    /// Bytes that are no Vietnamese in any encoding are refused, not decoded into mojibake.
    @Test func refusesUndeterminedEncodings() {
        let rows: [(name: String, bytes: [UInt8])] = [
            ("Latin-1 French", Array("Le président a décidé: à côté de l'élève, très bien réussi".data(using: .isoLatin1)!)),
            ("one stray byte", Array("ok\nstill ok\n".utf8) + [0xC3, 0x28]),
            ("high noise", (0..<400).map { UInt8(0x80 + ($0 * 37) % 128) }),
        ]
        for (name, bytes) in rows {
            #expect(throws: SourceError.self, "\(name)") { try SourceText(path: "x", bytes: bytes) }
        }
    }

    @Test func syllables() {
        let rows: [(word: String, wellFormed: Bool)] = [
            ("người", true), ("quốc", true), ("giữa", true), ("khuyến", true), ("nghiêng", true), ("thuở", true),
            ("Vieọt", false), ("caực", false), ("hoaïch", false), ("ñeå", false), ("n¨m", false), ("c¸c", false),
            ("viêtj", false), ("ắá", false),
        ]
        for (word, wellFormed) in rows {
            #expect(VietnameseSyllable.isWellFormed(word.unicodeScalars) == wellFormed, "\(word)")
        }
    }
}

@Suite struct CompositionTests {
    /// The fast composer agrees with Foundation's NFC wherever it answers, and answers for NFD Vietnamese.
    @Test func agreesWithFoundationOnDecomposedSeeds() throws {
        for seed in ArchiveFixtures.seeds {
            let nfd = ArchiveFixtures.text(seed.bytes).decomposedStringWithCanonicalMapping
            let fast = try #require(VietnameseComposition.compose(nfd), "\(seed.name)")
            #expect(Array(fast.unicodeScalars) == Array(nfd.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
    }

    @Test func neverDisagreesWithFoundation() {
        let rows = [
            "e\u{0323}\u{0302}", "e\u{0302}\u{0323}", "a\u{0306}\u{0301}", "o\u{031B}\u{0300}", "u\u{031B}\u{0303}",
            "a\u{0301}\u{0301}", "\u{0301}x", "n\u{0303}", "\u{1100}\u{1161}", "A\u{030A}", "i\u{0307}\u{0301}",
            "Ê\u{0323}", "\u{FEFF}Vie\u{0323}\u{0302}t", "Đ\u{0323}",
        ]
        for text in rows {
            let name = "\(text.unicodeScalars.map { String($0.value, radix: 16) })"
            let expected = text.precomposedStringWithCanonicalMapping
            if let fast = VietnameseComposition.compose(text) {
                #expect(Array(fast.unicodeScalars) == Array(expected.unicodeScalars), "\(name)")
            }
            #expect(Array(SourceText(path: "t", text: text).lines.joined().unicodeScalars) == Array(expected.unicodeScalars), "\(name)")
        }
    }

    /// Random strings over letters and the nine marks, in any order: fast path or fallback, always NFC.
    @Test func randomMarkSequences() {
        var rng = SplitMix64(seed: 42)
        let alphabet: [Unicode.Scalar] = ["a", "e", "o", "u", "i", "y", "d", "A", "O", "U", " ", "â", "ơ", "ư", "ê",
                                          "\u{300}", "\u{301}", "\u{302}", "\u{303}", "\u{306}", "\u{309}", "\u{31B}", "\u{323}", "\u{308}"]
        for _ in 0..<2000 {
            let text = String(String.UnicodeScalarView((0..<(1 + rng.below(8))).map { _ in alphabet[rng.below(alphabet.count)] }))
            let expected = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
            let name = "\(text.unicodeScalars.map { String($0.value, radix: 16) })"
            if let fast = VietnameseComposition.compose(text) {
                #expect(Array(fast.unicodeScalars) == expected, "\(name)")
            }
            // Where the fast path declines, the entrance falls back: its lines are NFC either way.
            #expect(Array(SourceText(path: "t", text: text).lines.joined().unicodeScalars) == expected, "\(name)")
        }
    }
}
