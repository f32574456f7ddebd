// Expressions to SQL. Soko's meaning, spelled with portable SQL: native three-valued AND/OR/NOT
// (Kleene's logic, as SQL's), NULLIF against x / 0, statistics as window functions over the
// entities (the `by` columns are the partition), `prev` as the value of the one row whose
// period is exactly k before (a RANGE frame of width zero: never the previous row, unlike LAG),
// quantiles and ranks computed from row numbers exactly as the evaluator does.

extension SQLBuilder {
    mutating func expression(_ expr: TypedExpr) -> SQLFragment {
        let q = dialect.quote
        range = expr.range
        switch expr.kind {
        case .constant(let value):
            return literal(value, type: expr.type)
        case .column(let ref):
            return SQLFragment(q(baseNames[ref.dataset][ref.column]), isColumn: true)
        case .param(let index):
            return literal(parameters[index], type: program.params[index].type)
        case .indicator(let index):
            let name = program.indicators[index].name
            return SQLFragment(q(name), reads: [name], isColumn: true)
        case .bands(let index):
            let name = program.bands[index].name
            return SQLFragment(q(name), reads: [name], isColumn: true)
        case .rule(let index):
            // fired → true; silent and not applicable → false; insufficient → unknown.
            let name = program.rules[index].name
            return SQLFragment("CASE WHEN \(q(name)) = 'fired' THEN TRUE WHEN \(q(name)) = 'insufficient' THEN \(dialect.null(.flag)) ELSE FALSE END",
                               reads: [name])
        case .scalar(let function, let arguments) where function.asksAboutOutcome:
            // fired(r), decided(r), applies(r): never unknown.
            guard case .rule(let index) = arguments.first?.kind else { return SQLFragment(dialect.null(.flag)) }
            let name = program.rules[index].name
            let column = q(name)
            let sql = switch function {
            case .fired: "(\(column) = 'fired')"
            case .decided: "(\(column) = 'fired' OR \(column) = 'silent')"
            default: "(\(column) <> 'not_applicable')"
            }
            return SQLFragment(sql, reads: [name])
        case .unary(.negate, let operand):
            let x = expression(operand)
            return SQLFragment("(- \(x.sql))", reads: x.reads)
        case .unary(.not, let operand):
            let x = expression(operand)
            return SQLFragment("(NOT \(x.sql))", reads: x.reads)
        case .binary(let op, let left, let right) where op.isComparison && Self.isNumber(left) && Self.isNumber(right):
            // Numbers compare rounded to 9 decimals, both sides (Grammar.md, numbers).
            return binary(op, comparable(left), comparable(right))
        case .binary(let op, let left, let right):
            return binary(op, expression(left), expression(right))
        case .between(let subject, let low, let high, let negated):
            let x = comparable(subject)
            let a = comparable(low)
            let b = comparable(high)
            let sql = "(\(x.sql) >= \(a.sql) AND \(x.sql) <= \(b.sql))"
            return SQLFragment(negated ? "(NOT \(sql))" : sql, reads: x.reads.union(a.reads).union(b.reads))
        case .inList(let subject, let items, let negated):
            // `x in (a, b)` is `false or x = a or x = b` (not SQL's IN, whose NULLs differ between engines).
            let numeric = Self.isNumber(subject)
            let x = numeric ? comparable(subject) : plan.hoist(expression(subject))
            var reads = x.reads
            var terms = ["FALSE"]
            for item in items {
                let y = numeric && Self.isNumber(item) ? comparable(item) : expression(item)
                reads.formUnion(y.reads)
                terms.append("\(x.sql) = \(y.sql)")
            }
            let sql = "(\(terms.joined(separator: " OR ")))"
            return SQLFragment(negated ? "(NOT \(sql))" : sql, reads: reads)
        case .conditional(let condition, let then, let otherwise):
            let c = plan.hoist(expression(condition))
            let a = expression(then)
            let b = expression(otherwise)
            return SQLFragment("CASE WHEN \(c.sql) THEN \(typed(a, then.type, expr.type)) WHEN NOT \(c.sql) THEN \(typed(b, otherwise.type, expr.type)) ELSE \(dialect.null(expr.type)) END",
                               reads: c.reads.union(a.reads).union(b.reads))
        case .scalar(let function, let arguments):
            return scalar(function, arguments, type: expr.type)
        case .aggregate(let function, let subject, let extra, let groups):
            // Over the entities of the expression's level (a group level's own entities).
            return aggregate(function, subject: subject, extra: extra,
                             partition: groups.map { q(baseNames[$0.dataset][$0.column]) })
        case .gather(let link, let inner):
            return gather(link, inner)
        case .rollup(let function, let subject, let extra, let link):
            return rollup(function, subject, extra: extra, link: link)
        case .aggregateBy(let function, let subject, let extra, let keys):
            let hoisted = keys.map { plan.hoist(expression($0)) }
            let result = aggregate(function, subject: subject, extra: extra, partition: hoisted.map(\.sql))
            return SQLFragment(result.sql, reads: result.reads.union(hoisted.flatMap(\.reads)))
        case .history(let function, let subject, let periods):
            return history(function, subject: subject, periods: periods.whole(parameters))
        case .atLeast(let needed, let items):
            // Kleene: true when enough hold, false when even all the unknown ones would not be
            // enough, unknown otherwise.
            var reads = Set<String>()
            var held: [String] = []
            var open: [String] = []
            for item in items {
                let c = plan.hoist(expression(item))
                reads.formUnion(c.reads)
                held.append("CASE WHEN \(c.sql) THEN 1 ELSE 0 END")
                open.append("CASE WHEN \(c.sql) IS NULL THEN 1 ELSE 0 END")
            }
            let n = needed.whole(parameters)
            let yes = "(\(held.joined(separator: " + ")))"
            let maybe = "(\(open.joined(separator: " + ")))"
            return SQLFragment("CASE WHEN \(yes) >= \(n) THEN TRUE WHEN \(yes) + \(maybe) < \(n) THEN FALSE ELSE \(dialect.null(.flag)) END", reads: reads)
        }
    }

