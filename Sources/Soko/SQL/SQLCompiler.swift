// `soko sql`: a checked program to one SQL script that computes, from tables already in the
// engine, what `soko run` computes: one row per fired rule (key, period, rule, severity, title,
// recommendation filled in as `soko run --format csv` writes it), or with `entities` one row
// per entity with every indicator, bands and rule outcome. It is a second evaluator, written
// independently of Evaluation/: it reads only the Program.

/// What to compile for.
public struct SQLOptions: Sendable {
    public var dialect: SQLDialectName
    /// The engine's table per dataset name (default: the dataset's name).
    public var tables: [String: String]
    /// One row per entity instead of one row per fired rule.
    public var entities: Bool
    /// One common table expression per declaration, named after it (for reading); otherwise
    /// declarations share steps scheduled by dependency level (`soko_step_N`), which engines
    /// plan much faster (a municipal rule set: 600 steps or 20).
    public var readable: Bool
    /// The language recommendations are filled in (numbers as `30,0 %` or `30.0%`).
    public var language: Language
    /// Parameter values in force (`--set`); the declared values when nil.
    public var parameterValues: [Value]?
    /// The level whose rows the result lists (a group level's name as written in `for`, or a
    /// row table's); nil: the main level.
    public var level: String?

    public init(dialect: SQLDialectName, tables: [String: String] = [:], entities: Bool = false,
                language: Language = .ru, parameterValues: [Value]? = nil, readable: Bool = false) {
        self.dialect = dialect
        self.readable = readable
        self.tables = tables
        self.entities = entities
        self.language = language
        self.parameterValues = parameterValues
    }
}

/// The script, or the constructs the dialect cannot express.
public struct SQLResult: Sendable {
    public let sql: String?
    public let diagnostics: [Diagnostic]
}

public enum SQLCompiler {
    /// Compiles a checked program.
    public static func compile(_ program: Program, options: SQLOptions) -> SQLResult {
        var builder = SQLBuilder(program: program, options: options)
        let sql = builder.script()
        return SQLResult(sql: builder.diagnostics.isEmpty ? sql : nil, diagnostics: builder.diagnostics)
    }
}

/// The state of one compilation.
struct SQLBuilder {
    let program: Program
    let options: SQLOptions
    let dialect: any SQLDialect
    let parameters: [Value]
    var plan: SQLPlan
    var diagnostics: [Diagnostic] = []
    /// The level (space) of the expression being compiled (0: the main level).
    var space = 0
    /// The language of the recommendation being filled, when it is not the run's.
    var textLanguage: Language?
    /// The source of the expression being compiled (for diagnostics).
    var range = SourceRange(file: 0, start: 0, end: 0)
    /// The level the result lists.
    let outputSpace: Int
    /// Per dataset, per column: its name in the base step.
    let baseNames: [[String]]
    let hasPeriod: Bool
    /// Per level: whether its entities have periods.
    let spacePeriods: [Bool]

    static let keyColumn = "soko_key"
    static let periodColumn = "soko_period"

    init(program: Program, options: SQLOptions) {
        self.program = program
        self.options = options
        dialect = options.dialect.dialect
        parameters = options.parameterValues ?? program.params.map(\.value)
        let spaceCount = max(program.spaces.count, 1)
        plan = SQLPlan(dialect: dialect, bases: (0..<spaceCount).map { $0 == 0 ? "soko_base" : "soko_base_\($0)" }, compact: !options.readable)
        outputSpace = options.level.flatMap { SQLCompiler.space(named: $0, in: program) } ?? 0
        hasPeriod = program.datasets.contains { $0.periodColumn != nil && $0.space == 0 && !$0.isRowTable }
        spacePeriods = (0..<spaceCount).map { Self.hasPeriods(program, space: $0) }
        // A column keeps its name where no other dataset column or declaration has it.
        var counts: [String: Int] = [:]
        for dataset in program.datasets { for column in dataset.columns { counts[column.name, default: 0] += 1 } }
        let declared = Set(program.indicators.map(\.name) + program.rules.map(\.name) + program.bands.map(\.name))
        baseNames = program.datasets.map { dataset in
            dataset.columns.map { column in
                counts[column.name] == 1 && !declared.contains(column.name) && !column.name.hasPrefix("soko_")
                    ? column.name : "\(dataset.name)__\(column.name)"
            }
        }
    }

    /// The engine table of a dataset.
    func table(_ dataset: Int) -> String {
        let name = program.datasets[dataset].name
        return options.tables[name] ?? name
    }

