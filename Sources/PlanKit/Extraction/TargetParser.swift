/// Reads the numeric targets of an indicator's sentence.
///
/// Works clause by clause (a clause ends at ";" or "."): first the year phrases
/// ("vào năm 2025", "đến năm 2030", "từ năm 2025 trở đi") and the numbers with a unit
/// ("60%", "1,4 lần", "18/1.000", "109 bé trai/100 bé gái", "04 tin, bài"); then each
/// target takes its year. A clause that names its year first ("Đến năm 2025 đạt 80% và
/// đến 2030 đạt 90%") binds each target to the year before it; otherwise ("đạt 60% vào năm
/// 2025 và 75% vào năm 2030") to the year after it. Numbers inside parentheses, document
/// numbers, dates and year ranges are never targets.
enum TargetParser {
    struct Found {
        var target: Target
        var range: Range<Int>
    }

    /// Targets in `range` of the block's text, in order, plus the numbers that could not be read.
    static func parse(_ block: Block, range: Range<Int>) -> (targets: [Target], unreadable: [Range<Int>]) {
        let t = TokenStream(block.text, range: range)
        var targets: [Target] = []
        var unreadable: [Range<Int>] = []
        var clauseStart = 0
        var i = 0
        /// "Đến năm 2030: 90% …; 70% …", "Đến năm 2030, trên 90% …; 70% …", "Đến năm 2025 có 80% …;
        /// 50% …": a year set at the head of the sentence, before a colon, a comma or the verb that
        /// brings in the figures, holds for the clauses after it.
        var heading: YearPhrase? = nil
        /// A head before a verb reaches only the clauses that go on with a figure ("…; 50% …"), not
        /// a new statement ("…; Phấn đấu 100% …").
        var headingByVerb = false
        /// Where the sentence's targets begin in `targets`: "85% …; 60% … vào năm 2025." ends the
        /// sentence with a year that holds for its earlier clauses' figures too.
        var sentenceStart = 0
        while i <= t.count {
            let atEnd = i == t.count
            if atEnd || t.is(i, Words.semicolon) || t.is(i, Words.period) {
                let clause = parseClause(t, clauseStart..<i, unreadable: &unreadable)
                let clauseTargets = targets.count
                let headed = clauseStart == 0
                if clauseStart == 0 || heading != nil, let phrase = yearPhrase(t, at: clauseStart, clause: clauseStart..<i) {
                    let next = phrase.tokens.upperBound
                    if t.is(next, Words.colon) || t.is(next, Words.comma) {
                        heading = phrase
                        headingByVerb = false
                    } else if clauseStart == 0, t.is(next, Words.have) || t.is(next, Words.reach), t.isNumber(next + 1) {
                        heading = phrase
                        headingByVerb = true
                    }
                }
                let reached = !headingByVerb || headed || t.isNumber(clauseStart)
                for found in clause {
                    var target = found.target
                    if target.year == nil, reached, let heading {
                        target.year = heading.year
                        target.fromYearOn = heading.fromYearOn
                    }
                    target.text = block.text.string(found.range)
                    target.span = block.span(of: found.range)
                    targets.append(target)
                }
                if atEnd || t.is(i, Words.period) {
                    // The last clause ends with its year ("… trong năm 2025."): the earlier clauses'
                    // figures without one take it.
                    if clauseTargets > sentenceStart, let last = targets.last, targets.count > clauseTargets,
                       let year = last.year, !last.fromYearOn,
                       (max(clauseStart, i - 2)..<i).contains(where: { t.year($0) == year }) {
                        for k in sentenceStart..<clauseTargets where targets[k].year == nil && !targets[k].fromYearOn {
                            targets[k].year = year
                        }
                    }
                    sentenceStart = targets.count
                }
                clauseStart = i + 1
                // The head's year holds to the end of its sentence.
                if t.is(i, Words.period) { heading = nil }
            }
            i += 1
        }
        return (targets, unreadable)
    }

    /// Whether an indicator measures a share: its national counterpart is one, or its words say so.
    static func isShare(_ indicator: Indicator, national: NationalIndicator?) -> Bool {
        let lower = indicator.text.lowercased()
        return national?.targets.first?.unit == .percent || lower.contains("tỷ lệ") || lower.contains("tỷ trọng")
    }

