import PlanKit
import Foundation

/// `plankit repair FILE`: the repaired text, or with `--diff` the changes made.
struct RepairCommand: Subcommand {
    static let name = "repair"
    static let summary = "Restore damaged text (lost glyphs, missing marks, OCR, legacy fonts)."
    static let usage = """
    USAGE: plankit repair [--diff] [--log] [--ocr] [--keep-text DIR] FILE

    Restores damaged Vietnamese text and prints the repaired text (of a PDF, image or Word file:
    of the text extracted from it, as 'plankit parse' reads it). Lines found intact come out
    byte-identical; digits are never changed; spots the repair is not sure of are left as
    written and listed on stderr.

    OPTIONS:
      --diff            Print only the changed lines, as "-" original and "+" repaired with the line number.
      --log             Print the repair log (line:column kind confidence original -> repaired) instead of the text.
    \(InputFiles.ocrHelp)
    \(InputFiles.keepTextHelp)
      -h, --help        Show this help.

    EXIT CODES: 0 done (whether or not anything was repaired); 2 usage error or unreadable file.

    """

    static func run(_ arguments: [String], console: Console) throws(CommandLineError) -> Int32 {
        var scanner = ArgumentScanner(arguments)
        let (flags, values) = try scanner.scan(flags: ["--diff", "--log", "--ocr"], valued: ["--keep-text"])
        guard scanner.positional.count == 1, let path = scanner.positional.first else {
            throw CommandLineError(scanner.positional.isEmpty ? "no input file" : "give one file", showUsage: true)
        }
        let source: SourceText
        do {
            source = try InputFiles(values: values, flags: flags, console: console).read(path)
        } catch {
            throw CommandLineError("\(error)")
        }
        let (repaired, repairs, diagnostics) = Repairer.shared.repair(source)
        if flags.contains("--log") {
            var text = ""
            for r in repairs {
                text += "\(path):\(r.line):\(r.column): \(r.kind) \(String(format: "%.3f", r.confidence)) \"\(r.original)\" -> \"\(r.repaired)\"\n"
            }
            console.out(text)
        } else if flags.contains("--diff") {
            var text = ""
            for (index, line) in source.lines.enumerated() where repaired.lines[index] != line {
                text += "@@ \(index + 1)\n-\(line)\n+\(repaired.lines[index])\n"
            }
            console.out(text)
        } else {
            console.out(repaired.lines.joined(separator: "\n") + (repaired.lines.isEmpty ? "" : "\n"))
        }
        for d in diagnostics {
            let column = d.span.map { ":\($0.startLine):\($0.startColumn)" } ?? ""
            console.err("\(path)\(column): \(d.severity.rawValue): \(d.message) [\(d.rule)]\n")
        }
        return ExitCode.success
    }
}
