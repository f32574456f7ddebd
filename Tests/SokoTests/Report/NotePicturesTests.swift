// The note's pictures: threshold rules found, distributions of the latest period, flagged
// schools per rule and period, and the risk zone's entered / stayed / left per school.
import Testing
@testable import Soko

@Suite struct NotePicturesTests {
    static let rules = """
    dataset d { key id  period year  label name  column a: count  column b: count }
    param limit = 50% "порог"
    indicator s "доля" = a / b
    rule high "Высокая доля" { when s > limit  severity high }
    rule odd "Нечётное" { when a = 3 or a = 5  severity low }
    """

    static let csv = """
    id,year,name,a,b
    1,2023,Школа 1,6,10
    1,2024,Школа 1,6,10
    2,2023,Школа 2,1,10
    2,2024,Школа 2,7,10
    3,2023,Школа 3,8,10
    3,2024,Школа 3,2,10
    4,2024,Школа 4,1,10

    """

    static func pictures() throws -> NotePictures {
        let evaluation = try Support.evaluate(rules: Self.rules, csv: Self.csv)
        let summary = Summary(evaluation: evaluation, groupBy: nil)
        return NotePictures(facts: NoteFacts(evaluation: evaluation, summary: summary, language: .ru))
    }

    @Test func thresholdRuleAndItsLatestDistribution() throws {
        let pictures = try Self.pictures()
        #expect(pictures.periods == [2023, 2024])
        // `a = 3 or a = 5` has no threshold: only `high` is drawn.
        #expect(pictures.distributions.count == 1)
        let distribution = pictures.distributions[0]
        #expect(distribution.threshold == 0.5)
        #expect(distribution.points.map(\.value) == [0.6, 0.7, 0.2, 0.1])
        #expect(distribution.points.map(\.flagged) == [true, true, false, false])
        let svg = NotePictures.distributionSVG(distribution, title: "Высокая доля", formatter: ValueFormatter(language: .ru),
                                               text: ReportText(language: .ru))
        #expect(svg.contains(">порог 50,0 %</text>"))
        #expect(svg.components(separatedBy: "fill=\"#c0392b\"").count - 1 == 2)
    }

    @Test func flaggedPerRuleAndPeriodAndTheRiskZone() throws {
        let pictures = try Self.pictures()
        #expect(pictures.flaggedPerPeriod.map(\.counts) == [[2, 2]])
        #expect(pictures.matrix.map(\.school) == ["Школа 1", "Школа 2", "Школа 3"])
        #expect(pictures.matrix.map(\.zones) == [[.entered, .stayed], [.outside, .entered], [.entered, .left]])
        let svg = pictures.matrixSVG(text: ReportText(language: .en))
        #expect(svg.contains(">left the risk zone</text>"))
    }
}

@Suite struct SchoolProfilesTests {
    @Test func aFlaggedSchoolsProfileShowsItsValueTheGroupMeanAndTheThreshold() throws {
        let evaluation = try Support.evaluate(rules: NotePicturesTests.rules, csv: NotePicturesTests.csv)
        let facts = NoteFacts(evaluation: evaluation, summary: Summary(evaluation: evaluation, groupBy: nil), language: .ru)
        let profiles = SchoolProfiles(facts: facts)
        let rule = try #require(evaluation.program.rule(named: "high"))
        let scale = try #require(profiles.scales[rule])
        #expect(scale.threshold == 0.5)
        // 2024: 0.6, 0.7, 0.2, 0.1 → mean 0.4, range 0.1…0.7.
        #expect(abs((scale.means["2024|"] ?? 0) - 0.4) < 1e-12)
        #expect(scale.ranges[2024]?.low == 0.1 && scale.ranges[2024]?.high == 0.7)
        let school1In2024 = try #require(evaluation.entities.entity(key: "1", period: 2024))
        let svg = try #require(profiles.svg(entity: school1In2024))
        #expect(svg.contains(">Высокая доля</text>"))
        #expect(svg.contains(">60,0 %</text>"))
        let school4 = try #require(evaluation.entities.entity(key: "4", period: 2024))
        #expect(profiles.svg(entity: school4) == nil)
    }

    /// Values at the ends of the doubles (±1e308): the pictures' coordinates stay numbers
    /// between the picture's edges, and the notes are written (they once stopped converting an
    /// infinite coordinate to a whole number).
    @Test func valuesNearTheLargestDoubleAreDrawnInsideThePicture() throws {
        let rules = """
        dataset d { key id  period year  label name  column a: number }
        param limit = 1 "порог"
        indicator s "значение" = a
        rule high "Большое значение" { when s > limit  severity high }
        """
        var csv = "id,year,name,a\n"
        for school in 0..<400 {
            let value = school % 3 == 0 ? "1e308" : school % 3 == 1 ? "-1e308" : "1.5"
            csv += "\(school),2023,Школа \(school),\(value)\n\(school),2024,Школа \(school),\(value)\n"
        }
        for schools in [3, 400] {
            let lines = csv.split(separator: "\n").prefix(1 + 2 * schools).joined(separator: "\n") + "\n"
            let evaluation = try Support.evaluate(rules: rules, csv: lines)
            let summary = Summary(evaluation: evaluation, groupBy: nil)
            let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
            let html = HTMLReport.render(evaluation, summary: summary, language: .en)
            #expect(markdown.contains("Большое значение"))
            #expect(html.contains("<svg class=\"chart distribution\""))
            #expect(html.contains("<svg class=\"chart profile\""))
            // Every x coordinate of the profiles and the distribution lies on the 760-wide picture.
            for match in html.matches(of: /c?x[12]?="(-?[0-9.]+)"/) {
                let x = try #require(Double(match.1))
                #expect(x >= 0 && x <= 760, "x = \(x) with \(schools) schools")
            }
            #expect(!html.contains("nan") && !html.contains("inf"))
        }
    }
}
