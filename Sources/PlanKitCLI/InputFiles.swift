import PlanKit
import Foundation

/// How every command reads an input file: by content, through ``DocumentIntake`` (text, PDF,
/// images, Word), keeping the text extracted from other formats when `--keep-text DIR` asks.
struct InputFiles {
    /// `--keep-text DIR`: where extracted text goes, nil for nowhere.
    var keepText: String?
    var options = DocumentIntake.Options()

    /// The help lines every reading command shares.
    static let keepTextHelp = "  --keep-text DIR   Keep the text extracted from each PDF, image or Word file as DIR/<name>.txt\n" +
                              "                    (the lines the JSON's spans count); text inputs are not copied."

    /// `--ocr`: the text files were made by OCR (the formats PlanKit reads by OCR itself say so).
    var textIsOCR = false

    /// The help line of `--ocr`.
    static let ocrHelp = "  --ocr             The text files are OCR output (Tesseract's or another engine's): repair reads\n" +
                         "                    every line for OCR confusions, as it does for the scans it reads itself."

    init(values: [String: [String]], flags: Set<String> = [], console: Console) {
        keepText = values["--keep-text"]?.last
        textIsOCR = flags.contains("--ocr")
        options.searchPath = console.toolSearchPath
    }

    /// The file's text; extracted text is kept under `name` (the file's name by default).
    func read(_ path: String, keptAs name: String? = nil) throws(SourceError) -> SourceText {
        var source = try DocumentIntake.read(path: path, options: options)
        if textIsOCR, source.origin == nil {
            source.origin = SourceOrigin(format: "text", extractor: "ocr", extractorVersion: "", ocrPages: [1])
        }
        if let keepText, source.origin != nil {
            let target = keepText + "/" + (name ?? (path as NSString).lastPathComponent) + ".txt"
            do {
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try AtomicFile.write(DocumentIntake.text(of: source), to: target)
            } catch let error as CommandLineError {
                throw SourceError(path: path, line: nil, reason: "its text could not be kept: \(error.message)")
            } catch {
                throw SourceError(path: path, line: nil, reason: "its text could not be kept in \(keepText): \(error.localizedDescription)")
            }
        }
        return source
    }
}
