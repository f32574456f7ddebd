// Spaces at run time (Grammar.md 5.14): one entity index and one evaluator per level or row
// table, and per link the index map from the entities of its `from` space to those of its `to`
// space, computed once. Two primitives move values between spaces: gather (a column of the
// upper space read through the map) and roll-up (a statistic of the lower space's members per
// upper entity). A program with one level never builds any of this.

extension Program {
    /// The datasets whose rows are the main level's entities (all of them without levels).
    var mainDatasets: [Int] {
        spaces.isEmpty ? Array(datasets.indices) : datasets.indices.filter { datasets[$0].space == 0 && !datasets[$0].isRowTable }
    }

    /// Per-dataset row maps of the main level, indexed by dataset (empty for the others).
    func placeRows(_ rows: [[Int32]?], members: [Int]) -> [[Int32]?] {
        guard !spaces.isEmpty else { return rows }
        var placed = [[Int32]?](repeating: [], count: datasets.count)
        for (position, dataset) in members.enumerated() { placed[dataset] = rows[position] }
        return placed
    }
}

extension EntityIndex {
    /// A dataset's key as one text column: the key column itself, or the parts of a composite
    /// key joined with U+001F (missing when any part is).
    static func keyTexts(_ dataset: Dataset, _ table: LoadedTable) -> ColumnData {
        guard dataset.keyColumns.count > 1 else { return table.columns[dataset.keyColumn] }
        var dictionary: [String] = []
        var codeOf: [String: Int32] = [:]
        var codes = [Int32](repeating: -1, count: table.rowCount)
        let parts = dataset.keyColumns.map { table.columns[$0] }
        for row in 0..<table.rowCount {
            var texts: [String] = []
            for part in parts {
                guard case .texts(let partCodes, let values) = part, partCodes[row] >= 0 else { break }
                texts.append(values[Int(partCodes[row])])
            }
            guard texts.count == parts.count else { continue }
            let key = texts.joined(separator: String(Program.keySeparator))
            if let code = codeOf[key] { codes[row] = code; continue }
            codes[row] = Int32(dictionary.count)
            codeOf[key] = Int32(dictionary.count)
            dictionary.append(key)
        }
        return .texts(codes: codes, values: dictionary)
    }

    /// An index over given (key, period) pairs: sorted by key bytes, then period.
    static func of(_ pairs: Set<KeyPeriod>, hasPeriods: Bool, datasets: Int) -> (EntityIndex, [KeyPeriod: Int32]) {
        let sorted = pairs.sorted { a, b in
            a.key == b.key ? a.period < b.period : EntityIndex.bytesPrecede(a.key, b.key)
        }
        var keys: [String] = []
        var keyIndex: [Int32] = []
        var position: [KeyPeriod: Int32] = [:]
        for (entity, pair) in sorted.enumerated() {
            if keys.last != pair.key { keys.append(pair.key) }
            keyIndex.append(Int32(keys.count - 1))
            position[pair] = Int32(entity)
        }
        let index = EntityIndex(keys: keys, keyIndex: keyIndex, periods: hasPeriods ? sorted.map(\.period) : nil,
                                rows: [[Int32]?](repeating: [], count: datasets))
        return (index, position)
    }
}

/// A key and a period (0 when the space has no periods).
struct KeyPeriod: Hashable {
    let key: String
    let period: Int
}

/// The spaces of one run: built on first use, shared by every evaluator of the run.
final class Levels {
    unowned let main: Evaluator
    private var evaluators: [Int: Evaluator] = [:]
    private var positions: [Int: [KeyPeriod: Int32]] = [:]
    private var maps: [Int: [Int32]] = [:]
    /// Data warnings: rows that found no partner (once per link), duplicate level rows.
    private(set) var warnings: [DataIssue] = []

    init(main: Evaluator) {
        self.main = main
    }

    var program: Program { main.program }

    /// The evaluator of a space.
    func evaluator(_ space: Int) -> Evaluator {
        if space == 0 { return main }
        if let existing = evaluators[space] { return existing }
        let (entities, position) = buildIndex(space)
        let evaluator = Evaluator(program: program, tables: main.tables, entities: entities, parameterValues: main.parameterValues)
        evaluator.space = space
        evaluator.sharedLevels = self
        evaluators[space] = evaluator
        positions[space] = position
        return evaluator
    }

