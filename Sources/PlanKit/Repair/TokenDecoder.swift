import Foundation

/// Decodes a line word by word for missing diacritics (b) and OCR confusions (c): each letter
/// run may stay, become another word with the same letters under the marks (from the folded
/// index), be read through an OCR letter confusion first ("tr0ng", "tharn", "Iao"), or split in
/// two where a space was lost ("Chỉtiêu"); a bigram Viterbi search over the whole line (so both
/// neighbours count) picks the sequence. A word that is already a seen word of the corpus costs
/// more to change than a string that is none: most such words are intact. Digits outside words
/// never change; a lost space between a word and a number is put back ("năm2025").
struct TokenDecoder {
    struct Mode: OptionSet, Sendable {
        let rawValue: Int
        /// Words written without marks may gain them.
        static let diacritics = Mode(rawValue: 1)
        /// Marks and a few letters may be wrong; spaces may be lost.
        static let ocr = Mode(rawValue: 2)
    }

    let lexicon: Lexicon
    /// The confidence a marked word that is itself a word needs to be replaced by another.
    static let markedWordConfidence = 0.6
    let mode: Mode
    /// A letter run that is no word of the vocabulary (a name, a foreign word, a damaged form).
    var unknownCost: Float = 18
    /// Adding marks to a word written without any, on a line written without any.
    var restoreCostBare: Float = 1
    /// Adding marks to an unmarked word on a line that has marks elsewhere.
    var restoreCostPartial: Float = 2.5
    /// Each letter whose marks differ (OCR), when the word as written is no seen word.
    var changeCost: Float = 4.5
    /// Each letter whose marks differ (OCR), when the word as written is a seen word: it is
    /// most probably intact, so only a clearly better reading in context replaces it.
    var changeCostKnown: Float = 6
    /// Each letter whose marks differ (OCR), when the word as written is a well-formed syllable
    /// the corpus has not seen.
    var changeCostSyllable: Float = 8
    /// Reading a letter through an OCR letter confusion (0 → o, I → l, rn → m).
    var letterCost: Float = 2
    var splitCost: Float = 3
    /// A candidate the corpus never saw (an inventory syllable only).
    var unseenCost: Float = 2
    /// Weight of the case evidence for a word capitalized inside a sentence: −log P(capitalized |
    /// word, previous word) (``Lexicon/capitalizedProbability(_:after:)``). The bigram model is
    /// lower-case only; "Sở" inside a sentence is an agency ("báo cáo Sở Lao động"), "số" a number.
    var caseWeight: Float = 1

    /// Candidates per written form, kept for the decoder's lifetime (one document): a plan
    /// repeats its words, and building candidates is most of the cost of a line. Shared by the
    /// decoder's copies and holding costs computed with the weights above: set those first.
    private let memo = Memo()

    init(lexicon: Lexicon, mode: Mode) {
        self.lexicon = lexicon
        self.mode = mode
    }

    struct Output {
        var text: String
        var repairs: [Repair]
        var diagnostics: [Diagnostic]
    }

    private final class Memo {
        var choices: [String: [Choice]] = [:]
        /// ``followCost(_:_:)`` per word id (capitalized, lower case), NaN until computed.
        var followCosts: [Float] = []
    }

    /// Weight of what a word's case says about the word before it: "tỉnh", "Sở", "xã" are often
    /// followed by a name ("tỉnh Quảng Trị", "Sở Tài chính"), "tính", "số", "xa" hardly ever.
    var followWeight: Float = 1
    /// Pseudo-count of the prior share (one successor in ten capitalized) in ``followedByCapital(_:)``.
    var followPriorWeight: Float = 2

