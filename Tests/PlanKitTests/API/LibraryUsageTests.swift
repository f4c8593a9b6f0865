import Foundation
import Testing
import PlanKit

/// The README's library example, against the public API only (no `@testable`): what a Swift
/// package that depends on PlanKit can write.
@Suite struct LibraryUsageTests {
    @Test func readmeExampleRunsOnSeed001() throws {
        let source = try SourceText.read(path: Repository.url("Fixtures/seeds/001_43d52928025800ca.txt").path)
        let plan = PlanParser.parse(source)
        #expect(plan.header.locality?.name == "Bình Lư")
        #expect(plan.header.period.map { "\($0.from)–\($0.to)" } == "2026–2030")
        var lines: [String] = []
        for indicator in plan.objectives.flatMap(\.indicators) {
            for target in indicator.targets {
                lines.append("\(indicator.id) \(indicator.nationalId ?? "local") \(target.comparator) \(target.value) \(target.unit) \(target.year ?? 0)")
            }
        }
        #expect(lines.contains("MT2.CT1 2.1 gt 40.0 percent 2030"), "\(lines)")
        let findings = Linter.lint(source, plan: plan)
        #expect(findings.contains { $0.rule.id == "PK134" })
        let json = try PlanJSONEncoder(style: .compact).encode(plan)
        #expect(json.hasPrefix("{\"schemaVersion\":1,"))
    }
}
