/// A first look at a document that decides, without loading the language model, whether it can
/// be damaged at all. Clean text is by far the common case in `plankit parse`, and loading the
/// lexicon costs tens of milliseconds per process; a clean document must pay nothing for the
/// repair stage, so only documents this screen flags go on to ``DocumentAnalysis``.
///
/// Clean Vietnamese plan text has three easy signatures: words separated by single spaces, most
/// words carrying marks, and a large share of its words among the corpus's few hundred most
/// frequent ones ("của", "và", "các", "bình", "đẳng", "giới", …). Each damage kind breaks one of
/// them: lost glyphs leave runs of spaces and fragments inside lines, missing diacritics take the
/// marks away, and legacy-font swaps or OCR confusions turn frequent words into rare strings.
/// OCR letter confusions that touch a few words in two hundred ("nărn", "Iuật", "TỶ lệ") move
/// none of the shares; they leave letter shapes clean text never has, which the screen counts
/// as ``ScreenCounts/letterConfusions`` (see ``OCRSignature``).
enum DamageScreen {
    /// Share of words among the frequent ones below which a document may be damaged. The clean
    /// seeds have 0.90–0.92; a legacy-font swap brings one down to 0.74, stripped marks to 0.15.
    static let minimumFrequentShare = 0.85
    /// Share of words with marks below which a document may have lost its diacritics.
    static let minimumMarkedShare = 0.6

    /// Words looked at (a plan has 3 000–6 000): enough for the shares to settle, few enough
    /// that the screen costs clean text about 0.01 ms per KB.
    static let sampleWords = 1500

    /// The shipped corpus's most frequent words, as ``key(_:)``s: the screen hashes each word as
    /// it reads it instead of building a `String` (it runs on every document `parse` sees).
    static let shippedFrequentWords: Set<UInt64> = keys(CorpusStatistics.frequentWords)

    static func keys(_ words: [String]) -> Set<UInt64> { Set(words.map { MeasureWords.key($0.unicodeScalars) }) }

    /// ``shippedFrequentWords`` as a ``KeyTable`` (the screen asks it once per word).
    static let shippedFrequentTable = KeyTable(shippedFrequentWords)

    /// Whether the document could be damaged (and needs the full analysis).
    ///
    /// Reads the lines' UTF-8 directly (a native String's bytes are valid UTF-8) with its tables
    /// held in local buffers; `frequent` is looked up through a ``KeyTable`` (the shipped one is
    /// built once; a custom corpus's few hundred words are tabled per call).
    static func mayBeDamaged(_ lines: [String], frequent: Set<UInt64> = shippedFrequentWords) -> Bool {
        // Set equality is an identity test first: the shipped set costs nothing to recognise.
        let table = frequent == shippedFrequentWords ? shippedFrequentTable : KeyTable(frequent)
        return screen(lines, frequent: table)
    }

    private static func screen(_ lines: [String], frequent: KeyTable) -> Bool {
        var counts = ScreenCounts()
        for line in lines {
            // A sample decides: damage shows throughout a document, and the screen's cost must
            // not grow with it (parse speed on clean text is what archives pay).
            if counts.words >= sampleWords { break }
            var line = line
            line.withUTF8 { counts.read($0, frequent: frequent) }
        }
        return counts.verdict
    }
}

/// What ``DamageScreen`` counts over its sample. The counters live in a struct read line by line
/// through a mutating method (an `inout self`, which the optimiser keeps in registers across the
/// loop over a line's bytes; the same counters captured by a closure are loaded and stored for
/// every scalar).
private struct ScreenCounts {
    var words = 0, marked = 0, frequentWords = 0, textLines = 0, spacedLines = 0, tooLong = 0, joined = 0
    /// Words with the shape of an OCR letter confusion (``OCRSignature``).
    var letterConfusions = 0

