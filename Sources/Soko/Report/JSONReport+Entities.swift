// One entity of the JSON report as bytes, on one line: every fixed piece (member names, a
// rule's name and severity, the quoted keys and the texts of each text column) is prepared
// once into an arena, so that writing an entity is mostly copying; numbers are formatted once
// per distinct value. Several threads may write entities at once, each with its own copy of
// the writer (its own cursors and scratch buffers; the prepared pieces are shared, read-only).

import Foundation

extension JSONReport {
    /// Where a value written for every entity comes from, prepared for writing.
    enum ValueSource {
        case numbers([Double])
        case flags([UInt8])
        /// Text codes and each dictionary entry's quoted text.
        case texts([Int32], [ByteArena.Piece])
        case constant(ByteArena.Piece)
        /// A date indicator: days written as a date.
        case dates(Column)

        init(_ column: Column, isDate: Bool = false, arena: ByteArena) {
            if isDate {
                self = .dates(column)
                return
            }
            switch column {
            case .numbers(let values): self = .numbers(values)
            case .flags(let values): self = .flags(values)
            case .texts(let codes, let dictionary): self = .texts(codes, dictionary.map { arena.addJSONString($0) })
            case .constant(let value):
                var bytes: [UInt8] = []
                JSONReport.appendValue(.constant(value), 0, to: &bytes)
                self = .constant(arena.add(bytes))
            }
        }

        /// The value for `entity`: numbers raw, missing as `null`.
        @inline(__always)
        func write(_ entity: Int, arena: ByteArena, to out: inout ByteWriter) {
            switch self {
            case .numbers(let values): out.appendJSONNumber(values[entity])
            case .flags(let values):
                switch values[entity] {
                case Truth.yes.rawValue: out.append(JSONReport.trueBytes)
                case Truth.no.rawValue: out.append(JSONReport.falseBytes)
                default: out.append(ByteFormat.nullBytes)
                }
            case .texts(let codes, let pieces):
                let code = codes[entity]
                if code < 0 { out.append(ByteFormat.nullBytes) } else { out.append(pieces[Int(code)], of: arena) }
            case .constant(let piece): out.append(piece, of: arena)
            case .dates(let column):
                if case .number(let days) = column.value(at: entity) {
                    out.appendJSONString(CalendarDates.format(days, language: .en))
                } else {
                    var bytes: [UInt8] = []
                    JSONReport.appendValue(column, entity, to: &bytes)
                    out.append(bytes)
                }
            }
        }
    }

    struct EntityWriter {
        let evaluation: Evaluation
        let summary: Summary
        let explanations: ((Int, Int) -> JSON)?
        /// The document's form (every rule with its outcome) or JSON Lines' (three lists).
        let document: Bool
        let formatter: ValueFormatter
        private let arena = ByteArena()
        /// Per key (index into the entities' keys): the quoted key as people read it.
        private let keys: [ByteArena.Piece]
        private let keyIndex: [Int32]
        private let periods: [Int]?
        private let labels: [ValueSource]
        private let group: ValueSource?
        /// Per indicator and bands: where its values come from, and `"name":` before it.
        private let indicators: [(source: ValueSource, name: ByteArena.Piece)]
        private let members: (key: ByteArena.Piece, period: ByteArena.Piece, label: ByteArena.Piece, group: ByteArena.Piece,
                              status: ByteArena.Piece, indicators: ByteArena.Piece, rules: ByteArena.Piece)
        /// Per status (flagged, insufficient, clean, not applicable): `"name"`.
        private let statusNames: [ByteArena.Piece]
        /// Per rule: `{"rule":"name","outcome":` (the document) or `{"rule":"name"` (lines).
        private let rulePrefix: [ByteArena.Piece]
        /// Per outcome (its raw value): `"name"`.
        private let outcomeNames: [ByteArena.Piece]
        /// Per rule: its whole object when it stayed silent (the document).
        private let silentObjects: [ByteArena.Piece]
        /// Per rule: `,"severity":"high","recommendations":`.
        private let firedMiddle: [ByteArena.Piece]
        /// `,"fired":[`, `,"insufficient_data":[` and `,"not_applicable":[` (lines).
        private let listStarts: [ByteArena.Piece]
        private let missingName: ByteArena.Piece
        private let reasonsName: ByteArena.Piece
        private let explanationName: ByteArena.Piece
        /// Per distinct header of a missing input: `"header` (without the closing quote).
        private let headerOpen: [ByteArena.Piece]
        private let outcomes: [[UInt8]]
        /// Per rule: the shown entities it fired for, ascending, and their filled recommendations
        /// (per template, per position); `cursor` walks them as entities are written in
        /// ascending order (a copy of the writer that starts further on walks up to its start).
        private let fired: [[Int]]
        private let recommendations: [[[String]]]
        private var cursor: [Int]
        /// Per rule: the filled reasons of unmet requirements, for the entities that have any.
        private let reasons: [[Int: [String]]]
        /// Held while the evaluation fills the reasons of a rule that does not apply: it keeps
        /// a cache of columns, so one thread at a time.
        private let evaluationLock = NSLock()
        private let missing: MissingInputs
        private var missingNames: [MissingInputs.Name] = []
        private var missingTexts: [String] = []
        /// The outcomes of the entity being written (JSON Lines).
        private var entityOutcomes: [UInt8] = []

