// The checker's pass over `test` blocks: inline tables typed to their datasets, parameter
// overrides, and expectations resolved to rules, indicators and bands.

extension Checker {
    mutating func checkTests() -> [TestCase] {
        var tests: [TestCase] = []
        for (decl, file) in testDecls {
            let language = loaded.trees.first { $0.file == file }?.keywordLanguage ?? .ru
            if let test = checkTest(decl, language: language) { tests.append(test) }
        }
        return tests
    }

    mutating func checkTest(_ decl: TestDecl, language: Language) -> TestCase? {
        var failed = false
        var given: [GivenTable] = []
        for table in decl.given {
            if let checked = givenTable(table) { given.append(checked) } else { failed = true }
        }
        if decl.given.isEmpty {
            report(.error("E0250", decl.name.range, Messages.testWithoutData, hint: Messages.testClauseHint))
            failed = true
        }
        var overrides: [ParamOverride] = []
        for param in decl.params {
            guard case .param(let index)? = symbols[param.name.name] else {
                let hint = Suggestions.closest(to: param.name.name, among: self.params.map(\.name)).map(Messages.didYouMean)
                report(.error("E0253", param.name.range, Messages.testUnknownParam(param.name.name), hint: hint))
                failed = true
                continue
            }
            usedNames.insert(param.name.name)
            guard let (value, type) = constantValue(param.value), type.unified(with: params[index].type) != nil else {
                report(.error("E0252", param.value.range, Messages.testBadValue(Messages.typeName(params[index].type)), hint: nil))
                failed = true
                continue
            }
            overrides.append(ParamOverride(param: index, value: value))
        }
        var expectations: [Expectation] = []
        for table in decl.expectations {
            guard let checked = expectationTable(table) else { failed = true; continue }
            expectations += checked
        }
        if decl.expectations.isEmpty {
            report(.error("E0254", decl.name.range, Messages.testWithoutExpectations, hint: Messages.testClauseHint))
            failed = true
        }
        guard !failed else { return nil }
        return TestCase(name: decl.name.plainText, language: language, given: given, params: overrides, expectations: expectations, range: decl.name.range)
    }

    /// The dataset a test table fills: named, or the only one there is.
    mutating func testDataset(_ name: Identifier?, at range: SourceRange) -> Int? {
        if let name {
            if let index = datasetIndex[name.name] { return index }
            let hint = Suggestions.closest(to: name.name, among: datasets.map(\.name)).map(Messages.didYouMean)
            report(.error("E0200", name.range, Messages.unknownDataset(name.name), hint: hint))
            return nil
        }
        if datasets.count == 1 { return 0 }
        report(.error("E0255", range, Messages.testNeedsDatasetName, hint: Messages.testNeedsDatasetNameHint(datasets.map(\.name))))
        return nil
    }

    mutating func givenTable(_ table: InlineTable) -> GivenTable? {
        guard let datasetNumber = testDataset(table.dataset, at: table.range) else { return nil }
        let dataset = datasets[datasetNumber]
        var sources: [Int?] = Array(repeating: nil, count: dataset.columns.count)
        var failed = false
        for (position, name) in table.header.enumerated() {
            guard let index = dataset.columns.firstIndex(where: { $0.name == name.name }) else {
                let hint = Suggestions.closest(to: name.name, among: dataset.columns.map(\.name)).map(Messages.didYouMean)
                report(.error("E0200", name.range, Messages.unknownColumnIn(name.name, dataset: dataset.name), hint: hint))
                failed = true
                continue
            }
            sources[index] = position
        }
        if !dataset.isRowTable, sources[dataset.keyColumn] == nil {
            report(.error("E0251", table.range, Messages.testTableWithoutKey(dataset.columns[dataset.keyColumn].name), hint: nil))
            failed = true
        }
        var rows: [[Value]] = []
        for cells in table.rows {
            if cells.count != table.header.count {
                report(.error("E0256", cells.first.flatMap { first in cells.last.map { first.range.union($0.range) } } ?? table.range,
                              Messages.testRowWidth(expected: table.header.count, found: cells.count), hint: nil))
                failed = true
                continue
            }
            var row: [Value] = []
            for (index, column) in dataset.columns.enumerated() {
                guard let position = sources[index] else { row.append(.missing); continue }
                let cell = cells[position]
                guard let value = cellValue(cell, as: column.type) else {
                    report(.error("E0252", cell.range, Messages.testBadValue(Messages.typeName(ValueType(column.type))), hint: nil))
                    failed = true
                    row.append(.missing)
                    continue
                }
                row.append(value)
            }
            rows.append(row)
        }
        return failed ? nil : GivenTable(dataset: datasetNumber, rows: rows, range: table.range)
    }