    /// A value of one type where another is expected (`missing` in a branch of a number).
    func typed(_ fragment: SQLFragment, _ type: ValueType, _ expected: ValueType) -> String {
        type == .any && expected != .any ? dialect.null(expected) : fragment.sql
    }

    func literal(_ value: Value, type: ValueType) -> SQLFragment {
        switch value {
        case .number(let x): SQLFragment(dialect.number(x))
        case .text(let text): SQLFragment(dialect.string(text))
        case .flag(let b): SQLFragment(b ? "TRUE" : "FALSE")
        case .missing: SQLFragment(dialect.null(type == .any ? .number : type))
        }
    }

    mutating func binary(_ op: BinaryOperator, _ a: SQLFragment, _ b: SQLFragment) -> SQLFragment {
        let reads = a.reads.union(b.reads)
        let sql: String
        switch op {
        case .and: sql = "(\(a.sql) AND \(b.sql))"
        case .or: sql = "(\(a.sql) OR \(b.sql))"
        case .add: sql = "(\(a.sql) + \(b.sql))"
        case .subtract: sql = "(\(a.sql) - \(b.sql))"
        case .multiply: sql = "(\(a.sql) * \(b.sql))"
        // x / 0 is missing, never infinity, NaN or an error.
        case .divide: sql = "(\(a.sql) / NULLIF(\(b.sql), 0))"
        case .equal: sql = "(\(a.sql) = \(b.sql))"
        case .notEqual: sql = "(\(a.sql) <> \(b.sql))"
        case .less: sql = "(\(a.sql) < \(b.sql))"
        case .lessEqual: sql = "(\(a.sql) <= \(b.sql))"
        case .greater: sql = "(\(a.sql) > \(b.sql))"
        case .greaterEqual: sql = "(\(a.sql) >= \(b.sql))"
        }
        return SQLFragment(sql, reads: reads)
    }

