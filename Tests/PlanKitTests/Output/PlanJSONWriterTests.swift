import Foundation
import Testing
@testable import PlanKit

/// The direct writer must print exactly what the `Encodable` path prints: same keys, order,
/// nulls, numbers and escapes. A field added to a model but not to `PlanJSONWriter` fails here.
@Suite struct PlanJSONWriterTests {
    static let styles: [PlanJSONEncoder.Style] = [.pretty, .compact]

    func expectSameBytes(_ plan: Plan, _ label: String) throws {
        for style in Self.styles {
            let encoder = PlanJSONEncoder(style: style)
            let direct = try encoder.encode(plan)
            let viaCodable = try encoder.encodeWithCodable(plan)
            if direct != viaCodable {
                let a = Array(direct.utf8), b = Array(viaCodable.utf8)
                let at = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                Issue.record("""
                    \(label) (\(style)): writer and Codable differ at byte \(at):
                      writer:  \(String(decoding: a[max(0, at - 60)..<min(a.count, at + 60)], as: UTF8.self))
                      Codable: \(String(decoding: b[max(0, at - 60)..<min(b.count, at + 60)], as: UTF8.self))
                    """)
            }
        }
    }

    @Test func seedsAsParsedAndNormalised() throws {
        #expect(ArchiveFixtures.seeds.count == 5)
        for seed in ArchiveFixtures.seeds {
            let plan = PlanParser.parse(try SourceText(path: seed.name, bytes: seed.bytes))
            try expectSameBytes(plan, seed.name)
            try expectSameBytes(NationalNormalizer.normalize(plan), seed.name + " normalised")
        }
    }

    /// Every optional filled, every enum case family, numbers and strings that need care.
    @Test func everyFieldFilled() throws {
        let span = SourceSpan(startLine: 3, endLine: 12, startColumn: 7, endColumn: 120)
        let tricky = "quote \" backslash \\ newline \n return \r tab \t bell \u{07} del \u{7F} ls \u{2028} ps \u{2029} Việt – 😀"
        let national = NationalTarget(indicator: "2.3", part: "a", year: 2030, value: 38.6, unit: .per100k,
                                      comparator: .lte, fromYearOn: true, confirmed: false, text: "at least 27%")
        let targets = [
            Target(value: 38.6, unit: .percent, comparator: .gte, year: 2025, fromYearOn: true, baseline: 0.1,
                   text: tricky, span: span, national: national),
            Target(value: 1e20, unit: .times, comparator: .approx, year: nil, baseline: -3, text: "", span: span),
            Target(value: -0.0, unit: .per100Girls, comparator: .lt, year: 0, baseline: .nan, text: "x", span: span),
            Target(value: 999_999_999_999_999, unit: .per1k, comparator: .gt, year: -1, baseline: 1e-7, text: "y", span: span),
            Target(value: .infinity, unit: .count, comparator: .eq, year: Int.max, baseline: 123456789.125, text: "z", span: span),
        ]
        let header = Header(documentType: "KẾ HOẠCH", number: "645/KH-UBND", symbol: "KH-UBND", issuer: tricky,
                            issuerSource: .enactingClause, place: "Bình Lư", date: PlanDate(year: 2026, month: nil, day: 10),
                            title: "t", period: Period(from: 2021, to: 2030), locality: Locality(level: .commune, name: "Bình Lư"),
                            basis: [BasisDocument(kind: "Kế hoạch", number: "1303/KH-UBND", date: PlanDate(year: nil, month: nil, day: nil),
                                                  issuer: nil, text: tricky, span: span),
                                    BasisDocument(kind: "Nghị quyết", number: nil, date: nil, issuer: "UBND", text: "", span: span)])
        let block = TextBlock(role: .basis, marker: "2.1.", text: tricky, span: span)
        let leaf = Section(label: "1", marker: "1.", heading: "h", kind: nil, span: span)
        let plan = Plan(
            source: SourceInfo(path: "a/\"b\".txt", lineCount: 0, encoding: "windows-1258", normalizedToNFC: true),
            header: header,
            preamble: [block, TextBlock(role: .motto, text: "", span: span)],
            sections: [Section(label: "I", marker: "I.", heading: tricky, kind: .reporting, span: span,
                               children: [leaf, leaf], paragraphs: [block])],
            objectives: [Objective(number: 2, title: "o", domain: .familyGBV, span: span,
                                   indicators: [Indicator(id: "MT2.CT1", number: 1, text: tricky, span: span, targets: targets,
                                                          nationalId: "2.1"),
                                                Indicator(id: "MT2.CT2", number: 2, text: "", span: span)],
                                   solutions: [block]),
                         Objective(number: -5, title: "", domain: nil, span: span)],
            responsibilities: [Responsibility(agency: tricky, duties: ["a", tricky], reportsOn: ["MT1.CT1"], supportsOn: [], span: span)],
            reporting: [ReportingDeadline(kind: .semiannual, day: 8, month: 6, year: 2022, text: "t", span: span),
                        ReportingDeadline(kind: .other, day: nil, month: nil, year: nil, text: "", span: span)],
            signature: Signature(onBehalf: "TM. ỦY BAN NHÂN DÂN", delegation: nil, title: "PHÓ CHỦ TỊCH", name: tricky, span: span),
            recipients: [tricky, "Lưu: VT."],
            closing: [block],
            unclassified: [TextBlock(role: .pageNumber, text: "9", span: span)],
            repairs: [Repair(line: 4, column: 1, original: "C ỉ", repaired: "Chỉ", kind: "lost-glyph", confidence: 0.875),
                      Repair(line: 5, column: 9, original: tricky, repaired: "", kind: "", confidence: 1)],
            diagnostics: [Diagnostic(.missingNumber, tricky, span: span),
                          Diagnostic(.missingIssuer, "m", span: nil, severity: .error, hint: nil)])
        try expectSameBytes(plan, "every field")
        try expectSameBytes(Plan(source: SourceInfo(path: "", lineCount: 0)), "empty plan")
        // The escapes themselves, spelled out once so both paths cannot drift together.
        let json = try PlanJSONEncoder(style: .compact).encode(plan)
        #expect(json.contains(#""quote \" backslash \\ newline \n return \r tab \t bell \u0007 del \u007f ls \u2028 ps \u2029 Việt – 😀""#))
        #expect(json.contains(#""value":1e+20"#))
        #expect(json.contains(#""baseline":null"#))
    }
}
