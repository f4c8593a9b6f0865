import Dispatch
import Foundation

/// Runs the parser over many files on several threads.
///
/// Each worker takes the next file, reads, decodes, parses, encodes and writes it, and lets it
/// go, so memory holds one plan per worker whatever the number of files. With `--jsonl` the
/// documents are written in input order through a bounded reorder window, so the output is
/// byte-identical whatever the number of workers.
public struct BatchRunner: Sendable {
    /// Where a batch writes its outputs.
    public enum Destination: Sendable, Equatable {
        /// One `.json` per input under this directory, mirroring the input tree.
        case directory(String)
        /// One compact document per line in this file (`-` for standard output).
        case jsonLines(String)
    }

    /// How a batch runs: where it writes, how many workers, which JSON layout.
    public struct Options: Sendable {
        /// Where outputs go.
        public var destination: Destination
        /// Redo outputs even when up to date.
        public var force: Bool
        /// Worker threads.
        public var jobs: Int
        /// The JSON layout: compact by default for JSON Lines, pretty for a directory.
        public var style: PlanJSONEncoder.Style
        /// A folder for review pages (``PlanReview``): one page per plan, mirroring the input tree
        /// (`2021/a.txt` -> `2021/a.html`), and `index.html`; nil for none. Pages of plans whose JSON
        /// is up to date are made from that JSON, without parsing again.
        public var review: String?
        /// How the review pages are made (their link back to the index is set per page).
        public var reviewOptions: PlanReview.Options
        /// How PDFs, images and Word files are read. Each worker runs its own tools one at a time,
        /// Tesseract with one thread, so OCR uses `jobs` cores and no more.
        public var intake: DocumentIntake.Options
        /// A folder for the text extracted from PDFs, images and Word files, mirroring the input
        /// tree (`2021/a.pdf` -> `2021/a.pdf.txt`); nil for none.
        public var keepText: String?

        /// Options; `jobs` below 1 counts as 1, and `style` defaults by destination.
        public init(destination: Destination, force: Bool = false, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                    style: PlanJSONEncoder.Style? = nil, review: String? = nil, reviewOptions: PlanReview.Options = PlanReview.Options(),
                    intake: DocumentIntake.Options = DocumentIntake.Options(), keepText: String? = nil) {
            self.destination = destination
            self.intake = intake
            self.keepText = keepText
            self.force = force
            self.jobs = max(1, jobs)
            self.review = review
            self.reviewOptions = reviewOptions
            if let style {
                self.style = style
            } else if case .jsonLines = destination {
                self.style = .compact
            } else {
                self.style = .pretty
            }
        }
    }

    /// Where a run stands, for the progress line.
    public struct Progress: Sendable {
        /// Files finished: parsed, up to date or failed.
        public var done: Int
        /// Files in the run.
        public var total: Int
        /// Input bytes read so far.
        public var bytes: Int
        /// Seconds since the run started.
        public var elapsed: Double
    }

    /// The options the runner was made with.
    public var options: Options

    /// Larger files are refused rather than read: a plan is tens of kilobytes, and a video or
    /// disk image named `.txt` should not take a worker's memory.
    public static let maximumFileSize = 256_000_000

    /// A runner with these options.
    public init(options: Options) {
        self.options = options
    }

