/// Reads reporting deadlines ("trước ngày 25/11", "06 tháng đầu năm (trước ngày 8/6/2022)")
/// from the organization and reporting parts, and what each report is for.
enum ReportingExtractor {
    static let before = Phrase("trước ngày")
    static let latest = Phrase("chậm nhất")
    static let semiannual: [Phrase] = ["6 tháng", "06 tháng", "sáu tháng"].map(Phrase.init)
    static let final: [Phrase] = ["tổng kết giai đoạn", "giai đoạn", "cuối kỳ", "tổng kết kế hoạch", "tổng kết chiến lược", "tổng kết"].map(Phrase.init)

    static func extract(_ outline: Outline, period: Period? = nil) -> [ReportingDeadline] {
        var deadlines: [ReportingDeadline] = []
        for root in outline.sections where root.kind == .organization || root.kind == .reporting {
            root.walk { block, _, _ in deadlines.append(contentsOf: read(block, planYear: period.flatMap { $0.from == $0.to ? $0.to : nil })) }
        }
        return deadlines
    }

    static let beforeWord = "trước".lowerScalars
    static let latestWord = "chậm".lowerScalars

    /// `planYear`: the year of a plan for one year, whose report due in November
    /// needs no other name ("báo cáo Sở Nội vụ trước ngày 30/11/2026": the year's report).
    static func read(_ block: Block, planYear: Int? = nil) -> [ReportingDeadline] {
        // Every deadline starts with the word "trước" or "chậm": a scan for them is far cheaper than
        // tokenizing each paragraph of the organization section.
        guard block.text.containsWord(beforeWord, or: latestWord) else { return [] }
        let t = TokenStream(block.text)
        var result: [ReportingDeadline] = []
        var contextStart = 0
        var i = 0
        while i < t.count {
            if t.is(i, Words.semicolon) || t.is(i, Words.period) { contextStart = i + 1 }
            var dateAt: Int? = nil
            if t.matches(i, before) { dateAt = i + 1 }
            else if t.matches(i, latest), t.is(i + 2, Words.day) { dateAt = i + 2 }
            else if t.matches(i, latest), t.is(i + 3, Words.day) { dateAt = i + 3 }
            guard let at = dateAt, let (date, next) = DateReading.any(t, at: at), let month = date.month else {
                i += 1
                continue
            }
            // What the report is: said after the date ("đối với báo cáo 6 tháng đầu năm", "hàng năm") or before it.
            let afterEnd = t.is(next, Words.closeParen) ? next + 1 : next
            var kind: ReportingDeadline.Kind? = nil
            var textStart = i
            var textEnd = t[next - 1].range.upperBound
            var k = afterEnd
            while k < min(afterEnd + 10, t.count), !t.is(k, Words.semicolon), !t.is(k, Words.period), !t.is(k, Words.and),
                  !t.is(k, Words.comma), !t.is(k, Words.openParen), !t.matches(k, before), !t.is(k, Words.purpose) { k += 1 }
            if k > afterEnd, let found = classify(t, afterEnd..<k) {
                kind = found
                textEnd = t[k - 1].range.upperBound
            } else if let (found, at) = classifyBefore(t, contextStart..<i) {
                kind = found
                textStart = at
                // "06 tháng đầu năm (trước ngày 8/6/2022)": take the closing parenthesis along.
                if t.is(next, Words.closeParen) { textEnd = t[next].range.upperBound }
            }
            if kind == nil, let planYear, month == 11, (date.year ?? planYear) == planYear,
               (contextStart..<i).contains(where: { t.matches($0, reportWords) }) {
                kind = .annual
            }
            let range = t[textStart].range.lowerBound..<textEnd
            result.append(ReportingDeadline(kind: kind ?? .other, day: date.day, month: month, year: date.year,
                                            text: block.text.string(range), span: block.span(of: range)))
            contextStart = next
            i = next
        }
        return result
    }

    static func classify(_ t: TokenStream, _ range: Range<Int>) -> ReportingDeadline.Kind? {
        var found: ReportingDeadline.Kind? = nil
        for k in range {
            if semiannual.contains(where: { t.matches(k, $0) }) { return .semiannual }
            // "năm" without a year after it, and no number before it ("báo cáo tổng kết 5 năm": a span of years).
            if t.is(k, Words.year), t.year(k + 1) == nil, (t.integer(k - 1) ?? 1) <= 1 { found = .annual }
            if found == nil, final.contains(where: { t.matches(k, $0) }) { found = .final }
        }
        return found
    }

    /// The kind named before the deadline and where its phrase begins. A half-year report anywhere
    /// in the context wins ("06 tháng đầu năm" also holds "năm"); otherwise the nearest keyword.
    static func classifyBefore(_ t: TokenStream, _ range: Range<Int>) -> (ReportingDeadline.Kind, Int)? {
        if let k = range.last(where: { k in semiannual.contains { t.matches(k, $0) } }) { return (.semiannual, k) }
        var k = range.upperBound - 1
        while k >= range.lowerBound {
            if t.is(k, Words.year), t.year(k + 1) == nil, (t.integer(k - 1) ?? 1) <= 1 {
                // "hàng năm", "hằng năm", "báo cáo năm": the phrase starts before "năm".
                var start = k
                if t.matches(k - 2, reportWords) { start = k - 2 } else if t.is(k - 1, every) || t.is(k - 1, everyAlt) { start = k - 1 }
                return (.annual, max(range.lowerBound, start))
            }
            if final.contains(where: { t.matches(k, $0) }),
               // A bare "giai đoạn" names a final report only beside "báo cáo" ("Xây dựng kế hoạch … giai
               // đoạn 2021 - 2030, gửi về … trước ngày …" sends in a plan).
               !t.matches(k, periodWords) || (range.lowerBound..<k).contains(where: { t.matches($0, reportWords) }) {
                // "báo cáo sơ kết giai đoạn …": a mid-term review, not the final report.
                if let midTerm = (max(range.lowerBound, k - 3)..<k).first(where: { t.matches($0, midTermWords) }) { return (.other, midTerm) }
                return (.final, k)
            }
            k -= 1
        }
        return nil
    }

    static let reportWords = Phrase("báo cáo")
    static let midTermWords = Phrase("sơ kết")
    static let periodWords = Phrase("giai đoạn")
    static let every = "hàng".lowerScalars
    static let everyAlt = "hằng".lowerScalars
}
