import Foundation

/// Maps a plan's indicators onto the national strategy's catalog.
///
/// A local plan renumbers, merges, drops and adds indicators, so the match is made on the words of
/// the measure, never on the local number: the weighted share of the national measure's syllables
/// and syllable pairs ("lao động", "động nữ", …) that the local indicator's text contains (see
/// ``CatalogIndex``). An indicator that matches no national measure well enough is a local
/// addition and keeps `nationalId == nil`. Each target of a matched indicator gets the national
/// target of the same part and year.
public enum NationalNormalizer {
    /// The least weighted share of the national measure's words a local indicator must contain.
    static let threshold = 0.4
    /// The least share for a clear winner among its domain's indicators.
    static let closeThreshold = 0.3

    /// Fills `nationalId` on every indicator and `national` on every target. Idempotent.
    public static func normalize(_ plan: Plan, catalog: [NationalIndicator] = NationalCatalog.indicators) -> Plan {
        var plan = plan
        // A plan of the 2011–2020 strategy has no 2021–2030 ids.
        if let period = plan.header.period, period.to < NationalCatalog.period.from { return plan }
        let index = catalog == NationalCatalog.indicators ? CatalogIndex.national : CatalogIndex(catalog)
        for o in plan.objectives.indices {
            let domain = plan.objectives[o].domain
            for i in plan.objectives[o].indicators.indices {
                var indicator = plan.objectives[o].indicators[i]
                let national = index.match(text: indicator.text, domain: domain)
                indicator.nationalId = national?.id
                indicator.targets = assign(indicator.targets, of: indicator.text, to: national, index: index)
                plan.objectives[o].indicators[i] = indicator
            }
        }
        return plan
    }

    /// Gives each target the national target of its part and year. A compound indicator's part is read
    /// from the target's own words when they name one part only, else from the indicator's (a local
    /// indicator that carries one part: "Tỷ lệ nữ tiến sĩ …"), else from its position: the n-th
    /// target for a year belongs to the n-th part.
    static func assign(_ targets: [Target], of text: String, to national: NationalIndicator?,
                       index: CatalogIndex) -> [Target] {
        let indicatorPart = national.flatMap { $0.parts.isEmpty ? nil : index.part(of: $0, namedIn: text) }
        var seenPerYear: [Int: Int] = [:]
        return targets.map { target in
            var target = target
            target.national = nil
            guard let national, let year = target.year else { return target }
            // A count in a measure of shares is part of the measure's words ("mỗi quý có ít nhất 04 tin, bài"
            // of 6.3, whose national target is 100% of communes), not a target to set against the national one.
            if target.unit == .count, !national.targets.contains(where: { $0.unit == .count }) { return target }
            let occurrence = seenPerYear[year, default: 0]
            seenPerYear[year] = occurrence + 1
            var part: String? = nil
            if !national.parts.isEmpty {
                part = index.part(of: national, namedIn: target.text) ?? indicatorPart
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

/// The catalog's measures as weighted word features (built once for the national catalog).
///
/// A feature is a syllable or a pair of adjacent syllables. Its weight is its rarity across the
/// catalog (inverse document frequency), so "tử vong" (one indicator) counts for more than
/// "tỷ lệ" (many). A measure's score against a text is the weighted share of its features the
/// text contains.
struct CatalogIndex {
    struct Entry {
        let indicator: NationalIndicator
        let features: Set<String>
        /// Each part's whole measure (shared words included).
        let partFeatures: [Set<String>]
        /// Each part's own words: those no other part has.
        let ownFeatures: [(label: String, features: Set<String>)]
    }

    let entries: [Entry]
    let weights: [String: Double]

    /// The built-in catalog's index, built once.
    static let national = CatalogIndex(NationalCatalog.indicators)

    init(_ catalog: [NationalIndicator]) {
        entries = catalog.map { indicator in
            let partFeatures = indicator.parts.map { MeasureWords.features(of: $0.measure) }
            let own = indicator.parts.indices.map { i in
                (indicator.parts[i].label,
                 partFeatures.indices.filter { $0 != i }.reduce(partFeatures[i]) { $0.subtracting(partFeatures[$1]) })
            }
            return Entry(indicator: indicator, features: MeasureWords.features(of: indicator.measure),
                         partFeatures: partFeatures, ownFeatures: own)
        }
        var frequency: [String: Int] = [:]
        for entry in entries { for f in entry.features { frequency[f, default: 0] += 1 } }
        let count = Double(max(entries.count, 1))
        weights = frequency.mapValues { log(1 + count / Double($0)) }
    }

    /// The weighted share of `pattern`'s features found in `text`.
    func score(_ pattern: Set<String>, in text: Set<String>) -> Double {
        var total = 0.0
        var found = 0.0
        for feature in pattern {
            let weight = weights[feature] ?? 1
            total += weight
            if text.contains(feature) { found += weight }
        }
        return total > 0 ? found / total : 0
    }

    /// The best-matching national indicator, looked for in the objective's domain when it has one:
    /// one scoring at least ``NationalNormalizer/threshold``, or at least ``NationalNormalizer/closeThreshold``
    /// and twice the runner-up (a reworded measure: "tỷ suất tử vong mẹ" for "tỷ lệ tử vong bà mẹ").
    func match(text: String, domain: Domain?) -> NationalIndicator? {
        let words = MeasureWords.features(of: text)
        guard !words.isEmpty else { return nil }
        var ranked: [(indicator: NationalIndicator, score: Double)] = []
        for entry in entries where domain == nil || entry.indicator.domain == domain {
            // A local indicator may carry one part of a compound one only.
            let score = ([entry.features] + entry.partFeatures).map { self.score($0, in: words) }.max() ?? 0
            ranked.append((entry.indicator, score))
        }
        ranked.sort { $0.score > $1.score }
        guard let best = ranked.first else { return nil }
        if best.score >= NationalNormalizer.threshold { return best.indicator }
        if ranked.count > 1, best.score >= NationalNormalizer.closeThreshold, best.score >= 2 * ranked[1].score {
            return best.indicator
        }
        return nil
    }

    /// The one part whose own words the text contains, if exactly one.
    func part(of indicator: NationalIndicator, namedIn text: String) -> String? {
        guard let entry = entries.first(where: { $0.indicator.id == indicator.id }) else { return nil }
        let words = MeasureWords.features(of: text)
        let named = entry.ownFeatures.filter { !$0.features.isDisjoint(with: words) }
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

    /// Syllables and adjacent pairs of syllables.
    static func features(of text: String) -> Set<String> {
        let words = syllables(text)
        var result = Set(words)
        if words.count > 1 {
            for i in 1..<words.count { result.insert(words[i - 1] + " " + words[i]) }
        }
        return result
    }
}
