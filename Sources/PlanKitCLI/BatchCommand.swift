import PlanKit
import Foundation

/// `plankit batch DIR|FILE... --out DIR | --jsonl FILE`: a whole archive to JSON on all cores.
struct BatchCommand: Subcommand {
    static let name = "batch"
    static let summary = "Parse folders of plans on all cores into JSON files or JSON Lines."
    static let usage = """
    USAGE: plankit batch (--out DIR | --jsonl FILE) [--review DIR] [options] DIR|FILE...

    Parses every plan file under the given folders (recursively) and the files given directly,
    on all cores. Text may be UTF-8, UTF-16 with a byte-order mark, Windows-1258, TCVN3 (ABC)
    or VNI; the encoding found is reported in each plan's source.encoding. PDFs (typed or
    scanned), PNG, JPEG and TIFF page images and Word files (.docx, .odt, .doc) in the folders
    are found by their bytes, whatever their names, and read by external tools ('plankit
    doctor' lists them); OCR runs one single-threaded Tesseract per worker. Their outputs are
    named after the whole file name (2021/a.pdf -> DIR/2021/a.pdf.json).

    OUTPUT (one of):
      --out DIR         One pretty JSON file per input, mirroring the input tree, with the
                        .txt/.md replaced by .json (2021/a.txt -> DIR/2021/a.json). Each is
                        written atomically (temporary file + rename). Inputs whose output was
                        made from the same bytes by the same build are skipped
                        (SHA-256, kept in DIR/.plankit-batch.tsv).
      --jsonl FILE      One compact document per line, in input order, written atomically
                        when the run ends ('-' for standard output).

    OPTIONS:
      --include GLOB    Take only files found in folders that match (repeatable; default
                        '*.txt' and '*.md', and PDFs, images and Word files by content). A
                        pattern with no '/' matches the file name, one with '/' the path below
                        the folder given.
      --exclude GLOB    Leave out files that match (repeatable).
      --force           Redo every output, even those up to date.
      --jobs N          Worker threads (default: the number of cores).
      --compact         Compact JSON files with --out.
      --review DIR      Also write a review page per plan (HTML, as 'plankit review' does),
                        mirroring the input tree (2021/a.txt -> DIR/2021/a.html), and
                        DIR/index.html listing every plan. Pages of plans whose JSON is up
                        to date are made from that JSON.
      --keep-text DIR   Keep the text extracted from each PDF, image or Word file, mirroring
                        the input tree (2021/a.pdf -> DIR/2021/a.pdf.txt).
      -h, --help        Show this help.

    Progress (files done/total, rate, time left) is drawn on stderr when it is a terminal.
    A summary follows on stderr: files, parsed, skipped, repaired lines, legacy encodings,
    the files that failed and why.

    EXIT CODES: 0 every file parsed (or up to date); 1 some files failed (the others are still
    written); 2 usage error (bad option, missing input, output not writable).

    """

