import Foundation
import Testing
@testable import PlanKit

/// A clean plan whose only damage is one OCR letter confusion ("TỶ lệ", "trorng", "Iuật"): the
/// shares ``DamageScreen`` reads do not move, so the confusion's own shape must send the document
/// on (``OCRSignature``), and the OCR pass must put the word back and leave every other line,
/// headings, Roman numerals and abbreviations included, byte-identical.
@Suite struct LoneConfusionTests {
    static let seeds = [
        "001": "Fixtures/seeds/001_43d52928025800ca.txt",
        "002": "Fixtures/seeds/002_0205c601e93a6740.txt",
    ]

    static func lines(_ seed: String) throws -> [String] {
        try SourceText.read(path: Repository.url(seeds[seed]!).path).lines
    }

    /// Real lines of the clean seeds with one confusion put in: (seed, line, clean text, confused text).
    static let cases: [(String, Int, String, String)] = [
        ("001", 55, "Tỷ lệ nữ giám đốc", "TỶ lệ nữ giám đốc"),   // capital: a capital's neighbour
        ("002", 16, "Thực hiện Văn bản", "THực hiện Văn bản"),   // capital, longer word
        ("002", 32, "thức trong công tác", "thức trorng công tác"),  // rn for n
        ("002", 34, "giải pháp một cách", "giải pháp rnột cách"),    // rn for m
        ("002", 103, "pháp luật về", "pháp Iuật về"),            // I for l
        ("001", 37, "II. MỤC TIÊU", "II. MỤC TlÊU"),             // l for I among capitals
    ]

    static func damaged(_ c: (String, Int, String, String)) throws -> (clean: [String], damaged: [String]) {
        let clean = try lines(c.0)
        var damaged = clean
        let line = clean[c.1 - 1]
        #expect(line.contains(c.2), "line \(c.1) of \(c.0): \(line)")
        damaged[c.1 - 1] = line.replacingOccurrences(of: c.2, with: c.3)
        #expect(damaged[c.1 - 1] != line, "\(c.3)")
        return (clean, damaged)
    }

    /// The confused document is no longer taken for clean by the screen, and the analysis turns
    /// the OCR pass on.
    @Test func screenAndAnalysisSeeTheConfusion() {
        forEachRow(Self.cases, named: { $0.3 }) { c in
            let (clean, damaged) = try Self.damaged(c)
            #expect(!DamageScreen.mayBeDamaged(clean), "\(c.3)")
            #expect(DamageScreen.mayBeDamaged(damaged), "\(c.3)")
            let analysis = DocumentAnalysis(lines: damaged, lexicon: Lexicon.shipped)
            #expect(analysis.tokenMode?.contains(.ocr) == true, "\(c.3)")
        }
    }

    /// The word comes back, the repair is logged, and nothing else in the document changes.
    @Test func loneConfusionIsRepaired() {
        forEachRow(Self.cases, named: { $0.3 }) { c in
            let (clean, damaged) = try Self.damaged(c)
            let (repaired, repairs, _) = Repairer.shared.repair(SourceText(path: "t.txt", lines: damaged))
            #expect(repaired.lines.count == clean.count, "\(c.3)")
            for (index, (before, after)) in zip(clean, repaired.lines).enumerated() where before != after {
                Issue.record("\(c.3): line \(index + 1) changed: \(before) → \(after)")
            }
            #expect(repairs.count == 1, "\(c.3): \(repairs)")
            if let repair = repairs.first {
                #expect(repair.line == c.1, "\(c.3)")
                #expect(c.3.contains(repair.original) && c.2.contains(repair.repaired), "\(c.3): \(repair)")
                #expect(repair.kind == "ocr", "\(c.3)")
            }
        }
    }

    /// Lines as clean plans write them: no confusion among them.
    @Test func cleanLinesHaveNoConfusion() {
        let rows: [String] = [
            "III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
            "II. MỤC TIÊU",
            "IV. KINH PHÍ THỰC HIỆN",
            "  KẾ HOẠCH ",
            "UBND huyện Tuần Giáo xây dựng Kế hoạch triển khai công tác Bình",
            "- Sở Lao động - TB&XH tỉnh Sơn La;",
            "Nghị quyết số 28/NQ-CP ngày 03/3/2021 của",
            "Sở LĐTB&XH tỉnh chủ trì",
            "Tuần Giáo, ngày      tháng 3 năm 2022 ",
            "In ấn tài liệu tuyên truyền",
            "trong năm 2030",
        ]
        for line in rows {
            #expect(!OCRSignature.hasConfusion([line], lexicon: Lexicon.shipped), "\(line)")
        }
    }

    /// Clean forms of mixed case the screen lets through (it reads every document `parse` sees):
    /// a word opening with I before a consonant, an abbreviation of a vowel and a consonant, a
    /// title, Roman numerals before small words.
    @Test func screenLetsCleanMixedCaseThrough() {
        let rows: [String] = [
            "In ấn tài liệu tuyên truyền về bình đẳng giới",
            "Ít nhất 30% cán bộ nữ; Im lặng là không được",
            "UB nhân dân xã, TP Sơn La, CP và XH",
            "ThS. Nguyễn Thị Nhàn",
            "Mục II và mục IV của kế hoạch",
        ]
        forEachRow(rows, named: { "\($0)" }) { line in
            let clean = try Self.lines("002")
            #expect(!DamageScreen.mayBeDamaged([line] + clean), "\(line)")
        }
    }

    /// The clean seeds hold none either (the shapes are counted in every document `parse` sees).
    @Test func cleanSeedsHaveNoConfusion() throws {
        for seed in ["001", "002"] {
            #expect(!OCRSignature.hasConfusion(try Self.lines(seed), lexicon: Lexicon.shipped), "seed \(seed)")
        }
    }

    /// An abbreviation in capitals is not split where a space might have been lost: with seed 002
    /// left out of the statistics (as `plankit-eval` does), "LĐTB&XH" (line 325) is no word and
    /// "lđ", "tb" are, but no syllable holds no vowel. It came out "LĐ TB&XH" in OCR documents.
    @Test func abbreviationIsNotSplit() throws {
        let kept = try RepairData.corpusFiles.filter { $0 != Self.seeds["002"]! }
            .map { try String(contentsOf: Repository.url($0), encoding: .utf8) }
        let repairer = Repairer(corpus: kept)
        let (clean, damaged) = try Self.damaged(Self.cases[2])
        #expect(clean[324].contains("LĐTB&XH"))
        let (repaired, repairs, _) = repairer.repair(SourceText(path: "t.txt", lines: damaged))
        #expect(repaired.lines[324] == clean[324], "\(repaired.lines[324])")
        #expect(repairs.contains { $0.line == 32 && $0.original == "trorng" && $0.repaired == "trong" })
    }
}