    /// The text of each entity's link columns (composite: joined with U+001F); nil when missing.
    func linkKeys(_ link: Link, in evaluator: Evaluator) -> [String?] {
        let columns = link.columns.map { Operators.textValues(evaluator.asText(evaluator.column($0)), count: evaluator.count) }
        return (0..<evaluator.count).map { entity in
            var parts: [String] = []
            for text in columns {
                guard let part = text(entity) else { return nil }
                parts.append(part)
            }
            return parts.joined(separator: String(Program.keySeparator))
        }
    }

    private func buildIndex(_ space: Int) -> (EntityIndex, [KeyPeriod: Int32]) {
        let tables = main.tables
        let mainPeriods = main.entities.periods
        func mainPairs(_ link: Link) -> [KeyPeriod?] {
            let keys = link.columns.isEmpty ? [String?](repeating: "", count: main.count) : linkKeys(link, in: main)
            return keys.indices.map { entity in keys[entity].map { KeyPeriod(key: $0, period: mainPeriods?[entity] ?? 0) } }
        }
        let incoming = program.links.filter { $0.to == space && $0.from == 0 }
        switch program.spaces[space].kind {
        case .main:
            return (main.entities, [:])
        case .rows(let dataset):
            let table = tables[dataset]
            var periods: [Int]?
            if let column = program.datasets[dataset].periodColumn, case .numbers(let values) = table.columns[column] {
                periods = values.map { $0.isFinite ? Int($0) : Int.min }
            }
            var rows = [[Int32]?](repeating: [], count: program.datasets.count)
            rows[dataset] = nil
            return (EntityIndex(keys: [""], keyIndex: [Int32](repeating: 0, count: table.rowCount), periods: periods, rows: rows), [:])
        case .column, .all:
            var pairs = Set<KeyPeriod>()
            for link in incoming { pairs.formUnion(mainPairs(link).compactMap { $0 }) }
            if case .all = program.spaces[space].kind, pairs.isEmpty { pairs.insert(KeyPeriod(key: "", period: 0)) }
            return EntityIndex.of(pairs, hasPeriods: mainPeriods != nil, datasets: program.datasets.count)
        case .dataset(let dataset):
            let declaration = program.datasets[dataset]
            let table = tables[dataset]
            let hasPeriods = declaration.periodColumn != nil || (!incoming.isEmpty && mainPeriods != nil)
            guard case .texts(let codes, let values) = EntityIndex.keyTexts(declaration, table) else { return (main.entities, [:]) }
            var periodValues: [Double]?
            if let column = declaration.periodColumn, case .numbers(let numbers) = table.columns[column] { periodValues = numbers }
            var pairs = Set<KeyPeriod>()
            for link in incoming { pairs.formUnion(mainPairs(link).compactMap { $0 }) }
            var rowPairs = [KeyPeriod?](repeating: nil, count: table.rowCount)
            for row in 0..<table.rowCount where codes[row] >= 0 {
                let period = periodValues.map { $0[row].isFinite ? Int($0[row]) : 0 } ?? 0
                let pair = KeyPeriod(key: values[Int(codes[row])], period: period)
                rowPairs[row] = pair
                if periodValues != nil || !hasPeriods { pairs.insert(pair) }
            }
            let (index, position) = EntityIndex.of(pairs, hasPeriods: hasPeriods, datasets: program.datasets.count)
            var rowOf = [Int32](repeating: -1, count: index.count)
            var byKey: [String: Int32] = [:]
            for row in 0..<table.rowCount {
                guard let pair = rowPairs[row] else { continue }
                if periodValues != nil || !hasPeriods {
                    guard let entity = position[pair] else { continue }
                    if rowOf[Int(entity)] >= 0 {
                        warnings.append(Messages.duplicateEntity(path: table.path, row: Int(table.rowNumbers[row]),
                                                                 firstRow: Int(table.rowNumbers[Int(rowOf[Int(entity)])]),
                                                                 key: Program.displayKey(pair.key), period: periodValues == nil ? nil : pair.period))
                        continue
                    }
                    rowOf[Int(entity)] = Int32(row)
                } else if byKey[pair.key] == nil {
                    byKey[pair.key] = Int32(row)
                }
            }
            if !byKey.isEmpty {
                // A level dataset without a period joins every period of its key.
                for entity in 0..<index.count { rowOf[entity] = byKey[index.key(entity)] ?? -1 }
            }
            var rows = index.rows
            rows[dataset] = rowOf
            return (EntityIndex(keys: index.keys, keyIndex: index.keyIndex, periods: index.periods, rows: rows), position)
        }
    }

