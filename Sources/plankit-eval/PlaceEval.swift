import Foundation
import PlanKit

/// `plankit-eval --places [--root DIR] [--seed N]`: what repair does to names of administrative
/// units (the shipped gazetteer's provinces and districts, and a sample of its communes), with
/// the gazetteer pass off (before) and on (after).
///
/// Each unit gets generated lines: "Ủy ban nhân dân tỉnh X ban hành … trên địa bàn tỉnh X năm
/// 2024." and, for provinces and districts, "X, ngày 15 tháng 3 năm 2024". Ten units' lines make
/// a document with 40 lines of a seed plan after them.
/// - **Clean**: the unit lines as written, the plan lines damaged by one kind (so the decoders
///   run): names changed by repair, and other words of the unit lines changed.
/// - **Damaged**: the whole document damaged by lost glyphs (each lost character a space) or by
///   stripped marks: names damaged, and names the repair writes as the gazetteer does.
/// - **Clean plans**: the 36 clean fixture plans repaired as they are: words changed.
///
/// A quarter of the units (by a hash of the name) are held out: nothing was tuned on them, and
/// their figures are reported apart. `PLACES_DEBUG=names` prints the tune units' names not
/// right after repair (and runs the tune units only); `PLACES_DEBUG=1` the clean plans' repairs.
func runPlaces(_ arguments: [String]) throws {
    var root = FileManager.default.currentDirectoryPath
    var seed: UInt64 = 1
    var rest = arguments.filter { $0 != "--places" }[...]
    while let flag = rest.popFirst() {
        switch flag {
        case "--root": guard let v = rest.popFirst() else { throw UsageError("--root needs a value") }; root = v
        case "--seed": guard let v = rest.popFirst(), let n = UInt64(v) else { throw UsageError("--seed needs a number") }; seed = n
        default: throw UsageError("unknown option \(flag)")
        }
    }
    let rootURL = URL(fileURLWithPath: root)
    let start = now()
    let units = placeUnits()
    let loadMilliseconds = Double(now() - start) / 1e6
    let context = try readLines(rootURL.appendingPathComponent("Fixtures/seeds/002_0205c601e93a6740.txt").path)
        .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    let before: Repairer = { var r = Repairer(); r.placeNames = false; return r }()
    let after = Repairer()

    print("places: \(units.filter { $0.level == "province" }.count) provinces, \(units.filter { $0.level == "district" }.count) districts, "
        + "\(units.filter { $0.level == "commune" }.count) communes (\(units.filter(\.heldOut).count) held out); "
        + "gazetteer loaded and listed in \(String(format: "%.1f", loadMilliseconds)) ms")
    print("set       test                        names  (before → after: gazetteer pass off → on)")
    for heldOut in ProcessInfo.processInfo.environment["PLACES_DEBUG"] == nil ? [false, true] : [false] {
        let group = units.filter { $0.heldOut == heldOut }
        let label = heldOut ? "held out" : "tune"
        for kind in [DamageKind.marks, .ocr, .lostGlyphs] {
            var tally = PlaceTally()
            for (n, chunk) in stride(from: 0, to: group.count, by: 10).map({ Array(group[$0..<min($0 + 10, group.count)]) }).enumerated() {
                let (lines, spots) = placeLines(chunk)
                var rng = SplitMix64(seed: seed, stream: "places/clean/\(kind.rawValue)/\(label)/\(n)")
                let start = (n * 37) % max(1, context.count - 40)
                let plan = kind.damage(Array(context[start..<min(start + 40, context.count)]), using: &rng)
                tally.add(lines: lines, damaged: lines, spots: spots, plan: plan, before: before, after: after)
            }
            tally.print("\(label.padding(toLength: 9, withPad: " ", startingAt: 0)) clean, plan damaged (\(kind.rawValue))")
        }
        for kind in [DamageKind.lostGlyphs, .marks] {
            var tally = PlaceTally()
            for (n, chunk) in stride(from: 0, to: group.count, by: 10).map({ Array(group[$0..<min($0 + 10, group.count)]) }).enumerated() {
                let (lines, spots) = placeLines(chunk)
                var rng = SplitMix64(seed: seed, stream: "places/damaged/\(kind.rawValue)/\(label)/\(n)")
                let start = (n * 37) % max(1, context.count - 40)
                let damaged = kind.damage(lines + Array(context[start..<min(start + 40, context.count)]), using: &rng)
                tally.add(lines: lines, damaged: Array(damaged.prefix(lines.count)), spots: spots,
                          plan: Array(damaged.dropFirst(lines.count)), before: before, after: after)
            }
            tally.print("\(label.padding(toLength: 9, withPad: " ", startingAt: 0)) names damaged (\(kind.rawValue))     ", damaged: true)
        }
    }
    // The clean fixture plans, repaired as they are.
    var plans = 0, changedBefore = 0, changedAfter = 0
    var paths = RepairData.corpusFiles.filter { $0.hasPrefix("Fixtures/seeds/") && !$0.contains("/000_") }.map { rootURL.appendingPathComponent($0).path }
    let plansFolder = rootURL.appendingPathComponent("Fixtures/plans")
    for set in ((try? FileManager.default.contentsOfDirectory(atPath: plansFolder.path)) ?? []).sorted() {
        let folder = plansFolder.appendingPathComponent(set)
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() where name.hasSuffix(".txt") {
            paths.append(folder.appendingPathComponent(name).path)
        }
    }
    for path in paths {
        let lines = try readLines(path)
        let source = SourceText(path: path, lines: lines)
        plans += 1
        changedBefore += before.repair(source).1.count
        let ra = after.repair(source).1
        changedAfter += ra.count
        if ProcessInfo.processInfo.environment["PLACES_DEBUG"] != nil {
            for r in ra { Swift.print("  \((path as NSString).lastPathComponent):\(r.line):\(r.column) \(r.kind) \"\(r.original)\" -> \"\(r.repaired)\"") }
        }
    }
    print("clean fixture plans: \(plans), words changed \(changedBefore) → \(changedAfter)")
}

