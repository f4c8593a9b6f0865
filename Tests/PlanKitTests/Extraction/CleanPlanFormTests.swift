import Foundation
import Testing
@testable import PlanKit

/// Forms of clean plans the seeds do not show, one row each.
@Suite struct CleanPlanFormTests {
    @Test func repeatedIndicatorWordInOneList() {
        let rows: [(sentence: String, ids: [String])] = [
            ("Chịu trách nhiệm chỉ tiêu 1, chỉ tiêu 2 (số liệu về bạo lực) của mục tiêu 3.", ["MT3.CT1", "MT3.CT2"]),
            ("Chịu trách nhiệm chỉ tiêu 2 (số liệu), chỉ tiêu 3, 4 của mục tiêu 3.", ["MT3.CT2", "MT3.CT3", "MT3.CT4"]),
            ("Theo dõi chỉ tiêu 1 và chỉ tiêu 3 của mục tiêu 4.", ["MT4.CT1", "MT4.CT3"]),
            ("Chịu trách nhiệm chỉ tiêu 1, 2 của mục tiêu 2.", ["MT2.CT1", "MT2.CT2"]),
            // OCR's "I" for the digit 1 in the number's place.
            ("báo cáo các chỉ tiêu của mục tiêu 3 và chỉ tiêu I của mục tiêu 6.", ["MT6.CT1"]),
        ]
        for (sentence, ids) in rows {
            let block = Lexer.lex(SourceText(path: "t", text: sentence))[0]
            let references = ReferenceReader.read(block)
            #expect(references.flatMap { r in r.indicators.map { "MT\(r.objective).CT\($0)" } } == ids, "\(sentence)")
        }
    }

    @Test func deadlinesWithTheMonthAsAWord() {
        let rows: [(sentence: String, kind: ReportingDeadline.Kind, day: Int, month: Int, year: Int?)] = [
            ("- Báo cáo 6 tháng trước ngày 15 tháng 6.", ReportingDeadline.Kind.semiannual, 15, 6, nil),
            ("- Báo cáo trước ngày 20 tháng 11 hằng năm.", .annual, 20, 11, nil),
            ("- Định kỳ 6 tháng (trước ngày 15 tháng 6) gửi báo cáo.", .semiannual, 15, 6, nil),
            ("- Báo cáo sơ kết giai đoạn trước ngày 30/9/2025.", .other, 30, 9, 2025),
            ("- Báo cáo tổng kết giai đoạn trước ngày 30/9/2030.", .final, 30, 9, 2030),
            ("- Xây dựng kế hoạch giai đoạn 2021 - 2030, gửi về Phòng trước ngày 30/10/2021.", .other, 30, 10, 2021),
            ("- Gửi báo cáo tổng kết 5 năm thực hiện Kế hoạch trước ngày 30/10/2025.", .final, 30, 10, 2025),
            // In a plan for 2026 (below): the year's report needs no other name; a December one is another report.
            ("Phòng Nội vụ tham mưu báo cáo Sở Nội vụ tỉnh trước ngày 30/11/2026.", .annual, 30, 11, 2026),
            ("- Báo cáo kết quả Tháng hành động vì bình đẳng giới: trước ngày 20/12/2026.", .other, 20, 12, 2026),
            ("- Gửi kế hoạch về Phòng Nội vụ trước ngày 30/11/2026.", .other, 30, 11, 2026),
        ]
        forEachRow(rows, named: { "\($0.sentence)" }) { sentence, kind, day, month, year in
            let block = Lexer.lex(SourceText(path: "t", text: sentence))[0]
            let deadline = try #require(ReportingExtractor.read(block, planYear: 2026).first, "\(sentence)")
            #expect(deadline.kind == kind, "\(sentence)")
            #expect(deadline.day == day, "\(sentence)")
            #expect(deadline.month == month, "\(sentence)")
            #expect(deadline.year == year, "\(sentence)")
        }
    }

