import Foundation
import Testing
@testable import PlanKit

/// The one-pass UTF-8 entrance gives what the general path (``TextDecoding`` and
/// `SourceText(path:text:)`) gives, or hands the bytes over to it.
@Suite struct UTF8EntranceTests {
    static let inputs: [(String, [UInt8])] = [
        ("LF", Array("Kế hoạch\nthực hiện\n".utf8)),
        ("CRLF and lone CR", Array("Mục tiêu 1\r\nChỉ tiêu 1\rđạt 60%\r\n\r\n".utf8)),
        ("no final line end", Array("a\nb".utf8)),
        ("empty", []),
        ("BOM", [0xEF, 0xBB, 0xBF] + Array("Số: 12/KH-UBND\n".utf8)),
        ("BOM then NUL (text after a BOM)", [0xEF, 0xBB, 0xBF, 0x61, 0x00, 0x62]),
        ("NFD Vietnamese", Array("Tuần Giáo, ngày 5 tháng 3\nđịa bàn huyện\n".decomposedStringWithCanonicalMapping.utf8)),
        ("NFD after ASCII words of eight bytes", Array("abcdefgh abcdefgh e\u{0301}\n".utf8)),
        ("a mark the table does not compose", Array("q\u{0301} x\u{0308}\n".utf8)),
        ("a mark at the start of a line", Array("a\n\u{0301}b\n".utf8)),
        ("Hangul jamo", Array("\u{1100}\u{1161}\n".utf8)),
        ("past U+FFFF", Array("ok 😀\n".utf8)),
        ("long lines with every control", Array((String(repeating: "đạt 30% – “x” ", count: 40) + "\t\u{0B}\u{0C}\n").utf8)),
    ]

    @Test(arguments: inputs.indices)
    func sameLinesAsTheGeneralPath(_ index: Int) throws {
        let (name, bytes) = Self.inputs[index]
        let general = try TextDecoding.decode(bytes)
        let expected = SourceText(path: "x", text: general.text, encoding: general.encoding)
        let fast = UTF8Entrance.read(path: "x", bytes: bytes)
        if let fast {
            #expect(fast.lines == expected.lines, "\(name)")
            #expect(fast.lines.map { Array($0.utf8) } == expected.lines.map { Array($0.utf8) }, "\(name): bytes")
            #expect(fast.encoding == expected.encoding, "\(name)")
            #expect(fast.normalizedToNFC == expected.normalizedToNFC, "\(name)")
        }
        let viaInit = try SourceText(path: "x", bytes: bytes)
        #expect(viaInit.lines.map { Array($0.utf8) } == expected.lines.map { Array($0.utf8) }, "\(name): SourceText(path:bytes:)")
        #expect(viaInit.normalizedToNFC == expected.normalizedToNFC, "\(name)")
    }

    @Test func refusedBytesGoTheGeneralWay() {
        // NUL without a BOM, invalid UTF-8 (lone continuation, overlong, truncated), UTF-16 BOMs.
        for bytes: [UInt8] in [[0x61, 0x00, 0x62], [0x61, 0x80, 0x0A], [0xC1, 0x81, 0xCC, 0x81], [0x61, 0xE1, 0xBA],
                               [0xFF, 0xFE, 0x61, 0x00], [0xFE, 0xFF, 0x00, 0x61]] {
            #expect(UTF8Entrance.read(path: "x", bytes: bytes) == nil, "\(bytes)")
        }
    }
}
