// The result of a run: every entity's indicator values and rule outcomes, with what reports
// need — filled-in recommendations, missing inputs, and the classification of each entity.

/// How an entity comes out of a run.
/// Only risk rules (severity low … critical) count; `info` and `positive` rules describe an
/// entity without flagging it. flagged + clean + insufficient + not applicable = entities.
public enum EntityStatus: String, Sendable, CaseIterable {
    /// At least one risk rule fired.
    case flagged
    /// No risk rule fired, and at least one could not be decided (missing data, a `require`).
    case insufficient
    /// Some risk rule was decided silent; none fired or was undecided.
    case clean
    /// No risk rule applies to the entity.
    case notApplicable = "not_applicable"
}

public struct Evaluation {
    let evaluator: Evaluator

    init(evaluator: Evaluator) {
        self.evaluator = evaluator
        program = evaluator.program.mainView
    }

    /// The program as reports see it: the main level's declarations (`Program.mainView`).
    public let program: Program
    /// Data warnings found while linking levels: rows that found no partner (once per link).
    public var levelWarnings: [DataIssue] { evaluator.ownLevels?.warnings ?? [] }

    /// The whole program, group levels included.
    public var fullProgram: Program { evaluator.program }
    public var entities: EntityIndex { evaluator.entities }
    public var parameterValues: [Value] { evaluator.parameterValues }

    public func outcomes(ofRule index: Int) -> [UInt8] { evaluator.outcomes(of: index) }
    public func indicatorColumn(_ index: Int) -> Column { evaluator.indicator(index) }
    public func bandsColumn(_ index: Int) -> Column { evaluator.bands(index) }

    public func outcome(rule: Int, entity: Int) -> RuleOutcome {
        RuleOutcome(rawValue: evaluator.outcomes(of: rule)[entity]) ?? .insufficient
    }

    /// Each entity's status, by the outcomes of the risk rules.
    public func statuses() -> [EntityStatus] {
        // Ranks: not applicable < clean < insufficient < flagged; the highest wins. Entity by
        // entity, on every core.
        let outcomes = program.rules.indices.filter { program.rules[$0].severity.isRisk && program.rules[$0].level == evaluator.space }
            .map { evaluator.outcomes(of: $0) }
        return RowParts.filled(count: entities.count) { (range: Range<Int>, statuses: UnsafeMutablePointer<EntityStatus>) in
            (statuses + range.lowerBound).initialize(repeating: .notApplicable, count: range.count)
            for rule in outcomes.indices {
                outcomes[rule].withUnsafeBufferPointer { outcomes in
                    for entity in range {
                        switch RuleOutcome(rawValue: outcomes[entity]) ?? .insufficient {
                        case .fired: statuses[entity] = .flagged
                        case .insufficient: if statuses[entity] != .flagged { statuses[entity] = .insufficient }
                        case .silent: if statuses[entity] == .notApplicable { statuses[entity] = .clean }
                        case .notApplicable: break
                        }
                    }
                }
            }
        }
    }

    /// The label of an entity (the school's name), when a dataset declares one.
    public func label(_ entity: Int) -> String? {
        for (index, dataset) in program.datasets.enumerated() where dataset.space == 0 {
            guard let label = dataset.labelColumn else { continue }
            if case .text(let text) = evaluator.column(ColumnRef(dataset: index, column: label)).value(at: entity) { return text }
        }
        return nil
    }

    /// A text column's value for an entity (used to group summaries, e.g. by municipality).
    public func value(of ref: ColumnRef, entity: Int) -> Value {
        evaluator.column(ref).value(at: entity)
    }

    /// The value of any expression for one entity (for explanations).
    public func column(_ expr: TypedExpr) -> Column { evaluator.cachedColumn(expr) }

