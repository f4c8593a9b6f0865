/// Writes a ``Plan`` as JSON straight into a byte buffer, field by field.
///
/// Why it exists: going through `Encodable` builds a tree of boxed nodes and dispatches every
/// field through generic containers, which cost more than the whole parse. This writer produces
/// the same bytes as ``PlanJSONEncoder``'s generic path (key order = declaration order, every
/// optional written as `null`, shortest exact numbers, the same escaping); `PlanJSONWriterTests`
/// checks the two agree on every fixture and on a plan with every field filled in, so a field added
/// to a model without being added here fails the tests instead of vanishing from the output.
struct PlanJSONWriter {
    private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    private var depth = 0
    /// Whether the next member or item needs a comma before it.
    private var needsComma = false

    init(style: PlanJSONEncoder.Style, capacity: Int = 4096) {
        pretty = style == .pretty
        bytes.reserveCapacity(capacity)
    }

    static func encode(_ plan: Plan, style: PlanJSONEncoder.Style) -> String {
        String(decoding: encodeBytes(plan, style: style), as: UTF8.self)
    }

    /// The UTF-8 bytes, for writers that want bytes (batch): making a String validates them all
    /// again, a quarter of the writer's time.
    static func encodeBytes(_ plan: Plan, style: PlanJSONEncoder.Style) -> [UInt8] {
        // JSON of a plan is about 2.5 times the size of its text; start near it.
        var writer = PlanJSONWriter(style: style, capacity: 65_536)
        writer.write(plan)
        return writer.bytes
    }

    /// Writes into `buffer` after what it holds (the buffer is moved in and out, not copied).
    static func encode(_ plan: Plan, style: PlanJSONEncoder.Style, appendingTo buffer: inout [UInt8]) {
        var writer = PlanJSONWriter(style: style, capacity: 0)
        swap(&writer.bytes, &buffer)
        writer.write(plan)
        swap(&writer.bytes, &buffer)
    }

    // MARK: - Structure

