import Foundation
import Testing
@testable import PlanKit

/// Paths inside the repository, found from this file so tests run from any directory.
enum Repository {
    /// The folder holding Package.swift, above this file wherever the tests are filed.
    static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder.deleteLastPathComponent()
        }
        return folder
    }()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The five seed plans, by their short number ("000" … "004").
    static let seeds: [String: String] = {
        let folder = url("Fixtures/seeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var result: [String: String] = [:]
        for name in names where name.hasSuffix(".txt") { result[String(name.prefix(3))] = "Fixtures/seeds/" + name }
        return result
    }()

    /// Parses a fixture by its repository-relative path (kept relative in the JSON so goldens are portable).
    /// The plan of a repository file, parsed once per test process: seed 000 goes through the
    /// repair stage, which a debug build runs many times slower than a release build.
    static func parse(_ relative: String) throws -> Plan {
        if let plan = ParseCache.shared.plan(relative) { return plan }
        let bytes = try [UInt8](Data(contentsOf: url(relative)))
        let plan = PlanParser.parse(try SourceText(path: relative, bytes: bytes))
        ParseCache.shared.store(plan, for: relative)
        return plan
    }

    /// Set PLANKIT_RECORD=1 to rewrite golden files instead of comparing (then review every changed line).
    static var recording: Bool { ProcessInfo.processInfo.environment["PLANKIT_RECORD"] == "1" }

    /// Writes an expected output while recording. Only files under `Fixtures/golden/` and
    /// `Fixtures/lint/expected/` are written: re-recording never touches a source file or an input.
    static func record(_ text: String, to relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expectedFolders = ["Fixtures/golden/", "Fixtures/lint/expected/"]
        guard expectedFolders.contains(where: relative.hasPrefix), !relative.split(separator: "/").contains("..") else {
            Issue.record("refused to record \(relative): only files under \(expectedFolders) are re-recorded",
                         sourceLocation: sourceLocation)
            return
        }
        let file = url(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
}

/// Parses text given inline (tests of small forms).
func parse(_ text: String) -> Plan {
    PlanParser.parse(SourceText(path: "inline.txt", text: text))
}

/// Plans already parsed, shared by the tests running in parallel.
final class ParseCache: @unchecked Sendable {
    static let shared = ParseCache()
    private let lock = NSLock()
    private var plans: [String: Plan] = [:]

    func plan(_ path: String) -> Plan? { lock.withLock { plans[path] } }
    func store(_ plan: Plan, for path: String) { lock.withLock { plans[path] = plan } }
}

/// Runs a program to its end; its stdout and stderr together, and its exit status.
func runProcess(_ executable: String, _ arguments: [String], in folder: String? = nil,
                environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// Checks every row of a table in one test (one line of output however long the table).
/// `check` names its row in each expectation's comment, so a failure says which row; a row whose
/// `#require` fails, or that throws, is recorded and the rows after it still run.
func forEachRow<Row>(_ rows: [Row], named name: (Row) -> String,
                     sourceLocation: SourceLocation = #_sourceLocation, _ check: (Row) throws -> Void) {
    for row in rows {
        do {
            try check(row)
        } catch is ExpectationFailedError {
            continue  // recorded by the `#require` that threw, with its comment
        } catch {
            Issue.record(error, "row \(name(row))", sourceLocation: sourceLocation)
        }
    }
}