    @Test func countsBaselinesAndRates() {
        let rows: [(sentence: String, expected: [T])] = [
            ("Mỗi cơ quan có ít nhất 01 nữ.", [T(1, .count, .gte, nil)]),
            ("có ít nhất 01 lãnh đạo chủ chốt là nữ vào năm 2025.", [T(1, .count, .gte, 2025)]),
            ("tạo việc làm cho ít nhất 120 lao động nữ.", [T(120, .count, .gte, nil)]),
            ("tổ chức 02 cuộc đối thoại.", [T(2, .count, .eq, nil)]),
            // What each unit of a share has is part of its measure (national indicator 6.3).
            ("100% xã mỗi quý có ít nhất 04 tin, bài về bình đẳng giới vào năm 2025.", [T(100, .percent, .eq, 2025)]),
            ("Đài truyền thanh mỗi quý phát ít nhất 04 tin, bài.", [T(4, .count, .gte, nil)]),
            ("Giảm 50% số vụ bạo lực so với năm 2020.", [T(50, .percent, .eq, nil)]),
            ("giảm bình quân 10%/năm.", [T(10, .percent, .eq, nil)]),
            ("tiểu học đạt 99% và trung học cơ sở đạt 92% vào năm 2030.", [T(99, .percent, .eq, 2030), T(92, .percent, .eq, 2030)]),
            ("giảm từ 23 ca sinh/1.000 phụ nữ xuống 18/1.000 vào năm 2025.", [T(18, .per1k, .eq, 2025, baseline: 23)]),
            ("giảm từ 25/1.000 phụ nữ (năm 2020) xuống 20/1.000 vào năm 2025.", [T(20, .per1k, .eq, 2025, baseline: 25)]),
            ("giảm từ 23 xuống 18/1.000 vào năm 2030.", [T(18, .per1k, .eq, 2030, baseline: 23)]),
            ("giảm từ 27/1.000 phụ nữ năm 2020 xuống 22/1.000 phụ nữ vào năm 2025 và dưới 19/1.000 phụ nữ vào năm 2030.",
             [T(22, .per1k, .eq, 2025, baseline: 27), T(19, .per1k, .lt, 2030)]),
            ("Đến năm 2030: 90% người bị bạo lực được hỗ trợ; 70% người gây bạo lực được tư vấn.",
             [T(90, .percent, .eq, 2030), T(70, .percent, .eq, 2030)]),
            ("Đến năm 2030, trên 90% người bị bạo lực được hỗ trợ; 70% người gây bạo lực được tư vấn.",
             [T(90, .percent, .gt, 2030), T(70, .percent, .eq, 2030)]),
            ("Tỷ số giới tính khi sinh không vượt quá 111 bé trai/100 bé gái vào năm 2025.", [T(111, .per100Girls, .lte, 2025)]),
        ]
        for (sentence, expected) in rows {
            let block = Lexer.lex(SourceText(path: "t", text: sentence))[0]
            #expect(TargetParser.parse(block, range: 0..<block.text.count).targets.map(T.init) == expected, "\(sentence)")
        }
    }

    @Test func headerOfADecisionCopiedFromAWebPage() {
        let plan = parse("""
            | ỦY | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
            | BAN NHÂN DÂN TỈNH TÂY NINH<br>——— | Độc lập - Tự do - Hạnh phúc |
            | Số: 822 / QĐ - UBND | Tây Ninh, ngày 5 tháng 3 năm 2022 |
            QUYẾT ĐỊNH
            Về việc ban hành Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới
            tỉnh Tây Ninh giai đoạn 2021-2030
            CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TÂY NINH
            Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
            Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ;
            QUYẾT ĐỊNH:
            Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.
            Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
            | Nơi nhận:<br>- Như Điều 2;<br>- Lưu: VT. | KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br>(Đã ký)<br>Trần Văn Bình |
            """)
        let h = plan.header
        #expect(h.issuer == "ỦY BAN NHÂN DÂN TỈNH TÂY NINH")
        #expect(h.number == "822/QĐ-UBND")
        #expect(plan.diagnostics.contains { $0.rule == "PK007" })
        #expect(h.place == "Tây Ninh")
        #expect(h.date == PlanDate(year: 2022, month: 3, day: 5))
        #expect(h.documentType == "QUYẾT ĐỊNH")
        #expect(h.title == "Về việc ban hành Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới tỉnh Tây Ninh giai đoạn 2021-2030")
        #expect(h.period == Period(from: 2021, to: 2030))
        #expect(h.locality == Locality(level: .province, name: "Tây Ninh"))
        #expect(h.basis.map(\.kind) == ["Luật", "Nghị quyết"])
        #expect(h.basis.map(\.number) == [nil, "28/NQ-CP"])
        #expect(plan.signature?.delegation == "KT. CHỦ TỊCH")
        #expect(plan.signature?.name == "Trần Văn Bình")
        #expect(plan.recipients == ["Như Điều 2", "Lưu: VT"])
    }

