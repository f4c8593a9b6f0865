/// Reads the objectives ("Mục tiêu N: Trong lĩnh vực …"), their indicators ("Chỉ tiêu N: …")
/// with targets, and the "Giải pháp thực hiện" under each, wherever the plan numbers them.
enum ObjectiveExtractor {
    static let objectiveWords = Phrase("mục tiêu")
    static let indicatorWords = Phrase("chỉ tiêu")
    static let indicatorsLabel = Phrase("các chỉ tiêu")
    static let solutionsWords = Phrase("giải pháp")

    private enum Mode { case indicators, solutions }

    /// Objectives are looked for in the objectives sections, then in any section but the
    /// organization and reporting ones, then in text with no sections at all (a web page or a
    /// news article that lists the objectives and their indicators).
    static func extract(_ outline: Outline, diagnostics: inout [Diagnostic]) -> [Objective] {
        var roots = outline.sections.filter { $0.kind == .objectives }
        var objectives = scan(diagnostics: &diagnostics) { visit in for root in roots { root.walk(visit) } }
        if objectives.isEmpty {
            roots = outline.sections.filter { $0.kind != .organization && $0.kind != .reporting }
            objectives = scan(diagnostics: &diagnostics) { visit in for root in roots { root.walk(visit) } }
        }
        if objectives.isEmpty {
            objectives = scan(diagnostics: &diagnostics) { visit in
                for block in outline.preamble + outline.closing { visit(block, false, 1) }
            }
        }
        return objectives
    }

