// `--format xlsx`: the result as a workbook a methodist keeps working in. Sheets: the summary,
// one row per fired rule (school, period, rule title, severity, recommendation), one row per
// school and period with every indicator, and the parameters. Headers are titles (the
// columns' headers as exported, the indicators' and rules' titles), never identifiers; cells
// are typed (shares as percentages, counts as whole numbers).

/// The workbook report.
public enum XLSXReport {
    /// The .xlsx bytes; `groupBy` adds the group column (municipality) beside each school.
    public static func render(_ evaluation: Evaluation, summary: Summary, language: Language, groupBy: ColumnRef?) -> [UInt8] {
        XLSXWriter.write(sheets(evaluation, summary: summary, language: language, groupBy: groupBy))
    }

    /// Writes the workbook to `sink` in pieces as it is made (its memory does not grow with the rows).
    public static func write(_ evaluation: Evaluation, summary: Summary, language: Language, groupBy: ColumnRef?, to sink: ReportSink) {
        XLSXWriter.write(sheets(evaluation, summary: summary, language: language, groupBy: groupBy), to: sink)
    }

    /// The sheets, for tests that read them back.
    static func sheets(_ evaluation: Evaluation, summary: Summary, language: Language, groupBy: ColumnRef?) -> [WorkbookSheet] {
        let text = ReportText(language: language)
        let school = SchoolColumns(evaluation: evaluation, groupBy: groupBy)
        return [summarySheet(evaluation, summary: summary, text: text)]
            + LevelSection.sections(evaluation, language: language, periods: summary.periods).map { levelSheet($0, title: levelTitle($0, evaluation.program), text: text) }
            + [
            firedSheet(evaluation, summary: summary, school: school, text: text),
            indicatorSheet(evaluation, summary: summary, school: school, text: text),
            parameterSheet(evaluation, text: text),
        ]
    }

    // MARK: Sheets

    static func summarySheet(_ evaluation: Evaluation, summary: Summary, text: ReportText) -> WorkbookSheet {
        let program = evaluation.program
        var rows: [[WorkbookCell]] = []
        rows.append([.title(program.note?.title ?? text.noteTitle)])
        rows.append([.text(text.noteSubtitle)])
        if let periods = summary.periods {
            rows.append([.text(text.pick("Период: ", "Period: ") + periods.sorted().map(String.init).joined(separator: ", "))])
        }
        rows.append([])
        rows.append([.header(text.itemColumn), .header(text.countColumn)])
        rows.append([.text(text.entitiesRow(withPeriods: (summary.periods?.count ?? Set(evaluation.entities.periods ?? []).count) > 1)), .integer(Double(summary.entities))])
        rows.append([.text(text.flaggedRow), .integer(Double(summary.flagged))])
        rows.append([.text(text.cleanRow), .integer(Double(summary.clean))])
        rows.append([.text(text.insufficientRow), .integer(Double(summary.insufficient))])
        rows.append([.text(text.notApplicableRow), .integer(Double(summary.notApplicable))])
        for severity in Severity.risks.reversed() {
            rows.append([.text(text.pick("Наивысший уровень «\(severity.russian)»", "Highest severity \(severity.english)")),
                               .integer(Double(summary.bySeverity[severity] ?? 0))])
        }
        rows.append([])
        rows.append([.header(text.pick("Правило", "Rule")), .header(text.pick("Уровень", "Severity")),
                           .header(text.pick("Сработало", "Fired")), .header(text.pick("Недостаточно данных", "Insufficient data")),
                           .header(text.notApplicableColumn)])
        for line in summary.byRule {
            let rule = program.rules[line.rule]
            rows.append([.text(rule.title ?? rule.name), .text(rule.severity.name(text.language)),
                               .integer(Double(line.fired)), .integer(Double(line.insufficient)), .integer(Double(line.notApplicable))])
        }
        if !summary.groups.isEmpty {
            rows.append([])
            rows.append([.header(summary.groupTitle ?? text.pick("Группа", "Group")), .header(text.pick("Школ", "Schools")),
                               .header(text.flaggedColumn), .header(text.pick("Недостаточно данных", "Insufficient data"))])
            for group in summary.groups {
                rows.append([.text(group.name), .integer(Double(group.entities)), .integer(Double(group.flagged)),
                                   .integer(Double(group.insufficient))])
            }
        }
        return WorkbookSheet(name: text.pick("Сводка", "Summary"), rows: rows)
    }

