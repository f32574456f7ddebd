// Evaluation on several threads gives what evaluation on one gives, bit for bit: every column is
// computed once on the calling thread (columns too short to be cut) and once cut into many
// ranges (any column, into 3 or 7 ranges), and the reports of both are compared byte for byte.
// Also the fast paths beside the cutting: keys compared by their bytes, periods grouped by a
// dense table, a share of a condition counted straight from the truths.
import Foundation
import Testing
@testable import Soko

@Suite struct ParallelEvaluationTests {
    /// Runs `body` on one thread only, then with every column cut into `parts` ranges.
    static func bothWays<T>(parts: Int, _ body: () throws -> T) rethrows -> (serial: T, parallel: T) {
        let serial = try RowParts.$minimumRows.withValue(Int.max) { try body() }
        let parallel = try RowParts.$minimumRows.withValue(1) { try RowParts.$parts.withValue(parts) { try body() } }
        return (serial, parallel)
    }

    /// Every report a run gives, as bytes: JSON lines, the JSON document and the CSV; the
    /// summary's counts by rule and highest severities, and the workbook's fired-rule rows.
    static func reports(_ evaluation: Evaluation) -> [[UInt8]] {
        let program = evaluation.program
        let summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: program))
        let counts = summary.byRule.map { "\($0.rule):\($0.fired),\($0.insufficient),\($0.notApplicable)" }
            + summary.highest.map { $0.map { "\($0.rawValue)" } ?? "-" }
        let fired = XLSXReport.firedRules(evaluation, included: summary.included).map { "\($0.entity):\($0.rule)" }
        return [Array(JSONReport.render(evaluation, summary: summary, language: .en, form: .lines).utf8),
                Array(JSONReport.render(evaluation, summary: summary, language: .ru).utf8),
                CSVReport.render(evaluation, options: CSVReportOptions(language: .en, allOutcomes: true)),
                Array(counts.joined(separator: " ").utf8), Array(fired.joined(separator: " ").utf8)]
    }

    /// Every computed column of a run, with numbers by their bits (NaN included).
    static func columns(_ evaluation: Evaluation) -> [String] {
        func describe(_ column: Column) -> String {
            switch column {
            case .numbers(let values): "n" + values.map { String($0.bitPattern, radix: 16) }.joined(separator: ",")
            case .flags(let values): "f" + values.map(String.init).joined(separator: ",")
            case .texts(let codes, let dictionary): "t" + codes.map { $0 < 0 ? "-" : dictionary[Int($0)] }.joined(separator: ",")
            case .constant(let value): "c\(value)"
            }
        }
        let program = evaluation.fullProgram
        return program.indicators.indices.map { describe(evaluation.indicatorInLevel($0)) }
            + program.bands.indices.map { describe(evaluation.bandsInLevel($0)) }
            + program.rules.indices.map { evaluation.outcomesInLevel(rule: $0).map(String.init).joined(separator: ",") }
            + [evaluation.statuses().map(\.rawValue).joined(separator: ",")]
    }

    @Test func rowPartsCoverEveryEntityOnce() {
        for count in [0, 1, 2, 3, 7, 64, 1000] {
            for parts in [1, 2, 3, 7, 16] {
                let marks = RowParts.$minimumRows.withValue(1) {
                    RowParts.$parts.withValue(parts) {
                        RowParts.filled(count: count) { range, out in
                            for i in range { (out + i).initialize(to: Int32(i)) }
                        }
                    }
                }
                #expect(marks == (0..<count).map { Int32($0) }, "count \(count), parts \(parts)")
            }
        }
    }

    @Test(arguments: 0..<24)
    func randomProgramsGiveTheSameBytesOnEveryCore(seed: Int) throws {
        var generator = RandomRules(random: SeededRandom(state: UInt64(seed) &* 104_729 &+ 11))
        let rules = generator.file()
        let csv = generator.table()
        let (serial, parallel) = try Self.bothWays(parts: seed % 2 == 0 ? 3 : 7) { try Support.evaluate(rules: rules, csv: csv) }
        #expect(Self.columns(serial) == Self.columns(parallel), "seed \(seed)\n\(rules)")
        #expect(Self.reports(serial) == Self.reports(parallel), "seed \(seed)")
    }

    @Test func theBenchmarkRulesGiveTheSameBytesOnEveryCore() throws {
        let rules = try String(contentsOfFile: Support.root + "/examples/benchmark/benchmark.soko", encoding: .utf8)
        let csv = try String(contentsOfFile: Support.root + "/examples/benchmark/schools.csv", encoding: .utf8)
        for parts in [2, 3, 7] {
            let (serial, parallel) = try Self.bothWays(parts: parts) { try Support.evaluate(rules: rules, csv: csv) }
            #expect(Self.columns(serial) == Self.columns(parallel), "parts \(parts)")
            #expect(Self.reports(serial) == Self.reports(parallel), "parts \(parts)")
        }
    }

    /// Missing cells, one school with one period, keys alike but for a period, non-ASCII and
    /// composite keys out of byte order, `prev`, `at least`, bands, `require` and `applies`.
    static let edgeRules = """
    dataset schools {
      key region, school
      period year
      column municipality: text
      column a: number
      column b: number
      column on: flag
    }
    indicator ratio = a / b
    indicator grown = a - prev(a)
    indicator share_on = share(on by municipality, year)
    indicator spread = stddev(a by municipality)
    indicator typical = mean(a by year)
    indicator middle = median(b by municipality)
    bands size by a {
      to 10 -> "small"
      from 10 to 100 -> "middle"
      from 100 -> "large"
    }
    rule high {
      when ratio > 1.5 or a between 3 and 4 or municipality in ("Север", "Юг")
      severity high
    }
    rule grows {
      when grown > 0 and not on
      require b > 0 "no b"
      applies a >= 0
      severity medium
    }
    rule two {
      when at least 2 of (high, grows, share_on < 50%, spread > 1, (if on then a else b) > typical, b < middle)
      severity low
    }
    """

    static let edgeCSV = """
    region,school,year,municipality,a,b,on
    Ёлкино,Школа №2,2023,Север,5,2,да
    Ёлкино,Школа №2,2024,Север,7,0,нет
    Ёлкино,Школа №1,2024,Север,,3,
    Zeta,b,2024,Юг,120,40,да
    Zeta,b,2023,Юг,3.5,1,нет
    Alpha,ÄÖ,2024,,-1,2,да
    Alpha,AO,2024,Запад,0.1,0.3,нет
    Alpha,AO,2022,Запад,10,,да
    alpha,ao,2024,Запад,100,100,нет
    """

    @Test func theSummaryCountsTheSameOnEveryCore() throws {
        let rules = try String(contentsOfFile: Support.root + "/examples/benchmark/benchmark.soko", encoding: .utf8)
        let csv = try String(contentsOfFile: Support.root + "/examples/benchmark/schools.csv", encoding: .utf8)
        let evaluation = try Support.evaluate(rules: rules, csv: csv)
        func described(_ summary: Summary) -> String {
            func severities(_ counts: [Severity: Int]) -> String { counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
            let groups = summary.groups.map { "\($0.name):\($0.entities),\($0.flagged),\($0.insufficient),\($0.notApplicable),\(severities($0.bySeverity))" }
            return "\(summary.entities) \(summary.flagged) \(summary.clean) \(summary.insufficient) \(summary.notApplicable) "
                + severities(summary.bySeverity) + " " + groups.joined(separator: ";")
        }
        // By municipality (a text column), by year (numbers), and without groups; all periods and one.
        let year = try #require(evaluation.program.datasets[0].columns.firstIndex { $0.name == "year" })
        for groupBy in [Summary.defaultGroup(of: evaluation.program), ColumnRef(dataset: 0, column: year), nil] {
            for periods in [nil, Set([2023])] as [Set<Int>?] {
                let serial = RowParts.$minimumRows.withValue(Int.max) { Summary(evaluation: evaluation, groupBy: groupBy, periods: periods) }
                #expect(serial.groups.isEmpty == (groupBy == nil) && serial.flagged > 0)
                for parts in [2, 3, 7] {
                    let parallel = RowParts.$minimumRows.withValue(1) {
                        RowParts.$parts.withValue(parts) { Summary(evaluation: evaluation, groupBy: groupBy, periods: periods) }
                    }
                    #expect(described(parallel) == described(serial), "parts \(parts)")
                }
            }
        }
    }

    @Test func edgeCasesGiveTheSameBytesOnEveryCore() throws {
        for parts in [2, 3, 7, 16] {
            let (serial, parallel) = try Self.bothWays(parts: parts) { try Support.evaluate(rules: Self.edgeRules, csv: Self.edgeCSV) }
            #expect(Self.columns(serial) == Self.columns(parallel), "parts \(parts)")
            #expect(Self.reports(serial) == Self.reports(parallel), "parts \(parts)")
        }
        // One school, one period.
        let one = "region,school,year,municipality,a,b,on\nR,S,2024,M,1,2,да\n"
        let (serial, parallel) = try Self.bothWays(parts: 3) { try Support.evaluate(rules: Self.edgeRules, csv: one) }
        #expect(Self.columns(serial) == Self.columns(parallel))
        #expect(Self.reports(serial) == Self.reports(parallel))
        #expect(serial.entities.count == 1)
    }

    @Test func levelsAndRollUpsGiveTheSameBytesOnEveryCore() throws {
        for parts in [2, 5] {
            let (serial, parallel) = try Self.bothWays(parts: parts) { try LevelsTests.run().0 }
            #expect(Self.columns(serial) == Self.columns(parallel), "parts \(parts)")
            #expect(Self.reports(serial) == Self.reports(parallel), "parts \(parts)")
        }
    }

    @Test func keysAreOrderedByTheirBytes() {
        let keys = ["", "a", "ab", "b", "B", "Ё", "Е", "е\u{308}", "ё", "school\u{1F}1", "school", "school 1", "Я", "z", "日本", "😀",
                    String(repeating: "x", count: 40), String(repeating: "x", count: 41)]
        for a in keys {
            for b in keys {
                #expect(EntityIndex.bytesPrecede(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
            }
        }
    }

    @Test func entitiesAreFoundByKeyAndPeriod() throws {
        let evaluation = try Support.evaluate(rules: Self.edgeRules, csv: Self.edgeCSV)
        let entities = evaluation.entities
        for entity in 0..<entities.count {
            #expect(entities.entity(key: entities.key(entity), period: entities.period(entity)) == entity)
        }
        #expect(entities.entity(key: "Alpha\u{1F}AO", period: 2023) == nil)
        #expect(entities.entity(key: "Nowhere", period: 2024) == nil)
        // Byte order: "Alpha" < "Zeta" < "alpha" < "Ёлкино"; within a key, by period.
        #expect((0..<entities.count).map { entities.displayKey($0) + " " + String(entities.period($0) ?? 0) } ==
            ["Alpha / AO 2022", "Alpha / AO 2024", "Alpha / ÄÖ 2024", "Zeta / b 2023", "Zeta / b 2024", "alpha / ao 2024",
             "Ёлкино / Школа №1 2024", "Ёлкино / Школа №2 2023", "Ёлкино / Школа №2 2024"])
    }

    @Test func numbersGroupLikeADictionary() {
        let lists: [[Double]] = [[], [.nan], [2024, 2023, 2024, .nan, 2022, 2023], [0, -0.0, 1, -1, 0], [1.5, 2, 1.5], [1e12, 1],
                                 [3, 3, 3], [-5, 70_000, -5]]
        for values in lists {
            var seen: [Double: Int32] = [:]
            let expected = values.map { x -> Int32 in
                guard !x.isNaN else { return -1 }
                if let code = seen[x] { return code }
                seen[x] = Int32(seen.count)
                return seen[x] ?? -1
            }
            if let dense = Evaluator.denseCodes(values) { #expect(dense == expected, "\(values)") }
        }
        #expect(Evaluator.denseCodes([1.5, 2]) == nil)
        #expect(Evaluator.denseCodes([2024, 2022, 2024]) == [0, 1, 0])
    }

    @Test func aShareOfAConditionIsTheMeanOfItsOnesAndZeros() throws {
        let evaluation = try Support.evaluate(rules: Self.edgeRules, csv: Self.edgeCSV)
        let evaluator = evaluation.evaluator
        let count = evaluator.count
        let truths: [UInt8] = (0..<count).map { [Truth.yes.rawValue, Truth.no.rawValue, Truth.unknown.rawValue][$0 % 3] }
        let groups: [GroupIndex] = [GroupIndex(groupOf: [Int32](repeating: 0, count: count), groupCount: 1),
                                    GroupIndex(groupOf: (0..<count).map { Int32($0 % 2) - ($0 == 4 ? 1 : 0) }, groupCount: 2),
                                    GroupIndex(groupOf: (0..<count).map { Int32($0) }, groupCount: count)]
        for index in groups {
            for function in [BuiltinFunction.mean, .share] {
                let fast = evaluator.aggregate(function, subject: .flags(truths), extra: nil, index: index)
                let plain = evaluator.aggregate(function, subject: .numbers(Column.flags(truths).numbers(count: count)), extra: nil, index: index)
                let fastValues = (0..<count).map { fast.value(at: $0) }
                let plainValues = (0..<count).map { plain.value(at: $0) }
                #expect(fastValues == plainValues)
            }
        }
    }

    /// The missing inputs as they were found before the finder was laid out by type: every
    /// column of the rule's reads looked at through `Column.isMissing`.
    static func plainMissingInputs(_ evaluation: Evaluation, rule index: Int, entity: Int) -> [String] {
        let rule = evaluation.program.rules[index]
        var names: [String] = []
        for expr in [rule.condition] + rule.conditions {
            for ref in evaluation.inputs(of: expr) where evaluation.evaluator.column(ref).isMissing(at: entity) {
                let name = evaluation.program.datasets[ref.dataset].columns[ref.column].header
                if !names.contains(name) { names.append(name) }
            }
            guard let period = evaluation.entities.period(entity) else { continue }
            for (subject, back) in evaluation.historyReads(of: expr) {
                let earlier = Int(evaluation.evaluator.earlierEntityCached(periods: back)[entity])
                for ref in evaluation.inputs(of: subject) where earlier < 0 || evaluation.evaluator.column(ref).isMissing(at: earlier) {
                    let name = evaluation.program.datasets[ref.dataset].columns[ref.column].header + " (\(period - back))"
                    if !names.contains(name) { names.append(name) }
                }
            }
        }
        return names
    }

    @Test func missingInputsAreNamedAsBefore() throws {
        var evaluations = [try Support.evaluate(rules: Self.edgeRules, csv: Self.edgeCSV)]
        for seed in 0..<8 {
            var generator = RandomRules(random: SeededRandom(state: UInt64(seed) &* 7919 &+ 3))
            evaluations.append(try Support.evaluate(rules: generator.file(), csv: generator.table()))
        }
        for evaluation in evaluations {
            for rule in evaluation.program.rules.indices {
                let finder = evaluation.missingInputsFinder(rule: rule)
                for entity in 0..<evaluation.entities.count {
                    let expected = Self.plainMissingInputs(evaluation, rule: rule, entity: entity)
                    #expect(finder(entity) == expected)
                    #expect(evaluation.missingInputs(rule: rule, entity: entity) == expected)
                }
            }
        }
        // The edge table names a column missing in an earlier period.
        let evaluation = evaluations[0]
        let grows = try #require(evaluation.program.rule(named: "grows"))
        let names = (0..<evaluation.entities.count).flatMap { evaluation.missingInputs(rule: grows, entity: $0) }
        #expect(names.contains("a (2023)"))
    }
}
