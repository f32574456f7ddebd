// The terminal report: each flagged school with its flags by severity and recommendations,
// schools with insufficient data, then the summary. Written as bytes, school by school.

public enum TableReport {
    public static func render(_ evaluation: Evaluation, summary: Summary, language: Language) -> String {
        String(decoding: ReportSink.collect { write(evaluation, summary: summary, language: language, to: $0) }, as: UTF8.self)
    }

    /// Writes the report to `sink` in pieces.
    public static func write(_ evaluation: Evaluation, summary: Summary, language: Language, to sink: ReportSink) {
        let program = evaluation.program
        let entities = evaluation.entities
        let formatter = ValueFormatter(language: language)
        let text = ReportText(language: language)
        let outcomes = program.rules.indices.map { evaluation.outcomes(ofRule: $0) }
        // `--period`: only the entities of the chosen periods (all without it).
        let included = summary.included
        func title(_ rule: Int) -> String { program.rules[rule].title ?? program.rules[rule].name }
        // Rules by severity (highest first), then declaration order.
        let ruleOrder = program.rules.indices.sorted { (program.rules[$0].severity, $1) > (program.rules[$1].severity, $0) }
        // Each rule's line, prepared once; recommendations filled per rule for all the entities
        // it fired for (each `{…}` is evaluated once over the whole table), walked in order.
        let ruleLines: [[UInt8]] = program.rules.map { decl in
            Array(("  " + decl.severity.name(language).padding(11) + " " + (decl.title ?? decl.name) + "\n").utf8)
        }
        let recommendationStart = Array(("  " + "".padding(11) + " → ").utf8)
        var recommendations: [[[String]]] = []
        for (index, decl) in program.rules.enumerated() {
            let fired = decl.recommendations.isEmpty || !decl.severity.isRisk ? [] : (0..<entities.count).filter {
                included[$0] && outcomes[index][$0] == RuleOutcome.fired.rawValue && summary.statuses[$0] == .flagged
            }
            recommendations.append(decl.recommendations.map { evaluation.fill($0, entities: fired, formatter: formatter) })
        }
        var cursor = [Int](repeating: 0, count: program.rules.count)

        // Schools are keys; with several periods the report counts school-years and says so.
        var keys = Set<Int32>()
        var periods = Set<Int>()
        for entity in 0..<entities.count where included[entity] {
            keys.insert(entities.keyIndex[entity])
            if let period = entities.period(entity) { periods.insert(period) }
        }
        var out: [UInt8] = Array((text.heading(summary, schools: keys.count, periods: periods.count) + "\n").utf8)
        out.reserveCapacity(ReportSink.chunk + (1 << 16))
        let levels = LevelSection.sections(evaluation, language: language, periods: summary.periods)
        if !levels.isEmpty { out += Array(("\n" + LevelReport.text(levels, language: language)).utf8) }
        for entity in 0..<entities.count where included[entity] && summary.statuses[entity] == .flagged {
            out.append(10)
            out += Array(entityTitle(evaluation, entity).utf8)
            out.append(10)
            var undecided: [String] = []
            for rule in ruleOrder {
                switch outcomes[rule][entity] {
                case RuleOutcome.fired.rawValue where program.rules[rule].severity.isRisk:
                    out += ruleLines[rule]
                    for texts in recommendations[rule] {
                        out += recommendationStart
                        out += Array(texts[cursor[rule]].utf8)
                        out.append(10)
                    }
                    if !recommendations[rule].isEmpty { cursor[rule] += 1 }
                case RuleOutcome.insufficient.rawValue:
                    undecided.append(title(rule))
                default:
                    break
                }
            }
            if !undecided.isEmpty {
                out += Array(("  " + text.insufficientFor(undecided) + "\n").utf8)
            }
            sink.spill(&out)
        }
        let insufficient = (0..<entities.count).filter { included[$0] && summary.statuses[$0] == .insufficient }
        if !insufficient.isEmpty {
            let missing = program.rules.indices.map { evaluation.missingInputsFinder(rule: $0) }
            out += Array(("\n" + text.insufficientHeading(insufficient.count) + "\n").utf8)
            for entity in insufficient {
                let rules = program.rules.indices.filter { outcomes[$0][entity] == RuleOutcome.insufficient.rawValue }
                // Each undecided rule with what is missing and the reasons of its unmet `require`s.
                let details = rules.map { rule in
                    let missing = missing[rule](entity)
                    let why = (missing.isEmpty ? [] : [text.missing + ": " + missing.joined(separator: ", ")])
                        + evaluation.unmetRequirements(rule: rule, entity: entity, formatter: formatter)
                    return title(rule) + (why.isEmpty ? "" : " (" + why.joined(separator: "; ") + ")")
                }
                out += Array(("  " + entityTitle(evaluation, entity) + ": " + details.joined(separator: "; ") + "\n").utf8)
                sink.spill(&out)
            }
        }
        for severity in [Severity.info, .positive] {
            let rules = ruleOrder.filter { rule in
                program.rules[rule].severity == severity && (0..<entities.count).contains { included[$0] && outcomes[rule][$0] == RuleOutcome.fired.rawValue }
            }
            guard !rules.isEmpty else { continue }
            out += Array(("\n" + text.nonRiskSection(severity) + "\n").utf8)
            for rule in rules {
                let entitiesFired = (0..<entities.count).filter { included[$0] && outcomes[rule][$0] == RuleOutcome.fired.rawValue }
                guard !entitiesFired.isEmpty else { continue }
                out += Array(("  " + text.nonRiskLine(title(rule),
                                                      count: entitiesFired.count, schools: entitiesFired.map { entityTitle(evaluation, $0) }) + "\n").utf8)
                sink.spill(&out)
            }
        }
        let notApplicable = (0..<entities.count).filter { included[$0] && summary.statuses[$0] == .notApplicable }
        if !notApplicable.isEmpty {
            out += Array(("\n" + text.notApplicableHeading(notApplicable.count) + "\n").utf8)
            for entity in notApplicable {
                let details = program.rules.indices.filter { program.rules[$0].severity.isRisk }.map { rule in
                    let reasons = evaluation.inapplicabilityReasons(rule: rule, entity: entity, formatter: formatter)
                    return title(rule) + (reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")")
                }
                out += Array(("  " + entityTitle(evaluation, entity) + ": " + details.joined(separator: "; ") + "\n").utf8)
                sink.spill(&out)
            }
        }
        out += Array(("\n" + text.summaryBlock(summary, program: program)).utf8)
        sink.drain(&out)
    }

    static func entityTitle(_ evaluation: Evaluation, _ entity: Int) -> String {
        var title = evaluation.entities.displayKey(entity)
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
