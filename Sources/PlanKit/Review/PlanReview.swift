/// Review pages: static, self-contained HTML on which an archivist checks what was read from a
/// plan, beside its source (`plankit review`, `plankit batch --review`).
///
/// A page holds one inline style sheet and one small inline script and refers to nothing outside
/// itself (no fonts, scripts or images to fetch), so it works from a `file://` URL and from a zip
/// sent by e-mail. Every text from the plan, its path or the catalog is escaped (see
/// ``ReviewHTML``): a plan can never put markup into its page.
///
/// ```swift
/// let source = try SourceText.read(path: "plan.txt")
/// let plan = PlanParser.parse(source)
/// let html = PlanReview.page(plan, source: source)
/// ```
///
/// The page shows:
/// - a summary box: document, locality, period, counts of what was read, repairs, gaps left,
///   diagnostics by severity, and the findings that point at no line;
/// - the targets against the national strategy, per domain: a table and an SVG chart;
/// - the source as written, one row per line: the line number, a chip for each element that
///   starts on it (its kind, its span in `data-span`, what was read on hover), bars for the
///   sections, the text tinted by the elements over it, each repair in place (the repaired word,
///   the original struck through above it, kind and confidence on hover) and the diagnostics of
///   the line beside it;
/// - a navigation pane (the outline of sections, objectives and agencies) whose links scroll the
///   source; keys `n` and `p` go to the next and previous doubtful spot (a repair below
///   ``Options/doubtfulConfidence``, an inferred marker, a diagnostic).
public enum PlanReview {
    /// How pages are made.
    public struct Options: Sendable, Hashable {
        /// Repairs below this confidence are flagged and counted as doubtful.
        public var doubtfulConfidence: Double
        /// The index page, relative to the plan's page ("../index.html"); nil for no link back.
        public var indexLink: String?

        /// Options; by default repairs below 0.9 are doubtful and there is no index link.
        public init(doubtfulConfidence: Double = 0.9, indexLink: String? = nil) {
            self.doubtfulConfidence = doubtfulConfidence
            self.indexLink = indexLink
        }
    }

    /// One plan on the index page: its summary and the link to its page, or why it has none.
    public struct IndexEntry: Sendable, Hashable {
        /// The input's path as given.
        public var path: String
        /// The plan's page, relative to the index; nil when the file could not be read.
        public var link: String?
        /// What was read; nil when the file could not be read.
        public var summary: ReviewSummary?
        /// Why the file has no page ("no such file").
        public var failure: String?

        /// A plan with a page at `link`.
        public init(summary: ReviewSummary, link: String) {
            self.path = summary.path
            self.link = link
            self.summary = summary
            self.failure = nil
        }

        /// A file that could not be read or written, and why.
        public init(path: String, failure: String) {
            self.path = path
            self.link = nil
            self.summary = nil
            self.failure = failure
        }
    }

    /// The review page of `plan`, read from `source` (the text as written: the page shows the
    /// repairs over it). A pure function: the same plan and text give the same bytes.
    public static func page(_ plan: Plan, source: SourceText, options: Options = Options()) -> String {
        ReviewPage(plan: plan, source: source, options: options).render()
    }

    /// The index of many plans' pages: one row per plan, sortable by any column, with a filter
    /// for the plans that need review (see ``ReviewSummary/needsReview``).
    public static func index(_ entries: [IndexEntry], title: String = "PlanKit review") -> String {
        ReviewIndex.render(entries, title: title)
    }
}
