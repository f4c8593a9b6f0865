import Testing
@testable import PlanKit

/// Targets read from one indicator sentence.
private func targets(_ sentence: String) -> [Target] {
    let block = Lexer.lex(SourceText(path: "t", text: sentence))[0]
    return TargetParser.parse(block, range: 0..<block.text.count).targets
}

/// A compact view of a target for table rows: value, unit, comparator, year, fromYearOn, baseline.
struct T: Equatable, CustomStringConvertible {
    var value: Double, unit: TargetUnit, comparator: Comparator, year: Int?, from: Bool = false, baseline: Double? = nil
    init(_ value: Double, _ unit: TargetUnit, _ comparator: Comparator, _ year: Int?, from: Bool = false, baseline: Double? = nil) {
        self.value = value; self.unit = unit; self.comparator = comparator; self.year = year; self.from = from; self.baseline = baseline
    }
    init(_ t: Target) { self.init(t.value, t.unit, t.comparator, t.year, from: t.fromYearOn, baseline: t.baseline) }
    var description: String { "\(value) \(unit.rawValue) \(comparator.rawValue) \(year.map(String.init) ?? "nil")\(from ? "+" : "")\(baseline.map { " from \($0)" } ?? "")" }
}

@Suite struct TargetFormTests {
    @Test func readsTargets() {
        let rows: [(sentence: String, expected: [T])] = [
            // numbers: decimal comma, thousands dot, leading zero
            ("Tỷ lệ tử vong bà mẹ giảm còn 38,6/100.000 trẻ đẻ sống.", [T(38.6, .per100k, .eq, nil)]),
            ("giảm xuống ở mức 50,15/100.000 vào năm 2030.", [T(50.15, .per100k, .eq, 2030)]),
            ("Mỗi quý có ít nhất 04 tin, bài về bình đẳng giới.", [T(4, .count, .gte, nil)]),
            ("Tỷ suất sinh giảm xuống dưới 18/1.000 vào năm 2030.", [T(18, .per1k, .lt, 2030)]),
            ("còn 1,4 lần vào năm 2030 so với nam giới.", [T(1.4, .times, .eq, 2030)]),
            ("dưới 109 bé trai/100 bé gái sinh ra sống vào năm 2030.", [T(109, .per100Girls, .lt, 2030)]),
            // comparators
            ("đạt 40% vào năm 2030.", [T(40, .percent, .eq, 2030)]),
            ("ở mức 114,2 bé trai/100 bé gái.", [T(114.2, .per100Girls, .eq, nil)]),
            ("lên đạt trên 40% vào năm 2030.", [T(40, .percent, .gt, 2030)]),
            ("đạt ít nhất 30% vào năm 2030.", [T(30, .percent, .gte, 2030)]),
            ("đạt không dưới 39,5% vào năm 2030.", [T(39.5, .percent, .gte, 2030)]),
            ("đạt từ 50% trở lên.", [T(50, .percent, .gte, nil)]),
            ("đạt 85% trở lên.", [T(85, .percent, .gte, nil)]),
            ("xuống dưới 60% vào năm 2030.", [T(60, .percent, .lt, 2030)]),
            ("giảm còn <48/100.000 trẻ đẻ sống vào năm 2025.", [T(48, .per100k, .lt, 2025)]),
            ("chi phí không quá 5% tổng kinh phí.", [T(5, .percent, .lte, nil)]),
            ("đạt khoảng 98% vào năm 2025.", [T(98, .percent, .approx, 2025)]),
            // years: after, before, from-on, none, several
            ("Đến năm 2030 đạt 70% các cơ quan.", [T(70, .percent, .eq, 2030)]),
            ("đạt ít nhất 25% từ năm 2025 trở đi.", [T(25, .percent, .gte, 2025, from: true)]),
            ("Từ năm 2025 trở đi 80% tổ chức Đảng.", [T(80, .percent, .eq, 2025, from: true)]),
            ("100% số nạn nhân được hỗ trợ.", [T(100, .percent, .eq, nil)]),
            ("đạt 60% vào năm 2025 và 75% vào năm 2030.", [T(60, .percent, .eq, 2025), T(75, .percent, .eq, 2030)]),
            ("Đến năm 2025 đạt 80% và đến 2030 đạt 90% người bị bạo lực.", [T(80, .percent, .eq, 2025), T(90, .percent, .eq, 2030)]),
            ("Đến năm 2025 có 70% và năm 2030 có 100% cơ sở.", [T(70, .percent, .eq, 2025), T(100, .percent, .eq, 2030)]),
            ("80% người bị bạo lực …; 70% người gây bạo lực …", [T(80, .percent, .eq, nil), T(70, .percent, .eq, nil)]),
            ("đến năm 2030, tỉnh có ít nhất một cơ sở y tế.", [T(1, .count, .gte, 2030)]),
            // baseline
            ("giảm từ 23 ca sinh/1.000 phụ nữ xuống 18/1.000 vào năm 2025.", [T(18, .per1k, .eq, 2025, baseline: 23)]),
            // citations, dates and periods are not targets
            ("ở mức 114,2 bé trai/100 bé gái vào năm 2025 (theo Quyết định số 855/QĐ-UBND ngày 28/4/2020 giai đoạn 2020-2025).",
             [T(114.2, .per100Girls, .eq, 2025)]),
            ("theo Quyết định số 886/QĐ-SYT ngày 16/12/2020 giai đoạn 2021-2025.", []),
            ("được tiếp cận ít nhất một trong các dịch vụ hỗ trợ.", []),
            ("Đưa nội dung về giới vào chương trình giảng dạy.", []),
            ("kế hoạch 5 năm của huyện.", []),
        ]
        for (sentence, expected) in rows {
            #expect(targets(sentence).map(T.init) == expected, "\(sentence)")
        }
    }

