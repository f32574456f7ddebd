// Column-wise operators: arithmetic where a missing value (NaN) stays missing and x / 0 is
// missing; comparisons and Kleene's three-valued logic on truths.

enum Operators {
    static let yes = Truth.yes.rawValue
    static let no = Truth.no.rawValue
    static let unknown = Truth.unknown.rawValue

    /// Applies `operation` entity by entity; a result that is not finite becomes missing.
    @inline(__always)
    static func arithmetic(_ a: Column, _ b: Column, count: Int, _ operation: (Double, Double) -> Double) -> Column {
        withoutActuallyEscaping(operation) { operation in
            arithmetic(a, b, count: count, NumberFunction(function: operation))
        }
    }

    /// `arithmetic` with an operation known by its type (`+`, `-`, `*`, `/`): the loops over
    /// the entities are compiled for it, with nothing called per entity.
    @inline(__always)
    static func arithmetic<Operation: NumberOperation>(_ a: Column, _ b: Column, count: Int, _ operation: Operation) -> Column {
        @inline(__always) func finite(_ x: Double) -> Double { x.isFinite ? x : .nan }
        switch (a, b) {
        case (.constant(.number(let x)), .constant(.number(let y))):
            let r = finite(operation.apply(x, y))
            return .constant(r.isNaN ? .missing : .number(r))
        case (.numbers(let xs), .constant(.number(let y))):
            return .numbers(xs.withUnsafeBufferPointer { x in
                RowParts.filled(count: x.count) { range, out in
                    for i in range { (out + i).initialize(to: finite(operation.apply(x[i], y))) }
                }
            })
        case (.constant(.number(let x)), .numbers(let ys)):
            return .numbers(ys.withUnsafeBufferPointer { y in
                RowParts.filled(count: y.count) { range, out in
                    for i in range { (out + i).initialize(to: finite(operation.apply(x, y[i]))) }
                }
            })
        default:
            let xs = a.numbers(count: count)
            let ys = b.numbers(count: count)
            let count = Swift.min(count, xs.count, ys.count)
            return .numbers(xs.withUnsafeBufferPointer { x in
                ys.withUnsafeBufferPointer { y in
                    RowParts.filled(count: count) { range, out in
                        for i in range { (out + i).initialize(to: finite(operation.apply(x[i], y[i]))) }
                    }
                }
            })
        }
    }

    /// `<`, `<=`, `>`, `>=` on numbers: unknown when either side is missing. Both sides are
    /// compared rounded to 9 decimals (`Decimals.comparable`).
    static func compare(_ op: BinaryOperator, _ a: Column, _ b: Column, count: Int) -> Column {
        switch op {
        case .less: return compareNumbers(a, b, count: count, Less())
        case .lessEqual: return compareNumbers(a, b, count: count, LessEqual())
        case .greater: return compareNumbers(a, b, count: count, Greater())
        default: return compareNumbers(a, b, count: count, GreaterEqual())
        }
    }

    /// The truth of `test` for two numbers, unknown when either is missing.
    @inline(__always)
    static func truth<Test: NumberTest>(_ x: Double, _ y: Double, _ test: Test) -> UInt8 {
        // Two values at least 10⁻⁸ apart, or equal, compare as they are: rounding to 9 decimals
        // moves each by at most half of 10⁻⁹ and keeps their order. Only values closer than
        // that take the rounding path (rarely, so that branch is well predicted).
        // 0 < gap < 10⁻⁸ as one unsigned comparison of bit patterns (positive doubles order as
        // their bits; a NaN gap's bits are above every number's), so that a missing side costs
        // no branch: missing values come at random (the share of a school without
        // participants), and a mispredicted branch per entity cost more than the comparison.
        let gap = Swift.abs(x - y).bitPattern
        if gap &- 1 < closeGapBits { return Decimals.compare(x, y, { test.holds($0, $1) }) ? yes : no }
        let holds = test.holds(x, y) ? yes : no
        // Unknown when either side is missing (two infinities of one sign are not: their gap
        // is NaN, but they compare as they are).
        let missing = UInt8(truncatingIfNeeded: nanBit(x) | nanBit(y))
        return holds &+ (unknown &- holds) &* missing
    }

