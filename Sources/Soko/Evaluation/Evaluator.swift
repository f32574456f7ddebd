// The evaluator: runs a checked program over the entities of a run, one whole column per
// expression. Indicators, rules and bands are computed once each, in dependency order.

/// What a rule concluded for one entity.
public enum RuleOutcome: UInt8, Sendable {
    case silent = 0
    case fired = 1
    /// The condition (or a `require` or `applies`) could not be decided: data is missing or
    /// too few.
    case insufficient = 2
    /// An `applies` condition is false: the rule is not about this entity.
    case notApplicable = 3

    /// The outcome as a three-valued truth when the rule's name stands in an expression:
    /// fired is true, silent and not applicable are false, insufficient data is unknown.
    public var truth: Truth {
        switch self {
        case .fired: .yes
        case .silent, .notApplicable: .no
        case .insufficient: .unknown
        }
    }

    /// Fired or silent: the rule applied and was decided.
    public var isDecided: Bool { self == .fired || self == .silent }
}

/// Runs a program's indicators, bands and rules over all entities.
public final class Evaluator {
    public let program: Program
    public let entities: EntityIndex
    let tables: [LoadedTable]
    /// Parameter values in force (declared values, or overrides from `--set` and tests).
    public let parameterValues: [Value]

    var indicatorColumns: [Column?]
    private(set) var bandsColumns: [Column?]
    private(set) var ruleOutcomes: [[UInt8]?]
    private var datasetColumns: [ColumnRef: Column] = [:]
    /// Columns of expressions that reports ask for entity by entity (recommendation places,
    /// `require` conditions): evaluated once, then looked up.
    private var reportColumns: [TypedExpr: Column] = [:]
    var groupIndices: [[ColumnRef]: GroupIndex] = [:]
    /// `earlierEntity(periods:)` per number of periods, for reports that ask entity by entity.
    private var earlierEntities: [Int: [Int32]] = [:]
    /// Per rule, its missing-input finder, for reports that ask entity by entity.
    var missingInputFinders: [Int: MissingInputFinder] = [:]

    func earlierEntityCached(periods: Int) -> [Int32] {
        if let cached = earlierEntities[periods] { return cached }
        let computed = earlierEntity(periods: periods)
        earlierEntities[periods] = computed
        return computed
    }

    public var count: Int { entities.count }
    /// The space (level) this evaluator's entities belong to; 0 is the main level.
    var space = 0
    /// The run's levels: the main evaluator owns them, the others share them.
    weak var sharedLevels: Levels?
    var ownLevels: Levels?

    public init(program: Program, tables: [LoadedTable], entities: EntityIndex, parameterValues: [Value]? = nil) {
        self.program = program
        self.tables = tables
        self.entities = entities
        self.parameterValues = parameterValues ?? program.params.map(\.value)
        indicatorColumns = Array(repeating: nil, count: program.indicators.count)
        bandsColumns = Array(repeating: nil, count: program.bands.count)
        ruleOutcomes = Array(repeating: nil, count: program.rules.count)
    }

    /// Whether `run` lets go of an indicator's column once the last rule or bands that reads
    /// it is done (see `IndicatorLiveness`); a report that asks for it later gets it evaluated
    /// again, the same values. Off only in tests that compare both ways.
    @TaskLocal static var releasesIndicators = true
    /// How many indicator columns were evaluated (tests: a released one is never evaluated again
    /// during `run`).
    private(set) var indicatorEvaluations = 0

    /// Evaluates every bands and rule, and the indicators they read, in dependency order;
    /// an indicator nothing reads is evaluated only when a report asks for it.
    public func run() -> Evaluation {
        if !program.spaces.isEmpty { return runLevels() }
        let releasing = Self.releasesIndicators
        let liveness = IndicatorLiveness(program: program)
        for (position, node) in program.evaluationOrder.enumerated() {
            switch node {
            case .indicator(let index): if !releasing { _ = indicator(index) }
            case .bands(let index): _ = bands(index)
            case .rule(let index): _ = outcomes(of: index)
            }
            if releasing { release(liveness.lastReaders[position]) }
        }
        return Evaluation(evaluator: self)
    }

