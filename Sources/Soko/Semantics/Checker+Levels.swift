// The checker's levels (Grammar.md 5.14): links between datasets become spaces and links,
// `for LEVEL` gives each declaration its space, and every name read from another space is
// wrapped in a gather (through a link, upwards) or reported; statistics over a lower level
// become roll-ups.

extension Checker {
    /// Resolves the datasets' links, classifies datasets into the main level, levels of their
    /// own and row tables, and gives every indicator, rule and bands its space.
    mutating func buildSpaces() {
        let hasLevels = !pendingLinks.isEmpty || indicatorDecls.contains { $0.level != nil }
            || ruleDecls.contains { $0.level != nil } || bandsDecls.contains { $0.level != nil }
        guard hasLevels else { return }
        spaces = [Space(kind: .main, name: "", title: nil)]
        var resolved: [(dataset: Int, member: DatasetMember, target: Int, columns: [Int])] = []
        for (datasetNumber, member) in pendingLinks {
            let dataset = datasets[datasetNumber]
            guard let targetName = member.target, let target = datasetIndex[targetName.name] else {
                let name = member.target?.name ?? ""
                let hint = Suggestions.closest(to: name, among: datasets.map(\.name)).map(Messages.didYouMean)
                report(.error("E0260", member.target?.range ?? member.range, Messages.unknownLinkTarget(name),
                              hint: hint ?? Messages.unknownLinkTargetHint))
                continue
            }
            usedNames.insert(targetName.name)
            guard !datasets[target].isRowTable else {
                report(.error("E0261", targetName.range, Messages.linkTargetWithoutKey(targetName.name), hint: nil))
                continue
            }
            guard member.linkColumns.count == datasets[target].keyColumns.count else {
                report(.error("E0261", member.range, Messages.linkKeyMismatch(targetName.name, columns: member.linkColumns.count,
                                                                              keys: datasets[target].keyColumns.count),
                              hint: Messages.linkKeyMismatchHint))
                continue
            }
            var columns: [Int] = []
            for name in member.linkColumns {
                guard let column = dataset.columns.firstIndex(where: { $0.name == name.name }) else {
                    report(.error("E0262", name.range, Messages.unknownLinkColumn(name.name, dataset: dataset.name),
                                  hint: Messages.unknownLinkColumnHint))
                    break
                }
                usedNames.insert(name.name)
                usedColumns.insert(ColumnRef(dataset: datasetNumber, column: column))
                columns.append(column)
            }
            guard columns.count == member.linkColumns.count else { continue }
            resolved.append((datasetNumber, member, target, columns))
        }
        // A dataset is a level of its own when a keyed dataset links to it, or a row table
        // does by a link other than its first (which names the level its rows belong to).
        var levels = Set<Int>()
        var parentSeen = Set<Int>()
        for link in resolved {
            if datasets[link.dataset].isRowTable && parentSeen.insert(link.dataset).inserted { continue }
            levels.insert(link.target)
        }
        for index in datasets.indices where levels.contains(index) {
            datasets[index].space = spaces.count
            spaces.append(Space(kind: .dataset(index), name: datasets[index].name, title: datasets[index].title))
        }
        for index in datasets.indices where datasets[index].isRowTable {
            if !parentSeen.contains(index) {
                report(.error("E0216", datasets[index].range, Messages.rowTableWithoutLink(datasets[index].name),
                              hint: Messages.rowTableWithoutLinkHint))
            }
            datasets[index].space = spaces.count
            spaces.append(Space(kind: .rows(index), name: datasets[index].name, title: datasets[index].title))
        }
        let anyPeriod = datasets.contains { $0.periodColumn != nil && !$0.isRowTable }
        for link in resolved {
            let source = datasets[link.dataset]
            let sourceHasPeriods = source.isRowTable ? source.periodColumn != nil : anyPeriod
            let target = datasets[link.target]
            if !sourceHasPeriods && (target.periodColumn != nil || (source.isRowTable && anyPeriod && spaces[target.space].kind == .main)) {
                report(.error("E0267", link.member.range, Messages.linkPeriodMismatch(source.name, target: target.name),
                              hint: Messages.linkPeriodMismatchHint))
            }
            links.append(Link(from: source.space, to: target.space,
                              columns: link.columns.map { ColumnRef(dataset: link.dataset, column: $0) },
                              declaredIn: link.dataset, target: link.target, range: link.member.range))
        }
        for (index, decl) in indicatorDecls.enumerated() { nodeSpaces[.indicator(index)] = levelSpace(decl.level) }
        for (index, decl) in ruleDecls.enumerated() { nodeSpaces[.rule(index)] = levelSpace(decl.level) }
        for (index, decl) in bandsDecls.enumerated() { nodeSpaces[.bands(index)] = levelSpace(decl.level) }
    }