    /// Dataset columns that an expression reads, through indicators, bands and named rules (an
    /// undecided rule reference is undecided for lack of what that rule reads).
    public func inputs(of expr: TypedExpr) -> [ColumnRef] {
        var found: [ColumnRef] = []
        var seen = Set<ColumnRef>()
        var visitedIndicators = Set<Int>()
        var visitedBands = Set<Int>()
        var visitedRules = Set<Int>()
        var stack = [expr]
        while let node = stack.popLast() {
            switch node.kind {
            case .column(let ref): if seen.insert(ref).inserted { found.append(ref) }
            case .indicator(let i): if visitedIndicators.insert(i).inserted { stack.append(fullProgram.indicators[i].value) }
            case .bands(let i): if visitedBands.insert(i).inserted { stack.append(fullProgram.bands[i].subject) }
            // Another space's columns are not this entity's inputs.
            case .gather, .rollup: break
            case .rule(let i):
                if visitedRules.insert(i).inserted { stack += [fullProgram.rules[i].condition] + fullProgram.rules[i].conditions }
            default: stack += node.children
            }
        }
        return found.sorted { ($0.dataset, $0.column) < ($1.dataset, $1.column) }
    }

    /// Names of the data columns that are missing for an entity and that the rule reads:
    /// why its outcome is "insufficient data".
    public func missingInputs(rule: Int, entity: Int) -> [String] {
        missingInputsFinder(rule: rule)(entity)
    }

    /// `missingInputs(rule:entity:)` for many entities: the rule's inputs are found once.
    public func missingInputsFinder(rule index: Int) -> (Int) -> [String] {
        if let finder = evaluator.missingInputFinders[index] { return { finder.names($0) } }
        let rule = program.rules[index]
        let exprs = [rule.condition] + rule.conditions
        // Per expression: its columns with their headers, and its history reads with theirs.
        let hasPeriods = entities.periods != nil
        let reads: [(direct: [(Column, String)], history: [(back: Int, earlier: [Int32], columns: [(Column, String)])])] = exprs.map { expr in
            let columns = { (expr: TypedExpr) in
                self.inputs(of: expr).map { (self.evaluator.column($0), self.program.datasets[$0.dataset].columns[$0.column].header) }
            }
            return (columns(expr), hasPeriods ? historyReads(of: expr).map {
                (back: $0.1, earlier: self.evaluator.earlierEntityCached(periods: $0.1), columns: columns($0.0))
            } : [])
        }
        let finder = MissingInputFinder(reads: reads, periods: entities.periods)
        evaluator.missingInputFinders[index] = finder
        return { finder.names($0) }
    }

    /// The `prev`/`change` reads of an expression (through indicators): subject and periods back.
    func historyReads(of expr: TypedExpr) -> [(TypedExpr, Int)] {
        var found: [(TypedExpr, Int)] = []
        var visited = Set<Int>()
        var stack = [expr]
        while let node = stack.popLast() {
            switch node.kind {
            case .history(let function, let subject, let periods) where function == .prev || function == .change:
                found.append((subject, function == .change ? 1 : periods.whole(parameterValues)))
                stack.append(subject)
            case .indicator(let index):
                if visited.insert(index).inserted { stack.append(program.indicators[index].value) }
            case .gather, .rollup:
                break
            default:
                stack += node.children
            }
        }
        return found
    }

    /// The reasons of unmet `require` clauses for an entity, filled in.
    /// Only a `require` that does not hold gives its reason; one that cannot be decided for lack
    /// of data is explained by the missing inputs instead (its reason would be untrue).
    public func unmetRequirements(rule: Int, entity: Int, formatter: ValueFormatter) -> [String] {
        unmetRequirements(rule: rule, entities: [entity], formatter: formatter)[0]
    }

