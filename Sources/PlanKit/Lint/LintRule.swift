/// A check `plankit lint` runs. Ids are stable: configuration files, baselines and SARIF
/// consumers refer to them, so a rule is never renumbered, only retired.
public struct LintRule: Hashable, Sendable, Comparable {
    /// "PK101"
    public let id: String
    /// "indicator-without-owner"
    public let name: String
    /// The severity of its findings unless the configuration sets another.
    public let defaultSeverity: Diagnostic.Severity
    /// One sentence: what the rule checks (SARIF `shortDescription`).
    public let summary: String
    /// How to fix what it finds, when there is one thing to do.
    public let hint: String?

    /// "PK101/indicator-without-owner", as the text output shows it.
    public var qualifiedName: String { "\(id)/\(name)" }

    /// By id ("PK101" before "PK102").
    public static func < (a: LintRule, b: LintRule) -> Bool { a.id < b.id }

    /// Finds a rule by id ("PK101"), name ("indicator-without-owner") or both ("PK101/indicator-without-owner").
    public static func named(_ key: String) -> LintRule? {
        all.first { $0.id == key || $0.name == key || $0.qualifiedName == key }
    }

    // MARK: Structure and responsibilities

    /// PK101: an indicator that no agency under "Tổ chức thực hiện" reports on.
    public static let indicatorWithoutOwner = LintRule(
        id: "PK101", name: "indicator-without-owner", defaultSeverity: .warning,
        summary: "An indicator that no agency under Tổ chức thực hiện reports on.",
        hint: "Name the agency that reports on it, e.g. \"Chịu trách nhiệm … báo cáo kết quả triển khai chỉ tiêu 1 của mục tiêu 2\".")
    /// PK102: a duty refers to an indicator or objective the plan does not have.
    public static let unknownIndicatorReference = LintRule(
        id: "PK102", name: "unknown-indicator-reference", defaultSeverity: .error,
        summary: "An agency reports on or supports an indicator or objective the plan does not have.",
        hint: "Correct the indicator or objective number in the agency's duties.")
    /// PK103: a part the plan's type requires (objectives, funding, organization, reporting …) is missing.
    public static let missingRequiredPart = LintRule(
        id: "PK103", name: "missing-required-part", defaultSeverity: .error,
        summary: "A part the plan type requires is missing (multi-year: objectives with indicators, tasks or solutions, funding, organization, reporting; annual: activities, organization, reporting).",
        hint: nil)

    // MARK: Header (Nghị định 30/2020/NĐ-CP)

    /// PK110: the số/ký hiệu line is missing or its number blank.
    public static let missingDocumentNumber = LintRule(
        id: "PK110", name: "missing-document-number", defaultSeverity: .warning,
        summary: "The số/ký hiệu line is missing or its number is blank.",
        hint: "Fill in the number before the plan is issued, e.g. \"Số: 123/KH-UBND\".")
    /// PK111: the place and date line names no place.
    public static let missingPlace = LintRule(
        id: "PK111", name: "missing-place", defaultSeverity: .warning,
        summary: "The place of issue is missing from the place and date line.",
        hint: "Write the place before the date, e.g. \"Tuần Giáo, ngày 5 tháng 3 năm 2022\".")
    /// PK112: the date of issue is missing or has a blank day, month or year.
    public static let incompleteDate = LintRule(
        id: "PK112", name: "incomplete-date", defaultSeverity: .warning,
        summary: "The date of issue is missing or has a blank day, month or year.",
        hint: "Write the full date of issue: \"ngày 5 tháng 3 năm 2022\".")
    /// PK113: no document type line ("KẾ HOẠCH").
    public static let missingDocumentType = LintRule(
        id: "PK113", name: "missing-document-type", defaultSeverity: .error,
        summary: "The document type line (\"KẾ HOẠCH\") is missing.", hint: "Add the type, in capitals, above the title.")
    /// PK114: no trích yếu (title) under the document type.
    public static let missingTitle = LintRule(
        id: "PK114", name: "missing-title", defaultSeverity: .error,
        summary: "The trích yếu (title under the document type) is missing.",
        hint: "Add the title, e.g. \"Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030\".")
    /// PK115: the signature block lacks the signer's title or name.
    public static let incompleteSignature = LintRule(
        id: "PK115", name: "incomplete-signature", defaultSeverity: .warning,
        summary: "The signature block lacks the signer's title or name.",
        hint: "End with the signer's title (\"PHÓ CHỦ TỊCH\") and full name.")
    /// PK116: the "Nơi nhận" list is missing or does not end with "Lưu".
    public static let recipientsWithoutArchive = LintRule(
        id: "PK116", name: "recipients-without-archive", defaultSeverity: .warning,
        summary: "The Nơi nhận list is missing or does not end with \"Lưu\".",
        hint: "End the Nơi nhận list with \"- Lưu: VT, …\".")

    // MARK: Numbering

