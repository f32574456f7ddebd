// One entity of the JSON report as bytes: every fixed piece (member names with their
// indentation, a rule's name and severity) is prepared once, so that writing an entity is
// mostly copying.

extension JSONReport {
    struct EntityWriter {
        let evaluation: Evaluation
        let summary: Summary
        let explanations: ((Int, Int) -> JSON)?
        let pretty: Bool
        let formatter: ValueFormatter
        /// A line break and the indentation of each depth (empty for compact lines).
        let newline: [[UInt8]]
        private let indicatorColumns: [Column]
        private let labelColumns: [Column]
        private let entityMembers: (key: [UInt8], period: [UInt8], label: [UInt8], group: [UInt8], status: [UInt8],
                                    indicators: [UInt8], rules: [UInt8])
        /// The summary's group column (municipality), shown as `group` in every entity.
        private let groupColumn: Column?
        /// Per indicator and bands: true for a date indicator (written as a date, not a number).
        private let isDate: [Bool]
        /// Per indicator and bands: `"name": ` at its depth.
        private let indicatorNames: [[UInt8]]
        /// Per rule: `{"rule": "name", "outcome": ` at its depth.
        private let rulePrefix: [[UInt8]]
        /// Per rule, for JSON Lines: `{"rule":"name"`.
        private let linePrefix: [[UInt8]]
        /// Per outcome: its quoted name.
        private let outcomeNames: [[UInt8]]
        /// Per rule: `, "severity": "high", "recommendations": ` at its depth.
        private let firedMiddle: [[UInt8]]
        private let missingName: [UInt8]
        private let reasonsName: [UInt8]
        private let explanationName: [UInt8]
        /// The end of a rule object, of the rules array and of the entity.
        private let ruleEnd: [UInt8]
        private let rulesEnd: [UInt8]
        private let entityEnd: [UInt8]
        /// Per status (flagged, insufficient, clean, not applicable): its quoted name.
        private let statusNames: [[UInt8]]
        /// Per rule: its whole object when it did not fire, with the comma and line break
        /// before it (for every rule but the first).
        private let silentObjects: [[UInt8]]
        private let outcomes: [[UInt8]]
        /// Per rule: the entities it fired for, ascending, and their filled recommendations
        /// (per template, per position); `cursor` walks them as entities are written in order.
        private let fired: [[Int]]
        private let recommendations: [[[String]]]
        private var cursor: [Int]
        /// Per rule: the filled reasons of unmet requirements, for the entities that have any.
        private let reasons: [[Int: [String]]]
        private let missing: [(Int) -> [String]]

