import Foundation
import Testing
@testable import PlanKit

/// Property tests: whatever bytes arrive, the pipeline either refuses them with a ``SourceError``
/// or produces valid JSON in which every non-blank line belongs to an element, the same bytes
/// every time. Mutations of the fixtures are drawn from a seeded generator, so a failure names
/// the seed and case that reproduce it (`PLANKIT_FUZZ_ITERATIONS` runs more of them).
@Suite struct RobustnessTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["PLANKIT_FUZZ_ITERATIONS"] ?? "") ?? 10

    enum Mutation: String, CaseIterable, Sendable {
        case deleteLines, duplicateLines, shuffleLines, shuffleWindow, spliceSeeds
        case flipBytes, insertRandomBytes, truncate, hugeNumbers, markerSoup, legacyEncoded, crlfAndNFD
    }

    /// Every mutation, `iterations` seeds each.
    @Test(arguments: Mutation.allCases)
    func mutatedFixturesKeepTheContract(mutation: Mutation) throws {
        for iteration in 0..<Self.iterations {
            var rng = SplitMix64(seed: UInt64(iteration) &* 0x9E37_79B9 &+ UInt64(mutation.hashValueStable))
            let bytes = Self.mutate(mutation, rng: &rng)
            try Self.checkContract(bytes, label: "\(mutation.rawValue) #\(iteration)")
        }
    }

    @Test func edgeInputsKeepTheContract() {
        let rows: [(name: String, bytes: [UInt8])] = [
            ("empty file", [UInt8]()),
            ("only blank lines", Array("\n\n   \n\t\n\r\n \u{00A0}\n\n".utf8)),
            ("one space", [0x20]),
            ("NUL bytes", [0, 0, 0, 0]),
            ("binary (ELF header and noise)", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }),
            ("truncated UTF-8 sequence at the end", Array("Kế hoạch".utf8).dropLast()),
            ("lone continuation bytes", [0x80, 0x81, 0xBF, 0x0A]),
            ("UTF-16 BOM, odd length", [0xFF, 0xFE, 0x41]),
            ("UTF-16 unpaired surrogate", [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]),
            ("huge percentage", Array("Mục tiêu 1: Trong lĩnh vực chính trị\nChỉ tiêu 1: đạt 999999999999999999999% vào năm 2030\n".utf8)),
            ("huge year and day", Array("trước ngày 99999999999/99999999999/999999999999999999\nnăm 99999999999999999999\n".utf8)),
            ("5 000-digit number", Array(("Chỉ tiêu 1: đạt " + String(repeating: "9", count: 5000) + "%\n").utf8)),
            ("deep numbering", Array((1...60).map { d in (0..<d).map { _ in "1" }.joined(separator: ".") + ". x\n" }.joined().utf8)),
            ("markers only", Array("I.\nII.\n1.\n1.1.\na)\nđ.\n-\n+\n•\n*\n|\n| |\n####\n**\n***\n".utf8)),
            ("a long line", Array(String(repeating: "Kế hoạch thực hiện mục tiêu 30% ", count: 3000).utf8)),
            ("control characters", [0x01, 0x02, 0x0B, 0x0C, 0x1B, 0x0A, 0x41, 0x0B, 0x0A, 0x7F, 0x0A]),
            ("bidi and zero-width", Array("\u{200B}\u{200E}I. MỤC ĐÍCH\u{202E}\n\u{FEFF}Chỉ tiêu 1\u{200D}: 50%\n".utf8)),
            ("combining marks alone", Array("\u{0301}\u{0323}\n\u{0300}a\u{0302}\u{0301}\u{0323}\n".utf8)),
        ]
        forEachRow(rows, named: { "\($0.name)" }) { name, bytes in
            try Self.checkContract(bytes, label: name)
        }
    }

    /// Mutated documents' JSON also validates against the published schema (docs/plan.schema.json).
    @Test func mutatedOutputsValidateAgainstTheSchema() throws {
        let folder = ScratchDirectory()
        defer { folder.remove() }
        var files: [String] = []
        for mutation in Mutation.allCases {
            for iteration in 0..<3 {
                var rng = SplitMix64(seed: UInt64(iteration) &* 7_919 &+ UInt64(mutation.hashValueStable))
                guard let source = try? SourceText(path: "fuzz.txt", bytes: Self.mutate(mutation, rng: &rng)) else { continue }
                let path = folder.path + "/\(mutation.rawValue)-\(iteration).json"
                try PlanJSONEncoder().encode(PlanParser.parse(source)).write(toFile: path, atomically: true, encoding: .utf8)
                files.append(path)
            }
        }
        let result = try SchemaValidator.validate(schema: Repository.url("docs/plan.schema.json").path, documents: files)
        #expect(result.status == 0, "\(result.output)")
    }

    // MARK: - The contract

    /// Refused cleanly, or: valid JSON, lines covered, deterministic.
    static func checkContract(_ bytes: [UInt8], label: String) throws {
        let source: SourceText
        do {
            source = try SourceText(path: "fuzz.txt", bytes: bytes)
        } catch {
            #expect(!error.reason.isEmpty, "\(label): empty reason")
            return
        }
        let plan = PlanParser.parse(source)
        let json = try PlanJSONEncoder(style: .compact).encode(plan)
        let again = try PlanJSONEncoder(style: .compact).encode(PlanParser.parse(source))
        #expect(json == again, "\(label): two parses of the same text differ")

        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let document = try #require(object as? [String: Any], "\(label): not a JSON object")
        #expect(document["schemaVersion"] as? Int == Plan.currentSchemaVersion, "\(label)")

        var covered = IndexSet()
        func cover(_ element: Any?) {
            guard let span = (element as? [String: Any])?["span"] as? [String: Any],
                  let start = span["startLine"] as? Int, let end = span["endLine"] as? Int, start >= 1, end >= start else { return }
            covered.insert(integersIn: start...end)
        }
        for key in ["preamble", "sections", "closing", "unclassified"] {
            for element in document[key] as? [Any] ?? [] { cover(element) }
        }
        let uncovered = source.lines.indices.filter { index in
            !isBlank(source.lines[index]) && !covered.contains(index + 1)
        }
        #expect(uncovered.isEmpty, "\(label): lines in no element: \(uncovered.prefix(10).map { $0 + 1 }) e.g. \(uncovered.first.map { source.lines[$0].debugDescription.prefix(80) } ?? "")")
    }

    /// Blank as the contract means it: nothing but white space, counting the invisible spaces the
    /// lexer reads as spaces (zero-width space U+200B, a stray byte-order mark U+FEFF mid-file).
    static func isBlank(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy { $0.properties.isWhitespace || Scalars.isSpace($0) }
    }

    // MARK: - Mutations

    static func mutate(_ mutation: Mutation, rng: inout SplitMix64) -> [UInt8] {
        let seeds = ArchiveFixtures.seeds.map { ArchiveFixtures.text($0.bytes) }
        let seed = seeds[rng.below(seeds.count)]
        var lines = seed.components(separatedBy: "\n")
        switch mutation {
        case .deleteLines:
            for _ in 0..<(1 + rng.below(max(1, lines.count / 3))) where !lines.isEmpty { lines.remove(at: rng.below(lines.count)) }
        case .duplicateLines:
            for _ in 0..<(1 + rng.below(20)) where !lines.isEmpty {
                let i = rng.below(lines.count)
                lines.insert(lines[i], at: rng.below(lines.count + 1))
            }
        case .shuffleLines:
            rng.shuffle(&lines)
        case .shuffleWindow:
            let start = rng.below(max(1, lines.count))
            let end = min(lines.count, start + 2 + rng.below(30))
            var window = Array(lines[start..<end])
            rng.shuffle(&window)
            lines.replaceSubrange(start..<end, with: window)
        case .spliceSeeds:
            let other = seeds[rng.below(seeds.count)].components(separatedBy: "\n")
            let cut = rng.below(max(1, lines.count)), otherCut = rng.below(max(1, other.count))
            lines = Array(lines[..<cut]) + Array(other[otherCut...])
        case .flipBytes:
            var bytes = Array(lines.joined(separator: "\n").utf8)
            for _ in 0..<(1 + rng.below(40)) where !bytes.isEmpty { bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            return bytes
        case .insertRandomBytes:
            var bytes = Array(lines.joined(separator: "\n").utf8)
            for _ in 0..<(1 + rng.below(10)) {
                let run = (0..<(1 + rng.below(8))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                bytes.insert(contentsOf: run, at: rng.below(bytes.count + 1))
            }
            return bytes
        case .truncate:
            let bytes = Array(lines.joined(separator: "\n").utf8)
            return Array(bytes.prefix(rng.below(bytes.count + 1)))
        case .hugeNumbers:
            let huge = ["999999999999999999999", "0000000000000000000001", "1" + String(repeating: "0", count: 400),
                        "99999999999999999999,5", "1.000.000.000.000.000.000.000", "-5", "18446744073709551616"]
            lines = lines.map { line in
                guard rng.below(3) == 0 else { return line }
                var out = ""
                var inDigits = false
                for ch in line {
                    if ch.isASCII, ch.isNumber {
                        if !inDigits { out += huge[rng.below(huge.count)] }
                        inDigits = true
                    } else {
                        inDigits = false
                        out.append(ch)
                    }
                }
                return out
            }
        case .markerSoup:
            let pieces = ["I.", "II.", "IV.", "1.", "2.1.", "2.1.1.", "a)", "đ.", "-", "+", "•", "*", "|", "####", "**",
                          "Mục tiêu \(rng.below(9)):", "Chỉ tiêu \(rng.below(9)):", "Chỉ tiêu:", "trước ngày \(rng.below(40))/\(rng.below(14))",
                          "đạt", "trên", "không quá", "\(rng.below(200))%", "năm 20\(rng.below(100))", "Nơi nhận:", "KT. CHỦ TỊCH",
                          "Số: /KH-UBND", "ngày tháng năm", "giai đoạn 2021-2025", "TM. ỦY BAN NHÂN DÂN", ""]
            lines = (0..<(20 + rng.below(200))).map { _ in
                (0..<(1 + rng.below(5))).map { _ in pieces[rng.below(pieces.count)] }.joined(separator: " ")
            }
        case .legacyEncoded:
            let encoding = LegacyEncoding.allCases[rng.below(LegacyEncoding.allCases.count)]
            var bytes = encoding.encode(lines.joined(separator: "\n")) ?? []
            for _ in 0..<rng.below(6) where !bytes.isEmpty { bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            return bytes
        case .crlfAndNFD:
            let text = lines.joined(separator: rng.below(2) == 0 ? "\r\n" : "\r")
            return Array((rng.below(2) == 0 ? text.decomposedStringWithCanonicalMapping : text).utf8)
        }
        return Array(lines.joined(separator: "\n").utf8)
    }
}

/// A small, fast, seedable generator (Steele, Lea & Flood's SplitMix64) so every case is reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) { array.swapAt(i, below(i + 1)) }
    }
}

