import PlanKit
import Foundation

/// `plankit export --csv PATH...`: every target of every plan as one CSV table.
struct ExportCommand: Subcommand {
    static let name = "export"
    static let summary = "Export the targets of many plans as one CSV table."
    static let usage = """
    USAGE: plankit export --csv [--output FILE] [--bom] PATH...

    Writes one CSV row per target across all plans, for a spreadsheet or pandas. A PATH is
    a plan file (.txt, .md: parsed now), a JSON file written by 'plankit parse' or
    'plankit batch --out' (.json), a JSON Lines file from 'plankit batch --jsonl' (.jsonl),
    or a folder, searched recursively for all of these.

    COLUMNS: \(TargetTable.columns.joined(separator: ", "))
    (RFC 4180: UTF-8, CRLF line ends, fields quoted when they hold a comma, quote or line end;
    nationalId is empty until the plans carry one).

    OPTIONS:
      --csv             The format (the only one for now).
      --output FILE     Write to FILE atomically instead of standard output.
      --bom             Start with a UTF-8 byte-order mark (what Excel needs to read UTF-8).
      -h, --help        Show this help.

    EXIT CODES: 0 all inputs read; 1 some inputs could not be read (their rows are missing,
    the rest are written); 2 usage error.

    """

    static func run(_ arguments: [String], console: Console) throws(CommandLineError) -> Int32 {
        var scanner = ArgumentScanner(arguments)
        let (flags, values) = try scanner.scan(flags: ["--csv", "--bom"], valued: ["--output"])
        guard flags.contains("--csv") else { throw CommandLineError("choose a format: --csv", showUsage: true) }
        let paths = scanner.positional
        guard !paths.isEmpty else { throw CommandLineError("no input files or folders", showUsage: true) }

        let finder = BatchInputs(include: ["*.json", "*.jsonl", "*.txt", "*.md"])
        var inputs: [BatchInput] = []
        for path in paths {
            // One argument at a time: output names do not matter here, so equal file names are fine.
            do {
                inputs += try finder.expand([path])
            } catch {
                throw CommandLineError("\(path): no such file or folder")
            }
        }

        let sink: CSVSink
        if let output = values["--output"]?.last {
            guard let file = CSVSink(path: output) else { throw CommandLineError("\(output): cannot be written") }
            sink = file
        } else {
            sink = CSVSink(console: console)
        }
        if flags.contains("--bom") { sink.write("\u{FEFF}") }
        sink.write(TargetTable.record(TargetTable.columns))

        var exitCode = ExitCode.success
        for input in inputs {
            do {
                try PlanDocuments.forEach(in: input.path) { plan in
                    for row in TargetTable.rows(plan: plan) { sink.write(TargetTable.record(row)) }
                }
            } catch {
                console.reportError("export", error.description)
                exitCode = ExitCode.failure
            }
        }
        do {
            try sink.finish()
        } catch {
            throw CommandLineError(error.description)
        }
        return exitCode
    }
}

/// The plans in any of the files `export` reads, one at a time: plan JSON as `parse` and `batch`
/// write it (one document, an array, or JSON Lines), decoded into ``Plan``; any other file is parsed.
enum PlanDocuments {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func forEach(in path: String, _ body: (Plan) -> Void) throws(Failure) {
        let decoder = JSONDecoder()
        switch (path as NSString).pathExtension.lowercased() {
        case "json":
            guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "\(path): cannot be read") }
            guard (try? JSONSerialization.jsonObject(with: data)) != nil else {
                throw Failure(description: "\(path): is not valid JSON")
            }
            if let plan = try? decoder.decode(Plan.self, from: data) {
                body(plan)
            } else if let plans = try? decoder.decode([Plan].self, from: data) {
                plans.forEach(body)
            } else {
                throw Failure(description: "\(path): is neither a plan nor an array of plans")
            }
        case "jsonl":
            guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure(description: "\(path): cannot be read") }
            defer { try? handle.close() }
            var lineNumber = 0
            var bad: Int?
            LineReader.forEachLine(handle) { line in
                lineNumber += 1
                guard !line.isEmpty else { return }
                if let plan = try? decoder.decode(Plan.self, from: Data(line)) {
                    body(plan)
                } else if bad == nil {
                    bad = lineNumber
                }
            }
            if let bad { throw Failure(description: "\(path):\(bad): is not a plan document (other lines were read)") }
        default:
            let source: SourceText
            do {
                source = try SourceText.read(path: path)
            } catch {
                throw Failure(description: error.description)
            }
            body(PlanParser.parse(source))
        }
    }
}

/// Reads a file line by line in 1 MiB chunks, so a large JSON Lines file is never held whole.
enum LineReader {
    static func forEachLine(_ handle: FileHandle, _ body: ([UInt8]) -> Void) {
        var pending: [UInt8] = []
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            var start = chunk.startIndex
            while let newline = chunk[start...].firstIndex(of: 0x0A) {
                pending.append(contentsOf: chunk[start..<newline])
                body(pending)
                pending.removeAll(keepingCapacity: true)
                start = newline + 1
            }
            pending.append(contentsOf: chunk[start...])
        }
        if !pending.isEmpty { body(pending) }
    }
}

/// Where CSV rows go: standard output, or a temporary file renamed over the target at the end.
final class CSVSink {
    private var buffer: [UInt8] = []
    private let handle: FileHandle?
    private let console: Console?
    private let temporary: String?
    private let target: String?

    init?(path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\((path as NSString).lastPathComponent).\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else { return nil }
        self.handle = handle
        self.temporary = temporary
        self.target = path
        self.console = nil
    }

    init(console: Console) {
        self.console = console
        self.handle = nil
        self.temporary = nil
        self.target = nil
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        if let handle {
            try? handle.write(contentsOf: Data(buffer))
        } else {
            console?.out(String(decoding: buffer, as: UTF8.self))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws(PlanDocuments.Failure) {
        flush()
        guard let handle, let temporary, let target else { return }
        try? handle.close()
        if rename(temporary, target) != 0 {
            unlink(temporary)
            throw PlanDocuments.Failure(description: "\(target): \(String(cString: strerror(errno)))")
        }
    }
}
