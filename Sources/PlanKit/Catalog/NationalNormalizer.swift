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
    /// `catalog` is for tests; nil is the national catalog, whose index is built once.
    public static func normalize(_ plan: Plan, catalog: [NationalIndicator]? = nil) -> Plan {
        var plan = plan
        // A plan of the 2011–2020 strategy has no 2021–2030 ids.
        if let period = plan.header.period, period.to < NationalCatalog.period.from { return plan }
        let index = catalog.map(CatalogIndex.init) ?? CatalogIndex.national
        for o in plan.objectives.indices {
            let domain = plan.objectives[o].domain
            for i in plan.objectives[o].indicators.indices {
                var indicator = plan.objectives[o].indicators[i]
                let words = index.features(of: indicator.text)
                var national = index.match(words, domain: domain)
                if let found = national, runsAgainst(indicator.text, found) { national = nil }
                indicator.nationalId = national?.id
                indicator.targets = assign(indicator.targets, of: words, to: national, index: index)
                plan.objectives[o].indicators[i] = indicator
            }
        }
        return plan
    }

    /// A local measure that goes down where the national one goes up ("số vụ bạo lực gia đình được
    /// phát hiện giảm ít nhất 5%" against 3.2, victims reached by services) is another indicator,
    /// however many words they share.
    static func runsAgainst(_ text: String, _ national: NationalIndicator) -> Bool {
        guard national.direction == .higherIsBetter else { return false }
        var lowers = false, raises = false
        MeasureWords.forEachSyllable(text) { word in
            if word == "giảm" { lowers = true } else if word == "tăng" { raises = true }
        }
        var nationalLowers = false
        MeasureWords.forEachSyllable(national.measure) { word in if word == "giảm" { nationalLowers = true } }
        return lowers && !raises && !nationalLowers
    }

    /// Gives each target the national target of its part and year. A compound indicator's part is read
    /// from the target's own words when they name one part only, else from the indicator's (a local
    /// indicator that carries one part: "Tỷ lệ nữ tiến sĩ …"), else from its position: the n-th
    /// target for a year belongs to the n-th part.
    static func assign(_ targets: [Target], of words: CatalogIndex.Features, to national: NationalIndicator?,
                       index: CatalogIndex) -> [Target] {
        let indicatorPart = national.flatMap { $0.parts.isEmpty ? nil : index.part(of: $0, namedIn: words) }
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
                part = index.part(of: national, namedIn: index.features(of: target.text)) ?? indicatorPart
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
///
/// Features are numbered once, when the index is built; a text's features are a bit set of those
/// numbers. Words the catalog does not use can never score, so they are looked up once and dropped:
/// matching an indicator costs one dictionary lookup per syllable and a few bit tests per measure.
struct CatalogIndex {
    /// A set of feature numbers.
    struct Features: Equatable {
        var bits: [UInt64]

        init(count: Int) { bits = Array(repeating: 0, count: (count + 63) / 64) }

        mutating func insert(_ id: Int) { bits[id >> 6] |= 1 << UInt64(id & 63) }
        func contains(_ id: Int) -> Bool { bits[id >> 6] & (1 << UInt64(id & 63)) != 0 }
        var isEmpty: Bool { bits.allSatisfy { $0 == 0 } }
    }

    /// A measure's feature numbers and their summed weight.
    struct Pattern {
        let ids: [Int]
        let total: Double
    }

    struct Entry {
        let indicator: NationalIndicator
        let whole: Pattern
        /// Each part's whole measure (shared words included).
        let parts: [Pattern]
        /// Each part's own words: those no other part has.
        let own: [(label: String, ids: [Int])]
    }

    let entries: [Entry]
    /// Entry position by national id.
    let positions: [String: Int]
    /// Feature number of each catalog syllable, and of each pair (first syllable's number << 32 | second's).
    let syllableIDs: [String: Int]
    /// ``syllableIDs`` by ``MeasureWords/key(_:)``: matching hashes each syllable of a plan's
    /// indicators without building a `String` for it (the normaliser runs inside every parse), and
    /// looks the key up in a ``KeyTable`` (no `Hasher`).
    let syllableKeys: KeyTable
    let pairIDs: [Int: Int]
    /// ``pairIDs`` as a ``KeyTable``, for the same reason.
    let pairKeys: KeyTable
    /// Weight by feature number.
    let weights: [Double]

    /// The built-in catalog's index, built once.
    static let national = CatalogIndex(NationalCatalog.indicators)

    init(_ catalog: [NationalIndicator]) {
        var syllableIDs: [String: Int] = [:]
        var pairIDs: [Int: Int] = [:]
        var count = 0
        // Number every syllable first, so that a pair's key can be made from its syllables' numbers.
        let measures = catalog.flatMap { [$0.measure] + $0.parts.map(\.measure) }
        for measure in measures {
            for syllable in MeasureWords.syllables(measure) where syllableIDs[syllable] == nil {
                syllableIDs[syllable] = count
                count += 1
            }
        }
        func ids(_ measure: String) -> [Int] {
            let numbers = MeasureWords.syllables(measure).map { syllableIDs[$0]! }
            var result = Set(numbers)
            if numbers.count > 1 {
                for i in 1..<numbers.count {
                    let key = numbers[i - 1] << 32 | numbers[i]
                    if pairIDs[key] == nil {
                        pairIDs[key] = count
                        count += 1
                    }
                    result.insert(pairIDs[key]!)
                }
            }
            return result.sorted()
        }
        let wholeIDs = catalog.map { ids($0.measure) }
        let partIDs = catalog.map { $0.parts.map { ids($0.measure) } }

        // Rarity over the whole measures; a word only a part's measure has weighs 1.
        var frequency = Array(repeating: 0, count: count)
        for list in wholeIDs { for id in list { frequency[id] += 1 } }
        let n = Double(max(catalog.count, 1))
        let weights = frequency.map { $0 > 0 ? log(1 + n / Double($0)) : 1 }
        func pattern(_ ids: [Int]) -> Pattern { Pattern(ids: ids, total: ids.reduce(0) { $0 + weights[$1] }) }

        entries = catalog.indices.map { k in
            let parts = partIDs[k]
            let own = parts.indices.map { i in
                (catalog[k].parts[i].label,
                 parts.indices.filter { $0 != i }.reduce(Set(parts[i])) { $0.subtracting(parts[$1]) }.sorted())
            }
            return Entry(indicator: catalog[k], whole: pattern(wholeIDs[k]), parts: parts.map(pattern), own: own)
        }
        positions = Dictionary(catalog.indices.map { (catalog[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        self.syllableIDs = syllableIDs
        var syllableKeys = KeyTable(capacity: syllableIDs.count)
        for (syllable, id) in syllableIDs {
            let key = MeasureWords.key(syllable.unicodeScalars)
            precondition(syllableKeys[key] == nil, "two catalog syllables share a key")
            syllableKeys[key] = id
        }
        self.syllableKeys = syllableKeys
        var pairKeys = KeyTable(capacity: pairIDs.count)
        for (pair, id) in pairIDs { pairKeys[UInt64(pair)] = id }
        self.pairKeys = pairKeys
        self.pairIDs = pairIDs
        self.weights = weights
    }

    /// The catalog features `text` contains: its syllables and adjacent pairs the catalog has.
    func features(of text: String) -> Features {
        var set = Features(count: weights.count)
        var previous: Int? = nil
        MeasureWords.forEachSyllableKey(text) { key in
            let id = syllableKeys[key]
            if let id {
                set.insert(id)
                if let previous, let pair = pairKeys[UInt64(previous << 32 | id)] { set.insert(pair) }
            }
            previous = id
        }
        return set
    }

    /// The weighted share of `pattern`'s features found in `text`.
    func score(_ pattern: Pattern, in text: Features) -> Double {
        guard pattern.total > 0 else { return 0 }
        var found = 0.0
        for id in pattern.ids where text.contains(id) { found += weights[id] }
        return found / pattern.total
    }

    /// The best-matching national indicator for `text`; see ``match(_:domain:)``.
    func match(text: String, domain: Domain?) -> NationalIndicator? {
        match(features(of: text), domain: domain)
    }

    /// The best-matching national indicator, looked for in the objective's domain when it has one:
    /// one scoring at least ``NationalNormalizer/threshold``, or at least ``NationalNormalizer/closeThreshold``
    /// and twice the runner-up (a reworded measure: "tỷ suất tử vong mẹ" for "tỷ lệ tử vong bà mẹ").
    func match(_ words: Features, domain: Domain?) -> NationalIndicator? {
        guard !words.isEmpty else { return nil }
        // Entries are read in place, by position: copying one copies its indicator's strings and arrays.
        var best: (position: Int, score: Double)? = nil
        var runnerUp = 0.0
        var candidates = 0
        for k in entries.indices where domain == nil || entries[k].indicator.domain == domain {
            // A local indicator may carry one part of a compound one only.
            var score = self.score(entries[k].whole, in: words)
            for p in entries[k].parts.indices { score = max(score, self.score(entries[k].parts[p], in: words)) }
            candidates += 1
            if let current = best, score <= current.score {
                runnerUp = max(runnerUp, score)
            } else {
                runnerUp = best?.score ?? runnerUp
                best = (k, score)
            }
        }
        guard let best else { return nil }
        if best.score >= NationalNormalizer.threshold { return entries[best.position].indicator }
        if candidates > 1, best.score >= NationalNormalizer.closeThreshold, best.score >= 2 * runnerUp {
            return entries[best.position].indicator
        }
        return nil
    }

    /// The one part whose own words the text contains, if exactly one.
    func part(of indicator: NationalIndicator, namedIn words: Features) -> String? {
        guard let position = positions[indicator.id] else { return nil }
        let named = entries[position].own.filter { $0.ids.contains(where: words.contains) }
        return named.count == 1 ? named[0].label : nil
    }
}

/// Lower-cased syllables, for comparing measures.
enum MeasureWords {
    /// Calls `body` with each run of letters, lower-cased, in order.
    static func forEachSyllable(_ text: String, _ body: (String) -> Void) {
        var current: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if Scalars.isLetter(scalar) {
                current.append(Scalars.lower(scalar))
            } else if !current.isEmpty {
                body(Scalars.string(current))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { body(Scalars.string(current)) }
    }

    /// FNV-1a over a syllable's lower-cased scalars. Two different syllables sharing a 64-bit key
    /// is a 2⁻⁶⁴ event per pair; the catalog has a few hundred syllables.
    static func key(_ scalars: some Sequence<Unicode.Scalar>) -> UInt64 {
        scalars.reduce(keyBasis, extendKey)
    }

    /// The key of no scalars; ``extendKey(_:_:)`` adds one.
    static let keyBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) static func extendKey(_ hash: UInt64, _ scalar: Unicode.Scalar) -> UInt64 {
        (hash ^ UInt64(scalar.value)) &* 0x100_0000_01b3
    }

    /// ``forEachSyllable`` as keys (see ``key(_:)``), with no `String` built.
    /// Reads the UTF-8 and one table word per scalar (it runs on every indicator of every parse).
    static func forEachSyllableKey(_ text: String, _ body: (UInt64) -> Void) {
        let basis = keyBasis
        var hash = basis
        var inWord = false
        var text = text
        text.withUTF8 { utf8 in
            var i = 0
            while i < utf8.count {
                let entry = Scalars.classify(Scalars.decode(utf8, at: &i))
                if entry & ScalarTables.letterBit != 0 {
                    hash = extendKey(hash, unsafeBitCast(entry & ScalarTables.lowerMask, to: Unicode.Scalar.self))
                    inWord = true
                } else if inWord {
                    body(hash)
                    hash = basis
                    inWord = false
                }
            }
        }
        if inWord { body(hash) }
    }

    static func syllables(_ text: String) -> [String] {
        var result: [String] = []
        forEachSyllable(text) { result.append($0) }
        return result
    }
}
