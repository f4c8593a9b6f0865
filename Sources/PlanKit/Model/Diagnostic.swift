/// A finding about the document, collected while the stages recover. Never thrown.
public struct Diagnostic: Codable, Hashable, Sendable {
    public var severity: Severity
    /// Stable id ("PK001").
    public var rule: String
    /// Readable name ("missing-number").
    public var name: String
    public var message: String
    public var span: SourceSpan?
    public var hint: String?

    public init(_ rule: Rule, _ message: String, span: SourceSpan?, severity: Severity? = nil, hint: String? = nil) {
        self.severity = severity ?? rule.defaultSeverity
        self.rule = rule.id
        self.name = rule.name
        self.message = message
        self.span = span
        self.hint = hint ?? rule.hint
    }

    public enum Severity: String, Codable, Hashable, Sendable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// The parser's own findings: parts it could not find or read. `plankit lint` adds its rules on top.
    public struct Rule: Hashable, Sendable {
        public let id: String
        public let name: String
        public let defaultSeverity: Severity
        public let hint: String?

        public static let missingNumber = Rule(id: "PK001", name: "missing-number", defaultSeverity: .warning,
                                               hint: "Fill in the số/ký hiệu line, e.g. \"Số: 123/KH-UBND\".")
        public static let missingPlaceDate = Rule(id: "PK002", name: "missing-place-date", defaultSeverity: .warning,
                                                  hint: "Add the place and date line, e.g. \"Tuần Giáo, ngày 5 tháng 3 năm 2022\".")
        public static let incompleteDate = Rule(id: "PK003", name: "incomplete-date", defaultSeverity: .warning,
                                                hint: "Write the day and month of issue.")
        public static let missingDocumentType = Rule(id: "PK004", name: "missing-document-type", defaultSeverity: .warning, hint: nil)
        public static let missingTitle = Rule(id: "PK005", name: "missing-title", defaultSeverity: .warning, hint: nil)
        public static let missingIssuer = Rule(id: "PK006", name: "missing-issuer", defaultSeverity: .note, hint: nil)
        /// "Số: 822 / QĐ - BYT", "4155QĐ/ BTP": a document number with spaces inside, read whole.
        public static let irregularNumber = Rule(id: "PK007", name: "irregular-number", defaultSeverity: .note,
                                                 hint: "Write the number without spaces, e.g. \"822/QĐ-BYT\".")
        public static let missingObjectives = Rule(id: "PK010", name: "missing-objectives", defaultSeverity: .note, hint: nil)
        public static let unreadableNumber = Rule(id: "PK011", name: "unreadable-number", defaultSeverity: .warning, hint: nil)
        public static let unresolvedReference = Rule(id: "PK012", name: "unresolved-reference", defaultSeverity: .warning, hint: nil)
        public static let missingSignature = Rule(id: "PK020", name: "missing-signature", defaultSeverity: .warning, hint: nil)
        public static let missingSignerName = Rule(id: "PK021", name: "missing-signer-name", defaultSeverity: .warning, hint: nil)
        public static let missingRecipients = Rule(id: "PK022", name: "missing-recipients", defaultSeverity: .warning, hint: nil)
        public static let missingReporting = Rule(id: "PK023", name: "missing-reporting-deadline", defaultSeverity: .note, hint: nil)
        /// A marker, heading or number read from a damaged form or given from its neighbours.
        public static let inferredStructure = Rule(id: "PK040", name: "inferred-structure", defaultSeverity: .note, hint: nil)
        public static let unclassifiedText = Rule(id: "PK030", name: "unclassified-text", defaultSeverity: .note, hint: nil)
    }
}
