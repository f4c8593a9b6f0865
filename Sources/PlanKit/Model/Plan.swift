/// The structured form of one plan document: what `plankit parse` prints.
///
/// Every element that came from the text carries a ``SourceSpan`` so a reader
/// or a linter can point back at the lines it was read from. Property order is
/// the JSON key order (see ``PlanJSONEncoder``).
public struct Plan: Codable, Hashable, Sendable {
    /// The `schemaVersion` this build writes.
    public static let currentSchemaVersion = 1

    /// The version of the JSON layout (see docs/plan.schema.json).
    public var schemaVersion: Int = Plan.currentSchemaVersion
    /// The input file and how it was read.
    public var source: SourceInfo
    /// The document's identification; what the text lacks is nil.
    public var header: Header
    /// Blocks before the first Roman-numbered section: header lines, legal basis, enacting clause.
    public var preamble: [TextBlock]
    /// Roman-numbered top-level sections only; deeper numbering is in `children`.
    public var sections: [Section]
    /// The objectives ("Mục tiêu 1: …") with their indicators and targets, in document order.
    public var objectives: [Objective]
    /// Each agency's part under "Tổ chức thực hiện", in document order.
    public var responsibilities: [Responsibility]
    /// Reporting deadlines found in the organization and reporting parts.
    public var reporting: [ReportingDeadline]
    /// The signature block; nil when the plan has none (PK020).
    public var signature: Signature?
    /// The "Nơi nhận" entries, without their bullets and final ";" ("Lưu: VT, VHXH").
    public var recipients: [String]
    /// Blocks after the sections: closing sentence, "Nơi nhận" list, signature block.
    public var closing: [TextBlock]
    /// Lines that belong to no recognised part (stray page numbers, debris). Kept, never dropped.
    public var unclassified: [TextBlock]
    /// Changes made by the repair stage, in line order; empty for intact text.
    public var repairs: [Repair]
    /// The parser's and the repair stage's findings, in span order; those without a span first.
    public var diagnostics: [Diagnostic]

    /// A plan from its parts; every part absent unless given.
    public init(source: SourceInfo, header: Header = Header(), preamble: [TextBlock] = [], sections: [Section] = [],
                objectives: [Objective] = [], responsibilities: [Responsibility] = [], reporting: [ReportingDeadline] = [],
                signature: Signature? = nil, recipients: [String] = [], closing: [TextBlock] = [],
                unclassified: [TextBlock] = [], repairs: [Repair] = [], diagnostics: [Diagnostic] = []) {
        self.source = source
        self.header = header
        self.preamble = preamble
        self.sections = sections
        self.objectives = objectives
        self.responsibilities = responsibilities
        self.reporting = reporting
        self.signature = signature
        self.recipients = recipients
        self.closing = closing
        self.unclassified = unclassified
        self.repairs = repairs
        self.diagnostics = diagnostics
    }
}

/// Where the text came from and what the entrance did to it.
public struct SourceInfo: Codable, Hashable, Sendable {
    /// The input's path as given.
    public var path: String
    /// How many lines the text has.
    public var lineCount: Int
    /// The encoding the bytes were read in (`utf-8`, `utf-8-bom`, `utf-16le`, …).
    public var encoding: String
    /// True when the text arrived decomposed (NFD) and was composed to NFC at the entrance.
    public var normalizedToNFC: Bool
    /// How the text was extracted from a PDF, an image or a Word file; nil (and absent from the
    /// JSON) for a text file.
    public var origin: SourceOrigin?

    /// Source facts; UTF-8 and already NFC unless said otherwise.
    public init(path: String, lineCount: Int, encoding: String = "utf-8", normalizedToNFC: Bool = false,
                origin: SourceOrigin? = nil) {
        self.path = path
        self.lineCount = lineCount
        self.encoding = encoding
        self.normalizedToNFC = normalizedToNFC
        self.origin = origin
    }

    private enum CodingKeys: String, CodingKey { case path, lineCount, encoding, normalizedToNFC, origin }

    /// As synthesized, except that `origin` is left out when nil: the JSON of a text file is as it
    /// was before other formats were read.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(lineCount, forKey: .lineCount)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(normalizedToNFC, forKey: .normalizedToNFC)
        if let origin { try container.encode(origin, forKey: .origin) }
    }
}

