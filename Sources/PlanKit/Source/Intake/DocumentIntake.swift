import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entrance for every file an archive holds: text files are decoded as ``SourceText`` always
/// did; PDFs, page images and Word files are turned into text by external tools first (poppler,
/// Tesseract, pandoc, antiword or LibreOffice), found on the search path when needed.
///
/// The format comes from the bytes (``DocumentFormat``). A PDF is read with `pdftotext`; a page
/// with almost no text (a scan) is rendered with `pdftoppm` and read by Tesseract's Vietnamese
/// model, so a mixed PDF is read page by page. Images go to Tesseract. `.docx` and `.odt` go
/// through `pandoc` to plain text, their tables laid out cell by cell; `.doc` through `antiword`,
/// else LibreOffice. The text keeps its pages: ``SourceText/pageStartLines`` is set for PDFs and
/// images, and ``SourceText/origin`` says which tool made the text and, for OCR, how sure it was.
///
/// A tool that is not installed is a ``SourceError`` naming it and its Debian package; a tool
/// that fails or runs past ``Options/timeout`` is one too. Temporary files go to a private folder
/// removed before returning.
public enum DocumentIntake {
    /// How external tools are run.
    public struct Options: Sendable {
        /// Seconds one tool run may take (one page's OCR, one conversion) before it is stopped.
        public var timeout: Double
        /// Where tools are looked for; nil means the `PATH` directories.
        public var searchPath: [String]?
        /// Tesseract's language model.
        public var ocrLanguage: String
        /// Dots per inch at which scanned PDF pages are rendered for OCR.
        public var ocrResolution: Int
        /// Tesseract's page segmentation mode (3: find the columns and blocks itself).
        public var ocrPageSegmentation: Int
        /// A PDF page with fewer non-blank characters in its text layer, and a picture of the
        /// page's size on it, is read by OCR.
        public var minimumPageCharacters: Int

        /// The defaults: 300 s per run, `PATH`, Vietnamese, 300 dpi, automatic segmentation, 40 characters.
        public init(timeout: Double = 300, searchPath: [String]? = nil, ocrLanguage: String = "vie",
                    ocrResolution: Int = 300, ocrPageSegmentation: Int = 3, minimumPageCharacters: Int = 40) {
            self.timeout = timeout
            self.searchPath = searchPath
            self.ocrLanguage = ocrLanguage
            self.ocrResolution = ocrResolution
            self.ocrPageSegmentation = ocrPageSegmentation
            self.minimumPageCharacters = minimumPageCharacters
        }
    }

    /// Reads the file at `path` in whatever format it is.
    public static func read(path: String, options: Options = Options()) throws(SourceError) -> SourceText {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SourceError(path: path, line: nil, reason: "no such file")
        }
        if isDirectory.boolValue {
            throw SourceError(path: path, line: nil, reason: "is a directory, not a plan file")
        }
        guard let bytes = FileBytes.read(path) else {
            throw SourceError(path: path, line: nil, reason: "cannot be read (permission denied?)")
        }
        return try read(path: path, bytes: bytes, options: options)
    }

    /// Reads `bytes`, the contents of the file at `path` (tools read the file itself).
    public static func read(path: String, bytes: [UInt8], options: Options = Options()) throws(SourceError) -> SourceText {
        let format = DocumentFormat.detect(bytes)
        var reader = Reader(path: path, format: format, options: options)
        switch format {
        case .text:
            return try SourceText(path: path, bytes: bytes)
        case .otherZip:
            throw SourceError(path: path, line: nil, reason: "is a ZIP archive with no Word or OpenDocument text in it, not a plan")
        case .pdf:
            return try reader.pdf()
        case .png, .jpeg, .tiff:
            return try reader.image()
        case .docx, .odt:
            return try reader.word()
        case .doc:
            return try reader.legacyWord()
        }
    }

    /// The text a source was parsed from, one line per line (so spans' line numbers point into
    /// it), for `--keep-text`.
    public static func text(of source: SourceText) -> String {
        source.lines.joined(separator: "\n") + "\n"
    }
}

/// One file's extraction: its scratch folder, the tools used and what they reported.
struct Reader {
    let path: String
    let format: DocumentFormat
    let options: DocumentIntake.Options
    private var tools: [String] = []
    private var versions: [String] = []

    init(path: String, format: DocumentFormat, options: DocumentIntake.Options) {
        self.path = path
        self.format = format
        self.options = options
    }

