import Foundation
import Testing
@testable import PlanKit

/// The external tools a test needs, found on PATH; a test without them is skipped and says why.
enum Tools {
    static func has(_ tools: ExternalTool...) -> Bool { tools.allSatisfy { $0.locate() != nil } }
    static let poppler = has(.pdftotext, .pdfimages)
    static let ocr: Bool = {
        guard has(.pdftotext, .pdfimages, .pdftoppm, .tesseract), let tesseract = ExternalTool.tesseract.locate() else { return false }
        return (try? Reader(path: "", format: .png, options: .init()).requireLanguage(tesseract)) != nil
    }()
    static let pandoc = has(.pandoc)
    static let antiword = has(.antiword)
}

/// Plans read from the committed format fixtures (Tools/formats/make-format-fixtures.sh) against
/// the same plan read from its clean text.
@Suite struct DocumentIntakeTests {
    static let name = "703-xa-my-thuan-nam-2024"
    static let clean = Repository.url("Fixtures/plans/holdout6/\(name).txt").path
    static func fixture(_ suffix: String) -> String { Repository.url("Fixtures/formats/\(name)\(suffix)").path }
    static let cleanFacts = PlanFacts.facts(of: PlanParser.parse(try! SourceText.read(path: clean)))

    @Test(.enabled(if: Tools.poppler, "pdftotext not installed (apt-get install poppler-utils): the typed-PDF test is skipped"))
    func typedPDFReadsAsTheTextDoes() throws {
        let source = try DocumentIntake.read(path: Self.fixture(".pdf"))
        let origin = try #require(source.origin)
        #expect(origin.format == "pdf")
        #expect(origin.extractor == "pdftotext")
        #expect(origin.extractorVersion.hasPrefix("pdftotext "))
        #expect(origin.pageCount == 5)
        #expect(origin.ocrPages == nil && origin.ocrConfidence == nil)
        let plan = PlanParser.parse(source)
        #expect(PlanFacts.facts(of: plan) == Self.cleanFacts)
        // The objectives are on page 2, the signature on page 5 (checked with pdftotext -f N -l N).
        #expect(plan.objectives.map(\.span.page) == Array(repeating: 2, count: 6))
        #expect(plan.signature?.span.page == 5)
        #expect(plan.sections.first?.span.page == 1)
    }

    @Test(.enabled(if: Tools.ocr, "pdftoppm or tesseract with its Vietnamese model not installed (apt-get install poppler-utils tesseract-ocr tesseract-ocr-vie): the scanned-PDF test is skipped"))
    func scannedPDFIsReadByOCRPageByPage() throws {
        let source = try DocumentIntake.read(path: Self.fixture(".scan.pdf"))
        let origin = try #require(source.origin)
        #expect(origin.extractor == "pdftoppm+tesseract")
        #expect(origin.ocrPages == [1, 2, 3, 4, 5])
        #expect(origin.extractorVersion.contains("tesseract "))
        let confidence = try #require(origin.ocrConfidence)
        #expect(confidence > 80 && confidence <= 100)
        let plan = PlanParser.parse(source)
        #expect(plan.header.number == "29/KH-UBND")
        #expect(plan.header.locality == Locality(level: .commune, name: "Mỹ Thuận"))
        #expect(plan.objectives.count == 6)
        #expect(plan.objectives.first?.span.page == 2)
        #expect(plan.signature?.name == "Trần Thị Bích Ngọc")
        #expect(plan.signature?.span.page == 5)
    }

    /// Typed pages keep their text layer; the scanned ones are read by OCR, each span on its page.
    @Test(.enabled(if: Tools.ocr, "pdftoppm or tesseract with its Vietnamese model not installed (apt-get install poppler-utils tesseract-ocr tesseract-ocr-vie): the mixed-PDF test is skipped"))
    func mixedPDFIsReadPageByPage() throws {
        let source = try DocumentIntake.read(path: Self.fixture(".mixed.pdf"))
        let origin = try #require(source.origin)
        #expect(origin.extractor == "pdftotext+pdftoppm+tesseract")
        #expect(origin.pageCount == 5)
        #expect(origin.ocrPages == [3, 4, 5])
        let plan = PlanParser.parse(source)
        // Typed pages: as the clean text reads them.
        #expect(plan.header.number == "29/KH-UBND")
        #expect(plan.objectives.first?.span.page == 2)
        #expect(plan.objectives.count == 6)
        // OCR'd pages: the closing on the last page.
        #expect(plan.signature?.name == "Trần Thị Bích Ngọc")
        #expect(plan.signature?.span.page == 5)
    }

    @Test(.enabled(if: Tools.ocr, "tesseract with its Vietnamese model not installed (apt-get install tesseract-ocr tesseract-ocr-vie): the TIFF test is skipped"))
    func multiPageTIFFKeepsItsPages() throws {
        let source = try DocumentIntake.read(path: Self.fixture(".tiff"))
        let origin = try #require(source.origin)
        #expect(origin.format == "tiff" && origin.extractor == "tesseract")
        #expect(origin.pageCount == 5 && origin.ocrPages == [1, 2, 3, 4, 5])
        let plan = PlanParser.parse(source)
        #expect(plan.objectives.count == 6)
        #expect(plan.objectives.first?.span.page == 2)
        #expect(plan.signature?.span.page == 5)
    }

