import Testing
@testable import PlanKit

@Suite struct SourceTextTests {
    @Test func splitsLineEnds() {
        let rows: [(text: String, lines: [String])] = [
            ("a\nb\n", ["a", "b"]),
            ("a\r\nb\r\n", ["a", "b"]),
            ("a\rb", ["a", "b"]),
            ("a\n\nb", ["a", "", "b"]),
            ("", []),
        ]
        for (text, lines) in rows {
            #expect(SourceText(path: "t", text: text).lines == lines, "\(text.debugDescription)")
        }
    }

    @Test func composesNFDOnceAtTheEntrance() {
        let nfd = "Vie\u{0302}\u{0323}t Nam"
        let source = SourceText(path: "t", text: nfd)
        #expect(source.normalizedToNFC)
        #expect(Array(source.lines[0].unicodeScalars) == Array("Việt Nam".unicodeScalars))
    }

    @Test func stripsByteOrderMark() throws {
        let source = try SourceText(path: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("Số: 1/KH\n".utf8))
        #expect(source.lines == ["Số: 1/KH"])
        #expect(source.encoding == .utf8BOM)
    }

    @Test func readsUTF16WithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Kế hoạch\r\nx".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let source = try SourceText(path: "t", bytes: bytes)
        #expect(source.lines == ["Kế hoạch", "x"])
        #expect(source.encoding == .utf16LE)
    }

    @Test func reportsTheLineOfTheFirstInvalidByte() {
        let bytes = Array("ok\nstill ok\n".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        #expect(throws: SourceError(path: "p.txt", line: 3, reason: "is not valid UTF-8 (byte 0xC3 at offset 12), nor recognisably Windows-1258, TCVN3 or VNI text; convert it to UTF-8")) {
            try SourceText(path: "p.txt", bytes: bytes)
        }
    }

    @Test func refusesBinary() {
        #expect(throws: SourceError.self) { try SourceText(path: "b", bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1]) }
    }
}
