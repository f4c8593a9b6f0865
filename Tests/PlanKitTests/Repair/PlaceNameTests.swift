import Foundation
import Testing
@testable import PlanKit

/// Names of administrative units (``PlaceNames``, ``Gazetteer``): kept as written in clean lines
/// whatever the decoders make of them, and restored from the gazetteer when their marks are
/// stripped or letters lost. Each row is one line as written, the decoders' reading of it, and
/// what the pass must make of it.
@Suite struct PlaceNameTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var written: String
        var decoded: String
        var expected: String
        var testDescription: String { written }
    }

    static let rows: [Row] = [
        // Clean: a decoder's change inside a name is undone.
        Row(written: "Bạc Liêu, ngày 15 tháng 3 năm 2024", decoded: "Bắc Liêu, ngày 15 tháng 3 năm 2024",
            expected: "Bạc Liêu, ngày 15 tháng 3 năm 2024"),
        Row(written: "UBND tỉnh Bạc Liêu ban hành", decoded: "UBND tỉnh Bắc Liêu ban hành",
            expected: "UBND tỉnh Bạc Liêu ban hành"),
        Row(written: "ỦY BAN NHÂN DÂN TỈNH BẠC LIÊU", decoded: "ỦY BAN NHÂN DÂN TỈNH BẮC LIÊU",
            expected: "ỦY BAN NHÂN DÂN TỈNH BẠC LIÊU"),
        // Damaged: lost glyphs (each a space) and stripped marks.
        Row(written: "UBND tỉnh B c Liêu ban hành", decoded: "UBND tỉnh Bắc Liêu ban hành",
            expected: "UBND tỉnh Bạc Liêu ban hành"),
        Row(written: "UBND tinh Bac Lieu ban hanh", decoded: "UBND tỉnh Bắc Liêu ban hành",
            expected: "UBND tỉnh Bạc Liêu ban hành"),
        Row(written: "Bac Lieu, ngay 15 thang 3 nam 2024", decoded: "Bac Lieu, ngày 15 tháng 3 năm 2024",
            expected: "Bạc Liêu, ngày 15 tháng 3 năm 2024"),
        Row(written: "B c Liêu, n ày 15 t  n  3 năm 2024", decoded: "Bắc Liêu, ngày 15 tháng 3 năm 2024",
            expected: "Bạc Liêu, ngày 15 tháng 3 năm 2024"),
        Row(written: "Mườn  K ư n , n    15 t  n  3 năm 2024", decoded: "Mường K ư n , ngày 15 tháng 3 năm 2024",
            expected: "Mường Khương, ngày 15 tháng 3 năm 2024"),
        Row(written: "trên địa bàn quan Thanh Xuan năm 2024", decoded: "trên địa bàn quan Thanh Xuan năm 2024",
            expected: "trên địa bàn quan Thanh Xuân năm 2024"),
        // Left: a name the gazetteer lacks, cut short at a capitalized word; a mark shown is kept.
        Row(written: "trên địa bàn thành phố Vĩnh Xuyên", decoded: "trên địa bàn thành phố Vĩnh Xuyên",
            expected: "trên địa bàn thành phố Vĩnh Xuyên"),
        // The higher unit of two that fit equally: the district Long Biên, not the commune Long Tiên.
        Row(written: "Lon    ên, n ày 15 t  n  3 năm 2024", decoded: "Long viên, ngày 15 tháng 3 năm 2024",
            expected: "Long Biên, ngày 15 tháng 3 năm 2024"),
        // Left: two names explain the window equally ("Đồng Xuân", "Đông Xuân").
        Row(written: "phuong Dong Xuan", decoded: "phường Dong Xuan", expected: "phường Dong Xuan"),
        // Left: "xã hội" is no name.
        Row(written: "an sinh xa hoi", decoded: "an sinh xã hội", expected: "an sinh xã hội"),
    ]

    @Test(arguments: rows)
    func row(_ row: Row) {
        var lines = [row.decoded]
        var repairs: [Repair] = []
        PlaceNames.apply(original: [row.written], lines: &lines, repairs: &repairs)
        #expect(lines[0] == row.expected)
    }

    /// The pass's repairs cover its changes: each repair's text, put into the line as written,
    /// gives the line after the pass.
    @Test func repairsRebuildTheLine() {
        let written = "UBND tỉnh B c Liêu ban hành"
        var lines = ["UBND tỉnh Bắc Liêu ban hành"]
        var repairs = [Repair(line: 1, column: 11, original: "B c", repaired: "Bắc", kind: "lost-glyph", confidence: 0.8)]
        PlaceNames.apply(original: [written], lines: &lines, repairs: &repairs)
        #expect(repairs.map { "\($0.column) \($0.original) → \($0.repaired)" } == ["11 B c Liêu → Bạc Liêu"])
    }

    /// The whole stage on a damaged document: a clean place-and-date line stays as written.
    @Test func cleanLineInDamagedDocument() {
        let lines = ["Bạc Liêu, ngày 15 tháng 3 năm 2024", "", "Ke hoach thuc hien cong tac binh dang gioi",
                     "Uy ban nhan dan tinh Bac Lieu ban hanh ke hoach"]
        let repaired = Repairer().repair(SourceText(path: "t.txt", lines: lines)).0.lines
        #expect(repaired[0] == lines[0])
        #expect(repaired[3].contains("tỉnh Bạc Liêu"))
    }

    @Test func gazetteerCounts() {
        let g = Gazetteer.shipped
        #expect(g.units.filter { $0.level == .province && !$0.after2025 }.count == 63)
        #expect(g.units.filter { $0.level == .province && $0.after2025 }.count == 34)
        #expect(g.unit(named: "Bạc Liêu", type: "tỉnh")?.code == "95")
    }
}
