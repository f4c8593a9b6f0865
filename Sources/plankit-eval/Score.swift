/// Scoring a repaired text against the original, line by line (every damage model keeps the
/// line count). Word accuracy is the ISRI-style share of the original's words found unchanged,
/// in order, in the other text: the longest common subsequence of the two lines' words, over
/// the number of original words. Fragments and extra words are not counted as found, so a
/// lost-glyph line scores only the words that survived whole.
struct Score: Codable {
    /// Words of the originals (positions marked `?` in a reference are skipped).
    var words = 0
    var wordsCorrectBefore = 0
    var wordsCorrectAfter = 0
    /// Syllables: maximal runs of letters, so punctuation and numbers don't count.
    var syllables = 0
    var syllablesCorrectBefore = 0
    var syllablesCorrectAfter = 0
    /// Original words the damage left intact, and how many of them the repair changed.
    var intactWords = 0
    var intactChanged = 0
    /// Digits the repair changed, inserted or removed (outside words; must be 0).
    var digitsChanged = 0
    /// Digits inside a word ("c0ng", OCR o → 0) that the repair changed; reported apart.
    var inWordDigitsChanged = 0
    /// UTF-8 bytes of damaged text repaired and the seconds the repair took.
    var bytes = 0
    var seconds = 0.0
    /// The same in CPU time of the process (all threads).
    var cpuSeconds = 0.0
    var lines = 0
    var repairs = 0
    /// Lost-glyph repairs per confidence band (``Score/calibrationBands``) and how many of them
    /// restore exactly the original's letters at their columns: how far the confidence can be trusted.
    var calibrationRepairs = [Int](repeating: 0, count: Score.calibrationBands.count)
    var calibrationCorrect = [Int](repeating: 0, count: Score.calibrationBands.count)
    static let calibrationBands: [Double] = [0, 0.3, 0.4, 0.5, 0.7, 0.9]

    static func + (a: Score, b: Score) -> Score {
        var s = a
        s.words += b.words; s.wordsCorrectBefore += b.wordsCorrectBefore; s.wordsCorrectAfter += b.wordsCorrectAfter
        s.syllables += b.syllables; s.syllablesCorrectBefore += b.syllablesCorrectBefore
        s.syllablesCorrectAfter += b.syllablesCorrectAfter
        s.intactWords += b.intactWords; s.intactChanged += b.intactChanged
        s.digitsChanged += b.digitsChanged; s.inWordDigitsChanged += b.inWordDigitsChanged
        s.bytes += b.bytes; s.seconds += b.seconds; s.cpuSeconds += b.cpuSeconds; s.lines += b.lines; s.repairs += b.repairs
        for k in s.calibrationRepairs.indices {
            s.calibrationRepairs[k] += b.calibrationRepairs[k]
            s.calibrationCorrect[k] += b.calibrationCorrect[k]
        }
        return s
    }

    var accuracyBefore: Double { ratio(wordsCorrectBefore, words) }
    var accuracyAfter: Double { ratio(wordsCorrectAfter, words) }
    var syllableAccuracyBefore: Double { ratio(syllablesCorrectBefore, syllables) }
    var syllableAccuracyAfter: Double { ratio(syllablesCorrectAfter, syllables) }
    /// Share of the damaged text's word errors that the repair removed (negative: it added some).
    var errorsRemoved: Double {
        let before = words - wordsCorrectBefore
        return before == 0 ? 0 : Double(wordsCorrectAfter - wordsCorrectBefore) / Double(before)
    }
    var intactChangedShare: Double { ratio(intactChanged, intactWords) }
    var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
    var megabytesPerCPUSecond: Double { cpuSeconds > 0 ? Double(bytes) / 1e6 / cpuSeconds : 0 }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    /// Scores `repaired` and `damaged` against `original`, all with the same number of lines.
    /// In `original`, a word containing `?` (an undecidable digit of a hand-made reference) is
    /// left out of the count.
    static func compare(original: [String], damaged: [String], repaired: [String]) -> Score {
        precondition(original.count == damaged.count && damaged.count == repaired.count, "line counts differ")
        var s = Score()
        for i in original.indices {
            let reference = words(original[i]).filter { !$0.contains("?") }
            let damagedWords = words(damaged[i])
            let repairedWords = words(repaired[i])
            let before = matches(reference, damagedWords)
            let after = matches(reference, repairedWords)
            s.words += reference.count
            s.wordsCorrectBefore += before.count
            s.wordsCorrectAfter += after.count
            s.intactWords += before.count
            s.intactChanged += before.subtracting(after).count

            let referenceSyllables = syllables(reference)
            s.syllables += referenceSyllables.count
            s.syllablesCorrectBefore += matches(referenceSyllables, syllables(damagedWords)).count
            s.syllablesCorrectAfter += matches(referenceSyllables, syllables(repairedWords)).count

            let (outside, inside) = digitChanges(damaged[i], repaired[i])
            s.digitsChanged += outside
            s.inWordDigitsChanged += inside
        }
        s.lines = original.count
        return s
    }

    /// Maximal runs of non-space characters.
    static func words(_ line: String) -> [Substring] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    static func syllables(_ words: [Substring]) -> [Substring] {
        words.flatMap { $0.split(whereSeparator: { !$0.isLetter }) }
    }

    /// Indices in `a` of one longest common subsequence of `a` and `b` (ties broken the same
    /// way for every pair, so "intact before, changed after" compares like with like).
    static func matches(_ a: [Substring], _ b: [Substring]) -> Set<Int> {
        Set(alignment(a, b).map(\.0))
    }

    /// The pairs (index in `a`, index in `b`) of one longest common subsequence, in order.
    static func alignment(_ a: [Substring], _ b: [Substring]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        guard n > 0, m > 0 else { return [] }
        var table = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i * (m + 1) + j] = a[i] == b[j] ? table[(i + 1) * (m + 1) + j + 1] + 1
                    : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
            }
        }
        var found: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n && j < m {
            if a[i] == b[j] { found.append((i, j)); i += 1; j += 1 }
            else if table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] { i += 1 }
            else { j += 1 }
        }
        return found
    }

    /// The stretches where `repaired` differs from `original`: between two aligned words, the
    /// original's words and what stands in their place ("" when they vanished).
    static func errors(original: String, repaired: String) -> [(original: String, repaired: String)] {
        let a = words(original).filter { !$0.contains("?") }, b = words(repaired)
        var out: [(String, String)] = []
        var i = 0, j = 0
        for (mi, mj) in alignment(a, b) + [(a.count, b.count)] {
            if mi > i { out.append((a[i..<mi].joined(separator: " "), b[j..<mj].joined(separator: " "))) }
            i = mi + 1
            j = mj + 1
        }
        return out
    }

    /// Digit edits between a damaged and a repaired line: (outside words, inside words). A
    /// digit is inside a word when letters stand on both sides of it.
    static func digitChanges(_ damaged: String, _ repaired: String) -> (Int, Int) {
        func digits(_ line: String, inside: Bool) -> [Substring] {
            let c = Array(line)
            var out: [Substring] = []
            for k in c.indices where c[k].isASCII && c[k].isNumber {
                let isInside = k > 0 && k + 1 < c.count && c[k - 1].isLetter && c[k + 1].isLetter
                if isInside == inside { out.append(Substring(String(c[k]))) }
            }
            return out
        }
        func edits(_ inside: Bool) -> Int {
            let a = digits(damaged, inside: inside), b = digits(repaired, inside: inside)
            return a.count + b.count - 2 * matches(a, b).count
        }
        return (edits(false), edits(true))
    }
}