    /// The bits of 10⁻⁸ (`(1e-8).bitPattern`) less one: `gap &- 1 < closeGapBits` is
    /// 0 < gap < 10⁻⁸. A literal, so that the loops read no lazily made constant.
    static let closeGapBits: UInt64 = 0x3E45_798E_E230_8C39

    /// 1 when `x` is NaN, else 0, without a branch: its magnitude's bits are above infinity's.
    @inline(__always)
    static func nanBit(_ x: Double) -> UInt64 {
        ((x.bitPattern & 0x7FFF_FFFF_FFFF_FFFF) &+ 0x000F_FFFF_FFFF_FFFF) &>> 63
    }

    /// `compareNumbers` with a test given as a function.
    static func compareNumbers(_ a: Column, _ b: Column, count: Int, _ test: (Double, Double) -> Bool) -> Column {
        withoutActuallyEscaping(test) { test in compareNumbers(a, b, count: count, NumberTestFunction(test: test)) }
    }

    @inline(__always)
    static func compareNumbers<Test: NumberTest>(_ a: Column, _ b: Column, count: Int, _ test: Test) -> Column {
        switch (a, b) {
        case (.numbers(let xs), .constant(.number(let y))):
            return .flags(xs.withUnsafeBufferPointer { x in
                RowParts.filled(count: x.count) { range, out in
                    for i in range { (out + i).initialize(to: truth(x[i], y, test)) }
                }
            })
        case (.constant(.number(let x)), .numbers(let ys)):
            return .flags(ys.withUnsafeBufferPointer { y in
                RowParts.filled(count: y.count) { range, out in
                    for i in range { (out + i).initialize(to: truth(x, y[i], test)) }
                }
            })
        default:
            let xs = a.numbers(count: count)
            let ys = b.numbers(count: count)
            let count = Swift.min(count, xs.count, ys.count)
            return .flags(xs.withUnsafeBufferPointer { x in
                ys.withUnsafeBufferPointer { y in
                    RowParts.filled(count: count) { range, out in
                        for i in range { (out + i).initialize(to: truth(x[i], y[i], test)) }
                    }
                }
            })
        }
    }

    /// `transform` of each value, through raw buffers (no bounds checks,
    /// no closure context per element), in ranges on every core for a large column.
    @inline(__always)
    static func map<Element, Result>(_ values: [Element], _ transform: (Element) -> Result) -> [Result] {
        values.withUnsafeBufferPointer { source in
            RowParts.filled(count: source.count) { range, out in
                for i in range { (out + i).initialize(to: transform(source[i])) }
            }
        }
    }

    /// `=` for numbers, texts and truths.
    static func equal(_ a: Column, _ b: Column, count: Int) -> Column {
        switch (a, b) {
        case (.texts(let codes, let dictionary), .constant(.text(let text))), (.constant(.text(let text)), .texts(let codes, let dictionary)):
            // A text column against a constant (`subject = "Математика"`): each distinct text
            // is compared once, then every row by its code.
            let truths = dictionary.map { $0 == text ? yes : no } + [unknown]
            let missing = Int32(truths.count - 1)
            return .flags(truths.withUnsafeBufferPointer { truths in
                map(codes) { truths[Int($0 < 0 || $0 >= missing ? missing : $0)] }
            })
        case (.texts, _), (_, .texts), (.constant(.text), _), (_, .constant(.text)):
            let xs = textValues(a, count: count)
            let ys = textValues(b, count: count)
            return .flags((0..<count).map { i in
                guard let x = xs(i), let y = ys(i) else { return unknown }
                return x == y ? yes : no
            })
        case (.flags, _), (_, .flags), (.constant(.flag), _), (_, .constant(.flag)):
            let xs = a.flags(count: count)
            let ys = b.flags(count: count)
            let count = Swift.min(count, xs.count, ys.count)
            return .flags(RowParts.array(count: count) { i in
                xs[i] == unknown || ys[i] == unknown ? unknown : (xs[i] == ys[i] ? yes : no)
            })
        default:
            return compareNumbers(a, b, count: count, Equal())
        }
    }