    @Test(.enabled(if: Tools.ocr, "tesseract with its Vietnamese model not installed (apt-get install tesseract-ocr tesseract-ocr-vie): the page-image test is skipped"))
    func singlePageImagesGiveTheHeader() throws {
        for suffix in [".p1.png", ".p1.jpg"] {
            let source = try DocumentIntake.read(path: Self.fixture(suffix))
            #expect(source.origin?.format == (suffix == ".p1.png" ? "png" : "jpeg"), "\(suffix)")
            #expect(source.origin?.pageCount == 1 && source.origin?.ocrPages == [1], "\(suffix)")
            let plan = PlanParser.parse(source)
            #expect(plan.header.number == "29/KH-UBND", "\(suffix)")
            #expect(plan.header.date == PlanDate(year: 2024, month: 2, day: 22), "\(suffix)")
            #expect(plan.preamble.allSatisfy { $0.span.page == 1 }, "\(suffix)")
        }
    }

    @Test(.enabled(if: Tools.pandoc, "pandoc not installed (apt-get install pandoc): the Word tests are skipped"))
    func wordAndOpenDocumentReadAsTheTextDoes() throws {
        for suffix in [".docx", ".odt"] {
            let source = try DocumentIntake.read(path: Self.fixture(suffix))
            #expect(source.origin?.extractor == "pandoc", "\(suffix)")
            #expect(source.origin?.pageCount == nil && source.pageStartLines == nil, "\(suffix)")
            // The header table comes out cell by cell: issuer, then motto, then number and date.
            let head = source.lines.filter { !$0.isEmpty }.prefix(6)
            #expect(Array(head) == ["ỦY BAN NHÂN DÂN", "XÃ MỸ THUẬN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                    "Độc lập - Tự do - Hạnh phúc", "Số: 29/KH-UBND", "Mỹ Thuận, ngày 22 tháng 02 năm 2024"], "\(suffix)")
            let plan = PlanParser.parse(source)
            #expect(PlanFacts.facts(of: plan) == Self.cleanFacts, "\(suffix)")
            #expect(plan.objectives.allSatisfy { $0.span.page == nil }, "\(suffix)")
        }
    }

    @Test(.enabled(if: Tools.antiword, "antiword not installed (apt-get install antiword): the .doc test is skipped"))
    func legacyWordReadsAsTheTextDoes() throws {
        let source = try DocumentIntake.read(path: Self.fixture(".doc"))
        #expect(source.origin?.format == "doc")
        #expect(source.origin?.extractor == "antiword")
        #expect(PlanFacts.facts(of: PlanParser.parse(source)) == Self.cleanFacts)
    }

    /// With no tools at all, each format fails with one line naming the tool and its package.
    @Test func aMissingToolIsNamedWithItsPackage() {
        let none = DocumentIntake.Options(searchPath: [])
        let rows: [(String, String)] = [
            (".pdf", "is a PDF; reading it needs pdftotext (Debian package poppler-utils), which is not installed"),
            (".tiff", "is a TIFF image; reading it needs tesseract (Debian package tesseract-ocr), which is not installed"),
            (".p1.jpg", "is a JPEG image; reading it needs tesseract (Debian package tesseract-ocr), which is not installed"),
            (".docx", "is a Word (.docx) document; reading it needs pandoc (Debian package pandoc), which is not installed"),
            (".doc", "is a Word 97–2003 (.doc) document; reading it needs antiword (Debian package antiword) or LibreOffice's soffice (Debian package libreoffice-writer), neither of which is installed"),
        ]
        for (suffix, reason) in rows {
            #expect(throws: SourceError(path: Self.fixture(suffix), line: nil, reason: reason)) {
                try DocumentIntake.read(path: Self.fixture(suffix), options: none)
            }
        }
    }

    /// Text needs no tool: read with none installed, it gives the same JSON as before, with no
    /// `origin` and no `page`.
    @Test func textNeedsNoToolAndItsJSONIsUnchanged() throws {
        let source = try DocumentIntake.read(path: Self.clean, options: DocumentIntake.Options(searchPath: []))
        #expect(source.origin == nil && source.pageStartLines == nil)
        let json = try PlanJSONEncoder().encode(PlanParser.parse(source))
        #expect(json == (try PlanJSONEncoder().encode(PlanParser.parse(try SourceText.read(path: Self.clean)))))
        #expect(!json.contains("\"origin\"") && !json.contains("\"page\""))
    }

    /// Stand-in tools (shell scripts) for what real ones do rarely: run too long, fail, lack a model.
    @Test func toolsThatHangFailOrLackAModelGiveOneClearError() throws {
        let folder = NSTemporaryDirectory() + "plankit-fake-tools-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func tool(_ name: String, _ body: String) throws {
            try ("#!/bin/sh\n" + body + "\n").write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
            chmod(folder + "/" + name, 0o755)
        }
        try tool("pdftotext", "exec sleep 20")
        try tool("pandoc", "echo 'pandoc: Couldn'\"'\"'t parse docx file' >&2; exit 64")
        try tool("tesseract", "echo 'List of available languages (2):'; echo eng; echo osd")
        let options = DocumentIntake.Options(timeout: 0.5, searchPath: [folder])
        let started = Date()
        #expect(throws: SourceError(path: Self.fixture(".pdf"), line: nil, reason: "pdftotext did not finish within 0.5 s; stopped")) {
            try DocumentIntake.read(path: Self.fixture(".pdf"), options: options)
        }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(throws: SourceError(path: Self.fixture(".docx"), line: nil,
                                    reason: "is a Word (.docx) document that pandoc could not read (exit 64: pandoc: Couldn't parse docx file)")) {
            try DocumentIntake.read(path: Self.fixture(".docx"), options: options)
        }
        #expect(throws: SourceError(path: Self.fixture(".p1.png"), line: nil,
                                    reason: "is a PNG image; reading it needs Tesseract's 'vie' model (Debian package tesseract-ocr-vie), which is not installed")) {
            try DocumentIntake.read(path: Self.fixture(".p1.png"), options: options)
        }
    }
}