    /// Numbers over 100 where a share's value stands without its "%" ("đạt 4096 vào năm 2025",
    /// "6096 cơ quan"): OCR reads "%" as "96" or drops it, and no target is read there. A number
    /// counting something ("120 lao động nữ", "1.296 lao động") or a year is left alone; outside a
    /// share's indicator only a number no one writes so is taken: four digits or more ending in 96,
    /// without the thousands dot, and no year. Each as written.
    static func sharesWithoutPercent(_ text: String, isShare: Bool) -> [String] {
        let original = Array(text.unicodeScalars)
        // `lowercased()` lowers scalar by scalar, and only U+0130 (İ) becomes two scalars, which
        // would misalign the two arrays: lowered through the literal tables, the same scalars.
        guard !original.contains("\u{0130}") else { return [] }
        let scalars = Scalars.lowered(original)
        func isNumeric(_ s: Unicode.Scalar) -> Bool { s.value < 0x80 ? s.value >= 0x30 && s.value <= 0x39 : s.properties.numericType != nil }
        func isNumberPart(_ s: Unicode.Scalar) -> Bool { isNumeric(s) || s == "." || s == "," }
        var found: [String] = []
        var i = 0
        while i < scalars.count {
            guard isNumeric(scalars[i]), i == 0 || !isNumberPart(scalars[i - 1]) else { i += 1; continue }
            var end = i
            while end < scalars.count, isNumberPart(scalars[end]) { end += 1 }
            defer { i = end }
            var digits = String(String.UnicodeScalarView(scalars[i..<end]))
            while digits.last == "." || digits.last == "," { digits.removeLast() }
            guard let value = Int(digits), value > 100 else { continue }
            let before = String(String.UnicodeScalarView(scalars[max(0, i - 6)..<i]))
            if before.hasSuffix("năm ") || before.hasSuffix("số ") { continue }
            var next = end
            while next < scalars.count, scalars[next] == " " { next += 1 }
            let rest = String(String.UnicodeScalarView(scalars[next..<min(scalars.count, next + 6)]))
            let followedByWord = rest.first.map { $0.isLetter } ?? false
            let percentAsDigits = value % 100 == 96 && value / 100 <= 100
                && (isShare || (!digits.contains(".") && value >= 1000 && !(1900...2100).contains(value)))
            guard isShare || percentAsDigits else { continue }
            guard !rest.hasPrefix("%"), !rest.hasPrefix("/"),
                  // "đạt 7096 các cơ quan": a share of something; "120 lao động nữ" counts them.
                  percentAsDigits || !followedByWord
                    || ["vào", "và", "đến", "trong", "năm", "trở", "các", "những", "số", "tổng"].contains(where: rest.hasPrefix) else { continue }
            found.append(String(String.UnicodeScalarView(original[i..<end])))
        }
        return found
    }

    struct YearPhrase {
        var year: Int
        var fromYearOn: Bool
        var tokens: Range<Int>
    }

    struct Candidate {
        var value: Double
        var unit: TargetUnit
        var comparator: Comparator
        var number: Int
        var tokens: Range<Int>
        var baseline: Double?
        /// Index of the range end this candidate starts ("từ 2% đến 3%").
        var rangeEnd: Int?
    }

