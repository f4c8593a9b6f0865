/// Puts one plan's page together: head, navigation pane, summary box, targets, source, toolbar.
struct ReviewPage {
    let plan: Plan
    let source: SourceText
    let options: PlanReview.Options

    func render() -> String {
        let summary = ReviewSummary(plan: plan, doubtfulConfidence: options.doubtfulConfidence)
        let regions = ReviewRegions.collect(plan)
        let lines = source.lines.map { Array($0.unicodeScalars) }
        let lineCount = max(lines.count, plan.source.lineCount)
        var byLine: [Int: [Int]] = [:]
        var unplaced: [Int] = []
        for (k, d) in plan.diagnostics.enumerated() {
            if let span = d.span, span.startLine >= 1, span.startLine <= lineCount {
                byLine[span.startLine, default: []].append(k)
            } else {
                unplaced.append(k)
            }
        }
        let doubts = summary.doubtfulRepairs + regions.filter(\.inferred).count + plan.diagnostics.count

        var html = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += ReviewAssets.policy(script: ReviewAssets.pageScript, style: ReviewAssets.pageStyle) + "\n"
        html += "<meta name=\"generator\" content=\"PlanKit \(PlanKitVersion.current)\">\n"
        html += "<title>\(ReviewHTML.escape(heading(summary) + " · " + fileName))</title>\n"
        html += "<style>\(ReviewAssets.pageStyle)</style>\n</head>\n<body>\n"
        navigation(summary, doubts: doubts, into: &html)
        html += "<main>\n"
        summaryBox(summary, unplaced: unplaced, into: &html)
        html += "<section id=\"source\"><h2>Source as written, with what was read</h2>\n"
        legend(into: &html)
        ReviewSource(plan: plan, lines: lines, regions: regions, doubtfulConfidence: options.doubtfulConfidence,
                     diagnosticsByLine: byLine).render(into: &html)
        html += "</section>\n"
        ReviewTargets.render(plan, into: &html)
        html += "</main>\n"
        html += "<div id=\"bar\"><button id=\"prev\" type=\"button\" title=\"previous doubtful spot (p)\">◀ p</button>"
        html += "<span id=\"pos\">\(doubts == 0 ? "none" : "– / \(doubts)")</span>"
        html += "<button id=\"next\" type=\"button\" title=\"next doubtful spot (n)\">n ▶</button>"
        html += "<label title=\"show the text as written above each repaired word\"><input type=\"checkbox\" id=\"orig\" checked> originals</label></div>\n"
        html += "<script>\(ReviewAssets.pageScript)</script>\n</body>\n</html>\n"
        return html
    }

