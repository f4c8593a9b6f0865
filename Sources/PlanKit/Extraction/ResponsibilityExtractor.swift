/// Reads each agency's item under "Tổ chức thực hiện" and resolves the indicators it
/// leads on (`reportsOn`) or only coordinates on (`supportsOn`).
enum ResponsibilityExtractor {
    static let requestPrefixes: [Phrase] = ["đề nghị", "yêu cầu"].map(Phrase.init)
    static let responsibilityPrefix = Phrase("trách nhiệm của")
    /// Verbs that begin a duty written in the agency's own item.
    static let dutyOpeners: [Phrase] = ["căn cứ", "có trách nhiệm", "chịu trách nhiệm", "chủ động", "tổ chức triển khai",
                                        "xây dựng kế hoạch", "chủ trì"].map(Phrase.init)

    static func extract(_ outline: Outline, objectives: [Objective], diagnostics: inout [Diagnostic]) -> [Responsibility] {
        var result: [Responsibility] = []
        for root in outline.sections where root.kind == .organization {
            for node in root.allNodes().dropFirst() where node.children.isEmpty && node.kind != .reporting {
                // "2. Phân công nhiệm vụ" over "- Phòng Văn hóa - Xã hội: …" bullets: each bullet is an agency.
                if let groups = agencyBullets(node) {
                    for group in groups { result.append(responsibility(group, objectives: objectives, diagnostics: &diagnostics)) }
                    continue
                }
                result.append(responsibility(node, objectives: objectives, diagnostics: &diagnostics))
            }
        }
        return result
    }

    /// An item whose heading names no agency and refers to no indicator ("Phân công nhiệm vụ",
    /// "Trách nhiệm của các cơ quan, đơn vị"), over at least two bullets that each open with an
    /// agency and a colon ("- Trạm Y tế xã: triển khai …"): one node per such bullet, with the
    /// paragraphs after it up to the next; nil for an item that is itself an agency's.
    static func agencyBullets(_ node: Outline.Node) -> [Outline.Node]? {
        let heading = TokenStream(node.heading.text)
        guard heading.count <= 12, !(0..<heading.count).contains(where: { heading.is($0, Words.colon) }),
              ReferenceReader.read(node.heading).isEmpty else { return nil }
        func opensWithAgency(_ block: Block) -> Bool {
            guard block.marker?.style == .bullet, let first = block.text.scalars.first, Scalars.isUpper(first) else { return false }
            let t = TokenStream(block.text, maxTokens: 16)
            guard let colon = (1..<t.count).first(where: { t.is($0, Words.colon) }), colon + 1 < t.count else { return false }
            // The words before the colon name an agency, not a duty: no duty verb among them.
            return !(0..<colon).contains { i in dutyOpeners.contains { t.matches(i, $0) } }
        }
        guard node.paragraphs.filter(opensWithAgency).count >= 2 else { return nil }
        var groups: [Outline.Node] = []
        for block in node.paragraphs {
            if opensWithAgency(block) {
                groups.append(Outline.Node(heading: block, kind: nil, depth: node.depth + 1))
            } else if !groups.isEmpty {
                groups[groups.count - 1].paragraphs.append(block)
                groups[groups.count - 1].span = groups[groups.count - 1].span.union(block.span)
            }
        }
        return groups
    }

    /// The name without what OCR left after it at the line's end: marks that are no letters ("Sở Y
    /// tế \\", "Đài Phát thanh và Truyền hình tỉnh '") or one capital after a word ("Cục Thống kê tỉnh D").
    static func withoutTrailingSpecks(_ name: String) -> String {
        var words = name.split(separator: " ", omittingEmptySubsequences: true)
        while words.count > 1, let last = words.last {
            let speck = !last.contains(where: { $0.isLetter || $0.isNumber })
            let loneCapital = last.count == 1 && last.first!.isUppercase
                && words[words.count - 2].last.map { $0.isLowercase } == true
            guard speck || loneCapital else { break }
            words.removeLast()
        }
        let trimmed = words.joined(separator: " ")
        return trimmed.count == name.count ? name : trimmed
    }