    /// The objectives among the blocks `walk` visits (block, whether it heads a section, its depth).
    private static func scan(diagnostics: inout [Diagnostic], _ walk: ((Block, Bool, Int) -> Void) -> Void) -> [Objective] {
        var objectives: [Objective] = []
        var objectiveDepth = Int.max
        var mode = Mode.indicators
        /// "Các chỉ tiêu:" with nothing after it: the next paragraph is the (unnumbered) indicator.
        var awaitingIndicatorText = false
        /// "Các chỉ tiêu:" over unnumbered bullets: each bullet is the next indicator.
        var bulletsAreIndicators = false
        /// A table of targets under the objective: the year of each column, read off its header row.
        var table = YearTable()
        /// The block and text range of the last indicator read from a label, for a label lost after it.
        var lastIndicatorSource: (block: Block, range: Range<Int>)?

        do {
            walk { block, isHeading, depth in
                if !objectives.isEmpty, isHeading, depth <= objectiveDepth {
                    objectiveDepth = Int.max
                }
                // Only labels at the start are read here: up to five tokens of debris before the label
                // (`labelStart`), the label, its number and colon, and the token after them, which
                // tells `label` whether the text goes on.
                let t = TokenStream(block.text, maxTokens: 10)
                var read = label(t, objectiveWords).map { (number: $0.0, titleStart: $0.1, damaged: false) }
                    ?? damagedObjectiveLabel(t).map { (number: 0, titleStart: $0, damaged: true) }
                // "peưn tiêu 2: Giảm khoảng cách giới trong lĩnh vực kinh tế": a label whose first word
                // is lost is an objective's when its number follows the objective before and either
                // does not follow that objective's last indicator or names a domain.
                if read == nil, let number = Lexer.damagedIndicatorLabel(block.text.scalars[...]), let last = objectives.last,
                   number == last.number + 1, let colon = labelEnd(t),
                   number != (last.indicators.last?.number ?? 0) + 1
                    || isObjectiveTitle(block.text.scalars[t[colon].range.upperBound...], number: number) {
                    read = (number, t[colon].range.upperBound, true)
                }
                if let (written, titleStart, damaged) = read {
                    // "a) Mục tiêu 1 - Lĩnh vực chính trị: Chỉ tiêu 1: …; Chỉ tiêu 2: …": indicators on the objective's own line.
                    let inline = block.text.count - titleStart > 40 ? inlineIndicators(block, after: titleStart) : nil
                    var titleRange = block.text.trimmed(titleStart..<(inline?.titleEnd ?? block.text.count))
                    while titleRange.count > 0, block.text.scalars[titleRange.upperBound - 1] == "." || block.text.scalars[titleRange.upperBound - 1] == ":" {
                        titleRange = titleRange.lowerBound..<(titleRange.upperBound - 1)
                    }
                    let title = block.string(titleRange)
                    let domain = domain(of: block.text)
                    var number = written
                    if damaged, written > 0 {
                        diagnostics.append(Diagnostic(.inferredStructure,
                                                      "'\(block.string.prefix(40))' read as objective \(number): the first word of its label is damaged and its number follows objective \(number - 1)",
                                                      span: block.span))
                    } else if damaged {
                        // "Mục tiêu á: Trong lĩnh vực y tế": the national strategy's order of domains gives the
                        // number (y tế → 4); without a domain, the one after the objective before.
                        number = domain.flatMap { d in Domain.allCases.firstIndex(of: d).map { $0 + 1 } } ?? ((objectives.last?.number ?? 0) + 1)
                        diagnostics.append(Diagnostic(.inferredStructure,
                                                      "'\(block.string.prefix(60))' read as objective \(number): its number is damaged; \(domain == nil ? "it follows objective \(number - 1)" : "its domain is objective \(number)'s in the national strategy")",
                                                      span: block.span))
                    }
                    objectives.append(Objective(number: number, title: title, domain: domain,
                                                span: block.span, inferred: damaged ? true : nil))
                    for item in inline?.items ?? [] {
                        addIndicator(number: item.number, block: block, textRange: item.range,
                                     to: &objectives[objectives.count - 1], diagnostics: &diagnostics)
                    }
                    objectiveDepth = depth
                    mode = .indicators
                    awaitingIndicatorText = false
                    bulletsAreIndicators = false
                    table = YearTable()
                    lastIndicatorSource = nil
                    return
                }
                // An objective closed by a damaged heading under it ("2. .1. Các c ỉ tiêu:" read as a
                // section "2.") before any indicator: its indicators still follow it.
                if objectiveDepth == Int.max, let last = objectives.last, last.indicators.isEmpty,
                   label(t, indicatorWords) != nil {
                    objectiveDepth = depth - 1
                }
                guard objectiveDepth != Int.max, !objectives.isEmpty else { return }
                let current = objectives.count - 1
                objectives[current].span = objectives[current].span.union(block.span)
                if block.kind == .cell {
                    table.read(block, into: &objectives[current], diagnostics: &diagnostics)
                    return
                }

                var labelled = label(t, indicatorWords, allowMissingNumber: true) ?? label(t, indicatorsLabel, allowMissingNumber: true)
                var damagedLabel = false
                // "An tiêu 3: …": the label's first word damaged by OCR; "tiêu" and the number remain.
                if labelled == nil, let number = Lexer.damagedIndicatorLabel(block.text.scalars[...]),
                   let colon = labelEnd(t) {
                    labelled = (number, t[colon].range.upperBound)
                    damagedLabel = true
                }
                // "- Phấn đấu … vào năm 2025 (Chỉ tiêu 2).": the label at the end, in parentheses.
                if labelled == nil, mode == .indicators, let trailing = trailingLabel(block.text.scalars) {
                    addIndicator(number: trailing.number, block: block, textRange: block.text.trimmed(0..<trailing.textEnd),
                                 to: &objectives[current], diagnostics: &diagnostics)
                    awaitingIndicatorText = false
                    return
                }
                // "(2) Đến năm 2030, …": indicators numbered in parentheses, in their order.
                if labelled == nil, mode == .indicators, let item = Lexer.parenthesizedNumber(block.text.scalars[...]),
                   item.number == (objectives[current].indicators.last?.number ?? 0) + 1 {
                    labelled = item
                }
                if let (number, textStart) = labelled {
                    mode = .indicators
                    let textRange = block.text.trimmed(textStart..<block.text.count)
                    if textRange.isEmpty {
                        awaitingIndicatorText = true
                        // "Các chỉ tiêu:" names more than one: the bullets after it are the indicators.
                        bulletsAreIndicators = number == 0 && label(t, indicatorWords, allowMissingNumber: true) == nil
                        return
                    }
                    // No number written ("Chỉ tiêu:", or one lost: "Chỉ tiêu  :"): the one after the indicator before.
                    let previous = objectives[current].indicators.last?.number ?? 0
                    if number == previous + 2, let source = lastIndicatorSource {
                        splitLostLabel(source, missing: previous + 1, of: &objectives[current], diagnostics: &diagnostics)
                    }
                    lastIndicatorSource = (block, textRange)
                    let inference = damagedLabel ? "the first word of its label is damaged"
                        : number == 0 && previous > 0 ? "its number is not written or lost" : nil
                    addIndicator(number: number == 0 ? previous + 1 : number, block: block, textRange: textRange,
                                 to: &objectives[current], inference: inference, diagnostics: &diagnostics)
                    awaitingIndicatorText = false
                    return
                }
                if t.matches(0, solutionsWords) {
                    mode = .solutions
                    awaitingIndicatorText = false
                    return
                }
                if awaitingIndicatorText || (bulletsAreIndicators && mode == .indicators && block.marker?.style == .bullet) {
                    awaitingIndicatorText = false
                    addIndicator(number: objectives[current].indicators.count + 1, block: block,
                                 textRange: 0..<block.text.count, to: &objectives[current], diagnostics: &diagnostics)
                    return
                }
                if mode == .solutions {
                    objectives[current].solutions.append(TextBlock(role: .paragraph, marker: block.marker?.raw,
                                                                   text: block.string, span: block.span))
                }
            }
        }
        return objectives
    }

