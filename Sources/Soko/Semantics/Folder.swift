// Constant folding at check time: the value of an expression made only of literals and
// parameters (at their declared values). Used for bounds that must be constant and to find
// rules that can never fire.

struct Folder {
    /// The parameters' values: as declared (checking), or as a run sets them.
    let values: [Value]

    init(params: [Param]) { values = params.map(\.value) }
    init(values: [Value]) { self.values = values }

    /// The constant value, or nil when the expression depends on data.
    func fold(_ expr: TypedExpr) -> Value? {
        switch expr.kind {
        case .constant(let value): return value
        case .param(let index): return index < values.count ? values[index] : nil
        case .unary(.negate, let operand):
            guard case .number(let x)? = fold(operand) else { return fold(operand) == .missing ? .missing : nil }
            return .number(-x)
        case .unary(.not, let operand):
            switch fold(operand) {
            case .flag(let b)?: return .flag(!b)
            case .missing?: return .missing
            default: return nil
            }
        case .binary(let op, let left, let right):
            return foldBinary(op, fold(left), fold(right))
        default:
            return nil
        }
    }

    private func foldBinary(_ op: BinaryOperator, _ left: Value?, _ right: Value?) -> Value? {
        switch op {
        case .and:
            if left == .flag(false) || right == .flag(false) { return .flag(false) }
            guard let left, let right else { return nil }
            return left == .flag(true) && right == .flag(true) ? .flag(true) : .missing
        case .or:
            if left == .flag(true) || right == .flag(true) { return .flag(true) }
            guard let left, let right else { return nil }
            return left == .flag(false) && right == .flag(false) ? .flag(false) : .missing
        default:
            guard let left, let right else { return nil }
            if left == .missing || right == .missing { return .missing }
            switch (left, right) {
            case (.number(let a), .number(let b)):
                let (x, y) = (Decimals.comparable(a), Decimals.comparable(b))
                switch op {
                case .add: return .number(a + b)
                case .subtract: return .number(a - b)
                case .multiply: return .number(a * b)
                case .divide: return b == 0 ? .missing : .number(a / b)
                case .equal: return .flag(x == y)
                case .notEqual: return .flag(x != y)
                case .less: return .flag(x < y)
                case .lessEqual: return .flag(x <= y)
                case .greater: return .flag(x > y)
                case .greaterEqual: return .flag(x >= y)
                default: return nil
                }
            case (.text(let a), .text(let b)) where op == .equal || op == .notEqual:
                return .flag((a == b) == (op == .equal))
            case (.flag(let a), .flag(let b)) where op == .equal || op == .notEqual:
                return .flag((a == b) == (op == .equal))
            default:
                return nil
            }
        }
    }
}
