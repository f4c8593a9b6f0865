import Foundation

/// A JSON encoder for the plan models that Foundation's `JSONEncoder` cannot be:
/// keys come out in declaration order (readable, reviewable golden files), an absent
/// optional is written as `null` (the output contract names every field), numbers
/// print in their shortest exact form (`38.6`, `100000`), and the bytes are the same
/// on every run and platform.
public struct PlanJSONEncoder: Sendable {
    /// Pretty: two-space indents, one key per line; compact: one line (JSON Lines).
    public enum Style: Sendable { case pretty, compact }

    /// The layout of every document this encoder writes.
    public var style: Style

    /// An encoder writing in `style`.
    public init(style: Style = .pretty) {
        self.style = style
    }

    /// A plan is written by ``PlanJSONWriter`` directly, several times faster than through
    /// `Encodable`, with the same bytes.
    public func encode(_ plan: Plan) throws -> String {
        PlanJSONWriter.encode(plan, style: style)
    }

    /// The plan's JSON appended to `bytes` as UTF-8 (no line end): for writers that want bytes,
    /// without a String made of them or a copy per document.
    public func encode(_ plan: Plan, appendingTo bytes: inout [UInt8]) {
        PlanJSONWriter.encode(plan, style: style, appendingTo: &bytes)
    }

    /// Any other value (the national catalog) through `Encodable`, with the same key order, nulls and numbers.
    public func encode<T: Encodable>(_ value: T) throws -> String {
        try encodeWithCodable(value)
    }

    /// The generic path through `Encodable`; for plans, the reference the writer is tested against.
    func encodeWithCodable<T: Encodable>(_ value: T) throws -> String {
        let node = try JSONNode.make(from: value)
        var out = ""
        out.reserveCapacity(4096)
        node.write(to: &out, style: style, indent: 0)
        return out
    }
}

/// The JSON tree the encoder builds before writing it.
indirect enum JSONNode {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    static func make<T: Encodable>(from value: T) throws -> JSONNode {
        let encoder = NodeEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.box.resolved
    }

    static func number(_ d: Double) -> JSONNode {
        d.isFinite ? .number(NumberText.shortest(d)) : .null
    }

    func write(to out: inout String, style: PlanJSONEncoder.Style, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let s): out += s
        case .string(let s): JSONNode.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(&out, style, indent + 1)
                item.write(to: &out, style: style, indent: indent + 1)
            }
            newline(&out, style, indent)
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                newline(&out, style, indent + 1)
                JSONNode.writeString(key, to: &out)
                out += style == .pretty ? ": " : ":"
                value.write(to: &out, style: style, indent: indent + 1)
            }
            newline(&out, style, indent)
            out += "}"
        }
    }

    private func newline(_ out: inout String, _ style: PlanJSONEncoder.Style, _ indent: Int) {
        guard style == .pretty else { return }
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        // Most strings need no escaping: copy them whole.
        var plain = true
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in s.utf8 {
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
                || (beforePrevious == 0xE2 && previous == 0x80 && (byte == 0xA8 || byte == 0xA9)) {
                plain = false
                break
            }
            beforePrevious = previous
            previous = byte
        }
        if plain {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || c.value == 0x7F || c.value == 0x2028 || c.value == 0x2029:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// Where a container writes: a box so nested containers can fill their parent after the fact.
final class NodeBox {
    var node: JSONNode = .null
    var members: [(String, NodeBox)]? = nil
    var items: [NodeBox]? = nil

    var resolved: JSONNode {
        if let members { return .object(members.map { ($0.0, $0.1.resolved) }) }
        if let items { return .array(items.map(\.resolved)) }
        return node
    }
}

final class NodeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let box = NodeBox()

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if box.members == nil { box.members = [] }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if box.items == nil { box.items = [] }
        return UnkeyedNodeContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(box: box, codingPath: codingPath)
    }

    static func encodeValue<T: Encodable>(_ value: T, into box: NodeBox, codingPath: [any CodingKey]) throws {
        switch value {
        case let s as String: box.node = .string(s)
        case let d as Double: box.node = .number(d)
        case let i as Int: box.node = .number(String(i))
        case let b as Bool: box.node = .bool(b)
        default:
            let encoder = NodeEncoder(codingPath: codingPath)
            try value.encode(to: encoder)
            box.node = encoder.box.resolved
        }
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: NodeBox
    let codingPath: [any CodingKey]

    private func slot(_ key: Key) -> NodeBox {
        let child = NodeBox()
        box.members!.append((key.stringValue, child))
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { slot(key).node = .null }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try NodeEncoder.encodeValue(value, into: slot(key), codingPath: codingPath + [key])
    }

    // Synthesized Codable calls these for optionals; the contract wants every field present.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    /// `inferred` is the one field written only when set (see `PlanJSONWriter.inferred`).
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else if key.stringValue != "inferred" { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = slot(key)
        child.members = []
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = slot(key)
        child.items = []
        return UnkeyedNodeContainer(box: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(codingPath: codingPath + [key]) }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let box: NodeBox
    let codingPath: [any CodingKey]
    var count: Int { box.items!.count }

    private func slot() -> NodeBox {
        let child = NodeBox()
        box.items!.append(child)
        return child
    }

    mutating func encodeNil() throws { slot().node = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try NodeEncoder.encodeValue(value, into: slot(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = slot()
        child.members = []
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(box: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = slot()
        child.items = []
        return UnkeyedNodeContainer(box: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(codingPath: codingPath) }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let box: NodeBox
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.node = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try NodeEncoder.encodeValue(value, into: box, codingPath: codingPath)
    }
}
