import Foundation
import PlanKit

// plankit-eval --lint: how far CI can trust `plankit lint` (see docs/lint.md).
//
//   plankit-eval --lint [--sets seeds,tune,holdout,…] [--show] [--keep DIR] [--json]
//
// Valid plans: every finding of severity warning or error must be listed, with the reason it is
// true, in Fixtures/lint-eval/true-findings.tsv; one that is not is a false error or a false
// warning. Notes ("could not check") are counted apart. Planted defects: each valid plan is changed
// in one place at a time (a defect the plan did not have) and linted again; the defect is found
// when its rule reports something new at warning or error severity.

struct LintOptions {
    var root = FileManager.default.currentDirectoryPath
    var sets = StructureOptions.allSets
    var json = false
    /// Print every false finding and every planted defect missed.
    var show = false
    /// Write each plan with a planted defect here (NAME.DEFECT.txt), for inspection.
    var keep: String?

    init(_ arguments: [String]) throws(UsageError) {
        var rest = Arguments(arguments)
        func value(_ flag: String) throws(UsageError) -> String { try rest.value(for: flag) }
        while let flag = rest.next() {
            switch flag {
            case "--lint": break
            case "--root": root = try value(flag)
            case "--sets":
                sets = try value(flag).split(separator: ",").map(String.init)
                guard sets.allSatisfy(StructureOptions.allSets.contains) else {
                    throw UsageError("--sets takes \(StructureOptions.allSets.joined(separator: ", "))")
                }
            case "--json": json = true
            case "--show": show = true
            case "--keep": keep = try value(flag)
            case "-h", "--help": throw UsageError("")
            default: throw UsageError("unknown argument \(flag)")
            }
        }
    }
}

/// The defects planted one at a time, each with the rule that must find it.
enum PlantedDefect: String, CaseIterable, Encodable {
    case fundingRemoved = "funding-removed"
    case ownerRemoved = "owner-removed"
    case yearRemoved = "year-removed"
    case weakerTarget = "weaker-target"
    case numberBlanked = "number-blanked"
    case percentBroken = "percent-broken"
    case placeRemoved = "place-removed"

    var rule: String {
        switch self {
        case .fundingRemoved: "PK103"
        case .ownerRemoved: "PK101"
        case .yearRemoved: "PK130"
        case .weakerTarget: "PK134"
        case .numberBlanked: "PK110"
        case .percentBroken: "PK132"
        case .placeRemoved: "PK111"
        }
    }

