import Foundation
@testable import PlanKit
@testable import PlanKitCLI

/// Runs `plankit` in-process with captured output.
struct CapturedRun {
    var exitCode: Int32
    var out: String
    var err: String

    init(_ arguments: [String], stderrIsTerminal: Bool = false) {
        final class Box: @unchecked Sendable {
            let lock = NSLock()
            var out = "", err = ""
        }
        let box = Box()
        let console = Console(out: { s in box.lock.lock(); box.out += s; box.lock.unlock() },
                              err: { s in box.lock.lock(); box.err += s; box.lock.unlock() },
                              stderrIsTerminal: stderrIsTerminal)
        exitCode = CommandLineTool.main(arguments, console: console)
        out = box.out
        err = box.err
    }
}

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let path: String

    init(_ name: String = #function) {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        path = NSTemporaryDirectory() + "plankit-\(safe)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ relative: String, _ bytes: [UInt8]) {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