    /// A lookup of the text at an entity, nil when missing.
    static func textValues(_ column: Column, count: Int) -> (Int) -> String? {
        switch column {
        case .texts(let codes, let dictionary): { codes[$0] < 0 ? nil : dictionary[Int(codes[$0])] }
        case .constant(.text(let text)): { _ in text }
        default: { _ in nil }
        }
    }

    /// Kleene's "and": false wins over unknown.
    static func and(_ a: Column, _ b: Column, count: Int) -> Column {
        kleene(a, b, count: count, table: andTable)
    }

    /// Kleene's "or": true wins over unknown.
    static func or(_ a: Column, _ b: Column, count: Int) -> Column {
        kleene(a, b, count: count, table: orTable)
    }

    /// `and` and `or` by a table indexed by x·4 + y (truths are 0, 1 and 2).
    private static let andTable: [UInt8] = (0..<16).map { index in
        let x = UInt8(index >> 2), y = UInt8(index & 3)
        if x == no || y == no { return no }
        return x == unknown || y == unknown ? unknown : yes
    }
    private static let orTable: [UInt8] = (0..<16).map { index in
        let x = UInt8(index >> 2), y = UInt8(index & 3)
        if x == yes || y == yes { return yes }
        return x == unknown || y == unknown ? unknown : no
    }

    private static func kleene(_ a: Column, _ b: Column, count: Int, table: [UInt8]) -> Column {
        let xs = a.flags(count: count)
        let ys = b.flags(count: count)
        let count = Swift.min(count, xs.count, ys.count)
        return .flags(table.withUnsafeBufferPointer { t in
            xs.withUnsafeBufferPointer { x in
                ys.withUnsafeBufferPointer { y in
                    RowParts.filled(count: count) { range, out in
                        for i in range { (out + i).initialize(to: t[Int((x[i] & 3) &<< 2 | (y[i] & 3))]) }
                    }
                }
            }
        })
    }

    static func not(_ a: Column, count: Int) -> Column {
        .flags(map(a.flags(count: count)) { $0 == unknown ? unknown : ($0 == yes ? no : yes) })
    }

    /// `if c then a else b`: a where c holds, b where it does not, missing where c is unknown.
    static func choose(_ condition: Column, _ then: Column, _ otherwise: Column, count: Int) -> Column {
        let truths = condition.flags(count: count)
        if case .numbers(let values) = then, case .constant(.missing) = otherwise, values.count >= count, truths.count == count {
            // A statistic's `where` filter: the subject where the condition holds, else missing.
            return .numbers(truths.withUnsafeBufferPointer { truths in
                values.withUnsafeBufferPointer { values in
                    RowParts.filled(count: count) { range, out in
                        for entity in range { (out + entity).initialize(to: truths[entity] == yes ? values[entity] : .nan) }
                    }
                }
            })
        }
        if let thenNumbers = numericSource(then, count: count), let otherNumbers = numericSource(otherwise, count: count),
           truths.count == count {
            // Numbers (a statistic's `where` filter: the subject or missing): one pass, no lookups.
            return .numbers(truths.withUnsafeBufferPointer { truths in
                RowParts.array(count: count) { entity in
                    switch truths[entity] {
                    case yes: thenNumbers(entity)
                    case no: otherNumbers(entity)
                    default: .nan
                    }
                }
            })
        }
        return pick(count: count, from: [then, otherwise]) { entity in
            switch truths[entity] {
            case yes: 0
            case no: 1
            default: nil
            }
        }
    }