    /// Verbs that begin a duty on the line under an agency's heading, written without a dash:
    /// "5. Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện" / "Tổ chức tuyển sinh …".
    static let dutyLineOpeners: [Phrase] = ["tổ chức", "chủ trì", "phối hợp", "tham mưu", "hướng dẫn", "là cơ quan", "chỉ đạo",
                                            "xây dựng", "thực hiện", "triển khai", "theo dõi", "tuyên truyền", "tăng", "nâng cao"].map(Phrase.init) + dutyOpeners

    /// The token that opens a wrapped line of `heading` with a capitalised duty verb: where the
    /// agency's name, which fits its own line, ends and the duty begins.
    static func dutyLineStart(_ heading: Block, _ t: TokenStream) -> Int? {
        for fragment in heading.fragments.dropFirst() where fragment.offset < heading.text.count {
            guard Scalars.isUpper(heading.text.scalars[fragment.offset]),
                  let i = (1..<t.count).first(where: { t[$0].range.lowerBound == fragment.offset }),
                  dutyLineOpeners.contains(where: { t.matches(i, $0) }) else { continue }
            return i
        }
        return nil
    }

    static func responsibility(_ node: Outline.Node, objectives: [Objective], diagnostics: inout [Diagnostic]) -> Responsibility {
        let heading = node.heading.text
        let t = TokenStream(heading)
        var start = 0
        if t.matches(0, responsibilityPrefix), t.count > responsibilityPrefix.count { start = t[responsibilityPrefix.count].range.lowerBound }
        var range = heading.trimmed(start..<heading.count)
        // "4. Các cơ quan, đơn vị … căn cứ Kế hoạch này xây dựng …": an item that states its duty
        // in the same sentence; the agency ends where the duty begins.
        var inlineDuty: Range<Int>? = nil
        let colonAt = (1..<max(1, t.count - 1)).first(where: { t.is($0, Words.colon) })
        let verbAt = [t.count >= 12 ? (2..<t.count).first(where: { i in dutyOpeners.contains { t.matches(i, $0) } }) : nil,
                      dutyLineStart(node.heading, t)].compactMap { $0 }.min()
        // "Phòng Văn hóa - Xã hội: là cơ quan thường trực, chủ trì …": a colon before the verb ends the agency.
        if let verb = verbAt, colonAt.map({ $0 > verb || $0 > 14 }) ?? true,
           t[verb - 1].range.upperBound > range.lowerBound {
            inlineDuty = heading.trimmed(t[verb].range.lowerBound..<heading.count)
            range = heading.trimmed(range.lowerBound..<t[verb - 1].range.upperBound)
        } else if let colon = colonAt, colon + 1 < t.count, colon <= 14 {
            // "3. Phòng Tài chính - Kế hoạch: Tham mưu …; báo cáo … chỉ tiêu 3 của mục tiêu 2.": the duty after a colon.
            inlineDuty = heading.trimmed(t[colon + 1].range.lowerBound..<heading.count)
            range = heading.trimmed(range.lowerBound..<t[colon].range.lowerBound)
        }
        while range.count > 0, [":", ".", ";", ","].contains(heading.scalars[range.upperBound - 1]) {
            range = heading.trimmed(range.lowerBound..<(range.upperBound - 1))
        }
        // "Đề nghị Ủy ban MTTQ …; Yêu cầu các cơ quan …": the verbs that address each group are not the agency.
        var agency = ""
        var partStart = 0
        for i in 0...t.count {
            guard i == t.count || t.is(i, Words.semicolon) else { continue }
            var first = partStart
            if let verb = requestPrefixes.first(where: { t.matches(partStart, $0) }), partStart + verb.count < i { first = partStart + verb.count }
            if first < i, t[first].range.lowerBound < range.upperBound {
                let lower = max(t[first].range.lowerBound, range.lowerBound)
                let upper = min(t[i - 1].range.upperBound, range.upperBound)
                if lower < upper { agency += (agency.isEmpty ? "" : "; ") + heading.string(lower..<upper) }
            }
            partStart = i + 1
        }
        var reports: [String] = []
        var supports: [String] = []
        var duties: [String] = []
        /// The indicators the block's references name from scalar offset `start` on, as leads or supports.
        func collect(_ block: Block, from start: Int = 0) {
            for reference in ReferenceReader.read(block) where reference.range.lowerBound >= start {
                let ids = resolve(reference, objectives: objectives, block: block, diagnostics: &diagnostics)
                if reference.role == .lead { reports.append(contentsOf: ids) } else { supports.append(contentsOf: ids) }
            }
        }
        if let inlineDuty {
            duties.append(node.heading.string(inlineDuty))
            collect(node.heading, from: inlineDuty.lowerBound)
        }
        for block in node.paragraphs {
            duties.append(block.string)
            collect(block)
        }
        reports = unique(reports)
        supports = unique(supports).filter { !reports.contains($0) }
        return Responsibility(agency: withoutTrailingSpecks(agency), duties: duties, reportsOn: reports, supportsOn: supports,
                              span: node.span)
    }

