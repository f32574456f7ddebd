// The note's per-school figures keyed by numbers (period, group, key) rather than by texts:
// compared with the plain way, keyed by `String`, on names that differ only in their Unicode
// normalisation, ties, one school, a group without values and a missing group.
import Testing
@testable import Soko

@Suite struct NoteDenseTests {
    static let rules = """
    dataset d { key id  period year  label name  column town: text  column a: count  column b: count }
    indicator s "доля" = a / b
    rule high "Высокая доля" { when s > 50%  severity high }
    rule many "Много" { when a >= 7  severity low }
    """

    /// «Зелёный» precomposed (ё) and decomposed (е + U+0308): one town for `String`; keys `é`
    /// and `e` + U+0301 the same; a town of one school; a town whose schools have no value; a
    /// school without a town; equal values (ties).
    static let csv = """
    id,year,name,town,a,b
    1,2023,Школа 1,Зел\u{0451}ный,6,10
    1,2024,Школа 1,Зел\u{0451}ный,6,10
    2,2023,Школа 2,Зел\u{0435}\u{0308}ный,7,10
    2,2024,Школа 2,Зел\u{0435}\u{0308}ный,7,10
    3,2024,Школа 3,Зел\u{0451}ный,7,10
    \u{00E9},2023,Школа é,Озёрный,8,10
    e\u{0301},2024,Школа e\u{0301},Озёрный,9,10
    5,2024,Школа 5,Одинокий,6,10
    6,2024,Школа 6,Пустой,,
    7,2024,Школа 7,,8,10
    8,2023,Школа 8,Зел\u{0451}ный,1,10
    8,2024,Школа 8,Зел\u{0451}ный,2,10

    """

    static func facts(_ rules: String = rules, _ csv: String = csv, groupBy: Bool = true) throws -> NoteFacts {
        let evaluation = try Support.evaluate(rules: rules, csv: csv)
        let summary = Summary(evaluation: evaluation, groupBy: groupBy ? Summary.defaultGroup(of: evaluation.program) : nil)
        return NoteFacts(evaluation: evaluation, summary: summary, language: .ru)
    }

    /// The means and ranges the way they were found before: a dictionary keyed by
    /// `"period|group"` texts, entity by entity.
    static func plainScale(_ facts: NoteFacts, rule: Int) -> (means: [String: Double], ranges: [Int: (low: Double, high: Double)])? {
        let evaluation = facts.evaluation
        guard let (subject, _) = NotePictures.threshold(of: evaluation.program.rules[rule].condition, parameters: evaluation.parameterValues)
        else { return nil }
        let column = evaluation.column(subject)
        var sums: [String: (Double, Int)] = [:]
        var ranges: [Int: (low: Double, high: Double)] = [:]
        for entity in 0..<evaluation.entities.count {
            guard case .number(let x) = column.value(at: entity) else { continue }
            let period = evaluation.entities.period(entity) ?? 0
            let key = "\(period)|\(facts.group(entity) ?? "")"
            let sum = sums[key] ?? (0, 0)
            sums[key] = (sum.0 + x, sum.1 + 1)
            let range = ranges[period] ?? (x, x)
            ranges[period] = (min(range.low, x), max(range.high, x))
        }
        return (sums.mapValues { $0.0 / Double($0.1) }, ranges)
    }

