import Foundation

/// Decodes a line word by word for missing diacritics (b) and OCR confusions (c): each letter
/// run may stay, become another word with the same letters under the marks (from the folded
/// index), or split in two where a space was lost ("Chỉtiêu"); a bigram Viterbi search over
/// the line picks the sequence. Letters never change except for their marks; digits never change.
struct TokenDecoder {
    struct Mode: OptionSet, Sendable {
        let rawValue: Int
        /// Words written without marks may gain them.
        static let diacritics = Mode(rawValue: 1)
        /// Marks may be wrong; spaces may be lost.
        static let ocr = Mode(rawValue: 2)
    }

    let lexicon: Lexicon
    let mode: Mode
    var unknownCost: Float = 14
    /// Adding marks to a word written without any, on a line written without any.
    var restoreCostBare: Float = 0.2
    /// Adding marks to an unmarked word on a line that has marks elsewhere.
    var restoreCostPartial: Float = 2.5
    /// Each letter whose marks differ (OCR).
    var changeCost: Float = 4.5
    var splitCost: Float = 3

    struct Output {
        var text: String
        var repairs: [Repair]
        var diagnostics: [Diagnostic]
    }

    private struct Token {
        var start: Int
        var end: Int
        var lower: [Unicode.Scalar]
        /// Context token before this word when punctuation or a number stands between.
        var contextBefore: Int32?
    }

    private struct Choice {
        var words: [Int32]
        /// Lower-case output letters; a split holds a space.
        var text: [Unicode.Scalar]
        var channel: Float
        var isIdentity: Bool
    }