    /// "… vào năm 2025 (Chỉ tiêu 2)." → (2, where the parenthesis opens), or nil.
    static func trailingLabel(_ text: [Unicode.Scalar]) -> (number: Int, textEnd: Int)? {
        var j = text.count - 1
        while j >= 0, text[j] == "." || text[j] == ";" || Scalars.isSpace(text[j]) { j -= 1 }
        guard j >= 0, text[j] == ")" else { return nil }
        j -= 1
        var number = 0, place = 1
        while j >= 0, Scalars.isDigit(text[j]), place < 1000 {
            number += Int(text[j].value - 48) * place
            place *= 10
            j -= 1
        }
        guard place > 1, number >= 1 else { return nil }
        while j >= 0, Scalars.isSpace(text[j]) { j -= 1 }
        let label: [Unicode.Scalar] = Array("chi tieu".unicodeScalars)
        guard j + 1 >= label.count else { return nil }
        let start = j + 1 - label.count
        for k in 0..<label.count where VietnameseLetters.fold(text[start + k]) != label[k] && !(label[k] == " " && Scalars.isSpace(text[start + k])) {
            return nil
        }
        guard start >= 1, text[start - 1] == "(" else { return nil }
        return (number, start - 1)
    }

    /// A Markdown table of targets under an objective, read cell by cell as the lexer gives them:
    /// a header row "| Chỉ tiêu | Năm 2026 | Năm 2030 |" gives each column its year; a row
    /// "| 1. Tỷ lệ lao động nữ … | 58% | Khoảng 65% |" is indicator 1, each cell a target in its
    /// column's year.
    struct YearTable {
        var years: [Int?] = []
        var rowLine = 0
        var column = 0
        var headerLine = 0
        /// The indicator the current row adds to (its index in the objective's indicators).
        var row: Int?

