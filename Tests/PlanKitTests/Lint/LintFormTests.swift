import Foundation
import Testing
@testable import PlanKit

/// The forms plans write a part in, each against the rule that looks for it: the rule fires on the
/// defect and stays silent on every valid form. Each case is Fixtures/lint/clean.txt (a complete
/// 2021–2025 commune plan with no findings) with one passage replaced.
@Suite struct LintFormTests {
    static let fundingSection = "III. KINH PHÍ THỰC HIỆN\nKinh phí thực hiện từ ngân sách xã.\n"

    /// The findings of `rule` on the clean plan with `passage` replaced by `replacement`.
    static func findings(_ rule: LintRule, replacing passage: String, with replacement: String,
                         plan transform: (inout Plan) -> Void = { _ in }) throws -> [LintFinding] {
        let clean = try String(contentsOf: Repository.url("Fixtures/lint/clean.txt"), encoding: .utf8)
        #expect(passage.isEmpty || clean.contains(passage), "the clean plan has no passage \(passage)")
        let text = passage.isEmpty ? clean : clean.replacingOccurrences(of: passage, with: replacement)
        let source = SourceText(path: "form.txt", text: text)
        var plan = PlanParser.parse(source)
        transform(&plan)
        return Linter.lint(source, plan: plan).filter { $0.rule == rule }
    }

    @Test func fundingWhereverPlansPutIt() {
        let rows: [(replacement: String, severity: Diagnostic.Severity?)] = [
            // A Roman section in other wordings.
            ("III. NGUỒN KINH PHÍ\nTừ ngân sách xã.\n", nil as Diagnostic.Severity?),
            ("III. KINH PHÍ VÀ NGUỒN LỰC THỰC HIỆN\nTừ ngân sách xã và nguồn xã hội hóa.\n", nil),
            ("III. KINH PHÍ\nDo ngân sách xã bảo đảm.\n", nil),
            // A numbered item inside another section, and a paragraph heading.
            ("3. Kinh phí thực hiện\nTừ ngân sách xã được giao hằng năm.\n", nil),
            ("Kinh phí thực hiện:\nTừ ngân sách xã được giao hằng năm.\n", nil),
            ("Nguồn kinh phí: ngân sách xã được giao hằng năm.\n", nil),
            // A sentence in the tasks that says where the money comes from.
            ("3. Bố trí kinh phí thực hiện từ ngân sách xã và các nguồn huy động hợp pháp khác.\n", nil),
            // Only an agency's duty names it: a part of its own is missing, but the plan is funded.
            ("", .warning),
        ]
        forEachRow(rows, named: { $0.replacement.debugDescription }) { replacement, severity in
            let duty = "- Tham mưu bố trí kinh phí thực hiện Kế hoạch trong dự toán ngân sách xã."
            let found = try Self.findings(.missingRequiredPart, replacing: Self.fundingSection, with: replacement)
            let withDuty = try Self.findings(.missingRequiredPart, replacing: Self.fundingSection + "\nIV. TỔ CHỨC THỰC HIỆN\n1. Công chức Văn hóa - Xã hội\n",
                                             with: replacement + "\nIV. TỔ CHỨC THỰC HIỆN\n1. Công chức Văn hóa - Xã hội\n" + duty + "\n")
            #expect(found.map(\.severity) == (severity == nil ? [] : [.error]), "\(replacement.debugDescription) without the duty")
            #expect(withDuty.map(\.severity) == (severity.map { [$0] } ?? []), "\(replacement.debugDescription) with the duty")
        }
    }