    /// A level above the school (municipalities, the region): one row per entity and target
    /// rule, «достигнут / не достигнут» with the value, the target and the recommendations of a
    /// target not met, then its indicators.
    static func levelSheet(_ section: LevelSection, title: String, text: ReportText) -> WorkbookSheet {
        let indicators = section.entities.first?.indicators.map { $0.title ?? $0.name } ?? []
        var rows: [[WorkbookCell]] = [[.header(title), .header(text.pick("Период", "Period")),
                                       .header(text.pick("Цель (правило)", "Target (rule)")), .header(text.pick("Итог", "Result")),
                                       .header(text.pick("Значение", "Value")), .header(text.pick("Целевое значение", "Target value")),
                                       .header(text.pick("Рекомендации", "Recommendations"))]
            + indicators.map(WorkbookCell.header)]
        for entity in section.entities {
            let values = entity.indicators.map { XLSXReport.plainCell($0.value, display: $0.display) }
            let period: WorkbookCell = entity.period.map { .integer(Double($0)) } ?? .empty
            if entity.targets.isEmpty { rows.append([.text(entity.key), period, .empty, .empty, .empty, .empty, .empty] + values) }
            for target in entity.targets {
                rows.append([.text(entity.key), period, .text(target.title ?? target.name),
                             .text(LevelSection.verdict(target.outcome, language: text.language)),
                             plainCell(target.rawValue, display: target.value ?? ""), target.target.map(WorkbookCell.text) ?? .empty,
                             target.recommendations.isEmpty ? .empty : .text(target.recommendations.joined(separator: "; "))] + values)
            }
        }
        return WorkbookSheet(name: shortName(title), rows: rows, frozenRows: 1)
    }

    /// A level's title, never an identifier: its own, or the title or header of the column a
    /// column-group level is named after (`municipality` → «Муниципалитет»).
    static func levelTitle(_ section: LevelSection, _ program: Program) -> String {
        if let title = section.title { return title }
        for dataset in program.datasets {
            if let column = dataset.columns.first(where: { $0.name == section.name }) { return column.title ?? column.header }
        }
        return section.name
    }

    /// A title cut to Excel's 31 characters at a word, without a dangling bracket or comma.
    static func shortName(_ title: String) -> String {
        guard title.count > 31 else { return title }
        var words: [Substring] = []
        for word in title.split(separator: " ") {
            if (words + [word]).joined(separator: " ").count > 31 { break }
            words.append(word)
        }
        var name = words.joined(separator: " ")
        while let last = name.last, "(,;:-–—".contains(last) { name.removeLast() }
        if let open = name.lastIndex(of: "("), !name[open...].contains(")") { name = String(name[..<open]) }
        return name.trimmingCharacters(in: .whitespaces).isEmpty ? String(title.prefix(31)) : name.trimmingCharacters(in: .whitespaces)
    }

    /// A level's indicator: numbers as numbers; a share (shown with `%`) as a percentage.
    static func plainCell(_ value: Value, display: String) -> WorkbookCell {
        guard case .number(let x) = value else { return cell(value, type: .text) }
        return display.hasSuffix("%") ? .percent(x) : .number(x)
    }

