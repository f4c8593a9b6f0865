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
    @Test(arguments: [
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
    ] as [(String, [T])])
    func readsTargets(sentence: String, expected: [T]) {
        #expect(targets(sentence).map(T.init) == expected, "\(sentence)")
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

    @Test(arguments: [
        ("38,6", 38.6), ("100.000", 100_000), ("04", 4), ("1.000", 1_000), ("99,9", 99.9), ("1.000.000", 1_000_000), ("2.5", 2.5),
    ] as [(String, Double)])
    func readsVietnameseNumbers(text: String, value: Double) {
        let scalars = ScalarText(text)
        #expect(NumberReading.value(scalars, 0..<scalars.count) == value)
    }
}

@Suite struct ReferenceFormTests {
    struct R: Equatable, CustomStringConvertible {
        var objective: Int, indicators: [Int], lead: Bool
        init(_ objective: Int, _ indicators: [Int], lead: Bool = true) { self.objective = objective; self.indicators = indicators; self.lead = lead }
        var description: String { "MT\(objective)\(indicators) \(lead ? "lead" : "support")" }
    }

    @Test(arguments: [
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
    ] as [(String, [R])])
    func readsReferences(text: String, expected: [R]) {
        let block = Lexer.lex(SourceText(path: "t", text: text))[0]
        let got = ReferenceReader.read(block).map { R($0.objective, $0.indicators, lead: $0.role == .lead) }
        #expect(got == expected, "\(text)")
    }
}

@Suite struct HeaderFormTests {
    @Test(arguments: [
        ("Bình Lư, ngày 10 tháng 4 năm 2026", "Bình Lư", PlanDate(year: 2026, month: 4, day: 10)),
        ("Tuần Giáo, ngày      tháng 3 năm 2022", "Tuần Giáo", PlanDate(year: 2022, month: 3, day: nil)),
        ("Bắc Yên, ngày tháng 7 năm 2021", "Bắc Yên", PlanDate(year: 2021, month: 7, day: nil)),
        ("Lâm Đồng, ngày   tháng   năm 2021", "Lâm Đồng", PlanDate(year: 2021, month: nil, day: nil)),
    ] as [(String, String, PlanDate)])
    func readsPlaceAndDate(line: String, place: String, date: PlanDate) {
        let plan = parse("Số: 1/KH-UBND\n\(line)\nKẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2022\n")
        #expect(plan.header.place == place)
        #expect(plan.header.date == date)
    }

    @Test(arguments: [
        ("Số: 645/KH-UBND", "645/KH-UBND", "KH-UBND"),
        ("Số: /KH-UBND", nil, "KH-UBND"),
        ("Số:  /KH-UBND", nil, "KH-UBND"),
        ("Số: 1782/QĐ-UBND", "1782/QĐ-UBND", "QĐ-UBND"),
    ] as [(String, String?, String?)])
    func readsNumberAndSymbol(line: String, number: String?, symbol: String?) {
        let plan = parse("\(line)\nBình Lư, ngày 10 tháng 4 năm 2026\nKẾ HOẠCH\nVề bình đẳng giới\n")
        #expect(plan.header.number == number)
        #expect(plan.header.symbol == symbol)
    }

    @Test(arguments: [
        ("Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2026-2030 trên địa bàn xã Bình Lư", 2026, 2030, Locality.Level.commune, "Bình Lư"),
        ("Thực hiện Chiến lược quốc gia về bình đẳng giới tỉnh Quảng Trị, giai đoạn 2021 - 2030", 2021, 2030, .province, "Quảng Trị"),
        ("Triển khai công tác Bình đẳng giới năm 2022 trên địa bàn huyện Tuần Giáo", 2022, 2022, .district, "Tuần Giáo"),
        ("Bình đẳng giới giai đoạn 2021-2025 trên địa bàn thị xã Quảng Trị", 2021, 2025, .district, "Quảng Trị"),
        ("Bình đẳng giới giai đoạn 2021-2025 trên địa bàn thành phố Hà Nội", 2021, 2025, .province, "Hà Nội"),
    ] as [(String, Int, Int, Locality.Level, String)])
    func readsPeriodAndLocality(title: String, from: Int, to: Int, level: Locality.Level, name: String) {
        let plan = parse("Số: 1/KH-UBND\nBình Lư, ngày 10 tháng 4 năm 2026\nKẾ HOẠCH\n\(title)\n")
        #expect(plan.header.title == title)
        #expect(plan.header.period == Period(from: from, to: to))
        #expect(plan.header.locality == Locality(level: level, name: name))
    }

