import Foundation

/// The seed plans under `Fixtures/seeds`, as bytes.
enum ArchiveFixtures {
    static let directory: URL = Repository.url("Fixtures/seeds")

    /// (file name, bytes), sorted by name.
    static let seeds: [(name: String, bytes: [UInt8])] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { name in
            (name, [UInt8](FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) ?? Data()))
        }
    }()

    static func text(_ bytes: [UInt8]) -> String {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
