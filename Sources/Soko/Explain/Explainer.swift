// The explainer: for one rule and one entity, the value of every sub-expression of the rule's
// condition and requirements, as an `Explanation` tree. It reads an `Evaluation` and never
// changes it; sentences are made from the tree by Explanation+Text.swift.

/// Builds explanations of rule outcomes from a finished evaluation.
///
/// Sub-expressions are evaluated as whole columns through `Evaluation.column(_:)` and read at
/// the explained entity; columns are cached for the explainer's lifetime, so explaining every
/// rule of one school evaluates each sub-expression once.
public struct Explainer {
    public let evaluation: Evaluation
    public let language: Language
    let formatter: ValueFormatter
    private let cache = ColumnCache()

    public init(evaluation: Evaluation, language: Language) {
        self.evaluation = evaluation
        self.language = language
        formatter = ValueFormatter(language: language)
    }

    /// Why the rule (an index into `Program.rules`) came out as it did for the entity.
    public func explain(rule index: Int, entity: Int) -> Explanation {
        let program = evaluation.program
        let rule = program.rules[index]
        let period = evaluation.entities.period(entity)
        let place = Place(entity: entity, period: period, explained: period)
        let outcome = evaluation.outcome(rule: index, entity: entity)
        let check = { (requirement: Requirement) in
            RequirementCheck(condition: node(requirement.condition, place),
                             reason: requirement.reason.map { evaluation.fill($0, entity: entity, formatter: formatter) })
        }
        let applicability = rule.applicability.map(check)
        let requirements = rule.requirements.map(check)
        let recommendations = outcome == .fired
            ? rule.recommendations.map { evaluation.fill($0, entity: entity, formatter: formatter) } : []
        return Explanation(rule: index, ruleName: rule.name, ruleTitle: rule.title, severity: rule.severity,
                           entity: entity, key: evaluation.entities.displayKey(entity), period: period, label: evaluation.label(entity),
                           outcome: outcome, condition: node(rule.condition, place), applicability: applicability,
                           requirements: requirements,
                           recommendations: recommendations,
                           missing: outcome == .insufficient ? evaluation.missingInputs(rule: index, entity: entity) : [],
                           language: language)
    }

    /// The entities of one school (by key), in period order; empty when there is no such key.
    public func entities(ofKey key: String) -> [Int] {
        let entities = evaluation.entities
        guard let first = entities.entity(key: key, period: nil) else { return [] }
        var result = [first]
        var next = first + 1
        while next < entities.count, entities.keyIndex[next] == entities.keyIndex[first] {
            result.append(next)
            next += 1
        }
        return result
    }

    // MARK: The tree

    /// Where a node is evaluated: an entity (nil when the school has no row for that period),
    /// the period it stands for, and the explained entity's period.
    struct Place {
        let entity: Int?
        let period: Int?
        let explained: Int?
        /// The space (level) `entity` belongs to; 0 is the main level.
        var space = 0

        func moved(to entity: Int?, period: Int?) -> Place {
            Place(entity: entity, period: period, explained: explained, space: space)
        }
    }

    /// The node of one sub-expression with its children.
    func node(_ expr: TypedExpr, _ place: Place) -> ExplanationNode {
        let program = evaluation.fullProgram
        if case .gather(let link, let inner) = expr.kind {
            return gathered(link: link, inner, place)
        }
        let value = place.entity.map { column(expr, in: place.space).value(at: $0) } ?? .missing
        var children: [ExplanationNode] = []
        var missing: [String] = []
        var group: StatisticGroup?
        var earlier: EarlierValue?
        let kind: ExplanationNode.Kind
        switch expr.kind {
        case .constant:
            kind = .constant
        case .column(let ref):
            let column = program.datasets[ref.dataset].columns[ref.column]
            kind = .column(name: column.name, header: column.header)
            if value == .missing { missing = [column.header] }
        case .param(let index):
            kind = .param(name: program.params[index].name, title: program.params[index].description)
        case .indicator(let index):
            let indicator = program.indicators[index]
            kind = .indicator(name: indicator.name, title: indicator.title)
            children = [node(indicator.value, place)]
        case .rule(let index):
            let rule = program.rules[index]
            let outcome = place.entity.map { self.outcome(rule: index, entity: $0, space: place.space) } ?? .insufficient
            kind = .rule(name: rule.name, title: rule.title, outcome: outcome, reasons: unmetReasons(rule, place))
            children = [node(rule.condition, place)]
        case .bands(let index):
            let bands = program.bands[index]
            kind = .bands(name: bands.name, title: bands.title)
            children = [node(bands.subject, place)]
        case .unary(let op, let operand):
            kind = op == .not ? .not : .negate
            children = [node(operand, place)]
        case .binary(let op, let left, let right):
            switch op {
            case .and, .or: kind = .logic(op)
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: kind = .comparison(op)
            case .add, .subtract, .multiply, .divide: kind = .arithmetic(op)
            }
            children = [node(left, place), node(right, place)]
        case .between(let subject, let low, let high, let negated):
            kind = .between(negated: negated)
            children = [subject, low, high].map { node($0, place) }
        case .inList(let subject, let items, let negated):
            kind = .inList(negated: negated)
            children = ([subject] + items).map { node($0, place) }
        case .conditional(let condition, let then, let otherwise):
            kind = .conditional
            children = [condition, then, otherwise].map { node($0, place) }
        case .scalar(let function, let arguments):
            kind = .function(function)
            children = arguments.map { node($0, place) }
        case .aggregate(let function, let subject, let extra, let groups):
            kind = .statistic(function)
            children = [node(subject, place)] + (extra.map { [node($0, place)] } ?? [])
            if let entity = place.entity {
                group = statisticGroup(subject: subject, groups: groups, entity: entity)
                missing = group?.columns.filter { $0.value == .missing }.map(\.column) ?? []
            }
        case .history(let function, let subject, let count):
            let periods = count.whole(evaluation.parameterValues)
            kind = .history(function, periods: periods)
            guard let entity = place.entity, let now = place.period else {
                children = [node(subject, place)]
                break
            }
            switch function {
            case .prev, .change:
                let then = now - (function == .change ? 1 : periods)
                let thenEntity = evaluation.entities.entity(key: evaluation.entities.key(entity), period: then)
                let thenNode = node(subject, place.moved(to: thenEntity, period: then))
                earlier = EarlierValue(period: then, found: thenEntity != nil, value: thenNode.value, display: thenNode.display)
                children = function == .prev ? [thenNode] : [node(subject, place), thenNode]
            default:
                children = window(of: entity, periods: periods).map { other in
                    node(subject, place.moved(to: other, period: evaluation.entities.period(other)))
                }
            }
        case .atLeast(let count, let items):
            let needed = count.whole(evaluation.parameterValues)
            kind = .atLeast(needed)
            children = items.map { node($0, place) }
        case .gather(_, let inner):
            kind = .conditional
            children = [node(inner, place)]
        case .rollup(let function, let subject, let extra, let link):
            kind = .statistic(function)
            (group, children) = rolledUp(subject, link: link, place)
            children += extra.map { [node($0, place)] } ?? []
        case .aggregateBy(let function, let subject, let extra, _):
            kind = .statistic(function)
            children = [node(subject, place)] + (extra.map { [node($0, place)] } ?? [])
        }
        return ExplanationNode(expression: sourceText(expr.range), kind: kind, type: expr.type, value: value,
                               display: formatter.format(value, type: expr.type),
                               truth: expr.type == .flag ? truth(value) : nil,
                               period: place.period == place.explained ? nil : place.period,
                               missing: missing, group: group, earlier: earlier, children: children)
    }