    @Test func aShareWithoutItsPercentSign() {
        let rows: [(passage: String, replacement: String, fires: Bool)] = [
            ("lên đạt 50% vào năm 2025", "lên đạt 5096 vào năm 2025", true),
            ("lên đạt 50% vào năm 2025", "lên đạt 5096 lao động nữ vào năm 2025", true),
            ("lên đạt 50% vào năm 2025", "lên đạt 650 vào năm 2025", true),
            ("lên đạt 50% vào năm 2025", "lên đạt 50% (1.250 lao động nữ) vào năm 2025", false),
            ("lên đạt 50% vào năm 2025", "lên đạt 50% vào năm 2025, tức 1.250 lao động nữ", false),
            // Outside a share's words: only a number no one writes so ("3096", no thousands dot, no year).
            ("Tăng tỷ lệ lao động nữ làm công hưởng lương lên đạt 50% vào năm 2025", "Có trên 3096 nữ đại biểu Hội đồng nhân dân xã vào năm 2025", true),
            ("Tăng tỷ lệ lao động nữ làm công hưởng lương lên đạt 50% vào năm 2025", "Có trên 1.296 nữ được tập huấn vào năm 2025", false),
            ("Tăng tỷ lệ lao động nữ làm công hưởng lương lên đạt 50% vào năm 2025", "Có 650 nữ được tập huấn vào năm 2025", false),
        ]
        forEachRow(rows, named: { "\($0.replacement)" }) { passage, replacement, fires in
            let found = try Self.findings(.unitMismatch, replacing: passage, with: replacement)
            #expect(found.count == (fires ? 1 : 0), "\(replacement)")
            #expect(found.allSatisfy { $0.severity == .warning && $0.span.startLine == 17 }, "\(replacement)")
            // The parse itself says so too (PK011), whether or not the plan is linted.
            let clean = try String(contentsOf: Repository.url("Fixtures/lint/clean.txt"), encoding: .utf8)
            let plan = PlanParser.parse(SourceText(path: "form.txt", text: clean.replacingOccurrences(of: passage, with: replacement)))
            #expect(plan.diagnostics.filter { $0.rule == "PK011" }.count == (fires ? 1 : 0), "\(replacement)")
        }
    }

    @Test func reportingDeadline() {
        let rows: [(passage: String, replacement: String, severity: Diagnostic.Severity?)] = [
            // Forms the parser reads: no finding at all.
            ("hằng năm trước ngày 25/11.", "định kỳ 6 tháng trước ngày 15 tháng 6 và hằng năm trước ngày 20 tháng 11.", nil as Diagnostic.Severity?),
            ("hằng năm trước ngày 25/11.", "hằng năm trước ngày 25/11/2025.", nil),
            // A date the parser cannot read: a note, not a warning.
            ("hằng năm trước ngày 25/11.", "trước ngày 05 của tháng cuối mỗi quý.", .note),
            // No date at all: the deadline is missing.
            ("hằng năm trước ngày 25/11.", "khi có yêu cầu.", .warning),
        ]
        forEachRow(rows, named: { "\($0.replacement)" }) { passage, replacement, severity in
            let found = try Self.findings(.missingReportingDeadline, replacing: passage, with: replacement)
            #expect(found.map(\.severity) == (severity.map { [$0] } ?? []), "\(replacement)")
        }
    }

    @Test func placeOfIssue() {
        let rows: [(passage: String, replacement: String, severity: Diagnostic.Severity?)] = [
            ("Bình Lư, ngày 5", "Bình Lư, ngày 5", nil as Diagnostic.Severity?),
            // The comma missing: the place is there, in a form the parser does not read.
            ("Bình Lư, ngày 5", "Bình Lư ngày 5", .note),
            ("Bình Lư, ngày 5", "ngày 5", .warning),
        ]
        forEachRow(rows, named: { "\($0.replacement)" }) { passage, replacement, severity in
            let found = try Self.findings(.missingPlace, replacing: passage, with: replacement)
            #expect(found.map(\.severity) == (severity.map { [$0] } ?? []), "\(replacement)")
        }
    }

    /// What the rules say when the parse misses a part the text holds, simulated by taking the part
    /// out of the parsed plan: a note that they could not check, never a warning.
    @Test func partsThatThePlanHoldsButTheParseMissedAreNotes() throws {
        let owners = try Self.findings(.indicatorWithoutOwner, replacing: "", with: "") { $0.responsibilities = [] }
        #expect(owners.map(\.severity) == [.note, .note, .note])
        #expect(owners.allSatisfy { $0.message.hasPrefix("could not check") && $0.span.startLine == 29 })
        let signer = try Self.findings(.incompleteSignature, replacing: "", with: "") { $0.signature = nil }
        #expect(signer.map(\.severity) == [.note])
        // With the name gone from the text too, the signature is incomplete.
        let unsigned = try Self.findings(.incompleteSignature, replacing: "Nguyễn Văn An", with: "") { $0.signature = nil }
        #expect(unsigned.map(\.severity) == [.warning])
    }

    @Test func yearlyRatesNeedNoYear() {
        let rows: [String] = ["giảm bình quân 10%/năm", "giảm 10% mỗi năm", "hằng năm giảm 10%", "giảm bình quân mỗi năm 10%"]
        forEachRow(rows, named: { "\($0)" }) { rate in
            let found = try Self.findings(.targetWithoutYear, replacing: "lên đạt 50% vào năm 2025", with: rate)
            #expect(found.isEmpty, "\(rate)")
            let bare = try Self.findings(.targetWithoutYear, replacing: "lên đạt 50% vào năm 2025", with: "lên đạt 50%")
            #expect(bare.count == 1, "\(rate)")
        }
    }
}
