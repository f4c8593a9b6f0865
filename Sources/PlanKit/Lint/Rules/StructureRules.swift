/// PK101–PK103: the parts a plan needs, and who reports on what.
enum StructureRules {
    static func check(_ context: LintContext, _ sink: inout FindingSink) {
        requiredParts(context, &sink)
        owners(context, &sink)
        references(context, &sink)
        unknownObjectives(context, &sink)
    }

    /// PK103: the parts the plan's kind requires.
    static func requiredParts(_ context: LintContext, _ sink: inout FindingSink) {
        let plan = context.plan
        let kinds = Set(context.allSections.compactMap(\.kind))
        let indicatorCount = plan.objectives.reduce(0) { $0 + $1.indicators.count }
        var missing: [(part: String, example: String)] = []
        switch context.kind {
        case .strategy:
            if !kinds.contains(.objectives) && plan.objectives.isEmpty {
                missing.append(("objectives", "MỤC TIÊU"))
            } else if indicatorCount == 0 {
                missing.append(("indicators under its objectives", "Chỉ tiêu 1: …"))
            }
            if !kinds.contains(.tasks) && !plan.objectives.contains(where: { !$0.solutions.isEmpty }) {
                missing.append(("tasks and solutions", "NHIỆM VỤ, GIẢI PHÁP"))
            }
            switch funding(context) {
            case .part: break
            case .onlyInDuties(let span):
                // The plan says how it is paid for, but only as an agency's task: no part of its own.
                sink.report(.missingRequiredPart,
                            "a multi-year plan needs funding (\"KINH PHÍ THỰC HIỆN\"); it is only named in an agency's duties",
                            at: context.locate("kinh phí", within: span) ?? span, subject: "funding",
                            hint: "Add a part for funding, e.g. \"KINH PHÍ THỰC HIỆN\".",
                            severity: .warning)
            case .none: missing.append(("funding", "KINH PHÍ THỰC HIỆN"))
            }
        case .annual:
            if !kinds.contains(.activities) && !kinds.contains(.tasks) {
                missing.append(("activities", "NỘI DUNG HOẠT ĐỘNG"))
            }
        }
        if !kinds.contains(.organization) { missing.append(("organization", "TỔ CHỨC THỰC HIỆN")) }
        if !kinds.contains(.reporting) && plan.reporting.isEmpty {
            missing.append(("reporting", "CHẾ ĐỘ THÔNG TIN, BÁO CÁO"))
        }
        let kindName = context.kind == .strategy ? "a multi-year plan" : "an annual plan"
        let at = plan.sections.first.map(context.headingSpan) ?? context.documentStart
        for item in missing {
            sink.report(.missingRequiredPart, "\(kindName) needs \(item.part) (\"\(item.example)\"); none found",
                        at: at, subject: item.part,
                        hint: "Add a section for \(item.part), e.g. \"\(item.example)\".")
        }
    }

    /// Where a plan states its funding.
    enum Funding: Equatable {
        /// A section, numbered item or paragraph heading ("IV. KINH PHÍ THỰC HIỆN", "8. Kinh phí
        /// thực hiện", "Nguồn kinh phí:"), or a sentence outside the agencies' duties that says where
        /// the money comes from ("Kinh phí thực hiện Kế hoạch được bố trí từ ngân sách …").
        case part
        /// Only an agency's task names it ("Phòng Tài chính: tham mưu bố trí kinh phí …").
        case onlyInDuties(SourceSpan)
        case none
    }

    /// Opening words of a funding part, folded (lower case): the wordings plans use.
    static let fundingOpenings = ["kinh phí", "nguồn kinh phí", "nguồn lực", "dự toán kinh phí", "nguồn tài chính"]
    /// Words that, with "kinh phí" in one sentence, say where the money comes from.
    static let fundingSources = ["ngân sách", "nguồn", "dự toán", "xã hội hóa", "xã hội hoá", "huy động"]