    /// PK120: a number skipped in a numbered list (sections, objectives, indicators).
    public static let numberingGap = LintRule(
        id: "PK120", name: "numbering-gap", defaultSeverity: .warning,
        summary: "A number is skipped in a numbered list (sections, objectives, indicators).",
        hint: "Renumber the items in sequence.")
    /// PK121: a number used twice in the same numbered list.
    public static let numberingRepeat = LintRule(
        id: "PK121", name: "numbering-repeat", defaultSeverity: .error,
        summary: "A number is used twice in the same numbered list.", hint: "Renumber the items in sequence.")
    /// PK122: lettered items out of Vietnamese alphabetical order (a, b, c, d, đ, e …).
    public static let letterOrder = LintRule(
        id: "PK122", name: "letter-order", defaultSeverity: .warning,
        summary: "Lettered items are out of Vietnamese order (a b c d đ e g h i k l m n o p q r s t u v x y).",
        hint: "Letter the items in Vietnamese order: a, b, c, d, đ, e, g, h, i, k, …")
    /// PK123: a sub-item whose number does not start with its parent's ("2.3.1" under "2.2").
    public static let wrongParent = LintRule(
        id: "PK123", name: "wrong-parent", defaultSeverity: .warning,
        summary: "A sub-item's number does not start with its parent's number (\"2.3.1\" under \"2.2\").",
        hint: "Number the sub-item under its parent, or move it.")

    // MARK: Indicators and targets

    /// PK130: a multi-year plan's target with no year to reach it by.
    public static let targetWithoutYear = LintRule(
        id: "PK130", name: "target-without-year", defaultSeverity: .warning,
        summary: "A multi-year plan's indicator sets a number without saying by which year.",
        hint: "Say by when, e.g. \"vào năm 2025\".")
    /// PK131: a target year outside the plan's period.
    public static let yearOutsidePeriod = LintRule(
        id: "PK131", name: "year-outside-period", defaultSeverity: .warning,
        summary: "A target's year lies outside the plan's period.", hint: nil)
    /// PK132: a target unit that does not fit the indicator (not the national unit; a share over 100%).
    public static let unitMismatch = LintRule(
        id: "PK132", name: "unit-mismatch", defaultSeverity: .warning,
        summary: "A target's unit does not fit what the indicator measures (the national indicator's unit; a share over 100%).", hint: nil)
    /// PK133: the same indicator appears twice.
    public static let duplicateIndicator = LintRule(
        id: "PK133", name: "duplicate-indicator", defaultSeverity: .warning,
        summary: "The same indicator appears twice.", hint: "Remove one of them or merge their targets.")
    /// PK134: a target weaker than the confirmed national target for the same indicator and year.
    public static let weakerThanNational = LintRule(
        id: "PK134", name: "weaker-than-national", defaultSeverity: .warning,
        summary: "A target is weaker than the confirmed national target for the same indicator and year.",
        hint: "Set a target at least as strong as the national one, or explain the local reason in the plan.")

    // MARK: Reporting

    /// PK140: no date by which reports are due.
    public static let missingReportingDeadline = LintRule(
        id: "PK140", name: "missing-reporting-deadline", defaultSeverity: .warning,
        summary: "The plan sets no date by which reports are due.",
        hint: "Say when reports are due, e.g. \"báo cáo năm trước ngày 25/11\".")
    /// PK141: a reporting deadline that is not a real date (31/11, 30/2).
    public static let invalidDeadlineDate = LintRule(
        id: "PK141", name: "invalid-deadline-date", defaultSeverity: .error,
        summary: "A reporting deadline is not a real date (31/11, 30/2).", hint: nil)

    // MARK: Text

    /// PK150: damaged text (lost letters, mojibake, U+FFFD, legacy font encoding) that should be repaired first.
    public static let damagedText = LintRule(
        id: "PK150", name: "damaged-text", defaultSeverity: .error,
        summary: "The text is damaged (letters dropped, mojibake, replacement characters, legacy font encoding); repair it before linting.",
        hint: "Repair the text (or convert it from the original document again) and lint the result.")

    /// Every rule, in id order.
    public static let all: [LintRule] = [
        indicatorWithoutOwner, unknownIndicatorReference, missingRequiredPart,
        missingDocumentNumber, missingPlace, incompleteDate, missingDocumentType, missingTitle, incompleteSignature,
        recipientsWithoutArchive,
        numberingGap, numberingRepeat, letterOrder, wrongParent,
        targetWithoutYear, yearOutsidePeriod, unitMismatch, duplicateIndicator, weakerThanNational,
        missingReportingDeadline, invalidDeadlineDate,
        damagedText,
    ]
}

/// One thing lint found in one file.
public struct LintFinding: Hashable, Sendable {
    /// The plan file's path as lint was given it.
    public var path: String
    /// The rule that found it.
    public var rule: LintRule
    /// After configuration.
    public var severity: Diagnostic.Severity
    /// What is wrong here, in one sentence quoting the text when there is some.
    public var message: String
    /// Always set: a finding about something missing points at where it belongs.
    public var span: SourceSpan
    /// How to fix it; the rule's hint unless the finding has a more precise one, nil when neither has.
    public var hint: String?
    /// A hash of the rule and the content the finding is about, not of its line: a baseline
    /// keeps matching when text above it moves.
    public var fingerprint: String

    /// A finding as a rule reports it; ``Linter`` then applies the configuration to `severity`.
    public init(path: String, rule: LintRule, severity: Diagnostic.Severity, message: String, span: SourceSpan,
                hint: String?, fingerprint: String) {
        self.path = path
        self.rule = rule
        self.severity = severity
        self.message = message
        self.span = span
        self.hint = hint
        self.fingerprint = fingerprint
    }

    /// Deterministic order within a file: position, then rule, then message.
    static func precedes(_ a: LintFinding, _ b: LintFinding) -> Bool {
        (a.span.startLine, a.span.startColumn, a.rule.id, a.message) < (b.span.startLine, b.span.startColumn, b.rule.id, b.message)
    }
}

/// 64-bit FNV-1a: a small stable hash (Swift's `Hasher` is seeded per process).
enum Fingerprint {
    static func of(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, part) in parts.enumerated() {
            if i > 0 { hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3 }
            for byte in part.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
