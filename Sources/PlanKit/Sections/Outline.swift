/// Stage 2 output: the document split into its front matter, numbered sections and closing.
struct Outline: Sendable {
    /// A numbered section: its heading block, what it holds, and its subsections.
    struct Node: Sendable {
        var heading: Block
        var kind: SectionKind?
        var children: [Node]
        /// Unnumbered blocks and bullets directly under the heading, in order.
        var paragraphs: [Block]
        var depth: Int
        /// From the heading to the last line of its last descendant; final once the section is closed.
        var span: SourceSpan

        init(heading: Block, kind: SectionKind?, depth: Int) {
            self.heading = heading
            self.kind = kind
            self.children = []
            self.paragraphs = []
            self.depth = depth
            self.span = heading.span
        }

        var label: String { heading.marker?.label ?? "" }
        var title: String { heading.string }

        /// Every block of the section in document order, headings included, with the depth it sits at.
        func walk(_ visit: (Block, _ isHeading: Bool, _ depth: Int) -> Void) {
            visit(heading, true, depth)
            var p = 0, c = 0
            while p < paragraphs.count || c < children.count {
                let takeParagraph = c == children.count ||
                    (p < paragraphs.count && paragraphs[p].span.startLine <= children[c].heading.span.startLine)
                if takeParagraph {
                    visit(paragraphs[p], false, depth + 1)
                    p += 1
                } else {
                    children[c].walk(visit)
                    c += 1
                }
            }
        }

        /// This node and all nodes below it, depth first.
        func allNodes() -> [Node] {
            [self] + children.flatMap { $0.allNodes() }
        }
    }

    var preamble: [Block]
    var sections: [Node]
    var closing: [Block]
    /// Page numbers and other debris set aside by the lexer.
    var unclassified: [Block]
    /// What the recognizer read from damaged or missing markers, and why (PK040 notes).
    var inferences: [Diagnostic] = []
}
