import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program PlanKit runs to read a format it does not parse itself, and the Debian package that
/// installs it. Every one is optional: without it the files that need it fail with one line saying
/// what to install, and everything else works.
public struct ExternalTool: Hashable, Sendable {
    /// The executable's name, looked up on the search path.
    public var name: String
    /// The Debian package that installs it.
    public var package: String
    /// The arguments that print its version.
    var versionArguments: [String]

    public static let pdftotext = ExternalTool(name: "pdftotext", package: "poppler-utils", versionArguments: ["-v"])
    public static let pdftoppm = ExternalTool(name: "pdftoppm", package: "poppler-utils", versionArguments: ["-v"])
    public static let pdfimages = ExternalTool(name: "pdfimages", package: "poppler-utils", versionArguments: ["-v"])
    public static let tesseract = ExternalTool(name: "tesseract", package: "tesseract-ocr", versionArguments: ["--version"])
    public static let pandoc = ExternalTool(name: "pandoc", package: "pandoc", versionArguments: ["--version"])
    public static let antiword = ExternalTool(name: "antiword", package: "antiword", versionArguments: [])
    public static let soffice = ExternalTool(name: "soffice", package: "libreoffice-writer", versionArguments: ["--version"])

    /// Every tool, in the order `plankit doctor` lists them.
    public static let all: [ExternalTool] = [.pdftotext, .pdfimages, .pdftoppm, .tesseract, .pandoc, .antiword, .soffice]

    /// "pdftotext (Debian package poppler-utils)": how a message names what to install.
    public var installHint: String { "\(name) (Debian package \(package))" }

    /// The executable's path in `searchPath` (the `PATH` directories when nil), or nil.
    public func locate(searchPath: [String]? = nil) -> String? {
        let directories = searchPath ?? (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
        for directory in directories where !directory.isEmpty {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                    return candidate
                }
            }
        }
        return nil
    }

    /// "pdftotext 22.12.0": the name and the first version number the tool prints; the name
    /// alone when it prints none. Cached per executable path.
    func version(at executable: String, timeout: Double = 20) -> String {
        if let cached = ExternalTool.versions.value(executable) { return cached }
        var found = name
        if let result = try? ExternalTool.run(executable, versionArguments, timeout: min(timeout, 20), anyStatus: true),
           let number = ExternalTool.firstVersionNumber(String(decoding: result.stdout + result.stderr, as: UTF8.self)) {
            found = "\(name) \(number)"
        }
        ExternalTool.versions.set(executable, found)
        return found
    }

    /// The first "N.N" or "N.N.N" in a tool's version text (antiword prints its version in its usage).
    static func firstVersionNumber(_ text: String) -> String? {
        for line in text.split(separator: "\n") {
            for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
                let token = word.hasPrefix("v") ? word.dropFirst() : word[...]
                let parts = token.split(separator: ".", omittingEmptySubsequences: false)
                if parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) { return String(token) }
            }
        }
        return nil
    }

    private static let versions = LockedDictionary()

    /// What a run printed.
    struct Output {
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// Why a run failed: it could not start, it ran past its time, or it exited non-zero.
    enum RunFailure: Error {
        case cannotStart(String)
        case timedOut(Double)
        case failed(status: Int32, stderr: String)
    }

    /// Runs `executable` with `arguments` and waits at most `timeout` seconds; output goes to
    /// temporary files (a pipe left unread could block a tool that prints much). Past the timeout
    /// the tool is sent SIGTERM, then SIGKILL a second later. `environment` is added to ours; a
    /// non-zero exit is a failure unless `anyStatus`.
    static func run(_ executable: String, _ arguments: [String], timeout: Double,
                    environment: [String: String] = [:], directory: String? = nil,
                    anyStatus: Bool = false) throws(RunFailure) -> Output {
        let scratch = NSTemporaryDirectory() + "plankit-run-\(getpid())-\(UUID().uuidString)"
        let outPath = scratch + ".out", errPath = scratch + ".err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { unlink(outPath); unlink(errPath) }
        guard let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath) else {
            throw .cannotStart("cannot make temporary files in \(NSTemporaryDirectory())")
        }
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do {
            try process.run()
        } catch {
            throw .cannotStart("\(error.localizedDescription)")
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 1) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = done.wait(timeout: .now() + 5)
            }
            throw .timedOut(timeout)
        }
        let stdout = [UInt8](FileManager.default.contents(atPath: outPath) ?? Data())
        let stderr = [UInt8](FileManager.default.contents(atPath: errPath) ?? Data())
        guard anyStatus || (process.terminationReason == .exit && process.terminationStatus == 0) else {
            let message = String(decoding: stderr, as: UTF8.self)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.last ?? ""
            throw .failed(status: process.terminationStatus, stderr: message)
        }
        return Output(stdout: stdout, stderr: stderr)
    }
}

/// A string-to-string cache shared by worker threads.
final class LockedDictionary: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]

    func value(_ key: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }

    func set(_ key: String, _ value: String) {
        lock.lock()
        values[key] = value
        lock.unlock()
    }
}