    /// Reads one line's UTF-8 (valid: a native String's bytes). An ASCII byte takes its table word
    /// from ``ScalarTables/latin`` directly; other scalars are decoded and classified.
    mutating func read(_ utf8: UnsafeBufferPointer<UInt8>, frequent: KeyTable) {
        let basis = MeasureWords.keyBasis
        var word = basis, wordLength = 0
        var wordMarked = false
        var vowelGroups = 0, lastWasVowel = false, lastWasDigit = false, allUpper = true
        var spaces = 0
        var seenLetter = false
        var innerRuns = 0
        // OCR letter confusions (``OCRSignature``): "rn" is looked for in the rare words; a word
        // of mixed case other than a capitalized one is looked at again when it ends (rare), and
        // a two-letter syllable in capitals ("TỶ") then waits for a small word after one space.
        // The word's shape is one register: its first byte's offset (low 32 bits), flags, and
        // its count of capitals (from bit 40): the loop's other counters keep theirs.
        var shape: UInt64 = 0
        let startsUpper: UInt64 = 1 << 34
        let startsWithI: UInt64 = 1 << 35, pairBefore: UInt64 = 1 << 36, oneUpper: UInt64 = 1 << 40
        var words = self.words, marked = self.marked, frequentWords = self.frequentWords
        var tooLong = self.tooLong, joined = self.joined
        let before = words
        @inline(__always) func flush(_ end: Int) {
            guard wordLength > 0 else { return }
            words += 1
            if wordMarked { marked += 1 }
            // Lost spaces ("Chỉtiêu", "Kếhoạch"): a syllable has at most seven letters and one
            // group of vowels.
            // Abbreviations in capitals ("UBMTTQVN") are no syllables and no damage.
            if !allUpper && (wordLength > 7 || vowelGroups > 1) { tooLong += 1 }
            let start = Int(truncatingIfNeeded: shape & 0xFFFF_FFFF)
            if frequent.contains(word) {
                frequentWords += 1
            } else if wordLength <= 7 && wordLength >= 3 && ScreenCounts.holdsRN(utf8, from: start, to: end) {
                // Only a rare word can hold "rn"; a syllable has at most seven letters
                // ("nghiệrn" = nghiệm), "Internet" is none.
                self.letterConfusions += 1
            }
            let uppers = shape >> 40
            // Capitals other than a capitalized word's first letter (not an I): rare, looked at
            // out of line.
            if uppers > 0 && (allUpper ? wordLength == 2 : !(uppers == 1 && shape & (startsUpper | startsWithI) == startsUpper)) {
                if allUpper {
                    // A consonant and a vowel ("TỶ", "SỞ"), not an abbreviation ("UB", "TP") or a numeral.
                    shape = lastWasVowel && vowelGroups == 1 && !ScreenCounts.romanPair(utf8, from: start, to: end) ? pairBefore : 0
                } else {
                    if ScreenCounts.mixedCaseConfusion(utf8, from: start, to: end) { self.letterConfusions += 1 }
                    shape = 0
                }
            } else {
                shape = 0
            }
            word = basis
            wordLength = 0
            wordMarked = false
            vowelGroups = 0
            lastWasVowel = false
            allUpper = true
        }
        ScalarTables.latin.withUnsafeBufferPointer { latin in
            var i = 0
            let n = utf8.count
            while i < n {
                let at = i
                let value: UInt32
                let entry: UInt32
                let b = utf8[i]
                if b < 0x80 {
                    value = UInt32(b)
                    entry = latin[Int(b)]
                    i += 1
                } else {
                    let scalar = Scalars.decode(utf8, at: &i)
                    value = scalar.value
                    // Lower case, letter and vowel in one table word (``Scalars/classify(_:)``).
                    entry = Scalars.classify(scalar)
                }
                if entry & ScalarTables.letterBit != 0 {
                    let lower = entry & ScalarTables.lowerMask
                    if spaces >= 2 && seenLetter { innerRuns += 1 }
                    if lastWasDigit { joined += 1 }
                    lastWasDigit = false
                    let vowel = entry & ScalarTables.vowelBit != 0
                    if vowel && !lastWasVowel { vowelGroups += 1 }
                    lastWasVowel = vowel
                    if wordLength == 0 {
                        // A small word right after "TỶ" (one space between).
                        if shape & pairBefore != 0 && spaces == 1 && lower == value { self.letterConfusions += 1 }
                        shape = UInt64(truncatingIfNeeded: at) | (lower != value ? startsUpper : 0) | (value == 0x49 ? startsWithI : 0)
                    }
                    if lower == value {
                        allUpper = false
                    } else {
                        shape &+= oneUpper
                    }
                    spaces = 0
                    seenLetter = true
                    // MeasureWords.key, as it goes
                    word = MeasureWords.extendKey(word, unsafeBitCast(lower, to: Unicode.Scalar.self))
                    wordLength += 1
                    if value >= 0x80 { wordMarked = true }
                    continue
                }
                let digit = value >= 0x30 && value <= 0x39
                if digit && wordLength > 0 { joined += 1 }  // "năm2025"
                flush(at)
                if value != 0x20 { shape = 0 }
                lastWasDigit = digit
                if value == 0x20 { spaces += 1 } else { spaces = 0 }
            }
        }
        flush(utf8.count)
        self.words = words; self.marked = marked; self.frequentWords = frequentWords
        self.tooLong = tooLong; self.joined = joined
        if words > before { textLines += 1 }
        if innerRuns > 0 { spacedLines += 1 }
    }