        mutating func read(_ block: Block, into objective: inout Objective, diagnostics: inout [Diagnostic]) {
            if block.span.startLine != rowLine {
                rowLine = block.span.startLine
                column = 0
                row = nil
            } else {
                column += 1
            }
            let scalars = block.text.scalars
            let t = TokenStream(block.text, maxTokens: 6)
            if column == 0, t.matches(0, ObjectiveExtractor.indicatorWords) || t.matches(0, ObjectiveExtractor.indicatorsLabel),
               !scalars.contains(where: Scalars.isDigit) {
                headerLine = rowLine
                years = [nil]
                return
            }
            if rowLine == headerLine {
                years.append((0..<t.count).lazy.compactMap { t.year($0) }.first)
                return
            }
            guard !years.isEmpty else { return }
            if column == 0 {
                // "1. Tỷ lệ …": the row's indicator, numbered as written or after the one before.
                var number = (objective.indicators.last?.number ?? 0) + 1
                var textStart = 0
                if t.isNumber(0), let n = t.integer(0), t.is(1, Words.period) || t.is(1, Words.closeParen), t.count > 2 {
                    number = n
                    textStart = t[2].range.lowerBound
                }
                let range = block.text.trimmed(textStart..<block.text.count)
                objective.indicators.append(Indicator(id: "MT\(objective.number).CT\(number)", number: number,
                                                      text: block.string(range), span: block.span, targets: []))
                row = objective.indicators.count - 1
                return
            }
            guard let row, column < years.count else { return }
            var (targets, _) = TargetParser.parse(block, range: 0..<block.text.count)
            for k in targets.indices where targets[k].year == nil { targets[k].year = years[column] }
            objective.indicators[row].targets += targets
            objective.indicators[row].span = objective.indicators[row].span.union(block.span)
        }
    }

    /// Indicators written on the objective's own line, after its title and a colon: labelled ("…:
    /// Chỉ tiêu 1: …; Chỉ tiêu 2: …") or one unnumbered with a figure ("Mục tiêu 5 - Lĩnh vực giáo
    /// dục, đào tạo: duy trì … đạt 99,2%", indicator 1). Where the title ends, and each indicator's
    /// number and text; nil when the line holds none.
    static func inlineIndicators(_ block: Block, after start: Int) -> (titleEnd: Int, items: [(number: Int, range: Range<Int>)])? {
        let t = TokenStream(block.text)
        let from = t.index(atOrAfter: start)
        var labels: [(at: Int, number: Int, textStart: Int)] = []
        for i in from..<t.count where t.matches(i, indicatorWords) {
            let n = i + indicatorWords.count
            guard let number = t.integer(n), t.is(n + 1, Words.colon), n + 2 < t.count else { continue }
            labels.append((i, number, t[n + 2].range.lowerBound))
        }
        if !labels.isEmpty {
            var items: [(number: Int, range: Range<Int>)] = []
            for (k, label) in labels.enumerated() {
                var end = k + 1 < labels.count ? t[labels[k + 1].at].range.lowerBound : block.text.count
                // The "; " before the next label belongs to neither.
                while end > label.textStart, [";", " "].contains(block.text.scalars[end - 1]) { end -= 1 }
                items.append((label.number, block.text.trimmed(label.textStart..<end)))
            }
            return (t[labels[0].at].range.lowerBound, items)
        }
        // One indicator after the title's colon, with a figure in it.
        guard let colon = (from..<t.count).first(where: { t.is($0, Words.colon) }), colon + 1 < t.count,
              domain(of: block.text) != nil,
              block.text.scalars[t[colon + 1].range.lowerBound...].contains(where: Scalars.isDigit) else { return nil }
        return (t[colon].range.lowerBound, [(1, block.text.trimmed(t[colon + 1].range.lowerBound..<block.text.count))])
    }

