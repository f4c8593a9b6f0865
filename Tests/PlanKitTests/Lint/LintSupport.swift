import Foundation
import Testing
@testable import PlanKit

/// Lints repository files (paths relative to the repository root, as the output shows them).
enum LintHarness {
    static func report(_ relativePaths: [String], configuration: LintConfiguration = LintConfiguration()) throws -> LintReport {
        var files: [(path: String, lines: [String])] = []
        var findings: [LintFinding] = []
        for relative in relativePaths {
            let source = try SourceText(path: relative, bytes: [UInt8](Data(contentsOf: Repository.url(relative))))
            findings += Linter.lint(source, plan: PlanParser.parse(source), path: relative, configuration: configuration)
            files.append((relative, source.lines))
        }
        return LintReport(files: files, findings: findings)
    }

    static func text(_ relative: String) throws -> String {
        LintFormat.text.render(try report([relative]))
    }

    /// Compares `actual` with the golden file, or records it with PLANKIT_RECORD=1 (review the diff before committing).
    static func expectGolden(_ actual: String, _ goldenRelative: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if Repository.recording {
            try Repository.record(actual, to: goldenRelative, sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: Repository.url(goldenRelative), encoding: .utf8)
        guard actual != expected else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record("""
            output differs from \(goldenRelative) at line \(line + 1):
              got:      \(line < a.count ? String(a[line]) : "<end>")
              expected: \(line < b.count ? String(b[line]) : "<end>")
            Re-record with PLANKIT_RECORD=1 swift test --filter Lint, then review the diff line by line.
            """, sourceLocation: sourceLocation)
    }

    /// The rule fixtures: `Fixtures/lint/PK101-indicator-without-owner.txt` triggers PK101,
    /// `…-passes.txt` is a near miss that must not; `clean.txt` triggers nothing.
    static let ruleFixtures: [String] = {
        let folder = Repository.url("Fixtures/lint")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted()
    }()
}
