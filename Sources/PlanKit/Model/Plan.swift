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

    /// Source facts; UTF-8 and already NFC unless said otherwise.
    public init(path: String, lineCount: Int, encoding: String = "utf-8", normalizedToNFC: Bool = false) {
        self.path = path
        self.lineCount = lineCount
        self.encoding = encoding
        self.normalizedToNFC = normalizedToNFC
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

    /// A span; both columns default to 1.
    public init(startLine: Int, endLine: Int, startColumn: Int = 1, endColumn: Int = 1) {
        self.startLine = startLine
        self.endLine = endLine
        self.startColumn = startColumn
        self.endColumn = endColumn
    }

    /// The smallest span covering both.
    public func union(_ other: SourceSpan) -> SourceSpan {
        let start = min(self, other)
        let end = (endLine, endColumn) >= (other.endLine, other.endColumn) ? self : other
        return SourceSpan(startLine: start.startLine, endLine: end.endLine,
                          startColumn: start.startColumn, endColumn: end.endColumn)
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
