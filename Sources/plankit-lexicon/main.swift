// Rebuilds the repair stage's shipped statistics from the clean corpus:
//   swift run plankit-lexicon [PACKAGE_ROOT]
// writes Sources/PlanKit/Repair/Generated/CorpusStatistics.swift.
import Foundation
import PlanKit

let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : FileManager.default.currentDirectoryPath
var corpus: [(path: String, text: String)] = []
for file in RepairData.corpusFiles {
    let url = URL(fileURLWithPath: root).appendingPathComponent(file)
    guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("plankit-lexicon: cannot read \(url.path)\n".utf8))
        exit(2)
    }
    corpus.append((file, text.precomposedStringWithCanonicalMapping))
}
let output = URL(fileURLWithPath: root).appendingPathComponent("Sources/PlanKit/Repair/Generated/CorpusStatistics.swift")
try RepairData.generatedSource(corpus: corpus).write(to: output, atomically: true, encoding: .utf8)
print("wrote \(output.path)")
