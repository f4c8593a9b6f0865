import Foundation

/// `.plankit.json`: which rules run and how severe their findings are.
///
/// ```json
/// {
///   "rules": { "PK101": "off", "weaker-than-national": "error" },
///   "overrides": [
///     { "files": ["drafts/**", "communes/*.txt"], "rules": { "missing-document-number": "off" } }
///   ]
/// }
/// ```
/// A rule is named by id, name or both ("PK101/indicator-without-owner"); a setting is `off`, `note`,
/// `warning`, `error` or `on` (its default severity). Overrides apply in order, later ones winning, to
/// plan paths matched relative to the folder of the configuration file (`*` within a folder, `**`
/// across folders, `?` one character).
public struct LintConfiguration: Sendable, Equatable {
    /// Where the file was read from; nil for the built-in defaults.
    public var path: String?
    /// The file's `rules`: a setting per rule id ("PK101"), whatever name the file used.
    public var rules: [String: Setting] = [:]
    /// The file's `overrides`, in file order; a later one wins over an earlier one.
    public var overrides: [Override] = []

    /// What the configuration says of one rule: off, on at its default severity, or a severity of its own.
    public enum Setting: Sendable, Equatable {
        case off, on
        case severity(Diagnostic.Severity)
    }

    /// Settings that apply only to the plans whose paths match `files`.
    public struct Override: Sendable, Equatable {
        /// Path patterns ("drafts/**"), relative to the configuration file's folder.
        public var files: [String]
        /// A setting per rule id, over the top-level `rules` for these files.
        public var rules: [String: Setting]
    }

    /// The built-in defaults: every rule on at its default severity.
    public init() {}

    /// The configuration file's name, looked for from the plan's folder upwards.
    public static let fileName = ".plankit.json"

    /// The severity of `rule`'s findings in the file at `path`, or nil when the rule is off there.
    /// `finding` is the severity the rule gave this finding, when it differs from the rule's default
    /// (a "could not check" note): "on" keeps it, an explicit severity replaces it.
    public func severity(of rule: LintRule, forPath path: String,
                         finding: Diagnostic.Severity? = nil) -> Diagnostic.Severity? {
        var setting = rules[rule.id]
        if !overrides.isEmpty {
            let relative = self.path.map { LintBaseline.relative(path, to: $0) } ?? path
            for override in overrides where override.files.contains(where: { Glob.matches($0, relative) }) {
                if let s = override.rules[rule.id] { setting = s }
            }
        }
        switch setting {
        case nil, .on?: return finding ?? rule.defaultSeverity
        case .off?: return nil
        case .severity(let s)?: return s
        }
    }

    /// Reads and checks a configuration file; unknown rules or settings are errors naming the file.
    public static func load(path: String) throws(LintConfigurationError) -> LintConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LintConfigurationError(path: path, reason: "cannot be read")
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw LintConfigurationError(path: path, reason: "is not valid JSON")
        }
        guard let root = object as? [String: Any] else {
            throw LintConfigurationError(path: path, reason: "must hold a JSON object")
        }
        var configuration = LintConfiguration()
        configuration.path = path
        for key in root.keys.sorted() where !["rules", "overrides", "$schema"].contains(key) {
            throw LintConfigurationError(path: path, reason: "unknown key '\(key)' (expected \"rules\" or \"overrides\")")
        }
        if let rules = root["rules"] {
            configuration.rules = try settings(rules, at: "rules", path: path)
        }
        if let overrides = root["overrides"] {
            guard let list = overrides as? [Any] else {
                throw LintConfigurationError(path: path, reason: "\"overrides\" must be an array")
            }
            for (i, item) in list.enumerated() {
                guard let entry = item as? [String: Any], let files = entry["files"] as? [String], !files.isEmpty else {
                    throw LintConfigurationError(path: path, reason: "overrides[\(i)] needs \"files\": an array of path patterns")
                }
                let rules = try settings(entry["rules"] ?? [String: Any](), at: "overrides[\(i)].rules", path: path)
                configuration.overrides.append(Override(files: files, rules: rules))
            }
        }
        return configuration
    }

    private static func settings(_ value: Any, at place: String, path: String) throws(LintConfigurationError) -> [String: Setting] {
        guard let object = value as? [String: Any] else {
            throw LintConfigurationError(path: path, reason: "\"\(place)\" must be an object of rule → setting")
        }
        var result: [String: Setting] = [:]
        for key in object.keys.sorted() {
            guard let rule = LintRule.named(key) else {
                throw LintConfigurationError(path: path, reason: "\(place): unknown rule '\(key)'")
            }
            let setting: Setting
            switch object[key] as? String {
            case "off": setting = .off
            case "on": setting = .on
            case "note": setting = .severity(.note)
            case "warning": setting = .severity(.warning)
            case "error": setting = .severity(.error)
            default:
                throw LintConfigurationError(path: path, reason: "\(place).\(key): expected \"off\", \"on\", \"note\", \"warning\" or \"error\"")
            }
            result[rule.id] = setting
        }
        return result
    }

    /// The nearest `.plankit.json` in the plan's folder or a folder above it.
    public static func find(forPlanAt path: String) -> String? {
        var folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        while true {
            let candidate = folder.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}

/// A configuration or baseline file that cannot be used: which file, and why.
public struct LintConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The file's path as given.
    public var path: String
    /// What is wrong with it, as a phrase that follows the path ("is not valid JSON").
    public var reason: String
    /// "path: reason", one line for the command line.
    public var description: String { "\(path): \(reason)" }
}

/// Path patterns: `*` and `?` within one folder name, `**` across folders.
enum Glob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        match(Array(pattern.unicodeScalars)[...], Array(path.unicodeScalars)[...])
    }

    private static func match(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        if first == "*" {
            let rest = p.dropFirst()
            if rest.first == "*" {
                // "**/" matches zero or more folders; "**" at the end matches everything.
                var after = rest.dropFirst()
                if after.first == "/" { after = after.dropFirst() }
                if after.isEmpty { return true }
                var i = s.startIndex
                while true {
                    if match(after, s[i...]) { return true }
                    guard let slash = s[i...].firstIndex(of: "/") else { return false }
                    i = slash + 1
                }
            }
            var i = s.startIndex
            while true {
                if match(rest, s[i...]) { return true }
                guard i < s.endIndex, s[i] != "/" else { return false }
                i += 1
            }
        }
        guard let c = s.first else { return false }
        if first == "?" ? c != "/" : first == c { return match(p.dropFirst(), s.dropFirst()) }
        return false
    }
}