    /// Per entity of the link's `from` space: the entity of its `to` space, or -1.
    func map(_ linkIndex: Int) -> [Int32] {
        if let cached = maps[linkIndex] { return cached }
        let link = program.links[linkIndex]
        let from = evaluator(link.from)
        let to = evaluator(link.to)
        if link.to == 0 && positions[0] == nil {
            var mainPosition: [KeyPeriod: Int32] = [:]
            for entity in 0..<main.count {
                mainPosition[KeyPeriod(key: main.entities.key(entity), period: main.entities.period(entity) ?? 0)] = Int32(entity)
            }
            positions[0] = mainPosition
        }
        let position = positions[link.to] ?? [:]
        let periods = from.entities.periods
        let matchPeriod = to.entities.periods != nil
        var result = [Int32](repeating: -1, count: from.count)
        var unmatched: [String] = []
        var unmatchedCount = 0
        if link.columns.count == 1, !matchPeriod || periods == nil,
           case .texts(let codes, let dictionary) = from.asText(from.column(link.columns[0])) {
            // One text column and no period to match (a row table linked to its schools): each
            // distinct key is looked up once, then every row by its code.
            let targets = dictionary.map { position[KeyPeriod(key: $0, period: 0)] ?? -1 }
            for entity in 0..<Swift.min(from.count, codes.count) {
                let code = codes[entity]
                guard code >= 0 else { continue }
                let target = targets[Int(code)]
                if target >= 0 {
                    result[entity] = target
                } else {
                    unmatchedCount += 1
                    if unmatched.count < 2 { unmatched.append(Program.displayKey(dictionary[Int(code)])) }
                }
            }
        } else {
            mapByKeys(link, from: from, position: position, periods: matchPeriod ? periods : nil, into: &result,
                      unmatched: &unmatched, unmatchedCount: &unmatchedCount)
        }
        if unmatchedCount > 0, let declared = link.declaredIn, let target = link.target {
            let names = link.columns.map { program.datasets[$0.dataset].columns[$0.column].name }.joined(separator: ", ")
            warnings.append(Messages.unmatchedLinkRows(path: main.tables[declared].path, link: names, target: program.datasets[target].name,
                                                       count: unmatchedCount, examples: unmatched))
        }
        maps[linkIndex] = result
        return result
    }

    /// `map` entity by entity, through the text of each entity's link key.
    private func mapByKeys(_ link: Link, from: Evaluator, position: [KeyPeriod: Int32], periods: [Int]?,
                           into result: inout [Int32], unmatched: inout [String], unmatchedCount: inout Int) {
        let keys = link.columns.isEmpty ? [String?](repeating: "", count: from.count) : linkKeys(link, in: from)
        for entity in 0..<from.count {
            guard let key = keys[entity] else { continue }
            let pair = KeyPeriod(key: key, period: periods?[entity] ?? 0)
            if let target = position[pair] {
                result[entity] = target
            } else {
                unmatchedCount += 1
                if unmatched.count < 2 { unmatched.append(Program.displayKey(key)) }
            }
        }
    }

    /// Builds every map a program's links need, so that warnings are complete.
    func buildAll() {
        for link in program.links.indices { _ = map(link) }
    }
}

extension Evaluator {
    /// The levels of the run, created by the main evaluator on first use.
    var levels: Levels {
        if let shared = sharedLevels { return shared }
        if let own = ownLevels { return own }
        let created = Levels(main: self)
        ownLevels = created
        return created
    }

