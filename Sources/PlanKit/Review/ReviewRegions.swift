/// One extracted element as the review page shows it: a label (a chip at its first line) and,
/// for most kinds, a tint over exactly the columns of its span.
struct ReviewRegion {
    /// How an element's text is tinted; the lower `priority` wins where tints overlap
    /// (a target inside an indicator inside an objective shows as a target).
    enum Tint: String {
        case target = "t-tgt", deadline = "t-dl", citation = "t-cit", header = "t-hd", indicator = "t-ind"
        case solution = "t-sol", objective = "t-obj", agency = "t-ag", signature = "t-sig", closing = "t-cl"
        case unclassified = "t-un"

        var priority: Int {
            switch self {
            case .target: 0
            case .deadline: 1
            case .citation: 2
            case .header: 3
            case .indicator: 4
            case .solution: 5
            case .objective: 6
            case .agency: 7
            case .signature: 8
            case .closing: 9
            case .unclassified: 10
            }
        }
    }

    /// "e12": the chip's id; text segments list the ids of the regions they belong to.
    var id: String
    /// The JSON element it stands for ("section", "indicator", "target", …), written as `data-el`.
    var element: String
    /// The chip's class (its colour).
    var chip: String
    /// The chip's text ("II.", "MT2.CT1", "≥27%").
    var label: String
    /// The chip's hover text: what the element is and what was read.
    var title: String
    var span: SourceSpan
    var tint: Tint?
    /// Sections: the gutter track (0 top level, 1 below) and the top-level kind (for the colour).
    var bar: (track: Int, kind: String)?
    /// A marker or number not read as written (PK040): flagged, and a stop for `n`/`p`.
    var inferred = false
}

