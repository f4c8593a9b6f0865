/// The public entrance: text in, structured ``Plan`` out.
///
/// The stages run in order, each a pure function of the previous one's output:
/// ``SourceText`` → `Lexer` (blocks) → `SectionRecognizer` (outline) → extractors → ``Plan``.
public enum PlanParser {
    /// Parses one document. Never throws: what cannot be read becomes a diagnostic.
    ///
    /// With `repair` (the default), damaged text is first restored by ``Repairer``; the plan's
    /// `repairs` log every change and spans still point at the lines of the file as written
    /// (repair never adds or removes a line).
    public static func parse(_ original: SourceText, repair: Bool = true) -> Plan {
        var source = original
        var repairs: [Repair] = []
        var diagnostics: [Diagnostic] = []
        if repair {
            (source, repairs, diagnostics) = Repairer.shared.repair(original)
        }
        let blocks = Lexer.lex(source)
        let outline = SectionRecognizer.recognize(blocks)
        diagnostics.append(contentsOf: outline.inferences)

        var (header, preamble) = HeaderExtractor.extract(outline.preamble, diagnostics: &diagnostics)
        let objectives = ObjectiveExtractor.extract(outline, diagnostics: &diagnostics)
        let responsibilities = ResponsibilityExtractor.extract(outline, objectives: objectives, diagnostics: &diagnostics)
        header.locality = HeaderExtractor.cityLevel(header.locality, issuer: header.issuer, agencies: responsibilities.map(\.agency))
        let reporting = ReportingExtractor.extract(outline, period: header.period)
        let (signature, recipients, closing) = ClosingExtractor.extract(outline.closing, diagnostics: &diagnostics)

        if objectives.isEmpty {
            diagnostics.append(Diagnostic(.missingObjectives, "no objectives (\"Mục tiêu N: …\") with indicators were found",
                                          span: outline.sections.first(where: { $0.kind == .objectives })?.heading.span))
        }
        if reporting.isEmpty {
            diagnostics.append(Diagnostic(.missingReporting, "no reporting deadline (\"trước ngày …\") was found",
                                          span: outline.sections.first(where: { $0.kind == .reporting })?.heading.span))
        }
        let unclassified = outline.unclassified.map { block in
            TextBlock(role: block.kind == .pageNumber ? .pageNumber : .separator, marker: block.marker?.raw,
                      text: block.string, span: block.span)
        }
        for block in unclassified where block.role == .pageNumber {
            diagnostics.append(Diagnostic(.unclassifiedText, "'\(block.text)' set aside as a page number", span: block.span))
        }
        diagnostics.sort { ($0.span ?? SourceSpan(startLine: 0, endLine: 0)) < ($1.span ?? SourceSpan(startLine: 0, endLine: 0)) }

        // Indicators get their national ids here, once: lint and export read them from the plan.
        var plan = NationalNormalizer.normalize(Plan(
            source: SourceInfo(path: source.path, lineCount: source.lines.count,
                               encoding: source.encoding.rawValue, normalizedToNFC: source.normalizedToNFC,
                               origin: original.origin),
            header: header,
            preamble: preamble,
            sections: outline.sections.map(section),
            objectives: objectives,
            responsibilities: responsibilities,
            reporting: reporting,
            signature: signature,
            recipients: recipients,
            closing: closing,
            unclassified: unclassified,
            repairs: repairs,
            diagnostics: diagnostics))
        // A share whose "%" OCR lost ("đạt 4096 vào năm 2025") gives no target; it never passes silently.
        var shares: [Diagnostic] = []
        for indicator in plan.objectives.flatMap(\.indicators) {
            let national = indicator.nationalId.flatMap(NationalCatalog.indicator(id:))
            for written in TargetParser.sharesWithoutPercent(indicator.text, isShare: TargetParser.isShare(indicator, national: national)) {
                shares.append(Diagnostic(.unreadableNumber,
                                         "number '\(written)' of indicator \(indicator.id) stands where a share does, over 100 and without '%': no target read",
                                         span: indicator.span))
            }
        }
        if !shares.isEmpty {
            plan.diagnostics = (plan.diagnostics + shares).sorted {
                ($0.span ?? SourceSpan(startLine: 0, endLine: 0)) < ($1.span ?? SourceSpan(startLine: 0, endLine: 0))
            }
        }
        // Text extracted from pages: every span says which page it starts on.
        if original.pageStartLines != nil { plan.setPages(original.page(ofLine:)) }
        return plan
    }

    /// The lexer's blocks, one line each ("startLine-endLine kind marker | text"): what the first
    /// stage read, for seeing why a document parses as it does (`plankit lex`).
    public static func blockListing(_ source: SourceText) -> [String] {
        Lexer.lex(source).map { block in
            "\(block.span.startLine)-\(block.span.endLine) \(block.kind) \(block.marker?.raw ?? "") | \(block.string)"
        }
    }

    static func section(_ node: Outline.Node) -> Section {
        Section(label: node.label, marker: node.heading.marker?.raw ?? "", heading: node.title, kind: node.kind,
                span: node.span, children: node.children.map(section),
                paragraphs: node.paragraphs.map { TextBlock(role: .paragraph, marker: $0.marker?.raw, text: $0.string, span: $0.span) },
                inferred: node.heading.marker?.inferred == true ? true : nil)
    }
}
