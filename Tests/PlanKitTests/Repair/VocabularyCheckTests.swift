import Foundation
import Testing
@testable import PlanKit

/// The domain vocabulary (Data/vocabulary.txt) is counted into the repair stage's bigram model,
/// so a misspelt phrase there would teach the repairer a wrong word. Every letter run of every
/// phrase must be a syllable of the generated inventory (or an abbreviation in capitals), the
/// file must be NFC, keep the new tone placement ("hòa", "thủy"), have no digits and no duplicates.
@Suite struct VocabularyCheckTests {
    static let lines: [String] = {
        let text = (try? String(contentsOf: Repository.url("Data/vocabulary.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }()

    static var phrases: [(number: Int, text: String)] {
        lines.enumerated()
            .filter { !$0.element.isEmpty && !$0.element.hasPrefix("#") }
            .map { (number: $0.offset + 1, text: $0.element) }
    }

    /// Letter runs of a phrase, split at anything that is not a letter.
    static func letterRuns(_ text: String) -> [String] {
        text.split { !$0.isLetter }.map(String.init)
    }

    @Test func fileIsReadAndNFC() {
        #expect(Self.phrases.count > 80)
        for line in Self.lines {
            #expect(line == line.precomposedStringWithCanonicalMapping, "not NFC: \(line)")
        }
    }

    @Test func everySyllableIsWellFormed() {
        let inventory = SyllableInventory.generate()
        var bad: [String] = []
        for phrase in Self.phrases {
            for run in Self.letterRuns(phrase.text) {
                if run.count > 1 && run == run.uppercased() && run.lowercased() != run { continue }
                if !inventory.contains(run.lowercased()) { bad.append("\(phrase.number): \(run) in \(phrase.text)") }
            }
        }
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }

    /// New-style placement on open oa/oe/uy: "hòa", "khỏe", "thủy", never "hoà", "khoẻ", "thuỷ".
    @Test func newTonePlacement() {
        let oldStyleEnds = ["oà", "oá", "oả", "oã", "oạ", "oè", "oé", "oẻ", "oẽ", "oẹ", "uỳ", "uý", "uỷ", "uỹ", "uỵ"]
        var bad: [String] = []
        for phrase in Self.phrases {
            for run in Self.letterRuns(phrase.text) {
                let lower = run.lowercased()
                if lower.hasPrefix("qu") { continue }
                if oldStyleEnds.contains(where: { lower.hasSuffix($0) }) { bad.append("\(phrase.number): \(run)") }
            }
        }
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }

    @Test func noDigitsNoDuplicates() {
        var seen: Set<String> = []
        var duplicates: [String] = []
        for phrase in Self.phrases {
            #expect(!phrase.text.contains { $0.isNumber }, "digit in line \(phrase.number): \(phrase.text)")
            if !seen.insert(phrase.text).inserted { duplicates.append("\(phrase.number): \(phrase.text)") }
        }
        #expect(duplicates.isEmpty, "\(duplicates.joined(separator: "\n"))")
    }
}