    /// A column as text, for link keys: whole numbers print without decimals.
    func asText(_ column: Column) -> Column {
        switch column {
        case .texts: return column
        case .numbers(let values):
            var dictionary: [String] = []
            var codeOf: [Double: Int32] = [:]
            let codes = values.map { x -> Int32 in
                guard !x.isNaN else { return -1 }
                if let code = codeOf[x] { return code }
                codeOf[x] = Int32(dictionary.count)
                dictionary.append(x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x))
                return Int32(dictionary.count - 1)
            }
            return .texts(codes, dictionary: dictionary)
        case .flags, .constant:
            return Operators.pick(count: count, from: [column]) { _ in 0 }
        }
    }

    /// Each entity takes the value of `column` (of another space) at `map[entity]`.
    static func gathered(_ column: Column, by map: [Int32]) -> Column {
        switch column {
        case .numbers(let values): return .numbers(Operators.map(map) { $0 < 0 ? .nan : values[Int($0)] })
        case .flags(let values): return .flags(Operators.map(map) { $0 < 0 ? Truth.unknown.rawValue : values[Int($0)] })
        case .texts(let codes, let dictionary): return .texts(Operators.map(map) { $0 < 0 ? -1 : codes[Int($0)] }, dictionary: dictionary)
        case .constant(let value):
            return Operators.pick(count: map.count, from: [.constant(value)]) { map[$0] < 0 ? nil : 0 }
        }
    }

    /// `gather`: an expression of the link's upper space, read by each entity of this one.
    func gather(link: Int, _ expr: TypedExpr) -> Column {
        let upper = levels.evaluator(program.links[link].to)
        return Evaluator.gathered(upper.evaluate(expr), by: levels.map(link))
    }

    /// A roll-up: the statistic of each entity's members in the link's lower space (computed
    /// there, grouped by the link's map); an entity without members gets missing (count: 0).
    func rollup(_ function: BuiltinFunction, _ subject: TypedExpr, extra: TypedExpr?, link: Int) -> Column {
        let lower = levels.evaluator(program.links[link].from)
        let map = levels.map(link)
        let subjectColumn = lower.evaluate(subject)
        if let perGroup = lower.groupStatistic(function, subject: subjectColumn, index: GroupIndex(groupOf: map, groupCount: count)) {
            // One pass over the members by their entity; each entity reads its group's value.
            var hasMembers = [Bool](repeating: false, count: count)
            for group in map where group >= 0 { hasMembers[Int(group)] = true }
            let picked = Column.numbers((0..<count).map { hasMembers[$0] && perGroup[$0].isFinite ? perGroup[$0] : .nan })
            return function == .count ? Operators.coalesce([picked, .constant(.number(0))], count: count) : picked
        }
        let extraColumn = extra.map { Evaluator.gathered(evaluate($0), by: map) }
        let perMember = lower.aggregate(function, subject: subjectColumn, extra: extraColumn,
                                        index: GroupIndex(groupOf: map, groupCount: count))
        var representative = [Int32](repeating: -1, count: count)
        for member in map.indices.reversed() where map[member] >= 0 { representative[Int(map[member])] = Int32(member) }
        let picked = Evaluator.gathered(perMember, by: representative)
        return function == .count ? Operators.coalesce([picked, .constant(.number(0))], count: count) : picked
    }

    /// Rules, indicators and bands of another space asked of this evaluator.
    func isForeign(_ level: Int) -> Bool { level != space }
}

extension Evaluator {
    /// `run()` for a program with levels: each declaration in its own space's evaluator.
    func runLevels() -> Evaluation {
        for node in program.evaluationOrder {
            switch node {
            case .indicator(let index): _ = levels.evaluator(program.indicators[index].level).indicator(index)
            case .bands(let index): _ = levels.evaluator(program.bands[index].level).bands(index)
            case .rule(let index): _ = levels.evaluator(program.rules[index].level).outcomes(of: index)
            }
        }
        levels.buildAll()
        return Evaluation(evaluator: self)
    }
}

extension Evaluation {
    /// The entities of a space (the main level's for 0).
    public func entities(ofSpace space: Int) -> EntityIndex {
        space == 0 ? entities : evaluator.levels.evaluator(space).entities
    }

    /// A rule's outcomes in its own space (an index into `fullProgram.rules`).
    public func outcomesInLevel(rule: Int) -> [UInt8] {
        evaluator.levels.evaluator(fullProgram.rules[rule].level).outcomes(of: rule)
    }

    /// An indicator's column in its own space (an index into `fullProgram.indicators`).
    public func indicatorInLevel(_ index: Int) -> Column {
        evaluator.levels.evaluator(fullProgram.indicators[index].level).indicator(index)
    }

    /// A bands' column in its own space (an index into `fullProgram.bands`).
    public func bandsInLevel(_ index: Int) -> Column {
        evaluator.levels.evaluator(fullProgram.bands[index].level).bands(index)
    }
}
