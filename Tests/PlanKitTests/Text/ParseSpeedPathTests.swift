import Foundation
import Testing
@testable import PlanKit

/// The fast paths taken for parse speed (issue 5) give what the plain ways of computing the same
/// thing give: the key table against `Set`, the scalar tables against ``Scalars``, the byte-level
/// syllable keys against the keys of the syllables, the line cleaner against a pinned table of
/// forms, and the repair screen's verdicts on the real seeds.
@Suite struct ParseSpeedPathTests {
    // MARK: - Key table

    @Test func keyTableAnswersAsASetAndADictionaryDo() {
        // Keys of real words, plus keys that collide in the low bits and the extremes.
        let words = ["của", "và", "các", "bình", "đẳng", "giới", "tỷ", "lệ", "nữ", "đạt", "năm", "2030"]
        var keys = Set(words.map { MeasureWords.key($0.unicodeScalars) })
        for k in 0..<64 { keys.insert(UInt64(k) << 58) }
        keys.formUnion([0, 1, UInt64.max, UInt64.max - 1])
        let table = KeyTable(keys)
        #expect(table.count == keys.count)
        for key in keys { #expect(table.contains(key)) }
        let absent = ["không", "kế", "hoạch", "x"].map { MeasureWords.key($0.unicodeScalars) } + [2, 3, UInt64(1) << 57]
        for key in absent where !keys.contains(key) { #expect(!table.contains(key)) }

        var map = KeyTable(capacity: 3)
        map[10] = 7
        map[20] = 0
        map[10] = 8  // overwrite keeps one key
        #expect(map[10] == 8)
        #expect(map[20] == 0)
        #expect(map[30] == nil)
        #expect(map.count == 2)
    }

    // MARK: - Scalar tables

    /// ``Scalars/classify(_:)``, ``Scalars/lower(_:)`` and ``Scalars/isLetter(_:)`` (table reads)
    /// against the Unicode properties, inside and outside the tables' ranges.
    @Test func scalarClassesAgreeWithUnicode() {
        let probes: [UInt32] = Array(0..<0x2200) + [0x2460, 0x24B6, 0x24D0, 0x3000, 0xFEFF, 0x1F600]
        for value in probes {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let entry = Scalars.classify(scalar)
            let lower = Scalars.lowerSlow(scalar)
            if scalar.properties.isAlphabetic {
                #expect(entry & ScalarTables.lowerMask == lower.value, "lower of U+\(String(value, radix: 16))")
            }
            #expect(Scalars.lower(scalar) == lower)
            #expect((entry & ScalarTables.letterBit != 0) == scalar.properties.isAlphabetic, "letter U+\(String(value, radix: 16))")
            #expect(Scalars.isLetter(scalar) == scalar.properties.isAlphabetic)
            #expect((entry & ScalarTables.vowelBit != 0) == (VietnameseLetters.info[value]?.isVowel ?? false))
        }
        #expect(Scalars.lowered(Array("ĐẠT Ư Ơ À Ǆ".unicodeScalars)) == Array("đạt ư ơ à ǆ".unicodeScalars))
    }

    @Test func utf8DecodingMatchesTheStringsScalars() {
        let text = "aÀđƯ\u{1EA1}–“x”\u{FEFF}😀\u{0301}|" + String(repeating: "ệ", count: 3)
        var copy = text
        let decoded: [Unicode.Scalar] = copy.withUTF8 { utf8 in
            var i = 0, out: [Unicode.Scalar] = []
            while i < utf8.count { out.append(Scalars.decode(utf8, at: &i)) }
            return out
        }
        #expect(decoded == Array(text.unicodeScalars))
        #expect(Scalars.array(text) == Array(text.unicodeScalars))
    }

    /// The eight-bytes-at-a-time decoder (``Scalars/array(_:)``) and the two-at-a-time lowering
    /// (``Scalars/lowered(_:)``) against the String's own scalars and ``Scalars/lower(_:)`` one
    /// by one: every length up to 40 and every position of each kind of multi-byte sequence
    /// (2, 3 and 4 bytes) in ASCII runs, upper and lower case, then every line of the seeds.
    @Test func wordAtATimeDecodingAndLoweringMatchScalarByScalar() throws {
        func check(_ text: String) {
            let scalars = Array(text.unicodeScalars)
            #expect(Scalars.array(text) == scalars, "\(text)")
            #expect(Scalars.lowered(scalars) == scalars.map(Scalars.lower), "\(text)")
        }
        let ascii = Array("Ab Z@[`az{09 QX_".unicodeScalars)
        for inserted in ["Đ", "ệ", "Ệ", "–", "😀", "\u{7F}", "\u{80}", "\u{FFFF}", "\u{10FFFF}"] {
            for length in 0...40 {
                let run = (0..<length).map { ascii[$0 % ascii.count] }
                check(String(String.UnicodeScalarView(run)))
                for position in 0...length {
                    var scalars = run
                    scalars.insert(inserted.unicodeScalars.first!, at: position)
                    check(String(String.UnicodeScalarView(scalars)))
                }
            }
        }
        check(String(repeating: "ĐẠT TỶ LỆ ", count: 9))
        for seed in ["000", "001", "002", "003", "004"] {
            let source = try SourceText.read(path: Repository.url(Repository.seeds[seed]!).path)
            for line in source.lines { check(line) }
        }
    }

    // MARK: - Syllable keys

    /// The keys the normaliser hashes from bytes are the keys of the syllables it would cut as Strings.
    @Test func syllableKeysFromBytesMatchTheSyllables() {
        let rows: [String] = ["001", "002", "003", "004"]
        forEachRow(rows, named: { "seed \($0)" }) { seed in
            let text = try String(contentsOf: Repository.url(Repository.seeds[seed]!), encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(400) {
                var keys: [UInt64] = []
                MeasureWords.forEachSyllableKey(String(line)) { keys.append($0) }
                let expected = MeasureWords.syllables(String(line)).map { MeasureWords.key($0.unicodeScalars) }
                #expect(keys == expected, "seed \(seed): \(line)")
            }
        }
    }

    /// The index answers from its key tables what its dictionaries hold.
    @Test func catalogIndexKeyTablesHoldTheCatalogsSyllablesAndPairs() {
        let index = CatalogIndex.national
        for (syllable, id) in index.syllableIDs {
            #expect(index.syllableKeys[MeasureWords.key(syllable.unicodeScalars)] == id)
        }
        for (pair, id) in index.pairIDs { #expect(index.pairKeys[UInt64(pair)] == id) }
        #expect(index.syllableKeys.count == index.syllableIDs.count)
        #expect(index.pairKeys.count == index.pairIDs.count)
    }

    // MARK: - Repair screen

    @Test func screenFlagsTheDamagedSeedOnlyAndDamageMadeFromCleanText() throws {
        for seed in ["000", "001", "002", "003", "004"] {
            let source = try SourceText.read(path: Repository.url(Repository.seeds[seed]!).path)
            #expect(DamageScreen.mayBeDamaged(source.lines) == (seed == "000"), "seed \(seed)")
            // A custom frequent-word set goes through the same table (not the shipped one).
            let custom = Set(DamageScreen.shippedFrequentWords)
            #expect(DamageScreen.mayBeDamaged(source.lines, frequent: custom) == (seed == "000"), "seed \(seed), custom set")
        }
        // Clean text with its marks stripped, or its words run together, is flagged.
        let clean = try SourceText.read(path: Repository.url(Repository.seeds["001"]!).path)
        let stripped = clean.lines.map { line in
            String(String.UnicodeScalarView(line.decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.value < 0x300 || $0.value > 0x36F }))
        }
        #expect(DamageScreen.mayBeDamaged(stripped))
        let joined = clean.lines.map { $0.replacingOccurrences(of: " ", with: "") }
        #expect(DamageScreen.mayBeDamaged(joined))
        // With no frequent words, no clean text passes.
        #expect(DamageScreen.mayBeDamaged(clean.lines, frequent: []))
    }

    // MARK: - Line cleaning

    /// One clean line, compactly: kind, text, first column, column map, heading level, source slice.
    struct Clean: Equatable, CustomStringConvertible {
        var kind: String, text: String, column: Int, columns: [Int32]?, heading: Int, source: String?
        init(_ kind: String, _ text: String, _ column: Int, _ columns: [Int32]? = nil, heading: Int = 0, source: String?) {
            self.kind = kind; self.text = text; self.column = column; self.columns = columns; self.heading = heading; self.source = source
        }
        init(_ line: CleanLine) {
            let kind = switch line.kind { case .text: "text"; case .cellBoundary: "boundary"; case .inlineCell: "cell" }
            self.init(kind, String(String.UnicodeScalarView(line.text)), line.column, line.columns, heading: line.headingLevel,
                      source: line.source.map(String.init))
        }
        var description: String { "\(kind) «\(text)» @\(column) \(columns.map { "\($0)" } ?? "-") h\(heading) src:\(source ?? "nil")" }
    }

    @Test func cleanLineForms() {
        let rows: [(line: String, expected: [Clean])] = [
            ("", []),
            ("   \t ", []),
            ("\u{00A0}\u{3000}\u{FEFF}", []),
            ("Mục tiêu 1:", [Clean("text", "Mục tiêu 1:", 1, source: "Mục tiêu 1:")]),
            ("  Mục tiêu 1:  ", [Clean("text", "Mục tiêu 1:", 3, source: "Mục tiêu 1:")]),
            ("\u{FEFF}KẾ HOẠCH", [Clean("text", "KẾ HOẠCH", 2, source: "KẾ HOẠCH")]),
            ("\u{00A0}\tđạt 40%\u{2003}", [Clean("text", "đạt 40%", 3, source: "đạt 40%")]),
            ("## II. NHIỆM VỤ", [Clean("text", "II. NHIỆM VỤ", 4, heading: 2, source: "II. NHIỆM VỤ")]),
            ("  ###\u{00A0} Tiêu đề ", [Clean("text", "Tiêu đề", 8, heading: 3, source: "Tiêu đề")]),
            ("####### bảy", [Clean("text", "####### bảy", 1, source: "####### bảy")]),
            ("#không", [Clean("text", "#không", 1, source: "#không")]),
            ("# ", [Clean("text", "#", 1, source: "#")]),
            ("##", [Clean("text", "##", 1, source: "##")]),
            ("#\u{00A0}x", [Clean("text", "x", 3, heading: 1, source: "x")]),
            (" 😀 ạ\u{202F}", [Clean("text", "😀 ạ", 2, source: "😀 ạ")]),
            ("**TM. ỦY BAN** ", [Clean("text", "TM. ỦY BAN", 3, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12], source: nil)]),
            ("* gạch đầu dòng", [Clean("text", "* gạch đầu dòng", 1, Array(1...15), source: nil)]),
            ("snake_case \\- x", [Clean("text", "snake_case - x", 1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15], source: nil)]),
            ("*__", [Clean("text", "*__", 1, source: nil)]),
            ("_____", [Clean("text", "_____", 1, [1, 2, 3, 4, 5], source: nil)]),
            ("# **Đậm**", [Clean("text", "Đậm", 5, [5, 6, 7], heading: 1, source: nil)]),
            ("|", [Clean("boundary", "|", 1, source: nil)]),
            ("  | ", [Clean("boundary", "|", 3, source: nil)]),
            // A cell's columns count from the cell's own start (as the lexer has always reported them).
            // A cell's columns are the line's, not counted from the cell's bar.
            ("Số: 71/KH-UBND | Bạc Liêu, ngày 5 |", [Clean("cell", "Số: 71/KH-UBND", 1, source: nil),
                                                      Clean("cell", "Bạc Liêu, ngày 5", 18, source: nil)]),
            ("| **a** | b_c |", [Clean("cell", "a", 5, [5], source: nil), Clean("cell", "b_c", 11, [11, 12, 13], source: nil)]),
        ]
        for (line, expected) in rows {
            #expect(CleanLine.make(line: 7, text: line).map(Clean.init) == expected, "\(line.debugDescription)")
            #expect(CleanLine.make(line: 7, text: line).allSatisfy { $0.line == 7 }, "\(line.debugDescription)")
        }
    }

    /// The word-at-a-time byte scan finds each markup byte at every position of a line, and only those.
    @Test func markupByteScanFindsEveryMarkupByte() throws {
        func scan(_ text: String) -> Bool { var text = text; return text.withUTF8(CleanLine.holdsMarkupByte) }
        let filler = Array("ạbc đ\u{00A0}x|y".unicodeScalars.dropLast(3))  // no markup in the filler
        for markup in ["|", "*", "\\", "_"] {
            for length in 0..<20 {
                let plain = String(String.UnicodeScalarView((0..<length).map { filler[$0 % filler.count] }))
                #expect(!scan(plain), "\(plain)")
                for position in 0...plain.unicodeScalars.count {
                    var scalars = Array(plain.unicodeScalars)
                    scalars.insert(markup.unicodeScalars.first!, at: position)
                    #expect(scan(String(String.UnicodeScalarView(scalars))), "\(markup) at \(position) of \(length)")
                }
            }
        }
        // Bytes one off the markup bytes, and bytes with the top bit set, are no markup.
        let neighbours = [0x7B, 0x7D, 0x29, 0x2B, 0x5B, 0x5D, 0x5E, 0x60].map { String(UnicodeScalar(UInt8($0))) }.joined()
        #expect(!scan(neighbours + "ỹ\u{00FC}\u{FEFF}" + neighbours))
        for seed in ["000", "001", "002", "003", "004"] {
            let source = try SourceText.read(path: Repository.url(Repository.seeds[seed]!).path)
            for line in source.lines {
                #expect(scan(line) == line.unicodeScalars.contains { "|*\\_".unicodeScalars.contains($0) })
            }
        }
    }

    /// A block's String holds exactly its scalars, so a range of it cut from the String is the
    /// range's scalars encoded (every block of every seed, every prefix, suffix and middle).
    @Test func blockStringsCutByScalarRange() {
        let rows: [String] = ["000", "001", "002", "003", "004"]
        forEachRow(rows, named: { "seed \($0)" }) { seed in
            let source = try SourceText.read(path: Repository.url(Repository.seeds[seed]!).path)
            for block in Lexer.lex(source) {
                let n = block.text.count
                #expect(block.string == block.text.string(0..<n), "seed \(seed): \(block.span)")
                for range in [0..<n / 2, n / 3..<n, n / 4..<(3 * n / 4), 0..<0, n..<n] {
                    #expect(block.string(range) == block.text.string(range), "seed \(seed): \(block.string) \(range)")
                }
            }
        }
    }

    /// Every line of the seeds, as the lexer cleans it: the text is the line's own scalars between
    /// `column` and `endColumn` (no markup inside), and the source slice, when given, holds them.
    @Test func cleanLinesOfTheSeedsPointBackAtTheirLines() {
        let rows: [String] = ["000", "001", "002", "003", "004"]
        forEachRow(rows, named: { "seed \($0)" }) { seed in
            let source = try SourceText.read(path: Repository.url(Repository.seeds[seed]!).path)
            for (i, line) in source.lines.enumerated() {
                let scalars = Array(line.unicodeScalars)
                for clean in CleanLine.make(line: i + 1, text: line) {
                    if let source = clean.source { #expect(Array(source.unicodeScalars) == clean.text, "seed \(seed) line \(i + 1)") }
                    guard clean.kind == .text else { continue }
                    if clean.columns == nil {
                        #expect(Array(scalars[(clean.column - 1)..<(clean.endColumn - 1)]) == clean.text, "seed \(seed) line \(i + 1)")
                    } else if let columns = clean.columns {
                        #expect(columns.map { scalars[Int($0) - 1] } == clean.text, "seed \(seed) line \(i + 1)")
                    }
                }
            }
        }
    }
}

/// The literal scalar tables (Sources/PlanKit/Text/ScalarTables.swift) against the Unicode
/// properties they were generated from. When they differ, the test writes the regenerated file to
/// the temporary folder and names it: a test never writes into Sources/, recording or not.
@Suite struct ScalarTablesTests {
    static func expectedEntry(_ value: UInt32) -> UInt32 {
        let scalar = Unicode.Scalar(value)!
        var entry = Scalars.lowerSlow(scalar).value
        if scalar.properties.isAlphabetic { entry |= ScalarTables.letterBit }
        if VietnameseLetters.info[value]?.isVowel == true { entry |= ScalarTables.vowelBit }
        return entry
    }

    static func literal(_ name: String, _ range: Range<UInt32>, doc: String) -> String {
        let rows = stride(from: range.lowerBound, to: range.upperBound, by: 8).map { start in
            "        " + (start..<min(start + 8, range.upperBound))
                .map { "0x" + String(expectedEntry($0), radix: 16, uppercase: true) }.joined(separator: ", ") + ","
        }
        return "    /// \(doc)\n    static let \(name): [UInt32] = [\n" + rows.joined(separator: "\n") + "\n    ]\n"
    }

    @Test func scalarTablesMatchUnicode() throws {
        let latinRange = UInt32(0)..<ScalarTables.latinEnd
        let extendedRange = ScalarTables.extendedStart..<ScalarTables.extendedEnd
        let latin = latinRange.map(Self.expectedEntry), extended = extendedRange.map(Self.expectedEntry)
        #expect(ScalarTables.latin == latin)
        #expect(ScalarTables.extended == extended)
        if ScalarTables.latin != latin || ScalarTables.extended != extended {
            let source = "Sources/PlanKit/Text/ScalarTables.swift"
            let old = try String(contentsOf: Repository.url(source), encoding: .utf8)
            let head = old.components(separatedBy: "    static let latin: [UInt32]")[0]
                .components(separatedBy: "    /// U+0000").first!
            let text = head + Self.literal("latin", latinRange, doc: "U+0000–U+024F.") + "\n"
                + Self.literal("extended", extendedRange, doc: "U+1E00–U+1EFF.") + "}\n"
            let regenerated = FileManager.default.temporaryDirectory.appendingPathComponent("ScalarTables.swift")
            try text.write(to: regenerated, atomically: true, encoding: .utf8)
            Issue.record("\(source) is stale: the regenerated file is \(regenerated.path); review it and copy it over \(source)")
        }
        // Every Vietnamese vowel lies inside the tables (scalars outside them are never vowels).
        for (value, info) in VietnameseLetters.info where info.isVowel {
            #expect(latinRange.contains(value) || extendedRange.contains(value))
        }
    }
}