    var fileName: String {
        let path = plan.source.path
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    /// "KẾ HOẠCH 645/KH-UBND", or the file's name when neither was read.
    func heading(_ s: ReviewSummary) -> String {
        let parts = [s.documentType, s.number].compactMap { $0 }
        return parts.isEmpty ? fileName : parts.joined(separator: " ")
    }

    func navigation(_ summary: ReviewSummary, doubts: Int, into html: inout String) {
        html += "<nav>\n<div class=\"brand\">PlanKit review</div>\n"
        if let index = options.indexLink { html += "<p><a href=\"\(ReviewHTML.escape(index))\">← all plans</a></p>\n" }
        html += "<ul><li><a href=\"#sum\">Summary</a></li><li><a href=\"#source\">Source</a></li>"
        html += "<li><a href=\"#targets\">Targets against the national strategy</a></li></ul>\n"
        html += "<div class=\"keys\">\(doubts) doubtful spot\(doubts == 1 ? "" : "s"): <kbd>n</kbd> next, <kbd>p</kbd> previous</div>\n"
        if !plan.sections.isEmpty {
            html += "<h4>Sections</h4>\n"
            func list(_ sections: [Section]) {
                html += "<ul>"
                for s in sections {
                    let text = [s.marker, s.heading].filter { !$0.isEmpty }.joined(separator: " ")
                    html += "<li><a href=\"#L\(s.span.startLine)\" title=\"\(ReviewHTML.escape(text + " · " + ReviewHTML.lines(s.span)))\">"
                    html += ReviewHTML.escape(text) + (s.inferred == true ? " <b class=\"inf\" title=\"inferred\">?</b>" : "") + "</a>"
                    if !s.children.isEmpty { list(s.children) }
                    html += "</li>"
                }
                html += "</ul>\n"
            }
            list(plan.sections)
        }
        if !plan.objectives.isEmpty {
            html += "<h4>Objectives</h4>\n<ul>"
            for o in plan.objectives {
                html += "<li><a href=\"#L\(o.span.startLine)\" title=\"\(ReviewHTML.escape(o.title))\">"
                html += "MT\(o.number)\(o.inferred == true ? "<b class=\"inf\" title=\"inferred\">?</b>" : "") \(ReviewHTML.escape(o.title))</a><ul>"
                for i in o.indicators {
                    let targets = i.targets.map { ReviewHTML.value($0.value, $0.unit, $0.comparator) + ($0.year.map { " \($0)" } ?? "") }
                    let text = "\(i.id)" + (targets.isEmpty ? " · no target" : " · " + targets.joined(separator: ", "))
                    html += "<li><a href=\"#L\(i.span.startLine)\" title=\"\(ReviewHTML.escape(i.text))\">"
                    html += ReviewHTML.escape(text) + (i.inferred == true ? " <b class=\"inf\" title=\"inferred\">?</b>" : "") + "</a></li>"
                }
                html += "</ul></li>"
            }
            html += "</ul>\n"
        }
        if !plan.responsibilities.isEmpty {
            html += "<h4>Agencies</h4>\n<ul>"
            for r in plan.responsibilities {
                html += "<li><a href=\"#L\(r.span.startLine)\" title=\"\(ReviewHTML.escape(r.agency))\">\(ReviewHTML.escape(r.agency))</a></li>"
            }
            html += "</ul>\n"
        }
        var closing: [(String, Int)] = plan.reporting.map { ("Deadline: " + $0.text, $0.span.startLine) }
        if let s = plan.signature { closing.append(("Signature" + (s.name.map { ": \($0)" } ?? ""), s.span.startLine)) }
        if let first = plan.closing.first(where: { $0.role == .recipientsLabel }) { closing.append(("Nơi nhận", first.span.startLine)) }
        if !closing.isEmpty {
            html += "<h4>Reporting and closing</h4>\n<ul>"
            for (text, line) in closing { html += "<li><a href=\"#L\(line)\">\(ReviewHTML.escape(text))</a></li>" }
            html += "</ul>\n"
        }
        html += "</nav>\n"
    }

