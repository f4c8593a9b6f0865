/// A numbered part of the plan. Top-level (Roman) sections carry a ``SectionKind``;
/// nested ones carry one only when their heading names a part (a "4. Chế độ thông tin,
/// báo cáo" inside the organization section).
public struct Section: Codable, Hashable, Sendable {
    /// The marker without its punctuation: "II", "2.1", "a".
    public var label: String
    /// The marker as written: "II.", "2.1.", "a)".
    public var marker: String
    /// The heading's text after the marker ("MỤC TIÊU", "Mục tiêu cụ thể").
    public var heading: String
    /// What part of the plan the section is; `other` for an unrecognised top-level heading,
    /// nil for a nested one that names no part.
    public var kind: SectionKind?
    /// From the heading to the last line of its last paragraph or subsection.
    public var span: SourceSpan
    /// Numbered subsections ("1.", "2.1.", "a)"), in order.
    public var children: [Section]
    /// Unnumbered blocks and bullets directly under the heading, in order.
    public var paragraphs: [TextBlock]
    /// True when the marker was read from a damaged form or given by the numbering around it (PK040).
    public var inferred: Bool?

    /// A section as the outline stage found it.
    public init(label: String, marker: String, heading: String, kind: SectionKind?, span: SourceSpan,
                children: [Section] = [], paragraphs: [TextBlock] = [], inferred: Bool? = nil) {
        self.inferred = inferred
        self.label = label
        self.marker = marker
        self.heading = heading
        self.kind = kind
        self.span = span
        self.children = children
        self.paragraphs = paragraphs
    }
}

/// The part of a plan a section is, told by its heading ("Mục đích, yêu cầu" → purpose, "Tổ chức thực hiện" → organization).
public enum SectionKind: String, Codable, Hashable, Sendable, CaseIterable {
    case purpose, objectives, scope, activities, tasks, funding, organization, reporting, other
}

/// One of the strategy's objectives as the plan states it ("Mục tiêu 2: Trong lĩnh vực kinh tế, lao động").
public struct Objective: Codable, Hashable, Sendable {
    /// The objective's number ("Mục tiêu 2" → 2); see `inferred` for one not read as written.
    public var number: Int
    /// The text after the label ("Trong lĩnh vực kinh tế, lao động"), without a final period.
    public var title: String
    /// The strategy domain the title names; nil when it names none.
    public var domain: Domain?
    /// From the objective's label to the last line read as part of it.
    public var span: SourceSpan
    /// Its indicators ("Chỉ tiêu 1: …"), in document order.
    public var indicators: [Indicator]
    /// "Giải pháp thực hiện" written under the objective.
    public var solutions: [TextBlock]
    /// True when the number was not read as written: damaged, or taken from the domain and the order (PK040).
    public var inferred: Bool?

    /// An objective as the plan states it.
    public init(number: Int, title: String, domain: Domain?, span: SourceSpan,
                indicators: [Indicator] = [], solutions: [TextBlock] = [], inferred: Bool? = nil) {
        self.inferred = inferred
        self.number = number
        self.title = title
        self.domain = domain
        self.span = span
        self.indicators = indicators
        self.solutions = solutions
    }
}

/// The six domains of the National Strategy on Gender Equality 2021–2030.
public enum Domain: String, Codable, Hashable, Sendable, CaseIterable {
    case politics
    case economyLabour = "economy-labour"
    case familyGBV = "family-gbv"
    case health
    case education
    case informationCommunication = "information-communication"
}

/// A measurable commitment under an objective ("Chỉ tiêu 2: …").
public struct Indicator: Codable, Hashable, Sendable {
    /// "MT2.CT1": objective and indicator numbers as the plan numbers them.
    public var id: String
    /// The indicator's number under its objective ("Chỉ tiêu 2" → 2).
    public var number: Int
    /// The indicator's sentence after its label.
    public var text: String
    /// The lines of the indicator's paragraph.
    public var span: SourceSpan
    /// The numeric targets read from `text`, in order; empty when it sets none.
    public var targets: [Target]
    /// The national strategy's indicator this one measures ("2.1"), matched by the words of
    /// its measure, not its local number; nil for local additions. Set by ``NationalNormalizer``.
    public var nationalId: String?
    /// True when the number was lost and given from the indicator before it (PK040).
    public var inferred: Bool?

    /// An indicator as the plan states it.
    public init(id: String, number: Int, text: String, span: SourceSpan, targets: [Target] = [],
                nationalId: String? = nil, inferred: Bool? = nil) {
        self.inferred = inferred
        self.id = id
        self.number = number
        self.text = text
        self.span = span
        self.targets = targets
        self.nationalId = nationalId
    }
}

