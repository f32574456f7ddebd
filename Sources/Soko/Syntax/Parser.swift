// The parser: tokens to a `SyntaxTree`, by recursive descent over the productions of
// Grammar.md. A syntax error is reported once, then the parser skips to the next declaration
// (or the next clause inside a rule) so that one typo does not hide the rest of the file.

/// Thrown inside the parser to unwind to the nearest recovery point; the diagnostic has
/// already been recorded.
struct SyntaxError: Error {}

public struct Parser {
    let file: SourceFile
    let fileIndex: Int
    var tokens: [Token]
    var index = 0
    var diagnostics: [Diagnostic] = []
    /// Current depth of nested expressions, bounded by `SourceLimits.expressionDepth`.
    var depth = 0

    init(file: SourceFile, fileIndex: Int, tokens: [Token]) {
        self.file = file
        self.fileIndex = fileIndex
        self.tokens = tokens
    }

    /// Parses a whole file. The diagnostics include the lexer's.
    public static func parse(file: SourceFile, fileIndex: Int) -> (tree: SyntaxTree, diagnostics: [Diagnostic]) {
        var lexer = Lexer(file: file, fileIndex: fileIndex)
        let tokens = lexer.tokenize()
        var parser = Parser(file: file, fileIndex: fileIndex, tokens: tokens)
        parser.diagnostics = lexer.diagnostics
        let declarations = parser.parseFile()
        var english = 0
        var russian = 0
        for token in tokens {
            if token.language == .en { english += 1 } else if token.language == .ru { russian += 1 }
        }
        let tree = SyntaxTree(file: fileIndex, declarations: declarations, comments: lexer.comments,
                              keywordLanguage: russian > english ? .ru : .en)
        return (tree, parser.diagnostics)
    }

    // MARK: Token access

    var current: Token { tokens[index] }
    var previous: Token { tokens[max(0, index - 1)] }

    func peekKind(_ offset: Int = 1) -> TokenKind {
        tokens[min(index + offset, tokens.count - 1)].kind
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }
    func check(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

    mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    mutating func match(_ keyword: Keyword) -> Bool { match(.keyword(keyword)) }

    /// Consumes a token of the given kind or reports what was expected.
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: Message) throws -> Token {
        guard check(kind) else { throw error(expected: what) }
        return advance()
    }

    /// Expects the `)` that closes the `(` at `open`; when it is missing, the error has a note at
    /// the opening bracket (the parser may only notice lines later).
    @discardableResult
    mutating func expectClosingParenthesis(openedAt open: SourceRange) throws -> Token {
        guard check(.rightParen) else {
            report(.error("E0100", current.range, Messages.expected(Messages.closingParenthesis, found: describe(current)),
                          hint: Messages.unclosedParenthesisHint,
                          notes: [Diagnostic.Note(range: open, message: Messages.parenthesisOpenedHere)]))
            throw SyntaxError()
        }
        return advance()
    }

    mutating func expect(_ keyword: Keyword) throws {
        guard match(keyword) else { throw error(expected: Messages.keywordWord(keyword)) }
    }

    /// Records "expected X, found Y" at the current token and returns the error to throw.
    mutating func error(expected what: Message, hint: Message? = nil) -> SyntaxError {
        report(.error("E0100", current.range, Messages.expected(what, found: describe(current)),
                      hint: (current.kind == .comma ? defaultHint(for: current) : nil) ?? hint ?? defaultHint(for: current)))
        return SyntaxError()
    }

    mutating func report(_ diagnostic: Diagnostic) {
        if diagnostics.count < SourceLimits.errorsPerFile { diagnostics.append(diagnostic) }
    }

    /// How a token is named in a message: its text in quotes, or "end of file".
    func describe(_ token: Token) -> Message {
        if token.kind == .endOfFile { return Messages.endOfFile }
        let text = file.text(token.range)
        return .verbatim("«\(text.count > 40 ? String(text.prefix(40)) + "…" : text)»")
    }

