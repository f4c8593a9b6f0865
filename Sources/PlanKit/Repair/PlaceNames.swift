/// The last repair pass: names of administrative units, by the ``Gazetteer``.
///
/// - **Kept as written.** A run of capitalized words that is a unit's name as written ("Bạc
///   Liêu", "Bình Lư"; one word only after a unit's type, "xã Tả Van" aside) is put back as the
///   text had it, whatever a decoder made of it: the bigram model knows "Bắc" far better than
///   "Bạc", and a place name is no evidence of damage.
/// - **Restored.** After a unit's type ("tỉnh", "huyện", "thị xã", "xã", …) and before ", ngày" of
///   a place-and-date line, a window of the text as written that a unit's name explains with its
///   marks stripped or its letters lost (each lost letter a space) becomes that name ("B c Liêu",
///   "Bac Lieu" → "Bạc Liêu"): visible letters must agree with the name in base letter and case,
///   the longest window explained wins, then the fewest letters filled, then the higher unit
///   (province, district, commune); a window two names explain equally well is left.
///
/// Works on lines whose repair kept their length in scalars (lost glyphs, marks, fonts), so a
/// column of the repaired line is a column of the line as written.
enum PlaceNames {
    /// The confidence logged for a name restored from the gazetteer.
    static let confidence = 0.9

