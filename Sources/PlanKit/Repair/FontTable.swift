import Foundation

/// A legacy-font swap (damage kind d): text typed in an old Vietnamese font encoding and
/// extracted through the wrong table has its marked vowels consistently replaced by others
/// ("xó hội" = "xã hội", "khụng" = "không"). The table is a property of the whole document, so
/// it is solved once per document; but a swapped letter often collides with a genuine one ("ờ" is
/// the swapped "ê" of "tiờu" and the real "ờ" of "người"), so no single letter map inverts it.
/// The table therefore only says which readings a letter may have (itself, or what it stands
/// for when swapped) and how often each occurs in this document; each word is then read in
/// context, with the lexicon and the bigram model, by ``decode(_:lineNumber:lexicon:minimumConfidence:)``.
struct FontTable: Sendable {
    /// Observed lower-case scalar → the lower-case letter it stands for when swapped.
    var map: [UInt32: Unicode.Scalar]
    /// Observed lower-case scalar → −log of the share of its occurrences that are swapped, and of
    /// those that are genuine: the channel costs of the two readings, estimated on the document.
    var swapCost: [UInt32: Float]
    var keepCost: [UInt32: Float]
    /// Share of word occurrences that are known words before and after the table (each word read
    /// the best way it allows).
    var knownBefore: Double
    var knownAfter: Double

    /// Cost of a word that is not in the vocabulary (as ``TokenDecoder``).
    static let unknownCost: Float = 14
    /// Words with more distinct swappable letters than this are read only as written or fully swapped.
    static let maximumChoices = 3
    /// How much a target's occurrences as written in known words of the document count against it.
    static let presentPenalty = 0.25

    /// Every marked lower-case letter a swap can produce or restore.
    static let targets: [Unicode.Scalar] = {
        var out: [Unicode.Scalar] = []
        for row in VietnameseLetters.toneRows {
            for s in row.unicodeScalars where s.value >= 0x80 { out.append(s) }
        }
        out.append("đ")
        return out
    }()

    /// How much a word counts as known: 1 when the corpus saw it, 0.3 for a syllable it did not.
    private static func value(_ w: [Unicode.Scalar], _ model: LanguageModel) -> Double {
        guard let id = model.id(String(String.UnicodeScalarView(w))) else { return 0 }
        return model.seen(id) ? 1 : 0.3
    }

