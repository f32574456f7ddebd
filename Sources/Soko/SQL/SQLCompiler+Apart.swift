// Two places of one recommendation that would print alike although their values differ get
// more digits until they print apart (Grammar.md, numbers, 3; ValueFormatter.formatApart and
// Evaluation.fill): pair by pair in order, each pair reading the texts the pairs before left.

extension SQLBuilder {
    /// Most extra digits tried (as formatApart).
    static let apartDigits = 9

    /// Whether two places can print alike: shares with shares, other numbers with each other.
    static func alikeTypes(_ a: ValueType, _ b: ValueType) -> Bool {
        let plain: Set<ValueType> = [.number, .count, .any]
        return (a == .share && b == .share) || (plain.contains(a) && plain.contains(b))
    }

    /// The places' texts, with each pair that prints alike but differs printed apart. The
    /// extra digits are the fewest at which the two values round apart (the printed text of
    /// a number with d decimals is one-to-one with its value rounded to d decimals).
    mutating func apart(_ places: [(expr: TypedExpr, value: SQLFragment, type: ValueType, text: SQLFragment)]) -> [SQLFragment] {
        var texts = places.map(\.text)
        for i in places.indices {
            for j in places.indices where j > i && Self.alikeTypes(places[i].type, places[j].type) && places[i].value.sql != places[j].value.sql {
                let a = plan.hoist(texts[i])
                let b = plan.hoist(texts[j])
                let x = places[i].value
                let y = places[j].value
                let cx = plan.hoist(comparable(x))
                let cy = plan.hoist(comparable(y))
                let base = places[i].type == .share ? 1 : 2
                let (vx, vy) = places[i].type == .share ? ("(\(x.sql) * \(dialect.number(100)))", "(\(y.sql) * \(dialect.number(100)))") : (x.sql, y.sql)
                let cases = (1...Self.apartDigits).map { extra in
                    "WHEN \(roundedAt(vx, digits: base + extra)) <> \(roundedAt(vy, digits: base + extra)) THEN \(extra)"
                }
                let alike = "\(a.sql) = \(b.sql) AND \(x.sql) IS NOT NULL AND \(y.sql) IS NOT NULL AND \(cx.sql) <> \(cy.sql)"
                let reads = a.reads.union(b.reads).union(x.reads).union(y.reads).union(cx.reads).union(cy.reads)
                let extra = plan.hoist(SQLFragment("CASE WHEN \(alike) THEN CASE \(cases.joined(separator: " ")) ELSE 0 END ELSE 0 END", reads: reads))
                let first = number(x, type: places[i].type, extraDigits: extra)
                let second = number(y, type: places[j].type, extraDigits: extra)
                texts[i] = SQLFragment("CASE WHEN \(extra.sql) > 0 THEN \(first.sql) ELSE \(a.sql) END", reads: first.reads.union(a.reads))
                texts[j] = SQLFragment("CASE WHEN \(extra.sql) > 0 THEN \(second.sql) ELSE \(b.sql) END", reads: second.reads.union(b.reads))
            }
        }
        return texts
    }

    /// v rounded to d decimals, halves away from zero, as a double (v·10ᵈ, whole).
    func roundedAt(_ v: String, digits: Int) -> String {
        let m = "ABS(\(v)) * \(dialect.number(powerOfTen(digits)))"
        return "(SIGN(\(v)) * (FLOOR(\(m)) + CASE WHEN \(m) - FLOOR(\(m)) >= 0.5 THEN 1 ELSE 0 END))"
    }

    /// A known number as ValueFormatter.format(number:type:extraDigits:) prints it, the extra
    /// digits a column: shares with 1 + extra decimals (trailing zeros dropped down to one),
    /// whole counts as integers, other numbers with 2 + extra decimals, trailing zeros dropped.
    mutating func number(_ x: SQLFragment, type: ValueType, extraDigits extra: SQLFragment) -> SQLFragment {
        let share = type == .share
        let v = share ? "(\(x.sql) * \(dialect.number(100)))" : x.sql
        let scale = "POWER(\(dialect.number(10)), \(share ? 1 : 2) + \(extra.sql))"
        let m = "(ABS(\(v)) * \(scale))"
        let rounded = plan.hoist(SQLFragment(dialect.integer("CASE WHEN \(m) < \(dialect.number(9e15)) THEN FLOOR(\(m)) + CASE WHEN \(m) - FLOOR(\(m)) >= 0.5 THEN 1 ELSE 0 END END"),
                                             reads: x.reads.union(extra.reads)))
        let unit = dialect.integer(scale)
        let whole = dialect.digits(dialect.integerDivide(rounded.sql, unit))
        // The decimals, zero-padded: the digits of 10ᵈ + fraction without the leading 1.
        let decimals = "SUBSTRING(\(dialect.digits("(\(rounded.sql) % \(unit) + \(unit))")), 2)"
        let mark = dialect.string(language == .ru ? "," : ".")
        let sign = "CASE WHEN \(v) < 0 AND \(rounded.sql) <> 0 THEN '-' ELSE '' END"
        let reads = rounded.reads.union(x.reads).union(extra.reads)
        if share {
            let fraction = "\(mark) || SUBSTRING(\(decimals), 1, 1) || TRIM(TRAILING '0' FROM SUBSTRING(\(decimals), 2))"
            return SQLFragment("\(sign) || \(whole) || \(fraction) || \(dialect.string(language == .ru ? " %" : "%"))", reads: reads)
        }
        let trimmed = "TRIM(TRAILING '0' FROM \(decimals))"
        let text = "\(sign) || \(whole) || CASE WHEN \(trimmed) = '' THEN '' ELSE \(mark) || \(trimmed) END"
        guard type == .count else { return SQLFragment(text, reads: reads) }
        let isWhole = "\(x.sql) = FLOOR(\(x.sql)) AND ABS(\(x.sql)) < \(dialect.number(1e15))"
        return SQLFragment("CASE WHEN \(isWhole) THEN \(dialect.digits(dialect.integer(x.sql))) ELSE \(text) END", reads: reads)
    }
}
