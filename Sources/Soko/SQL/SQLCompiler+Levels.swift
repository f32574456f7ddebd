// Levels in SQL (Grammar.md 5.14): one chain of steps per level (space), each over its own
// entities, as the evaluator has one entity index per level. The main level's entities are the
// keys and periods of its datasets; a dataset level's are its rows' keys and the keys the main
// level's links name; a column group's and `all`'s are the values the main level's rows carry;
// a row table's are its rows. A value of another level is a step that LEFT JOINs that level's
// chain: a gather joins the upper level's step on the link's key (and period); a roll-up joins
// the lower level's step grouped by the link's key, where the statistic was computed as a
// window partitioned by that key (the same SQL as a statistic `by` a column).

extension SQLCompiler {
    /// The level a `--level` name means: a group level's or row table's name as written in
    /// `for` (`all`/`всех` for the whole), nil when the program has no such level.
    public static func space(named name: String, in program: Program) -> Int? {
        let wanted = ["всех", "все", "all"].contains(name) ? "all" : name
        return program.spaces.indices.first { index in
            let space = program.spaces[index]
            if case .all = space.kind { return wanted == "all" }
            if case .main = space.kind { return false }
            return space.name == wanted
        }
    }

    /// The levels a `--level` can name (group levels with declarations).
    public static func levelNames(_ program: Program) -> [String] {
        program.groupLevels.map { program.spaces[$0].name }
    }
}

extension SQLBuilder {
    /// Whether the entities of a level have periods (as Levels.buildIndex decides).
    static func hasPeriods(_ program: Program, space: Int) -> Bool {
        let main = program.datasets.contains { $0.periodColumn != nil && $0.space == 0 && !$0.isRowTable }
        guard space > 0, space < program.spaces.count else { return main }
        switch program.spaces[space].kind {
        case .main, .column, .all: return main
        case .rows(let dataset): return program.datasets[dataset].periodColumn != nil
        case .dataset(let dataset):
            return program.datasets[dataset].periodColumn != nil || (main && program.links.contains { $0.from == 0 && $0.to == space })
        }
    }

    /// Compiles what follows in a level's chain.
    mutating func enter(_ level: Int) {
        space = level
        plan.space = level
    }

    /// Runs `body` in another level's chain and comes back.
    mutating func within<T>(_ level: Int, _ body: (inout SQLBuilder) -> T) -> T {
        let saved = space
        enter(level)
        let result = body(&self)
        enter(saved)
        return result
    }

    func entitiesStep(_ space: Int) -> String { space == 0 ? "soko_entities" : "soko_entities_\(space)" }
    func baseStep(_ space: Int) -> String { space == 0 ? "soko_base" : "soko_base_\(space)" }

    /// The result's key and period headers: the main level's as `soko run --format csv`; a
    /// level's key column (its name for a column group, `key` for `all`).
    func outputHeader() -> [String] {
        let periodName = program.datasets.first { $0.periodColumn != nil && !$0.isRowTable }.map { $0.columns[$0.periodColumn!].name } ?? "period"
        var key = "key"
        if outputSpace == 0 {
            let dataset = program.datasets.first { $0.space == 0 && !$0.isRowTable } ?? program.datasets[0]
            key = dataset.columns[max(dataset.keyColumn, 0)].name
        } else if outputSpace < program.spaces.count {
            switch program.spaces[outputSpace].kind {
            case .dataset(let index) where program.datasets[index].keyColumn >= 0:
                key = program.datasets[index].columns[program.datasets[index].keyColumn].name
            case .column(let ref): key = program.datasets[ref.dataset].columns[ref.column].name
            default: break
            }
        }
        return [key, periodName]
    }

    /// The key as reports show it: a composite key's parts joined with " / " (on group levels,
    /// and on the main level when one of its datasets has a composite key).
    func outputKey(_ sql: String) -> String {
        let compositeMain = program.datasets.contains { $0.space == 0 && !$0.isRowTable && $0.keyColumns.count > 1 }
        guard outputSpace != 0 || compositeMain else { return sql }
        return "REPLACE(\(sql), \(dialect.string(String(Program.keySeparator))), ' / ')"
    }

