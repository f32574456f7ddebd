// The checked program: every name resolved, every expression typed. The evaluator, the test
// runner and `explain` work on this, never on the syntax tree.

/// Where a column lives: dataset index and column index within it.
public struct ColumnRef: Sendable, Hashable {
    public let dataset: Int
    public let column: Int

    public init(dataset: Int, column: Int) {
        self.dataset = dataset
        self.column = column
    }
}

/// A resolved, typed expression.
public struct TypedExpr: Sendable, Hashable {
    public let kind: TypedKind
    public let type: ValueType
    public let range: SourceRange

    public init(_ kind: TypedKind, _ type: ValueType, _ range: SourceRange) {
        self.kind = kind
        self.type = type
        self.range = range
    }
}

public indirect enum TypedKind: Sendable, Hashable {
    case constant(Value)
    case column(ColumnRef)
    case param(Int)
    case indicator(Int)
    /// A rule's name: true when the rule fired, false otherwise (never unknown).
    case rule(Int)
    /// A bands name: the level the value falls in.
    case bands(Int)
    case unary(UnaryOperator, TypedExpr)
    case binary(BinaryOperator, TypedExpr, TypedExpr)
    case between(TypedExpr, low: TypedExpr, high: TypedExpr, negated: Bool)
    case inList(TypedExpr, [TypedExpr], negated: Bool)
    case conditional(TypedExpr, then: TypedExpr, otherwise: TypedExpr)
    case scalar(BuiltinFunction, [TypedExpr])
    /// A statistic: the function, its subject, an extra argument (percentile's p), the columns
    /// that form the group (empty: all rows).
    case aggregate(BuiltinFunction, TypedExpr, extra: TypedExpr?, groups: [ColumnRef])
    /// prev/change/periods_with with a number of periods written as a literal or a parameter.
    case history(BuiltinFunction, TypedExpr, periods: Constant)
    case atLeast(Constant, [TypedExpr])
    /// The value of an expression of another level, read through a link: each entity of the
    /// link's `from` level takes the value of the entity its link columns find (Grammar.md 5.14).
    case gather(link: Int, TypedExpr)
    /// A statistic over the entities of a lower level (the link's `from` level) that belong to
    /// each entity of this level (the link's `to` level).
    case rollup(BuiltinFunction, TypedExpr, extra: TypedExpr?, link: Int)
    /// A statistic grouped by computed values (an indicator, bands).
    case aggregateBy(BuiltinFunction, TypedExpr, extra: TypedExpr?, keys: [TypedExpr])
}

/// A number the checker requires to be known before any data is read: a literal, or a
/// parameter whose value a run may set (`--set`, a test's `param`).
public enum Constant: Sendable, Hashable {
    case literal(Double)
    case param(Int)
    /// An expression of literals and parameters (`k + 1`), folded with the run's parameters so
    /// that `--set` and a test's `param` reach it as they reach a bare parameter.
    case expression(TypedExpr)

    /// The value with the parameters of a run.
    public func value(_ parameters: [Value]) -> Double? {
        switch self {
        case .literal(let x): return x
        case .param(let index):
            guard index < parameters.count, case .number(let x) = parameters[index] else { return nil }
            return x
        case .expression(let expr):
            guard case .number(let x)? = Folder(values: parameters).fold(expr) else { return nil }
            return x
        }
    }

    /// The value as a whole number (parameters are checked to be whole when they are set).
    public func whole(_ parameters: [Value]) -> Int {
        Int((value(parameters) ?? 0).rounded())
    }
}

/// One declared column of a dataset (key, period and label are columns too).
public struct DatasetColumn: Sendable, Hashable {
    public let name: String
    public let header: String
    public let type: ColumnType
    public let role: DatasetRole
    public let range: SourceRange
    /// `column municipality: text "Муниципалитет"`: the title reports show.
    public var title: String? = nil
}

public struct Dataset: Sendable, Hashable {
    public let name: String
    public let title: String?
    public let columns: [DatasetColumn]
    public let keyColumn: Int
    public let periodColumn: Int?
    public let labelColumn: Int?
    public let range: SourceRange
    /// Every key column in order (a composite key has several); empty for a row table.
    public var keyColumns: [Int] = []
    /// The level (space) whose entities the dataset's rows describe.
    public var space: Int = 0

    /// True for a dataset without a key: many rows per entity of its link's level.
    public var isRowTable: Bool { keyColumn < 0 }

