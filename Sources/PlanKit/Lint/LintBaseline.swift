import Foundation

/// Findings accepted as they are today (`plankit lint --write-baseline`); later runs report only new ones.
///
/// An entry is a path, a rule and a content fingerprint, never a line number, so the baseline keeps
/// matching when lines above a finding are added or removed. Entries match as a multiset: two
/// identical findings need two entries. Paths are relative to the baseline file's folder.
public struct LintBaseline: Sendable, Equatable {
    /// One accepted finding: where, which rule, and the fingerprint of what it is about.
    public struct Entry: Codable, Hashable, Sendable, Comparable {
        /// The plan's path, relative to the baseline file's folder when it lies inside it.
        public var path: String
        /// The rule's id ("PK101").
        public var rule: String
        /// The finding's ``LintFinding/fingerprint``.
        public var fingerprint: String

        /// By path, then rule, then fingerprint: the order entries are written in.
        public static func < (a: Entry, b: Entry) -> Bool {
            (a.path, a.rule, a.fingerprint) < (b.path, b.rule, b.fingerprint)
        }
    }

    /// The file `plankit lint` reads and writes when no `--baseline` path is given.
    public static let defaultPath = ".plankit-baseline.json"

    /// The accepted findings, sorted; one entry per finding, so duplicates repeat.
    public var entries: [Entry]

    /// A baseline of these entries, sorted.
    public init(entries: [Entry]) {
        self.entries = entries.sorted()
    }

    /// The baseline of `findings`, for a baseline file at `baselinePath`.
    public init(findings: [LintFinding], baselinePath: String) {
        self.init(entries: findings.map {
            Entry(path: LintBaseline.relative($0.path, to: baselinePath), rule: $0.rule.id, fingerprint: $0.fingerprint)
        })
    }

    /// The findings the baseline does not cover, and how many it suppressed.
    public func filter(_ findings: [LintFinding], baselinePath: String) -> (new: [LintFinding], suppressed: Int) {
        var remaining: [Entry: Int] = [:]
        for entry in entries { remaining[entry, default: 0] += 1 }
        var new: [LintFinding] = []
        var suppressed = 0
        for finding in findings {
            let key = Entry(path: LintBaseline.relative(finding.path, to: baselinePath), rule: finding.rule.id,
                            fingerprint: finding.fingerprint)
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                suppressed += 1
            } else {
                new.append(finding)
            }
        }
        return (new, suppressed)
    }

    /// The baseline file's JSON (`version`, `tool`, `findings`), pretty-printed, ending in a newline.
    public func encoded() -> String {
        let node = JSONNode.object([
            ("version", .number("1")),
            ("tool", .string("plankit")),
            ("findings", .array(entries.map {
                .object([("path", .string($0.path)), ("rule", .string($0.rule)), ("fingerprint", .string($0.fingerprint))])
            })),
        ])
        var out = ""
        node.write(to: &out, style: .pretty, indent: 0)
        return out + "\n"
    }

    /// Reads a baseline file: a JSON object whose `findings` are path, rule and fingerprint objects.
    public static func load(path: String) throws(LintConfigurationError) -> LintBaseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LintConfigurationError(path: path, reason: "cannot be read")
        }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let list = root["findings"] as? [[String: Any]] else {
            throw LintConfigurationError(path: path, reason: "is not a plankit baseline (expected {\"findings\": [...]})")
        }
        var entries: [Entry] = []
        for (i, item) in list.enumerated() {
            guard let p = item["path"] as? String, let r = item["rule"] as? String, let f = item["fingerprint"] as? String else {
                throw LintConfigurationError(path: path, reason: "findings[\(i)] needs \"path\", \"rule\" and \"fingerprint\"")
            }
            entries.append(Entry(path: p, rule: r, fingerprint: f))
        }
        return LintBaseline(entries: entries)
    }

    /// `path` relative to the folder of `file` (a baseline or configuration file) when it lies inside it.
    static func relative(_ path: String, to file: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let folder = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent().path
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}
