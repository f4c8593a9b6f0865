import PlanKit
/// `plankit lex FILE`: the lexer's blocks, one per line, for seeing why a document parses as it does.
struct LexCommand: Subcommand {
    static let name = "lex"
    static let summary = "Show the blocks the lexer reads (for debugging a parse)."
    static let usage = """
    USAGE: plankit lex FILE

    Prints each logical block as `startLine-endLine kind marker | text`.

    """

    static func run(_ arguments: [String], console: Console) throws(CommandLineError) -> Int32 {
        guard arguments.count == 1 else { throw CommandLineError("expected one file", showUsage: true) }
        let source: SourceText
        do { source = try SourceText.read(path: arguments[0]) } catch { throw CommandLineError("\(error)") }
        for line in PlanParser.blockListing(source) { console.out(line + "\n") }
        return ExitCode.success
    }
}
