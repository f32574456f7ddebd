// Column-wise operators: arithmetic where a missing value (NaN) stays missing and x / 0 is
// missing; comparisons and Kleene's three-valued logic on truths.

enum Operators {
    static let yes = Truth.yes.rawValue
    static let no = Truth.no.rawValue
    static let unknown = Truth.unknown.rawValue

    /// Applies `operation` entity by entity; a result that is not finite becomes missing.
    @inline(__always)
    static func arithmetic(_ a: Column, _ b: Column, count: Int, _ operation: (Double, Double) -> Double) -> Column {
        func finite(_ x: Double) -> Double { x.isFinite ? x : .nan }
        switch (a, b) {
        case (.constant(.number(let x)), .constant(.number(let y))):
            let r = finite(operation(x, y))
            return .constant(r.isNaN ? .missing : .number(r))
        case (.numbers(let xs), .constant(.number(let y))):
            return .numbers(map(xs) { finite(operation($0, y)) })
        case (.constant(.number(let x)), .numbers(let ys)):
            return .numbers(map(ys) { finite(operation(x, $0)) })
        default:
            let xs = a.numbers(count: count)
            let ys = b.numbers(count: count)
            return .numbers([Double](unsafeUninitializedCapacity: count) { buffer, initialized in
                xs.withUnsafeBufferPointer { x in
                    ys.withUnsafeBufferPointer { y in
                        for i in 0..<count { buffer[i] = finite(operation(x[i], y[i])) }
                    }
                }
                initialized = count
            })
        }
    }

    /// `<`, `<=`, `>`, `>=` on numbers: unknown when either side is missing. Both sides are
    /// compared rounded to 9 decimals (`Decimals.comparable`).
    static func compare(_ op: BinaryOperator, _ a: Column, _ b: Column, count: Int) -> Column {
        switch op {
        case .less: return compareNumbers(a, b, count: count) { $0 < $1 }
        case .lessEqual: return compareNumbers(a, b, count: count) { $0 <= $1 }
        case .greater: return compareNumbers(a, b, count: count) { $0 > $1 }
        default: return compareNumbers(a, b, count: count) { $0 >= $1 }
        }
    }

    @inline(__always)
    static func compareNumbers(_ a: Column, _ b: Column, count: Int, _ test: (Double, Double) -> Bool) -> Column {
        // Two values at least 10⁻⁸ apart, or equal, compare as they are: rounding to 9 decimals
        // moves each by at most half of 10⁻⁹ and keeps their order. Only values closer than
        // that (and missing ones) take the rounding path.
        @inline(__always) func truth(_ x: Double, _ y: Double) -> UInt8 {
            let gap = Swift.abs(x - y)
            if gap >= 1e-8 || gap == 0 { return test(x, y) ? yes : no }
            return x.isNaN || y.isNaN ? unknown : (Decimals.compare(x, y, test) ? yes : no)
        }
        switch (a, b) {
        case (.numbers(let xs), .constant(.number(let y))):
            return .flags(map(xs) { truth($0, y) })
        case (.constant(.number(let x)), .numbers(let ys)):
            return .flags(map(ys) { truth(x, $0) })
        default:
            let xs = a.numbers(count: count)
            let ys = b.numbers(count: count)
            return .flags([UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                xs.withUnsafeBufferPointer { x in
                    ys.withUnsafeBufferPointer { y in
                        for i in 0..<count { buffer[i] = truth(x[i], y[i]) }
                    }
                }
                initialized = count
            })
        }
    }

    /// `transform` of each value, through raw buffers (no bounds checks,
    /// no closure context per element).
    @inline(__always)
    static func map<Element, Result>(_ values: [Element], _ transform: (Element) -> Result) -> [Result] {
        let count = values.count
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            values.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
                for i in 0..<count { (to + i).initialize(to: transform(from[i])) }
            }
            initialized = count
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
            return .flags((0..<count).map { i in
                xs[i] == unknown || ys[i] == unknown ? unknown : (xs[i] == ys[i] ? yes : no)
            })
        default:
            return compareNumbers(a, b, count: count) { $0 == $1 }
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
        return .flags([UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            table.withUnsafeBufferPointer { table in
                xs.withUnsafeBufferPointer { x in
                    ys.withUnsafeBufferPointer { y in
                        guard let t = table.baseAddress, let xp = x.baseAddress, let yp = y.baseAddress,
                              let out = buffer.baseAddress else { return }
                        for i in 0..<count { out[i] = t[Int((xp[i] & 3) &<< 2 | (yp[i] & 3))] }
                    }
                }
            }
            initialized = count
        })
    }

    static func not(_ a: Column, count: Int) -> Column {
        .flags(map(a.flags(count: count)) { $0 == unknown ? unknown : ($0 == yes ? no : yes) })
    }

    /// `if c then a else b`: a where c holds, b where it does not, missing where c is unknown.
    static func choose(_ condition: Column, _ then: Column, _ otherwise: Column, count: Int) -> Column {
        let truths = condition.flags(count: count)
        if let thenNumbers = numericSource(then, count: count), let otherNumbers = numericSource(otherwise, count: count),
           truths.count == count {
            // Numbers (a statistic's `where` filter: the subject or missing): one pass, no lookups.
            return .numbers([Double](unsafeUninitializedCapacity: count) { buffer, initialized in
                for entity in 0..<count {
                    switch truths[entity] {
                    case yes: buffer[entity] = thenNumbers(entity)
                    case no: buffer[entity] = otherNumbers(entity)
                    default: buffer[entity] = .nan
                    }
                }
                initialized = count
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
