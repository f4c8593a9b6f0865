import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file a batch will read, and where its output goes.
public struct BatchInput: Hashable, Sendable {
    /// The path as found (the argument, or the argument joined with the path below it).
    public var path: String
    /// The path below the argument it was found under ("2021/huyen-a.txt"); the file's
    /// name for a file given directly. Outputs mirror it.
    public var relativePath: String

    /// A file to read from `path`, its outputs named after `relativePath`.
    public init(path: String, relativePath: String) {
        self.path = path
        self.relativePath = relativePath
    }

    /// The output's path below `--out`: a text extension (`.txt`, `.md`, `.text`) replaced by
    /// `.json`, any other name with `.json` appended.
    public var outputRelativePath: String {
        let ns = relativePath as NSString
        return ["txt", "md", "text"].contains(ns.pathExtension.lowercased())
            ? ns.deletingPathExtension + ".json" : relativePath + ".json"
    }

    /// The review page's path below `--review`: as ``outputRelativePath`` with `.html`; a plan
    /// named `index` at the top gets `index-plan.html`, since `index.html` is the index.
    public var reviewRelativePath: String {
        let json = outputRelativePath
        let page = String(json.dropLast(".json".count))
        return page == "index" ? "index-plan.html" : page + ".html"
    }

    /// A relative path as a link: each part percent-encoded (a `#`, `?` or space in a name
    /// would otherwise end or break the link).
    public static func linkPath(_ relative: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#;")
        return relative.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
    }
}

/// Finds the plan files named by `plankit batch` arguments.
///
/// Directories are walked recursively in sorted order (so runs are reproducible), skipping
/// hidden files and folders. A pattern without a slash matches a file's name, one with a
/// slash its path below the argument (`*` then also crosses folders). Files given directly
/// are always taken; include and exclude patterns apply to what a walk finds.
public struct BatchInputs: Sendable {
    /// Patterns of files a walk takes (``defaultInclude`` when none are given).
    public var include: [String]
    /// Patterns of files a walk skips, even when included.
    public var exclude: [String]

    /// Whether a walk also takes PDFs, page images and Word files found by their bytes
    /// (``DocumentFormat/isDocument``), whatever their names: true when no include pattern is given.
    public var findsDocuments: Bool

    /// Plan text files; Word exports sometimes carry `.md`. PDFs, images and Word files are found by content.
    public static let defaultInclude = ["*.txt", "*.md"]

    /// A finder; empty `include` means ``defaultInclude`` and documents found by content.
    public init(include: [String] = [], exclude: [String] = []) {
        self.include = include.isEmpty ? BatchInputs.defaultInclude : include
        self.exclude = exclude
        findsDocuments = include.isEmpty
    }

    /// Why the arguments cannot be expanded: a path that does not exist, or two inputs with one output.
    public enum Problem: Error, Equatable, Sendable {
        case missing(String)
        case duplicateOutput(String, [String])
    }

    /// Expands the arguments into files, in argument order, each directory's files sorted by path.
    /// With `distinctOutputs`, two inputs that would be written to the same output are an error.
    public func expand(_ arguments: [String], distinctOutputs: Bool = false) throws(Problem) -> [BatchInput] {
        var inputs: [BatchInput] = []
        let fm = FileManager.default
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: argument, isDirectory: &isDirectory) else { throw .missing(argument) }
            if !isDirectory.boolValue {
                inputs.append(BatchInput(path: argument, relativePath: (argument as NSString).lastPathComponent))
                continue
            }
            var found: [String] = []
            walk(directory: argument, relative: "", into: &found)
            for relative in found.sorted() {
                let path = argument.hasSuffix("/") ? argument + relative : argument + "/" + relative
                inputs.append(BatchInput(path: path, relativePath: relative))
            }
        }
        guard distinctOutputs else { return inputs }
        var seen: [String: String] = [:]
        for input in inputs {
            if let other = seen[input.outputRelativePath] {
                throw .duplicateOutput(input.outputRelativePath, [other, input.path])
            }
            seen[input.outputRelativePath] = input.path
        }
        return inputs
    }

    private func walk(directory: String, relative: String, into found: inout [String]) {
        let fm = FileManager.default
        let here = relative.isEmpty ? directory : directory + "/" + relative
        guard let names = try? fm.contentsOfDirectory(atPath: here) else { return }
        for name in names where !name.hasPrefix(".") {
            let child = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: directory + "/" + child, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(directory: directory, relative: child, into: &found)
            } else if selects(child) || (findsDocuments && !excludes(child) && isDocument(directory + "/" + child)) {
                found.append(child)
            }
        }
    }

    /// Whether a path found by a walk (relative to its argument) is taken.
    public func selects(_ relativePath: String) -> Bool {
        include.contains { BatchInputs.matches($0, relativePath) } && !exclude.contains { BatchInputs.matches($0, relativePath) }
    }

    private func excludes(_ relativePath: String) -> Bool {
        exclude.contains { BatchInputs.matches($0, relativePath) }
    }

    /// Whether the file's first bytes (for a ZIP, all of it up to 64 MB) are a PDF, an image or a Word file.
    private func isDocument(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 16), !head.isEmpty else { return false }
        var bytes = [UInt8](head)
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), let rest = try? handle.read(upToCount: 64 << 20) {
            bytes += rest
        }
        return DocumentFormat.detect(bytes).isDocument
    }

    static func matches(_ pattern: String, _ relativePath: String) -> Bool {
        let subject = pattern.contains("/") ? relativePath : (relativePath as NSString).lastPathComponent
        if pattern.hasPrefix("**/"), matches(String(pattern.dropFirst(3)), relativePath) { return true }
        return fnmatch(pattern.replacingOccurrences(of: "**", with: "*"), subject, 0) == 0
    }
}
