/// What a file holds, found from its first bytes (and, for a ZIP container, the names of its
/// members), never from its name: archives are full of `.doc` files that are RTF, PDFs named
/// `.txt` and scans with no extension.
public enum DocumentFormat: String, CaseIterable, Sendable {
    /// Anything else: read as text in one of the encodings ``TextDecoding`` knows.
    case text
    case pdf
    case png
    case jpeg
    /// TIFF, one page or many (scanners and fax archives).
    case tiff
    /// Office Open XML word processing (Word 2007 and later).
    case docx
    /// OpenDocument text (LibreOffice).
    case odt
    /// Word 97–2003: an OLE compound file.
    case doc
    /// A ZIP archive that is no word-processing document (a spreadsheet, a folder zipped).
    case otherZip = "zip"

    /// Whether the format comes in pages (so spans carry a `page`).
    public var hasPages: Bool {
        switch self {
        case .pdf, .png, .jpeg, .tiff: return true
        case .text, .docx, .odt, .doc, .otherZip: return false
        }
    }

    /// Whether a batch walk takes a file of this format without an include pattern naming it.
    public var isDocument: Bool {
        switch self {
        case .pdf, .png, .jpeg, .tiff, .docx, .odt, .doc: return true
        case .text, .otherZip: return false
        }
    }

    /// The format of `bytes` (the whole file, or for all but ZIP containers its first 16 bytes).
    public static func detect(_ bytes: [UInt8]) -> DocumentFormat {
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes.prefix(magic.count)) == magic }
        if starts([0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }                                   // %PDF-
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .doc }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return zipFormat(bytes) }
        return .text
    }

    /// A ZIP's kind from its member names, which are stored uncompressed: OpenDocument starts
    /// with a stored `mimetype` member naming its type; Word keeps its text in `word/document.xml`.
    static func zipFormat(_ bytes: [UInt8]) -> DocumentFormat {
        let head = bytes.prefix(200)
        if head.firstRange(of: Array("mimetypeapplication/vnd.oasis.opendocument.text".utf8)) != nil { return .odt }
        if bytes.firstRange(of: Array("word/document.xml".utf8)) != nil { return .docx }
        return .otherZip
    }
}
