// The block productions of the parser: bands (value ranges to levels) and tests with inline
// tables.

extension Parser {
    /// bands = "bands" name [string] "by" expression "{" { band_row } "}" ;
    mutating func parseBands() throws -> BandsDecl {
        let start = advance().range
        let name = try parseIdentifier(Messages.bandsName)
        let title = try optionalString()
        let level = try parseLevelName()
        try expect(.by)
        let subject = try parseExpression()
        try expect(.leftBrace, Messages.openingBrace)
        var rows: [BandRow] = []
        while !check(.rightBrace) && current.kind != .endOfFile && !(atDeclarationStart() && current.startsLine) {
            let start = index
            do {
                rows.append(try parseBandRow())
            } catch {
                if index == start { advance() }
                synchronizeToNextLine()
            }
        }
        try expect(.rightBrace, Messages.closingBrace)
        return BandsDecl(name: name, title: title, subject: subject, rows: rows, range: range(from: start), level: level)
    }

    /// band_row = [ "from" sum ] [ "to" sum ] "->" string [ "recommend" string ] ;
    mutating func parseBandRow() throws -> BandRow {
        let start = current.range
        var from: Expr?
        var to: Expr?
        if match(.from) { from = try parseAdditive() }
        if match(.to) { to = try parseAdditive() }
        if from == nil && to == nil {
            throw error(expected: Messages.bandBound, hint: Messages.bandRowHint)
        }
        try expect(.arrow, Messages.arrow)
        let level = try parseString(Messages.bandLevel)
        var recommendation: StringLiteral?
        if match(.recommend) { recommendation = try parseString(Messages.recommendationText) }
        return BandRow(from: from, to: to, level: level, recommendation: recommendation, range: range(from: start))
    }

    /// Skips to the first token of a line (or a closing brace); the caller has made sure that
    /// the failed attempt consumed a token.
    mutating func synchronizeToNextLine() {
        while current.kind != .endOfFile && !check(.rightBrace) && !current.startsLine { advance() }
    }

    /// test = "test" string "{" { "given" [name] "{" table "}" | param | "expect" "{" table "}" } "}" ;
    mutating func parseTest() throws -> TestDecl {
        let start = advance().range
        let name = try parseString(Messages.testName)
        try expect(.leftBrace, Messages.openingBrace)
        var given: [InlineTable] = []
        var params: [ParamDecl] = []
        var expectations: [InlineTable] = []
        while !check(.rightBrace) && current.kind != .endOfFile && !(atDeclarationStart() && current.startsLine && !check(.param)) {
            let start = index
            do {
                switch current.kind {
                case .keyword(.given):
                    let keyword = advance().range
                    var dataset: Identifier?
                    if case .identifier = current.kind { dataset = try parseIdentifier(Messages.datasetName) }
                    given.append(try parseInlineTable(dataset: dataset, start: keyword))
                case .keyword(.param):
                    params.append(try parseParam())
                case .keyword(.expect):
                    let keyword = advance().range
                    expectations.append(try parseInlineTable(dataset: nil, start: keyword))
                default:
                    throw error(expected: Messages.testClause, hint: Messages.testClauseHint)
                }
            } catch {
                if index == start { advance() }
                synchronize(toAnyOf: [.given, .param, .expect])
            }
        }
        try expect(.rightBrace, Messages.closingBrace)
        return TestDecl(name: name, given: given, params: params, expectations: expectations, range: range(from: start))
    }

    /// The two-word outcome `not applicable` / `не применяется` in a test's cell, read as one
    /// name (`не применяется` is not an expression: `применяется` is the rule clause keyword).
    mutating func notApplicableCell() -> Expr? {
        guard check(.not) else { return nil }
        let next = tokens[min(index + 1, tokens.count - 1)]
        let isWord: Bool
        switch next.kind {
        case .identifier(let word): isWord = word.lowercased() == "applicable"
        case .keyword(.applies): isWord = next.language == .ru
        default: isWord = false
        }
        guard isWord else { return nil }
        let language: Language = next.language == .ru ? .ru : .en
        let range = current.range.union(next.range)
        advance()
        advance()
        return Expr(.name(Identifier(Expectation.Outcome.notApplicable.spelling(language), range)), range)
    }

    /// table = "{" row { row } "}" ;  row = "|" cell { "|" cell } "|" ;  each row on its own line.
    /// The first row names the columns; an empty cell is a missing value.
    mutating func parseInlineTable(dataset: Identifier?, start: SourceRange) throws -> InlineTable {
        try expect(.leftBrace, Messages.openingBrace)
        var header: [Identifier] = []
        var rows: [[Expr]] = []
        while check(.pipe) {
            let rowStart = current.range
            advance()
            var cells: [Expr] = []
            while !(current.startsLine || check(.rightBrace) || current.kind == .endOfFile) {
                if check(.pipe) {
                    // `| |`: an empty cell.
                    cells.append(Expr(.missing, current.range))
                    advance()
                    continue
                }
                if let outcome = notApplicableCell() {
                    cells.append(outcome)
                    if !(current.startsLine || check(.rightBrace) || current.kind == .endOfFile) {
                        try expect(.pipe, Messages.cellSeparator)
                    }
                    continue
                }
                var cell = try parseExpression()
                if match(.plusMinus) {
                    let tolerance = try parseAdditive()
                    cell = Expr(.approximately(cell, tolerance: tolerance), cell.range.union(tolerance.range))
                }
                cells.append(cell)
                if !(current.startsLine || check(.rightBrace) || current.kind == .endOfFile) {
                    try expect(.pipe, Messages.cellSeparator)
                }
            }
            if header.isEmpty && rows.isEmpty {
                for cell in cells {
                    switch cell.kind {
                    case .name(let name): header.append(name)
                    case .qualified(let table, let column):
                        header.append(Identifier(table.name + "." + column.name, cell.range))
                    default:
                        report(.error("E0103", cell.range, Messages.headerCellNotName, hint: Messages.headerCellHint))
                    }
                }
                if header.isEmpty {
                    report(.error("E0103", rowStart, Messages.headerCellNotName, hint: Messages.headerCellHint))
                    throw SyntaxError()
                }
            } else {
                rows.append(cells)
            }
        }
        try expect(.rightBrace, Messages.closingBrace)
        return InlineTable(dataset: dataset, header: header, rows: rows, range: range(from: start))
    }
}
