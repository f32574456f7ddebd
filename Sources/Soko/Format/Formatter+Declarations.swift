// The formatter's declarations: each top-level form and the blocks inside it, printed line by
// line through `LayoutPrinter.line` so that comments find their places.

extension LayoutPrinter {
    mutating func printDeclaration(_ declaration: Declaration) {
        switch declaration {
        case .importFile(let decl):
            line(0, spelling.keyword(.importKeyword) + " " + expressions.string(decl.path), span: decl.range.start..<decl.range.end)
        case .dataset(let decl): printDataset(decl)
        case .param(let decl): printParam(decl, indent: 0)
        case .indicator(let decl): printIndicator(decl)
        case .rule(let decl): printRule(decl)
        case .bands(let decl): printBands(decl)
        case .test(let decl): printTest(decl)
        case .note(let decl): printNote(decl)
        }
    }

    /// `note "title" {` with one field a line.
    mutating func printNote(_ decl: NoteDecl) {
        let word = spelling.language == .ru ? "справка" : "note"
        line(0, word + " " + expressions.string(decl.title) + " {", span: Self.span(decl.range, decl.title.range))
        for (field, value, range) in decl.fields {
            line(Formatter.blockIndent, field.spelling(spelling.language) + " " + expressions.string(value), span: range.start..<range.end)
        }
        closeBlock(decl.range, indent: 0)
    }

    /// `keyword name "title"`, the common head of most declarations.
    func head(_ keyword: Keyword, _ name: Identifier, _ title: StringLiteral?) -> String {
        var text = spelling.keyword(keyword) + " " + name.name
        if let title { text += " " + expressions.string(title) }
        return text
    }

    // MARK: Dataset

    mutating func printDataset(_ decl: DatasetDecl) {
        line(0, head(.dataset, decl.name, decl.title) + " {", span: Self.span(decl.range, decl.title?.range ?? decl.name.range))
        // A composite key's columns stand on one line: `key school, subject`.
        var groups: [[DatasetMember]] = []
        for member in decl.members {
            if member.role == .key, let last = groups.last?.last, last.role == .key {
                groups[groups.count - 1].append(member)
            } else {
                groups.append([member])
            }
        }
        for (group, text) in zip(groups, memberTexts(groups)) {
            line(Formatter.blockIndent, text, span: group[0].range.start..<group[group.count - 1].range.end)
        }
        closeBlock(decl.range, indent: 0)
    }

    /// Members aligned: column types start in one column, and so do the `from "Header"` parts.
    func memberTexts(_ groups: [[DatasetMember]]) -> [String] {
        func roleWord(_ role: DatasetRole) -> String {
            switch role {
            case .key: spelling.keyword(.key)
            case .period: spelling.keyword(.period)
            case .label: spelling.keyword(.label)
            case .column: spelling.keyword(.column)
            case .family: spelling.keyword(.columns)
            case .link: spelling.keyword(.link)
            }
        }
        let members = groups.map { $0[0] }
        let named = groups.map { group -> String in
            let member = group[0]
            if member.role == .link {
                return roleWord(.link) + " " + member.linkColumns.map(\.name).joined(separator: ", ") + " -> " + (member.target?.name ?? "")
            }
            if group.count > 1 {
                return roleWord(.key) + " " + group.map { key in
                    key.name.name + (key.header.map { " " + spelling.keyword(.from) + " " + expressions.string($0) } ?? "")
                }.joined(separator: ", ")
            }
            return roleWord(member.role) + " " + member.name.name + (member.type == nil ? "" : ":")
        }
        let typeColumn = zip(members, named).filter { $0.0.type != nil }.map { $0.1.count }.max() ?? 0
        let bodies = zip(members, named).map { member, named in
            guard let type = member.type else { return named }
            return Self.pad(named, to: typeColumn) + " " + spelling.columnType(type.name) + (member.title.map { " " + expressions.string($0) } ?? "")
        }
        let headerColumn = zip(groups, bodies).filter { $0.0.count == 1 && $0.0[0].header != nil }.map { $0.1.count }.max() ?? 0
        return zip(groups, bodies).map { group, body in
            guard group.count == 1, let header = group[0].header else { return body }
            return Self.pad(body, to: headerColumn) + " " + spelling.keyword(.from) + " " + expressions.string(header)
        }
    }

    /// ` for LEVEL`, or nothing for the main level.
    func levelText(_ level: LevelName?) -> String {
        switch level {
        case nil: ""
        case .name(let name)?: " " + spelling.keyword(.forKeyword) + " " + name.name
        case .all?: " " + spelling.keyword(.forKeyword) + " " + spelling.keyword(.all)
        }
    }