    /// −log P(the next word's case | the word `v` before it), inside a sentence.
    @inline(__always) private func followCost(_ v: Int32, _ letterCase: LetterCase) -> Float {
        guard letterCase != .none, v >= Int32(LanguageModel.reserved.count) else { return 0 }
        if memo.followCosts.isEmpty {
            memo.followCosts = [Float](repeating: .nan, count: 2 * lexicon.model.words.count)
        }
        let index = 2 * Int(v) + (letterCase == .capitalized ? 0 : 1)
        let cached = memo.followCosts[index]
        if !cached.isNaN { return cached }
        let p = followedByCapital(v)
        memo.followCosts[2 * Int(v)] = -followWeight * logf(p)
        memo.followCosts[2 * Int(v) + 1] = -followWeight * logf(1 - p)
        return memo.followCosts[index]
    }

    /// P(the word after `v` inside a sentence is capitalized): the share of capitalized words among
    /// `v`'s distinct successors (its most frequent ones, ``LanguageModel/successors(of:)``), each
    /// by ``Lexicon/capitalizedProbability(_:after:)``. Distinct words, not occurrences: the case
    /// matters for a neighbour the corpus has not seen after `v` (a name), and a frequent
    /// compound ("xã hội") would otherwise hide that "xã" mostly precedes names.
    private func followedByCapital(_ v: Int32) -> Float {
        var types: Float = 0, capitalized: Float = 0
        for w in lexicon.model.successors(of: v) {
            types += 1
            capitalized += lexicon.capitalizedProbability(w, after: v)
        }
        let prior: Float = 0.1
        return min(max((capitalized + followPriorWeight * prior) / (types + followPriorWeight), 0.001), 0.999)
    }

    private struct Token {
        var start: Int
        var end: Int
        /// Context token before this word when punctuation or a number stands between.
        var contextBefore: Int32?
    }

    private struct Choice {
        var words: [Int32]
        /// The output in the original's case; a split holds a space.
        var text: [Unicode.Scalar]
        var channel: Float
        /// The language model's cost of `words` after the first one (fixed per choice).
        var inner: Float
        var isIdentity: Bool
        /// The case the first word is written in, which the case statistics score inside a sentence.
        var letterCase: LetterCase = .none
        /// Whether the choice's own case is scored: a word capitalized inside a sentence.
        var caseScored = false
        /// ``followCost(_:_:)`` of the choice's last word before a capitalized and a lower-case word.
        var followsCapitalized: Float = 0
        var followsLower: Float = 0
    }

    enum LetterCase: UInt8 {
        /// In capitals throughout, or no letter: case says nothing about the word.
        case none
        case capitalized
        case lower
    }

    /// −log P(`w` written capitalized | previous word `v`) inside a sentence; 0 at a sentence's
    /// start (`v` the boundary), where every word is capitalized.
    @inline(__always) private func capitalCost(_ w: Int32, after v: Int32) -> Float {
        guard w >= 0, v != LanguageModel.boundary else { return 0 }
        return -caseWeight * logf(max(lexicon.capitalizedProbability(w, after: v), 1e-4))
    }

    /// Words the decoder leaves as written whatever the model prefers: part of a document symbol
    /// ("06-CTr/TU", "KH-UBND": letters glued to "/", or to "-" beside capitals or digits), and a
    /// word of the lexicon, written with its marks, inside a run of capitalised words on a line of
    /// known words (a name: "Vi Văn Thắng", "Bạc Liêu"; "Thắng" is a word, and so is "Tháng").
    /// When the text lost its marks, a symbol's letters lost theirs too ("QD-UBND" for "QĐ-UBND")
    /// and are restored like any word.
    private static func isProtected(_ token: Token, _ t: Int, tokens: [Token], choices: [[Choice]], scalars: [Unicode.Scalar],
                                    marksLost: Bool, lineOfWords: Bool) -> Bool {
        guard !marksLost else { return false }
        let before: Unicode.Scalar? = token.start > 0 ? scalars[token.start - 1] : nil
        let after: Unicode.Scalar? = token.end < scalars.count ? scalars[token.end] : nil
        if before == "/" || after == "/" { return true }
        func symbolNeighbour(_ k: Int) -> Bool { k >= 0 && k < scalars.count && (Scalars.isDigit(scalars[k]) || Scalars.isUpper(scalars[k])) }
        let allCaps = scalars[token.start..<token.end].allSatisfy { !VietnameseLetters.isLetter($0) || Scalars.isUpper($0) }
        if before == "-", allCaps || symbolNeighbour(token.start - 2) { return true }
        if after == "-", allCaps || symbolNeighbour(token.end + 1) { return true }
        // Only on a line whose words are all words: an OCR'd line with confusions around a name
        // may hold a confused capital word too.
        let original = choices[t][0]
        guard lineOfWords, original.letterCase == .capitalized, original.words.count == 1, original.words[0] >= 0,
              scalars[token.start..<token.end].contains(where: VietnameseLetters.isMarked) else { return false }
        // A capitalised neighbour with only a space between: the run of a name.
        func capitalizedNeighbour(_ k: Int) -> Bool {
            k >= 0 && k < tokens.count && choices[k][0].letterCase == .capitalized
                && (k < t ? tokens[t].contextBefore == nil : tokens[k].contextBefore == nil)
                && (k < t ? tokens[k].end + 1 == token.start : token.end + 1 == tokens[k].start)
        }
        return capitalizedNeighbour(t - 1) || capitalizedNeighbour(t + 1)
    }

