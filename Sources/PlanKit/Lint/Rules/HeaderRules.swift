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
            let message = placeDateLine != nil ? "the place and date line names no place"
                : bareDate != nil ? "the date line names no place" : "the header has no place and date line"
            sink.report(.missingPlace, message, at: dateAt, subject: "place")
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

    /// PK115: signer's title and name.
    static func signature(_ context: LintContext, _ sink: inout FindingSink) {
        let end = context.lineSpan(lastTextLine(context))
        guard let signature = context.plan.signature else {
            sink.report(.incompleteSignature, "the document has no signature block (signer's title and name)",
                        at: end, subject: "absent")
            return
        }
        var missing: [String] = []
        if signature.title == nil { missing.append("title") }
        if signature.name == nil { missing.append("name") }
        guard !missing.isEmpty else { return }
        sink.report(.incompleteSignature, "the signature block has no signer's \(missing.joined(separator: " or "))",
                    at: context.lineSpan(signature.span.endLine), subject: missing.joined(separator: " "))
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