    /// A literal cell as a value of the column's type: a number (a percentage for shares),
    /// a text in quotes (a key may be a bare number), true/false, or `missing`.
    func cellValue(_ cell: Expr, as type: ColumnType) -> Value? {
        if case .missing = cell.kind { return .missing }
        guard let (value, valueType) = constantValue(cell) else { return nil }
        switch (type, value) {
        case (.text, .text(let text)): return .text(TextNormalization.nfc(text))
        case (.text, .number(let number)): return .text(Messages.formatPlain(number))
        case (.flag, .flag): return value
        case (.number, .number), (.count, .number): return valueType == .share ? nil : value
        case (.share, .number), (.percent, .number): return value
        case (.date, .text(let text)): return CalendarDates.parse(text, excelNumbers: false).map { .number($0) }
        default: return nil
        }
    }

    mutating func expectationTable(_ table: InlineTable) -> [Expectation]? {
        guard let first = table.header.first else { return nil }
        // The key column and (optionally) the period column come first, by their names in any dataset.
        let keyNames = Set(datasets.filter { !$0.isRowTable }.map { $0.columns[$0.keyColumn].name } + groupKeyNames)
        let periodNames = Set(datasets.compactMap { d in d.periodColumn.map { d.columns[$0].name } })
        guard keyNames.contains(first.name) else {
            report(.error("E0251", first.range, Messages.testTableWithoutKey(keyNames.sorted().joined(separator: ", ")), hint: Messages.expectHeaderHint))
            return nil
        }
        let hasPeriod = table.header.count > 1 && periodNames.contains(table.header[1].name)
        let subjects = Array(table.header.dropFirst(hasPeriod ? 2 : 1))
        var expectations: [Expectation] = []
        var failed = false
        for cells in table.rows {
            guard cells.count == table.header.count else {
                report(.error("E0256", cells.first.flatMap { first in cells.last.map { first.range.union($0.range) } } ?? table.range,
                              Messages.testRowWidth(expected: table.header.count, found: cells.count), hint: nil))
                failed = true
                continue
            }
            guard case .text(let key)? = cellValue(cells[0], as: .text) else {
                report(.error("E0252", cells[0].range, Messages.testBadValue(Messages.typeName(.text)), hint: nil))
                failed = true
                continue
            }
            var period: Int?
            if hasPeriod {
                guard case .number(let value)? = cellValue(cells[1], as: .count), value == value.rounded() else {
                    report(.error("E0252", cells[1].range, Messages.testBadValue(Messages.typeName(.count)), hint: nil))
                    failed = true
                    continue
                }
                period = Int(value)
            }
            for (offset, subject) in subjects.enumerated() {
                let cell = cells[offset + (hasPeriod ? 2 : 1)]
                if case .missing = cell.kind, cell.range.end - cell.range.start <= 1 { continue } // an empty cell: no expectation
                guard let check = expectationCheck(subject, cell) else { failed = true; continue }
                var expectation = Expectation(key: key, period: period, check: check, range: cell.range)
                expectation.space = expectationSpace(check)
                expectations.append(expectation)
            }
        }
        return failed ? nil : expectations
    }

    /// What one cell of an expectation table expects of one rule, indicator or bands.
    mutating func expectationCheck(_ subject: Identifier, _ cell: Expr) -> Expectation.Check? {
        usedNames.insert(subject.name)
        switch symbols[subject.name] {
        case .rule(let index):
            if case .name(let word) = cell.kind, let outcome = Expectation.Outcome.named(word.name) {
                return .rule(index, outcome, recommendationContains: nil)
            }
            if case .string(let literal) = cell.kind {
                return .rule(index, .fires, recommendationContains: literal.plainText)
            }
            report(.error("E0257", cell.range, Messages.expectedOutcome, hint: Messages.expectedOutcomeHint))
            return nil
        case .indicator(let index):
            var tolerance = 1e-9
            var valueExpr = cell
            if case .approximately(let value, let toleranceExpr) = cell.kind {
                guard case (.number(let t), _)? = constantValue(toleranceExpr) else {
                    report(.error("E0252", toleranceExpr.range, Messages.testBadValue(Messages.typeName(.number)), hint: nil))
                    return nil
                }
                tolerance = t
                valueExpr = value
            }
            if case .missing = valueExpr.kind { return .indicator(index, .missing, tolerance: tolerance) }
            guard let (value, _) = constantValue(valueExpr) else {
                report(.error("E0252", cell.range, Messages.testBadValue(Messages.typeName(indicatorTypes[index] ?? .number)), hint: nil))
                return nil
            }
            return .indicator(index, value, tolerance: tolerance)
        case .bands(let index):
            if case .missing = cell.kind { return .bands(index, .missing) }
            guard case (.text(let level), _)? = constantValue(cell) else {
                report(.error("E0252", cell.range, Messages.testBadValue(Messages.typeName(.text)), hint: nil))
                return nil
            }
            return .bands(index, .text(level))
        default:
            let names = ruleDecls.map(\.name.name) + indicatorDecls.map(\.name.name) + bandsDecls.map(\.name.name)
            let hint = Suggestions.closest(to: subject.name, among: names).map(Messages.didYouMean)
            report(.error("E0258", subject.range, Messages.expectUnknownSubject(subject.name), hint: hint ?? Messages.expectHeaderHint))
            return nil
        }
    }
}
