/// PK130–PK134: targets with years, in period, in the right unit, not duplicated, not weaker than national.
enum IndicatorRules {
    static func check(_ context: LintContext, _ sink: inout FindingSink) {
        let period = context.plan.header.period
        var seen: [String: Indicator] = [:]
        for objective in context.plan.objectives {
            for indicator in objective.indicators {
                duplicate(indicator, seen: &seen, context, &sink)
                let national = indicator.nationalId.flatMap(NationalCatalog.indicator(id:))
                for target in indicator.targets {
                    let at = locate(target, context)
                    let subject = indicator.id + " " + target.text
                    years(target, of: indicator, period: period, at: at, subject: subject, context, &sink)
                    unit(target, of: indicator, national: national, at: at, subject: subject, &sink)
                    weaker(target, of: indicator, at: at, subject: subject, &sink)
                }
                bareShares(indicator, national: national, context, &sink)
            }
        }
    }

    /// PK132: a number over 100 where the indicator's share stands, without its "%"
    /// (``TargetParser/sharesWithoutPercent(_:isShare:)``).
    static func bareShares(_ indicator: Indicator, national: NationalIndicator?, _ context: LintContext,
                           _ sink: inout FindingSink) {
        for written in TargetParser.sharesWithoutPercent(indicator.text, isShare: TargetParser.isShare(indicator, national: national)) {
            let at = context.locate(written, within: indicator.span) ?? context.refine(indicator.span)
            sink.report(.unitMismatch,
                        "indicator \(indicator.id) reads \"\(written)\" where its share stands: a share cannot exceed 100% (a \"%\" lost or read as \"96\"?)",
                        at: at, subject: indicator.id + " " + written,
                        hint: "Check the number against the original document and write the share with its \"%\".")
        }
    }

    /// PK130 and PK131.
    static func years(_ target: Target, of indicator: Indicator, period: Period?, at: SourceSpan, subject: String,
                      _ context: LintContext, _ sink: inout FindingSink) {
        guard let year = target.year else {
            // A count is usually part of the measure ("mỗi quý có ít nhất 04 tin, bài"), not a target by a year;
            // a level to keep ("Duy trì đạt 100% …") holds in every year of the plan, as the strategy writes it.
            guard context.kind == .strategy, target.unit != .count, !isMaintained(target, of: indicator, context),
                  !isRecurring(target, of: indicator) else {
                return
            }
            let periodText = period.map { " (\($0.from)–\($0.to))" } ?? ""
            sink.report(.targetWithoutYear,
                        "indicator \(indicator.id) sets \(describe(target)) without a year; a multi-year plan\(periodText) must say by when",
                        at: at, subject: subject)
            return
        }
        guard let period, year < period.from || year > period.to else { return }
        sink.report(.yearOutsidePeriod,
                    "indicator \(indicator.id) sets \(describe(target)) for \(year), outside the plan's period \(period.from)–\(period.to)",
                    at: at, subject: subject)
    }

    /// Whether the target is a rate or a level for every year ("giảm bình quân 10%/năm", "mỗi năm",
    /// "hằng năm", "hằng quý"): it needs no year.
    static func isRecurring(_ target: Target, of indicator: Indicator) -> Bool {
        let text = indicator.text.lowercased()
        return recurringWords.contains { text.contains($0) }
    }

    static let recurringWords = ["/năm", "mỗi năm", "hằng năm", "hàng năm", "bình quân", "mỗi quý", "hằng quý", "hàng quý",
                                 "mỗi tháng", "hằng tháng", "hàng tháng"]

    /// Whether the target's clause keeps a level ("Duy trì đạt 100% đài phát thanh …", "duy trì tỷ số … ở mức
    /// dưới 109"): the words from the clause's start (the indicator's "Chỉ tiêu n:", or the last ";") to the number.
    static func isMaintained(_ target: Target, of indicator: Indicator, _ context: LintContext) -> Bool {
        let first = max(indicator.span.startLine, 1)
        let last = min(target.span.startLine, context.source.lines.count)
        guard first <= last else { return false }
        var before = ""
        for number in first...last {
            let line = context.line(number)
            before += " " + (number == last ? String(line.unicodeScalars.prefix(max(target.span.startColumn - 1, 0))) : line)
        }
        let clause = before.split(omittingEmptySubsequences: false) { $0 == ";" || $0 == ":" }.last ?? ""
        return clause.lowercased().contains("duy trì")
    }

