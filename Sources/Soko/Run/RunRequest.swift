// One evaluation run from the user's point of view: rule files, data files bound to datasets,
// reading options and parameter overrides; and what came of it.

/// What `soko run` (and `explain`) asks for.
public struct RunRequest: Sendable {
    public var ruleFiles: [String]
    /// `--data` values: `FILE` (the only dataset) or `DATASET=FILE`.
    public var data: [String]
    public var csv: CSVOptions
    /// `--set NAME=VALUE` values.
    public var overrides: [String]
    /// `--sheet` and `--check-totals`, for data files that are workbooks.
    public var workbook = WorkbookOptions()

    public init(ruleFiles: [String], data: [String], csv: CSVOptions = CSVOptions(), overrides: [String] = []) {
        self.ruleFiles = ruleFiles
        self.data = data
        self.csv = csv
        self.overrides = overrides
    }

    /// The data files named by `data` (`DATASET=FILE` or `FILE`), for checks such as "the report
    /// must not overwrite an input": both readings of an argument with `=` are listed.
    public var dataPaths: [String] {
        data.flatMap { argument -> [String] in
            guard let equals = argument.firstIndex(of: "=") else { return [argument] }
            return [argument, String(argument[argument.index(after: equals)...])]
        }
    }
}

/// How a run ended.
public enum RunResult {
    /// The rule files have errors: nothing was evaluated.
    case ruleErrors(CheckResult)
    /// The command line does not fit the rule set (data binding, `--set`).
    case usage([Message])
    /// The data could not be read or joined.
    case dataErrors([DataIssue])
    /// Evaluated; `warnings` are data problems that did not stop the run, `cellsMadeMissing`
    /// counts bad cells read as missing under `--lenient`.
    case evaluated(Evaluation, check: CheckResult, warnings: [DataIssue], cellsMadeMissing: Int)
}

public enum Runner {
    /// Loads the rules, reads the data, evaluates.
    public static func run(_ request: RunRequest) -> RunResult {
        let check = Compiler.compile(entries: request.ruleFiles)
        guard let program = check.program else { return .ruleErrors(check) }
        let parameterValues: [Value]
        switch ParameterOverrides.apply(request.overrides, to: program) {
        case .failure(let problems): return .usage(problems.messages)
        case .success(let values): parameterValues = values
        }
        let paths: [String]
        switch DataBinding.bind(request.data, to: program) {
        case .failure(let problems): return .usage(problems.messages)
        case .success(let bound): paths = bound
        }
        var tables: [LoadedTable] = []
        var errors: [DataIssue] = []
        var warnings: [DataIssue] = []
        var madeMissing = 0
        var csv = request.csv
        csv.totalsWords += totalsWords(program, parameterValues)
        for (dataset, path) in zip(program.datasets, paths) {
            switch DataFileReader.read(path: path, dataset: dataset, csv: csv, workbook: request.workbook) {
            case .failure(let failure): errors += failure.issues
            case .success(let table):
                tables.append(table)
                warnings += table.issues
                madeMissing += table.cellsMadeMissing
            }
        }
        // Every kind of problem is capped (per file): 626 empty keys are 100 and one «526 more».
        let cap = request.csv.maxIssues
        guard errors.filter({ $0.severity == .error }).isEmpty else { return .dataErrors(DataIssue.capped(errors, per: cap)) }
        switch EntityIndex.build(program: program, tables: tables) {
        case .failure(let failure): return .dataErrors(DataIssue.capped(failure.issues, per: cap))
        case .success(let entities):
            warnings += coverageWarnings(program: program, tables: tables, entities: entities)
            warnings = DataIssue.capped(warnings, per: cap)
            let evaluation = Evaluator(program: program, tables: tables, entities: entities, parameterValues: parameterValues).run()
            warnings += evaluation.levelWarnings
            return .evaluated(evaluation, check: check, warnings: warnings, cellsMadeMissing: madeMissing)
        }
    }
}

extension Runner {
    /// The names of the parameter by which a rule set names more words of totals rows:
    /// `параметр итоговые_строки = "В целом; Свод"` (Grammar.md 5.1).
    public static let totalsParameterNames = ["итоговые_строки", "totals_words"]

