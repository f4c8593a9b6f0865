import Foundation

/// Decodes a line whose lost glyphs each became one space (damage kind a).
///
/// A lattice over the line's scalar positions: a word edge covers positions i..<k when a
/// lexicon word matches every visible letter and each space inside stands for one lost
/// letter; a space edge is a real separator; a gap edge keeps a space as an unexplained lost
/// character (a lost digit next to a number). Separators are chosen jointly with the words by
/// a beam Viterbi search scored by the bigram model plus the cost of each lost letter.
/// Cost: O(n · W) per line for n scalars and W candidate words per start (pruned to
/// ``maxCandidatesPerStart``).
struct LostGlyphDecoder {
    let lexicon: Lexicon
    /// −log P(letter lost) for this document (from ``estimatePrior``); both cases.
    let lostCost: [UInt32: Float]
    /// ``lostCost`` as an array indexed by scalar value (every Vietnamese letter is below
    /// ``tableSize``): the lattice looks costs up for every trie child at every lost letter.
    private let lostCostTable: [Float]
    static let tableSize = 0x1F00
    var defaultLostCost: Float = 6
    /// Added when the lost letter is visible elsewhere on the same line.
    var visiblePenalty: Float = 3
    var doubleSpaceCost: Float = 3.5
    var leadingSpaceCost: Float = 0.5
    var gapCost: Float = 11
    var numberGapCost: Float = 2.5
    var oovCost: Float = 13
    var maxLostCost: Float = 11
    var beamWidth = 24
    var maxCandidatesPerStart = 48
    var maxWordLength = 8
    /// A word lost whole costs this plus ``wholeLostLetterCost`` per letter on top of its letters' lost costs.
    var wholeLostBaseCost: Float = 2
    var wholeLostLetterCost: Float = 1
    /// A word lost whole may only consist of letters at least this likely to be lost (−log P).
    var maxWholeLostLetterCost: Float = 5.5

    struct Fill { var position: Int32; var scalar: Unicode.Scalar }

    /// A word the decoder put in place of a damaged span.
    struct DecodedWord {
        var start: Int
        var end: Int
        var word: Int32
        var fills: [Fill]
        var confidence: Double
    }

    struct Result {
        var scalars: [Unicode.Scalar]
        var words: [DecodedWord]
        var gaps: [Int]
        var cost: Float
    }

    private enum EdgeKind: UInt8 { case start, word, space, punctuation, gap }

    private struct Hyp {
        var cost: Float
        var back: Int32
        var lastWord: Int32
        var lastEdge: EdgeKind
        var edgeStart: Int32
        /// Index into `candidates` for a word edge, −1 otherwise.
        var candidate: Int32
    }

    private struct Candidate {
        var end: Int32
        var word: Int32
        var channel: Float
        var fillStart: Int32
        var fillCount: Int32
        var firstIsLostUpper: Bool
        var shapeFixed: VietnameseLetters.CaseShape
        var hasLost: Bool
    }

    init(lexicon: Lexicon, lostCost: [UInt32: Float] = [:]) {
        self.lexicon = lexicon
        self.lostCost = lostCost
        var table = [Float](repeating: defaultLostCost, count: Self.tableSize)
        for (scalar, cost) in lostCost where Int(scalar) < Self.tableSize { table[Int(scalar)] = cost }
        lostCostTable = table
    }

    /// Lost-letter costs from letters recovered in a first pass over the document.
    static func estimatePrior(from counts: [UInt32: Int]) -> [UInt32: Float] {
        let total = Float(counts.values.reduce(0, +))
        var costs: [UInt32: Float] = [:]
        let alphabet = VietnameseLetters.info.keys
        let smoothing: Float = 0.3
        let denominator = total + smoothing * Float(alphabet.count)
        // A capital is too rare for a sample to say whether its glyph is lost (seed 000 loses
        // "K" only in "Kế hoạch", mostly with the "ế" beside it); until counted, it costs what
        // an unknown letter costs before any evidence.
        let uninformed = logf(Float(alphabet.count))
        for scalar in alphabet {
            let c = Float(counts[scalar] ?? 0)
            var cost = -logf((c + smoothing) / denominator)
            if VietnameseLetters.isUpper(Unicode.Scalar(scalar)!) { cost = min(cost, uninformed) }
            costs[scalar] = cost
        }
        return costs
    }

    /// A line's lost-letter costs: the document's, plus ``visiblePenalty`` for letters the line shows.
    private struct LineCosts {
        var cost: [Float]
        var visible: [Bool]
        let fallback: Float