    @Test func twoColumnsAsPdftotextLayoutPrintsThem() {
        let plan = parse("""
              ỦY BAN NHÂN DÂN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
               XÃ BÌNH AN                        Độc lập - Tự do - Hạnh phúc
              Số: 47/KH-UBND                   Bình An, ngày 12 tháng 5 năm 2022

                                  KẾ HOẠCH
                 Thực hiện bình đẳng giới trên địa bàn xã Bình An năm 2022
              I. MỤC TIÊU
              Chỉ tiêu 1: Đạt 30% vào năm 2022.
            Nơi nhận:                                      TM. ỦY BAN NHÂN DÂN
            - UBND huyện;                                        CHỦ TỊCH
            - Lưu: VP.
                                                                 Lò Văn Thưởng
            """)
        #expect(plan.header.issuer == "ỦY BAN NHÂN DÂN XÃ BÌNH AN")
        #expect(plan.header.number == "47/KH-UBND")
        #expect(plan.header.place == "Bình An")
        #expect(plan.header.date == PlanDate(year: 2022, month: 5, day: 12))
        #expect(plan.recipients == ["UBND huyện", "Lưu: VP"])
        #expect(plan.signature?.onBehalf == "TM. ỦY BAN NHÂN DÂN")
        #expect(plan.signature?.title == "CHỦ TỊCH")
        #expect(plan.signature?.name == "Lò Văn Thưởng")
    }

    /// A web page's table copied one cell line per row, with lone "|" between the cells.
    @Test func tableCellsOneLinePerRow() {
        let plan = parse("""
            ỦY
            BAN NHÂN DÂN TỈNH THƯỢNG LÂM
            |
            CỘNG
            HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            |
            Số: 2317/KH-UBND
            |
            Thượng Lâm, ngày 14 tháng 6 năm 2021
            |
            KẾ HOẠCH
            THỰC HIỆN CHIẾN LƯỢC QUỐC GIA VỀ BÌNH ĐẲNG GIỚI TỈNH THƯỢNG LÂM GIAI ĐOẠN 2021 - 2030
            Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;
            I. MỤC TIÊU
            Chỉ tiêu 1: Đạt 30% vào năm 2025.
            |
            Nơi nhận:
            - Bộ Lao động - Thương binh và Xã hội;
            - Lưu: VT, KGVX.
            |
            TM. ỦY BAN NHÂN DÂN
            CHỦ TỊCH
            |
            Hà Quang Trung
            """)
        #expect(plan.header.issuer == "ỦY BAN NHÂN DÂN TỈNH THƯỢNG LÂM")
        #expect(plan.header.number == "2317/KH-UBND")
        #expect(plan.header.place == "Thượng Lâm")
        #expect(plan.header.documentType == "KẾ HOẠCH")
        #expect(plan.header.locality == Locality(level: .province, name: "Thượng Lâm"))
        #expect(plan.header.period == Period(from: 2021, to: 2030))
        #expect(plan.sections.map(\.label) == ["I"])
        #expect(plan.recipients == ["Bộ Lao động - Thương binh và Xã hội", "Lưu: VT, KGVX"])
        #expect(plan.signature?.onBehalf == "TM. ỦY BAN NHÂN DÂN")
        #expect(plan.signature?.title == "CHỦ TỊCH")
        #expect(plan.signature?.name == "Hà Quang Trung")
    }

    /// Justified `pdftotext -layout` text: runs of spaces inside labels, a recipient wrapped in its
    /// column beside the signature, the locality named only by the enacting sentence.
    @Test func justifiedTwoColumnPlan() {
        let plan = parse("""
              ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
               XÃ PHÚC KHÁNH                            Độc lập - Tự do - Hạnh phúc
           Số: 41/KH-UBND                          Phúc Khánh, ngày 18 tháng 02 năm 2025
                                              KẾ HOẠCH
                   Triển khai công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2025
             Ủy  ban  nhân  dân  xã Phúc Khánh xây dựng Kế hoạch triển khai công tác bình đẳng
        giới năm 2025 trên địa bàn xã như sau:
             I. MỤC TIÊU
             Mục tiêu 2: Giảm khoảng cách giới trong lĩnh vực kinh tế, lao động, việc làm
             Chỉ  tiêu 1: Phối hợp hỗ trợ ít nhất 30 lao động nữ được đào tạo nghề, giới thiệu
        việc làm trong năm 2025.
             Chỉ  tiêu  2:  100%  hội viên phụ nữ có nhu cầu được tiếp cận nguồn vốn vay ưu đãi.
        Nơi nhận:                                               TM. ỦY BAN NHÂN DÂN
        - Ban Thường vụ Đảng ủy, Thường trực                          CHỦ TỊCH
        HĐND xã (b/c);
        - Lưu: VT, VHXH.                                             Lê Văn Nam
        """)
        #expect(plan.header.locality == Locality(level: .commune, name: "Phúc Khánh"))
        #expect(plan.objectives.first?.indicators.map(\.id) == ["MT2.CT1", "MT2.CT2"])
        #expect(plan.objectives.first?.indicators.first?.targets.map(T.init) == [T(30, .count, .gte, 2025)])
        #expect(plan.recipients == ["Ban Thường vụ Đảng ủy, Thường trực HĐND xã (b/c)", "Lưu: VT, VHXH"])
        #expect(plan.signature?.name == "Lê Văn Nam")
    }