    /// What the data reader must deliver, in column order.
    public var requests: [ColumnRequest] {
        columns.map { ColumnRequest(name: $0.name, header: $0.header, type: $0.type, isPeriod: $0.role == .period) }
    }
}

public struct Param: Sendable, Hashable {
    public let name: String
    public let description: String?
    public var value: Value
    public let type: ValueType
    public let range: SourceRange
}

public struct Indicator: Sendable, Hashable {
    public let name: String
    public let title: String?
    public let value: TypedExpr
    public let range: SourceRange
    /// The space (level) the declaration is evaluated in; 0 is the main level.
    public var level: Int = 0
}

/// A text with `{…}` places, filled per entity.
public struct Template: Sendable, Hashable {
    public enum Piece: Sendable, Hashable {
        case text(String)
        case value(TypedExpr)
    }

    public let pieces: [Piece]
    public let range: SourceRange
}

public struct Requirement: Sendable, Hashable {
    public let condition: TypedExpr
    public let reason: Template?
}

public struct Rule: Sendable, Hashable {
    public let name: String
    public let title: String?
    public let condition: TypedExpr
    /// `applies` clauses: where one is false the rule does not apply; where one is unknown it
    /// has insufficient data. Evaluated before `require` and `when`.
    public let applicability: [Requirement]
    public let requirements: [Requirement]
    public let severity: Severity
    public let category: String?
    public let source: String?
    public let recommendations: [Template]
    public let range: SourceRange
    /// The space (level) the declaration is evaluated in; 0 is the main level.
    public var level: Int = 0
}

public struct Band: Sendable, Hashable {
    /// Lower bound, included; nil for minus infinity.
    public let from: Constant?
    /// Upper bound, excluded; nil for infinity.
    public let to: Constant?
    public let level: String
    public let recommendation: Template?
    public let range: SourceRange
}

public struct Bands: Sendable, Hashable {
    public let name: String
    public let title: String?
    public let subject: TypedExpr
    public let bands: [Band]
    public let range: SourceRange
    /// The space (level) the declaration is evaluated in; 0 is the main level.
    public var level: Int = 0
}

/// A checked test: its inline data as tables, parameter overrides and expectations.
public struct TestCase: Sendable, Hashable {
    public let name: String
    /// The keyword language of the test's file: recommendation texts are filled in it, so that
    /// `"индекс 30,0 %"` matches whatever the user's locale.
    public let language: Language
    public let given: [GivenTable]
    /// Parameter overrides: index into `Program.params` and the value for this test.
    public let params: [ParamOverride]
    public let expectations: [Expectation]
    public let range: SourceRange
}

public struct ParamOverride: Sendable, Hashable {
    public let param: Int
    public let value: Value
}

/// Rows for one dataset, each row holding a value for every column of the dataset in its
/// order (missing where the test's table does not give the column).
public struct GivenTable: Sendable, Hashable {
    public let dataset: Int
    public let rows: [[Value]]
    public let range: SourceRange
}

/// One expected outcome or value for one entity.
public struct Expectation: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        case fires, silent, insufficient
        case notApplicable = "not applicable"

        public var russian: String {
            switch self {
            case .fires: "срабатывает"
            case .silent: "молчит"
            case .insufficient: "недостаточно"
            case .notApplicable: "не применяется"
            }
        }

        public func spelling(_ language: Language) -> String { language == .ru ? russian : rawValue }

        /// An outcome by its word in either language, ignoring case.
        public static func named(_ word: String) -> Outcome? {
            let lower = word.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return allCases.first { $0.rawValue == lower || $0.russian == lower }
        }
    }
    public enum Check: Sendable, Hashable {
        case rule(Int, Outcome, recommendationContains: String?)
        case indicator(Int, Value, tolerance: Double)
        case bands(Int, Value)
    }

    public let key: String
    public let period: Int?
    public let check: Check
    public let range: SourceRange
    /// The space (level) of the expected rule, indicator or bands; `key` is an entity's key there.
    public var space: Int = 0
}

