// `--format csv --excel`: the fired rules as a Russian Excel opens them (UTF-8 with a byte
// order mark, `;`, CRLF), for people rather than programs: the data file's own headers for the
// school (its code, its name, the group column, the period), the rule's title and the severity
// in the report's language. The plain CSV (without --excel) keeps its identifiers for programs.

extension CSVReport {
    /// The Excel CSV; `groupBy` adds the group column (municipality) after the school's name.
    public static func renderExcel(_ evaluation: Evaluation, language: Language, groupBy: ColumnRef? = nil, periods: Set<Int>? = nil) -> [UInt8] {
        let program = evaluation.program
        let delimiter = UInt8(ascii: ";")
        let formatter = ValueFormatter(language: language)
        let text = ReportText(language: language)
        let school = SchoolColumns(evaluation: evaluation, groupBy: groupBy)
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        func line(_ fields: [String]) {
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(delimiter) }
                ByteFormat.appendCSVField(field, to: &out, delimiter: delimiter)
            }
            out += [13, 10]
        }
        func plain(_ cell: WorkbookCell) -> String {
            switch cell {
            case .text(let value), .header(let value), .title(let value): value
            case .integer(let x): CellText.plain(x)
            case .number(let x), .percent(let x): formatter.format(number: x, type: .number)
            case .flag(let b): formatter.format(.flag(b), type: .flag)
            case .empty: ""
            }
        }
        line(school.headers.map(plain) + [text.pick("Правило", "Rule"), text.pick("Уровень", "Severity"),
                                          text.pick("Рекомендация", "Recommendation")])
        let outcomes = program.rules.indices.map { evaluation.outcomes(ofRule: $0) }
        // Most severe first, then in the rule set's order.
        let order = program.rules.indices.sorted { (program.rules[$0].severity, -$0) > (program.rules[$1].severity, -$1) }
        let chosen = CSVReportOptions(periods: periods)
        for entity in 0..<evaluation.entities.count where chosen.includes(entity, of: evaluation.entities) {
            let prefix = school.cells(entity).map(plain)
            for rule in order where outcomes[rule][entity] == RuleOutcome.fired.rawValue {
                let recommendation = program.rules[rule].recommendations.map { evaluation.fill($0, entity: entity, formatter: formatter) }
                line(prefix + [program.rules[rule].title ?? program.rules[rule].name, program.rules[rule].severity.name(language),
                               recommendation.joined(separator: "; ")])
            }
        }
        return out
    }
}
