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
    /// P(a letter's glyph is lost on a damaged line of this document), indexed by scalar value
    /// (from ``documentPrior(lines:lexicon:)``); both cases.
    private(set) var documentLost: [Float]
    static let tableSize = 0x1F00
    /// Every letter the decoder may fill in, both cases, in a fixed order.
    static let alphabet: [UInt32] = VietnameseLetters.info.keys.filter { Int($0) < tableSize }.sorted()
    /// Each scalar's place in ``alphabet``, −1 for a scalar not in it.
    static let alphabetIndex: [Int16] = {
        var index = [Int16](repeating: -1, count: tableSize)
        for (i, value) in alphabet.enumerated() { index[Int(value)] = Int16(i) }
        return index
    }()
    /// Added to every filled letter (a lost letter is rarer than a kept one).
    var fillCost: Float = 0.3
    /// Added when the lost letter is visible elsewhere on the same line: a font either has a
    /// glyph's mapping or not, so a line that shows a letter rarely lost it too (seed 000 does,
    /// in 20 of its 217 damaged lines, where a line mixes two fonts).
    var visiblePenalty: Float = 3
    /// The same for a capital: capitals often come from another font than the line's body
    /// (seed 000 shows "B" in "(B/c)" and loses it in "U N " = "UBND" on one line).
    var visibleCapitalPenalty: Float = 1.5
    var doubleSpaceCost: Float = 3.5
    var leadingSpaceCost: Float = 0.5
    var numberGapCost: Float = 2.5
    var oovCost: Float = 13
    /// A letter dearer than this to fill is never tried: the trie walk only branches into the
    /// letters this line plausibly lost.
    var maxLostCost: Float = 5.5
    var beamWidth = 24
    var maxCandidatesPerStart = 48
    var maxWordLength = 8
    /// Lost letters before the first visible one of a word, and letters of a word lost whole.
    var maxLeadingLost = 3
    var maxWholeLost = 3
    /// A word lost whole found by the trie costs this plus ``wholeLostLetterCost`` per letter on top of its letters' lost costs.
    var wholeLostBaseCost: Float = 2
    var wholeLostLetterCost: Float = 1
    /// A word lost whole may only consist of letters at least this likely to be lost (−log P).
    var maxWholeLostLetterCost: Float = 2.5
    /// The same for a capital. Raised when a line is decoded again for a span left unexplained.
    var maxWholeLostCapitalCost: Float = 2.5
    /// Smoothing of ``documentPrior``, a beta prior of mean `base` and weight `weight` letters:
    /// P(lost) = (max(expected − seen, 0) + weight · base) / (expected + weight), so a letter too
    /// rare for the counts to say anything (most capitals) is lost at the base rate.
    static let priorSmoothing: (base: Float, weight: Float) = (0.01, 5)
    /// Capitals dearer than this are not filled: a lost capital is tried only when the
    /// document shows it lost (seed 000's "K" of "Kế hoạch", the "B" and "D" of "UBND").
    var maxCapitalCost: Float = 4.5
    /// Whether spans may also be read as syllables the corpus never saw (``Lexicon/unseenTrie``):
    /// only in the second look at lines the first pass left with fragments, and only for a
    /// syllable with at least ``unseenMinVisible`` letters shown and at most ``unseenMaxLost`` lost.
    var unseenSyllables = false
    var unseenCost: Float = 1
    var unseenMaxLost = 2
    var unseenMinVisible = 2
    static let maxLost: Float = 0.98
    /// The least P(lost) of a small letter in any document.
    static let lowerFloor: Float = 0.01
    /// P(lost) of every capital, before ``learningCapitals(from:)``.
    static let capitalLost: Float = 0.1
    /// P(lost) of every capital while decoding the sample that learns them.
    static let capitalSampleLost: Float = 0.3

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
        /// The first letter is lost (its case is the decoder's to choose).
        var firstIsLost: Bool
        var shapeFixed: VietnameseLetters.CaseShape
        var hasLost: Bool
    }

    /// The document's capitals (see ``CapitalShares``).
    let documentShares: CapitalShares

    /// Expected occurrences per character of each ``alphabet`` letter in this document (its
    /// capital shares applied), for ``forParagraph(_:)``.
    private let alphabetFrequency: [Float]

    init(lexicon: Lexicon, documentLost: [Float], documentShares: CapitalShares = CapitalShares()) {
        self.lexicon = lexicon
        self.documentLost = documentLost
        self.documentShares = documentShares
        alphabetFrequency = Self.alphabet.map { documentShares.frequency(of: Unicode.Scalar($0)!, lexicon: lexicon) }
    }
    /// Added to a word whose lost first letter is filled as a capital: little after a sentence
    /// boundary, more inside a sentence.
    var upperStartCost: Float = 0.7
    var upperInnerCost: Float = 2.5
    /// Weight of the corpus's capitalization odds for a lost first letter inside a sentence.
    var caseWeight: Float = 1
    /// How often this document starts a sentence, a clause after ":" or ";", or a list item
    /// with a capital (see ``StartCapitals``): what decides the case of a lost first letter there.
    var startCapitals = StartCapitals()
    /// This document's own capitals inside sentences, where it shows them ("Tuần Giáo",
    /// "Bộ Giáo dục"), mixed into the corpus's odds for a lost first letter.
    var documentCases: DocumentCases?

    /// The decoder with each capital's P(lost) learned from decoding `sample` (a few damaged
    /// lines): capitals stand in few words ("UBND", "Kế hoạch") that follow no letter
    /// frequency, so their counts say nothing, but the capitals the sample's best readings fill
    /// in, against those it shows, do. The sample is decoded with every capital at
    /// ``capitalSampleLost``.
    func learningCapitals(from sample: [[Unicode.Scalar]]) -> LostGlyphDecoder {
        var probe = self
        for value in Self.alphabet where VietnameseLetters.isUpper(Unicode.Scalar(value)!) {
            probe.documentLost[Int(value)] = Self.capitalSampleLost
        }
        var counts = CapitalCounts()
        for line in sample { counts.count(line, probe.decode(line)) }
        return learningCapitals(from: counts)
    }

    /// Capitals a decoder filled in against those the lines show: what a decoding pass says
    /// about which capitals the document's fonts lose.
    struct CapitalCounts {
        var filled = [Float](repeating: 0, count: LostGlyphDecoder.tableSize)
        var shown = [Float](repeating: 0, count: LostGlyphDecoder.tableSize)
        /// Only words this sure count: the repairer's default threshold for applying a repair,
        /// fixed here so that a run with another threshold (calibration) learns the same capitals.
        static let trustedConfidence = 0.5

        mutating func count(_ line: [Unicode.Scalar], _ result: Result) {
            for s in line where VietnameseLetters.isUpper(s) && Int(s.value) < LostGlyphDecoder.tableSize { shown[Int(s.value)] += 1 }
            for word in result.words where word.confidence >= Self.trustedConfidence {
                for fill in word.fills where VietnameseLetters.isUpper(fill.scalar) && Int(fill.scalar.value) < LostGlyphDecoder.tableSize {
                    filled[Int(fill.scalar.value)] += 1
                }
            }
        }
    }

    /// The decoder with each capital's P(lost) from `counts`, smoothed toward ``capitalLost``.
    func learningCapitals(from counts: CapitalCounts) -> LostGlyphDecoder {
        var learned = self
        let weight: Float = 2
        for value in Self.alphabet where VietnameseLetters.isUpper(Unicode.Scalar(value)!) {
            let f = counts.filled[Int(value)], v = counts.shown[Int(value)]
            learned.documentLost[Int(value)] = min((f + weight * Self.capitalLost) / (f + v + weight), Self.maxLost)
        }
        return learned
    }

    /// Each capital at the likelier of its two P(lost).
    func keepingLikelierCapitals(_ other: LostGlyphDecoder) -> LostGlyphDecoder {
        var result = self
        for value in Self.alphabet where VietnameseLetters.isUpper(Unicode.Scalar(value)!) {
            result.documentLost[Int(value)] = max(documentLost[Int(value)], other.documentLost[Int(value)])
        }
        return result
    }

    /// The positions inside runs of at least `minimumRun` spaces within a decoded line's text
    /// (empty when there is none): where the second pass lets a word lost whole open with a dearer capital.
    static func unresolvedPositions(_ scalars: [Unicode.Scalar], minimumRun: Int = 3) -> [Bool] {
        guard let first = scalars.firstIndex(where: { $0 != " " }), let last = scalars.lastIndex(where: { $0 != " " }) else { return [] }
        var flags: [Bool] = []
        var i = first
        while i <= last {
            guard scalars[i] == " " else { i += 1; continue }
            var end = i
            while end <= last && scalars[end] == " " { end += 1 }
            if end - i >= minimumRun {
                if flags.isEmpty { flags = [Bool](repeating: false, count: scalars.count) }
                for k in i..<end { flags[k] = true }
            }
            i = end
        }
        return flags
    }

    /// The language model's token for the text right before `position` (`before`) or from it on:
    /// a word, a number, a sentence end or other punctuation; the line's edge is a boundary.
    /// `edge`: the token before the line (the previous line's last, when this one continues it).
    func contextToken(in s: [Unicode.Scalar], at position: Int, before: Bool, edge: Int32 = LanguageModel.boundary) -> Int32 {
        var i = position
        if before {
            i -= 1
            while i >= 0 && s[i] == " " { i -= 1 }
            guard i >= 0 else { return edge }
        } else {
            while i < s.count && s[i] == " " { i += 1 }
            guard i < s.count else { return LanguageModel.boundary }
        }
        let c = s[i]
        guard VietnameseLetters.isLetter(c) else {
            if LanguageModel.isNumeric(c) { return LanguageModel.number }
            return LanguageModel.isSentenceEnd(c) ? LanguageModel.boundary : LanguageModel.punctuation
        }
        var from = i, to = i + 1
        while from > 0 && VietnameseLetters.isLetter(s[from - 1]) { from -= 1 }
        while to < s.count && VietnameseLetters.isLetter(s[to]) { to += 1 }
        var view = String.UnicodeScalarView()
        for k in from..<to { view.append(VietnameseLetters.lower(s[k])) }
        return lexicon.model.id(String(view)) ?? LanguageModel.punctuation
    }

    /// The windows of a first-pass reading that a second look decodes again: each run of
    /// `flags`, widened by a word on each side and cut at single spaces between two letters of
    /// the reading (separators the first pass was sure of), so a window is decoded like a line.
    static func windows(flags: [Bool], in s: [Unicode.Scalar]) -> [Range<Int>] {
        func isCut(_ p: Int) -> Bool {
            p > 0 && p + 1 < s.count && s[p] == " " && s[p - 1] != " " && s[p + 1] != " "
        }
        var windows: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard flags[i] else { i += 1; continue }
            var end = i
            while end < s.count && flags[end] { end += 1 }
            // One cut skipped on each side: the word next to the fragment is its context and may
            // take part of it ("p on" + "  tục").
            var lower = i, skipped = 0
            while lower > 0 {
                lower -= 1
                if isCut(lower) { if skipped == 1 { lower += 1; break }; skipped += 1 }
                if lower == 0 { break }
            }
            var upper = end
            skipped = 0
            while upper < s.count {
                if isCut(upper) { if skipped == 1 { break }; skipped += 1 }
                upper += 1
            }
            if let last = windows.last, last.upperBound >= lower { windows[windows.count - 1] = last.lowerBound..<upper }
            else { windows.append(lower..<upper) }
            i = end
        }
        return windows
    }

    /// Decodes the windows of `flags` again (see ``windows(flags:in:)``) and splices their
    /// readings into `first`, the line's first-pass result.
    /// `startContexts`: the line's ``StartCapitals/contexts(_:opensSentence:)`` (computed when nil, as for a line opening a sentence).
    func redecode(_ line: [Unicode.Scalar], first: Result, relaxedStarts: [Bool], unseenStarts: [Bool],
                  startContexts: [Int8]? = nil, previous linePrevious: Int32 = LanguageModel.boundary) -> Result {
        var flags = relaxedStarts.isEmpty ? unseenStarts : relaxedStarts
        if !relaxedStarts.isEmpty && !unseenStarts.isEmpty {
            for k in flags.indices where unseenStarts[k] { flags[k] = true }
        }
        guard !flags.isEmpty else { return first }
        var result = first
        let contexts = startContexts ?? StartCapitals.contexts(line, opensSentence: true)
        for window in Self.windows(flags: flags, in: first.scalars) {
            let part = decode(Array(line[window]),
                              relaxedStarts: relaxedStarts.isEmpty ? [] : Array(relaxedStarts[window]),
                              unseenStarts: unseenStarts.isEmpty ? [] : Array(unseenStarts[window]),
                              previous: contextToken(in: first.scalars, at: window.lowerBound, before: true, edge: linePrevious),
                              next: contextToken(in: first.scalars, at: window.upperBound, before: false),
                              startContexts: Array(contexts[window]))
            guard part.cost.isFinite else { continue }
            let offset = window.lowerBound
            result.scalars.replaceSubrange(window, with: part.scalars)
            result.words.removeAll { window.contains($0.start) }
            result.gaps.removeAll { window.contains($0) }
            for var word in part.words {
                word.start += offset
                word.end += offset
                for f in word.fills.indices { word.fills[f].position += Int32(offset) }
                result.words.append(word)
            }
            result.gaps += part.gaps.map { $0 + offset }
        }
        result.words.sort { $0.start < $1.start }
        result.gaps.sort()
        return result
    }

    /// Where a decoded line still shows fragments worth a second look with the syllables the
    /// corpus never saw (one flag per scalar; empty when there is none): a word below
    /// `minimumConfidence`, and a letter run that is no word the corpus saw ("t ềm" = "tiềm",
    /// "p on" = "phong"), each with the spaces around it.
    func fragmentStarts(_ result: Result, minimumConfidence: Double) -> [Bool] {
        let s = result.scalars
        var flags: [Bool] = []
        func flag(_ range: Range<Int>) {
            if flags.isEmpty { flags = [Bool](repeating: false, count: s.count) }
            // A fragment's word may start at lost letters before it ("  ảm" = "giảm").
            var lower = range.lowerBound
            while lower > 0 && s[lower - 1] == " " && range.lowerBound - lower < maxLeadingLost { lower -= 1 }
            for k in lower..<range.upperBound { flags[k] = true }
        }
        for word in result.words where word.confidence < minimumConfidence { flag(word.start..<word.end) }
        var i = 0
        let trie = lexicon.trie
        while i < s.count {
            guard VietnameseLetters.isLetter(s[i]) else { i += 1; continue }
            let start = i
            while i < s.count && VietnameseLetters.isLetter(s[i]) { i += 1 }
            let touchesSpace = (start > 0 && s[start - 1] == " ") || (i < s.count && s[i] == " ")
            // The trie holds exactly the words the corpus saw: walked instead of a String lookup.
            guard touchesSpace, trie.word(s, start..<i) < 0 else { continue }
            // The fragment and the run before it: the word may begin in a fragment to its left ("p on").
            var from = start
            if from >= 2 && s[from - 1] == " " && VietnameseLetters.isLetter(s[from - 2]) {
                from -= 2
                while from > 0 && VietnameseLetters.isLetter(s[from - 1]) { from -= 1 }
            }
            flag(from..<i)
        }
        return flags
    }

    /// Whether a decoded line still holds a run of three or more spaces inside its text: a span no
    /// word was found for (a word lost whole whose letters were too dear: "của    hoạch").
    static func hasUnresolvedSpan(_ scalars: [Unicode.Scalar], minimumRun: Int = 3) -> Bool {
        !unresolvedPositions(scalars, minimumRun: minimumRun).isEmpty
    }

    /// Which letters this document's fonts lose, from letter counts alone (no decoding pass):
    /// the lexicon says how many of each small letter text of this length holds, the damaged
    /// lines show how many are left; a letter seen far less often than expected is lost on many
    /// lines. Capitals get one flat rate (``capitalLost``).
    static func documentPrior(lines: [[Unicode.Scalar]], lexicon: Lexicon) -> [Float] {
        documentStatistics(lines: lines, lexicon: lexicon).lost
    }

    /// ``documentPrior`` and the document's capital shares.
    static func documentStatistics(lines: [[Unicode.Scalar]], lexicon: Lexicon) -> (lost: [Float], shares: CapitalShares) {
        var seen = [Float](repeating: 0, count: tableSize)
        var characters: Float = 0
        var shares = CapitalShares()
        for line in lines {
            shares.count(line)
            // The spaces before the text and after it are layout (seed 000 pads lines with
            // hundreds), not lost letters: they would make every letter look lost.
            guard let first = line.firstIndex(where: { $0 != " " }), let last = line.lastIndex(where: { $0 != " " }) else { continue }
            for s in line[first...last] where s == " " || VietnameseLetters.isLetter(s) {
                characters += 1
                if s != " " && Int(s.value) < tableSize { seen[Int(s.value)] += 1 }
            }
        }
        var lost = [Float](repeating: 0, count: tableSize)
        let (base, weight) = priorSmoothing
        for value in alphabet {
            let scalar = Unicode.Scalar(value)!
            let upper = VietnameseLetters.isUpper(scalar)
            let expected = shares.frequency(of: scalar, lexicon: lexicon) * characters
            var p = (max(expected - seen[Int(value)], 0) + weight * base) / (expected + weight)
            // A letter lost in one paragraph only hides in the noise of the counts (this document
            // may simply use it more than the corpus); the line's own evidence decides then.
            // Capitals stand in a few words ("UBND", "Kế hoạch") that follow no letter
            // frequency, so counts say nothing about them: each is lost at one flat rate.
            p = upper ? capitalLost : max(p, lowerFloor)
            lost[Int(value)] = min(p, maxLost)
        }
        return (lost, shares)
    }

    /// Weight of the document's P(lost) in a paragraph's, in expected occurrences of the letter.
    static let paragraphWeight: Float = 4
    /// Standard deviations of a paragraph's letter count that are taken for noise, not loss.
    static let noiseFactor: Float = 0.5

    /// The decoder for one paragraph (consecutive damaged lines up to a blank one): a paragraph
    /// is often set in another font than the body ("quốc", "lược" lose "q", "l" in seed 000's
    /// lines 8–10 only), so its own counts of the small letters, pulled toward the document's
    /// P(lost), say which letters it loses. Capitals keep the document's rate.
    func forParagraph(_ lines: ArraySlice<[Unicode.Scalar]>) -> LostGlyphDecoder {
        // Counted per letter of the alphabet, not per scalar value: a document of one-line
        // paragraphs makes this per line, and tables of 8 000 entries cost more than the counting.
        var seen = [Float](repeating: 0, count: Self.alphabet.count)
        var characters: Float = 0
        for line in lines {
            guard let first = line.firstIndex(where: { $0 != " " }), let last = line.lastIndex(where: { $0 != " " }) else { continue }
            for s in line[first...last] where s == " " || VietnameseLetters.isLetter(s) {
                characters += 1
                if s != " " && Int(s.value) < Self.tableSize {
                    let index = Int(Self.alphabetIndex[Int(s.value)])
                    if index >= 0 { seen[index] += 1 }
                }
            }
        }
        var result = self
        let weight = Self.paragraphWeight
        for (index, value) in Self.alphabet.enumerated() where !VietnameseLetters.isUpper(Unicode.Scalar(value)!) {
            let expected = alphabetFrequency[index] * characters
            let prior = documentLost[Int(value)]
            // A deficit within the counts' noise (half a standard deviation) says nothing: a
            // short paragraph lacks most rare letters by chance, and each letter made plausible
            // widens the trie walk of every line.
            let deficit = max(expected - seen[index] - Self.noiseFactor * expected.squareRoot(), 0)
            let p = (deficit + weight * prior) / (expected + weight)
            result.documentLost[Int(value)] = min(max(p, Self.lowerFloor), Self.maxLost)
        }
        return result
    }

    /// How much of a text is in capitals, from its visible letters: the share of words that
    /// start with one ("Kế hoạch") and the share of later letters in capitals ("UBND", "KẾ HOẠCH").
    struct CapitalShares {
        var initials: Float = 0, initialCapitals: Float = 0
        var inner: Float = 0, innerCapitals: Float = 0

        mutating func count(_ line: [Unicode.Scalar]) {
            var previousLetter = false
            for s in line {
                let letter = VietnameseLetters.isLetter(s)
                if letter {
                    let upper: Float = VietnameseLetters.isUpper(s) ? 1 : 0
                    if previousLetter { inner += 1; innerCapitals += upper } else { initials += 1; initialCapitals += upper }
                }
                previousLetter = letter
            }
        }

        var initialShare: Float { initials > 0 ? min(max(initialCapitals / initials, 0.02), 0.95) : 0.1 }
        var innerShare: Float { inner > 0 ? min(max(innerCapitals / inner, 0.005), 0.95) : 0.02 }

        /// Expected occurrences of `scalar` per character of text like this.
        func frequency(of scalar: Unicode.Scalar, lexicon: Lexicon) -> Float {
            Self.frequency(upper: VietnameseLetters.isUpper(scalar), lower: Int(VietnameseLetters.lower(scalar).value),
                           letters: lexicon.letterFrequency, initials: lexicon.initialFrequency,
                           initialShare: initialShare, innerShare: innerShare)
        }

        /// ``frequency(of:lexicon:)`` from its parts, which a caller asking for the whole alphabet
        /// reads once (`lower`: the small letter's scalar value).
        @inline(__always) static func frequency(upper: Bool, lower: Int, letters: [Float], initials: [Float],
                                                initialShare: Float, innerShare: Float) -> Float {
            let all = letters[lower], initial = initials[lower]
            let capitals = initial * initialShare + (all - initial) * innerShare
            return upper ? capitals : max(all - capitals, 0)
        }
    }

    /// A line's lost-letter costs. A letter the line does not show is lost with the odds of
    /// the document, raised by how surely a line this long would show it if it were kept
    /// ("h" missing from 60 characters of Vietnamese is lost; "q" missing says little).
    private struct LineCosts {
        /// −log P(lost) + fill cost per scalar value; above the line's limit: never filled.
        var cost: [Float]
        var visible: [Bool]

        /// The cost of a small letter's capital, indexed by the small letter (trie labels are small).
        var upperCost: [Float]

        @inline(__always) func lost(_ scalar: UInt32) -> Float {
            Int(scalar) < cost.count ? cost[Int(scalar)] : .infinity
        }
        @inline(__always) func upperLost(_ lower: UInt32) -> Float {
            Int(lower) < upperCost.count ? upperCost[Int(lower)] : .infinity
        }
    }

    /// Buffers kept from line to line: most lines are short (40 characters), and clearing
    /// tables indexed by scalar value for each would cost more than decoding it. One decoder
    /// decodes one document's lines in turn, never two lines at once.
    private final class Workspace {
        var cost = [Float](repeating: .infinity, count: LostGlyphDecoder.tableSize)
        var visible = [Bool](repeating: false, count: LostGlyphDecoder.tableSize)
        var upperCost = [Float](repeating: .infinity, count: LostGlyphDecoder.tableSize)
        /// The lattice's state table; a slot is empty unless its stamp is this line's.
        var stateKeys: [UInt64] = []
        var stateValues: [Int32] = []
        var stateStamps: [UInt32] = []
        var generation: UInt32 = 0
    }
    private let workspace = Workspace()

    private func lineCosts(_ line: [Unicode.Scalar]) -> LineCosts {
        var costs = LineCosts(cost: workspace.cost, visible: workspace.visible, upperCost: workspace.upperCost)
        workspace.cost = []
        workspace.visible = []
        workspace.upperCost = []
        var length: Float = 0
        var shares = CapitalShares()
        shares.count(line)
        let textEnd = (line.lastIndex(where: { $0 != " " }) ?? -1) + 1
        for s in line[..<textEnd] where s == " " || VietnameseLetters.isLetter(s) {
            length += 1
            if s != " " && Int(s.value) < Self.tableSize { costs.visible[Int(s.value)] = true }
        }
        // The line's own share of capitals, pulled toward the document's when it shows few letters.
        var lineShares = documentShares
        let prior: Float = 10
        lineShares.initials = shares.initials + prior
        lineShares.initialCapitals = shares.initialCapitals + prior * documentShares.initialShare
        lineShares.inner = shares.inner + prior
        lineShares.innerCapitals = shares.innerCapitals + prior * documentShares.innerShare
        // ``CapitalShares/frequency(of:lexicon:)`` with its tables and shares read once for the
        // whole alphabet.
        let letterFrequency = lexicon.letterFrequency, initialFrequency = lexicon.initialFrequency
        let initialShare = lineShares.initialShare, innerShare = lineShares.innerShare
        for value in Self.alphabet {
            let p = documentLost[Int(value)]
            guard p > 0 else {
                costs.cost[Int(value)] = .infinity
                continue
            }
            var cost: Float
            let scalar = Unicode.Scalar(value)!
            let upper = VietnameseLetters.isUpper(scalar)
            if costs.visible[Int(value)] {
                cost = -logf(p) + (upper ? visibleCapitalPenalty : visiblePenalty)
            } else {
                let frequency = CapitalShares.frequency(upper: upper, lower: Int(VietnameseLetters.lower(scalar).value),
                                                        letters: letterFrequency, initials: initialFrequency,
                                                        initialShare: initialShare, innerShare: innerShare)
                let absentIfKept = expf(length * log1pf(-min(frequency, 0.5)))
                cost = -logf(p / (p + (1 - p) * absentIfKept))
            }
            cost += fillCost
            if cost > (upper ? maxCapitalCost : maxLostCost) { cost = .infinity }
            costs.cost[Int(value)] = cost
            if upper { costs.upperCost[Int(VietnameseLetters.lower(scalar).value)] = cost }
        }
        return costs
    }

    /// `relaxedStarts`: positions (one flag per scalar, or empty) where a word lost whole may
    /// open with a capital as dear as ``maxWholeLostCapitalCost``; elsewhere the limit is
    /// ``maxWholeLostLetterCost``. The second pass relaxes only the spans the first left unexplained.
    /// `unseenStarts`: positions (one flag per scalar, or empty for none) where a word may also
    /// be one of the syllables the corpus never saw, when ``unseenSyllables`` is set.
    /// `previous`, `next`: the tokens around `line` when it is a window of a longer line.
    /// `startContexts`: the line's ``StartCapitals/contexts(_:opensSentence:)`` (when nil, those of
    /// a line opening a sentence).
    func decode(_ line: [Unicode.Scalar], relaxedStarts: [Bool] = [], unseenStarts: [Bool] = [],
                previous: Int32 = LanguageModel.boundary, next following: Int32? = nil,
                startContexts: [Int8]? = nil) -> Result {
        let startContext = startContexts ?? StartCapitals.contexts(line, opensSentence: true)
        let n = line.count
        // Whether each space's run touches a digit, "-" or "/" on either side (a lost digit's place).
        var nearNumber = [Bool](repeating: false, count: n)
        do {
            func numeric(_ s: Unicode.Scalar) -> Bool { LanguageModel.isNumeric(s) || s == "-" || s == "/" }
            var i = 0
            while i < n {
                guard line[i] == " " else { i += 1; continue }
                var end = i
                while end < n && line[end] == " " { end += 1 }
                let touches = (i > 0 && numeric(line[i - 1])) || (end < n && numeric(line[end]))
                if touches { for k in i..<end { nearNumber[k] = true } }
                i = end
            }
        }
        var isLetter = [Bool](repeating: false, count: n)
        var isDigit = [Bool](repeating: false, count: n)
        for i in 0..<n {
            isLetter[i] = VietnameseLetters.isLetter(line[i])
            isDigit[i] = !isLetter[i] && line[i] != " " && LanguageModel.isNumeric(line[i])
        }

        var hyps: [Hyp] = [Hyp(cost: 0, back: -1, lastWord: previous, lastEdge: .start, edgeStart: 0, candidate: -1)]
        hyps.reserveCapacity(n * 16)
        // The hypotheses ending at each position, as linked lists through `nextInBucket`.
        var bucketHead = [Int32](repeating: -1, count: n + 1)
        var nextInBucket: [Int32] = [-1]
        nextInBucket.reserveCapacity(n * 16)
        bucketHead[0] = 0
        var candidates: [Candidate] = []
        var fills: [Fill] = []
        var candidateRange = [Range<Int>](repeating: 0..<0, count: n + 1)
        let model = lexicon.model
        var walker = CandidateWalker(decoder: self, line: line, isLetter: isLetter, costs: lineCosts(line), relaxedStarts: relaxedStarts)
        var unseenWalker = unseenSyllables && !unseenStarts.isEmpty
            ? CandidateWalker(decoder: self, line: line, isLetter: isLetter, costs: walker.costs, relaxedStarts: relaxedStarts, unseen: true)
            : nil
        // Spaces from each position on, and where each run of spaces starts.
        var spaceRun = [Int](repeating: 0, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) where line[i] == " " { spaceRun[i] = spaceRun[i + 1] + 1 }
        var runStart = [Int](repeating: 0, count: n + 1)
        for i in 0..<n where line[i] == " " { runStart[i] = i > 0 && line[i - 1] == " " ? runStart[i - 1] : i }

        // The best hypothesis per (position, last edge, last word): the lattice's states, in an
        // open-addressing table (a `Dictionary` costs more than the rest of the push).
        var capacity = 256
        while capacity < n * 64 { capacity <<= 1 }
        var stateKeys = workspace.stateKeys, stateValues = workspace.stateValues, stateStamps = workspace.stateStamps
        workspace.stateKeys = []; workspace.stateValues = []; workspace.stateStamps = []
        if stateKeys.count < capacity {
            stateKeys = [UInt64](repeating: 0, count: capacity)
            stateValues = [Int32](repeating: 0, count: capacity)
            stateStamps = [UInt32](repeating: 0, count: capacity)
        }
        capacity = stateKeys.count
        workspace.generation &+= 1
        if workspace.generation == 0 {
            for k in stateStamps.indices { stateStamps[k] = 0 }
            workspace.generation = 1
        }
        let generation = workspace.generation
        let mask = capacity - 1
        var stateCount = 0
        func push(_ hyp: Hyp, at position: Int) {
            let key = UInt64(position) << 40 | UInt64(hyp.lastEdge.rawValue) << 32 | UInt64(UInt32(bitPattern: hyp.lastWord))
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while stateStamps[slot] == generation {
                if stateKeys[slot] == key {
                    let index = Int(stateValues[slot])
                    if hyp.cost < hyps[index].cost { hyps[index] = hyp }
                    return
                }
                slot = (slot + 1) & mask
            }
            if stateCount * 2 >= capacity {
                // Full enough to slow down: later states of this line go unshared (still correct, only less pruned).
                nextInBucket.append(bucketHead[position])
                bucketHead[position] = Int32(hyps.count)
                hyps.append(hyp)
                return
            }
            stateKeys[slot] = key
            stateValues[slot] = Int32(hyps.count)
            stateStamps[slot] = generation
            stateCount += 1
            nextInBucket.append(bucketHead[position])
            bucketHead[position] = Int32(hyps.count)
            hyps.append(hyp)
        }

        var bucket: [Int32] = [], sortedBucket: [Int32] = [], order: [UInt64] = []
        // Per distinct previous word, the cheapest predecessor a word edge can extend.
        // At most one per hypothesis of a bucket (at most `beamWidth`): fixed buffers and a count.
        let predecessorLimit = max(beamWidth, 1)
        var predecessorWord = [Int32](repeating: 0, count: predecessorLimit)
        var predecessorCost = [Float](repeating: 0, count: predecessorLimit)
        var predecessorIndex = [Int32](repeating: 0, count: predecessorLimit)
        var predecessorCount = 0
        for i in 0..<n {
            guard bucketHead[i] >= 0 else { continue }
            bucket.removeAll(keepingCapacity: true)
            var h = bucketHead[i]
            while h >= 0 { bucket.append(h); h = nextInBucket[Int(h)] }
            if bucket.count > beamWidth {
                // Sorted as (cost, place in the bucket) packed in one integer: the same order as a
                // stable sort by cost (the standard library's), without a closure per comparison.
                order.removeAll(keepingCapacity: true)
                for (place, h) in bucket.enumerated() {
                    let bits = hyps[Int(h)].cost.bitPattern
                    let ordered = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
                    order.append(UInt64(ordered) << 32 | UInt64(place))
                }
                order.sort()
                for k in 0..<beamWidth { sortedBucket.append(bucket[Int(order[k] & 0xFFFF_FFFF)]) }
                swap(&bucket, &sortedBucket)
                sortedBucket.removeAll(keepingCapacity: true)
            }
            let scalar = line[i]
            // A word starts at a letter, or at a space near either end of its run: lost letters
            // before a visible one, or a word lost whole after the previous word. The middle of a
            // long run (layout padding, hundreds of spaces at a line's end) starts none.
            // Nor does a long run at the line's end (padding), where a word lost whole would be invented.
            let trailingPadding = scalar == " " && i + spaceRun[i] == n && n - runStart[i] > maxWholeLost + 2
            // The space right after a comma, a sentence end, a list mark or a Markdown heading's
            // "#" is its separator ("vị, b ," is "vị, bộ,", never "vị,tb ,").
            let afterPunctuation = scalar == " " && i > 0 && (line[i - 1] == "," || line[i - 1] == "#" || LanguageModel.isSentenceEnd(line[i - 1])
                || (startContext[i] == StartCapitals.Context.listItem.rawValue && startContext[i - 1] < 0))
            let canStartWord = isLetter[i]
                || (scalar == " " && !trailingPadding && !afterPunctuation
                    && (spaceRun[i] <= maxLeadingLost || i - runStart[i] <= maxWholeLost + 1))
            if canStartWord {
                let first = candidates.count
                walker.collect(start: i, into: &candidates, fills: &fills)
                if unseenStarts.count > i && unseenStarts[i] { unseenWalker?.collect(start: i, into: &candidates, fills: &fills) }
                candidateRange[i] = first..<candidates.count
            }
            for hypIndex in bucket {
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
                    // A gap (a lost character no word explains) is a lost digit next to a number;
                    // elsewhere a space left unexplained is read as a separator (doubleSpaceCost):
                    // a gap there would always cost more than that, and only fill the beam.
                    if nearNumber[i] {
                        push(Hyp(cost: hyp.cost + numberGapCost, back: hypIndex, lastWord: LanguageModel.number, lastEdge: .gap,
                                 edgeStart: Int32(i), candidate: -1), at: i + 1)
                    }
                } else if !isLetter[i] {
                    let token: Int32
                    var lmCost: Float = 0
                    if isDigit[i] {
                        token = LanguageModel.number
                        if !(hyp.lastWord == LanguageModel.number && hyp.lastEdge == .punctuation) {
                            lmCost = model.cost(token, after: hyp.lastWord)
                        }
                    } else if (scalar == "." || scalar == ",") && hyp.lastWord == LanguageModel.number
                                && hyp.lastEdge == .punctuation && i + 1 < n && isDigit[i + 1] {
                        token = LanguageModel.number
                    } else {
                        token = LanguageModel.isSentenceEnd(scalar) ? LanguageModel.boundary : LanguageModel.punctuation
                        if hyp.lastWord != token { lmCost = model.cost(token, after: hyp.lastWord) }
                    }
                    push(Hyp(cost: hyp.cost + lmCost, back: hypIndex, lastWord: token, lastEdge: .punctuation,
                             edgeStart: Int32(i), candidate: -1), at: i + 1)
                }
            }
            // Word edges: each word starting here extends its best predecessor only (the
            // predecessor's last word and edge are all the costs depend on).
            guard canStartWord, !candidateRange[i].isEmpty else { continue }
            predecessorCount = 0
            for hypIndex in bucket {
                let hyp = hyps[Int(hypIndex)]
                guard hyp.lastEdge != .word else { continue }
                let cost = hyp.cost + (hyp.lastEdge == .gap ? 2 : 0)
                var j = 0
                while j < predecessorCount && predecessorWord[j] != hyp.lastWord { j += 1 }
                if j < predecessorCount {
                    if cost < predecessorCost[j] { predecessorCost[j] = cost; predecessorIndex[j] = hypIndex }
                } else {
                    if predecessorCount == predecessorWord.count {
                        predecessorWord.append(0); predecessorCost.append(0); predecessorIndex.append(0)
                    }
                    predecessorWord[j] = hyp.lastWord
                    predecessorCost[j] = cost
                    predecessorIndex[j] = hypIndex
                    predecessorCount += 1
                }
            }
            guard predecessorCount > 0 else { continue }
            for c in candidateRange[i] {
                let candidate = candidates[c]
                var best = Float.infinity
                var bestHyp: Int32 = -1
                var fixed = candidate.channel
                if candidate.shapeFixed == .mixed && candidate.hasLost { fixed += 8 }
                let oov = candidate.word < 0 ? oovCost + 0.5 * Float(candidate.end - Int32(i)) : 0
                for j in 0..<predecessorCount {
                    let previous = predecessorWord[j]
                    var cost = predecessorCost[j] + fixed
                    if candidate.firstIsLost && candidate.word >= 0 && candidate.shapeFixed != .upper {
                        // The case of a lost first letter: where a sentence or list item opens,
                        // the document's own habit; inside a sentence, the corpus's odds of this
                        // word being capitalized after that one.
                        if startContext[i] >= 0 {
                            cost += startCapitals.cost(startContext[i], upper: candidate.firstIsLostUpper)
                        } else if previous == LanguageModel.boundary {
                            if candidate.firstIsLostUpper { cost += upperStartCost }
                        } else {
                            let p = documentCases?.capitalizedProbability(candidate.word, after: previous, lexicon: lexicon)
                                ?? lexicon.capitalizedProbability(candidate.word, after: previous)
                            cost -= caseWeight * logf(candidate.firstIsLostUpper ? p : 1 - p)
                        }
                    } else if candidate.firstIsLostUpper {
                        cost += previous == LanguageModel.boundary ? upperStartCost : upperInnerCost
                    }
                    guard cost < best else { continue }
                    cost += candidate.word < 0 ? oov : model.cost(candidate.word, after: previous)
                    if cost < best { best = cost; bestHyp = predecessorIndex[j] }
                }
                guard bestHyp >= 0 else { continue }
                push(Hyp(cost: best, back: bestHyp,
                         lastWord: candidate.word < 0 ? LanguageModel.punctuation : candidate.word, lastEdge: .word,
                         edgeStart: Int32(i), candidate: Int32(c)), at: Int(candidate.end))
            }
        }

        workspace.stateKeys = stateKeys; workspace.stateValues = stateValues; workspace.stateStamps = stateStamps
        var lineCosts = walker.takeCosts()
        for s in line where Int(s.value) < Self.tableSize { lineCosts.visible[Int(s.value)] = false }
        workspace.cost = lineCosts.cost; workspace.visible = lineCosts.visible; workspace.upperCost = lineCosts.upperCost

        // Best final hypothesis and the path back to the start.
        var bestFinal: Int32 = -1
        var bestFinalCost = Float.infinity
        var h = bucketHead[n]
        while h >= 0 {
            var cost = hyps[Int(h)].cost
            if let following { cost += model.cost(following, after: hyps[Int(h)].lastWord) }
            if bestFinal < 0 || cost < bestFinalCost { bestFinal = h; bestFinalCost = cost }
            h = nextInBucket[Int(h)]
        }
        guard bestFinal >= 0 else { return Result(scalars: line, words: [], gaps: [], cost: .infinity) }
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
        // The words and marks read so far (the trigram's context), after any word changed below.
        var history: [Int32] = [previous]
        var rivalWords: [Int32] = [], rivalCosts: [Float] = [], rivalReadings: [Int] = []
        for (step, hyp) in path.enumerated() {
            if hyp.lastEdge == .gap { gaps.append(Int(hyp.edgeStart)) }
            guard hyp.lastEdge == .word || hyp.lastEdge == .punctuation else { continue }
            guard hyp.candidate >= 0, candidates[Int(hyp.candidate)].fillCount > 0 else { history.append(hyp.lastWord); continue }
            var candidate = candidates[Int(hyp.candidate)]
            // Confidence: the chosen word against the other words fitting the same span, in the same context.
            let previous = history[history.count - 1], beforePrevious = history.count >= 2 ? history[history.count - 2] : -1
            // The next two words or marks on the path (no array per word).
            var ahead0: Int32 = 0, ahead1: Int32 = 0, aheadCount = 0
            var look = step + 1
            while look < path.count && aheadCount < 2 {
                if path[look].lastEdge == .word || path[look].lastEdge == .punctuation {
                    if aheadCount == 0 { ahead0 = path[look].lastWord } else { ahead1 = path[look].lastWord }
                    aheadCount += 1
                }
                look += 1
            }
            let next = aheadCount > 0 ? ahead0 : following
            let afterNext = aheadCount == 2 ? ahead1 : aheadCount == 1 ? following : nil
            // The word's cost between its neighbours, by the trigram model: the lattice scores
            // pairs only, and three words settle what two leave open ("chia sẻ việc nhà", not "việc nội").
            // The context before the word is the same for every rival: its part is looked up once.
            let before = model.trigramContext(beforePrevious, previous)
            func local(_ c: Candidate) -> Float {
                guard c.word >= 0 else { return oovCost + 4 }
                var cost = c.channel + model.cost(c.word, after: beforePrevious, previous, context: before)
                if let next {
                    cost += model.cost(next, after: previous, c.word)
                    if let afterNext { cost += model.cost(afterNext, after: c.word, next) }
                }
                return cost
            }
            // One reading per word: the same word with a capital or small lost letter is not a
            // rival, so each word is scored by its cheapest reading ("NỘ " read as "NỘI" must not
            // lose to its own "NỘi", which the lattice rules out by shape). Per word, a few rivals:
            // parallel arrays searched linearly (a Dictionary per decoded word would cost more than the rest).
            rivalWords.removeAll(keepingCapacity: true)
            rivalCosts.removeAll(keepingCapacity: true)
            rivalReadings.removeAll(keepingCapacity: true)
            for c in candidateRange[Int(hyp.edgeStart)] where candidates[c].end == candidate.end {
                let other = candidates[c], cost = local(other)
                // The reading a rival takes the word's place in: the one in the chosen reading's case, if any.
                let inCase = other.firstIsLostUpper == candidate.firstIsLostUpper
                if let j = rivalWords.firstIndex(of: other.word) {
                    rivalCosts[j] = min(rivalCosts[j], cost)
                    if inCase && candidates[rivalReadings[j]].firstIsLostUpper != candidate.firstIsLostUpper { rivalReadings[j] = c }
                } else {
                    rivalWords.append(other.word); rivalCosts.append(cost); rivalReadings.append(c)
                }
            }
            var chosen = min(local(candidate), rivalWords.firstIndex(of: candidate.word).map { rivalCosts[$0] } ?? .infinity)
            // A rival the trigrams find cheaper than the lattice's word takes its place (the first in
            // the candidates' order on a tie, which is fixed).
            var better = -1
            for j in rivalWords.indices where rivalWords[j] != candidate.word && rivalCosts[j] < chosen
                && (better < 0 || rivalCosts[j] < rivalCosts[better]) { better = j }
            if better >= 0 {
                candidate = candidates[rivalReadings[better]]
                chosen = rivalCosts[better]
            }
            history.append(candidate.word)
            let myFills = Array(fills[Int(candidate.fillStart)..<Int(candidate.fillStart + candidate.fillCount)])
            for fill in myFills { output[Int(fill.position)] = fill.scalar }
            var total: Double = 0
            // Summed in a fixed order (cheapest first), so the sum does not depend on the candidates' order.
            rivalCosts.sort()
            for cost in rivalCosts { total += exp(Double(chosen - cost)) }
            words.append(DecodedWord(start: Int(hyp.edgeStart), end: Int(candidate.end), word: candidate.word,
                                     fills: myFills, confidence: total > 0 ? 1 / total : 1))
        }
        return Result(scalars: output, words: words, gaps: gaps, cost: hyps[Int(bestFinal)].cost)
    }

    /// The buffer behind ``CandidateWalker/stack``, freed with the last walker holding it.
    private final class FillStack {
        let base: UnsafeMutablePointer<Fill>
        let count: Int
        init(count: Int) {
            self.count = count
            base = .allocate(capacity: count)
            base.initialize(repeating: Fill(position: 0, scalar: " "), count: count)
        }
        deinit { base.deinitialize(count: count); base.deallocate() }
    }

    /// Finds every lexicon word matching a span that starts at a given position: visible letters
    /// match case-insensitively, each space is one lost letter the line plausibly lost; the span
    /// must end at a non-letter. A struct with mutating methods rather than nested closures, so
    /// the recursion's buffers are not boxed and reference-counted at every step.
    private struct CandidateWalker {
        let trie: Trie
        /// This walker reads spans as the syllables the corpus never saw (``Lexicon/unseenTrie``).
        let walkingUnseen: Bool
        let unseenCost: Float
        let unseenMaxLost: Int
        let unseenMinVisible: Int
        let line: [Unicode.Scalar]
        let isLetter: [Bool]
        let isUpper: [Bool]
        let lower: [UInt32]
        private(set) var costs: LineCosts
        let model: LanguageModel
        let maxWordLength: Int
        let maxLeading: Int
        let maxWholeLost: Int
        let maxWholeLostLetterCost: Float
        let maxWholeLostCapitalCost: Float
        let wholeLostBaseCost: Float
        let wholeLostLetterCost: Float
        let maxCandidates: Int
        let oovCost: Float
        let maxLostCost: Float
        let maxCapitalCost: Float
        var start = 0
        var found: [Candidate] = []
        var foundFills: [Fill] = []
        /// The fills of the word being walked: the first `lost` entries (one per lost letter, set
        /// on the way down and never removed: a slot is overwritten by the next sibling).
        /// A fixed buffer rather than an array: a write at every step of the walk would otherwise
        /// check the array's uniqueness each time. `stackStorage` owns it; copies share it, and only
        /// one walk runs at a time.
        let stack: UnsafeMutablePointer<Fill>
        private let stackStorage: FillStack
        var packed: [UInt64] = []
        var kept: [UInt64] = []
        /// Whether the walk from `start` found the word written there in full (no fills, ending
        /// where the run of letters does): a flag set by the walk instead of a search of `found`.
        var foundWritten = false

        let relaxedStarts: [Bool]

        init(decoder: LostGlyphDecoder, line: [Unicode.Scalar], isLetter: [Bool], costs: LineCosts, relaxedStarts: [Bool],
             unseen: Bool = false) {
            walkingUnseen = unseen
            self.relaxedStarts = relaxedStarts
            trie = unseen ? decoder.lexicon.unseenTrie : decoder.lexicon.trie
            unseenCost = decoder.unseenCost
            unseenMaxLost = decoder.unseenMaxLost
            unseenMinVisible = decoder.unseenMinVisible
            model = decoder.lexicon.model
            self.line = line
            self.isLetter = isLetter
            isUpper = line.map(VietnameseLetters.isUpper)
            lower = line.map { VietnameseLetters.lower($0).value }
            self.costs = costs
            maxWordLength = decoder.maxWordLength
            maxLeading = max(decoder.maxLeadingLost, decoder.maxWholeLost)
            maxWholeLost = decoder.maxWholeLost
            maxWholeLostLetterCost = decoder.maxWholeLostLetterCost
            maxWholeLostCapitalCost = decoder.maxWholeLostCapitalCost
            wholeLostBaseCost = decoder.wholeLostBaseCost
            wholeLostLetterCost = decoder.wholeLostLetterCost
            maxCandidates = decoder.maxCandidatesPerStart
            stackStorage = FillStack(count: decoder.maxWordLength + 1)
            stack = stackStorage.base
            oovCost = decoder.oovCost
            maxLostCost = decoder.maxLostCost
            maxCapitalCost = decoder.maxCapitalCost
        }

        mutating func walk(_ k: Int, _ node: Int32, _ cost: Float, _ uppers: Int, _ letters: Int, _ firstLostUpper: Bool, _ lost: Int) {
            let n = line.count
            // A word with no visible letter: only short ones, of letters this line surely lost.
            if k > start, lost < letters || lost <= maxWholeLost, trie.word[Int(node)] >= 0, k == n || !isLetter[k],
               !walkingUnseen || (lost >= 1 && lost <= unseenMaxLost && letters - lost >= unseenMinVisible) {
                let shape: VietnameseLetters.CaseShape
                if uppers == 0 { shape = .lower } else if uppers == letters { shape = letters == 1 ? .capitalized : .upper }
                else if uppers == 1 && (isUpper[start] || firstLostUpper) { shape = .capitalized } else { shape = .mixed }
                // An abbreviation ("VHXH") is only ever written in capitals: "v    " is no "vhxh".
                let word = Int(trie.word[Int(node)])
                let abbreviationInSmall = lost > 0 && shape != .upper && word >= LanguageModel.reserved.count
                    && word < model.isSyllable.count && !model.isSyllable[word]
                if !abbreviationInSmall {
                    var extra: Float = lost == letters ? wholeLostBaseCost + wholeLostLetterCost * Float(lost) : 0
                    if walkingUnseen { extra += unseenCost }
                    found.append(Candidate(end: Int32(k), word: Int32(word), channel: cost + extra,
                                           fillStart: Int32(foundFills.count), fillCount: Int32(lost),
                                           firstIsLostUpper: firstLostUpper && letters > 0,
                                           firstIsLost: line[start] == " " && letters > 0, shapeFixed: shape, hasLost: lost > 0))
                    // Element by element: a few fills, where `append(contentsOf:)` costs a call and a retain.
                    for depth in 0..<lost { foundFills.append(stack[depth]) }
                }
                // No lost letter: every step was a visible letter, so this word ends where the start's run of letters does.
                if lost == 0 { foundWritten = true }
            }
            guard k < n, k - start < maxWordLength else { return }
            if line[k] == " " {
                // At most a few lost letters before the first visible one ("   n" = "hiện"):
                // otherwise every short word of the lexicon would fit a run of spaces.
                guard lost < 4, !(lost == letters && lost >= maxLeading) else { return }
                if walkingUnseen && lost >= unseenMaxLost { return }
                // Only letters surely lost while the word may still be lost whole; a visible
                // letter next means it will not be ("  i o" = "Giáo" may open with a dear capital).
                let nextIsLetter = k + 1 < n && isLetter[k + 1]
                // A word must end here when a mark or the line's end comes next.
                let mustEnd = k + 1 == n || (line[k + 1] != " " && !nextIsLetter)
                let onlyCheap = lost == letters && !nextIsLetter
                let capitalHere = k == start || (uppers == letters && letters > 0)
                // A letter the next visible one cannot follow in any word is not worth a step down:
                // the trie lists the children that can precede each letter.
                let firstChild = trie.firstChild[Int(node)]
                let slots = nextIsLetter ? trie.followerRange(node, lower[k + 1])
                    : firstChild < 0 ? 0..<0 : Int(firstChild)..<Int(firstChild + trie.childCount[Int(node)])
                for slot in slots {
                    let child = nextIsLetter ? trie.follower(slot) : Int32(slot)
                    if mustEnd && trie.word[Int(child)] < 0 { continue }
                    let lowerValue = trie.label[Int(child)]
                    let lowerCost = costs.lost(lowerValue)
                    if lowerCost <= maxLostCost && (!onlyCheap || lowerCost <= maxWholeLostLetterCost) {
                        stack[lost] = Fill(position: Int32(k), scalar: Unicode.Scalar(lowerValue)!)
                        walk(k + 1, child, cost + lowerCost, uppers, letters + 1, firstLostUpper, lost + 1)
                    }
                    // A capital is lost where a word starts or inside a word in capitals ("U N " = "UBND").
                    if capitalHere {
                        let upperCost = costs.upperLost(lowerValue)
                        if upperCost <= maxCapitalCost && (!onlyCheap || upperCost <= (k == start && !relaxedStarts.isEmpty && relaxedStarts[start] ? maxWholeLostCapitalCost : maxWholeLostLetterCost)) {
                            let upperScalar = VietnameseLetters.upper(Unicode.Scalar(lowerValue)!)
                            stack[lost] = Fill(position: Int32(k), scalar: upperScalar)
                            walk(k + 1, child, cost + upperCost, uppers + 1, letters + 1, firstLostUpper || k == start, lost + 1)
                        }
                    }
                }
            } else if isLetter[k] {
                // Case shapes a word can have: "đẳng", "Đẳng", "ĐẲNG"; never "ĐẲng" or "đẲng".
                let upper = isUpper[k]
                if upper ? (letters > 0 && uppers < letters) : uppers > 1 { return }
                let child = trie.child(node, lower[k])
                guard child >= 0 else { return }
                walk(k + 1, child, cost, uppers + (upper ? 1 : 0), letters + 1, firstLostUpper, lost)
            }
        }

        /// The line's costs, handed back for the next line (the walker is done).
        mutating func takeCosts() -> LineCosts {
            let taken = costs
            costs = LineCosts(cost: [], visible: [], upperCost: [])
            return taken
        }

        /// Appends the best ``maxCandidates`` words starting at `start` (by channel and
        /// context-free cost) to `candidates`, their fills to `fills`.
        mutating func collect(start: Int, into candidates: inout [Candidate], fills: inout [Fill]) {
            self.start = start
            foundWritten = false
            found.removeAll(keepingCapacity: true)
            foundFills.removeAll(keepingCapacity: true)
            let n = line.count
            var verbatimEnd = start
            while verbatimEnd < n && isLetter[verbatimEnd] { verbatimEnd += 1 }
            walk(start, Trie.root, 0, 0, 0, false, 0)
            // A word written in full that the corpus never saw: a valid syllable keeps its id, an
            // unknown word (a name, a foreign word) stays as it is.
            if !walkingUnseen && verbatimEnd > start && !foundWritten {
                var view = String.UnicodeScalarView()
                for k in start..<verbatimEnd { view.append(Unicode.Scalar(lower[k])!) }
                let id = model.id(String(view))
                if id == nil || !model.seen(id!) {
                    found.append(Candidate(end: Int32(verbatimEnd), word: id ?? -1, channel: 0, fillStart: Int32(foundFills.count), fillCount: 0,
                                           firstIsLostUpper: false, firstIsLost: false, shapeFixed: .lower, hasLost: false))
                }
            }
            if found.count > maxCandidates {
                // Sort (cost, index) packed in one integer: costs are positive, so their bit
                // patterns order like the numbers, and ties keep the lattice's order.
                packed.removeAll(keepingCapacity: true)
                for index in found.indices {
                    let c = found[index]
                    let key = c.channel + (c.word >= 0 ? model.cost(c.word, after: LanguageModel.punctuation) : oovCost)
                    packed.append(UInt64(max(key, 0).bitPattern) << 32 | UInt64(index))
                }
                packed.sort()
                // The kept (end, word) pairs, sorted and searched by halves: a `Set` here would cost
                // more than the rest of the pruning.
                kept.removeAll(keepingCapacity: true)
                for entry in packed.prefix(maxCandidates) {
                    let c = found[Int(entry & 0xFFFF_FFFF)]
                    append(c, to: &candidates, fills: &fills)
                    if c.firstIsLost && !c.firstIsLostUpper { kept.append(UInt64(UInt32(c.end)) << 32 | UInt64(UInt32(bitPattern: c.word))) }
                }
                kept.sort()
                func isKept(_ key: UInt64) -> Bool {
                    var low = 0, high = kept.count
                    while low < high {
                        let mid = (low + high) / 2
                        if kept[mid] < key { low = mid + 1 } else { high = mid }
                    }
                    return low < kept.count && kept[low] == key
                }
                // A kept word's reading with a capital stays too: its case is the lattice's to
                // choose in context ("Tuần  i o" = "Tuần Giáo"), not the pruning's, which knows none.
                for entry in packed.dropFirst(maxCandidates) where !kept.isEmpty {
                    let c = found[Int(entry & 0xFFFF_FFFF)]
                    if c.firstIsLostUpper && isKept(UInt64(UInt32(c.end)) << 32 | UInt64(UInt32(bitPattern: c.word))) {
                        append(c, to: &candidates, fills: &fills)
                    }
                }
            } else {
                // All kept, in order: their fills are `foundFills` as it stands, moved in one go.
                let offset = Int32(fills.count)
                fills.append(contentsOf: foundFills)
                for var c in found {
                    c.fillStart += offset
                    candidates.append(c)
                }
            }
        }

        private func append(_ candidate: Candidate, to candidates: inout [Candidate], fills: inout [Fill]) {
            var c = candidate
            let from = Int(c.fillStart)
            c.fillStart = Int32(fills.count)
            fills.append(contentsOf: foundFills[from..<from + Int(c.fillCount)])
            candidates.append(c)
        }
    }
}
