/// Reads the end matter: the closing remark, "Nơi nhận" and its list, the signature block.
enum ClosingExtractor {
    static let recipientsLabel = Phrase("nơi nhận")
    static let onBehalf: [Phrase] = ["tm.", "t/m"].map(Phrase.init)
    static let delegation: [Phrase] = ["kt.", "tl.", "tuq.", "q.", "k/t"].map(Phrase.init)

    static func extract(_ closing: [Block], diagnostics: inout [Diagnostic]) -> (Signature?, [String], [TextBlock]) {
        var recipients: [String] = []
        var blocks: [TextBlock] = []
        var inRecipients = false
        var onBehalfText: String? = nil
        var delegationText: String? = nil
        var titleText: String? = nil
        var name: String? = nil
        var signatureSpan: SourceSpan? = nil

        for block in closing {
            var role = BlockRole.text
            let text = block.text
            if text.matches(Keywords.recipients, at: 0) {
                role = .recipientsLabel
                inRecipients = true
            } else if inRecipients, block.marker?.style == .bullet {
                role = .recipient
                recipients.append(trimmedItem(block.string))
            } else if inRecipients, block.marker == nil, blocks.last?.role == .recipient, let last = recipients.last,
                      let end = blocks.last?.text.unicodeScalars.last, end != ";", end != ".", end != ",",
                      block.fragments.count == 1, block.text.count <= 60, !block.isAllCaps, !looksLikeName(block) {
                // An item wrapped in its column ("- Ban Thường vụ Đảng ủy, Thường trực" / "HĐND xã (b/c);").
                role = .recipient
                recipients[recipients.count - 1] = trimmedItem(last + " " + block.string)
            } else if block.isAllCaps, block.marker == nil {
                // In a table the signature's cells sit beside the list's, row by row: the list goes on.
                if block.kind != .cell { inRecipients = false }
                role = .signature
                // A second signature block (a decision's, then the plan's it issues): the last one signs.
                if name != nil, SectionRecognizer.isSignatureLine(block) {
                    (onBehalfText, delegationText, titleText, name, signatureSpan) = (nil, nil, nil, nil, nil)
                }
                if onBehalf.contains(where: { text.matches($0.words[0], at: 0) }) { onBehalfText = block.string }
                else if delegation.contains(where: { text.matches($0.words[0], at: 0) }) { delegationText = block.string }
                else if let title = titleText, blocks.last?.role == .signature, blocks.last?.text == title,
                        !block.string.contains(" ") {
                    // A title wrapped in its column ("PHÓ CHỦ TỊCH THƯỜNG" / "TRỰC"); a name in capitals has two words or more.
                    titleText = title + " " + block.string
                }
                else { titleText = block.string }
                signatureSpan = signatureSpan.map { $0.union(block.span) } ?? block.span
            } else if text.matches(Keywords.aboveIs, at: 0) {
                inRecipients = false
                role = .closingRemark
            } else if signatureSpan != nil, name == nil, looksLikeName(block) {
                role = .signer
                name = block.string
                signatureSpan = signatureSpan!.union(block.span)
            } else if block.kind != .rule, block.kind != .cell, !Lexer.isRule(block.text.scalars) {
                inRecipients = false
            }
            blocks.append(TextBlock(role: role, marker: block.marker?.raw, text: block.string, span: block.span))
        }

        var signature: Signature? = nil
        if let span = signatureSpan {
            signature = Signature(onBehalf: onBehalfText, delegation: delegationText, title: titleText, name: name, span: span)
            if name == nil {
                diagnostics.append(Diagnostic(.missingSignerName, "the signature block names no signer", span: span))
            }
        } else {
            diagnostics.append(Diagnostic(.missingSignature, "the plan has no signature block",
                                          span: closing.last?.span))
        }
        if recipients.isEmpty {
            diagnostics.append(Diagnostic(.missingRecipients, "the plan has no \"Nơi nhận\" list", span: closing.first?.span))
        }
        return (signature, recipients, blocks)
    }

    /// "Sở Nội vụ;" → "Sở Nội vụ"; "Lưu: VT." → "Lưu: VT".
    static func trimmedItem(_ s: String) -> String {
        var scalars = Array(s.unicodeScalars)
        while let last = scalars.last, last == ";" || last == "," || last == "." || Scalars.isSpace(last) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// "Nguyễn Thị Nhàn", "Thào A Mua": 2 to 6 words, each capitalised, nothing else.
    static func looksLikeName(_ block: Block) -> Bool {
        // On the scalars, without splitting a String: the closing of a long file asks this of many blocks.
        guard block.marker == nil, block.text.count <= 60 else { return false }
        var words = 0
        var atWordStart = true
        for s in block.text.scalars {
            if s == " " {
                atWordStart = true
                continue
            }
            guard Scalars.isLetter(s) else { return false }
            if atWordStart {
                guard Scalars.isUpper(s) else { return false }
                words += 1
                atWordStart = false
            }
        }
        return (2...6).contains(words) && !atWordStart
    }
}