    /// The filled reasons of the `require` clauses that do not hold, for many entities, each
    /// condition evaluated once.
    public func unmetRequirements(rule: Int, entities: [Int], formatter: ValueFormatter) -> [[String]] {
        var reasons = [[String]](repeating: [], count: entities.count)
        for requirement in program.rules[rule].requirements {
            let condition = evaluator.cachedColumn(requirement.condition)
            let unmet = entities.indices.filter { condition.value(at: entities[$0]) == .flag(false) }
            guard let template = requirement.reason, !unmet.isEmpty else { continue }
            let texts = fill(template, entities: unmet.map { entities[$0] }, formatter: formatter)
            for (position, index) in unmet.enumerated() where !texts[position].isEmpty {
                reasons[index].append(texts[position])
            }
        }
        return reasons
    }

    /// Why a rule does not apply to an entity: the filled reasons of its `applies` clauses that
    /// are false there (the clause's source text when it gives no reason).
    public func inapplicabilityReasons(rule: Int, entity: Int, formatter: ValueFormatter) -> [String] {
        program.rules[rule].applicability.compactMap { clause in
            guard evaluator.cachedColumn(clause.condition).value(at: entity) == .flag(false) else { return nil }
            if let reason = clause.reason { return fill(reason, entity: entity, formatter: formatter) }
            return program.sources[clause.condition.range.file]?.text(clause.condition.range)
        }
    }

    /// A recommendation or reason with its `{…}` places filled for one entity of `space` (0:
    /// the main level; a group level's space for a group-level rule, Grammar.md 5.14).
    public func fill(_ template: Template, entity: Int, formatter: ValueFormatter, space: Int = 0) -> String {
        fill(template, entities: [entity], formatter: formatter, space: space)[0]
    }

    /// Fills a template for many entities at once, evaluating each `{…}` once. Two places that
    /// would print alike although their values differ get more digits (`formatApart`).
    public func fill(_ template: Template, entities: [Int], formatter: ValueFormatter, space: Int = 0) -> [String] {
        let columns: [Column?] = template.pieces.map { if case .value(let e) = $0 { column(e, in: space) } else { nil } }
        let places = template.pieces.indices.filter { columns[$0] != nil }
        let formatter = template.formatter(default: formatter)
        return entities.map { entity in
            var texts = template.pieces.map { piece -> String in
                if case .text(let part) = piece { return part }
                return ""
            }
            var values: [Value] = []
            var types: [ValueType] = []
            for place in places {
                guard case .value(let expr) = template.pieces[place] else { continue }
                let value = columns[place]!.value(at: entity)
                values.append(value)
                types.append(expr.type)
                texts[place] = formatter.format(value, type: expr.type)
            }
            if places.count > 1 {
                for i in places.indices {
                    for j in places.indices where j > i && texts[places[i]] == texts[places[j]] {
                        // Only a pair that prints apart changes: two places of one value (or
                        // of values that never print apart) keep what earlier pairs gave them.
                        let apart = formatter.formatApart(values[i], types[i], values[j], types[j])
                        if apart.0 != apart.1 { (texts[places[i]], texts[places[j]]) = apart }
                    }
                }
            }
            return texts.joined()
        }
    }
}

extension TypedExpr {
    /// The direct sub-expressions.
    public var children: [TypedExpr] {
        switch kind {
        case .constant, .column, .param, .indicator, .rule, .bands: []
        case .unary(_, let e): [e]
        case .binary(_, let a, let b): [a, b]
        case .between(let e, let low, let high, _): [e, low, high]
        case .inList(let e, let items, _): [e] + items
        case .conditional(let c, let a, let b): [c, a, b]
        case .scalar(_, let arguments): arguments
        case .aggregate(_, let subject, let extra, _): [subject] + (extra.map { [$0] } ?? [])
        case .history(_, let subject, _): [subject]
        case .atLeast(_, let items): items
        case .gather(_, let inner): [inner]
        case .rollup(_, let subject, let extra, _): [subject] + (extra.map { [$0] } ?? [])
        case .aggregateBy(_, let subject, let extra, let keys): [subject] + (extra.map { [$0] } ?? []) + keys
        }
    }
}
