// The checker's expression pass: resolves names, types every node, and checks indicators,
// rules and bands. A node that fails yields nil, so that one mistake is reported once.

extension Checker {
    mutating func checkIndicator(_ index: Int) {
        let decl = indicatorDecls[index]
        guard let value = typed(decl.value) else { return }
        indicators[index] = Indicator(name: decl.name.name, title: decl.title?.plainText, value: value, range: decl.name.range)
        indicatorTypes[index] = value.type
    }

    mutating func checkRule(_ index: Int) {
        let decl = ruleDecls[index]
        var condition: TypedExpr?
        var whenRange: SourceRange?
        var requirements: [Requirement] = []
        var applicability: [Requirement] = []
        var severity: Severity?
        var severityRange: SourceRange?
        var category: String?
        var source: String?
        var recommendations: [Template] = []
        var failed = false
        for clause in decl.clauses {
            switch clause {
            case .when(let expr, let range):
                if let first = whenRange {
                    report(.error("E0231", range, Messages.secondWhen, hint: Messages.secondWhenHint,
                                  notes: [.init(range: first, message: Messages.firstDeclaredHere)]))
                    continue
                }
                whenRange = range
                guard let typed = typed(expr) else { failed = true; continue }
                if requireFlag(typed, Messages.conditionMustBeYesNo) { condition = typed } else { failed = true }
            case .require(let expr, let reason, _), .applies(let expr, let reason, _):
                guard let typed = typed(expr) else { failed = true; continue }
                guard requireFlag(typed, Messages.conditionMustBeYesNo) else { failed = true; continue }
                let template = reason.flatMap { self.template($0) }
                if case .applies = clause {
                    applicability.append(Requirement(condition: typed, reason: template))
                } else {
                    requirements.append(Requirement(condition: typed, reason: template))
                }
            case .severity(let word, let range):
                if let first = severityRange {
                    report(.error("E0235", range, Messages.secondSeverity,
                                  notes: [.init(range: first, message: Messages.firstDeclaredHere)]))
                    continue
                }
                severityRange = range
                guard let level = Severity.named(word.name) else {
                    let names = Severity.allCases.flatMap { [$0.english, $0.russian] }
                    report(.error("E0233", word.range, Messages.unknownSeverity(word.name),
                                  hint: Suggestions.closest(to: word.name, among: names).map(Messages.didYouMean) ?? Messages.severitiesHint))
                    failed = true
                    continue
                }
                severity = level
            case .category(let text, _): category = text.plainText
            case .source(let text, _): source = text.plainText
            case .recommend(let text, _):
                if let template = template(text) { recommendations.append(template) } else { failed = true }
            }
        }
        // A clause lost to a syntax error inside the rule is not reported again as missing.
        let hadSyntaxError = loaded.diagnostics.contains { $0.severity == .error && $0.range.file == decl.range.file
            && $0.range.start >= decl.range.start && $0.range.start <= decl.range.end }
        if whenRange == nil && !hadSyntaxError {
            report(.error("E0230", decl.name.range, Messages.ruleWithoutWhen(decl.name.name), hint: Messages.ruleWithoutWhenHint))
            failed = true
        }
        if severityRange == nil && !hadSyntaxError {
            report(.error("E0232", decl.name.range, Messages.ruleWithoutSeverity(decl.name.name), hint: Messages.severitiesHint))
            failed = true
        }
        guard !failed, let condition, let severity else { return }
        if let folded = Folder(params: params).fold(condition), folded != .flag(true) {
            report(.warning("W0404", condition.range, Messages.neverFires(decl.name.name), hint: Messages.neverFiresHint))
        }
        rules[index] = Rule(name: decl.name.name, title: decl.title?.plainText, condition: condition, applicability: applicability, requirements: requirements,
                            severity: severity, category: category, source: source, recommendations: recommendations,
                            range: decl.name.range)
    }