    /// Processes `inputs`; `progress` is called now and then from worker threads (never concurrently).
    public func run(_ inputs: [BatchInput], progress: (@Sendable (Progress) -> Void)? = nil) -> BatchSummary {
        let start = DispatchTime.now()
        let state = RunState(total: inputs.count, start: start, progress: progress)
        var journal: BatchJournal?
        var sink: OrderedSink?
        var jsonlPath: String?

        /// The summary of a run that could not make its output folder, or nil when it is there.
        func makeDirectory(_ directory: String) -> BatchSummary? {
            do {
                try AtomicWriter.makeDirectory(directory)
                return nil
            } catch {
                var summary = state.summary(elapsed: 0)
                summary.destinationError = "\(directory): \(error.reason)"
                return summary
            }
        }
        switch options.destination {
        case .directory(let directory):
            if let failed = makeDirectory(directory) { return failed }
            journal = BatchJournal(directory: directory)
        case .jsonLines(let path):
            if path == "-" {
                sink = OrderedSink(window: options.jobs * 8, handle: FileHandle.standardOutput)
            } else {
                let temporary = (path as NSString).deletingLastPathComponent
                let base = temporary.isEmpty ? "" : temporary + "/"
                let tmp = base + ".\((path as NSString).lastPathComponent).\(getpid()).tmp"
                guard FileManager.default.createFile(atPath: tmp, contents: nil),
                      let handle = FileHandle(forWritingAtPath: tmp) else {
                    var summary = state.summary(elapsed: 0)
                    summary.destinationError = "\(path): cannot be written"
                    return summary
                }
                sink = OrderedSink(window: options.jobs * 8, handle: handle)
                jsonlPath = tmp
            }
        }

        if let review = options.review, let failed = makeDirectory(review) { return failed }

        let quarantinePath = CrashQuarantine.path(for: options.destination)
        if options.force { unlink(quarantinePath) }
        let quarantined = options.force ? [] : CrashQuarantine.load(quarantinePath)
        let workers = min(options.jobs, max(inputs.count, 1))
        CrashQuarantine.install(workers: workers, quarantine: quarantinePath)

        // The build's part of every journal key, hashed once for the run.
        let fingerprint = String(SHA256.hex(Array(BatchJournal.fingerprint(style: options.style).utf8)).prefix(16))
        let encoder = PlanJSONEncoder(style: options.style)
        let options = self.options
        let group = DispatchGroup()
        let (sinkForWorkers, journalForWorkers) = (sink, journal)
        for slot in 0..<workers {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                while let index = state.nextIndex() {
                    sinkForWorkers?.waitForWindow(index)
                    let line: [UInt8]?
                    if quarantined.contains(inputs[index].path) {
                        state.fail(index: index, path: inputs[index].path,
                                   reason: "crashed the parser in an earlier run; skipped (listed in \(quarantinePath); --force retries it)")
                        line = nil
                    } else {
                        CrashQuarantine.mark(slot: slot, path: inputs[index].path)
                        line = BatchRunner.process(inputs[index], index: index, options: options, encoder: encoder,
                                                   fingerprint: fingerprint, journal: journalForWorkers, state: state)
                        CrashQuarantine.mark(slot: slot, path: nil)
                    }
                    sinkForWorkers?.deliver(index, line)
                }
            }
        }
        group.wait()

