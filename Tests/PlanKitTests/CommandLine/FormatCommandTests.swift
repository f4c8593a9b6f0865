import Foundation
import Testing
@testable import PlanKit
@testable import PlanKitCLI

/// The commands on PDFs, images and Word files, and on a machine without the tools to read them
/// (`Console.toolSearchPath` empty).
@Suite struct FormatCommandTests {
    static let seed = Repository.url(Repository.seeds["001"]!).path
    static func fixture(_ suffix: String) -> String { Repository.url("Fixtures/formats/703-xa-my-thuan-nam-2024\(suffix)").path }

    static func run(_ arguments: [String], tools: [String]? = nil) -> (code: Int32, out: String, err: String) {
        let captured = Captured()
        var console = captured.console
        console.toolSearchPath = tools
        let code = CommandLineTool.main(arguments, console: console)
        return (code, captured.out, captured.err)
    }

    @Test func doctorSaysWhatToInstall() {
        let (code, out, _) = Self.run(["doctor"], tools: [])
        #expect(code == 1)
        #expect(out == """
            yes  text (UTF-8, UTF-16, Windows-1258, TCVN3, VNI)  built in
            no   PDF with a text layer                           needs pdftotext (Debian package poppler-utils)
            no   scanned PDF (OCR)                               needs pdftotext (Debian package poppler-utils), pdfimages (Debian package poppler-utils), pdftoppm (Debian package poppler-utils), tesseract (Debian package tesseract-ocr)
            no   PNG, JPEG, TIFF page images (OCR)               needs tesseract (Debian package tesseract-ocr)
            no   Word (.docx), OpenDocument (.odt)               needs pandoc (Debian package pandoc)
            no   Word 97-2003 (.doc)                             needs antiword (Debian package antiword) or soffice (Debian package libreoffice-writer)

            To read them all on Debian or Ubuntu: apt-get install poppler-utils tesseract-ocr pandoc antiword

            """)
    }

    /// A PDF without pdftotext: one line, exit 2, and the text file beside it is still parsed.
    @Test func parseGoesOnPastAFileItCannotRead() throws {
        let (code, out, err) = Self.run(["parse", Self.fixture(".pdf"), Self.seed], tools: [])
        #expect(code == 2)
        #expect(err == "plankit parse: error: \(Self.fixture(".pdf")): is a PDF; reading it needs pdftotext (Debian package poppler-utils), which is not installed\n")
        let plans = try JSONDecoder().decode([Plan].self, from: Data(out.utf8))
        #expect(plans.map(\.header.number) == ["645/KH-UBND"])
    }

    /// Batch finds a PDF by its bytes, whatever its name, and fails it alone when it cannot be read.
    @Test func batchFindsDocumentsByContent() throws {
        let folder = NSTemporaryDirectory() + "plankit-formats-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.seed, toPath: folder + "/in/plan.txt")
        try FileManager.default.copyItem(atPath: Self.fixture(".pdf"), toPath: folder + "/in/scan0001")
        try Data("not a plan".utf8).write(to: URL(fileURLWithPath: folder + "/in/notes.bin"))
        let (code, _, err) = Self.run(["batch", folder + "/in", "--out", folder + "/out"], tools: [])
        #expect(code == 1)
        #expect(err.contains("2 files, 1 parsed, 1 failed"))
        #expect(err.contains("\(folder)/in/scan0001: is a PDF; reading it needs pdftotext (Debian package poppler-utils), which is not installed"))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/plan.json"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/scan0001.json"))
    }

    @Test(.enabled(if: Tools.poppler && Tools.pandoc, "pdftotext or pandoc not installed (apt-get install poppler-utils pandoc): the batch test on documents is skipped"))
    func batchReadsDocumentsKeepsTheirTextAndResumes() throws {
        let folder = NSTemporaryDirectory() + "plankit-formats-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/in/2024", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.fixture(".pdf"), toPath: folder + "/in/2024/my-thuan.pdf")
        try FileManager.default.copyItem(atPath: Self.fixture(".docx"), toPath: folder + "/in/2024/my-thuan.docx")
        let arguments = ["batch", folder + "/in", "--out", folder + "/out", "--keep-text", folder + "/text", "--jobs", "2"]
        let first = Self.run(arguments)
        #expect(first.code == 0, "\(first.err)")
        #expect(first.err.hasPrefix("plankit batch: 2 files, 2 parsed, 0 failed"))
        for name in ["my-thuan.pdf", "my-thuan.docx"] {
            let plan = try JSONDecoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/out/2024/\(name).json")))
            #expect(plan.header.number == "29/KH-UBND", "\(name)")
            let kept = try String(contentsOfFile: folder + "/text/2024/\(name).txt", encoding: .utf8)
            #expect(kept.split(separator: "\n", omittingEmptySubsequences: false).count == plan.source.lineCount + 1, "\(name)")
        }
        let second = Self.run(arguments)
        #expect(second.err.hasPrefix("plankit batch: 2 files, 0 parsed, 2 up to date (skipped), 0 failed"))
    }

    @Test(.enabled(if: Tools.poppler, "pdftotext not installed (apt-get install poppler-utils): the --keep-text test is skipped"))
    func parseKeepsTheExtractedText() throws {
        let folder = NSTemporaryDirectory() + "plankit-keep-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (code, out, _) = Self.run(["parse", "--keep-text", folder, Self.fixture(".pdf")])
        #expect(code == 0)
        let plan = try JSONDecoder().decode(Plan.self, from: Data(out.utf8))
        let kept = try String(contentsOfFile: folder + "/703-xa-my-thuan-nam-2024.pdf.txt", encoding: .utf8)
        let lines = kept.split(separator: "\n", omittingEmptySubsequences: false)
        // The signature's span points at the kept text's lines (its column beside "Nơi nhận:").
        let signature = try #require(plan.signature)
        #expect(lines[signature.span.startLine - 1].hasSuffix("TM. ỦY BAN NHÂN DÂN"))
        #expect(signature.span.page == 5)
        #expect(out.contains("\"origin\": {\n      \"format\": \"pdf\",\n      \"extractor\": \"pdftotext\""))
    }
}
