import Foundation

/// PK150: text damaged on its way from the original document. Works on the source lines, not on the
/// parsed plan, so it reports the same whether or not the parser made sense of the lines.
///
/// Damaged lines close together (at most ``maxGap`` intact non-blank lines apart) are reported as one
/// run, so a damaged file gives a few findings, not hundreds.
enum DamageRules {
    static let maxGap = 2

    enum Kind: Int, Comparable, CaseIterable {
        case replacementCharacters, mojibake, legacyEncoding, droppedLetters

        var description: String {
            switch self {
            case .replacementCharacters: "replacement characters (bytes lost in decoding)"
            case .mojibake: "UTF-8 read as Windows-1252 (mojibake)"
            case .legacyEncoding: "a legacy Vietnamese font encoding (TCVN3 or VNI)"
            case .droppedLetters: "letters dropped and left as spaces"
            }
        }

        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    struct LineDamage {
        var line: Int
        var kinds: Set<Kind>
        /// Scalar offset of the first damaged spot.
        var column: Int
        var example: String
    }

    /// Damaged lines, grouped into runs.
    static func runs(_ lines: [String]) -> [[LineDamage]] {
        var runs: [[LineDamage]] = []
        var intactSinceLast = 0
        for (index, line) in lines.enumerated() {
            if let damage = inspect(line, number: index + 1) {
                if runs.isEmpty || intactSinceLast > maxGap { runs.append([]) }
                runs[runs.count - 1].append(damage)
                intactSinceLast = 0
            } else if !line.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
                intactSinceLast += 1
            }
        }
        return runs
    }

    static func check(_ runs: [[LineDamage]], _ context: LintContext, _ sink: inout FindingSink) {
        for run in runs {
            let first = run[0]
            let last = run[run.count - 1]
            let kinds = run.reduce(into: Set<Kind>()) { $0.formUnion($1.kinds) }.sorted()
            let lines = first.line == last.line ? "line \(first.line) is" : "lines \(first.line)–\(last.line) are"
            let count = first.line == last.line ? "" : " (\(run.count) damaged lines)"
            let end = context.lineSpan(last.line)
            let span = SourceSpan(startLine: first.line, endLine: last.line, startColumn: first.column,
                                  endColumn: max(end.endColumn, 1))
            sink.report(.damagedText,
                        "\(lines) damaged\(count): \(kinds.map(\.description).joined(separator: "; ")), e.g. \"\(first.example)\"; repair the text first (other findings on these lines are held back)",
                        at: span, subject: kinds.map { String($0.rawValue) }.joined() + " " + first.example)
        }
    }

    /// The damage on one line, if any.
    static func inspect(_ line: String, number: Int) -> LineDamage? {
        let scalars = visible(Array(line.unicodeScalars))
        var kinds: Set<Kind> = []
        var firstSpot: Int? = nil
        func mark(_ kind: Kind, at offset: Int) {
            kinds.insert(kind)
            if firstSpot == nil || offset < firstSpot! { firstSpot = offset }
        }
        // One pass: damage signs scalar by scalar, and letter runs (syllables) as they end.
        var legacy = 0
        var orphans = 0
        var firstOrphan = 0
        var start: Int? = nil
        var hasVowel = false
        var hasUpper = false
        for i in 0...scalars.count {
            let s: Unicode.Scalar = i < scalars.count ? scalars[i] : " "
            if s.value >= 0x80 {
                if s == "\u{FFFD}" { mark(.replacementCharacters, at: i) }
                if i + 1 < scalars.count, isMojibake(s, scalars[i + 1]) { mark(.mojibake, at: i) }
                if start != nil, isLegacyLetter(s) {
                    legacy += 1
                    if legacy >= 2 { mark(.legacyEncoding, at: i) }
                }
            }
            if isLetter(s) {
                if start == nil { start = i; hasVowel = false; hasUpper = false }
                if !hasVowel, vowelScalars.contains(s.value) { hasVowel = true }
                if !hasUpper, isUpper(s) { hasUpper = true }
                continue
            }
            guard let from = start else { continue }
            start = nil
            // A syllable without a vowel, lower-case ("c", "t", "đ") or a lone capital ("C ỉ"), is no
            // Vietnamese word. Parts of abbreviations ("B/c", "TB&XH") and list markers ("b)") are exempt.
            guard !hasVowel, !hasUpper || i - from == 1 else { continue }
            let abbreviation = (from > 0 && (scalars[from - 1] == "/" || scalars[from - 1] == "&")) || s == "/" || s == "&"
            if abbreviation || isListMarker(scalars, from: from, to: i) { continue }
            if orphans == 0 { firstOrphan = from }
            orphans += 1
        }
        // Letters dropped as spaces: fragments that are no syllable, on a line the repair stage's
        // detector also reads as lost glyphs (spaces where letters were, fragments not in its lexicon).
        if orphans >= 2,
           DocumentAnalysis.stats(String(String.UnicodeScalarView(scalars)), lexicon: Lexicon.shipped).showsLostGlyphs {
            mark(.droppedLetters, at: firstOrphan)
        }
        guard let spot = firstSpot else { return nil }
        return LineDamage(line: number, kinds: kinds, column: spot + 1, example: example(scalars, around: spot))
    }

