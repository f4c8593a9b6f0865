import Foundation
import Testing
@testable import PlanKit

/// Markers and headings read from damaged forms (OCR, lost glyphs), and the facts of whole
/// documents in forms the seeds do not show.
@Suite struct DamagedMarkerTests {
    @Test func readsDamagedRomanNumerals() {
        let rows: [(line: String, value: Int, arabicLooking: Bool)] = [
            ("IV. TỔ CHỨC THỰC HIỆN", 4, false),
            ("1V. TỔ CHỨC THỰC HIỆN", 4, false),
            ("V1. KINH PHÍ", 6, false),
            ("Il. MỤC TIÊU", 2, false),
            ("l. MỤC ĐÍCH", 1, false),
            ("|. MỤC ĐÍCH", 1, false),
            ("'VI. CHẾ ĐỘ BÁO CÁO", 6, false),
            ("11: MỤC TIÊU", 2, true),
            ("1. MỤC ĐÍCH", 1, true),
            ("III.. NHIỆM VỤ", 3, false),
        ]
        forEachRow(rows, named: { "\($0.line)" }) { line, value, arabicLooking in
            let read = try #require(ListMarker.readDamagedRoman(Scalars.array(line)[...]), "\(line)")
            #expect(read.value == value, "\(line)")
            #expect(read.arabicLooking == arabicLooking, "\(line)")
        }
    }

    @Test func aMarkerWhoseNumeralIsGoneHasNoValue() {
        let rows: [String] = ["  . MỤC TIÊU", "#### . MỤC ĐÍCH"]
        forEachRow(rows, named: { "\($0)" }) { line in
            let read = try #require(ListMarker.readDamagedRoman(Scalars.array(line)[...]), "\(line)")
            #expect(read.value == nil, "\(line)")
        }
    }

    @Test func otherLinesAreNoRomanMarker() {
        let rows: [String] = ["2.1. Mục tiêu 1", "Mục tiêu 1: Trong", "VIX. X", "Chỉ tiêu 2"]
        for line in rows {
            #expect(ListMarker.readDamagedRoman(Scalars.array(line)[...]) == nil, "\(line)")
        }
    }

    @Test func headingsMatchTheVocabularyTolerantly() {
        let rows: [(heading: String, kind: SectionKind)] = [
            ("MỤC ĐÍCH, YÊU CẦU", SectionKind.purpose),
            ("M C ĐÍCH, YÊU C U", .purpose),          // lost glyphs left unrepaired
            ("MUC TIEU", .objectives),                // marks stripped
            ("NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", .tasks),
            ("NHIEM VU VA GIAI PHAP", .tasks),
            ("KINH PHI THỰC HIỆN", .funding),
            ("TỔ CHỨC THỰC HIÊN", .organization),     // one mark wrong
            ("TỔ CHÚC THỤC HIỆN", .organization),
            ("CHẾ ĐỘ THÔNG TIN, BÁO CÁO", .reporting),
        ]
        for (heading, kind) in rows {
            #expect(HeadingVocabulary.match(Scalars.array(heading)[...]) == kind, "\(heading)")
        }
    }

    @Test func headerLinesAreNoHeadings() {
        let rows: [String] = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH", "ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
        for line in rows {
            #expect(HeadingVocabulary.match(Scalars.array(line)[...]) == nil, "\(line)")
        }
    }

    static let damagedPlan = """
        KẾ HOẠCH
        Thực hiện bình đẳng giới năm 2025
        I. MỤC ĐÍCH, YÊU CẦU
        Nâng cao nhận thức.
          . MỤC TIÊU
        1. Mục tiêu 1: Trong lĩnh vực chính trị
        Chỉ tiêu 1: Đạt 30% vào năm 2025.
         . Mục tiêu 2: Trong lĩnh vực kinh tế, lao động
        “Chỉ tiêu 1: Đạt 40% vào năm 2025.
        Chỉ tiêu  : Đạt 50% vào năm 2025.
        Mục tiêu á: Trong lĩnh vực y tế
        Chỉ tiêu 1: Dưới 109 bé trai/100 bé gái vào năm 2025.
        1V. TỔ CHỨC THỰC HIỆN
        1. Phòng Y tế
        - Chịu trách nhiệm chỉ tiêu 1 của mục tiêu 4.
        """