    static func parseClause(_ t: TokenStream, _ clause: Range<Int>, unreadable: inout [Range<Int>]) -> [Found] {
        guard !clause.isEmpty else { return [] }
        var years: [YearPhrase] = []
        var candidates: [Candidate] = []
        var skipUntil = clause.lowerBound
        var pendingBaseline: Double? = nil
        var i = clause.lowerBound
        // The words asked of every token, read from their globals once (each read of a global
        // is a `swift_once` call).
        let openParen = Words.openParen, closeParen = Words.closeParen, numberWord = Words.number, day = Words.day
        while i < clause.upperBound {
            defer { i += 1 }
            if i < skipUntil { continue }
            // Parenthesised asides cite documents and dates: never targets.
            if t.is(i, openParen) {
                var depth = 0
                var j = i
                while j < clause.upperBound {
                    if t.is(j, openParen) { depth += 1 }
                    if t.is(j, closeParen) { depth -= 1; if depth == 0 { break } }
                    j += 1
                }
                skipUntil = j + 1
                continue
            }
            // "số 855/QĐ-UBND", "ngày 28/4/2020": citations.
            if t.is(i, numberWord), t.isNumber(i + 1) {
                var j = i + 1
                while j + 1 < clause.upperBound, t[j + 1].range.lowerBound == t[j].range.upperBound { j += 1 }
                skipUntil = j + 1
                continue
            }
            if t.is(i, day), let (_, next) = DateReading.any(t, at: i) {
                skipUntil = next
                continue
            }
            if let phrase = yearPhrase(t, at: i, clause: clause) {
                years.append(phrase)
                skipUntil = phrase.tokens.upperBound
                continue
            }
            // "giai đoạn 2021-2025", "2021 - 2030": a period, not a target.
            if t.year(i) != nil {
                if (t.is(i + 1, Words.hyphen) || t.is(i + 1, Words.enDash)), t.year(i + 2) != nil { skipUntil = i + 3 }
                continue
            }
            guard t.isNumber(i) || (t.is(i, Words.one) && t.is(i - 1, Words.most) && t.is(i - 2, Words.little)) else { continue }
            // "ca sinh/1.000 phụ nữ": a rate's denominator, not a count.
            if t.is(i - 1, Words.slash) { continue }

            let value: Double
            if t.isNumber(i) {
                guard let v = NumberReading.value(t.text, t[i].range) else {
                    unreadable.append(t[i].range)
                    continue
                }
                value = v
            } else {
                // "ít nhất một cơ sở y tế" but not "ít nhất một trong các dịch vụ".
                guard !t.is(i + 1, Words.within) else { continue }
                value = 1
            }
            // "giảm từ 23 xuống 18/1.000": the number it starts from, written without its unit.
            if t.is(i - 1, Words.from), t.isNumber(i), startsDecrease(t, after: i + 1, clause: clause),
               unit(t, after: i, clause: clause, isWordNumber: false) == nil {
                pendingBaseline = value
                continue
            }
            // "16/12/2020": a date without "ngày".
            if t.isNumber(i), let (_, next) = DateReading.slashed(t, at: i), !isRate(t, slashAt: i + 1) {
                skipUntil = next
                continue
            }
            guard let (unit, unitEnd) = unit(t, after: i, clause: clause, isWordNumber: !t.isNumber(i)) else { continue }
            var comparator = comparatorBefore(t, i, clause: clause)
            var start = comparatorStart(t, i, clause: clause)
            var end = unitEnd
            var rangeEnd: Int? = nil
            // "từ 50% trở lên", "85% trở lên"
            if t.is(end, Words.onward), t.is(end + 1, Words.up) {
                comparator = .gte
                end += 2
            }
            if t.is(i - 1, Words.from) {
                start = i - 1
                if let down = decreaseWord(t, after: unitEnd, clause: clause) {
                    // "giảm từ 23 ca sinh/1.000 phụ nữ xuống 18/1.000": a baseline for what follows;
                    // its year ("… phụ nữ năm 2020 xuống") is no target's.
                    pendingBaseline = value
                    skipUntil = down
                    continue
                }
                if t.is(unitEnd, Words.to), t.isNumber(unitEnd + 1) {
                    comparator = .gte
                    rangeEnd = candidates.count + 1
                } else if comparator == .eq {
                    comparator = .gte
                }
            }
            // "100% xã … mỗi quý có ít nhất 04 tin, bài": what each unit of the share has is part of
            // the measure, as in the national strategy's indicator 6.3, not a target of its own.
            if unit == .count, let share = candidates.last, share.unit == .percent, t.is(start - 1, Words.have),
               (share.tokens.upperBound..<start).contains(where: { t.is($0, Words.each) }) {
                skipUntil = end
                continue
            }
            candidates.append(Candidate(value: value, unit: unit, comparator: comparator, number: i,
                                        tokens: start..<end, baseline: pendingBaseline, rangeEnd: rangeEnd))
            pendingBaseline = nil
            if t.is(i - 1, Words.to), let last = candidates.indices.dropLast().last, candidates[last].rangeEnd == candidates.count - 1 {
                candidates[candidates.count - 1].comparator = .lte
            }
            skipUntil = end
        }
        return bindYears(t, candidates, years)
    }

