// Evaluation semantics: three-valued logic, x / 0, group statistics, prev, joins, require,
// and the benchmark oracle (DuckDB's output, committed as a fixture).
import Foundation
import Testing
@testable import Soko

@Suite struct EvaluatorTests {
    static let dataset = """
    dataset t { key id  period year  column g: text  column a: number  column b: number  column f: flag }

    """

    @Test func threeValuedLogic() throws {
        let evaluation = try Support.evaluate(rules: Self.dataset + """
        rule and_rule { when a > 1 and b > 1 severity low }
        rule or_rule { when a > 1 or b > 1 severity low }
        rule not_rule { when not (a > 1) severity low }
        """, csv: "id,year,g,a,b,f\nk1,2024,x,2,,да\nk2,2024,x,0,,нет\nk3,2024,x,,2,\n")
        #expect(Support.outcomes(evaluation, rule: "and_rule") == ["k1/2024": .insufficient, "k2/2024": .silent, "k3/2024": .insufficient])
        #expect(Support.outcomes(evaluation, rule: "or_rule") == ["k1/2024": .fired, "k2/2024": .insufficient, "k3/2024": .fired])
        #expect(Support.outcomes(evaluation, rule: "not_rule") == ["k1/2024": .silent, "k2/2024": .fired, "k3/2024": .insufficient])
        #expect(evaluation.statuses() == [.flagged, .flagged, .flagged])
    }

    @Test func divisionByZeroIsMissingAndNeverInfinity() throws {
        let evaluation = try Support.evaluate(rules: Self.dataset + """
        indicator q = a / b
        rule r { when q > 1 severity low }
        """, csv: "id,year,g,a,b,f\nk1,2024,x,1,0,\nk2,2024,x,0,0,\nk3,2024,x,4,2,\n")
        let column = evaluation.indicatorColumn(0)
        #expect(column.value(at: 0) == .missing)
        #expect(column.value(at: 1) == .missing)
        #expect(column.value(at: 2) == .number(2))
        #expect(evaluation.missingInputs(rule: 0, entity: 0) == [])
    }

    @Test func missingInputsNameTheColumns() throws {
        let evaluation = try Support.evaluate(rules: Self.dataset + "rule r { when a + b > 1 severity low }",
                                              csv: "id,year,g,a,b,f\nk1,2024,x,,1,\n")
        #expect(evaluation.outcome(rule: 0, entity: 0) == .insufficient)
        #expect(evaluation.missingInputs(rule: 0, entity: 0) == ["a"])
    }

    @Test func groupStatisticsSkipMissingValues() throws {
        let evaluation = try Support.evaluate(rules: Self.dataset + """
        indicator m = mean(a by g, year)
        indicator s = stddev(a by g, year)
        indicator med = median(a by g)
        indicator n = count(a by g)
        indicator rk = rank(a by g)
        indicator p = percentile(a, 50% by g)
        indicator texts = count(g by year)
        rule r { when m > 0 and s >= 0 and med > 0 and n > 0 and rk > 0 and p > 0 and texts > 0 severity low }
        """, csv: "id,year,g,a,b,f\nk1,2024,x,1,,\nk2,2024,x,3,,\nk3,2024,x,,,\nk4,2024,y,10,,\n")
        func values(_ name: String) -> [Value] {
            let index = evaluation.program.indicator(named: name)!
            return (0..<4).map { evaluation.indicatorColumn(index).value(at: $0) }
        }
        #expect(values("m") == [.number(2), .number(2), .number(2), .number(10)])
        #expect(values("s") == [.number(1), .number(1), .number(1), .number(0)])
        #expect(values("med") == [.number(2), .number(2), .number(2), .number(10)])
        #expect(values("n") == [.number(2), .number(2), .number(2), .number(1)])
        #expect(values("rk") == [.number(2), .number(1), .missing, .number(1)])
        #expect(values("p") == values("med"))
        #expect(values("texts") == [.number(4), .number(4), .number(4), .number(4)])
    }

