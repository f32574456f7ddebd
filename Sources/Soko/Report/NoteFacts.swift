// What both forms of the analytic note (Markdown and HTML) show, computed once from an
// evaluation.

/// What the analytic note shows, computed once for both its forms: the rule order and codes,
/// the flagged schools in order, each school's findings, the chart's numbers and the
/// parameters. Every list has a fixed order, so the note is the same for the same run.
struct NoteFacts {
    /// One undecided rule of an entity and why.
    struct UndecidedRule {
        let rule: Int
        /// Headers of the data columns the rule reads that are empty for the entity.
        let missing: [String]
        /// Reasons of unmet `require` clauses that have one, filled in.
        let reasons: [String]
    }

    /// One bar of the chart: a group, its entity count and flagged entities by highest
    /// severity (in the order of `severities`).
    struct ChartBar {
        let name: String
        let entities: Int
        let counts: [Int]
        var flagged: Int { counts.reduce(0, +) }
    }

    struct Parameter {
        let name: String
        let description: String?
        let used: String
        let declared: String
        let changed: Bool
    }

    struct DatasetName {
        let name: String
        let title: String?
    }

    /// Severities highest first: the order of columns, legends and bar segments.
    static let severities: [Severity] = Severity.risks.reversed()

    let evaluation: Evaluation
    let summary: Summary
    let language: Language
    let text: ReportText
    let formatter: ValueFormatter
    var program: Program { evaluation.program }

    /// All rules, highest severity first, then in declaration order.
    let ruleOrder: [Int]
    /// Per rule: its position in `ruleOrder`, from 1 (the number in its code).
    let ruleNumber: [Int]
    /// Rules that fired for at least one entity, in `ruleOrder`.
    let firedRules: [Int]
    /// `firedRules` cut into parts of at most `matrixColumns`: one matrix table each, so that
    /// a matrix of many rules still fits a printed page.
    let matrixParts: [[Int]]
    static let matrixColumns = 15
    /// Per rule: how many entities it fired for, could not decide, and does not apply to.
    let fired: [Int]
    let undecided: [Int]
    let notApplicable: [Int]
    /// Info and positive rules that fired for some entity, in `ruleOrder`, with those entities.
    let nonRiskFindings: [(rule: Int, entities: [Int])]
    /// The sections of non-risk rules that fired: information first, then good practice.
    var nonRiskSections: [(severity: Severity, findings: [(rule: Int, entities: [Int])])] {
        [Severity.info, .positive].map { severity in
            (severity, nonRiskFindings.filter { program.rules[$0.rule].severity == severity })
        }.filter { !$0.findings.isEmpty }
    }

    /// Entities no risk rule applies to, each with `rule: reason` per risk rule.
    let notApplicableEntities: [(entity: Int, reasons: [String])]
    /// Flagged entities, highest severity first, then in entity order (key, period).
    let flaggedEntities: [Int]
    /// Entities whose status is "insufficient data", in entity order.
    let insufficientEntities: [Int]
    let chart: [ChartBar]
    let parameters: [Parameter]
    let datasets: [DatasetName]
    /// Distinct periods, ascending; empty when the data have none.
    let periods: [Int]
    /// Every period of the data, covered or not.
    let allPeriods: [Int]
    let hasPeriods: Bool
    let hasLabels: Bool

    private let outcomes: [[UInt8]]
    private let groupRef: ColumnRef?
    /// Filled recommendations per rule, for the flagged entities it fired for.
    private let filled: [[Int: [String]]]
    /// Undecided rules per entity, for flagged and insufficient entities.
    private let undecidedByEntity: [Int: [UndecidedRule]]