    static func firedSheet(_ evaluation: Evaluation, summary: Summary, school: SchoolColumns, text: ReportText) -> WorkbookSheet {
        let program = evaluation.program
        let formatter = ValueFormatter(language: text.language)
        let header: [WorkbookCell] = school.headers + [.header(text.pick("Правило", "Rule")), .header(text.pick("Уровень", "Severity")),
                                                       .header(text.pick("Рекомендация", "Recommendation"))]
        let outcomes = program.rules.indices.map { evaluation.outcomes(ofRule: $0) }
        // (entity, rule) of each fired rule, school by school in the rule set's order.
        var fired: [(entity: Int32, rule: Int32)] = []
        for entity in 0..<evaluation.entities.count where summary.included[entity] {
            for rule in program.rules.indices where outcomes[rule][entity] == RuleOutcome.fired.rawValue {
                fired.append((Int32(entity), Int32(rule)))
            }
        }
        let titles = program.rules.map { WorkbookCell.text($0.title ?? $0.name) }
        let severities = program.rules.map { WorkbookCell.text($0.severity.name(text.language)) }
        var sheet = WorkbookSheet(name: text.pick("Сработавшие правила", "Fired rules"), rowCount: fired.count + 1, frozenRows: 1) { index, row in
            guard index > 0 else { row = header; return }
            let (entity, ruleIndex) = (Int(fired[index - 1].entity), Int(fired[index - 1].rule))
            school.append(entity, to: &row)
            row.append(titles[ruleIndex])
            row.append(severities[ruleIndex])
            let recommendation = recommendation(entity, ruleIndex)
            row.append(recommendation.isEmpty ? .empty : .text(recommendation))
        }
        // The same cells, written without making them (the header is among the sampled rows).
        let titleTexts = program.rules.map { $0.title ?? $0.name }
        let severityTexts = program.rules.map { $0.severity.name(text.language) }
        let first = school.headers.count
        sheet.write = { index, xml in
            let (entity, ruleIndex) = (Int(fired[index - 1].entity), Int(fired[index - 1].rule))
            school.write(entity, into: &xml)
            xml.codedText(ruleIndex, of: titleTexts, column: first)
            xml.codedText(ruleIndex, of: severityTexts, column: first + 1)
            let recommendation = recommendation(entity, ruleIndex)
            if !recommendation.isEmpty { xml.put(.text(recommendation), column: first + 2) }
        }
        return sheet
        /// The rule's recommendations for the school, filled in, one a line ("" without any).
        func recommendation(_ entity: Int, _ ruleIndex: Int) -> String {
            let rule = program.rules[ruleIndex]
            if rule.recommendations.isEmpty { return "" }
            return rule.recommendations.map { evaluation.fill($0, entity: entity, formatter: formatter) }.joined(separator: "\n")
        }
    }

    static func indicatorSheet(_ evaluation: Evaluation, summary: Summary, school: SchoolColumns, text: ReportText) -> WorkbookSheet {
        let program = evaluation.program
        // Read entity after entity without retaining each column's storage at each value.
        let readers = program.indicators.indices.map { ColumnCells(evaluation.indicatorColumn($0), type: program.indicators[$0].value.type) }
            + program.bands.indices.map { ColumnCells(evaluation.bandsColumn($0), type: .text) }
        let statuses = summary.statuses
        let statusCases = EntityStatus.allCases
        let header: [WorkbookCell] = school.headers + [.header(text.pick("Итог", "Status"))]
            + program.indicators.map { .header($0.title ?? $0.name) } + program.bands.map { .header($0.title ?? $0.name) }
        let statusCells = EntityStatus.allCases.map { WorkbookCell.text(statusName($0, text)) }
        // `--period`: the rows of the chosen periods only.
        let rows: [Int32]? = summary.periods == nil ? nil : summary.included.indices.filter { summary.included[$0] }.map(Int32.init)
        var sheet = WorkbookSheet(name: text.pick("Показатели", "Indicators"), rowCount: (rows?.count ?? evaluation.entities.count) + 1,
                                  frozenRows: 1) { index, row in
            guard index > 0 else { row = header; return }
            let entity = rows.map { Int($0[index - 1]) } ?? index - 1
            school.append(entity, to: &row)
            row.append(statusCells[statusCases.firstIndex(of: statuses[entity]) ?? 0])
            for reader in readers { row.append(reader.cell(entity)) }
        }
        // The same cells, written without making them (the header is among the sampled rows).
        let statusTexts = EntityStatus.allCases.map { statusName($0, text) }
        let first = school.headers.count
        sheet.write = { index, xml in
            let entity = rows.map { Int($0[index - 1]) } ?? index - 1
            school.write(entity, into: &xml)
            xml.codedText(statusCases.firstIndex(of: statuses[entity]) ?? 0, of: statusTexts, column: first)
            for (offset, reader) in readers.enumerated() { reader.write(entity, column: first + 1 + offset, into: &xml) }
        }
        return sheet
    }