    @Test func basisAgenciesAndItemsInOtherWordings() {
        let plan = parse("""
            KẾ HOẠCH
            Thực hiện bình đẳng giới giai đoạn 2021 - 2030 trên địa bàn thị xã Sơn Kỳ
            Căn cứ Luật Bình đẳng giới số 73/2006/QH11 ngày 29 tháng 11 năm 2006;
            Thực hiện Công văn số 48/LĐTBXH ngày 21/6/2021 của Phòng Lao động - Thương binh và Xã hội về việc xây dựng kế hoạch cấp xã, Ủy ban nhân dân thị xã Sơn Kỳ xây dựng Kế hoạch như sau:
            I. MỤC TIÊU
            Mục tiêu 2: Trong lĩnh vực kinh tế, lao động
            Chỉ tiêu 3: Tỷ lệ nữ giám đốc doanh nghiệp đạt 30% vào năm 2030.
            II. TỔ CHỨC THỰC HIỆN
            ], Trách nhiệm của Phòng Nội vụ
            - Theo dõi mục tiêu 2.
            3. Phòng Tài chính - Kế hoạch: Tham mưu bố trí kinh phí; báo cáo kết quả thực hiện chỉ tiêu 3 của mục tiêu 2.
            """)
        #expect(plan.header.basis.map(\.number) == ["73/2006/QH11", "48/LĐTBXH"])
        #expect(plan.header.issuer == "Ủy ban nhân dân thị xã Sơn Kỳ")
        #expect(plan.responsibilities.map(\.agency) == ["Phòng Nội vụ", "Phòng Tài chính - Kế hoạch"])
        #expect(plan.responsibilities.map(\.reportsOn) == [["MT2.CT3"], ["MT2.CT3"]])
        #expect(plan.sections.last?.children.first?.inferred == true)
    }

    /// An agency heading over a duty that starts with a capital and no dash, and a closing in a
    /// web table whose signature cells sit beside the recipients'.
    @Test func agencyOverAnUndashedDutyAndAClosingTable() {
        let plan = parse("""
            KẾ HOẠCH
            Thực hiện bình đẳng giới giai đoạn 2021 - 2025 trên địa bàn huyện Vạn Thủy
            I. MỤC TIÊU
            Mục tiêu 5: Trong lĩnh vực giáo dục, đào tạo
            - Chỉ tiêu 3: Tỷ lệ nữ học viên đạt 30% vào năm 2025.
            II. TỔ CHỨC THỰC HIỆN
            5. Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện
            Tổ chức tuyển sinh, đào tạo nghề gắn với nhu cầu của lao động nữ nông thôn; chịu trách
            nhiệm theo dõi, báo cáo kết quả thực hiện chỉ tiêu 3 của mục tiêu 5.

            | Nơi nhận: | TM. ỦY BAN NHÂN DÂN |
            |---|---|
            | - Sở Nội vụ; | KT. CHỦ TỊCH |
            | - Thường trực Huyện ủy; | PHÓ CHỦ TỊCH |
            | - Lưu: VT. | (Đã ký) |
            |  | Lương Thị Bích Hạnh |
            """)
        #expect(plan.responsibilities.map(\.agency) == ["Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện"])
        #expect(plan.responsibilities.map(\.reportsOn) == [["MT5.CT3"]])
        #expect(plan.recipients == ["Sở Nội vụ", "Thường trực Huyện ủy", "Lưu: VT"])
        #expect(plan.signature?.name == "Lương Thị Bích Hạnh")
        #expect(plan.signature?.title == "PHÓ CHỦ TỊCH")
    }