    static func funding(_ context: LintContext) -> Funding {
        if context.allSections.contains(where: { $0.kind == .funding }) { return .part }
        var inDuties: SourceSpan? = nil
        func look(_ text: String, _ span: SourceSpan, duties: Bool, heading: Bool = false) -> Bool {
            let lower = text.lowercased()
            let body = lower.drop { !$0.isLetter }
            // A numbered item of its own is a part even under the organization section ("IV. TỔ CHỨC
            // THỰC HIỆN / 1. Kinh phí thực hiện"); a paragraph there is an agency's duty.
            if !duties || heading, fundingOpenings.contains(where: { body.hasPrefix($0) }) {
                // A heading: short, or a label before a colon ("Kinh phí thực hiện: …").
                let words = body.split(whereSeparator: \.isWhitespace)
                let head = body.prefix { $0 != ":" }
                if words.count <= 10 || (head.count < body.count && head.split(whereSeparator: \.isWhitespace).count <= 8) {
                    return true
                }
            }
            guard let at = lower.range(of: "kinh phí"),
                  fundingSources.contains(where: { lower[at.upperBound...].contains($0) }) else { return false }
            if !duties { return true }
            if inDuties == nil { inDuties = context.refine(span) }
            return false
        }
        func walk(_ sections: [Section], duties: Bool) -> Bool {
            for section in sections {
                let duties = duties || section.kind == .organization
                if look(section.heading, section.span, duties: duties, heading: true) { return true }
                for paragraph in section.paragraphs where look(paragraph.text, paragraph.span, duties: duties) { return true }
                if walk(section.children, duties: duties) { return true }
            }
            return false
        }
        if walk(context.plan.sections, duties: false) { return .part }
        // Agencies found outside a section of their own (a decision's articles) are duties too.
        for responsibility in context.plan.responsibilities where inDuties == nil {
            for duty in responsibility.duties { _ = look(duty, responsibility.span, duties: true) }
        }
        return inDuties.map(Funding.onlyInDuties) ?? .none
    }

    /// PK101: indicators no agency reports on.
    static func owners(_ context: LintContext, _ sink: inout FindingSink) {
        let plan = context.plan
        let indicators = plan.objectives.flatMap(\.indicators)
        guard !indicators.isEmpty else { return }
        var reported = Set(plan.responsibilities.flatMap(\.reportsOn))
        var unowned = indicators.filter { !reported.contains($0.id) }
        guard !unowned.isEmpty else { return }
        reported.formUnion(plan.responsibilities.flatMap(coordinatedReports))
        unowned = unowned.filter { !reported.contains($0.id) }
        guard !unowned.isEmpty else { return }
        let duties = dutyTexts(context)
        // An indicator the parser read as supported ("phối hợp … chỉ tiêu 3 của mục tiêu 5") was read.
        let supported = Set(plan.responsibilities.flatMap(\.supportsOn))
        func unread(_ indicator: Indicator) -> SourceSpan? {
            supported.contains(indicator.id) ? nil : namedInDuties(indicator.id, duties)
        }
        if reported.isEmpty, !indicators.contains(where: { unread($0) != nil }) {
            // One finding, not one per indicator, when the plan assigns none at all.
            let organization = context.allSections.first { $0.kind == .organization }
            let at = organization.map(context.headingSpan) ?? context.refine(indicators[0].span)
            sink.report(.indicatorWithoutOwner,
                        "no agency is named to report on any of the plan's \(indicators.count) indicator\(indicators.count == 1 ? "" : "s")",
                        at: at, subject: "all indicators")
            return
        }
        for indicator in unowned {
            if let named = unread(indicator) {
                sink.report(.indicatorWithoutOwner,
                            "could not check who reports on indicator \(indicator.id): an agency's duties name it here in a form the parser does not read",
                            at: context.refine(named), subject: indicator.id + " " + indicator.text, severity: .note)
                continue
            }
            sink.report(.indicatorWithoutOwner, "no agency reports on indicator \(indicator.id)",
                        at: context.refine(indicator.span), subject: indicator.id + " " + indicator.text)
        }
    }

    /// The text of every heading and paragraph under the organization sections, lower case.
    static func dutyTexts(_ context: LintContext) -> [(text: String, span: SourceSpan)] {
        var out: [(String, SourceSpan)] = []
        func walk(_ sections: [Section], inside: Bool) {
            for section in sections {
                let inside = inside || section.kind == .organization
                if inside {
                    out.append((section.heading.lowercased(), section.span))
                    out += section.paragraphs.map { ($0.text.lowercased(), $0.span) }
                }
                walk(section.children, inside: inside)
            }
        }
        walk(context.plan.sections, inside: false)
        return out
    }

    /// Where duties name indicator `id` ("MT3.CT2") as "chỉ tiêu … 2 … của mục tiêu 3", or name
    /// objective 3 alone or all its indicators, though the parser linked no agency to it: a reporting
    /// duty written in a form the parser does not read.
    static func namedInDuties(_ id: String, _ duties: [(text: String, span: SourceSpan)]) -> SourceSpan? {
        let (objective, indicator) = parse(id)
        guard let objective, let indicator else { return nil }
        for duty in duties {
            var search = duty.text.startIndex
            while let found = duty.text.range(of: "mục tiêu \(objective)", range: search..<duty.text.endIndex) {
                search = found.upperBound
                if found.upperBound < duty.text.endIndex, duty.text[found.upperBound].isNumber { continue }
                // The clause before "mục tiêu N": back to the last ";" or ".", at most 120 letters.
                var window = duty.text[..<found.lowerBound].suffix(120)
                if let stop = window.lastIndex(where: { $0 == ";" || $0 == "." }) { window = window[window.index(after: stop)...] }
                // "… triển khai mục tiêu 1": the objective named alone, each of its indicators.
                guard let label = window.range(of: "chỉ tiêu", options: .backwards) else { return duty.span }
                let between = window[label.upperBound...]
                if between.drop(while: \.isWhitespace).hasPrefix("của") { return duty.span }
                let numbers = between.split { !$0.isNumber }.compactMap { Int($0) }
                if numbers.contains(indicator) { return duty.span }
            }
        }
        return nil
    }