    /// A dataset column as the engine's table names it.
    func sourceColumn(_ dataset: Int, _ column: Int) -> String {
        dialect.quote(dialect.columnName(program.datasets[dataset].columns[column].header))
    }

    mutating func script() -> String {
        guard diagnostics.isEmpty else { return "" }
        for node in program.evaluationOrder {
            switch node {
            case .indicator(let index): indicator(index)
            case .bands(let index): bands(index)
            case .rule(let index): rule(index)
            }
        }
        plan.flush()
        var text = "-- Soko rule set compiled by `soko sql --dialect \(options.dialect.rawValue)`.\n"
        text += "-- Entities: one per key and period; every step adds columns to the step before.\n"
        for statement in dialect.prelude { text += statement + ";\n" }
        var parts = baseSteps()
        for step in plan.steps {
            let columns = step.columns.map { "\($0.sql) AS \(dialect.quote($0.name))" }.joined(separator: ",\n    ")
            if let join = step.join {
                parts.append((step.name, step.comment, "SELECT a.*,\n    \(columns)\n  FROM \(dialect.quote(step.from)) a\n  \(join)"))
            } else {
                parts.append((step.name, step.comment, "SELECT *,\n    \(columns)\n  FROM \(dialect.quote(step.from))"))
            }
        }
        let final = options.entities ? entityQuery() : firedQuery()
        if dialect.materializesJoinedSteps && plan.steps.contains(where: { $0.join != nil }) {
            return text + materialized(parts, final: final)
        }
        text += "WITH\n"
        text += parts.map { name, comment, body in
            (comment.map { "-- \($0.replacingAll("\n", with: " "))\n" } ?? "") + "\(dialect.quote(name)) \(dialect.stepKeyword) (\n  \(body))"
        }.joined(separator: ",\n")
        text += "\n" + final + ";\n"
        return text
    }

    // MARK: Declarations

    mutating func indicator(_ index: Int) {
        let decl = program.indicators[index]
        enter(decl.level)
        plan.begin(decl.name)
        let value = expression(decl.value)
        plan.finish(decl.name, comment: "indicator \(decl.name)" + (decl.title.map { ": \($0)" } ?? ""),
                    columns: [(decl.name, value)])
    }

    mutating func bands(_ index: Int) {
        let decl = program.bands[index]
        enter(decl.level)
        plan.begin(decl.name)
        let subject = plan.hoist(comparable(decl.subject))
        var cases: [String] = []
        for band in decl.bands {
            var tests = ["\(subject.sql) IS NOT NULL"]
            if let from = band.from?.value(parameters) { tests.append("\(subject.sql) >= \(dialect.number(Decimals.comparable(from)))") }
            if let to = band.to?.value(parameters) { tests.append("\(subject.sql) < \(dialect.number(Decimals.comparable(to)))") }
            cases.append("WHEN \(tests.joined(separator: " AND ")) THEN \(dialect.string(band.level))")
        }
        let sql = "CASE \(cases.joined(separator: " ")) ELSE \(dialect.null(.text)) END"
        plan.finish(decl.name, comment: "bands \(decl.name)" + (decl.title.map { ": \($0)" } ?? ""),
                    columns: [(decl.name, SQLFragment(sql, reads: subject.reads))])
    }

    mutating func rule(_ index: Int) {
        let rule = program.rules[index]
        enter(rule.level)
        plan.begin(rule.name)
        let condition = plan.hoist(expression(rule.condition))
        var reads = condition.reads
        let judged = rule.requirements.map { requirement -> String in
            let held = expression(requirement.condition)
            reads.formUnion(held.reads)
            return "COALESCE(\(held.sql), FALSE)"
        }
        let decided = "CASE WHEN \(condition.sql) THEN 'fired' WHEN NOT \(condition.sql) THEN 'silent' ELSE 'insufficient' END"
        var outcome = judged.isEmpty ? decided : "CASE WHEN \(judged.joined(separator: " AND ")) THEN \(decided) ELSE 'insufficient' END"
        // `applies` comes first: false → not applicable, unknown → insufficient data.
        if !rule.applicability.isEmpty {
            var applies: [String] = []
            for clause in rule.applicability {
                let held = expression(clause.condition)
                reads.formUnion(held.reads)
                applies.append(held.sql)
            }
            let all = plan.hoist(SQLFragment("(" + applies.joined(separator: " AND ") + ")", reads: reads))
            reads.formUnion(all.reads)
            outcome = "CASE WHEN \(all.sql) THEN \(outcome) WHEN NOT \(all.sql) THEN 'not_applicable' ELSE 'insufficient' END"
        }
        var columns: [(String, SQLFragment)] = [(rule.name, SQLFragment(outcome, reads: reads))]
        if !options.entities, let text = recommendation(rule.recommendations) {
            columns.append((Self.textColumn(rule.name), text))
        }
        let title = rule.title.map { ": \($0)" } ?? ""
        plan.finish(rule.name, comment: "rule \(rule.name)\(title) (\(rule.severity.english))", columns: columns)
    }