    /// A hint for common slips: a misspelt keyword, a decimal comma (`0,2`).
    func defaultHint(for token: Token) -> Message? {
        if token.kind == .comma, index > 0, case .number = previous.kind, previous.range.end == token.range.start,
           case .number = peekKind(), tokens[index + 1].range.start == token.range.end {
            return Messages.decimalPointHint
        }
        if case .identifier(let word) = token.kind {
            let spellings = Keyword.allCases.flatMap { [$0.english, $0.russian] }
            if let near = Suggestions.closest(to: word.lowercased(), among: spellings) {
                return Messages.didYouMean(near)
            }
        }
        return nil
    }

    func range(from start: SourceRange) -> SourceRange {
        start.union(previous.range)
    }

    // MARK: File and declarations

    static let declarationStarts: [Keyword] = [.importKeyword, .dataset, .param, .indicator, .rule, .bands, .test]

    func atDeclarationStart() -> Bool {
        if case .keyword(let keyword) = current.kind { return Self.declarationStarts.contains(keyword) }
        return atNoteStart()
    }

    /// file = { declaration } ;
    mutating func parseFile() -> [Declaration] {
        var declarations: [Declaration] = []
        while current.kind != .endOfFile {
            if diagnostics.count >= SourceLimits.errorsPerFile { break }
            let start = index
            do {
                declarations.append(try parseDeclaration())
            } catch {
                if index == start { advance() }
                synchronizeToDeclaration()
            }
        }
        return declarations
    }

    /// Skips tokens up to the next keyword that starts a declaration at the start of a line —
    /// panic mode. The caller has made sure that the failed attempt consumed a token.
    mutating func synchronizeToDeclaration() {
        while current.kind != .endOfFile {
            if atDeclarationStart() && current.startsLine { return }
            advance()
        }
    }

    mutating func parseDeclaration() throws -> Declaration {
        if atNoteStart() { return .note(try parseNote()) }
        guard case .keyword(let keyword) = current.kind else {
            throw error(expected: Messages.aDeclaration, hint: defaultHint(for: current) ?? Messages.declarationHint)
        }
        switch keyword {
        case .importKeyword: return .importFile(try parseImport())
        case .dataset: return .dataset(try parseDataset())
        case .param: return .param(try parseParam())
        case .indicator: return .indicator(try parseIndicator())
        case .rule: return .rule(try parseRule())
        case .bands: return .bands(try parseBands())
        case .test: return .test(try parseTest())
        default: throw error(expected: Messages.aDeclaration, hint: Messages.declarationHint)
        }
    }

    mutating func parseIdentifier(_ what: Message) throws -> Identifier {
        guard case .identifier(let name) = current.kind else {
            if case .keyword(let keyword) = current.kind {
                throw error(expected: what, hint: Messages.keywordAsName(file.text(current.range), keyword))
            }
            throw error(expected: what)
        }
        let token = advance()
        return Identifier(name, token.range)
    }

    /// A string literal; `{…}` pieces are parsed as expressions.
    mutating func parseString(_ what: Message) throws -> StringLiteral {
        guard case .string(let pieces) = current.kind else { throw error(expected: what) }
        let token = advance()
        var parsed: [StringLiteral.Piece] = []
        for piece in pieces {
            switch piece {
            case .text(let text): parsed.append(.text(text))
            case .interpolation(let range):
                if let expression = parseInterpolation(range) { parsed.append(.expression(expression)) }
            }
        }
        return StringLiteral(pieces: parsed, range: token.range)
    }

    /// Parses the expression inside `{…}` of a string with a parser of its own.
    mutating func parseInterpolation(_ range: SourceRange) -> Expr? {
        var lexer = Lexer(file: file, fileIndex: fileIndex, range: range.start..<range.end)
        let innerTokens = lexer.tokenize()
        diagnostics.append(contentsOf: lexer.diagnostics)
        var inner = Parser(file: file, fileIndex: fileIndex, tokens: innerTokens)
        inner.depth = depth
        defer { diagnostics.append(contentsOf: inner.diagnostics) }
        if inner.current.kind == .endOfFile {
            inner.report(.error("E0101", range, Messages.emptyInterpolation, hint: Messages.unclosedInterpolationHint))
            return nil
        }
        guard let expression = try? inner.parseExpression() else { return nil }
        if inner.current.kind != .endOfFile {
            _ = inner.error(expected: Messages.closingBraceOfInterpolation)
            return nil
        }
        return expression
    }

