// Indicator columns are let go once the last rule or bands that reads them is done: a run with
// the early release gives every report byte for byte as a run that keeps every column, and no
// released column is evaluated again during the run (rules over rules, indicators over
// indicators, `prev`, statistics, bands, `require`, `applies`, columns read late).
import Foundation
import Testing
@testable import Soko

@Suite struct IndicatorReleaseTests {
    /// Every report as bytes: CSV (all outcomes and fired only), JSON, JSON lines, table,
    /// markdown and HTML.
    static func reports(_ evaluation: Evaluation, notes: Bool = true) -> [[UInt8]] {
        let summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program))
        guard notes else { return ParallelEvaluationTests.reports(evaluation) }
        return [CSVReport.render(evaluation, options: CSVReportOptions(language: .en, allOutcomes: true)),
                CSVReport.render(evaluation, options: CSVReportOptions(language: .ru)),
                Array(JSONReport.render(evaluation, summary: summary, language: .ru).utf8),
                Array(JSONReport.render(evaluation, summary: summary, language: .en, form: .lines).utf8),
                Array(TableReport.render(evaluation, summary: summary, language: .ru).utf8),
                Array(MarkdownReport.render(evaluation, summary: summary, language: .ru).utf8),
                Array(HTMLReport.render(evaluation, summary: summary, language: .en).utf8)]
    }

    /// Evaluates with and without the early release; checks what the run evaluated, then
    /// compares every report and every column.
    static func compareBothWays(rules: String, csv: String, notes: Bool = true, _ comment: Testing.Comment? = nil) throws {
        let kept = try Evaluator.$releasesIndicators.withValue(false) { try Support.evaluate(rules: rules, csv: csv) }
        let released = try Support.evaluate(rules: rules, csv: csv)
        let program = released.fullProgram
        if program.spaces.isEmpty {
            // Each indicator some rule or bands reads is evaluated once; the others not at all.
            var read = Set<Int>()
            for node in program.evaluationOrder {
                switch node {
                case .indicator: break
                case .bands(let i): read.formUnion(IndicatorLiveness.indicatorsRead(by: [program.bands[i].subject], program: program))
                case .rule(let i):
                    read.formUnion(IndicatorLiveness.indicatorsRead(by: [program.rules[i].condition] + program.rules[i].conditions, program: program))
                }
            }
            #expect(released.evaluator.indicatorEvaluations == read.count, comment)
            #expect(released.evaluator.indicatorColumns.allSatisfy { $0 == nil }, comment)
            #expect(kept.evaluator.indicatorEvaluations == program.indicators.count, comment)
        }
        #expect(reports(kept, notes: notes) == reports(released, notes: notes), comment)
        #expect(ParallelEvaluationTests.columns(kept) == ParallelEvaluationTests.columns(released), comment)
    }

    /// Indicators read late, through other indicators, by rules over rules, by `prev`, by
    /// statistics and bands, only by `require` or `applies`, and one read by nothing.
    static let lateRules = """
    dataset schools {
      key school
      period year
      label name
      column municipality: text
      column a: number
      column b: number
      column on: flag
    }
    indicator base = a / b
    indicator twice = base * 2
    indicator grown = twice - prev(twice)
    indicator typical = mean(base by municipality, year)
    indicator unread = a + b
    indicator needed = b - 1
    indicator relevant = a
    indicator late = a * b
    bands size by twice {
      to 1 -> "small"
      from 1 -> "large"
    }
    rule first {
      when base > 1
      severity high
    }
    rule second {
      when grown > 0 or size = "large"
      require needed >= 0 "no b"
      severity medium
    }
    rule third {
      when first and twice > typical
      applies relevant > 0
      severity low
    }
    rule last {
      when at least 2 of (first, second, third, late > 10, base < 0.5)
      severity high
    }
    """

    static let lateCSV = """
    school,name,year,municipality,a,b,on
    S1,Школа «1»,2022,Север,5,2,да
    S1,Школа «1»,2023,Север,7,1,нет
    S1,Школа «1»,2024,Север,,3,
    S2,"Школа, 2",2023,Юг,120,40,да
    S2,"Школа, 2",2024,Юг,3.5,1,нет
    S3,ÄÖ,2024,,-1,2,да
    S4,AO,2024,Запад,0.1,0.3,нет
    S4,AO,2022,Запад,10,,да
    """

    @Test func lateReadsGiveTheSameReports() throws {
        try Self.compareBothWays(rules: Self.lateRules, csv: Self.lateCSV)
        try Self.compareBothWays(rules: Self.lateRules, csv: "school,name,year,municipality,a,b,on\nS,N,2024,M,1,2,да\n", "one row")
        try Self.compareBothWays(rules: Self.lateRules, csv: "school,name,year,municipality,a,b,on\n", "empty")
        try Self.compareBothWays(rules: Self.lateRules, csv: Self.lateCSV.replacingOccurrences(of: "\n", with: "\r\n"), "CRLF")
    }

    @Test func lastReadersAreWhereIndicatorsAreLastRead() throws {
        let program = try #require(Compiler.compile(text: Self.lateRules).program)
        let liveness = IndicatorLiveness(program: program)
        var releasedAfter: [String: Program.Node] = [:]
        for (position, indicators) in liveness.lastReaders.enumerated() {
            for indicator in indicators { releasedAfter[program.indicators[indicator].name] = program.evaluationOrder[position] }
        }
        let last = try #require(program.rule(named: "last"))
        let second = try #require(program.rule(named: "second"))
        let third = try #require(program.rule(named: "third"))
        #expect(releasedAfter["base"] == .rule(last))
        #expect(releasedAfter["late"] == .rule(last))
        // `twice` is read by `second` (through `grown` and the bands) and by `third`.
        let twiceLast = try #require([second, third].map { Program.Node.rule($0) }.max { program.evaluationOrder.firstIndex(of: $0)! < program.evaluationOrder.firstIndex(of: $1)! })
        #expect(releasedAfter["twice"] == twiceLast)
        #expect(releasedAfter["typical"] == .rule(third))
        #expect(releasedAfter["relevant"] == .rule(third))
        #expect(releasedAfter["grown"] == .rule(second))
        #expect(releasedAfter["needed"] == .rule(second))
        #expect(releasedAfter["unread"] == nil)
    }

    @Test func edgeCasesGiveTheSameReports() throws {
        try Self.compareBothWays(rules: ParallelEvaluationTests.edgeRules, csv: ParallelEvaluationTests.edgeCSV)
    }

    @Test func theBenchmarkGivesTheSameReports() throws {
        let rules = try String(contentsOfFile: Support.root + "/examples/benchmark/benchmark.soko", encoding: .utf8)
        let csv = try String(contentsOfFile: Support.root + "/examples/benchmark/schools.csv", encoding: .utf8)
        try Self.compareBothWays(rules: rules, csv: csv)
    }

    /// Every report, the notes too (their pictures once stopped on values near 1e308).
    @Test(arguments: 0..<24)
    func randomProgramsGiveTheSameReports(seed: Int) throws {
        var generator = RandomRules(random: SeededRandom(state: UInt64(seed) &* 104_729 &+ 11))
        let rules = generator.file()
        try Self.compareBothWays(rules: rules, csv: generator.table(), "seed \(seed)\n\(rules)")
    }

    @Test func levelsAreUnchanged() throws {
        let kept = try Evaluator.$releasesIndicators.withValue(false) { try LevelsTests.run().0 }
        let released = try LevelsTests.run().0
        #expect(Self.reports(kept) == Self.reports(released))
    }
}
