import Foundation
import Testing
@testable import PlanKit

/// The repair stage on real text: seed 000 (lost glyphs) against its hand-made reference, and
/// clean seeds damaged the other three ways. Accuracy figures come from `plankit-eval`; these
/// tests pin behaviour: what must be restored, what must never change.
@Suite struct RepairTests {
    static let damagedPath = "Fixtures/seeds/000_a9439903c9056b27.txt"

    /// Seed 000 repaired once per process (slow in debug builds).
    static let seed000: (original: SourceText, repaired: SourceText, repairs: [Repair], diagnostics: [Diagnostic]) = {
        let source = try! SourceText.read(path: Repository.url(damagedPath).path)
        let (repaired, repairs, diagnostics) = Repairer.shared.repair(source)
        return (source, repaired, repairs, diagnostics)
    }()

    static func lines(_ relative: String) throws -> [String] {
        try SourceText.read(path: Repository.url(relative).path).lines
    }

    static func repair(_ lines: [String]) -> [String] {
        Repairer.shared.repair(SourceText(path: "t.txt", lines: lines)).0.lines
    }

    // MARK: - (a) lost glyphs, seed 000

    /// The examples, as the decoder restores them in the document.
    @Test func restoresLostGlyphs() {
        let rows: [(line: Int, prefix: String)] = [
            (5, "giai đoạn     -2025 trên địa bàn huyện Tuần Giáo"),  // the lost digits stay a gap
            (13, "UBND huyện Tuần Giáo xây dựng Kế hoạch thực hiện Chiến lược quốc gia"),
            (20, "Tiếp tục thu hẹp khoảng cách giới,"),
            (38, "- Chỉ tiêu 3: Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã đạt ít nhất 27%."),
        ]
        for (line, prefix) in rows {
            #expect(Self.seed000.repaired.lines[line - 1].hasPrefix(prefix), "line \(line): \(Self.seed000.repaired.lines[line - 1])")
        }
    }

    /// Every visible character stays; a space may become a letter, never the other way round; no digit is invented.
    @Test func onlySpacesAreFilledAndNeverWithDigits() {
        let (original, repaired, _, _) = Self.seed000
        #expect(repaired.lines.count == original.lines.count)
        for (before, after) in zip(original.lines, repaired.lines) {
            let b = Array(before.unicodeScalars), a = Array(after.unicodeScalars)
            #expect(a.count == b.count, "\(before)")
            for (x, y) in zip(b, a) where x != y {
                #expect(x == " " && y.properties.numericType == nil, "\(before) → \(after)")
            }
        }
    }

    /// Most words come back: the reference was restored by hand (Fixtures/repair/README.md).
    /// `plankit-eval` reports the exact figure; this guards against a collapse.
    @Test func mostWordsMatchTheHandMadeReference() throws {
        let reference = try String(contentsOf: Repository.url("Fixtures/repair/000_reference.txt"), encoding: .utf8)
            .components(separatedBy: "\n")
        var total = 0, right = 0
        for (expected, got) in zip(reference, Self.seed000.repaired.lines) {
            let e = expected.split(separator: " "), g = got.split(separator: " ")
            total += e.count
            right += Self.commonSubsequence(e, g)
        }
        #expect(Double(right) / Double(total) > 0.95, "\(right)/\(total)")
    }

