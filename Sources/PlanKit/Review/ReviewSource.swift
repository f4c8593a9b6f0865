import Foundation

/// The source pane: one row per line of the file as written, with its number, the chips of the
/// elements that start on it, the section bars, the text (tinted by the elements over it, the
/// repairs in place) and the diagnostics that start on it.
///
/// Element spans count columns in the repaired text (the parser reads the repaired lines);
/// repairs count them in the line as written. A line's text is therefore walked as pieces, plain
/// runs and repairs, keeping both counts; an element's edge that falls inside a repaired word is
/// moved to the word's edge.
struct ReviewSource {
    let plan: Plan
    /// The file's lines as written (before repair).
    let lines: [[Unicode.Scalar]]
    let regions: [ReviewRegion]
    let doubtfulConfidence: Double
    /// Diagnostics by their first line; the page lists those with no line in its summary.
    let diagnosticsByLine: [Int: [Int]]

    /// The last line the page shows: the file's, or further when a span points past it.
    var lineCount: Int { max(lines.count, plan.source.lineCount) }

    func render(into html: inout String) {
        let count = lineCount
        var chips = [[Int]](repeating: [], count: count + 2)
        var tints = [[(region: Int, start: Int, end: Int)]](repeating: [], count: count + 2)
        var bars = [[Int?]](repeating: [nil, nil], count: count + 2)
        for (k, region) in regions.enumerated() {
            let span = region.span
            guard span.startLine >= 1, span.startLine <= count else { continue }
            chips[span.startLine].append(k)
            let last = min(max(span.endLine, span.startLine), count)
            if let bar = region.bar {
                for line in span.startLine...last { bars[line][bar.track] = k }
            }
            if region.tint != nil {
                for line in span.startLine...last {
                    let (start, end) = Self.columns(of: span, on: line)
                    tints[line].append((k, start, end))
                }
            }
        }
        var repairs = [[Int]](repeating: [], count: count + 2)
        for (k, repair) in plan.repairs.enumerated() {
            repairs[min(max(repair.line, 1), count)].append(k)
        }
        var marks = [[(diagnostic: Int, start: Int, end: Int)]](repeating: [], count: count + 2)
        for (k, d) in plan.diagnostics.enumerated() {
            guard let span = d.span, span.startLine == span.endLine, span.endColumn > span.startColumn,
                  span.startLine >= 1, span.startLine <= count else { continue }
            marks[span.startLine].append((k, span.startColumn - 1, span.endColumn - 1))
        }

        html += "<div id=\"src\">\n"
        for line in 1...max(count, 1) where count > 0 {
            let diagnostics = diagnosticsByLine[line] ?? []
            let worst = diagnostics.map { plan.diagnostics[$0].severity }.max()
            html += "<div class=\"ln\(worst.map { " dl-\($0.rawValue)" } ?? " nd")\" id=\"L\(line)\">"
            html += "<a class=\"n\" href=\"#L\(line)\">\(line)</a><span class=\"lb\">"
            for k in chips[line] { chip(regions[k], into: &html) }
            html += "</span><span class=\"br\">"
            for track in 0..<2 {
                guard let k = bars[line][track], let bar = regions[k].bar else { html += "<i></i>"; continue }
                let span = regions[k].span
                let ends = (line == span.startLine ? " s" : "") + (line == min(span.endLine, count) ? " e" : "")
                html += "<i class=\"b\(track) kb-\(bar.kind)\(ends)\" data-r=\"\(regions[k].id)\"></i>"
            }
            html += "</span><span class=\"tx\">"
            let scalars = line <= lines.count ? lines[line - 1] : []
            text(scalars, repairs: repairs[line], tints: tints[line], marks: marks[line], into: &html)
            html += "</span>"
            // A line without diagnostics lends their column to its text.
            if !diagnostics.isEmpty {
                html += "<span class=\"dg\">"
                var previousHint: String? = nil
                for k in diagnostics {
                    // The same hint twice on a line (two gaps) is shown once.
                    let d = plan.diagnostics[k]
                    ReviewSource.diagnostic(d, id: k, showHint: d.hint != previousHint, into: &html)
                    previousHint = d.hint
                }
                html += "</span>"
            }
            html += "</div>\n"
        }
        html += "</div>\n"
    }

