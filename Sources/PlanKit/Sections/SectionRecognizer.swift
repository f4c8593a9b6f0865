/// Stage 2: blocks → ``Outline``. Builds the numbered hierarchy and names the top-level parts.
///
/// Nesting follows the marker styles: a marker of a style already open on the stack closes
/// everything below that one and becomes its sibling; a new style nests under the current
/// section, except that a style that ranks higher (arabic "2.1." after a letter "a.") first
/// closes the lower-ranked ones. Roman numerals always start a top-level section.
enum SectionRecognizer {
    static func recognize(_ blocks: [Block]) -> Outline {
        var inferences: [Diagnostic] = []
        let blocks = inferMarkers(blocks, diagnostics: &inferences)
        var outline = outline(blocks)
        outline.inferences = inferences
        return outline
    }

    /// Markers OCR or lost glyphs damaged, given the marker their place says they had: top-level
    /// headings ("1V.", "11.", "'VI.", "  . MỤC TIÊU") and items "1." whose digit became a bar or
    /// a bracket ("], Trách nhiệm của …").
    ///
    /// Only in a document numbered with Roman numerals (one at least read as written). A heading
    /// must be a short line mostly in capitals that either reads as the numeral the sequence expects
    /// next or starts with a heading of the plans' vocabulary (``HeadingVocabulary``). Each block so
    /// read gets an inferred marker and a PK040 note saying what was read.
    static func inferMarkers(_ blocks: [Block], diagnostics: inout [Diagnostic]) -> [Block] {
        guard blocks.contains(where: { $0.marker?.style == .roman && $0.kind == .text }) else { return blocks }
        var out = blocks
        var expected = 1
        for k in out.indices {
            let block = out[k]
            guard block.kind == .text else { continue }
            if case .roman(let value)? = block.marker?.kind {
                expected = value + 1
                continue
            }
            // Headings are short: one line, or two when wrapped.
            guard block.fragments.count <= 2, block.text.count <= 90, block.marker?.style != .bullet else { continue }
            let line = block.fragments[0].line.text[...]
            guard let (value, arabicLooking, length) = ListMarker.readDamagedRoman(line) ?? (block.marker == nil ? (nil, false, 0) : nil)
            else { continue }
            let heading = line.dropFirst(length)
            guard HeadingVocabulary.capitalShare(heading) >= 0.7 else { continue }
            let named = HeadingVocabulary.match(heading)
            let why: String
            if let value {
                // "1." or "11." may be an arabic item: only with a heading of the vocabulary. A form no
                // arabic number takes ("1V.") with such a heading may skip one number (a section lost whole).
                let fits = value == expected || (!arabicLooking && named != nil && value == expected + 1)
                guard fits, named != nil || !arabicLooking else { continue }
                why = "its marker reads as \(ListMarker.roman(value))" + (expected > 1 ? " and it follows section \(ListMarker.roman(expected - 1))" : "")
            } else {
                // A trace of the marker (" . ", "#") or the whole line a part's name.
                guard named != nil, length > 0 || HeadingVocabulary.matchesWhole(heading) else { continue }
                why = "its number is lost; the heading is one of the plans' top-level parts"
                    + (expected > 1 ? " and follows section \(ListMarker.roman(expected - 1))" : " and comes first")
            }
            let number = value ?? expected
            let raw = Scalars.string(line.prefix(length)).trimmingCharacters(in: .whitespaces)
            let marker = ListMarker(kind: .roman(number), raw: raw, length: length, inferred: true)
            out[k] = Lexer.rebuild(block, marker: marker)
            diagnostics.append(Diagnostic(.inferredStructure,
                                          "'\(Scalars.string(line.prefix(60)))' read as section \(ListMarker.roman(number)): \(why)",
                                          span: block.span))
            expected = number + 1
        }
        // "], Trách nhiệm của …", "|, Phòng …": an item "1." whose digit OCR read as a bar or a
        // bracket (with "." or ","), or as a letter with ","; the only digit those glyphs stand for is 1.
        for k in out.indices where out[k].kind == .text && out[k].marker == nil {
            let line = out[k].fragments[0].line.text
            guard line.count > 4, "[]lI|!".unicodeScalars.contains(line[0]), line[1] == "." || line[1] == ",",
                  Scalars.isSpace(line[2]), Scalars.isUpper(line[3]) else { continue }
            out[k] = Lexer.rebuild(out[k], marker: ListMarker(kind: .arabic([1]), raw: Scalars.string(line[0..<2]), length: 3, inferred: true))
            diagnostics.append(Diagnostic(.inferredStructure,
                                          "'\(Scalars.string(line.prefix(40)))' read as item 1.: its digit reads as '\(Scalars.string(line[0..<1]))'",
                                          span: out[k].span))
        }
        return out
    }

