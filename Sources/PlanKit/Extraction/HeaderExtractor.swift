/// Reads the header and legal basis from the preamble blocks (everything before section I).
enum HeaderExtractor {
    static let documentTypes: [Phrase] = ["kế hoạch hành động", "kế hoạch", "quyết định", "chương trình hành động",
                                          "chương trình", "báo cáo", "đề án", "hướng dẫn", "thông báo", "công văn"].map(Phrase.init)
    static let motto: [Phrase] = ["cộng hòa xã hội chủ nghĩa", "cộng hoà xã hội chủ nghĩa", "độc lập"].map(Phrase.init)
    static let basisOpeners: [Phrase] = ["căn cứ", "thực hiện", "theo", "trên cơ sở"].map(Phrase.init)
    static let citedKinds: [Phrase] = ["kế hoạch", "văn bản", "nghị quyết", "quyết định", "công văn", "chỉ thị", "thông tư",
                                       "nghị định", "luật", "hướng dẫn", "chương trình", "thông báo"].map(Phrase.init)
    static let enactingVerbs: [Phrase] = ["ban hành kế hoạch", "xây dựng kế hoạch", "ban hành chương trình"].map(Phrase.init)
    static let issuerStarts: [Phrase] = ["ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "hội đồng nhân dân", "sở", "phòng", "ban"].map(Phrase.init)
    static let numberLabel = Phrase("số")
    /// How an issuer's name begins in the header ("ỦY BAN NHÂN DÂN", "UBND HUYỆN …", "SỞ …").
    static let issuerCapitals: [Phrase] = ["ủy ban", "uỷ ban", "ubnd", "hội đồng", "sở", "phòng", "ban", "tỉnh", "huyện",
                                           "xã", "thành phố", "quận", "thị xã", "bộ", "chính phủ"].map(Phrase.init)

    /// The header, and each preamble block with the role it was given.
    static func extract(_ preamble: [Block], diagnostics: inout [Diagnostic]) -> (Header, [TextBlock]) {
        var header = Header()
        var roles: [BlockRole] = []
        var issuerLines: [String] = []
        var seenDocumentType = false
        var titleBlocks: [Block] = []
        var numberLineSeen = false

        for block in preamble {
            let t = TokenStream(block.text)
            let role: BlockRole
            if block.kind == .rule {
                role = .separator
            } else if motto.contains(where: { phrase in (0..<t.count).contains { t.matches($0, phrase) } }) && !seenDocumentType {
                role = .motto
            } else if t.matches(0, numberLabel), t.is(1, Words.colon) || t.isNumber(1) || t.is(1, Words.slash) {
                role = .number
                numberLineSeen = true
                readNumber(t, into: &header)
            } else if !seenDocumentType, let placeDate = readPlaceDate(t) {
                role = .placeDate
                header.place = placeDate.place
                header.date = placeDate.date
            } else if !seenDocumentType, block.isAllCaps {
                if let type = documentTypes.first(where: { t.matches(0, $0) && $0.count == t.count }) {
                    header.documentType = block.text.string(t[0].range.lowerBound..<t[type.count - 1].range.upperBound)
                    role = .documentType
                    seenDocumentType = true
                } else if roles.last == .issuer || issuerCapitals.contains(where: { t.matches(0, $0) }) {
                    role = .issuer
                    issuerLines.append(block.string)
                } else {
                    role = .documentType
                    seenDocumentType = true
                    diagnostics.append(Diagnostic(.missingDocumentType,
                                                  "'\(block.string)' is in the place of the document type but is not one (damaged text?)",
                                                  span: block.span))
                }
            } else if isBasis(t) {
                role = .basis
            } else if seenDocumentType || header.date != nil || header.number != nil, titleBlocks.count < 2, !isEnacting(t),
                      !roles.contains(.basis) {
                role = .title
                titleBlocks.append(block)
            } else if isEnacting(t) {
                role = .enacting
            } else {
                role = .text
            }
            roles.append(role)
        }

        if !issuerLines.isEmpty {
            header.issuer = issuerLines.joined(separator: " ")
            header.issuerSource = .header
        }
        if !titleBlocks.isEmpty {
            header.title = titleBlocks.map(\.string).joined(separator: " ")
            let titleText = ScalarText(header.title!)
            header.period = period(in: titleText)
            header.locality = locality(in: titleText)
        }
        for (block, role) in zip(preamble, roles) where role == .basis || role == .enacting {
            header.basis.append(contentsOf: basis(in: block))
            if header.issuer == nil, let issuer = enactingIssuer(block) {
                header.issuer = issuer
                header.issuerSource = .enactingClause
            }
        }

        if !numberLineSeen {
            diagnostics.append(Diagnostic(.missingNumber, "the plan has no số/ký hiệu line", span: nil))
        } else if header.number == nil, let i = roles.firstIndex(of: .number) {
            diagnostics.append(Diagnostic(.missingNumber, "the số is blank: '\(preamble[i].string)'", span: preamble[i].span))
        }
        if header.place == nil || header.date == nil {
            diagnostics.append(Diagnostic(.missingPlaceDate, "the plan has no place and date line", span: nil))
        } else if let date = header.date, date.day == nil || date.month == nil || date.year == nil,
                  let i = roles.firstIndex(of: .placeDate) {
            let missing = [date.day == nil ? "day" : nil, date.month == nil ? "month" : nil, date.year == nil ? "year" : nil]
                .compactMap { $0 }.joined(separator: " and ")
            diagnostics.append(Diagnostic(.incompleteDate, "the date of issue leaves the \(missing) blank: '\(preamble[i].string)'",
                                          span: preamble[i].span))
        }
        if header.documentType == nil, !roles.contains(.documentType) {
            diagnostics.append(Diagnostic(.missingDocumentType, "no document type line (\"KẾ HOẠCH\") before the title", span: nil))
        }
        if header.title == nil {
            diagnostics.append(Diagnostic(.missingTitle, "no title (trích yếu) after the document type", span: nil))
        }
        if header.issuer == nil {
            diagnostics.append(Diagnostic(.missingIssuer, "the issuing body is named neither in the header nor in the enacting clause",
                                          span: nil))
        }

        let blocks = zip(preamble, roles).map { block, role in
            TextBlock(role: role, marker: block.marker?.raw, text: block.string, span: block.span)
        }
        return (header, blocks)
    }

    static func readNumber(_ t: TokenStream, into header: inout Header) {
        var j = 1
        if t.is(j, Words.colon) { j += 1 }
        guard j < t.count else { return }
        let start = t[j].range.lowerBound
        var end = t[j].range.upperBound
        var k = j + 1
        while k < t.count, t[k].range.lowerBound == end { end = t[k].range.upperBound; k += 1 }
        let written = t.text.string(start..<end)
        // The symbol is the rest of the written run after the slash; nothing when the slash ends
        // the run ("Số: 645/ năm", "Số: / KH"): the next token is then past `end`.
        func symbol(from k: Int) -> String? {
            guard k < t.count, t[k].range.lowerBound < end else { return nil }
            return t.text.string(t[k].range.lowerBound..<end)
        }
        if t.isNumber(j), t.is(j + 1, Words.slash) {
            header.number = written
            header.symbol = symbol(from: j + 2)
        } else if t.is(j, Words.slash) {
            header.symbol = symbol(from: j + 1)
        } else {
            header.number = written
        }
    }

    /// "Bình Lư, ngày 10 tháng 4 năm 2026" → place and date (blank parts nil).
    static func readPlaceDate(_ t: TokenStream) -> (place: String, date: PlanDate)? {
        guard let comma = (0..<min(t.count, 8)).first(where: { t.is($0, Words.comma) }), comma > 0,
              let (date, _) = DateReading.spelled(t, at: comma + 1) else { return nil }
        let place = t.text.string(t[0].range.lowerBound..<t[comma - 1].range.upperBound)
        return (place, date)
    }

    static func isBasis(_ t: TokenStream) -> Bool {
        guard basisOpeners.contains(where: { t.matches(0, $0) }) else { return false }
        return citation(t, from: 0) != nil
    }

    static func isEnacting(_ t: TokenStream) -> Bool {
        (0..<t.count).contains { i in enactingVerbs.contains { t.matches(i, $0) } }
    }

    /// The first "<kind> số <number>" at or after token `from`: (kind start, number index).
    static func citation(_ t: TokenStream, from: Int) -> (Int, Int)? {
        var i = from
        while i < t.count {
            if let kind = citedKinds.first(where: { t.matches(i, $0) }) {
                var j = i + kind.count
                // "Công văn số Công văn số 1116/…": a repeated kind is still one citation.
                if t.matches(j, numberLabel) {
                    j += 1
                    if let again = citedKinds.first(where: { t.matches(j, $0) }), t.matches(j + again.count, numberLabel) { j += again.count + 1 }
                    if t.isNumber(j) { return (i, j) }
                }
            }
            i += 1
        }
        return nil
    }

    /// Every document the block cites: "Kế hoạch số 1303/KH-UBND ngày 6/5/2021 của UBND tỉnh Điện Biên".
    static func basis(in block: Block) -> [BasisDocument] {
        let t = TokenStream(block.text)
        var documents: [BasisDocument] = []
        var from = 0
        while let (kindStart, numberIndex) = citation(t, from: from) {
            let kindWords = citedKinds.first(where: { t.matches(kindStart, $0) })!
            let kind = t.text.string(t[kindStart].range.lowerBound..<t[kindStart + kindWords.count - 1].range.upperBound)
            var end = t[numberIndex].range.upperBound
            var k = numberIndex + 1
            while k < t.count, t[k].range.lowerBound == end, !t.is(k, Words.comma), !t.is(k, Words.semicolon) {
                end = t[k].range.upperBound
                k += 1
            }
            let number = t.text.string(t[numberIndex].range.lowerBound..<end)
            var date: PlanDate? = nil
            if let (d, next) = DateReading.any(t, at: k) {
                date = d
                k = next
            }
            var issuer: String? = nil
            if t.is(k, Words.of) {
                let issuerStart = k + 1
                var m = issuerStart
                while m < t.count, !t.is(m, Words.about), !t.is(m, Words.at), !t.is(m, Words.semicolon), !t.is(m, Words.comma),
                      !t.is(m, Words.period), !enactingVerbs.contains(where: { t.matches(m, $0) }) { m += 1 }
                if m > issuerStart {
                    issuer = t.text.string(t[issuerStart].range.lowerBound..<t[m - 1].range.upperBound)
                }
                k = m
            }
            // "… hướng dẫn của Bộ Lao động – Thương binh và Xã hội tại Công văn số …": the issuer comes first.
            let clauseBegin = (0..<kindStart).last(where: { t.is($0, Words.semicolon) }).map { $0 + 1 } ?? 0
            if issuer == nil, t.is(kindStart - 1, Words.at),
               let of = (clauseBegin..<(kindStart - 1)).last(where: { t.is($0, Words.of) }), of + 1 < kindStart - 1 {
                issuer = t.text.string(t[of + 1].range.lowerBound..<t[kindStart - 2].range.upperBound)
            }
            // The clause runs to the next ";" (or the end of the block).
            var clauseEnd = k
            while clauseEnd < t.count, !t.is(clauseEnd, Words.semicolon) { clauseEnd += 1 }
            // A trailing enacting clause (", UBND tỉnh … xây dựng Kế hoạch …") is not part of the citation.
            if let enacting = (k..<clauseEnd).first(where: { i in enactingVerbs.contains { t.matches(i, $0) } }) {
                clauseEnd = (k..<enacting).last(where: { t.is($0, Words.comma) }) ?? enacting
            }
            var textStart = kindStart
            if let opener = (clauseBegin..<kindStart).first(where: { i in basisOpeners.contains { t.matches(i, $0) } }) {
                textStart = opener
            }
            let range = t[textStart].range.lowerBound..<t[max(textStart, clauseEnd - 1)].range.upperBound
            documents.append(BasisDocument(kind: kind, number: number, date: date, issuer: issuer,
                                           text: block.text.string(block.text.trimmed(range)), span: block.span(of: range)))
            from = max(k, numberIndex + 1)
        }
        return documents
    }

    /// "…; Ủy ban nhân dân xã Bình Lư ban hành Kế hoạch …" → "Ủy ban nhân dân xã Bình Lư".
    static func enactingIssuer(_ block: Block) -> String? {
        let t = TokenStream(block.text)
        guard let verb = (0..<t.count).first(where: { i in enactingVerbs.contains { t.matches(i, $0) } }) else { return nil }
        var start = verb - 1
        while start > 0, !t.is(start - 1, Words.semicolon), !t.is(start - 1, Words.comma), !t.is(start - 1, Words.period) { start -= 1 }
        guard start < verb, let issuerStart = (start..<verb).first(where: { i in issuerStarts.contains { t.matches(i, $0) } }) else { return nil }
        return t.text.string(t[issuerStart].range.lowerBound..<t[verb - 1].range.upperBound)
    }

    /// "giai đoạn 2021-2025", "2021 - 2030", "năm 2022".
    static func period(in text: ScalarText) -> Period? {
        let t = TokenStream(text)
        for i in 0..<t.count {
            if let from = t.year(i), t.is(i + 1, Words.hyphen) || t.is(i + 1, Words.enDash), let to = t.year(i + 2), to >= from {
                return Period(from: from, to: to)
            }
        }
        for i in 0..<t.count {
            if t.is(i, Words.from), t.is(i + 1, Words.year), let from = t.year(i + 2), t.is(i + 3, Words.to),
               t.is(i + 4, Words.year), let to = t.year(i + 5) {
                return Period(from: from, to: to)
            }
        }
        for i in 0..<t.count where t.is(i, Words.year) {
            if let year = t.year(i + 1) { return Period(from: year, to: year) }
        }
        return nil
    }

    static let localityMarkers: [(Phrase, Locality.Level)] = [
        (Phrase("thị trấn"), .commune), (Phrase("xã"), .commune), (Phrase("phường"), .commune),
        (Phrase("thị xã"), .district), (Phrase("huyện"), .district), (Phrase("quận"), .district),
        (Phrase("thành phố"), .district), (Phrase("tỉnh"), .province),
    ]
    static let centralCities: Set<String> = ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"]

    /// "trên địa bàn xã Bình Lư", "tỉnh Quảng Trị": the first unit named with a capitalised name.
    static func locality(in text: ScalarText) -> Locality? {
        let t = TokenStream(text)
        var candidates: [(Int, Locality)] = []
        var i = 0
        while i < t.count {
            // "thị xã" must win over "xã".
            if let (phrase, level) = localityMarkers.first(where: { t.matches(i, $0.0) }) {
                var j = i + phrase.count
                let nameStart = j
                while j < t.count, t[j].kind == .word || t[j].kind == .number, let first = text.scalars[t[j].range.lowerBound] as Unicode.Scalar?,
                      Scalars.isUpper(first) || Scalars.isDigit(first) { j += 1 }
                if j > nameStart {
                    let name = text.string(t[nameStart].range.lowerBound..<t[j - 1].range.upperBound)
                    var level = level
                    if phrase.words == Phrase("thành phố").words, centralCities.contains(name) { level = .province }
                    candidates.append((i, Locality(level: level, name: name)))
                }
                i = max(j, i + phrase.count)
                continue
            }
            i += 1
        }
        let area = Phrase("địa bàn")
        if let onArea = (0..<t.count).first(where: { t.matches($0, area) }),
           let after = candidates.first(where: { $0.0 >= onArea + area.count && $0.0 <= onArea + area.count + 1 }) {
            return after.1
        }
        return candidates.first?.1
    }
}
