/// PK140–PK141: a reporting deadline, and one that is a real date.
enum ReportingRules {
    static func check(_ context: LintContext, _ sink: inout FindingSink) {
        let plan = context.plan
        if plan.reporting.isEmpty {
            let section = context.allSections.first { $0.kind == .reporting }
                ?? context.allSections.first { $0.kind == .organization }
            if let unread = unreadDeadline(context) {
                sink.report(.missingReportingDeadline,
                            "could not check the reporting deadline: this line asks for reports by a date the parser cannot read",
                            at: unread, subject: "deadline", severity: .note)
            } else {
                let at = section.map(context.headingSpan) ?? context.documentStart
                sink.report(.missingReportingDeadline,
                            section?.kind == .reporting ? "the reporting section sets no date by which reports are due"
                                                        : "the plan sets no date by which reports are due",
                            at: at, subject: "deadline")
            }
        }
        for deadline in plan.reporting {
            guard let problem = invalid(deadline) else { continue }
            let written = [deadline.day, deadline.month, deadline.year].compactMap { $0 }.map(String.init).joined(separator: "/")
            let at = context.locate(written, within: deadline.span) ?? context.refine(deadline.span)
            sink.report(.invalidDeadlineDate, "the deadline \(written) is not a real date: \(problem)", at: at,
                        subject: deadline.text, hint: "Write a date that exists, e.g. \(suggestion(deadline)).")
        }
    }

    /// A line after the header that asks for reports by a date ("báo cáo … trước ngày …", "định kỳ
    /// … báo cáo", "chậm nhất ngày …") when the parser read no deadline: the plan may well set one
    /// in a form not read yet, so the rule says it could not check rather than that it is missing.
    static func unreadDeadline(_ context: LintContext) -> SourceSpan? {
        let first = context.plan.sections.first?.span.startLine ?? 1
        let last = context.plan.closing.first?.span.startLine ?? context.source.lines.count + 1
        guard first < last else { return nil }
        for number in first..<last {
            let line = context.line(number).lowercased()
            guard line.contains("báo cáo") else { continue }
            let dated = ["trước ngày", "chậm nhất", "định kỳ"].contains { line.contains($0) }
            if dated, line.contains(where: \.isNumber) { return context.lineSpan(number) }
        }
        return nil
    }

    /// Why the day and month cannot be a date, or nil when they can (a day or month left out is not checked here).
    static func invalid(_ deadline: ReportingDeadline) -> String? {
        guard let month = deadline.month else { return nil }
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        guard let day = deadline.day else { return nil }
        let length = days(inMonth: month, year: deadline.year)
        guard day >= 1 else { return "there is no day \(day)" }
        guard day <= length else {
            let yearText = deadline.year.map { " in \($0)" } ?? ""
            return "month \(month) has \(length) days\(yearText)"
        }
        return nil
    }

    /// February has 29 days when no year is written (some year's 29/2 exists).
    static func days(inMonth month: Int, year: Int?) -> Int {
        switch month {
        case 2:
            guard let year else { return 29 }
            return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The last day of the month written ("30/11" for "31/11").
    private static func suggestion(_ deadline: ReportingDeadline) -> String {
        guard let month = deadline.month, (1...12).contains(month) else { return "\"trước ngày 25/11\"" }
        let last = days(inMonth: month, year: deadline.year)
        return "\"\(last)/\(month)\(deadline.year.map { "/\($0)" } ?? "")\""
    }
}