    /// The space `for LEVEL` names (0 for none, and after an error).
    mutating func levelSpace(_ level: LevelName?) -> Int {
        guard let level else { return 0 }
        switch level {
        case .all(let range):
            if let existing = spaces.firstIndex(where: { $0.kind == .all }) { return existing }
            spaces.append(Space(kind: .all, name: Keyword.all.english, title: nil))
            links.append(Link(from: 0, to: spaces.count - 1, columns: [], declaredIn: nil, target: nil, range: range))
            return spaces.count - 1
        case .name(let identifier):
            if let dataset = datasetIndex[identifier.name] {
                usedNames.insert(identifier.name)
                if datasets[dataset].space == 0 {
                    report(.error("E0263", identifier.range, Messages.mainLevelNeedsNoFor(identifier.name), hint: nil))
                }
                return datasets[dataset].space
            }
            let refs: [ColumnRef] = switch symbols[identifier.name] {
            case .column(let ref): [ref]
            case .ambiguousColumn(let refs): refs
            default: []
            }
            guard let ref = refs.first(where: { datasets[$0.dataset].space == 0 }) else {
                let names = datasets.map(\.name) + datasets.filter { $0.space == 0 }.flatMap { $0.columns.map(\.name) }
                report(.error("E0263", identifier.range, Messages.unknownLevel(identifier.name),
                              hint: Suggestions.closest(to: identifier.name, among: names).map(Messages.didYouMean) ?? Messages.unknownLevelHint))
                return 0
            }
            usedNames.insert(identifier.name)
            usedColumns.insert(ref)
            if let link = links.first(where: { $0.from == 0 && $0.columns == [ref] }) { return link.to }
            if let existing = spaces.firstIndex(where: { $0.kind == .column(ref) }) { return existing }
            let column = datasets[ref.dataset].columns[ref.column]
            spaces.append(Space(kind: .column(ref), name: column.name, title: column.title))
            links.append(Link(from: 0, to: spaces.count - 1, columns: [ref], declaredIn: nil, target: nil, range: identifier.range))
            return spaces.count - 1
        }
    }

    /// The space a column lives in.
    func columnSpace(_ ref: ColumnRef) -> Int { spaces.isEmpty ? 0 : datasets[ref.dataset].space }

    /// A value that lives in space `home`, read in the current space: as it is, through one or
    /// two links upwards (a gather), or an error (a lower level read without a statistic).
    mutating func place(_ expr: TypedExpr, home: Int, name: String, column: ColumnRef? = nil) -> TypedExpr? {
        guard home != space, !spaces.isEmpty else { return expr }
        if let link = links.firstIndex(where: { $0.from == space && $0.to == home }) {
            return TypedExpr(.gather(link: link, expr), expr.type, expr.range)
        }
        for (first, step) in links.enumerated() where step.from == space {
            if let second = links.firstIndex(where: { $0.from == step.to && $0.to == home }) {
                let inner = TypedExpr(.gather(link: second, expr), expr.type, expr.range)
                return TypedExpr(.gather(link: first, inner), expr.type, expr.range)
            }
        }
        if let column, case .rows(let dataset) = spaces[home].kind {
            report(.error("E0265", expr.range, Messages.rowColumnOutsideStatistic(name, dataset: datasets[dataset].name),
                          hint: Messages.rowColumnOutsideStatisticHint(datasets[column.dataset].columns[column.column].name)))
            return nil
        }
        report(.error("E0264", expr.range, Messages.wrongSide(name, level: spaceName(home), from: spaceName(space)),
                      hint: Messages.wrongSideHint))
        return nil
    }

    func spaceName(_ index: Int) -> String {
        guard !spaces.isEmpty else { return "" }
        let space = spaces[index]
        if space.kind == .main {
            return datasets.first { $0.space == 0 && !$0.isRowTable }?.name ?? "main"
        }
        return space.name
    }

    /// Of several columns with one name, the one the current space can read: its own, or the
    /// only one reachable through a link. Nil when that does not settle it.
    func preferredColumn(_ refs: [ColumnRef]) -> ColumnRef? {
        guard !spaces.isEmpty else { return nil }
        let own = refs.filter { columnSpace($0) == space }
        if own.count == 1 { return own[0] }
        let reachable = refs.filter { ref in links.contains { $0.from == space && $0.to == columnSpace(ref) } }
        return reachable.count == 1 ? reachable[0] : nil
    }