    @Test func damagedHeadingsAndLabelsAreRecoveredAndMarkedInferred() throws {
        let plan = parse(Self.damagedPlan)
        #expect(plan.sections.map(\.label) == ["I", "II", "IV"])
        #expect(plan.sections.map(\.kind) == [.purpose, .objectives, .organization])
        #expect(plan.sections.map(\.inferred) == [nil, true, true])
        #expect(plan.objectives.map(\.number) == [1, 2, 4])
        #expect(plan.objectives.map { $0.indicators.count } == [1, 2, 1])
        // The lost indicator number follows the one before; the objective number comes from its domain (y tế → 4).
        #expect(plan.objectives[1].indicators.map(\.id) == ["MT2.CT1", "MT2.CT2"])
        #expect(plan.objectives[1].indicators.map(\.inferred) == [nil, true])
        #expect(plan.objectives[2].inferred == true)
        #expect(plan.objectives[1].inferred == nil)
        #expect(plan.responsibilities.first?.reportsOn == ["MT4.CT1"])
        let notes = plan.diagnostics.filter { $0.rule == "PK040" }
        #expect(notes.count == 4)
        #expect(notes.contains { $0.message.contains("'1V. TỔ CHỨC THỰC HIỆN' read as section IV") })
        // Inference shows in the JSON; a document read as written has no "inferred" key at all.
        let json = try PlanJSONEncoder().encode(plan)
        #expect(json.contains("\"inferred\": true"))
        #expect(try !PlanJSONEncoder().encode(Repository.parse(Repository.seeds["001"]!)).contains("\"inferred\""))
    }

    @Test func labelsWhoseFirstWordOCRLost() {
        let rows: [(line: String, number: Int?)] = [
            ("An tiêu 3: Tỷ lệ", 3), ("- _ tiêu 2: Tỷ suất", 2), ("VI ng tiêu 1: Đến năm", 1), ("peưn tiêu 2: Giảm", 2),
            ("Chỉ tiêu 2: Tỷ lệ", nil), ("Mục tiêu 2: Trong", nil), ("các chỉ tiêu 3: x", nil), ("tiêu chí 2: x", nil),
            ("Trong đó tiêu 2 là", nil),
        ]
        for (line, number) in rows {
            #expect(Lexer.damagedIndicatorLabel(Scalars.array(line)[...]) == number, "\(line)")
        }
    }

    /// Tesseract's reading of a harshly scanned page: first words of labels lost, a number lost.
    @Test func labelsDamagedByOCRKeepObjectivesApart() {
        let plan = parse("""
            II. MỤC TIÊU, CHỈ TIÊU
            Mục tiêu 1: Tăng cường sự tham gia của phụ nữ vào các vị trí quản lý, lãnh đạo
            VI ng tiêu 1: Đến năm 2025 có ít nhất 01 lãnh đạo chủ chốt là nữ.
            Chỉ tiêu 2: Ban quản lý mỗi thôn có ít nhất 01 nữ.
            peưn tiêu 2: Giảm khoảng cách giới trong lĩnh vực kinh tế, lao động
            ¬ tiêu 1: Tỷ lệ lao động nữ làm công hưởng lương đạt 25% vào năm 2025.
            Mục tiêu  : Trong lĩnh vực giáo dục, đào tạo
            Chỉ tiêu 1: Tỷ lệ nữ thạc sĩ đạt 40% vào năm 2025.
            """)
        #expect(plan.objectives.map(\.number) == [1, 2, 5])
        #expect(plan.objectives.map { $0.indicators.map(\.id) } == [["MT1.CT1", "MT1.CT2"], ["MT2.CT1"], ["MT5.CT1"]])
        #expect(plan.objectives.map(\.inferred) == [nil, true, true])
        #expect(plan.objectives[0].indicators.map(\.inferred) == [true, nil])
    }