/// How a PDF, an image or a Word document became text: which external tool read it, and for OCR
/// how sure Tesseract was. Lines in spans are lines of that text (`plankit parse --keep-text` keeps it).
public struct SourceOrigin: Codable, Hashable, Sendable {
    /// The format found from the file's bytes: `pdf`, `png`, `jpeg`, `tiff`, `docx`, `odt` or `doc`.
    public var format: String
    /// The tools that made the text, in order of use: `pdftotext`, `pdftoppm+tesseract`,
    /// `pdftotext+pdftoppm+tesseract` (some pages scanned), `tesseract`, `pandoc`, `antiword`, `soffice`.
    public var extractor: String
    /// Each tool's name and version as it reports it ("pdftotext 22.12.0, tesseract 5.3.0").
    public var extractorVersion: String
    /// Pages of a PDF or an image file; nil for Word files, which have no fixed pages.
    public var pageCount: Int?
    /// The 1-based pages read by OCR; nil when none was.
    public var ocrPages: [Int]?
    /// Tesseract's mean word confidence (0–100) over the OCR'd pages' words; nil without OCR.
    public var ocrConfidence: Double?

    /// An origin; the OCR fields are nil when no page was OCR'd.
    public init(format: String, extractor: String, extractorVersion: String, pageCount: Int? = nil,
                ocrPages: [Int]? = nil, ocrConfidence: Double? = nil) {
        self.format = format
        self.extractor = extractor
        self.extractorVersion = extractorVersion
        self.pageCount = pageCount
        self.ocrPages = ocrPages
        self.ocrConfidence = ocrConfidence
    }
}

/// 1-based lines of the input file; columns are 1-based Unicode scalar positions
/// in the (NFC) line, `endColumn` one past the last scalar, as SARIF counts them.
public struct SourceSpan: Codable, Hashable, Sendable, Comparable {
    /// 1-based first line.
    public var startLine: Int
    /// 1-based last line, inclusive.
    public var endLine: Int
    /// 1-based scalar column of the first scalar on `startLine`.
    public var startColumn: Int
    /// Column one past the last scalar on `endLine`.
    public var endColumn: Int
    /// The 1-based page of a PDF or image file that `startLine` is on; nil (and absent from the
    /// JSON) for text and Word files.
    public var page: Int?

    /// A span; both columns default to 1.
    public init(startLine: Int, endLine: Int, startColumn: Int = 1, endColumn: Int = 1, page: Int? = nil) {
        self.startLine = startLine
        self.endLine = endLine
        self.startColumn = startColumn
        self.endColumn = endColumn
        self.page = page
    }

    private enum CodingKeys: String, CodingKey { case startLine, endLine, startColumn, endColumn, page }

    /// As synthesized, except that `page` is left out when nil.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(startLine, forKey: .startLine)
        try container.encode(endLine, forKey: .endLine)
        try container.encode(startColumn, forKey: .startColumn)
        try container.encode(endColumn, forKey: .endColumn)
        if let page { try container.encode(page, forKey: .page) }
    }

    /// The smallest span covering both.
    public func union(_ other: SourceSpan) -> SourceSpan {
        let start = min(self, other)
        let end = (endLine, endColumn) >= (other.endLine, other.endColumn) ? self : other
        return SourceSpan(startLine: start.startLine, endLine: end.endLine,
                          startColumn: start.startColumn, endColumn: end.endColumn, page: start.page)
    }

    /// Document order: by start, then by end.
    public static func < (a: SourceSpan, b: SourceSpan) -> Bool {
        (a.startLine, a.startColumn, a.endLine, a.endColumn) < (b.startLine, b.startColumn, b.endLine, b.endColumn)
    }
}

/// A calendar date as written; a part left blank in the document ("ngày   tháng 7") is nil.
public struct PlanDate: Codable, Hashable, Sendable {
    /// The year; nil when blank.
    public var year: Int?
    /// The month, 1–12; nil when blank.
    public var month: Int?
    /// The day of the month; nil when blank.
    public var day: Int?

    /// A date; pass nil for a part left blank.
    public init(year: Int?, month: Int?, day: Int?) {
        self.year = year
        self.month = month
        self.day = day
    }
}

/// A run of text from the document with the role the pipeline gave it.
public struct TextBlock: Codable, Hashable, Sendable {
    /// What the block is.
    public var role: BlockRole
    /// The list marker as written (`"2.1."`, `"a)"`, `"-"`), nil when the block has none.
    public var marker: String?
    /// The text with wrapped lines joined and Markdown markup removed.
    public var text: String
    /// The lines the block was read from.
    public var span: SourceSpan

    /// A block of text with its role.
    public init(role: BlockRole, marker: String? = nil, text: String, span: SourceSpan) {
        self.role = role
        self.marker = marker
        self.text = text
        self.span = span
    }
}

/// What a block is, for blocks outside the numbered sections and for section paragraphs.
public enum BlockRole: String, Codable, Hashable, Sendable {
    // header
    case motto, issuer, number, placeDate, documentType, title
    // preamble
    case basis, enacting
    // body
    case paragraph
    // closing
    case closingRemark, recipientsLabel, recipient, signature, signer
    // unclassified
    case pageNumber, separator, text
}