    /// The numbers of a column that is neither text nor truths, entity by entity (a constant
    /// without spreading it out); nil for texts and truths.
    @inline(__always)
    static func numericSource(_ column: Column, count: Int) -> ((Int) -> Double)? {
        switch column {
        case .numbers(let values) where values.count >= count: return { values[$0] }
        case .constant(.number(let x)): return { _ in x }
        case .constant(.missing): return { _ in .nan }
        default: return nil
        }
    }

    /// The first argument that is not missing, entity by entity.
    static func coalesce(_ columns: [Column], count: Int) -> Column {
        pick(count: count, from: columns) { entity in columns.firstIndex { !$0.isMissing(at: entity) } }
    }

    /// Builds a column by taking, for each entity, the value of one of `columns` (nil: missing).
    static func pick(count: Int, from columns: [Column], _ choice: (Int) -> Int?) -> Column {
        let isText = columns.contains { if case .texts = $0 { true } else if case .constant(.text) = $0 { true } else { false } }
        let isFlag = columns.contains { if case .flags = $0 { true } else if case .constant(.flag) = $0 { true } else { false } }
        if isText {
            var dictionary: [String] = []
            var codeOf: [String: Int32] = [:]
            let lookups = columns.map { textValues($0, count: count) }
            var codes = [Int32](repeating: -1, count: count)
            for entity in 0..<count {
                guard let which = choice(entity), let text = lookups[which](entity) else { continue }
                if let code = codeOf[text] { codes[entity] = code; continue }
                let code = Int32(dictionary.count)
                dictionary.append(text)
                codeOf[text] = code
                codes[entity] = code
            }
            return .texts(codes, dictionary: dictionary)
        }
        if isFlag {
            let truths = columns.map { $0.flags(count: count) }
            return .flags((0..<count).map { entity in choice(entity).map { truths[$0][entity] } ?? unknown })
        }
        let numbers = columns.map { $0.numbers(count: count) }
        return .numbers((0..<count).map { entity in choice(entity).map { numbers[$0][entity] } ?? .nan })
    }
}

/// An operation on two numbers, known by its type so that a loop over a column is compiled for it.
protocol NumberOperation {
    func apply(_ x: Double, _ y: Double) -> Double
}

/// A comparison of two numbers, known by its type.
protocol NumberTest {
    func holds(_ x: Double, _ y: Double) -> Bool
}

extension Operators {
    struct Add: NumberOperation {
        @inline(__always) func apply(_ x: Double, _ y: Double) -> Double { x + y }
    }
    struct Subtract: NumberOperation {
        @inline(__always) func apply(_ x: Double, _ y: Double) -> Double { x - y }
    }
    struct Multiply: NumberOperation {
        @inline(__always) func apply(_ x: Double, _ y: Double) -> Double { x * y }
    }
    /// x / 0 is missing.
    struct Divide: NumberOperation {
        @inline(__always) func apply(_ x: Double, _ y: Double) -> Double { y == 0 ? .nan : x / y }
    }
    /// Any other operation, called entity by entity.
    struct NumberFunction: NumberOperation {
        let function: (Double, Double) -> Double
        @inline(__always) func apply(_ x: Double, _ y: Double) -> Double { function(x, y) }
    }

    /// Any other test, called entity by entity.
    struct NumberTestFunction: NumberTest {
        let test: (Double, Double) -> Bool
        @inline(__always) func holds(_ x: Double, _ y: Double) -> Bool { test(x, y) }
    }
    struct Less: NumberTest {
        @inline(__always) func holds(_ x: Double, _ y: Double) -> Bool { x < y }
    }
    struct LessEqual: NumberTest {
        @inline(__always) func holds(_ x: Double, _ y: Double) -> Bool { x <= y }
    }
    struct Greater: NumberTest {
        @inline(__always) func holds(_ x: Double, _ y: Double) -> Bool { x > y }
    }
    struct GreaterEqual: NumberTest {
        @inline(__always) func holds(_ x: Double, _ y: Double) -> Bool { x >= y }
    }
    struct Equal: NumberTest {
        @inline(__always) func holds(_ x: Double, _ y: Double) -> Bool { x == y }
    }
}