    /// The reasons of a named rule's unmet `applies` and `require` clauses (the clause itself
    /// when it gives no reason): why it is undecided or does not apply.
    func unmetReasons(_ rule: Rule, _ place: Place) -> [String] {
        guard let entity = place.entity else { return [] }
        let applies = rule.applicability.map { column($0.condition).value(at: entity) }
        // Where an `applies` clause is false, only those clauses say why; require is not reached.
        let clauses = applies.contains(.flag(false))
            ? zip(rule.applicability, applies).filter { $0.1 == .flag(false) }.map(\.0)
            : rule.applicability + rule.requirements
        return clauses.compactMap { requirement in
            guard column(requirement.condition).value(at: entity) != .flag(true) else { return nil }
            if let reason = requirement.reason { return evaluation.fill(reason, entity: entity, formatter: formatter) }
            return Messages.Explain.unmetRequirement(sourceText(requirement.condition.range)).text(language)
        }
    }

    /// The group of a statistic for one entity: its `by` values and how many entities of the
    /// group have a known subject value.
    func statisticGroup(subject: TypedExpr, groups: [ColumnRef], entity: Int) -> StatisticGroup {
        let program = evaluation.program
        let groupColumns = groups.map(dataColumn)
        let members = zip(groups, groupColumns).map { ref, column in
            let declared = program.datasets[ref.dataset].columns[ref.column]
            let value = column.value(at: entity)
            return StatisticGroup.Member(column: declared.header, value: value,
                                         display: formatter.format(value, type: ValueType(declared.type)))
        }
        var size = 0
        if members.allSatisfy({ $0.value != .missing }) {
            let subjectColumn = column(subject)
            for other in 0..<evaluation.entities.count where !subjectColumn.isMissing(at: other) {
                if zip(groupColumns, members).allSatisfy({ $0.value(at: other) == $1.value }) { size += 1 }
            }
        }
        let description = groups.isEmpty
            ? Messages.Explain.allSchools.text(language)
            : members.map { "\($0.column) = \($0.display)" }.joined(separator: ", ")
        return StatisticGroup(columns: members, description: description, size: size)
    }

    /// The entities of the same school in the last `periods` periods up to this one, oldest first.
    func window(of entity: Int, periods: Int) -> [Int] {
        let entities = evaluation.entities
        guard let now = entities.period(entity) else { return [entity] }
        var result: [Int] = []
        var other = entity
        while other >= 0, entities.keyIndex[other] == entities.keyIndex[entity], let period = entities.period(other), period > now - periods {
            result.append(other)
            other -= 1
        }
        return result.reversed()
    }

    func truth(_ value: Value) -> Truth {
        switch value {
        case .flag(true): .yes
        case .flag(false): .no
        default: .unknown
        }
    }

    func sourceText(_ range: SourceRange) -> String {
        evaluation.program.sources[range.file]?.text(range) ?? ""
    }

    // MARK: Columns

    /// An expression's column, evaluated once per explainer.
    func column(_ expr: TypedExpr, in space: Int = 0) -> Column {
        if let column = cache.columns[expr] { return column }
        let column = space == 0 ? evaluation.column(expr) : evaluation.evaluator.levels.evaluator(space).cachedColumn(expr)
        cache.columns[expr] = column
        return column
    }

    /// A dataset column in entity order.
    func dataColumn(_ ref: ColumnRef) -> Column {
        let declared = evaluation.program.datasets[ref.dataset].columns[ref.column]
        return column(TypedExpr(.column(ref), ValueType(declared.type), .none))
    }
}

/// Columns already evaluated by an explainer. A class so that `Explainer` stays a value with
/// non-mutating methods; an explainer is used from one thread.
private final class ColumnCache {
    var columns: [TypedExpr: Column] = [:]
}