    /// Whether "xuống", "còn" or "lên" follows within a few words (and before any other number):
    /// the number before was where the indicator starts from.
    static func startsDecrease(_ t: TokenStream, after start: Int, clause: Range<Int>) -> Bool {
        decreaseWord(t, after: start, clause: clause) != nil
    }

    /// Where the "xuống" / "còn" / "lên" of ``startsDecrease(_:after:clause:)`` is, or nil.
    static func decreaseWord(_ t: TokenStream, after start: Int, clause: Range<Int>) -> Int? {
        var k = start
        var limit = start + 5
        while k < min(limit, clause.upperBound) {
            // "từ 25/1.000 phụ nữ (năm 2020) xuống …": an aside in parentheses is passed over.
            if t.is(k, Words.openParen), let close = (k..<min(k + 8, clause.upperBound)).first(where: { t.is($0, Words.closeParen) }) {
                limit += close - k + 1
                k = close + 1
                continue
            }
            // "từ 27/1.000 phụ nữ năm 2020 xuống …": the baseline's year.
            if t.is(k, Words.year), k + 1 < clause.upperBound, t.year(k + 1) != nil {
                limit += 2
                k += 2
                continue
            }
            guard !t.isNumber(k), !t.is(k, Words.onward) else { break }
            if t.is(k, Words.down) || t.is(k, Words.remain) || t.is(k, Words.up) { return k }
            k += 1
        }
        return nil
    }

    static func bindYears(_ t: TokenStream, _ candidates: [Candidate], _ years: [YearPhrase]) -> [Found] {
        guard !candidates.isEmpty else { return [] }
        let yearFirst = !years.isEmpty && years[0].tokens.lowerBound < candidates[0].number
        var found: [Found] = []
        for (index, candidate) in candidates.enumerated() {
            var phrase: YearPhrase? = nil
            /// Whether the target's text takes in its year phrase (not the clause's one shared year).
            var textTakesYear = true
            if yearFirst {
                phrase = years.last(where: { $0.tokens.upperBound <= candidate.number })
            } else {
                let owner = candidate.rangeEnd.map { candidates[$0] } ?? candidate
                let nextTarget = candidates.indices.contains(index + 1) && candidate.rangeEnd == nil
                    ? candidates[index + 1].number : Int.max
                phrase = years.first(where: { $0.tokens.lowerBound >= owner.tokens.upperBound && $0.tokens.lowerBound < (candidate.rangeEnd == nil ? nextTarget : Int.max) })
                // "… đạt 99% và … đạt 92% vào năm 2030": one year, written once after every target, holds for all.
                if phrase == nil, years.count == 1, let last = candidates.last, years[0].tokens.lowerBound >= last.tokens.upperBound {
                    phrase = years[0]
                    textTakesYear = false
                }
            }
            var tokens = candidate.tokens
            if let phrase, textTakesYear {
                if yearFirst, index == 0 || phrase.tokens.lowerBound >= candidates[index - 1].tokens.upperBound {
                    tokens = min(tokens.lowerBound, phrase.tokens.lowerBound)..<tokens.upperBound
                } else if !yearFirst, candidate.rangeEnd == nil {
                    tokens = tokens.lowerBound..<max(tokens.upperBound, phrase.tokens.upperBound)
                }
            }
            let range = t[tokens.lowerBound].range.lowerBound..<t[tokens.upperBound - 1].range.upperBound
            let target = Target(value: candidate.value, unit: candidate.unit, comparator: candidate.comparator,
                                year: phrase?.year, fromYearOn: phrase?.fromYearOn ?? false, baseline: candidate.baseline,
                                text: "", span: SourceSpan(startLine: 0, endLine: 0))
            found.append(Found(target: target, range: range))
        }
        return found
    }