    mutating func scalar(_ function: BuiltinFunction, _ arguments: [TypedExpr], type: ValueType) -> SQLFragment {
        switch function {
        case .abs:
            let x = expression(arguments[0])
            return SQLFragment("\(function.sqlName)(\(x.sql))", reads: x.reads)
        case .round:
            // x·10ⁿ rounded to 9 decimals, then halves away from zero (Decimals.round).
            var digits = 0
            if arguments.count == 2, case .constant(.number(let d)) = arguments[1].kind { digits = Int(d) }
            let scale = powerOfTen(digits)
            let x = expression(arguments[0])
            let scaled = plan.hoist(comparable(SQLFragment("(\(x.sql) * \(dialect.number(scale)))", reads: x.reads)))
            return SQLFragment("(\(halfAwayFromZero(scaled.sql)) / \(dialect.number(scale)))", reads: scaled.reads)
        case .min, .max:
            // The smallest (largest) known argument; the first of equals.
            var best = plan.hoist(expression(arguments[0]))
            for argument in arguments.dropFirst() {
                let x = plan.hoist(expression(argument))
                let better = function == .min ? "<" : ">"
                best = plan.hoist(SQLFragment("CASE WHEN \(best.sql) IS NULL THEN \(x.sql) WHEN \(x.sql) IS NULL THEN \(best.sql) WHEN \(x.sql) \(better) \(best.sql) THEN \(x.sql) ELSE \(best.sql) END",
                                              reads: best.reads.union(x.reads)))
            }
            return best
        case .eachMin, .eachMax:
            return scalar(function == .eachMin ? .min : .max, arguments, type: type)
        case .eachSum, .eachCount, .eachMean:
            // Over a family's members: missing skipped, none known is missing; a condition is 1/0.
            var reads = Set<String>()
            var values: [String] = []
            var known: [String] = []
            for argument in arguments {
                let raw = plan.hoist(expression(argument))
                reads.formUnion(raw.reads)
                if argument.type == .flag {
                    values.append("CASE WHEN \(raw.sql) THEN \(dialect.number(1)) ELSE \(dialect.number(0)) END")
                } else {
                    values.append("COALESCE(\(raw.sql), \(dialect.number(0)))")
                }
                known.append("CASE WHEN \(raw.sql) IS NULL THEN \(dialect.number(0)) ELSE \(dialect.number(1)) END")
            }
            let sum = plan.hoist(SQLFragment("(\(values.joined(separator: " + ")))", reads: reads))
            let count = plan.hoist(SQLFragment("(\(known.joined(separator: " + ")))", reads: reads))
            let condition = arguments.contains { $0.type == .flag }
            let body: String
            switch function {
            case .eachSum: body = sum.sql
            case .eachCount: body = condition ? sum.sql : count.sql
            default: body = "\(sum.sql) / \(count.sql)"
            }
            return SQLFragment("CASE WHEN \(count.sql) = 0 THEN \(dialect.null(.number)) ELSE \(body) END", reads: reads)
        case .coalesce:
            var reads = Set<String>()
            let parts = arguments.map { argument -> String in
                let x = expression(argument)
                reads.formUnion(x.reads)
                return typed(x, argument.type, type)
            }
            return SQLFragment("COALESCE(\(parts.joined(separator: ", ")))", reads: reads)
        case .isMissing:
            let x = expression(arguments[0])
            return SQLFragment("(\(x.sql) IS NULL)", reads: x.reads)
        case .daysBetween:
            let a = expression(arguments[0])
            let b = expression(arguments[1])
            return SQLFragment("(\(b.sql) - \(a.sql))", reads: a.reads.union(b.reads))
        case .yearOf, .monthOf, .quarterOf:
            let x = plan.hoist(expression(arguments[0]))
            let date = dialect.date(days: "FLOOR(\(x.sql))")
            let part = function == .yearOf ? "EXTRACT(YEAR FROM \(date))" : "EXTRACT(MONTH FROM \(date))"
            let value = function == .quarterOf ? "FLOOR((\(dialect.cast(part, dialect.doubleType)) + 2) / 3)" : dialect.cast(part, dialect.doubleType)
            return SQLFragment("CASE WHEN \(x.sql) IS NULL THEN \(dialect.null(.number)) ELSE \(value) END", reads: x.reads)
        case .schoolYearStart:
            // 1 September of the year before the period.
            return SQLFragment(dialect.days(date: dialect.makeDate("\(Self.periodColumn) - 1", "9", "1")))
        case .date, .mean, .median, .stddev, .sum, .count, .percentile, .rank, .share, .prev, .change, .periodsWith, .hasPrev,
             .fired, .decided, .applies:
            return untranslated(function)
        }
    }