    /// PK132: a share over 100%, or a rate where the national indicator counts in another unit.
    /// Counts are left alone: they are often part of the measure ("ít nhất 04 tin, bài").
    static func unit(_ target: Target, of indicator: Indicator, national: NationalIndicator?, at: SourceSpan,
                     subject: String, _ sink: inout FindingSink) {
        if target.unit == .percent, target.value > 100 {
            sink.report(.unitMismatch, "indicator \(indicator.id) sets \(describe(target)): a share cannot exceed 100%",
                        at: at, subject: subject, hint: "Write a share of at most 100%, or the unit the indicator counts in.")
            return
        }
        guard let national, target.unit != .count else { return }
        let part = target.national?.part
        guard let expected = (national.targets.first { $0.part == part } ?? national.targets.first)?.unit,
              expected != target.unit, expected != .count else { return }
        sink.report(.unitMismatch,
                    "indicator \(indicator.id) is measured in \(unitName(expected)) (national indicator \(national.id)), but this target is in \(unitName(target.unit))",
                    at: at, subject: subject,
                    hint: "Write the target in \(unitName(expected)), as the national indicator \(national.id) does.")
    }

    /// PK134: weaker than a confirmed national target for the same year, by the indicator's direction.
    static func weaker(_ target: Target, of indicator: Indicator, at: SourceSpan, subject: String,
                       _ sink: inout FindingSink) {
        guard let national = target.national, national.confirmed, national.unit == target.unit,
              let direction = NationalCatalog.indicator(id: national.indicator)?.direction else { return }
        guard direction.isWeaker(target.value, target.comparator, than: national) else { return }
        let better = direction == .higherIsBetter ? "higher" : "lower"
        let part = national.part.map { " (\($0))" } ?? ""
        sink.report(.weakerThanNational,
                    "indicator \(indicator.id) sets \(describe(target)) for \(national.year), weaker than the national target \(national.text) (indicator \(national.indicator)\(part); \(better) is better)",
                    at: at, subject: subject)
    }

    /// PK133: the same indicator twice (same words after its number).
    static func duplicate(_ indicator: Indicator, seen: inout [String: Indicator], _ context: LintContext,
                          _ sink: inout FindingSink) {
        var words = MeasureWords.syllables(indicator.text)
        if words.starts(with: ["chỉ", "tiêu"]) { words.removeFirst(2) }
        let key = words.joined(separator: " ")
        guard !key.isEmpty else { return }
        if let first = seen[key] {
            sink.report(.duplicateIndicator, "indicator \(indicator.id) repeats indicator \(first.id)",
                        at: context.refine(indicator.span), subject: key)
        } else {
            seen[key] = indicator
        }
    }

    /// "40%", "ít nhất 27%", "1,7 lần".
    static func describe(_ target: Target) -> String {
        let words: String
        switch target.comparator {
        case .eq: words = ""
        case .gt: words = "more than "
        case .gte: words = "at least "
        case .lt: words = "under "
        case .lte: words = "at most "
        case .approx: words = "about "
        }
        return words + format(target.value) + unitSuffix(target.unit)
    }

    static func format(_ value: Double) -> String { NumberText.shortest(value) }

    static func unitSuffix(_ unit: TargetUnit) -> String {
        switch unit {
        case .percent: "%"
        case .times: " times"
        case .per100Girls: " boys per 100 girls"
        case .per100k: " per 100,000"
        case .per1k: " per 1,000"
        case .count: ""
        }
    }

    static func unitName(_ unit: TargetUnit) -> String {
        switch unit {
        case .percent: "percent"
        case .times: "times (a ratio)"
        case .per100Girls: "boys per 100 girls"
        case .per100k: "per 100,000"
        case .per1k: "per 1,000"
        case .count: "a count"
        }
    }

    /// The target's number as written ("38,6", "100.000") on its lines, else the target's span.
    static func locate(_ target: Target, _ context: LintContext) -> SourceSpan {
        let written = format(target.value).replacingOccurrences(of: ".", with: ",")
        let lastLine = min(target.span.endLine, context.source.lines.count)
        if target.span.startLine >= 1, target.span.startLine <= lastLine {
            for number in target.span.startLine...lastLine {
                let scalars = Array(context.line(number).unicodeScalars)
                let needle = Array(written.unicodeScalars)
                var i = 0
                while i + needle.count <= scalars.count {
                    let digit: (Int) -> Bool = { $0 >= 0 && $0 < scalars.count && ("0"..."9").contains(scalars[$0]) }
                    // Part of a longer number: a digit next to it, or a separator and then a digit ("1,7", "100.000").
                    let joined: (Int, Int) -> Bool = { at, step in
                        digit(at) || (at >= 0 && at < scalars.count && (scalars[at] == "," || scalars[at] == ".") && digit(at + step))
                    }
                    if Array(scalars[i..<i + needle.count]) == needle, !joined(i - 1, -1), !joined(i + needle.count, 1) {
                        var end = i + needle.count
                        if end < scalars.count, scalars[end] == "%" { end += 1 }
                        return SourceSpan(startLine: number, endLine: number, startColumn: i + 1, endColumn: end + 1)
                    }
                    i += 1
                }
            }
        }
        return context.refine(target.span)
    }
}