    init(evaluation: Evaluation, summary: Summary, language: Language) {
        self.evaluation = evaluation
        self.summary = summary
        self.language = language
        text = ReportText(language: language)
        let formatter = ValueFormatter(language: language)
        self.formatter = formatter
        let program = evaluation.program
        let entityCount = evaluation.entities.count
        // Entities outside the covered periods (`--period`) read as not applicable here.
        let included = summary.included
        let outcomes = program.rules.indices.map { rule in
            zip(evaluation.outcomes(ofRule: rule), included).map { $1 ? $0 : RuleOutcome.notApplicable.rawValue }
        }
        self.outcomes = outcomes

        let ruleOrder = program.rules.indices.sorted { (program.rules[$0].severity, $1) > (program.rules[$1].severity, $0) }
        self.ruleOrder = ruleOrder
        var ruleNumber = [Int](repeating: 0, count: program.rules.count)
        for (position, rule) in ruleOrder.enumerated() { ruleNumber[rule] = position + 1 }
        self.ruleNumber = ruleNumber
        let fired = outcomes.map { $0.reduce(0) { $0 + ($1 == RuleOutcome.fired.rawValue ? 1 : 0) } }
        let undecided = outcomes.map { $0.reduce(0) { $0 + ($1 == RuleOutcome.insufficient.rawValue ? 1 : 0) } }
        self.fired = fired
        self.undecided = undecided
        notApplicable = outcomes.map { zip($0, included).reduce(0) { $0 + ($1.0 == RuleOutcome.notApplicable.rawValue && $1.1 ? 1 : 0) } }
        // The matrix and the schools' findings show risks only; the others have sections of their own.
        let firedRules = ruleOrder.filter { fired[$0] > 0 && program.rules[$0].severity.isRisk }
        nonRiskFindings = ruleOrder.filter { fired[$0] > 0 && !program.rules[$0].severity.isRisk }.map { rule in
            (rule, (0..<entityCount).filter { outcomes[rule][$0] == RuleOutcome.fired.rawValue })
        }
        self.firedRules = firedRules
        matrixParts = stride(from: 0, to: firedRules.count, by: NoteFacts.matrixColumns).map {
            Array(firedRules[$0..<min($0 + NoteFacts.matrixColumns, firedRules.count)])
        }

        let flagged = (0..<entityCount).filter { included[$0] && summary.statuses[$0] == .flagged }
        flaggedEntities = flagged.sorted { left, right in
            let leftSeverity = summary.highest[left]?.rawValue ?? 0
            let rightSeverity = summary.highest[right]?.rawValue ?? 0
            return leftSeverity != rightSeverity ? leftSeverity > rightSeverity : left < right
        }
        let insufficientEntities = (0..<entityCount).filter { included[$0] && summary.statuses[$0] == .insufficient }
        self.insufficientEntities = insufficientEntities
        let risks = ruleOrder.filter { program.rules[$0].severity.isRisk }
        notApplicableEntities = (0..<entityCount).filter { summary.statuses[$0] == .notApplicable }.map { entity in
            (entity, risks.map { rule in
                let reasons = evaluation.inapplicabilityReasons(rule: rule, entity: entity, formatter: formatter)
                return program.rules[rule].name + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; "))
            })
        }

        // Recommendations are filled per rule for all its flagged entities at once: each
        // `{…}` is evaluated over the whole table, so one entity at a time would be quadratic.
        var filled: [[Int: [String]]] = Array(repeating: [:], count: program.rules.count)
        for rule in program.rules.indices where fired[rule] > 0 {
            let entities = (0..<entityCount).filter { outcomes[rule][$0] == RuleOutcome.fired.rawValue }
            let texts = program.rules[rule].recommendations.map { evaluation.fill($0, entities: entities, formatter: formatter) }
            for (position, entity) in entities.enumerated() { filled[rule][entity] = texts.map { $0[position] } }
        }
        self.filled = filled

        // Undecided rules with their missing inputs and reasons, for the entities the note shows.
        var undecidedByEntity: [Int: [UndecidedRule]] = [:]
        let shown = Set(flagged).union(insufficientEntities)
        for rule in ruleOrder where undecided[rule] > 0 {
            let entities = (0..<entityCount).filter { shown.contains($0) && outcomes[rule][$0] == RuleOutcome.insufficient.rawValue }
            guard !entities.isEmpty else { continue }
            let reasons = evaluation.unmetRequirements(rule: rule, entities: entities, formatter: formatter)
            for (position, entity) in entities.enumerated() {
                undecidedByEntity[entity, default: []].append(
                    UndecidedRule(rule: rule, missing: evaluation.missingInputs(rule: rule, entity: entity), reasons: reasons[position]))
            }
        }
        self.undecidedByEntity = undecidedByEntity

        if summary.groupColumn != nil {
            chart = summary.groups.map { group in
                ChartBar(name: group.name, entities: group.entities, counts: NoteFacts.severities.map { group.bySeverity[$0] ?? 0 })
            }
        } else {
            chart = [ChartBar(name: ReportText(language: language).allSchools, entities: summary.entities,
                              counts: NoteFacts.severities.map { summary.bySeverity[$0] ?? 0 })]
        }
        groupRef = summary.groupColumn.flatMap { name in
            for (datasetIndex, dataset) in program.datasets.enumerated() where dataset.space == 0 && !dataset.isRowTable {
                if let column = dataset.columns.firstIndex(where: { $0.name == name }) { return ColumnRef(dataset: datasetIndex, column: column) }
            }
            return nil
        }

        parameters = program.readParameters.map { index in
            let param = program.params[index]
            let used = index < evaluation.parameterValues.count ? evaluation.parameterValues[index] : param.value
            return Parameter(name: param.name, description: param.description,
                             used: formatter.format(used, type: param.type), declared: formatter.format(param.value, type: param.type),
                             changed: used != param.value)
        }
        datasets = program.datasets.map { DatasetName(name: $0.name, title: $0.title) }
        periods = evaluation.entities.periods.map { Array(Set($0).filter { summary.periods?.contains($0) ?? true }).sorted() } ?? []
        allPeriods = evaluation.entities.periods.map { Array(Set($0)).sorted() } ?? []
        hasPeriods = evaluation.entities.periods != nil
        hasLabels = program.datasets.contains { $0.labelColumn != nil }
    }

