import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes read straight into one array: `FileManager.contents` gives `Data`, and making
/// `[UInt8]` of it copies the whole file again.
enum FileBytes {
    /// The bytes of the file at `path`, or nil when it cannot be opened or read.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        var bytes: [UInt8] = []
        // The size from fstat, then whatever else arrives (a file still growing, or /proc).
        var capacity = max(Int(info.st_size), 0) + 1
        while true {
            let start = bytes.count
            bytes.reserveCapacity(start + capacity)
            var failed = false
            var got = 0
            bytes.append(contentsOf: repeatElement(0, count: capacity))
            bytes.withUnsafeMutableBytes { raw in
                while got < capacity {
                    let n = Foundation.read(fd, raw.baseAddress! + start + got, capacity - got)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        return
                    }
                    if n == 0 { return }
                    got += n
                }
            }
            if failed { return nil }
            bytes.removeLast(capacity - got)
            if got < capacity { return bytes }
            capacity = max(capacity, 65_536)
        }
    }
}