        if let journal { journal.compact() }
        if let sink {
            sink.finish()
            if let jsonlPath, case .jsonLines(let target) = options.destination {
                if rename(jsonlPath, target) != 0 {
                    state.fail(index: Int.max, path: target, reason: String(cString: strerror(errno)))
                    unlink(jsonlPath)
                }
            }
        }
        if let review = options.review {
            let indexPath = review + "/index.html"
            do {
                try AtomicWriter.write(Array(PlanReview.index(state.reviewEntries(inputs)).utf8), to: indexPath)
                state.setReviewIndex(indexPath)
            } catch {
                state.fail(index: Int.max, path: indexPath, reason: error.reason)
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return state.summary(elapsed: elapsed)
    }

    /// Writes the review page of one plan (when the run makes them); false when it could not be written
    /// (the file is then failed).
    static func review(_ plan: Plan, source: SourceText, input: BatchInput, index: Int, options: Options, state: RunState) -> Bool {
        guard let directory = options.review else { return true }
        let relative = input.reviewRelativePath
        let path = directory + "/" + relative
        var pageOptions = options.reviewOptions
        pageOptions.indexLink = String(repeating: "../", count: relative.split(separator: "/").count - 1) + "index.html"
        let html = PlanReview.page(plan, source: source, options: pageOptions)
        do {
            let parent = (path as NSString).deletingLastPathComponent
            if !state.directoryExists(parent) {
                try AtomicWriter.makeDirectory(parent)
                state.rememberDirectory(parent)
            }
            try AtomicWriter.write(Array(html.utf8), to: path)
        } catch {
            state.fail(index: index, path: input.path, reason: "cannot write \(error.path): \(error.reason)")
            return false
        }
        state.addReview(index, PlanReview.IndexEntry(summary: ReviewSummary(plan: plan, doubtfulConfidence: pageOptions.doubtfulConfidence),
                                                     link: BatchInput.linkPath(relative)))
        return true
    }

    /// One file; returns its JSON Lines document (UTF-8, no line end) when writing JSON Lines.
    /// `fingerprint`: the first 16 hex digits of the SHA-256 of ``BatchJournal/fingerprint``.
    static func process(_ input: BatchInput, index: Int, options: Options, encoder: PlanJSONEncoder, fingerprint: String,
                        journal: BatchJournal?, state: RunState) -> [UInt8]? {
        // stat(2) directly: FileManager's attributes look up the owner's and group's names too.
        var info = stat()
        if stat(input.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > BatchRunner.maximumFileSize {
            let size = Int(info.st_size)
            state.fail(index: index, path: input.path,
                       reason: "is \(size / 1_000_000) MB, over the \(BatchRunner.maximumFileSize / 1_000_000) MB a plan file may have (not a plan?)")
            return nil
        }
        guard let bytes = FileBytes.read(input.path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: input.path, isDirectory: &isDirectory)
            state.fail(index: index, path: input.path,
                       reason: !exists ? "no such file" : isDirectory.boolValue ? "is a directory" : "cannot be read (permission denied?)")
            return nil
        }
        var outputPath: String?
        var key = ""
        if case .directory(let directory) = options.destination, let journal {
            outputPath = directory + "/" + input.outputRelativePath
            key = SHA256.hex(bytes) + " " + fingerprint
            if !options.force, journal.isUpToDate(input.outputRelativePath, key: key, absolutePath: outputPath!) {
                // Its review page from the JSON already written; parsed again only if that cannot be read.
                if options.review == nil {
                    state.finish(index: index, bytes: bytes.count, outcome: .upToDate)
                    return nil
                }
                if let data = FileManager.default.contents(atPath: outputPath!),
                   let plan = try? JSONDecoder().decode(Plan.self, from: data),
                   let source = try? DocumentIntake.read(path: input.path, bytes: bytes, options: options.intake) {
                    if review(plan, source: source, input: input, index: index, options: options, state: state) {
                        state.finish(index: index, bytes: bytes.count, outcome: .upToDate)
                    }
                    return nil
                }
            }
        }
        let source: SourceText
        do {
            source = try DocumentIntake.read(path: input.path, bytes: bytes, options: options.intake)
        } catch {
            state.fail(index: index, path: error.line.map { "\(input.path):\($0)" } ?? input.path, reason: error.reason)
            return nil
        }
        if let keepText = options.keepText, source.origin != nil {
            let path = keepText + "/" + input.relativePath + ".txt"
            do {
                let parent = (path as NSString).deletingLastPathComponent
                if !state.directoryExists(parent) {
                    try AtomicWriter.makeDirectory(parent)
                    state.rememberDirectory(parent)
                }
                try AtomicWriter.write(Array(DocumentIntake.text(of: source).utf8), to: path)
            } catch {
                state.fail(index: index, path: input.path, reason: "cannot keep its text in \(error.path): \(error.reason)")
                return nil
            }
        }
        #if DEBUG
        // Lets the tests crash a debug build on purpose to exercise CrashQuarantine.
        if let trigger = ProcessInfo.processInfo.environment["PLANKIT_TEST_CRASH_ON"], input.path.contains(trigger) {
            fatalError("PLANKIT_TEST_CRASH_ON: \(input.path)")
        }
        #endif
        let plan = PlanParser.parse(source)
        guard review(plan, source: source, input: input, index: index, options: options, state: state) else { return nil }
        // Bytes straight from the writer: no String made only to be turned back into bytes.
        var json = PlanJSONWriter.encodeBytes(plan, style: encoder.style)
        let outcome = BatchSummary.Parsed(
            path: input.path, encoding: source.encoding, repairedLines: Set(plan.repairs.map(\.line)).count,
            firstError: plan.diagnostics.first(where: { $0.severity == .error }).map { "\($0.rule) \($0.name): \($0.message)" })
        if let outputPath, let journal {
            json.append(0x0A)
            let document = json
            do {
                let parent = (outputPath as NSString).deletingLastPathComponent
                if !state.directoryExists(parent) {
                    try AtomicWriter.makeDirectory(parent)
                    state.rememberDirectory(parent)
                }
                try AtomicWriter.write(document, to: outputPath)
            } catch {
                state.fail(index: index, path: input.path, reason: "cannot write \(error.path): \(error.reason)")
                return nil
            }
            journal.record(input.outputRelativePath, key: key, size: document.count)
            state.finish(index: index, bytes: bytes.count, outcome: .parsed(outcome))
            return nil
        }
        state.finish(index: index, bytes: bytes.count, outcome: .parsed(outcome))
        return json
    }
}

/// The end of a run, for the summary line and the exit code.
public struct BatchSummary: Sendable {
    /// One file and why it is listed: the failure, or its first error diagnostic.
    public struct Failure: Sendable, Hashable {
        /// The input's path (with ":line" when it failed to decode at a line).
        public var path: String
        /// Why, as one line ("no such file", "PK001 missing-number: …").
        public var reason: String
    }

