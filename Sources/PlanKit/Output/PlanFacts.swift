/// The checkable facts of a plan, one line each, fields separated by a tab: the header's fields,
/// each objective's indicator count, each target, each agency's indicator links, each reporting
/// deadline, the signature and the recipients.
///
/// This is the unit of the structure evaluation (`plankit-eval --structure`): a parse of a damaged
/// or unseen document is scored by the facts it shares with a reference, written by hand in a
/// `.facts` file of the same form. Spans, wording of paragraphs and section titles are not facts:
/// two parses that agree on every fact agree on what a reader of the plan needs from it.
public enum PlanFacts {
    /// The facts of `plan`, in document order within each kind.
    public static func facts(of plan: Plan) -> [String] {
        var out: [String] = []
        let h = plan.header
        func add(_ fields: String?...) {
            guard fields.allSatisfy({ $0 != nil }) else { return }
            out.append(fields.map { collapse($0!) }.joined(separator: "\t"))
        }
        add("documentType", h.documentType)
        add("number", h.number)
        add("issuer", h.issuer)
        add("place", h.place)
        if let date = h.date { add("date", "\(part(date.year, 4))-\(part(date.month, 2))-\(part(date.day, 2))") }
        add("title", h.title)
        if let period = h.period { add("period", "\(period.from)-\(period.to)") }
        if let locality = h.locality { add("locality", locality.level.rawValue, locality.name) }
        for basis in h.basis { add("basis", basis.number) }
        for objective in plan.objectives {
            add("objective", String(objective.number), String(objective.indicators.count))
            for indicator in objective.indicators {
                for target in indicator.targets {
                    let year = target.year.map { target.fromYearOn ? "\($0)+" : String($0) } ?? "-"
                    add("target", indicator.id, target.comparator.rawValue, number(target.value), target.unit.rawValue, year)
                }
            }
        }
        for responsibility in plan.responsibilities {
            for id in responsibility.reportsOn { add("reportsOn", responsibility.agency, id) }
        }
        for deadline in plan.reporting {
            var date = "\(deadline.day.map(String.init) ?? "?")/\(deadline.month.map(String.init) ?? "?")"
            if let year = deadline.year { date += "/\(year)" }
            add("deadline", deadline.kind.rawValue, date)
        }
        if let signature = plan.signature {
            add("onBehalf", signature.onBehalf)
            add("delegation", signature.delegation)
            add("signerTitle", signature.title)
            add("signer", signature.name)
        }
        for recipient in plan.recipients { add("recipient", recipient) }
        return out
    }

    /// The facts of a `.facts` file: blank lines and `#` comments left out, runs of spaces in a
    /// field collapsed, so a hand-written reference compares with ``facts(of:)`` line for line.
    public static func read(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            return trimmed.split(separator: "\t", omittingEmptySubsequences: false)
                .map { collapse(String($0)) }.joined(separator: "\t")
        }
    }

    /// The fact's kind: its first field.
    public static func kind(of fact: String) -> Substring {
        fact.prefix(while: { $0 != "\t" })
    }

    /// How many facts the two lists share, counted as multisets.
    public static func shared(_ a: [String], _ b: [String]) -> Int {
        var counts: [String: Int] = [:]
        for fact in a { counts[fact, default: 0] += 1 }
        var n = 0
        for fact in b where counts[fact, default: 0] > 0 {
            counts[fact]! -= 1
            n += 1
        }
        return n
    }

    static func part(_ value: Int?, _ width: Int) -> String {
        guard let value else { return "?" }
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// "40", "39.5", "1.4": a target's value in its shortest form that reads back as the same value.
    public static func number(_ value: Double) -> String { NumberText.shortest(value) }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{a0}" }).joined(separator: " ")
    }
}
