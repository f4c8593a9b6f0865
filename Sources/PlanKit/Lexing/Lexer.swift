/// A logical block: a paragraph, heading or list item with its wrapped lines joined.
struct Block: Sendable {
    enum Kind: Sendable, Equatable {
        case text
        /// A table cell of a header laid out as a table.
        case cell
        /// A number alone on a line between parts of a paragraph: a PDF page number.
        case pageNumber
        /// A rule of dashes or underscores under the national motto.
        case rule
        /// A lone "|" between table cells laid out one per line.
        case cellBoundary
    }

    /// Where a physical line's text begins inside the block's text.
    struct Fragment: Sendable {
        var offset: Int
        var line: CleanLine
    }

    var kind: Kind
    var marker: ListMarker?
    /// Joined text without the marker.
    var text: ScalarText
    var fragments: [Fragment]
    var headingLevel: Int
    /// The text as a String, made once.
    let string: String

    /// Span of the whole block, marker included.
    /// (The lines are read in place: the outline and the extractors ask for spans often, and a
    /// copied line costs a retain and a release of each of its arrays.)
    var span: SourceSpan {
        let last = fragments.count - 1
        return SourceSpan(startLine: fragments[0].line.line, endLine: fragments[last].line.line,
                          startColumn: fragments[0].line.column(at: 0), endColumn: fragments[last].line.endColumn)
    }

    /// Line and column of a scalar offset in `text`.
    func position(_ offset: Int) -> (line: Int, column: Int) {
        var k = 0
        for n in fragments.indices where fragments[n].offset <= offset { k = n }
        let markerLength = fragments[k].offset == 0 ? (marker?.length ?? 0) : 0
        return (fragments[k].line.line, fragments[k].line.column(at: offset - fragments[k].offset + markerLength))
    }

    /// Span of a range of `text`.
    func span(of range: Range<Int>) -> SourceSpan {
        let start = position(range.lowerBound)
        let end = position(max(range.lowerBound, range.upperBound - 1))
        return SourceSpan(startLine: start.line, endLine: end.line, startColumn: start.column, endColumn: end.column + 1)
    }

    var isAllCaps: Bool { Lexer.isAllCaps(text.scalars[...]) }

    /// `text.string(range)`, copied out of `string`: the block's String holds exactly its scalars,
    /// so the range's UTF-8 offsets are the scalars' encoded lengths, and a String cut from a
    /// String is neither encoded again nor validated again.
    func string(_ range: Range<Int>) -> String {
        let from = Scalars.utf8Count(text.scalars[..<range.lowerBound])
        let length = Scalars.utf8Count(text.scalars[range])
        let utf8 = string.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: from)
        return String(string[start..<utf8.index(start, offsetBy: length)])
    }
}

