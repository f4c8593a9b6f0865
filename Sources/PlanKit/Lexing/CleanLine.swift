/// One physical line (or one table cell of it) with Markdown debris removed, and the
/// map back to the columns of the original line.
struct CleanLine: Sendable {
    enum Kind: Sendable {
        case text
        /// A lone "|": the boundary of a table cell laid out one cell per line.
        case cellBoundary
        /// One cell of a row written on one line ("Số: 71/KH-UBND | Bạc Liêu, ngày … |").
        case inlineCell
    }

    var line: Int
    var kind: Kind
    var text: [Unicode.Scalar]
    /// Original 1-based column of `text[0]`.
    var column: Int
    /// Original column of each scalar, only when markup was removed from inside the text.
    var columns: [Int32]?
    /// Number of leading '#' of a Markdown heading (0 when none).
    var headingLevel: Int
    /// The slice of the source line that `text` was read from, when the two hold the same scalars
    /// (nothing removed from inside). Lets a block's String be copied from the source instead of
    /// re-encoded from scalars and validated again.
    var source: Substring? = nil

    func column(at offset: Int) -> Int {
        guard let columns, let last = columns.last else { return column + offset }
        if offset < columns.count { return Int(columns[offset]) }
        return Int(last) + 1 + (offset - columns.count)
    }

    /// Column one past the last scalar.
    var endColumn: Int {
        if let columns, let last = columns.last { return Int(last) + 1 }
        return column + text.count
    }

    /// Splits a source line into clean lines: none for a blank line, several for a table row.
    static func make(line number: Int, text: String) -> [CleanLine] {
        var lines: [CleanLine] = []
        make(line: number, text: text, into: &lines)
        return lines
    }

    /// As `make(line:text:)`, appending to `lines` (no array per line in the lexer's loop).
    static func make(line number: Int, text: String, into lines: inout [CleanLine]) {
        switch plain(line: number, text: text) {
        case .blank: return
        case .line(let line): lines.append(line); return
        case .needsMarkupPath: break
        }
        var scalars = Scalars.array(text)
        guard scalars.contains(where: { !Scalars.isSpace($0) }) else { return }
        guard scalars.contains("|") else {
            if let line = trimmedInPlace(&scalars, line: number, text: text) ?? strip(scalars[...], line: number, kind: .text) {
                lines.append(line)
            }
            return
        }
        lines.append(contentsOf: cells(scalars, line: number))
    }

    /// What ``plain(line:text:)`` found.
    enum PlainResult {
        case blank
        case line(CleanLine)
        /// A "|", "*", "_" or "\\" in the line: cells or markup, for the scalar-array path.
        case needsMarkupPath
    }