    @Test func readsTheBasisDocument() {
        let plan = parse("""
            KẾ HOẠCH
            Thực hiện Chiến lược quốc gia về bình đẳng giới

            Thực hiện Kế hoạch số 1303/KH-UBND ngày 6/5/2021 của UBND tỉnh Điện Biên về việc thực hiện Chiến lược; UBND huyện Tuần Giáo ban hành Kế hoạch như sau:
            """)
        let basis = plan.header.basis
        #expect(basis.count == 1)
        #expect(basis.first?.kind == "Kế hoạch")
        #expect(basis.first?.number == "1303/KH-UBND")
        #expect(basis.first?.date == PlanDate(year: 2021, month: 5, day: 6))
        #expect(basis.first?.issuer == "UBND tỉnh Điện Biên")
        #expect(plan.header.issuer == "UBND huyện Tuần Giáo")
        #expect(plan.header.issuerSource == .enactingClause)
    }
}

/// Layouts the seeds do not show: headers as table cells, CRLF, NFD, BOM.
@Suite struct LayoutTests {
    static let plainHeader = """
        ỦY BAN NHÂN DÂN
        TỈNH BẠC LIÊU
        Số: 71/KH-UBND
        Bạc Liêu, ngày 29 tháng 4 năm 2021
        KẾ HOẠCH
        Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2025 trên địa bàn tỉnh Bạc Liêu
        I. MỤC TIÊU
        """

    static func assertBacLieuHeader(_ header: Header, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(header.number == "71/KH-UBND", sourceLocation: sourceLocation)
        #expect(header.symbol == "KH-UBND", sourceLocation: sourceLocation)
        #expect(header.place == "Bạc Liêu", sourceLocation: sourceLocation)
        #expect(header.date == PlanDate(year: 2021, month: 4, day: 29), sourceLocation: sourceLocation)
        #expect(header.documentType == "KẾ HOẠCH", sourceLocation: sourceLocation)
        #expect(header.locality == Locality(level: .province, name: "Bạc Liêu"), sourceLocation: sourceLocation)
        #expect(header.period == Period(from: 2021, to: 2025), sourceLocation: sourceLocation)
    }

    @Test func plainLines() {
        let plan = parse(Self.plainHeader)
        Self.assertBacLieuHeader(plan.header)
        #expect(plan.header.issuer == "ỦY BAN NHÂN DÂN TỈNH BẠC LIÊU")
    }

    @Test func inlineTableCells() {
        let plan = parse("""
            ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
            TỈNH BẠC LIÊU | Độc lập - Tự do - Hạnh phúc |
            Số: 71/KH-UBND | Bạc Liêu, ngày 29 tháng 4 năm 2021 |

            KẾ HOẠCH
            Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2025 trên địa bàn tỉnh Bạc Liêu
            I. MỤC TIÊU
            """)
        Self.assertBacLieuHeader(plan.header)
        #expect(plan.header.issuer == "ỦY BAN NHÂN DÂN TỈNH BẠC LIÊU")
        #expect(plan.preamble.filter { $0.role == .motto }.count == 2)
    }

    @Test func oneCellPerLineWithNamesWrappedMidCell() {
        let plan = parse("""
            |
            ỦY BAN NHÂN DÂN
            TỈNH LÂM ĐỒNG
            |
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            |
            Số:
            1782/QĐ-UBND
            |
            Lâm
            Đồng, ngày 5 tháng 8 năm 2021
            |

            KẾ HOẠCH
            Thực hiện công tác bình đẳng giới năm 2021 trên địa bàn tỉnh Lâm Đồng
            """)
        #expect(plan.header.number == "1782/QĐ-UBND")
        #expect(plan.header.place == "Lâm Đồng")
        #expect(plan.header.date == PlanDate(year: 2021, month: 8, day: 5))
        #expect(plan.header.issuer == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")
        #expect(plan.header.period == Period(from: 2021, to: 2021))
    }

    @Test func crlfNFDAndBOMReadLikePlainUTF8() throws {
        let reference = PlanParser.parse(SourceText(path: "t", text: Self.plainHeader))
        let crlf = Self.plainHeader.replacingOccurrences(of: "\n", with: "\r\n")
        let nfd = Self.plainHeader.decomposedStringWithCanonicalMapping
        for bytes in [Array(crlf.utf8), Array(nfd.utf8), [0xEF, 0xBB, 0xBF] + Array(Self.plainHeader.utf8)] {
            let plan = PlanParser.parse(try SourceText(path: "t", bytes: bytes))
            #expect(plan.header == reference.header)
            #expect(plan.sections == reference.sections)
        }
    }
}