        init(evaluation: Evaluation, summary: Summary, language: Language, pretty: Bool, explanations: ((Int, Int) -> JSON)?) {
            self.evaluation = evaluation
            self.summary = summary
            self.explanations = explanations
            self.pretty = pretty
            let program = evaluation.program
            let formatter = ValueFormatter(language: language)
            self.formatter = formatter
            let newline: [[UInt8]] = (0..<8).map { depth in pretty ? [10] + [UInt8](repeating: 32, count: 2 * depth) : [] }
            self.newline = newline
            let colon: [UInt8] = pretty ? Array(": ".utf8) : [UInt8(ascii: ":")]
            func name(_ text: String, depth: Int, first: Bool = false) -> [UInt8] {
                var bytes: [UInt8] = first ? [] : [UInt8(ascii: ",")]
                bytes += newline[depth]
                ByteFormat.appendJSONString(text, to: &bytes)
                return bytes + colon
            }
            func quoted(_ text: String) -> [UInt8] {
                var bytes: [UInt8] = []
                ByteFormat.appendJSONString(text, to: &bytes)
                return bytes
            }
            // The entity object's members are at depth 3, its indicators and rules at 4, a
            // rule's members at 5 and its recommendations at 6.
            entityMembers = (Array("{".utf8) + name("key", depth: 3, first: true), name("period", depth: 3), name("label", depth: 3),
                             name("group", depth: 3), name("status", depth: 3), name("indicators", depth: 3), name("rules", depth: 3))
            groupColumn = summary.groupBy.map { evaluation.evaluator.column($0) }
            isDate = program.indicators.map { $0.value.type == .date } + program.bands.map { _ in false }
            indicatorColumns = program.indicators.indices.map { evaluation.indicatorColumn($0) }
                + program.bands.indices.map { evaluation.bandsColumn($0) }
            indicatorNames = (program.indicators.map(\.name) + program.bands.map(\.name)).enumerated().map { position, text in
                name(text, depth: 4, first: position == 0)
            }
            labelColumns = program.datasets.indices.compactMap { index in
                program.datasets[index].labelColumn.map { evaluation.evaluator.column(ColumnRef(dataset: index, column: $0)) }
            }
            let rulePrefix = program.rules.map { rule in
                Array("{".utf8) + name("rule", depth: 5, first: true) + quoted(rule.name) + name("outcome", depth: 5)
            }
            self.rulePrefix = rulePrefix
            linePrefix = program.rules.map { Array("{\"rule\":".utf8) + quoted($0.name) }
            let outcomeNames = [RuleOutcome.silent, .fired, .insufficient, .notApplicable].map { quoted(JSONReport.outcomeName($0)) }
            self.outcomeNames = outcomeNames
            firedMiddle = program.rules.map { rule in
                name("severity", depth: 5) + quoted(rule.severity.english) + name("recommendations", depth: 5)
            }
            missingName = name("missing", depth: 5)
            reasonsName = name("reasons", depth: 5)
            explanationName = name("explanation", depth: 5)
            let ruleEnd = newline[4] + Array("}".utf8)
            self.ruleEnd = ruleEnd
            rulesEnd = newline[3] + Array("]".utf8)
            entityEnd = newline[2] + Array("}".utf8)
            statusNames = [EntityStatus.flagged, .insufficient, .clean, .notApplicable].map { quoted($0.rawValue) }
            silentObjects = program.rules.indices.map { rule in
                (rule > 0 ? [UInt8(ascii: ",")] : []) + newline[4] + rulePrefix[rule] + outcomeNames[0] + ruleEnd
            }

            let outcomes = program.rules.indices.map { evaluation.outcomes(ofRule: $0) }
            self.outcomes = outcomes
            let count = evaluation.entities.count
            // Recommendations and reasons are filled per rule for all its entities at once:
            // each `{…}` is evaluated over the whole table, so one entity at a time would be
            // quadratic.
            var fired: [[Int]] = []
            var recommendations: [[[String]]] = []
            var reasons: [[Int: [String]]] = []
            for (index, rule) in program.rules.enumerated() {
                let entities = rule.recommendations.isEmpty ? [] : (0..<count).filter { outcomes[index][$0] == RuleOutcome.fired.rawValue }
                fired.append(entities)
                recommendations.append(rule.recommendations.map { evaluation.fill($0, entities: entities, formatter: formatter) })
                var unmet: [Int: [String]] = [:]
                if rule.requirements.contains(where: { $0.reason != nil }) {
                    let undecided = (0..<count).filter { outcomes[index][$0] == RuleOutcome.insufficient.rawValue }
                    let texts = evaluation.unmetRequirements(rule: index, entities: undecided, formatter: formatter)
                    for (position, entity) in undecided.enumerated() where !texts[position].isEmpty { unmet[entity] = texts[position] }
                }
                reasons.append(unmet)
            }
            self.fired = fired
            self.recommendations = recommendations
            self.reasons = reasons
            cursor = Array(repeating: 0, count: program.rules.count)
            missing = program.rules.indices.map { evaluation.missingInputsFinder(rule: $0) }
        }

        /// Appends the entity's object (without a line break before or after it).
        mutating func write(_ entity: Int, to out: inout [UInt8]) {
            let entities = evaluation.entities
            out += entityMembers.key
            ByteFormat.appendJSONString(entities.displayKey(entity), to: &out)
            if let period = entities.period(entity) {
                out += entityMembers.period
                ByteFormat.appendInteger(period, to: &out)
            }
            out += entityMembers.label
            if let label = label(entity) { ByteFormat.appendJSONString(label, to: &out) } else { out += ByteFormat.nullBytes }
            if let groupColumn {
                out += entityMembers.group
                JSONReport.appendValue(groupColumn, entity, to: &out)
            }
            out += entityMembers.status
            switch summary.statuses[entity] {
            case .flagged: out += statusNames[0]
            case .insufficient: out += statusNames[1]
            case .clean: out += statusNames[2]
            case .notApplicable: out += statusNames[3]
            }
            out += entityMembers.indicators
            if indicatorColumns.isEmpty {
                out += Array("{}".utf8)
            } else {
                out.append(UInt8(ascii: "{"))
                for (index, column) in indicatorColumns.enumerated() {
                    out += indicatorNames[index]
                    if isDate[index], case .number(let days) = column.value(at: entity) {
                        ByteFormat.appendJSONString(CalendarDates.format(days, language: .en), to: &out)
                    } else {
                        JSONReport.appendValue(column, entity, to: &out)
                    }
                }
                out += newline[3]
                out.append(UInt8(ascii: "}"))
            }
            if !pretty {
                writeOutcomeLists(entity, to: &out)
                out.append(UInt8(ascii: "}"))
                return
            }
            out += entityMembers.rules
            if outcomes.isEmpty {
                out += Array("[]".utf8)
            } else {
                out.append(UInt8(ascii: "["))
                for rule in outcomes.indices {
                    if outcomes[rule][entity] == RuleOutcome.silent.rawValue {
                        out += silentObjects[rule]
                        continue
                    }
                    if rule > 0 { out.append(UInt8(ascii: ",")) }
                    out += newline[4]
                    writeRule(rule, entity, to: &out)
                }
                out += rulesEnd
            }
            out += entityEnd
        }