    /// The plan's lines with the defect planted, or nil when the plan offers no place for it (or
    /// already has the defect: its rule fires on the valid plan).
    func plant(in lines: [String], plan: Plan, findings: [LintFinding]) -> [String]? {
        // A rule that reports once per document cannot show a second defect of its kind.
        let perDocument: Set<PlantedDefect> = [.fundingRemoved, .numberBlanked, .placeRemoved]
        guard !perDocument.contains(self) || !findings.contains(where: { $0.rule.id == rule && $0.severity >= .warning }) else { return nil }
        var lines = lines
        switch self {
        case .fundingRemoved:
            // Only a multi-year plan must have funding.
            guard let period = plan.header.period, period.from != period.to,
                  let funding = plan.sections.first(where: { $0.kind == .funding }) else { return nil }
            lines.removeSubrange((funding.span.startLine - 1)..<min(funding.span.endLine, lines.count))
        case .ownerRemoved:
            // An indicator one agency alone reports on: that agency's lines naming indicators go.
            var owners: [String: [Responsibility]] = [:]
            for r in plan.responsibilities { for id in r.reportsOn { owners[id, default: []].append(r) } }
            let ids = plan.objectives.flatMap { $0.indicators.map(\.id) }
            guard let id = ids.first(where: { owners[$0]?.count == 1 }), let owner = owners[id]?.first else { return nil }
            let span = owner.span
            var drop: [Int] = []
            for number in span.startLine...min(span.endLine, lines.count) {
                let lower = lines[number - 1].lowercased()
                if lower.contains("tiêu") || lower.contains("báo cáo") { drop.append(number - 1) }
            }
            // The reference on the agency's own line takes the agency with it.
            if drop.first == span.startLine - 1 { drop = Array((span.startLine - 1)..<min(span.endLine, lines.count)) }
            guard !drop.isEmpty else { return nil }
            for index in drop.reversed() { lines.remove(at: index) }
        case .yearRemoved:
            // An indicator with one target and one year phrase: the phrase goes.
            guard let header = plan.header.period, header.from != header.to else { return nil }
            for indicator in plan.objectives.flatMap(\.indicators) where indicator.targets.count == 1 {
                // PK130 leaves counts alone ("ít nhất 01 nữ" is part of the measure), so a count is no place to plant.
                guard let year = indicator.targets[0].year, !indicator.targets[0].fromYearOn,
                      indicator.targets[0].unit != .count else { continue }
                let range = (indicator.span.startLine - 1)..<min(indicator.span.endLine, lines.count)
                let phrases = ["vào năm \(year)", "đến năm \(year)", "Đến năm \(year)", "trong năm \(year)", "năm \(year)"]
                let holding = range.filter { i in phrases.contains { lines[i].contains($0) } }
                let count = range.reduce(0) { $0 + lines[$1].components(separatedBy: String(year)).count - 1 }
                guard holding.count == 1, count == 1, let phrase = phrases.first(where: { lines[holding[0]].contains($0) }) else { continue }
                // "Đến năm 2030, tỷ lệ …" → "tỷ lệ …": the phrase goes with the comma after it.
                lines[holding[0]] = lines[holding[0]].replacingOccurrences(of: phrase + ", ", with: "")
                    .replacingOccurrences(of: phrase, with: "").replacingOccurrences(of: "  ", with: " ")
                return lines
            }
            return nil
        case .weakerTarget:
            // A target the national catalog compares, made far weaker in the direction it is judged.
            let flagged = Set(findings.filter { $0.rule.id == rule }.map(\.span.startLine))
            for target in plan.objectives.flatMap(\.indicators).flatMap(\.targets) where !flagged.contains(target.span.startLine) {
                guard let national = target.national, national.confirmed, national.unit == .percent, target.unit == .percent,
                      let direction = NationalCatalog.indicator(id: national.indicator)?.direction,
                      direction != .qualitative else { continue }
                let written = PlanFacts.number(target.value) + "%"
                let replacement = direction == .higherIsBetter ? "1%" : "99%"
                guard let line = (target.span.startLine...target.span.endLine).first(where: { lines[$0 - 1].contains(written) }) else { continue }
                lines[line - 1] = replaceFirst(written, with: replacement, in: lines[line - 1])
                return lines
            }
            return nil
        case .numberBlanked:
            guard plan.header.number != nil,
                  let index = lines.prefix(20).firstIndex(where: { $0.contains("Số:") || $0.contains("Số :") }) else { return nil }
            // "Số: 123/KH-UBND" → "Số:     /KH-UBND": the number left blank, as drafts are.
            let scalars = Array(lines[index].unicodeScalars)
            guard let colon = scalars.firstIndex(of: ":") else { return nil }
            var i = colon + 1
            while i < scalars.count, scalars[i] == " " { i += 1 }
            var end = i
            while end < scalars.count, scalars[end].properties.numericType != nil { end += 1 }
            guard end > i else { return nil }
            var out = scalars
            out.replaceSubrange(i..<end, with: Array(repeating: " ", count: end - i))
            lines[index] = String(String.UnicodeScalarView(out))
        case .percentBroken:
            // OCR reads "%" as "96": "40%" → "4096".
            for target in plan.objectives.flatMap(\.indicators).flatMap(\.targets) where target.unit == .percent && target.value >= 10 {
                let written = PlanFacts.number(target.value) + "%"
                guard !written.contains(","), let line = (target.span.startLine...target.span.endLine).first(where: { lines[$0 - 1].contains(written) }) else { continue }
                lines[line - 1] = replaceFirst(written, with: PlanFacts.number(target.value) + "96", in: lines[line - 1])
                return lines
            }
            return nil
        case .placeRemoved:
            guard plan.header.place != nil,
                  let index = lines.prefix(25).firstIndex(where: { $0.contains(", ngày") }) else { return nil }
            // "Tuần Giáo, ngày 5 …" → "ngày 5 …", a table cell's separator kept.
            let line = lines[index]
            guard let comma = line.range(of: ", ngày") else { return nil }
            // The place starts after a cell separator, a "<br>", or the wide gap of a two-column line.
            let before = line[..<comma.lowerBound]
            let starts = ["|", "<br>", "   "].compactMap { before.range(of: $0, options: .backwards)?.upperBound }
            var from = starts.max() ?? line.startIndex
            while from < comma.lowerBound, line[from] == " " || line[from] == "*" { from = line.index(after: from) }
            lines[index] = String(line[..<from]) + String(line[line.index(comma.lowerBound, offsetBy: 2)...])
        }
        return lines
    }
}

private func replaceFirst(_ needle: String, with replacement: String, in line: String) -> String {
    guard let range = line.range(of: needle) else { return line }
    return line.replacingCharacters(in: range, with: replacement)
}

/// A finding of a valid plan that is true, as Fixtures/lint-eval/true-findings.tsv lists it.
struct TrueFinding: Hashable {
    var document: String
    var line: Int
    var rule: String
}