/// The elements of a plan in document order, each with its span (see ``ReviewRegion``).
enum ReviewRegions {
    static func collect(_ plan: Plan) -> [ReviewRegion] {
        var regions: [ReviewRegion] = []
        func add(_ element: String, _ chip: String, _ label: String, _ title: String, _ span: SourceSpan,
                 tint: ReviewRegion.Tint?, bar: (Int, String)? = nil, inferred: Bool = false) {
            let flag = inferred ? " · inferred: not read as written (check it)" : ""
            regions.append(ReviewRegion(id: "e\(regions.count)", element: element, chip: chip, label: label,
                                        title: "\(title) · \(ReviewHTML.lines(span))\(flag)", span: span,
                                        tint: tint, bar: bar, inferred: inferred))
        }
        func block(_ element: String, _ b: TextBlock, chip: String, tint: ReviewRegion.Tint?) {
            add(element, chip, blockLabel(b.role), "\(element) (\(b.role.rawValue)): \(clip(b.text))", b.span, tint: tint)
        }

        for b in plan.preamble {
            block("preamble", b, chip: "k-hd", tint: .header)
        }
        for (k, basis) in plan.header.basis.enumerated() {
            var what = basis.kind
            if let number = basis.number { what += " \(number)" }
            if let date = basis.date { what += " (\(ReviewHTML.date(date)))" }
            if let issuer = basis.issuer { what += " of \(issuer)" }
            add("basis", "k-cit", "cites \(k + 1)", "basis document: \(what)", basis.span, tint: .citation)
        }
        func section(_ s: Section, depth: Int, top: String) {
            let kind = s.kind.map { " · \($0.rawValue)" } ?? ""
            let marker = s.marker.isEmpty ? (s.label.isEmpty ? "§" : s.label) : s.marker
            add("section", depth == 0 ? "k-sec" : "k-sub", marker, "section \(marker) \(clip(s.heading))\(kind)", s.span,
                tint: nil, bar: (min(depth, 1), top), inferred: s.inferred == true)
            for p in s.paragraphs { block("paragraph", p, chip: "k-par", tint: nil) }
            for child in s.children { section(child, depth: depth + 1, top: top) }
        }
        for s in plan.sections { section(s, depth: 0, top: s.kind?.rawValue ?? "other") }
        for o in plan.objectives {
            add("objective", "k-obj", "MT\(o.number)", "objective \(o.number): \(clip(o.title))"
                + (o.domain.map { " · \($0.rawValue)" } ?? " · no domain"), o.span, tint: .objective,
                inferred: o.inferred == true)
            for i in o.indicators {
                let national = i.nationalId.map { " · national \($0)" } ?? " · local (no national match)"
                add("indicator", "k-ind", i.id, "indicator \(i.id): \(clip(i.text))\(national)", i.span,
                    tint: .indicator, inferred: i.inferred == true)
                for t in i.targets {
                    let year = t.year.map { " in \($0)\(t.fromYearOn ? " on" : "")" } ?? " · no year"
                    let baseline = t.baseline.map { " · from \(ReviewHTML.number($0))" } ?? ""
                    let national = t.national.map { " · national \($0.year): \($0.text)" } ?? ""
                    add("target", "k-tgt", ReviewHTML.value(t.value, t.unit, t.comparator),
                        "target of \(i.id): \(ReviewHTML.value(t.value, t.unit, t.comparator))\(year)\(baseline)\(national) · read from “\(clip(t.text))”",
                        t.span, tint: .target)
                }
            }
            for s in o.solutions { block("solution", s, chip: "k-sol", tint: .solution) }
        }
        for r in plan.responsibilities {
            var refs = ""
            if !r.reportsOn.isEmpty { refs += " · leads on " + r.reportsOn.joined(separator: ", ") }
            if !r.supportsOn.isEmpty { refs += " · supports " + r.supportsOn.joined(separator: ", ") }
            add("responsibility", "k-ag", "agency", "agency: \(r.agency) · \(r.duties.count) dut\(r.duties.count == 1 ? "y" : "ies")\(refs)",
                r.span, tint: .agency)
        }
        for d in plan.reporting {
            let date = [d.day.map(String.init) ?? "?", d.month.map(String.init) ?? "?"].joined(separator: "/")
                + (d.year.map { "/\($0)" } ?? "")
            add("deadline", "k-dl", "due \(date)", "reporting deadline (\(d.kind.rawValue)): \(date) · “\(clip(d.text))”",
                d.span, tint: .deadline)
        }
        for b in plan.closing {
            let signature = b.role == .signature || b.role == .signer
            block("closing", b, chip: signature ? "k-sig" : "k-cl", tint: signature ? .signature : .closing)
        }
        if let s = plan.signature {
            let parts = [s.onBehalf, s.delegation, s.title, s.name.map { "signed by \($0)" } ?? "no signer's name"].compactMap { $0 }
            add("signature", "k-sig", "signature", "signature block: " + parts.joined(separator: " / "), s.span, tint: .signature)
        }
        for b in plan.unclassified { block("unclassified", b, chip: "k-un", tint: .unclassified) }
        // Chips of one line in document order; an outer element before the ones inside it.
        return regions.enumerated().sorted { a, b in
            let (x, y) = (a.element.span, b.element.span)
            if (x.startLine, x.startColumn) != (y.startLine, y.startColumn) {
                return (x.startLine, x.startColumn) < (y.startLine, y.startColumn)
            }
            if (x.endLine, x.endColumn) != (y.endLine, y.endColumn) { return (x.endLine, x.endColumn) > (y.endLine, y.endColumn) }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The chip's text for a block, by its role.
    static func blockLabel(_ role: BlockRole) -> String {
        switch role {
        case .motto: "motto"
        case .issuer: "issuer"
        case .number: "số"
        case .placeDate: "place, date"
        case .documentType: "doc. type"
        case .title: "title"
        case .basis: "basis"
        case .enacting: "enacting"
        case .paragraph: "¶"
        case .closingRemark: "closing"
        case .recipientsLabel: "nơi nhận"
        case .recipient: "recipient"
        case .signature: "sign."
        case .signer: "signer"
        case .pageNumber: "page no."
        case .separator: "separator"
        case .text: "text"
        }
    }

    /// At most 90 characters of a text, for a hover.
    static func clip(_ text: String) -> String {
        text.count <= 90 ? text : String(text.prefix(89)) + "…"
    }
}
