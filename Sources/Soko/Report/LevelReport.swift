// Reports of the levels above the school (Grammar.md 5.14): each group-level entity (a
// municipality and year, the region and year) with its indicators and its rules read as targets
// («достигнут / не достигнут») with the value and the target. JSON gains `levels`; the
// terminal report, Markdown and HTML a section per level before the schools.

/// One level's entities and their results.
public struct LevelSection: Sendable {
    /// A rule's result for one entity of the level.
    public struct Target: Sendable {
        public let rule: Int
        public let name: String
        public let title: String?
        public let outcome: RuleOutcome
        /// The compared value and the target (the two sides of the rule's comparison), formatted.
        public let value: String?
        public let target: String?
        /// Raw value of the compared side, for JSON.
        public let rawValue: Value
    }

    public struct Entity: Sendable {
        public let key: String
        public let period: Int?
        public let status: EntityStatus
        public let indicators: [(name: String, title: String?, value: Value, display: String)]
        public let targets: [Target]
    }

    public let space: Int
    public let name: String
    public let title: String?
    public let entities: [Entity]

    public func count(_ status: EntityStatus) -> Int { entities.filter { $0.status == status }.count }

    /// Every group level with declarations, in declaration order of their spaces; with
    /// `periods` (`--period`), only the entities of those periods (and those without one).
    public static func sections(_ evaluation: Evaluation, language: Language, periods: Set<Int>? = nil) -> [LevelSection] {
        let program = evaluation.fullProgram
        let formatter = ValueFormatter(language: language)
        return program.groupLevels.map { space in
            let entities = evaluation.entities(ofSpace: space)
            let indicators = program.indicators.indices.filter { program.indicators[$0].level == space }
            let rules = program.rules.indices.filter { program.rules[$0].level == space }
            let indicatorColumns = indicators.map { evaluation.indicatorInLevel($0) }
            let outcomes = rules.map { evaluation.outcomesInLevel(rule: $0) }
            let sides = rules.map { comparedSides(program.rules[$0].condition).map { (evaluation.column($0.0, in: space), $0.0.type, evaluation.column($0.1, in: space), $0.1.type) } }
            let chosen = (0..<entities.count).filter { entity in
                guard let periods, let period = entities.period(entity) else { return true }
                return periods.contains(period)
            }
            let items = chosen.map { entity -> Entity in
                var status = EntityStatus.notApplicable
                var targets: [Target] = []
                for (position, rule) in rules.enumerated() {
                    let outcome = RuleOutcome(rawValue: outcomes[position][entity]) ?? .insufficient
                    if program.rules[rule].severity.isRisk {
                        switch outcome {
                        case .fired: status = .flagged
                        case .insufficient: if status != .flagged { status = .insufficient }
                        case .silent: if status == .notApplicable { status = .clean }
                        case .notApplicable: break
                        }
                    }
                    let side = sides[position]
                    let raw = side.map { $0.0.value(at: entity) } ?? .missing
                    targets.append(Target(rule: rule, name: program.rules[rule].name, title: program.rules[rule].title, outcome: outcome,
                                          value: side.map { formatter.format(raw, type: $0.1) },
                                          target: side.map { formatter.format($0.2.value(at: entity), type: $0.3) }, rawValue: raw))
                }
                let values = zip(indicators, indicatorColumns).map { index, column in
                    let value = column.value(at: entity)
                    return (name: program.indicators[index].name, title: program.indicators[index].title, value: value,
                            display: formatter.format(value, type: program.indicators[index].value.type))
                }
                return Entity(key: Program.displayKey(entities.key(entity)), period: entities.period(entity), status: status,
                              indicators: values, targets: targets)
            }
            let level = program.space(space)
            let title = level.kind == .all ? Message(ru: "все школы", en: "all schools").text(language) : level.title
            return LevelSection(space: space, name: level.name, title: title, entities: items)
        }
    }

    /// The two sides of a rule's condition when it is one comparison (`value < target`).
    static func comparedSides(_ condition: TypedExpr) -> (TypedExpr, TypedExpr)? {
        if case .binary(let op, let left, let right) = condition.kind, op.isComparison { return (left, right) }
        return nil
    }

    /// «достигнут», «не достигнут», «нет данных», «не применяется»: a rule at a group level
    /// fires when its target is not met.
    public static func verdict(_ outcome: RuleOutcome, language: Language) -> String {
        switch outcome {
        case .fired: Message(ru: "не достигнут", en: "not met").text(language)
        case .silent: Message(ru: "достигнут", en: "met").text(language)
        case .insufficient: Message(ru: "нет данных", en: "no data").text(language)
        case .notApplicable: Message(ru: "не применяется", en: "not applicable").text(language)
        }
    }

    func heading(_ language: Language) -> String {
        Message(ru: "Уровень «\(title ?? name)»", en: "Level '\(title ?? name)'").text(language)
    }

