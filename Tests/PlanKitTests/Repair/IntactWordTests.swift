import Foundation
import Testing
@testable import PlanKit

/// Words written without marks that are words as written ("phong trào", "uy tín", "du lịch")
/// must survive the missing-diacritics repair (b): a plan typed without marks still has them
/// right. The statistics here leave out the seeds that use these words (002–004), the way
/// `plankit-eval` holds a document out, so what keeps them is the domain vocabulary's general
/// administrative wording, not the seeds' own lines.
@Suite struct IntactWordTests {
    /// The corpus without seeds 002, 003 and 004: seed 001, the national strategy, the vocabulary.
    static let lexicon: Lexicon = {
        let held = ["Fixtures/seeds/002", "Fixtures/seeds/003", "Fixtures/seeds/004"]
        let texts = RepairData.corpusFiles
            .filter { file in !held.contains { file.hasPrefix($0) } }
            .map { (try? String(contentsOf: Repository.url($0), encoding: .utf8)) ?? "" }
        return Lexicon(counts: LanguageModel.Counts.count(texts: texts))
    }()

    /// A document typed without marks has the modes `DocumentAnalysis` gives it (b and c).
    static func repair(_ line: String) -> TokenDecoder.Output {
        TokenDecoder(lexicon: lexicon, mode: [.diacritics, .ocr]).decode(line, lineNumber: 1, minimumConfidence: 0.5)
    }

    /// Each line stripped of its marks: the unmarked word (phong, uy, du, bao, linh) stays as
    /// written, and the neighbour it pins down gets its marks back ("trao" → "trào", "tin" →
    /// "tín", "lich" → "lịch"). Without the vocabulary's wording the decoder wrote "phòng trào",
    /// "ủy tin", "dự lich", "bảo gom".
    @Test func leavesUnmarkedWordsAlone() {
        let rows: [(damaged: String, expected: String)] = [
            ("Tham gia cac phong trao cua dia phuong.", "Tham gia các phong trào của địa phương."),
            ("Phat huy phong tuc, tap quan cua dan toc.", "Phát huy phong tục, tập quán của dân tộc."),
            ("Tuyen truyen voi noi dung phong phu.", "Tuyên truyền với nội dung phong phú."),
            ("Phat huy vai tro nguoi co uy tin trong cong dong.", "Phát huy vai trò người có uy tín trong cộng đồng."),
            ("Phoi hop voi So Van hoa, The thao va Du lich.", "Phối hợp với Sở Văn hóa, Thể thao và Du lịch."),
            ("Phat trien du lich.", "Phát triển du lịch."),
            ("Ke hoach bao gom cac noi dung sau.", "Kế hoạch bao gồm các nội dung sau."),
        ]
        for (damaged, expected) in rows {
            let output = Self.repair(damaged)
            #expect(output.text == expected, "\(damaged)")
            // No repair (applied or not) starts at a word the damage left intact.
            var intactColumns: Set<Int> = []
            var column = 1
            for (written, original) in zip(damaged.split(separator: " "), expected.split(separator: " ")) {
                if written == original { intactColumns.insert(column) }
                column += written.unicodeScalars.count + 1
            }
            #expect(!intactColumns.isEmpty, "\(damaged)")
            #expect(output.repairs.allSatisfy { !intactColumns.contains($0.column) }, "\(damaged)")
        }
    }

    /// Where the context pins down the marked reading, the same letters are still restored:
    /// "Phòng" the agency, "báo cáo", "Ủy ban".
    @Test func restoresWhereContextDecides() {
        let rows: [(damaged: String, expected: String)] = [
            ("Phong Van hoa va Thong tin huyen.", "Phòng Văn hóa và Thông tin huyện."),
            ("Bao cao ket qua thuc hien ke hoach.", "Báo cáo kết quả thực hiện kế hoạch."),
            ("Uy ban nhan dan huyen.", "Ủy ban nhân dân huyện."),
        ]
        for (damaged, expected) in rows {
            #expect(Self.repair(damaged).text == expected, "\(damaged)")
        }
    }
}