    /// Lost glyphs made "2.4.1. Các chỉ tiêu:" a heading "2." that closed objective 4 before its indicators.
    @Test func aDamagedSubheadingDoesNotOrphanTheIndicators() {
        let plan = parse("""
            II. MỤC TIÊU
            2.4. Mục tiêu 4: Trong lĩnh vực y tế.
            2. .1. Các c ỉ tiêu:
            - Chỉ tiêu 1: Tỷ số giới tính khi sinh ở mức 111 bé trai/100 bé gái vào năm 2025.
            - Chỉ tiêu 2: Tỷ suất sinh ở vị thành niên giảm còn 18/1.000 vào năm 2025.
            """)
        #expect(plan.objectives.map { $0.indicators.map(\.id) } == [["MT4.CT1", "MT4.CT2"]])
    }

    /// A news article lists objectives and indicators with no numbered sections at all.
    @Test func objectivesInTextWithoutSections() {
        let plan = parse("""
            Tây Lĩnh đặt mục tiêu thu hẹp khoảng cách giới đến năm 2030

            Theo kế hoạch vừa được ban hành, tỉnh đặt ra 6 mục tiêu với nhiều chỉ tiêu cụ thể.

            Mục tiêu 1: Tăng cường sự tham gia của phụ nữ vào các vị trí quản lý, lãnh đạo.
            Chỉ tiêu 1: Đạt 60% vào năm 2025 và 75% vào năm 2030 cơ quan có lãnh đạo chủ chốt là nữ.
            Mục tiêu 2: Giảm khoảng cách giới trong lĩnh vực kinh tế, lao động.
            Chỉ tiêu 1: Tỷ lệ lao động nữ làm công hưởng lương đạt trên 40% vào năm 2030.
            Chỉ tiêu 2: Tỷ lệ nữ giám đốc doanh nghiệp đạt ít nhất 30% vào năm 2030.
            """)
        #expect(plan.sections.isEmpty)
        #expect(plan.objectives.map(\.number) == [1, 2])
        #expect(plan.objectives.flatMap(\.indicators).map(\.id) == ["MT1.CT1", "MT2.CT1", "MT2.CT2"])
        #expect(plan.objectives.flatMap(\.indicators).flatMap(\.targets).map(T.init)
                == [T(60, .percent, .eq, 2025), T(75, .percent, .eq, 2030), T(40, .percent, .gt, 2030), T(30, .percent, .gte, 2030)])
    }

    /// Tesseract's reading of a scan: a heading without its marker's period, an agency heading whose
    /// duty lost its bullet, a label lost inside the indicator before, a name wrapped after a dash.
    @Test func ocrLinesThatEndAHeadingOrGoOn() {
        let plan = parse("""
            II. MỤC TIÊU
            c) Mục tiêu 3: Trong đời sống gia đình và phòng ngừa, ứng phó với bạo lực trên cơ sở giới
            - Chỉ tiêu 1: Giảm số giờ làm công việc nội trợ của phụ nữ còn 1,4 lần so với nam giới vào
            năm 2030.
            ng sac Đến năm 2025 đạt 80% người bị bạo lực gia đình được phát hiện được tiếp cận dịch vụ
            hỗ trợ cơ bản.
            - Chỉ tiêu 3: Tỷ lệ nữ học viên tại Trung tâm Giáo dục nghề nghiệp -
            Giáo dục thường xuyên huyện đạt 35% vào năm 2030.
            IV TỔ CHỨC THỰC HIỆN
            kien cu đơn vị, Ủy ban nhân dân các xã căn cứ Kế hoạch này xây dựng kế hoạch hằng năm.
            2. Trách nhiệm của các cơ quan, đơn vị
            2.4. Phòng Giáo dục và Đào tạo
            ưng đạo các trường lồng ghép nội dung bình đẳng giới trong các hoạt động giáo dục.
            - Chịu trách nhiệm theo dõi và báo cáo kết quả chỉ tiêu 1, 3 của mục tiêu 3 của Kế hoạch này.
            """)
        #expect(plan.sections.map(\.kind) == [.objectives, .organization])
        let indicators = plan.objectives.first?.indicators ?? []
        #expect(indicators.map(\.id) == ["MT3.CT1", "MT3.CT2", "MT3.CT3"])
        #expect(indicators.map(\.inferred) == [nil, true, nil])
        #expect(indicators.map { $0.targets.map(\.value) } == [[1.4], [80], [35]])
        #expect(plan.responsibilities.map(\.agency) == ["Phòng Giáo dục và Đào tạo"])
        #expect(plan.responsibilities.first?.reportsOn == ["MT3.CT1", "MT3.CT3"])
    }

    /// Markdown heading marks as OCR read them, glued to a letter marker ("##HH† **d. Mục tiêu 4"),
    /// and the digit 1 read as "I" or "l" in a label.
    @Test func headingMarksAndOneReadAsALetter() {
        let plan = parse("""
            II. MỤC TIÊU
            ‡HHHHHF b. Mục tiêu 2: Trong lĩnh vực kinh tế, lao động
            - Chỉ tiêu 1: Đạt 25% vào năm 2025.
            ##HH† **d. Mục tiêu 4: Trong lĩnh vực y tế**
            - Chỉ tiêu I: Tỷ số giới tính khi sinh 114,2 bé trai/100 bé gái vào năm 2025.
            #4Htft **e. Mục tiêu 6: Trong lĩnh vực thông tin, truyền thông**
            ~ Chỉ tiêu l: Phấn đấu đạt 50% dân số được tiếp cận kiến thức vào năm 2025.
            """)
        #expect(plan.objectives.map(\.number) == [2, 4, 6])
        #expect(plan.objectives.map { $0.indicators.map(\.id) } == [["MT2.CT1"], ["MT4.CT1"], ["MT6.CT1"]])
        #expect(plan.objectives[1].indicators.first?.targets.map(\.value) == [114.2])
    }

    /// An objective whose label's first word OCR lost, right after its predecessor's last indicator,
    /// with the national strategy's long title for its number.
    @Test func aDamagedObjectiveLabelWithTheNationalTitle() {
        let plan = parse("""
            II. MỤC TIÊU
            Mục tiêu 2: Giảm khoảng cách giới trong lĩnh vực kinh tế, lao động
            Chỉ tiêu 1: Tỷ lệ lao động nữ làm công hưởng lương đạt 25% vào năm 2025.
            Chỉ tiêu 2: Hằng năm có ít nhất 30 lao động nữ được hỗ trợ.
            du tiêu 3: Nâng cao chất lượng đời sống gia đình, phòng ngừa và ứng phó với bạo lực trên cơ sở giới
            Chỉ tiêu 1: Đến năm 2025 giảm 50% số vụ bạo lực gia đình so với năm 2020.
            """)
        #expect(plan.objectives.map(\.number) == [2, 3])
        #expect(plan.objectives.map { $0.indicators.map(\.id) } == [["MT2.CT1", "MT2.CT2"], ["MT3.CT1"]])
        #expect(plan.objectives.map(\.inferred) == [nil, true])
    }

    /// A clean indicator of two sentences before a skipped number is not cut.
    @Test func aSkippedIndicatorNumberInCleanTextCutsNothing() {
        let plan = parse("""
            II. MỤC TIÊU
            Mục tiêu 3: Trong đời sống gia đình
            - Chỉ tiêu 1: Giảm còn 1,5 lần vào năm 2025. Đến năm 2030 giảm còn 1,4 lần.
            - Chỉ tiêu 3: Giảm 50% số cặp tảo hôn vào năm 2030.
            """)
        #expect(plan.objectives.first?.indicators.map(\.id) == ["MT3.CT1", "MT3.CT3"])
        #expect(plan.objectives.first?.indicators.first?.targets.count == 2)
    }

    @Test func aWrappedObjectiveHeadingDoesNotSwallowItsIndicator() {
        let plan = parse("""
            II. MỤC TIÊU
            2.2. Mục tiêu 2: Trong lĩnh vực kinh tế, lao động, việc làm và tiếp cận nguồn lực kinh tế
            Chỉ tiêu 1: Đạt 40% vào năm 2030.
            """)
        #expect(plan.objectives.first?.indicators.map(\.id) == ["MT2.CT1"])
    }
}