    /// Ids an agency supports on but reports on too, as the one that coordinates the others:
    /// "Phối hợp các cơ quan, đơn vị theo dõi, báo cáo chỉ tiêu 1 của mục tiêu 6" (no "với": it
    /// coordinates them, where "phối hợp với phòng X" names the lead).
    static func coordinatedReports(_ responsibility: Responsibility) -> [String] {
        let duties = responsibility.duties.map { $0.lowercased() }.filter {
            $0.contains("phối hợp") && !$0.contains("phối hợp với") && $0.contains("báo cáo")
        }
        return responsibility.supportsOn.filter { id in
            guard let objective = parse(id).0 else { return false }
            return duties.contains { $0.contains("mục tiêu \(objective)") || $0.contains("mục tiêu 0\(objective)") }
        }
    }

    /// PK102: references to indicators or objectives that do not exist.
    static func references(_ context: LintContext, _ sink: inout FindingSink) {
        let plan = context.plan
        let indicatorIds = Set(plan.objectives.flatMap { $0.indicators.map(\.id) })
        let objectiveNumbers = Set(plan.objectives.map(\.number))
        for responsibility in plan.responsibilities {
            var seen: Set<String> = []
            for (id, verb) in responsibility.reportsOn.map({ ($0, "reports on") }) + responsibility.supportsOn.map({ ($0, "supports") })
                where !indicatorIds.contains(id) && seen.insert(id).inserted {
                let (objective, indicator) = parse(id)
                let what: String
                if let objective, !objectiveNumbers.contains(objective) {
                    what = "the plan has no objective \(objective)"
                } else if let objective, let indicator {
                    what = "objective \(objective) has no indicator \(indicator)"
                } else {
                    what = "the plan has no such indicator"
                }
                let at = locateReference(objective: objective, in: responsibility, context)
                sink.report(.unknownIndicatorReference, "\(responsibility.agency) \(verb) \(id), but \(what)",
                            at: at, subject: responsibility.agency + " " + id)
            }
        }
    }

    /// An objective named alone that the plan does not have ("mục tiêu 7") resolves to no ids; the
    /// parser records it as PK012 at the words, which are read back here.
    static func unknownObjectives(_ context: LintContext, _ sink: inout FindingSink) {
        let numbers = Set(context.plan.objectives.map(\.number))
        for diagnostic in context.plan.diagnostics where diagnostic.rule == Diagnostic.Rule.unresolvedReference.id {
            guard let span = diagnostic.span, span.startLine == span.endLine else { continue }
            let scalars = Array(context.line(span.startLine).unicodeScalars)
            guard span.startColumn >= 1, span.endColumn - 1 <= scalars.count, span.startColumn < span.endColumn else { continue }
            let words = String(String.UnicodeScalarView(scalars[(span.startColumn - 1)..<(span.endColumn - 1)]))
            guard words.lowercased().hasPrefix("mục tiêu"), let objective = Int(words.filter(\.isNumber)),
                  !numbers.contains(objective) else { continue }
            let agency = context.plan.responsibilities.first {
                $0.span.startLine <= span.startLine && span.startLine <= $0.span.endLine
            }?.agency ?? "an agency"
            sink.report(.unknownIndicatorReference, "\(agency) refers to objective \(objective), but the plan has no objective \(objective)",
                        at: span, subject: agency + " MT\(objective)")
        }
    }

    /// "MT2.CT3" → (2, 3); "MT4" → (4, nil).
    static func parse(_ id: String) -> (Int?, Int?) {
        let parts = id.split(separator: ".")
        let objective = parts.first.flatMap { Int($0.drop { !$0.isNumber }) }
        let indicator = parts.count > 1 ? Int(parts[1].drop { !$0.isNumber }) : nil
        return (objective, indicator)
    }

    /// Where the agency's text names the objective ("mục tiêu 7"), else the agency's heading.
    private static func locateReference(objective: Int?, in responsibility: Responsibility,
                                        _ context: LintContext) -> SourceSpan {
        if let objective {
            for needle in ["mục tiêu \(objective)", "Mục tiêu \(objective)", "mục tiêu 0\(objective)"] {
                if let found = context.locate(needle, within: responsibility.span) { return found }
            }
        }
        return context.refine(responsibility.span)
    }
}
