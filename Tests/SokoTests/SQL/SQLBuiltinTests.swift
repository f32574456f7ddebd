// One table of built-ins (Semantics/Builtins.swift, SQL/SQLBuiltins.swift): every built-in has
// a use here, and that use compiles to SQL in every dialect without a diagnostic. A new built-in
// fails `everyBuiltinHasAUse` until it is added here, and the use fails until `soko sql`
// translates it.
import Foundation
import Testing
@testable import Soko

@Suite struct SQLBuiltinTests {
    static let dataset = """
    dataset t { key id  period year  column g: text  column a: number  column b: number  column f: flag
                column d: date  column e: date  columns p: number from "p{1-3}" }
    rule other { when a > 1 severity low }

    """

    /// One indicator per built-in.
    static let uses: [BuiltinFunction: String] = [
        .abs: "abs(a)", .round: "round(a, 1)", .min: "min(a by g)", .max: "max(a by g) + max(a, b)", .coalesce: "coalesce(a, b)",
        .isMissing: "is_missing(a)", .mean: "mean(a by g)", .median: "median(a)", .stddev: "stddev(a by g)",
        .sum: "sum(a by g, year)", .count: "count(a by g) + count(f by g)", .percentile: "percentile(a, 25%)", .rank: "rank(a by g)",
        .share: "share(f)", .prev: "prev(a, 2)", .change: "change(a)", .periodsWith: "periods_with(f, 2)",
        .hasPrev: "has_prev()", .fired: "fired(other)", .decided: "decided(other)", .applies: "applies(other)",
        .date: "d > date(\"01.09.2024\")", .daysBetween: "days_between(d, e)", .yearOf: "year_of(d)", .monthOf: "month_of(d)",
        .quarterOf: "quarter_of(d)", .schoolYearStart: "school_year_start()", .eachSum: "each_sum(p)",
        .eachCount: "each_count(p > a)", .eachMean: "each_mean(p)", .eachMin: "each_min(p)", .eachMax: "each_max(p)",
    ]

    @Test func everyBuiltinHasAUse() {
        let missing = BuiltinFunction.allCases.filter { Self.uses[$0] == nil }
        #expect(missing.isEmpty, "built-ins without a use in SQLBuiltinTests.uses: \(missing)")
    }

    @Test(arguments: BuiltinFunction.allCases)
    func everyBuiltinCompilesInEveryDialect(_ function: BuiltinFunction) throws {
        let use = try #require(Self.uses[function])
        let text = Self.dataset + "indicator x = \(use)\n"
        let check = Compiler.compile(text: text)
        let program = try #require(check.program, "\(use): \(check.diagnostics.map(\.code))")
        for dialect in SQLDialectName.allCases {
            let result = SQLCompiler.compile(program, options: SQLOptions(dialect: dialect, readable: true))
            #expect(result.diagnostics.isEmpty, "\(function) in \(dialect): \(result.diagnostics.map(\.code))")
            let sql = try #require(result.sql)
            // A function or window entry of the table is what the SQL says.
            switch function.sql {
            case .function(let name), .window(let name):
                #expect(sql.localizedCaseInsensitiveContains(name), "\(function) in \(dialect) without \(name)")
            case .composed(let description):
                #expect(!description.isEmpty)
            case .folded:
                #expect(sql.contains("x"))
            }
        }
    }
}
