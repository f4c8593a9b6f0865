/// The index page: one row per plan, sortable by a click on a column's header, with a filter
/// that leaves only the plans that need review.
enum ReviewIndex {
    static func render(_ entries: [PlanReview.IndexEntry], title: String) -> String {
        let needing = entries.filter { $0.summary?.needsReview ?? true }.count
        let failed = entries.filter { $0.summary == nil }.count
        var html = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += ReviewAssets.policy(script: ReviewAssets.indexScript, style: ReviewAssets.indexStyle) + "\n"
        html += "<meta name=\"generator\" content=\"PlanKit \(PlanKitVersion.current)\">\n"
        html += "<title>\(ReviewHTML.escape(title))</title>\n<style>\(ReviewAssets.indexStyle)</style>\n</head>\n<body>\n<main>\n"
        html += "<h1>\(ReviewHTML.escape(title))</h1>\n"
        html += "<p>\(entries.count) plan\(entries.count == 1 ? "" : "s"); \(needing) need\(needing == 1 ? "s" : "") review"
        html += failed > 0 ? "; \(failed) could not be read." : "."
        html += " A plan needs review when it has errors, repairs below the doubtful confidence, gaps left, damaged words left as written or inferred markers.</p>\n"
        html += "<div class=\"tools\"><label><input type=\"checkbox\" id=\"need\"> only plans that need review</label>"
        html += "<span class=\"sv\">Click a column's header to sort by it.</span></div>\n"
        html += "<table id=\"plans\"><thead><tr>"
        let columns = [("Plan", "the plan's file"), ("Document", "type, number and title"), ("Locality", ""), ("Level", ""),
                       ("Period", ""), ("Obj.", "objectives"), ("Ind.", "indicators"), ("Targets", ""),
                       ("Repaired lines", "lines with a repair"), ("Doubtful", "repairs below the doubtful confidence"),
                       ("Gaps", "lost characters left as gaps"), ("Inferred", "markers and numbers inferred"),
                       ("Errors", ""), ("Warn.", "warnings"), ("Needs review", "")]
        for (column, help) in columns {
            html += "<th scope=\"col\"\(help.isEmpty ? "" : " title=\"\(help)\"")>\(column)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for entry in entries {
            let name = entry.path.split(separator: "/").last.map(String.init) ?? entry.path
            guard let s = entry.summary else {
                html += "<tr class=\"fail need\"><td class=\"file\" title=\"\(ReviewHTML.escape(entry.path))\">\(ReviewHTML.escape(name))</td>"
                html += "<td colspan=\"13\">could not be read: \(ReviewHTML.escape(entry.failure ?? "unknown error"))</td>"
                html += "<td data-v=\"1\">yes</td></tr>\n"
                continue
            }
            let need = s.needsReview
            html += "<tr class=\"\(need ? "need" : "ok")\">"
            let link = entry.link.map { "<a href=\"\(ReviewHTML.escape($0))\">\(ReviewHTML.escape(name))</a>" } ?? ReviewHTML.escape(name)
            html += "<td class=\"file\" title=\"\(ReviewHTML.escape(entry.path))\">\(link)</td>"
            let document = [s.documentType, s.number].compactMap { $0 }.joined(separator: " ")
            html += "<td class=\"doc\">\(ReviewHTML.escape(document))\(s.title.map { "\(document.isEmpty ? "" : "<br>")<span class=\"sv\">\(ReviewHTML.escape(ReviewRegions.clip($0)))</span>" } ?? "")</td>"
            html += "<td>\(ReviewHTML.escape(s.locality ?? ""))</td><td>\(ReviewHTML.escape(s.level ?? ""))</td>"
            html += "<td>\(ReviewHTML.escape(s.period ?? ""))</td>"
            for n in [s.objectives, s.indicators, s.targets, s.repairedLines, s.doubtfulRepairs, s.gaps, s.inferred, s.errors, s.warnings] {
                html += "<td class=\"num\" data-v=\"\(n)\">\(n)</td>"
            }
            html += "<td class=\"why\" data-v=\"\(need ? 1 : 0)\">\(need ? "yes <span class=\"why\">\(ReviewHTML.escape(s.reviewReasons.joined(separator: ", ")))</span>" : "no")</td>"
            html += "</tr>\n"
        }
        html += "</tbody></table>\n</main>\n<script>\(ReviewAssets.indexScript)</script>\n</body>\n</html>\n"
        return html
    }
}
