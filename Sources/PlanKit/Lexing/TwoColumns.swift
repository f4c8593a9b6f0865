/// The two-column header and closing that `pdftotext -layout` prints side by side: issuer beside
/// the motto, "Số: …" beside "<Place>, ngày …", "Nơi nhận:" and its list beside the signature.
///
/// Such a line is split on its wide gaps and the columns are read one after the other, left first,
/// as a reader reads them. Only the header (before the document type) and a closing that starts
/// at "Nơi nhận" are split, and only in a document where a split line plainly holds two header or
/// closing fields: justified body text and lost-glyph gaps are never taken for columns.
enum TwoColumns {
    /// A gap at least this wide (in spaces) separates two columns.
    static let minimumGap = 5

    static func reorder(_ lines: [CleanLine]) -> [CleanLine] {
        let documentType = lines.firstIndex { isDocumentType($0.text) } ?? lines.count
        var zones: [(lines: Range<Int>, closing: Bool)] = []
        // A header is a few lines: one that runs on is no header (the document type was not found).
        if documentType < min(lines.count, 40) { zones.append((0..<documentType, false)) }
        // The closing is looked for after the document type (without one, no column is trusted).
        var k = documentType
        while k < lines.count {
            if Lexer.startsWith(lines[k].text[...], Keywords.recipients) {
                // A closing is short: it ends at the next document type or 40 lines on.
                let limit = min(lines.count, k + 40)
                let end = (k + 1..<limit).first { isDocumentType(lines[$0].text) } ?? limit
                zones.append((k..<end, true))
                k = end
            } else {
                k += 1
            }
        }
        // The columns are real only where a split line holds the fields a header or closing sets side by side.
        let confirmed = zones.filter { zone in zone.lines.contains { k in holdsTwoFields(lines[k]) } }
        guard !confirmed.isEmpty else { return lines }
        var out: [CleanLine] = []
        out.reserveCapacity(lines.count + 16)
        var next = 0
        for zone in confirmed {
            out.append(contentsOf: lines[next..<zone.lines.lowerBound])
            out.append(contentsOf: columns(Array(lines[zone.lines]), closing: zone.closing))
            next = zone.lines.upperBound
        }
        out.append(contentsOf: lines[next...])
        return out
    }

    /// The zone's lines as its left column, then its right one. In a closing, a line below the last
    /// split one that is no list item goes on with the right column, the signature, wherever it
    /// starts: Word's text export separates the cells with a tab and indents neither ("- Lưu: VT.⇥TM.
    /// ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / "(Đã ký)" / name).
    static func columns(_ lines: [CleanLine], closing: Bool = false) -> [CleanLine] {
        let pieces = lines.map(split)
        let lastSplit = pieces.lastIndex { $0.count > 1 } ?? 0
        // Where the right column begins: the leftmost right part of a split line, less a margin
        // for text centred in it ("CHỦ TỊCH" under "TM. ỦY BAN NHÂN DÂN").
        guard let rightStart = pieces.compactMap({ $0.count > 1 ? $0[1].column : nil }).min() else { return lines }
        let threshold = rightStart - 8
        var left: [CleanLine] = [], right: [CleanLine] = []
        for (k, parts) in pieces.enumerated() {
            let signatureBelow = closing && k > lastSplit && parts.count == 1 && ListMarker.read(parts[0].text[...])?.style != .bullet
            for (n, part) in parts.enumerated() {
                if n > 0 || signatureBelow || (parts.count == 1 && part.column >= threshold && threshold > 12) { right.append(part) } else { left.append(part) }
            }
        }
        return left + right
    }

    /// A line cut at its gaps of `minimumGap` spaces or more; the line itself when it has none
    /// or had markup removed (its columns would no longer map).
    static func split(_ line: CleanLine) -> [CleanLine] {
        guard line.kind == .text, line.columns == nil, widestGap(line.text) >= minimumGap else { return [line] }
        var parts: [CleanLine] = []
        var start = 0
        var i = 0
        let text = line.text
        while i <= text.count {
            var gapEnd = i
            var width = 0
            while gapEnd < text.count, Scalars.isSpace(text[gapEnd]) { width += gapWidth(text[gapEnd]); gapEnd += 1 }
            if i == text.count || width >= minimumGap {
                var end = i
                while end > start, Scalars.isSpace(text[end - 1]) { end -= 1 }
                if end > start { parts.append(piece(of: line, start..<end)) }
                start = gapEnd
                i = max(gapEnd, i + 1)
            } else {
                i = gapEnd > i ? gapEnd : i + 1
            }
        }
        return parts.isEmpty ? [line] : parts
    }

    static func piece(of line: CleanLine, _ range: Range<Int>) -> CleanLine {
        var source: Substring? = nil
        if let whole = line.source {
            let utf8 = whole.utf8
            let from = utf8.index(utf8.startIndex, offsetBy: Scalars.utf8Count(line.text[..<range.lowerBound]))
            let to = utf8.index(from, offsetBy: Scalars.utf8Count(line.text[range]))
            source = whole[from..<to]
        }
        return CleanLine(line: line.line, kind: .text, text: Array(line.text[range]), column: line.column + range.lowerBound,
                         columns: nil, headingLevel: 0, source: source)
    }

    static func widestGap(_ text: [Unicode.Scalar]) -> Int {
        var widest = 0, run = 0
        for s in text {
            if Scalars.isSpace(s) { run += gapWidth(s); widest = max(widest, run) } else { run = 0 }
        }
        return widest
    }

    /// A tab separates columns as a wide gap does: Word's text export puts one between a table's cells.
    @inline(__always) static func gapWidth(_ s: Unicode.Scalar) -> Int { s == "\t" ? minimumGap : 1 }

    /// Two fields of a header or closing on one line: issuer | motto, number | place-date,
    /// "Nơi nhận:" or a recipient | signature.
    static func holdsTwoFields(_ line: CleanLine) -> Bool {
        guard line.kind == .text, line.columns == nil, widestGap(line.text) >= minimumGap else { return false }
        let parts = split(line)
        guard parts.count >= 2 else { return false }
        let left = parts[0].text[...], right = parts[parts.count - 1].text[...]
        let mottoOrDate = Lexer.startsWith(right, "cộng hòa".lowerScalars) || Lexer.startsWith(right, "cộng hoà".lowerScalars)
            || Lexer.startsWith(right, "độc lập".lowerScalars)
            || ScalarText(Array(right)).find(", ngày".lowerScalars, wholeWord: false) != nil
        let signature = Keywords.signaturePrefixes.contains { Lexer.startsWith(right, $0) }
        let leftField = Lexer.startsWith(left, "số".lowerScalars) || Lexer.startsWith(left, Keywords.recipients)
            || Lexer.isAllCaps(left) || left.first == "-"
        return (mottoOrDate || signature) && leftField
    }

    /// "KẾ HOẠCH", "QUYẾT ĐỊNH" alone on a line (centred): where the header ends.
    static func isDocumentType(_ text: [Unicode.Scalar]) -> Bool {
        // Most lines are refused by their length or first letter, before a String is made.
        guard text.count <= 40, let first = text.first, first == "K" || first == "Q" || first == "C" else { return false }
        let words = Scalars.string(text).split(separator: " ").joined(separator: " ")
        return HeadingVocabulary.documentTypes.contains(words)
    }
}