        @inline(__always) func lost(_ scalar: UInt32) -> Float {
            Int(scalar) < cost.count ? cost[Int(scalar)] : fallback
        }
        @inline(__always) func isVisible(_ scalar: UInt32) -> Bool {
            Int(scalar) < visible.count && visible[Int(scalar)]
        }
    }

    func decode(_ line: [Unicode.Scalar]) -> Result {
        let n = line.count
        var visible = LineCosts(cost: lostCostTable, visible: [Bool](repeating: false, count: Self.tableSize),
                                fallback: defaultLostCost + visiblePenalty)
        for s in line where s != " " && Int(s.value) < Self.tableSize && !visible.visible[Int(s.value)] {
            visible.visible[Int(s.value)] = true
            visible.cost[Int(s.value)] += visiblePenalty
        }
        let nearNumber = (0..<n).map { line[$0] == " " && spaceRunTouchesNumber(line, at: $0) }
        var isLetter = [Bool](repeating: false, count: n)
        for i in 0..<n { isLetter[i] = VietnameseLetters.isLetter(line[i]) }

        var hyps: [Hyp] = [Hyp(cost: 0, back: -1, lastWord: LanguageModel.boundary, lastEdge: .start, edgeStart: 0, candidate: -1)]
        var buckets = [[Int32]](repeating: [], count: n + 1)
        buckets[0] = [0]
        var candidates: [Candidate] = []
        var fills: [Fill] = []
        var candidateRange = [Range<Int>?](repeating: nil, count: n + 1)
        let model = lexicon.model
        // Spaces from each position on; a word lost whole sits in such a run.
        var spaceRun = [Int](repeating: 0, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) where line[i] == " " { spaceRun[i] = spaceRun[i + 1] + 1 }
        // Words lost whole, proposed by the previous word (start → candidate indices).
        var proposed: [Int: [Int]] = [:]
        var proposedFrom: Set<Int64> = []

        // The best hypothesis per (position, last edge, last word): the lattice's states.
        var stateIndex: [Int64: Int32] = [:]
        func push(_ hyp: Hyp, at position: Int) {
            let key = Int64(position) << 40 | Int64(hyp.lastEdge.rawValue) << 32 | Int64(UInt32(bitPattern: hyp.lastWord))
            if let index = stateIndex[key] {
                if hyp.cost < hyps[Int(index)].cost { hyps[Int(index)] = hyp }
                return
            }
            stateIndex[key] = Int32(hyps.count)
            buckets[position].append(Int32(hyps.count))
            hyps.append(hyp)
        }

        for i in 0..<n {
            guard !buckets[i].isEmpty else { continue }
            if buckets[i].count > beamWidth {
                buckets[i].sort { hyps[Int($0)].cost < hyps[Int($1)].cost }
                buckets[i].removeLast(buckets[i].count - beamWidth)
            }
            let scalar = line[i]
            let canStartWord = isLetter[i] || scalar == " "
            if canStartWord && candidateRange[i] == nil {
                let first = candidates.count
                collectCandidates(line, isLetter: isLetter, start: i, visible: visible, into: &candidates, fills: &fills)
                candidateRange[i] = first..<candidates.count
            }
            if scalar == " " {
                for hypIndex in buckets[i] {
                    let hyp = hyps[Int(hypIndex)]
                    if hyp.lastEdge == .space && hyp.lastWord >= Int32(LanguageModel.reserved.count)
                        && proposedFrom.insert(Int64(i) << 32 | Int64(hyp.lastWord)).inserted {
                        proposeLostWords(after: hyp.lastWord, at: i, run: spaceRun[i], line: line, isLetter: isLetter,
                                         visible: visible, into: &candidates, fills: &fills, proposed: &proposed)
                    }
                }
            }
            // Every word that may start here: matched by the trie, or proposed as lost whole.
            let starting = Array(candidateRange[i] ?? 0..<0) + (proposed[i] ?? [])
            for hypIndex in buckets[i] {
                let hyp = hyps[Int(hypIndex)]
                if scalar == " " {
                    var spaceCost: Float = 0
                    switch hyp.lastEdge {
                    case .start: spaceCost = leadingSpaceCost
                    case .space: spaceCost = doubleSpaceCost
                    case .gap: spaceCost = 1
                    case .word, .punctuation: spaceCost = 0
                    }
                    push(Hyp(cost: hyp.cost + spaceCost, back: hypIndex, lastWord: hyp.lastWord, lastEdge: .space,
                             edgeStart: Int32(i), candidate: -1), at: i + 1)
                    push(Hyp(cost: hyp.cost + (nearNumber[i] ? numberGapCost : gapCost), back: hypIndex,
                             lastWord: nearNumber[i] ? LanguageModel.number : hyp.lastWord, lastEdge: .gap,
                             edgeStart: Int32(i), candidate: -1), at: i + 1)
                } else if !isLetter[i] {
                    let token: Int32
                    var lmCost: Float = 0
                    if scalar.properties.numericType != nil {
                        token = LanguageModel.number
                        if !(hyp.lastWord == LanguageModel.number && hyp.lastEdge == .punctuation) {
                            lmCost = model.cost(token, after: hyp.lastWord)
                        }
                    } else if (scalar == "." || scalar == ",") && hyp.lastWord == LanguageModel.number
                                && hyp.lastEdge == .punctuation && i + 1 < n && line[i + 1].properties.numericType != nil {
                        token = LanguageModel.number
                    } else {
                        token = ".:;!?".unicodeScalars.contains(scalar) ? LanguageModel.boundary : LanguageModel.punctuation
                        if hyp.lastWord != token { lmCost = model.cost(token, after: hyp.lastWord) }
                    }
                    push(Hyp(cost: hyp.cost + lmCost, back: hypIndex, lastWord: token, lastEdge: .punctuation,
                             edgeStart: Int32(i), candidate: -1), at: i + 1)
                }
            }
            // Word edges: each word starting here extends its best predecessor only (the
            // predecessor's last word and edge are all the costs depend on).
            guard canStartWord else { continue }
            let predecessors = buckets[i].filter { hyps[Int($0)].lastEdge != .word }
            for c in starting {
                let candidate = candidates[c]
                var best = Float.infinity
                var bestHyp: Int32 = -1
                for hypIndex in predecessors {
                    let hyp = hyps[Int(hypIndex)]
                    var cost = hyp.cost + candidate.channel
                    if hyp.lastEdge == .gap { cost += 2 }
                    if candidate.firstIsLostUpper { cost += hyp.lastWord == LanguageModel.boundary ? 0.7 : 2.5 }
                    if candidate.shapeFixed == .mixed && candidate.hasLost { cost += 8 }
                    cost += candidate.word < 0 ? oovCost + 0.5 * Float(candidate.end - Int32(i))
                        : model.cost(candidate.word, after: hyp.lastWord)
                    if cost < best { best = cost; bestHyp = hypIndex }
                }
                guard bestHyp >= 0 else { continue }
                push(Hyp(cost: best, back: bestHyp,
                         lastWord: candidate.word < 0 ? LanguageModel.punctuation : candidate.word, lastEdge: .word,
                         edgeStart: Int32(i), candidate: Int32(c)), at: Int(candidate.end))
            }
        }

        // Best final hypothesis and the path back to the start.
        guard let bestFinal = buckets[n].min(by: { hyps[Int($0)].cost < hyps[Int($1)].cost }) else {
            return Result(scalars: line, words: [], gaps: [], cost: .infinity)
        }
        var path: [Hyp] = []
        var index = bestFinal
        while index > 0 {
            path.append(hyps[Int(index)])
            index = hyps[Int(index)].back
        }
        path.reverse()

        var output = line
        var words: [DecodedWord] = []
        var gaps: [Int] = []
        for (step, hyp) in path.enumerated() {
            if hyp.lastEdge == .gap { gaps.append(Int(hyp.edgeStart)) }
            guard hyp.candidate >= 0 else { continue }
            let candidate = candidates[Int(hyp.candidate)]
            guard candidate.fillCount > 0 else { continue }
            let myFills = Array(fills[Int(candidate.fillStart)..<Int(candidate.fillStart + candidate.fillCount)])
            for fill in myFills { output[Int(fill.position)] = fill.scalar }
            // Confidence: the chosen word against the other words fitting the same span, in the same context.
            let previous = step > 0 ? path[step - 1].lastWord : LanguageModel.boundary
            let next = path[(step + 1)...].first(where: { $0.lastEdge == .word || $0.lastEdge == .punctuation })?.lastWord
            func local(_ c: Candidate) -> Float {
                guard c.word >= 0 else { return oovCost + 4 }
                var cost = c.channel + model.cost(c.word, after: previous)
                if let next { cost += model.cost(next, after: c.word) }
                return cost
            }
            let chosen = local(candidate)
            // One reading per word: the same word with a capital or small lost letter is not a rival.
            var best: [Int32: Float] = [:]
            for c in candidateRange[Int(hyp.edgeStart)]! + (proposed[Int(hyp.edgeStart)] ?? []) where candidates[c].end == candidate.end {
                let cost = local(candidates[c])
                best[candidates[c].word] = min(best[candidates[c].word] ?? .infinity, cost)
            }
            var total: Double = 0
            // Summed in a fixed order: hash order changes between processes, and the output must not.
            for cost in best.values.sorted() { total += exp(Double(chosen - cost)) }
            words.append(DecodedWord(start: Int(hyp.edgeStart), end: Int(candidate.end), word: candidate.word,
                                     fills: myFills, confidence: total > 0 ? 1 / total : 1))
        }
        return Result(scalars: output, words: words, gaps: gaps, cost: hyps[Int(bestFinal)].cost)
    }

