// Runs the `test` blocks of a rule set: each test's inline tables become the data of a run,
// its parameters override the declared ones, and each expectation is compared with what the
// evaluator concluded. Also records which outcomes each rule reached, for coverage.

/// One expectation that did not hold.
public struct TestFailure: Sendable {
    public let range: SourceRange
    public let message: Message
    /// The values behind the outcome: indicator and column values the rule reads, formatted.
    public let context: [(name: String, value: String)]
}

public struct TestResult: Sendable {
    public let name: String
    public let range: SourceRange
    public let expectations: Int
    public let failures: [TestFailure]
    public var passed: Bool { failures.isEmpty }
}

/// Which outcomes a rule reached over all test data.
public struct RuleCoverage: Sendable {
    public let rule: String
    public var fired = false
    public var silent = false
    public var insufficient = false
    public var complete: Bool { fired && silent && insufficient }
}

public struct TestReport: Sendable {
    public let results: [TestResult]
    public let coverage: [RuleCoverage]
    public let sources: SourceSet
}

public enum TestRunner {
    public static func run(_ program: Program, language: Language) -> TestReport {
        var coverage = program.rules.map { RuleCoverage(rule: $0.name) }
        var results: [TestResult] = []
        for test in program.tests {
            results.append(run(test, program: program, coverage: &coverage, language: language))
        }
        return TestReport(results: results, coverage: coverage, sources: program.sources)
    }

    static func run(_ test: TestCase, program: Program, coverage: inout [RuleCoverage], language: Language) -> TestResult {
        let tables = program.datasets.indices.map { index in
            table(for: index, program: program, rows: test.given.filter { $0.dataset == index }.flatMap(\.rows))
        }
        var parameters = program.params.map(\.value)
        for override in test.params { parameters[override.param] = override.value }
        let entities: EntityIndex
        switch EntityIndex.build(program: program, tables: tables) {
        case .failure(let error):
            let messages = error.issues.map { TestFailure(range: test.range, message: $0.message, context: []) }
            return TestResult(name: test.name, range: test.range, expectations: test.expectations.count,
                              failures: messages.isEmpty ? [TestFailure(range: test.range, message: Messages.testDataUnusable, context: [])] : messages)
        case .success(let index): entities = index
        }
        let evaluation = Evaluator(program: program, tables: tables, entities: entities, parameterValues: parameters).run()
        for rule in program.rules.indices {
            for outcome in evaluation.outcomesInLevel(rule: rule) {
                switch RuleOutcome(rawValue: outcome) {
                case .fired: coverage[rule].fired = true
                case .silent: coverage[rule].silent = true
                case .notApplicable: break
                default: coverage[rule].insufficient = true
                }
            }
        }
        let formatter = ValueFormatter(language: language)
        var failures: [TestFailure] = []
        let textFormatter = ValueFormatter(language: test.language)
        for expectation in test.expectations {
            if let failure = check(expectation, evaluation: evaluation, formatter: formatter, textFormatter: textFormatter) {
                failures.append(failure)
            }
        }
        return TestResult(name: test.name, range: test.range, expectations: test.expectations.count, failures: failures)
    }

    /// A dataset's inline rows as a loaded table.
    static func table(for datasetIndex: Int, program: Program, rows: [[Value]]) -> LoadedTable {
        let dataset = program.datasets[datasetIndex]
        var columns: [ColumnData] = []
        for (columnIndex, column) in dataset.columns.enumerated() {
            let values = rows.map { $0[columnIndex] }
            switch column.type {
            case .text:
                var dictionary: [String] = []
                var codes: [Int32] = []
                for value in values {
                    guard case .text(let text) = value else { codes.append(-1); continue }
                    if let code = dictionary.firstIndex(of: text) { codes.append(Int32(code)) } else {
                        codes.append(Int32(dictionary.count))
                        dictionary.append(text)
                    }
                }
                columns.append(.texts(codes: codes, values: dictionary))
            case .flag:
                columns.append(.flags(values.map { if case .flag(let b) = $0 { b ? Truth.yes.rawValue : Truth.no.rawValue } else { Truth.unknown.rawValue } }))
            default:
                columns.append(.numbers(values.map { if case .number(let x) = $0 { x } else { .nan } }))
            }
        }
        return LoadedTable(path: dataset.name, rowCount: rows.count, columns: columns,
                           rowNumbers: rows.indices.map { Int32($0 + 2) }, issues: [], cellsMadeMissing: 0)
    }

