import Foundation
import Testing
@testable import PlanKit

/// Legacy-font swaps (damage kind d) on a real plan: seed 004 rendered through the swap the issue
/// describes, then repaired. The swapped letters collide with genuine ones ("ờ" is the "ê" of
/// "tiờu" and the "ờ" of "người"), so these tests pin both directions: every swapped word comes
/// back, and no genuine word is touched. Accuracy figures come from `plankit-eval --kinds d`.
@Suite struct FontTableTests {
    /// The issue's swap: a letter below U+0100 drawn as the TCVN3 byte of the same value; a
    /// capital takes its lower case's swap; ă ơ ư đ and letters above U+00FF come through unchanged.
    static let swap: [Character: Character] = [
        "á": "ỏ", "â": "õ", "ã": "ó", "è": "ố", "é": "ộ", "ê": "ờ", "ì": "ỡ", "í": "ớ",
        "ò": "ũ", "ó": "ú", "ô": "ụ", "õ": "ừ", "ù": "ự", "ú": "ỳ",
    ]

    static func render(_ text: String) -> String {
        String(text.map { c in
            if let t = swap[c] { return t }
            if c.isUppercase, let t = swap[Character(c.lowercased())] { return Character(t.uppercased()) }
            return c
        })
    }

    static let seedPath = "Fixtures/seeds/004_c68ef3a61a6ed1c9.txt"

    /// The seed, its rendering through the swap, and the repair of that (once per process).
    static let document: (clean: [String], damaged: [String], repaired: [String], repairs: [Repair], diagnostics: [Diagnostic]) = {
        let clean = try! SourceText.read(path: Repository.url(seedPath).path).lines
        let damaged = clean.map(render)
        let (repaired, repairs, diagnostics) = Repairer.shared.repair(SourceText(path: "d.txt", lines: damaged))
        return (clean, damaged, repaired.lines, repairs, diagnostics)
    }()

    /// Start offsets (in scalars) of `phrase` in `line` as whole words.
    static func occurrences(of phrase: String, in line: String) -> [Int] {
        let text = Array(line.unicodeScalars), needle = Array(phrase.unicodeScalars)
        guard text.count >= needle.count else { return [] }
        var found: [Int] = []
        for start in 0...(text.count - needle.count) where Array(text[start..<start + needle.count]) == needle {
            let before = start == 0 || !VietnameseLetters.isLetter(text[start - 1])
            let end = start + needle.count
            let after = end == text.count || !VietnameseLetters.isLetter(text[end])
            if before && after { found.append(start) }
        }
        return found
    }

    struct Example: Sendable, CustomTestStringConvertible {
        var clean: String
        var damaged: String
        var testDescription: String { "\(damaged) = \(clean)" }
    }

    /// The issue's examples, and the words the per-letter table could not get right.
    static let examples: [Example] = [
        ("xã hội", "xó hội"), ("phát", "phỏt"), ("không", "khụng"), ("Mục tiêu", "Mục tiờu"), ("tình", "tỡnh"),
        ("phòng", "phũng"), ("có", "cú"), ("Xã", "Xó"), ("MỤC TIÊU", "MỤC TIỜU"),
        ("công", "cụng"), ("chính", "chớnh"), ("thông", "thụng"), ("ghép", "ghộp"),
    ].map { Example(clean: $0.0, damaged: $0.1) }

    /// Each example renders as the issue shows it, and every line of the seed holding it comes
    /// back exactly, with one logged repair per swapped word, at its place.
    @Test func restoresTheIssuesExamples() {
        for example in Self.examples {
            #expect(Self.render(example.clean) == example.damaged, "\(example.testDescription)")
            let (clean, damaged, repaired, repairs, _) = Self.document
            let lines = clean.indices.filter { !Self.occurrences(of: example.clean, in: clean[$0]).isEmpty }
            #expect(!lines.isEmpty, "\(example.testDescription)")
            let cleanWords = example.clean.split(separator: " ").map(String.init)
            let damagedWords = example.damaged.split(separator: " ").map(String.init)
            for index in lines {
                #expect(repaired[index] == clean[index], "\(example.testDescription), line \(index + 1): \(repaired[index])")
                for start in Self.occurrences(of: example.damaged, in: damaged[index]) {
                    var column = start + 1
                    for (before, after) in zip(damagedWords, cleanWords) {
                        if before != after {
                            let logged = repairs.filter { $0.line == index + 1 && $0.column == column }
                            #expect(logged.count == 1, "\(example.testDescription), line \(index + 1) column \(column)")
                            if let repair = logged.first {
                                #expect(repair.original == before && repair.repaired == after && repair.kind == "legacy-font", "\(example.testDescription)")
                                #expect(repair.confidence >= Repairer.shared.minimumConfidence && repair.confidence <= 1, "\(example.testDescription)")
                            }
                        }
                        column += before.unicodeScalars.count + 1
                    }
                }
            }
        }
    }