    // MARK: Param and indicator

    /// `param name = value "description"`.
    mutating func printParam(_ decl: ParamDecl, indent: Int) {
        var text = spelling.keyword(.param) + " " + decl.name.name + " = " + expressions.text(decl.value)
        if let description = decl.description { text += " " + expressions.string(description) }
        line(indent, text, span: decl.range.start..<decl.range.end)
    }

    func indicatorHead(_ decl: IndicatorDecl) -> String {
        head(.indicator, decl.name, decl.title) + levelText(decl.level) + " ="
    }

    func indicatorFitsOnOneLine(_ decl: IndicatorDecl, indent: Int) -> Bool {
        indent + indicatorHead(decl).count + 1 + expressions.text(decl.value).count <= Formatter.lineWidth
    }

    /// `indicator name "title" = expression`, the expression on the next line when too long.
    mutating func printIndicator(_ decl: IndicatorDecl) {
        let head = indicatorHead(decl)
        let value = expressions.text(decl.value)
        if indicatorFitsOnOneLine(decl, indent: 0) {
            line(0, head + " " + value, span: decl.range.start..<decl.range.end)
        } else {
            line(0, head, span: Self.span(decl.range, decl.title?.range ?? decl.name.range))
            let pieces = expressions.lines(decl.value, width: Formatter.lineWidth - Formatter.continuationIndent)
            for (index, piece) in pieces.enumerated() {
                line(Formatter.continuationIndent + (index == 0 ? 0 : 2 + 2 * piece.depth), piece.text,
                     span: piece.range.start..<piece.range.end)
            }
        }
    }

    // MARK: Rule

    mutating func printRule(_ decl: RuleDecl) {
        line(0, head(.rule, decl.name, decl.title) + levelText(decl.level) + " {", span: Self.span(decl.range, decl.title?.range ?? decl.name.range))
        for clause in decl.clauses {
            switch clause {
            case .when(let condition, let range):
                printBroken(spelling.keyword(.when), condition, suffix: "", range: range)
            case .require(let condition, let reason, let range):
                printBroken(spelling.keyword(.require), condition, suffix: reason.map { " " + expressions.string($0) } ?? "", range: range)
            default:
                let (text, range) = clauseText(clause)
                line(Formatter.blockIndent, text, span: range.start..<range.end)
            }
        }
        closeBlock(decl.range, indent: 0)
    }

    /// A clause `keyword expression suffix`, its expression broken over lines when too long:
    /// the continuation lines are indented under the keyword.
    mutating func printBroken(_ keyword: String, _ expression: Expr, suffix: String, range: SourceRange) {
        let indent = Formatter.blockIndent
        let pieces = expressions.lines(expression, width: Formatter.lineWidth - indent - Formatter.continuationIndent - suffix.count)
        for (index, piece) in pieces.enumerated() {
            let isFirst = index == 0
            let isLast = index == pieces.count - 1
            let text = (isFirst ? keyword + " " : "") + piece.text + (isLast ? suffix : "")
            let start = isFirst ? range.start : piece.range.start
            let end = isLast ? range.end : piece.range.end
            line(indent + (isFirst ? 0 : Formatter.continuationIndent + 2 * piece.depth), text, span: start..<end)
        }
    }

    /// A rule clause's line and its source range.
    func clauseText(_ clause: RuleClause) -> (String, SourceRange) {
        switch clause {
        case .when(let condition, let range):
            return (spelling.keyword(.when) + " " + expressions.text(condition), range)
        case .require(let condition, let reason, let range):
            var text = spelling.keyword(.require) + " " + expressions.text(condition)
            if let reason { text += " " + expressions.string(reason) }
            return (text, range)
        case .applies(let condition, let reason, let range):
            var text = spelling.keyword(.applies) + " " + expressions.text(condition)
            if let reason { text += " " + expressions.string(reason) }
            return (text, range)
        case .severity(let level, let range):
            return (spelling.keyword(.severity) + " " + spelling.severity(level.name), range)
        case .category(let text, let range):
            return (spelling.keyword(.category) + " " + expressions.string(text), range)
        case .source(let text, let range):
            return (spelling.keyword(.source) + " " + expressions.string(text), range)
        case .recommend(let text, let range):
            return (spelling.keyword(.recommend) + " " + expressions.string(text), range)
        }
    }

    // MARK: Bands

    mutating func printBands(_ decl: BandsDecl) {
        let head = head(.bands, decl.name, decl.title) + levelText(decl.level) + " " + spelling.keyword(.by) + " " + expressions.text(decl.subject) + " {"
        line(0, head, span: Self.span(decl.range, decl.subject.range))
        for (row, text) in zip(decl.rows, bandRowTexts(decl.rows)) {
            line(Formatter.blockIndent, text, span: row.range.start..<row.range.end)
        }
        closeBlock(decl.range, indent: 0)
    }

