// The JSON report: the whole result, stable and documented in README ("JSON report").
// Numbers are raw (shares as fractions); missing values are null.

public enum JSONReport {
    public static func render(_ evaluation: Evaluation, summary: Summary, language: Language,
                              explanations: ((Int, Int) -> JSON)? = nil) -> JSON {
        let program = evaluation.program
        let entities = evaluation.entities
        let formatter = ValueFormatter(language: language)
        let indicatorColumns = program.indicators.indices.map { evaluation.indicatorColumn($0) }
        let bandsColumns = program.bands.indices.map { evaluation.bandsColumn($0) }
        let outcomes = program.rules.indices.map { evaluation.outcomes(ofRule: $0) }
        var items: [JSON] = []
        for entity in 0..<entities.count {
            var members: [(String, JSON)] = [("key", .string(entities.key(entity)))]
            if let period = entities.period(entity) { members.append(("period", .integer(period))) }
            members.append(("label", evaluation.label(entity).map(JSON.string) ?? .null))
            // The value of the summary's group column (municipality): no indicator needed to see it.
            if let groupBy = summary.groupBy { members.append(("group", json(evaluation.value(of: groupBy, entity: entity)))) }
            members.append(("status", .string(summary.statuses[entity].rawValue)))
            var indicators: [(String, JSON)] = []
            for (index, indicator) in program.indicators.enumerated() {
                let value = indicatorColumns[index].value(at: entity)
                if indicator.value.type == .date, case .number(let days) = value {
                    indicators.append((indicator.name, .string(CalendarDates.format(days, language: .en))))
                } else {
                    indicators.append((indicator.name, json(value)))
                }
            }
            for (index, bands) in program.bands.enumerated() {
                indicators.append((bands.name, json(bandsColumns[index].value(at: entity))))
            }
            members.append(("indicators", .object(indicators)))
            var rules: [JSON] = []
            for (index, rule) in program.rules.enumerated() {
                let outcome = RuleOutcome(rawValue: outcomes[index][entity]) ?? .insufficient
                var ruleMembers: [(String, JSON)] = [("rule", .string(rule.name)), ("outcome", .string(outcomeName(outcome)))]
                switch outcome {
                case .fired:
                    ruleMembers.append(("severity", .string(rule.severity.english)))
                    ruleMembers.append(("recommendations", .array(rule.recommendations.map {
                        .string(evaluation.fill($0, entity: entity, formatter: formatter))
                    })))
                    if let explanations { ruleMembers.append(("explanation", explanations(index, entity))) }
                case .insufficient:
                    ruleMembers.append(("missing", .array(evaluation.missingInputs(rule: index, entity: entity).map(JSON.string))))
                    let reasons = evaluation.unmetRequirements(rule: index, entity: entity, formatter: formatter)
                    if !reasons.isEmpty { ruleMembers.append(("reasons", .array(reasons.map(JSON.string)))) }
                case .notApplicable:
                    let reasons = evaluation.inapplicabilityReasons(rule: index, entity: entity, formatter: formatter)
                    if !reasons.isEmpty { ruleMembers.append(("reasons", .array(reasons.map(JSON.string)))) }
                case .silent:
                    break
                }
                rules.append(.object(ruleMembers))
            }
            members.append(("rules", .array(rules)))
            items.append(.object(members))
        }
        let levels = LevelSection.sections(evaluation, language: language)
        return .object([
            ("soko", .string(Soko.version)),
            ("rules", .array(program.rules.map { rule in
                .object([("name", .string(rule.name)), ("title", rule.title.map(JSON.string) ?? .null),
                         ("severity", .string(rule.severity.english)), ("category", rule.category.map(JSON.string) ?? .null),
                         ("source", rule.source.map(JSON.string) ?? .null)])
            })),
            ("parameters", .array(program.readParameters.map { index in
                let param = program.params[index]
                return .object([("name", .string(param.name)), ("value", json(evaluation.parameterValues[index])),
                                ("declared", json(param.value)), ("description", param.description.map(JSON.string) ?? .null)])
            })),
            ("summary", summaryJSON(summary, program: program)),
            ("entities", .array(items)),
        ] + (levels.isEmpty ? [] : [("levels", LevelReport.json(levels))]))
    }

    static func outcomeName(_ outcome: RuleOutcome) -> String {
        switch outcome {
        case .fired: "fired"
        case .silent: "not_fired"
        case .insufficient: "insufficient_data"
        case .notApplicable: "not_applicable"
        }
    }

    static func json(_ value: Value) -> JSON {
        switch value {
        case .number(let x): .number(x)
        case .text(let t): .string(t)
        case .flag(let b): .bool(b)
        case .missing: .null
        }
    }

    static func summaryJSON(_ summary: Summary, program: Program) -> JSON {
        func severities(_ counts: [Severity: Int]) -> JSON {
            .object(Severity.risks.reversed().map { ($0.english, .integer(counts[$0] ?? 0)) })
        }
        return .object([
            ("entities", .integer(summary.entities)),
            ("flagged", .integer(summary.flagged)),
            ("clean", .integer(summary.clean)),
            ("insufficient_data", .integer(summary.insufficient)),
            ("not_applicable", .integer(summary.notApplicable)),
            ("data_warnings", .integer(summary.dataWarnings)),
            ("cells_made_missing", .integer(summary.cellsMadeMissing)),
            ("by_severity", severities(summary.bySeverity)),
            ("by_rule", .object(summary.byRule.map { line in
                (program.rules[line.rule].name, .object([("fired", .integer(line.fired)), ("insufficient_data", .integer(line.insufficient)),
                                                         ("not_applicable", .integer(line.notApplicable))]))
            })),
            ("group_column", summary.groupColumn.map(JSON.string) ?? .null),
            ("groups", .array(summary.groups.map { group in
                .object([("name", .string(group.name)), ("entities", .integer(group.entities)), ("flagged", .integer(group.flagged)),
                         ("insufficient_data", .integer(group.insufficient)), ("not_applicable", .integer(group.notApplicable)),
                         ("by_severity", severities(group.bySeverity))])
            })),
        ])
    }
}
