/// A legacy-font swap table (damage kind d): text typed in an old Vietnamese font encoding and
/// extracted through the wrong table has its marked vowels consistently replaced by others
/// ("xó hội" = "xã hội", "khụng" = "không"). The table is a property of the whole document, so
/// it is solved once per document by greedy coordinate ascent on how many words become known.
struct FontTable: Sendable {
    /// Observed lower-case scalar → original lower-case scalar; only the swapped ones.
    var map: [UInt32: Unicode.Scalar]
    /// Share of word occurrences that are known words before and after the table.
    var knownBefore: Double
    var knownAfter: Double

    /// Every marked lower-case letter a swap can produce or restore.
    static let targets: [Unicode.Scalar] = {
        var out: [Unicode.Scalar] = []
        for row in VietnameseLetters.toneRows {
            for s in row.unicodeScalars where s.value >= 0x80 { out.append(s) }
        }
        out.append("đ")
        return out
    }()

    static func solve(lines: [String], lexicon: Lexicon) -> FontTable? {
        var counts: [[Unicode.Scalar]: Int] = [:]
        for line in lines {
            var word: [Unicode.Scalar] = []
            for s in line.unicodeScalars {
                if VietnameseLetters.isLetter(s) { word.append(VietnameseLetters.lower(s)) }
                else if !word.isEmpty { counts[word, default: 0] += 1; word = [] }
            }
            if !word.isEmpty { counts[word, default: 0] += 1 }
        }
        // Fixed orders throughout: hash order changes between processes, and the table must not.
        let words = counts.keys.sorted { $0.lexicographicallyPrecedes($1) { $0.value < $1.value } }
        let weights = words.map { Double(counts[$0]!) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        let model = lexicon.model
        func value(_ w: [Unicode.Scalar], _ map: [UInt32: Unicode.Scalar]) -> Double {
            var view = String.UnicodeScalarView()
            for s in w { view.append(map[s.value] ?? s) }
            guard let id = model.id(String(view)) else { return 0 }
            return model.seen(id) ? 1 : 0.3
        }
        var byScalar: [UInt32: [Int]] = [:]
        for (index, w) in words.enumerated() {
            for s in Set(w.map(\.value)) where s >= 0x80 { byScalar[s, default: []].append(index) }
        }
        let observed = byScalar.keys.sorted { (byScalar[$0]!.count, $1) > (byScalar[$1]!.count, $0) }
        var map: [UInt32: Unicode.Scalar] = [:]
        let before = zip(words, weights).reduce(0) { $0 + value($1.0, [:]) * $1.1 } / total
        for _ in 0..<3 {
            var changed = false
            for x in observed {
                let affected = byScalar[x]!
                var bestTarget = map[x] ?? Unicode.Scalar(x)!
                var trial = map
                func score(_ target: Unicode.Scalar) -> Double {
                    trial[x] = target
                    return affected.reduce(0) { $0 + value(words[$1], trial) * weights[$1] }
                }
                var bestScore = score(bestTarget)
                for target in targets where target != bestTarget {
                    let s = score(target)
                    if s > bestScore + 1e-9 { bestScore = s; bestTarget = target }
                }
                if (map[x] ?? Unicode.Scalar(x)!) != bestTarget {
                    map[x] = bestTarget
                    changed = true
                }
            }
            if !changed { break }
        }
        map = map.filter { $0.key != $0.value.value }
        let after = zip(words, weights).reduce(0) { $0 + value($1.0, map) * $1.1 } / total
        guard !map.isEmpty, after - before > 0.05 else { return nil }
        return FontTable(map: map, knownBefore: before, knownAfter: after)
    }

    func apply(to line: String, lineNumber: Int) -> (text: String, repairs: [Repair]) {
        let scalars = Array(line.unicodeScalars)
        var out = scalars
        var repairs: [Repair] = []
        var i = 0
        while i < scalars.count {
            guard VietnameseLetters.isLetter(scalars[i]) else { i += 1; continue }
            var j = i
            var changed = false
            while j < scalars.count && VietnameseLetters.isLetter(scalars[j]) {
                let s = scalars[j]
                if let target = map[VietnameseLetters.lower(s).value] {
                    out[j] = VietnameseLetters.isUpper(s) ? VietnameseLetters.upper(target) : target
                    changed = true
                }
                j += 1
            }
            if changed {
                repairs.append(Repair(line: lineNumber, column: i + 1,
                                      original: String(String.UnicodeScalarView(scalars[i..<j])),
                                      repaired: String(String.UnicodeScalarView(out[i..<j])),
                                      kind: "legacy-font", confidence: (knownAfter * 1000).rounded() / 1000))
            }
            i = j
        }
        return (String(String.UnicodeScalarView(out)), repairs)
    }
}
