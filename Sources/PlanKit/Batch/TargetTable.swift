import Foundation

/// One row per target across plans, for a spreadsheet or pandas: the table `plankit export --csv` writes.
public enum TargetTable {
    /// The columns, in order: the ones the archive users asked for, then context.
    public static let columns = [
        "file", "locality", "level", "period", "objective", "indicator", "nationalId", "year", "comparator",
        "value", "unit", "domain", "baseline", "fromYearOn", "text",
    ]

    /// The rows of one plan, one per target, in document order.
    public static func rows(plan: Plan) -> [[String]] {
        let header = plan.header
        let period = header.period.map { "\($0.from)-\($0.to)" } ?? ""
        var rows: [[String]] = []
        for objective in plan.objectives {
            for indicator in objective.indicators {
                for target in indicator.targets {
                    rows.append([
                        plan.source.path, header.locality?.name ?? "", header.locality?.level.rawValue ?? "", period,
                        String(objective.number), indicator.id, indicator.nationalId ?? "",
                        target.year.map(String.init) ?? "", target.comparator.rawValue, NumberText.shortest(target.value),
                        target.unit.rawValue, objective.domain?.rawValue ?? "", target.baseline.map(NumberText.shortest) ?? "",
                        target.fromYearOn ? "true" : "false", target.text,
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
}