    /// A built-in the compiler has no SQL for where it met it (SQLBuiltins.swift): refused.
    mutating func untranslated(_ function: BuiltinFunction) -> SQLFragment {
        diagnostics.append(SQLMessages.untranslated(function, range, dialect: options.dialect))
        return SQLFragment(dialect.null(.number))
    }

    static func isNumber(_ expr: TypedExpr) -> Bool { expr.type != .text && expr.type != .flag }

    /// A number as comparisons see it: rounded to 9 decimals, halves away from zero, below
    /// 9·10⁶ in size (Decimals.comparable); constants are rounded here.
    mutating func comparable(_ expr: TypedExpr) -> SQLFragment {
        switch expr.kind {
        case .constant(.number(let x)): return SQLFragment(dialect.number(Decimals.comparable(x)))
        case .param(let index):
            if case .number(let x) = parameters[index] { return SQLFragment(dialect.number(Decimals.comparable(x))) }
        default: break
        }
        return comparable(expression(expr))
    }

    mutating func comparable(_ fragment: SQLFragment) -> SQLFragment {
        let x = plan.hoist(fragment)
        let scaled = plan.hoist(SQLFragment("(\(x.sql) * \(dialect.number(1e9)))", reads: x.reads))
        return SQLFragment("CASE WHEN ABS(\(x.sql)) < \(dialect.number(Decimals.limit)) THEN \(halfAwayFromZero(scaled.sql)) / \(dialect.number(1e9)) ELSE \(x.sql) END",
                           reads: scaled.reads.union(x.reads))
    }

    /// Rounds a column to a whole number, halves away from zero, exactly (no `x + 0.5`, which
    /// rounds 0.49999999999999994 up): the whole part, plus one when the fraction is ≥ 0.5.
    func halfAwayFromZero(_ x: String) -> String {
        "(SIGN(\(x)) * (FLOOR(ABS(\(x))) + CASE WHEN ABS(\(x)) - FLOOR(ABS(\(x))) >= 0.5 THEN 1 ELSE 0 END))"
    }

    func powerOfTen(_ digits: Int) -> Double {
        var result = 1.0
        for _ in 0..<Swift.min(Swift.abs(digits), 15) { result *= 10 }
        return digits < 0 ? 1 / result : result
    }

    // MARK: Statistics

    /// The window of a statistic: the entities sharing the `by` columns.
    func window(_ groups: [String], extra: [String] = [], order: String? = nil) -> String {
        let partition = groups + extra
        var parts: [String] = []
        if !partition.isEmpty { parts.append("PARTITION BY " + partition.joined(separator: ", ")) }
        if let order { parts.append("ORDER BY " + order) }
        return "OVER (\(parts.joined(separator: " ")))"
    }

    /// An entity whose group column is missing belongs to no group: its statistic is missing.
    func guarded(_ sql: String, _ groups: [String]) -> String {
        let groups = groups.filter { $0 != Self.periodColumn }
        guard !groups.isEmpty else { return sql }
        let tests = groups.map { "\($0) IS NULL" }
        return "CASE WHEN \(tests.joined(separator: " OR ")) THEN \(dialect.null(.number)) ELSE \(sql) END"
    }