    static func parameterSheet(_ evaluation: Evaluation, text: ReportText) -> WorkbookSheet {
        let program = evaluation.program
        var rows: [[WorkbookCell]] = [[.header(text.pick("Параметр", "Parameter")), .header(text.pick("Описание", "Description")),
                                       .header(text.pick("Значение", "Value")), .header(text.pick("Значение в наборе правил", "Value in the rule set"))]]
        for index in program.readParameters {
            let param = program.params[index]
            rows.append([.text(param.name), param.description.map(WorkbookCell.text) ?? .empty,
                         cell(evaluation.parameterValues[index], type: param.type), cell(param.value, type: param.type)])
        }
        return WorkbookSheet(name: text.pick("Параметры", "Parameters"), rows: rows, frozenRows: 1)
    }

    // MARK: Cells

    /// A value as a typed cell: shares as percentages, counts as whole numbers.
    static func cell(_ value: Value, type: ValueType) -> WorkbookCell {
        switch value {
        case .missing: return .empty
        case .text(let text): return .text(text)
        case .flag(let flag): return .flag(flag)
        case .number(let x):
            switch type {
            case .share: return .percent(x)
            case .count where x == x.rounded(): return .integer(x)
            default: return .number(x)
            }
        }
    }

    static func statusName(_ status: EntityStatus, _ text: ReportText) -> String {
        switch status {
        case .flagged: text.pick("отмечена", "flagged")
        case .clean: text.pick("без замечаний", "clean")
        case .insufficient: text.pick("недостаточно данных", "insufficient data")
        case .notApplicable: text.notApplicableWord
        }
    }
}

/// The columns that name a school in every row: its key, its label, its group and its period,
/// headed as the data file heads them.
struct SchoolColumns {
    let evaluation: Evaluation
    let groupBy: ColumnRef?
    let headers: [WorkbookCell]
    private let hasLabel: Bool
    /// The label's and the group's columns, looked up once.
    private let labelColumns: [ColumnCells]
    /// The label's column when there is one only.
    private let singleLabel: ColumnCells?
    private let groupColumn: ColumnCells?
    /// The entities' keys and periods, taken once (`evaluation.entities` is a copy at each use).
    private let keyIndex: [Int32]
    private let periods: [Int]?
    /// The keys when each is its own display key (no composite key's separator), so that a
    /// row takes its key without looking for one; nil otherwise.
    private let plainKeys: [String]?

    init(evaluation: Evaluation, groupBy: ColumnRef?) {
        self.evaluation = evaluation
        self.groupBy = groupBy
        let program = evaluation.program
        let main = program.datasets[0]
        func heading(_ column: DatasetColumn) -> WorkbookCell { .header(column.title ?? column.header) }
        var headers: [WorkbookCell] = [heading(main.columns[main.keyColumn])]
        let label = program.datasets.first { $0.labelColumn != nil }
        hasLabel = label != nil
        // As `Evaluation.label`: the first text among the labels of the main level's datasets.
        labelColumns = program.datasets.enumerated().compactMap { index, dataset in
            guard dataset.space == 0, let label = dataset.labelColumn else { return nil }
            return ColumnCells(evaluation.evaluator.column(ColumnRef(dataset: index, column: label)), type: .text)
        }
        singleLabel = labelColumns.count == 1 ? labelColumns[0] : nil
        groupColumn = groupBy.map { ColumnCells(evaluation.evaluator.column($0), type: .text) }
        keyIndex = evaluation.entities.keyIndex
        periods = evaluation.entities.periods
        let keys = evaluation.entities.keys
        plainKeys = keys.allSatisfy { !$0.utf8.contains(0x1F) } ? keys : nil
        if let label { headers.append(heading(label.columns[label.labelColumn!])) }
        if let groupBy { headers.append(heading(program.datasets[groupBy.dataset].columns[groupBy.column])) }
        if evaluation.entities.periods != nil, let period = program.datasets.first(where: { $0.periodColumn != nil }) {
            headers.append(heading(period.columns[period.periodColumn!]))
        }
        self.headers = headers
    }

    func cells(_ entity: Int) -> [WorkbookCell] {
        var cells: [WorkbookCell] = []
        append(entity, to: &cells)
        return cells
    }