    /// The words of that parameter (its value for this run), split at `;` and `,`.
    static func totalsWords(_ program: Program, _ values: [Value]) -> [String] {
        totalsParameterNames.compactMap(program.param(named:)).flatMap { index -> [String] in
            guard index < values.count, case .text(let text) = values[index] else { return [] }
            return text.split(whereSeparator: { $0 == ";" || $0 == "," }).map { String($0).trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
    }

    /// Data that is there but says less than it seems: a file with no data rows, and schools
    /// that appear only in other tables than the first (the main one) — every such school is
    /// still reported, but mostly with insufficient data.
    static func coverageWarnings(program: Program, tables: [LoadedTable], entities: EntityIndex) -> [DataIssue] {
        var warnings: [DataIssue] = []
        for table in tables where table.rowCount == 0 {
            warnings.append(Messages.noDataRows(path: table.path))
        }
        warnings += keysWithoutPeriods(program: program, tables: tables, entities: entities)
        guard tables.count > 1, tables[0].rowCount > 0, let rows = entities.rows[0] else { return warnings }
        let absent = rows.indices.filter { rows[$0] < 0 }
        if !absent.isEmpty {
            var examples: [String] = []
            for entity in absent where examples.count < 2 && !examples.contains(entities.key(entity)) { examples.append(entities.key(entity)) }
            warnings.append(Messages.entitiesOnlyElsewhere(path: tables[0].path, count: absent.count, examples: examples))
        }
        let unmatched = unmatchedKeyWarnings(program: program, tables: tables)
        // One mistake, one message: a file whose keys the main table lacks (D0106, with the
        // count and two examples) is not also said to hold schools without a period (D0140).
        let told = Set(unmatched.map(\.path))
        warnings.removeAll { $0.code == "D0140" && told.contains($0.path) }
        return warnings + unmatched
    }

    /// Keys of another table (with or without a period) that no row of the main table has:
    /// those rows describe no school of the report (a wrong table, codes written differently).
    static func unmatchedKeyWarnings(program: Program, tables: [LoadedTable]) -> [DataIssue] {
        guard let mainKeys = usedKeys(program, tables, 0) else { return [] }
        let known = Set(mainKeys)
        var warnings: [DataIssue] = []
        // Only tables without a period: with a period their rows are entities of their own, and
        // D0105 names the schools that the main table lacks.
        for index in tables.indices.dropFirst() where index < program.datasets.count && program.datasets[index].periodColumn == nil {
            guard let keys = usedKeys(program, tables, index) else { continue }
            let unmatched = keys.filter { !known.contains($0) }
            guard !unmatched.isEmpty else { continue }
            warnings.append(Messages.keysMatchNoSchool(path: tables[index].path, count: unmatched.count, of: keys.count,
                                                       examples: Array(unmatched.prefix(2)), mainPath: tables[0].path))
        }
        return warnings
    }

    /// The distinct keys that rows of a table have, in order of first appearance.
    private static func usedKeys(_ program: Program, _ tables: [LoadedTable], _ index: Int) -> [String]? {
        guard index < program.datasets.count, index < tables.count else { return nil }
        let column = program.datasets[index].keyColumn
        guard column >= 0, column < tables[index].columns.count,
              case .texts(let codes, let values) = tables[index].columns[column] else { return nil }
        var seen = [Bool](repeating: false, count: values.count)
        var keys: [String] = []
        for code in codes where code >= 0 && !seen[Int(code)] {
            seen[Int(code)] = true
            keys.append(values[Int(code)])
        }
        return keys
    }
}

extension Runner {
    /// Keys found only in datasets without a period, when some dataset has one: they make no
    /// entity (an entity is a key in a period, and no table gives them one), so no rule judges
    /// them. One warning per such dataset, with the count and an example.
    static func keysWithoutPeriods(program: Program, tables: [LoadedTable], entities: EntityIndex) -> [DataIssue] {
        guard entities.periods != nil,
              program.datasets.indices.contains(where: { program.datasets[$0].periodColumn == nil && $0 < tables.count }) else { return [] }
        var judged = Set<String>()
        var previous: Int32 = -1
        for key in entities.keyIndex where key != previous {
            judged.insert(entities.keys[Int(key)])
            previous = key
        }
        var warnings: [DataIssue] = []
        for (index, dataset) in program.datasets.enumerated() where dataset.periodColumn == nil && index < tables.count {
            guard case .texts(let codes, let values) = tables[index].columns[dataset.keyColumn] else { continue }
            var seen = Set<Int32>()
            var unjudged: [String] = []
            for code in codes where code >= 0 && seen.insert(code).inserted && !judged.contains(values[Int(code)]) {
                unjudged.append(values[Int(code)])
            }
            if let example = unjudged.first {
                warnings.append(Messages.keysOnlyWithoutPeriod(path: tables[index].path, count: unjudged.count, example: example))
            }
        }
        return warnings
    }
}

/// Problems with the command line, each a message.
public struct UsageProblems: Error, Sendable {
    public let messages: [Message]
}