    /// Solves the document's table: for each observed marked letter, the letter that makes the
    /// most unknown words known when put in its place (a vote over the document's word types,
    /// see ``chooseTargets(votes:unknownMass:presentMass:)``); then the share of each letter's
    /// occurrences that are swapped. Nil when the table would not make over 5% more words known.
    static func solve(lines: [String], lexicon: Lexicon) -> FontTable? {
        var counts: [[Unicode.Scalar]: Int] = [:]
        var total = 0.0
        for line in lines {
            var word: [Unicode.Scalar] = []
            for s in line.unicodeScalars {
                if VietnameseLetters.isLetter(s) { word.append(VietnameseLetters.lower(s)) }
                else if !word.isEmpty { counts[word, default: 0] += 1; total += 1; word.removeAll(keepingCapacity: true) }
            }
            if !word.isEmpty { counts[word, default: 0] += 1; total += 1 }
        }
        guard total > 0 else { return nil }
        let model = lexicon.model
        // Fixed orders throughout: hash order changes between processes, and the table must not.
        let words = counts.keys
            .sorted { $0.lexicographicallyPrecedes($1) { $0.value < $1.value } }
        let weights = words.map { Double(counts[$0]!) }
        let identity = words.map { value($0, model) }

        // Votes: a word the corpus never saw whose letter x, put as t, makes a word it saw votes
        // for x → t. A font that draws x for t draws t itself as something else, so a letter
        // found as written in many known words of the document is an unlikely target.
        var votes: [UInt32: [UInt32: Double]] = [:]
        var unknownMass: [UInt32: Double] = [:]
        var presentMass: [UInt32: Double] = [:]
        var presentTypes: [UInt32: [Int]] = [:]
        for (index, w) in words.enumerated() where w.contains(where: { $0.value >= 0x80 }) {
            let letters = Set(w.lazy.filter { $0.value >= 0x80 }.map(\.value)).sorted()
            guard identity[index] < 1 else {
                for x in letters { presentMass[x, default: 0] += weights[index]; presentTypes[x, default: []].append(index) }
                continue
            }
            for x in letters {
                unknownMass[x, default: 0] += weights[index]
                var reading = w
                for t in targets where t.value != x {
                    for k in w.indices where w[k].value == x { reading[k] = t }
                    if value(reading, model) >= 1 { votes[x, default: [:]][t.value, default: 0] += weights[index] }
                }
            }
        }
        // Each letter's target: the letters with the strongest evidence choose first. A target's
        // own occurrences in known words count against it, except those the table itself
        // explains (the font's chains: ã is drawn as ó, ó as ú, so "đó" may be "đã"); so the
        // table is chosen again until it settles.
        var map: [UInt32: Unicode.Scalar] = [:]
        for _ in 0..<4 {
            var genuineMass = presentMass
            for x in map.keys.sorted() {
                var mass = 0.0
                for index in presentTypes[x, default: []] {
                    var reading = words[index]
                    for k in reading.indices where reading[k].value == x { reading[k] = map[x]! }
                    if value(reading, model) < 1 { mass += weights[index] }
                }
                genuineMass[x] = mass
            }
            let next = chooseTargets(votes: votes, unknownMass: unknownMass, presentMass: genuineMass)
            if next == map { break }
            map = next
        }
        guard !map.isEmpty else { return nil }

        // The best reading of each word, and which letters' readings the lexicon decides.
        var before = 0.0, after = 0.0
        var swapped: [UInt32: Double] = [:], genuine: [UInt32: Double] = [:]
        for (index, w) in words.enumerated() {
            before += identity[index] * weights[index]
            let letters = Set(w.lazy.filter { map[$0.value] != nil }.map(\.value)).sorted()
            guard !letters.isEmpty else { after += identity[index] * weights[index]; continue }
            let subsets = readingSubsets(letters.count)
            var best = identity[index]
            var knownWith = [Bool](repeating: false, count: letters.count)
            var knownWithout = [Bool](repeating: false, count: letters.count)
            for subset in subsets {
                let v = subset == 0 ? identity[index] : value(reading(w, letters, subset, map), model)
                best = max(best, v)
                guard v >= 1 else { continue }
                for j in letters.indices {
                    if subset & (1 << j) != 0 { knownWith[j] = true } else { knownWithout[j] = true }
                }
            }
            after += best * weights[index]
            for (j, x) in letters.enumerated() where knownWith[j] != knownWithout[j] {
                if knownWith[j] { swapped[x, default: 0] += weights[index] } else { genuine[x, default: 0] += weights[index] }
            }
        }
        before /= total
        after /= total
        // Only worth it when the table makes a real share of the document's words known.
        guard after - before > 0.05 else { return nil }
        var swapCost: [UInt32: Float] = [:], keepCost: [UInt32: Float] = [:]
        for x in map.keys {
            let share = (swapped[x, default: 0] + 1) / (swapped[x, default: 0] + genuine[x, default: 0] + 2)
            swapCost[x] = Float(-log(share))
            keepCost[x] = Float(-log(1 - share))
        }
        return FontTable(map: map, swapCost: swapCost, keepCost: keepCost, knownBefore: before, knownAfter: after)
    }

