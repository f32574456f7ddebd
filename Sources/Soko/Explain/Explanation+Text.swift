// An explanation as plain sentences: a headline "school, period: reason → outcome", then, for
// compound conditions, one line per part marked [да]/[нет]/[?]. The words come from
// Messages+Explain.swift; this file only decides which pieces to join.

extension Explanation {
    /// The explanation as sentences in its language, lines separated by "\n" (no final one).
    ///
    /// The first line says what decided the outcome, e.g. «МБОУ СОШ №5, 2024: индекс
    /// неподтверждения медалистов 30,0 % (3 из 10) выше порога 10,0 % → сработало правило
    /// «Неподтверждение медалистов» (уровень: высокий)». When `detailed`, lines follow for
    /// every part of a compound condition (which held, which failed, which are unknown and for
    /// lack of which data), for unmet `require` clauses, and the filled-in recommendations.
    public func text(detailed: Bool = true) -> String {
        Phrasing(language: language, period: period).render(self, detailed: detailed)
    }
}

/// Turns explanation nodes into phrases of one language.
struct Phrasing {
    typealias Words = Messages.Explain

    let language: Language
    /// The explained period; nodes of other periods carry their own.
    let period: Int?
    let formatter: ValueFormatter

    init(language: Language, period: Int?) {
        self.language = language
        self.period = period
        formatter = ValueFormatter(language: language)
    }

    func say(_ message: Message) -> String { message.text(language) }