func readTrueFindings(_ path: String) throws -> Set<TrueFinding> {
    var out: Set<TrueFinding> = []
    for (index, row) in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        guard !row.isEmpty, !row.hasPrefix("#") else { continue }
        let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count >= 4, let line = Int(fields[1]) else {
            throw UsageError("\(path):\(index + 1): expected document, line, rule, severity and why, tab-separated")
        }
        out.insert(TrueFinding(document: String(fields[0]), line: line, rule: String(fields[2])))
    }
    return out
}

struct LintRuleRow: Encodable {
    var rule: String
    var errors = 0
    var warnings = 0
    var falseErrors = 0
    var falseWarnings = 0
    var notes = 0
    var planted = 0
    var found = 0
}

struct LintEvalReport: Encodable {
    var group: String
    var documents = 0
    var rows: [LintRuleRow] = []
    var missed: [String] = []
    var falseFindings: [String] = []
}

func runLintEval(_ options: LintOptions) throws {
    var structureOptions = try StructureOptions([])
    structureOptions.root = options.root
    structureOptions.sets = options.sets
    let references = try structureReferences(structureOptions)
    let truePath = URL(fileURLWithPath: options.root).appendingPathComponent("Fixtures/lint-eval/true-findings.tsv").path
    let trueFindings = try readTrueFindings(truePath)
    var reports: [String: LintEvalReport] = [:]
    var order: [String] = []

    for reference in references {
        let group = StructureOptions.unseenSets.contains(reference.set) ? "unseen (\(reference.set))" : "developed on"
        if reports[group] == nil { reports[group] = LintEvalReport(group: group); order.append(group) }
        var report = reports[group]!
        var rows: [String: LintRuleRow] = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.rule, $0) })
        func row(_ rule: String) -> LintRuleRow { rows[rule] ?? LintRuleRow(rule: rule) }

        let lines = try readLines(reference.path)
        let source = SourceText(path: reference.path, lines: lines)
        let plan = PlanParser.parse(source, repair: false)
        let findings = Linter.lint(source, plan: plan, configuration: LintConfiguration())
        report.documents += 1
        for finding in findings {
            var r = row(finding.rule.id)
            let isTrue = trueFindings.contains(TrueFinding(document: reference.name, line: finding.span.startLine, rule: finding.rule.id))
            switch finding.severity {
            case .note: r.notes += 1
            case .warning:
                r.warnings += 1
                if !isTrue { r.falseWarnings += 1; report.falseFindings.append("\(reference.name):\(finding.span.startLine): warning \(finding.rule.id): \(finding.message)") }
            case .error:
                r.errors += 1
                if !isTrue { r.falseErrors += 1; report.falseFindings.append("\(reference.name):\(finding.span.startLine): error \(finding.rule.id): \(finding.message)") }
            }
            rows[finding.rule.id] = r
        }
        let known = Set(findings.map(\.fingerprint))
        for defect in PlantedDefect.allCases {
            guard let changed = defect.plant(in: lines, plan: plan, findings: findings) else { continue }
            if let keep = options.keep {
                try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
                try (changed.joined(separator: "\n") + "\n").write(toFile: (keep as NSString).appendingPathComponent("\(reference.name).\(defect.rawValue).txt"),
                                                                    atomically: true, encoding: .utf8)
            }
            let changedSource = SourceText(path: reference.path, lines: changed)
            let after = Linter.lint(changedSource, plan: PlanParser.parse(changedSource, repair: false), configuration: LintConfiguration())
            var r = row(defect.rule)
            r.planted += 1
            if after.contains(where: { $0.rule.id == defect.rule && $0.severity >= .warning && !known.contains($0.fingerprint) }) {
                r.found += 1
            } else {
                report.missed.append("\(reference.name): \(defect.rawValue) not found by \(defect.rule)")
            }
            rows[defect.rule] = r
        }
        report.rows = rows.values.sorted { $0.rule < $1.rule }
        reports[group] = report
    }

    let ordered = order.compactMap { reports[$0] }
    if options.json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        FileHandle.standardOutput.write(try encoder.encode(ordered))
        print()
        return
    }
    for report in ordered {
        print("## \(report.group): \(report.documents) valid plans")
        print("| rule | errors | warnings | false errors | false warnings | notes | planted | found |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        var total = LintRuleRow(rule: "all")
        for r in report.rows {
            print("| \(r.rule) | \(r.errors) | \(r.warnings) | \(r.falseErrors) | \(r.falseWarnings) | \(r.notes) | \(r.planted) | \(r.found) |")
            total.errors += r.errors; total.warnings += r.warnings; total.falseErrors += r.falseErrors
            total.falseWarnings += r.falseWarnings; total.notes += r.notes; total.planted += r.planted; total.found += r.found
        }
        print("| all | \(total.errors) | \(total.warnings) | \(total.falseErrors) | \(total.falseWarnings) | \(total.notes) | \(total.planted) | \(total.found) |")
        if options.show {
            for line in report.falseFindings { print("false: \(line)") }
            for line in report.missed { print("missed: \(line)") }
        }
        print()
    }
}