    static func outline(_ blocks: [Block]) -> Outline {
        var preamble: [Block] = []
        var closing: [Block] = []
        var unclassified: [Block] = []
        var roots: [Outline.Node] = []
        /// Open sections, outermost first; each is completed into its parent when it closes.
        var stack: [Outline.Node] = []
        let topStyle = topLevelStyle(blocks)
        var inClosing = false

        func closeTop() {
            var node = stack.removeLast()
            if let last = node.paragraphs.last { node.span = node.span.union(last.span) }
            if let last = node.children.last { node.span = node.span.union(last.span) }
            if stack.isEmpty { roots.append(node) } else { stack[stack.count - 1].children.append(node) }
        }

        /// The end matter of a decision that comes before the plan it issues ("Điều 3. …", "Nơi
        /// nhận:", its signature), or of a document with no numbered sections at all.
        var earlyClosing: [Block] = []
        var inEarlyClosing = false
        let headers = headerStarts(blocks)

        for (index, block) in blocks.enumerated() {
            if block.kind == .pageNumber || block.kind == .cellBoundary {
                unclassified.append(block)
                continue
            }
            if roots.isEmpty, stack.isEmpty {
                // It ends at the plan's own header, its document type, or its first section if those were damaged.
                if inEarlyClosing, !TwoColumns.isDocumentType(block.text.scalars), block.marker?.style != .roman,
                   !headers.contains(index) {
                    earlyClosing.append(block)
                    continue
                }
                inEarlyClosing = false
                if startsClosing(block) {
                    inEarlyClosing = true
                    earlyClosing.append(block)
                    continue
                }
            }
            if inClosing || (!roots.isEmpty || !stack.isEmpty) && startsClosing(block) {
                inClosing = true
                closing.append(block)
                continue
            }
            guard let marker = block.marker, marker.style != .bullet, block.kind == .text else {
                if stack.isEmpty {
                    if roots.isEmpty { preamble.append(block) } else { closing.append(block); inClosing = true }
                } else {
                    stack[stack.count - 1].paragraphs.append(block)
                }
                continue
            }
            let style = marker.style
            if style == topStyle {
                while !stack.isEmpty { closeTop() }
                stack.append(Outline.Node(heading: block, kind: kind(ofTopLevel: block), depth: 0))
                continue
            }
            if stack.isEmpty {
                if roots.isEmpty { preamble.append(block) } else { inClosing = true; closing.append(block) }
                continue
            }
            if let same = stack.lastIndex(where: { $0.heading.marker?.style == style }), same > 0 {
                while stack.count > same { closeTop() }
            } else {
                while stack.count > 1, rank(stack[stack.count - 1].heading.marker!.style) >= rank(style) { closeTop() }
            }
            stack.append(Outline.Node(heading: block, kind: kind(ofNested: block), depth: stack.count))
        }
        while !stack.isEmpty { closeTop() }
        return Outline(preamble: preamble, sections: roots, closing: earlyClosing + closing, unclassified: unclassified)
    }

    /// Where a header begins: the issuer's lines in capitals right before the national motto
    /// ("ỦY BAN NHÂN DÂN / HUYỆN … / CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", either spelling of
    /// "hòa"), or the motto itself.
    static func headerStarts(_ blocks: [Block]) -> Set<Int> {
        var starts: Set<Int> = []
        for (m, block) in blocks.enumerated() where block.text.find(Keywords.motto) != nil {
            var j = m
            while j > 0, blocks[j - 1].isAllCaps, !isSignatureLine(blocks[j - 1]), blocks[j - 1].text.find(Keywords.motto) == nil { j -= 1 }
            starts.insert(j)
        }
        return starts
    }

    /// Roman numerals when the document has any; otherwise the arabic items with capital headings,
    /// or with headings in title case that name the plan's parts ("2. Mục Tiêu", "4. Kinh Phí Thực
    /// Hiện", "5. Tổ Chức Thực Hiện", as a Word outline numbers them), three of them at least.
    static func topLevelStyle(_ blocks: [Block]) -> ListMarker.Style {
        if blocks.contains(where: { $0.marker?.style == .roman }) { return .roman }
        if blocks.contains(where: { $0.marker?.style == .arabic(depth: 1) && $0.isAllCaps }) { return .arabic(depth: 1) }
        let titledParts = blocks.filter { block in
            guard block.marker?.style == .arabic(depth: 1), isTitleCase(block.text.scalars[...]) else { return false }
            return HeadingVocabulary.match(block.text.scalars[...]) != nil
        }
        if titledParts.count >= 3 { return .arabic(depth: 1) }
        return .roman
    }

