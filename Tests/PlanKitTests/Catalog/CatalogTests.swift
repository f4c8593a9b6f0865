import Foundation
import Testing
@testable import PlanKit

/// The national catalog and the normaliser that maps local indicators onto it.
@Suite struct CatalogTests {
    /// The committed Swift data is what the markdown gives today (regenerate with `plankit catalog --swift`).
    @Test func generatedDataIsUpToDate() throws {
        let markdown = try String(contentsOf: Repository.url("Data/national-strategy-2021-2030.md"), encoding: .utf8)
        let parsed = try CatalogMarkdown.parse(markdown)
        #expect(parsed == NationalCatalog.indicators)
        let source = try String(contentsOf: Repository.url("Sources/PlanKit/Catalog/NationalCatalog+Data.swift"), encoding: .utf8)
        #expect(source == CatalogMarkdown.swiftSource(parsed, sourceName: "Data/national-strategy-2021-2030.md"), """
            NationalCatalog+Data.swift is stale: swift run plankit catalog --swift Data/national-strategy-2021-2030.md \
            --output Sources/PlanKit/Catalog/NationalCatalog+Data.swift
            """)
    }

    @Test func catalogHasTheStrategysTwentyIndicators() throws {
        let all = NationalCatalog.indicators
        #expect(all.count == 20)
        #expect(Dictionary(grouping: all, by: \.objective).mapValues(\.count) == [1: 1, 2: 3, 3: 4, 4: 4, 5: 4, 6: 4])
        let i22 = try #require(NationalCatalog.indicator(id: "2.2"))
        #expect(i22.direction == .lowerIsBetter)
        #expect(i22.targets.map { [$0.year, Int($0.value)] } == [[2025, 30], [2030, 25]])
        #expect(i22.targets.allSatisfy { $0.comparator == .lt && $0.confirmed })
        let i32 = try #require(NationalCatalog.indicator(id: "3.2"))
        #expect(i32.parts.map(\.label) == ["a", "b"])
        #expect(i32.targets.map { "\($0.part ?? "-")\($0.year):\(Int($0.value))" } == ["a2025:80", "b2025:50", "a2030:90", "b2030:70"])
        #expect(NationalCatalog.indicator(id: "3.3")?.targets.first?.fromYearOn == true)
        #expect(NationalCatalog.indicator(id: "4.1")?.targets.first?.unit == .per100Girls)
        #expect(NationalCatalog.indicator(id: "4.2")?.targets.last?.unit == .per100k)
        #expect(NationalCatalog.indicator(id: "4.3")?.confirmed == false)
        #expect(NationalCatalog.indicator(id: "4.4")?.targets.map(\.unit) == [.count])
        #expect(NationalCatalog.indicator(id: "5.1")?.targets.isEmpty == true)
        #expect(NationalCatalog.indicator(id: "1.1")?.measure.contains("written") == false)
    }

    @Test func matchesByTheWordsOfTheMeasure() {
        let rows: [(text: String, domain: Domain, expected: String?)] = [
            ("Phấn đấu đến năm 2025 đạt 60% và đến năm 2030 đạt 75% các cơ quan quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là nữ.", Domain.politics, "1.1" as String?),
            ("Tỷ lệ nữ làm chủ doanh nghiệp đạt ít nhất 27% vào năm 2025 và 30% vào năm 2030.", .economyLabour, "2.3"),
            ("Giảm số giờ trung bình làm công việc nội trợ và chăm sóc trong gia đình không được trả công của phụ nữ còn 1,7 lần vào năm 2025", .familyGBV, "3.1"),
            ("Đến năm 2025 các xã, thị trấn có địa chỉ tin cậy triển khai các hoạt động trợ giúp, phòng ngừa và ứng phó với bạo lực trên cơ sở giới.", .familyGBV, "3.4"),
            ("Từng bước xóa bỏ tình trạng tảo hôn và hôn nhân cận huyết thống trong vùng đồng bào dân tộc thiểu số", .familyGBV, nil),
            ("Tỷ suất tử vong mẹ giảm còn <48/100.000 trẻ đẻ sống vào năm 2025 (theo Quyết định số 886/QĐ-SYT ngày 16/12/2020 của Sở Y tế về giao chỉ tiêu kế hoạch hoạt động chuyên môn 5 năm 2021-2025).", .health, "4.2"),
            ("Tỷ lệ nữ tiến sĩ trong tổng số người có trình độ tiến sĩ đạt 25% vào năm 2025", .education, "5.4"),
            ("Hàng tháng, tiếp tục duy trì đạt bài phát thanh, truyền hình xã có chuyên mục, chuyên đề nâng cao nhận thức về bình đẳng giới.", .informationCommunication, "6.4"),
            ("Phấn đấu 100% nữ đại biểu dân cử được trang bị kiến thức về bình đẳng giới và kỹ năng quản lý, lãnh đạo.", .politics, nil),
        ]
        for (text, domain, expected) in rows {
            #expect(CatalogIndex(NationalCatalog.indicators).match(text: text, domain: domain)?.id == expected, "\(text)")
        }
    }

    /// Without a domain the whole catalog competes; words that measure nothing national match nothing anywhere.
    @Test func matchingWithoutADomainAndWithoutAMeasure() {
        let index = CatalogIndex.national
        #expect(index.match(text: "Tăng tỷ lệ lao động nữ làm công hưởng lương lên đạt 50% vào năm 2025.", domain: nil)?.id == "2.1")
        #expect(index.match(text: "Tỷ số giới tính khi sinh ở mức 111 bé trai/100 bé gái sinh ra sống", domain: nil)?.id == "4.1")
        for domain in [nil] + Domain.allCases.map(Optional.some) {
            #expect(index.match(text: "Tổ chức hội thi tìm hiểu pháp luật cho cán bộ xã.", domain: domain) == nil, "\(String(describing: domain))")
            #expect(index.match(text: "", domain: domain) == nil)
            #expect(index.match(text: "50% 2025 (1303/KH-UBND)", domain: domain) == nil)
        }
    }

    /// Quảng Trị (004) mirrors the strategy and adds child marriage as MT3.CT5. `PlanParser.parse` normalises.
    @Test func seed004MapsEveryIndicatorButTheLocalAddition() throws {
        let plan = try Repository.parse(try #require(Repository.seeds["004"]))
        let ids = plan.objectives.flatMap(\.indicators).map { "\($0.id)=\($0.nationalId ?? "nil")" }
        #expect(ids == [
            "MT1.CT1=1.1", "MT2.CT1=2.1", "MT2.CT2=2.2", "MT2.CT3=2.3",
            "MT3.CT1=3.1", "MT3.CT2=3.2", "MT3.CT3=3.3", "MT3.CT4=3.4", "MT3.CT5=nil",
            "MT4.CT1=4.1", "MT4.CT2=4.2", "MT4.CT3=4.3", "MT4.CT4=4.4",
            "MT5.CT1=5.1", "MT5.CT2=5.2", "MT5.CT3=5.3", "MT5.CT4=5.4",
            "MT6.CT1=6.1", "MT6.CT2=6.2", "MT6.CT3=6.3", "MT6.CT4=6.4",
        ])
    }

    /// Targets of a compound indicator get the national target of their own part and year.
    @Test func compoundTargetsGetTheirPartsCounterpart() throws {
        let plan = try Repository.parse(try #require(Repository.seeds["004"]))
        let mt3 = try #require(plan.objectives.first { $0.number == 3 })
        let ct2 = try #require(mt3.indicators.first { $0.number == 2 })
        #expect(ct2.targets.map { "\(Int($0.value))@\($0.year ?? 0)→\($0.national?.part ?? "-")\(Int($0.national?.value ?? 0))" }
                == ["80@2025→a80", "90@2030→a90", "50@2025→b50", "70@2030→b70"])
        let mt5 = try #require(plan.objectives.first { $0.number == 5 })
        let ct4 = try #require(mt5.indicators.first { $0.number == 4 })
        #expect(ct4.targets.map { $0.national?.part } == ["a", "a", "b", "b"])
    }

    /// Parsed (so normalised) plans keep to the parse JSON contract (nationalId, national targets).
    @Test func normalisedPlansValidateAgainstTheSchema() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plankit-normalised-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var documents: [String] = []
        for (seed, path) in Repository.seeds.sorted(by: { $0.key < $1.key }) {
            let plan = try Repository.parse(path)
            let file = folder.appendingPathComponent("\(seed).json")
            try PlanJSONEncoder().encode(plan).write(to: file, atomically: true, encoding: .utf8)
            documents.append(file.path)
        }
        let result = try SchemaValidator.validate(schema: Repository.url("docs/plan.schema.json").path, documents: documents)
        #expect(result.status == 0, "\(result.output)")
    }

    /// Bình Lư (001) and Bắc Yên (003) renumber nothing but drop some indicators; every one they keep is national.
    @Test func parseCarriesNationalIds() {
        let rows: [(seed: String, expected: [String])] = [
            ("001", ["MT1.CT1=1.1", "MT2.CT1=2.1", "MT2.CT2=2.2", "MT2.CT3=2.3",
                     "MT3.CT1=3.1", "MT3.CT2=3.2", "MT3.CT3=3.3", "MT3.CT4=3.4",
                     "MT4.CT1=4.1", "MT4.CT2=4.2", "MT4.CT3=4.3",
                     "MT5.CT1=5.1", "MT5.CT2=5.2", "MT5.CT3=5.3", "MT5.CT4=5.4",
                     "MT6.CT1=6.1", "MT6.CT2=6.2", "MT6.CT3=6.3", "MT6.CT4=6.4"]),
            ("003", ["MT1.CT1=1.1", "MT2.CT1=2.1", "MT2.CT2=2.2", "MT2.CT3=2.3",
                     "MT3.CT1=3.1", "MT3.CT2=3.2", "MT3.CT3=3.3", "MT3.CT4=3.4",
                     "MT4.CT1=4.1", "MT4.CT2=4.2", "MT4.CT3=4.3",
                     "MT5.CT1=5.1", "MT5.CT2=5.2", "MT5.CT3=5.3", "MT5.CT4=5.4",
                     "MT6.CT1=6.1", "MT6.CT2=6.2"]),
        ]
        forEachRow(rows, named: { "seed \($0.seed)" }) { seed, expected in
            let plan = try Repository.parse(try #require(Repository.seeds[seed], "seed \(seed)"))
            #expect(plan.objectives.flatMap(\.indicators).map { "\($0.id)=\($0.nationalId ?? "nil")" } == expected, "seed \(seed)")
        }
    }

    /// Normalising a parsed plan again changes nothing (lint relies on the parser's normalisation).
    @Test func normalisingAParsedPlanAgainChangesNothing() throws {
        for path in Repository.seeds.values.sorted() {
            let plan = try Repository.parse(path)
            #expect(NationalNormalizer.normalize(plan) == plan, "\(path)")
        }
    }

    /// A local measure that goes down where the national one goes up is another indicator, however
    /// many words they share.
    @Test func aMeasureRunningAgainstTheNationalOneIsLocal() {
        let plan = NationalNormalizer.normalize(parse("""
            II. MỤC TIÊU
            Mục tiêu 3: Trong đời sống gia đình và phòng ngừa, ứng phó với bạo lực trên cơ sở giới
            - Chỉ tiêu 1: Đến năm 2025 đạt 85% người bị bạo lực gia đình được phát hiện được tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản.
            - Chỉ tiêu 2: Năm 2025, số vụ bạo lực gia đình được phát hiện giảm ít nhất 5% so với năm 2024.
            """))
        #expect(plan.objectives.first?.indicators.map(\.nationalId) == ["3.2", nil])
    }

    /// "mỗi quý có ít nhất 04 tin, bài" is part of 6.3's measure, whose national target is a share of
    /// communes: the count is no target of its own; the share has its counterpart.
    @Test func aCountInAMeasureOfSharesIsNoTarget() throws {
        let plan = try Repository.parse(try #require(Repository.seeds["004"]))
        let ct3 = try #require(plan.objectives.first { $0.number == 6 }?.indicators.first { $0.number == 3 })
        #expect(ct3.nationalId == "6.3")
        #expect(ct3.targets.map { "\($0.text)→\($0.national?.text ?? "nil")" }
                == ["Từ năm 2025 trở đi 100%→100% from 2025 on"])
        // 4.4 counts ("at least one" facility), so a count there has its counterpart.
        let ct4 = try #require(plan.objectives.first { $0.number == 4 }?.indicators.first { $0.number == 4 })
        #expect(ct4.targets.map { $0.national?.text } == ["at least one"])
    }

    /// A local plan that splits 5.4 into two indicators: each gets its own part's targets.
    @Test func aLocalIndicatorCarryingOnePartGetsThatPart() {
        let span = SourceSpan(startLine: 1, endLine: 1)
        var plan = Plan(source: SourceInfo(path: "x.txt", lineCount: 1))
        plan.objectives = [Objective(number: 5, title: "", domain: .education, span: span, indicators: [
            Indicator(id: "MT5.CT4", number: 4, text: "Tỷ lệ nữ thạc sĩ trong tổng số người có trình độ thạc sĩ đạt 45% vào năm 2025.",
                      span: span, targets: [Target(value: 45, unit: .percent, comparator: .eq, year: 2025, text: "đạt 45% vào năm 2025", span: span)]),
            Indicator(id: "MT5.CT5", number: 5, text: "Tỷ lệ nữ tiến sĩ trong tổng số người có trình độ tiến sĩ đạt 25% vào năm 2025.",
                      span: span, targets: [Target(value: 25, unit: .percent, comparator: .eq, year: 2025, text: "đạt 25% vào năm 2025", span: span)]),
        ])]
        let indicators = NationalNormalizer.normalize(plan).objectives[0].indicators
        #expect(indicators.map(\.nationalId) == ["5.4", "5.4"])
        #expect(indicators.map { $0.targets[0].national?.part } == ["a", "b"])
    }

    @Test func plansOfTheEarlierStrategyGetNoIds() {
        var plan = Plan(source: SourceInfo(path: "old.txt", lineCount: 0))
        plan.header.period = Period(from: 2016, to: 2020)
        plan.objectives = [Objective(number: 2, title: "", domain: .economyLabour, span: SourceSpan(startLine: 1, endLine: 1),
                                     indicators: [Indicator(id: "MT2.CT1", number: 1, text: "Tăng tỷ lệ lao động nữ làm công hưởng lương",
                                                            span: SourceSpan(startLine: 1, endLine: 1))])]
        #expect(NationalNormalizer.normalize(plan).objectives[0].indicators[0].nationalId == nil)
        plan.header.period = Period(from: 2021, to: 2025)
        #expect(NationalNormalizer.normalize(plan).objectives[0].indicators[0].nationalId == "2.1")
    }
}
