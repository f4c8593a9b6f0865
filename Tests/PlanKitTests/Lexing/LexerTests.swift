import Foundation
import Testing
@testable import PlanKit

@Suite struct MarkerTests {
    @Test func readsMarkers() {
        let rows: [(line: String, raw: String)] = [
            ("I. MỤC ĐÍCH", "I."), ("IV. KINH PHÍ", "IV."), ("2.1. Mục tiêu 1", "2.1."), ("2.1.1. Các chỉ tiêu:", "2.1.1."),
            ("a. Mục tiêu 1", "a."), ("đ) Mục tiêu 5", "đ)"), ("- Chỉ tiêu 1", "-"), ("+ nội dung", "+"), ("• nội dung", "•"),
            ("* nội dung", "*"), ("10. Công an huyện", "10."), ("2.1 Mục tiêu 1", "2.1"),
        ]
        for (line, raw) in rows {
            #expect(ListMarker.read(Array(line.unicodeScalars)[...])?.raw == raw, "\(line)")
        }
    }

    @Test func readsNoMarker() {
        let rows: [String] = ["2030.", "100% số nạn nhân", "04 tin, bài", "IIII. X", "Mục tiêu", "-5% so với", "w. không phải chữ Việt"]
        for line in rows {
            #expect(ListMarker.read(Array(line.unicodeScalars)[...]) == nil, "\(line)")
        }
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

    /// Two cells of a header or closing that OCR joined with one space: cut where the right one's field begins.
    @Test func joinedColumnsAreCutWhereTheRightFieldBegins() {
        let rows: [(line: String, right: String?)] = [
            ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("XÃ KHÁNH LỘC Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
            ("Số: 47/KH-UBND Khánh Lộc, ngày tháng 5 năm 2022", "Khánh Lộc, ngày tháng 5 năm 2022"),
            ("Số: 822 / QĐ - UBND Quy Lăng, ngày 16 tháng 9 năm 2021", "Quy Lăng, ngày 16 tháng 9 năm 2021"),
            ("Nơi nhận: TM. ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN"),
            ("- UBND huyện Quy Lăng; CHỦ TỊCH", "CHỦ TỊCH"),
            ("- Sở Y tế; KT. GIÁM ĐỐC", "KT. GIÁM ĐỐC"),
            ("- Các thôn; Lò Văn Thưởng", "Lò Văn Thưởng"),
            ("- Lưu: VT, KGVX. Phan Quốc Trung", "Phan Quốc Trung"),
            ("- TT Thành ủy, TT HĐND thành phố; PHÓ CHỦ TỊCH THƯỜNG", "PHÓ CHỦ TỊCH THƯỜNG"),
            ("- Ủy ban MTTQ Việt Nam thành phố; (Đã ký)", "(Đã ký)"),
            // One field each.
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", nil),
            ("Số: 47/KH-UBND", nil),
            ("Khánh Lộc, ngày 12 tháng 5 năm 2022", nil),
            ("- Chủ tịch, PCT UBND xã;", nil),
            ("- Các ban, ngành; các thôn", nil),
            ("- Lưu: VT, VP.", nil),
            ("- UBND các xã. Thị trấn", nil),
            ("Thực hiện Quyết định số 822/QĐ-UBND ngày 16/9/2021 của Chủ tịch", nil),
        ]
        forEachRow(rows, named: { $0.line }) { line, right in
            let scalars = Scalars.array(line)
            #expect(TwoColumns.fieldCut(scalars).map { Scalars.string(scalars[$0...]) } == right, "\(line)")
        }
    }

    /// A closing whose two columns OCR joined: the signature, its title wrapped under it included,
    /// is read after the recipients.
    @Test func aJoinedClosingIsReadColumnByColumn() {
        let text = """
            KẾ HOẠCH
            Nơi nhận: TM. ỦY BAN NHÂN DÂN
            - Bộ Nội vụ; KT. CHỦ TỊCH
            - TT Thành ủy; PHÓ CHỦ TỊCH THƯỜNG
            TRỰC
            - UBND các xã, phường; (Đã ký)
            - Lưu: VT, KGVX. Phan Quốc Trung
            """
        let blocks = Lexer.lex(SourceText(path: "t", text: text)).map(\.string)
        #expect(blocks == ["KẾ HOẠCH", "Nơi nhận:", "Bộ Nội vụ;", "TT Thành ủy;", "UBND các xã, phường;", "Lưu: VT, KGVX.",
                           "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG", "TRỰC", "(Đã ký)", "Phan Quốc Trung"])
        let plan = parse(text)
        #expect(plan.recipients == ["Bộ Nội vụ", "TT Thành ủy", "UBND các xã, phường", "Lưu: VT, KGVX"])
        #expect(plan.signature?.title == "PHÓ CHỦ TỊCH THƯỜNG TRỰC")
        #expect(plan.signature?.name == "Phan Quốc Trung")
    }
}
