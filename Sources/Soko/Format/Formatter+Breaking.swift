// Long conditions and formulas over several lines: a chain of `and`, `or` or `+`/`-` that does
// not fit in the line width is broken before each operator, and a parenthesized chain inside it
// is broken the same way one level deeper. Anything else stays on one line.

/// One line of a broken expression: how many levels deeper than the first it is indented, its
/// text, and the source it shows (for placing comments).
struct ExpressionLine {
    let depth: Int
    let text: String
    let range: SourceRange
}

extension ExpressionPrinter {
    /// The expression as lines no wider than `width` where it can be broken.
    func lines(_ expression: Expr, width: Int) -> [ExpressionLine] {
        let flat = text(expression)
        guard flat.count > width else { return [ExpressionLine(depth: 0, text: flat, range: expression.range)] }
        switch expression.kind {
        case .parenthesized(let inner):
            var inside = lines(inner, width: width - 1)
            guard inside.count > 1 else { break }
            let first = inside[0]
            inside[0] = ExpressionLine(depth: 0, text: "(" + first.text, range: first.range)
            for index in inside.indices.dropFirst() {
                let line = inside[index]
                inside[index] = ExpressionLine(depth: line.depth + 1, text: line.text, range: line.range)
            }
            let last = inside[inside.count - 1]
            inside[inside.count - 1] = ExpressionLine(depth: last.depth, text: last.text + ")", range: last.range)
            return inside
        case .binary(let op, _, _) where Self.breaksChain(op):
            let (first, rest) = chain(expression)
            var result = lines(first, width: width)
            for (link, operand) in rest {
                let prefix = operatorText(link) + " "
                var operandLines = lines(operand, width: width - prefix.count)
                operandLines[0] = ExpressionLine(depth: 0, text: prefix + operandLines[0].text, range: operandLines[0].range)
                result += operandLines
            }
            return result
        default:
            break
        }
        return [ExpressionLine(depth: 0, text: flat, range: expression.range)]
    }

    static func breaksChain(_ op: BinaryOperator) -> Bool {
        op == .and || op == .or || op == .add || op == .subtract
    }

    /// A left-nested chain `((a op b) op c)` as its first operand and the links after it; `+`
    /// and `-` form one chain, `and` and `or` each their own.
    func chain(_ expression: Expr) -> (first: Expr, rest: [(BinaryOperator, Expr)]) {
        guard case .binary(let op, let left, let right) = expression.kind else { return (expression, []) }
        let sameChain: (BinaryOperator) -> Bool = { other in
            (op == .add || op == .subtract) ? (other == .add || other == .subtract) : other == op
        }
        var rest: [(BinaryOperator, Expr)] = [(op, right)]
        var head = left
        while case .binary(let inner, let innerLeft, let innerRight) = head.kind, sameChain(inner) {
            rest.insert((inner, innerRight), at: 0)
            head = innerLeft
        }
        return (head, rest)
    }
}