    private var what: String {
        switch format {
        case .pdf: return "a PDF"
        case .png: return "a PNG image"
        case .jpeg: return "a JPEG image"
        case .tiff: return "a TIFF image"
        case .docx: return "a Word (.docx) document"
        case .odt: return "an OpenDocument (.odt) text"
        case .doc: return "a Word 97–2003 (.doc) document"
        case .text, .otherZip: return "a file"
        }
    }

    private func failure(_ reason: String) -> SourceError { SourceError(path: path, line: nil, reason: reason) }

    /// The tool's path, recorded with its version; missing, the error that says what to install.
    private mutating func require(_ tool: ExternalTool, for purpose: String = "reading it") throws(SourceError) -> String {
        guard let executable = tool.locate(searchPath: options.searchPath) else {
            throw failure("is \(what); \(purpose) needs \(tool.installHint), which is not installed")
        }
        if !tools.contains(tool.name) {
            tools.append(tool.name)
            versions.append(tool.version(at: executable, timeout: options.timeout))
        }
        return executable
    }

    private func run(_ tool: ExternalTool, _ executable: String, _ arguments: [String],
                     environment: [String: String] = [:], directory: String? = nil) throws(SourceError) -> ExternalTool.Output {
        do {
            return try ExternalTool.run(executable, arguments, timeout: options.timeout, environment: environment, directory: directory)
        } catch {
            switch error {
            case .cannotStart(let why): throw failure("\(tool.name) could not be started: \(why)")
            case .timedOut(let seconds): throw failure("\(tool.name) did not finish within \(NumberText.shortest(seconds)) s; stopped")
            case .failed(let status, let message):
                throw failure("is \(what) that \(tool.name) could not read (exit \(status)\(message.isEmpty ? "" : ": \(message)"))")
            }
        }
    }

