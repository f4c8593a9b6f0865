import Foundation
import Testing
@testable import PlanKit
@testable import PlanKitCLI

/// The review pages (`plankit review`, `plankit batch --review`): every element, repair and
/// diagnostic of the plan is on its page, nothing from the plan becomes markup, the index lists
/// every plan, and a real browser draws the page.
@Suite struct ReviewTests {
    static let seedNames = ["000", "001", "002", "003", "004"]

    /// The plan of a seed and its text as written, and the page made of them.
    static func seedPage(_ name: String) throws -> (plan: Plan, source: SourceText, html: String) {
        let relative = try #require(Repository.seeds[name])
        let plan = try Repository.parse(relative)
        let source = try SourceText(path: relative, bytes: [UInt8](Data(contentsOf: Repository.url(relative))))
        return (plan, source, PlanReview.page(plan, source: source))
    }

    /// Every element of the plan with a span, as "kind span", the way the page writes them.
    static func elements(_ plan: Plan) -> [String] {
        var result: [String] = []
        func add(_ kind: String, _ span: SourceSpan) { result.append("\(kind) \(ReviewHTML.span(span))") }
        plan.preamble.forEach { add("preamble", $0.span) }
        plan.header.basis.forEach { add("basis", $0.span) }
        func section(_ s: Section) {
            add("section", s.span)
            s.paragraphs.forEach { add("paragraph", $0.span) }
            s.children.forEach(section)
        }
        plan.sections.forEach(section)
        for o in plan.objectives {
            add("objective", o.span)
            for i in o.indicators {
                add("indicator", i.span)
                i.targets.forEach { add("target", $0.span) }
            }
            o.solutions.forEach { add("solution", $0.span) }
        }
        plan.responsibilities.forEach { add("responsibility", $0.span) }
        plan.reporting.forEach { add("deadline", $0.span) }
        plan.closing.forEach { add("closing", $0.span) }
        if let s = plan.signature { add("signature", s.span) }
        plan.unclassified.forEach { add("unclassified", $0.span) }
        return result.sorted()
    }

