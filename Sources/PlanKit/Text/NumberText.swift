/// How every output writes a number: the shortest text that reads back as the same value, without
/// a needless ".0" ("40", "39.5", "1.4", "100000").
enum NumberText {
    static func shortest(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }
}
