import Foundation

/// Runs every lint rule over one parsed plan.
///
/// Rules are pure functions of the plan and its source lines (``LintContext``); each reports
/// through a ``FindingSink``. The linter then applies the configuration (rules turned off,
/// severities changed) and sorts the findings by position, rule and message.
public enum Linter {
    /// Checks a plan as ``PlanParser/parse(_:)`` returns it: already normalised against the national
    /// catalog, so lint does not match the indicators a second time. A plan built another way needs
    /// ``NationalNormalizer/normalize(_:catalog:)`` first for the rules that compare with the national targets.
    public static func lint(_ source: SourceText, plan: Plan, path: String? = nil,
                            configuration: LintConfiguration = LintConfiguration()) -> [LintFinding] {
        let path = path ?? source.path
        let context = LintContext(source: source, plan: plan)
        var sink = FindingSink(path: path)
        StructureRules.check(context, &sink)
        HeaderRules.check(context, &sink)
        NumberingRules.check(context, &sink)
        IndicatorRules.check(context, &sink)
        ReportingRules.check(context, &sink)
        let damage = DamageRules.runs(source.lines)
        DamageRules.check(damage, context, &sink)

        var findings: [LintFinding] = []
        for draft in heldBack(sink.findings, damage: damage, source: source) {
            guard let severity = configuration.severity(of: draft.rule, forPath: path, finding: draft.severity) else { continue }
            var finding = draft
            finding.severity = severity
            findings.append(finding)
        }
        return findings.sorted(by: LintFinding.precedes)
    }
}

extension Linter {
    /// Rules that report something missing. On text with many damaged lines the parser misses
    /// parts that are there, so these say nothing true until the text is repaired.
    static let absenceRules: Set<LintRule> = [
        .indicatorWithoutOwner, .missingRequiredPart, .missingDocumentNumber, .missingPlace, .incompleteDate,
        .missingDocumentType, .missingTitle, .incompleteSignature, .recipientsWithoutArchive, .targetWithoutYear,
        .missingReportingDeadline,
    ]

    /// The share of non-blank lines that, once damaged, holds back the absence rules.
    static let damagedShare = 0.1

    /// Drops findings that start on damaged lines, and absence findings when much of the text is damaged:
    /// the damage finding says what to do first.
    static func heldBack(_ findings: [LintFinding], damage: [[DamageRules.LineDamage]], source: SourceText) -> [LintFinding] {
        guard !damage.isEmpty else { return findings }
        let damagedLines = Set(damage.flatMap { $0.map(\.line) })
        let runs = damage.map { $0[0].line...$0[$0.count - 1].line }
        let nonBlank = source.lines.reduce(0) { $0 + ($1.allSatisfy(\.isWhitespace) ? 0 : 1) }
        let mostlyDamaged = Double(damagedLines.count) >= damagedShare * Double(max(nonBlank, 1))
        return findings.filter { finding in
            if finding.rule == .damagedText { return true }
            if mostlyDamaged, absenceRules.contains(finding.rule) { return false }
            return !runs.contains { $0.contains(finding.span.startLine) }
        }
    }
}

/// What a rule sees: the plan (normalised) and the source lines it was read from.
struct LintContext {
    let source: SourceText
    let plan: Plan
    /// Every section, depth first, in document order.
    let allSections: [Section]
    let kind: PlanKind

    init(source: SourceText, plan: Plan) {
        self.source = source
        self.plan = plan
        var sections: [Section] = []
        func walk(_ list: [Section]) {
            for section in list {
                sections.append(section)
                walk(section.children)
            }
        }
        walk(plan.sections)
        allSections = sections
        if let period = plan.header.period {
            kind = period.from == period.to ? .annual : .strategy
        } else {
            kind = sections.contains { $0.kind == .objectives } || !plan.objectives.isEmpty ? .strategy : .annual
        }
    }

    /// What kind of plan this is, for the parts it needs.
    enum PlanKind: Equatable {
        /// A multi-year plan implementing the strategy: objectives with indicators, tasks, funding, organization, reporting.
        case strategy
        /// A plan for one year: activities, organization, reporting.
        case annual
    }

    func line(_ number: Int) -> String {
        number >= 1 && number <= source.lines.count ? source.lines[number - 1] : ""
    }