    mutating func optionalString() throws -> StringLiteral? {
        if case .string = current.kind { return try parseString(Messages.aString) }
        return nil
    }

    /// import = "import" string ;
    mutating func parseImport() throws -> ImportDecl {
        let start = advance().range
        let path = try parseString(Messages.importPath)
        return ImportDecl(path: path, range: range(from: start))
    }

    /// dataset = "dataset" name [string] "{" { member } "}" ;
    mutating func parseDataset() throws -> DatasetDecl {
        let start = advance().range
        let name = try parseIdentifier(Messages.datasetName)
        let title = try optionalString()
        try expect(.leftBrace, Messages.openingBrace)
        var members: [DatasetMember] = []
        while !check(.rightBrace) && current.kind != .endOfFile && !(atDeclarationStart() && current.startsLine) {
            let start = index
            do {
                members += try parseDatasetMembers()
            } catch {
                if index == start { advance() }
                synchronize(toAnyOf: [.key, .period, .label, .column, .columns, .link])
            }
        }
        try expect(.rightBrace, Messages.closingBrace)
        return DatasetDecl(name: name, title: title, members: members, range: range(from: start))
    }

    /// member = "key" name [from] { "," name [from] } | ("period" | "label") name [from]
    ///        | "column" name ":" type [string] [from] | "columns" name ":" type from
    ///        | "link" name { "," name } "->" name ;
    /// A composite key gives one member per column.
    mutating func parseDatasetMembers() throws -> [DatasetMember] {
        let start = current.range
        let role: DatasetRole
        switch current.kind {
        case .keyword(.key): role = .key
        case .keyword(.period): role = .period
        case .keyword(.label): role = .label
        case .keyword(.column): role = .column
        case .keyword(.columns): role = .family
        case .keyword(.link): role = .link
        default: throw error(expected: Messages.datasetMember, hint: defaultHint(for: current) ?? Messages.datasetMemberHint)
        }
        let roleToken = advance()
        if role == .link {
            var names = [try parseIdentifier(Messages.columnName)]
            while match(.comma) { names.append(try parseIdentifier(Messages.columnName)) }
            try expect(.arrow, Messages.arrow)
            let target = try parseIdentifier(Messages.datasetName)
            return [DatasetMember(role: .link, name: names[0], type: nil, header: nil, range: range(from: start),
                                  linkColumns: names, target: target)]
        }
        if case .string = current.kind {
            let header = String(file.text(current.range).dropFirst().dropLast())
            // `ключ "Код ОО"`: the header where the name belongs; say how to write it.
            let english = file.text(roleToken.range).lowercased() == role.rawValue
            throw error(expected: Messages.columnName,
                        hint: Messages.memberNeedsName(role: english ? role.rawValue : file.text(roleToken.range), roleEn: role.rawValue, header: header))
        }
        var members: [DatasetMember] = []
        var memberStart = start
        repeat {
            let name = try parseIdentifier(Messages.columnName)
            var type: Identifier?
            var title: StringLiteral?
            if role == .column || role == .family {
                if case .identifier(let next) = current.kind {
                    // `столбец Участников ВПР: количество`: a header written as the name.
                    var type: String?
                    if index + 2 < tokens.count, tokens[index + 1].kind == .colon, case .identifier(let word) = tokens[index + 2].kind { type = word }
                    throw error(expected: Messages.colonBeforeType, hint: Messages.columnNameOneWord([name.name, next], type: type))
                }
                try expect(.colon, Messages.colonBeforeType)
                type = try parseIdentifier(Messages.columnType)
                title = try optionalString()
            }
            var header: StringLiteral?
            if match(.from) {
                header = try parseString(Messages.headerText)
            }
            members.append(DatasetMember(role: role, name: name, type: type, header: header, range: range(from: memberStart), title: title))
            memberStart = current.range
        } while role == .key && match(.comma)
        return members
    }

