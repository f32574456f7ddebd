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
        let periods = evaluation.entities.periods ?? []
        let manyPeriods = summary.periods.map { $0.count > 1 } ?? periods.contains { $0 != periods[0] }
        rows.append([.text(text.entitiesRow(withPeriods: manyPeriods)), .integer(Double(summary.entities))])
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
        let fired = firedRules(evaluation, included: summary.included)
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
        // Written on several threads at once (XLSXWriter.writtenRows): nothing here copies a
        // rule (its retains and releases, from two threads, would contend).
        let titleTexts = program.rules.map { $0.title ?? $0.name }
        let severityTexts = program.rules.map { $0.severity.name(text.language) }
        let recommends = program.rules.map { !$0.recommendations.isEmpty }
        // The columns the recommendations read, evaluated now: rows are written on several
        // threads, which must find them made (the evaluator makes a column at its first use).
        for rule in program.rules {
            for template in rule.recommendations { _ = evaluation.fill(template, entities: [], formatter: formatter) }
        }
        let first = school.headers.count
        sheet.write = { index, xml in
            let (entity, ruleIndex) = (Int(fired[index - 1].entity), Int(fired[index - 1].rule))
            school.write(entity, into: &xml)
            xml.codedText(ruleIndex, of: titleTexts, column: first)
            xml.codedText(ruleIndex, of: severityTexts, column: first + 1)
            guard recommends[ruleIndex] else { return }
            let recommendation = recommendation(entity, ruleIndex)
            if !recommendation.isEmpty { xml.put(.text(recommendation), column: first + 2) }
        }
        // Every text coded unless a rule has recommendations (filled in for each school).
        sheet.codedTexts = recommends.contains(true) ? nil
            : CodedTextColumn.all([school.codedTexts, [CodedTextColumn(column: first, dictionary: titleTexts),
                                                       CodedTextColumn(column: first + 1, dictionary: severityTexts)]])
        return sheet
        /// The rule's recommendations for the school, filled in, one a line ("" without any).
        func recommendation(_ entity: Int, _ ruleIndex: Int) -> String {
            let rule = program.rules[ruleIndex]
            if rule.recommendations.isEmpty { return "" }
            return rule.recommendations.map { evaluation.fill($0, entity: entity, formatter: formatter) }.joined(separator: "\n")
        }
    }

    /// (entity, rule) of each fired rule of the `included` entities, school by school in the
    /// rule set's order: counted per entity, then placed, both on every core.
    static func firedRules(_ evaluation: Evaluation, included: [Bool]) -> [(entity: Int32, rule: Int32)] {
        let outcomes = evaluation.program.rules.indices.map { evaluation.outcomes(ofRule: $0) }
        let keeper = ColumnKeeper()
        return withExtendedLifetime(keeper) {
            // Read through pointers: a nested array read at each entity would retain it.
            let rules = outcomes.map { keeper.keep($0) }
            let isIncluded = keeper.keep(included)
            let fired = RuleOutcome.fired.rawValue
            let counts = RowParts.filled(count: included.count) { (range: Range<Int>, counts: UnsafeMutablePointer<Int32>) in
                for entity in range {
                    var count: Int32 = 0
                    if isIncluded[entity] { for rule in rules where rule[entity] == fired { count += 1 } }
                    (counts + entity).initialize(to: count)
                }
            }
            var starts = [Int](repeating: 0, count: included.count + 1)
            for entity in counts.indices { starts[entity + 1] = starts[entity] + Int(counts[entity]) }
            let total = starts[included.count]
            return [(entity: Int32, rule: Int32)](unsafeUninitializedCapacity: total) { buffer, initialized in
                if let base = buffer.baseAddress {
                    RowParts.forEach(count: included.count) { range in
                        for entity in range where counts[entity] > 0 {
                            var at = starts[entity]
                            for rule in rules.indices where rules[rule][entity] == fired {
                                (base + at).initialize(to: (Int32(entity), Int32(rule)))
                                at += 1
                            }
                        }
                    }
                }
                initialized = total
            }
        }
    }

    static func indicatorSheet(_ evaluation: Evaluation, summary: Summary, school: SchoolColumns, text: ReportText) -> WorkbookSheet {
        let program = evaluation.program
        // Read entity after entity without retaining each column's storage at each value.
        let keeper = ColumnKeeper()
        let readers = program.indicators.indices.map { ColumnCells(evaluation.indicatorColumn($0), type: program.indicators[$0].value.type, keeper: keeper) }
            + program.bands.indices.map { ColumnCells(evaluation.bandsColumn($0), type: .text, keeper: keeper) }
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
            withExtendedLifetime(keeper) {
                for reader in readers { row.append(reader.cell(entity)) }
            }
        }
        // The same cells, written without making them (the header is among the sampled rows),
        // on several threads at once (XLSXWriter.writtenRows).
        let statusTexts = EntityStatus.allCases.map { statusName($0, text) }
        let statusCodes = statuses.map { Int32(statusCases.firstIndex(of: $0) ?? 0) }
        let shownEntities = rows ?? []
        let filtered = rows != nil
        let first = school.headers.count
        sheet.write = { index, xml in
            let entity = filtered ? Int(shownEntities[index - 1]) : index - 1
            school.write(entity, into: &xml)
            xml.codedText(Int(statusCodes[entity]), of: statusTexts, column: first)
            withExtendedLifetime(keeper) {
                for offset in readers.indices { readers[offset].write(entity, column: first + 1 + offset, into: &xml) }
            }
        }
        sheet.codedTexts = CodedTextColumn.all([school.codedTexts, [CodedTextColumn(column: first, dictionary: statusTexts)]]
                                               + readers.indices.map { readers[$0].codedTexts(column: first + 1 + $0) })
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