/// Stage 1: source lines → blocks. Joins hard-wrapped lines, strips Markdown, reads list markers.
///
/// Blank lines do not separate paragraphs reliably: PDF text puts one between every line and
/// wraps sentences across them. A line continues the block before it when it starts in lower
/// case, or when the block's last line ends without terminal punctuation and is about as long
/// as the document's wrapped lines (a short line without a full stop ends a title or heading).
enum Lexer {
    static func lex(_ source: SourceText) -> [Block] {
        var clean: [CleanLine] = []
        clean.reserveCapacity(source.lines.count)
        for (i, line) in source.lines.enumerated() {
            CleanLine.make(line: i + 1, text: line, into: &clean)
        }
        clean = TwoColumns.reorder(clean)
        clean = splitGluedItems(clean)
        let wrap = estimateWrap(clean)
        let usualGap = estimateUsualGap(clean)

        var blocks: [Block] = []
        blocks.reserveCapacity(clean.count)  // a block holds one line at least
        var current: Builder? = nil
        var inCell = false
        var previousLine = 0
        /// Page numbers met inside a block, emitted after it so blocks stay in line order.
        var setAside: [Block] = []

        func flush() {
            if let builder = current { blocks.append(builder.build()) }
            current = nil
            blocks.append(contentsOf: setAside)
            setAside.removeAll()
        }

        for line in clean {
            let gap = line.line - previousLine - 1
            previousLine = line.line
            switch line.kind {
            case .cellBoundary:
                flush()
                inCell = true
                blocks.append(Builder(line, kind: .cellBoundary).build())
                continue
            case .inlineCell:
                flush()
                inCell = false
                // A cell holds a rule under the motto, a recipient ("- Sở Y tế;") or plain text.
                if isRule(line.text) {
                    blocks.append(Builder(line, kind: .rule).build())
                } else {
                    let marker = ListMarker.read(line.text[...])
                    blocks.append(Builder(line, kind: .cell, marker: marker?.style == .bullet ? marker : nil).build())
                }
                continue
            case .text:
                break
            }
            if inCell {
                // The table ends at a blank line, or where the body begins: the document type, a
                // Roman heading, a "Căn cứ" line.
                let marker = ListMarker.read(line.text[...])
                if gap > 0 || TwoColumns.isDocumentType(line.text) || opensBlock(line.text) {
                    inCell = false
                } else if let marker, marker.style == .bullet {
                    // "- Sở Y tế;": a recipient listed inside the closing's cell.
                    flush()
                    current = Builder(line, kind: .cell, marker: marker)
                    continue
                } else if marker?.style == .roman {
                    inCell = false
                } else if let cell = current, cell.kind == .cell, continuesCell(cell, with: line) {
                    current!.append(line)
                    continue
                } else {
                    flush()
                    current = Builder(line, kind: .cell)
                    continue
                }
            }
            if isPageNumber(line.text), current != nil {
                // Set aside; the paragraph it interrupts goes on after it.
                setAside.append(Builder(line, kind: .pageNumber).build())
                continue
            }
            if isRule(line.text) {
                flush()
                blocks.append(Builder(line, kind: .rule).build())
                continue
            }
            let marker = ListMarker.read(line.text[...])
            // More blank lines than the document usually leaves between lines: a break, unless the sentence plainly goes on.
            let wideGap = gap >= 2 && gap > usualGap && !(line.text.first.map(Scalars.isLowerLetter) ?? false)
            // Asked of the builder in place: passing `current!` as an argument copies it (and its fragments' references).
            if marker == nil, !wideGap, current?.isContinued(by: line, wrap: wrap) == true {
                current!.append(line)
            } else {
                flush()
                current = Builder(line, kind: .text, marker: marker)
            }
        }
        flush()
        return blocks
    }

    /// A block being assembled: its lines are kept, and its text is joined (into one array of the
    /// exact size) and lowercased once, when it is complete.
    struct Builder {
        var kind: Block.Kind
        var marker: ListMarker?
        var fragments: [Block.Fragment]
        var headingLevel: Int
        /// Scalars of the joined text so far (marker excluded): where the next line's fragment begins.
        var count: Int

        init(_ line: CleanLine, kind: Block.Kind, marker: ListMarker? = nil) {
            self.kind = kind
            self.marker = marker
            self.fragments = [Block.Fragment(offset: 0, line: line)]
            self.headingLevel = line.headingLevel
            self.count = line.text.count - min(marker?.length ?? 0, line.text.count)
        }

        mutating func append(_ line: CleanLine) {
            count += 1  // the space joining the lines
            fragments.append(Block.Fragment(offset: count, line: line))
            count += line.text.count
        }

        var lastLine: CleanLine { fragments[fragments.count - 1].line }

        /// ``Lexer/continues(_:with:wrap:)``, asked of the builder.
        func isContinued(by line: CleanLine, wrap: Wrap) -> Bool { Lexer.continues(self, with: line, wrap: wrap) }

        /// The first line's text after the marker.
        var firstText: ArraySlice<Unicode.Scalar> { fragments[0].line.text.dropFirst(marker?.length ?? 0) }

        /// The lines' texts joined by single spaces, marker left out. A one-line block without a
        /// marker shares its line's array; otherwise one array of the final size is filled.
        var scalars: [Unicode.Scalar] {
            if fragments.count == 1, (marker?.length ?? 0) == 0 { return fragments[0].line.text }
            return [Unicode.Scalar](unsafeUninitializedCapacity: count) { out, written in
                var k = 0
                let skip = min(marker?.length ?? 0, fragments[0].line.text.count)
                // By index, the lines' arrays read in place (iterating the fragments copies each line).
                for n in fragments.indices {
                    if n > 0 { (out.baseAddress! + k).initialize(to: " "); k += 1 }
                    fragments[n].line.text.withUnsafeBufferPointer { text in
                        let from = n == 0 ? skip : 0
                        guard let source = text.baseAddress, text.count > from else { return }
                        (out.baseAddress! + k).initialize(from: source + from, count: text.count - from)
                        k += text.count - from
                    }
                }
                written = k
            }
        }