    struct Parsed: Sendable {
        var path: String
        var encoding: SourceEncoding
        var repairedLines: Int
        var firstError: String?
    }

    /// Inputs given to the run.
    public var files = 0
    /// Parsed and written in this run.
    public var parsed = 0
    /// Skipped: output already made from the same bytes.
    public var upToDate = 0
    /// Lines with at least one repair, summed over the files parsed.
    public var repairedLines = 0
    /// Input bytes read, of parsed and up-to-date files.
    public var bytes = 0
    /// Files read in an encoding other than UTF-8, by encoding (`tcvn3`: 12).
    public var legacyEncodings: [String: Int] = [:]
    /// Files that could not be read, decoded or written, in input order.
    public var failures: [Failure] = []
    /// Parsed files whose plan carries an error diagnostic, with the first one, in input order.
    public var filesWithErrors: [Failure] = []
    /// Wall-clock seconds the run took.
    public var elapsed: Double = 0
    /// The output folder or file could not be made; nothing was processed.
    public var destinationError: String?
    /// The review pages' index, when the run wrote review pages.
    public var reviewIndex: String?
    /// Review pages written.
    public var reviewPages = 0

    /// Whether every input was parsed and written.
    public var succeeded: Bool { failures.isEmpty }
}

/// Shared counters of a run; every access takes the lock.
final class RunState: @unchecked Sendable {
    enum Outcome {
        case parsed(BatchSummary.Parsed)
        case upToDate
    }

    private let lock = NSLock()
    private var next = 0
    private let total: Int
    private let start: DispatchTime
    private let progress: (@Sendable (BatchRunner.Progress) -> Void)?
    private var lastProgress: UInt64 = 0
    private var done = 0
    private var summary = BatchSummary()
    private var failures: [(Int, BatchSummary.Failure)] = []
    private var withErrors: [(Int, BatchSummary.Failure)] = []
    private var directories: Set<String> = []
    private var reviews: [(Int, PlanReview.IndexEntry)] = []

    init(total: Int, start: DispatchTime, progress: (@Sendable (BatchRunner.Progress) -> Void)?) {
        self.total = total
        self.start = start
        self.progress = progress
        summary.files = total
    }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < total else { return nil }
        next += 1
        return next - 1
    }

    func directoryExists(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return directories.contains(path)
    }

