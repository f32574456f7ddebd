// Explanations across levels: a value read from a group level is explained at the group's
// entity (its key shown), and a roll-up names the rows behind it.

extension Explainer {
    /// A gathered value: the inner expression explained at the entity the link finds.
    func gathered(link: Int, _ inner: TypedExpr, _ place: Place) -> ExplanationNode {
        let program = evaluation.fullProgram
        let target = program.links[link].to
        let linked = place.entity.map { Int(evaluation.evaluator.levels.map(link)[$0]) }.flatMap { $0 < 0 ? nil : $0 }
        let found = node(inner, Place(entity: linked, period: place.period, explained: place.explained, space: target))
        // The group the value belongs to: «(муниципалитеты: Южный)», or that none was found.
        let level = program.space(target).kind == .all ? Messages.Explain.allLevel.text(language)
            : program.space(target).title ?? program.space(target).name
        let entities = evaluation.entities(ofSpace: target)
        let which = linked.map { Program.displayKey(entities.key($0)) }.map { $0.isEmpty ? level : level + ": " + $0 }
            ?? level + ": " + Messages.Explain.noPartner.text(language)
        return found.naming(" (" + which + ")")
    }

    /// The group of a roll-up (the level's rows of this entity) and the first few members'
    /// values of the subject.
    func rolledUp(_ subject: TypedExpr, link: Int, _ place: Place) -> (StatisticGroup?, [ExplanationNode]) {
        let program = evaluation.program
        let lower = program.links[link].from
        guard let entity = place.entity else { return (nil, [node(subject, Place(entity: nil, period: place.period, explained: place.explained, space: lower))]) }
        let map = evaluation.evaluator.levels.map(link)
        let members = map.indices.filter { map[$0] == Int32(entity) }
        let values = column(subject, in: lower)
        let known = members.filter { !values.isMissing(at: $0) }
        let levelName = program.space(lower).title ?? program.space(lower).name
        let description = "\(levelName): \(members.count)"
        let shown = (known.isEmpty ? Array(members.prefix(1)) : Array(known.prefix(3))).map {
            node(subject, Place(entity: $0, period: place.period, explained: place.explained, space: lower))
        }
        let group = StatisticGroup(columns: [], description: description, size: known.count)
        return (group, shown.isEmpty ? [node(subject, Place(entity: nil, period: place.period, explained: place.explained, space: lower))] : shown)
    }
}

extension Explainer {
    /// A rule's outcome for an entity of any space.
    func outcome(rule: Int, entity: Int, space: Int) -> RuleOutcome {
        guard space != 0 else { return evaluation.outcome(rule: rule, entity: entity) }
        return RuleOutcome(rawValue: evaluation.evaluator.levels.evaluator(space).outcomes(of: rule)[entity]) ?? .insufficient
    }
}

extension ExplanationNode {
    /// The node with `suffix` after its name (a column's header, an indicator's or rule's title).
    func naming(_ suffix: String) -> ExplanationNode {
        let renamed: Kind
        switch kind {
        case .column(let name, let header): renamed = .column(name: name, header: header + suffix)
        case .indicator(let name, let title): renamed = .indicator(name: name, title: (title ?? name) + suffix)
        case .rule(let name, let title, let outcome, let reasons): renamed = .rule(name: name, title: (title ?? name) + suffix, outcome: outcome, reasons: reasons)
        case .bands(let name, let title): renamed = .bands(name: name, title: (title ?? name) + suffix)
        default: return self
        }
        return ExplanationNode(expression: expression, kind: renamed, type: type, value: value, display: display, truth: truth,
                               period: period, missing: missing, group: group, earlier: earlier, children: children)
    }
}
