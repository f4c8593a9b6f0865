/// PK110–PK116: the header and closing parts Nghị định 30/2020/NĐ-CP requires.
enum HeaderRules {
    static func check(_ context: LintContext, _ sink: inout FindingSink) {
        let header = context.plan.header
        let start = context.documentStart
        let numberLine = context.headerSpan(.number)
        let placeDateLine = context.headerSpan(.placeDate)

        if header.number == nil {
            if let numberLine {
                sink.report(.missingDocumentNumber, "the số/ký hiệu has no number"
                            + (header.symbol.map { " (\"Số: /\($0)\")" } ?? ""), at: numberLine, subject: "blank")
            } else {
                sink.report(.missingDocumentNumber, "the header has no số/ký hiệu line (\"Số: …/KH-UBND\")",
                            at: start, subject: "absent")
            }
        }

        let bareDate = placeDateLine == nil ? context.bareDateLine : nil
        let dateAt = placeDateLine ?? bareDate ?? start
        if header.place == nil {
            if let written = unreadPlace(context, dateLine: placeDateLine ?? bareDate) {
                sink.report(.missingPlace, "could not check the place: \"\(written)\" stands before the date but was not read as a place",
                            at: dateAt, subject: "place", severity: .note)
            } else {
                let message = placeDateLine != nil ? "the place and date line names no place"
                    : bareDate != nil ? "the date line names no place" : "the header has no place and date line"
                sink.report(.missingPlace, message, at: dateAt, subject: "place")
            }
        }
        if let date = header.date {
            let blank = [("day", date.day), ("month", date.month), ("year", date.year)].filter { $0.1 == nil }.map(\.0)
            if !blank.isEmpty {
                sink.report(.incompleteDate, "the date of issue has a blank \(blank.joined(separator: " and "))",
                            at: dateAt, subject: blank.joined(separator: " "))
            }
        } else if placeDateLine != nil || header.place != nil {
            sink.report(.incompleteDate, "the place and date line has no date", at: dateAt, subject: "date")
        }

        if header.documentType == nil {
            sink.report(.missingDocumentType, "the header names no document type (\"KẾ HOẠCH\")", at: start,
                        subject: "type")
        }
        if header.title == nil {
            sink.report(.missingTitle, "the document has no title (trích yếu) under its type",
                        at: context.headerSpan(.documentType) ?? start, subject: "title")
        }

        signature(context, &sink)
        recipients(context, &sink)
    }

    /// Words before ", ngày" on the date line, when the parser read no place from them: a place in a
    /// form not read yet (the rule cannot say it is missing).
    /// Without a date line the parser recognised, the header's first lines are searched for a cell
    /// "<words> ngày … tháng … năm" ("Bình Lư ngày 5 tháng 3 năm 2021", the comma missing).
    static func unreadPlace(_ context: LintContext, dateLine: SourceSpan?) -> String? {
        let candidates = dateLine.map { [$0.startLine] } ?? Array(1...max(1, min(12, context.source.lines.count)))
        for number in candidates {
            for cell in context.line(number).split(separator: "|") {
                guard let day = cell.range(of: "ngày"), dateLine != nil || (cell.contains("tháng") && cell.contains("năm")) else { continue }
                let words = cell[..<day.lowerBound].trimmingCharacters(in: .whitespaces.union(.punctuationCharacters).union(.init(charactersIn: "*")))
                // Two columns: the place is the text after the widest gap ("Số: 96/KH-UBND      Yên Khê, ngày").
                let place = words.components(separatedBy: "   ").last?.trimmingCharacters(in: .whitespaces) ?? words
                guard place.contains(where: \.isLetter), !place.lowercased().hasPrefix("số"),
                      !place.lowercased().hasPrefix("căn cứ"), place.split(separator: " ").count <= 6 else { continue }
                return place
            }
        }
        return nil
    }

    /// PK115: signer's title and name.
    static func signature(_ context: LintContext, _ sink: inout FindingSink) {
        let end = context.lineSpan(lastTextLine(context))
        guard let signature = context.plan.signature else {
            if let title = unreadSigner(context, after: 1) {
                sink.report(.incompleteSignature, "could not check the signature: a signer's title and name are written here but were not read",
                            at: title, subject: "absent", severity: .note)
            } else {
                sink.report(.incompleteSignature, "the document has no signature block (signer's title and name)",
                            at: end, subject: "absent")
            }
            return
        }
        var missing: [String] = []
        if signature.title == nil { missing.append("title") }
        if signature.name == nil { missing.append("name") }
        guard !missing.isEmpty else { return }
        if unreadSigner(context, after: signature.span.startLine) != nil {
            sink.report(.incompleteSignature, "could not check the signature: the lines below the block look like the signer's \(missing.joined(separator: " or ")) but were not read",
                        at: context.lineSpan(signature.span.endLine), subject: missing.joined(separator: " "), severity: .note)
            return
        }
        sink.report(.incompleteSignature, "the signature block has no signer's \(missing.joined(separator: " or "))",
                    at: context.lineSpan(signature.span.endLine), subject: missing.joined(separator: " "))
    }

    /// Titles a signer signs under, in capitals.

    /// A signer's title in capitals followed within four lines by what looks like a person's name
    /// (two to five capitalised words, no digits), among the document's last 30 lines from `after`
    /// on: the span of the title when found.
    static func unreadSigner(_ context: LintContext, after: Int) -> SourceSpan? {
        let last = lastTextLine(context)
        let from = max(after, last - 30, 1)
        guard from <= last else { return nil }
        for number in from...last {
            let cells = context.line(number).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.contains(where: { cell in Keywords.signerTitles.contains { cell.contains($0) } && cell == cell.uppercased() }) else { continue }
            for next in (number + 1)..<min(number + 5, last + 1) {
                let words = context.line(next).split(separator: "|").last.map { $0.split(whereSeparator: \.isWhitespace) } ?? []
                let name = words.filter { $0 != "**" }.map { $0.trimmingCharacters(in: .init(charactersIn: "*")) }
                if (2...5).contains(name.count), name.allSatisfy({ $0.first?.isUppercase == true && !$0.contains(where: \.isNumber)
                    && $0.dropFirst().allSatisfy(\.isLowercase) }) {
                    return context.lineSpan(number)
                }
            }
        }
        return nil
    }

    /// PK116: a Nơi nhận list that ends with "Lưu".
    static func recipients(_ context: LintContext, _ sink: inout FindingSink) {
        let closing = context.plan.closing
        guard let last = context.plan.recipients.last else {
            let at = closing.first { $0.role == .recipientsLabel }.map { context.refine($0.span) }
                ?? context.lineSpan(lastTextLine(context))
            sink.report(.recipientsWithoutArchive, "the document has no Nơi nhận list", at: at, subject: "absent")
            return
        }
        let text = last.drop { $0 == "-" || $0 == "+" || $0.isWhitespace }
        guard !text.hasPrefix("Lưu") else { return }
        let block = closing.last { $0.role == .recipient }
        let at = block.map { context.refine($0.span) } ?? context.lineSpan(lastTextLine(context))
        sink.report(.recipientsWithoutArchive, "the Nơi nhận list ends with \"\(text)\", not with \"Lưu\"",
                    at: at, subject: String(text))
    }

    private static func lastTextLine(_ context: LintContext) -> Int {
        context.source.lines.lastIndex { !$0.allSatisfy(\.isWhitespace) }.map { $0 + 1 } ?? 1
    }
}
