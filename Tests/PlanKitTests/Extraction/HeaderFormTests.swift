import Foundation
import Testing
@testable import PlanKit

@Suite struct HeaderFormTests {
    @Test func readsPlaceAndDate() {
        let rows: [(line: String, place: String, date: PlanDate)] = [
            ("Bình Lư, ngày 10 tháng 4 năm 2026", "Bình Lư", PlanDate(year: 2026, month: 4, day: 10)),
            ("Tuần Giáo, ngày      tháng 3 năm 2022", "Tuần Giáo", PlanDate(year: 2022, month: 3, day: nil)),
            ("Bắc Yên, ngày tháng 7 năm 2021", "Bắc Yên", PlanDate(year: 2021, month: 7, day: nil)),
            ("Lâm Đồng, ngày   tháng   năm 2021", "Lâm Đồng", PlanDate(year: 2021, month: nil, day: nil)),
        ]
        for (line, place, date) in rows {
            let plan = parse("Số: 1/KH-UBND\n\(line)\nKẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2022\n")
            #expect(plan.header.place == place, "\(line)")
            #expect(plan.header.date == date, "\(line)")
        }
    }

    @Test func readsNumberAndSymbol() {
        let rows: [(line: String, number: String?, symbol: String?)] = [
            ("Số: 645/KH-UBND", "645/KH-UBND", "KH-UBND"),
            ("Số: /KH-UBND", nil, "KH-UBND"),
            ("Số:  /KH-UBND", nil, "KH-UBND"),
            ("Số: 1782/QĐ-UBND", "1782/QĐ-UBND", "QĐ-UBND"),
        ]
        for (line, number, symbol) in rows {
            let plan = parse("\(line)\nBình Lư, ngày 10 tháng 4 năm 2026\nKẾ HOẠCH\nVề bình đẳng giới\n")
            #expect(plan.header.number == number, "\(line)")
            #expect(plan.header.symbol == symbol, "\(line)")
        }
    }

    @Test func readsPeriodAndLocality() {
        let rows: [(title: String, from: Int, to: Int, level: Locality.Level, name: String)] = [
            ("Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2026-2030 trên địa bàn xã Bình Lư", 2026, 2030, Locality.Level.commune, "Bình Lư"),
            ("Thực hiện Chiến lược quốc gia về bình đẳng giới tỉnh Quảng Trị, giai đoạn 2021 - 2030", 2021, 2030, .province, "Quảng Trị"),
            ("Triển khai công tác Bình đẳng giới năm 2022 trên địa bàn huyện Tuần Giáo", 2022, 2022, .district, "Tuần Giáo"),
            ("Bình đẳng giới giai đoạn 2021-2025 trên địa bàn thị xã Quảng Trị", 2021, 2025, .district, "Quảng Trị"),
            ("Bình đẳng giới giai đoạn 2021-2025 trên địa bàn thành phố Hà Nội", 2021, 2025, .province, "Hà Nội"),
        ]
        for (title, from, to, level, name) in rows {
            let plan = parse("Số: 1/KH-UBND\nBình Lư, ngày 10 tháng 4 năm 2026\nKẾ HOẠCH\n\(title)\n")
            #expect(plan.header.title == title, "\(title)")
            #expect(plan.header.period == Period(from: from, to: to), "\(title)")
            #expect(plan.header.locality == Locality(level: level, name: name), "\(title)")
        }
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
