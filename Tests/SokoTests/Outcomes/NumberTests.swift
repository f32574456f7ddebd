// The decimal-faithful number rule (Grammar.md §5.12): comparisons at 9 decimals, `round`
// of halves as by hand, and values that never print equal to the threshold they crossed;
// with the regressions where the evaluator and Grammar.md disagreed about statistics.
import Foundation
import Testing
@testable import Soko

@Suite struct NumberTests {
    static let dataset = """
    dataset t { key id  column g: text  column a: number  column b: number  column c: number  column p: percent  column q: percent }

    """

    /// One boundary case: a condition over one row `a, b, c, p, q` and whether it holds.
    struct Case: CustomStringConvertible, Sendable {
        let condition: String
        let row: String
        let holds: Bool
        var description: String { "\(condition) with \(row)" }
    }

    static let cases: [Case] = [
        // Subtraction of shares (percent columns read 70.0 as 0.70).
        Case(condition: "p - q >= 10%", row: "0,0,0,70.0,60.0", holds: true),
        Case(condition: "p - q = 10%", row: "0,0,0,70.0,60.0", holds: true),
        Case(condition: "p - q > 10%", row: "0,0,0,70.0,60.0", holds: false),
        Case(condition: "p - q >= 10%", row: "0,0,0,30,20", holds: true),
        Case(condition: "p - q >= 10%", row: "0,0,0,33.3,23.3", holds: true),
        Case(condition: "p - q >= 10%", row: "0,0,0,70.1,60.1", holds: true),
        Case(condition: "p - q < 10%", row: "0,0,0,0.3,0.2", holds: true),
        Case(condition: "q - p <= -10%", row: "0,0,0,70.0,60.0", holds: true),
        // Sums of parts.
        Case(condition: "a + b = 0.3", row: "0.1,0.2,0,0,0", holds: true),
        Case(condition: "a + b <= 0.3", row: "0.1,0.2,0,0,0", holds: true),
        Case(condition: "a + b > 0.3", row: "0.1,0.2,0,0,0", holds: false),
        Case(condition: "a + b + c = 1", row: "0.7,0.1,0.2,0,0", holds: true),
        Case(condition: "1 - a = 0.3", row: "0.7,0,0,0,0", holds: true),
        Case(condition: "p + q = 100%", row: "0,0,0,33.3,66.7", holds: true),
        Case(condition: "a + b between 0.3 and 0.4", row: "0.1,0.2,0,0,0", holds: true),
        Case(condition: "a + b in (0.3, 0.5)", row: "0.1,0.2,0,0,0", holds: true),
        Case(condition: "a + b != 0.3", row: "0.1,0.2,0,0,0", holds: false),
        // Ratios of counts.
        Case(condition: "a / b > 10%", row: "251,2500,0,0,0", holds: true),
        Case(condition: "a / b >= 10%", row: "250,2500,0,0,0", holds: true),
        Case(condition: "a / b > 10%", row: "250,2500,0,0,0", holds: false),
        Case(condition: "a / b >= 10%", row: "7,70,0,0,0", holds: true),
        Case(condition: "a / b * 100 = 10", row: "30,300,0,0,0", holds: true),
        Case(condition: "a / b = 0.333333333", row: "1,3,0,0,0", holds: true),
        Case(condition: "a / b = 0.666666667", row: "2,3,0,0,0", holds: true),
        Case(condition: "a / b * 3 = 1", row: "1,3,0,0,0", holds: true),
        // Rounding halves away from zero, after x·10ⁿ is taken to 9 decimals.
        Case(condition: "round(a, 2) = 0.15", row: "0.145,0,0,0,0", holds: true),
        Case(condition: "round(a, 2) = 1.01", row: "1.005,0,0,0,0", holds: true),
        Case(condition: "round(a, 2) = 1.02", row: "1.015,0,0,0,0", holds: true),
        Case(condition: "round(a, 2) = 0.29", row: "0.285,0,0,0,0", holds: true),
        Case(condition: "round(a, 1) = 1.5", row: "1.45,0,0,0,0", holds: true),
        Case(condition: "round(a, 2) = 8.35", row: "8.345,0,0,0,0", holds: true),
        Case(condition: "round(a) = 3", row: "2.5,0,0,0,0", holds: true),
        Case(condition: "round(a + b, 1) = 0.3", row: "0.1,0.2,0,0,0", holds: true),
        // Negative values.
        Case(condition: "round(a) = -3", row: "-2.5,0,0,0,0", holds: true),
        Case(condition: "round(a, 2) = -0.15", row: "-0.145,0,0,0,0", holds: true),
        Case(condition: "a + b = -0.3", row: "-0.1,-0.2,0,0,0", holds: true),
        Case(condition: "a - b = -0.1", row: "-0.7,-0.6,0,0,0", holds: true),
        Case(condition: "a - b >= -0.1", row: "-0.7,-0.6,0,0,0", holds: true),
        Case(condition: "abs(a - b) <= 0.1", row: "-0.7,-0.6,0,0,0", holds: true),
        // Differences below the ninth decimal vanish; above it they count; large values are exact.
        Case(condition: "a = 0", row: "0.0000000001,0,0,0,0", holds: true),
        Case(condition: "a > 0", row: "0.000000001,0,0,0,0", holds: true),
        Case(condition: "a + b > 9000000", row: "9000000,0.0000001,0,0,0", holds: true),
    ]

    @Test(arguments: cases)
    func boundaryCase(_ test: Case) throws {
        let evaluation = try Support.evaluate(rules: Self.dataset + "rule r { when \(test.condition) severity low }",
                                              csv: "id,g,a,b,c,p,q\nk1,x,\(test.row)\n")
        #expect(evaluation.outcome(rule: 0, entity: 0) == (test.holds ? .fired : .silent))
    }