    /// Checks one expectation; `formatter` writes values for the person reading the failure,
    /// `textFormatter` fills recommendations in the language of the test's file.
    static func check(_ expectation: Expectation, evaluation: Evaluation, formatter: ValueFormatter,
                      textFormatter: ValueFormatter) -> TestFailure? {
        let program = evaluation.fullProgram
        let entities = evaluation.entities(ofSpace: expectation.space)
        let matching = (0..<entities.count).filter {
            Program.displayKey(entities.key($0)) == expectation.key && (expectation.period == nil || entities.period($0) == expectation.period)
        }
        guard matching.count == 1, let entity = matching.first else {
            let message = matching.isEmpty ? Messages.testNoSuchEntity(expectation.key, expectation.period)
                                           : Messages.testAmbiguousEntity(expectation.key)
            return TestFailure(range: expectation.range, message: message, context: [])
        }
        switch expectation.check {
        case .rule(let rule, let expected, let contains):
            let actual = RuleOutcome(rawValue: evaluation.outcomesInLevel(rule: rule)[entity]) ?? .insufficient
            let context = expectation.space == 0 ? contextValues(rule: rule, entity: entity, evaluation: evaluation, formatter: formatter) : []
            let expectedOutcome: RuleOutcome = switch expected {
            case .fires: .fired
            case .silent: .silent
            case .insufficient: .insufficient
            case .notApplicable: .notApplicable
            }
            if actual != expectedOutcome {
                return TestFailure(range: expectation.range,
                                   message: Messages.testOutcomeMismatch(rule: program.rules[rule].name, expected: expectedOutcome, actual: actual),
                                   context: context)
            }
            if let contains {
                let texts = program.rules[rule].recommendations.map {
                    evaluation.fill($0, entity: entity, formatter: textFormatter, space: expectation.space)
                }
                if !texts.contains(where: { $0.contains(contains) }) {
                    return TestFailure(range: expectation.range,
                                       message: Messages.testRecommendationMissing(contains, actual: texts), context: context)
                }
            }
            return nil
        case .indicator(let index, let expected, let tolerance):
            let indicator = program.indicators[index]
            let actual = evaluation.indicatorInLevel(index).value(at: entity)
            let holds: Bool
            switch (expected, actual) {
            case (.number(let e), .number(let a)): holds = Swift.abs(e - a) <= tolerance
            default: holds = expected == actual
            }
            guard !holds else { return nil }
            return TestFailure(range: expectation.range,
                               message: Messages.testValueMismatch(indicator.name,
                                                                   expected: formatter.format(expected, type: indicator.value.type),
                                                                   actual: formatter.format(actual, type: indicator.value.type)),
                               context: [])
        case .bands(let index, let expected):
            let actual = evaluation.bandsInLevel(index).value(at: entity)
            guard expected != actual else { return nil }
            return TestFailure(range: expectation.range,
                               message: Messages.testValueMismatch(program.bands[index].name,
                                                                   expected: formatter.format(expected, type: .text),
                                                                   actual: formatter.format(actual, type: .text)),
                               context: [])
        }
    }

    /// The indicators and columns a rule's condition names directly, with their values.
    static func contextValues(rule: Int, entity: Int, evaluation: Evaluation, formatter: ValueFormatter) -> [(name: String, value: String)] {
        let program = evaluation.program
        var result: [(String, String)] = []
        var seen = Set<String>()
        var stack = [program.rules[rule].condition] + program.rules[rule].requirements.map(\.condition)
        while let node = stack.popLast() {
            switch node.kind {
            case .indicator(let index):
                let name = program.indicators[index].name
                if seen.insert(name).inserted {
                    result.append((name, formatter.format(evaluation.indicatorColumn(index).value(at: entity), type: node.type)))
                }
            case .column(let ref):
                let name = program.datasets[ref.dataset].columns[ref.column].name
                if seen.insert(name).inserted {
                    result.append((name, formatter.format(evaluation.value(of: ref, entity: entity), type: node.type)))
                }
            case .param(let index):
                let name = program.params[index].name
                if seen.insert(name).inserted {
                    result.append((name, formatter.format(evaluation.parameterValues[index], type: node.type)))
                }
            default:
                stack += node.children
            }
        }
        return result.sorted { $0.0 < $1.0 }
    }
}