    /// "vào năm 2025", "năm 2030", "đến năm 2030", "đến 2030", "từ năm 2025 trở đi", "từ năm 2025".
    static func yearPhrase(_ t: TokenStream, at i: Int, clause: Range<Int>) -> YearPhrase? {
        // A phrase starts with one of its words ("vào", "đến", "tới", "trong", "từ", "năm"; a bare
        // year is refused below): a number or a symbol at `i` (about half the tokens it is asked
        // of) starts none, and is refused before the words (globals, a `swift_once` each) are read.
        guard i >= 0, i < t.count, t[i].kind == .word else { return nil }
        // Nor does a word with another first letter than theirs ("v", "đ", "t", "n").
        let first = t.text.lowered[t[i].range.lowerBound]
        guard first == "t" || first == "đ" || first == "v" || first == "n" else { return nil }
        var j = i
        var fromWord = false
        if t.is(j, Words.inYear) || t.is(j, Words.to) || t.is(j, Words.toAlt) || t.is(j, Words.within) {
            j += 1
        } else if t.is(j, Words.from) {
            fromWord = true
            j += 1
        }
        // "so với năm 2020": the year the change is measured from, not the one the target is for.
        if t.is(i, Words.year) || t.year(i) != nil, t.is(i - 1, Words.with), t.is(i - 2, Words.compare) { return nil }
        let hasYearWord = t.is(j, Words.year)
        // "năm 2025" right after "từ" was already read (and refused) from the "từ".
        if hasYearWord, j == i, t.is(i - 1, Words.from) { return nil }
        if hasYearWord { j += 1 }
        guard j < clause.upperBound, let year = t.year(j) else { return nil }
        // A bare year needs a preposition ("đến 2030"); "2021-2025" is a period.
        guard hasYearWord || (j > i && !fromWord) else { return nil }
        if t.is(j + 1, Words.hyphen) || t.is(j + 1, Words.enDash), t.year(j + 2) != nil { return nil }
        var end = j + 1
        var fromYearOn = false
        if fromWord {
            if t.is(end, Words.onward), t.is(end + 1, Words.onwardTail) {
                end += 2
                fromYearOn = true
            } else if t.is(end, Words.to) || t.is(end, Words.toAlt) {
                // "từ năm 2025 đến năm 2030": the range ends where the target holds.
                return nil
            } else {
                fromYearOn = true
            }
        }
        return YearPhrase(year: year, fromYearOn: fromYearOn, tokens: i..<end)
    }

    /// Whether the slash after a number introduces a rate denominator (/100.000, /1.000, /100).
    static func isRate(_ t: TokenStream, slashAt s: Int) -> Bool {
        guard t.is(s, Words.slash), t.isNumber(s + 1), let value = NumberReading.value(t.text, t[s + 1].range) else { return false }
        return value == 100_000 || value == 1_000 || value == 100 || value == 10_000
    }

    static let countNouns: [Phrase] = ["tin", "bài", "cơ sở", "mô hình", "lớp", "cuộc", "buổi", "lượt", "đơn vị",
                                       "câu lạc bộ", "nhóm", "trường", "chuyên mục", "chuyên đề", "sản phẩm", "tổ",
                                       "điểm", "nhà", "địa chỉ", "phóng sự", "chương trình", "hội nghị", "đợt",
                                       // People: "ít nhất 01 nữ", "01 lãnh đạo chủ chốt là nữ", "120 lao động nữ".
                                       "nữ", "phụ nữ", "người", "lao động", "lãnh đạo", "cán bộ", "đại biểu", "thành viên",
                                       "học viên", "hộ", "gia đình", "trẻ em", "nạn nhân"].map(Phrase.init)
    static let rateWords: [Phrase] = ["ca sinh", "ca", "trẻ", "người", "trường hợp"].map(Phrase.init)
    static let boys = Phrase("bé trai")
    static let girls = Phrase("bé gái")