    /// Indicator ids a reference names; an objective alone stands for all its indicators.
    static func resolve(_ reference: ReferenceReader.Reference, objectives: [Objective], block: Block,
                        diagnostics: inout [Diagnostic]) -> [String] {
        let objective = objectives.first(where: { $0.number == reference.objective })
        if reference.indicators.isEmpty {
            guard let objective else {
                if !objectives.isEmpty {
                    diagnostics.append(Diagnostic(.unresolvedReference,
                                                  "refers to objective \(reference.objective), which the plan does not have",
                                                  span: block.span(of: reference.range)))
                }
                return []
            }
            return objective.indicators.map(\.id)
        }
        var ids: [String] = []
        for number in reference.indicators {
            let id = "MT\(reference.objective).CT\(number)"
            ids.append(id)
            if !objectives.isEmpty, objective?.indicators.contains(where: { $0.id == id }) != true {
                diagnostics.append(Diagnostic(.unresolvedReference,
                                              "refers to indicator \(number) of objective \(reference.objective) (\(id)), which the plan does not have",
                                              span: block.span(of: reference.range)))
            }
        }
        return ids
    }

    static func unique(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }
}

/// Finds references to indicators and objectives in an agency's duty:
/// "chỉ tiêu 1, 2 của mục tiêu 2", "chỉ tiêu 3 - mục tiêu 2", "chỉ tiêu 2 (số liệu …), 3, 4 của mục tiêu 3",
/// "chỉ tiêu 1, chỉ tiêu 2 của mục tiêu 3",
/// "các chỉ tiêu của mục tiêu 05", "Mục tiêu 1".
enum ReferenceReader {
    enum Role { case lead, support }

    struct Reference {
        var objective: Int
        /// Empty: every indicator of the objective.
        var indicators: [Int]
        var role: Role
        var range: Range<Int>
    }

    static let indicator = Phrase("chỉ tiêu")
    static let objective = Phrase("mục tiêu")
    static let support = Phrase("phối hợp")
    static let numberWord = Phrase("số")
    static let leadPhrases: [Phrase] = ["chủ trì", "chịu trách nhiệm", "theo dõi", "báo cáo", "thu thập", "cung cấp",
                                        "tổng hợp", "thực hiện", "triển khai"].map(Phrase.init)

    static let tieu = "tiêu".lowerScalars