    func decode(_ line: String, lineNumber: Int, minimumConfidence: Double) -> Output {
        let scalars = Array(line.unicodeScalars)
        var tokens: [Token] = []
        var context: Int32? = nil
        var i = 0
        var lineMarked = false
        let ocr = mode.contains(.ocr)
        while i < scalars.count {
            let s = scalars[i]
            if VietnameseLetters.isLetter(s) {
                var j = i
                while j < scalars.count {
                    let c = scalars[j]
                    if VietnameseLetters.isLetter(c) {
                        if VietnameseLetters.isMarked(c) { lineMarked = true }
                    } else if !(ocr && c == "0" && j + 1 < scalars.count && VietnameseLetters.isLetter(scalars[j + 1])) {
                        break  // an OCR "0" for "o" stays inside the word ("tr0ng")
                    }
                    j += 1
                }
                tokens.append(Token(start: i, end: j, contextBefore: context))
                context = nil
                i = j
                continue
            }
            LanguageModel.context(&context, after: s)
            i += 1
        }
        guard !tokens.isEmpty else { return Output(text: line, repairs: [], diagnostics: []) }
        let choices = tokens.map { candidates(for: scalars[$0.start..<$0.end], lineMarked: lineMarked) }
        let model = lexicon.model

        // Viterbi over tokens; state = chosen candidate of the current token. Flat arrays: one
        // entry per (token, candidate).
        var offsets: [Int] = []
        offsets.reserveCapacity(tokens.count + 1)
        var total = 0
        for c in choices { offsets.append(total); total += c.count }
        offsets.append(total)
        var costs = [Float](repeating: 0, count: total)
        var backs = [Int32](repeating: -1, count: total)
        var lasts = [Int32](repeating: 0, count: total)
        // Per state: its follow costs before a capitalized and a lower-case word.
        var follows = [Float](repeating: 0, count: 2 * total)
        for (t, token) in tokens.enumerated() {
            let base = offsets[t]
            // The state before this token's first word: one start state, or the previous token's.
            var entry: [(cost: Float, word: Int32, index: Int32)] = []
            if t == 0 {
                var v = LanguageModel.boundary, cost: Float = 0
                if let c = token.contextBefore { cost = model.cost(c, after: v); v = c }
                entry = [(cost, v, -1)]
            } else if let c = token.contextBefore {
                // Punctuation or a number stands between: only its cost depends on the previous state.
                var best = Float.infinity, bestIndex = -1
                for p in offsets[t - 1]..<offsets[t] {
                    let cost = costs[p] + model.cost(c, after: lasts[p])
                    if cost < best { best = cost; bestIndex = p - offsets[t - 1] }
                }
                entry = [(best, c, Int32(bestIndex))]
            } else {
                entry.reserveCapacity(offsets[t] - offsets[t - 1])
                // This word's case says something about the previous one ("tỉnh Quảng Trị").
                let letterCase = choices[t][0].letterCase
                for p in offsets[t - 1]..<offsets[t] {
                    let follow = letterCase == .capitalized ? follows[2 * p] : (letterCase == .lower ? follows[2 * p + 1] : 0)
                    entry.append((costs[p] + follow, lasts[p], Int32(p - offsets[t - 1])))
                }
            }
            for (k, choice) in choices[t].enumerated() {
                let first = choice.words[0]
                var best = Float.infinity, bestIndex: Int32 = -1
                if first < 0 {
                    for e in entry where e.cost < best { best = e.cost; bestIndex = e.index }
                    best += unknownCost
                } else if t == 0 || !choice.caseScored {
                    // The line's first word opens a sentence (after a list dash too).
                    for e in entry {
                        let cost = e.cost + model.cost(first, after: e.word)
                        if cost < best { best = cost; bestIndex = e.index }
                    }
                } else {
                    for e in entry {
                        let cost = e.cost + model.cost(first, after: e.word) + capitalCost(first, after: e.word)
                        if cost < best { best = cost; bestIndex = e.index }
                    }
                }
                costs[base + k] = best + choice.channel + choice.inner
                backs[base + k] = bestIndex
                lasts[base + k] = lastWord(choice)
                follows[2 * (base + k)] = choice.followsCapitalized
                follows[2 * (base + k) + 1] = choice.followsLower
            }
        }
        var chosen = [Int](repeating: 0, count: tokens.count)
        let lastBase = offsets[tokens.count - 1]
        // A number or a full stop after the last word is context too ("năm 2025", "tỉnh.").
        let trailing = context
        var bestLast = 0, bestCost = Float.infinity
        for k in 0..<(total - lastBase) {
            let cost = costs[lastBase + k] + (trailing.map { model.cost($0, after: lasts[lastBase + k]) } ?? 0)
            if cost < bestCost { bestCost = cost; bestLast = k }
        }
        chosen[tokens.count - 1] = bestLast
        if tokens.count > 1 {
            for t in stride(from: tokens.count - 1, to: 0, by: -1) {
                chosen[t - 1] = Int(backs[offsets[t] + chosen[t]])
            }
        }

        // An array, converted once: appending to a String's scalar view copies the whole string
        // each time, so a 2 MB line would take seconds.
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count + 8)
        // Every word of the line as written is a word (names are protected only on such a line).
        let lineOfWords = choices.allSatisfy { $0[0].words.allSatisfy { $0 >= 0 } }
        var repairs: [Repair] = []
        var diagnostics: [Diagnostic] = []
        var cursor = 0
        for (t, token) in tokens.enumerated() {
            output.append(contentsOf: scalars[cursor..<token.start])
            // Each repair touching this word is logged as one entry, over the input it replaces, so
            // the log applies to the input entry by entry (a space restored and the word re-spelled
            // at once: "-CẠi" → "- Cại").
            var spanStart = token.start, spanEnd = token.end
            var prefix: [Unicode.Scalar] = [], suffix: [Unicode.Scalar] = []
            var spaceConfidence = 1.0
            // A space lost after punctuation ("-Chỉ", "1.Thực", "dân;các"): clean plan text never
            // has a letter right after these.
            if ocr && lostSpaceAfterPunctuation(scalars, at: token.start) {
                output.append(" ")
                spanStart = token.start - 1
                prefix = [scalars[spanStart], " "]
                spaceConfidence = 0.9
            }
            cursor = token.end
            let original = Array(scalars[token.start..<token.end])
            let choice = choices[t][chosen[t]]
            var written = original
            var confidence = 1.0
            if !choice.isIdentity,
               !TokenDecoder.isProtected(token, t, tokens: tokens, choices: choices, scalars: scalars,
                                         marksLost: mode.contains(.diacritics), lineOfWords: lineOfWords) {
                // Confidence: this word against the others for the same letters, in the chosen context.
                let previous: Int32 = token.contextBefore ?? (t == 0 ? LanguageModel.boundary : lastWord(choices[t - 1][chosen[t - 1]]))
                let next: Int32? = t + 1 < tokens.count
                    ? (tokens[t + 1].contextBefore ?? choices[t + 1][chosen[t + 1]].words.first) : trailing
                func local(_ c: Choice) -> Float {
                    var cost = c.channel + c.inner
                    let first = c.words[0]
                    cost += first < 0 ? unknownCost : model.cost(first, after: previous)
                    if t > 0 && c.caseScored { cost += capitalCost(first, after: previous) }
                    if let next, next >= 0 { cost += model.cost(next, after: lastWord(c)) }
                    if t + 1 < tokens.count && tokens[t + 1].contextBefore == nil {
                        let letterCase = choices[t + 1][0].letterCase
                        cost += letterCase == .capitalized ? c.followsCapitalized : (letterCase == .lower ? c.followsLower : 0)
                    }
                    return cost
                }
                let mine = local(choice)
                var sum: Double = 0
                for c in choices[t] { sum += exp(Double(mine - local(c))) }
                confidence = 1 / sum
                let repairedText = Scalars.string(choice.text)
                // A word written with its marks that is itself a word ("kể từ ngày", "Thứ trưởng")
                // is only replaced on strong evidence: clean text with a few unknown names goes
                // through this decoder too.
                let keptWord = choices[t][0].words.count == 1 && choices[t][0].words[0] >= 0
                    && original.contains(where: VietnameseLetters.isMarked)
                // Such a word the corpus saw beside its neighbour as written ("hằng năm", though
                // "hàng năm" is more frequent) stays: the pair is evidence it was meant.
                let seenAsWritten = keptWord && {
                    let word = choices[t][0].words[0]
                    if let v = token.contextBefore ?? (t > 0 ? lastWord(choices[t - 1][0]) : nil),
                       v >= 0, model.seenPair(word, after: v) { return true }
                    if t + 1 < tokens.count, tokens[t + 1].contextBefore == nil, let w = choices[t + 1][0].words.first, w >= 0,
                       model.seenPair(w, after: word) { return true }
                    return false
                }()
                if seenAsWritten {
                    confidence = 1
                } else if confidence < (keptWord ? max(minimumConfidence, TokenDecoder.markedWordConfidence) : minimumConfidence) {
                    diagnostics.append(Diagnostic(.repairUncertain,
                        "\"\(Scalars.string(original))\" left as written (best guess \"\(repairedText)\", confidence \(String(format: "%.2f", confidence)))",
                        span: SourceSpan(startLine: lineNumber, endLine: lineNumber, startColumn: token.start + 1, endColumn: token.end + 1)))
                } else {
                    written = choice.text
                }
            }
            // The word now standing here (none for a split).
            let word: Int32? = written.contains(" ") ? nil : (written == original ? choices[t][0].words[0] : choice.words[0])
            // A capital's neighbour read as a capital ("TỶ lệ", "CHủ tịch").
            if ocr, let word, capitalConfusion(written, word: word, tokens: tokens, at: t, scalars: scalars) {
                written[1] = VietnameseLetters.lower(written[1])
                confidence = min(confidence, 0.9)
            }
            var kind = "ocr"
            if written != original {
                let bare = !original.contains(where: VietnameseLetters.isMarked)
                kind = ocr && !(bare && mode.contains(.diacritics)) ? "ocr" : "missing-diacritics"
            } else {
                confidence = 1
            }
            // A space lost between a word and a number ("năm2025", "2025và").
            let digitBefore = token.start > 0 && isDigit(scalars[token.start - 1])
            let digitAfter = token.end < scalars.count && isDigit(scalars[token.end])
            if ocr, digitBefore || digitAfter, let word, lostSpaceNearNumber(written, word: word) {
                if digitBefore {
                    var d = token.start
                    while d > 0 && isDigit(scalars[d - 1]) { d -= 1 }
                    output.append(" ")
                    spanStart = min(spanStart, d)
                    prefix = Array(scalars[d..<token.start]) + [" "]
                    spaceConfidence = 0.9
                }
                output.append(contentsOf: written)
                if digitAfter {
                    var d = token.end
                    while d < scalars.count && isDigit(scalars[d]) { d += 1 }
                    output.append(" ")
                    spanEnd = d
                    suffix = [" "] + Array(scalars[token.end..<d])
                    spaceConfidence = 0.9
                }
            } else {
                output.append(contentsOf: written)
            }
            if written != original || spanStart != token.start || spanEnd != token.end {
                repairs.append(Repair(line: lineNumber, column: spanStart + 1, original: Scalars.string(scalars[spanStart..<spanEnd]),
                                      repaired: Scalars.string(prefix + written + suffix), kind: kind,
                                      confidence: (min(confidence, spaceConfidence) * 1000).rounded() / 1000))
            }
        }
        output.append(contentsOf: scalars[cursor...])
        return Output(text: output == scalars ? line : Scalars.string(output), repairs: repairs, diagnostics: diagnostics)
    }

    /// Whether the letter run starting at `start` follows punctuation that is always followed by a
    /// space in clean text: "," ";" ":" after a letter or digit, "." after a number ("1.Thực"),
    /// "%" ("85%vào"),
    /// or a list dash or plus at the start of the line ("-Chỉ").
    private func lostSpaceAfterPunctuation(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        guard start >= 2 else { return start == 1 && (scalars[0] == "-" || scalars[0] == "+") }
        let p = scalars[start - 1], before = scalars[start - 2]
        switch p {
        case ",", ";", ":":
            return VietnameseLetters.isLetter(before) || isDigit(before)
        case ".":
            return isDigit(before) && VietnameseLetters.isUpper(scalars[start])
        case "%":
            return isDigit(before)
        case "-", "+":
            return scalars[..<(start - 1)].allSatisfy { $0 == " " || $0 == "\t" }
        default:
            return false
        }
    }

    @inline(__always) private func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// Units and abbreviations written against a number in clean text ("5ha", "100km").
    private static let units: Set<String> = ["ha", "km", "kg", "cm", "mm", "ml", "tr", "ng", "kw", "kwh", "lit"]

    /// Whether `written`, standing against a digit, is a word that lost its space to the number:
    /// a syllable the corpus has seen, of two letters or more, not in capitals (an abbreviation
    /// such as "MT3" keeps its number) and no unit.
    private func lostSpaceNearNumber(_ written: [Unicode.Scalar], word: Int32) -> Bool {
        guard written.count >= 2, word >= 0, lexicon.model.isSyllable[Int(word)], lexicon.model.seen(word) else { return false }
        guard written.contains(where: { VietnameseLetters.isLetter($0) && !VietnameseLetters.isUpper($0) }) else { return false }
        return !TokenDecoder.units.contains(lexicon.model.words[Int(word)])
    }

    /// Whether the second letter of `written` is a capital read where a lower-case letter stood:
    /// "CHủ" (two capitals, then lower case), or a two-letter syllable in capitals followed
    /// directly by a lower-case word ("TỶ lệ"). Roman numerals ("VI") and abbreviations are left.
    private func capitalConfusion(_ written: [Unicode.Scalar], word: Int32, tokens: [Token], at t: Int,
                                  scalars: [Unicode.Scalar]) -> Bool {
        guard written.count >= 2, VietnameseLetters.isUpper(written[0]), VietnameseLetters.isUpper(written[1]),
              word >= 0, lexicon.model.isSyllable[Int(word)] else { return false }
        if written.count >= 3 {
            return written[2...].allSatisfy { VietnameseLetters.isLetter($0) && !VietnameseLetters.isUpper($0) }
        }
        guard lexicon.model.seen(word), !written.allSatisfy({ "IVXLCDM".unicodeScalars.contains($0) }),
              t + 1 < tokens.count, tokens[t + 1].contextBefore == nil else { return false }
        let next = scalars[tokens[t + 1].start]
        return VietnameseLetters.isLetter(next) && !VietnameseLetters.isUpper(next)
    }

    private func lastWord(_ c: Choice) -> Int32 {
        guard let w = c.words.last else { return LanguageModel.punctuation }
        return w < 0 ? LanguageModel.punctuation : w
    }

    /// A way of reading the written letters before marks are considered: as written, or through
    /// one OCR letter confusion. Lower-case letters, with the case each output letter takes.
    private struct Reading {
        var letters: [Unicode.Scalar]
        var upper: [Bool]
        var cost: Float
        var asWritten: Bool
    }

    private func candidates(for written: ArraySlice<Unicode.Scalar>, lineMarked: Bool) -> [Choice] {
        var key = Scalars.string(written)
        if lineMarked { key += "\u{1}" }
        if let cached = memo.choices[key] { return cached }
        var result = makeCandidates(for: Array(written), lineMarked: lineMarked)
        for k in result.indices {
            let letterCase = TokenDecoder.letterCase(of: result[k].text), first = result[k].words[0]
            result[k].letterCase = letterCase
            // Only a capitalized word is scored for its own case: the complement for lower-case
            // words (−log P(small letters)) would change one more intact word for 3 restored
            // syllables ("cho nam" read "năm": the corpus mostly writes "Nam"), and the most
            // frequent case then needs no table look-up in the search's inner loop.
            result[k].caseScored = first >= 0 && letterCase == .capitalized
            let last = lastWord(result[k])
            result[k].followsCapitalized = followCost(last, .capitalized)
            result[k].followsLower = followCost(last, .lower)
        }
        memo.choices[key] = result
        return result
    }

    private func makeCandidates(for written: [Unicode.Scalar], lineMarked: Bool) -> [Choice] {
        let model = lexicon.model
        let lower = written.map(VietnameseLetters.lower)
        let upper = written.map(VietnameseLetters.isUpper)
        let hasDigit = lower.contains("0")
        let identity = hasDigit ? nil : model.id(Scalars.string(lower))
        let identitySeen = identity.map(model.seen) ?? false
        let identitySyllable = identity.map { model.isSyllable[Int($0)] } ?? false
        let perLetter = identitySeen ? changeCostKnown : (identitySyllable ? changeCostSyllable : changeCost)
        var result = [Choice(words: [identity ?? -1], text: written, channel: 0, inner: 0, isIdentity: true)]
        // Roman numerals ("VI", "XII") are no syllables to restore.
        if written.allSatisfy({ "IVXLCDM".unicodeScalars.contains($0) }) { return result }
        let writtenBare = !written.contains(where: VietnameseLetters.isMarked)

        var readings: [Reading] = []
        if !hasDigit { readings.append(Reading(letters: lower, upper: upper, cost: 0, asWritten: true)) }
        if mode.contains(.ocr) {
            if hasDigit {
                // "tr0ng": the digit is the letter o.
                readings.append(Reading(letters: lower.map { $0 == "0" ? "o" : $0 }, upper: upper, cost: letterCost, asWritten: false))
            } else {
                // "tharn": no Vietnamese word holds "rn"; it is an m, or an n with a speck
                // read as an r before it ("trorng").
                if let r = (0..<max(0, lower.count - 1)).first(where: { lower[$0] == "r" && lower[$0 + 1] == "n" }) {
                    var l = lower, u = upper
                    l.replaceSubrange(r...(r + 1), with: ["m"])
                    u.replaceSubrange(r...(r + 1), with: [upper[r]])
                    readings.append(Reading(letters: l, upper: u, cost: letterCost, asWritten: false))
                    l = lower; u = upper
                    l.remove(at: r); u.remove(at: r)
                    readings.append(Reading(letters: l, upper: u, cost: letterCost + 1, asWritten: false))
                }
                let hasLower = upper.contains(false)
                // "Iao": a capital I among lower-case letters is an l.
                if hasLower, let k = written.firstIndex(of: "I") {
                    var l = lower, u = upper
                    l[k] = "l"; u[k] = false
                    readings.append(Reading(letters: l, upper: u, cost: letterCost, asWritten: false))
                }
                // "KHl": a lower-case l among capitals is an I.
                if written.count >= 2, let k = written.firstIndex(of: "l"), upper.enumerated().allSatisfy({ $0.offset == k || $0.element }) {
                    var l = lower, u = upper
                    l[k] = "i"; u[k] = true
                    readings.append(Reading(letters: l, upper: u, cost: letterCost, asWritten: false))
                }
            }
        }

        for reading in readings {
            let bare = !reading.letters.contains(where: VietnameseLetters.isMarked)
            let folded = Scalars.string(reading.letters.map(VietnameseLetters.fold))
            guard let ids = lexicon.folded[folded] else { continue }
            for id in ids where !(reading.asWritten && id == identity) {
                let candidate = lexicon.scalars[Int(id)]
                var differing = 0
                for (a, b) in zip(reading.letters, candidate) where a != b { differing += 1 }
                var channel = reading.cost
                if differing > 0 {
                    if reading.asWritten && identity != nil && sameSyllable(reading.letters, candidate) { continue }
                    if bare && mode.contains(.diacritics) {
                        channel += lineMarked ? restoreCostPartial : restoreCostBare
                    } else if mode.contains(.ocr) && (writtenBare || !mode.contains(.diacritics)) {
                        // In a document that lacks marks, a word typed with marks is most
                        // probably right: only unmarked words change there.
                        channel += perLetter * Float(differing)
                    } else {
                        continue
                    }
                }
                if !model.seen(id) { channel += unseenCost }
                let text = zip(candidate, reading.upper).map { $1 ? VietnameseLetters.upper($0) : $0 }
                if let same = result.firstIndex(where: { $0.words == [id] }) {
                    if result[same].channel > channel && !result[same].isIdentity { result[same].channel = channel; result[same].text = text }
                    continue
                }
                result.append(Choice(words: [id], text: text, channel: channel, inner: 0, isIdentity: false))
            }
        }
        if mode.contains(.ocr) && identity == nil && !hasDigit && lower.count >= 3 {
            for split in 1..<lower.count {
                // Both halves need a vowel: an abbreviation ("LĐTB&XH") holds "lđ" and "tb",
                // words of the corpus but no syllables a lost space joined.
                guard lower[..<split].contains(where: TokenDecoder.isVowel), lower[split...].contains(where: TokenDecoder.isVowel) else { continue }
                let left = Scalars.string(lower[..<split])
                let right = Scalars.string(lower[split...])
                guard let l = model.id(left), let r = model.id(right) else { continue }
                let inner = model.cost(r, after: l)
                result.append(Choice(words: [l, r], text: Array(written[..<split]) + [" "] + Array(written[split...]),
                                     channel: splitCost, inner: inner, isIdentity: false))
            }
        }
        return result
    }

    @inline(__always) static func isVowel(_ s: Unicode.Scalar) -> Bool {
        let f = VietnameseLetters.fold(s)
        return f == "a" || f == "e" || f == "i" || f == "o" || f == "u" || f == "y"
    }

    /// The case a word is written in, as the case statistics count it: capitals throughout (two
    /// letters or more) say nothing.
    static func letterCase(of text: [Unicode.Scalar]) -> LetterCase {
        guard let first = text.first, VietnameseLetters.isLetter(first) else { return .none }
        guard VietnameseLetters.isUpper(first) else { return .lower }
        let letters = text.prefix { $0 != " " }
        if letters.count >= 2 && letters.allSatisfy(VietnameseLetters.isUpper) { return .none }
        return .capitalized
    }

    /// Whether two spellings are the same syllable with its tone on another vowel ("hoà", "hòa"):
    /// an old and a new convention, both correct; neither is a repair of the other.
    private func sameSyllable(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        guard a.count == b.count else { return false }
        var toneA = VietnameseLetters.Tone.level, toneB = VietnameseLetters.Tone.level
        for (x, y) in zip(a, b) {
            guard let p = VietnameseLetters.info[x.value], let q = VietnameseLetters.info[y.value], p.untoned == q.untoned else { return false }
            if p.tone != .level { toneA = p.tone }
            if q.tone != .level { toneB = q.tone }
        }
        return toneA == toneB
    }
}