        private func label(_ entity: Int) -> String? {
            for column in labelColumns {
                if case .text(let text) = column.value(at: entity) { return text }
            }
            return nil
        }

        /// JSON Lines: the rules that fired, could not be decided or do not apply, each in a
        /// list of its own; a rule in none of them stayed silent.
        private mutating func writeOutcomeLists(_ entity: Int, to out: inout [UInt8]) {
            for (outcome, name) in [(RuleOutcome.fired, "fired"), (.insufficient, "insufficient_data"), (.notApplicable, "not_applicable")] {
                out += Array(",\"\(name)\":[".utf8)
                var first = true
                for rule in outcomes.indices where outcomes[rule][entity] == outcome.rawValue {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    out += linePrefix[rule]
                    writeDetails(rule, entity, outcome, to: &out)
                    out.append(UInt8(ascii: "}"))
                }
                out.append(UInt8(ascii: "]"))
            }
        }

        private mutating func writeRule(_ rule: Int, _ entity: Int, to out: inout [UInt8]) {
            let outcome = outcomes[rule][entity]
            out += rulePrefix[rule]
            out += outcomeNames[Int(min(outcome, 3))]
            writeDetails(rule, entity, RuleOutcome(rawValue: outcome) ?? .insufficient, to: &out)
            out += ruleEnd
        }

        /// What follows a rule's outcome: severity and recommendations (and the explanation)
        /// when it fired, missing inputs and reasons when it could not be decided, reasons when
        /// it does not apply.
        private mutating func writeDetails(_ rule: Int, _ entity: Int, _ outcome: RuleOutcome, to out: inout [UInt8]) {
            switch outcome {
            case .fired:
                out += firedMiddle[rule]
                var texts: [String] = []
                if !recommendations[rule].isEmpty {
                    // `fired` lists the entities in order: the cursor is at this one.
                    let position = cursor[rule]
                    cursor[rule] += 1
                    texts = recommendations[rule].map { $0[position] }
                }
                appendStrings(texts, depth: 5, to: &out)
                if let explanations {
                    out += explanationName
                    out += Array(explanations(rule, entity).serialized(pretty: pretty, indent: 5).utf8)
                }
            case .insufficient:
                out += missingName
                appendStrings(missing[rule](entity), depth: 5, to: &out)
                if let reasons = reasons[rule][entity] {
                    out += reasonsName
                    appendStrings(reasons, depth: 5, to: &out)
                }
            case .notApplicable:
                let reasons = evaluation.inapplicabilityReasons(rule: rule, entity: entity, formatter: formatter)
                if !reasons.isEmpty {
                    out += reasonsName
                    appendStrings(reasons, depth: 5, to: &out)
                }
            case .silent:
                break
            }
        }

        /// An array of strings whose opening bracket is at `depth`.
        private func appendStrings(_ texts: [String], depth: Int, to out: inout [UInt8]) {
            guard !texts.isEmpty else {
                out += Array("[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (index, text) in texts.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out += newline[depth + 1]
                ByteFormat.appendJSONString(text, to: &out)
            }
            out += newline[depth]
            out.append(UInt8(ascii: "]"))
        }
    }

    static let trueBytes: [UInt8] = Array("true".utf8)
    static let falseBytes: [UInt8] = Array("false".utf8)

    /// A column's value for one entity as JSON: numbers raw, missing as `null`.
    static func appendValue(_ column: Column, _ entity: Int, to out: inout [UInt8]) {
        switch column {
        case .numbers(let values):
            ByteFormat.appendJSONNumber(values[entity], to: &out)
        case .flags(let values):
            switch values[entity] {
            case Truth.yes.rawValue: out += trueBytes
            case Truth.no.rawValue: out += falseBytes
            default: out += ByteFormat.nullBytes
            }
        case .texts, .constant:
            switch column.value(at: entity) {
            case .number(let x): ByteFormat.appendJSONNumber(x, to: &out)
            case .text(let text): ByteFormat.appendJSONString(text, to: &out)
            case .flag(let b): out += b ? trueBytes : falseBytes
            case .missing: out += ByteFormat.nullBytes
            }
        }
    }
}
