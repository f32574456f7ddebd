// The formatter's expressions and strings: one line each, operators spaced, parentheses and
// literals exactly as the author wrote them.

/// Prints expressions and string literals on one line.
///
/// No parenthesis is added or dropped: the tree keeps the author's as `.parenthesized`, and the
/// parser only builds an operand of lower precedence from parentheses, so printing the tree
/// as it stands parses back to the same tree.
struct ExpressionPrinter {
    let spelling: Spelling
    /// The file the tree came from, to find comments inside `{…}` (see `interpolationComment`).
    let source: SourceFile

    func text(_ expression: Expr) -> String {
        switch expression.kind {
        case .number(_, let literal), .percent(_, let literal):
            return literal
        case .string(let literal):
            return string(literal)
        case .boolean(let value):
            return spelling.keyword(value ? .trueKeyword : .falseKeyword)
        case .missing:
            return spelling.keyword(.missing)
        case .name(let name):
            return name.name
        case .qualified(let dataset, let column):
            return dataset.name + "." + column.name
        case .unary(.negate, let operand):
            return "-" + text(operand)
        case .unary(.not, let operand):
            return spelling.keyword(.not) + " " + text(operand)
        case .binary(let op, let left, let right):
            return text(left) + " " + operatorText(op) + " " + text(right)
        case .between(let value, let low, let high, let negated):
            return text(value) + (negated ? " " + spelling.keyword(.not) : "") + " " + spelling.keyword(.between) + " "
                + text(low) + " " + spelling.keyword(.and) + " " + text(high)
        case .inList(let value, let items, let negated):
            return text(value) + (negated ? " " + spelling.keyword(.not) : "") + " " + spelling.keyword(.inKeyword)
                + " (" + list(items) + ")"
        case .conditional(let condition, let then, let otherwise):
            return spelling.keyword(.ifKeyword) + " " + text(condition) + " " + spelling.keyword(.then) + " " + text(then)
                + " " + spelling.keyword(.elseKeyword) + " " + text(otherwise)
        case .call(let function, let arguments, let groups):
            var inside = list(arguments)
            if let groups {
                if !inside.isEmpty { inside += " " }
                inside += spelling.keyword(.by) + " " + groups.map(\.name).joined(separator: ", ")
            }
            return spelling.function(function.name) + "(" + inside + ")"
        case .atLeast(let count, let items):
            return spelling.keyword(.at) + " " + spelling.keyword(.least) + " " + text(count) + " " + spelling.keyword(.of)
                + " (" + list(items) + ")"
        case .parenthesized(let inner):
            return "(" + text(inner) + ")"
        case .approximately(let value, let tolerance):
            return text(value) + " ± " + text(tolerance)
        case .filtered(let value, let condition):
            return text(value) + " " + spelling.keyword(.whereKeyword) + " " + text(condition)
        }
    }

    func list(_ items: [Expr]) -> String {
        items.map(text).joined(separator: ", ")
    }

    func operatorText(_ op: BinaryOperator) -> String {
        switch op {
        case .or: spelling.keyword(.or)
        case .and: spelling.keyword(.and)
        default: op.rawValue
        }
    }

    /// A string literal re-escaped (`\"`, `\\`, `\n`, `\t`, `\{`, `\}`), with `{expression}`
    /// pieces printed from their expressions.
    func string(_ literal: StringLiteral) -> String {
        var output = "\""
        for piece in literal.pieces {
            switch piece {
            case .text(let text):
                for character in text.unicodeScalars {
                    switch character {
                    case "\"": output += "\\\""
                    case "\\": output += "\\\\"
                    case "\n": output += "\\n"
                    case "\t": output += "\\t"
                    case "{": output += "\\{"
                    case "}": output += "\\}"
                    default: output.unicodeScalars.append(character)
                    }
                }
            case .expression(let expression):
                output += "{" + text(expression) + interpolationComment(after: expression) + "}"
            }
        }
        return output + "\""
    }

    /// A comment inside `{…}`, after the expression (`{a # why}`): the lexer of the piece skips it
    /// and the tree does not keep it, so it is read back from the source to keep it. It is the
    /// only place such a comment can stand: it runs to the closing brace.
    func interpolationComment(after expression: Expr) -> String {
        let bytes = source.bytes
        var index = expression.range.end
        while index < bytes.count, bytes[index] != UInt8(ascii: "}") {
            if bytes[index] == UInt8(ascii: "#") {
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "}") { end += 1 }
                let text = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                return " #" + LayoutPrinter.commentText(text)
            }
            index += 1
        }
        return ""
    }
}