    static func apply(original: [String], lines: inout [String], repairs: inout [Repair],
                      gazetteer: Gazetteer = .shipped) {
        var byLine: [Int: [Int]] = [:]
        for (k, repair) in repairs.enumerated() { byLine[repair.line - 1, default: []].append(k) }
        var dropped = Set<Int>()
        var added: [Repair] = []
        for index in original.indices where index < lines.count {
            let written = Array(original[index].unicodeScalars)
            var line = Array(lines[index].unicodeScalars)
            guard written.count == line.count, written.contains(where: VietnameseLetters.isUpper) || line.contains(where: VietnameseLetters.isUpper) else { continue }
            var spans: [Range<Int>] = []
            let protected = keptNames(written, gazetteer: gazetteer)
            for span in protected where line[span] != written[span] {
                line.replaceSubrange(span, with: written[span])
                spans.append(span)
            }
            for (span, name) in restorations(written: written, repaired: line, protected: protected, gazetteer: gazetteer)
            where line[span] != name[...] {
                line.replaceSubrange(span, with: name)
                spans.append(span)
            }
            guard !spans.isEmpty else { continue }
            lines[index] = String(String.UnicodeScalarView(line))
            // Each changed span and the repairs it overlaps become one repair over their union.
            var pending = (byLine[index] ?? []).filter { !dropped.contains($0) }
            for span in spans {
                var union = span
                var kind: String?
                var changed = true
                while changed {
                    changed = false
                    for k in pending {
                        let r = repairs[k]
                        let range = (r.column - 1)..<(r.column - 1 + r.original.unicodeScalars.count)
                        if range.overlaps(union) {
                            union = min(union.lowerBound, range.lowerBound)..<max(union.upperBound, range.upperBound)
                            kind = kind ?? r.kind
                            dropped.insert(k)
                            pending.removeAll { $0 == k }
                            changed = true
                        }
                    }
                }
                let before = String(String.UnicodeScalarView(written[union]))
                let after = String(String.UnicodeScalarView(line[union]))
                guard before != after else { continue }
                let filled = zip(written[union], line[union]).contains { $0 == " " && $1 != " " }
                added.append(Repair(line: index + 1, column: union.lowerBound + 1, original: before, repaired: after,
                                    kind: filled ? "lost-glyph" : (kind ?? "missing-diacritics"), confidence: confidence))
            }
        }
        guard !dropped.isEmpty || !added.isEmpty else { return }
        repairs = repairs.enumerated().filter { !dropped.contains($0.offset) }.map(\.element) + added
        repairs.sort { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// A word folded (small letters, no marks) and packed into an integer, or 0 when it is
    /// longer than 8 letters or not ASCII once folded: the unit types compare without a String.
    @inline(__always) static func packed(_ s: [Unicode.Scalar], _ word: Range<Int>) -> UInt64 {
        guard word.count <= 8 else { return 0 }
        var v: UInt64 = 0
        for i in word {
            let f = VietnameseLetters.fold(s[i]).value
            guard f < 128 else { return 0 }
            v = v << 8 | UInt64(f)
        }
        return v
    }

    static func packed(_ word: String) -> UInt64 {
        let s = Array(word.unicodeScalars)
        return packed(s, 0..<s.count)
    }

    static let tinh = packed("tinh"), huyen = packed("huyen"), quan = packed("quan"), pho = packed("pho"),
        thanh = packed("thanh"), xa = packed("xa"), thi = packed("thi"), phuong = packed("phuong"),
        tran = packed("tran"), khu = packed("khu"), dac = packed("dac")

    /// The levels a unit's type before a name points to, or nil when the word is no type.
    static func typeLevels(_ s: [Unicode.Scalar], word: Range<Int>, previous: Range<Int>?) -> UInt8? {
        let key = packed(s, word)
        guard key != 0 else { return nil }
        let province = Gazetteer.Level.province.rawValue, district = Gazetteer.Level.district.rawValue
        let commune = Gazetteer.Level.commune.rawValue
        func before() -> UInt64 { previous.map { packed(s, $0) } ?? 0 }
        switch key {
        case tinh: return province
        case huyen, quan: return district
        case pho: return before() == thanh ? province | district : nil
        case xa: return before() == thi ? district : commune
        case phuong: return commune
        case tran: return before() == thi ? commune : nil
        case khu: return before() == dac ? commune : nil
        default: return nil
        }
    }

    private static func capitalized(_ s: [Unicode.Scalar], _ word: Range<Int>) -> Bool {
        VietnameseLetters.isUpper(s[word.lowerBound])
    }

    /// A word run in capitals as the gazetteer writes it ("BẠC LIÊU" → "Bạc Liêu").
    private static func titleCase(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        var start = true
        for c in s {
            out.append(start ? c : VietnameseLetters.lower(c))
            start = !VietnameseLetters.isLetter(c)
        }
        return String(out)
    }

    /// Whether two words are one space apart, or " - " apart ("Lang Biang - Đà Lạt").
    private static func joined(_ s: [Unicode.Scalar], _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let gap = s[a.upperBound..<b.lowerBound]
        return gap.elementsEqual([" "]) || gap.elementsEqual([" ", "-", " "])
    }

    /// Spans of the line as written that are a unit's name: two to five capitalized words one
    /// space apart, or one after a unit's type.
    static func keptNames(_ s: [Unicode.Scalar], gazetteer: Gazetteer) -> [Range<Int>] {
        let ws = TonePlacement.letterRuns(s)
        var out: [Range<Int>] = []
        var k = 0
        while k < ws.count {
            var best: Range<Int>?
            if capitalized(s, ws[k]) {
                let afterType = k > 0 && typeLevels(s, word: ws[k - 1], previous: k > 1 ? ws[k - 2] : nil) != nil
                var end = k
                while end < ws.count, end - k < 5, capitalized(s, ws[end]),
                      end == k || joined(s, ws[end - 1], ws[end]) {
                    let span = ws[k].lowerBound..<ws[end].upperBound
                    guard gazetteer.lowerHashes.contains(Gazetteer.hash(s[span])) else { end += 1; continue }
                    let text = String(String.UnicodeScalarView(s[span]))
                    // The name ends where the capitalized run does ("Thanh" of "Thanh Xuan" is none).
                    let runEnds = !(span.upperBound + 1 < s.count && s[span.upperBound] == " " && VietnameseLetters.isUpper(s[span.upperBound + 1]))
                    if end > k || afterType, runEnds, gazetteer.exact[text] != nil || gazetteer.exact[titleCase(s[span])] != nil {
                        best = span
                    }
                    end += 1
                }
            }
            if let span = best {
                out.append(span)
                while k < ws.count, ws[k].lowerBound < span.upperBound { k += 1 }
            } else {
                k += 1
            }
        }
        return out
    }

    /// Windows a unit's name explains after a unit's type or before ", ngày", with that name.
    static func restorations(written: [Unicode.Scalar], repaired: [Unicode.Scalar], protected: [Range<Int>],
                             gazetteer: Gazetteer) -> [(Range<Int>, [Unicode.Scalar])] {
        var out: [(Range<Int>, [Unicode.Scalar])] = []
        let ws = TonePlacement.letterRuns(repaired)
        func free(_ span: Range<Int>) -> Bool { !protected.contains { $0.overlaps(span) } && !out.contains { $0.0.overlaps(span) } }
        // After a unit's type: the window starts one space after it.
        for (k, word) in ws.enumerated() {
            guard let levels = typeLevels(repaired, word: word, previous: k > 0 ? ws[k - 1] : nil) else { continue }
            let start = word.upperBound + 1
            guard start < written.count, repaired[word.upperBound] == " " else { continue }
            if let (span, name) = bestWindow(written, starts: [start], end: nil, levels: levels, gazetteer: gazetteer), free(span) {
                out.append((span, name))
            }
        }
        // A place-and-date line: "Bạc Liêu, ngày 5 tháng 3 năm 2024".
        if let comma = placeDateComma(repaired) {
            let starts = (0..<comma).filter { start in written[..<start].allSatisfy { $0 == " " || $0 == "\t" } }
            if let (span, name) = bestWindow(written, starts: starts, end: comma, levels: 7, gazetteer: gazetteer), free(span) {
                out.append((span, name))
            }
        }
        return out
    }

    /// The comma of ", ngày" when the line opens with it after a few words ("Hà Nội, ngày …").
    static func placeDateComma(_ s: [Unicode.Scalar]) -> Int? {
        let target: [Unicode.Scalar] = [",", " ", "n", "g", "à", "y"]
        guard s.count > target.count else { return nil }
        let limit = min(s.count - target.count, 60)
        var i = 0
        while i <= limit {
            if s[i] == ",", Array(s[i..<(i + target.count)]).map(VietnameseLetters.fold) == target.map(VietnameseLetters.fold) {
                return s[..<i].contains(where: VietnameseLetters.isLetter) ? i : nil
            }
            if s[i] == "," || s[i] == "." || s[i] == ":" { return nil }
            i += 1
        }
        return nil
    }

    /// The window (from one of `starts`, ending at `end` or at a word's end) that a name of the
    /// given levels explains best; nil when none or two names tie.
    static func bestWindow(_ s: [Unicode.Scalar], starts: [Int], end: Int?, levels: UInt8,
                           gazetteer: Gazetteer) -> (Range<Int>, [Unicode.Scalar])? {
        // Equal costs: the higher unit wins (a place-and-date line names a province more often).
        func rank(_ n: Int32) -> Int {
            let bits = gazetteer.nameLevels[Int(n)] & levels
            return bits & Gazetteer.Level.province.rawValue != 0 ? 0 : bits & Gazetteer.Level.district.rawValue != 0 ? 1 : 2
        }
        var best: (span: Range<Int>, name: Int32, cost: Int)?
        var tied = false
        for start in starts {
            // A window whose first letter is a small one is no name unless it was lost.
            guard start < s.count, s[start] == " " || VietnameseLetters.isUpper(s[start]) else { continue }
            let lengths: [Int]
            if let end { lengths = end - start <= gazetteer.longest ? [end - start] : [] }
            else { lengths = Array(stride(from: min(gazetteer.longest, s.count - start), through: 2, by: -1)) }
            for length in lengths where length >= 2 {
                let stop = start + length
                guard stop <= s.count, stop == s.count || !VietnameseLetters.isLetter(s[stop]) else { continue }
                // A name does not stop before another capitalized word ("Vĩnh" of "Vĩnh Xuyên").
                if stop + 1 < s.count, s[stop] == " ", VietnameseLetters.isUpper(s[stop + 1]) { continue }
                let window = s[start..<stop]
                if gazetteer.lowerHashes.contains(Gazetteer.hash(window)),
                   gazetteer.exact[String(String.UnicodeScalarView(window))] != nil { return nil }
                let candidates = s[start] != " " ? gazetteer.byLengthAndFirst[Gazetteer.key(length: length, first: s[start])] ?? []
                    : s[start + 1] != " " ? gazetteer.byLengthAndSecond[Gazetteer.key(length: length, first: s[start + 1])] ?? []
                    : gazetteer.byLength[length]
                for n in candidates where gazetteer.nameLevels[Int(n)] & levels != 0 {
                    guard let cost = matchCost(window, gazetteer.names[Int(n)]) else { continue }
                    let span = start..<stop
                    if let b = best {
                        // Longer windows first; then cheaper.
                        if span.count > b.span.count || (span.count == b.span.count && (cost, rank(n)) < (b.cost, rank(b.name))) {
                            best = (span, n, cost); tied = false
                        } else if span.count == b.span.count, cost == b.cost, rank(n) == rank(b.name), n != b.name {
                            tied = true
                        }
                    } else {
                        best = (span, n, cost)
                    }
                }
                if best != nil, end == nil { break }
            }
        }
        guard let best, !tied, best.cost > 0 else { return nil }
        let upper = s[best.span].allSatisfy { !VietnameseLetters.isLetter($0) || VietnameseLetters.isUpper($0) }
            && s[best.span].filter(VietnameseLetters.isLetter).count > 1
        let name = gazetteer.names[Int(best.name)]
        return (best.span, upper ? name.map(VietnameseLetters.upper) : name)
    }

    /// How many letters of `window` the name fills (lost) or re-marks; nil when it does not fit:
    /// a visible letter must have the name's base letter and case (or the name's letter in
    /// capitals, for a line in capitals), a space of the name a space, and more letters must
    /// show than are lost.
    static func matchCost(_ window: ArraySlice<Unicode.Scalar>, _ name: [Unicode.Scalar]) -> Int? {
        var cost = 0, lost = 0, shown = 0
        for (c, n) in zip(window, name) {
            if c == n { if n != " " { shown += 1 }; continue }
            if n == " " { return nil }
            if c == " " { lost += 1; cost += 1; continue }
            if VietnameseLetters.upper(n) == c { shown += 1; continue }
            // Marks stripped, not changed: a mark the text shows is kept.
            guard !VietnameseLetters.isMarked(c), VietnameseLetters.fold(c) == VietnameseLetters.fold(n),
                  VietnameseLetters.isUpper(c) == VietnameseLetters.isUpper(n) || VietnameseLetters.isUpper(c) else { return nil }
            shown += 1; cost += 1
        }
        guard shown >= 2, shown + 1 >= lost else { return nil }
        return cost
    }
}
