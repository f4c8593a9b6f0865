import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps one bad file from sinking a whole archive run.
///
/// A Swift trap in the parser (an overflow, an index out of range) ends the process and cannot
/// be caught. So each worker notes the file it is parsing in a fixed buffer; if the process
/// dies on a fatal signal, a handler (async-signal-safe: `open`, `write`, `sigaction` only)
/// prints those paths and appends them to a quarantine file, then hands the signal back to the
/// previous handler (the Swift backtracer) by restoring it and returning, so the faulting
/// instruction runs again under it. Outputs already renamed into place stay; a rerun skips up-to-date
/// outputs and reports quarantined files as failed instead of parsing them again (`--force`
/// retries them).
enum CrashQuarantine {
    static let slotSize = 4096
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]

    nonisolated(unsafe) private static var slots: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var slotCount = 0
    nonisolated(unsafe) private static var quarantinePath: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var previous: UnsafeMutablePointer<sigaction>?
    private static let lock = NSLock()

    /// Where a destination keeps its quarantine list.
    static func path(for destination: BatchRunner.Destination) -> String {
        switch destination {
        case .directory(let directory): directory + "/.plankit-batch-crashes.txt"
        case .jsonLines(let file): file == "-" ? ".plankit-batch-crashes.txt" : file + ".crashes.txt"
        }
    }

    /// Paths that crashed the parser in an earlier run.
    static func load(_ path: String) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    /// Installs the handlers for a run with `workers` threads. Call once per run, before the workers start.
    static func install(workers: Int, quarantine: String) {
        lock.lock()
        defer { lock.unlock() }
        slots?.deallocate()
        quarantinePath?.deallocate()
        slots = .allocate(capacity: workers * slotSize)
        slots!.initialize(repeating: 0, count: workers * slotSize)
        slotCount = workers
        quarantinePath = strdup(quarantine)
        if previous == nil {
            previous = .allocate(capacity: 65)
            previous!.initialize(repeating: sigaction(), count: 65)
            for signal in signals {
                var action = sigaction()
                action.sa_flags = SA_SIGINFO | SA_ONSTACK
                #if canImport(Glibc)
                action.__sigaction_handler.sa_sigaction = quarantineHandler
                #else
                action.__sigaction_u.__sa_sigaction = quarantineHandler
                #endif
                sigemptyset(&action.sa_mask)
                sigaction(signal, &action, previous! + Int(signal))
            }
        }
    }

    /// Notes that worker `slot` is parsing `path` (nil: idle).
    static func mark(slot: Int, path: String?) {
        guard let slots, slot < slotCount else { return }
        let base = slots + slot * slotSize
        guard let path else {
            base[0] = 0
            return
        }
        let bytes = Array(path.utf8.prefix(slotSize - 1))
        bytes.withUnsafeBufferPointer { buffer in
            for (i, b) in buffer.enumerated() { base[i] = CChar(bitPattern: b) }
        }
        base[bytes.count] = 0
    }

    /// Called from the signal handler only.
    fileprivate static func report() {
        guard let slots else { return }
        let fd = quarantinePath.map { open($0, O_WRONLY | O_CREAT | O_APPEND, 0o644) } ?? -1
        let prefix: StaticString = "\nplankit batch: the parser crashed while reading: "
        let suffix: StaticString = "\nIt is quarantined: a rerun reports it as failed and goes on (--force retries it).\n"
        let newline: StaticString = "\n"
        for slot in 0..<slotCount {
            let path = slots + slot * slotSize
            guard path[0] != 0 else { continue }
            let length = strlen(path)
            _ = write(2, prefix.utf8Start, prefix.utf8CodeUnitCount)
            _ = write(2, path, length)
            _ = write(2, suffix.utf8Start, suffix.utf8CodeUnitCount)
            if fd >= 0 {
                _ = write(fd, path, length)
                _ = write(fd, newline.utf8Start, newline.utf8CodeUnitCount)
            }
        }
        if fd >= 0 { close(fd) }
    }

    fileprivate static func restorePrevious(_ signal: Int32) {
        guard let previous else { return }
        sigaction(signal, previous + Int(signal), nil)
    }
}

private func quarantineHandler(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    CrashQuarantine.report()
    CrashQuarantine.restorePrevious(signal)
}