    /// Indicator N+1's label lost inside the paragraph of indicator N, the one before N+2
    /// ("… vào năm 2030. ng sac Đến năm 2025 đạt 80% …": OCR destroyed "- Chỉ tiêu 2:" and the line
    /// went on with the paragraph before). The paragraph is cut after the first sentence followed by
    /// something no sentence begins with (a lower-case word, debris) and holding a number; clean
    /// text, whose sentences begin with capitals, is never cut.
    private static func splitLostLabel(_ source: (block: Block, range: Range<Int>), missing: Int,
                                       of objective: inout Objective, diagnostics: inout [Diagnostic]) {
        let text = source.block.text.scalars
        guard let last = objective.indicators.last, last.number == missing - 1 else { return }
        var cut: Int?
        var k = source.range.lowerBound
        while k + 2 < source.range.upperBound {
            if text[k] == ".", Scalars.isSpace(text[k + 1]) {
                var next = k + 1
                while next < source.range.upperBound, Scalars.isSpace(text[next]) { next += 1 }
                if next < source.range.upperBound, !Scalars.isUpper(text[next]), !Scalars.isDigit(text[next]),
                   text[next..<source.range.upperBound].contains(where: Scalars.isDigit) {
                    cut = next
                    break
                }
            }
            k += 1
        }
        guard let cut else { return }
        let block = source.block
        objective.indicators.removeLast()
        addIndicator(number: last.number, block: block, textRange: block.text.trimmed(source.range.lowerBound..<cut),
                     to: &objective, diagnostics: &diagnostics)
        objective.indicators[objective.indicators.count - 1].inferred = last.inferred
        addIndicator(number: missing, block: block, textRange: block.text.trimmed(cut..<source.range.upperBound), to: &objective,
                     inference: "its label is lost: the text after indicator \(missing - 1)'s first sentence, before indicator \(missing + 1)",
                     diagnostics: &diagnostics)
    }

    private static func addIndicator(number: Int, block: Block, textRange: Range<Int>, to objective: inout Objective,
                                     inference: String? = nil, diagnostics: inout [Diagnostic]) {
        // Why the indicator was not read as written, for its PK040 note.
        if let inference {
            diagnostics.append(Diagnostic(.inferredStructure,
                                          "'\(block.string.prefix(40))' read as indicator \(number) of objective \(objective.number): \(inference)",
                                          span: block.span))
        }
        let (targets, unreadable) = TargetParser.parse(block, range: textRange)
        for range in unreadable {
            diagnostics.append(Diagnostic(.unreadableNumber,
                                          "number '\(block.text.string(range).prefix(40))' cannot be read as a target value",
                                          span: block.span(of: range)))
        }
        objective.indicators.append(Indicator(id: "MT\(objective.number).CT\(number)", number: number,
                                              text: block.string(textRange), span: block.span, targets: targets,
                                              inferred: inference == nil ? nil : true))
    }

    /// "Mục tiêu 2: …" / "Chỉ tiêu 3. …" / "Chỉ tiêu: …" at the start: the number (0 when absent) and where the rest begins.
    static func label(_ t: TokenStream, _ words: Phrase, allowMissingNumber: Bool = false) -> (Int, Int)? {
        guard let start = labelStart(t, words) else { return nil }
        var j = start + words.count
        var number = 0
        if let n = t.integer(j) {
            number = n
            j += 1
        } else if j < t.count, t[j].range.count == 1, ["I", "l", "|"].contains(t.text.scalars[t[j].range.lowerBound]),
                  t.is(j + 1, Words.colon) || t.is(j + 1, Words.period) {
            // "Chỉ tiêu I:", "Mục tiêu l:": OCR's reading of the digit 1.
            number = 1
            j += 1
        } else if !allowMissingNumber {
            return nil
        }
        // The label ends with ":", "." or "-"; "Mục tiêu 1 Trong lĩnh vực …" without one is accepted too.
        if t.is(j, Words.colon) || t.is(j, Words.period) || t.is(j, Words.hyphen) || t.is(j, Words.enDash) {
            return (number, t[j].range.upperBound)
        }
        if number == 0 { return nil }
        guard j < t.count else { return (number, t.text.count) }
        // "mục tiêu 2 của Kế hoạch": a reference, not a heading.
        if t.is(j, Words.of) || t.is(j, Words.and) || t.is(j, Words.comma) { return nil }
        return (number, t[j].range.lowerBound)
    }