extension RobustnessTests.Mutation {
    /// `hashValue` is randomised per process; this is not.
    var hashValueStable: Int { Self.allCases.firstIndex(of: self)! * 1_000_003 }
}

/// Minimal reproducers of parser crashes the fuzzing found (fixed; kept so they stay fixed).
@Suite struct ParserCrashReproducers {
    /// ListMarker.read once accumulated a leading digit run in an Int and overflowed.
    @Test func leadingDigitRunLongerThanAnInt() {
        let plan = PlanParser.parse(SourceText(path: "r.txt", text: "99999999999999999999. x\n"))
        #expect(plan.source.lineCount == 1)
        #expect(plan.unclassified.count + plan.preamble.count + plan.sections.count == 1)
    }

    /// libFuzzer (Tools/fuzz/findings/number-slash-space.txt): a Số line whose slash ends the
    /// written run ("645/ năm") made HeaderExtractor.readNumber build a range from the next
    /// token back to the end of the run: a trap. A symbol written after a spaced slash is read
    /// ("Số: / KH-UBND", a blank number), a lower-case word after it is not part of the number.
    @Test func numberWhoseSlashEndsTheRun() {
        let rows: [(text: String, symbol: String?)] = [("Số: 645/ năm D\n", nil), ("Số: 645/\n", nil), ("Số: / KH-UBND\n", "KH-UBND"), ("Số: /\n", nil)]
        for (text, symbol) in rows {
            let plan = PlanParser.parse(SourceText(path: "r.txt", text: text))
            #expect(plan.source.lineCount == 1, "\(text.debugDescription)")
            #expect(plan.header.symbol == symbol, "\(text.debugDescription)")
        }
    }