    @Test func prevChangeAndPeriodsWith() throws {
        let evaluation = try Support.evaluate(rules: Self.dataset + """
        indicator p = prev(a)
        indicator c = change(a)
        indicator listed = periods_with(f, 3)
        rule r { when listed >= 2 severity low }
        """, csv: "id,year,g,a,b,f\nk1,2021,x,1,,да\nk1,2022,x,2,,нет\nk1,2024,x,5,,да\nk2,2023,x,7,,да\nk1,2023,x,4,,да\n")
        // Entities sorted by key and period: k1 2021..2024, then k2 2023.
        let p = evaluation.program.indicator(named: "p")!
        let c = evaluation.program.indicator(named: "c")!
        #expect((0..<5).map { evaluation.indicatorColumn(p).value(at: $0) } == [.missing, .number(1), .number(2), .number(4), .missing])
        #expect((0..<5).map { evaluation.indicatorColumn(c).value(at: $0) } == [.missing, .number(1), .number(2), .number(1), .missing])
        // A window that reaches before the first row is incomplete: periods_with is missing there.
        #expect(Support.outcomes(evaluation, rule: "r") == ["k1/2021": .insufficient, "k1/2022": .insufficient, "k1/2023": .fired,
                                                             "k1/2024": .fired, "k2/2023": .insufficient])
    }

    @Test func requireTurnsSmallNumbersIntoInsufficientData() throws {
        let evaluation = try Support.evaluate(rules: Self.dataset + """
        rule r { when a / b > 50% require b >= 20 "мало участников" severity low }
        """, csv: "id,year,g,a,b,f\nk1,2024,x,3,4,\nk2,2024,x,30,40,\n")
        #expect(Support.outcomes(evaluation, rule: "r") == ["k1/2024": .insufficient, "k2/2024": .fired])
        let reasons = evaluation.unmetRequirements(rule: 0, entity: 0, formatter: ValueFormatter(language: .ru))
        #expect(reasons == ["мало участников"])
    }

    @Test func datasetsJoinOnKeyAndPeriod() throws {
        let dir = Support.folder([
            "r.soko": """
            dataset results { key id  period year  column a: number }
            dataset staff { key id  period year  column teachers: count }
            rule r { when a / teachers > 1 severity low }
            """,
            "a.csv": "id,year,a\nk1,2024,10\nk2,2024,1\n",
            "b.csv": "id;year;teachers\nk1;2024;5\nk3;2024;2\n",
        ])
        guard case .evaluated(let evaluation, _, _, _) = Runner.run(RunRequest(ruleFiles: [dir + "/r.soko"],
                                                                               data: ["results=\(dir)/a.csv", "staff=\(dir)/b.csv"])) else {
            Issue.record("run failed")
            return
        }
        #expect(Support.outcomes(evaluation, rule: "r") == ["k1/2024": .fired, "k2/2024": .insufficient, "k3/2024": .insufficient])
        let summary = Summary(evaluation: evaluation, groupBy: nil)
        #expect(summary.flagged + summary.clean + summary.insufficient == 3)
    }

    @Test func aHeaderOnlyMainTableIsWarnedAbout() throws {
        let dir = Support.folder([
            "r.soko": "dataset results { key id  period year  column a: number }\ndataset staff { key id  period year  column t: count }\nrule r { when a / t > 1 severity low }",
            "a.csv": "id,year,a\n",
            "b.csv": "id,year,t\nk1,2024,5\nk2,2024,3\n",
            "c.csv": "id,year,a\nk1,2024,10\n",
        ])
        guard case .evaluated(let evaluation, _, let warnings, _) = Runner.run(RunRequest(ruleFiles: [dir + "/r.soko"],
                                                                                          data: ["results=\(dir)/a.csv", "staff=\(dir)/b.csv"])) else {
            Issue.record("run failed")
            return
        }
        #expect(warnings.map(\.code) == ["D0104"])
        #expect(evaluation.entities.count == 2)
        guard case .evaluated(_, _, let some, _) = Runner.run(RunRequest(ruleFiles: [dir + "/r.soko"],
                                                                         data: ["results=\(dir)/c.csv", "staff=\(dir)/b.csv"])) else {
            Issue.record("run failed")
            return
        }
        #expect(some.map(\.code) == ["D0105"])
        #expect(some.first?.message.en.contains("such as 'k2'") == true)
    }

    @Test func duplicateKeyAndPeriodIsADataError() {
        let dir = Support.folder(["r.soko": Self.dataset + "rule r { when a > 1 severity low }",
                                  "d.csv": "id,year,g,a,b,f\nk1,2024,x,1,,\nk1,2024,x,2,,\n"])
        guard case .dataErrors(let issues) = Runner.run(RunRequest(ruleFiles: [dir + "/r.soko"], data: [dir + "/d.csv"])) else {
            Issue.record("expected a data error")
            return
        }
        #expect(issues.map(\.code) == ["D0103"])
        #expect(issues[0].row == 3)
        // Rows per subject are data: the hint does not only say to delete one.
        #expect(issues[0].message.ru == "школа «k1», 2024 встречается дважды: строки 2 и 3")
        #expect(issues[0].hint?.ru == "если это повтор, оставьте одну строку; если строки различаются по предмету или классу, перенесите этот столбец в ключ: ключ код, предмет")
        #expect(issues[0].hint?.en == "if it is a repeat, keep one row; if the rows differ by subject or class, move that column into the key: key code, subject")
    }

    @Test func parameterOverrides() throws {
        let program = try #require(Compiler.compile(text: Self.dataset + """
        param p = 10% "порог"
        param n = 3
        rule r { when a > p and b > n severity low }
        """).program)
        #expect(try ParameterOverrides.apply(["p=15%", "n=4,5"], to: program).get() == [.number(0.15), .number(4.5)])
        #expect(try ParameterOverrides.apply(["p=0.2"], to: program).get() == [.number(0.2), .number(3)])
        #expect(throws: UsageProblems.self) { try ParameterOverrides.apply(["q=1"], to: program).get() }
        #expect(throws: UsageProblems.self) { try ParameterOverrides.apply(["n=5%"], to: program).get() }
    }

    /// Parameters that count periods or conditions, and band bounds, follow `--set` like any
    /// other parameter (they used to be fixed at their declared value).
    @Test func countsAndBoundsFollowParameterOverrides() throws {
        let rules = Self.dataset + """
        param window = 3
        param needed = 2
        param edge = 5
        bands zone by a { to edge -> "низко"  from edge -> "высоко" }
        rule listed { when periods_with(f, window) >= 2 severity low }
        rule two { when at least needed of (f, a > 1, b > 1) severity low }
        rule high { when zone = "высоко" severity low }
        """
        let csv = "id,year,g,a,b,f\nk1,2022,x,1,0,да\nk1,2023,x,1,0,нет\nk1,2024,x,6,0,да\n"
        let dir = Support.folder(["r.soko": rules, "d.csv": csv])
        func outcomes(_ overrides: [String]) throws -> [String] {
            guard case .evaluated(let evaluation, _, _, _) = Runner.run(RunRequest(ruleFiles: [dir + "/r.soko"], data: [dir + "/d.csv"],
                                                                                   overrides: overrides)) else {
                throw Support.Failure("run failed")
            }
            return ["listed", "two", "high"].map { name in
                let index = evaluation.program.rule(named: name)!
                return String(evaluation.outcomes(ofRule: index).map { $0 == RuleOutcome.fired.rawValue ? "1" : "0" })
            }
        }
        #expect(try outcomes([]) == ["001", "001", "001"])
        #expect(try outcomes(["window=1", "needed=1", "edge=0"]) == ["000", "101", "111"])
        let program = try #require(Compiler.compile(text: rules).program)
        #expect(Set(program.readParameters) == [0, 1, 2])
        #expect(throws: UsageProblems.self) { try ParameterOverrides.apply(["window=2.5"], to: program).get() }
        #expect(throws: UsageProblems.self) { try ParameterOverrides.apply(["window=0"], to: program).get() }
    }

    /// The benchmark rule set gives exactly DuckDB's lines on the committed fixtures.
    @Test(arguments: [("schools.csv", "expected.csv"), ("excel_export.csv", "excel_expected.csv")])
    func benchmarkOracle(_ input: String, _ expected: String) throws {
        let request = RunRequest(ruleFiles: [Support.root + "/examples/benchmark/benchmark.soko"],
                                 data: [Support.fixture("benchmark/" + input)])
        guard case .evaluated(let evaluation, _, _, _) = Runner.run(request) else {
            Issue.record("the benchmark did not run")
            return
        }
        let csv = String(decoding: CSVReport.render(evaluation, options: CSVReportOptions()), as: UTF8.self)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(4).joined(separator: ",") }
        let oracle = try String(contentsOfFile: Support.fixture("benchmark/" + expected), encoding: .utf8)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        #expect(lines.count == oracle.count)
        #expect(lines == oracle)
    }
}
