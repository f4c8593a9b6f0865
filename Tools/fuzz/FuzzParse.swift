// libFuzzer entry point for the whole pipeline. Compiled into the PlanKit module by run.sh
// (swiftc -sanitize=fuzzer,address over Sources/PlanKit plus this file), so it sees internals.
//
// Each input: decoded (or refused with a SourceError), parsed, encoded; the JSON must read back,
// a second parse must give the same bytes, and every non-blank line must lie in an element's span.
// A violation traps, which libFuzzer records as a crash with the input that caused it.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func plankitFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let source = try? SourceText(path: "fuzz.txt", bytes: bytes) else { return 0 }
    let plan = PlanParser.parse(source)
    guard let json = try? PlanJSONEncoder(style: .compact).encode(plan) else { fatalError("encoder threw") }
    guard let again = try? PlanJSONEncoder(style: .compact).encode(PlanParser.parse(source)), again == json else {
        fatalError("non-deterministic output")
    }
    guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else {
        fatalError("output is not a JSON object")
    }
    var covered = Set<Int>()
    for key in ["preamble", "sections", "closing", "unclassified"] {
        for element in object[key] as? [[String: Any]] ?? [] {
            guard let span = element["span"] as? [String: Any], let a = span["startLine"] as? Int,
                  let b = span["endLine"] as? Int, a >= 1, b >= a, b <= source.lines.count else {
                fatalError("bad span in \(key)")
            }
            for line in a...b { covered.insert(line) }
        }
    }
    for (index, line) in source.lines.enumerated() where !covered.contains(index + 1) {
        let scalars = line.unicodeScalars
        // Blank: white space or the invisible spaces the lexer reads as spaces (U+200B, U+FEFF mid-file).
        if scalars.allSatisfy({ $0.properties.isWhitespace || Scalars.isSpace($0) }) { continue }
        fatalError("line \(index + 1) is in no element: \(line.debugDescription.prefix(80))")
    }
    return 0
}
