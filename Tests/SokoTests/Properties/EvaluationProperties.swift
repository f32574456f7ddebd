// Properties of evaluation on random valid rule files and random tables (seeded, so a failure
// is reproducible): no NaN or infinity ever leaves the evaluator, every entity is counted
// exactly once, and the same inputs give the same output.
import Testing
@testable import Soko

@Suite struct EvaluationProperties {
    @Test(arguments: 0..<40)
    func randomProgramsBehave(seed: Int) throws {
        var generator = RandomRules(random: SeededRandom(state: UInt64(seed) &* 7919))
        let rules = generator.file()
        let csv = generator.table()
        let evaluation = try Support.evaluate(rules: rules, csv: csv)
        let program = evaluation.program
        let count = evaluation.entities.count

        // No NaN or infinity reaches any value a report could print.
        for index in program.indicators.indices {
            for entity in 0..<count {
                if case .number(let x) = evaluation.indicatorColumn(index).value(at: entity) {
                    #expect(x.isFinite, "seed \(seed): indicator \(index) gave \(x)\n\(rules)")
                }
            }
        }
        // Every entity is flagged, clean or insufficient, exactly once.
        let summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: program))
        #expect(summary.flagged + summary.clean + summary.insufficient == count)
        #expect(summary.groups.map(\.entities).reduce(0, +) == count)
        // Reports hold no "nan"/"inf" and are byte-identical across two runs.
        let first = JSONReport.render(evaluation, summary: summary, language: .en, form: .lines)
        let again = try Support.evaluate(rules: rules, csv: csv)
        let second = JSONReport.render(again, summary: Summary(evaluation: again, groupBy: Summary.defaultGroup(of: program)),
                                       language: .en, form: .lines)
        #expect(first == second)
        #expect(!first.contains("nan") && !first.contains("inf"))
    }

    @Test func everyGeneratedFileChecksClean() {
        for seed in 0..<200 {
            var generator = RandomRules(random: SeededRandom(state: UInt64(seed)))
            let text = generator.file()
            let errors = Compiler.compile(text: text).diagnostics.filter { $0.severity == .error }
            #expect(errors.isEmpty, "seed \(seed): \(errors.map { $0.code + " " + $0.message.en })\n\(text)")
        }
    }
}
