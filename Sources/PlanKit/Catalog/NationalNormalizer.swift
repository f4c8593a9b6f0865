/// Maps a plan's indicators onto the national strategy's catalog.
///
/// A local plan renumbers, merges, drops and adds indicators, so the match is made on the words of
/// the measure, never on the local number: the share of the national measure's word pairs
/// ("lao động", "động nữ", "nữ làm", …) that the local indicator's text contains. An indicator whose
/// best share is under ``threshold`` is a local addition and keeps `nationalId == nil`. Each target of
/// a matched indicator gets the national target of the same part and year.
public enum NationalNormalizer {
    /// The least share of the national measure's word pairs a local indicator must contain.
    static let threshold = 0.5

    /// Fills `nationalId` on every indicator and `national` on every target. Idempotent.
    public static func normalize(_ plan: Plan, catalog: [NationalIndicator] = NationalCatalog.indicators) -> Plan {
        var plan = plan
        // A plan of the 2011–2020 strategy has no 2021–2030 ids.
        if let period = plan.header.period, period.to < NationalCatalog.period.from { return plan }
        let index = CatalogIndex(catalog)
        for o in plan.objectives.indices {
            let domain = plan.objectives[o].domain
            for i in plan.objectives[o].indicators.indices {
                var indicator = plan.objectives[o].indicators[i]
                let national = index.match(text: indicator.text, domain: domain)
                indicator.nationalId = national?.id
                indicator.targets = assign(indicator.targets, to: national, index: index)
                plan.objectives[o].indicators[i] = indicator
            }
        }
        return plan
    }

    /// Gives each target the national target of its part and year. A compound indicator's part is read
    /// from the target's own words when they name one part only, otherwise from its position: the
    /// n-th target for a year belongs to the n-th part.
    static func assign(_ targets: [Target], to national: NationalIndicator?, index: CatalogIndex) -> [Target] {
        var seenPerYear: [Int: Int] = [:]
        return targets.map { target in
            var target = target
            target.national = nil
            guard let national, let year = target.year else { return target }
            let occurrence = seenPerYear[year, default: 0]
            seenPerYear[year] = occurrence + 1
            var part: String? = nil
            if !national.parts.isEmpty {
                part = index.part(of: national, namedIn: target.text)
                    ?? (occurrence < national.parts.count ? national.parts[occurrence].label : nil)
                if part == nil { return target }
            }
            let candidates = national.targets.filter { $0.part == part }
            target.national = candidates.first { $0.year == year }
                ?? candidates.filter { $0.fromYearOn && $0.year <= year }.max { $0.year < $1.year }
            return target
        }
    }
}

/// Word pairs of the catalog's measures, computed once per normalisation.
struct CatalogIndex {
    struct Entry {
        let indicator: NationalIndicator
        let pairs: Set<String>
        /// Each part's whole measure (shared words included).
        let partPairs: [Set<String>]
        /// Each part's own words: those no other part has.
        let ownPairs: [(label: String, pairs: Set<String>)]
    }

    let entries: [Entry]

    init(_ catalog: [NationalIndicator]) {
        entries = catalog.map { indicator in
            let partPairs = indicator.parts.map { MeasureWords.pairs(of: $0.measure) }
            let own = indicator.parts.indices.map { i in
                (indicator.parts[i].label,
                 partPairs.indices.filter { $0 != i }.reduce(partPairs[i]) { $0.subtracting(partPairs[$1]) })
            }
            return Entry(indicator: indicator, pairs: MeasureWords.pairs(of: indicator.measure), partPairs: partPairs,
                         ownPairs: own)
        }
    }

    /// The best-matching national indicator, looked for in the objective's domain when it has one.
    func match(text: String, domain: Domain?) -> NationalIndicator? {
        let words = MeasureWords.pairs(of: text)
        guard !words.isEmpty else { return nil }
        var best: (NationalIndicator, Double)? = nil
        for entry in entries where domain == nil || entry.indicator.domain == domain {
            // A local indicator may carry one part of a compound one only.
            let score = ([entry.pairs] + entry.partPairs).map { MeasureWords.containment(of: $0, in: words) }.max() ?? 0
            if score > (best?.1 ?? 0) { best = (entry.indicator, score) }
        }
        guard let best, best.1 >= NationalNormalizer.threshold else { return nil }
        return best.0
    }

    /// The one part whose own words the text contains, if exactly one.
    func part(of indicator: NationalIndicator, namedIn text: String) -> String? {
        guard let entry = entries.first(where: { $0.indicator.id == indicator.id }) else { return nil }
        let words = MeasureWords.pairs(of: text)
        let named = entry.ownPairs.filter { !$0.pairs.isDisjoint(with: words) }
        return named.count == 1 ? named[0].label : nil
    }
}

/// Lower-cased syllables and their adjacent pairs, for comparing measures.
enum MeasureWords {
    static func syllables(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic {
                current.append(scalar)
            } else if !current.isEmpty {
                result.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    static func pairs(of text: String) -> Set<String> {
        let words = syllables(text)
        guard words.count > 1 else { return Set(words) }
        return Set((1..<words.count).map { words[$0 - 1] + " " + words[$0] })
    }

    /// The share of `pattern` found in `text`.
    static func containment(of pattern: Set<String>, in text: Set<String>) -> Double {
        guard !pattern.isEmpty else { return 0 }
        return Double(pattern.intersection(text).count) / Double(pattern.count)
    }
}