    func render(_ explanation: Explanation, detailed: Bool) -> String {
        let who = ([explanation.label ?? explanation.key] + (explanation.period.map { [String($0)] } ?? [])).joined(separator: ", ")
        let rule = explanation.ruleDisplayName
        var lines: [String] = []
        let unmet = explanation.unmetRequirements
        if explanation.outcome == .notApplicable {
            // The rule is not about this school: say which `applies` clause excludes it.
            let reasons = explanation.unmetApplicability.map { check in
                check.reason.flatMap { $0.isEmpty ? nil : $0 } ?? say(Words.unmetApplicability(check.condition.expression))
            }
            lines.append(who + ": " + say(Words.notApplicable(rule, because: reasons.joined(separator: "; ")))
                         + " → " + say(Words.notApplicableShort))
            if detailed {
                for check in explanation.unmetApplicability {
                    lines.append("  " + say(Words.unmetApplicability(check.condition.expression)) + ": " + statement(check.condition))
                    lines += parts(of: check.condition, depth: 2)
                }
            }
        } else if explanation.outcome == .insufficient, !unmet.isEmpty {
            // The rule was not judged: say why, from the clauses' own reasons.
            // The clause's own reason is true only where its condition is false; where it is
            // unknown, the statement below names the missing data instead.
            let reasons = unmet.map { check in
                (check.condition.truth == .no ? check.reason.flatMap { $0.isEmpty ? nil : $0 } : nil)
                    ?? say(Words.unmetRequirement(check.condition.expression))
            }
            lines.append(who + ": " + say(Words.notJudged(rule, because: reasons.joined(separator: "; "))) + " → " + say(Words.insufficientShort))
            if detailed {
                for check in unmet {
                    lines.append("  " + say(Words.unmetRequirement(check.condition.expression)) + ": " + statement(check.condition))
                    lines += parts(of: check.condition, depth: 2)
                }
            }
        } else {
            let outcome: Message
            switch explanation.outcome {
            case .fired: outcome = Words.fired(rule, severity: explanation.severity)
            case .silent: outcome = Words.silent(rule)
            case .insufficient: outcome = Words.insufficient(rule)
            case .notApplicable: outcome = Words.notApplicableShort
            }
            lines.append(who + ": " + statement(explanation.condition) + " → " + say(outcome))
            if detailed { lines += parts(of: explanation.condition, depth: 1) }
        }
        if detailed {
            lines += explanation.recommendations.map { "  " + say(Words.recommendation) + $0 }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Conditions

    /// One clause about a condition: a fact for a comparison, a count of parts for a compound.
    func statement(_ node: ExplanationNode) -> String {
        switch node.kind {
        case .logic, .atLeast:
            return summary(node)
        case .not:
            // A fact reads the same under `not`; a count of parts would mislead, so it is
            // flagged as negated. (Under a marker, `parts` flags every negation.)
            let inner = node.children[0]
            return (isCompound(inner) ? say(Words.negated) : "") + statement(inner)
        case .rule(let name, let title, let outcome, let reasons):
            let head: Message
            switch outcome {
            case .fired: head = Words.ruleFired(title ?? name)
            case .silent: head = Words.ruleSilent(title ?? name)
            case .insufficient: head = Words.ruleInsufficient(title ?? name)
            case .notApplicable: head = Words.ruleNotApplicable(title ?? name)
            }
            if !reasons.isEmpty { return say(head) + ": " + reasons.joined(separator: "; ") }
            return say(head) + ": " + statement(node.children[0])
        case .indicator where node.type == .flag:
            return self.name(node) + ": " + statement(node.children[0])
        case .comparison(let op):
            return comparison(node, op)
        case .between(let negated):
            return between(node, negated: negated)
        case .inList(let negated):
            let subject = node.children[0]
            guard let truth = node.truth, truth != .unknown else { return name(subject) + unknownSuffix(node) }
            let items = node.children.dropFirst().map(\.display).joined(separator: ", ")
            return name(subject) + ": " + subject.display + " — " + say(Words.inList(items, inside: (truth == .yes) != negated))
        case .function(.isMissing):
            return name(node.children[0]) + ": " + say(node.truth == .yes ? Words.noData : Words.dataPresent)
        default:
            if node.truth == .unknown || node.isMissing { return name(node) + unknownSuffix(node) }
            return name(node) + ": " + node.display
        }
    }

    /// A condition made of parts (`and`, `or`, `at least`), possibly under `not`.
    func isCompound(_ node: ExplanationNode) -> Bool {
        switch node.kind {
        case .logic, .atLeast: true
        case .not: isCompound(node.children[0])
        default: false
        }
    }

    /// Lines for the parts of a compound condition, indented by `depth` steps of two spaces.
    func parts(of node: ExplanationNode, depth: Int) -> [String] {
        switch node.kind {
        case .logic, .atLeast:
            let indent = String(repeating: "  ", count: depth)
            return items(of: node).flatMap { item in
                // Beside a [да]/[нет] marker a negated fact must say so: «[да] лицей или
                // гимназия» for `не lyceum` would read as "yes, it is a lyceum".
                let negatedFact = item.kind == .not && !isCompound(item.children[0])
                let text = (negatedFact ? say(Words.negated) : "") + statement(item)
                return [indent + marker(item) + " " + text] + parts(of: item, depth: depth + 1)
            }
        case .not:
            return parts(of: node.children[0], depth: depth)
        case .rule(_, _, _, let reasons) where reasons.isEmpty:
            return parts(of: node.children[0], depth: depth)
        case .indicator where node.type == .flag:
            return parts(of: node.children[0], depth: depth)
        default:
            return []
        }
    }

    /// The parts of `and`/`or` (a chain of the same operator counts as one list) or `at least`.
    func items(of node: ExplanationNode) -> [ExplanationNode] {
        guard case .logic(let op) = node.kind else { return node.children }
        return node.children.flatMap { child -> [ExplanationNode] in
            if case .logic(op) = child.kind { return items(of: child) }
            return [child]
        }
    }

    /// "выполнено 1 из 2 условий, неизвестно 1 (нужны все)".
    func summary(_ node: ExplanationNode) -> String {
        let parts = items(of: node)
        let held = parts.filter { $0.truth == .yes }.count
        let unknown = parts.filter { $0.truth != .yes && $0.truth != .no }.count
        let need: Words.Need
        switch node.kind {
        case .logic(.and): need = .all
        case .atLeast(let n): need = .atLeast(n)
        default: need = .any
        }
        return say(Words.partsHeld(held, of: parts.count, unknown: unknown, need: need))
    }

    func marker(_ node: ExplanationNode) -> String {
        switch node.truth {
        case .yes?: say(Words.markHeld)
        case .no?: say(Words.markFailed)
        default: say(Words.markUnknown)
        }
    }

    /// A comparison as a fact: «индекс 30,0 % (3 из 10) выше порога 10,0 %».
    func comparison(_ node: ExplanationNode, _ op: BinaryOperator) -> String {
        var left = node.children[0]
        var right = node.children[1]
        var op = op
        if [left.type, right.type].contains(where: { $0 == .text || $0 == .flag }) {
            // Yes/no and text: «observers_present: да (а не нет)».
            let expected = isThreshold(right) ? right.display : operand(right)
            guard let truth = node.truth, truth != .unknown else {
                return name(left) + " " + Words.sign(op) + " " + expected + unknownSuffix(node)
            }
            let missed = (op == .equal) == (truth == .no)
            return name(left) + ": " + left.display + (missed ? " " + say(Words.insteadOf(expected)) : "")
        }
        // The threshold goes to the right: `10% < x` reads as `x > 10%`.
        if isThreshold(left), !isThreshold(right) {
            swap(&left, &right)
            op = mirrored(op)
        }
        var mentioned = Set<String>()
        // A share against a computed plain number (`mean + 2 * stddev`) is shown as a share too.
        let unit: ValueType? = left.type == .share || right.type == .share ? .share : nil
        // A value never prints equal to the threshold it crossed: 10,04 % against 10,0 %.
        let types = (unit ?? left.type, unit ?? right.type)
        let apart = formatter.formatApart(left.value, types.0, right.value, types.1)
        if apart != (formatter.format(left.value, type: types.0), formatter.format(right.value, type: types.1)) {
            left = left.displayed(as: apart.0)
            right = right.displayed(as: apart.1)
        }
        let subject = operand(left, focus: nil, unit: unit, mentioned: &mentioned)
        let focus = normalized(left.expression)
        let threshold = isThreshold(right)
        guard let truth = node.truth, truth != .unknown else {
            let other = threshold ? right.display : operand(right, focus: focus, unit: unit, mentioned: &mentioned)
            return subject + " " + Words.sign(op) + " " + other + unknownSuffix(node)
        }
        if threshold {
            return subject + " " + say(Words.againstThreshold(op, held: truth == .yes, right.display, parameter: parameterTitle(right)))
        }
        let other = operand(right, focus: focus, unit: unit, mentioned: &mentioned)
        return subject + " " + say(Words.againstValue(op, held: truth == .yes, other))
    }

    func between(_ node: ExplanationNode, negated: Bool) -> String {
        let subject = node.children[0]
        let bounds = node.children[1...2].map { isThreshold($0) ? $0.display : operand($0) }
        let described = operand(subject)
        guard let truth = node.truth, truth != .unknown else {
            return described + " " + say(Words.between(bounds[0], bounds[1])) + unknownSuffix(node)
        }
        return described + " " + say(Words.within(bounds[0], bounds[1], inside: (truth == .yes) != negated))
    }

    func mirrored(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .greater: .less
        case .less: .greater
        case .greaterEqual: .lessEqual
        case .lessEqual: .greaterEqual
        default: op
        }
    }

    /// A value that does not depend on data: literals and parameters.
    func isThreshold(_ node: ExplanationNode) -> Bool {
        switch node.kind {
        case .constant, .param: true
        case .arithmetic, .negate: node.children.allSatisfy(isThreshold)
        default: false
        }
    }

    func parameterTitle(_ node: ExplanationNode) -> String? {
        if case .param(let name, let title) = node.kind { return title ?? name }
        return nil
    }

    // MARK: Values

    /// A value with what it is: «индекс неподтверждения медалистов 30,0 % (3 из 10)».
    func operand(_ node: ExplanationNode) -> String {
        var mentioned = Set<String>()
        return operand(node, focus: nil, unit: nil, mentioned: &mentioned)
    }

    /// `focus` is the (normalized) text of what is being compared, so that a statistic of the
    /// same thing need not name it again; `mentioned` holds the groups already described in
    /// this phrase, so that «по группе (…)» is said once; `unit` is how to show the result of
    /// a formula that is a plain number.
    func operand(_ node: ExplanationNode, focus: String?, unit: ValueType?, mentioned: inout Set<String>) -> String {
        switch node.kind {
        case .constant:
            return node.display
        case .param:
            return "«" + name(node) + "» " + valueText(node)
        case .column, .indicator, .bands, .rule:
            return name(node) + " " + valueText(node) + ratio(node)
        case .statistic(let function):
            let subject = node.children[0]
            var words = [say(Words.statistic(function, extra: node.children.count > 1 ? node.children[1].display : nil))]
            if focus != normalized(subject.expression) { words.append(say(Words.statisticOf(name(subject)))) }
            if let group = node.group, mentioned.insert(group.description).inserted {
                words.append(group.columns.isEmpty ? say(Words.overAllSchools) : say(Words.overGroup(group.description)))
            }
            return (words + [valueText(node)]).joined(separator: " ")
        case .history(.prev, _):
            let subject = node.children[0]
            guard let then = node.earlier?.period else { break }
            return name(subject) + " " + say(Words.inPeriod(then)) + " " + valueText(node) + ratio(subject)
        case .history(.change, _):
            guard node.children.count == 2, let then = node.earlier?.period else { break }
            let now = node.children[0]
            let past = node.children[1]
            func dated(_ node: ExplanationNode) -> String {
                "\(node.period ?? period ?? 0): " + (node.isMissing ? say(Words.noData) : node.display)
            }
            return say(Words.change(name(now), since: then, node.isMissing ? nil : signed(node), then: dated(past), now: dated(now)))
        case .history(.periodsWith, let periods):
            guard let condition = node.children.first else { break }
            let details = node.children.map { "\($0.period ?? period ?? 0): \($0.display)" }.joined(separator: ", ")
            return say(Words.periodsWith(condition.expression, last: periods, node.display, details))
        case .arithmetic(.divide) where isCountRatio(node):
            return node.expression + " " + valueText(node) + ratio(node)
        case .arithmetic, .negate:
            let written = formula(node, focus: focus, mentioned: &mentioned)
            let result = node.type == .number ? formatter.format(node.value, type: unit ?? .number) : node.display
            return node.isMissing ? written : written + " = " + result
        default:
            break
        }
        return node.expression + " " + valueText(node)
    }

    /// Arithmetic written out with each operand described: «среднее … 47,1 % + 2 × …».
    func formula(_ node: ExplanationNode, focus: String?, mentioned: inout Set<String>) -> String {
        switch node.kind {
        case .arithmetic(let op) where !isCountRatio(node):
            let left = piece(node.children[0], under: op, onTheRight: false, focus: focus, mentioned: &mentioned)
            let right = piece(node.children[1], under: op, onTheRight: true, focus: focus, mentioned: &mentioned)
            return left + " " + Words.sign(op) + " " + right
        case .negate:
            return "−" + piece(node.children[0], under: .multiply, onTheRight: true, focus: focus, mentioned: &mentioned)
        default:
            return operand(node, focus: focus, unit: nil, mentioned: &mentioned)
        }
    }

    /// An operand of a formula, in parentheses where precedence needs them.
    func piece(_ node: ExplanationNode, under parent: BinaryOperator, onTheRight: Bool, focus: String?, mentioned: inout Set<String>) -> String {
        let text = formula(node, focus: focus, mentioned: &mentioned)
        guard case .arithmetic(let op) = node.kind, !isCountRatio(node) else { return text }
        let strength: (BinaryOperator) -> Int = { $0 == .multiply || $0 == .divide ? 2 : 1 }
        let weaker = strength(op) < strength(parent)
        let sameButRight = onTheRight && strength(op) == strength(parent) && (parent == .subtract || parent == .divide)
        return weaker || sameButRight ? "(" + text + ")" : text
    }

    /// A division of two counts: a share shown with «(3 из 10)».
    func isCountRatio(_ node: ExplanationNode) -> Bool {
        guard case .arithmetic(.divide) = node.kind, node.children.count == 2 else { return false }
        return node.children.allSatisfy { $0.type == .count }
    }

    /// « (3 из 10)» for a share of two known counts (directly or through an indicator).
    func ratio(_ node: ExplanationNode) -> String {
        var core = node
        if case .indicator = node.kind, let definition = node.children.first { core = definition }
        guard !node.isMissing, isCountRatio(core), core.children.allSatisfy({ !$0.isMissing }) else { return "" }
        return " " + say(Words.ratio(core.children[0].display, core.children[1].display))
    }

    /// What a node is called: a title (lower-cased mid-sentence), a column header, or its text.
    func name(_ node: ExplanationNode) -> String {
        switch node.kind {
        case .indicator(let name, let title): title.map(lowered) ?? name
        case .column(_, let header): header
        case .param(let name, let title): title ?? name
        case .rule(let name, let title, _, _): "«" + (title ?? name) + "»"
        case .bands(let name, let title): say(Words.bandsLevel(title ?? name))
        default: node.expression
        }
    }

    func valueText(_ node: ExplanationNode) -> String {
        node.isMissing ? say(Words.noDataInParentheses) : node.display
    }

    /// A change with its sign: «+30,0 %».
    func signed(_ node: ExplanationNode) -> String {
        if case .number(let x) = node.value, x > 0 { return "+" + node.display }
        return node.display
    }

    /// "Индекс …" → "индекс …", but "ВПР: …" stays: only a capital followed by a small letter.
    func lowered(_ title: String) -> String {
        guard let first = title.first, first.isUppercase else { return title }
        if let second = title.dropFirst().first, second.isUppercase { return title }
        return first.lowercased() + title.dropFirst()
    }

    /// Source text without spaces, to tell whether two expressions are the same.
    func normalized(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace })
    }

    // MARK: Why a value is missing

    /// A reason for a missing value, found at the bottom of the tree.
    enum Gap: Hashable {
        /// A data column is empty (for another period, when `period` is set).
        case column(String, period: Int?)
        /// The school has no row for that period.
        case noRow(Int)
        case zeroDenominator(String)
        case emptyGroup
    }

    /// ": неизвестно — нет данных в столбце «ege_mean_math»".
    func unknownSuffix(_ node: ExplanationNode) -> String {
        say(Words.unknownBecause(gapText(gaps(node))))
    }

    /// The reasons a node's value is missing: follows only the children that are missing too.
    func gaps(_ node: ExplanationNode) -> [Gap] {
        guard node.isMissing else { return [] }
        switch node.kind {
        case .column(_, let header):
            return [.column(header, period: node.period)]
        case .history(let function, _) where function == .prev || function == .change:
            if let earlier = node.earlier, !earlier.found {
                return [.noRow(earlier.period)] + (function == .change ? gaps(node.children[0]) : [])
            }
        case .arithmetic(.divide):
            if node.children[1].value == .number(0), !node.children[0].isMissing { return [.zeroDenominator(name(node.children[1]))] }
        case .statistic(let function):
            if !node.missing.isEmpty { return node.missing.map { .column($0, period: node.period) } }
            if function == .rank, node.children[0].isMissing { return gaps(node.children[0]) }
            return [.emptyGroup]
        default:
            break
        }
        var found: [Gap] = []
        for gap in node.children.flatMap(gaps) where !found.contains(gap) { found.append(gap) }
        return found
    }

    /// Gaps in words; empty columns of the same period are listed together.
    func gapText(_ gaps: [Gap]) -> String {
        guard !gaps.isEmpty else { return say(Words.notComputed) }
        var texts: [String] = []
        var periodsDone = Set<Int?>()
        for gap in gaps {
            switch gap {
            case .column(_, let period):
                guard periodsDone.insert(period).inserted else { continue }
                let names = gaps.compactMap { gap -> String? in
                    if case .column(let name, period) = gap { return name }
                    return nil
                }
                texts.append(say(Words.noDataInColumns(names, period: period)))
            case .noRow(let period): texts.append(say(Words.noRow(period)))
            case .zeroDenominator(let name): texts.append(say(Words.zeroDenominator(name)))
            case .emptyGroup: texts.append(say(Words.emptyGroup))
            }
        }
        return texts.joined(separator: "; ")
    }
}