    func outcome(rule: Int, entity: Int) -> RuleOutcome {
        RuleOutcome(rawValue: outcomes[rule][entity]) ?? .insufficient
    }

    /// The rule's short code: П1, П2… (R1, R2… in English), by `ruleOrder`.
    func code(_ rule: Int) -> String { text.ruleCode(ruleNumber[rule]) }

    /// The matrix mark of a rule for an entity: its severity when it fired, `?` when undecided.
    func mark(rule: Int, entity: Int) -> String {
        switch outcome(rule: rule, entity: entity) {
        case .fired: text.severityMark(program.rules[rule].severity)
        case .insufficient: text.undecidedMark
        case .notApplicable: text.notApplicableMark
        case .silent: ""
        }
    }

    func recommendations(rule: Int, entity: Int) -> [String] { filled[rule][entity] ?? [] }

    func undecidedRules(_ entity: Int) -> [UndecidedRule] { undecidedByEntity[entity] ?? [] }

    func key(_ entity: Int) -> String { evaluation.entities.key(entity) }
    func label(_ entity: Int) -> String? { evaluation.label(entity) }
    func period(_ entity: Int) -> Int? { evaluation.entities.period(entity) }

    /// `key · label · period`, the heading of a school's section.
    func title(_ entity: Int) -> String {
        var parts = [key(entity)]
        if let label = label(entity) { parts.append(label) }
        if let period = period(entity) { parts.append(String(period)) }
        return parts.joined(separator: " · ")
    }

    /// The entity's group, written as the summary names groups.
    func group(_ entity: Int) -> String? {
        guard let groupRef else { return nil }
        switch evaluation.value(of: groupRef, entity: entity) {
        case .text(let text): return text
        case .number(let x): return Messages.formatPlain(x)
        case .flag(let b): return b ? "1" : "0"
        case .missing: return "—"  // as `Summary` names the group of a missing value
        }
    }

    /// `part` as a share of `whole`, as a percentage; a dash when `whole` is zero.
    func share(_ part: Int, of whole: Int) -> String {
        whole == 0 ? text.noValue : formatter.format(number: Double(part) / Double(whole), type: .share)
    }
}