    /// Whether the run of spaces around `i` touches a digit, "-" or "/" on either side.
    private func spaceRunTouchesNumber(_ line: [Unicode.Scalar], at i: Int) -> Bool {
        func numeric(_ s: Unicode.Scalar) -> Bool { s.properties.numericType != nil || s == "-" || s == "/" }
        var left = i - 1
        while left >= 0 && line[left] == " " { left -= 1 }
        var right = i + 1
        while right < line.count && line[right] == " " { right += 1 }
        return (left >= 0 && numeric(line[left])) || (right < line.count && numeric(line[right]))
    }

    /// Words lost whole: a run of spaces after a word can hide a word all of whose letters were
    /// lost ("thực hiện    hoạch" = "thực hiện Kế hoạch"). Enumerating every word for a span
    /// of spaces would drown the lattice, so the previous word proposes its likely successors,
    /// and only those whose letters are all absent from the line and lost elsewhere in the
    /// document (their lost cost is low) are kept.
    private func proposeLostWords(after previous: Int32, at start: Int, run: Int, line: [Unicode.Scalar], isLetter: [Bool],
                                  visible: LineCosts, into candidates: inout [Candidate], fills: inout [Fill],
                                  proposed: inout [Int: [Int]]) {
        let n = line.count
        for word in lexicon.model.successors(of: previous) {
            let letters = lexicon.scalars[Int(word)]
            let length = letters.count
            guard length <= run else { continue }
            let end = start + length
            if length == run && end < n && isLetter[end] { continue }
            for capitalized in [false, true] {
                var channel = wholeLostBaseCost + wholeLostLetterCost * Float(length)
                var ok = true
                let fillStart = fills.count
                for (offset, letter) in letters.enumerated() {
                    let scalar = capitalized && offset == 0 ? VietnameseLetters.upper(letter) : letter
                    let cost = visible.lost(scalar.value)
                    if visible.isVisible(scalar.value) || cost > maxWholeLostLetterCost { ok = false; break }
                    channel += cost
                    fills.append(Fill(position: Int32(start + offset), scalar: scalar))
                }
                guard ok else { fills.removeLast(fills.count - fillStart); continue }
                proposed[start, default: []].append(candidates.count)
                candidates.append(Candidate(end: Int32(end), word: word, channel: channel, fillStart: Int32(fillStart),
                                            fillCount: Int32(length), firstIsLostUpper: capitalized,
                                            shapeFixed: capitalized ? .capitalized : .lower, hasLost: true))
            }
        }
    }

