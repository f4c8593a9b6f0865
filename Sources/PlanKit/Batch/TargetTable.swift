import Foundation

/// One row per target across plans, for a spreadsheet or pandas: the table `plankit export --csv` writes.
///
/// Rows are read from the plans' JSON (what `parse` and `batch` write), not from the model
/// types, so fields added by later stages (`nationalId` from lint) come through when present
/// and are empty when not.
public enum TargetTable {
    /// The columns, in order: the ones the archive users asked for, then context.
    public static let columns = [
        "file", "locality", "level", "period", "objective", "indicator", "nationalId", "year", "comparator",
        "value", "unit", "domain", "baseline", "fromYearOn", "text",
    ]

    /// The rows of one plan document (a JSON object as `parse` prints it).
    public static func rows(plan: [String: Any]) -> [[String]] {
        let source = plan["source"] as? [String: Any]
        let header = plan["header"] as? [String: Any]
        let locality = header?["locality"] as? [String: Any]
        let period = header?["period"] as? [String: Any]
        let file = string(source?["path"])
        let periodText: String
        if let from = period?["from"], let to = period?["to"], !(from is NSNull), !(to is NSNull) {
            periodText = "\(number(from))-\(number(to))"
        } else {
            periodText = ""
        }
        var rows: [[String]] = []
        for objective in plan["objectives"] as? [[String: Any]] ?? [] {
            for indicator in objective["indicators"] as? [[String: Any]] ?? [] {
                for target in indicator["targets"] as? [[String: Any]] ?? [] {
                    rows.append([
                        file, string(locality?["name"]), string(locality?["level"]), periodText,
                        number(objective["number"]), string(indicator["id"]), string(indicator["nationalId"]),
                        number(target["year"]), string(target["comparator"]), number(target["value"]),
                        string(target["unit"]), string(objective["domain"]), number(target["baseline"]),
                        bool(target["fromYearOn"]), string(target["text"]),
                    ])
                }
            }
        }
        return rows
    }

    /// RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled; CRLF ends a record.
    public static func record(_ fields: [String]) -> String {
        var line = ""
        for (i, field) in fields.enumerated() {
            if i > 0 { line += "," }
            if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                line += "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            } else {
                line += field
            }
        }
        return line + "\r\n"
    }

    static func string(_ value: Any?) -> String {
        switch value {
        case let s as String: s
        case nil, is NSNull: ""
        case let other?: number(other)
        }
    }

    /// Numbers in their shortest exact form, as the JSON encoder writes them (38.6, 100000).
    static func number(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return ""
        case let b as Bool where !(value is Int) || String(describing: type(of: value!)).contains("Bool"):
            return b ? "true" : "false"
        case let n as NSNumber:
            return NumberText.shortest(n.doubleValue)
        case let s as String: return s
        case let other?: return "\(other)"
        }
    }

    static func bool(_ value: Any?) -> String {
        switch value {
        case let b as Bool: b ? "true" : "false"
        default: ""
        }
    }
}
