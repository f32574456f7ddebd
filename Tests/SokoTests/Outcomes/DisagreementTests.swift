// Regressions for the places where the evaluator and Grammar.md disagreed (issue 11): a
// parameter inside an expression the checker folds, round digits, grouping by key or period
// with two tables that have a period, and keys that only a table without a period holds.
// (Constant conditions in count/sum and exact statistics: NumberTests; NFC: DateTests.)
import Foundation
import Testing
@testable import Soko

@Suite struct DisagreementTests {
    static func run(_ rules: String, _ files: [String: String], data: [String], overrides: [String] = []) throws -> (Evaluation, [DataIssue]) {
        let dir = Support.folder(files.merging(["r.soko": rules]) { $1 })
        switch Runner.run(RunRequest(ruleFiles: [dir + "/r.soko"], data: data.map { $0.replacingOccurrences(of: "DIR", with: dir) },
                                     overrides: overrides)) {
        case .evaluated(let evaluation, _, let warnings, _): return (evaluation, warnings)
        case .ruleErrors(let check): throw Support.Failure("rules: \(check.diagnostics.map { $0.code + " " + $0.message.en })")
        case .usage(let messages): throw Support.Failure("usage: \(messages.map(\.en))")
        case .dataErrors(let issues): throw Support.Failure("data: \(issues.map(\.code))")
        }
    }

    @Test func setReachesAParameterInsideAFoldedExpression() throws {
        let rules = """
        dataset t { key id  period year  column a: number  column f: flag }
        param k = 1
        indicator back = prev(a, k + 0)
        indicator held = periods_with(f, k * 1)
        bands zone by a { to k + 0 -> "low"  from k + 0 -> "high" }
        rule r { when at least k + 0 of (f, a > 5) severity low }
        """
        let files = ["d.csv": "id,year,a,f\nx,2022,1,да\nx,2023,2,да\nx,2024,3,нет\n"]
        func values(_ overrides: [String]) throws -> [[Value]] {
            let (evaluation, _) = try Self.run(rules, files, data: ["DIR/d.csv"], overrides: overrides)
            return [evaluation.indicatorColumn(0), evaluation.indicatorColumn(1), evaluation.bandsColumn(0)].map { column in
                (0..<3).map { column.value(at: $0) }
            } + [evaluation.outcomes(ofRule: 0).map { .number(Double($0)) }]
        }
        #expect(try values([]) == [[.missing, .number(1), .number(2)], [.number(1), .number(1), .number(0)],
                                   [.text("high"), .text("high"), .text("high")], [.number(1), .number(1), .number(0)]])
        #expect(try values(["k=2"]) == [[.missing, .missing, .number(1)], [.missing, .number(2), .number(1)],
                                        [.text("low"), .text("high"), .text("high")], [.number(0), .number(0), .number(0)]])
        let program = try #require(Compiler.compile(text: rules).program)
        #expect(Set(program.readParameters) == [0])
    }

    @Test func roundDigitsMustBeAWholeConstant() {
        func codes(_ text: String) -> [String] { Support.codes(text).filter { $0 != "W0403" } }
        let base = "dataset t { key id  column a: number }\nparam d = 1.5\nparam w = 2\n"
        #expect(codes(base + "rule r { when round(a, 1.5) > 0 severity low }") == ["E0208"])
        #expect(codes(base + "rule r { when round(a, d) > 0 severity low }") == ["E0208"])
        #expect(codes(base + "rule r { when round(a, w) > 0 and round(a, w + 1) > 0 severity low }") == [])
        #expect(codes(base + "rule r { when round(a, a) > 0 severity low }") == ["E0208"])
    }

    static let twoPeriodTables = """
    dataset results { key school  period year  column m: text  column a: number }
    dataset list { key school  period year  column listed: flag }

    """

    @Test func groupingByPeriodOrKeyWithTwoPeriodTables() throws {
        let files = ["r.csv": "school,year,m,a\ns1,2023,x,1\ns2,2023,x,3\ns1,2024,x,5\n",
                     "l.csv": "school,year,listed\ns1,2023,да\ns3,2024,нет\n"]
        for group in ["year", "results.year", "list.year"] {
            let (evaluation, _) = try Self.run(Self.twoPeriodTables + """
            indicator mean_year = mean(a by \(group))
            indicator schools = count(listed by school)
            rule r { when mean_year > 0 and schools >= 0 severity low }
            """, files, data: ["results=DIR/r.csv", "list=DIR/l.csv"])
            // Entities: s1/2023, s1/2024, s2/2023, s3/2024 (s3 has no results row, yet its year is known).
            #expect((0..<4).map { evaluation.indicatorColumn(0).value(at: $0) } == [.number(2), .number(5), .number(2), .number(5)], "\(group)")
            #expect((0..<4).map { evaluation.indicatorColumn(1).value(at: $0) } == [.number(1), .number(1), .number(0), .number(0)], "\(group)")
        }
        // A column that is neither key nor period still needs its dataset.
        #expect(Support.codes("""
        dataset results { key school  period year  column m: text }
        dataset list { key school  period year  column m: text  column a: number }
        indicator x = mean(a by m)
        """).filter { $0 != "W0403" } == ["E0211"])
    }

    @Test func keysOnlyInATableWithoutAPeriodAreWarnedAbout() throws {
        let (evaluation, warnings) = try Self.run("""
        dataset results { key school  period year  column a: number }
        dataset info { key school  column kind: text }
        rule r { when a > 0 severity low }
        """, ["r.csv": "school,year,a\ns1,2024,1\n", "i.csv": "school,kind\ns1,город\ns9,село\ns8,село\n"],
           data: ["results=DIR/r.csv", "info=DIR/i.csv"])
        #expect(evaluation.entities.count == 1)
        // One mistake, one message: the keys the main table lacks (D0106) are not told twice.
        #expect(warnings.map(\.code) == ["D0106"])
        #expect(warnings[0].message.en.hasPrefix("keys of this file that the main table '"))
        #expect(warnings[0].message.en.hasSuffix("/r.csv' does not have: 2 of 3, such as 's9', 's8'; those rows reached no school"))
        // The main table without a period: its schools that no table with a period has.
        let (_, mainWarnings) = try Self.run("""
        dataset info { key school  column kind: text }
        dataset results { key school  period year  column a: number }
        rule r { when a > 0 and kind <> "" severity low }
        """, ["r.csv": "school,year,a\ns1,2024,1\n", "i.csv": "school,kind\ns1,город\ns9,село\ns8,село\n"],
           data: ["info=DIR/i.csv", "results=DIR/r.csv"])
        let warning = try #require(mainWarnings.first { $0.code == "D0140" })
        #expect(mainWarnings.map(\.code) == ["D0140"])
        #expect(warning.value == "s9")
        #expect(warning.message.en == "schools found only in this table, which has no period: 2; no rule judges them, as they have no period")
    }
}