    /// Where the label begins among the first tokens: after specks OCR or lost glyphs left (". Mục
    /// tiêu 3", "“Chỉ tiêu 2"), a damaged marker ("#4 d. Mục tiêu 4", "#HHHH a. Mục tiêu 1"), but
    /// never after a word of prose ("Thực hiện mục tiêu 2": a reference, not a label).
    static func labelStart(_ t: TokenStream, _ words: Phrase) -> Int? {
        /// Inside a run glued to a "#" ("#Hft", "##HH†", "#4Htft"): heading marks as OCR read them.
        var inHashRun = false
        for k in 0..<min(8, t.count) {
            if t.matches(k, words) || t.matchesFolded(k, words) { return k }
            let r = t[k].range
            inHashRun = t.is(k, ["#"]) || (inHashRun && k > 0 && t[k - 1].range.upperBound == r.lowerBound)
            if !inHashRun, t[k].kind == .word, r.count >= 3, t.text.scalars[r].contains(where: Scalars.isLowerLetter) { return nil }
            // Past the marks, as many tokens as before: a damaged marker and its period.
            if !inHashRun, k >= 6 { return nil }
        }
        return nil
    }

    /// The first ":" or "." of a label whose first word is damaged ("peưn tiêu 2: …"): where it ends.
    static func labelEnd(_ t: TokenStream) -> Int? {
        (0..<t.count).first(where: { t.is($0, Words.colon) || t.is($0, Words.period) })
    }

    /// "Mục tiêu á: Trong lĩnh vực …": the objective label with its number damaged into a short
    /// word or symbol before the colon. Where the title begins, or nil.
    static func damagedObjectiveLabel(_ t: TokenStream) -> Int? {
        guard let start = labelStart(t, objectiveWords) else { return nil }
        let j = start + objectiveWords.count
        // One damaged token (not a number: that label was read) and then the colon.
        if j + 1 < t.count, !t.isNumber(j), t[j].range.count <= 2, t.is(j + 1, Words.colon) { return t[j + 1].range.upperBound }
        // The number lost whole ("Mục tiêu  : Trong lĩnh vực …"): a gap of two spaces or more where
        // it stood, and a domain to number it by ("Mục tiêu: …" without a gap is a general aim).
        if j < t.count, t.is(j, Words.colon), t[j].range.lowerBound - t[j - 1].range.upperBound >= 2,
           domain(of: t.text) != nil {
            return t[j].range.upperBound
        }
        return nil
    }

    static let domainKeywords: [(Domain, [Phrase])] = [
        (.politics, [Phrase("chính trị"), Phrase("lãnh đạo"), Phrase("vị trí quản lý")]),
        (.economyLabour, [Phrase("kinh tế"), Phrase("lao động")]),
        (.familyGBV, [Phrase("gia đình"), Phrase("bạo lực")]),
        (.health, [Phrase("y tế"), Phrase("sức khỏe"), Phrase("sức khoẻ")]),
        (.education, [Phrase("giáo dục"), Phrase("đào tạo")]),
        (.informationCommunication, [Phrase("thông tin"), Phrase("truyền thông")]),
    ]

    /// An objective's title after its label: a short phrase that names a domain ("Trong lĩnh vực
    /// y tế"), not an indicator's sentence with its figures ("Mỗi năm hỗ trợ … cho ít nhất 120
    /// lao động nữ").
    /// A longer one (the national strategy's own titles run to twenty words: "Nâng cao chất lượng đời
    /// sống gia đình, phòng ngừa và ứng phó với bạo lực trên cơ sở giới") when its domain is the
    /// national strategy's objective `number`.
    static func isObjectiveTitle(_ title: ArraySlice<Unicode.Scalar>, number: Int? = nil) -> Bool {
        guard !title.contains(where: { Scalars.isDigit($0) || $0 == "%" }) else { return false }
        let words = title.split(whereSeparator: Scalars.isSpace).count
        guard words <= 24, let found = domain(of: ScalarText(String(String.UnicodeScalarView(title)))) else { return false }
        return words <= 16 || number.map { Domain.allCases.firstIndex(of: found) == $0 - 1 } == true
    }

    static func domain(of text: ScalarText) -> Domain? {
        let t = TokenStream(text)
        for (domain, phrases) in domainKeywords {
            for i in 0..<t.count where phrases.contains(where: { t.matches(i, $0) }) { return domain }
        }
        return nil
    }
}