    func indicator(_ index: Int) -> Column {
        if let column = indicatorColumns[index] { return column }
        if program.indicators[index].level != space { return .constant(.missing) }
        let column = evaluate(program.indicators[index].value)
        indicatorColumns[index] = column
        indicatorEvaluations += 1
        return column
    }

    func bands(_ index: Int) -> Column {
        if let column = bandsColumns[index] { return column }
        if program.bands[index].level != space { return .constant(.missing) }
        let decl = program.bands[index]
        let values = evaluate(decl.subject).numbers(count: count)
        // Bounds and values are compared rounded to 9 decimals, as every comparison is.
        let bounds = decl.bands.map { (from: $0.from.flatMap { $0.value(parameterValues) }.map(Decimals.comparable) ?? -.infinity,
                                       to: $0.to.flatMap { $0.value(parameterValues) }.map(Decimals.comparable) ?? .infinity) }
        let codes = RowParts.array(count: count) { entity -> Int32 in
            let x = Decimals.comparable(values[entity])
            guard !x.isNaN, let band = bounds.firstIndex(where: { $0.from <= x && x < $0.to }) else { return -1 }
            return Int32(band)
        }
        let column = Column.texts(codes, dictionary: decl.bands.map(\.level))
        bandsColumns[index] = column
        return column
    }

    /// Per entity, `RuleOutcome.rawValue`.
    public func outcomes(of index: Int) -> [UInt8] {
        if let outcomes = ruleOutcomes[index] { return outcomes }
        let rule = program.rules[index]
        if rule.level != space { return [UInt8](repeating: RuleOutcome.insufficient.rawValue, count: count) }
        // Kleene truth to outcome: yes → fired, no → silent, unknown → insufficient.
        var outcomes = evaluate(rule.condition).flags(count: count)
        // Then `require` (not yes → insufficient), then `applies`, which comes first in the
        // order of judgement and so has the last word: no → not applicable, unknown → insufficient.
        for requirement in rule.requirements {
            let held = evaluate(requirement.condition).flags(count: count)
            outcomes.withUnsafeMutableBufferPointer { outcomes in
                RowParts.forEach(count: count) { range in
                    for entity in range where held[entity] != Truth.yes.rawValue {
                        outcomes[entity] = RuleOutcome.insufficient.rawValue
                    }
                }
            }
        }
        if !rule.applicability.isEmpty {
            var applies = Column.constant(.flag(true))
            for clause in rule.applicability { applies = Operators.and(applies, evaluate(clause.condition), count: count) }
            let truths = applies.flags(count: count)
            outcomes.withUnsafeMutableBufferPointer { outcomes in
                RowParts.forEach(count: count) { range in
                    for entity in range where truths[entity] != Truth.yes.rawValue {
                        outcomes[entity] = truths[entity] == Truth.no.rawValue ? RuleOutcome.notApplicable.rawValue : RuleOutcome.insufficient.rawValue
                    }
                }
            }
        }
        ruleOutcomes[index] = outcomes
        return outcomes
    }

    /// An expression's column, evaluated once per run however often reports ask for it.
    public func cachedColumn(_ expr: TypedExpr) -> Column {
        if let column = reportColumns[expr] { return column }
        let column = evaluate(expr)
        reportColumns[expr] = column
        return column
    }

    /// A dataset column in entity order.
    func column(_ ref: ColumnRef) -> Column {
        if let column = datasetColumns[ref] { return column }
        let data = tables[ref.dataset].columns[ref.column]
        let rows = entities.rows[ref.dataset]
        let column: Column
        switch data {
        case .numbers(let values):
            column = .numbers(rows.map { rows in Operators.map(rows) { $0 < 0 ? .nan : values[Int($0)] } } ?? values)
        case .flags(let values):
            column = .flags(rows.map { rows in Operators.map(rows) { $0 < 0 ? Truth.unknown.rawValue : values[Int($0)] } } ?? values)
        case .texts(let codes, let dictionary):
            column = .texts(rows.map { rows in Operators.map(rows) { $0 < 0 ? -1 : codes[Int($0)] } } ?? codes, dictionary: dictionary)
        }
        datasetColumns[ref] = column
        return column
    }