    /// libFuzzer (Tools/fuzz/findings/bom-only-line.txt): a line holding only a byte-order mark
    /// after the first line is read as blank by the lexer (U+FEFF is one of its spaces) while the
    /// harness counted it as text. Not a parser fault: blank now means the same in both; the
    /// text lines around it are still covered.
    @Test func invisibleSpaceOnlyLineIsBlank() {
        // (text, the lines holding text: the ones the elements cover)
        let rows: [(text: String, textLines: [Int])] = [("OO\n\u{FEFF}", [1]), ("OO\n\u{FEFF}\nKẾ HOẠCH\n", [1, 3]), ("\u{200B}\u{FEFF} \nx\n", [2])]
        forEachRow(rows, named: { $0.text.debugDescription }) { text, textLines in
            try RobustnessTests.checkContract(Array(text.utf8), label: "invisible spaces \(text.debugDescription)")
            let source = SourceText(path: "r.txt", text: text)
            #expect(source.lines.contains { RobustnessTests.isBlank($0) && !$0.isEmpty }, "\(text.debugDescription)")
            let plan = PlanParser.parse(source)
            let spans = (plan.preamble + plan.unclassified + plan.closing).map(\.span) + plan.sections.map(\.span)
            #expect(Set(spans.flatMap { $0.startLine...$0.endLine }) == Set(textLines), "\(text.debugDescription)")
        }
    }

