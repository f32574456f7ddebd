// The expression productions of the parser, from the lowest precedence to the highest.

extension Parser {
    /// Guards the depth of nested expressions so that hostile input cannot overflow the stack.
    mutating func nest<T>(_ body: (inout Parser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > SourceLimits.expressionDepth {
            report(.error("E0102", current.range, Messages.tooDeep(limit: SourceLimits.expressionDepth),
                          hint: Messages.tooDeepHint))
            throw SyntaxError()
        }
        return try body(&self)
    }

    /// expression = conditional | disjunction ;
    public mutating func parseExpression() throws -> Expr {
        try nest { parser in
            if parser.check(.ifKeyword) { return try parser.parseConditional() }
            return try parser.parseOr()
        }
    }

    /// conditional = "if" expression "then" expression "else" expression ;
    mutating func parseConditional() throws -> Expr {
        let start = advance().range
        let condition = try parseExpression()
        try expect(.then)
        let then = try parseExpression()
        try expect(.elseKeyword)
        let otherwise = try parseExpression()
        return Expr(.conditional(condition, then: then, otherwise: otherwise), range(from: start))
    }

    /// Parses a left-associative chain; each link counts towards the depth limit because it
    /// deepens the tree.
    mutating func parseChain(_ operand: (inout Parser) throws -> Expr,
                             _ operatorFor: (TokenKind) -> BinaryOperator?) throws -> Expr {
        var left = try operand(&self)
        var links = 0
        defer { depth -= links }
        while let op = operatorFor(current.kind) {
            advance()
            links += 1
            depth += 1
            if depth > SourceLimits.expressionDepth {
                report(.error("E0102", current.range, Messages.tooDeep(limit: SourceLimits.expressionDepth),
                              hint: Messages.tooDeepHint))
                throw SyntaxError()
            }
            let right = try operand(&self)
            left = Expr(.binary(op, left, right), left.range.union(right.range))
        }
        return left
    }

    /// disjunction = conjunction { "or" conjunction } ;
    mutating func parseOr() throws -> Expr {
        try parseChain({ try $0.parseAnd() }) { $0 == .keyword(.or) ? .or : nil }
    }

    /// conjunction = negation { "and" negation } ;
    mutating func parseAnd() throws -> Expr {
        try parseChain({ try $0.parseNot() }) { $0 == .keyword(.and) ? .and : nil }
    }

    /// negation = "not" negation | comparison ;  (`не менее` starts `at least` instead)
    mutating func parseNot() throws -> Expr {
        if check(.not) && peekKind() != .keyword(.least) {
            let start = advance().range
            let operand = try nest { try $0.parseNot() }
            return Expr(.unary(.not, operand), start.union(operand.range))
        }
        return try parseComparison()
    }

    static func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        default: nil
        }
    }

    /// comparison = sum [ compare sum | ["not"] "between" sum "and" sum | ["not"] "in" "(" list ")" ] ;
    mutating func parseComparison() throws -> Expr {
        let left = try parseAdditive()
        if let op = Self.comparisonOperator(current.kind) {
            advance()
            let right = try parseAdditive()
            if Self.comparisonOperator(current.kind) != nil {
                throw error(expected: Messages.endOfComparison, hint: Messages.chainedComparisonHint)
            }
            return Expr(.binary(op, left, right), left.range.union(right.range))
        }
        var negated = false
        if check(.not) && (peekKind() == .keyword(.between) || peekKind() == .keyword(.inKeyword)) {
            advance()
            negated = true
        }
        if match(.between) {
            let low = try parseAdditive()
            try expect(.and)
            let high = try parseAdditive()
            return Expr(.between(left, low: low, high: high, negated: negated), left.range.union(high.range))
        }
        if match(.inKeyword) {
            let open = try expect(.leftParen, Messages.openingParenthesis)
            let items = try parseList()
            let close = try expectClosingParenthesis(openedAt: open.range)
            return Expr(.inList(left, items, negated: negated), left.range.union(close.range))
        }
        return left
    }

    /// list = expression { "," expression } ;
    mutating func parseList() throws -> [Expr] {
        var items = [try parseExpression()]
        while match(.comma) { items.append(try parseExpression()) }
        return items
    }

    /// sum = product { ("+" | "-") product } ;
    mutating func parseAdditive() throws -> Expr {
        try parseChain({ try $0.parseMultiplicative() }) {
            switch $0 {
            case .plus: .add
            case .minus: .subtract
            default: nil
            }
        }
    }

    /// product = unary { ("*" | "/") unary } ;
    mutating func parseMultiplicative() throws -> Expr {
        try parseChain({ try $0.parseUnary() }) {
            switch $0 {
            case .star: .multiply
            case .slash: .divide
            default: nil
            }
        }
    }

    /// unary = "-" unary | primary ;
    mutating func parseUnary() throws -> Expr {
        if check(.minus) {
            let start = advance().range
            let operand = try nest { try $0.parseUnary() }
            return Expr(.unary(.negate, operand), start.union(operand.range))
        }
        return try parsePrimary()
    }

    /// primary = number | percent | string | "true" | "false" | "missing" | "(" expression ")"
    ///         | conditional | at_least | name [ "." name ] | call ;
    mutating func parsePrimary() throws -> Expr {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Expr(.number(value, literal: file.text(token.range)), token.range)
        case .percent(let value):
            advance()
            return Expr(.percent(value, literal: file.text(token.range)), token.range)
        case .string:
            let literal = try parseString(Messages.anExpression)
            return Expr(.string(literal), literal.range)
        case .keyword(.trueKeyword):
            advance()
            return Expr(.boolean(true), token.range)
        case .keyword(.falseKeyword):
            advance()
            return Expr(.boolean(false), token.range)
        case .keyword(.missing):
            advance()
            return Expr(.missing, token.range)
        case .leftParen:
            advance()
            let inner = try parseExpression()
            try expectClosingParenthesis(openedAt: token.range)
            return Expr(.parenthesized(inner), range(from: token.range))
        case .keyword(.at), .keyword(.not):
            return try parseAtLeast()
        case .keyword(.ifKeyword):
            // `a * if c then 1 else 2`: the else branch reaches as far as an expression can.
            return try nest { try $0.parseConditional() }
        case .keyword(.applies) where peekKind() == .leftParen:
            // `applies(rule)`: the English function shares its word with the rule clause.
            advance()
            return try parseCall(Identifier(Keyword.applies.english, token.range))
        case .identifier(let name):
            advance()
            let identifier = Identifier(name, token.range)
            if check(.leftParen) { return try parseCall(identifier) }
            if check(.dot), case .identifier(let member) = peekKind() {
                advance()
                let memberToken = advance()
                return Expr(.qualified(identifier, Identifier(member, memberToken.range)), range(from: token.range))
            }
            return Expr(.name(identifier), token.range)
        default:
            throw error(expected: Messages.anExpression)
        }
    }

    /// call = name "(" [ expression [ "where" expression ] { "," expression } ] [ "by" name { "," name } ] ")" ;
    mutating func parseCall(_ function: Identifier) throws -> Expr {
        let open = advance().range // (
        var arguments: [Expr] = []
        if !check(.rightParen) && !check(.by) {
            arguments = try parseList()
            // `mean(score where class = "5")`: the filter belongs to the first argument.
            if arguments.count == 1, match(.whereKeyword) {
                let condition = try parseExpression()
                arguments[0] = Expr(.filtered(arguments[0], condition: condition), arguments[0].range.union(condition.range))
                while match(.comma) { arguments.append(try parseExpression()) }
            }
        }
        var groups: [Identifier]?
        if match(.by) {
            var names = [try parseGroupName()]
            while match(.comma) { names.append(try parseGroupName()) }
            groups = names
        }
        try expectClosingParenthesis(openedAt: open)
        return Expr(.call(function, arguments: arguments, by: groups), range(from: function.range))
    }

    /// group = name [ "." name ] ;  `by results.year` names the dataset of a shared column.
    mutating func parseGroupName() throws -> Identifier {
        let name = try parseIdentifier(Messages.groupColumn)
        guard check(.dot), case .identifier = peekKind() else { return name }
        advance()
        let member = try parseIdentifier(Messages.groupColumn)
        return Identifier(name.name + "." + member.name, name.range.union(member.range))
    }

    /// at_least = ("at" "least" | "не" "менее") sum ("of" | "из") "(" list ")" ;
    mutating func parseAtLeast() throws -> Expr {
        let start = advance().range
        try expect(.least)
        let count = try parseAdditive()
        guard match(.of) || match(.from) else { throw error(expected: Messages.keywordWord(.of)) }
        let open = try expect(.leftParen, Messages.openingParenthesis)
        let items = try parseList()
        try expectClosingParenthesis(openedAt: open.range)
        return Expr(.atLeast(count, of: items), range(from: start))
    }
}