    /// Writes the cells naming `entity` into the row being written, in the first columns: the
    /// same bytes as `append`'s cells.
    func write(_ entity: Int, into xml: inout SheetXML) {
        if let plainKeys {
            xml.codedText(Int(keyIndex[entity]), of: plainKeys, column: 0)
        } else {
            xml.put(.text(evaluation.entities.displayKey(entity)), column: 0)
        }
        var column = 1
        // Optional chaining reads the columns in place: binding them would copy (and retain)
        // their arrays at every row.
        if hasLabel {
            if singleLabel != nil {
                singleLabel?.writeText(entity, column: column, into: &xml)
            } else if let text = labelColumns.lazy.compactMap({ $0.text(entity) }).first {
                xml.put(.text(text), column: column)
            }
            column += 1
        }
        if groupColumn != nil {
            groupColumn?.write(entity, column: column, into: &xml)
            column += 1
        }
        if let periods { xml.put(.integer(Double(periods[entity])), column: column) }
    }

    /// Appends the cells naming `entity` to a row.
    func append(_ entity: Int, to cells: inout [WorkbookCell]) {
        if let plainKeys {
            cells.append(.text(plainKeys[Int(keyIndex[entity])]))
        } else {
            cells.append(.text(evaluation.entities.displayKey(entity)))
        }
        if hasLabel {
            var label = WorkbookCell.empty
            for column in labelColumns {
                if let text = column.text(entity) { label = .text(text); break }
            }
            cells.append(label)
        }
        if let groupColumn { cells.append(groupColumn.cell(entity)) }
        if let periods { cells.append(.integer(Double(periods[entity]))) }
    }
}

/// A column's values as cells (`XLSXReport.cell`), read entity after entity: the column's arrays
/// taken apart once into stored properties, rather than `Column.value(at:)`, which takes the
/// column's enum apart (and so retains and releases its arrays) at every value.
struct ColumnCells {
    private enum Kind { case numbers, flags, texts, constant }
    private let kind: Kind
    private let type: ValueType
    private var numbers: [Double] = []
    private var flags: [UInt8] = []
    private var codes: [Int32] = []
    private var dictionary: [String] = []
    private var constant = Value.missing

    init(_ column: Column, type: ValueType) {
        self.type = type
        switch column {
        case .numbers(let values):
            kind = .numbers
            numbers = values
        case .flags(let values):
            kind = .flags
            flags = values
        case .texts(let values, let words):
            kind = .texts
            codes = values
            dictionary = words
        case .constant(let value):
            kind = .constant
            constant = value
        }
    }

    /// The cell of an entity's value, as `XLSXReport.cell(column.value(at: entity), type: type)`.
    @inline(__always)
    func cell(_ entity: Int) -> WorkbookCell {
        switch kind {
        case .numbers:
            let x = numbers[entity]
            return x.isNaN ? .empty : XLSXReport.cell(.number(x), type: type)
        case .flags:
            switch flags[entity] {
            case Truth.yes.rawValue: return .flag(true)
            case Truth.no.rawValue: return .flag(false)
            default: return .empty
            }
        case .texts:
            let code = codes[entity]
            return code < 0 ? .empty : .text(dictionary[Int(code)])
        case .constant:
            return XLSXReport.cell(constant, type: type)
        }
    }

    /// Writes the entity's cell (`cell(entity)`) at `column` of the row being written.
    @inline(__always)
    func write(_ entity: Int, column: Int, into xml: inout SheetXML) {
        switch kind {
        case .numbers:
            let x = numbers[entity]
            if !x.isNaN { xml.put(XLSXReport.cell(.number(x), type: type), column: column) }
        case .texts:
            let code = codes[entity]
            if code >= 0 { xml.codedText(Int(code), of: dictionary, column: column) }
        case .flags, .constant:
            xml.put(cell(entity), column: column)
        }
    }

    /// Writes the entity's text (`text(entity)`), when it has one, at `column` of the row
    /// being written.
    @inline(__always)
    func writeText(_ entity: Int, column: Int, into xml: inout SheetXML) {
        switch kind {
        case .texts:
            let code = codes[entity]
            if code >= 0 { xml.codedText(Int(code), of: dictionary, column: column) }
        default:
            if let text = text(entity) { xml.put(.text(text), column: column) }
        }
    }

    /// The entity's value when it is a text.
    @inline(__always)
    func text(_ entity: Int) -> String? {
        switch kind {
        case .texts:
            let code = codes[entity]
            return code < 0 ? nil : dictionary[Int(code)]
        case .constant:
            if case .text(let text) = constant { return text }
            return nil
        default: return nil
        }
    }
}
