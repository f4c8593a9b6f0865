extension Plan {
    /// Every span's `page`, from the page its start line is on (`page(line)`); nil leaves it nil.
    /// Run once after a parse of text extracted from pages (``SourceText/pageStartLines``).
    public mutating func setPages(_ page: (Int) -> Int?) {
        func fix(_ span: inout SourceSpan) { span.page = page(span.startLine) }
        func fix(_ blocks: inout [TextBlock]) { for i in blocks.indices { fix(&blocks[i].span) } }
        func fix(_ section: inout Section) {
            fix(&section.span)
            fix(&section.paragraphs)
            for i in section.children.indices { fix(&section.children[i]) }
        }
        for i in header.basis.indices { fix(&header.basis[i].span) }
        fix(&preamble)
        for i in sections.indices { fix(&sections[i]) }
        for o in objectives.indices {
            fix(&objectives[o].span)
            fix(&objectives[o].solutions)
            for k in objectives[o].indicators.indices {
                fix(&objectives[o].indicators[k].span)
                for t in objectives[o].indicators[k].targets.indices { fix(&objectives[o].indicators[k].targets[t].span) }
            }
        }
        for i in responsibilities.indices { fix(&responsibilities[i].span) }
        for i in reporting.indices { fix(&reporting[i].span) }
        if signature != nil { fix(&signature!.span) }
        fix(&closing)
        fix(&unclassified)
        for i in diagnostics.indices where diagnostics[i].span != nil { fix(&diagnostics[i].span!) }
    }
}