struct PlaceUnit {
    var level: String
    var type: String
    var name: String
    var heldOut: Bool
}

/// Provinces (before and after 2025) and districts, all; every 15th commune before 2025 and
/// every 10th after it. Names repeat across units; each (level, type, name) is taken once.
func placeUnits() -> [PlaceUnit] {
    var seen = Set<String>()
    var out: [PlaceUnit] = []
    var communes = 0
    for unit in RepairData.administrativeUnits {
        if unit.level == "commune" {
            communes += 1
            guard communes % (unit.after2025 ? 10 : 15) == 0 else { continue }
        }
        guard seen.insert("\(unit.level)/\(unit.type)/\(unit.name)").inserted else { continue }
        // FNV-1a over the name: a quarter held out.
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in unit.name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        out.append(PlaceUnit(level: unit.level, type: unit.type, name: unit.name, heldOut: hash % 4 == 0))
    }
    return out
}

/// Where a name stands in the generated lines: line index, scalar offset, the name.
struct PlaceSpot {
    var line: Int
    var offset: Int
    var name: String
}

func placeLines(_ units: [PlaceUnit]) -> ([String], [PlaceSpot]) {
    var lines: [String] = []
    var spots: [PlaceSpot] = []
    for unit in units {
        let type = unit.type.lowercased()
        let head = "Ủy ban nhân dân \(type) "
        let middle = " ban hành kế hoạch thực hiện công tác bình đẳng giới trên địa bàn \(type) "
        let line = head + unit.name + middle + unit.name + " năm 2024."
        let first = head.unicodeScalars.count
        spots.append(PlaceSpot(line: lines.count, offset: first, name: unit.name))
        spots.append(PlaceSpot(line: lines.count, offset: first + unit.name.unicodeScalars.count + middle.unicodeScalars.count, name: unit.name))
        lines.append(line)
        if unit.level != "commune" {
            spots.append(PlaceSpot(line: lines.count, offset: 0, name: unit.name))
            lines.append(unit.name + ", ngày 15 tháng 3 năm 2024")
        }
    }
    return (lines, spots)
}

struct PlaceTally {
    var names = 0, damagedNames = 0
    var rightBefore = 0, rightAfter = 0
    var otherWords = 0, otherChangedBefore = 0, otherChangedAfter = 0

    /// Repairs `damaged` + `plan` with each repairer and scores the first lines against `lines`.
    mutating func add(lines: [String], damaged: [String], spots: [PlaceSpot], plan: [String], before: Repairer, after: Repairer) {
        let source = SourceText(path: "places.txt", lines: damaged + plan)
        let a = Array(before.repair(source).0.lines.prefix(lines.count))
        let b = Array(after.repair(source).0.lines.prefix(lines.count))
        for spot in spots {
            names += 1
            if !nameAt(damaged[spot.line], spot) { damagedNames += 1 }
            if nameAt(a[spot.line], spot) { rightBefore += 1 }
            if nameAt(b[spot.line], spot) { rightAfter += 1 } else if let debug = ProcessInfo.processInfo.environment["PLACES_DEBUG"], debug == "names" {
                Swift.print("    \(spot.name) | \(damaged[spot.line]) | \(b[spot.line])")
            }
        }
        // Words of the unit lines outside the names.
        for (k, line) in lines.enumerated() {
            let names = Set(spots.filter { $0.line == k }.flatMap { $0.name.split(separator: " ").map(String.init) })
            let truth = line.split(separator: " ")
            for (j, word) in truth.enumerated() where !names.contains(String(word.trimmingCharacters(in: .punctuationCharacters))) {
                otherWords += 1
                let x = a[k].split(separator: " "), y = b[k].split(separator: " ")
                if x.count != truth.count || x[j] != word { otherChangedBefore += 1 }
                if y.count != truth.count || y[j] != word { otherChangedAfter += 1 }
            }
        }
    }

    func nameAt(_ line: String, _ spot: PlaceSpot) -> Bool {
        let s = Array(line.unicodeScalars)
        let n = Array(spot.name.unicodeScalars)
        guard spot.offset + n.count <= s.count else { return false }
        return Array(s[spot.offset..<(spot.offset + n.count)]) == n
    }

    func print(_ label: String, damaged: Bool = false) {
        let wrongBefore = names - rightBefore, wrongAfter = names - rightAfter
        let figures = damaged
            ? "\(String(format: "%5d", names)) damaged \(damagedNames), restored \(rightBefore - (names - damagedNames)) → \(rightAfter - (names - damagedNames)); "
                + "other words \(otherWords), wrong \(otherChangedBefore) → \(otherChangedAfter)"
            : "\(String(format: "%5d", names)) changed \(wrongBefore) → \(wrongAfter); other words \(otherWords), changed \(otherChangedBefore) → \(otherChangedAfter)"
        Swift.print("\(label)  \(figures)")
    }
}
