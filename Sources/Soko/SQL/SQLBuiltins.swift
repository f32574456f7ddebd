// Each built-in function's SQL, beside its meaning in Semantics/Builtins.swift: one entry per
// `BuiltinFunction`, in a switch without `default`, so a new built-in does not compile until it
// says how `soko sql` writes it (and SQLCompilerTests.everyBuiltinCompilesInEveryDialect fails
// until a rule using it compiles in every dialect). The compiler reads the SQL function names
// from here; the entries that are compositions name the portable pieces they are built of.

/// How `soko sql` writes one built-in function.
public enum SQLBuiltin: Sendable, Equatable {
    /// A function every dialect has under this name, applied to the argument (`ABS(x)`).
    case function(String)
    /// The SQL aggregate, as a window function over the group (`MIN(x) OVER (PARTITION BY …)`;
    /// dialects rename it where it would give NaN or 0 over no value).
    case window(String)
    /// Written from portable pieces, as described (Soko's meaning, not the engine's).
    case composed(String)
    /// Never reaches SQL: the checker folds it to a constant.
    case folded
}

extension BuiltinFunction {
    /// How `soko sql` writes this built-in.
    public var sql: SQLBuiltin {
        switch self {
        case .abs: .function("ABS")
        case .round: .composed("x·10ⁿ rounded to 9 decimals, FLOOR(|x|) + 1 when the fraction is ≥ 0.5 (halves away from zero)")
        case .min: .window("MIN")
        case .max: .window("MAX")
        case .coalesce: .function("COALESCE")
        case .isMissing: .composed("x IS NULL")
        case .mean: .composed("AVG over the group, MIN where every value is equal (no rounding noise)")
        case .median: .composed("ROW_NUMBER over the group's known values, interpolated between ⌊0.5·(n−1)⌋ and the next")
        case .stddev: .composed("SQRT(AVG((x − mean)²)) over the group: two passes, as the evaluator")
        case .sum: .window("SUM")
        case .count: .window("COUNT")
        case .percentile: .composed("ROW_NUMBER over the group's known values, interpolated between ⌊p·(n−1)⌋ and the next")
        case .rank: .composed("RANK() over the group's known values, descending; missing for a missing value")
        case .share: .composed("AVG of 1/0 over the group's decided conditions")
        case .prev: .composed("MAX over the frame RANGE k PRECEDING AND k PRECEDING of the key, ordered by period")
        case .change: .composed("x − prev(x)")
        case .periodsWith: .composed("SUM of 1/0 over the frame RANGE n−1 PRECEDING, known when all n rows are decided")
        case .hasPrev: .composed("COUNT(*) over the frame RANGE k PRECEDING AND k PRECEDING > 0")
        case .fired: .composed("outcome = 'fired'")
        case .decided: .composed("outcome IN ('fired', 'silent')")
        case .applies: .composed("outcome <> 'not_applicable'")
        case .date: .folded
        case .daysBetween: .composed("b − a (dates are days since 1970-01-01)")
        case .yearOf: .composed("EXTRACT(YEAR FROM the dialect's date of the days)")
        case .monthOf: .composed("EXTRACT(MONTH FROM the dialect's date of the days)")
        case .quarterOf: .composed("FLOOR((month + 2) / 3)")
        case .schoolYearStart: .composed("the dialect's make_date(period − 1, 9, 1) as days")
        case .eachSum: .composed("COALESCE(x, 0) + … over the family's members, missing when none is known")
        case .eachCount: .composed("CASE WHEN x IS NULL THEN 0 ELSE 1 END + … over the family's members")
        case .eachMean: .composed("each_sum / each_count")
        case .eachMin: .composed("the smallest known member: CASE chain, the first of equals")
        case .eachMax: .composed("the largest known member: CASE chain, the first of equals")
        }
    }

    /// The SQL name of a `.function` or `.window` built-in ("" for the others).
    var sqlName: String {
        switch sql {
        case .function(let name), .window(let name): name
        case .composed, .folded: ""
        }
    }
}
