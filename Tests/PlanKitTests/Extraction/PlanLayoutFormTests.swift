import Foundation
import Testing
@testable import PlanKit

/// Whole-plan forms read on plans written in other ways than the fixtures: each case is a short
/// plan in one form, and the facts it must give (`PlanFacts`, as `plankit-eval --structure` scores).
@Suite struct PlanLayoutFormTests {
    static func facts(_ text: String) -> Set<String> {
        Set(PlanFacts.facts(of: PlanParser.parse(SourceText(path: "form.txt", text: text), repair: false)))
    }

    static let header = "ỦY BAN NHÂN DÂN\nXÃ BÌNH LƯ\nSố: 12/KH-UBND\nBình Lư, ngày 5 tháng 3 năm 2026\n\nKẾ HOẠCH\nThực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2026 - 2030 trên địa bàn xã Bình Lư\n\n"

    @Test func bodyForms() {
        let rows: [(body: String, expected: [String])] = [
            // Indicators numbered "(1)", "(2)" under "Mục tiêu N." and named so in the duties.
            ("""
             I. MỤC TIÊU
             Mục tiêu 1. Tăng cường sự tham gia của phụ nữ vào vị trí lãnh đạo
             (1) Đến năm 2030, tỷ lệ nữ tham gia Ban Chấp hành Đảng bộ xã đạt từ 25% trở lên.
             (2) Đến năm 2030, lãnh đạo chủ chốt của xã có ít nhất 01 nữ.
             II. TỔ CHỨC THỰC HIỆN
             1. Văn phòng Ủy ban nhân dân xã
             - Theo dõi, báo cáo chỉ tiêu (2) của Mục tiêu 1.
             """, ["objective\t1\t2", "target\tMT1.CT1\tgte\t25\t%\t2030", "target\tMT1.CT2\tgte\t1\tcount\t2030",
                   "reportsOn\tVăn phòng Ủy ban nhân dân xã\tMT1.CT2"]),
            // Agencies as "- Agency: duty" bullets under a generic item; "chỉ tiêu số 1, số 2".
            ("""
             I. MỤC TIÊU
             Mục tiêu 2: Trong lĩnh vực kinh tế, lao động
             - Chỉ tiêu 1: Tỷ lệ lao động nữ làm công hưởng lương đạt 50% vào năm 2030.
             - Chỉ tiêu 2: Mỗi năm hỗ trợ việc làm cho ít nhất 80 lao động nữ.
             II. TỔ CHỨC THỰC HIỆN
             1. Phân công nhiệm vụ
             - Phòng Văn hóa - Xã hội: là cơ quan thường trực, chủ trì theo dõi và báo cáo chỉ tiêu số 1, số 2 thuộc Mục tiêu 2.
             - Trạm Y tế xã: tuyên truyền về bình đẳng giới.
             """, ["reportsOn\tPhòng Văn hóa - Xã hội\tMT2.CT1", "reportsOn\tPhòng Văn hóa - Xã hội\tMT2.CT2"]),
            // "Các chỉ tiêu:" over unnumbered bullets; the label at the end, "(Chỉ tiêu 2)."
            ("""
             I. MỤC TIÊU
             Mục tiêu 4 - Bình đẳng giới trong lĩnh vực y tế
             Các chỉ tiêu:
             - Tỷ số giới tính khi sinh không quá 110 bé trai/100 bé gái vào năm 2030.
             - Tỷ suất sinh ở vị thành niên dưới 10/1.000 vào năm 2030.
             Mục tiêu 5: Bảo đảm bình đẳng giới trong lĩnh vực giáo dục, đào tạo.
             - Phấn đấu tỷ lệ nữ học viên được tuyển mới không thấp hơn 30% vào năm 2030 (Chỉ tiêu 2).
             """, ["objective\t4\t2", "target\tMT4.CT1\tlte\t110\tper100girls\t2030", "target\tMT4.CT2\tlt\t10\tper1k\t2030",
                   "objective\t5\t1", "target\tMT5.CT2\tgte\t30\t%\t2030"]),
            // A Markdown table of targets by year.
            ("""
             I. MỤC TIÊU
             Mục tiêu 2 - Bình đẳng giới trong lĩnh vực kinh tế, lao động
             | Chỉ tiêu | Năm 2026 | Năm 2030 |
             |---|---|---|
             | 1. Tỷ lệ lao động nữ làm công hưởng lương | 58% | Khoảng 65% |
             | 2. Số lao động nữ được hỗ trợ tạo việc làm | 150 người | Ít nhất 180 người |
             """, ["objective\t2\t2", "target\tMT2.CT1\teq\t58\t%\t2026", "target\tMT2.CT1\tapprox\t65\t%\t2030",
                   "target\tMT2.CT2\teq\t150\tcount\t2026", "target\tMT2.CT2\tgte\t180\tcount\t2030"]),
            // Items a web copy glued together: ".- **Chỉ tiêu 2:**" and "**2. Phòng Y tế**- Chịu …".
            ("""
             I. MỤC TIÊU
             **Mục tiêu 4 (lĩnh vực y tế):**
             - **Chỉ tiêu 1:** Năm 2026, trên 95% phụ nữ mang thai được quản lý thai nghén.- **Chỉ tiêu 2:** Năm 2026 tỷ suất sinh ở vị thành niên còn 15/1.000.
             II. TỔ CHỨC THỰC HIỆN
             **1. Phòng Y tế**- Chịu trách nhiệm theo dõi và báo cáo các chỉ tiêu tại Mục tiêu 4.
             """, ["objective\t4\t2", "target\tMT4.CT2\teq\t15\tper1k\t2026", "reportsOn\tPhòng Y tế\tMT4.CT1", "reportsOn\tPhòng Y tế\tMT4.CT2"]),
            // A year that ends the sentence holds for the figures of its earlier clauses; one at the
            // head of a sentence before "có" holds for the clauses that go on with a figure.
            ("""
             I. MỤC TIÊU
             Mục tiêu 3: Trong lĩnh vực đời sống gia đình
             - Chỉ tiêu 1: 85% người bị bạo lực được tiếp cận dịch vụ hỗ trợ; 60% người gây bạo lực được tư vấn trong năm 2025.
             - Chỉ tiêu 2: Đến năm 2025 có 80% nạn nhân được hỗ trợ; 50% người gây bạo lực được tư vấn.
             """, ["target\tMT3.CT1\teq\t85\t%\t2025", "target\tMT3.CT1\teq\t60\t%\t2025",
                   "target\tMT3.CT2\teq\t80\t%\t2025", "target\tMT3.CT2\teq\t50\t%\t2025"]),
            // A frequency inside the measure is no target.
            ("""
             I. MỤC TIÊU
             Mục tiêu 4: Trong lĩnh vực y tế
             - Chỉ tiêu 1: Tỷ lệ phụ nữ mang thai được khám thai ít nhất 4 lần trong 3 thời kỳ đạt trên 90% vào năm 2030.
             """, ["objective\t4\t1", "target\tMT4.CT1\tgt\t90\t%\t2030"]),
        ]
        for (body, expected) in rows {
            let name = body.split(separator: "\n").dropFirst().first ?? ""
            let found = Self.facts(Self.header + body)
            for fact in expected { #expect(found.contains(fact), "\(name): \(fact)") }
            #expect(!found.contains { $0.hasPrefix("target\tMT4.CT1\tgte\t4\ttimes") }, "\(name)")
        }
    }

    @Test func wordOutlineWithTabsAndTitleCaseParts() {
        let text = """
            ỦY BAN NHÂN DÂN
            HUYỆN KIM ĐIỀN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            \tĐộc lập - Tự do - Hạnh phúc
            Số: 173/KH-UBND\tKim Điền, ngày 14 tháng 10 năm 2021

            KẾ HOẠCH
            Thực hiện Chiến lược quốc gia về bình đẳng giới trên địa bàn huyện Kim Điền giai đoạn 2021 - 2030

            1.\tMục Đích, Yêu Cầu
            \tTriển khai có hiệu quả Chiến lược.
            2.\tMục Tiêu
            2.1.\tMục tiêu 1: Tăng cường sự tham gia của phụ nữ vào các vị trí lãnh đạo
            -\tChỉ tiêu 1: Đến năm 2025 có 55% cơ quan có lãnh đạo chủ chốt là nữ.
            3.\tKinh Phí Thực Hiện
            \tKinh phí thực hiện từ ngân sách huyện.
            4.\tTổ Chức Thực Hiện
            4.1.\tPhòng Nội vụ
            -\tChịu trách nhiệm báo cáo chỉ tiêu 1 của mục tiêu 1.
            5.\tChế Độ Báo Cáo
            \tCác cơ quan báo cáo hằng năm trước ngày 15/12.
            \tTrên đây là Kế hoạch của Ủy ban nhân dân huyện./.

            Nơi nhận:
            - UBND các xã;
            - Lưu: VT.\tTM. ỦY BAN NHÂN DÂN
            CHỦ TỊCH

            Bùi Văn Tưởng
            """
        let plan = PlanParser.parse(SourceText(path: "form.txt", text: text), repair: false)
        #expect(plan.sections.map(\.kind) == [.purpose, .objectives, .funding, .organization, .reporting])
        #expect(plan.header.place == "Kim Điền")
        #expect(plan.responsibilities.first?.reportsOn == ["MT1.CT1"])
        #expect(plan.signature?.title == "CHỦ TỊCH")
        #expect(plan.signature?.name == "Bùi Văn Tưởng")
        #expect(plan.recipients == ["UBND các xã", "Lưu: VT"])
    }

    @Test func webTableClosingWithoutLineBreaks() {
        let text = Self.header + """
            I. TỔ CHỨC THỰC HIỆN
            Các cơ quan báo cáo trước ngày 20/11/2026.

            | **Nơi nhận:** - Sở Nội vụ tỉnh; - UBND các xã; - Lưu: VT, NV. | **TM. ỦY BAN NHÂN DÂN** **CHỦ TỊCH** **Đinh Công Thắng** |
            |---|---|
            """
        let plan = PlanParser.parse(SourceText(path: "form.txt", text: text), repair: false)
        #expect(plan.recipients == ["Sở Nội vụ tỉnh", "UBND các xã", "Lưu: VT, NV"])
        #expect(plan.signature?.onBehalf == "TM. ỦY BAN NHÂN DÂN")
        #expect(plan.signature?.name == "Đinh Công Thắng")
    }

    @Test func aCityThatAssignsDutiesToDepartmentsIsProvinceLevel() {
        let text = """
            ỦY BAN NHÂN DÂN
            THÀNH PHỐ LẠC HẢI
            Số: 5/KH-UBND
            Lạc Hải, ngày 5 tháng 3 năm 2026

            KẾ HOẠCH
            Thực hiện công tác bình đẳng giới năm 2026

            I. TỔ CHỨC THỰC HIỆN
            1. Sở Nội vụ
            - Tham mưu triển khai Kế hoạch.
            """
        let plan = PlanParser.parse(SourceText(path: "form.txt", text: text), repair: false)
        #expect(plan.header.locality?.level == .province)
        let district = text.replacingOccurrences(of: "1. Sở Nội vụ", with: "1. Phòng Nội vụ")
        #expect(PlanParser.parse(SourceText(path: "form.txt", text: district), repair: false).header.locality?.level == .district)
    }
}