    mutating func aggregate(_ function: BuiltinFunction, subject: TypedExpr, extra: TypedExpr?, partition groups: [String]) -> SQLFragment {
        let raw = expression(subject)
        let isFlag = subject.type == .flag
        // The subject as a number: conditions as 1/0, texts as 1 where known (for `count`).
        let numeric: SQLFragment
        switch subject.type {
        case .flag:
            let c = plan.hoist(raw)
            numeric = SQLFragment("CASE WHEN \(c.sql) THEN \(dialect.number(1)) WHEN NOT \(c.sql) THEN \(dialect.number(0)) ELSE \(dialect.null(.number)) END", reads: c.reads)
        case .text:
            numeric = SQLFragment("CASE WHEN \(raw.sql) IS NULL THEN \(dialect.null(.number)) ELSE \(dialect.number(1)) END", reads: raw.reads)
        default:
            numeric = raw
        }
        let x = plan.hoist(numeric)
        let over = window(groups)
        let double = dialect.doubleType
        let sql: String
        var reads = x.reads
        switch function {
        case .mean, .share:
            // A group whose values are all equal has exactly that mean (no 0.1 + 0.1 + 0.1 noise).
            sql = "CASE WHEN MIN(\(x.sql)) \(over) = MAX(\(x.sql)) \(over) THEN MIN(\(x.sql)) \(over) ELSE \(dialect.windowAggregate("AVG"))(\(x.sql)) \(over) END"
        case .min, .max, .sum: sql = "\(dialect.windowAggregate(function.sqlName))(\(x.sql)) \(over)"
        case .count:
            sql = isFlag ? dialect.cast("SUM(CASE WHEN \(x.sql) = 1 THEN 1 ELSE 0 END) \(over)", double)
                : dialect.cast("\(function.sqlName)(\(x.sql)) \(over)", double)
        case .stddev:
            // Two passes, as the evaluator: the mean, then the mean squared deviation from it.
            let mean = plan.hoist(SQLFragment("CASE WHEN MIN(\(x.sql)) \(over) = MAX(\(x.sql)) \(over) THEN MIN(\(x.sql)) \(over) ELSE \(dialect.windowAggregate("AVG"))(\(x.sql)) \(over) END", reads: x.reads))
            let square = plan.hoist(SQLFragment("(\(x.sql) - \(mean.sql)) * (\(x.sql) - \(mean.sql))", reads: x.reads.union(mean.reads)))
            sql = "SQRT(\(dialect.windowAggregate("AVG"))(\(square.sql)) \(over))"
            reads = square.reads
        case .rank:
            // 1 + how many known values are larger: ties share the best place.
            let known = window(groups, extra: ["(\(x.sql) IS NULL)"], order: "\(x.sql) DESC")
            sql = "CASE WHEN \(x.sql) IS NULL THEN \(dialect.null(.number)) ELSE \(dialect.cast("RANK() \(known)", double)) END"
        case .median, .percentile:
            return quantile(x, p: function == .median ? SQLFragment(dialect.number(0.5)) : constantExpression(extra), groups: groups)
        default:
            return untranslated(function)
        }
        return SQLFragment(guarded(sql, groups), reads: reads)
    }

    /// The percentile's p, which must be the same for every entity: a literal, a parameter or
    /// arithmetic on them. Anything else is refused (E0501).
    mutating func constantExpression(_ extra: TypedExpr?) -> SQLFragment {
        guard let extra else { return SQLFragment(dialect.null(.number)) }
        var stack = [extra]
        while let node = stack.popLast() {
            switch node.kind {
            case .column, .indicator, .rule, .bands, .aggregate, .history:
                diagnostics.append(SQLMessages.percentileNotConstant(extra.range, dialect: options.dialect))
                return SQLFragment(dialect.null(.number))
            default:
                stack += node.children
            }
        }
        return expression(extra)
    }