@Suite struct MarkerTests {
    @Test(arguments: [
        ("I. MỤC ĐÍCH", "I."), ("IV. KINH PHÍ", "IV."), ("2.1. Mục tiêu 1", "2.1."), ("2.1.1. Các chỉ tiêu:", "2.1.1."),
        ("a. Mục tiêu 1", "a."), ("đ) Mục tiêu 5", "đ)"), ("- Chỉ tiêu 1", "-"), ("+ nội dung", "+"), ("• nội dung", "•"),
        ("* nội dung", "*"), ("10. Công an huyện", "10."), ("2.1 Mục tiêu 1", "2.1"),
    ] as [(String, String)])
    func readsMarkers(line: String, raw: String) {
        #expect(ListMarker.read(Array(line.unicodeScalars)[...])?.raw == raw)
    }

    @Test(arguments: ["2030.", "100% số nạn nhân", "04 tin, bài", "IIII. X", "Mục tiêu", "-5% so với", "w. không phải chữ Việt"])
    func readsNoMarker(line: String) {
        #expect(ListMarker.read(Array(line.unicodeScalars)[...]) == nil)
    }

    /// Found by fuzzing: a 20-digit "item number" overflowed Int.
    @Test func aLongDigitRunIsNotAMarkerAndDoesNotOverflow() {
        #expect(ListMarker.read(Array("99999999999999999999. x".unicodeScalars)[...]) == nil)
    }

    @Test func lettersFollowVietnameseOrder() {
        let letters = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"].map { ListMarker.read(Array("\($0). x".unicodeScalars)[...])?.kind }
        #expect(letters == (0..<10).map { .letter($0) })
    }
}

@Suite struct LexerTests {
    @Test func joinsHardWrappedLinesAcrossBlankLinesAndPageNumbers() {
        let blocks = Lexer.lex(SourceText(path: "t", text: """
            - Đài Phát thanh và Truyền hình tỉnh tăng thời lượng phát

            9

            sóng, số lượng tin, bài.

            - Công an tỉnh chủ trì.
            """))
        #expect(blocks.map(\.string) == ["Đài Phát thanh và Truyền hình tỉnh tăng thời lượng phát sóng, số lượng tin, bài.", "9", "Công an tỉnh chủ trì."])
        #expect(blocks.map(\.kind) == [.text, .pageNumber, .text])
        #expect(blocks[0].span.startLine == 1 && blocks[0].span.endLine == 5)
    }

    @Test func stripsMarkdownDebris() {
        let blocks = Lexer.lex(SourceText(path: "t", text: """
            #### **d. Mục tiêu 4: Trong lĩnh vực y tế**
            ***Nơi nhận:***
            báo cáo trước ngày **18/5** (*qua phòng Lao động*)
            """))
        #expect(blocks.map(\.string) == ["Mục tiêu 4: Trong lĩnh vực y tế", "Nơi nhận:", "báo cáo trước ngày 18/5 (qua phòng Lao động)"])
        #expect(blocks[0].marker?.raw == "d.")
    }

    /// PDF text: a line that fills the width goes on in the next one even after a full stop or ";".
    @Test func aFullWidthLineInHardWrappedTextDoesNotEndItsParagraph() {
        let wrapped = (1...8).map { _ in "- Tăng cường công tác truyền thông nâng cao nhận thức về bình đẳng giới cho\n  các cán bộ." }
        let blocks = Lexer.lex(SourceText(path: "t", text: (wrapped + [
            "- Hướng dẫn triển khai các hoạt động hỗ trợ nạn nhân bị bạo lực gia đình; ",
            "Thu thập, thống kê số liệu.",
            "Trên đây là Kế hoạch.",
        ]).joined(separator: "\n")))
        #expect(blocks.count == 10)
        #expect(blocks[8].string.hasSuffix("bạo lực gia đình; Thu thập, thống kê số liệu."))
    }

    /// Found by fuzzing: the lone "|" between one-per-line table cells was in no element.
    @Test func loneCellBoundariesAreKeptAsSeparators() {
        let plan = parse("|\nKẾ HOẠCH\n|\n")
        #expect(plan.unclassified.map(\.role) == [.separator, .separator])
        #expect(plan.unclassified.map(\.span.startLine) == [1, 3])
    }

    @Test func aShortLineWithoutFullStopEndsATitle() {
        let blocks = Lexer.lex(SourceText(path: "t", text: """
            Thực hiện Chiến lược quốc gia về bình đẳng giới
            giai đoạn 2026-2030 trên địa bàn xã Bình Lư

            Thực hiện Kế hoạch số 8416/KH-UBND ngày 26/12/2025 của Ủy ban nhân dân tỉnh Lai Châu về thực hiện Chiến lược.
            """))
        #expect(blocks.count == 2)
    }
}
