/// What a reviewer sees first about one plan: what it is, what was read from it, and what is
/// doubtful. The summary box of a review page and a row of the index page are made from it.
public struct ReviewSummary: Hashable, Sendable {
    /// The input's path as the plan records it.
    public var path: String
    /// "KẾ HOẠCH" as written; nil when not read.
    public var documentType: String?
    /// The số/ký hiệu ("645/KH-UBND"); nil when not read.
    public var number: String?
    /// The trích yếu.
    public var title: String?
    /// The issuing body.
    public var issuer: String?
    /// "Bình Lư, 5/3/2022": place and date of issue as read, nil when neither was.
    public var placeDate: String?
    /// The unit's name ("Tuần Giáo").
    public var locality: String?
    /// "commune", "district" or "province".
    public var level: String?
    /// "2021–2025".
    public var period: String?
    /// Objectives read.
    public var objectives: Int
    /// Indicators read, over all objectives.
    public var indicators: Int
    /// Numeric targets read, over all indicators.
    public var targets: Int
    /// Agencies' parts read under "Tổ chức thực hiện".
    public var responsibilities: Int
    /// Reporting deadlines read.
    public var deadlines: Int
    /// Changes the repair stage made.
    public var repairs: Int
    /// Lines with at least one change.
    public var repairedLines: Int
    /// Changes made with a confidence below the threshold the summary was made with.
    public var doubtfulRepairs: Int
    /// Lost characters left as gaps (PK202: a digit that would have to be invented).
    public var gaps: Int
    /// Damaged words left as written because no reading was sure enough (PK201).
    public var leftAsWritten: Int
    /// Sections, objectives and indicators whose marker or number was inferred (PK040).
    public var inferred: Int
    /// Findings by severity.
    public var errors: Int, warnings: Int, notes: Int

    /// Counts `plan`; repairs below `doubtfulConfidence` count as doubtful.
    public init(plan: Plan, doubtfulConfidence: Double = PlanReview.Options().doubtfulConfidence) {
        let header = plan.header
        path = plan.source.path
        documentType = header.documentType
        number = header.number
        title = header.title
        issuer = header.issuer
        let date = header.date.map(ReviewHTML.date)
        switch (header.place, date) {
        case (nil, nil): placeDate = nil
        case (let place?, nil): placeDate = place
        case (nil, let date?): placeDate = date
        case (let place?, let date?): placeDate = "\(place), \(date)"
        }
        locality = header.locality?.name
        level = header.locality?.level.rawValue
        period = header.period.map { $0.from == $0.to ? "\($0.from)" : "\($0.from)–\($0.to)" }
        objectives = plan.objectives.count
        let allIndicators = plan.objectives.flatMap(\.indicators)
        indicators = allIndicators.count
        targets = allIndicators.reduce(0) { $0 + $1.targets.count }
        responsibilities = plan.responsibilities.count
        deadlines = plan.reporting.count
        repairs = plan.repairs.count
        repairedLines = Set(plan.repairs.map(\.line)).count
        doubtfulRepairs = plan.repairs.filter { $0.confidence < doubtfulConfidence }.count
        gaps = plan.diagnostics.filter { $0.rule == Diagnostic.Rule.repairLostCharacter.id }.count
        leftAsWritten = plan.diagnostics.filter { $0.rule == Diagnostic.Rule.repairUncertain.id }.count
        func inferredSections(_ sections: [Section]) -> Int {
            sections.reduce(0) { $0 + ($1.inferred == true ? 1 : 0) + inferredSections($1.children) }
        }
        inferred = inferredSections(plan.sections)
            + plan.objectives.filter { $0.inferred == true }.count
            + allIndicators.filter { $0.inferred == true }.count
        errors = plan.diagnostics.filter { $0.severity == .error }.count
        warnings = plan.diagnostics.filter { $0.severity == .warning }.count
        notes = plan.diagnostics.filter { $0.severity == .note }.count
    }

    /// Why a reviewer should look at this plan: doubtful repairs, gaps, words left as written,
    /// inferred structure, errors. Empty when there is nothing to check.
    public var reviewReasons: [String] {
        var reasons: [String] = []
        if errors > 0 { reasons.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if doubtfulRepairs > 0 { reasons.append("\(doubtfulRepairs) doubtful repair\(doubtfulRepairs == 1 ? "" : "s")") }
        if gaps > 0 { reasons.append("\(gaps) gap\(gaps == 1 ? "" : "s") left") }
        if leftAsWritten > 0 { reasons.append("\(leftAsWritten) damaged word\(leftAsWritten == 1 ? "" : "s") left as written") }
        if inferred > 0 { reasons.append("\(inferred) inferred marker\(inferred == 1 ? "" : "s")") }
        return reasons
    }

    /// Whether the plan has anything in ``reviewReasons``.
    public var needsReview: Bool { !reviewReasons.isEmpty }
}
