import Foundation

/// The entrance of the pipeline: a file's bytes decoded, line endings unified and
/// composed to NFC once, so no later stage has to think about encodings.
public struct SourceText: Sendable {
    /// The path as given, for source info, diagnostics and findings.
    public var path: String
    /// The lines without terminators; line `n` of the file is `lines[n - 1]`.
    public var lines: [String]
    /// How the bytes were read.
    public var encoding: SourceEncoding
    /// True when the text arrived (partly) decomposed and was composed to NFC here.
    public var normalizedToNFC: Bool
    /// How the text was extracted from a PDF, an image or a Word file (``DocumentIntake``); nil for a text file.
    public var origin: SourceOrigin?
    /// For text extracted from pages: the 1-based line each page starts on, page 1 first (a page
    /// with no text starts where the next one does); nil when the input has no pages.
    public var pageStartLines: [Int]?

    /// The 1-based page `line` is on, or nil when the input has no pages.
    public func page(ofLine line: Int) -> Int? {
        guard let starts = pageStartLines, !starts.isEmpty else { return nil }
        // The last page starting at or before the line (binary search; starts never decrease).
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= line { low = mid + 1 } else { high = mid }
        }
        return max(1, low)
    }

    /// Lines already split and in NFC; nothing is decoded or composed.
    public init(path: String, lines: [String], encoding: SourceEncoding = .utf8, normalizedToNFC: Bool = false) {
        self.path = path
        self.lines = lines
        self.encoding = encoding
        self.normalizedToNFC = normalizedToNFC
    }

    /// Decodes `bytes` (see ``TextDecoding``), composes to NFC, splits LF, CRLF and CR line ends.
    public init(path: String, bytes: [UInt8]) throws(SourceError) {
        // UTF-8, the common case, in one pass (``UTF8Entrance``); the rest through TextDecoding.
        if let source = UTF8Entrance.read(path: path, bytes: bytes) {
            self = source
            return
        }
        let decoded: (text: String, encoding: SourceEncoding)
        do {
            decoded = try TextDecoding.decode(bytes)
        } catch {
            throw SourceError(path: path, line: error.line, reason: error.reason)
        }
        self.init(path: path, text: decoded.text, encoding: decoded.encoding)
    }

    /// Text already in memory (tests, other front ends).
    public init(path: String, text: String, encoding: SourceEncoding = .utf8) {
        var text = text
        let needsComposition = SourceText.mayNeedComposition(text)
        if needsComposition {
            text = VietnameseComposition.compose(text) ?? text.precomposedStringWithCanonicalMapping
        }
        self.init(path: path, lines: SourceText.splitLines(text), encoding: encoding, normalizedToNFC: needsComposition)
    }

    /// Reads a file; a directory, a missing or unreadable file is a ``SourceError``.
    public static func read(path: String) throws(SourceError) -> SourceText {
        try SourceText(path: path, bytes: fileBytes(path: path))
    }

    /// The bytes of the file at `path`; a directory, a missing or unreadable file is a ``SourceError``.
    static func fileBytes(path: String) throws(SourceError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SourceError(path: path, line: nil, reason: "no such file")
        }
        if isDirectory.boolValue {
            throw SourceError(path: path, line: nil, reason: "is a directory, not a plan file")
        }
        guard let bytes = FileBytes.read(path) else {
            throw SourceError(path: path, line: nil, reason: "cannot be read (permission denied?)")
        }
        return bytes
    }

    /// Whether any scalar could combine with its neighbour. Plain precomposed Vietnamese
    /// never contains one, so the common case skips Foundation's normaliser entirely.
    /// Reads UTF-8 bytes: only lead bytes from 0xCC on (U+0300 and up) are decoded.
    static func mayNeedComposition(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            var i = 0
            let n = utf8.count
            while i < n {
                let b0 = UInt32(utf8[i])
                // ASCII, continuation bytes and two-byte leads below U+0300.
                if b0 < 0xCC { i += 1; continue }
                let value: UInt32
                if b0 < 0xE0 {
                    value = (b0 & 0x1F) << 6 | UInt32(utf8[i + 1]) & 0x3F; i += 2
                } else if b0 < 0xF0 {
                    value = (b0 & 0x0F) << 12 | (UInt32(utf8[i + 1]) & 0x3F) << 6 | UInt32(utf8[i + 2]) & 0x3F; i += 3
                } else {
                    i += 4
                    continue
                }
                switch value {
                case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F,
                     0x1100...0x11FF, 0x3099...0x309A:
                    return true
                default:
                    continue
                }
            }
            return false
        }
    }

    /// Splits on LF, CRLF and lone CR; a final terminator does not start an extra line.
    /// Line breaks are found in the UTF-8 buffer; each line is then copied out of the string by
    /// byte offsets (already valid UTF-8, so no second validation).
    static func splitLines(_ text: String) -> [String] {
        var text = text
        var bounds: [(Int, Int)] = []
        text.withUTF8 { utf8 in
            var start = 0, i = 0
            let n = utf8.count
            while i < n {
                let byte = utf8[i]
                if byte == 0x0A || byte == 0x0D {
                    bounds.append((start, i))
                    i += byte == 0x0D && i + 1 < n && utf8[i + 1] == 0x0A ? 2 : 1
                    start = i
                } else {
                    i += 1
                }
            }
            if start < n { bounds.append((start, n)) }
        }
        let utf8 = text.utf8
        var lines: [String] = []
        lines.reserveCapacity(bounds.count)
        for (start, end) in bounds {
            let from = utf8.index(utf8.startIndex, offsetBy: start), to = utf8.index(utf8.startIndex, offsetBy: end)
            lines.append(String(text[from..<to]))
        }
        return lines
    }
}

/// How the bytes of a file were read.
public enum SourceEncoding: String, Codable, Hashable, Sendable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1258 = "windows-1258"
    case tcvn3 = "tcvn3"
    case vni = "vni"
}

/// A file that could not become text: the CLI prints it as one line and exits with code 2.
public struct SourceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's path as given.
    public var path: String
    /// 1-based line of the first bad byte; nil when the fault is not at a line.
    public var line: Int?
    /// Why the file cannot be read, as a phrase after the path ("is not valid UTF-8 …").
    public var reason: String

    /// An error for `path`, at `line` when known.
    public init(path: String, line: Int?, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    /// "path:line: reason", or "path: reason" without a line.
    public var description: String {
        if let line { return "\(path):\(line): \(reason)" }
        return "\(path): \(reason)"
    }
}