    @Test func targetTextAndSpanPointAtTheClause() {
        let found = targets("Chỉ tiêu 1: Tăng tỷ lệ lên đạt trên 40% vào năm 2030.")
        #expect(found.map(\.text) == ["trên 40% vào năm 2030"])
        #expect(found.first?.span == SourceSpan(startLine: 1, endLine: 1, startColumn: 32, endColumn: 53))
    }

    @Test func aNumberTooLongToHoldIsReportedNotInvented() {
        let plan = parse("""
            II. MỤC TIÊU
            1. Mục tiêu 1: Trong lĩnh vực chính trị
            Chỉ tiêu 1: đạt 999999999999999999999% vào năm 2030.
            Chỉ tiêu 2: đạt \(String(repeating: "9", count: 5000))% vào năm 2030.
            """)
        #expect(plan.objectives.first?.indicators.flatMap(\.targets).isEmpty == true)
        #expect(plan.diagnostics.filter { $0.rule == "PK011" }.count == 2)
    }

    @Test func readsVietnameseNumbers() {
        let rows: [(text: String, value: Double)] = [
            ("38,6", 38.6), ("100.000", 100_000), ("04", 4), ("1.000", 1_000), ("99,9", 99.9), ("1.000.000", 1_000_000), ("2.5", 2.5),
        ]
        for (text, value) in rows {
            let scalars = ScalarText(text)
            #expect(NumberReading.value(scalars, 0..<scalars.count) == value, "\(text)")
        }
    }
}

@Suite struct ReferenceFormTests {
    struct R: Equatable, CustomStringConvertible {
        var objective: Int, indicators: [Int], lead: Bool
        init(_ objective: Int, _ indicators: [Int], lead: Bool = true) { self.objective = objective; self.indicators = indicators; self.lead = lead }
        var description: String { "MT\(objective)\(indicators) \(lead ? "lead" : "support")" }
    }

    @Test func readsReferences() {
        let rows: [(text: String, expected: [R])] = [
            ("Chịu trách nhiệm báo cáo chỉ tiêu 1, 2 của mục tiêu 2; chỉ tiêu 2 (số liệu về bạo lực gia đình), 3, 4 của mục tiêu 3.",
             [R(2, [1, 2]), R(3, [2, 3, 4])]),
            ("Chủ trì thực hiện chỉ tiêu 1, 2 - mục tiêu 2; chỉ tiêu 3 - mục tiêu 5", [R(2, [1, 2]), R(5, [3])]),
            ("Chịu trách nhiệm báo cáo kết quả triển khai Mục tiêu 1; chỉ tiêu 1, 2 của mục tiêu 6", [R(1, []), R(6, [1, 2])]),
            ("báo cáo kết quả triển khai các chỉ tiêu của mục tiêu 05 của Kế hoạch này.", [R(5, [])]),
            ("báo cáo kết quả triển khai các chỉ tiêu 1,2 - mục tiêu 5 của Kế hoạch này.", [R(5, [1, 2])]),
            ("Theo dõi và báo cáo chỉ tiêu của mục tiêu 1; phối hợp với phòng Giáo dục thực hiện chỉ tiêu 3, 4 của mục tiêu 5",
             [R(1, []), R(5, [3, 4], lead: false)]),
            ("Phối hợp với phòng Tư pháp theo dõi và báo cáo kết quả triển khai chỉ tiêu 1 mục tiêu 6.", [R(6, [1], lead: false)]),
            ("Tổ chức thực hiện các mục tiêu bình đẳng giới.", []),
        ]
        for (text, expected) in rows {
            let block = Lexer.lex(SourceText(path: "t", text: text))[0]
            let got = ReferenceReader.read(block).map { R($0.objective, $0.indicators, lead: $0.role == .lead) }
            #expect(got == expected, "\(text)")
        }
    }
}
