/// A finding about the document, collected while the stages recover. Never thrown.
public struct Diagnostic: Codable, Hashable, Sendable {
    /// How serious: the rule's default unless the stage that found it says otherwise.
    public var severity: Severity
    /// Stable id ("PK001").
    public var rule: String
    /// Readable name ("missing-number").
    public var name: String
    /// What was found, in one sentence quoting the text when there is some.
    public var message: String
    /// Where; nil when the part is missing altogether and has no place to point at.
    public var span: SourceSpan?
    /// How to fix it, when there is one thing to do.
    public var hint: String?

    /// A finding of `rule`; `severity` and `hint` default to the rule's.
    public init(_ rule: Rule, _ message: String, span: SourceSpan?, severity: Severity? = nil, hint: String? = nil) {
        self.severity = severity ?? rule.defaultSeverity
        self.rule = rule.id
        self.name = rule.name
        self.message = message
        self.span = span
        self.hint = hint ?? rule.hint
    }

    /// How serious a finding is, ordered note < warning < error.
    public enum Severity: String, Codable, Hashable, Sendable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        /// note < warning < error.
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// The parser's own findings: parts it could not find or read. `plankit lint` adds its rules on top.
    public struct Rule: Hashable, Sendable {
        /// Stable id ("PK001").
        public let id: String
        /// Readable name ("missing-number").
        public let name: String
        /// The severity of its findings unless the stage gives another.
        public let defaultSeverity: Severity
        /// How to fix what it finds, when there is one thing to do.
        public let hint: String?

        /// PK001: no số/ký hiệu line, or its number blank ("Số: /KH-UBND").
        public static let missingNumber = Rule(id: "PK001", name: "missing-number", defaultSeverity: .warning,
                                               hint: "Fill in the số/ký hiệu line, e.g. \"Số: 123/KH-UBND\".")
        /// PK002: no place and date line.
        public static let missingPlaceDate = Rule(id: "PK002", name: "missing-place-date", defaultSeverity: .warning,
                                                  hint: "Add the place and date line, e.g. \"Tuần Giáo, ngày 5 tháng 3 năm 2022\".")
        /// PK003: the date of issue leaves the day, month or year blank.
        public static let incompleteDate = Rule(id: "PK003", name: "incomplete-date", defaultSeverity: .warning,
                                                hint: "Write the day and month of issue.")
        /// PK004: no document type line ("KẾ HOẠCH"), or damaged text in its place.
        public static let missingDocumentType = Rule(id: "PK004", name: "missing-document-type", defaultSeverity: .warning, hint: nil)
        /// PK005: no title (trích yếu) after the document type.
        public static let missingTitle = Rule(id: "PK005", name: "missing-title", defaultSeverity: .warning, hint: nil)
        /// PK006: the issuer is named neither in the header nor in the enacting clause.
        public static let missingIssuer = Rule(id: "PK006", name: "missing-issuer", defaultSeverity: .note, hint: nil)
        /// "Số: 822 / QĐ - BYT", "4155QĐ/ BTP": a document number with spaces inside, read whole.
        public static let irregularNumber = Rule(id: "PK007", name: "irregular-number", defaultSeverity: .note,
                                                 hint: "Write the number without spaces, e.g. \"822/QĐ-BYT\".")
        /// PK010: no objectives ("Mục tiêu N: …") with indicators.
        public static let missingObjectives = Rule(id: "PK010", name: "missing-objectives", defaultSeverity: .note, hint: nil)
        /// PK011: a number in an indicator that cannot be read as a target value.
        public static let unreadableNumber = Rule(id: "PK011", name: "unreadable-number", defaultSeverity: .warning, hint: nil)
        /// PK012: a duty refers to an objective or indicator the plan does not have.
        public static let unresolvedReference = Rule(id: "PK012", name: "unresolved-reference", defaultSeverity: .warning, hint: nil)
        /// PK020: no signature block.
        public static let missingSignature = Rule(id: "PK020", name: "missing-signature", defaultSeverity: .warning, hint: nil)
        /// PK021: a signature block that names no signer.
        public static let missingSignerName = Rule(id: "PK021", name: "missing-signer-name", defaultSeverity: .warning, hint: nil)
        /// PK022: no "Nơi nhận" list.
        public static let missingRecipients = Rule(id: "PK022", name: "missing-recipients", defaultSeverity: .warning, hint: nil)
        /// PK023: no reporting deadline ("trước ngày …").
        public static let missingReporting = Rule(id: "PK023", name: "missing-reporting-deadline", defaultSeverity: .note, hint: nil)
        /// A marker, heading or number read from a damaged form or given from its neighbours.
        public static let inferredStructure = Rule(id: "PK040", name: "inferred-structure", defaultSeverity: .note, hint: nil)
        /// PK030: a line set aside as unclassified (a stray page number).
        public static let unclassifiedText = Rule(id: "PK030", name: "unclassified-text", defaultSeverity: .note, hint: nil)
    }
}