    /// A private scratch folder, removed by `body`'s caller through the returned cleanup.
    private func scratch() throws(SourceError) -> String {
        var template = Array((NSTemporaryDirectory() + "plankit-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw failure("cannot make a temporary folder in \(NSTemporaryDirectory())") }
        return String(cString: made)
    }

    private func read(_ file: String) -> String {
        guard let data = FileManager.default.contents(atPath: file) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: - Formats

    mutating func pdf() throws(SourceError) -> SourceText {
        let pdftotext = try require(.pdftotext)
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // -layout: a table's columns side by side on their lines, as the lexer's two-column reading expects.
        _ = try run(.pdftotext, pdftotext, ["-layout", "-enc", "UTF-8", absolute(path), folder + "/text.txt"])
        var pages = Reader.pages(read(folder + "/text.txt"))
        // A scanned page: almost no text, and a picture (a short last page of text is no scan).
        var scanned = pages.indices.filter { pages[$0].unicodeScalars.filter { !$0.properties.isWhitespace }.count < options.minimumPageCharacters }
        if !scanned.isEmpty {
            let pdfimages = try require(.pdfimages, for: "finding its scanned pages")
            let pictured = Reader.pagesWithPictures(String(decoding: try run(.pdfimages, pdfimages, ["-list", absolute(path)]).stdout, as: UTF8.self))
            scanned = scanned.filter { pictured.contains($0 + 1) }
        }
        var confidence: (sum: Double, words: Int) = (0, 0)
        if !scanned.isEmpty {
            let pdftoppm = try require(.pdftoppm, for: "reading its scanned pages")
            let tesseract = try requireTesseract()
            for index in scanned {
                let page = index + 1
                let image = folder + "/page\(page)"
                _ = try run(.pdftoppm, pdftoppm, ["-r", "\(options.ocrResolution)", "-gray", "-png", "-singlefile",
                                                   "-f", "\(page)", "-l", "\(page)", absolute(path), image])
                let (texts, sum, words) = try ocr(tesseract, image: image + ".png", folder: folder, name: "ocr\(page)")
                pages[index] = texts.joined(separator: "\n")
                confidence.sum += sum
                confidence.words += words
            }
        }
        let extractor = scanned.isEmpty ? "pdftotext" : scanned.count == pages.count ? "pdftoppm+tesseract" : "pdftotext+pdftoppm+tesseract"
        return source(pages: pages, extractor: extractor, ocrPages: scanned.isEmpty ? nil : scanned.map { $0 + 1 },
                      confidence: confidence)
    }

    mutating func image() throws(SourceError) -> SourceText {
        let tesseract = try requireTesseract()
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (pages, sum, words) = try ocr(tesseract, image: absolute(path), folder: folder, name: "ocr")
        return source(pages: pages, extractor: "tesseract", ocrPages: Array(1...max(1, pages.count)), confidence: (sum, words))
    }

    mutating func word() throws(SourceError) -> SourceText {
        let pandoc = try require(.pandoc)
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let filter = folder + "/tables.lua"
        guard FileManager.default.createFile(atPath: filter, contents: Data(Reader.tableFilter.utf8)) else {
            throw failure("cannot write a temporary file in \(folder)")
        }
        _ = try run(.pandoc, pandoc, ["-f", format == .odt ? "odt" : "docx", "-t", "plain", "--wrap=none",
                                      "--lua-filter=" + filter, "-o", folder + "/text.txt", absolute(path)])
        return source(text: read(folder + "/text.txt"), extractor: "pandoc")
    }

    mutating func legacyWord() throws(SourceError) -> SourceText {
        if let antiword = ExternalTool.antiword.locate(searchPath: options.searchPath) {
            _ = try require(.antiword)
            // -w 0: one line per paragraph; UTF-8 whatever the locale.
            let output = try run(.antiword, antiword, ["-m", "UTF-8.txt", "-w", "0", absolute(path)])
            return source(text: Reader.unboxedTableRows(String(decoding: output.stdout, as: UTF8.self)), extractor: "antiword")
        }
        guard let soffice = ExternalTool.soffice.locate(searchPath: options.searchPath) else {
            throw failure("is \(what); reading it needs \(ExternalTool.antiword.installHint) or LibreOffice's \(ExternalTool.soffice.installHint), neither of which is installed")
        }
        _ = try require(.soffice)
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A copy under a name LibreOffice recognises, and a profile of its own (two at once would share one).
        let input = folder + "/document.doc"
        do { try FileManager.default.copyItem(atPath: path, toPath: input) } catch { throw failure("cannot be copied to \(folder)") }
        _ = try run(.soffice, soffice, ["-env:UserInstallation=file://\(folder)/profile", "--headless",
                                        "--convert-to", "txt:Text (encoded):UTF8", "--outdir", folder + "/out", input])
        let text = read(folder + "/out/document.txt")
        return source(text: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, extractor: "soffice")
    }

    /// The pages of `pdfimages -list` output that hold a picture of at least 300 × 300 pixels
    /// (a scanned page; logos and stamps are smaller).
    static func pagesWithPictures(_ listing: String) -> Set<Int> {
        var pages = Set<Int>()
        for line in listing.split(separator: "\n").dropFirst(2) {
            let cells = line.split(separator: " ", omittingEmptySubsequences: true)
            guard cells.count >= 5, let page = Int(cells[0]), let width = Int(cells[3]), let height = Int(cells[4]) else { continue }
            if width >= 300, height >= 300 { pages.insert(page) }
        }
        return pages
    }

    /// antiword draws a table row as "|cell   |cell   |", each cell padded to its column's
    /// width: the bars become spaces, so the row reads as columns do in `pdftotext -layout`.
    static func unboxedTableRows(_ text: String) -> String {
        SourceText.splitLines(text).map { line -> String in
            guard line.count > 2, line.hasPrefix("|"), line.hasSuffix("|") else { return line }
            return String(line.dropFirst().dropLast()).replacingOccurrences(of: "|", with: "  ")
        }.joined(separator: "\n") + "\n"
    }

    // MARK: - OCR

    private mutating func requireTesseract() throws(SourceError) -> String {
        let tesseract = try require(.tesseract)
        try requireLanguage(tesseract)
        return tesseract
    }

    /// Whether Tesseract at `tesseract` has the model of ``DocumentIntake/Options/ocrLanguage``.
    func requireLanguage(_ tesseract: String) throws(SourceError) {
        let key = tesseract + " langs"
        let languages: String
        if let cached = Reader.languages.value(key) {
            languages = cached
        } else {
            let output = try? ExternalTool.run(tesseract, ["--list-langs"], timeout: 20, anyStatus: true)
            languages = output.map { String(decoding: $0.stdout + $0.stderr, as: UTF8.self) } ?? ""
            Reader.languages.set(key, languages)
        }
        guard languages.split(separator: "\n").contains(where: { $0.trimmingCharacters(in: .whitespaces) == options.ocrLanguage }) else {
            let package = "tesseract-ocr-" + options.ocrLanguage.lowercased().replacingOccurrences(of: "_", with: "-")
            throw failure("is \(what); reading it needs Tesseract's '\(options.ocrLanguage)' model (Debian package \(package)), which is not installed")
        }
    }

    private static let languages = LockedDictionary()

    /// Tesseract on one image file (a multi-page TIFF gives several pages): each page's text and
    /// the sum and count of its word confidences. One thread per Tesseract: a batch runs one per core.
    private func ocr(_ tesseract: String, image: String, folder: String, name: String) throws(SourceError) -> ([String], Double, Int) {
        let base = folder + "/" + name
        // Spaces between words kept as wide as on the page: two columns stay two columns.
        _ = try run(.tesseract, tesseract, [image, base, "-l", options.ocrLanguage, "--psm", "\(options.ocrPageSegmentation)",
                                            "-c", "preserve_interword_spaces=1", "txt", "tsv"],
                    environment: ["OMP_THREAD_LIMIT": "1"])
        var pages = Reader.pages(read(base + ".txt"))
        if pages.isEmpty { pages = [""] }
        var sum = 0.0, words = 0
        for row in read(base + ".tsv").split(separator: "\n").dropFirst() {
            let cells = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard cells.count >= 12, cells[0] == "5", let conf = Double(cells[10]), conf >= 0,
                  !cells[11].trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            sum += conf
            words += 1
        }
        return (pages, sum, words)
    }

    // MARK: - Text and pages

    /// Pages of text split at form feeds (pdftotext ends each page with one; Tesseract puts one
    /// between pages); a final empty part after the last form feed is no page.
    static func pages(_ text: String) -> [String] {
        var parts = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, parts.last!.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { parts.removeLast() }
        return parts
    }

    private func source(pages: [String], extractor: String, ocrPages: [Int]?, confidence: (sum: Double, words: Int)) -> SourceText {
        var lines: [String] = []
        var starts: [Int] = []
        for page in pages {
            starts.append(lines.count + 1)
            var pageLines = SourceText.splitLines(page)
            while let last = pageLines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { pageLines.removeLast() }
            lines.append(contentsOf: pageLines)
        }
        var source = SourceText(path: path, text: lines.joined(separator: "\n"))
        source.pageStartLines = starts
        let mean = confidence.words > 0 ? (confidence.sum / Double(confidence.words) * 10).rounded() / 10 : nil
        source.origin = SourceOrigin(format: format.rawValue, extractor: extractor, extractorVersion: versions.joined(separator: ", "),
                                     pageCount: pages.count, ocrPages: ocrPages, ocrConfidence: ocrPages == nil ? nil : mean ?? 0)
        return source
    }

    private func source(text: String, extractor: String) -> SourceText {
        var source = SourceText(path: path, text: text.replacingOccurrences(of: "\u{0C}", with: "\n"))
        source.origin = SourceOrigin(format: format.rawValue, extractor: extractor, extractorVersion: versions.joined(separator: ", "))
        return source
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// A pandoc Lua filter: a table of one or two columns (the header's issuer | motto, the
    /// closing's recipients | signature) becomes its cells' paragraphs, left column then right,
    /// row by row, as the text of a plain plan runs; a wider table one line per row, cells
    /// between " | ".
    static let tableFilter = """
        local function rows(tbl)
          local out = {}
          for _, r in ipairs(tbl.head.rows) do out[#out + 1] = r end
          for _, body in ipairs(tbl.bodies) do
            for _, r in ipairs(body.head) do out[#out + 1] = r end
            for _, r in ipairs(body.body) do out[#out + 1] = r end
          end
          for _, r in ipairs(tbl.foot.rows) do out[#out + 1] = r end
          return out
        end

        function Table(tbl)
          local blocks = {}
          for _, row in ipairs(rows(tbl)) do
            if #row.cells <= 2 then
              for _, cell in ipairs(row.cells) do
                for _, b in ipairs(cell.contents) do blocks[#blocks + 1] = b end
              end
            else
              local parts = {}
              for _, cell in ipairs(row.cells) do parts[#parts + 1] = pandoc.utils.stringify(cell.contents) end
              blocks[#blocks + 1] = pandoc.Plain({pandoc.Str("| " .. table.concat(parts, " | ") .. " |")})
            end
          end
          return blocks
        end

        """
}
