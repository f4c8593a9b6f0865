/// Which formats this machine can read, and why not: what `plankit doctor` prints.
public struct FormatCapability: Hashable, Sendable {
    /// The kind of file, as a person names it ("scanned PDF").
    public var name: String
    /// The tools found that read it, each with its version ("pdftotext 22.12.0"); "built in" for text.
    public var tools: [String]
    /// What is missing, each as "tool (Debian package …)"; empty when the format can be read.
    public var missing: [String]

    /// Whether files of this kind can be read here.
    public var isAvailable: Bool { missing.isEmpty }
}

extension DocumentIntake {
    /// Every kind of file the intake reads, with the tools found for it on `options.searchPath`.
    public static func capabilities(options: Options = Options()) -> [FormatCapability] {
        func found(_ tool: ExternalTool) -> String? {
            tool.locate(searchPath: options.searchPath).map { tool.version(at: $0) }
        }
        func capability(_ name: String, _ tools: [ExternalTool], ocr: Bool = false) -> FormatCapability {
            var result = FormatCapability(name: name, tools: [], missing: [])
            for tool in tools {
                if let version = found(tool) { result.tools.append(version) } else { result.missing.append(tool.installHint) }
            }
            if ocr, tools.contains(.tesseract), let tesseract = ExternalTool.tesseract.locate(searchPath: options.searchPath) {
                let reader = Reader(path: "", format: .png, options: options)
                if (try? reader.requireLanguage(tesseract)) == nil {
                    let package = "tesseract-ocr-" + options.ocrLanguage.lowercased()
                    result.missing.append("Tesseract's '\(options.ocrLanguage)' model (Debian package \(package))")
                } else if let index = result.tools.firstIndex(where: { $0.hasPrefix("tesseract") }) {
                    result.tools[index] += " (\(options.ocrLanguage))"
                }
            }
            return result
        }
        var word = capability("Word 97-2003 (.doc)", [.antiword])
        if !word.isAvailable {
            let office = capability("Word 97-2003 (.doc)", [.soffice])
            word = office.isAvailable ? office
                : FormatCapability(name: word.name, tools: [], missing: [ExternalTool.antiword.installHint + " or " + ExternalTool.soffice.installHint])
        }
        return [
            FormatCapability(name: "text (UTF-8, UTF-16, Windows-1258, TCVN3, VNI)", tools: ["built in"], missing: []),
            capability("PDF with a text layer", [.pdftotext]),
            capability("scanned PDF (OCR)", [.pdftotext, .pdfimages, .pdftoppm, .tesseract], ocr: true),
            capability("PNG, JPEG, TIFF page images (OCR)", [.tesseract], ocr: true),
            capability("Word (.docx), OpenDocument (.odt)", [.pandoc]),
            word,
        ]
    }
}
