import PlanKit
import Foundation

/// `plankit review FILE... --out DIR`: an HTML page per plan to check what was read, and an index.
struct ReviewCommand: Subcommand {
    static let name = "review"
    static let summary = "Write HTML pages to check what was read from each plan, beside its source."
    static let usage = """
    USAGE: plankit review --out DIR [--confidence X] [--no-repair] [--keep-text DIR] DIR|FILE...

    Parses each plan and writes a static HTML page for it to DIR, and DIR/index.html listing
    them all: the source as written with line numbers, every element read shown over the text
    it was read from, every repair in place (the original struck through, the confidence on
    hover), every diagnostic beside its line, an outline that scrolls the source, the targets
    against the national strategy as a table and a chart, and keys n / p to go to the next and
    previous doubtful spot. The pages need no network: open them from the folder or a zip.

    Folders are searched recursively for *.txt and *.md, PDFs, images and Word files (as
    'plankit batch' does); pages mirror
    the paths below the folder given (2021/a.txt -> DIR/2021/a.html); a file given directly
    gets DIR/<name>.html. Each page is written atomically (temporary file + rename).

    OPTIONS:
      --out DIR         Where to write the pages (created if missing).
      --confidence X    Repairs below X (0-1, default 0.9) are flagged as doubtful.
      --no-repair       Parse the text exactly as written (no repair stage).
    \(InputFiles.keepTextHelp)
      -h, --help        Show this help.

    EXIT CODES: 0 every page written; 2 usage error, or a file that could not be read or a page
    that could not be written (the other pages and the index are still written).

    """

    static func run(_ arguments: [String], console: Console) throws(CommandLineError) -> Int32 {
        var scanner = ArgumentScanner(arguments)
        let (flags, values) = try scanner.scan(flags: ["--no-repair"], valued: ["--out", "--confidence", "--keep-text"])
        let reader = InputFiles(values: values, console: console)
        let paths = scanner.positional
        guard !paths.isEmpty else { throw CommandLineError("no input files", showUsage: true) }
        guard let out = values["--out"]?.last else { throw CommandLineError("say where to write the pages: --out DIR", showUsage: true) }
        var options = PlanReview.Options()
        if let text = values["--confidence"]?.last {
            guard let value = Double(text), value >= 0, value <= 1 else {
                throw CommandLineError("--confidence needs a number from 0 to 1, not '\(text)'")
            }
            options.doubtfulConfidence = value
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw CommandLineError("cannot create \(out): \(error.localizedDescription)")
        }

        // Folders expanded as batch expands them; a file given directly is taken as it is, so
        // that a missing one is reported with the others, not instead of them.
        var inputs: [BatchInput] = []
        let finder = BatchInputs()
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
               let found = try? finder.expand([path]) {
                inputs += found
            } else {
                inputs.append(BatchInput(path: path, relativePath: (path as NSString).lastPathComponent))
            }
        }
        var pages = Set<String>()
        var entries: [PlanReview.IndexEntry] = []
        var exitCode = ExitCode.success
        for input in inputs {
            let page = distinct(input.reviewRelativePath, taken: &pages)
            do {
                let source = try reader.read(input.path, keptAs: input.relativePath)
                let plan = PlanParser.parse(source, repair: !flags.contains("--no-repair"))
                var pageOptions = options
                pageOptions.indexLink = String(repeating: "../", count: page.split(separator: "/").count - 1) + "index.html"
                let target = out + "/" + page
                let parent = (target as NSString).deletingLastPathComponent
                do {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    throw CommandLineError("cannot create \(parent): \(error.localizedDescription)")
                }
                try AtomicFile.write(PlanReview.page(plan, source: source, options: pageOptions), to: target)
                entries.append(PlanReview.IndexEntry(summary: ReviewSummary(plan: plan, doubtfulConfidence: options.doubtfulConfidence),
                                                     link: BatchInput.linkPath(page)))
            } catch let error as SourceError {
                console.reportError("review", "\(error)")
                entries.append(PlanReview.IndexEntry(path: input.path, failure: error.reason))
                exitCode = ExitCode.usage
            } catch let error as CommandLineError {
                console.reportError("review", "\(input.path): \(error.message)")
                entries.append(PlanReview.IndexEntry(path: input.path, failure: error.message))
                exitCode = ExitCode.usage
            } catch {
                console.reportError("review", "\(input.path): \(error)")
                entries.append(PlanReview.IndexEntry(path: input.path, failure: "\(error)"))
                exitCode = ExitCode.usage
            }
        }
        let index = out + "/index.html"
        try AtomicFile.write(PlanReview.index(entries), to: index)
        let written = entries.filter { $0.summary != nil }.count
        let needing = entries.filter { $0.summary?.needsReview == true }.count
        console.err("plankit review: \(written) page\(written == 1 ? "" : "s") (\(needing) need\(needing == 1 ? "s" : "") review), "
                    + "\(entries.count - written) failed; open \(index)\n")
        return exitCode
    }

    /// `page`, or `page` with "-2", "-3", … before ".html" when another input took it.
    static func distinct(_ page: String, taken: inout Set<String>) -> String {
        var candidate = page
        var n = 2
        while taken.contains(candidate) {
            candidate = String(page.dropLast(".html".count)) + "-\(n).html"
            n += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