    func summaryBox(_ s: ReviewSummary, unplaced: [Int], into html: inout String) {
        html += "<header id=\"sum\">\n<h1>\(ReviewHTML.escape(heading(s)))</h1>\n"
        if let title = s.title { html += "<p class=\"ti\">\(ReviewHTML.escape(title))</p>\n" }
        let info = plan.source
        html += "<p class=\"path\">\(ReviewHTML.escape(info.path)) · \(ReviewHTML.escape(info.encoding))"
        html += "\(info.normalizedToNFC ? " (composed to NFC)" : "") · \(info.lineCount) lines</p>\n<dl class=\"facts\">"
        func fact(_ name: String, _ value: String?) {
            html += "<div><dt>\(name)</dt><dd>\(value.map(ReviewHTML.escape) ?? "<span class=\"sv\">not read</span>")</dd></div>"
        }
        fact("Document", heading(s) == fileName ? nil : heading(s))
        fact("Issuer", s.issuer)
        fact("Place, date", s.placeDate)
        fact("Locality", s.locality.map { name in s.level.map { "\(name) (\($0))" } ?? name })
        fact("Period", s.period)
        let basis = plan.header.basis.compactMap { b in b.number.map { "\(b.kind) \($0)" } ?? b.kind }
        fact("Implements", basis.isEmpty ? nil : basis.joined(separator: "; "))
        html += "</dl>\n<div class=\"counts\">"
        /// A count box; `what` is the plural, its first word loses its "s" (or "ies" becomes "y") for one.
        func count(_ n: Int, _ what: String, _ cls: String = "", _ link: String? = nil) {
            var word = what
            if n == 1 {
                let first = what.prefix { $0 != " " }
                let singular = first.hasSuffix("ies") ? first.dropLast(3) + "y" : first.hasSuffix("s") ? String(first.dropLast()) : String(first)
                word = singular + what.dropFirst(first.count)
            }
            let body = "<b>\(n)</b>\(ReviewHTML.escape(word))"
            let c = cls.isEmpty ? "" : " class=\"\(cls)\""
            if let link { html += "<a href=\"\(link)\"\(c)>\(body)</a>" } else { html += "<span\(c)>\(body)</span>" }
        }
        count(s.objectives, "objectives", s.objectives == 0 ? "warn" : "")
        count(s.indicators, "indicators")
        count(s.targets, "targets", "", "#targets")
        count(s.responsibilities, "agencies")
        count(s.deadlines, "deadlines")
        count(s.repairs, "repairs" + (s.repairs == 0 ? "" : " on \(s.repairedLines) line\(s.repairedLines == 1 ? "" : "s")"))
        count(s.doubtfulRepairs, "repairs below \(ReviewHTML.number(options.doubtfulConfidence))", s.doubtfulRepairs > 0 ? "warn" : "")
        count(s.gaps, "gaps left", s.gaps > 0 ? "warn" : "")
        count(s.leftAsWritten, "damaged words left as written", s.leftAsWritten > 0 ? "warn" : "")
        count(s.inferred, "inferred markers", s.inferred > 0 ? "warn" : "")
        count(s.errors, "errors", s.errors > 0 ? "bad" : "")
        count(s.warnings, "warnings", s.warnings > 0 ? "warn" : "")
        count(s.notes, "notes")
        html += "</div>\n"
        let reasons = s.reviewReasons
        if reasons.isEmpty {
            html += "<div class=\"verdict ok\">Nothing flagged for review: no errors, doubtful repairs, gaps or inferred markers.</div>\n"
        } else {
            html += "<div class=\"verdict need\"><b>Needs review:</b> \(ReviewHTML.escape(reasons.joined(separator: ", "))). "
            html += "Press <kbd>n</kbd> to go to the first doubtful spot.</div>\n"
        }
        if !unplaced.isEmpty {
            html += "<div class=\"docdiag\"><h3>Findings about the whole document</h3>"
            for k in unplaced { ReviewSource.diagnostic(plan.diagnostics[k], id: k, into: &html) }
            html += "</div>\n"
        }
        html += "</header>\n"
    }

    func legend(into html: inout String) {
        html += "<p id=\"legend\">Each element read starts with a chip (hover it for what was read; its text is outlined); "
        html += "the text it was read from is tinted: "
        let kinds: [(String, String)] = [("k-hd", "header"), ("k-cit", "basis"), ("k-sec", "section"), ("k-obj", "objective"),
                                         ("k-ind", "indicator"), ("k-tgt", "target"), ("k-ag", "agency"), ("k-dl", "deadline"),
                                         ("k-cl", "closing"), ("k-sig", "signature"), ("k-un", "unclassified")]
        html += kinds.map { "<span class=\"c \($0.0)\">\($0.1)</span>" }.joined(separator: " ")
        html += ". A repaired word shows the text as written struck through above it (confidence on hover); "
        html += "<span class=\"rp low\"><ins>orange</ins></span> ones are below \(ReviewHTML.number(options.doubtfulConfidence)), "
        html += "a chip outlined in orange with a question mark (<span class=\"c k-obj inf\">MT2?</span>) marks a number or marker inferred, not read as written.</p>\n"
    }
}
