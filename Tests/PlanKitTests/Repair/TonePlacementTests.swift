import Foundation
import Testing
@testable import PlanKit

/// Both tone placements ("hòa"/"hoà") are read; restored words are written in the document's own.
@Suite struct TonePlacementTests {
    @Test func placement() {
        let rows: [(word: String, expected: TonePlacement?)] = [
            ("hòa", TonePlacement?.some(.first)), ("hoà", .second), ("khỏe", .first), ("khoẻ", .second),
            ("thủy", .first), ("thuỷ", .second), ("Ủy", .first), ("Uỷ", .second), ("HOÀ", .second),
            ("hoa", nil),        // no tone
            ("quý", nil),        // "qu" is the onset, "y" the whole rhyme
            ("hoạt", nil),       // closed rhyme: one placement only
            ("ngoài", nil),      // "oai" is another rhyme
            ("khuya", nil),
        ]
        for (word, expected) in rows {
            #expect(TonePlacement.rhyme(Array(word.unicodeScalars))?.placement == expected, "\(word)")
        }
    }

    @Test func restyle() {
        let rows: [(word: String, placement: TonePlacement, expected: String)] = [
            ("hòa", TonePlacement.second, "hoà"), ("hoà", .first, "hòa"), ("Ủy", .second, "Uỷ"),
            ("HÓA", .second, "HOÁ"), ("xoẹ", .first, "xọe"), ("thuỷ", .second, "thuỷ"), ("quý", .first, "quý"),
        ]
        for (word, placement, expected) in rows {
            let out = TonePlacement.restyle(Array(word.unicodeScalars), to: placement)
            #expect(String(String.UnicodeScalarView(out)) == expected, "\(word)")
        }
    }

    /// Seed 004 rewritten in the newer placement ("hoá", "xoá", "khoẻ", "Uỷ") with lines 201–300
    /// stripped of their marks: the words restored there follow the document ("xoá bỏ",
    /// "Đa dạng hoá", "sức khoẻ"), though the shipped statistics spell them "xóa", "hóa", "khỏe";
    /// the intact words written "xoá" elsewhere are left alone and not logged.
    @Test func restoredWordsFollowTheDocumentsPlacement() throws {
        let clean = try SourceText.read(path: Repository.url(Repository.seeds["004"]!).path).lines
        let newer = clean.map { line in
            String(String.UnicodeScalarView(TonePlacement.place(repaired: Array(line.unicodeScalars),
                original: Array(repeating: " ", count: line.unicodeScalars.count), style: .second)))
        }
        #expect(newer[100].contains("xoá bỏ") && newer[272].contains("hoá"))
        var damaged = newer
        for i in 200..<300 { damaged[i] = Self.stripMarks(clean[i]) }
        #expect(damaged[217].contains("xoa bo tinh trang"))

        let (repaired, repairs, _) = Repairer.shared.repair(SourceText(path: "t.txt", lines: damaged))
        #expect(repaired.lines[217].contains("Từng bước xoá bỏ tình trạng tảo hôn"), "\(repaired.lines[217])")
        #expect(repaired.lines[272].contains("Đa dạng hoá các loại hình dịch vụ chăm sóc sức khoẻ sinh sản"),
                "\(repaired.lines[272])")
        #expect(repaired.lines[100] == newer[100] && repaired.lines[124] == newer[124])
        #expect(repairs.allSatisfy { $0.original != $0.repaired })
        #expect(repairs.contains { $0.line == 218 && $0.original == "xoa" && $0.repaired == "xoá" })
        // Nothing restored in the older placement.
        let restored = repaired.lines[200..<300].joined(separator: " ")
        #expect(["xóa", "hóa", "khỏe", "hòa"].filter { restored.contains($0) } == [])
    }

    /// Where the document itself is in the older placement (seed 004 as written), the restored
    /// words stay in it.
    @Test func olderPlacementIsKept() throws {
        let clean = try SourceText.read(path: Repository.url(Repository.seeds["004"]!).path).lines
        var damaged = clean
        for i in 200..<300 { damaged[i] = Self.stripMarks(clean[i]) }
        let repaired = Repairer.shared.repair(SourceText(path: "t.txt", lines: damaged)).0
        #expect(repaired.lines[217].contains("xóa bỏ tình trạng"), "\(repaired.lines[217])")
        #expect(repaired.lines[272].contains("sức khỏe"), "\(repaired.lines[272])")
    }

    /// A word changed only in its tone's placement is put back; a real change is placed.
    @Test func place() {
        let rows: [(original: String, repaired: String, style: TonePlacement?, expected: String)] = [
            ("hoà", "hòa", TonePlacement?.none, "hoà"),      // only the placement differed: as written
            ("hoà", "hòa", .first, "hoà"),
            ("hoa", "hòa", .second, "hoà"),                  // the decoder chose the tone: document style
            ("hoa", "hòa", nil, "hòa"),                      // no style known: the decoder's
            ("hòn", "hòa", .second, "hoà"),                  // a letter fixed and the tone chosen anew
            ("hòa", "hòa", .second, "hòa"),                  // untouched word
            (" òa", "hòa", .second, "hòa"),                  // a lost "h": the tone was visible, it stays
            ("ho a", "hoà", .second, "hoà"),                 // a lost "à" filled: in the document's style
            ("ho  a", "hòa", .second, "hòa"),                // different lengths: left as decoded
            ("Uy ban", "Ủy ban", .second, "Uỷ ban"),
        ]
        for (original, repaired, style, expected) in rows {
            let out = TonePlacement.place(repaired: Array(repaired.unicodeScalars), original: Array(original.unicodeScalars), style: style)
            #expect(String(String.UnicodeScalarView(out)) == expected, "\(original) → \(repaired)")
        }
    }

    /// Lost glyphs: visible letters are exactly what was written, so " o " (h and á lost, seed 000
    /// line 20) stays "hoá" in a document that writes "hóa", and a tone moves only between two
    /// lost letters.
    @Test func placeLostGlyphs() {
        let rows: [(original: String, repaired: String, style: TonePlacement, expected: String)] = [
            (" o ", "hoá", TonePlacement.first, "hoá"),
            (" òa", "hòa", .second, "hòa"),
            ("h  ", "hoá", .first, "hóa"),
            ("t  ", "thủy", .second, "thủy"),               // lengths differ: as decoded
            ("t   ", "thủy", .second, "thuỷ"),
        ]
        for (original, repaired, style, expected) in rows {
            let out = TonePlacement.place(repaired: Array(repaired.unicodeScalars), original: Array(original.unicodeScalars),
                                          style: style, lostGlyphs: true)
            #expect(String(String.UnicodeScalarView(out)) == expected, "\(original) → \(repaired)")
        }
    }

    static func stripMarks(_ line: String) -> String {
        let decomposed = line.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping
        return String(String.UnicodeScalarView(decomposed.unicodeScalars.filter {
            $0.properties.generalCategory != .nonspacingMark
        })).precomposedStringWithCanonicalMapping
    }
}