    /// The span of a line's text, leading and trailing blanks and Markdown emphasis excluded.
    func lineSpan(_ number: Int) -> SourceSpan {
        let scalars = Array(line(number).unicodeScalars)
        let skip: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace || $0 == "*" || $0 == "#" || $0 == "|" }
        guard let first = scalars.firstIndex(where: { !skip($0) }),
              let last = scalars.lastIndex(where: { !skip($0) }) else {
            return SourceSpan(startLine: number, endLine: number, startColumn: 1, endColumn: 1)
        }
        return SourceSpan(startLine: number, endLine: number, startColumn: first + 1, endColumn: last + 2)
    }

    /// A span as the parser gave it, pointed at the text of its first line when it carries no columns.
    func refine(_ span: SourceSpan) -> SourceSpan {
        guard span.startColumn <= 1, span.endColumn <= 1 else { return span }
        var first = lineSpan(span.startLine)
        if span.endLine > span.startLine {
            let last = lineSpan(span.endLine)
            first.endLine = last.endLine
            first.endColumn = last.endColumn
        }
        return first
    }

    /// The first place within `span`'s lines where `needle` is written, as a one-line span.
    func locate(_ needle: String, within span: SourceSpan) -> SourceSpan? {
        guard !needle.isEmpty else { return nil }
        let lastLine = min(max(span.endLine, span.startLine), source.lines.count)
        guard span.startLine >= 1, span.startLine <= lastLine else { return nil }
        for number in span.startLine...lastLine {
            let text = line(number)
            guard let range = text.range(of: needle) else { continue }
            let start = text.unicodeScalars[..<range.lowerBound].count + 1
            let length = text.unicodeScalars[range].count
            return SourceSpan(startLine: number, endLine: number, startColumn: start, endColumn: start + length)
        }
        return nil
    }

    /// The span of a whole section heading line.
    func headingSpan(_ section: Section) -> SourceSpan { lineSpan(section.span.startLine) }

    /// The first line that is not blank (where a finding about the whole document points).
    var documentStart: SourceSpan {
        let number = source.lines.firstIndex { !$0.allSatisfy(\.isWhitespace) }.map { $0 + 1 } ?? 1
        return lineSpan(number)
    }

    /// Where the header's block with `role` is, if the parser recorded it in the preamble: its text
    /// found on its lines (a table cell sits mid-line), else its span.
    func headerSpan(_ role: BlockRole) -> SourceSpan? {
        guard let block = plan.preamble.first(where: { $0.role == role }) else { return nil }
        return locate(block.text, within: block.span) ?? refine(block.span)
    }

    /// A header line that reads as a date ("ngày … tháng … năm") within the first lines, for when the
    /// parser found no place and date line.
    var bareDateLine: SourceSpan? {
        for number in stride(from: 1, through: min(12, source.lines.count), by: 1) {
            let text = line(number)
            // The date opens the line or its table cell: "ngày 27 tháng 4 năm 2021" inside a sentence
            // (a basis document's date) is not a header date.
            if let day = text.range(of: "ngày"), let month = text.range(of: "tháng"), day.upperBound <= month.lowerBound,
               text.range(of: "năm") != nil,
               text[..<day.lowerBound].trimmingCharacters(in: .whitespaces).last.map({ $0 == "|" }) ?? true {
                return locate(String(text[day.lowerBound...]).trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "|"))),
                              within: SourceSpan(startLine: number, endLine: number))
            }
        }
        return nil
    }
}

/// Collects findings with their fingerprints.
struct FindingSink {
    let path: String
    private(set) var findings: [LintFinding] = []

    init(path: String) {
        self.path = path
    }

    /// `subject` names what the finding is about in words that do not move with line numbers
    /// (an indicator's text, the heading it concerns); the fingerprint is made from it.
    /// `severity` lowers one finding below the rule's default: a part the rule could not check
    /// is a note, not a warning.
    mutating func report(_ rule: LintRule, _ message: String, at span: SourceSpan, subject: String,
                         hint: String? = nil, severity: Diagnostic.Severity? = nil) {
        let normalizedSubject = subject.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        findings.append(LintFinding(path: path, rule: rule, severity: severity ?? rule.defaultSeverity, message: message,
                                    span: span, hint: hint ?? rule.hint,
                                    fingerprint: Fingerprint.of(rule.id, normalizedSubject)))
    }
}