    /// The length of the longest common subsequence: words found unchanged and in order.
    static func commonSubsequence(_ a: [Substring], _ b: [Substring]) -> Int {
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [0]
            for (j, y) in b.enumerated() { current.append(x == y ? previous[j] + 1 : max(previous[j + 1], current[j])) }
            previous = current
        }
        return previous[b.count]
    }

    /// Each repair names its place and what was there, and lost digits are reported, not guessed.
    @Test func repairsAndGapsAreLogged() {
        let (original, _, repairs, diagnostics) = Self.seed000
        #expect(repairs.count > 1000)
        for repair in repairs {
            let line = Array(original.lines[repair.line - 1].unicodeScalars)
            let start = repair.column - 1
            #expect(String(String.UnicodeScalarView(line[start..<start + repair.original.unicodeScalars.count])) == repair.original)
            #expect(repair.kind == "lost-glyph")
        }
        #expect(diagnostics.contains { $0.rule == Diagnostic.Rule.repairLostCharacter.id && $0.span?.startLine == 5 })
    }

    /// Parsing seed 000 finds its structure only after repair.
    @Test func parsingTheDamagedSeedFindsItsObjectives() throws {
        let plan = try Repository.parse(Self.damagedPath)
        #expect(plan.objectives.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(plan.objectives.flatMap(\.indicators).count == 19)
        #expect(plan.objectives[1].indicators[2].targets.first?.value == 27)
        #expect(plan.repairs == Self.seed000.repairs)  // the repair stage's log, whole
        let unrepaired = PlanParser.parse(Self.seed000.original, repair: false)
        #expect(unrepaired.repairs.isEmpty)
        #expect(unrepaired.objectives.flatMap(\.indicators).count < 19)
    }

    /// A line far longer than any printed line (a file without line breaks) is left as written and
    /// reported, so the lattice's memory stays bounded; the other lines are still repaired.
    @Test func anOverlongLineIsLeftAsWritten() {
        let lines = Self.seed000.original.lines
        let long = lines.joined(separator: " ")
        let (repaired, _, diagnostics) = Repairer.shared.repair(SourceText(path: "t.txt", lines: lines + [long]))
        #expect(repaired.lines.last == long)
        #expect(diagnostics.contains { $0.span?.startLine == lines.count + 1 && $0.message.contains("too long") })
        #expect(Array(repaired.lines.prefix(lines.count)) == Self.seed000.repaired.lines)
    }

    // MARK: - Clean text is left alone

    @Test func cleanSeedsComeOutUnchanged() {
        let rows: [String] = ["001", "002", "003", "004"]
        forEachRow(rows, named: { "seed \($0)" }) { seed in
            let source = try SourceText.read(path: Repository.url(try #require(Repository.seeds[seed], "seed \(seed)")).path)
            let (repaired, repairs, diagnostics) = Repairer.shared.repair(source)
            #expect(repaired.lines == source.lines, "seed \(seed)")
            #expect(repairs.isEmpty && diagnostics.isEmpty, "seed \(seed)")
        }
    }

    // MARK: - (b) missing diacritics, (c) OCR confusions, (d) legacy-font swaps

    static func stripMarks(_ line: String) -> String {
        String(line.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }
            .map(Character.init))
    }

    @Test func restoresMissingDiacritics() throws {
        let clean = try Self.lines("Fixtures/seeds/001_43d52928025800ca.txt")
        let repaired = Self.repair(clean.map(Self.stripMarks))
        let index = try #require(clean.firstIndex { $0.contains("bình đẳng giới") })
        #expect(repaired[index] == clean[index], "\(repaired[index])")
        let same = zip(clean, repaired).filter { $0 == $1 }.count
        #expect(Double(same) / Double(clean.count) > 0.8)
    }

    @Test func undoesOCRConfusions() throws {
        var lines = try Self.lines("Fixtures/seeds/003_aba73ba01564a72c.txt")
        let target = try #require(lines.firstIndex { $0.contains("bình đẳng giới") && $0.contains("tổ chức") })
        let clean = lines[target]
        lines[target] = clean.replacingOccurrences(of: "bình đẳng giới", with: "bình đăng giới")
            .replacingOccurrences(of: "tổ chức", with: "tố chức")
        // OCR damage is never alone in a scan: confusions on other lines too.
        for i in lines.indices where i != target && lines[i].contains("Chỉ tiêu") {
            lines[i] = lines[i].replacingOccurrences(of: "Chỉ tiêu", with: "Chỉtiêu")
        }
        let repaired = Self.repair(lines)
        #expect(repaired[target] == clean, "\(repaired[target])")
        #expect(!repaired.contains { $0.contains("Chỉtiêu") })
    }

    @Test func invertsALegacyFontSwap() throws {
        let table: [Character: Character] = ["á": "ỏ", "â": "õ", "ã": "ó", "ê": "ờ", "ì": "ỡ", "ò": "ũ", "ó": "ú", "ô": "ụ"]
        let clean = try Self.lines("Fixtures/seeds/002_0205c601e93a6740.txt")
        let swapped = clean.map { String($0.map { table[$0] ?? $0 }) }
        #expect(swapped.contains { $0.contains("xó hội") })
        let repaired = Self.repair(swapped)
        #expect(!repaired.contains { $0.contains("xó hội") })
        #expect(repaired.contains { $0.contains("xã hội") })
        let same = zip(clean, repaired).filter { $0 == $1 }.count
        #expect(Double(same) / Double(clean.count) > 0.7, "\(same)/\(clean.count)")
    }

    /// The language model numbers its words in UTF-8 byte order (faster to sort at load); for NFC
    /// text that is String's own order, so word ids, and with them every tie the decoders break
    /// by id, are those the statistics were tuned with.
    @Test func byteOrderIsStringOrderForTheVocabulary() {
        let words = Array(SyllableInventory.generate()) + Lexicon.shipped.model.words
        #expect(words.sorted() == words.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(words.allSatisfy { $0 == $0.precomposedStringWithCanonicalMapping })
    }

    /// The shipped statistics are what `swift run plankit-lexicon` makes of the corpus files
    /// today: the generated source, its `sources` list included, is regenerated and compared.
    @Test func shippedStatisticsAreRegeneratedFromTheCorpus() throws {
        let corpus = try RepairData.corpusFiles.map { file in
            (path: file, text: try String(contentsOf: Repository.url(file), encoding: .utf8).precomposedStringWithCanonicalMapping)
        }
        let shipped = try String(contentsOf: Repository.url("Sources/PlanKit/Repair/Generated/CorpusStatistics.swift"), encoding: .utf8)
        #expect(RepairData.generatedSource(corpus: corpus) == shipped, "run `swift run plankit-lexicon` and commit the result")
    }
}