    mutating func checkBands(_ index: Int) {
        let decl = bandsDecls[index]
        guard let subject = typed(decl.subject) else { return }
        guard subject.type.isNumeric else {
            report(.error("E0220", subject.range, Messages.bandsNeedNumber, hint: nil))
            return
        }
        var rows: [Band] = []
        var failed = false
        let folder = Folder(params: params)
        for row in decl.rows {
            var bounds: [Constant?] = []
            for bound in [row.from, row.to] {
                guard let bound else { bounds.append(nil); continue }
                guard let typedBound = typed(bound) else { failed = true; bounds.append(nil); continue }
                guard case .number(let value)? = folder.fold(typedBound) else {
                    report(.error("E0221", bound.range, Messages.bandBoundNotConstant, hint: Messages.bandBoundNotConstantHint))
                    failed = true
                    bounds.append(nil)
                    continue
                }
                lintShare(subject, against: typedBound)
                bounds.append(constant(typedBound, value: value))
            }
            let declared = params.map(\.value)
            if let low = bounds[0]?.value(declared), let high = bounds[1]?.value(declared), low >= high {
                report(.error("E0222", row.range, Messages.bandNeverMatches, hint: Messages.bandNeverMatchesHint))
                failed = true
            }
            let recommendation = row.recommendation.flatMap { template($0) }
            rows.append(Band(from: bounds[0], to: bounds[1], level: row.level.plainText, recommendation: recommendation, range: row.range))
        }
        guard !failed else { return }
        checkBandCoverage(rows, parameters: params.map(\.value))
        bands[index] = Bands(name: decl.name.name, title: decl.title?.plainText, subject: subject, bands: rows, range: decl.name.range)
    }

