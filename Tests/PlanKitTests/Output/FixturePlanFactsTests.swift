import Foundation
import Testing
@testable import PlanKit

/// The new fixture plans of the tuning set against their hand-written facts.
@Suite struct FixturePlanFactsTests {
    static let plans: [String] = {
        let folder = Repository.url("Fixtures/plans/tune")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted().map { "Fixtures/plans/tune/" + $0 }
    }()

    @Test func theTuningSetIsThere() {
        #expect(Self.plans.count == 4)
    }

    @Test func parseHoldsEveryFactOfTheReference() {
        forEachRow(Self.plans, named: { "\($0)" }) { path in
            let facts = PlanFacts.facts(of: try Repository.parse(path))
            let reference = PlanFacts.read(try String(contentsOf: Repository.url(String(path.dropLast(4)) + ".facts"), encoding: .utf8))
            #expect(facts.count == reference.count, "\(path)")
            var missing: [String] = reference
            for fact in facts { if let k = missing.firstIndex(of: fact) { missing.remove(at: k) } }
            #expect(missing.isEmpty, "\(path) missed: \(missing.prefix(5))")
        }
    }
}
