import Foundation
import Testing
@testable import PlanKit

@Suite struct DocumentFormatTests {
    /// First bytes → the format they announce; names play no part.
    static let magic: [(bytes: [UInt8], format: DocumentFormat, line: Int)] = [
        (Array("%PDF-1.7\n".utf8), .pdf, #line),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], .png, #line),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], .jpeg, #line),
        ([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], .tiff, #line),
        ([0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8], .tiff, #line),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], .doc, #line),
        ([0x50, 0x4B, 0x03, 0x04] + Array("....[Content_Types].xml....word/document.xml".utf8), .docx, #line),
        ([0x50, 0x4B, 0x03, 0x04] + Array("......mimetypeapplication/vnd.oasis.opendocument.text".utf8), .odt, #line),
        ([0x50, 0x4B, 0x03, 0x04] + Array("....xl/workbook.xml".utf8), .otherZip, #line),
        (Array("KẾ HOẠCH\n".utf8), .text, #line),
        ([0xFF, 0xFE, 0x4B, 0x00], .text, #line),          // UTF-16 text with its BOM
        (Array("%PD".utf8), .text, #line),                  // too short to be a PDF
        ([], .text, #line),
    ]

    @Test func magicBytesNameTheFormat() {
        for row in Self.magic {
            #expect(DocumentFormat.detect(row.bytes) == row.format, "row at line \(row.line)")
        }
    }

    /// Every committed fixture is found as what it is, whatever its name says.
    @Test func fixturesAreFoundByContent() throws {
        let expected: [String: DocumentFormat] = [
            "703-xa-my-thuan-nam-2024.pdf": .pdf, "703-xa-my-thuan-nam-2024.scan.pdf": .pdf,
            "703-xa-my-thuan-nam-2024.tiff": .tiff, "703-xa-my-thuan-nam-2024.p1.png": .png,
            "703-xa-my-thuan-nam-2024.p1.jpg": .jpeg, "703-xa-my-thuan-nam-2024.docx": .docx,
            "703-xa-my-thuan-nam-2024.odt": .odt, "703-xa-my-thuan-nam-2024.doc": .doc, "plans.tsv": .text,
        ]
        for (name, format) in expected {
            let bytes = [UInt8](try Data(contentsOf: Repository.url("Fixtures/formats/" + name)))
            #expect(DocumentFormat.detect(bytes) == format, "\(name)")
        }
    }

    @Test func pagesSplitAtFormFeeds() {
        #expect(Reader.pages("a\nb\n\u{0C}c\n\u{0C}") == ["a\nb\n", "c\n"])
        #expect(Reader.pages("one page") == ["one page"])
        #expect(Reader.pages("a\u{0C}\u{0C}b") == ["a", "", "b"])
    }

    @Test func antiwordTableRowsReadAsColumns() {
        #expect(Reader.unboxedTableRows("Trên đây./.\n|Nơi nhận:   |TM. ỦY BAN  |\n|- UBND;     |CHỦ TỊCH    |\n")
                == "Trên đây./.\nNơi nhận:     TM. ỦY BAN  \n- UBND;       CHỦ TỊCH    \n")
    }

    @Test func lineToPage() {
        var source = SourceText(path: "p", lines: Array(repeating: "x", count: 9))
        #expect(source.page(ofLine: 3) == nil)
        // Page 2 is blank: it starts where page 3 does.
        source.pageStartLines = [1, 5, 5, 8]
        #expect([1, 4, 5, 7, 8, 9].map { source.page(ofLine: $0) } == [1, 1, 3, 3, 4, 4])
    }

    @Test func scannedPagesAreThoseWithAPagePicture() {
        let listing = """
        page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
        --------------------------------------------------------------------------------------------
           1     0 image    1654  2339  gray    1   1  ccitt  no        22  0   200   200 30.3K 6.4%
           2     1 image     120    80  rgb     3   8  jpeg   no        30  0    72    72  4.1K 14%
           3     2 image    2480  3508  gray    1   8  jpeg   no        41  0   300   300  400K 5%
        """
        #expect(Reader.pagesWithPictures(listing) == [1, 3])
    }

    @Test func versionNumbersAreFoundInWhatToolsPrint() {
        #expect(ExternalTool.firstVersionNumber("pdftotext version 22.12.0\nCopyright 2005-2022") == "22.12.0")
        #expect(ExternalTool.firstVersionNumber("tesseract 5.3.0\n leptonica-1.82.0") == "5.3.0")
        #expect(ExternalTool.firstVersionNumber("pandoc 2.17.1.1\nCompiled with") == "2.17.1.1")
        #expect(ExternalTool.firstVersionNumber("Usage: antiword [switches] wordfile1\n\tVersion: 0.37 (21 Oct 2005)") == "0.37")
        #expect(ExternalTool.firstVersionNumber("no number here") == nil)
    }
}