    /// Reports overlapping bands (an error: a value would have two levels) and gaps (a warning:
    /// a value there has no level and counts as missing), at the parameters' declared values.
    mutating func checkBandCoverage(_ rows: [Band], parameters: [Value]) {
        func start(_ band: Band) -> Double { band.from?.value(parameters) ?? -.infinity }
        func end(_ band: Band) -> Double { band.to?.value(parameters) ?? .infinity }
        let sorted = rows.sorted { start($0) < start($1) }
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            let previousEnd = end(previous)
            let nextStart = start(next)
            if nextStart < previousEnd {
                report(.error("E0223", next.range, Messages.bandsOverlap, hint: Messages.bandsOverlapHint,
                              notes: [.init(range: previous.range, message: Messages.otherBand)]))
            } else if nextStart > previousEnd {
                report(.warning("W0406", next.range, Messages.bandsGap, hint: Messages.bandsGapHint,
                                notes: [.init(range: previous.range, message: Messages.otherBand)]))
            }
        }
    }

    /// A recommendation or reason text with its `{…}` pieces typed.
    mutating func template(_ literal: StringLiteral) -> Template? {
        var pieces: [Template.Piece] = []
        for piece in literal.pieces {
            switch piece {
            case .text(let text): pieces.append(.text(text))
            case .expression(let expr):
                guard let typed = typed(expr) else { return nil }
                pieces.append(.value(typed))
            }
        }
        return Template(pieces: pieces, range: literal.range)
    }

    /// Reports when a yes/no value is needed and the expression is not one.
    mutating func requireFlag(_ expr: TypedExpr, _ what: Message) -> Bool {
        if expr.type == .flag || expr.type == .any { return true }
        report(.error("E0234", expr.range, what, hint: Messages.conditionHint(expr.type)))
        return false
    }

    // MARK: Names

    /// Resolves a plain name to a typed expression.
    mutating func resolve(_ identifier: Identifier) -> TypedExpr? {
        usedNames.insert(identifier.name)
        switch symbols[identifier.name] {
        case .column(let ref):
            usedColumns.insert(ref)
            let column = datasets[ref.dataset].columns[ref.column]
            return place(TypedExpr(.column(ref), ValueType(column.type), identifier.range), home: columnSpace(ref),
                         name: identifier.name, column: ref)
        case .ambiguousColumn(let refs):
            if let ref = preferredColumn(refs) {
                usedColumns.insert(ref)
                let column = datasets[ref.dataset].columns[ref.column]
                return place(TypedExpr(.column(ref), ValueType(column.type), identifier.range), home: columnSpace(ref),
                             name: identifier.name, column: ref)
            }
            usedColumns.formUnion(refs)
            let choices = refs.map { "\(datasets[$0.dataset].name).\(identifier.name)" }
            report(.error("E0211", identifier.range, Messages.ambiguousColumn(identifier.name, choices), hint: Messages.ambiguousColumnHint(choices[0])))
            return nil
        case .param(let index):
            return TypedExpr(.param(index), params[index].type, identifier.range)
        case .indicator(let index):
            guard let type = indicatorTypes[index] else { return nil }
            return place(TypedExpr(.indicator(index), type, identifier.range), home: nodeSpaces[.indicator(index)] ?? 0, name: identifier.name)
        case .rule(let index):
            return place(TypedExpr(.rule(index), .flag, identifier.range), home: nodeSpaces[.rule(index)] ?? 0, name: identifier.name)
        case .bands(let index):
            guard bands[index] != nil else { return nil }
            return place(TypedExpr(.bands(index), .text, identifier.range), home: nodeSpaces[.bands(index)] ?? 0, name: identifier.name)
        case nil:
            if families[identifier.name] != nil {
                report(.error("E0283", identifier.range, Messages.familyOutsideEach(identifier.name), hint: Messages.familyOutsideEachHint(identifier.name)))
                return nil
            }
            if BuiltinFunction.named(identifier.name) != nil {
                report(.error("E0200", identifier.range, Messages.functionWithoutCall(identifier.name), hint: Messages.functionWithoutCallHint(identifier.name)))
                return nil
            }
            var candidates = Array(symbols.keys)
            candidates += datasets.map(\.name)
            let hint = Suggestions.closest(to: identifier.name, among: candidates).map(Messages.didYouMean)
            report(.error("E0200", identifier.range, Messages.unknownName(identifier.name), hint: hint ?? Messages.unknownNameHint))
            return nil
        }
    }

    mutating func resolveQualified(_ table: Identifier, _ column: Identifier, range: SourceRange) -> TypedExpr? {
        guard let datasetNumber = datasetIndex[table.name] else {
            let hint = Suggestions.closest(to: table.name, among: datasets.map(\.name)).map(Messages.didYouMean)
            report(.error("E0200", table.range, Messages.unknownDataset(table.name), hint: hint))
            return nil
        }
        let dataset = datasets[datasetNumber]
        guard let index = dataset.columns.firstIndex(where: { $0.name == column.name }) else {
            let hint = Suggestions.closest(to: column.name, among: dataset.columns.map(\.name)).map(Messages.didYouMean)
            report(.error("E0200", column.range, Messages.unknownColumnIn(column.name, dataset: table.name), hint: hint))
            return nil
        }
        usedNames.insert(column.name)
        let ref = ColumnRef(dataset: datasetNumber, column: index)
        usedColumns.insert(ref)
        return place(TypedExpr(.column(ref), ValueType(dataset.columns[index].type), range), home: columnSpace(ref),
                     name: table.name + "." + column.name, column: ref)
    }

    /// What to group by: `by municipality, year` (columns), or an indicator or bands.
    mutating func groupKey(_ identifier: Identifier) -> TypedExpr? {
        let parts = identifier.name.split(separator: ".").map(String.init)
        // The key or the period, declared in several datasets, is one value per entity: any of
        // them will do (the evaluator groups by the entity's own key or period).
        if parts.count == 1, case .ambiguousColumn(let refs)? = symbols[identifier.name],
           let role = Optional(datasets[refs[0].dataset].columns[refs[0].column].role), role == .key || role == .period,
           refs.allSatisfy({ datasets[$0.dataset].columns[$0.column].role == role }) {
            usedNames.insert(identifier.name)
            usedColumns.formUnion(refs)
            let ref = refs.first { columnSpace($0) == space } ?? refs[0]
            return TypedExpr(.column(ref), ValueType(datasets[ref.dataset].columns[ref.column].type), identifier.range)
        }
        let resolved: TypedExpr? = parts.count == 2
            ? resolveQualified(Identifier(parts[0], identifier.range), Identifier(parts[1], identifier.range), range: identifier.range)
            : resolve(identifier)
        guard let resolved else { return nil }
        switch resolved.kind {
        case .column, .indicator, .bands, .gather: return resolved
        default:
            report(.error("E0209", identifier.range, Messages.groupNotColumn(identifier.name), hint: Messages.groupNotColumnHint))
            return nil
        }
    }
}