    /// The value of an expression for every entity.
    public func evaluate(_ expr: TypedExpr) -> Column {
        switch expr.kind {
        case .constant(let value): return .constant(value)
        case .column(let ref): return column(ref)
        case .param(let index): return .constant(parameterValues[index])
        case .indicator(let index): return indicator(index)
        case .bands(let index): return bands(index)
        case .rule(let index):
            // Outcome to truth by a table: silent no, fired yes, insufficient unknown, not applicable no.
            let truths: [UInt8] = [0, 1, 2, 3].map { (RuleOutcome(rawValue: $0) ?? .insufficient).truth.rawValue }
            return .flags(truths.withUnsafeBufferPointer { truths in Operators.map(outcomes(of: index)) { truths[Int($0 & 3)] } })
        case .scalar(let function, let arguments) where function.asksAboutOutcome:
            guard case .rule(let index) = arguments.first?.kind else { return .constant(.missing) }
            let test: (RuleOutcome) -> Bool = switch function {
            case .fired: { $0 == .fired }
            case .decided: { $0.isDecided }
            default: { $0 != .notApplicable }
            }
            let truths = [UInt8](0...255).map { test(RuleOutcome(rawValue: $0) ?? .insufficient) ? Truth.yes.rawValue : Truth.no.rawValue }
            return .flags(Operators.map(outcomes(of: index)) { truths[Int($0)] })
        case .unary(.negate, let operand):
            return Operators.arithmetic(evaluate(operand), .constant(.number(-1)), count: count, Operators.Multiply())
        case .unary(.not, let operand):
            return Operators.not(evaluate(operand), count: count)
        case .binary(let op, let left, let right):
            return binary(op, left, right)
        case .between(let subject, let low, let high, let negated):
            let x = evaluate(subject)
            let result = Operators.and(Operators.compare(.greaterEqual, x, evaluate(low), count: count),
                                       Operators.compare(.lessEqual, x, evaluate(high), count: count), count: count)
            return negated ? Operators.not(result, count: count) : result
        case .inList(let subject, let items, let negated):
            let x = evaluate(subject)
            var result = Column.constant(.flag(false))
            for item in items {
                result = Operators.or(result, Operators.equal(x, evaluate(item), count: count), count: count)
            }
            return negated ? Operators.not(result, count: count) : result
        case .conditional(let condition, let then, let otherwise):
            return Operators.choose(evaluate(condition), evaluate(then), evaluate(otherwise), count: count)
        case .scalar(let function, let arguments):
            return scalar(function, arguments.map(evaluate))
        case .aggregate(let function, let subject, let extra, let groups):
            return aggregate(function, subject: evaluate(subject), extra: extra.map(evaluate), groups: groups)
        case .history(let function, let subject, let periods):
            return history(function, subject: evaluate(subject), periods: periods.whole(parameterValues))
        case .gather(let link, let inner):
            return gather(link: link, inner)
        case .rollup(let function, let subject, let extra, let link):
            return rollup(function, subject, extra: extra, link: link)
        case .aggregateBy(let function, let subject, let extra, let keys):
            return aggregate(function, subject: evaluate(subject), extra: extra.map(evaluate),
                             index: groupIndex(columns: keys.map(evaluate)))
        case .atLeast(let neededCount, let items):
            // Kleene: true when enough hold, false when even every unknown holding would not be
            // enough, unknown otherwise.
            let needed = neededCount.whole(parameterValues)
            var held = [Int32](repeating: 0, count: count)
            var undecided = [Int32](repeating: 0, count: count)
            for item in items {
                let truths = evaluate(item).flags(count: count)
                let counted = Swift.min(count, truths.count)
                // Through raw buffers: no check per entity.
                held.withUnsafeMutableBufferPointer { held in
                    undecided.withUnsafeMutableBufferPointer { undecided in
                        truths.withUnsafeBufferPointer { truths in
                            RowParts.forEach(count: counted) { range in
                                for entity in range {
                                    let truth = truths[entity]
                                    if truth == Truth.yes.rawValue { held[entity] += 1 } else if truth == Truth.unknown.rawValue { undecided[entity] += 1 }
                                }
                            }
                        }
                    }
                }
            }
            return .flags(held.withUnsafeBufferPointer { held in
                undecided.withUnsafeBufferPointer { undecided in
                    RowParts.array(count: count) { entity in
                        held[entity] >= needed ? Truth.yes.rawValue
                            : (held[entity] + undecided[entity] < needed ? Truth.no.rawValue : Truth.unknown.rawValue)
                    }
                }
            })
        }
    }