    /// A dataset's key as text (`alias.column`): a composite key's parts joined with U+001F,
    /// NULL when a part is missing.
    func keyText(_ dataset: Int, alias: String) -> String {
        let parts = program.datasets[dataset].keyColumns.isEmpty ? [program.datasets[dataset].keyColumn] : program.datasets[dataset].keyColumns
        return parts.map { dialect.cast("\(alias).\(sourceColumn(dataset, $0))", dialect.textType) }
            .joined(separator: " || \(dialect.string(String(Program.keySeparator))) || ")
    }

    /// A link column as the text of a key (whole numbers without decimals).
    func linkText(_ sql: String, _ ref: ColumnRef) -> String {
        switch program.datasets[ref.dataset].columns[ref.column].type {
        case .text: return dialect.cast(sql, dialect.textType)
        default: return dialect.cast(dialect.integer(sql), dialect.textType)
        }
    }

    /// The key a link's columns name, in a step of the link's `from` level (`prefix` before
    /// each column); `''` for a link to `all`.
    func linkKey(_ link: Link, prefix: String = "") -> String {
        guard !link.columns.isEmpty else { return dialect.cast("''", dialect.textType) }
        return link.columns.map { linkText(prefix + dialect.quote(baseNames[$0.dataset][$0.column]), $0) }
            .joined(separator: " || \(dialect.string(String(Program.keySeparator))) || ")
    }

    // MARK: Bases

    /// Per level: its entities and its base step (the level's datasets joined on them).
    func baseSteps() -> [(name: String, comment: String?, body: String)] {
        var steps = mainBase()
        for space in program.spaces.indices where space > 0 { steps += levelBase(space) }
        return steps
    }

    /// The columns of a dataset in a base step, from alias `t…`.
    func datasetColumns(_ index: Int, alias: String) -> [String] {
        program.datasets[index].columns.indices.map { "\(alias).\(sourceColumn(index, $0)) AS \(dialect.quote(baseNames[index][$0]))" }
    }

    /// `soko_entities` (the union of keys and periods) and `soko_base` (the main datasets joined).
    func mainBase() -> [(name: String, comment: String?, body: String)] {
        let members = program.datasets.indices.filter { program.datasets[$0].space == 0 && !program.datasets[$0].isRowTable }
        var selects: [String] = []
        for index in members where program.datasets[index].periodColumn != nil || !hasPeriod {
            let dataset = program.datasets[index]
            var select = "SELECT \(keyText(index, alias: "t")) AS \(Self.keyColumn)"
            if let period = dataset.periodColumn {
                select += ", \(dialect.cast("t.\(sourceColumn(index, period))", dialect.integerType)) AS \(Self.periodColumn)"
            }
            select += " FROM \(dialect.quoteTable(table(index))) t WHERE \(keyText(index, alias: "t")) IS NOT NULL"
            selects.append(select)
        }
        let entities = selects.joined(separator: "\n  UNION DISTINCT\n  ")
        var columns = ["e.\(Self.keyColumn)"]
        if hasPeriod { columns.append("e.\(Self.periodColumn)") }
        var joins: [String] = []
        for index in members {
            let alias = "t\(index)"
            columns += datasetColumns(index, alias: alias)
            var on = "\(keyText(index, alias: alias)) = e.\(Self.keyColumn)"
            if let period = program.datasets[index].periodColumn {
                on += " AND \(dialect.cast("\(alias).\(sourceColumn(index, period))", dialect.integerType)) = e.\(Self.periodColumn)"
            }
            joins.append("\(dialect.leftJoin) \(dialect.quoteTable(table(index))) \(alias) ON \(on)")
        }
        let base = "SELECT " + columns.joined(separator: ",\n    ") + "\n  FROM soko_entities e\n  " + joins.joined(separator: "\n  ")
        return [("soko_entities", "Entities: every key (and period) found in a dataset", entities),
                ("soko_base", "Every dataset joined on key\(hasPeriod ? " and period" : "")", base)]
    }

