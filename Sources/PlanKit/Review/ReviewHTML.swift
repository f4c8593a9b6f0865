import Foundation

/// Escaping and small formatting helpers for the review pages.
///
/// Every string that comes from a plan, a file path or the catalog goes through ``escape(_:)``
/// before it is put into the page, in text and in attribute values alike: `&`, `<`, `>`, `"`
/// and `'` become character references, so no text can close an element or an attribute.
/// Control characters other than tab (which an HTML parser reports as errors) are shown as their
/// Unicode control pictures ("␌" for a form feed from a PDF's page break), C1 controls as U+FFFD.
enum ReviewHTML {
    /// `text` safe inside an element or a quoted attribute value.
    static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t": result.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}": result.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case "\u{7F}": result.unicodeScalars.append("\u{2421}")
            case "\u{80}"..."\u{9F}": result.unicodeScalars.append("\u{FFFD}")
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `escape` over a run of scalars.
    static func escape(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        escape(String(String.UnicodeScalarView(scalars)))
    }

    /// "33:1-33:67": a span as the pages write it in `data-span` (line:column-line:column).
    static func span(_ span: SourceSpan) -> String {
        "\(span.startLine):\(span.startColumn)-\(span.endLine):\(span.endColumn)"
    }

    /// "line 33" or "lines 33–38".
    static func lines(_ span: SourceSpan) -> String {
        span.startLine == span.endLine ? "line \(span.startLine)" : "lines \(span.startLine)–\(span.endLine)"
    }

    /// A number without a needless ".0" ("38", "1.7", "38.6").
    static func number(_ value: Double) -> String { NumberText.shortest(value) }

    /// A target's comparator as a sign before its value ("≥", "<", "≈"); empty for equal.
    static func sign(_ comparator: Comparator) -> String {
        switch comparator {
        case .eq: ""
        case .gt: ">"
        case .gte: "≥"
        case .lt: "<"
        case .lte: "≤"
        case .approx: "≈"
        }
    }

    /// The unit after a value ("%", "×", "/100 girls").
    static func unit(_ unit: TargetUnit) -> String {
        switch unit {
        case .percent: "%"
        case .times: "×"
        case .per100Girls: " boys/100 girls"
        case .per100k: "/100,000"
        case .per1k: "/1,000"
        case .count: ""
        }
    }

    /// "≥27%", "1.7×", "<109 boys/100 girls".
    static func value(_ value: Double, _ unit: TargetUnit, _ comparator: Comparator) -> String {
        sign(comparator) + number(value) + self.unit(unit)
    }

    /// "5/3/2022" with "?" for a part left blank.
    static func date(_ date: PlanDate) -> String {
        [date.day, date.month, date.year].map { $0.map(String.init) ?? "?" }.joined(separator: "/")
    }

    /// The domain's name in Vietnamese, with its English key.
    static func domain(_ domain: Domain?) -> String {
        switch domain {
        case .politics?: "Chính trị (politics)"
        case .economyLabour?: "Kinh tế, lao động (economy, labour)"
        case .familyGBV?: "Gia đình, bạo lực trên cơ sở giới (family, gender-based violence)"
        case .health?: "Y tế (health)"
        case .education?: "Giáo dục, đào tạo (education)"
        case .informationCommunication?: "Thông tin, truyền thông (information, communication)"
        case nil: "Không rõ lĩnh vực (no domain named)"
        }
    }
}