    /// The risk-zone matrix the way it was found before: rows keyed by the display key's text.
    static func plainMatrix(_ facts: NoteFacts, periods: [Int]) -> [(school: String, zones: [NotePictures.Zone])] {
        let evaluation = facts.evaluation
        let entities = evaluation.entities
        let statuses = facts.summary.statuses
        let earlier = periods.first.flatMap { first in facts.allPeriods.last(where: { $0 < first }) }
        var columnOf = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0 + 1) })
        if let earlier { columnOf[earlier] = 0 }
        var flagged: [String: [Bool?]] = [:]
        var labels: [String: String] = [:]
        var order: [String] = []
        for entity in 0..<entities.count {
            guard let period = entities.period(entity), let column = columnOf[period] else { continue }
            let key = entities.displayKey(entity)
            if flagged[key] == nil {
                flagged[key] = [Bool?](repeating: nil, count: periods.count + 1)
                order.append(key)
            }
            flagged[key]![column] = statuses[entity] == .flagged
            if column > 0 { labels[key] = evaluation.label(entity) ?? key }
        }
        let matrix = order.filter { flagged[$0]!.dropFirst().contains(true) }.map { key in
            let row = flagged[key]!
            let zones = row.indices.dropFirst().map { index -> NotePictures.Zone in
                guard let now = row[index] else { return .absent }
                let before = row[index - 1] ?? false
                switch (now, before) {
                case (true, true): return .stayed
                case (true, false): return .entered
                case (false, true): return .left
                case (false, false): return .outside
                }
            }
            return (school: labels[key] ?? key, zones: zones)
        }
        let inZone = matrix.filter { [.entered, .stayed].contains($0.zones.last ?? .absent) }
        return inZone + matrix.filter { ![.entered, .stayed].contains($0.zones.last ?? .absent) }
    }

    static func expectSameScales(_ facts: NoteFacts, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let profiles = SchoolProfiles(facts: facts)
        #expect(!profiles.scales.isEmpty, sourceLocation: sourceLocation)
        for (rule, scale) in profiles.scales {
            guard let plain = plainScale(facts, rule: rule) else {
                Issue.record("no plain scale for rule \(rule)", sourceLocation: sourceLocation)
                continue
            }
            // Exactly equal: the same sums in the same order.
            #expect(scale.means == plain.means, sourceLocation: sourceLocation)
            #expect(scale.ranges.keys.sorted() == plain.ranges.keys.sorted(), sourceLocation: sourceLocation)
            for (period, range) in plain.ranges {
                #expect(scale.ranges[period]?.low == range.low && scale.ranges[period]?.high == range.high, sourceLocation: sourceLocation)
            }
        }
    }

    static func expectSameMatrix(_ facts: NoteFacts, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let pictures = NotePictures(facts: facts)
        let plain = plainMatrix(facts, periods: pictures.periods)
        #expect(pictures.matrix.map(\.school) == plain.map(\.school), sourceLocation: sourceLocation)
        #expect(pictures.matrix.map(\.zones) == plain.map(\.zones), sourceLocation: sourceLocation)
    }

    @Test func groupsThatDifferOnlyInNormalisationShareOneMean() throws {
        let facts = try Self.facts()
        Self.expectSameScales(facts)
        let profiles = SchoolProfiles(facts: facts)
        let rule = try #require(facts.program.rule(named: "high"))
        let means = try #require(profiles.scales[rule]).means
        // 2024 in «Зелёный», both spellings: 0.6, 0.7, 0.7, 0.2.
        #expect(means["2024|Зел\u{0451}ный"] == means["2024|Зел\u{0435}\u{0308}ный"])
        #expect(abs((means["2024|Зел\u{0451}ный"] ?? 0) - 0.55) < 1e-12)
        #expect(means["2024|Одинокий"] == 0.6)
        // A town whose school has no value has no mean; a school without a town is in «—».
        #expect(means["2024|Пустой"] == nil)
        #expect(means["2024|—"] == 0.8)
    }

    @Test func theProfileOfASchoolInADecomposedTownUsesTheSharedMean() throws {
        let facts = try Self.facts()
        let profiles = SchoolProfiles(facts: facts)
        let school2 = try #require(facts.evaluation.entities.entity(key: "2", period: 2024))
        let school1 = try #require(facts.evaluation.entities.entity(key: "1", period: 2024))
        let svg2 = try #require(profiles.svg(entity: school2))
        let svg1 = try #require(profiles.svg(entity: school1))
        func meanLine(_ svg: String) -> String? {
            svg.split(separator: "\n").first { $0.contains("stroke=\"#2c7fb8\" stroke-width=\"3\"") }.map(String.init)
        }
        #expect(meanLine(svg2) != nil)
        #expect(meanLine(svg2) == meanLine(svg1))
    }

    @Test func withoutAGroupColumnAndWithoutPeriods() throws {
        Self.expectSameScales(try Self.facts(groupBy: false))
        let rules = """
        dataset d { key id  label name  column town: text  column a: count  column b: count }
        indicator s "доля" = a / b
        rule high "Высокая доля" { when s > 50%  severity high }
        """
        let csv = """
        id,name,town,a,b
        1,Школа 1,Зел\u{0451}ный,6,10
        2,Школа 2,Зел\u{0435}\u{0308}ный,6,10
        3,Школа 3,,9,10

        """
        let facts = try Self.facts(rules, csv)
        Self.expectSameScales(facts)
        Self.expectSameMatrix(facts)
        #expect(NotePictures(facts: facts).matrix.isEmpty)
    }

    @Test func oneSchool() throws {
        let csv = """
        id,year,name,town,a,b
        1,2024,Школа 1,Зел\u{0451}ный,6,10

        """
        let facts = try Self.facts(Self.rules, csv)
        Self.expectSameScales(facts)
        Self.expectSameMatrix(facts)
        let profiles = SchoolProfiles(facts: facts)
        let rule = try #require(facts.program.rule(named: "high"))
        // One value: the range is that value; the picture widens it by one either side.
        #expect(profiles.scales[rule]?.ranges[2024]?.low == 0.6 && profiles.scales[rule]?.ranges[2024]?.high == 0.6)
        #expect(profiles.svg(entity: 0) != nil)
    }

    @Test func theRiskZoneMatrixMatchesThePlainWay() throws {
        let facts = try Self.facts()
        Self.expectSameMatrix(facts)
        let pictures = NotePictures(facts: facts)
        // Every school flagged in some period, each once; a key that has no 2024 row is absent then.
        #expect(pictures.matrix.count == Set(pictures.matrix.map(\.school)).count)
        #expect(pictures.matrix.contains { $0.school == "Школа 1" && $0.zones == [.entered, .stayed] })
    }

    @Test func labelsMissingFallBackToTheKey() throws {
        let rules = """
        dataset d { key id  period year  column a: count  column b: count }
        indicator s "доля" = a / b
        rule high "Высокая доля" { when s > 50%  severity high }
        """
        let csv = """
        id,year,a,b
        \u{00E9},2023,8,10
        e\u{0301},2024,9,10
        x,2023,1,10
        x,2024,9,10

        """
        let facts = try Self.facts(rules, csv)
        Self.expectSameMatrix(facts)
        Self.expectSameScales(facts)
    }
}
