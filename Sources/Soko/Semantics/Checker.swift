// The checker: resolves every name of a loaded rule set, gives every expression a type, finds
// cycles, and returns a `Program` the evaluator can run — or the diagnostics that say why not.
// It never edits the syntax tree; it builds the program beside it.

/// What a name stands for.
enum Symbol {
    case column(ColumnRef)
    /// A column name declared in several datasets: it must be written `dataset.column`.
    case ambiguousColumn([ColumnRef])
    case param(Int)
    case indicator(Int)
    case rule(Int)
    case bands(Int)
}

public struct CheckResult: Sendable {
    /// The program, when there were no errors (warnings allowed).
    public let program: Program?
    public let diagnostics: [Diagnostic]
    public let sources: SourceSet
}

public struct Checker {
    let loaded: LoadedRuleSet
    var diagnostics: [Diagnostic] = []

    var datasets: [Dataset] = []
    var datasetIndex: [String: Int] = [:]
    var params: [Param] = []
    var indicatorDecls: [IndicatorDecl] = []
    var ruleDecls: [RuleDecl] = []
    var bandsDecls: [BandsDecl] = []
    var testDecls: [(decl: TestDecl, file: Int)] = []
    var symbols: [String: Symbol] = [:]
    /// Where each global name was declared, for "declared twice" notes.
    var declaredAt: [String: SourceRange] = [:]
    /// Names referenced anywhere, for "never used" warnings.
    var usedNames: Set<String> = []
    /// Columns read anywhere (an expression, `по`, `для`, a link), for W0403 on columns.
    var usedColumns: Set<ColumnRef> = []
    /// Column families by name (Grammar.md 5.14): their tags, in order.
    var families: [String: ColumnFamily] = [:]

    var indicators: [Indicator?] = []
    var rules: [Rule?] = []
    var bands: [Bands?] = []
    /// Types of indicators and bands once checked (nil: not yet, or failed).
    var indicatorTypes: [ValueType?] = []
    /// The analytic note's declaration (Checker+Note.swift).
    var note: NoteInfo?
    var noteRange: SourceRange?

    // Levels (Checker+Levels.swift).
    var spaces: [Space] = []
    var links: [Link] = []
    /// `link` members waiting for every dataset to be known: the dataset and the member.
    var pendingLinks: [(dataset: Int, member: DatasetMember)] = []
    /// The space of each indicator, rule and bands (from `for`).
    var nodeSpaces: [Program.Node: Int] = [:]
    /// The space the expression being typed is evaluated in.
    var space = 0

    init(_ loaded: LoadedRuleSet) {
        self.loaded = loaded
    }

    /// Checks a loaded rule set; the diagnostics include the loader's and the parser's.
    public static func check(_ loaded: LoadedRuleSet) -> CheckResult {
        // A syntax error stops here: the checker would only repeat it in other words (a dataset
        // without a key, an unknown name), so one mistake gives one message.
        if loaded.diagnostics.hasErrors {
            return CheckResult(program: nil, diagnostics: loaded.diagnostics, sources: loaded.sources)
        }
        var checker = Checker(loaded)
        checker.diagnostics = loaded.diagnostics
        let order = checker.run()
        let tests = checker.checkTests()
        checker.warnAboutUnused()
        checker.assignLevels()
        let program: Program? = checker.diagnostics.hasErrors ? nil : Program(
            sources: loaded.sources, datasets: checker.datasets, params: checker.params,
            indicators: checker.indicators.compactMap { $0 }, rules: checker.rules.compactMap { $0 },
            bands: checker.bands.compactMap { $0 }, tests: tests,
            evaluationOrder: order, entryFiles: loaded.entryFiles,
            spaces: checker.spaces.count > 1 ? checker.spaces : [], links: checker.links, note: checker.note)
        return CheckResult(program: program, diagnostics: checker.sortedDiagnostics(), sources: loaded.sources)
    }