    /// An element's 0-based columns on `line`, in the repaired text; `Int.max` for the line's end.
    /// A span whose columns say nothing (an end at or before its start) covers its whole lines.
    static func columns(of span: SourceSpan, on line: Int) -> (Int, Int) {
        let start = line == span.startLine ? max(span.startColumn - 1, 0) : 0
        let end = line == span.endLine ? span.endColumn - 1 : Int.max
        return end > start ? (start, end) : (0, Int.max)
    }

    func chip(_ region: ReviewRegion, into html: inout String) {
        html += "<span class=\"c \(region.chip)\(region.inferred ? " inf doubt" : "")\" id=\"\(region.id)\" data-el=\"\(region.element)\" "
        html += "data-span=\"\(ReviewHTML.span(region.span))\" title=\"\(ReviewHTML.escape(region.title))\">"
        html += ReviewHTML.escape(region.label) + (region.inferred ? "?" : "") + "</span>"
    }

    static func diagnostic(_ d: Diagnostic, id: Int, showHint: Bool = true, into html: inout String) {
        html += "<div class=\"d sev-\(d.severity.rawValue) doubt\" id=\"d\(id)\" data-rule=\"\(ReviewHTML.escape(d.rule))\""
        if let span = d.span { html += " data-span=\"\(ReviewHTML.span(span))\"" }
        html += "><b>\(ReviewHTML.escape(d.rule))</b> <span class=\"sv\">\(d.severity.rawValue)</span> "
        if let span = d.span, span.endLine != span.startLine { html += "<span class=\"sv\">\(ReviewHTML.lines(span))</span> " }
        html += ReviewHTML.escape(d.message)
        if showHint, let hint = d.hint { html += "<span class=\"h\">\(ReviewHTML.escape(hint))</span>" }
        html += "</div>"
    }

    /// A piece of a line: a run as written, or a repair (which covers `consumed` scalars as written;
    /// none when its text is not where its column says, so it is shown beside, not over, the text).
    private enum Piece {
        case text(Range<Int>)
        case repair(Int, consumed: Int)
    }