    static func read(_ block: Block) -> [Reference] {
        // Every reference names "chỉ tiêu" or "mục tiêu": skip paragraphs without the word "tiêu".
        guard block.text.find(tieu) != nil else { return [] }
        let t = TokenStream(block.text)
        var references: [Reference] = []
        var role = Role.lead
        var clauseRoleDecided = false
        var i = 0
        // The words and phrases asked of every token, read from their globals once (each read of a
        // global is a `swift_once` call).
        let semicolon = Words.semicolon, period = Words.period
        let support = Self.support, leadPhrases = Self.leadPhrases, indicator = Self.indicator, objective = Self.objective
        let numberWord = Self.numberWord
        while i < t.count {
            if t.is(i, semicolon) || t.is(i, period) {
                clauseRoleDecided = false
                i += 1
                continue
            }
            if !clauseRoleDecided {
                if t.matches(i, support) { role = .support; clauseRoleDecided = true }
                else if leadPhrases.contains(where: { t.matches(i, $0) }) { role = .lead; clauseRoleDecided = true }
            }
            if t.matches(i, indicator) {
                let start = i
                var j = i + indicator.count
                // "chỉ tiêu số 2 của Mục tiêu 3"
                if t.matches(j, numberWord), t.isNumber(j + 1) || t.is(j + 1, Words.openParen) { j += 1 }
                var numbers: [Int] = []
                while j < t.count {
                    if let n = t.integer(j) { numbers.append(n); j += 1; continue }
                    // "chỉ tiêu số 1, số 2 và chỉ tiêu số 3": "số" before each number.
                    if t.matches(j, numberWord), let n = t.integer(j + 1) { numbers.append(n); j += 2; continue }
                    // "chỉ tiêu I của mục tiêu 6": OCR's "I" or "l" for the digit 1, in the number's place.
                    if j > start + 1, t[j].kind == .word, t[j].range.count == 1, ["I", "l"].contains(t.text.scalars[t[j].range.lowerBound]),
                       t.is(j + 1, Words.of) || t.is(j + 1, Words.comma) || t.is(j + 1, Words.and) {
                        numbers.append(1); j += 1; continue
                    }
                    // "1,2" read as one token: split it.
                    if t.isNumber(j) {
                        let parts = t.string(j).split(separator: ",").compactMap { Int($0) }
                        if parts.count > 1 { numbers.append(contentsOf: parts); j += 1; continue }
                        break
                    }
                    if t.is(j, Words.comma) || t.is(j, Words.and),
                       t.isNumber(j + 1) || t.is(j + 1, Words.openParen) || (t.matches(j + 1, numberWord) && t.isNumber(j + 2)) { j += 1; continue }
                    // "chỉ tiêu 1, chỉ tiêu 2 (…) của mục tiêu 3": the word repeated inside one list.
                    if t.is(j, Words.comma) || t.is(j, Words.and), t.matches(j + 1, indicator) {
                        var after = j + 1 + indicator.count
                        if t.matches(after, numberWord) { after += 1 }
                        if t.isNumber(after) {
                            j = after
                            continue
                        }
                    }
                    // "chỉ tiêu (1), (3) thuộc Mục tiêu 6": indicators numbered in parentheses.
                    if t.is(j, Words.openParen), let n = t.integer(j + 1), t.is(j + 2, Words.closeParen) {
                        numbers.append(n)
                        j += 3
                        continue
                    }
                    if t.is(j, Words.openParen) {
                        var depth = 0
                        while j < t.count {
                            if t.is(j, Words.openParen) { depth += 1 }
                            if t.is(j, Words.closeParen) { depth -= 1; if depth == 0 { j += 1; break } }
                            j += 1
                        }
                        continue
                    }
                    break
                }
                // Connectors between the indicator list and its objective.
                var k = j
                while k < t.count, t.is(k, Words.of) || t.is(k, Words.at) || t.is(k, Words.hyphen) || t.is(k, Words.enDash)
                        || t.is(k, Words.belongingTo) || t.is(k, Words.plural) { k += 1 }
                if t.matches(k, objective), let m = t.integer(k + objective.count) {
                    let end = t[k + objective.count].range.upperBound
                    references.append(Reference(objective: m, indicators: numbers, role: role,
                                                range: t[start].range.lowerBound..<end))
                    i = k + objective.count + 1
                    continue
                }
                i = max(j, i + 1)
                continue
            }
            if t.matches(i, objective), let m = t.integer(i + objective.count) {
                let next = i + objective.count + 1
                // "mục tiêu 1, 2": several objectives named together.
                var objectivesNamed = [m]
                var k = next
                while (t.is(k, Words.comma) || t.is(k, Words.and)), let n = t.integer(k + 1) { objectivesNamed.append(n); k += 2 }
                for number in objectivesNamed {
                    references.append(Reference(objective: number, indicators: [], role: role,
                                                range: t[i].range.lowerBound..<t[k - 1].range.upperBound))
                }
                i = k
                continue
            }
            i += 1
        }
        return references
    }
}
