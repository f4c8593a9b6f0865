/// Reads the header and legal basis from the preamble blocks (everything before section I).
enum HeaderExtractor {
    static let documentTypes: [Phrase] = ["kế hoạch hành động", "kế hoạch", "quyết định", "chương trình hành động",
                                          "chương trình", "báo cáo", "đề án", "hướng dẫn", "thông báo", "công văn"].map(Phrase.init)
    static let motto: [Phrase] = ["cộng hòa xã hội chủ nghĩa", "cộng hoà xã hội chủ nghĩa", "độc lập"].map(Phrase.init)
    static let basisOpeners: [Phrase] = ["căn cứ", "thực hiện", "theo", "trên cơ sở"].map(Phrase.init)
    static let citedKinds: [Phrase] = ["chương trình hành động", "kế hoạch", "văn bản", "nghị quyết", "quyết định", "công văn", "chỉ thị", "thông tư",
                                       "nghị định", "luật", "hướng dẫn", "chương trình", "thông báo", "kết luận", "đề án"].map(Phrase.init)
    static let enactingVerbs: [Phrase] = ["ban hành kế hoạch", "xây dựng kế hoạch", "ban hành chương trình"].map(Phrase.init)
    static let issuerStarts: [Phrase] = ["ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "hội đồng nhân dân", "sở", "phòng", "ban"].map(Phrase.init)
    static let numberLabel = Phrase("số")
    /// How an issuer's name begins in the header ("ỦY BAN NHÂN DÂN", "UBND HUYỆN …", "SỞ …").
    static let issuerCapitals: [Phrase] = ["ủy ban", "uỷ ban", "ubnd", "hội đồng", "sở", "phòng", "ban", "tỉnh", "huyện",
                                           "xã", "thành phố", "quận", "thị xã", "bộ", "chính phủ",
                                           // "ỦY" / "BAN NHÂN DÂN …": the issuer broken over two table lines.
                                           "ủy", "uỷ"].map(Phrase.init)
    /// The authority that enacts a decision, written in capitals under its title
    /// ("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …"): not part of the title.
    static let enactingAuthorities: [Phrase] = ["chủ tịch", "giám đốc", "bộ trưởng", "trưởng ban", "ủy ban nhân dân",
                                                "uỷ ban nhân dân"].map(Phrase.init)
    static let basisOpener = Phrase("căn cứ")
    /// Verbs after a cited document's issuer: where the issuer's name has ended.
    static let issuerEnds: [Phrase] = ["ban hành", "phê duyệt", "thực hiện", "quy định", "triển khai", "hướng dẫn thực hiện"].map(Phrase.init)
    static let subjectOpener = Phrase("về việc")
    static let subjectAbbreviation = Phrase("v / v")

    /// The header, and each preamble block with the role it was given.
    static func extract(_ preamble: [Block], diagnostics: inout [Diagnostic]) -> (Header, [TextBlock]) {
        var header = Header()
        var roles: [BlockRole] = []
        var issuerLines: [String] = []
        var seenDocumentType = false
        var titleBlocks: [Block] = []
        var numberLineSeen = false

        // The header of a plan issued by a decision, after the decision's own: its blocks get
        // their roles, the header fields stay the decision's.
        let attachedHeaders = SectionRecognizer.headerStarts(preamble).filter { $0 > 0 }
        var attached: (inTitle: Bool, titleLines: Int)? = nil

        for (index, block) in preamble.enumerated() {
            let t = TokenStream(block.text)
            let role: BlockRole
            if seenDocumentType, attachedHeaders.contains(index) { attached = (false, 0) }
            if var state = attached {
                if block.kind == .rule {
                    role = .separator
                } else if block.text.find(Keywords.motto) != nil || t.matches(0, Phrase("độc lập")) {
                    role = .motto
                } else if TwoColumns.isDocumentType(block.text.scalars) {
                    role = .documentType
                    state.inTitle = true
                } else if state.inTitle, !block.isAllCaps || state.titleLines == 0, state.titleLines < 2, !t.is(0, Words.openParen) {
                    role = .title
                    state.titleLines += 1
                } else if !state.inTitle, block.isAllCaps {
                    role = .issuer
                } else {
                    role = .text
                    attached = nil
                    roles.append(role)
                    continue
                }
                attached = state
            } else if block.kind == .rule {
                role = .separator
            } else if motto.contains(where: { phrase in (0..<t.count).contains { t.matches($0, phrase) } }) && !seenDocumentType {
                role = .motto
            } else if t.matches(0, numberLabel), t.is(1, Words.colon) || t.isNumber(1) || t.is(1, Words.slash) {
                role = .number
                numberLineSeen = true
                let end = readNumber(t, into: &header)
                if let written = header.number, written.contains(" ") {
                    header.number = written.filter { $0 != " " }
                    diagnostics.append(Diagnostic(.irregularNumber, "the number is written '\(written)'; read as '\(header.number!)'",
                                                  span: block.span))
                }
                // "Số: 12/KH-UBND Hà Nội, ngày 5 tháng 3 năm 2022": the place and date on the same line.
                if header.date == nil, let placeDate = readPlaceDate(t, from: end) {
                    header.place = placeDate.place
                    header.date = placeDate.date
                }
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
                } else if let type = HeadingVocabulary.documentType(block.text.scalars[...]) {
                    // "QUY T ĐỊNH", "KÊ HOACH": a document type with a letter or two damaged.
                    header.documentType = type
                    role = .documentType
                    seenDocumentType = true
                    diagnostics.append(Diagnostic(.inferredStructure, "'\(block.string)' read as the document type \(type): a letter or two differ",
                                                  span: block.span))
                } else {
                    role = .documentType
                    seenDocumentType = true
                    diagnostics.append(Diagnostic(.missingDocumentType,
                                                  "'\(block.string)' is in the place of the document type but is not one (damaged text?)",
                                                  span: block.span))
                }
            } else if seenDocumentType, titleBlocks.isEmpty, t.matches(0, subjectOpener) || t.matches(0, subjectAbbreviation) {
                // "Về việc ban hành Kế hoạch …": a decision's title, though it names the enacting verb.
                role = .title
                titleBlocks.append(block)
            } else if isBasis(t) {
                role = .basis
            } else if !titleBlocks.isEmpty, !roles.contains(.basis), block.isAllCaps, enactingAuthorities.contains(where: { t.matches(0, $0) }) {
                role = .enacting
            } else if seenDocumentType || header.date != nil || header.number != nil, titleBlocks.count < 2, !isEnacting(t),
                      !roles.contains(.basis), !roles.contains(.enacting) {
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
        // A title that names no unit ("Triển khai công tác bình đẳng giới … năm 2025"): the enacting
        // sentence's ("Ủy ban nhân dân xã Phúc Khánh xây dựng Kế hoạch …"), else the issuer's.
        if header.locality == nil {
            header.locality = zip(preamble, roles).lazy.filter { $0.1 == .enacting }.compactMap { locality(in: $0.0.text) }.first
                ?? header.issuer.flatMap { header.issuerSource == .header ? locality(in: ScalarText($0)) : nil }
        }
        // A title without its period ("Kế hoạch thực hiện Chiến lược …"): the plan's own enacting
        // sentence names it; a cited document's date never does.
        for (block, role) in zip(preamble, roles) where role == .enacting && header.period == nil {
            let t = TokenStream(block.text)
            if let verb = (0..<t.count).first(where: { i in enactingVerbs.contains { t.matches(i, $0) } }) {
                header.period = period(in: block.text, from: t[verb].range.lowerBound)
            }
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

    /// Reads the number after "Số:" into `header`; returns the index of the first token after it.
    @discardableResult
    static func readNumber(_ t: TokenStream, into header: inout Header) -> Int {
        var j = 1
        if t.is(j, Words.colon) { j += 1 }
        guard j < t.count else { return j }
        let start = t[j].range.lowerBound
        var end = t[j].range.upperBound
        var k = j + 1
        // The run of the number goes on across a space next to "/" or "-" ("822 / QĐ - BYT",
        // "4155QĐ/ BTP"), but not into the words after it.
        func isJoiner(_ i: Int) -> Bool { t.is(i, Words.slash) || t.is(i, Words.hyphen) || t.is(i, Words.enDash) }
        while k < t.count {
            let gap = t[k].range.lowerBound - end
            let spaced = gap > 0 && gap <= 2 && (isJoiner(k) || isJoiner(k - 1))
                && (t[k].kind != .word || Scalars.isUpper(t.text.scalars[t[k].range.lowerBound]) || isJoiner(k))
            guard gap == 0 || spaced else { break }
            end = t[k].range.upperBound
            k += 1
        }
        let written = t.text.string(start..<end)
        // The symbol is the rest of the written run after the slash; nothing when the slash ends
        // the run ("Số: 645/ năm", "Số: / KH"): the next token is then past `end`.
        // Spaces inside the run ("QĐ - BYT") are not part of the symbol.
        func symbol(from k: Int) -> String? {
            guard k < t.count, t[k].range.lowerBound < end else { return nil }
            return t.text.string(t[k].range.lowerBound..<end).filter { $0 != " " }
        }
        if t.isNumber(j), t.is(j + 1, Words.slash) {
            header.number = written
            header.symbol = symbol(from: j + 2)
        } else if t.is(j, Words.slash) {
            header.symbol = symbol(from: j + 1)
        } else {
            // "Số:      QĐ/ UBND": a run without a digit is a symbol whose number was left blank.
            if written.unicodeScalars.contains(where: { $0.properties.numericType != nil }) { header.number = written }
            // "4155QĐ/ BTP": the symbol begins inside the number's token run.
            if let slash = (j..<k).first(where: { t.is($0, Words.slash) }) { header.symbol = symbol(from: slash + 1) }
        }
        return k
    }

    /// "Bình Lư, ngày 10 tháng 4 năm 2026" → place and date (blank parts nil).
    static func readPlaceDate(_ t: TokenStream, from start: Int = 0) -> (place: String, date: PlanDate)? {
        guard start < t.count, let comma = (start..<min(t.count, start + 8)).first(where: { t.is($0, Words.comma) }), comma > start,
              let (date, _) = DateReading.spelled(t, at: comma + 1) else { return nil }
        let place = t.text.string(t[start].range.lowerBound..<t[comma - 1].range.upperBound)
        return (place, date)
    }

    /// A cited document ("Căn cứ Nghị quyết số 28/NQ-CP …"), or any "Căn cứ …" line: each is part of the basis.
    static func isBasis(_ t: TokenStream) -> Bool {
        if t.matches(0, basisOpener) { return true }
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
                // "Luật Bình đẳng giới số 73/2006/QH11": a law's name between its kind and "số".
                if kind.words == Phrase("luật").words,
                   let named = (j..<min(j + 7, t.count)).first(where: { t.matches($0, numberLabel) }),
                   (j..<named).allSatisfy({ t[$0].kind == .word }) {
                    j = named
                }
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
                // The issuer ends where the sentence says what the document does ("… của Chính phủ
                // ban hành Chiến lược …", "… phê duyệt …", "… thực hiện …").
                while m < t.count, !t.is(m, Words.about), !t.is(m, Words.at), !t.is(m, Words.semicolon), !t.is(m, Words.comma),
                      !t.is(m, Words.period), !enactingVerbs.contains(where: { t.matches(m, $0) }),
                      !issuerEnds.contains(where: { t.matches(m, $0) }) { m += 1 }
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
            var last = max(textStart, clauseEnd - 1)
            while last > textStart, t.is(last, Words.comma) { last -= 1 }
            let range = t[textStart].range.lowerBound..<t[last].range.upperBound
            documents.append(BasisDocument(kind: kind, number: number, date: date, issuer: issuer,
                                           text: block.text.string(block.text.trimmed(range)), span: block.span(of: range)))
            from = max(k, numberIndex + 1)
        }
        // "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006; Luật …": laws cited by name and
        // date, no number; each clause that opens with a kind of document is one.
        guard t.matches(0, basisOpener) else { return documents }
        var clauseStart = 0
        for end in 0...t.count where end == t.count || t.is(end, Words.semicolon) {
            defer { clauseStart = end + 1 }
            let opener = clauseStart == 0 ? basisOpener.count : clauseStart
            guard opener < end, let kindWords = citedKinds.first(where: { t.matches(opener, $0) }),
                  citation(t, from: clauseStart).map({ $0.0 >= end }) ?? true else { continue }
            let kind = t.text.string(t[opener].range.lowerBound..<t[opener + kindWords.count - 1].range.upperBound)
            let date = (opener..<end).lazy.compactMap { DateReading.any(t, at: $0).flatMap { $0.next <= end ? $0.0 : nil } }.first
            var last = end - 1
            while last > clauseStart, t.is(last, Words.period) || t.is(last, Words.comma) { last -= 1 }
            let range = t[clauseStart].range.lowerBound..<t[last].range.upperBound
            documents.append(BasisDocument(kind: kind, number: nil, date: date, issuer: nil,
                                           text: block.text.string(range), span: block.span(of: range)))
        }
        return documents.sorted { $0.span < $1.span }
    }

    /// "…; Ủy ban nhân dân xã Bình Lư ban hành Kế hoạch …" → "Ủy ban nhân dân xã Bình Lư".
    static func enactingIssuer(_ block: Block) -> String? {
        let t = TokenStream(block.text)
        // The last such verb: a cited document's subject comes before the enacting clause ("… Công văn
        // … về việc xây dựng kế hoạch cấp xã, Ủy ban nhân dân xã … xây dựng Kế hoạch như sau:").
        guard let verb = (0..<t.count).last(where: { i in enactingVerbs.contains { t.matches(i, $0) } }) else { return nil }
        var start = verb - 1
        while start > 0, !t.is(start - 1, Words.semicolon), !t.is(start - 1, Words.comma), !t.is(start - 1, Words.period) { start -= 1 }
        guard start < verb, let issuerStart = (start..<verb).first(where: { i in issuerStarts.contains { t.matches(i, $0) } }) else { return nil }
        return t.text.string(t[issuerStart].range.lowerBound..<t[verb - 1].range.upperBound)
    }

    /// "giai đoạn 2021-2025", "2021 - 2030", "năm 2022"; from scalar offset `from` on.
    static func period(in text: ScalarText, from: Int = 0) -> Period? {
        let t = TokenStream(text, range: from..<text.count)
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
    /// "THƯỢNG LÂM" → "Thượng Lâm".
    static func titleCased(_ name: String) -> String {
        name.split(separator: " ").map { word -> String in
            var scalars = Array(word.unicodeScalars)
            for k in scalars.indices.dropFirst() { scalars[k] = Scalars.lower(scalars[k]) }
            return Scalars.string(scalars)
        }.joined(separator: " ")
    }

    static let localityEnds: [Phrase] = ["giai đoạn", "căn cứ", "thực hiện"].map(Phrase.init)
    /// Words that end a name only written small, or before a year ("… TÂY NINH NĂM 2025"), since
    /// names hold them too ("Nam Từ Liêm", "Năm Căn").
    static let localityEndsInLowerCase: [Phrase] = ["năm", "về", "trên", "đến", "từ"].map(Phrase.init)

    static func endsLocality(_ t: TokenStream, at j: Int) -> Bool {
        if localityEnds.contains(where: { t.matches(j, $0) }) { return true }
        guard localityEndsInLowerCase.contains(where: { t.matches(j, $0) }) else { return false }
        return Scalars.isLowerLetter(t.text.scalars[t[j].range.lowerBound]) || t.year(j + 1) != nil
    }
    static let centralCities: Set<String> = ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"]

    /// A city (thành phố) read as district level whose plan assigns duties to departments ("Sở …"),
    /// which only a province-level unit has: a city directly under the central government.
    static func cityLevel(_ locality: Locality?, issuer: String?, agencies: [String]) -> Locality? {
        guard var locality, locality.level == .district,
              let issuer, issuer.uppercased().contains("THÀNH PHỐ " + locality.name.uppercased()),
              agencies.contains(where: { $0.hasPrefix("Sở ") }) else { return locality }
        locality.level = .province
        return locality
    }

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
                // The name ends before "giai đoạn", "năm", a year, "Căn cứ" or "Thực hiện" (in a title
                // written in capitals every word is capitalised).
                while j < t.count, t[j].kind == .word || (t[j].kind == .number && t.year(j) == nil),
                      !endsLocality(t, at: j),
                      let first = text.scalars[t[j].range.lowerBound] as Unicode.Scalar?,
                      Scalars.isUpper(first) || Scalars.isDigit(first) { j += 1 }
                if j > nameStart {
                    var name = text.string(t[nameStart].range.lowerBound..<t[j - 1].range.upperBound)
                    // A title or issuer in capitals ("TỈNH THƯỢNG LÂM"): the name as it is written in a sentence.
                    if name.unicodeScalars.allSatisfy({ !Scalars.isLowerLetter($0) }) { name = titleCased(name) }
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
