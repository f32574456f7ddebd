// The terminal report: each flagged school with its flags by severity and recommendations,
// schools with insufficient data, then the summary.

public enum TableReport {
    public static func render(_ evaluation: Evaluation, summary: Summary, language: Language) -> String {
        let program = evaluation.program
        let entities = evaluation.entities
        let formatter = ValueFormatter(language: language)
        let text = ReportText(language: language)
        let outcomes = program.rules.indices.map { evaluation.outcomes(ofRule: $0) }
        // Rules by severity (highest first), then declaration order.
        let ruleOrder = program.rules.indices.sorted { (program.rules[$0].severity, $1) > (program.rules[$1].severity, $0) }
        var out = text.heading(summary) + "\n"
        let levels = LevelSection.sections(evaluation, language: language)
        if !levels.isEmpty { out += "\n" + LevelReport.text(levels, language: language) }
        for entity in 0..<entities.count where summary.statuses[entity] == .flagged {
            out += "\n" + entityTitle(evaluation, entity) + "\n"
            for rule in ruleOrder where outcomes[rule][entity] == RuleOutcome.fired.rawValue && program.rules[rule].severity.isRisk {
                let decl = program.rules[rule]
                let severity = decl.severity.name(language)
                out += "  " + severity.padding(11) + " " + (decl.title ?? decl.name) + " [\(decl.name)]\n"
                for template in decl.recommendations {
                    out += "  " + "".padding(11) + " → " + evaluation.fill(template, entity: entity, formatter: formatter) + "\n"
                }
            }
            let undecided = ruleOrder.filter { outcomes[$0][entity] == RuleOutcome.insufficient.rawValue }
            if !undecided.isEmpty {
                out += "  " + text.insufficientFor(undecided.map { program.rules[$0].name }) + "\n"
            }
        }
        let insufficient = (0..<entities.count).filter { summary.statuses[$0] == .insufficient }
        if !insufficient.isEmpty {
            out += "\n" + text.insufficientHeading(insufficient.count) + "\n"
            for entity in insufficient {
                let rules = program.rules.indices.filter { outcomes[$0][entity] == RuleOutcome.insufficient.rawValue }
                let details = rules.map { rule in
                    let missing = evaluation.missingInputs(rule: rule, entity: entity)
                    return program.rules[rule].name + (missing.isEmpty ? "" : " (" + text.missing + ": " + missing.joined(separator: ", ") + ")")
                }
                out += "  " + entityTitle(evaluation, entity) + ": " + details.joined(separator: "; ") + "\n"
            }
        }
        for severity in [Severity.info, .positive] {
            let rules = ruleOrder.filter { program.rules[$0].severity == severity && outcomes[$0].contains(RuleOutcome.fired.rawValue) }
            guard !rules.isEmpty else { continue }
            out += "\n" + text.nonRiskSection(severity) + "\n"
            for rule in rules {
                let entitiesFired = (0..<entities.count).filter { outcomes[rule][$0] == RuleOutcome.fired.rawValue }
                out += "  " + text.nonRiskLine((program.rules[rule].title ?? program.rules[rule].name) + " [\(program.rules[rule].name)]",
                                               count: entitiesFired.count, schools: entitiesFired.map { entityTitle(evaluation, $0) }) + "\n"
            }
        }
        let notApplicable = (0..<entities.count).filter { summary.statuses[$0] == .notApplicable }
        if !notApplicable.isEmpty {
            let formatter = ValueFormatter(language: language)
            out += "\n" + text.notApplicableHeading(notApplicable.count) + "\n"
            for entity in notApplicable {
                let details = program.rules.indices.filter { program.rules[$0].severity.isRisk }.map { rule in
                    let reasons = evaluation.inapplicabilityReasons(rule: rule, entity: entity, formatter: formatter)
                    return program.rules[rule].name + (reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")")
                }
                out += "  " + entityTitle(evaluation, entity) + ": " + details.joined(separator: "; ") + "\n"
            }
        }
        out += "\n" + text.summaryBlock(summary, program: program)
        return out
    }

    static func entityTitle(_ evaluation: Evaluation, _ entity: Int) -> String {
        var title = evaluation.entities.key(entity)
        if let label = evaluation.label(entity) { title += " " + label }
        if let period = evaluation.entities.period(entity) { title += ", \(period)" }
        return title
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
