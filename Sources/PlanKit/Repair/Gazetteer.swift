/// Vietnam's administrative units (provinces, districts and communes before the 2025 merger; the
/// provinces and communes after it), as generated into ``GazetteerData`` by
/// `Tools/gazetteer/make-gazetteer.py`. Loaded on first use, apart from the lexicon: clean text
/// never loads it.
struct Gazetteer: Sendable {
    /// A unit's level; the 2025 units are provinces and communes only.
    enum Level: UInt8, Sendable { case province = 1, district = 2, commune = 4 }

    struct Unit: Sendable {
        var level: Level
        /// The General Statistics Office's code ("95" for Bạc Liêu, "001" for Ba Đình).
        var code: String
        /// The unit's type as the data writes it ("Tỉnh", "Thành phố", "Huyện", "Xã", …).
        var type: String
        var name: String
        /// Whether the unit is one of those after the 2025 merger.
        var after2025: Bool
        /// The unit above it (index into ``units``), -1 for a province.
        var parent: Int32
    }

    let units: [Unit]
    /// Distinct names, as scalars, with the levels (``Level`` bits) that use each.
    let names: [[Unicode.Scalar]]
    let nameLevels: [UInt8]
    /// A name as written → its index in ``names``.
    let exact: [String: Int32]
    /// Name indices by length in scalars, for matching a window of damaged text.
    let byLength: [[Int32]]
    /// Name indices by length and the first letter folded (``key(length:first:)``): a window
    /// whose first letter shows is matched against these only.
    let byLengthAndFirst: [Int: [Int32]]
    /// The same by the second letter, for a window whose first letter was lost.
    let byLengthAndSecond: [Int: [Int32]]
    /// Hashes of every name in small letters (``hash(_:)``): most capitalized runs are no name,
    /// and this tells without building a String.
    let lowerHashes: Set<UInt64>
    /// The longest name in scalars.
    let longest: Int

    static func key(length: Int, first: Unicode.Scalar) -> Int {
        length << 21 | Int(VietnameseLetters.fold(first).value)
    }

    /// ``MeasureWords/key(_:)`` (FNV-1a) over the scalars in small letters.
    static func hash(_ scalars: some Sequence<Unicode.Scalar>) -> UInt64 {
        MeasureWords.key(scalars.lazy.map(VietnameseLetters.lower))
    }

    static let shipped = Gazetteer(serialized: GazetteerData.units)

    private static let typeNames: [UInt8: String] = [
        UInt8(ascii: "t"): "Tỉnh", UInt8(ascii: "T"): "Thành phố", UInt8(ascii: "q"): "Quận",
        UInt8(ascii: "h"): "Huyện", UInt8(ascii: "x"): "Thị xã", UInt8(ascii: "p"): "Phường",
        UInt8(ascii: "n"): "Thị trấn", UInt8(ascii: "X"): "Xã", UInt8(ascii: "k"): "Đặc khu",
    ]

    /// Reads the generated lines ("level TAB code TAB type TAB name", each unit after its parent).
    init(serialized text: String) {
        var units: [Unit] = []
        units.reserveCapacity(15_000)
        var names: [[Unicode.Scalar]] = []
        var nameLevels: [UInt8] = []
        var exact: [String: Int32] = [:]
        exact.reserveCapacity(12_000)
        var lastProvince: Int32 = -1
        var lastDistrict: Int32 = -1
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 3)
            guard fields.count == 4, let tag = fields[0].first, let kind = fields[2].first else { continue }
            let code = String(decoding: fields[1], as: UTF8.self)
            let name = String(decoding: fields[3], as: UTF8.self)
            let index = Int32(units.count)
            let level: Level
            let parent: Int32
            switch tag {
            case UInt8(ascii: "P"), UInt8(ascii: "N"): level = .province; parent = -1; lastProvince = index
            case UInt8(ascii: "D"): level = .district; parent = lastProvince; lastDistrict = index
            case UInt8(ascii: "W"): level = .commune; parent = lastDistrict
            case UInt8(ascii: "M"): level = .commune; parent = lastProvince
            default: continue
            }
            let after2025 = tag == UInt8(ascii: "N") || tag == UInt8(ascii: "M")
            units.append(Unit(level: level, code: code, type: Gazetteer.typeNames[kind] ?? "",
                              name: name, after2025: after2025, parent: parent))
            if let known = exact[name] {
                nameLevels[Int(known)] |= level.rawValue
            } else {
                exact[name] = Int32(names.count)
                names.append(Array(name.unicodeScalars))
                nameLevels.append(level.rawValue)
            }
        }
        let longest = names.map(\.count).max() ?? 0
        var byLength = [[Int32]](repeating: [], count: longest + 1)
        var byLengthAndFirst: [Int: [Int32]] = [:]
        var byLengthAndSecond: [Int: [Int32]] = [:]
        var lowerHashes = Set<UInt64>()
        for (i, name) in names.enumerated() {
            byLength[name.count].append(Int32(i))
            byLengthAndFirst[Gazetteer.key(length: name.count, first: name[0]), default: []].append(Int32(i))
            if name.count > 1 { byLengthAndSecond[Gazetteer.key(length: name.count, first: name[1]), default: []].append(Int32(i)) }
            lowerHashes.insert(Gazetteer.hash(name))
        }
        self.byLengthAndFirst = byLengthAndFirst
        self.byLengthAndSecond = byLengthAndSecond
        self.lowerHashes = lowerHashes
        self.units = units
        self.names = names
        self.nameLevels = nameLevels
        self.exact = exact
        self.byLength = byLength
        self.longest = longest
    }

    /// The unit an official name such as "tỉnh Bạc Liêu" or "Bạc Liêu" stands for: a unit of that
    /// type and name, the one in force after 2025 last; nil when the name is none or ambiguous.
    func unit(named name: String, type: String?) -> Unit? {
        let matches = units.filter { unit in
            unit.name == name && (type.map { VietnameseLetters.lowercased($0) == VietnameseLetters.lowercased(unit.type) } ?? true)
        }
        let provinces = matches.filter { $0.level == .province }
        if type == nil, !provinces.isEmpty { return provinces.first { !$0.after2025 } ?? provinces.first }
        let before = matches.filter { !$0.after2025 }
        if before.count == 1 { return before[0] }
        if before.isEmpty, matches.count == 1 { return matches[0] }
        return nil
    }
}