        func build() -> Block {
            let scalars = self.scalars
            return Block(kind: kind, marker: marker, text: ScalarText(scalars), fragments: fragments, headingLevel: headingLevel,
                         string: stringFromSource() ?? Scalars.string(scalars))
        }

        /// `scalars` as a String, copied from the source lines' slices (already valid UTF-8; a String
        /// made from encoded scalars is validated again). Nil when a line had markup removed.
        func stringFromSource() -> String? {
            var total = 0
            for n in fragments.indices {
                guard let bytes = fragments[n].line.source?.utf8.count else { return nil }
                total += bytes + 1
            }
            var markerBytes = 0
            if let marker, marker.length > 0 {
                markerBytes = Scalars.utf8Count(fragments[0].line.text.prefix(marker.length))
            }
            // One line: its slice copied as it is (a String from a Substring is a copy of valid UTF-8).
            if fragments.count == 1 {
                let source = fragments[0].line.source!
                return String(source[source.utf8.index(source.startIndex, offsetBy: markerBytes)...])
            }
            var out = ""
            out.reserveCapacity(total)
            for n in fragments.indices {
                let source = fragments[n].line.source!
                if n == 0 {
                    out.append(contentsOf: source[source.utf8.index(source.startIndex, offsetBy: markerBytes)...])
                } else {
                    out.append(" ")
                    out.append(contentsOf: source)
                }
            }
            return out
        }
    }

    /// The block read again with another marker at its start (one the recognizer inferred).
    static func rebuild(_ block: Block, marker: ListMarker) -> Block {
        var builder = Builder(block.fragments[0].line, kind: block.kind, marker: marker)
        for fragment in block.fragments.dropFirst() { builder.append(fragment.line) }
        return builder.build()
    }

    /// Inside a table cell laid out one line per row of text: a line goes on with the cell's text
    /// when it starts in lower case or the line before is one word broken off ("ỦY" / "BAN NHÂN
    /// DÂN …", "CỘNG" / "HÒA XÃ HỘI …", "Số:" / "1782/QĐ-UBND", "Lâm" / "Đồng, ngày …");
    /// otherwise it is a line of its own ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH").
    static func continuesCell(_ cell: Builder, with line: CleanLine) -> Bool {
        guard let first = line.text.first else { return false }
        if Scalars.isLowerLetter(first) { return true }
        let last = cell.lastLine.text
        return cell.marker == nil && !last.contains(where: Scalars.isSpace) && last.count <= 8
    }

    /// Whether `line` goes on with `block` rather than starting a new one.
    static func continues(_ block: Builder, with line: CleanLine, wrap: Wrap) -> Bool {
        guard block.kind == .text, let first = line.text.first else { return false }
        if line.headingLevel > 0 { return false }
        // "Nơi nhận:" heads its own list.
        if block.fragments.count == 1, startsWith(block.firstText, Keywords.recipients) { return false }
        let last = block.lastLine
        // "peưn tiêu 2: …" after a sentence's end: a label OCR damaged, though it starts in lower case.
        if endsSentence(last.text), damagedIndicatorLabel(line.text[...]) != nil { return false }
        // A heading in capitals ends with its line even when OCR lost its marker's period ("IV TỔ
        // CHỨC THỰC HIỆN") and the paragraph under it begins with a damaged, lower-case word.
        if Scalars.isLowerLetter(first) {
            guard block.fragments.count == 1 else { return true }
            if isCapitalHeading(last.text) { return false }
            // A numbered line well short of the wrapped lines' width, without a closing
            // mark, ended there: "2.4. Phòng Giáo dục và Đào tạo" over a duty whose bullet OCR lost.
            if wrap.isKnown, let marker = block.marker, marker.style != .bullet, !endsSentence(last.text),
               let end = last.text.last, end != ",", last.text.count * 10 < wrap.width * 6 {
                return false
            }
            return true
        }
        if opensBlock(line.text) { return false }
        if isAllCaps(line.text[...]) || isAllCaps(last.text[...]) {
            // A Roman heading wrapped over two capital lines ("III. NHIỆM VỤ, GIẢI PHÁP" / "CHỦ YẾU").
            if case .roman = block.marker?.kind, isAllCaps(line.text[...]), isAllCaps(last.text[...]),
               !endsSentence(last.text) { return true }
            return false
        }
        if block.headingLevel > 0 { return false }
        // A line indented deeper than the one before, which ended a clause, opens a paragraph:
        // `pdftotext -layout` prints a justified page so ("…giai đoạn 2022 - 2025," / "    Ủy ban …").
        // (Measured from where the line before has its text: a first line's marker hangs to the left of it.)
        let lastTextColumn = block.fragments.count == 1 ? last.column + (block.marker?.length ?? 0) : last.column
        if line.column >= lastTextColumn + 3, let end = last.text.last, ".;:,!?…".unicodeScalars.contains(end) { return false }
        if endsSentence(last.text) {
            // In hard-wrapped text a line that fills the width did not end its paragraph,
            // even when a sentence happens to end with it.
            return wrap.isHard && block.marker?.style != .roman && last.text.count * 10 >= wrap.width * 9
        }
        // "… Trung tâm Giáo dục nghề nghiệp -" / "Giáo dục thường xuyên …": a name joined by a dash
        // never ends a paragraph.
        if last.text.count >= 3, let end = last.text.last, end == "-" || end == "–", Scalars.isSpace(last.text[last.text.count - 2]) {
            return true
        }
        if Scalars.isDigit(first) {
            // "2030." or "42/100.000 …" going on after "vào năm" / "giảm còn".
            return true
        }
        return last.text.count * 10 >= wrap.width * 6
    }

