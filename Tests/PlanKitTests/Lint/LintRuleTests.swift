import Foundation
import Testing
@testable import PlanKit

/// Every rule has a minimal plan that triggers it and one that does not; the whole text output of
/// each is compared with `Fixtures/lint/expected/`.
@Suite struct LintRuleTests {
    @Test func fixtureOutputMatches() {
        forEachRow(LintHarness.ruleFixtures, named: { "\($0)" }) { name in
            let output = try LintHarness.text("Fixtures/lint/" + name)
            try LintHarness.expectGolden(output, "Fixtures/lint/expected/" + name)
            let id = String(name.prefix(5))
            if name == "clean.txt" {
                #expect(output == "no findings in 1 file\n", "\(name)")
            } else if name.hasSuffix("-passes.txt") {
                #expect(!output.contains("[\(id)/"), "\(name) must not trigger \(id)")
            } else {
                #expect(output.contains("[\(id)/"), "\(name) must trigger \(id)")
            }
        }
    }

    /// Empty and blank files lint (everything is missing) without crashing: an annual plan's three
    /// parts (or a multi-year plan's five, once an objective shows), the header's number, place,
    /// type and title, the signature, the recipients and the reporting deadline are reported missing.
    @Test func degenerateInputsLint() {
        let nothing = ["PK103", "PK103", "PK103", "PK110", "PK111", "PK113", "PK114", "PK115", "PK116", "PK140"]
        let rows: [(text: String, rules: [String], summary: String)] = [
            ("", nothing, "5 errors and 5 warnings in 1 file"),
            ("\n\n  \n", nothing, "5 errors and 5 warnings in 1 file"),
            ("KẾ HOẠCH", nothing.filter { $0 != "PK113" }, "4 errors and 5 warnings in 1 file"),
            ("I. MỤC TIÊU\n2.1. Mục tiêu 1",
             ["PK103", "PK103", "PK103", "PK103", "PK103", "PK110", "PK111", "PK113", "PK114", "PK140", "PK115", "PK116", "PK123"],
             "7 errors and 6 warnings in 1 file"),
        ]
        for (text, rules, summary) in rows {
            let source = SourceText(path: "x.txt", text: text)
            let findings = Linter.lint(source, plan: PlanParser.parse(source))
            #expect(findings.map(\.rule.id) == rules, "\(text.debugDescription)")
            #expect(findings.allSatisfy { $0.span.startLine >= 1 && $0.span.startColumn >= 1 }, "\(text.debugDescription)")
            #expect(LintFormat.text.render(LintReport(files: [("x.txt", source.lines)], findings: findings)).hasSuffix("\n" + summary + "\n"),
                    "\(text.debugDescription)")
        }
    }

    /// Lint reads the national ids the parser gave (it does not match the indicators again): a plan whose
    /// ids were taken away has nothing to compare with the national targets.
    @Test func lintUsesTheParsersNormalisation() throws {
        let source = try SourceText(path: "w.txt", bytes: [UInt8](Data(contentsOf: Repository.url("Fixtures/lint/PK134-weaker-than-national.txt"))))
        let plan = PlanParser.parse(source)
        #expect(Linter.lint(source, plan: plan).map(\.rule) == [.weakerThanNational])
        var stripped = plan
        for o in stripped.objectives.indices {
            for i in stripped.objectives[o].indicators.indices {
                stripped.objectives[o].indicators[i].nationalId = nil
                for t in stripped.objectives[o].indicators[i].targets.indices { stripped.objectives[o].indicators[i].targets[t].national = nil }
            }
        }
        #expect(Linter.lint(source, plan: stripped).isEmpty)
        #expect(Linter.lint(source, plan: NationalNormalizer.normalize(stripped)).map(\.rule) == [.weakerThanNational])
    }

    @Test func everyRuleHasATriggeringFixture() {
        for rule in LintRule.all {
            #expect(LintHarness.ruleFixtures.contains("\(rule.qualifiedName.replacingOccurrences(of: "/", with: "-")).txt"),
                    "no fixture Fixtures/lint/\(rule.id)-\(rule.name).txt")
        }
    }

    /// The near miss beside each trigger: the same plan with the form the rule must accept.
    @Test func everyRuleHasAPassingFixture() {
        for rule in LintRule.all {
            #expect(LintHarness.ruleFixtures.contains { $0.hasPrefix(rule.id + "-") && $0.hasSuffix("-passes.txt") },
                    "no fixture Fixtures/lint/\(rule.id)-\(rule.name)-passes.txt")
        }
    }

    @Test func ruleIdsAndNamesAreUnique() {
        #expect(Set(LintRule.all.map(\.id)).count == LintRule.all.count)
        #expect(Set(LintRule.all.map(\.name)).count == LintRule.all.count)
        #expect(LintRule.all == LintRule.all.sorted())
    }

    @Test func deadlineDates() {
        let rows: [(month: Int, year: Int?, day: Int, problem: String?)] = [
            (2, nil as Int?, 29, nil as String?), (2, 2023, 29, "month 2 has 28 days in 2023"), (2, 2024, 29, nil),
            (11, nil, 31, "month 11 has 30 days"), (13, nil, 1, "there is no month 13"), (12, nil, 31, nil),
        ]
        for (month, year, day, problem) in rows {
            let deadline = ReportingDeadline(kind: .annual, day: day, month: month, year: year, text: "", span: SourceSpan(startLine: 1, endLine: 1))
            #expect(ReportingRules.invalid(deadline) == problem, "day \(day) month \(month) year \(String(describing: year))")
        }
    }

    @Test func detectsDamage() {
        let rows: [(line: String, kind: DamageRules.Kind)] = [
            ("C ỉ t êu 1: Tăn  tỷ l  lao đ n  nữ", DamageRules.Kind.droppedLetters),
            ("Chá»‰ tiÃªu 1", .mojibake),
            ("ChØ tiªu 1: T¨ng tû lÖ", .legacyEncoding),
            ("Chỉ ti\u{FFFD}u 1", .replacementCharacters),
        ]
        for (line, kind) in rows {
            #expect(DamageRules.inspect(line, number: 1)?.kinds.contains(kind) == true, "\(line)")
        }
    }

    @Test func intactLinesAreNotDamaged() {
        let rows: [String] = [
            "- UBND tỉnh (B/c);", "- Sở LĐTB&XH (B/c);", "b) Tổ chức hội thi tìm hiểu pháp luật.",
            "phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá”.", "Lưu: VT, LĐTBXH (TT).",
            // Markup, table rules and addresses are no lost letters.
            "| **ỦY BAN NHÂN DÂN<br>HUYỆN MƯỜNG KHOA**<br>-------<br>Số: 58 /KH-UBND | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>——— |",
            "| **Nơi nhận:**<br>- Sở LĐ-TB&XH tỉnh;<br>- TT Huyện ủy;<br>- Lưu: VT. | **KT. CHỦ TỊCH**<br>**PHÓ CHỦ TỊCH** |",
            "Xem tại https://www.molisa.gov.vn/bgd/chi-tiet và gửi về ttbdg@molisa.gov.vn trước ngày 15/6.",
            "<p><b>Chỉ tiêu 1:</b> Tăng tỷ lệ lao động nữ</p>",
        ]
        for line in rows {
            #expect(DamageRules.inspect(line, number: 1) == nil, "\(line)")
        }
    }
}