    /// The unit after the number at `i`, and the token index after the unit.
    static func unit(_ t: TokenStream, after i: Int, clause: Range<Int>, isWordNumber: Bool) -> (TargetUnit, Int)? {
        let j = i + 1
        if !isWordNumber {
            if t.is(j, Words.percent) { return (.percent, j + 1) }
            // "khám thai ít nhất 4 lần trong 3 thời kỳ": a frequency inside the measure, no ratio.
            if t.is(j, Words.times) { return t.is(j + 1, Words.within) ? nil : (.times, j + 1) }
            if t.matches(j, boys), t.is(j + 2, Words.slash), t.isNumber(j + 3), t.matches(j + 4, girls) {
                return (.per100Girls, j + 6)
            }
            var k = j
            for words in rateWords where t.matches(k, words) { k += words.count; break }
            if t.is(k, Words.slash), t.isNumber(k + 1), let denominator = NumberReading.value(t.text, t[k + 1].range) {
                if denominator == 100_000 { return (.per100k, k + 2) }
                if denominator == 1_000 { return (.per1k, k + 2) }
                return nil
            }
        }
        // Counts: "04 tin, bài", "một cơ sở y tế". A year, a duration or a bare number is not one.
        guard j < clause.upperBound, t[j].kind == .word else { return nil }
        if isWordNumber || countNouns.contains(where: { t.matches(j, $0) }) {
            let noun = countNouns.first(where: { t.matches(j, $0) })
            return (.count, j + (noun?.count ?? 1))
        }
        return nil
    }

    /// The comparator the words just before the number at `i` state.
    static func comparatorBefore(_ t: TokenStream, _ i: Int, clause: Range<Int>) -> Comparator {
        let p = i - 1
        guard p >= clause.lowerBound else { return .eq }
        if t.is(p, Words.less) { return .lt }
        if t.is(p, Words.greater) { return .gt }
        if t.is(p, Words.lessEqual) { return .lte }
        if t.is(p, Words.greaterEqual) { return .gte }
        // "không thấp hơn 35%", "cao hơn 50%" (before "hơn" alone, "more than").
        if t.is(p, Words.than), t.is(p - 1, Words.lower) { return t.is(p - 2, Words.not) ? .gte : .lt }
        if t.is(p, Words.than), t.is(p - 1, Words.higher) { return t.is(p - 2, Words.not) ? .lte : .gt }
        if t.is(p, Words.above) || t.is(p, Words.more) { return .gt }
        if t.is(p, Words.below) { return t.is(p - 1, Words.not) ? .gte : .lt }
        if t.is(p, Words.over), t.is(p - 1, Words.not) { return .lte }
        // "không vượt quá 111 bé trai/100 bé gái".
        if t.is(p, Words.over), t.is(p - 1, Words.exceed), t.is(p - 2, Words.not) { return .lte }
        if t.is(p, Words.most), t.is(p - 1, Words.little) { return .gte }
        if t.is(p, Words.least), t.is(p - 1, Words.minimum) { return .gte }
        if t.is(p, Words.maxWord), t.is(p - 1, Words.minimum) { return .lte }
        if t.is(p, Words.approximately) || (t.is(p, Words.roughlyTail) && t.is(p - 1, Words.roughly)) { return .approx }
        return .eq
    }

    /// "không dưới", "ít nhất", "xấp xỉ", …: comparators of two words.
    static let twoWordComparators = [(Words.not, Words.below), (Words.not, Words.over), (Words.little, Words.most),
                                     (Words.minimum, Words.least), (Words.minimum, Words.maxWord), (Words.roughly, Words.roughlyTail)]

    /// Where the target's own words begin: its comparator and the verb right before ("đạt", "còn", "ở mức").
    static func comparatorStart(_ t: TokenStream, _ i: Int, clause: Range<Int>) -> Int {
        var start = i
        if t.is(i - 3, Words.not), t.is(i - 2, Words.exceed) || t.is(i - 2, Words.lower) || t.is(i - 2, Words.higher),
           t.is(i - 1, Words.over) || t.is(i - 1, Words.than) {
            start = i - 3
        } else if t.is(i - 1, Words.than), t.is(i - 2, Words.lower) || t.is(i - 2, Words.higher) {
            start = i - 2
        } else if twoWordComparators.contains(where: { t.is(i - 2, $0.0) && t.is(i - 1, $0.1) }) {
            start = i - 2
        } else if t.is(i - 1, Words.less) || t.is(i - 1, Words.greater) || t.is(i - 1, Words.above) || t.is(i - 1, Words.below)
                    || t.is(i - 1, Words.approximately) || t.is(i - 1, Words.more) || t.is(i - 1, Words.lessEqual) || t.is(i - 1, Words.greaterEqual) {
            start = i - 1
        }
        return max(start, clause.lowerBound)
    }
}