    /// Every lexicon word matching a span that starts at `start`: visible letters match
    /// case-insensitively, each space is one lost letter; the span must end at a non-letter.
    /// The best ``maxCandidatesPerStart`` by channel and context-free cost are appended.
    private func collectCandidates(_ line: [Unicode.Scalar], isLetter: [Bool], start: Int, visible: LineCosts,
                                   into candidates: inout [Candidate], fills: inout [Fill]) {
        let trie = lexicon.trie
        let n = line.count
        // Flat buffers: a candidate's fills are found[i].fillStart ..< +fillCount in foundFills.
        var found: [Candidate] = []
        var foundFills: [Fill] = []
        var stack: [Fill] = []
        var verbatimEnd = start
        while verbatimEnd < n && isLetter[verbatimEnd] { verbatimEnd += 1 }

        func walk(_ k: Int, _ node: Int32, _ cost: Float, _ uppers: Int, _ letters: Int, _ firstLostUpper: Bool, _ lost: Int) {
            // A word with no visible letter comes from proposeLostWords, never from the trie.
            if k > start, lost < letters, trie.word[Int(node)] >= 0, k == n || !isLetter[k] {
                let shape: VietnameseLetters.CaseShape
                if uppers == 0 { shape = .lower } else if uppers == letters { shape = letters == 1 ? .capitalized : .upper }
                else if uppers == 1 && (isUpperAt(start) || firstLostUpper) { shape = .capitalized } else { shape = .mixed }
                let wholeLost = lost == letters
                let extra: Float = wholeLost ? 4 + 2 * Float(lost) : 0
                found.append(Candidate(end: Int32(k), word: trie.word[Int(node)], channel: cost + extra,
                                       fillStart: Int32(foundFills.count), fillCount: Int32(stack.count),
                                       firstIsLostUpper: firstLostUpper && letters > 0, shapeFixed: shape, hasLost: lost > 0))
                foundFills.append(contentsOf: stack)
            }
            guard k < n, k - start < maxWordLength else { return }
            let s = line[k]
            if s == " " {
                // At most three lost letters before the first visible one ("   n" = "hiện"): otherwise every short
                // word of the lexicon would fit a run of spaces.
                guard lost < 4, !(lost == letters && lost >= 3) else { return }
                var child = trie.firstChild[Int(node)]
                while child >= 0 {
                    let lowerValue = trie.label[Int(child)]
                    let lowerScalar = Unicode.Scalar(lowerValue)!
                    let lowerCost = visible.lost(lowerValue)
                    if cost + lowerCost < maxLostCost * 2 && lowerCost < maxLostCost {
                        stack.append(Fill(position: Int32(k), scalar: lowerScalar))
                        walk(k + 1, child, cost + lowerCost, uppers, letters + 1, firstLostUpper, lost + 1)
                        stack.removeLast()
                    }
                    // A capital is lost where a word starts or inside a word in capitals ("U N " = "UBND").
                    if k == start || (uppers == letters && letters > 0) {
                        let upperScalar = VietnameseLetters.upper(lowerScalar)
                        let upperCost = visible.lost(upperScalar.value)
                        if upperCost < maxLostCost {
                            stack.append(Fill(position: Int32(k), scalar: upperScalar))
                            walk(k + 1, child, cost + upperCost, uppers + 1, letters + 1, firstLostUpper || k == start, lost + 1)
                            stack.removeLast()
                        }
                    }
                    child = trie.nextSibling[Int(child)]
                }
            } else if isLetter[k] {
                // Case shapes a word can have: "đẳng", "Đẳng", "ĐẲNG"; never "ĐẲng" or "đẲng".
                let upper = VietnameseLetters.isUpper(s)
                if upper ? (letters > 0 && uppers < letters) : uppers > 1 { return }
                let child = trie.child(node, VietnameseLetters.lower(s).value)
                guard child >= 0 else { return }
                walk(k + 1, child, cost, uppers + (VietnameseLetters.isUpper(s) ? 1 : 0), letters + 1, firstLostUpper, lost)
            }
        }

        func isUpperAt(_ k: Int) -> Bool { VietnameseLetters.isUpper(line[k]) }

        walk(start, Trie.root, 0, 0, 0, false, 0)
        // A word written in full that the corpus never saw: a valid syllable keeps its id, an
        // unknown word (a name, a foreign word) stays as it is.
        if verbatimEnd > start {
            let word = String(String.UnicodeScalarView(line[start..<verbatimEnd].map(VietnameseLetters.lower)))
            let id = lexicon.model.id(word)
            if id == nil || !lexicon.model.seen(id!) {
                found.append(Candidate(end: Int32(verbatimEnd), word: id ?? -1, channel: 0, fillStart: 0, fillCount: 0,
                                       firstIsLostUpper: false, shapeFixed: .lower, hasLost: false))
            }
        }
        var order = Array(found.indices)
        if found.count > maxCandidatesPerStart {
            // Sort (cost, index) packed in one integer: costs are positive, so their bit
            // patterns order like the numbers, and ties keep the lattice's order.
            let model = lexicon.model
            var packed = found.indices.map { index -> UInt64 in
                let c = found[index]
                let key = c.channel + (c.word >= 0 ? model.cost(c.word, after: LanguageModel.punctuation) : oovCost)
                return UInt64(max(key, 0).bitPattern) << 32 | UInt64(index)
            }
            packed.sort()
            order = packed.prefix(maxCandidatesPerStart).map { Int($0 & 0xFFFF_FFFF) }
        }
        for i in order {
            var c = found[i]
            let from = Int(c.fillStart)
            c.fillStart = Int32(fills.count)
            fills.append(contentsOf: foundFills[from..<from + Int(c.fillCount)])
            candidates.append(c)
        }
    }
}