    private mutating func newline() {
        guard pretty else { return }
        // A line end and the indent in one append (a plan nests well under 32 levels; deeper
        // indents are written in pieces).
        var remaining = depth * 2
        let first = min(remaining, 64)
        PlanJSONWriter.indents.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<(first + 1)])) }
        remaining -= first
        while remaining > 0 {
            let piece = min(remaining, 64)
            PlanJSONWriter.indents.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[1..<(piece + 1)])) }
            remaining -= piece
        }
    }

    /// "\n" and 64 spaces.
    private static let indents: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 64)

    private mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        needsComma = false
    }

    /// Objects here always have members, so "{}" never arises.
    private mutating func endObject() {
        depth -= 1
        newline()
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    private mutating func key(_ name: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        newline()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(0x20) }
        needsComma = false
    }

    private mutating func array<T>(_ items: [T], _ item: (inout PlanJSONWriter, T) -> Void) {
        if items.isEmpty {
            bytes.append(UInt8(ascii: "[")); bytes.append(UInt8(ascii: "]"))
            needsComma = true
            return
        }
        bytes.append(UInt8(ascii: "["))
        depth += 1
        for (i, element) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            newline()
            item(&self, element)
        }
        depth -= 1
        newline()
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    // MARK: - Scalars

    private mutating func null() {
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        needsComma = true
    }

    private mutating func bool(_ b: Bool) {
        if b { bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else { bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) }
        needsComma = true
    }

    private mutating func int(_ i: Int) {
        // Digits written backwards into a small stack buffer: no String per number.
        var magnitude = i.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var k = 20
            repeat {
                k -= 1
                buffer[k] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if i < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[k..<20]))
        }
        needsComma = true
    }

    private mutating func int(_ i: Int?) {
        if let i { int(i) } else { null() }
    }

    /// As `JSONNode.number`: integral values below 1e15 without a fraction, others in Swift's
    /// shortest round-trip form, non-finite values as null.
    private mutating func double(_ d: Double) {
        guard d.isFinite else { return null() }
        if d == d.rounded(), abs(d) < 1e15 { return int(Int(Int64(d))) }
        bytes.append(contentsOf: d.description.utf8)
        needsComma = true
    }

    private mutating func double(_ d: Double?) {
        if let d { double(d) } else { null() }
    }

    private mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    /// Escapes as `JSONNode.writeString`: quote, backslash, \n \r \t, other controls, DEL and
    /// U+2028/U+2029 as \u escapes (lowercase hex); everything else copied as UTF-8.
    private mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            var i = 0
            let n = utf8.count
            while i < n {
                // Eight plain bytes at once: none below 0x20, none equal to '"', '\\', DEL or 0xE2
                // (the lead byte of U+2028/U+2029), tested per byte without carries between bytes.
                if i + 8 <= n {
                    let word = UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if PlanJSONWriter.plainWord(word) { i += 8; continue }
                }
                let b = utf8[i]
                // Nearly every byte is plain: test that first, with one comparison chain.
                if b >= 0x20, b != 0x22, b != 0x5C, b != 0x7F, b != 0xE2 { i += 1; continue }
                var escape: (UInt8, UInt32)? = nil   // (short form letter or 0, scalar for \u)
                var length = 1
                if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                    switch b {
                    case 0x22: escape = (0x22, 0)
                    case 0x5C: escape = (0x5C, 0)
                    case 0x0A: escape = (UInt8(ascii: "n"), 0)
                    case 0x0D: escape = (UInt8(ascii: "r"), 0)
                    case 0x09: escape = (UInt8(ascii: "t"), 0)
                    default: escape = (0, UInt32(b))
                    }
                } else if b == 0xE2, i + 2 < n, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 {
                    escape = (0, utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    length = 3
                }
                guard let (letter, scalar) = escape else { i += 1; continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                bytes.append(0x5C)
                if letter != 0 {
                    bytes.append(letter)
                } else {
                    let hex = String(scalar, radix: 16)
                    bytes.append(UInt8(ascii: "u"))
                    for _ in 0..<(4 - hex.utf8.count) { bytes.append(0x30) }
                    bytes.append(contentsOf: hex.utf8)
                }
                i += length
                start = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<n]))
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Whether none of the eight bytes of `word` needs a look from `string`.
    @inline(__always) static func plainWord(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x | low7) }
        let below20 = ~((word | high) &- 0x2020_2020_2020_2020) & ~word & high
        let special = zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
            | zeroBytes(word ^ (ones &* 0x7F)) | zeroBytes(word ^ (ones &* 0xE2))
        return below20 | special == 0
    }

    private mutating func strings(_ items: [String]) {
        array(items) { $0.string($1) }
    }

    // MARK: - The model, in declaration order

    mutating func write(_ plan: Plan) {
        beginObject()
        key("schemaVersion"); int(plan.schemaVersion)
        key("source"); write(plan.source)
        key("header"); write(plan.header)
        key("preamble"); array(plan.preamble) { $0.write($1) }
        key("sections"); array(plan.sections) { $0.write($1) }
        key("objectives"); array(plan.objectives) { $0.write($1) }
        key("responsibilities"); array(plan.responsibilities) { $0.write($1) }
        key("reporting"); array(plan.reporting) { $0.write($1) }
        key("signature"); if let signature = plan.signature { write(signature) } else { null() }
        key("recipients"); strings(plan.recipients)
        key("closing"); array(plan.closing) { $0.write($1) }
        key("unclassified"); array(plan.unclassified) { $0.write($1) }
        key("repairs"); array(plan.repairs) { $0.write($1) }
        key("diagnostics"); array(plan.diagnostics) { $0.write($1) }
        endObject()
    }

    private mutating func write(_ source: SourceInfo) {
        beginObject()
        key("path"); string(source.path)
        key("lineCount"); int(source.lineCount)
        key("encoding"); string(source.encoding)
        key("normalizedToNFC"); bool(source.normalizedToNFC)
        if let origin = source.origin {
            key("origin")
            beginObject()
            key("format"); string(origin.format)
            key("extractor"); string(origin.extractor)
            key("extractorVersion"); string(origin.extractorVersion)
            key("pageCount"); int(origin.pageCount)
            key("ocrPages")
            if let pages = origin.ocrPages { array(pages) { $0.int($1) } } else { null() }
            key("ocrConfidence"); double(origin.ocrConfidence)
            endObject()
        }
        endObject()
    }

    private mutating func write(_ span: SourceSpan) {
        beginObject()
        key("startLine"); int(span.startLine)
        key("endLine"); int(span.endLine)
        key("startColumn"); int(span.startColumn)
        key("endColumn"); int(span.endColumn)
        if let page = span.page { key("page"); int(page) }
        endObject()
    }

    private mutating func write(_ span: SourceSpan?) {
        if let span { write(span) } else { null() }
    }

    private mutating func write(_ date: PlanDate?) {
        guard let date else { return null() }
        beginObject()
        key("year"); int(date.year)
        key("month"); int(date.month)
        key("day"); int(date.day)
        endObject()
    }

    private mutating func write(_ header: Header) {
        beginObject()
        key("documentType"); string(header.documentType)
        key("number"); string(header.number)
        key("symbol"); string(header.symbol)
        key("issuer"); string(header.issuer)
        key("issuerSource"); string(header.issuerSource?.rawValue)
        key("place"); string(header.place)
        key("date"); write(header.date)
        key("title"); string(header.title)
        key("period")
        if let period = header.period {
            beginObject()
            key("from"); int(period.from)
            key("to"); int(period.to)
            endObject()
        } else {
            null()
        }
        key("locality")
        if let locality = header.locality {
            beginObject()
            key("level"); string(locality.level.rawValue)
            key("name"); string(locality.name)
            endObject()
        } else {
            null()
        }
        key("basis"); array(header.basis) { $0.write($1) }
        endObject()
    }

    private mutating func write(_ basis: BasisDocument) {
        beginObject()
        key("kind"); string(basis.kind)
        key("number"); string(basis.number)
        key("date"); write(basis.date)
        key("issuer"); string(basis.issuer)
        key("text"); string(basis.text)
        key("span"); write(basis.span)
        endObject()
    }

    private mutating func write(_ block: TextBlock) {
        beginObject()
        key("role"); string(block.role.rawValue)
        key("marker"); string(block.marker)
        key("text"); string(block.text)
        key("span"); write(block.span)
        endObject()
    }

    /// `"inferred": true` on an element read from a damaged or missing form; absent otherwise, so a
    /// document read as written keeps the JSON it always had.
    private mutating func inferred(_ flag: Bool?) {
        guard flag == true else { return }
        key("inferred"); bool(true)
    }

    private mutating func write(_ section: Section) {
        beginObject()
        key("label"); string(section.label)
        key("marker"); string(section.marker)
        key("heading"); string(section.heading)
        key("kind"); string(section.kind?.rawValue)
        key("span"); write(section.span)
        key("children"); array(section.children) { $0.write($1) }
        key("paragraphs"); array(section.paragraphs) { $0.write($1) }
        inferred(section.inferred)
        endObject()
    }

    private mutating func write(_ objective: Objective) {
        beginObject()
        key("number"); int(objective.number)
        key("title"); string(objective.title)
        key("domain"); string(objective.domain?.rawValue)
        key("span"); write(objective.span)
        key("indicators"); array(objective.indicators) { $0.write($1) }
        key("solutions"); array(objective.solutions) { $0.write($1) }
        inferred(objective.inferred)
        endObject()
    }

    private mutating func write(_ indicator: Indicator) {
        beginObject()
        key("id"); string(indicator.id)
        key("number"); int(indicator.number)
        key("text"); string(indicator.text)
        key("span"); write(indicator.span)
        key("targets"); array(indicator.targets) { $0.write($1) }
        key("nationalId"); string(indicator.nationalId)
        inferred(indicator.inferred)
        endObject()
    }

    private mutating func write(_ target: Target) {
        beginObject()
        key("value"); double(target.value)
        key("unit"); string(target.unit.rawValue)
        key("comparator"); string(target.comparator.rawValue)
        key("year"); int(target.year)
        key("fromYearOn"); bool(target.fromYearOn)
        key("baseline"); double(target.baseline)
        key("text"); string(target.text)
        key("span"); write(target.span)
        key("national")
        if let national = target.national {
            beginObject()
            key("indicator"); string(national.indicator)
            key("part"); string(national.part)
            key("year"); int(national.year)
            key("value"); double(national.value)
            key("unit"); string(national.unit.rawValue)
            key("comparator"); string(national.comparator.rawValue)
            key("fromYearOn"); bool(national.fromYearOn)
            key("confirmed"); bool(national.confirmed)
            key("text"); string(national.text)
            endObject()
        } else {
            null()
        }
        endObject()
    }

    private mutating func write(_ responsibility: Responsibility) {
        beginObject()
        key("agency"); string(responsibility.agency)
        key("duties"); strings(responsibility.duties)
        key("reportsOn"); strings(responsibility.reportsOn)
        key("supportsOn"); strings(responsibility.supportsOn)
        key("span"); write(responsibility.span)
        endObject()
    }

    private mutating func write(_ deadline: ReportingDeadline) {
        beginObject()
        key("kind"); string(deadline.kind.rawValue)
        key("day"); int(deadline.day)
        key("month"); int(deadline.month)
        key("year"); int(deadline.year)
        key("text"); string(deadline.text)
        key("span"); write(deadline.span)
        endObject()
    }

    private mutating func write(_ signature: Signature) {
        beginObject()
        key("onBehalf"); string(signature.onBehalf)
        key("delegation"); string(signature.delegation)
        key("title"); string(signature.title)
        key("name"); string(signature.name)
        key("span"); write(signature.span)
        endObject()
    }

    private mutating func write(_ repair: Repair) {
        beginObject()
        key("line"); int(repair.line)
        key("column"); int(repair.column)
        key("original"); string(repair.original)
        key("repaired"); string(repair.repaired)
        key("kind"); string(repair.kind)
        key("confidence"); double(repair.confidence)
        endObject()
    }

    private mutating func write(_ diagnostic: Diagnostic) {
        beginObject()
        key("severity"); string(diagnostic.severity.rawValue)
        key("rule"); string(diagnostic.rule)
        key("name"); string(diagnostic.name)
        key("message"); string(diagnostic.message)
        key("span"); write(diagnostic.span)
        key("hint"); string(diagnostic.hint)
        endObject()
    }
}