    /// Skips to one of the given keywords at the start of a line, a closing brace, or a
    /// declaration; the caller has made sure that the failed attempt consumed a token.
    mutating func synchronize(toAnyOf keywords: [Keyword]) {
        while current.kind != .endOfFile && !check(.rightBrace) && !(atDeclarationStart() && current.startsLine) {
            if case .keyword(let keyword) = current.kind, keywords.contains(keyword), current.startsLine { return }
            advance()
        }
    }

    /// param = "param" name "=" expression [string] ;
    mutating func parseParam() throws -> ParamDecl {
        let start = advance().range
        let name = try parseIdentifier(Messages.paramName)
        try expect(.equal, Messages.equalsSign)
        let value = try parseExpression()
        let description = try optionalString()
        return ParamDecl(name: name, value: value, description: description, range: range(from: start))
    }

    /// indicator = "indicator" name [string] "=" expression ;
    mutating func parseIndicator() throws -> IndicatorDecl {
        let start = advance().range
        let name = try parseIdentifier(Messages.indicatorName)
        let title = try optionalString()
        let level = try parseLevelName()
        try expect(.equal, Messages.equalsSign)
        let value = try parseExpression()
        return IndicatorDecl(name: name, title: title, value: value, range: range(from: start), level: level)
    }

    /// level = [ "for" ( name | "all" ) ] ;
    mutating func parseLevelName() throws -> LevelName? {
        guard match(.forKeyword) else { return nil }
        if check(.all) { return .all(advance().range) }
        return .name(try parseIdentifier(Messages.levelName))
    }

    static let ruleClauseStarts: [Keyword] = [.when, .applies, .require, .severity, .category, .source, .recommend]

    /// rule = "rule" name [string] "{" { clause } "}" ;
    mutating func parseRule() throws -> RuleDecl {
        let start = advance().range
        let name = try parseIdentifier(Messages.ruleName)
        let title = try optionalString()
        let level = try parseLevelName()
        try expect(.leftBrace, Messages.openingBrace)
        var clauses: [RuleClause] = []
        while !check(.rightBrace) && current.kind != .endOfFile && !(atDeclarationStart() && current.startsLine) {
            let start = index
            do {
                clauses.append(try parseRuleClause())
            } catch {
                if index == start { advance() }
                synchronize(toAnyOf: Self.ruleClauseStarts)
            }
        }
        try expect(.rightBrace, Messages.closingBrace)
        return RuleDecl(name: name, title: title, clauses: clauses, range: range(from: start), level: level)
    }

    /// clause = "when" expression | "applies" expression [string]
    ///        | "require" expression [string] | "severity" level
    ///        | "category" string | "source" string | "recommend" string ;
    mutating func parseRuleClause() throws -> RuleClause {
        let start = current.range
        switch current.kind {
        case .keyword(.when):
            advance()
            let condition = try parseExpression()
            return .when(condition, range(from: start))
        case .keyword(.require):
            advance()
            let condition = try parseExpression()
            let reason = try optionalString()
            return .require(condition, reason: reason, range(from: start))
        case .keyword(.applies):
            advance()
            let condition = try parseExpression()
            let reason = try optionalString()
            return .applies(condition, reason: reason, range(from: start))
        case .keyword(.severity):
            advance()
            let level = try parseIdentifier(Messages.severityLevel)
            return .severity(level, range(from: start))
        case .keyword(.category):
            advance()
            return .category(try parseString(Messages.aString), range(from: start))
        case .keyword(.source):
            advance()
            return .source(try parseString(Messages.aString), range(from: start))
        case .keyword(.recommend):
            advance()
            return .recommend(try parseString(Messages.recommendationText), range(from: start))
        default:
            throw error(expected: Messages.ruleClause, hint: defaultHint(for: current) ?? Messages.ruleClauseHint)
        }
    }
}
