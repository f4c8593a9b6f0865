import Foundation

/// The targets section: per domain, a table of the plan's targets against the national strategy's
/// and an inline SVG chart of those that have a national counterpart.
///
/// The national figures are the normaliser's (``Target/national``). A target whose sentence gives
/// no year is compared, when its indicator matched a national one, with the national target for
/// the last year of the plan's period, found by the normaliser's own rule; the page says so
/// ("year assumed") and draws that bar faded with a dashed edge.
enum ReviewTargets {
    /// One target with what it is set against.
    struct Row {
        var objective: Objective
        var indicator: Indicator
        var target: Target
        var national: NationalTarget?
        /// The year the comparison assumed (the period's last), when the text gave none.
        var assumedYear: Int?
        var direction: NationalIndicator.Direction?
        var verdict: Verdict?
    }

    /// How the plan's target stands against the national one, in the direction that is better.
    enum Verdict: String {
        case weaker, same = "as national", stronger, otherUnit = "other unit"

        var cssClass: String {
            switch self {
            case .weaker: "v-weak"
            case .same, .stronger: "v-ok"
            case .otherUnit: "v-na"
            }
        }
    }

    static func rows(_ plan: Plan) -> [Row] {
        var rows: [Row] = []
        for objective in plan.objectives {
            for indicator in objective.indicators {
                let nationalIndicator = indicator.nationalId.flatMap(NationalCatalog.indicator(id:))
                var assumed: [Target] = indicator.targets
                var assumedYear: Int? = nil
                if let nationalIndicator, let last = plan.header.period?.to, indicator.targets.contains(where: { $0.year == nil }) {
                    // The normaliser's rule, with the period's last year for the targets that have none.
                    assumedYear = last
                    let dated = indicator.targets.map { t -> Target in
                        var t = t
                        if t.year == nil { t.year = last }
                        return t
                    }
                    let index = CatalogIndex.national
                    assumed = NationalNormalizer.assign(dated, of: index.features(of: indicator.text), to: nationalIndicator, index: index)
                }
                for (k, target) in indicator.targets.enumerated() {
                    var row = Row(objective: objective, indicator: indicator, target: target, national: target.national,
                                  direction: nationalIndicator?.direction)
                    if row.national == nil, target.year == nil, let national = assumed[k].national {
                        row.national = national
                        row.assumedYear = assumedYear
                    }
                    if let national = row.national, let direction = row.direction {
                        row.verdict = verdict(target, national, direction)
                    }
                    rows.append(row)
                }
            }
        }
        return rows
    }

    /// PK134's comparison, without its restriction to confirmed national figures (the page says
    /// when one is unconfirmed).
    static func verdict(_ target: Target, _ national: NationalTarget, _ direction: NationalIndicator.Direction) -> Verdict? {
        guard national.unit == target.unit else { return .otherUnit }
        if direction == .qualitative { return nil }
        if direction.isWeaker(target.value, target.comparator, than: national) { return .weaker }
        let better = direction == .higherIsBetter ? target.value > national.value : target.value < national.value
        return better ? .stronger : .same
    }

    static func render(_ plan: Plan, into html: inout String) {
        html += "<section id=\"targets\"><h2>Targets against the national strategy</h2>\n"
        let rows = rows(plan)
        guard !plan.objectives.isEmpty else {
            html += "<p class=\"none\">No objectives with indicators were read from this plan, so there are no targets to compare.</p></section>\n"
            return
        }
        html += "<p class=\"lead\">National figures: Nghị quyết 28/NQ-CP (National Strategy on Gender Equality 2021–2030), "
        html += "as the normaliser matched each indicator by the words of its measure. "
        html += "<span class=\"key\"><i class=\"sw p\"></i>plan <i class=\"sw n\"></i>national <i class=\"sw w\"></i>weaker than national "
        html += "<i class=\"sw a\"></i>year not written (the period's last assumed)</span></p>\n"
        var domains: [Domain?] = []
        for o in plan.objectives where !domains.contains(o.domain) { domains.append(o.domain) }
        for domain in domains {
            let objectives = plan.objectives.filter { $0.domain == domain }
            let domainRows = rows.filter { $0.objective.domain == domain }
            let key = domain?.rawValue ?? "none"
            html += "<div class=\"dom\" id=\"dom-\(key)\"><h3>\(ReviewHTML.escape(ReviewHTML.domain(domain)))"
            html += " <span class=\"sv\">objective\(objectives.count == 1 ? "" : "s") \(objectives.map { String($0.number) }.joined(separator: ", "))</span></h3>\n"
            table(domainRows, into: &html)
            let bare = objectives.flatMap(\.indicators).filter { $0.targets.isEmpty }
            if !bare.isEmpty {
                html += "<p class=\"bare\">No numeric target read: "
                html += bare.map { "<a href=\"#L\($0.span.startLine)\">\(ReviewHTML.escape($0.id))</a>" }.joined(separator: ", ") + "</p>\n"
            }
            chart(domainRows, domain: domain, into: &html)
            html += "</div>\n"
        }
        html += "</section>\n"
    }

