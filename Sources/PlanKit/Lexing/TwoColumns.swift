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
            // A title in capitals wrapped under the right cell it goes on ("PHÓ CHỦ TỊCH THƯỜNG" / "TRỰC").
            let wrappedTitle = closing && k > 0 && parts.count == 1 && pieces[k - 1].count > 1
                && Lexer.isAllCaps(parts[0].text[...]) && Lexer.isAllCaps(pieces[k - 1][pieces[k - 1].count - 1].text[...])
            let signatureBelow = wrappedTitle
                || closing && k > lastSplit && parts.count == 1 && ListMarker.read(parts[0].text[...])?.style != .bullet
            for (n, part) in parts.enumerated() {
                if n > 0 || signatureBelow || (parts.count == 1 && part.column >= threshold && threshold > 12) { right.append(part) } else { left.append(part) }
            }
        }
        return left + right
    }

    /// A line cut at its gaps of `minimumGap` spaces or more, else where a right-column field
    /// begins (``fieldCut(_:)``); the line itself when it has neither or had markup removed (its
    /// columns would no longer map).
    static func split(_ line: CleanLine) -> [CleanLine] {
        guard line.kind == .text, line.columns == nil else { return [line] }
        guard widestGap(line.text) >= minimumGap else {
            guard let cut = fieldCut(line.text) else { return [line] }
            var end = cut
            while end > 0, Scalars.isSpace(line.text[end - 1]) { end -= 1 }
            return [piece(of: line, 0..<end), piece(of: line, cut..<line.text.count)]
        }
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

    /// Where the right column's field begins on a line whose two cells OCR joined with one space
    /// (Tesseract reads a borderless table row as one line): "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI …",
    /// "XÃ KHÁNH LỘC | Độc lập - Tự do - Hạnh phúc", "Số: 47/KH-UBND | Khánh Lộc, ngày …",
    /// "Nơi nhận: | TM. ỦY BAN NHÂN DÂN", "- UBND huyện Quy Lăng; | CHỦ TỊCH", "- Các thôn; | Lò Văn
    /// Thưởng". Nil when the line holds one field.
    static func fieldCut(_ text: [Unicode.Scalar]) -> Int? {
        guard text.count >= 8 else { return nil }
        let lowered = ScalarText(text)
        // The motto's two lines, after the issuer's.
        for anchor in mottoAnchors {
            if let p = lowered.find(anchor, from: 1), Scalars.isSpace(text[p - 1]), Lexer.isAllCaps(text[..<p]) { return p }
        }
        // The place before ", ngày", after the number: back over the place's capitalised words.
        if Lexer.startsWith(text[...], "số".lowerScalars), let comma = lowered.find(", ngày".lowerScalars, wholeWord: false) {
            var start = comma
            var words = 0
            while words < 4 {
                var w = start
                while w > 0, Scalars.isSpace(text[w - 1]) { w -= 1 }
                var b = w
                while b > 0, !Scalars.isSpace(text[b - 1]) { b -= 1 }
                let word = text[b..<w]
                guard b > 0, let first = word.first, Scalars.isUpper(first), !Lexer.isAllCaps(word),
                      !word.contains(where: { Scalars.isDigit($0) || $0 == "/" }) else { break }
                start = b
                words += 1
            }
            return words > 0 ? start : nil
        }
        // A signature's first line beside "Nơi nhận:" or a recipient.
        let leftIsClosing = Lexer.startsWith(text[...], Keywords.recipients) || text.first == "-"
        guard leftIsClosing else { return nil }
        for prefix in Keywords.signaturePrefixes {
            var from = 1
            while let p = lowered.find(prefix, from: from, wholeWord: false) {
                if Scalars.isSpace(text[p - 1]), p + prefix.count < text.count, Scalars.isSpace(text[p + prefix.count]) { return p }
                from = p + 1
            }
        }
        // After a recipient's ";" (or the last one's "."): the signer's title in capitals, "(Đã ký)",
        // or the signer's name.
        guard text.first == "-", let end = text.lastIndex(where: { $0 == ";" || $0 == "." }), end + 2 < text.count,
              Scalars.isSpace(text[end + 1]) else { return nil }
        var p = end + 1
        while p < text.count, Scalars.isSpace(text[p]) { p += 1 }
        let rest = text[p...]
        let restText = Scalars.string(rest)
        if Lexer.isAllCaps(rest), Keywords.signerTitles.contains(where: { restText.contains($0) }) { return p }
        if restText.lowercased() == "(đã ký)" { return p }
        let words = rest.split(whereSeparator: Scalars.isSpace)
        if (2...5).contains(words.count), words.allSatisfy({ w in
            guard let f = w.first, Scalars.isUpper(f), !Lexer.isAllCaps(w) else { return false }
            return w.allSatisfy(Scalars.isLetter)
        }) { return p }
        return nil
    }

    static let mottoAnchors = ["cộng hòa xã hội", "cộng hoà xã hội", "độc lập - tự do", "độc lập – tự do"].map(\.lowerScalars)

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
