// A value for every entity at once: the evaluator works on whole columns, never row by row.

/// Values of one expression for all entities, in entity order.
public enum Column: Sendable {
    /// Numbers; NaN is a missing value.
    case numbers([Double])
    /// Three-valued truths (`Truth.rawValue`).
    case flags([UInt8])
    /// Text codes into a dictionary; -1 is a missing value.
    case texts([Int32], dictionary: [String])
    /// The same value for every entity.
    case constant(Value)

    /// The value for one entity.
    public func value(at index: Int) -> Value {
        switch self {
        case .numbers(let values):
            let x = values[index]
            return x.isNaN ? .missing : .number(x)
        case .flags(let values):
            switch values[index] {
            case Truth.yes.rawValue: return .flag(true)
            case Truth.no.rawValue: return .flag(false)
            default: return .missing
            }
        case .texts(let codes, let dictionary):
            let code = codes[index]
            return code < 0 ? .missing : .text(dictionary[Int(code)])
        case .constant(let value):
            return value
        }
    }

    /// True when the value for one entity is missing.
    public func isMissing(at index: Int) -> Bool {
        switch self {
        case .numbers(let values): values[index].isNaN
        case .flags(let values): values[index] == Truth.unknown.rawValue
        case .texts(let codes, _): codes[index] < 0
        case .constant(let value): value == .missing
        }
    }

    /// Numbers for `count` entities (a constant is spread out; flags become 1/0).
    func numbers(count: Int) -> [Double] {
        switch self {
        case .numbers(let values): return values
        case .constant(.number(let x)): return [Double](repeating: x, count: count)
        case .constant(.flag(let b)): return [Double](repeating: b ? 1 : 0, count: count)
        case .flags(let values):
            return Operators.map(values) { $0 == Truth.yes.rawValue ? 1 : ($0 == Truth.no.rawValue ? 0 : .nan) }
        default: return [Double](repeating: .nan, count: count)
        }
    }

    /// Truths for `count` entities (a constant is spread out).
    func flags(count: Int) -> [UInt8] {
        switch self {
        case .flags(let values): return values
        case .constant(.flag(let b)): return [UInt8](repeating: b ? Truth.yes.rawValue : Truth.no.rawValue, count: count)
        default: return [UInt8](repeating: Truth.unknown.rawValue, count: count)
        }
    }
}