    mutating func run() -> [Program.Node] {
        collectDeclarations()
        buildSpaces()
        if datasets.isEmpty && !(indicatorDecls.isEmpty && ruleDecls.isEmpty) {
            let range = loaded.trees.first.map { SourceRange(file: $0.file, start: 0, end: 0) } ?? .none
            report(.error("E0240", range, Messages.noDataset, hint: Messages.noDatasetHint))
        }
        let order = dependencyOrder()
        for node in order {
            space = nodeSpaces[node] ?? 0
            defer { space = 0 }
            switch node {
            case .indicator(let index): checkIndicator(index)
            case .rule(let index): checkRule(index)
            case .bands(let index): checkBands(index)
            }
        }
        return order
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Diagnostics by file and position, duplicates removed, so that output is stable.
    func sortedDiagnostics() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }.enumerated().sorted { a, b in
            let (x, y) = (a.element.range, b.element.range)
            if x.file != y.file { return x.file < y.file }
            if x.start != y.start { return x.start < y.start }
            return a.offset < b.offset
        }.map(\.element)
    }

    // MARK: Declarations

    /// Registers a global name, reporting a duplicate.
    mutating func declare(_ name: Identifier, as symbol: Symbol) -> Bool {
        if let function = BuiltinFunction.named(name.name), !function.mayBeShadowed {
            report(.error("E0213", name.range, Messages.nameIsBuiltin(name.name), hint: Messages.renameHint))
            return false
        }
        if let first = declaredAt[name.name] {
            report(.error("E0212", name.range, Messages.duplicateName(name.name), hint: Messages.renameHint,
                          notes: [.init(range: first, message: Messages.firstDeclaredHere)]))
            return false
        }
        declaredAt[name.name] = name.range
        symbols[name.name] = symbol
        return true
    }

    mutating func collectDeclarations() {
        // Main-level declarations first, then those `for` another level: the program's arrays
        // then start with the main level's, which reports see (`Program.mainView`).
        for groupLevel in [false, true] {
            for tree in loaded.trees {
                for declaration in tree.declarations {
                    switch declaration {
                    case .importFile: break
                    case .dataset(let decl): if !groupLevel { collectDataset(decl) }
                    case .param(let decl): if !groupLevel { collectParam(decl) }
                    case .indicator(let decl):
                        if (decl.level != nil) == groupLevel, declare(decl.name, as: .indicator(indicatorDecls.count)) { indicatorDecls.append(decl) }
                    case .rule(let decl):
                        if (decl.level != nil) == groupLevel, declare(decl.name, as: .rule(ruleDecls.count)) { ruleDecls.append(decl) }
                    case .bands(let decl):
                        if (decl.level != nil) == groupLevel, declare(decl.name, as: .bands(bandsDecls.count)) { bandsDecls.append(decl) }
                    case .test(let decl):
                        if !groupLevel { testDecls.append((decl, tree.file)) }
                    case .note(let decl):
                        if !groupLevel { collectNote(decl, file: tree.file) }
                    }
                }
            }
        }
        indicators = Array(repeating: nil, count: indicatorDecls.count)
        indicatorTypes = Array(repeating: nil, count: indicatorDecls.count)
        rules = Array(repeating: nil, count: ruleDecls.count)
        bands = Array(repeating: nil, count: bandsDecls.count)
    }

    mutating func collectDataset(_ decl: DatasetDecl) {
        if let first = datasetIndex[decl.name.name].map({ datasets[$0].range }) {
            report(.error("E0212", decl.name.range, Messages.duplicateName(decl.name.name), hint: Messages.renameHint,
                          notes: [.init(range: first, message: Messages.firstDeclaredHere)]))
            return
        }
        var columns: [DatasetColumn] = []
        var seen: [String: SourceRange] = [:]
        var key: Int?
        var keys: [Int] = []
        var period: Int?
        var label: Int?
        var datasetLinks: [DatasetMember] = []
        for member in decl.members {
            if member.role == .link {
                datasetLinks.append(member)
                continue
            }
            if member.role == .family {
                expandFamily(member, dataset: decl.name.name, into: &columns, seen: &seen)
                continue
            }
            if let first = seen[member.name.name] {
                report(.error("E0212", member.name.range, Messages.duplicateName(member.name.name), hint: Messages.renameHint,
                              notes: [.init(range: first, message: Messages.firstDeclaredHere)]))
                continue
            }
            seen[member.name.name] = member.name.range
            let type: ColumnType
            switch member.role {
            case .key, .label: type = .text
            case .period: type = .count
            case .link, .family: continue
            case .column:
                guard let word = member.type, let known = ColumnType.named(word.name) else {
                    let word = member.type
                    let names = ColumnType.allCases.flatMap { [$0.rawValue, $0.russian] }
                    report(.error("E0214", word?.range ?? member.range, Messages.unknownColumnType(word?.name ?? ""),
                                  hint: word.flatMap { Suggestions.closest(to: $0.name, among: names) }.map(Messages.didYouMean)
                                      ?? Messages.columnTypesHint))
                    continue
                }
                type = known
            }
            let slot: Int = columns.count
            func single(_ existing: Int?, _ role: DatasetRole) -> Int {
                if existing != nil {
                    report(.error("E0215", member.range, Messages.duplicateRole(role.rawValue)))
                }
                return slot
            }
            switch member.role {
            case .key:
                key = key ?? slot
                keys.append(slot)
            case .period: period = single(period, .period)
            case .label: label = single(label, .label)
            case .column, .link, .family: break
            }
            columns.append(DatasetColumn(name: member.name.name, header: member.header?.plainText ?? member.name.name,
                                         type: type, role: member.role, range: member.name.range, title: member.title?.plainText))
        }
        guard key != nil || !datasetLinks.isEmpty else {
            report(.error("E0216", decl.name.range, Messages.datasetWithoutKey(decl.name.name), hint: Messages.datasetWithoutKeyHint))
            return
        }
        let datasetNumber = datasets.count
        var dataset = Dataset(name: decl.name.name, title: decl.title?.plainText, columns: columns, keyColumn: key ?? -1,
                              periodColumn: period, labelColumn: label, range: decl.range)
        dataset.keyColumns = keys
        datasets.append(dataset)
        pendingLinks += datasetLinks.map { (datasetNumber, $0) }
        datasetIndex[decl.name.name] = datasetNumber
        if symbols[decl.name.name] == nil, declaredAt[decl.name.name] == nil {
            declaredAt[decl.name.name] = decl.name.range
        }
        for (index, column) in columns.enumerated() {
            let ref = ColumnRef(dataset: datasetNumber, column: index)
            switch symbols[column.name] {
            case nil:
                if let first = declaredAt[column.name], first != column.range, datasetIndex[column.name] == nil {
                    report(.error("E0212", column.range, Messages.duplicateName(column.name), hint: Messages.renameHint,
                                  notes: [.init(range: first, message: Messages.firstDeclaredHere)]))
                    continue
                }
                symbols[column.name] = .column(ref)
                declaredAt[column.name] = declaredAt[column.name] ?? column.range
            case .column(let other):
                symbols[column.name] = .ambiguousColumn([other, ref])
            case .ambiguousColumn(let others):
                symbols[column.name] = .ambiguousColumn(others + [ref])
            default:
                report(.error("E0212", column.range, Messages.duplicateName(column.name), hint: Messages.renameHint,
                              notes: declaredAt[column.name].map { [.init(range: $0, message: Messages.firstDeclaredHere)] } ?? []))
            }
        }
    }

    mutating func collectParam(_ decl: ParamDecl) {
        guard let (value, type) = constantValue(decl.value) else {
            report(.error("E0217", decl.value.range, Messages.paramNotConstant(decl.name.name), hint: Messages.paramNotConstantHint))
            return
        }
        if case .param(let index)? = symbols[decl.name.name], overrides(decl, index, value: value, type: type) { return }
        if declare(decl.name, as: .param(params.count)) {
            params.append(Param(name: decl.name.name, description: decl.description?.plainText, value: value,
                                type: type, range: decl.name.range))
        }
    }

    /// A parameter declared in an imported file is a default that the rule set's own file may
    /// set again: the entry file's value wins. True when `decl` and `params[index]` are such a
    /// pair (and it has been handled); false when they are simply declared twice.
    mutating func overrides(_ decl: ParamDecl, _ index: Int, value: Value, type: ValueType) -> Bool {
        let existing = params[index]
        let newInEntry = loaded.entryFiles.contains(decl.name.range.file)
        let existingInEntry = loaded.entryFiles.contains(existing.range.file)
        guard newInEntry != existingInEntry else { return false }
        guard existing.type == type else {
            // Reported at the entry file's declaration, which is the one to change.
            let (entryRange, sharedRange) = newInEntry ? (decl.name.range, existing.range) : (existing.range, decl.name.range)
            let (shared, entry) = newInEntry ? (existing.type, type) : (type, existing.type)
            report(.error("E0242", entryRange, Messages.overrideChangesType(decl.name.name, from: shared, to: entry),
                          notes: [.init(range: sharedRange, message: Messages.firstDeclaredHere)]))
            return true
        }
        let entry = newInEntry ? Param(name: decl.name.name, description: decl.description?.plainText ?? existing.description,
                                       value: value, type: type, range: decl.name.range)
                               : Param(name: existing.name, description: existing.description ?? decl.description?.plainText,
                                       value: existing.value, type: existing.type, range: existing.range)
        params[index] = entry
        return true
    }

    /// The value of a literal (`10%`, `-2`, `"text"`, `true`), or nil when it is not one.
    func constantValue(_ expr: Expr) -> (Value, ValueType)? {
        switch expr.kind {
        case .number(let value, _): (.number(value), .number)
        case .percent(let value, _): (.number(value), .share)
        case .string(let literal) where literal.pieces.allSatisfy({ if case .text = $0 { true } else { false } }):
            (.text(TextNormalization.nfc(literal.plainText)), .text)
        case .boolean(let value): (.flag(value), .flag)
        case .parenthesized(let inner): constantValue(inner)
        case .unary(.negate, let inner):
            if case (.number(let value), let type)? = constantValue(inner) { (.number(-value), type) } else { nil }
        default: nil
        }
    }

    // MARK: Dependencies

    /// Orders indicators, rules and bands so that each follows what it names (Kahn's algorithm,
    /// iterative so that long chains cannot overflow the stack); reports cycles.
    mutating func dependencyOrder() -> [Program.Node] {
        var nodes: [Program.Node] = []
        nodes += indicatorDecls.indices.map { .indicator($0) }
        nodes += ruleDecls.indices.map { .rule($0) }
        nodes += bandsDecls.indices.map { .bands($0) }
        var position: [Program.Node: Int] = [:]
        for (index, node) in nodes.enumerated() { position[node] = index }
        var dependents = Array(repeating: [Int](), count: nodes.count)
        var waiting = Array(repeating: 0, count: nodes.count)
        for (index, node) in nodes.enumerated() {
            var names = Set<String>()
            for expr in expressions(of: node) { collectNames(expr, into: &names) }
            usedNames.formUnion(names)
            for name in names {
                let target: Program.Node? = switch symbols[name] {
                case .indicator(let i): .indicator(i)
                case .rule(let i): .rule(i)
                case .bands(let i): .bands(i)
                default: nil
                }
                if let target, let targetIndex = position[target] {
                    dependents[targetIndex].append(index)
                    waiting[index] += 1
                }
            }
        }
        var ready = waiting.indices.filter { waiting[$0] == 0 }
        var order: [Program.Node] = []
        var cursor = 0
        while cursor < ready.count {
            let index = ready[cursor]
            cursor += 1
            order.append(nodes[index])
            for dependent in dependents[index] {
                waiting[dependent] -= 1
                if waiting[dependent] == 0 { ready.append(dependent) }
            }
        }
        if order.count < nodes.count {
            // Peel off what merely depends on a cycle; what remains lies on one.
            var remaining = Set(nodes.indices.filter { waiting[$0] > 0 })
            var peeled = true
            while peeled {
                peeled = false
                for index in remaining where !dependents[index].contains(where: remaining.contains) {
                    remaining.remove(index)
                    peeled = true
                }
            }
            let acrossLevels = Set(remaining.map { nodeSpaces[nodes[$0]] ?? 0 }).count > 1
            for index in remaining.sorted() {
                let (name, range) = nameAndRange(of: nodes[index])
                if acrossLevels {
                    report(.error("E0266", range, Messages.cycleAcrossLevels(name), hint: Messages.cycleAcrossLevelsHint))
                } else {
                    report(.error("E0210", range, Messages.cycle(name), hint: Messages.cycleHint))
                }
            }
        }
        return order
    }

    func nameAndRange(of node: Program.Node) -> (String, SourceRange) {
        switch node {
        case .indicator(let i): (indicatorDecls[i].name.name, indicatorDecls[i].name.range)
        case .rule(let i): (ruleDecls[i].name.name, ruleDecls[i].name.range)
        case .bands(let i): (bandsDecls[i].name.name, bandsDecls[i].name.range)
        }
    }

    /// Every expression a declaration holds, recommendations included.
    func expressions(of node: Program.Node) -> [Expr] {
        func inStrings(_ literals: [StringLiteral?]) -> [Expr] {
            literals.compactMap { $0 }.flatMap { $0.pieces.compactMap { if case .expression(let e) = $0 { e } else { nil } } }
        }
        switch node {
        case .indicator(let i):
            return [indicatorDecls[i].value]
        case .rule(let i):
            var result: [Expr] = []
            for clause in ruleDecls[i].clauses {
                switch clause {
                case .when(let e, _): result.append(e)
                case .require(let e, let reason, _), .applies(let e, let reason, _): result.append(e); result += inStrings([reason])
                case .recommend(let text, _): result += inStrings([text])
                default: break
                }
            }
            return result
        case .bands(let i):
            let decl = bandsDecls[i]
            return [decl.subject] + decl.rows.flatMap { [$0.from, $0.to].compactMap { $0 } + inStrings([$0.recommendation]) }
        }
    }

    /// Names an expression refers to, with an explicit stack (no recursion).
    func collectNames(_ root: Expr, into names: inout Set<String>) {
        var stack = [root]
        while let expr = stack.popLast() {
            switch expr.kind {
            case .name(let identifier): names.insert(identifier.name)
            case .unary(_, let e), .parenthesized(let e): stack.append(e)
            case .binary(_, let a, let b), .approximately(let a, let b): stack += [a, b]
            case .between(let e, let low, let high, _): stack += [e, low, high]
            case .inList(let e, let items, _): stack += [e] + items
            case .conditional(let c, let a, let b): stack += [c, a, b]
            case .call(_, let arguments, let groups):
                stack += arguments
                // `by` may name an indicator or bands: they must come first.
                for group in groups ?? [] { names.insert(group.name) }
            case .filtered(let e, let condition): stack += [e, condition]
            case .atLeast(let n, let items): stack += [n] + items
            case .string(let literal):
                for case .expression(let e) in literal.pieces { stack.append(e) }
            case .number, .percent, .boolean, .missing, .qualified: break
            }
        }
    }

    // MARK: Unused declarations

    /// W0403 (Grammar.md 5.1): parameters, columns and bands of the entry files that nothing
    /// reads. Indicators are outputs and never warned about.
    mutating func warnAboutUnused() {
        // `итоговые_строки` is read by the data reader (the words of totals rows), not by rules.
        for param in params where !usedNames.contains(param.name) && loaded.entryFiles.contains(param.range.file)
            && !Runner.totalsParameterNames.contains(param.name) {
            report(.warning("W0403", param.range, Messages.unused(param.name), hint: Messages.unusedHint))
        }
        // Indicators are not warned about: every report shows them, so one that no rule reads
        // is still an output (a municipality or a score to see beside the flags).
        for decl in bandsDecls where !usedNames.contains(decl.name.name) && loaded.entryFiles.contains(decl.name.range.file) {
            report(.warning("W0403", decl.name.range, Messages.unused(decl.name.name), hint: Messages.unusedHint))
        }
        warnAboutUnusedColumns()
    }

    /// Columns nothing reads. The key, period and label are read by the engine itself, and the
    /// summary's default group column (`Program.defaultGroupColumn`) by every report. A family
    /// is one declaration: warned about once, when none of its members is read. Not checked
    /// after an error: a declaration that failed to check reads nothing, which proves nothing.
    /// Nor in a rule set of datasets alone (a shared file checked by itself, a first draft):
    /// there is nothing yet that could read a column.
    mutating func warnAboutUnusedColumns() {
        guard !diagnostics.hasErrors, !(indicatorDecls.isEmpty && ruleDecls.isEmpty && bandsDecls.isEmpty) else { return }
        let defaultGroup = Program.defaultGroupColumn(datasets)
        for (datasetNumber, dataset) in datasets.enumerated() {
            var warned = Set<SourceRange>()
            for (index, column) in dataset.columns.enumerated() where column.role == .column {
                let ref = ColumnRef(dataset: datasetNumber, column: index)
                guard !usedColumns.contains(ref), ref != defaultGroup, loaded.entryFiles.contains(column.range.file) else { continue }
                if let family = families.values.first(where: { $0.range == column.range }) {
                    // A family's members share its declaration's range.
                    let members = dataset.columns.indices.filter { dataset.columns[$0].range == family.range }
                    guard !members.contains(where: { usedColumns.contains(ColumnRef(dataset: datasetNumber, column: $0)) }),
                          warned.insert(family.range).inserted else { continue }
                    report(.warning("W0403", family.range, Messages.unused(family.name), hint: Messages.unusedColumnHint(text: false)))
                    continue
                }
                report(.warning("W0403", column.range, Messages.unused(column.name), hint: Messages.unusedColumnHint(text: column.type == .text)))
            }
        }
    }
}
