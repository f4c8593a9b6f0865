import Foundation

/// Reads the catalog table of `Data/national-strategy-2021-2030.md` and writes it back out as Swift source.
///
/// This is the generator behind `NationalCatalog+Data.swift`: `plankit catalog --swift FILE.md` prints
/// the source, and a test checks that the committed file is what the markdown gives today.
public enum CatalogMarkdown {
    /// A catalog row, or the whole file, that cannot be read as the table expects.
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        /// 1-based line of the markdown file.
        public var line: Int
        /// What is wrong there ("expected 7 cells, found 6").
        public var reason: String
        /// "line N: reason".
        public var description: String { "line \(line): \(reason)" }
    }

    /// The years of the table's two target columns.
    static let targetYears = [2025, 2030]

    /// Parses every table row whose first cell is an id ("2.1").
    public static func parse(_ markdown: String) throws(Error) -> [NationalIndicator] {
        var result: [NationalIndicator] = []
        for (index, rawLine) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("|") else { continue }
            var cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            cells = Array(cells.dropFirst().dropLast())
            guard let id = cells.first, isIndicatorId(id) else { continue }
            guard cells.count == 7 else {
                throw Error(line: index + 1, reason: "expected 7 cells, found \(cells.count)")
            }
            result.append(try row(cells, line: index + 1))
        }
        guard !result.isEmpty else { throw Error(line: 1, reason: "no indicator rows found") }
        return result
    }

    private static func isIndicatorId(_ text: String) -> Bool {
        let parts = text.split(separator: ".")
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }
    }

    private static func row(_ cells: [String], line: Int) throws(Error) -> NationalIndicator {
        let id = cells[0]
        guard let objective = Int(id.split(separator: ".")[0]), let domain = domain(ofObjective: objective) else {
            throw Error(line: line, reason: "indicator \(id) names no known objective")
        }
        let measure = cleanMeasure(cells[2])
        let parts = splitParts(measure)
        let direction: NationalIndicator.Direction
        switch cells[3] {
        case "↑": direction = .higherIsBetter
        case "↓": direction = .lowerIsBetter
        case "=": direction = .qualitative
        default: throw Error(line: line, reason: "unknown direction '\(cells[3])'")
        }
        let status = cells[6]
        let confirmed = status.hasPrefix("confirmed")
        var targets: [NationalTarget] = []
        for (column, year) in targetYears.enumerated() {
            for (part, text) in splitPartCells(cells[4 + column]) {
                if let target = target(text, indicator: id, part: part, year: year, measure: measure,
                                       confirmed: confirmed) {
                    targets.append(target)
                }
            }
        }
        return NationalIndicator(id: id, objective: objective, domain: domain,
                                 measure: parts.isEmpty ? measure : parts.map(\.measure).joined(separator: "; "),
                                 parts: parts, direction: direction, targets: targets, confirmed: confirmed,
                                 status: status)
    }

    static func domain(ofObjective number: Int) -> Domain? {
        switch number {
        case 1: .politics
        case 2: .economyLabour
        case 3: .familyGBV
        case 4: .health
        case 5: .education
        case 6: .informationCommunication
        default: nil
        }
    }

    /// Drops the catalog's English notes in parentheses and the "…" of elided words.
    static func cleanMeasure(_ text: String) -> String {
        var out = ""
        var depth = 0
        var group = ""
        for ch in text {
            if ch == "(" {
                depth += 1
                if depth == 1 { group = ""; continue }
            } else if ch == ")", depth > 0 {
                depth -= 1
                if depth == 0 {
                    // Keep "(a)" markers and Vietnamese words; drop English notes, told by a first
                    // word in plain ASCII ("(written … without a number)").
                    let firstWord = group.prefix { !$0.isWhitespace }
                    let isNote = firstWord.count > 1 && firstWord.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
                    if !isNote { out += "(" + group + ")" }
                    continue
                }
            }
            if depth > 0 { group.append(ch) } else { out.append(ch) }
        }
        out = out.replacingOccurrences(of: "…", with: " ")
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// "shared (a) first; (b) second" → [a: "shared first", b: "shared second"].
    static func splitParts(_ measure: String) -> [NationalIndicator.Part] {
        guard let first = measure.range(of: "(a)") else { return [] }
        let shared = measure[..<first.lowerBound].trimmingCharacters(in: .whitespaces)
        var parts: [NationalIndicator.Part] = []
        var rest = measure[first.upperBound...]
        var label = "a"
        while true {
            let nextLabel = String(UnicodeScalar(label.unicodeScalars.first!.value + 1)!)
            let end = rest.range(of: "(\(nextLabel))")
            let body = String(rest[..<(end?.lowerBound ?? rest.endIndex)])
                .trimmingCharacters(in: CharacterSet(charactersIn: " ;"))
            parts.append(NationalIndicator.Part(label: label, measure: shared.isEmpty ? body : shared + " " + body))
            guard let end else { break }
            rest = rest[end.upperBound...]
            label = nextLabel
        }
        return parts
    }

    /// "(a) 80% (b) 50%" → [("a", "80%"), ("b", "50%")]; "60%" → [(nil, "60%")].
    static func splitPartCells(_ cell: String) -> [(String?, String)] {
        guard cell.hasPrefix("(a)") else { return [(nil, cell)] }
        var result: [(String?, String)] = []
        for piece in cell.components(separatedBy: "(").dropFirst() {
            guard let close = piece.firstIndex(of: ")") else { continue }
            let label = String(piece[..<close])
            result.append((label, piece[piece.index(after: close)...].trimmingCharacters(in: .whitespaces)))
        }
        return result
    }

    /// "about 60%", "under 30%", "at least 27%", "1.7 times", "100% from 2025 on", "111", "at least one";
    /// nil for "–" and for qualitative cells ("from 2025 on").
    static func target(_ cell: String, indicator: String, part: String?, year: Int, measure: String,
                       confirmed: Bool) -> NationalTarget? {
        var text = cell.replacingOccurrences(of: "?", with: "")
            .replacingOccurrences(of: "(maintained)", with: "")
            .trimmingCharacters(in: .whitespaces)
        var fromYearOn = false
        if let range = text.range(of: " from \(year) on") {
            fromYearOn = true
            text.removeSubrange(range)
        }
        var comparator = Comparator.eq
        for (prefix, value) in [("about ", Comparator.approx), ("under ", .lt), ("at least ", .gte), ("over ", .gt)]
            where text.hasPrefix(prefix) {
            comparator = value
            text.removeFirst(prefix.count)
        }
        let value: Double
        let unit: TargetUnit
        if text == "one" {
            value = 1
            unit = .count
        } else {
            let number = text.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let parsed = Double(number) else { return nil }
            value = parsed
            let suffix = text.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
            switch suffix {
            case "%": unit = .percent
            case "times": unit = .times
            case "": unit = measure.contains("bé trai/100 bé gái") ? .per100Girls
                : measure.contains("/100.000") ? .per100k
                : measure.contains("/1.000") ? .per1k : .count
            default: return nil
            }
        }
        return NationalTarget(indicator: indicator, part: part, year: year, value: value, unit: unit,
                              comparator: comparator, fromYearOn: fromYearOn, confirmed: confirmed,
                              text: cell)
    }

    /// The generated `NationalCatalog+Data.swift`. Enum cases print as their Swift names
    /// (`String(describing:)` of a case without a custom description), raw values aside.
    public static func swiftSource(_ indicators: [NationalIndicator], sourceName: String) -> String {
        var out = """
        // Generated by `plankit catalog --swift \(sourceName)`. Do not edit: change the markdown and regenerate.

        extension NationalCatalog {
            /// The strategy's 20 indicators in catalog order.
            public static let indicators: [NationalIndicator] = [

        """
        for item in indicators {
            out += "        NationalIndicator(\n"
            out += "            id: \(literal(item.id)), objective: \(item.objective), domain: .\(item.domain),\n"
            out += "            measure: \(literal(item.measure)),\n"
            if item.parts.isEmpty {
                out += "            parts: [],\n"
            } else {
                out += "            parts: [\n"
                for part in item.parts {
                    out += "                .init(label: \(literal(part.label)), measure: \(literal(part.measure))),\n"
                }
                out += "            ],\n"
            }
            out += "            direction: .\(item.direction),\n"
            if item.targets.isEmpty {
                out += "            targets: [],\n"
            } else {
                out += "            targets: [\n"
                for t in item.targets {
                    out += "                NationalTarget(indicator: \(literal(t.indicator)), part: \(t.part.map(literal) ?? "nil"), "
                    out += "year: \(t.year), value: \(number(t.value)), unit: .\(t.unit), "
                    out += "comparator: .\(t.comparator.rawValue), fromYearOn: \(t.fromYearOn), "
                    out += "confirmed: \(t.confirmed), text: \(literal(t.text))),\n"
                }
                out += "            ],\n"
            }
            out += "            confirmed: \(item.confirmed), status: \(literal(item.status))),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    private static func literal(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func number(_ d: Double) -> String { NumberText.shortest(d) }
}