    /// Rows aligned in columns: `from X`, `to Y`, `-> "level"`, `recommend "…"`. A column no row
    /// uses takes no room.
    func bandRowTexts(_ rows: [BandRow]) -> [String] {
        let froms = rows.map { row in row.from.map { spelling.bandFrom + " " + expressions.text($0) } }
        let tos = rows.map { row in row.to.map { spelling.keyword(.to) + " " + expressions.text($0) } }
        let levels = rows.map { expressions.string($0.level) }
        let fromWidth = froms.compactMap { $0?.count }.max() ?? 0
        let toWidth = tos.compactMap { $0?.count }.max() ?? 0
        let levelWidth = zip(rows, levels).filter { $0.0.recommendation != nil }.map { $0.1.count }.max() ?? 0
        return rows.indices.map { index in
            var bounds: [String] = []
            if fromWidth > 0 { bounds.append(Self.pad(froms[index] ?? "", to: fromWidth)) }
            if toWidth > 0 { bounds.append(Self.pad(tos[index] ?? "", to: toWidth)) }
            var text = bounds.joined(separator: " ") + " -> "
            if let recommendation = rows[index].recommendation {
                text += Self.pad(levels[index], to: levelWidth) + " " + spelling.keyword(.recommend) + " " + expressions.string(recommendation)
            } else {
                text += levels[index]
            }
            return text
        }
    }

    // MARK: Test

    /// The parts of a test, which the tree keeps in three lists, in the author's order.
    enum TestPart {
        case given(InlineTable)
        case param(ParamDecl)
        case expect(InlineTable)

        var start: Int {
            switch self {
            case .given(let table), .expect(let table): table.range.start
            case .param(let param): param.range.start
            }
        }
    }

    mutating func printTest(_ decl: TestDecl) {
        line(0, spelling.keyword(.test) + " " + expressions.string(decl.name) + " {", span: Self.span(decl.range, decl.name.range))
        let parts = (decl.given.map(TestPart.given) + decl.params.map(TestPart.param) + decl.expectations.map(TestPart.expect))
            .sorted { $0.start < $1.start }
        for part in parts {
            switch part {
            case .given(let table): printInlineTable(table, keyword: .given, indent: Formatter.blockIndent)
            case .param(let param): printParam(param, indent: Formatter.blockIndent)
            case .expect(let table): printInlineTable(table, keyword: .expect, indent: Formatter.blockIndent)
            }
        }
        closeBlock(decl.range, indent: 0)
    }

    /// `given name {` or `expect {`, the rows aligned into columns, `}`.
    mutating func printInlineTable(_ table: InlineTable, keyword: Keyword, indent: Int) {
        var head = spelling.keyword(keyword)
        if let dataset = table.dataset { head += " " + dataset.name }
        line(indent, head + " {", span: table.range.start..<(table.dataset?.range.end ?? table.range.start + 1))

        // Each row as cell texts with the source span it shows (nil for a row without cells).
        var rows: [(cells: [String], span: Range<Int>?)] = []
        if let first = table.header.first, let last = table.header.last {
            rows.append((table.header.map(\.name), Self.span(first.range, last.range)))
        }
        for cells in table.rows {
            let texts = cells.map { cellText($0, expectation: keyword == .expect) }
            rows.append((texts, cells.first.flatMap { first in cells.last.map { Self.span(first.range, $0.range) } }))
        }
        let columns = rows.map(\.cells.count).max() ?? 0
        let widths = (0..<columns).map { column in
            rows.compactMap { $0.cells.count > column ? $0.cells[column].count : nil }.max() ?? 0
        }
        for row in rows {
            let text = row.cells.isEmpty
                ? "|"
                : "| " + row.cells.enumerated().map { Self.pad($0.element, to: widths[$0.offset]) }.joined(separator: " | ") + " |"
            line(indent + Formatter.blockIndent, text, span: row.span)
        }
        closeBlock(table.range, indent: indent)
    }

    /// A cell's text: empty for an empty cell (which the parser keeps as `missing` spanning just
    /// the next `|`), an outcome word in expectations, else the expression.
    func cellText(_ cell: Expr, expectation: Bool) -> String {
        switch cell.kind {
        case .missing where cell.range.end - cell.range.start <= 1:
            return ""
        case .name(let name) where expectation:
            return spelling.outcome(name.name)
        default:
            return expressions.text(cell)
        }
    }
}