    /// The space a statistic's subject ranges over: the deepest space among the names it reads
    /// outside nested statistics (the current space when it reads none, or when tied with it).
    func naturalSpace(of root: Expr) -> Int {
        guard !spaces.isEmpty else { return space }
        var best = space
        var stack = [root]
        func consider(_ candidate: Int) {
            if spaces[candidate].depth < spaces[best].depth { best = candidate }
        }
        while let expr = stack.popLast() {
            switch expr.kind {
            case .name(let identifier):
                switch symbols[identifier.name] {
                case .column(let ref): consider(columnSpace(ref))
                case .ambiguousColumn(let refs):
                    if !refs.contains(where: { columnSpace($0) == space }), let deepest = refs.map(columnSpace).min(by: { spaces[$0].depth < spaces[$1].depth }) {
                        consider(deepest)
                    }
                case .indicator(let index): consider(nodeSpaces[.indicator(index)] ?? 0)
                case .rule(let index): consider(nodeSpaces[.rule(index)] ?? 0)
                case .bands(let index): consider(nodeSpaces[.bands(index)] ?? 0)
                default: break
                }
            case .qualified(let table, _):
                if let dataset = datasetIndex[table.name] { consider(datasets[dataset].space) }
            case .call(let function, let arguments, _):
                // A nested statistic is evaluated in the subject's own context: skip it.
                if let builtin = BuiltinFunction.named(function.name),
                   builtin.kind(argumentCount: arguments.count, hasGroups: false) == .aggregate { continue }
                stack += arguments
            case .unary(_, let e), .parenthesized(let e): stack.append(e)
            case .binary(_, let a, let b), .approximately(let a, let b), .filtered(let a, let b): stack += [a, b]
            case .between(let e, let low, let high, _): stack += [e, low, high]
            case .inList(let e, let items, _): stack += [e] + items
            case .conditional(let c, let a, let b): stack += [c, a, b]
            case .atLeast(let n, let items): stack += [n] + items
            case .string, .number, .percent, .boolean, .missing: break
            }
        }
        return best
    }

    /// Types a statistic's subject (with its `where` filter, which masks the rows where it does
    /// not hold) in the space `subjectSpace`.
    mutating func typedSubject(_ expr: Expr, in subjectSpace: Int) -> TypedExpr? {
        let saved = space
        space = subjectSpace
        defer { space = saved }
        guard case .filtered(let inner, let condition) = expr.kind else { return typed(expr) }
        let typedInner = typed(inner)
        let typedCondition = typed(condition)
        guard let subject = typedInner, let filter = typedCondition else { return nil }
        guard requireFlag(filter, Messages.conditionMustBeYesNo) else { return nil }
        let missing = TypedExpr(.constant(.missing), .any, condition.range)
        return TypedExpr(.conditional(filter, then: subject, otherwise: missing), subject.type, expr.range)
    }

    /// A statistic whose subject lives in a lower space: a roll-up through the link by which
    /// that space's entities belong to the current one. Nil (after an error) when none does.
    mutating func rollupLink(from lower: Int, function: BuiltinFunction, hasGroups: Bool, range: SourceRange) -> Int? {
        guard lower != space else { return nil }
        guard let link = links.firstIndex(where: { $0.from == lower && $0.to == space }) else {
            report(.error("E0264", range, Messages.wrongSide(function.name(.en), level: spaceName(lower), from: spaceName(space)),
                          hint: Messages.wrongSideHint))
            return nil
        }
        if hasGroups || function == .rank {
            report(.error("E0269", range, Messages.statisticCannotRollUp(function.english), hint: Messages.statisticCannotRollUpHint))
            return nil
        }
        return link
    }
}

extension Checker {
    /// Writes each checked declaration's space into it.
    mutating func assignLevels() {
        for index in indicators.indices { indicators[index]?.level = nodeSpaces[.indicator(index)] ?? 0 }
        for index in rules.indices { rules[index]?.level = nodeSpaces[.rule(index)] ?? 0 }
        for index in bands.indices { bands[index]?.level = nodeSpaces[.bands(index)] ?? 0 }
    }
}

extension Checker {
    /// Names that may head an expectation table of a group level: the columns of column groups.
    var groupKeyNames: [String] {
        spaces.compactMap { space in
            if case .column(let ref) = space.kind { return datasets[ref.dataset].columns[ref.column].name }
            return nil
        }
    }

    /// The space an expectation's rule, indicator or bands is evaluated in.
    func expectationSpace(_ check: Expectation.Check) -> Int {
        switch check {
        case .rule(let index, _, _): nodeSpaces[.rule(index)] ?? 0
        case .indicator(let index, _, _): nodeSpaces[.indicator(index)] ?? 0
        case .bands(let index, _): nodeSpaces[.bands(index)] ?? 0
        }
    }
}
