import Testing
@testable import PlanKit

/// Digits OCR read as letters inside numbers, one row each.
@Suite struct OCRNumberTests {
    @Test func lettersReadAsDigitsInsideNumbers() {
        let rows: [(line: String, repaired: String)] = [
            ("còn l,7 lần vào năm 2025", "còn 1,7 lần vào năm 2025"),
            ("còn I,8 lần so với nam giới", "còn 1,8 lần so với nam giới"),
            ("đạt 1O0% vào năm 2O25", "đạt 100% vào năm 2025"),
            ("khoảng l.250 lao động", "khoảng 1.250 lao động"),
            // Letters where a number does not stand stay.
            ("I. MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH, YÊU CẦU"),
            ("Chỉ tiêu I, II và III", "Chỉ tiêu I, II và III"),
            ("Điều l,a của Luật 2006", "Điều l,a của Luật 2006"),
            ("O,5 phần", "O,5 phần"),
            ("Hà Nội 2O", "Hà Nội 2O"),
        ]
        forEachRow(rows, named: { $0.line }) { line, repaired in
            let result = OCRNumbers.repair(line, lineNumber: 1)
            #expect(result.text == repaired, "\(line)")
            #expect(result.repairs.count == zip(line.unicodeScalars, repaired.unicodeScalars).filter { $0 != $1 }.count, "\(line)")
        }
    }
}
