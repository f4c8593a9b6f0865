import Foundation

/// What `plankit batch --out DIR` remembers between runs, in `DIR/.plankit-batch.tsv`: for each
/// output, the key of the input it was made from and its size. An output whose entry matches
/// the input's key (SHA-256 of its bytes plus ``BatchJournal/fingerprint``) and whose file is
/// still there with that size is up to date.
///
/// Lines are appended as outputs are renamed into place, so a run that is interrupted keeps
/// what it finished; the file is rewritten compactly at the end of a run.
final class BatchJournal: @unchecked Sendable {
    struct Entry: Hashable, Sendable {
        var key: String
        var size: Int
    }

    static let fileName = ".plankit-batch.tsv"

    private let path: String
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var handle: FileHandle?

    init(directory: String) {
        path = directory + "/" + BatchJournal.fileName
        if let data = FileManager.default.contents(atPath: path) {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count == 3, let size = Int(fields[1]) else { continue }
                entries[String(fields[2])] = Entry(key: String(fields[0]), size: size)
            }
        }
    }

    /// Whether `output` (relative to the directory) was made from an input with `key` and is intact.
    func isUpToDate(_ output: String, key: String, absolutePath: String) -> Bool {
        lock.lock()
        let entry = entries[output]
        lock.unlock()
        guard let entry, entry.key == key else { return false }
        var info = stat()
        guard stat(absolutePath, &info) == 0 else { return false }
        return Int(info.st_size) == entry.size
    }

    func record(_ output: String, key: String, size: Int) {
        lock.lock()
        defer { lock.unlock() }
        entries[output] = Entry(key: key, size: size)
        if handle == nil {
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            handle = FileHandle(forWritingAtPath: path)
            _ = try? handle?.seekToEnd()
        }
        try? handle?.write(contentsOf: Data("\(key)\t\(size)\t\(output)\n".utf8))
    }

    /// Rewrites the journal with one line per output, sorted.
    func compact() {
        lock.lock()
        defer { lock.unlock() }
        try? handle?.close()
        handle = nil
        let text = entries.keys.sorted().map { "\(entries[$0]!.key)\t\(entries[$0]!.size)\t\($0)\n" }.joined()
        try? AtomicWriter.write(Array(text.utf8), to: path)
    }

    /// What else an output depends on besides its input: the tool and schema versions, the JSON
    /// style, and the running executable's size and modification time (a rebuilt parser redoes
    /// everything; `--force` redoes everything regardless).
    static func fingerprint(style: PlanJSONEncoder.Style) -> String {
        var text = "plankit \(PlanKitVersion.current) schema \(Plan.currentSchemaVersion) \(style == .pretty ? "pretty" : "compact")"
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 {
            text += " exe \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        } else if let executable = Bundle.main.executablePath,
                  let attributes = try? FileManager.default.attributesOfItem(atPath: executable) {
            text += " exe \(attributes[.size] ?? 0) \(attributes[.modificationDate] ?? "")"
        }
        return text
    }
}