        init(evaluation: Evaluation, summary: Summary, language: Language, document: Bool, explanations: ((Int, Int) -> JSON)?) {
            self.evaluation = evaluation
            self.summary = summary
            self.explanations = explanations
            self.document = document
            let program = evaluation.program
            let formatter = ValueFormatter(language: language)
            self.formatter = formatter
            let arena = arena
            func quoted(_ text: String) -> [UInt8] {
                var bytes: [UInt8] = []
                ByteFormat.appendJSONString(text, to: &bytes)
                return bytes
            }
            func name(_ text: String, first: Bool = false) -> [UInt8] {
                (first ? [] : [UInt8(ascii: ",")]) + quoted(text) + [UInt8(ascii: ":")]
            }
            let entities = evaluation.entities
            keys = entities.keys.map { arena.addJSONString(ByteFormat.displayKey($0)) }
            keyIndex = entities.keyIndex
            periods = entities.periods
            members = (arena.add([UInt8(ascii: "{")] + name("key", first: true)), arena.add(name("period")), arena.add(name("label")),
                       arena.add(name("group")), arena.add(name("status")), arena.add(name("indicators")), arena.add(name("rules")))
            group = summary.groupBy.map { ValueSource(evaluation.evaluator.column($0), arena: arena) }
            let isDate = program.indicators.map { $0.value.type == .date } + program.bands.map { _ in false }
            let columns = program.indicators.indices.map { evaluation.indicatorColumn($0) } + program.bands.indices.map { evaluation.bandsColumn($0) }
            indicators = (program.indicators.map(\.name) + program.bands.map(\.name)).enumerated().map { position, text in
                (ValueSource(columns[position], isDate: isDate[position], arena: arena), arena.add(name(text, first: position == 0)))
            }
            labels = program.datasets.indices.compactMap { index in
                program.datasets[index].labelColumn.map { ValueSource(evaluation.evaluator.column(ColumnRef(dataset: index, column: $0)), arena: arena) }
            }
            statusNames = [EntityStatus.flagged, .insufficient, .clean, .notApplicable].map { arena.add(quoted($0.rawValue)) }
            let outcomeTexts = [RuleOutcome.silent, .fired, .insufficient, .notApplicable].map { quoted(JSONReport.outcomeName($0)) }
            outcomeNames = outcomeTexts.map { arena.add($0) }
            rulePrefix = program.rules.map { rule in
                arena.add([UInt8(ascii: "{")] + name("rule", first: true) + quoted(rule.name) + (document ? name("outcome") : []))
            }
            silentObjects = program.rules.indices.map { rule in
                arena.add((rule > 0 ? [UInt8(ascii: ",")] : []) + [UInt8(ascii: "{")] + name("rule", first: true)
                          + quoted(program.rules[rule].name) + name("outcome") + outcomeTexts[0] + [UInt8(ascii: "}")])
            }
            firedMiddle = program.rules.map { rule in arena.add(name("severity") + quoted(rule.severity.english) + name("recommendations")) }
            listStarts = ["fired", "insufficient_data", "not_applicable"].map { arena.add(name($0) + [UInt8(ascii: "[")]) }
            missingName = arena.add(name("missing"))
            reasonsName = arena.add(name("reasons"))
            explanationName = arena.add(name("explanation"))
            let missing = MissingInputs(evaluation)
            self.missing = missing
            headerOpen = missing.headers.map { arena.add(Array(quoted($0).dropLast())) }

            let outcomes = program.rules.indices.map { evaluation.outcomes(ofRule: $0) }
            self.outcomes = outcomes
            let count = entities.count
            // Recommendations and reasons are filled per rule for all its entities at once:
            // each `{…}` is evaluated over the whole table, so one entity at a time would be
            // quadratic.
            var fired: [[Int]] = []
            var recommendations: [[[String]]] = []
            var reasons: [[Int: [String]]] = []
            for (index, rule) in program.rules.enumerated() {
                let entities = rule.recommendations.isEmpty ? [] : (0..<count).filter {
                    summary.included[$0] && outcomes[index][$0] == RuleOutcome.fired.rawValue
                }
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
        }

        /// Appends the entity's object on one line (without a line break before or after it).
        mutating func write(_ entity: Int, to out: inout ByteWriter) {
            let arena = arena
            out.append(members.key, of: arena)
            out.append(keys[Int(keyIndex[entity])], of: arena)
            if let periods {
                out.append(members.period, of: arena)
                out.appendInteger(periods[entity])
            }
            out.append(members.label, of: arena)
            writeLabel(entity, to: &out)
            if let group {
                out.append(members.group, of: arena)
                group.write(entity, arena: arena, to: &out)
            }
            out.append(members.status, of: arena)
            switch summary.statuses[entity] {
            case .flagged: out.append(statusNames[0], of: arena)
            case .insufficient: out.append(statusNames[1], of: arena)
            case .clean: out.append(statusNames[2], of: arena)
            case .notApplicable: out.append(statusNames[3], of: arena)
            }
            out.append(members.indicators, of: arena)
            out.append(UInt8(ascii: "{"))
            for indicator in indicators {
                out.append(indicator.name, of: arena)
                indicator.source.write(entity, arena: arena, to: &out)
            }
            out.append(UInt8(ascii: "}"))
            if document {
                out.append(members.rules, of: arena)
                out.append(UInt8(ascii: "["))
                for rule in outcomes.indices {
                    let outcome = outcomes[rule][entity]
                    if outcome == RuleOutcome.silent.rawValue {
                        out.append(silentObjects[rule], of: arena)
                        continue
                    }
                    if rule > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(rulePrefix[rule], of: arena)
                    out.append(outcomeNames[Int(min(outcome, 3))], of: arena)
                    writeDetails(rule, entity, RuleOutcome(rawValue: outcome) ?? .insufficient, to: &out)
                    out.append(UInt8(ascii: "}"))
                }
                out.append(UInt8(ascii: "]"))
            } else {
                writeOutcomeLists(entity, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }

        /// The first label column with a text for the entity, or `null`.
        private func writeLabel(_ entity: Int, to out: inout ByteWriter) {
            for label in labels {
                switch label {
                case .texts(let codes, let pieces):
                    let code = codes[entity]
                    if code >= 0 {
                        out.append(pieces[Int(code)], of: arena)
                        return
                    }
                case .constant, .numbers, .flags, .dates:
                    break
                }
            }
            out.append(ByteFormat.nullBytes)
        }

        /// JSON Lines: the rules that fired, could not be decided or do not apply, each in a
        /// list of its own; a rule in none of them stayed silent.
        private mutating func writeOutcomeLists(_ entity: Int, to out: inout ByteWriter) {
            // The entity's outcomes read once; a list none of them is in is written empty at once.
            entityOutcomes.removeAll(keepingCapacity: true)
            var present = 0
            for rule in outcomes.indices {
                let outcome = outcomes[rule][entity]
                entityOutcomes.append(outcome)
                present |= 1 << Int(min(outcome, 7))
            }
            for (list, outcome) in Self.listOutcomes.enumerated() {
                out.append(listStarts[list], of: arena)
                if present & (1 << Int(outcome.rawValue)) != 0 {
                    var first = true
                    for rule in entityOutcomes.indices where entityOutcomes[rule] == outcome.rawValue {
                        if !first { out.append(UInt8(ascii: ",")) }
                        first = false
                        out.append(rulePrefix[rule], of: arena)
                        writeDetails(rule, entity, outcome, to: &out)
                        out.append(UInt8(ascii: "}"))
                    }
                }
                out.append(UInt8(ascii: "]"))
            }
        }

        private static let listOutcomes: [RuleOutcome] = [.fired, .insufficient, .notApplicable]

        /// What follows a rule's outcome: severity and recommendations (and the explanation)
        /// when it fired, missing inputs and reasons when it could not be decided, reasons when
        /// it does not apply.
        private mutating func writeDetails(_ rule: Int, _ entity: Int, _ outcome: RuleOutcome, to out: inout ByteWriter) {
            switch outcome {
            case .fired:
                out.append(firedMiddle[rule], of: arena)
                if recommendations[rule].isEmpty {
                    out.append(Self.emptyArray)
                } else {
                    // `fired` lists the shown entities in order: the cursor is at this one or
                    // before it.
                    let entities = fired[rule]
                    var position = cursor[rule]
                    while position < entities.count && entities[position] < entity { position += 1 }
                    cursor[rule] = position
                    if position < entities.count && entities[position] == entity {
                        cursor[rule] = position + 1
                        appendStrings(recommendations[rule].map { $0[position] }, to: &out)
                    } else {
                        out.append(Self.emptyArray)
                    }
                }
                if let explanations {
                    out.append(explanationName, of: arena)
                    out.append(Array(explanations(rule, entity).serialized().utf8))
                }
            case .insufficient:
                out.append(missingName, of: arena)
                writeMissing(rule, entity, to: &out)
                if let reasons = reasons[rule][entity] {
                    out.append(reasonsName, of: arena)
                    appendStrings(reasons, to: &out)
                }
            case .notApplicable:
                evaluationLock.lock()
                let reasons = evaluation.inapplicabilityReasons(rule: rule, entity: entity, formatter: formatter)
                evaluationLock.unlock()
                if !reasons.isEmpty {
                    out.append(reasonsName, of: arena)
                    appendStrings(reasons, to: &out)
                }
            case .silent:
                break
            }
        }

        /// The missing inputs of an undecided rule, as an array of strings.
        private mutating func writeMissing(_ rule: Int, _ entity: Int, to out: inout ByteWriter) {
            guard missing.find(rule: rule, entity: entity, names: &missingNames, texts: &missingTexts) else {
                appendStrings(missingTexts, to: &out)
                return
            }
            out.append(UInt8(ascii: "["))
            for (index, name) in missingNames.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(headerOpen[Int(name.header)], of: arena)
                if let period = name.period {
                    out.append(UInt8(ascii: " "))
                    out.append(UInt8(ascii: "("))
                    out.appendInteger(period)
                    out.append(UInt8(ascii: ")"))
                }
                out.append(UInt8(ascii: "\""))
            }
            out.append(UInt8(ascii: "]"))
        }

        private static let emptyArray: [UInt8] = Array("[]".utf8)

        /// An array of strings.
        private func appendStrings(_ texts: [String], to out: inout ByteWriter) {
            out.append(UInt8(ascii: "["))
            for (index, text) in texts.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.appendJSONString(text)
            }
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