    static func textColumn(_ rule: String) -> String { "soko_text_\(rule)" }

    // MARK: Results

    /// One row per fired rule, sorted by key, period and rule name (bytes), as `soko run
    /// --format csv`.
    func firedQuery() -> String {
        let q = dialect.quote
        let header = outputHeader()
        let hasPeriod = spacePeriods[outputSpace]
        let order = program.rules.indices.filter { program.rules[$0].level == outputSpace }
            .sorted { program.rules[$0].name.utf8.lexicographicallyPrecedes(program.rules[$1].name.utf8) }
        guard !order.isEmpty else {
            var columns = ["\(Self.keyColumn) AS \(q(header[0]))"]
            if hasPeriod { columns.append("\(Self.periodColumn) AS \(q(header[1]))") }
            columns += ["rule", "severity", "title", "recommendation"].map { "\(dialect.null(.text)) AS \(q($0))" }
            return "SELECT \(columns.joined(separator: ", ")) FROM \(q(plan.last(of: outputSpace))) WHERE 1 = 0"
        }
        let rules = order.enumerated().map { position, index in
            let rule = program.rules[index]
            return "SELECT \(position) AS soko_rule, \(dialect.string(rule.name)) AS soko_name, "
                + "\(dialect.string(rule.severity.english)) AS soko_severity, \(dialect.string(rule.title ?? "")) AS soko_title"
        }
        var text = ",\n-- The rules, in the order of their names\n"
        text += "soko_rules AS (\n  " + rules.joined(separator: "\n  UNION ALL\n  ") + ")\n"
        let last = q(plan.last(of: outputSpace))
        let outcome = "CASE r.soko_rule " + order.enumerated().map { "WHEN \($0.offset) THEN s.\(q(program.rules[$0.element].name))" }.joined(separator: " ") + " END"
        let texts = "CASE r.soko_rule " + order.enumerated().map { position, index in
            let rule = program.rules[index]
            let text = recommendation(plain: rule.recommendations).map { dialect.string($0) } ?? "s.\(q(Self.textColumn(rule.name)))"
            return "WHEN \(position) THEN \(text)"
        }.joined(separator: " ") + " END"
        var columns = ["\(outputKey("s.\(Self.keyColumn)")) AS \(q(header[0]))"]
        if hasPeriod { columns.append("s.\(Self.periodColumn) AS \(q(header[1]))") }
        columns += ["r.soko_name AS \(q("rule"))", "r.soko_severity AS \(q("severity"))", "r.soko_title AS \(q("title"))",
                    "\(texts) AS \(q("recommendation"))"]
        var ordering = [dialect.byteOrder("s.\(Self.keyColumn)")]
        if hasPeriod { ordering.append("s.\(Self.periodColumn)") }
        ordering.append("r.soko_rule")
        text += "-- One row per fired rule\n"
        text += "SELECT " + columns.joined(separator: ",\n  ") + "\nFROM \(last) s CROSS JOIN soko_rules r\n"
        text += "WHERE \(outcome) = 'fired'\nORDER BY " + ordering.joined(separator: ", ")
        return text
    }

    /// One row per entity: key, period, indicators, bands, rule outcomes.
    func entityQuery() -> String {
        let q = dialect.quote
        let hasPeriod = spacePeriods[outputSpace]
        var columns = ["\(outputKey(Self.keyColumn)) AS \(q("key"))"]
        if hasPeriod { columns.append("\(Self.periodColumn) AS \(q("period"))") }
        columns += program.indicators.filter { $0.level == outputSpace }.map { q($0.name) }
        columns += program.bands.filter { $0.level == outputSpace }.map { q($0.name) }
        columns += program.rules.filter { $0.level == outputSpace }.map { q($0.name) }
        var ordering = [dialect.byteOrder(Self.keyColumn)]
        if hasPeriod { ordering.append(Self.periodColumn) }
        return "-- One row per entity\nSELECT " + columns.joined(separator: ",\n  ") + "\nFROM \(q(plan.last(of: outputSpace)))\nORDER BY "
            + ordering.joined(separator: ", ")
    }
}