    /// Whether a word of mixed case (not merely capitalized, or a capital I then small letters)
    /// holds an l ("KlNH", "lI"), starts with a capital I before a small vowel ("Iuật"; an l
    /// always has a vowel after it, a Vietnamese word opening with I a consonant: "In", "Ích")
    /// or starts with two capitals ("THực").
    @inline(never)
    static func mixedCaseConfusion(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var i = start, k = 0, first: Unicode.Scalar = " ", secondUpper = false
        while i < end {
            let s = Scalars.decode(utf8, at: &i)
            if s == "l" { return true }
            if k == 0 { first = s }
            if k == 1 {
                let entry = Scalars.classify(s)
                secondUpper = entry & ScalarTables.lowerMask != s.value
                if first == "I" && !secondUpper && entry & ScalarTables.vowelBit != 0 { return true }
            }
            k += 1
        }
        return secondUpper
    }

    /// Whether the word's bytes hold "rn".
    @inline(__always)
    static func holdsRN(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var i = start + 1
        while i < end {
            if utf8[i] == 0x6E && utf8[i - 1] == 0x72 { return true }
            i += 1
        }
        return false
    }

    /// Whether a two-letter word in capitals is a Roman numeral ("II", "VI").
    @inline(never)
    static func romanPair(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        @inline(__always) func roman(_ b: UInt8) -> Bool {
            b == 0x49 || b == 0x56 || b == 0x58 || b == 0x4C || b == 0x43 || b == 0x44 || b == 0x4D
        }
        return end - start == 2 && roman(utf8[start]) && roman(utf8[start + 1])
    }

    var verdict: Bool {
        guard words > 0 else { return false }
        let total = Double(words)
        if spacedLines >= 2 && Double(spacedLines) >= 0.05 * Double(textLines) { return true }
        if Double(marked) / total < DamageScreen.minimumMarkedShare { return true }
        if Double(frequentWords) / total < DamageScreen.minimumFrequentShare { return true }
        return tooLong + joined + letterConfusions > 0
    }
}