    /// A short heading whose every word begins with a capital ("Nhiệm Vụ Và Giải Pháp").
    static func isTitleCase(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        var words = 0
        var atWordStart = true
        for s in text {
            if Scalars.isSpace(s) { atWordStart = true; continue }
            if atWordStart {
                atWordStart = false
                guard Scalars.isLetter(s) else { continue }
                guard Scalars.isUpper(s) else { return false }
                words += 1
            }
        }
        return words >= 1 && words <= 10
    }

    static func rank(_ style: ListMarker.Style) -> Int {
        switch style {
        case .roman: 0
        case .arabic(let depth): depth
        case .letter: 10
        case .bullet: 20
        }
    }

    /// "Trên đây là Kế hoạch …", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN": the end matter begins.
    static func startsClosing(_ block: Block) -> Bool {
        guard block.marker == nil else { return false }
        let text = block.text
        return text.matches(Keywords.aboveIs, at: 0) || text.matches(Keywords.recipients, at: 0) || isSignatureLine(block)
    }

    /// "TM. …", "KT. …", "Q. …", "TL. …", "TUQ. …" in capitals.
    static func isSignatureLine(_ block: Block) -> Bool {
        guard block.isAllCaps else { return false }
        for prefix in Keywords.signaturePrefixes where block.text.matches(prefix, at: 0) { return true }
        return false
    }

    static func kind(ofTopLevel block: Block) -> SectionKind {
        let t = block.text
        if t.contains(Keywords.reportingRegime) || (t.contains(Keywords.report) && t.contains(Keywords.regime)) { return .reporting }
        if t.contains(Keywords.organization) { return .organization }
        if t.contains(Keywords.funding) { return .funding }
        if t.contains(Keywords.purpose) || t.contains(Keywords.requirement) { return .purpose }
        if t.contains(Keywords.objective) { return .objectives }
        if t.contains(Keywords.subjects) || t.contains(Keywords.scope) || t.contains(Keywords.time) { return .scope }
        if t.contains(Keywords.activity) || t.contains(Keywords.content) { return .activities }
        if t.contains(Keywords.task) || t.contains(Keywords.solution) { return .tasks }
        return HeadingVocabulary.match(t.scalars[...]) ?? .other
    }

    /// Nested sections get a kind only when they name the reporting regime.
    static func kind(ofNested block: Block) -> SectionKind? {
        let t = block.text
        if t.contains(Keywords.regime) && t.contains(Keywords.report) { return .reporting }
        return nil
    }
}

/// Lower-case keyword scalars, compared against ``ScalarText/lowered``.
enum Keywords {
    static let aboveIs = "trên đây là".lowerScalars
    static let recipients = "nơi nhận".lowerScalars
    static let motto = "xã hội chủ nghĩa việt nam".lowerScalars
    static let basis = "căn cứ ".lowerScalars
    /// Labels that number an item inside a paragraph-like line: "Chỉ tiêu 2:", "Mục tiêu 3:", "Điều 1.".
    static let itemLabels = ["chỉ tiêu", "mục tiêu", "điều"].map(\.lowerScalars)
    static let signaturePrefixes = ["tm.", "kt.", "q.", "tl.", "tuq.", "t/m"].map(\.lowerScalars)
    /// How a signer's title in capitals ends: "(PHÓ) CHỦ TỊCH", "(PHÓ) GIÁM ĐỐC", "TRƯỞNG BAN" …
    static let signerTitles = ["CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG", "BÍ THƯ", "THỦ TRƯỞNG"]
    static let reportingRegime = "chế độ báo cáo".lowerScalars
    static let report = "báo cáo".lowerScalars
    static let regime = "chế độ".lowerScalars
    static let organization = "tổ chức thực hiện".lowerScalars
    static let funding = "kinh phí".lowerScalars
    static let purpose = "mục đích".lowerScalars
    static let requirement = "yêu cầu".lowerScalars
    static let objective = "mục tiêu".lowerScalars
    static let subjects = "đối tượng".lowerScalars
    static let scope = "phạm vi".lowerScalars
    static let time = "thời gian".lowerScalars
    static let activity = "hoạt động".lowerScalars
    static let content = "nội dung".lowerScalars
    static let task = "nhiệm vụ".lowerScalars
    static let solution = "giải pháp".lowerScalars
}