    /// The line's text with its tints, diagnostic marks and repairs.
    func text(_ scalars: [Unicode.Scalar], repairs: [Int], tints: [(region: Int, start: Int, end: Int)],
              marks: [(diagnostic: Int, start: Int, end: Int)], into html: inout String) {
        // Pieces in the line as written.
        var pieces: [Piece] = []
        var cursor = 0
        let ordered = repairs.sorted { (plan.repairs[$0].column, $0) < (plan.repairs[$1].column, $1) }
        for k in ordered {
            let repair = plan.repairs[k]
            let original = Array(repair.original.unicodeScalars)
            let at = repair.column - 1
            let fits = repair.line - 1 < lines.count && at >= cursor && at + original.count <= scalars.count
                && Array(scalars[at..<(at + original.count)]) == original
            if fits {
                if at > cursor { pieces.append(.text(cursor..<at)) }
                pieces.append(.repair(k, consumed: original.count))
                cursor = at + original.count
            } else {
                let place = min(max(at, cursor), scalars.count)
                if place > cursor { pieces.append(.text(cursor..<place)) }
                pieces.append(.repair(k, consumed: 0))
                cursor = place
            }
        }
        // Trailing blanks are not shown (a line padded with hundreds of spaces would wrap into empty rows).
        var end = scalars.count
        while end > cursor, scalars[end - 1] == " " || scalars[end - 1] == "\t" || scalars[end - 1] == "\u{A0}" { end -= 1 }
        if end > cursor { pieces.append(.text(cursor..<end)) }

        // Edges of tints and marks, in repaired columns.
        var edges: Set<Int> = []
        for t in tints { edges.insert(t.start); if t.end != Int.max { edges.insert(t.end) } }
        for m in marks { edges.insert(m.start); edges.insert(m.end) }
        let sortedEdges = edges.sorted()

        var open: (key: String, html: String)? = nil
        func emit(_ key: String, _ body: String) {
            if let current = open, current.key == key {
                open!.html += body
                return
            }
            flush()
            open = (key, body)
        }
        func flush() {
            guard let current = open else { return }
            if current.key.isEmpty {
                html += current.html
            } else {
                let parts = current.key.split(separator: "|", omittingEmptySubsequences: false)
                var classes: [String] = []
                if !parts[0].isEmpty { classes.append(String(parts[0])) }
                if !parts[2].isEmpty { classes.append("dx dx-\(parts[2])") }
                html += "<span class=\"\(classes.joined(separator: " "))\""
                if !parts[1].isEmpty { html += " data-r=\"\(parts[1])\"" }
                html += ">\(current.html)</span>"
            }
            open = nil
        }
        /// The key of a run from `a` to `b` in repaired columns: its tint, its regions, its mark.
        func key(_ a: Int, _ b: Int) -> String {
            let overlaps = { (s: Int, e: Int) -> Bool in b > a ? (s < b && e > a) : (s <= a && e > a) }
            var top: ReviewRegion.Tint? = nil
            var ids: [String] = []
            for t in tints where overlaps(t.start, t.end) {
                let region = regions[t.region]
                ids.append(region.id)
                if let tint = region.tint, top == nil || tint.priority <= top!.priority { top = tint }
            }
            var worst: Diagnostic.Severity? = nil
            for m in marks where overlaps(m.start, m.end) {
                let severity = plan.diagnostics[m.diagnostic].severity
                if worst == nil || severity > worst! { worst = severity }
            }
            if top == nil && worst == nil { return "" }
            return "\(top?.rawValue ?? "")|\(ids.joined(separator: " "))|\(worst?.rawValue ?? "")"
        }

        var repaired = 0
        for piece in pieces {
            switch piece {
            case .text(let range):
                var start = range.lowerBound
                while start < range.upperBound {
                    let r0 = repaired + (start - range.lowerBound)
                    // The next edge after r0, as a position in the line as written.
                    let next = sortedEdges.first { $0 > r0 }.map { range.lowerBound + ($0 - repaired) } ?? range.upperBound
                    let stop = min(next, range.upperBound)
                    emit(key(r0, r0 + (stop - start)), ReviewHTML.escape(scalars[start..<stop]))
                    start = stop
                }
                repaired += range.count
            case .repair(let k, let consumed):
                let repair = plan.repairs[k]
                let length = consumed == 0 ? 0 : repair.repaired.unicodeScalars.count
                emit(key(repaired, repaired + length), repairHTML(repair, id: k, displaced: consumed == 0))
                repaired += length
            }
        }
        flush()
    }

    func repairHTML(_ repair: Repair, id: Int, displaced: Bool) -> String {
        let doubtful = repair.confidence < doubtfulConfidence
        let confidence = String(format: "%.2f", repair.confidence)
        var title = "\(repair.kind) · confidence \(confidence)"
        if doubtful { title += " (below \(ReviewHTML.number(doubtfulConfidence))): check it" }
        if displaced { title += " · logged at column \(repair.column), where the text differs" }
        return "<ruby class=\"rp\(doubtful ? " low doubt" : "")\(displaced ? " off" : "")\" id=\"r\(id)\" title=\"\(ReviewHTML.escape(title))\">"
            + "<ins>\(ReviewHTML.escape(repair.repaired))</ins><rt><del>\(ReviewHTML.escape(repair.original))</del></rt></ruby>"
    }
}