    func binary(_ op: BinaryOperator, _ left: TypedExpr, _ right: TypedExpr) -> Column {
        let a = evaluate(left)
        let b = evaluate(right)
        switch op {
        case .and: return Operators.and(a, b, count: count)
        case .or: return Operators.or(a, b, count: count)
        case .add: return Operators.arithmetic(a, b, count: count, Operators.Add())
        case .subtract: return Operators.arithmetic(a, b, count: count, Operators.Subtract())
        case .multiply: return Operators.arithmetic(a, b, count: count, Operators.Multiply())
        case .divide: return Operators.arithmetic(a, b, count: count, Operators.Divide())
        case .equal: return Operators.equal(a, b, count: count)
        case .notEqual: return Operators.not(Operators.equal(a, b, count: count), count: count)
        case .less, .lessEqual, .greater, .greaterEqual:
            return Operators.compare(op, a, b, count: count)
        }
    }

    func scalar(_ function: BuiltinFunction, _ arguments: [Column]) -> Column {
        switch function {
        case .abs:
            return Operators.arithmetic(arguments[0], .constant(.number(0)), count: count) { x, _ in Swift.abs(x) }
        case .round:
            var digits = 0.0
            if arguments.count == 2, case .constant(.number(let d)) = arguments[1] { digits = d }
            let places = Int(digits)
            return Operators.arithmetic(arguments[0], .constant(.number(0)), count: count) { x, _ in Decimals.round(x, digits: places) }
        case .min, .max:
            let numbers = arguments.map { $0.numbers(count: count) }
            var result = [Double](repeating: .nan, count: count)
            for entity in 0..<count {
                var best = Double.nan
                for values in numbers {
                    let x = values[entity]
                    if x.isNaN { continue }
                    if best.isNaN || (function == .min ? x < best : x > best) { best = x }
                }
                result[entity] = best
            }
            return .numbers(result)
        case .eachMin, .eachMax:
            return scalar(function == .eachMin ? .min : .max, arguments)
        case .eachSum, .eachCount, .eachMean:
            // Over a family's members: missing members are skipped, none known is missing; a
            // condition counts as 1 when it holds, so its sum is how many hold and its mean the share.
            let condition = arguments.contains { column in
                if case .flags = column { return true }
                if case .constant(.flag) = column { return true }
                return false
            }
            let numbers = arguments.map { $0.numbers(count: count) }
            var result = [Double](repeating: .nan, count: count)
            for entity in 0..<count {
                var sum = 0.0, known = 0
                for values in numbers where !values[entity].isNaN {
                    sum += values[entity]
                    known += 1
                }
                guard known > 0 else { continue }
                switch function {
                case .eachSum: result[entity] = sum
                case .eachCount: result[entity] = condition ? sum : Double(known)
                default: result[entity] = sum / Double(known)
                }
            }
            return .numbers(result)
        case .coalesce:
            return Operators.coalesce(arguments, count: count)
        case .isMissing:
            let column = arguments[0]
            return .flags(RowParts.array(count: count) { column.isMissing(at: $0) ? Truth.yes.rawValue : Truth.no.rawValue })
        case .daysBetween:
            return Operators.arithmetic(arguments[1], arguments[0], count: count) { $0 - $1 }
        case .yearOf, .monthOf, .quarterOf:
            return Operators.arithmetic(arguments[0], .constant(.number(0)), count: count) { days, _ in
                guard days.isFinite else { return .nan }
                let (year, month, _) = CalendarDates.civil(days)
                return Double(function == .yearOf ? year : function == .monthOf ? month : (month + 2) / 3)
            }
        case .schoolYearStart:
            guard let periods = entities.periods else { return .constant(.missing) }
            return .numbers(periods.map { CalendarDates.days(year: $0 - 1, month: 9, day: 1) ?? .nan })
        default:
            return .constant(.missing)
        }
    }
}