    static func table(_ rows: [Row], into html: inout String) {
        guard !rows.isEmpty else { return }
        html += "<table class=\"tg\"><thead><tr><th>Indicator</th><th>National</th><th>Year</th><th>Plan target</th>"
        html += "<th>National target</th><th>Better</th><th>Assessment</th></tr></thead><tbody>\n"
        for row in rows {
            let t = row.target
            html += "<tr><td><a href=\"#L\(t.span.startLine)\">\(ReviewHTML.escape(row.indicator.id))</a></td>"
            html += "<td>\(ReviewHTML.escape(row.indicator.nationalId ?? "local"))\(row.national?.part.map { " (\(ReviewHTML.escape($0)))" } ?? "")</td>"
            var year = t.year.map { "\($0)\(t.fromYearOn ? " on" : "")" } ?? "—"
            if let assumed = row.assumedYear { year = "— <span class=\"sv\">(\(assumed) assumed)</span>" }
            html += "<td>\(year)</td>"
            html += "<td><b>\(ReviewHTML.escape(ReviewHTML.value(t.value, t.unit, t.comparator)))</b>"
            if let baseline = t.baseline { html += " <span class=\"sv\">from \(ReviewHTML.escape(ReviewHTML.number(baseline)))</span>" }
            html += " <span class=\"q\">“\(ReviewHTML.escape(t.text))”</span></td>"
            if let n = row.national {
                html += "<td>\(ReviewHTML.escape(n.text)) <span class=\"sv\">\(n.year)\(n.confirmed ? "" : ", unconfirmed")</span></td>"
            } else {
                html += "<td class=\"sv\">\(row.indicator.nationalId == nil ? "no national indicator" : "none for this year")</td>"
            }
            html += "<td>\(arrow(row.direction))</td>"
            if let verdict = row.verdict {
                html += "<td class=\"\(verdict.cssClass)\">\(verdict.rawValue)</td>"
            } else {
                html += "<td></td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table>\n"
    }

    /// At most `limit` characters of `text`, cut at a space, with "…" when cut.
    static func words(_ text: String, _ limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + " …"
    }

    static func arrow(_ direction: NationalIndicator.Direction?) -> String {
        switch direction {
        case .higherIsBetter?: "<span title=\"higher is better\">↑ higher</span>"
        case .lowerIsBetter?: "<span title=\"lower is better\">↓ lower</span>"
        case .qualitative?: "="
        case nil: ""
        }
    }

    /// Bars per national indicator (and part): for each year, the plan's target above the national
    /// one, on the indicator's own scale.
    static func chart(_ rows: [Row], domain: Domain?, into html: inout String) {
        let compared = rows.filter { $0.national != nil && $0.national!.unit == $0.target.unit }
        guard !compared.isEmpty else { return }
        var groups: [(key: String, rows: [Row])] = []
        for row in compared {
            let key = row.national!.indicator + (row.national!.part.map { "(\($0))" } ?? "")
            if let k = groups.firstIndex(where: { $0.key == key }) { groups[k].rows.append(row) } else { groups.append((key, [row])) }
        }
        let width = 660, labelWidth = 112, barSpace = 430
        let head = 20, bar = 12, gap = 3, yearGap = 7, groupGap = 10
        var height = 4
        for g in groups { height += head + g.rows.count * (2 * (bar + gap) + yearGap) + groupGap }
        html += "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" "
        html += "aria-label=\"\(ReviewHTML.escape("Plan targets against national targets: " + ReviewHTML.domain(domain)))\">\n"
        var y = 4
        for g in groups {
            let first = g.rows[0]
            let national = NationalCatalog.indicator(id: first.national!.indicator)
            let direction: String
            switch first.direction {
            case .higherIsBetter?: direction = "↑ higher is better"
            case .lowerIsBetter?: direction = "↓ lower is better"
            default: direction = ""
            }
            let measure = national.map { words($0.parts.first { $0.label == first.national!.part }?.measure ?? $0.measure, 72) } ?? ""
            y += head
            html += "<text class=\"gh\" x=\"0\" y=\"\(y - 6)\"><tspan class=\"gid\">\(ReviewHTML.escape(g.key))</tspan> "
            html += "<tspan class=\"dir\">\(ReviewHTML.escape(direction))</tspan> \(ReviewHTML.escape(measure))</text>\n"
            let top = g.rows.flatMap { [$0.target.value, $0.national!.value] }.max() ?? 1
            let scale = top > 0 ? Double(barSpace) / (top * 1.12) : 0
            for row in g.rows {
                let n = row.national!
                let year = row.target.year.map(String.init) ?? "\(n.year)?"
                let planClass = row.verdict == .weaker ? "pb w" : "pb"
                let bars: [(String, String, Double, String, Bool)] = [
                    ("plan \(year)", planClass, row.target.value, ReviewHTML.value(row.target.value, row.target.unit, row.target.comparator), row.assumedYear != nil),
                    ("national \(n.year)", "nb", n.value, n.text, false),
                ]
                for (label, cls, value, text, assumed) in bars {
                    let w = max(1, Int((value * scale).rounded()))
                    html += "<text class=\"bl\" x=\"\(labelWidth - 6)\" y=\"\(y + bar - 2)\">\(ReviewHTML.escape(label))</text>"
                    html += "<rect class=\"\(cls)\(assumed ? " a" : "")\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(bar)\"><title>"
                    html += ReviewHTML.escape("\(row.indicator.id) \(label): \(text)\(assumed ? " (year not written; the period's last assumed)" : "")")
                    html += "</title></rect>"
                    html += "<text class=\"bv\" x=\"\(labelWidth + w + 4)\" y=\"\(y + bar - 2)\">\(ReviewHTML.escape(text))</text>\n"
                    y += bar + gap
                }
                y += yearGap
            }
            y += groupGap
        }
        html += "</svg>\n"
    }
}