/// The shapes an OCR letter confusion leaves in a word, which clean Vietnamese text does not
/// have: "rn" (no syllable holds it: "nărn" = năm, "trorng" = trong), a capital I among small letters ("Iuật" =
/// luật), a small l among capitals ("KlNH" = KINH, "lI" = II), capitals before small letters
/// ("THực", "MỤc") and a two-letter syllable in capitals before a small word ("TỶ lệ"). A
/// document whose only damage is a few such words has clean shares throughout; ``DamageScreen``
/// counts the shapes as it reads, and ``DocumentAnalysis`` asks ``hasConfusion(_:lexicon:)``,
/// which checks each one with the lexicon: the word as written is no known word, and undoing the
/// one confusion makes it a seen one.
enum OCRSignature {
    /// Whether some word of `lines` is an OCR letter confusion by the rules above.
    static func hasConfusion(_ lines: [String], lexicon: Lexicon) -> Bool {
        for line in lines {
            let scalars = Array(line.unicodeScalars)
            var i = 0
            while i < scalars.count {
                guard VietnameseLetters.isLetter(scalars[i]) else { i += 1; continue }
                var j = i
                while j < scalars.count && VietnameseLetters.isLetter(scalars[j]) { j += 1 }
                if isConfusion(scalars[i..<j], next: nextWord(scalars, after: j), lexicon: lexicon) { return true }
                i = j
            }
        }
        return false
    }

    /// The first letter of the word after a single space, if one follows directly.
    private static func nextWord(_ scalars: [Unicode.Scalar], after end: Int) -> Unicode.Scalar? {
        guard end + 1 < scalars.count, scalars[end] == " ", VietnameseLetters.isLetter(scalars[end + 1]) else { return nil }
        return scalars[end + 1]
    }

    static func isRomanNumeral<C: Collection>(_ word: C) -> Bool where C.Element == Unicode.Scalar {
        !word.isEmpty && word.allSatisfy { "IVXLCDM".unicodeScalars.contains($0) }
    }

    private static func isConfusion(_ word: ArraySlice<Unicode.Scalar>, next: Unicode.Scalar?, lexicon: Lexicon) -> Bool {
        let model = lexicon.model
        let upper = word.map(VietnameseLetters.isUpper)
        let anyUpper = upper.contains(true), anyLower = upper.contains(false)
        let lower = word.map(VietnameseLetters.lower)
        func known(_ letters: [Unicode.Scalar]) -> Bool {
            guard let id = model.id(Scalars.string(letters)) else { return false }
            return model.seen(id)
        }
        // Capitals read for small letters: the word in small letters is a seen syllable.
        if word.count >= 2 && upper[0] && upper[1] {
            if anyLower && word.count >= 3 && upper[2...].allSatisfy({ !$0 }) {
                return known(lower) && isSyllable(lower, model)
            }
            if word.count == 2, let next, !VietnameseLetters.isUpper(next), !isRomanNumeral(word) {
                return known(lower) && isSyllable(lower, model)
            }
        }
        // The other confusions leave a word that is no word at all.
        if model.id(Scalars.string(lower)) != nil {
            return false
        }
        if let r = (0..<max(0, lower.count - 1)).first(where: { lower[$0] == "r" && lower[$0 + 1] == "n" }) {
            var fixed = lower
            fixed.replaceSubrange(r...(r + 1), with: ["m"])
            if known(fixed) { return true }
            fixed = lower
            fixed.remove(at: r)  // "trorng" = trong
            if known(fixed) { return true }
        }
        if anyLower, let k = word.firstIndex(of: "I") {
            var fixed = lower
            fixed[k - word.startIndex] = "l"
            if known(fixed) { return true }
        }
        if anyUpper, let k = word.firstIndex(of: "l") {
            var fixed = Array(word)
            fixed[k - word.startIndex] = "I"
            if isRomanNumeral(fixed) && fixed.count >= 2 { return true }
            if known(fixed.map(VietnameseLetters.lower)) { return true }
        }
        return false
    }

    private static func isSyllable(_ lower: [Unicode.Scalar], _ model: LanguageModel) -> Bool {
        guard let id = model.id(Scalars.string(lower)) else { return false }
        return model.isSyllable[Int(id)]
    }
}
