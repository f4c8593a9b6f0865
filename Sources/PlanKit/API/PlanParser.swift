/// The public entrance: text in, structured ``Plan`` out.
///
/// The stages run in order, each a pure function of the previous one's output:
/// ``SourceText`` → `Lexer` (blocks) → `SectionRecognizer` (outline) → extractors → ``Plan``.
public enum PlanParser {
    /// Parses one document. Never throws: what cannot be read becomes a diagnostic.
    public static func parse(_ source: SourceText) -> Plan {
        Plan(source: SourceInfo(path: source.path, lineCount: source.lines.count,
                                encoding: source.encoding.rawValue, normalizedToNFC: source.normalizedToNFC))
    }
}
