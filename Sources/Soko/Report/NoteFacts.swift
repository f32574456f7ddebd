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

    /// Entities no risk rule applies to, each with `rule: reason` per risk rule: all of them,
    /// or the first `detailLimit` of each group.
    let notApplicableEntities: [(entity: Int, reasons: [String])]
    /// Per group that has not-applicable schools the note leaves out: its name and how many.
    let notApplicableOmitted: [(group: String, count: Int)]
    /// The flagged entities the detail sections list, highest severity first, then in entity
    /// order (key, period): all of them, or the first `detailLimit` of each group.
    let flaggedEntities: [Int]
    /// The entities whose status is "insufficient data" that the note lists, in entity order:
    /// all of them, or the first `detailLimit` of each group.
    let insufficientEntities: [Int]
    /// The rule for a note of a whole region: the detail sections (the matrix, the school
    /// sections, the schools with insufficient data) list at most this many schools of each
    /// group (municipality) in full, in the order above, and say how many they leave out; the
    /// counts of every table still cover all schools. The complete lists are in the CSV
    /// (fired rules) and JSON (every outcome) reports.
    static let detailLimit = 100
    /// Per group that has schools the detail sections leave out: its name and how many
    /// flagged and insufficient schools are not listed. Empty when the note lists everyone.
    let omitted: [(group: String, flagged: Int, insufficient: Int)]
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
    /// The column the note groups by (municipality), when there is one.
    let groupRef: ColumnRef?
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
            summary.periods == nil ? evaluation.outcomes(ofRule: rule)
                : zip(evaluation.outcomes(ofRule: rule), included).map { $1 ? $0 : RuleOutcome.notApplicable.rawValue }
        }
        self.outcomes = outcomes

        let ruleOrder = program.rules.indices.sorted { (program.rules[$0].severity, $1) > (program.rules[$1].severity, $0) }
        self.ruleOrder = ruleOrder
        var ruleNumber = [Int](repeating: 0, count: program.rules.count)
        for (position, rule) in ruleOrder.enumerated() { ruleNumber[rule] = position + 1 }
        self.ruleNumber = ruleNumber
        // Per rule, entities by outcome, in one pass: a count per outcome's raw value.
        let everyEntity = summary.periods == nil
        let counts = outcomes.map { ruleOutcomes in
            var counts = [Int](repeating: 0, count: 256)
            counts.withUnsafeMutableBufferPointer { counts in
                ruleOutcomes.withUnsafeBufferPointer { ruleOutcomes in
                    included.withUnsafeBufferPointer { included in
                        for entity in ruleOutcomes.indices where everyEntity || included[entity] { counts[Int(ruleOutcomes[entity])] += 1 }
                    }
                }
            }
            return counts
        }
        // Outside the covered periods an outcome reads as not applicable but is not counted.
        let fired = counts.map { $0[Int(RuleOutcome.fired.rawValue)] }
        let undecided = counts.map { $0[Int(RuleOutcome.insufficient.rawValue)] }
        self.fired = fired
        self.undecided = undecided
        notApplicable = counts.map { $0[Int(RuleOutcome.notApplicable.rawValue)] }
        // The matrix and the schools' findings show risks only; the others have sections of their own.
        let firedRules = ruleOrder.filter { fired[$0] > 0 && program.rules[$0].severity.isRisk }
        nonRiskFindings = ruleOrder.filter { fired[$0] > 0 && !program.rules[$0].severity.isRisk }.map { rule in
            (rule, (0..<entityCount).filter { outcomes[rule][$0] == RuleOutcome.fired.rawValue })
        }
        self.firedRules = firedRules
        matrixParts = stride(from: 0, to: firedRules.count, by: NoteFacts.matrixColumns).map {
            Array(firedRules[$0..<min($0 + NoteFacts.matrixColumns, firedRules.count)])
        }

        // Flagged entities by highest severity, highest first, each severity in entity order:
        // one pass into a list per severity (no comparison sort of a region's entities).
        let statuses = summary.statuses
        let highest = summary.highest
        // Severity raw values run from -1 (positive) to 4 (critical); none counts as 0.
        let lowestRaw = Severity.allCases.map(\.rawValue).min() ?? 0
        let highestRaw = Severity.allCases.map(\.rawValue).max() ?? 0
        var flaggedBySeverity = [[Int]](repeating: [], count: highestRaw - lowestRaw + 1)
        var allInsufficient: [Int] = []
        var allNotApplicable: [Int] = []
        for entity in 0..<entityCount where included[entity] {
            switch statuses[entity] {
            case .flagged: flaggedBySeverity[(highest[entity]?.rawValue ?? 0) - lowestRaw].append(entity)
            case .insufficient: allInsufficient.append(entity)
            case .notApplicable: allNotApplicable.append(entity)
            case .clean: break
            }
        }
        let allFlagged = Array(flaggedBySeverity.reversed().joined())
        let groupRef = summary.groupColumn.flatMap { name -> ColumnRef? in
            for (datasetIndex, dataset) in program.datasets.enumerated() where dataset.space == 0 && !dataset.isRowTable {
                if let column = dataset.columns.firstIndex(where: { $0.name == name }) { return ColumnRef(dataset: datasetIndex, column: column) }
            }
            return nil
        }
        self.groupRef = groupRef
        let groups = NoteFacts.groupNumbers(evaluation, groupRef, language: language)
        let (flagged, flaggedLeft) = NoteFacts.firstOfEachGroup(allFlagged, groups: groups.numbers, names: groups.names)
        let (insufficientEntities, insufficientLeft) = NoteFacts.firstOfEachGroup(allInsufficient, groups: groups.numbers, names: groups.names)
        flaggedEntities = flagged
        self.insufficientEntities = insufficientEntities
        omitted = groups.names.indices.compactMap { group in
            flaggedLeft[group] + insufficientLeft[group] == 0 ? nil : (groups.names[group], flaggedLeft[group], insufficientLeft[group])
        }.sorted { $0.group < $1.group }
        let risks = ruleOrder.filter { program.rules[$0].severity.isRisk }
        let (notApplicableShown, notApplicableLeft) = NoteFacts.firstOfEachGroup(allNotApplicable, groups: groups.numbers, names: groups.names)
        notApplicableOmitted = groups.names.indices.compactMap { group in
            notApplicableLeft[group] == 0 ? nil : (groups.names[group], notApplicableLeft[group])
        }.sorted { $0.group < $1.group }
        notApplicableEntities = notApplicableShown.map { entity in
            (entity, risks.map { rule in
                let reasons = evaluation.inapplicabilityReasons(rule: rule, entity: entity, formatter: formatter)
                return (program.rules[rule].title ?? program.rules[rule].name) + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; "))
            })
        }

        // Recommendations are filled per rule for all its flagged entities at once: each
        // `{…}` is evaluated over the whole table, so one entity at a time would be quadratic.
        var filled: [[Int: [String]]] = Array(repeating: [:], count: program.rules.count)
        let shown = Set(flagged).union(insufficientEntities)
        for rule in program.rules.indices where fired[rule] > 0 && !program.rules[rule].recommendations.isEmpty {
            let entities = flagged.sorted().filter { outcomes[rule][$0] == RuleOutcome.fired.rawValue }
            let texts = program.rules[rule].recommendations.map { evaluation.fill($0, entities: entities, formatter: formatter) }
            for (position, entity) in entities.enumerated() { filled[rule][entity] = texts.map { $0[position] } }
        }
        self.filled = filled

        // Undecided rules with their missing inputs and reasons, for the entities the note shows.
        var undecidedByEntity: [Int: [UndecidedRule]] = [:]
        let shownInOrder = shown.sorted()
        for rule in ruleOrder where undecided[rule] > 0 {
            let entities = shownInOrder.filter { outcomes[rule][$0] == RuleOutcome.insufficient.rawValue }
            guard !entities.isEmpty else { continue }
            let reasons = evaluation.unmetRequirements(rule: rule, entities: entities, formatter: formatter)
            let missing = evaluation.missingInputsFinder(rule: rule)
            for (position, entity) in entities.enumerated() {
                undecidedByEntity[entity, default: []].append(
                    UndecidedRule(rule: rule, missing: missing(entity), reasons: reasons[position]))
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

        parameters = program.readParameters.map { index in
            let param = program.params[index]
            let used = index < evaluation.parameterValues.count ? evaluation.parameterValues[index] : param.value
            return Parameter(name: param.name, description: param.description,
                             used: formatter.format(used, type: param.type), declared: formatter.format(param.value, type: param.type),
                             changed: used != param.value)
        }
        datasets = program.datasets.map { DatasetName(name: $0.name, title: $0.title) }
        let allPeriods = evaluation.entities.periods.map(NoteFacts.distinctSorted) ?? []
        periods = allPeriods.filter { summary.periods?.contains($0) ?? true }
        self.allPeriods = allPeriods
        hasPeriods = evaluation.entities.periods != nil
        hasLabels = program.datasets.contains { $0.labelColumn != nil }
    }

    /// The distinct values, ascending: through a table of the span when it is narrow (years),
    /// so that a million entities are not hashed one by one.
    static func distinctSorted(_ values: [Int]) -> [Int] {
        guard let low = values.min(), let high = values.max() else { return [] }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span < 1 << 20 else { return Array(Set(values)).sorted() }
        var seen = [Bool](repeating: false, count: span + 1)
        for value in values { seen[value - low] = true }
        return seen.indices.filter { seen[$0] }.map { $0 + low }
    }

    /// Each entity's group as a number, and the groups' names (one group, all schools, when
    /// the note has no group column).
    static func groupNumbers(_ evaluation: Evaluation, _ ref: ColumnRef?, language: Language) -> (numbers: [Int32], names: [String]) {
        let count = evaluation.entities.count
        guard let ref else { return ([Int32](repeating: 0, count: count), [ReportText(language: language).allSchools]) }
        if case .texts(let codes, let dictionary) = evaluation.evaluator.column(ref) {
            // A missing value is a group of its own, named as `Summary` names it.
            return (codes.map { $0 < 0 ? Int32(dictionary.count) : $0 }, dictionary + ["—"])
        }
        var numbers = [Int32](repeating: 0, count: count)
        var names: [String] = []
        var known: [String: Int32] = [:]
        for entity in 0..<count {
            let name: String
            switch evaluation.value(of: ref, entity: entity) {
            case .text(let text): name = text
            case .number(let x): name = Messages.formatPlain(x)
            case .flag(let b): name = b ? "1" : "0"
            case .missing: name = "—"
            }
            if let number = known[name] {
                numbers[entity] = number
            } else {
                known[name] = Int32(names.count)
                numbers[entity] = Int32(names.count)
                names.append(name)
            }
        }
        return (numbers, names)
    }

    /// The first `detailLimit` entities of each group, keeping their order, and how many each
    /// group leaves out.
    static func firstOfEachGroup(_ entities: [Int], groups: [Int32], names: [String]) -> ([Int], [Int]) {
        var listed = [Int](repeating: 0, count: names.count)
        var left = [Int](repeating: 0, count: names.count)
        var kept: [Int] = []
        for entity in entities {
            let group = Int(groups[entity])
            if listed[group] < detailLimit {
                listed[group] += 1
                kept.append(entity)
            } else {
                left[group] += 1
            }
        }
        return (kept, left)
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

    /// A rule as the note names it: its title, or its name when it has none.
    func ruleTitle(_ rule: Int) -> String { program.rules[rule].title ?? program.rules[rule].name }

    func undecidedRules(_ entity: Int) -> [UndecidedRule] { undecidedByEntity[entity] ?? [] }

    func key(_ entity: Int) -> String { evaluation.entities.displayKey(entity) }
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