    /// Linear interpolation between the order statistics at ⌊p·(n−1)⌋ and the next, over the
    /// known values of the group, exactly as the evaluator computes it.
    mutating func quantile(_ x: SQLFragment, p: SQLFragment, groups: [String]) -> SQLFragment {
        let over = window(groups)
        let n = plan.hoist(SQLFragment(dialect.cast("COUNT(\(x.sql)) \(over)", dialect.doubleType), reads: x.reads))
        let row = plan.hoist(SQLFragment(dialect.cast("ROW_NUMBER() \(window(groups, extra: ["(\(x.sql) IS NULL)"], order: x.sql)) - 1", dialect.doubleType), reads: x.reads))
        let position = plan.hoist(SQLFragment("(\(p.sql) * (\(n.sql) - 1))", reads: n.reads.union(p.reads)))
        let lower = plan.hoist(SQLFragment("FLOOR(\(position.sql))", reads: position.reads))
        let upper = plan.hoist(SQLFragment("CASE WHEN \(lower.sql) + 1 < \(n.sql) - 1 THEN \(lower.sql) + 1 ELSE \(n.sql) - 1 END", reads: lower.reads.union(n.reads)))
        let low = plan.hoist(SQLFragment("\(dialect.windowAggregate("MAX"))(CASE WHEN \(x.sql) IS NOT NULL AND \(row.sql) = \(lower.sql) THEN \(x.sql) END) \(over)",
                                         reads: x.reads.union(row.reads).union(lower.reads)))
        let high = plan.hoist(SQLFragment("\(dialect.windowAggregate("MAX"))(CASE WHEN \(x.sql) IS NOT NULL AND \(row.sql) = \(upper.sql) THEN \(x.sql) END) \(over)",
                                          reads: x.reads.union(row.reads).union(upper.reads)))
        let sql = "CASE WHEN \(n.sql) = 0 OR NOT (\(p.sql) >= 0 AND \(p.sql) <= 1) THEN \(dialect.null(.number)) "
            + "ELSE \(low.sql) + (\(high.sql) - \(low.sql)) * (\(position.sql) - \(lower.sql)) END"
        return SQLFragment(guarded(sql, groups), reads: n.reads.union(position.reads).union(lower.reads).union(low.reads).union(high.reads).union(p.reads))
    }

    // MARK: History

    /// The same key's value in the period exactly `k` before: a window frame holding only the
    /// row whose period is p − k (RANGE k PRECEDING AND k PRECEDING), empty (NULL) when that
    /// period has no row. Each step is read once, so engines that inline CTEs (ClickHouse) do
    /// not repeat work, as a self-join would make them.
    mutating func previous(_ x: SQLFragment, type: ValueType, periods: Int) -> SQLFragment {
        let frame = "OVER (PARTITION BY \(Self.keyColumn) ORDER BY \(Self.periodColumn) RANGE BETWEEN \(periods) PRECEDING AND \(periods) PRECEDING)"
        return SQLFragment("\(dialect.onlyValue(x.sql, type: type)) \(frame)", reads: x.reads)
    }

    mutating func history(_ function: BuiltinFunction, subject: TypedExpr, periods: Int) -> SQLFragment {
        let x = plan.hoist(expression(subject))
        switch function {
        case .prev:
            return previous(x, type: subject.type, periods: periods)
        case .change:
            let before = plan.hoist(previous(x, type: subject.type, periods: 1))
            return SQLFragment("(\(x.sql) - \(before.sql))", reads: x.reads.union(before.reads))
        case .periodsWith:
            // Known only when each of the n periods has a row and the condition is decided in
            // it: then the n rows of the frame all have a known value.
            let frame = "OVER (PARTITION BY \(Self.keyColumn) ORDER BY \(Self.periodColumn) RANGE BETWEEN \(periods - 1) PRECEDING AND CURRENT ROW)"
            return SQLFragment("CASE WHEN COUNT(\(x.sql)) \(frame) = \(periods) THEN \(dialect.cast("SUM(CASE WHEN \(x.sql) THEN 1 ELSE 0 END) \(frame)", dialect.doubleType)) ELSE \(dialect.null(.number)) END",
                               reads: x.reads)
        case .hasPrev:
            let frame = "OVER (PARTITION BY \(Self.keyColumn) ORDER BY \(Self.periodColumn) RANGE BETWEEN \(periods) PRECEDING AND \(periods) PRECEDING)"
            return SQLFragment("(COUNT(*) \(frame) > 0)", reads: x.reads)
        default:
            return untranslated(function)
        }
    }
}