    func countsLine(_ language: Language) -> String {
        let (f, c, i, n) = (count(.flagged), count(.clean), count(.insufficient), count(.notApplicable))
        return Message(ru: "Записей: \(entities.count); цели не достигнуты: \(f), достигнуты все: \(c), недостаточно данных: \(i), не применяется: \(n)",
                       en: "Entities: \(entities.count); a target not met: \(f), all met: \(c), insufficient data: \(i), not applicable: \(n)").text(language)
    }

    func entityName(_ entity: Entity) -> String {
        guard !entity.key.isEmpty else { return entity.period.map(String.init) ?? "—" }
        return entity.key + (entity.period.map { ", \($0)" } ?? "")
    }
}

extension Evaluation {
    /// An expression's column in any space.
    func column(_ expr: TypedExpr, in space: Int) -> Column {
        space == 0 ? column(expr) : evaluator.levels.evaluator(space).cachedColumn(expr)
    }
}

/// The renderers of the level sections.
public enum LevelReport {
    public static func json(_ sections: [LevelSection]) -> JSON {
        .array(sections.map { section in
            .object([
                ("level", .string(section.name)),
                ("title", section.title.map(JSON.string) ?? .null),
                ("summary", .object([("entities", .integer(section.entities.count)), ("flagged", .integer(section.count(.flagged))),
                                     ("clean", .integer(section.count(.clean))), ("insufficient_data", .integer(section.count(.insufficient))),
                                     ("not_applicable", .integer(section.count(.notApplicable)))])),
                ("entities", .array(section.entities.map { entity in
                    var members: [(String, JSON)] = [("key", .string(entity.key))]
                    if let period = entity.period { members.append(("period", .integer(period))) }
                    members.append(("status", .string(entity.status.rawValue)))
                    members.append(("indicators", .object(entity.indicators.map { ($0.name, JSONReport.json($0.value)) })))
                    members.append(("rules", .array(entity.targets.map { target in
                        .object([("rule", .string(target.name)), ("outcome", .string(JSONReport.outcomeName(target.outcome))),
                                 ("value", JSONReport.json(target.rawValue))])
                    })))
                    return .object(members)
                })),
            ])
        })
    }

    /// The terminal report's lines for every level.
    public static func text(_ sections: [LevelSection], language: Language) -> String {
        var out = ""
        for section in sections {
            out += section.heading(language) + "\n  " + section.countsLine(language) + "\n"
            for entity in section.entities {
                out += "  " + section.entityName(entity) + "\n"
                for target in entity.targets {
                    var line = "    " + (target.title ?? target.name) + ": " + LevelSection.verdict(target.outcome, language: language)
                    if let value = target.value, let goal = target.target {
                        line += Message(ru: " (значение \(value), цель \(goal))", en: " (value \(value), target \(goal))").text(language)
                    }
                    out += line + "\n"
                }
                for indicator in entity.indicators {
                    out += "    " + (indicator.title ?? indicator.name) + ": " + indicator.display + "\n"
                }
            }
            out += "\n"
        }
        return out
    }

    /// Markdown: a section per level, a table of targets.
    public static func markdown(_ sections: [LevelSection], language: Language) -> String {
        var out = ""
        for section in sections {
            out += "\n## " + MarkdownReport.escape(section.heading(language)) + "\n\n"
            out += MarkdownReport.escape(section.countsLine(language)) + "\n\n"
            let (headers, rows) = tableRows(section, language: language)
            out += MarkdownReport.table(headers, align: headers.indices.map { $0 < 2 ? .left : .right },
                                        rows: rows.map { $0.map(MarkdownReport.escape) })
        }
        return out
    }

    /// HTML: a section per level, a table of targets.
    public static func html(_ sections: [LevelSection], language: Language) -> String {
        var out = ""
        for (number, section) in sections.enumerated() {
            out += "<section id=\"level-\(number + 1)\">\n<h2>" + HTMLReport.escape(section.heading(language)) + "</h2>\n"
            out += "<p>" + HTMLReport.escape(section.countsLine(language)) + "</p>\n"
            let (headers, rows) = tableRows(section, language: language)
            out += HTMLReport.table(class: "level", headers.enumerated().map { HTMLReport.cell($1, numeric: $0 >= 2) },
                                    rows: rows.map { $0.enumerated().map { HTMLReport.cell($1, numeric: $0 >= 2) } })
            out += "</section>\n"
        }
        return out
    }

    /// One row per entity and target: the entity, the target, the verdict, value and target.
    static func tableRows(_ section: LevelSection, language: Language) -> ([String], [[String]]) {
        let headers = [Message(ru: "Запись", en: "Entity"), Message(ru: "Цель или показатель", en: "Target or indicator"), Message(ru: "Итог", en: "Result"),
                       Message(ru: "Значение", en: "Value"), Message(ru: "Цель (порог)", en: "Target value")].map { $0.text(language) }
        var rows: [[String]] = []
        for entity in section.entities {
            for target in entity.targets {
                rows.append([section.entityName(entity), target.title ?? target.name, LevelSection.verdict(target.outcome, language: language),
                             target.value ?? "", target.target ?? ""])
            }
            for indicator in entity.indicators {
                rows.append([section.entityName(entity), indicator.title ?? indicator.name, "", indicator.display, ""])
            }
        }
        return (headers, rows)
    }
}