    /// The entities and base step of a group level or row table.
    func levelBase(_ space: Int) -> [(name: String, comment: String?, body: String)] {
        let periods = spacePeriods[space]
        let level = program.spaces[space]
        let period = periods ? ", \(Self.periodColumn)" : ""
        // The keys (and periods) the main level's links name.
        var selects = program.links.filter { $0.from == 0 && $0.to == space }.map { link in
            "SELECT DISTINCT \(linkKey(link)) AS \(Self.keyColumn)\(period) FROM soko_base WHERE \(linkKey(link)) IS NOT NULL"
        }
        switch level.kind {
        case .rows(let index):
            var columns = ["\(dialect.cast("''", dialect.textType)) AS \(Self.keyColumn)"]
            if let column = program.datasets[index].periodColumn {
                columns.append("\(dialect.cast("t\(index).\(sourceColumn(index, column))", dialect.integerType)) AS \(Self.periodColumn)")
            }
            columns += datasetColumns(index, alias: "t\(index)")
            return [(baseStep(space), "Level \(level.name): one entity per row",
                     "SELECT " + columns.joined(separator: ",\n    ") + "\n  FROM \(dialect.quoteTable(table(index))) t\(index)")]
        case .dataset(let index):
            let dataset = program.datasets[index]
            if dataset.periodColumn != nil || !periods {
                var select = "SELECT \(keyText(index, alias: "t")) AS \(Self.keyColumn)"
                if periods, let column = dataset.periodColumn {
                    select += ", \(dialect.cast("t.\(sourceColumn(index, column))", dialect.integerType)) AS \(Self.periodColumn)"
                }
                selects.append(select + " FROM \(dialect.quoteTable(table(index))) t WHERE \(keyText(index, alias: "t")) IS NOT NULL")
            }
            var columns = ["e.\(Self.keyColumn)"]
            if periods { columns.append("e.\(Self.periodColumn)") }
            columns += datasetColumns(index, alias: "t\(index)")
            var on = "\(keyText(index, alias: "t\(index)")) = e.\(Self.keyColumn)"
            if let column = dataset.periodColumn, periods {
                on += " AND \(dialect.cast("t\(index).\(sourceColumn(index, column))", dialect.integerType)) = e.\(Self.periodColumn)"
            }
            return [(entitiesStep(space), "Level \(level.name): its keys and the keys linked to it", selects.joined(separator: "\n  UNION DISTINCT\n  ")),
                    (baseStep(space), "Level \(level.name): its dataset joined on key\(periods ? " and period" : "")",
                     "SELECT " + columns.joined(separator: ",\n    ") + "\n  FROM \(entitiesStep(space)) e\n  \(dialect.leftJoin) \(dialect.quoteTable(table(index))) t\(index) ON \(on)")]
        case .main, .column, .all:
            if selects.isEmpty { selects = ["SELECT \(dialect.cast("''", dialect.textType)) AS \(Self.keyColumn)\(period) FROM soko_base WHERE 1 = 0"] }
            return [(baseStep(space), "Level \(level.name): the values the main level's rows carry",
                     selects.joined(separator: "\n  UNION DISTINCT\n  "))]
        }
    }

    // MARK: Values of other levels

    /// `gather`: the upper level's value of the entity the link names, joined on the key (and
    /// the period, when the upper level has periods); missing where the link finds none.
    mutating func gather(_ index: Int, _ inner: TypedExpr) -> SQLFragment {
        let link = program.links[index]
        let value = within(link.to) { $0.plan.hoist($0.expression(inner)) }
        plan.settle(link.to)
        let key = plan.hoist(SQLFragment(linkKey(link)))
        let name = plan.newHelper()
        var on = "g.\(Self.keyColumn) = a.\(key.sql)"
        if spacePeriods[link.to] { on += " AND g.\(Self.periodColumn) = a.\(Self.periodColumn)" }
        plan.join(name, "g.\(value.sql)", reads: key.reads.union(value.reads), other: link.to,
                  clause: "\(dialect.leftJoin) \(SQLPlan.lastStep) g ON \(on)")
        return SQLFragment(dialect.quote(name), reads: [name], isColumn: true)
    }

