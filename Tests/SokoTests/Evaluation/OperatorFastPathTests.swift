// The evaluator's fast loops give what the plain definitions give: comparisons that skip the
// rounding for values far apart or equal, Kleene's and/or by a table, the numeric `where`
// filter, and counting a condition per group.
import Testing
@testable import Soko

@Suite struct OperatorFastPathTests {
    static let yes = Truth.yes.rawValue
    static let no = Truth.no.rawValue
    static let unknown = Truth.unknown.rawValue

    /// The comparison as Grammar.md defines it: both sides rounded to 9 decimals, every time.
    static func reference(_ x: Double, _ y: Double, _ test: (Double, Double) -> Bool) -> UInt8 {
        x.isNaN || y.isNaN ? unknown : (Decimals.compare(x, y, test) ? yes : no)
    }

    @Test func comparisonsMatchTheRoundedDefinition() {
        // Ties, values within 10⁻⁹ of each other, just past 10⁻⁸, missing, large and negative.
        let values: [Double] = [0, -0.0, 0.1, 0.7 - 0.6, 0.1 + 1e-10, 0.1 - 4e-10, 0.1 + 6e-10, 0.1 + 1e-8, 0.1 - 1.1e-8,
                                0.25, 22.0 / 36 - 13.0 / 36, 2, 2.0000000004, 1.9999999996, .nan, 9e6, 9e6 + 1e-8, -3.5, -3.5000000004,
                                1e300,
                                // Exactly 10⁻⁸ apart and just inside; gaps too small to multiply
                                // (subnormal); infinities of both signs (their gap is NaN or
                                // infinite, yet neither side is missing).
                                0.3, 0.3 + 1e-8, 0.3 + 9.999e-9, 5e-324, 1e-320, -1e-320, .infinity, -.infinity]
        let tests: [(Double, Double) -> Bool] = [{ $0 < $1 }, { $0 <= $1 }, { $0 > $1 }, { $0 >= $1 }, { $0 == $1 }]
        for (index, test) in tests.enumerated() {
            for y in values {
                let column = Operators.compareNumbers(.numbers(values), .constant(.number(y)), count: values.count, test)
                let flipped = Operators.compareNumbers(.constant(.number(y)), .numbers(values), count: values.count, test)
                let paired = Operators.compareNumbers(.numbers(values), .numbers([Double](repeating: y, count: values.count)),
                                                      count: values.count, test)
                let expected = values.map { Self.reference($0, y, test) }
                let expectedFlipped = values.map { Self.reference(y, $0, test) }
                guard case .flags(let got) = column, case .flags(let gotFlipped) = flipped, case .flags(let gotPaired) = paired else {
                    Issue.record("not truths")
                    continue
                }
                #expect(got == expected, "test \(index), y = \(y)")
                #expect(gotFlipped == expectedFlipped, "test \(index) flipped, y = \(y)")
                #expect(gotPaired == expected, "test \(index) paired, y = \(y)")
            }
        }
        // The decimal-faithful rule itself: 0.7 − 0.6 ≥ 0.1 and 0.1 + 4·10⁻¹⁰ = 0.1.
        guard case .flags(let holds) = Operators.compareNumbers(.numbers([0.7 - 0.6, 0.1 + 4e-10]), .constant(.number(0.1)),
                                                                 count: 2, { $0 == $1 }) else { return }
        #expect(holds == [Self.yes, Self.yes])
    }

    @Test func kleeneAndOrOverEveryPair() {
        let truths = [Self.no, Self.yes, Self.unknown]
        var xs: [UInt8] = []
        var ys: [UInt8] = []
        for x in truths { for y in truths { xs.append(x); ys.append(y) } }
        guard case .flags(let and) = Operators.and(.flags(xs), .flags(ys), count: xs.count),
              case .flags(let or) = Operators.or(.flags(xs), .flags(ys), count: xs.count),
              case .flags(let not) = Operators.not(.flags(xs), count: xs.count) else {
            Issue.record("not truths")
            return
        }
        let n = Self.no, y = Self.yes, u = Self.unknown
        #expect(and == [n, n, n, n, y, u, n, u, u])
        #expect(or == [n, y, u, y, y, y, u, y, u])
        #expect(not == [y, y, y, n, n, n, u, u, u])
        // A constant spreads out.
        guard case .flags(let withTrue) = Operators.and(.constant(.flag(true)), .flags(ys), count: ys.count) else { return }
        #expect(withTrue == ys)
    }

    @Test func textEqualityByCode() {
        let codes: [Int32] = [0, 1, -1, 2, 0]
        let column = Column.texts(codes, dictionary: ["Математика", "История", "Русский язык"])
        guard case .flags(let got) = Operators.equal(column, .constant(.text("Математика")), count: codes.count),
              case .flags(let flipped) = Operators.equal(.constant(.text("История")), column, count: codes.count) else {
            Issue.record("not truths")
            return
        }
        #expect(got == [Self.yes, Self.no, Self.unknown, Self.no, Self.yes])
        #expect(flipped == [Self.no, Self.yes, Self.unknown, Self.no, Self.no])
    }

    @Test func numericFilterKeepsTheSubjectWhereTheConditionHolds() {
        let condition = Column.flags([Self.yes, Self.no, Self.unknown, Self.yes])
        guard case .numbers(let filtered) = Operators.choose(condition, .numbers([1, 2, 3, .nan]), .constant(.missing), count: 4),
              case .numbers(let either) = Operators.choose(condition, .constant(.number(7)), .numbers([1, 2, 3, 4]), count: 4),
              case .texts(let codes, let dictionary) = Operators.choose(condition, .constant(.text("а")), .constant(.text("б")), count: 4)
        else {
            Issue.record("wrong kind")
            return
        }
        #expect(filtered[0] == 1 && filtered[1].isNaN && filtered[2].isNaN && filtered[3].isNaN)
        #expect(either[0] == 7 && either[1] == 2 && either[2].isNaN && either[3] == 7)
        #expect(codes.map { $0 < 0 ? "" : dictionary[Int($0)] } == ["а", "б", "", "а"])
    }

    @Test func countingAConditionPerGroup() throws {
        // count(...) and sum(...) of a condition: how many hold in the entity's group.
        let evaluation = try Support.evaluate(rules: """
        dataset t { key id  column g: text  column a: number }
        indicator held = count(a > 1 by g)
        indicator summed = sum(a > 1 by g)
        rule r { when held >= 2 severity low }
        """, csv: "id,g,a\nk1,x,2\nk2,x,3\nk3,x,\nk4,y,0\nk5,,5\n")
        #expect((0..<5).map { evaluation.indicatorColumn(0).value(at: $0) } == [.number(2), .number(2), .number(2), .number(0), .missing])
        #expect((0..<5).map { evaluation.indicatorColumn(1).value(at: $0) } == [.number(2), .number(2), .number(2), .number(0), .missing])
    }
}