    /// Indicators on the objective's own line: labelled after the title, or one unnumbered with a figure.
    @Test func indicatorsOnTheObjectivesLine() {
        let plan = parse("""
            II. MỤC TIÊU, CHỈ TIÊU NĂM 2027
            a) Mục tiêu 1 - Lĩnh vực chính trị: Chỉ tiêu 1: đến cuối năm 2027, tỷ lệ nữ cán bộ, công chức xã đạt từ 40% trở lên; Chỉ tiêu 2: bố trí ít nhất 01 nữ trong lãnh đạo chủ chốt của Ủy ban nhân dân xã.
            b) Mục tiêu 2 - Lĩnh vực kinh tế, lao động, việc làm:
            - Chỉ tiêu 1: Trong năm 2027 hỗ trợ tạo việc làm mới cho ít nhất 85 lao động nữ.
            đ) Mục tiêu 5 - Lĩnh vực giáo dục, đào tạo: duy trì tỷ lệ trẻ em gái đi học cấp trung học cơ sở ra lớp đạt 99,2%.
            """)
        #expect(plan.objectives.map(\.title) == ["Lĩnh vực chính trị", "Lĩnh vực kinh tế, lao động, việc làm", "Lĩnh vực giáo dục, đào tạo"])
        #expect(plan.objectives.map { $0.indicators.map(\.id) } == [["MT1.CT1", "MT1.CT2"], ["MT2.CT1"], ["MT5.CT1"]])
        #expect(plan.objectives[0].indicators.map { $0.targets.map(T.init) }
                == [[T(40, .percent, .gte, 2027)], [T(1, .count, .gte, nil)]])
        #expect(plan.objectives[2].indicators.first?.targets.map(\.value) == [99.2])
    }

    /// What OCR left after an agency's name at its line's end is no part of the name.
    @Test func agencyNamesWithoutTrailingSpecks() {
        let rows: [(read: String, name: String)] = [
            ("Sở Y tế \\", "Sở Y tế"),
            ("Đài Phát thanh và Truyền hình tỉnh '", "Đài Phát thanh và Truyền hình tỉnh"),
            ("Công chức Văn hóa - Xã hội =", "Công chức Văn hóa - Xã hội"),
            ("Cục Thống kê tỉnh D", "Cục Thống kê tỉnh"),
            ("Phòng Lao động - Thương binh và Xã hội", "Phòng Lao động - Thương binh và Xã hội"),
            ("Trường THCS Kim Đồng", "Trường THCS Kim Đồng"),
            ("Tổ 3", "Tổ 3"),
        ]
        for (read, name) in rows {
            #expect(ResponsibilityExtractor.withoutTrailingSpecks(read) == name, "\(read)")
        }
    }

    /// Forms found in review that the new rules must leave alone, and an input that trapped.
    @Test func cleanFormsTheNewRulesLeaveAlone() {
        let plan = parse("""
            KẾ HOẠCH
            Thực hiện bình đẳng giới năm 2025 trên địa bàn quận Nam Từ Liêm
            I. MỤC TIÊU
            MỤC TIÊU CỤ THỂ
            Mục tiêu 1: Trong lĩnh vực chính trị
            Chỉ tiêu 1: Đạt 30% vào năm 2025.
            II. TỔ CHỨC THỰC HIỆN
            1. Phòng Văn hóa - Thông tin
            - Chủ trì thực hiện chỉ tiêu 1 của mục tiêu 1.
            2. Trách nhiệm của chủ trì các cơ quan đơn vị trên địa bàn xã theo dõi các chỉ tiêu
            """)
        // An unnumbered subheading in capitals is no top-level section.
        #expect(plan.sections.map(\.label) == ["I", "II"])
        #expect(plan.header.locality == Locality(level: .district, name: "Nam Từ Liêm"))
        #expect(plan.diagnostics.allSatisfy { $0.rule != "PK040" })
    }

    /// Body text with wide gaps but no header or closing fields beside each other is never split.
    @Test func justifiedBodyTextIsNotTakenForColumns() {
        let lines = Lexer.lex(SourceText(path: "t", text: "KẾ HOẠCH\nTăng      cường     công tác.\n")).map(\.string)
        #expect(lines == ["KẾ HOẠCH", "Tăng      cường     công tác."])
    }
}