    /// A line that begins a block of its own whatever the line before it: "Căn cứ …" (each cited
    /// basis), "Chỉ tiêu 2: …" and "Mục tiêu 3: …" (an indicator or objective, even right under a
    /// long heading that PDF text wrapped), "Điều 2." (an article of a decision). A stray quote
    /// that OCR put before the line does not hide the label.
    static func opensBlock(_ text: [Unicode.Scalar]) -> Bool {
        if damagedIndicatorLabel(text[...]) != nil || parenthesizedNumber(text[...]) != nil { return true }
        // The label may follow debris and a damaged marker ("#H# đ. Mục tiêu 5"), never a word of
        // prose (two lower-case letters in a row).
        var inDebris = false
        for p in 0..<min(text.count, 12) {
            // "#Hft", "###HH‡": Markdown heading marks as OCR read them.
            if text[p] == "#" { inDebris = true } else if Scalars.isSpace(text[p]) { inDebris = false }
            if inDebris { continue }
            if p > 0, Scalars.isLowerLetter(text[p]), Scalars.isLowerLetter(text[p - 1]) { return false }
            // Every label begins with C, M or Đ ("Căn cứ", "Chỉ tiêu", "Mục tiêu", "Điều").
            let first = text[p]
            if first == "C" || first == "M" || first == "Đ", startsLabel(text[p...]) { return true }
        }
        return false
    }

    /// "An tiêu 3:", "- _ tiêu 2:", "VI ng tiêu 1:": a "Chỉ tiêu" or "Mục tiêu" label whose first
    /// word OCR damaged, with a bullet or specks before it. The label's number, or nil.
    static func damagedIndicatorLabel(_ text: ArraySlice<Unicode.Scalar>) -> Int? {
        var j = text.startIndex
        // A bullet and specks; a speck ("_", "¬") may be all that is left of the first word.
        var specks = false
        while j < text.endIndex, j - text.startIndex < 4, !Scalars.isLetter(text[j]) {
            if !Scalars.isSpace(text[j]), text[j] != "-", text[j] != "+", text[j] != "•" { specks = true }
            j += 1
        }
        let tieu: [Unicode.Scalar] = ["t", "i", "e", "u"]
        func isTieu(_ k: Int) -> Bool {
            k + 4 <= text.endIndex && (0..<4).allSatisfy({ VietnameseLetters.fold(text[k + $0]) == tieu[$0] })
                && (k + 4 == text.endIndex || !Scalars.isLetter(text[k + 4]))
        }
        // At most two short damaged words before "tiêu", the last not "chỉ" or "mục" written whole
        // (those labels are read as written).
        var words = 0
        var lastWord = j..<j
        while !isTieu(j) {
            let start = j
            while j < text.endIndex, !Scalars.isSpace(text[j]) { j += 1 }
            words += 1
            guard words <= 2, j - start <= 5, j < text.endIndex else { return nil }
            lastWord = start..<j
            while j < text.endIndex, Scalars.isSpace(text[j]) { j += 1 }
        }
        guard words >= 1 || specks else { return nil }
        let folded = text[lastWord].map(VietnameseLetters.fold)
        if folded == ["c", "h", "i"] || folded == ["m", "u", "c"] { return nil }
        j += 4
        while j < text.endIndex, Scalars.isSpace(text[j]) { j += 1 }
        var number = 0, digits = 0
        while j < text.endIndex, Scalars.isDigit(text[j]), digits < 3 { number = number * 10 + Int(text[j].value - 0x30); digits += 1; j += 1 }
        guard digits > 0, j < text.endIndex, text[j] == ":" || text[j] == "." else { return nil }
        return number
    }