    static func run(_ arguments: [String], console: Console) throws(CommandLineError) -> Int32 {
        var scanner = ArgumentScanner(arguments)
        let (flags, values) = try scanner.scan(flags: ["--force", "--compact"],
                                               valued: ["--out", "--jsonl", "--include", "--exclude", "--jobs", "--review", "--keep-text"])
        let paths = scanner.positional
        guard !paths.isEmpty else { throw CommandLineError("no input files or folders", showUsage: true) }

        let destination: BatchRunner.Destination
        switch (values["--out"]?.last, values["--jsonl"]?.last) {
        case (let directory?, nil): destination = .directory(directory)
        case (nil, let file?): destination = .jsonLines(file)
        case (nil, nil): throw CommandLineError("say where to write: --out DIR or --jsonl FILE", showUsage: true)
        case (_?, _?): throw CommandLineError("--out and --jsonl exclude each other", showUsage: true)
        }
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        if let text = values["--jobs"]?.last {
            guard let n = Int(text), n >= 1 else { throw CommandLineError("--jobs needs a positive number, not '\(text)'") }
            jobs = n
        }

        let finder = BatchInputs(include: values["--include"] ?? [], exclude: values["--exclude"] ?? [])
        let inputs: [BatchInput]
        do {
            var oneOutputPerInput = false
            if case .directory = destination { oneOutputPerInput = true }
            if values["--review"] != nil { oneOutputPerInput = true }
            inputs = try finder.expand(paths, distinctOutputs: oneOutputPerInput)
        } catch {
            switch error {
            case .missing(let path):
                throw CommandLineError("\(path): no such file or folder")
            case .duplicateOutput(let output, let sources):
                throw CommandLineError("\(sources.joined(separator: " and ")) would both be written to \(output); "
                                       + "leave one out (--exclude), give their folders rather than the files, or use --jsonl")
            }
        }
        if inputs.isEmpty {
            throw CommandLineError("no plan files found (looked for \(finder.include.joined(separator: ", ")))")
        }

        let style: PlanJSONEncoder.Style? = flags.contains("--compact") ? .compact : nil
        let runner = BatchRunner(options: .init(destination: destination, force: flags.contains("--force"),
                                                jobs: jobs, style: style, review: values["--review"]?.last,
                                                intake: DocumentIntake.Options(searchPath: console.toolSearchPath),
                                                keepText: values["--keep-text"]?.last))
        let showProgress = console.stderrIsTerminal
        var progress: (@Sendable (BatchRunner.Progress) -> Void)?
        if showProgress {
            progress = { @Sendable p in console.err(render(p)) }
        }
        let summary = runner.run(inputs, progress: progress)
        if showProgress { console.err("\r\u{1B}[K") }
        if let problem = summary.destinationError { throw CommandLineError(problem) }
        console.err(report(summary))
        return summary.succeeded ? ExitCode.success : ExitCode.failure
    }

    /// "  312/5000 files   6.2%   48.1 files/s   3.1 MB/s   ETA 1:37"
    static func render(_ p: BatchRunner.Progress) -> String {
        let rate = p.elapsed > 0 ? Double(p.done) / p.elapsed : 0
        let left = rate > 0 ? Int((Double(p.total - p.done) / rate).rounded()) : 0
        let percent = p.total > 0 ? 100 * Double(p.done) / Double(p.total) : 100
        return "\r\u{1B}[K" + String(format: "%6d/%d files %5.1f%%  %7.1f files/s  %6.1f MB/s  ETA %d:%02d",
                                       p.done, p.total, percent, rate,
                                       p.elapsed > 0 ? Double(p.bytes) / p.elapsed / 1e6 : 0, left / 60, left % 60)
    }

    /// The final summary: one line of counts, then the failures and the plans with errors.
    static func report(_ s: BatchSummary) -> String {
        var parts = ["\(s.files) file\(s.files == 1 ? "" : "s")", "\(s.parsed) parsed"]
        if s.upToDate > 0 { parts.append("\(s.upToDate) up to date (skipped)") }
        parts.append("\(s.failures.count) failed")
        parts.append("\(s.repairedLines) repaired line\(s.repairedLines == 1 ? "" : "s")")
        if !s.legacyEncodings.isEmpty {
            parts.append("legacy encodings: " + s.legacyEncodings.keys.sorted().map { "\($0) \(s.legacyEncodings[$0]!)" }.joined(separator: ", "))
        }
        var text = "plankit batch: " + parts.joined(separator: ", ")
            + String(format: " in %.2f s (%.1f MB/s)\n", s.elapsed, s.elapsed > 0 ? Double(s.bytes) / s.elapsed / 1e6 : 0)
        if let index = s.reviewIndex {
            text += "review: \(s.reviewPages) page\(s.reviewPages == 1 ? "" : "s"), index in \(index)\n"
        }
        if !s.failures.isEmpty {
            text += "failed:\n" + s.failures.map { "  \($0.path): \($0.reason)\n" }.joined()
        }
        if !s.filesWithErrors.isEmpty {
            text += "plans with errors (\(s.filesWithErrors.count)):\n"
                + s.filesWithErrors.prefix(20).map { "  \($0.path): \($0.reason)\n" }.joined()
            if s.filesWithErrors.count > 20 { text += "  … and \(s.filesWithErrors.count - 20) more\n" }
        }
        return text
    }
}