    /// A roll-up: the statistic over the lower level's members of each entity, computed there
    /// as a window partitioned by the link's key (and period), then joined one row per key.
    mutating func rollup(_ function: BuiltinFunction, _ subject: TypedExpr, extra: TypedExpr?, link index: Int) -> SQLFragment {
        let link = program.links[index]
        let periods = spacePeriods[space]
        let (key, value) = within(link.from) { builder -> (SQLFragment, SQLFragment) in
            let key = builder.plan.hoist(SQLFragment(builder.linkKey(link)))
            var partition = [key.sql]
            if periods { partition.append(Self.periodColumn) }
            let statistic = builder.aggregate(function, subject: subject, extra: extra, partition: partition)
            let value = builder.plan.hoist(SQLFragment(statistic.sql, reads: statistic.reads.union(key.reads)))
            return (key, value)
        }
        plan.settle(link.from)
        let q = dialect.quote
        var groups = [key.sql]
        if periods { groups.append(Self.periodColumn) }
        let select = "SELECT \(key.sql) AS soko_k\(periods ? ", \(Self.periodColumn) AS soko_p" : ""), \(dialect.onlyValue(value.sql, type: .number)) AS soko_v "
            + "FROM \(SQLPlan.lastStep) WHERE \(key.sql) IS NOT NULL GROUP BY \(groups.joined(separator: ", "))"
        var on = "g.soko_k = a.\(Self.keyColumn)"
        if periods { on += " AND g.soko_p = a.\(Self.periodColumn)" }
        let name = plan.newHelper()
        let column = function == .count ? "COALESCE(g.soko_v, \(dialect.number(0)))" : "g.soko_v"
        plan.join(name, column, reads: key.reads.union(value.reads), other: link.from, clause: "\(dialect.leftJoin) (\(select)) g ON \(on)")
        return SQLFragment(q(name), reads: [name], isColumn: true)
    }

    // MARK: Temporary tables

    /// The steps a step reads (base steps: an over-approximation, which only materializes more).
    func dependencies(of name: String) -> [String] {
        if name == "soko_entities" { return [] }
        if name == "soko_base" { return ["soko_entities"] }
        if let step = plan.steps.first(where: { $0.name == name }) { return [step.from] + (step.joined.map { [$0] } ?? []) }
        for space in program.spaces.indices where space > 0 {
            if name == entitiesStep(space) { return ["soko_base"] }
            if name == baseStep(space) {
                switch program.spaces[space].kind {
                case .rows: return []
                case .dataset: return [entitiesStep(space)]
                default: return ["soko_base"]
                }
            }
        }
        return []
    }

    /// The script for an engine that inlines common table expressions, when levels join chains
    /// that read each other: a step read more than once (a join's other side, a base read by
    /// several levels) is a temporary table; every other step stays a common table expression
    /// of the one statement that reads it, so nothing is copied and few tables are written.
    func materialized(_ parts: [(name: String, comment: String?, body: String)], final: String) -> String {
        let q = dialect.quote
        var reads: [String: Int] = [:]
        var dependencies: [String: [String]] = [:]
        for part in parts {
            dependencies[part.name] = self.dependencies(of: part.name)
            for name in dependencies[part.name]! { reads[name, default: 0] += 1 }
        }
        let last = plan.last(of: outputSpace)
        reads[last, default: 0] += 1
        let table = Set(parts.map(\.name).filter { (reads[$0] ?? 0) > 1 })
        let byName = Dictionary(parts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let order = Dictionary(parts.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        // The common table expressions a statement needs: what it reads that is not a table.
        func inline(_ roots: [String]) -> String {
            var needed = Set<String>()
            var stack = roots.filter { !table.contains($0) }
            while let name = stack.popLast() {
                guard byName[name] != nil, needed.insert(name).inserted else { continue }
                stack += (dependencies[name] ?? []).filter { !table.contains($0) }
            }
            return needed.sorted { order[$0]! < order[$1]! }.map { name in
                let part = byName[name]!
                return (part.comment.map { "-- \($0.replacingAll("\n", with: " "))\n" } ?? "") + "\(q(name)) AS (\n  \(part.body))"
            }.joined(separator: ",\n")
        }
        var text = ""
        for part in parts where table.contains(part.name) {
            text += (part.comment.map { "-- \($0.replacingAll("\n", with: " "))\n" } ?? "")
            text += "DROP TEMPORARY TABLE IF EXISTS \(q(part.name));\n"
            let with = inline(dependencies[part.name] ?? [])
            text += "CREATE TEMPORARY TABLE \(q(part.name)) AS\n" + (with.isEmpty ? "" : "WITH\n\(with)\n") + "  \(part.body);\n"
        }
        let with = inline([last])
        if final.hasPrefix(",\n") {
            text += "WITH\n" + (with.isEmpty ? String(final.dropFirst(2)) : with + final)
        } else {
            text += with.isEmpty ? final : "WITH\n" + with + "\n" + final
        }
        return text + ";\n"
    }
}