    /// One round of the table: for each observed letter (strongest evidence first) its best
    /// target, when that target makes most of the letter's unknown words known (scattered
    /// confusions, as OCR makes, don't). A font draws each letter one way, so a target already
    /// taken needs a letter that is mostly swapped (two fonts in one document).
    private static func chooseTargets(votes: [UInt32: [UInt32: Double]], unknownMass: [UInt32: Double],
                                      presentMass: [UInt32: Double]) -> [UInt32: Unicode.Scalar] {
        var rankings: [(x: UInt32, targets: [(t: UInt32, score: Double)])] = []
        for x in votes.keys.sorted() {
            let ranked = votes[x]!.map { (t: $0.key, score: $0.value - presentPenalty * presentMass[$0.key, default: 0]) }
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.t < $1.t }
            rankings.append((x, ranked))
        }
        rankings.sort { $0.targets[0].score != $1.targets[0].score ? $0.targets[0].score > $1.targets[0].score : $0.x < $1.x }
        var map: [UInt32: Unicode.Scalar] = [:]
        var taken = Set<UInt32>()
        for (x, ranked) in rankings {
            let needed = max(2, 0.4 * unknownMass[x]!)
            let mostlySwapped = 0.4 * (unknownMass[x]! + presentMass[x, default: 0])
            guard let choice = ranked.first(where: { $0.score >= needed && (!taken.contains($0.t) || $0.score >= mostlySwapped) })
            else { continue }
            map[x] = Unicode.Scalar(choice.t)!
            taken.insert(choice.t)
        }
        return map
    }

    /// The bit sets of a word's letters to swap: all of them for a few letters, else none or all.
    private static func readingSubsets(_ count: Int) -> [Int] {
        count <= maximumChoices ? Array(0..<(1 << count)) : [0, (1 << count) - 1]
    }

    /// `w` with the letters of `subset` (bits over `letters`) put as what they stand for.
    private static func reading(_ w: [Unicode.Scalar], _ letters: [UInt32], _ subset: Int,
                                _ map: [UInt32: Unicode.Scalar]) -> [Unicode.Scalar] {
        var out = w
        for (j, x) in letters.enumerated() where subset & (1 << j) != 0 {
            let t = map[x]!
            for k in out.indices where w[k].value == x { out[k] = t }
        }
        return out
    }

    struct Output {
        var text: String
        var repairs: [Repair]
        var diagnostics: [Diagnostic]
    }

    private struct Token {
        var start: Int
        var end: Int
        /// Context token before this word when punctuation or a number stands between.
        var contextBefore: Int32?
        var choices: [Choice]
    }

    private struct Choice {
        /// Word id, or −1 for a word outside the vocabulary (only ever the word as written).
        var word: Int32
        var text: [Unicode.Scalar]
        var channel: Float
        var isIdentity: Bool
    }

    /// Reads a line word by word: each word containing letters of the table may keep or swap
    /// each of them; a bigram Viterbi search over the line picks the readings. A reading other
    /// than the word as written must be a word of the vocabulary; one the search is not sure of
    /// (below `minimumConfidence` against the word's other readings in context) is left as
    /// written and reported. Only letters change; digits and everything else stay.
    func decode(_ line: String, lineNumber: Int, lexicon: Lexicon, minimumConfidence: Double) -> Output {
        let scalars = Array(line.unicodeScalars)
        let model = lexicon.model
        var tokens: [Token] = []
        var context: Int32? = nil
        var anySwappable = false
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if VietnameseLetters.isLetter(s) {
                var j = i
                var lower: [Unicode.Scalar] = []
                while j < scalars.count && VietnameseLetters.isLetter(scalars[j]) {
                    lower.append(VietnameseLetters.lower(scalars[j]))
                    j += 1
                }
                let word = model.id(String(String.UnicodeScalarView(lower))) ?? -1
                var choices = [Choice(word: word, text: lower, channel: 0, isIdentity: true)]
                var letters: [UInt32] = []
                for c in lower where map[c.value] != nil && !letters.contains(c.value) { letters.append(c.value) }
                if !letters.isEmpty {
                    anySwappable = true
                    letters.sort()
                    choices[0].channel = letters.reduce(0) { $0 + keepCost[$1]! }
                    for subset in FontTable.readingSubsets(letters.count) where subset != 0 {
                        let text = FontTable.reading(lower, letters, subset, map)
                        guard let id = model.id(String(String.UnicodeScalarView(text))) else { continue }
                        var channel: Float = 0
                        for (j, x) in letters.enumerated() {
                            channel += subset & (1 << j) != 0 ? swapCost[x]! : keepCost[x]!
                        }
                        choices.append(Choice(word: id, text: text, channel: channel, isIdentity: false))
                    }
                }
                tokens.append(Token(start: i, end: j, contextBefore: context, choices: choices))
                context = nil
                i = j
                continue
            }
            LanguageModel.context(&context, after: s)
            i += 1
        }
        guard anySwappable else { return Output(text: line, repairs: [], diagnostics: []) }

        @inline(__always) func wordCost(_ choice: Choice, after v: Int32) -> Float {
            choice.word < 0 ? FontTable.unknownCost : model.cost(choice.word, after: v)
        }
        @inline(__always) func state(_ choice: Choice) -> Int32 {
            choice.word < 0 ? LanguageModel.punctuation : choice.word
        }

        // Viterbi over the words; a state is the chosen reading of the current word.
        var costs: [[Float]] = []
        var backs: [[Int]] = []
        costs.reserveCapacity(tokens.count)
        backs.reserveCapacity(tokens.count)
        for (t, token) in tokens.enumerated() {
            var row: [Float] = []
            var back: [Int] = []
            for choice in token.choices {
                var best = Float.infinity
                var bestIndex = -1
                let previousCount = t == 0 ? 1 : tokens[t - 1].choices.count
                for p in 0..<previousCount {
                    var cost = choice.channel
                    var v = t == 0 ? LanguageModel.boundary : state(tokens[t - 1].choices[p])
                    if t > 0 { cost += costs[t - 1][p] }
                    if let c = token.contextBefore { cost += model.cost(c, after: v); v = c }
                    cost += wordCost(choice, after: v)
                    if cost < best { best = cost; bestIndex = t == 0 ? -1 : p }
                }
                row.append(best)
                back.append(bestIndex)
            }
            costs.append(row)
            backs.append(back)
        }
        var chosen = [Int](repeating: 0, count: tokens.count)
        let last = tokens.count - 1
        chosen[last] = costs[last].indices.min { costs[last][$0] < costs[last][$1] }!
        for t in stride(from: last, to: 0, by: -1) { chosen[t - 1] = backs[t][chosen[t]] }

        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count)
        var repairs: [Repair] = []
        var diagnostics: [Diagnostic] = []
        var cursor = 0
        for (t, token) in tokens.enumerated() {
            output.append(contentsOf: scalars[cursor..<token.start])
            cursor = token.end
            let original = scalars[token.start..<token.end]
            let choice = token.choices[chosen[t]]
            guard !choice.isIdentity else { output.append(contentsOf: original); continue }
            // Confidence: this reading against the word's others, between the chosen neighbours.
            let previous: Int32 = t == 0 ? LanguageModel.boundary : state(tokens[t - 1].choices[chosen[t - 1]])
            let next: Int32? = t + 1 < tokens.count
                ? (tokens[t + 1].contextBefore ?? state(tokens[t + 1].choices[chosen[t + 1]])) : nil
            func local(_ c: Choice) -> Float {
                var cost = c.channel
                var v = previous
                if let b = token.contextBefore { v = b }
                cost += wordCost(c, after: v)
                if let next { cost += model.cost(next, after: state(c)) }
                return cost
            }
            let mine = local(choice)
            var sum: Double = 0
            for c in token.choices { sum += exp(Double(mine - local(c))) }
            let confidence = 1 / sum
            var restored: [Unicode.Scalar] = []
            for (k, s) in zip(original, choice.text) { restored.append(VietnameseLetters.isUpper(k) ? VietnameseLetters.upper(s) : s) }
            let originalText = String(String.UnicodeScalarView(original))
            let repairedText = String(String.UnicodeScalarView(restored))
            if confidence < minimumConfidence {
                diagnostics.append(Diagnostic(.repairUncertain,
                    "\"\(originalText)\" left as written (a legacy-font swap? best guess \"\(repairedText)\", confidence \(String(format: "%.2f", confidence)))",
                    span: SourceSpan(startLine: lineNumber, endLine: lineNumber, startColumn: token.start + 1, endColumn: token.end + 1)))
                output.append(contentsOf: original)
                continue
            }
            output.append(contentsOf: restored)
            repairs.append(Repair(line: lineNumber, column: token.start + 1, original: originalText, repaired: repairedText,
                                  kind: "legacy-font", confidence: (confidence * 1000).rounded() / 1000))
        }
        output.append(contentsOf: scalars[cursor...])
        return Output(text: String(String.UnicodeScalarView(output)), repairs: repairs, diagnostics: diagnostics)
    }
}