    @Test func roundGivesTheDecimalValue() throws {
        let evaluation = try Support.evaluate(rules: Self.dataset + """
        indicator r1 = round(a, 2)
        indicator r2 = round(b, 2)
        indicator r3 = round(c)
        rule r { when r1 > 0 and r2 > 0 and r3 > 0 severity low }
        """, csv: "id,g,a,b,c,p,q\nk1,x,0.145,1.005,-0.5,,\n")
        #expect((0..<3).map { evaluation.indicatorColumn($0).value(at: 0) } == [.number(0.15), .number(1.01), .number(-1)])
    }

    @Test func bandBoundsCompareAtNineDecimals() throws {
        let evaluation = try Support.evaluate(rules: Self.dataset + """
        bands zone by p - q { to 10% -> "low"  from 10% -> "high" }
        rule r { when zone = "high" severity low }
        """, csv: "id,g,a,b,c,p,q\nk1,x,,,,70.0,60.0\nk2,x,,,,69.9,60.0\n")
        #expect(Support.outcomes(evaluation, rule: "r") == ["k1": .fired, "k2": .silent])
    }

    @Test func theCheckerFoldsWithTheSameRule() {
        // 0.1 + 0.2 = 0.3 holds at check time too, so the rule is not reported as never firing.
        #expect(Support.codes(Self.dataset + "rule r { when 0.1 + 0.2 = 0.3 and a + b + c > 0 and p >= q severity low }") == [])
    }

    // MARK: Printing apart

    @Test func aValueNeverPrintsEqualToItsThreshold() throws {
        let evaluation = try Support.evaluate(rules: """
        dataset s { key id  column n: count  column d: count }
        param limit = 10%
        indicator share = n / d
        rule r { when share > limit severity low recommend "доля {share}, порог {limit}" }
        """, csv: "id,n,d\nk1,251,2500\nk2,300,2500\nk3,2500001,25000000\n")
        let russian = ValueFormatter(language: .ru)
        let rule = evaluation.program.rules[0]
        #expect(evaluation.fill(rule.recommendations[0], entities: [0, 1, 2], formatter: russian)
                == ["доля 10,04 %, порог 10,0 %", "доля 12,0 %, порог 10,0 %", "доля 10,000004 %, порог 10,0 %"])
        let explanation = Explainer(evaluation: evaluation, language: .ru).explain(rule: 0, entity: 0)
        #expect(explanation.text(detailed: false).contains("10,04 %"))
        #expect(!explanation.text(detailed: false).contains("10,0 % выше порога «limit» 10,0 %"))
        #expect(russian.formatApart(.number(0.1004), .share, .number(0.1), .share) == ("10,04 %", "10,0 %"))
        #expect(ValueFormatter(language: .en).formatApart(.number(2.004), .number, .number(2), .number) == ("2.004", "2"))
        // Equal at 9 decimals: printed alike, as they compare.
        #expect(russian.formatApart(.number(0.30000000000000004), .share, .number(0.3), .share) == ("30,0 %", "30,0 %"))
    }

    // MARK: Where the evaluator and Grammar.md disagreed

    @Test func statisticsOfEqualValuesAreExact() throws {
        let evaluation = try Support.evaluate(rules: Self.dataset + """
        indicator sd = stddev(a by g)
        indicator m = mean(a by g)
        indicator z = (a - m) / sd
        rule spread { when stddev(a by g) > 0 severity low }
        """, csv: "id,g,a,b,c,p,q\nk1,x,0.1,,,,\nk2,x,0.1,,,,\nk3,x,0.1,,,,\n")
        #expect(evaluation.indicatorColumn(0).value(at: 0) == .number(0))
        #expect(evaluation.indicatorColumn(1).value(at: 0) == .number(0.1))
        #expect(evaluation.indicatorColumn(2).value(at: 0) == .missing)
        #expect(Support.outcomes(evaluation, rule: "spread") == ["k1": .silent, "k2": .silent, "k3": .silent])
    }

    @Test func countAndSumOfConstantsAndConditions() throws {
        let evaluation = try Support.evaluate(rules: Self.dataset + """
        param yes = true
        param word = "x"
        indicator always = 1 > 0
        indicator n_false = count(false by g)
        indicator n_text = count("x" by g)
        indicator n_param = count(yes by g)
        indicator n_word = count(word by g)
        indicator n_always = count(always by g)
        indicator s_none = sum(a > 0 by g)
        indicator s_false = sum(false by g)
        indicator s_values = sum(a by g)
        rule r { when n_false >= 0 severity low }
        """, csv: "id,g,a,b,c,p,q\nk1,x,,,,,\nk2,x,,,,,\nk3,y,1,,,,\n")
        func values(_ name: String) -> [Value] {
            let index = evaluation.program.indicator(named: name)!
            return (0..<3).map { evaluation.indicatorColumn(index).value(at: $0) }
        }
        #expect(values("n_false") == [.number(0), .number(0), .number(0)])
        #expect(values("n_text") == [.number(2), .number(2), .number(1)])
        #expect(values("n_param") == [.number(2), .number(2), .number(1)])
        #expect(values("n_word") == [.number(2), .number(2), .number(1)])
        #expect(values("n_always") == [.number(2), .number(2), .number(1)])
        // For conditions, how many hold: 0 where none is known, not missing.
        #expect(values("s_none") == [.number(0), .number(0), .number(1)])
        #expect(values("s_false") == [.number(0), .number(0), .number(0)])
        #expect(values("s_values") == [.missing, .missing, .number(1)])
    }
}
