/// The indicators of the National Strategy on Gender Equality 2021–2030 (Nghị quyết 28/NQ-CP),
/// as `Data/national-strategy-2021-2030.md` lists them. The data itself is generated Swift
/// source (`NationalCatalog+Data.swift`, written by `plankit catalog --swift`), so it works
/// from any working directory and costs nothing to load.
public enum NationalCatalog {
    /// The years the strategy covers; plans of earlier periods get no national ids.
    public static let period = Period(from: 2021, to: 2030)

    /// The national indicator with this id ("2.1"); nil when the strategy has none.
    public static func indicator(id: String) -> NationalIndicator? {
        indicators.first { $0.id == id }
    }
}

/// One indicator of the national strategy ("2.1").
public struct NationalIndicator: Codable, Hashable, Sendable {
    /// "2.1": objective and indicator number in the strategy.
    public var id: String
    /// The strategy's objective it belongs to, 1–6 (the part of `id` before the dot).
    public var objective: Int
    /// The domain of that objective.
    public var domain: Domain
    /// The words of the measure, in Vietnamese, as the catalog gives them.
    public var measure: String
    /// The separately targeted parts of a compound indicator ("(a) người bị bạo lực …; (b) người gây bạo lực …");
    /// empty for a simple one.
    public var parts: [Part]
    /// Which way the measure should move, so lint can tell a weaker target from a stronger one.
    public var direction: Direction
    /// Its national targets for 2025 and 2030, one per part and year the catalog gives.
    public var targets: [NationalTarget]
    /// Whether the national targets were confirmed in more than one public source. Lint never calls a local
    /// target weaker than an unconfirmed one.
    public var confirmed: Bool
    /// The catalog's status note as written ("unconfirmed (004)").
    public var status: String

    /// An indicator as one catalog row gives it.
    public init(id: String, objective: Int, domain: Domain, measure: String, parts: [Part], direction: Direction,
                targets: [NationalTarget], confirmed: Bool, status: String) {
        self.id = id
        self.objective = objective
        self.domain = domain
        self.measure = measure
        self.parts = parts
        self.direction = direction
        self.targets = targets
        self.confirmed = confirmed
        self.status = status
    }

    /// One separately targeted part of a compound indicator ("(a)", "(b)").
    public struct Part: Codable, Hashable, Sendable {
        /// "a", "b"
        public var label: String
        /// The words that measure this part, with the indicator's shared words in front.
        public var measure: String

        /// A part labelled `label` that measures `measure`.
        public init(label: String, measure: String) {
            self.label = label
            self.measure = measure
        }
    }

    /// Which way a measure should move: up ("↑" in the catalog), down ("↓"), or neither ("=").
    public enum Direction: String, Codable, Hashable, Sendable {
        case higherIsBetter = "higher"
        case lowerIsBetter = "lower"
        case qualitative

        /// Whether a target of `value` with `comparator` is weaker than `national` in this direction.
        /// Equal numbers are weaker only against a strict national bound ("under 42" against "42").
        func isWeaker(_ value: Double, _ comparator: Comparator, than national: NationalTarget) -> Bool {
            switch self {
            case .higherIsBetter:
                value < national.value || (value == national.value && national.comparator == .gt && comparator != .gt)
            case .lowerIsBetter:
                value > national.value || (value == national.value && national.comparator == .lt && comparator != .lt)
            case .qualitative: false
            }
        }
    }
}

/// A national target for one indicator (and part) and year ("at least 27% in 2025").
public struct NationalTarget: Codable, Hashable, Sendable {
    /// The national indicator id ("2.3").
    public var indicator: String
    /// "a" or "b" for a compound indicator, nil otherwise.
    public var part: String?
    /// The year the target is for: 2025 or 2030.
    public var year: Int
    /// The number, in `unit` (27 for "at least 27%").
    public var value: Double
    /// What `value` counts.
    public var unit: TargetUnit
    /// How the value binds ("at least" → gte).
    public var comparator: Comparator
    /// "100% from 2025 on".
    public var fromYearOn: Bool
    /// Whether the indicator's targets were confirmed in more than one public source.
    public var confirmed: Bool
    /// As the catalog writes it ("at least 27%").
    public var text: String

    /// A target as the catalog states it.
    public init(indicator: String, part: String?, year: Int, value: Double, unit: TargetUnit, comparator: Comparator,
                fromYearOn: Bool, confirmed: Bool, text: String) {
        self.indicator = indicator
        self.part = part
        self.year = year
        self.value = value
        self.unit = unit
        self.comparator = comparator
        self.fromYearOn = fromYearOn
        self.confirmed = confirmed
        self.text = text
    }
}
