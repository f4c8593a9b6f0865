import PlanKit
import Foundation

/// `plankit catalog`: the built-in national catalog, and the generator of its Swift source.
struct CatalogCommand: Subcommand {
    static let name = "catalog"
    static let summary = "Print the national strategy's indicator catalog (or regenerate its Swift source)."
    static let usage = """
    USAGE: plankit catalog [--output FILE]
           plankit catalog --swift CATALOG.md [--output FILE]

    Prints the catalog of the National Strategy on Gender Equality 2021–2030 that lint and the
    normaliser use, as JSON. With --swift, reads the catalog's markdown table instead and prints
    the Swift source of Sources/PlanKit/Catalog/NationalCatalog+Data.swift:

      plankit catalog --swift Data/national-strategy-2021-2030.md \\
        --output Sources/PlanKit/Catalog/NationalCatalog+Data.swift

    OPTIONS:
      --swift FILE      Generate Swift source from the markdown catalog FILE.
      --output FILE     Write to FILE (atomically) instead of stdout.
      -h, --help        Show this help.

    """

    static func run(_ arguments: [String], console: Console) throws(CommandLineError) -> Int32 {
        var scanner = ArgumentScanner(arguments)
        let (_, values) = try scanner.scan(flags: [], valued: ["--swift", "--output"])
        guard scanner.positional.isEmpty else {
            throw CommandLineError("unexpected argument '\(scanner.positional[0])'", showUsage: true)
        }
        let output: String
        if let path = values["--swift"]?.last {
            let source: SourceText
            do { source = try SourceText.read(path: path) } catch { throw CommandLineError("\(error)") }
            do {
                let indicators = try CatalogMarkdown.parse(source.lines.joined(separator: "\n"))
                output = CatalogMarkdown.swiftSource(indicators, sourceName: "Data/" + URL(fileURLWithPath: path).lastPathComponent)
            } catch {
                throw CommandLineError("\(path):\(error.line): \(error.reason)")
            }
        } else {
            do {
                output = try PlanJSONEncoder(style: .pretty).encode(NationalCatalog.indicators) + "\n"
            } catch {
                throw CommandLineError("cannot encode the catalog: \(error)")
            }
        }
        if let target = values["--output"]?.last {
            try AtomicFile.write(output, to: target)
        } else {
            console.out(output)
        }
        return ExitCode.success
    }
}