    /// The line with what is not prose blanked out, column for column: HTML tags ("<br>", "</b>")
    /// and web or mail addresses ("https://…", "www.…", "a@b.vn"), whose letter runs are no
    /// Vietnamese syllables but no damage either. Markdown emphasis, cell separators and rules
    /// ("**", "|", "———") hold no letters and need no blanking.
    static func visible(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out = scalars
        var i = 0
        while i < out.count {
            let s = out[i]
            if s == "<", i + 1 < out.count, isLetter(out[i + 1]) || out[i + 1] == "/",
               let close = out[(i + 1)...].prefix(40).firstIndex(of: ">") {
                for k in i...close { out[k] = " " }
                i = close + 1
                continue
            }
            if !s.properties.isWhitespace, i == 0 || out[i - 1].properties.isWhitespace || out[i - 1] == "(" {
                var end = i
                while end < out.count, !out[end].properties.isWhitespace, out[end] != ")" { end += 1 }
                let word = String(String.UnicodeScalarView(out[i..<end])).lowercased()
                if word.contains("://") || word.hasPrefix("www.") || (word.contains("@") && word.contains(".")) {
                    for k in i..<end { out[k] = " " }
                    i = end
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// Every precomposed Vietnamese vowel, both cases, all tones: a syllable without one is damaged.
    static let vowelScalars: Set<UInt32> = {
        var result: Set<UInt32> = []
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" {
            for tone in ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"] {
                let composed = (String(base) + tone).precomposedStringWithCanonicalMapping.unicodeScalars
                if composed.count == 1 { result.insert(composed.first!.value) }
            }
        }
        return result
    }()

    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0...0xBF: false
        default: s.properties.isAlphabetic
        }
    }

    @inline(__always)
    static func isUpper(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? (0x41...0x5A).contains(s.value) : s.properties.isUppercase
    }

    /// "a." "đ)" "b" at the start of a line (after blanks and Markdown), as list markers.
    static func isListMarker(_ scalars: [Unicode.Scalar], from: Int, to: Int) -> Bool {
        guard to - from == 1, to < scalars.count, scalars[to] == "." || scalars[to] == ")" else { return false }
        return scalars[..<from].allSatisfy { $0.properties.isWhitespace || $0 == "#" || $0 == "*" || $0 == "-" }
    }

    /// A UTF-8 lead byte read as Windows-1252 ("Ã", "Ä", "Æ", "á" of "á»") followed by a continuation byte
    /// read the same way. Only "Ã"-like leads may pair with Windows-1252's punctuation: "á" before a
    /// closing quote is Vietnamese ("văn hoá”").
    static func isMojibake(_ lead: Unicode.Scalar, _ trail: Unicode.Scalar) -> Bool {
        let continuation = (0x80...0xBF).contains(trail.value)
        switch lead {
        case "á": return continuation
        case "Ã", "Â", "Ä", "Æ", "Å":
            return continuation || [0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017D, 0x017E, 0x0192, 0x02C6, 0x02DC,
                                    0x20AC, 0x2122].contains(trail.value) || (0x2013...0x203A).contains(trail.value)
        default: return false
        }
    }

    /// Latin-1 letters and signs that Vietnamese text never has but TCVN3 and VNI text is full of.
    static func isLegacyLetter(_ s: Unicode.Scalar) -> Bool {
        (0xA0...0xFF).contains(s.value) && !latin1InVietnamese.contains(s.value)
    }

    static let latin1InVietnamese: Set<UInt32> = Set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ«»°±·×÷\u{A0}".unicodeScalars.map(\.value))

    /// A few words around the damaged spot, for the message.
    static func example(_ scalars: [Unicode.Scalar], around spot: Int) -> String {
        var from = spot
        var words = 0
        while from > 0, words < 1 {
            from -= 1
            if scalars[from] == " ", from > 0, scalars[from - 1] != " " { words += 1 }
        }
        let to = min(scalars.count, spot + 16)
        let text = String(String.UnicodeScalarView(scalars[from..<to]))
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