    func rememberDirectory(_ path: String) {
        lock.lock()
        directories.insert(path)
        lock.unlock()
    }

    func fail(index: Int, path: String, reason: String) {
        lock.lock()
        failures.append((index, BatchSummary.Failure(path: path, reason: reason)))
        lock.unlock()
        tick(bytes: 0)
    }

    func finish(index: Int, bytes: Int, outcome: Outcome) {
        lock.lock()
        switch outcome {
        case .upToDate:
            summary.upToDate += 1
        case .parsed(let parsed):
            summary.parsed += 1
            summary.repairedLines += parsed.repairedLines
            switch parsed.encoding {
            case .utf8, .utf8BOM:
                break
            default:
                summary.legacyEncodings[parsed.encoding.rawValue, default: 0] += 1
            }
            if let firstError = parsed.firstError {
                withErrors.append((index, BatchSummary.Failure(path: parsed.path, reason: firstError)))
            }
        }
        summary.bytes += bytes
        lock.unlock()
        tick(bytes: bytes)
    }

    /// Counts a finished file and reports progress at most ten times a second.
    private func tick(bytes: Int) {
        guard let progress else {
            lock.lock(); done += 1; lock.unlock()
            return
        }
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastProgress >= 100_000_000 || done == total else { return }
        lastProgress = now
        progress(BatchRunner.Progress(done: done, total: total, bytes: summary.bytes,
                                      elapsed: Double(now - start.uptimeNanoseconds) / 1e9))
    }

    func addReview(_ index: Int, _ entry: PlanReview.IndexEntry) {
        lock.lock()
        reviews.append((index, entry))
        summary.reviewPages += 1
        lock.unlock()
    }

    func setReviewIndex(_ path: String) {
        lock.lock()
        summary.reviewIndex = path
        lock.unlock()
    }

    /// The index's rows in input order: the plans with pages and the inputs that failed.
    func reviewEntries(_ inputs: [BatchInput]) -> [PlanReview.IndexEntry] {
        lock.lock()
        defer { lock.unlock() }
        var rows = reviews
        var failed = Set<Int>()
        for (index, failure) in failures where index < inputs.count && failed.insert(index).inserted {
            rows.append((index, PlanReview.IndexEntry(path: inputs[index].path, failure: failure.reason)))
        }
        return rows.sorted { $0.0 < $1.0 }.map(\.1)
    }

    func summary(elapsed: Double) -> BatchSummary {
        lock.lock()
        defer { lock.unlock() }
        var result = summary
        result.failures = failures.sorted { $0.0 < $1.0 }.map(\.1)
        result.filesWithErrors = withErrors.sorted { $0.0 < $1.0 }.map(\.1)
        result.elapsed = elapsed
        return result
    }
}

/// Writes JSON Lines documents in input order as workers finish them out of order.
///
/// A worker may start file `i` only while `i < written + window`, so at most `window`
/// documents wait in memory even when one file is much slower than the rest.
final class OrderedSink: @unchecked Sendable {
    private let condition = NSCondition()
    private let window: Int
    private let handle: FileHandle
    private var written = 0
    private var pending: [Int: [UInt8]?] = [:]
    private var buffer: [UInt8] = []

    init(window: Int, handle: FileHandle) {
        self.window = max(1, window)
        self.handle = handle
    }

    func waitForWindow(_ index: Int) {
        condition.lock()
        while index >= written + window { condition.wait() }
        condition.unlock()
    }

    /// `line`: one document's UTF-8 bytes, without the line end.
    func deliver(_ index: Int, _ line: [UInt8]?) {
        condition.lock()
        pending[index] = .some(line)
        while let next = pending.removeValue(forKey: written) {
            if let next {
                buffer.append(contentsOf: next)
                buffer.append(0x0A)
            }
            written += 1
        }
        if buffer.count >= 1 << 20 { flush() }
        condition.broadcast()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        flush()
        condition.unlock()
        if handle !== FileHandle.standardOutput { try? handle.close() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        try? handle.write(contentsOf: Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
