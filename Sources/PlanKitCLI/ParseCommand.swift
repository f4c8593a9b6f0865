import PlanKit
import Foundation

/// `plankit parse FILE...`: each plan as JSON.
struct ParseCommand: Subcommand {
    static let name = "parse"
    static let summary = "Parse plans and print them as JSON."
    static let usage = """
    USAGE: plankit parse [--jsonl] [--compact] [--no-repair] [--ocr] [--output FILE] [--keep-text DIR] FILE...

    Parses each plan file and prints its structure as JSON: one pretty document for one file,
    a JSON array for several, or one compact document per line with --jsonl. Damaged text (lost
    glyphs, missing marks, OCR confusions, legacy-font swaps) is repaired first; the JSON's
    "repairs" lists every change.

    A file may be text (UTF-8, UTF-16, Windows-1258, TCVN3, VNI; NFC or NFD), a PDF (typed or
    scanned), a PNG, JPEG or TIFF page image, or a Word file (.docx, .odt, .doc), found from its
    bytes, not its name. Other than text, the file is read by external tools (pdftotext,
    pdftoppm and tesseract, pandoc, antiword or LibreOffice): 'plankit doctor' lists which are
    installed. Spans then count the lines of the extracted text and carry the page.

    OPTIONS:
      --jsonl           One compact JSON document per line (JSON Lines).
      --compact         No indentation.
      --no-repair       Parse the text exactly as written (no repair stage).
      --output FILE     Write to FILE (atomically: a temporary file renamed into place) instead of stdout.
    \(InputFiles.ocrHelp)
    \(InputFiles.keepTextHelp)
      -h, --help        Show this help.

    EXIT CODES: 0 all files parsed; 2 usage error or a file that could not be read, or that
    needs a tool not installed (the other files are still parsed and printed).

    """

    static func run(_ arguments: [String], console: Console) throws(CommandLineError) -> Int32 {
        var scanner = ArgumentScanner(arguments)
        let (flags, values) = try scanner.scan(flags: ["--jsonl", "--compact", "--no-repair", "--ocr"], valued: ["--output", "--keep-text"])
        let reader = InputFiles(values: values, flags: flags, console: console)
        let files = scanner.positional
        guard !files.isEmpty else { throw CommandLineError("no input files", showUsage: true) }
        let jsonl = flags.contains("--jsonl")
        let encoder = PlanJSONEncoder(style: jsonl || flags.contains("--compact") ? .compact : .pretty)

        // Every document is written into one byte buffer, in the layout chosen: no String per
        // document, no joined copy (the JSON is larger than the plan text).
        var output: [UInt8] = []
        var documents = 0
        var exitCode = ExitCode.success
        for path in files {
            do throws(SourceError) {
                let source = try reader.read(path)
                let plan = PlanParser.parse(source, repair: !flags.contains("--no-repair"))
                if jsonl || files.count == 1 {
                    encoder.encode(plan, appendingTo: &output)
                    output.append(0x0A)
                } else {
                    output.append(contentsOf: documents == 0 ? [0x5B, 0x0A] : [0x2C, 0x0A])   // "[\n" or ",\n"
                    encoder.encode(plan, appendingTo: &output)
                }
                documents += 1
            } catch {
                console.reportError("parse", "\(error)")
                exitCode = ExitCode.usage
            }
        }

        if !jsonl, files.count > 1 {
            output.append(contentsOf: documents == 0 ? Array("[\n\n]\n".utf8) : [0x0A, 0x5D, 0x0A])   // "\n]\n"
        }
        if let target = values["--output"]?.last {
            try AtomicFile.write(bytes: output, to: target)
        } else {
            console.write(output)
        }
        return exitCode
    }
}

/// Writes a whole file or nothing: a temporary file in the same folder, then a rename.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(CommandLineError) {
        try write(bytes: Array(text.utf8), to: path)
    }

    public static func write(bytes: [UInt8], to path: String) throws(CommandLineError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandLineError("cannot write \(path): \(error.localizedDescription)")
        }
        // rename(2) replaces the target in one step: readers see the old file or the new one, never half of it.
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CommandLineError("cannot write \(path): \(reason)")
        }
    }
}