    func decode(_ line: String, lineNumber: Int, minimumConfidence: Double) -> Output {
        let scalars = Array(line.unicodeScalars)
        var tokens: [Token] = []
        var context: Int32? = nil
        var i = 0
        var lineMarked = false
        while i < scalars.count {
            let s = scalars[i]
            if VietnameseLetters.isLetter(s) {
                var j = i
                var lower: [Unicode.Scalar] = []
                while j < scalars.count && VietnameseLetters.isLetter(scalars[j]) {
                    if VietnameseLetters.isMarked(scalars[j]) { lineMarked = true }
                    lower.append(VietnameseLetters.lower(scalars[j]))
                    j += 1
                }
                tokens.append(Token(start: i, end: j, lower: lower, contextBefore: context))
                context = nil
                i = j
                continue
            }
            if s.properties.numericType != nil {
                context = LanguageModel.number
            } else if ".:;!?".unicodeScalars.contains(s) {
                context = LanguageModel.boundary
            } else if s != " " && s != "\t" {
                if context == nil { context = LanguageModel.punctuation }
            }
            i += 1
        }
        guard !tokens.isEmpty else { return Output(text: line, repairs: [], diagnostics: []) }
        let choices = tokens.map { candidates(for: $0.lower, lineMarked: lineMarked) }
        let model = lexicon.model

        // Viterbi over tokens; state = chosen candidate of the current token.
        var costs: [[Float]] = []
        var backs: [[Int]] = []
        for (t, token) in tokens.enumerated() {
            var row: [Float] = []
            var back: [Int] = []
            for choice in choices[t] {
                var best = Float.infinity
                var bestIndex = -1
                let previousStates: [(Float, Int32, Int)] = t == 0
                    ? [(0, LanguageModel.boundary, -1)]
                    : costs[t - 1].enumerated().map { ($0.element, lastWord(choices[t - 1][$0.offset]), $0.offset) }
                for (previousCost, previousWord, previousIndex) in previousStates {
                    var cost = previousCost + choice.channel
                    var v = previousWord
                    if t == 0 && token.contextBefore == nil { v = LanguageModel.boundary }
                    if let c = token.contextBefore { cost += model.cost(c, after: v); v = c }
                    for w in choice.words {
                        cost += w < 0 ? unknownCost : model.cost(w, after: v)
                        v = w < 0 ? LanguageModel.punctuation : w
                    }
                    if cost < best { best = cost; bestIndex = previousIndex }
                }
                row.append(best)
                back.append(bestIndex)
            }
            costs.append(row)
            backs.append(back)
        }
        var chosen = [Int](repeating: 0, count: tokens.count)
        chosen[tokens.count - 1] = costs[tokens.count - 1].indices.min(by: { costs[tokens.count - 1][$0] < costs[tokens.count - 1][$1] })!
        if tokens.count > 1 {
            for t in stride(from: tokens.count - 1, to: 0, by: -1) { chosen[t - 1] = backs[t][chosen[t]] }
        }

        // An array, converted once: appending to a String's scalar view copies the whole string
        // each time, which made a 2 MB line take seconds.
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count)
        var repairs: [Repair] = []
        var diagnostics: [Diagnostic] = []
        var cursor = 0
        for (t, token) in tokens.enumerated() {
            output.append(contentsOf: scalars[cursor..<token.start])
            cursor = token.end
            let original = Array(scalars[token.start..<token.end])
            let choice = choices[t][chosen[t]]
            guard !choice.isIdentity else { output.append(contentsOf: original); continue }
            // Confidence: this word against the others for the same letters, in the chosen context.
            let previous: Int32 = token.contextBefore ?? (t == 0 ? LanguageModel.boundary : lastWord(choices[t - 1][chosen[t - 1]]))
            let next: Int32? = t + 1 < tokens.count
                ? (tokens[t + 1].contextBefore ?? choices[t + 1][chosen[t + 1]].words.first) : nil
            func local(_ c: Choice) -> Float {
                var cost = c.channel
                var v = previous
                for w in c.words { cost += w < 0 ? unknownCost : model.cost(w, after: v); v = w < 0 ? LanguageModel.punctuation : w }
                if let next, next >= 0 { cost += model.cost(next, after: v) }
                return cost
            }
            let mine = local(choice)
            var total: Double = 0
            for c in choices[t] { total += exp(Double(mine - local(c))) }
            let confidence = 1 / total
            let restored = recase(choice.text, like: original)
            let originalText = String(String.UnicodeScalarView(original))
            let repairedText = String(String.UnicodeScalarView(restored))
            let kind = mode.contains(.ocr) && !(original.allSatisfy { !VietnameseLetters.isMarked($0) } && mode.contains(.diacritics))
                ? "ocr" : "missing-diacritics"
            if confidence < minimumConfidence {
                diagnostics.append(Diagnostic(.repairUncertain,
                    "\"\(originalText)\" left as written (best guess \"\(repairedText)\", confidence \(String(format: "%.2f", confidence)))",
                    span: SourceSpan(startLine: lineNumber, endLine: lineNumber, startColumn: token.start + 1, endColumn: token.end + 1)))
                output.append(contentsOf: original)
                continue
            }
            output.append(contentsOf: restored)
            repairs.append(Repair(line: lineNumber, column: token.start + 1, original: originalText, repaired: repairedText,
                                  kind: kind, confidence: (confidence * 1000).rounded() / 1000))
        }
        output.append(contentsOf: scalars[cursor...])
        return Output(text: String(String.UnicodeScalarView(output)), repairs: repairs, diagnostics: diagnostics)
    }

    private func lastWord(_ c: Choice) -> Int32 {
        guard let w = c.words.last else { return LanguageModel.punctuation }
        return w < 0 ? LanguageModel.punctuation : w
    }

    /// Puts the original's case back letter by letter (a split's space is skipped over).
    private func recase(_ lower: [Unicode.Scalar], like original: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var k = 0
        for s in lower {
            if s == " " { out.append(s); continue }
            out.append(k < original.count && VietnameseLetters.isUpper(original[k]) ? VietnameseLetters.upper(s) : s)
            k += 1
        }
        return out
    }

    private func candidates(for lower: [Unicode.Scalar], lineMarked: Bool) -> [Choice] {
        let word = String(String.UnicodeScalarView(lower))
        let model = lexicon.model
        let identity = model.id(word)
        var result = [Choice(words: [identity ?? -1], text: lower, channel: 0, isIdentity: true)]
        let bare = !lower.contains(where: VietnameseLetters.isMarked)
        let key = VietnameseLetters.folded(word)
        if let ids = lexicon.folded[key] {
            for id in ids where id != identity {
                let candidate = lexicon.scalars[Int(id)]
                var channel: Float
                if bare && mode.contains(.diacritics) {
                    channel = lineMarked ? restoreCostPartial : restoreCostBare
                } else if mode.contains(.ocr) {
                    var differing = 0
                    for (a, b) in zip(lower, candidate) where a != b { differing += 1 }
                    channel = changeCost * Float(differing)
                } else {
                    continue
                }
                if !model.seen(id) { channel += 2 }
                result.append(Choice(words: [id], text: candidate, channel: channel, isIdentity: false))
            }
        }
        if mode.contains(.ocr) && identity == nil && lower.count >= 3 {
            for split in 1..<lower.count {
                let left = String(String.UnicodeScalarView(lower[..<split]))
                let right = String(String.UnicodeScalarView(lower[split...]))
                guard let l = model.id(left), let r = model.id(right) else { continue }
                result.append(Choice(words: [l, r], text: Array(lower[..<split]) + [" "] + Array(lower[split...]),
                                     channel: splitCost, isIdentity: false))
            }
        }
        return result
    }
}