    /// libFuzzer (Tools/fuzz/findings/markup-only-line.txt): a line of nothing but Markdown
    /// emphasis marks ("*__") was emptied by the markup stripper and dropped: a non-blank line in
    /// no element. It is now kept as written.
    @Test func markupOnlyLineIsKept() {
        // (text, the markup line as kept, its line)
        let rows: [(text: String, kept: String, line: Int)] = [
            ("x.\n\n*__\n", "*__", 3), ("|\n*__\n|\n", "*__", 2), ("KẾ HOẠCH\n\n** **\n\nI. MỤC TIÊU\n", "** **", 3), ("## *__\n", "*__", 1),
        ]
        forEachRow(rows, named: { $0.text.debugDescription }) { text, kept, line in
            try RobustnessTests.checkContract(Array(text.utf8), label: "markup only \(text.debugDescription)")
            let plan = PlanParser.parse(SourceText(path: "r.txt", text: text))
            let json = try PlanJSONEncoder(style: .compact).encode(plan)
            #expect(json.contains(#""text":"\#(kept)""#), "\(text.debugDescription)")
            let blocks = plan.preamble + plan.unclassified + plan.closing + plan.sections.flatMap(\.paragraphs)
            #expect(blocks.contains { $0.text == kept && $0.span.startLine == line }, "\(text.debugDescription)")
        }
    }

    @Test func numberWithSymbolStillRead() {
        let plan = PlanParser.parse(SourceText(path: "r.txt", text: "Số: 645/KH-UBND\n"))
        #expect(plan.header.number == "645/KH-UBND")
        #expect(plan.header.symbol == "KH-UBND")
    }
}