/// One numeric target inside an indicator's sentence ("đạt ít nhất 30% vào năm 2030").
public struct Target: Codable, Hashable, Sendable {
    /// The number as written, in `unit` (30 for "30%").
    public var value: Double
    /// What `value` counts.
    public var unit: TargetUnit
    /// How the value binds ("ít nhất" → gte).
    public var comparator: Comparator
    /// The year the target is for ("vào năm 2030"); nil when the sentence gives none (PK130).
    public var year: Int?
    /// "từ năm 2025 trở đi": the target holds from `year` on.
    public var fromYearOn: Bool
    /// The starting value when the sentence gives one ("giảm từ 23 … xuống 18").
    public var baseline: Double?
    /// The clause the target was read from.
    public var text: String
    /// Where `text` is, to the scalar.
    public var span: SourceSpan
    /// The national strategy's target for the same indicator (and part) and year, when it has one.
    /// Set by ``NationalNormalizer``.
    public var national: NationalTarget?

    /// A target as read from an indicator's sentence.
    public init(value: Double, unit: TargetUnit, comparator: Comparator, year: Int?, fromYearOn: Bool = false,
                baseline: Double? = nil, text: String, span: SourceSpan, national: NationalTarget? = nil) {
        self.value = value
        self.unit = unit
        self.comparator = comparator
        self.year = year
        self.fromYearOn = fromYearOn
        self.baseline = baseline
        self.text = text
        self.span = span
        self.national = national
    }
}

/// What a target's value counts; the raw value is the JSON `unit` string.
public enum TargetUnit: String, Codable, Hashable, Sendable, CaseIterable {
    case percent = "%"
    /// "lần": a ratio (women's unpaid care hours against men's).
    case times
    /// "bé trai/100 bé gái": sex ratio at birth.
    case per100Girls = "per100girls"
    /// "/100.000": e.g. maternal deaths per 100 000 live births.
    case per100k
    /// "/1.000": e.g. adolescent births per 1 000 women.
    case per1k
    /// A plain count ("04 tin, bài", "một cơ sở").
    case count
}

/// How a target's value binds: equal, above, at least, below, at most or about.
public enum Comparator: String, Codable, Hashable, Sendable, CaseIterable {
    /// "đạt", "ở mức", "còn"
    case eq
    /// "trên"
    case gt
    /// "ít nhất", "không dưới", "từ … trở lên"
    case gte
    /// "dưới", "<"
    case lt
    /// "không quá"
    case lte
    /// "khoảng"
    case approx
}

/// An agency's part in carrying out the plan (an item under "Tổ chức thực hiện").
public struct Responsibility: Codable, Hashable, Sendable {
    /// The agency as its item names it ("Phòng Văn hóa – Xã hội"); several are joined with "; ".
    public var agency: String
    /// Its duties as written: the rest of its heading after the agency, if any, then one per paragraph.
    public var duties: [String]
    /// Indicator ids the agency leads on or reports ("chỉ tiêu 1, 2 của mục tiêu 2").
    public var reportsOn: [String]
    /// Indicator ids it only coordinates on ("phối hợp với … thực hiện chỉ tiêu 3, 4 của mục tiêu 5").
    public var supportsOn: [String]
    /// The agency's item, from its heading to its last paragraph.
    public var span: SourceSpan

    /// An agency's part as read from its item.
    public init(agency: String, duties: [String], reportsOn: [String] = [], supportsOn: [String] = [], span: SourceSpan) {
        self.agency = agency
        self.duties = duties
        self.reportsOn = reportsOn
        self.supportsOn = supportsOn
        self.span = span
    }
}

/// A date by which reports are due ("trước ngày 25/11").
public struct ReportingDeadline: Codable, Hashable, Sendable {
    /// Which report is due.
    public var kind: Kind
    /// Day of the month; nil when left blank.
    public var day: Int?
    /// Month, 1–12; the parser reads no deadline without one.
    public var month: Int?
    /// Only when written ("trước ngày 8/6/2022").
    public var year: Int?
    /// The words read: the deadline and the report it is for ("trước ngày 30/11 hàng năm").
    public var text: String
    /// Where `text` is, to the scalar.
    public var span: SourceSpan

    /// Which report a deadline is for: half-yearly ("6 tháng"), annual ("hàng năm"),
    /// final ("tổng kết"), or other.
    public enum Kind: String, Codable, Hashable, Sendable {
        case semiannual, annual, final, other
    }

    /// A deadline as read from the text.
    public init(kind: Kind, day: Int?, month: Int?, year: Int?, text: String, span: SourceSpan) {
        self.kind = kind
        self.day = day
        self.month = month
        self.year = year
        self.text = text
        self.span = span
    }
}

/// One change the repair stage made to the text.
public struct Repair: Codable, Hashable, Sendable {
    /// 1-based line of the change, in the file as written.
    public var line: Int
    /// 1-based Unicode scalar column where the changed text starts.
    public var column: Int
    /// The text as written.
    public var original: String
    /// The text after repair.
    public var repaired: String
    /// The damage undone: "lost-glyph", "missing-diacritics", "ocr" or "legacy-font".
    public var kind: String
    /// How sure the decoder is of the change, 0–1, to three decimals.
    public var confidence: Double

    /// A change as the repair stage logs it.
    public init(line: Int, column: Int, original: String, repaired: String, kind: String, confidence: Double) {
        self.line = line
        self.column = column
        self.original = original
        self.repaired = repaired
        self.kind = kind
        self.confidence = confidence
    }
}
