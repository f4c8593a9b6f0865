import Foundation
import Testing
@testable import PlanKit

/// The output contract: nothing is lost, and every fixture's JSON is valid against docs/plan.schema.json.
@Suite struct ContractTests {
    static let allSeeds = ["000", "001", "002", "003", "004"]

    /// Words of a text for comparison: split on white space, punctuation and Markdown stripped from both ends.
    static func words(_ text: String) -> [String] {
        let strip = CharacterSet.punctuationCharacters.union(.symbols).union(CharacterSet(charactersIn: "*#|_\\"))
        return text.split(whereSeparator: { $0.isWhitespace }).compactMap { token in
            let word = String(token).trimmingCharacters(in: strip)
            return word.isEmpty ? nil : word
        }
    }

    static func outputWords(_ plan: Plan) -> [String] {
        var text: [String] = []
        func add(_ block: TextBlock) { text.append((block.marker ?? "") + " " + block.text) }
        func add(_ section: Section) {
            text.append(section.marker + " " + section.heading)
            section.paragraphs.forEach(add)
            section.children.forEach(add)
        }
        plan.preamble.forEach(add)
        plan.sections.forEach(add)
        plan.closing.forEach(add)
        plan.unclassified.forEach(add)
        return text.flatMap(words)
    }

    /// The lines with each repair applied where it says; fails when a repair's `original` is not
    /// what the input has at its line and column (the log would then not explain the output).
    static func applying(_ repairs: [Repair], to lines: [String]) throws -> [String] {
        var lines = lines.map { Array($0.unicodeScalars) }
        // Right to left within a line, so earlier columns stay valid.
        for repair in repairs.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            let original = Array(repair.original.unicodeScalars)
            let start = repair.column - 1
            var line = lines[repair.line - 1]
            try #require(start >= 0 && start + original.count <= line.count
                         && Array(line[start..<start + original.count]) == original,
                         "repair at \(repair.line):\(repair.column) does not match the input: \(repair.original)")
            line.replaceSubrange(start..<start + original.count, with: repair.repaired.unicodeScalars)
            lines[repair.line - 1] = line
        }
        return lines.map { String(String.UnicodeScalarView($0)) }
    }

    static func counts(_ words: [String]) -> [String: Int] {
        words.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// The seeds, the plans written for testing and the OCR'd renders looked at in development.
    static let allDocuments: [String] = allSeeds.compactMap { Repository.seeds[$0] }
        + ["Fixtures/plans/tune", "Fixtures/ocr/tune"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: Repository.url(folder).path)) ?? [])
                .filter { $0.hasSuffix(".txt") }.sorted().map { "\(folder)/\($0)" }
        }

    @Test func everyWordOfTheInputIsInTheOutputOnce() {
        forEachRow(Self.allDocuments, named: { "\($0)" }) { path in
            let plan = try Repository.parse(path)
            let input = try String(contentsOf: Repository.url(path), encoding: .utf8)
            // The parser reads the repaired text: the input with every logged repair applied.
            let lines = input.precomposedStringWithCanonicalMapping.components(separatedBy: "\n")
            let repaired = try Self.applying(plan.repairs, to: lines)
            let expected = Self.counts(Self.words(repaired.joined(separator: "\n")))
            let got = Self.counts(Self.outputWords(plan))
            let missing = expected.filter { got[$0.key, default: 0] < $0.value }.keys.sorted()
            let extra = got.filter { expected[$0.key, default: 0] < $0.value }.keys.sorted()
            #expect(missing.isEmpty, "\(path): words lost: \(missing.prefix(20))")
            #expect(extra.isEmpty, "\(path): words duplicated or invented: \(extra.prefix(20))")
        }
    }

    @Test func everyNonBlankLineIsCovered() {
        forEachRow(Self.allDocuments, named: { "\($0)" }) { path in
            let plan = try Repository.parse(path)
            var covered = IndexSet()
            func cover(_ span: SourceSpan) { covered.insert(integersIn: span.startLine...span.endLine) }
            plan.preamble.forEach { cover($0.span) }
            plan.sections.forEach { cover($0.span) }
            plan.closing.forEach { cover($0.span) }
            plan.unclassified.forEach { cover($0.span) }
            let lines = try String(contentsOf: Repository.url(path), encoding: .utf8).components(separatedBy: "\n")
            // A line holding only a form feed (a page break in pdftotext and Tesseract output) is blank.
            let uncovered = lines.indices.filter { !lines[$0].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && !covered.contains($0 + 1) }
            #expect(uncovered.isEmpty, "\(path): lines not in any element: \(uncovered.map { $0 + 1 })")
        }
    }

    @Test func outputValidatesAgainstTheJSONSchema() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plankit-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for (n, path) in Self.allDocuments.enumerated() {
            let plan = try Repository.parse(path)
            let file = folder.appendingPathComponent("\(n).json")
            try PlanJSONEncoder().encode(plan).write(to: file, atomically: true, encoding: .utf8)
            files.append(file.path)
        }
        let result = try SchemaValidator.validate(schema: Repository.url("docs/plan.schema.json").path, documents: files)
        #expect(result.status == 0, "\(result.output)")
    }

    /// Our encoder's JSON reads back through Foundation's decoder into the same values.
    @Test func jsonRoundTripsThroughCodable() {
        forEachRow(Self.allSeeds, named: { "seed \($0)" }) { seed in
            let plan = try Repository.parse(try #require(Repository.seeds[seed], "seed \(seed)"))
            let json = try PlanJSONEncoder().encode(plan)
            let decoded = try JSONDecoder().decode(Plan.self, from: Data(json.utf8))
            #expect(decoded == plan, "seed \(seed)")
        }
    }
}

/// Runs python3's `jsonschema` (the reference validator; `.ci/run` installs it) over JSON files.
enum SchemaValidator {
    static func validate(schema: String, documents: [String]) throws -> (status: Int32, output: String) {
        let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("python3 module 'jsonschema' is missing: pip install jsonschema (.ci/run does this)")
            sys.exit(3)
        schema = json.load(open(sys.argv[1]))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = cls(schema)
        bad = 0
        for path in sys.argv[2:]:
            for error in validator.iter_errors(json.load(open(path))):
                bad += 1
                print(path, "/".join(map(str, error.absolute_path)), error.message[:300])
        sys.exit(1 if bad else 0)
        """
        return try runProcess("/usr/bin/env", ["python3", "-c", script, schema] + documents)
    }
}