    /// All matches of `pattern`'s first capture groups.
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            (1..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
        }
    }

    /// Each line's row of the source pane, by line number.
    static func rows(_ html: String) -> [Int: Substring] {
        var rows: [Int: Substring] = [:]
        for part in html.components(separatedBy: "<div class=\"ln").dropFirst() {
            guard let id = part.range(of: "id=\"L"), let end = part[id.upperBound...].firstIndex(of: "\""),
                  let line = Int(part[id.upperBound..<end]) else { continue }
            rows[line] = Substring(part)
        }
        return rows
    }

    @Test func everyElementAppearsWithItsSpan() {
        forEachRow(Self.seedNames, named: { "seed \($0)" }) { seed in
            let (plan, _, html) = try Self.seedPage(seed)
            let chips = Self.matches(#"<span class="c [^"]*" id="e\d+" data-el="([a-z]+)" data-span="([0-9:-]+)""#, in: html)
                .map { "\($0[0]) \($0[1])" }.sorted()
            #expect(chips == Self.elements(plan), "seed \(seed)")
            // Each chip sits on the row of its element's first line.
            for (line, row) in Self.rows(html) {
                for span in Self.matches(#"data-el="[a-z]+" data-span="(\d+):"#, in: String(row)) {
                    #expect(span[0] == String(line), "seed \(seed)")
                }
            }
            #expect(html.components(separatedBy: "<div class=\"ln").count - 1 == plan.source.lineCount, "seed \(seed)")
        }
    }

    @Test func everyRepairAndDiagnosticAppearsOnItsLine() {
        forEachRow(Self.seedNames, named: { "seed \($0)" }) { seed in
            let (plan, _, html) = try Self.seedPage(seed)
            let rows = Self.rows(html)
            #expect(rows.count == plan.source.lineCount, "seed \(seed)")
            #expect(html.components(separatedBy: "<ruby class=\"rp").count - 1 == plan.repairs.count, "seed \(seed)")
            for (k, repair) in plan.repairs.enumerated() {
                let row = try #require(rows[repair.line], "seed \(seed)")
                let confidence = String(format: "%.2f", repair.confidence)
                #expect(row.contains("id=\"r\(k)\" title=\"\(repair.kind) · confidence \(confidence)"), "seed \(seed)")
                #expect(row.contains("<ins>\(ReviewHTML.escape(repair.repaired))</ins><rt><del>\(ReviewHTML.escape(repair.original))</del></rt>"), "seed \(seed)")
            }
            let doubtful = plan.repairs.filter { $0.confidence < PlanReview.Options().doubtfulConfidence }.count
            #expect(html.components(separatedBy: "<ruby class=\"rp low doubt").count - 1 == doubtful, "seed \(seed)")

            #expect(html.components(separatedBy: "<div class=\"d sev-").count - 1 == plan.diagnostics.count, "seed \(seed)")
            for (k, d) in plan.diagnostics.enumerated() {
                let tag = "<div class=\"d sev-\(d.severity.rawValue) doubt\" id=\"d\(k)\" data-rule=\"\(d.rule)\""
                if let span = d.span {
                    let row = try #require(rows[span.startLine], "seed \(seed)")
                    #expect(row.contains(tag), "seed \(seed): \(d.rule) at line \(span.startLine)")
                } else {
                    let start = try #require(html.range(of: "<header id=\"sum\">"), "seed \(seed)")
                    let end = try #require(html.range(of: "</header>"), "seed \(seed)")
                    #expect(html[start.upperBound..<end.lowerBound].contains(tag), "seed \(seed): \(d.rule) in the summary")
                }
                #expect(html.contains(ReviewHTML.escape(d.message)), "seed \(seed)")
            }
            let summary = ReviewSummary(plan: plan)
            let doubts = html.components(separatedBy: "doubt\"").count - 1
            #expect(doubts == summary.doubtfulRepairs + summary.inferred + plan.diagnostics.count, "seed \(seed)")
            #expect(html.contains("<span id=\"pos\">\(doubts == 0 ? "none" : "– / \(doubts)")</span>"), "seed \(seed)")
        }
    }

    @Test func pageIsSelfContainedVietnameseAndPinsItsScript() throws {
        let (plan, _, html) = try Self.seedPage("000")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">"))
        for outside in ["src=", "href=\"http", "href=\"//", "url(", "@import", "<link", "<img", "<iframe"] {
            #expect(!html.contains(outside), "\(outside)")
        }
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.components(separatedBy: "<style").count == 2)
        #expect(html.contains("script-src '\(ReviewAssets.hash(ReviewAssets.pageScript))'"))
        #expect(html.contains("<script>\(ReviewAssets.pageScript)</script>"))
        #expect(html.contains("<style>\(ReviewAssets.pageStyle)</style>"))
        #expect(html.contains("@media print"))
        // Vietnamese as UTF-8 text, not as character references.
        #expect(html.contains("Tuần Giáo"))
        // The outline links to the lines of the sections and objectives.
        for o in plan.objectives { #expect(html.contains("<a href=\"#L\(o.span.startLine)\" title=")) }
        #expect(PlanReview.page(plan, source: try Self.seedPage("000").source) == html)
    }

    @Test func targetsAgainstNationalAsTableAndChart() throws {
        let (plan, _, html) = try Self.seedPage("004")
        let section = try #require(html.range(of: "<section id=\"targets\">").map { html[$0.lowerBound...] })
        let targets = plan.objectives.flatMap(\.indicators).flatMap(\.targets)
        #expect(section.components(separatedBy: "<tr><td><a href=\"#L").count - 1 == targets.count)
        let domains = Set(plan.objectives.map(\.domain))
        #expect(section.components(separatedBy: "<svg class=\"chart\"").count - 1 == domains.count)
        // Those the normaliser matched, and those without a year compared with the period's last.
        let compared = ReviewTargets.rows(plan).filter { $0.national != nil && $0.national!.unit == $0.target.unit }
        #expect(compared.filter { $0.assumedYear == nil }.count == targets.filter { $0.national != nil && $0.national!.unit == $0.unit }.count)
        #expect(compared.contains { $0.assumedYear == 2030 })
        #expect(section.components(separatedBy: "<rect class=\"pb").count - 1 == compared.count)
        #expect(section.components(separatedBy: "<rect class=\"nb").count - 1 == compared.count)
        #expect(section.contains("↓ lower is better"))
        #expect(section.contains("↑ higher is better"))
        // 004's MT2.CT1 sets 40% for 2025 where the strategy sets 50%.
        #expect(section.contains("<td class=\"v-weak\">weaker</td>"))

        // 000 writes no years: compared with the national figures for its period's last year, and says so.
        let (_, _, damaged) = try Self.seedPage("000")
        #expect(damaged.contains("(2025 assumed)"))
        #expect(damaged.contains("<rect class=\"pb a\"") || damaged.contains("<rect class=\"pb w a\""))
    }

    static let hostile = "<script>alert(1)</script> & \"x\" 'y'"

    @Test func planTextNeverBecomesMarkup() throws {
        let text = """
        KẾ HOẠCH
        Thực hiện \(Self.hostile) năm 2022
        I. MỤC TIÊU
        Mục tiêu 1: Trong lĩnh vực chính trị \(Self.hostile)
        - Chỉ tiêu 1: Tỷ lệ nữ \(Self.hostile) đạt 30% vào năm 2025.
        </div></span><!-- \(Self.hostile)
        \u{0C}\u{0}\u{1B}[0m
        """
        var plan = PlanParser.parse(SourceText(path: "in/\(Self.hostile).txt", text: text))
        // A repair and diagnostics that quote the text, and an inferred objective.
        plan.repairs.append(Repair(line: 2, column: 11, original: "<script>", repaired: "<b>\"&", kind: "ocr", confidence: 0.5))
        plan.diagnostics.append(Diagnostic(.unclassifiedText, "'\(Self.hostile)' set aside",
                                           span: SourceSpan(startLine: 6, endLine: 6, startColumn: 1, endColumn: 7)))
        plan.diagnostics.append(Diagnostic(.missingTitle, Self.hostile, span: nil, hint: Self.hostile))
        if !plan.objectives.isEmpty { plan.objectives[0].inferred = true }
        let source = SourceText(path: "in/\(Self.hostile).txt", text: text)
        let html = PlanReview.page(plan, source: source)

        #expect(html.components(separatedBy: "<script").count == 2, "only the page's own script")
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>\""))
        #expect(!html.contains("</div></span><!--"))
        #expect(!html.contains("\"x\""))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;"))
        #expect(html.contains("<ins>&lt;b&gt;&quot;&amp;</ins><rt><del>&lt;script&gt;</del></rt>"))
        #expect(html.contains("&lt;/div&gt;&lt;/span&gt;&lt;!--"))
        // Control characters are shown as their pictures, never written raw.
        #expect(html.contains("␌␀␛[0m"))
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        // Every element still balanced: as many closing tags as opening ones.
        for tag in ["div", "span", "ruby", "a", "table", "svg"] {
            let open = Self.matches("<\(tag)[ >]", in: html).count
            let close = html.components(separatedBy: "</\(tag)>").count - 1
            #expect(open == close, "<\(tag)>: \(open) opened, \(close) closed")
        }
        #expect(!plan.objectives.isEmpty)
        #expect(html.contains(" inf doubt\""))

        let index = PlanReview.index([PlanReview.IndexEntry(summary: ReviewSummary(plan: plan), link: "a.html"),
                                      PlanReview.IndexEntry(path: Self.hostile, failure: Self.hostile)], title: Self.hostile)
        #expect(index.components(separatedBy: "<script").count == 2)
        #expect(!index.contains("<script>alert"))
        #expect(index.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;</title>"))
    }

    /// Element spans count columns in the repaired text, repairs in the text as written: a repair
    /// that adds a space ("năm2025" -> "năm 2025") moves the columns after it by one.
    @Test func elementColumnsFollowRepairsThatChangeLength() {
        let line = "Đạt 30% vào năm2025 xong"
        let span = { (a: Int, b: Int) in SourceSpan(startLine: 1, endLine: 1, startColumn: a, endColumn: b) }
        let targets = [Target(value: 30, unit: .percent, comparator: .eq, year: nil, text: "30%", span: span(5, 8)),
                       Target(value: 2025, unit: .count, comparator: .eq, year: nil, text: "2025", span: span(17, 21)),
                       Target(value: 0, unit: .count, comparator: .eq, year: nil, text: "xong", span: span(22, 26))]
        let indicator = Indicator(id: "MT1.CT1", number: 1, text: "Đạt 30% vào năm 2025 xong", span: span(1, 26), targets: targets)
        let plan = Plan(source: SourceInfo(path: "a.txt", lineCount: 1),
                        objectives: [Objective(number: 1, title: "x", domain: nil, span: span(1, 26), indicators: [indicator])],
                        repairs: [Repair(line: 1, column: 13, original: "năm2025", repaired: "năm 2025", kind: "ocr", confidence: 0.9)])
        let html = PlanReview.page(plan, source: SourceText(path: "a.txt", text: line))
        let tinted = Self.matches(#"<span class="t-tgt" data-r="[^"]*">(.*?)</span>"#, in: html).map { $0[0] }
        #expect(tinted.count == 3)
        #expect(tinted.first == "30%")
        // "2025" lies inside the repaired word: the repair is tinted whole; "xong" exactly.
        #expect(tinted.dropFirst().first?.contains("<ins>năm 2025</ins>") == true)
        #expect(tinted.last == "xong")
        #expect(html.contains("> </span><span class=\"t-tgt\""))
    }

    @Test func indexListsEveryPlanWithSortAndFilter() throws {
        var entries: [PlanReview.IndexEntry] = []
        for name in Self.seedNames {
            let (plan, _, _) = try Self.seedPage(name)
            entries.append(PlanReview.IndexEntry(summary: ReviewSummary(plan: plan), link: "\(name).html"))
        }
        entries.append(PlanReview.IndexEntry(path: "missing.txt", failure: "no such file"))
        let html = PlanReview.index(entries)
        let rows = Self.matches(#"<tr class="([a-z ]+)">"#, in: html).map { $0[0] }
        #expect(rows.count == 6)
        for name in Self.seedNames { #expect(html.contains("<a href=\"\(name).html\">")) }
        #expect(html.contains("could not be read: no such file"))
        // 000 needs review (doubtful repairs, gaps); the clean 001 does not; a file that failed does.
        #expect(rows == ["need", "ok", "ok", "ok", "ok", "fail need"])
        #expect(html.contains("<input type=\"checkbox\" id=\"need\">"))
        #expect(html.contains(".filtered tr.ok{display:none}"))
        #expect(html.components(separatedBy: "<th scope=\"col\"").count - 1 == 15)
        #expect(html.contains("data-v=\"214\">214</td>"), "000's repaired lines, sortable as a number")
        #expect(html.contains("script-src '\(ReviewAssets.hash(ReviewAssets.indexScript))'"))
    }

    @Test func reviewCommandWritesPagesAndIndexAndGoesOnPastBadFiles() throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let seeds = ["001", "002"].map { Repository.url(Repository.seeds[$0]!).path }
        let folder = dir.path + "/in"
        dir.write("in/2021/a.txt", [UInt8](try Data(contentsOf: URL(fileURLWithPath: seeds[0]))))
        dir.write("in/b c#1.md", [UInt8](try Data(contentsOf: URL(fileURLWithPath: seeds[1]))))
        let missing = dir.path + "/missing.txt"
        let run = CapturedRun(["review", "--out", dir.path + "/out", seeds[0], folder, missing])
        #expect(run.exitCode == ExitCode.usage)
        #expect(run.err.contains("plankit review: error: \(missing): no such file"))
        #expect(run.err.contains("3 pages (0 need review), 1 failed"))
        let name = (seeds[0] as NSString).lastPathComponent.replacingOccurrences(of: ".txt", with: ".html")
        let page = try #require(dir.read("out/" + name))
        #expect(page.contains("<h1>KẾ HOẠCH 645/KH-UBND</h1>"))
        #expect(page.contains("<a href=\"index.html\">← all plans</a>"))
        let nested = try #require(dir.read("out/2021/a.html"))
        #expect(nested.contains("<a href=\"../index.html\">← all plans</a>"))
        #expect(dir.read("out/b c#1.html") != nil)
        let index = try #require(dir.read("out/index.html"))
        #expect(index.contains("<a href=\"\(name)\">"))
        #expect(index.contains("<a href=\"2021/a.html\">"))
        #expect(index.contains("<a href=\"b%20c%231.html\">"))
        #expect(index.contains("could not be read: no such file"))
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: dir.path + "/out").filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)

        #expect(CapturedRun(["review", seeds[0]]).exitCode == ExitCode.usage)
        #expect(CapturedRun(["review", "--out", dir.path + "/o2", "--confidence", "2", seeds[0]]).exitCode == ExitCode.usage)
    }

    @Test func batchWritesReviewPagesAlsoForPlansUpToDate() throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        for name in ["001", "003"] {
            let relative = Repository.seeds[name]!
            dir.write("in/2021/" + (relative as NSString).lastPathComponent, [UInt8](try Data(contentsOf: Repository.url(relative))))
        }
        dir.write("in/hong.txt", [0x4B, 0xC3, 0x28, 0x0A])
        let arguments = ["batch", dir.path + "/in", "--out", dir.path + "/json", "--review", dir.path + "/review", "--jobs", "2"]
        let first = CapturedRun(arguments)
        #expect(first.exitCode == ExitCode.failure)
        #expect(first.err.contains("review: 2 pages, index in \(dir.path)/review/index.html"))
        let pages = ["001", "003"].map { "review/2021/" + (Repository.seeds[$0]! as NSString).lastPathComponent.replacingOccurrences(of: ".txt", with: ".html") }
        let before = try pages.map { try #require(dir.read($0)) }
        #expect(before[0].contains("<a href=\"../index.html\">← all plans</a>"))
        let index = try #require(dir.read("review/index.html"))
        #expect(index.contains("hong.txt"))
        #expect(index.contains("could not be read"))

        // Up to date: the pages come from the JSON written, and are the same.
        try FileManager.default.removeItem(atPath: dir.path + "/" + pages[1])
        let second = CapturedRun(arguments)
        #expect(second.err.contains("0 parsed, 2 up to date"))
        #expect(try pages.map { try #require(dir.read($0)) } == before)
    }

    // MARK: - A real browser

    /// Chromium's path, if installed (`apt-get install chromium`).
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    /// Runs headless Chromium on `url` with `arguments` (its own profile in `folder`); its stdout,
    /// or nil when it did not end within 90 s.
    static func headless(_ arguments: [String], url: URL, folder: String) throws -> String? {
        let output = folder + "/chromium-\(UUID().uuidString.prefix(8)).out"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: output))
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(folder)/profile", "--window-size=1280,900"] + arguments + [url.absoluteString]
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        return FileManager.default.contents(atPath: output).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(.enabled(if: chromium != nil, "chromium not installed (apt-get install chromium): the real-browser test is skipped"),
          .timeLimit(.minutes(3)))
    func chromiumDrawsSeed000() throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let (plan, _, html) = try Self.seedPage("000")
        let page = URL(fileURLWithPath: dir.path + "/000.html")
        try Data(html.utf8).write(to: page)

        // The DOM after the script ran: the script was allowed by the page's policy (it marks the
        // body with the number of doubtful spots), and every line has its row.
        let dom = try #require(try Self.headless(["--dump-dom", "--virtual-time-budget=5000"], url: page, folder: dir.path))
        let summary = ReviewSummary(plan: plan)
        let doubts = summary.doubtfulRepairs + summary.inferred + plan.diagnostics.count
        #expect(dom.contains("data-ready=\"\(doubts)\""), "the page's script did not run")
        #expect(dom.components(separatedBy: "<div class=\"ln").count - 1 == plan.source.lineCount)
        #expect(dom.components(separatedBy: "<ruby class=\"rp").count - 1 == plan.repairs.count)

        // A screenshot: a blank 1280×900 page compresses to a few kilobytes; the page's is far larger.
        let png = dir.path + "/000.png"
        _ = try Self.headless(["--screenshot=\(png)"], url: page, folder: dir.path)
        let blank = URL(fileURLWithPath: dir.path + "/blank.html")
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blank)
        let blankPNG = dir.path + "/blank.png"
        _ = try Self.headless(["--screenshot=\(blankPNG)"], url: blank, folder: dir.path)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: png)[.size] as? Int)
        let blankSize = try #require(try FileManager.default.attributesOfItem(atPath: blankPNG)[.size] as? Int)
        #expect(size > 50_000 && size > 10 * blankSize, "screenshot of \(size) bytes (blank: \(blankSize))")
        print("ReviewTests: chromium screenshot of seed 000: \(size) bytes (a blank page: \(blankSize))")
    }
}