    /// The common line, without the passes over its scalars that look for table bars and markup:
    /// one word-at-a-time scan of its UTF-8 says it has no "|", "*", "_" or "\\", so its clean
    /// text is its scalars with the white space around them (and Markdown heading marks) left
    /// out. Gives what `trimmedInPlace` gives for such a line.
    static func plain(line number: Int, text: String) -> PlainResult {
        var text = text
        if text.withUTF8(holdsMarkupByte) { return .needsMarkupPath }
        var scalars = Scalars.array(text)
        guard let (lo, hi, headingLevel) = bounds(scalars[...]) else { return .blank }
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: Scalars.utf8Count(scalars[..<lo]))
        let to = utf8.index(utf8.endIndex, offsetBy: -Scalars.utf8Count(scalars[hi...]))
        if hi < scalars.count { scalars.removeSubrange(hi...) }
        if lo > 0 { scalars.removeSubrange(..<lo) }
        return .line(CleanLine(line: number, kind: .text, text: scalars, column: lo + 1, columns: nil,
                               headingLevel: headingLevel, source: text[from..<to]))
    }

    /// Whether the bytes hold "|", "*", "\\" or "_" (ASCII, so never part of a longer UTF-8
    /// sequence): eight bytes at a time, each compared with the four at once (a byte equal to the
    /// one looked for leaves a zero byte after the exclusive or; the zero-byte test sets its top bit).
    static func holdsMarkupByte(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let n = utf8.count
        var i = 0
        if let base = utf8.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let hits = zeroByte(w ^ (0x7C &* ones)) | zeroByte(w ^ (0x2A &* ones))
                    | zeroByte(w ^ (0x5C &* ones)) | zeroByte(w ^ (0x5F &* ones))
                if hits != 0 { return true }
                i += 8
            }
        }
        while i < n {
            let b = utf8[i]
            if b == 0x7C || b == 0x2A || b == 0x5C || b == 0x5F { return true }
            i += 1
        }
        return false
    }

    private static func cells(_ scalars: [Unicode.Scalar], line number: Int) -> [CleanLine] {
        var cells: [CleanLine] = []
        var start = 0
        var sawCell = false
        var i = 0
        while i <= scalars.count {
            // A cell ends at "|"; a line break inside a cell of a web page's table ("<br>") ends one of its lines.
            let breakLength = i < scalars.count ? lineBreakTag(scalars, at: i) + gluedLineBreak(scalars, at: i) : 0
            guard i == scalars.count || scalars[i] == "|" || breakLength > 0 else { i += 1; continue }
            if let cell = strip(scalars[start..<i], line: number, kind: .inlineCell) {
                cells.append(cell)
                sawCell = true
            }
            i += max(breakLength, 1)
            start = i
        }
        if !sawCell {
            let column = (scalars.firstIndex(of: "|") ?? 0) + 1
            return [CleanLine(line: number, kind: .cellBoundary, text: ["|"], column: column, columns: nil, headingLevel: 0)]
        }
        return cells
    }

    /// Line breaks a web page's table cell lost when copied, as the spaces at `i` to skip (0 for
    /// none): between two bold runs ("**TM. ỦY BAN NHÂN DÂN** **CHỦ TỊCH**", each a line of the
    /// signature) and before the dash of a list item after ":" or ";" ("**Nơi nhận:** - Sở Nội vụ;
    /// - Lưu: VT.").
    static func gluedLineBreak(_ s: [Unicode.Scalar], at i: Int) -> Int {
        guard s[i] == " ", i >= 3 else { return 0 }
        var j = i
        while j < s.count, s[j] == " " { j += 1 }
        guard j + 2 < s.count else { return 0 }
        let closesBold = s[i - 1] == "*" && s[i - 2] == "*" && !Scalars.isSpace(s[i - 3])
        if closesBold, s[j] == "*", s[j + 1] == "*", !Scalars.isSpace(s[j + 2]) { return j - i }
        var k = i - 1
        while k > 0, s[k] == "*" { k -= 1 }
        if s[j] == "-", s[j + 1] == " ", s[k] == ":" || s[k] == ";" { return j - i }
        return 0
    }

    /// The length of a "<br>", "<br/>" or "<br />" tag at `i` (any case), or 0.
    static func lineBreakTag(_ s: [Unicode.Scalar], at i: Int) -> Int {
        guard s[i] == "<", i + 3 < s.count, Scalars.lower(s[i + 1]) == "b", Scalars.lower(s[i + 2]) == "r" else { return 0 }
        var j = i + 3
        while j < s.count, s[j] == " " { j += 1 }
        if j < s.count, s[j] == "/" { j += 1 }
        return j < s.count && s[j] == ">" ? j + 1 - i : 0
    }

    /// Where a line's content lies: white space trimmed, a Markdown heading's marks ("## ")
    /// skipped and counted, and whether emphasis or escapes (`*`, `_`, `\\`) remain inside.
    /// Nil for a blank line.
    static func content(_ s: ArraySlice<Unicode.Scalar>) -> (lo: Int, hi: Int, headingLevel: Int, hasMarkup: Bool)? {
        guard let (lo, hi, headingLevel) = bounds(s) else { return nil }
        let hasMarkup = s[lo..<hi].contains { $0 == "*" || $0 == "\\" || $0 == "_" }
        return (lo, hi, headingLevel, hasMarkup)
    }

    /// The text of a line without the white space around it and a Markdown heading's marks
    /// (one to six '#' and white space); nil for a blank line.
    @inline(__always)
    static func bounds(_ s: ArraySlice<Unicode.Scalar>) -> (lo: Int, hi: Int, headingLevel: Int)? {
        var lo = s.startIndex, hi = s.endIndex
        while lo < hi, Scalars.isSpace(s[lo]) { lo += 1 }
        while hi > lo, Scalars.isSpace(s[hi - 1]) { hi -= 1 }
        guard lo < hi else { return nil }
        var headingLevel = 0
        var i = lo
        while i < hi, s[i] == "#", headingLevel < 7 { headingLevel += 1; i += 1 }
        if headingLevel > 0, headingLevel <= 6, i < hi, Scalars.isSpace(s[i]) {
            while i < hi, Scalars.isSpace(s[i]) { i += 1 }
            lo = i
        } else {
            headingLevel = 0
        }
        return (lo, hi, headingLevel)
    }

    /// The common case of `strip` without a copy: a line with no markup inside (no `*`, `_` or
    /// `\\` after the heading marks) is trimmed in its own array. Nil when `strip` must do the work.
    static func trimmedInPlace(_ s: inout [Unicode.Scalar], line: Int, text: String) -> CleanLine? {
        guard let (lo, hi, headingLevel, hasMarkup) = content(s[...]), !hasMarkup else { return nil }
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: Scalars.utf8Count(s[..<lo]))
        let to = utf8.index(utf8.endIndex, offsetBy: -Scalars.utf8Count(s[hi...]))
        if hi < s.count { s.removeSubrange(hi...) }
        if lo > 0 { s.removeSubrange(..<lo) }
        return CleanLine(line: line, kind: .text, text: s, column: lo + 1, columns: nil, headingLevel: headingLevel,
                         source: text[from..<to])
    }

    /// Trims, removes heading marks, emphasis asterisks and backslash escapes.
    static func strip(_ s: ArraySlice<Unicode.Scalar>, line: Int, kind: Kind) -> CleanLine? {
        guard let (lo, hi, headingLevel, hasMarkup) = content(s) else { return nil }
        // Fast path: nothing to remove.
        if !hasMarkup {
            return CleanLine(line: line, kind: kind, text: Array(s[lo..<hi]), column: lo + 1,
                             columns: nil, headingLevel: headingLevel)
        }

        var text: [Unicode.Scalar] = []
        var columns: [Int32] = []
        text.reserveCapacity(hi - lo)
        columns.reserveCapacity(hi - lo)
        // A line of nothing but markup ("*__", "** **") is debris, but it is text on the page:
        // keep it as written rather than lose the line (Tools/fuzz/findings/markup-only-line.txt).
        if s[lo..<hi].contains("*"), s[lo..<hi].allSatisfy({ $0 == "*" || $0 == "_" || $0 == "\\" || Scalars.isSpace($0) }) {
            return CleanLine(line: line, kind: kind, text: Array(s[lo..<hi]), column: lo + 1,
                             columns: nil, headingLevel: headingLevel)
        }
        // Emphasis comes in pairs: a lone single "*" or "_" on its line ("072*EĐÙ" in OCR'd text)
        // is text. ("**" may close a bold run opened lines above: "**TM. ỦY BAN …" / "… TỊCH**".)
        func singles(of c: Unicode.Scalar) -> Int {
            var n = 0
            for i in lo..<hi where s[i] == c && (i == lo || s[i - 1] != c) && (i + 1 == hi || s[i + 1] != c) { n += 1 }
            return n
        }
        let loneStar = singles(of: "*") == 1, loneUnderscore = singles(of: "_") == 1
        var k = lo
        while k < hi {
            let c = s[k]
            if c == "\\", k + 1 < hi, s[k + 1].isASCII, !Scalars.isLetter(s[k + 1]), !Scalars.isDigit(s[k + 1]), !Scalars.isSpace(s[k + 1]) {
                k += 1
                continue
            }
            if c == "*" || c == "_" {
                var end = k
                while end < hi, s[end] == c { end += 1 }
                let before: Unicode.Scalar? = k > lo ? s[k - 1] : nil
                let after: Unicode.Scalar? = end < hi ? s[end] : nil
                let isBullet = c == "*" && k == lo && end - k == 1 && after.map(Scalars.isSpace) == true
                let opens = after.map { !Scalars.isSpace($0) } ?? false
                let closes = before.map { !Scalars.isSpace($0) } ?? false
                // Underscores inside words ("snake_case") and runs of them ("_____") are text.
                let wordInternal = c == "_" && (before.map(isWordScalar) ?? false) && (after.map(isWordScalar) ?? false)
                let lone = end - k == 1 && (c == "*" ? loneStar : loneUnderscore)
                if !isBullet, !wordInternal, !lone, (opens || closes), !(c == "_" && end - k > 3) {
                    k = end
                    continue
                }
                for m in k..<end {
                    text.append(s[m])
                    columns.append(Int32(m + 1))
                }
                k = end
                continue
            }
            text.append(c)
            columns.append(Int32(k + 1))
            k += 1
        }
        // Removing markup can leave spaces at either end ("**TM. ỦY BAN** ").
        while let last = text.last, Scalars.isSpace(last) { text.removeLast(); columns.removeLast() }
        var drop = 0
        while drop < text.count, Scalars.isSpace(text[drop]) { drop += 1 }
        if drop > 0 { text.removeFirst(drop); columns.removeFirst(drop) }
        // Nothing left (markup-only lines are kept above; this guards the columns below): the line as written.
        guard !text.isEmpty else {
            return CleanLine(line: line, kind: kind, text: Array(s[lo..<hi]), column: lo + 1,
                             columns: nil, headingLevel: headingLevel)
        }
        return CleanLine(line: line, kind: kind, text: text, column: Int(columns[0]), columns: columns, headingLevel: headingLevel)
    }
}