    static func startsLabel(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        if prefixLength(rest, Keywords.basis) != nil { return true }
        for label in Keywords.itemLabels {
            guard let length = prefixLength(rest, label) else { continue }
            // The label's number and its ":" or "." ("Chỉ tiêu 2:", "Điều 1."), not "Mục tiêu chung của …".
            var j = rest.startIndex + length
            while j < rest.endIndex, Scalars.isSpace(rest[j]) { j += 1 }
            let digits = j
            while j < rest.endIndex, Scalars.isDigit(rest[j]) { j += 1 }
            if j > digits, j < rest.endIndex, rest[j] == ":" || rest[j] == "." { return true }
            // "Chỉ tiêu: …", the one indicator of its objective.
            if j == digits, j < rest.endIndex, rest[j] == ":" { return true }
        }
        return false
    }

    /// Lines with two list items glued where a web page's copy lost the line break between them
    /// ("… tham vấn.- **Chỉ tiêu 2:** …", "**3. Phòng Y tế**- Chịu trách nhiệm …"), split before
    /// the second item's dash. A dash glued to a full stop or a semicolon, or to bold markup that
    /// was removed, with a space and a capital after it, starts an item; "Lao động - Thương binh"
    /// (spaces both sides) and "chính trị- xã hội" (small letter after) do not.
    static func splitGluedItems(_ lines: [CleanLine]) -> [CleanLine] {
        var out: [CleanLine] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            guard line.kind == .text, line.text.count > 4, line.text.contains("-") else { out.append(line); continue }
            var rest = line
            var k = 1
            while k + 2 < rest.text.count {
                let t = rest.text
                guard t[k] == "-", t[k + 1] == " ", !Scalars.isSpace(t[k - 1]),
                      t[k - 1] == "." || t[k - 1] == ";" || rest.column(at: k) - rest.column(at: k - 1) > 1 else { k += 1; continue }
                var next = k + 1
                while next < t.count, Scalars.isSpace(t[next]) { next += 1 }
                guard next < t.count, Scalars.isUpper(t[next]) else { k += 1; continue }
                var head = rest
                head.text = Array(t[..<k])
                head.columns = rest.columns.map { Array($0[..<k]) }
                head.source = nil
                out.append(head)
                var tail = rest
                tail.text = Array(t[k...])
                tail.column = rest.column(at: k)
                tail.columns = rest.columns.map { Array($0[k...]) }
                tail.headingLevel = 0
                tail.source = nil
                rest = tail
                k = 1
            }
            out.append(rest)
        }
        return out
    }

    /// "(2) Đến năm 2030, …": an item numbered in parentheses, as some plans number their
    /// indicators; the number and where the text after it starts, or nil.
    static func parenthesizedNumber(_ text: ArraySlice<Unicode.Scalar>) -> (number: Int, textStart: Int)? {
        var j = text.startIndex
        guard j < text.endIndex, text[j] == "(" else { return nil }
        j += 1
        var number = 0
        while j < text.endIndex, Scalars.isDigit(text[j]), number < 100 {
            number = number * 10 + Int(text[j].value - 48)
            j += 1
        }
        guard j > text.startIndex + 1, number >= 1, number <= 30, j + 1 < text.endIndex, text[j] == ")",
              Scalars.isSpace(text[j + 1]) else { return nil }
        j += 1
        while j < text.endIndex, Scalars.isSpace(text[j]) { j += 1 }
        guard j < text.endIndex, Scalars.isLetter(text[j]) else { return nil }
        return (number, j)
    }

    /// Quotes and apostrophes OCR reads from specks before a line ("“Chỉ tiêu 2: …", "'Ủy ban …").
    static func isStrayQuote(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "'", "\"", "‘", "’", "“", "”", "`", "´", "ˆ", "„": true
        default: false
        }
    }

    /// Like ``startsWith(_:_:)`` with any run of spaces where the keyword has one ("Chỉ  tiêu" in
    /// justified text); the scalars the match takes, or nil.
    static func prefixLength(_ text: ArraySlice<Unicode.Scalar>, _ keyword: [Unicode.Scalar]) -> Int? {
        var i = text.startIndex
        for k in keyword {
            guard i < text.endIndex else { return nil }
            if k == " " {
                guard Scalars.isSpace(text[i]) else { return nil }
                while i < text.endIndex, Scalars.isSpace(text[i]) { i += 1 }
            } else {
                guard Scalars.lower(text[i]) == k else { return nil }
                i += 1
            }
        }
        return i - text.startIndex
    }

    /// Case-insensitive prefix test for a lower-case keyword.
    static func startsWith(_ text: ArraySlice<Unicode.Scalar>, _ keyword: [Unicode.Scalar]) -> Bool {
        guard text.count >= keyword.count else { return false }
        for k in 0..<keyword.count where Scalars.lower(text[text.startIndex + k]) != keyword[k] { return false }
        return true
    }

    /// Terminal punctuation a paragraph or list item ends with.
    static func endsSentence(_ text: [Unicode.Scalar]) -> Bool {
        guard let last = text.last else { return true }
        switch last {
        case ".", ":", ";", "!", "?", "…": return true
        default: return false
        }
    }

    /// Upper-case letters and no lower-case ones (at least two letters).
    static func isAllCaps(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        var letters = 0
        for s in text where Scalars.isLetter(s) {
            if !Scalars.isUpper(s) { return false }
            letters += 1
        }
        return letters >= 2
    }

    /// A line in capitals of two words or more, each of two letters or more ("IV TỔ CHỨC THỰC
    /// HIỆN", "MỤC ĐÍCH, YÊU CẦU"): a heading, not a fragment of a sentence.
    static func isCapitalHeading(_ text: [Unicode.Scalar]) -> Bool {
        guard isAllCaps(text[...]) else { return false }
        var words = 0, run = 0
        for s in text {
            if Scalars.isLetter(s) { run += 1; continue }
            if run >= 2 { words += 1 }
            run = 0
        }
        if run >= 2 { words += 1 }
        return words >= 2
    }

    /// "9", "- 9 -": a page number alone on its line.
    static func isPageNumber(_ text: [Unicode.Scalar]) -> Bool {
        var digits = 0
        for s in text {
            if Scalars.isDigit(s) { digits += 1 } else if s != "-" && s != "–" && !Scalars.isSpace(s) { return false }
        }
        return digits >= 1 && digits <= 3
    }

    /// "––––––––", "_____", "-----": a rule, not a bullet.
    static func isRule(_ text: [Unicode.Scalar]) -> Bool {
        guard text.count >= 3 else { return false }
        return text.allSatisfy { $0 == "-" || $0 == "–" || $0 == "—" || $0 == "_" || $0 == "=" || Scalars.isSpace($0) }
    }

    /// The number of blank lines most often found between two text lines (1 in PDF text that double-spaces, else 0).
    static func estimateUsualGap(_ lines: [CleanLine]) -> Int {
        var counts: [Int: Int] = [:]
        // By index, reading the line numbers in place (iterating pairs copies every line twice).
        for k in lines.indices.dropFirst() where lines[k].line > lines[k - 1].line {
            counts[min(lines[k].line - lines[k - 1].line - 1, 4), default: 0] += 1
        }
        return counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key ?? 0
    }

    /// How the document wraps its lines.
    struct Wrap {
        /// The width wrapped lines reach (80th percentile of the lines followed by a lower-case continuation).
        var width: Int
        /// Many wrapped lines of about the same width: text pulled from a PDF, not one paragraph per line.
        var isHard: Bool
        /// Enough wrapped lines to tell the width.
        var isKnown: Bool { width < Wrap.unknown.width }
        static let unknown = Wrap(width: Int.max / 10, isHard: false)
    }

    static func estimateWrap(_ lines: [CleanLine]) -> Wrap {
        var lengths: [Int] = []
        // By index, reading the lines in place (iterating pairs copies every line twice).
        for k in lines.indices.dropFirst() where lines[k - 1].kind == .text && lines[k].kind == .text {
            if let first = lines[k].text.first, Scalars.isLowerLetter(first), ListMarker.read(lines[k].text[...]) == nil {
                lengths.append(lines[k - 1].text.count)
            }
        }
        // Too few wrapped lines to tell the width: never join on a capital letter.
        guard lengths.count >= 3 else { return .unknown }
        lengths.sort()
        let p80 = lengths[min(lengths.count - 1, lengths.count * 8 / 10)]
        let p20 = lengths[lengths.count * 2 / 10]
        return Wrap(width: p80, isHard: lengths.count >= 8 && p20 * 10 >= p80 * 7)
    }
}