    /// Words whose letters the swap also produces ("người", "giới", "mục", "cũng", "sự"), left
    /// alone by the damage, are left alone by the repair, one by one at their places.
    @Test func genuineLettersTheSwapAlsoProducesStay() {
        let (clean, damaged, repaired, _, _) = Self.document
        let collisions = Set("ỏốộờỡớũụừựỳ".unicodeScalars.map(\.value))
        var checked: [UInt32: Int] = [:]
        var changed: [String] = []
        for index in clean.indices {
            let c = Array(clean[index].unicodeScalars), d = Array(damaged[index].unicodeScalars)
            let r = Array(repaired[index].unicodeScalars)
            #expect(r.count == c.count && d.count == c.count)
            guard r.count == c.count && d.count == c.count else { continue }
            var i = 0
            while i < c.count {
                guard VietnameseLetters.isLetter(c[i]) else { i += 1; continue }
                var j = i
                while j < c.count && VietnameseLetters.isLetter(c[j]) { j += 1 }
                let word = c[i..<j].map { VietnameseLetters.lower($0).value }
                if c[i..<j] == d[i..<j], let letter = word.first(where: collisions.contains) {
                    checked[letter, default: 0] += 1
                    if r[i..<j] != c[i..<j] {
                        changed.append("line \(index + 1): \(String(String.UnicodeScalarView(c[i..<j]))) → \(String(String.UnicodeScalarView(r[i..<j])))")
                    }
                }
                i = j
            }
        }
        // The seed has many of them: the check is not empty.
        for letter in "ờụớự".unicodeScalars { #expect(checked[letter.value, default: 0] >= 20, "\(letter)") }
        #expect(changed.isEmpty, "\(changed)")
    }

    /// Only swapped letters change: every other character, digits above all, stays where it was,
    /// and the log names what was there.
    @Test func onlyLettersChangeAndEveryChangeIsLogged() {
        let (_, damaged, repaired, repairs, _) = Self.document
        for (before, after) in zip(damaged, repaired) {
            let b = Array(before.unicodeScalars), a = Array(after.unicodeScalars)
            #expect(a.count == b.count)
            for (x, y) in zip(b, a) where x != y {
                #expect(VietnameseLetters.isLetter(x) && VietnameseLetters.isLetter(y), "\(before) → \(after)")
            }
        }
        #expect(repairs.count > 500)
        for repair in repairs {
            let line = Array(damaged[repair.line - 1].unicodeScalars)
            let start = repair.column - 1
            let span = String(String.UnicodeScalarView(line[start..<start + repair.original.unicodeScalars.count]))
            #expect(span == repair.original && repair.kind == "legacy-font")
        }
    }

    /// A word the decoder is not sure of is left as written and reported: with a threshold no
    /// reading reaches, a damaged line comes out as written and each would-be change is a PK201.
    @Test func unsureReadingsAreLeftAndReported() throws {
        let (_, damaged, _, repairs, _) = Self.document
        let lexicon = Lexicon.shipped
        let table = try #require(FontTable.solve(lines: damaged, lexicon: lexicon))
        let index = try #require(damaged.firstIndex { $0.contains("tiờu") })
        let sure = table.decode(damaged[index], lineNumber: index + 1, lexicon: lexicon, minimumConfidence: 0.5)
        #expect(sure.repairs == repairs.filter { $0.line == index + 1 })
        #expect(!sure.repairs.isEmpty)
        let unsure = table.decode(damaged[index], lineNumber: index + 1, lexicon: lexicon, minimumConfidence: 1.01)
        #expect(unsure.text == damaged[index] && unsure.repairs.isEmpty)
        #expect(unsure.diagnostics.count == sure.repairs.count)
        #expect(unsure.diagnostics.allSatisfy { $0.rule == Diagnostic.Rule.repairUncertain.id })
    }

    /// The table the seed's rendering yields is the swap's inverse, letter for letter (è ì ù
    /// have too few words in the seed to be sure of, so they may be missing).
    @Test func solvesTheSwapTable() throws {
        let table = try #require(FontTable.solve(lines: Self.document.damaged, lexicon: Lexicon.shipped))
        var inverse: [UInt32: Unicode.Scalar] = [:]
        for (original, drawn) in Self.swap { inverse[drawn.unicodeScalars.first!.value] = original.unicodeScalars.first! }
        for (observed, target) in table.map {
            #expect(inverse[observed] == target, "\(Unicode.Scalar(observed)!) → \(target)")
        }
        for letter in "óõúỏộớờỡụ".unicodeScalars { #expect(table.map[letter.value] != nil, "\(letter)") }
        #expect(table.knownAfter > table.knownBefore + 0.15)
    }

    /// Clean plans have no table and pass through the repair untouched.
    @Test func cleanTextHasNoTable() {
        let rows: [String] = ["001", "002", "003", "004"]
        forEachRow(rows, named: { "seed \($0)" }) { seed in
            let lines = try SourceText.read(path: Repository.url(try #require(Repository.seeds[seed], "seed \(seed)")).path).lines
            #expect(FontTable.solve(lines: lines, lexicon: Lexicon.shipped) == nil, "seed \(seed)")
            let (repaired, repairs, diagnostics) = Repairer.shared.repair(SourceText(path: "c.txt", lines: lines))
            #expect(repaired.lines == lines && repairs.isEmpty && diagnostics.isEmpty, "seed \(seed)")
        }
    }
}
