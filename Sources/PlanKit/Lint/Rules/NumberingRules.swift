/// PK120–PK123: numbered lists in sequence, letters in Vietnamese order, sub-items under their parent.
enum NumberingRules {
    /// The letters of Vietnamese list markers, in order (no ă â ê ô ơ ư).
    static let letters: [Character] = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p",
                                       "q", "r", "s", "t", "u", "v", "x", "y"]

    static func check(_ context: LintContext, _ sink: inout FindingSink) {
        siblings(context.plan.sections, parent: nil, context, &sink)
        objectivesAndIndicators(context, &sink)
    }

    /// A section label read as a place in a sequence.
    enum Label: Equatable {
        case roman(Int)
        /// "2.1.3" → [2, 1, 3]
        case arabic([Int])
        /// Index in ``letters``, or nil for a letter Vietnamese lists do not use (f, j, w, z).
        case letter(Int?, Character)

        init?(_ label: String) {
            if !label.isEmpty, label.allSatisfy({ "IVXLC".contains($0) }), let value = Label.romanValue(label) {
                self = .roman(value)
            } else if !label.isEmpty, label.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
                let parts = label.split(separator: ".").compactMap { Int($0) }
                guard !parts.isEmpty else { return nil }
                self = .arabic(parts)
            } else if label.count == 1, let ch = label.lowercased().first, ch.isLetter {
                self = .letter(NumberingRules.letters.firstIndex(of: ch), ch)
            } else {
                return nil
            }
        }

        /// Which sequence the label belongs to: siblings of different styles or depths are counted apart.
        var sequence: String {
            switch self {
            case .roman: "roman"
            case .arabic(let parts): "arabic\(parts.count)"
            case .letter: "letter"
            }
        }

        /// 1-based place in its sequence.
        var ordinal: Int? {
            switch self {
            case .roman(let n): n
            case .arabic(let parts): parts.last
            case .letter(let index, _): index.map { $0 + 1 }
            }
        }

        static func romanValue(_ text: String) -> Int? {
            let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]
            var total = 0
            let digits = text.compactMap { values[$0] }
            for (i, d) in digits.enumerated() {
                total += i + 1 < digits.count && d < digits[i + 1] ? -d : d
            }
            return total > 0 ? total : nil
        }
    }

    static func siblings(_ sections: [Section], parent: Section?, _ context: LintContext, _ sink: inout FindingSink) {
        var previous: [String: (ordinal: Int, section: Section)] = [:]
        let parentLabel = parent.flatMap { Label($0.label) }
        for section in sections {
            defer { siblings(section.children, parent: section, context, &sink) }
            guard let label = Label(section.label) else { continue }
            let at = context.locate(section.marker, within: section.span) ?? context.headingSpan(section)
            let subject = section.marker + " " + section.heading

            // PK123: "2.3.1" must sit under "2.3" (or under "II" when it is "2.1").
            if case .arabic(let parts) = label, parts.count > 1, let parentLabel {
                let expected: [Int]?
                switch parentLabel {
                case .arabic(let p): expected = p
                case .roman(let n): expected = parts.count == 2 ? [n] : nil
                case .letter: expected = nil
                }
                if let expected, Array(parts.dropLast()) != expected {
                    sink.report(.wrongParent,
                                "item \(section.marker) is numbered as part of \(parts.dropLast().map(String.init).joined(separator: ".")), but it sits under \(parent!.marker)",
                                at: at, subject: subject)
                }
            }

            guard let ordinal = label.ordinal else {
                if case .letter(_, let ch) = label {
                    sink.report(.letterOrder, "letter '\(ch)' is not used in Vietnamese lists", at: at, subject: subject)
                }
                continue
            }
            let before = previous[label.sequence]
            previous[label.sequence] = (ordinal, section)
            let expected = (before?.ordinal ?? 0) + 1
            if ordinal == expected { continue }
            let isLetter: Bool
            if case .letter = label { isLetter = true } else { isLetter = false }
            if let before, ordinal == before.ordinal {
                sink.report(.numberingRepeat, "\(section.marker) repeats the number of the item before it",
                            at: at, subject: subject)
            } else if isLetter {
                let expectedLetter = expected <= letters.count ? String(letters[expected - 1]) : "?"
                let after = before.map { "after \($0.section.marker) " } ?? "first "
                sink.report(.letterOrder, "\(after)comes \(expectedLetter), not \(section.marker) (Vietnamese order: a b c d đ e g h i k …)",
                            at: at, subject: subject)
            } else if let before {
                sink.report(ordinal > expected ? .numberingGap : .numberingRepeat,
                            ordinal > expected ? "numbering skips from \(before.section.marker) to \(section.marker)"
                                               : "\(section.marker) comes after \(before.section.marker): numbers go back",
                            at: at, subject: subject)
            } else {
                sink.report(.numberingGap, "numbering starts at \(section.marker), not at 1", at: at, subject: subject)
            }
        }
    }

    /// "Mục tiêu 1, 2, 4" and "Chỉ tiêu 1, 3": skipped or repeated numbers.
    static func objectivesAndIndicators(_ context: LintContext, _ sink: inout FindingSink) {
        sequence(context.plan.objectives.map { ($0.number, $0.span, "Mục tiêu \($0.number)") }, noun: "Mục tiêu",
                 scope: "", context, &sink)
        for objective in context.plan.objectives {
            sequence(objective.indicators.map { ($0.number, $0.span, "\($0.id) \($0.text)") }, noun: "Chỉ tiêu",
                     scope: " under Mục tiêu \(objective.number)", context, &sink)
        }
    }

    private static func sequence(_ items: [(number: Int, span: SourceSpan, subject: String)], noun: String, scope: String,
                                 _ context: LintContext, _ sink: inout FindingSink) {
        var previous: Int? = nil
        for item in items {
            defer { previous = item.number }
            let expected = (previous ?? 0) + 1
            guard item.number != expected else { continue }
            let at = context.refine(item.span)
            if let previous, item.number <= previous {
                sink.report(.numberingRepeat, "\(noun) \(item.number) comes after \(noun) \(previous)\(scope)", at: at,
                            subject: item.subject)
            } else if let previous {
                sink.report(.numberingGap, "\(noun) numbers\(scope) skip from \(previous) to \(item.number)", at: at,
                            subject: item.subject)
            } else {
                sink.report(.numberingGap, "\(noun) numbers\(scope) start at \(item.number), not at 1", at: at,
                            subject: item.subject)
            }
        }
    }
}