/// A rule set after checking: what the evaluator runs.
public struct Program: Sendable {
    public var sources: SourceSet
    public var datasets: [Dataset]
    public var params: [Param]
    public var indicators: [Indicator]
    /// Rules in the order they were declared.
    public var rules: [Rule]
    public var bands: [Bands]
    public var tests: [TestCase]
    /// Indicators, rules and bands in an order where each comes after everything it names.
    public var evaluationOrder: [Node]
    /// Files given by the user (not only imported); warnings about unused names concern these.
    public var entryFiles: Set<Int>
    /// The levels and row tables; empty when the rule set has only the main level.
    public var spaces: [Space] = []
    /// Links between levels (Grammar.md 5.14).
    public var links: [Link] = []
    /// The analytic note's title and signatures, when the rule set declares them.
    public var note: NoteInfo? = nil
    /// In `mainView`: the parameters the whole program reads.
    var wholeProgramParameters: [Int]? = nil

    /// A declaration that yields a value per entity.
    public enum Node: Sendable, Hashable {
        case indicator(Int)
        case rule(Int)
        case bands(Int)
    }

    public func rule(named name: String) -> Int? { rules.firstIndex { $0.name == name } }
    public func param(named name: String) -> Int? { params.firstIndex { $0.name == name } }
    public func indicator(named name: String) -> Int? { indicators.firstIndex { $0.name == name } }

    /// The summary's default group column: the first text column of the first main-level
    /// dataset that is not its key or label (municipality, in the shipped rule sets). The
    /// checker counts it as read (W0403); `Summary.defaultGroup` groups by it.
    public static func defaultGroupColumn(_ datasets: [Dataset]) -> ColumnRef? {
        for (datasetIndex, dataset) in datasets.enumerated() where dataset.space == 0 && !dataset.isRowTable {
            if let column = dataset.columns.firstIndex(where: { $0.role == .column && $0.type == .text }) {
                return ColumnRef(dataset: datasetIndex, column: column)
            }
        }
        return nil
    }
}

extension Program {
    /// The parameters that some indicator, rule, bands or recommendation reads, in declaration
    /// order. A shared file's default that this rule set never reads is left out of reports.
    public var readParameters: [Int] {
        // A report's view of the main level still lists what the group levels read.
        if let wholeProgramParameters { return wholeProgramParameters }
        var read = Set<Int>()
        var stack: [TypedExpr] = indicators.map(\.value) + bands.map(\.subject)
        for band in bands.flatMap(\.bands) { stack += band.recommendation?.expressions ?? [] }
        for rule in rules {
            stack.append(rule.condition)
            for requirement in rule.applicability + rule.requirements {
                stack.append(requirement.condition)
                stack += requirement.reason?.expressions ?? []
            }
            stack += rule.recommendations.flatMap(\.expressions)
        }
        for band in bands.flatMap(\.bands) {
            for bound in [band.from, band.to] {
                if case .param(let index)? = bound { read.insert(index) }
                if case .expression(let expr)? = bound { stack.append(expr) }
            }
        }
        while let expr = stack.popLast() {
            switch expr.kind {
            case .param(let index), .history(_, _, periods: .param(let index)), .atLeast(.param(let index), _):
                read.insert(index)
            case .history(_, _, periods: .expression(let count)), .atLeast(.expression(let count), _):
                stack.append(count)
            default:
                break
            }
            stack += expr.children
        }
        return read.sorted()
    }

    /// Parameters that must stay whole numbers in a range, because they count periods or
    /// conditions; `--set` and tests may not give them other values.
    public var wholeNumberParameters: [Int: ClosedRange<Int>] {
        var ranges: [Int: ClosedRange<Int>] = [:]
        var stack: [TypedExpr] = indicators.map(\.value) + bands.map(\.subject) + rules.flatMap { [$0.condition] + $0.conditions }
        while let expr = stack.popLast() {
            switch expr.kind {
            case .history(_, _, periods: .param(let index)): ranges[index] = 1...50
            case .atLeast(.param(let index), _): ranges[index] = 0...1000
            case .scalar(.round, let arguments) where arguments.count == 2:
                if case .param(let index) = arguments[1].kind { ranges[index] = -15...15 }
            default: break
            }
            stack += expr.children
        }
        return ranges
    }
}

extension Rule {
    /// The `applies` and `require` conditions, in that order (without `when`).
    public var conditions: [TypedExpr] { applicability.map(\.condition) + requirements.map(\.condition) }
}

extension Template {
    /// The expressions of the `{…}` places.
    public var expressions: [TypedExpr] {
        pieces.compactMap { if case .value(let expr) = $0 { expr } else { nil } }
    }
}
