// One entity of the JSON report as bytes, on one line: every fixed piece (member names, a
// rule's name and severity, the quoted keys and the texts of each text column) is prepared
// once into an arena, so that writing an entity is mostly copying; numbers are formatted once
// per distinct value. Several threads may write entities at once, each with its own copy of
// the writer (its own cursors and scratch buffers; the prepared pieces are shared, read-only).

import Foundation

extension JSONReport {
    struct EntityWriter {
        let evaluation: Evaluation
        let summary: Summary
        let explanations: ((Int, Int) -> JSON)?
        /// The document's form (every rule with its outcome) or JSON Lines' (three lists).
        let document: Bool
        let formatter: ValueFormatter
        private let arena = ByteArena()
        /// The columns written, by kind (`ValueSource`), and where the entities' keys, periods,
        /// statuses and each rule's outcomes are among them.
        private let arrays: Arrays
        /// The key of each entity (`Arrays.codes`), and per key its quoted text as people read
        /// it (`Arrays.pieces`).
        private let keyIndex: Int
        private let keys: Int
        private let periods: Int?
        /// Per entity, the index of its status in `statusNames` (`Arrays.bytes`).
        private let statuses: Int
        private let labels: [ValueSource]
        private let group: ValueSource?
        /// Per indicator and bands: where its values come from, and `"name":` before it.
        private let indicators: [(source: ValueSource, name: ByteArena.Piece)]
        private let members: (key: ByteArena.Piece, period: ByteArena.Piece, label: ByteArena.Piece, group: ByteArena.Piece,
                              status: ByteArena.Piece, indicators: ByteArena.Piece, rules: ByteArena.Piece)
        /// Per status (flagged, insufficient, clean, not applicable): `"name"`.
        private let statusNames: [ByteArena.Piece]
        /// A line break and the indentation before each entity (the document).
        private let entityStart: ByteArena.Piece
        /// Per rule: `{"rule":"name","outcome":` (the document) or `{"rule":"name"` (lines).
        private let rulePrefix: [ByteArena.Piece]
        /// Per outcome (its raw value): `"name"`.
        private let outcomeNames: [ByteArena.Piece]
        /// Per rule: its whole object when it stayed silent (the document).
        private let silentObjects: [ByteArena.Piece]
        /// Per rule and run length (`rule * Self.longestRun + length - 1`): the objects of that
        /// many silent rules from it on, one after the other (copied at once).
        private let silentRuns: [ByteArena.Piece]
        private static let longestRun = 16
        /// Per rule: `,"severity":"high","recommendations":`.
        private let firedMiddle: [ByteArena.Piece]
        /// `,"fired":[`, `,"insufficient_data":[` and `,"not_applicable":[` (lines).
        private let listStarts: [ByteArena.Piece]
        private let missingName: ByteArena.Piece
        private let reasonsName: ByteArena.Piece
        private let explanationName: ByteArena.Piece
        /// Per distinct header of a missing input: `"header` (without the closing quote).
        private let headerOpen: [ByteArena.Piece]
        /// Per rule: its outcomes (`Arrays.bytes`).
        private let outcomes: [Int]
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
            var arrays = Arrays()
            keys = arrays.add(entities.keys.map { arena.addJSONString(ByteFormat.displayKey($0)) })
            keyIndex = arrays.add(entities.keyIndex)
            periods = entities.periods.map { arrays.add($0) }
            let statusOrder: [EntityStatus] = [.flagged, .insufficient, .clean, .notApplicable]
            statuses = arrays.add(summary.statuses.map { status -> UInt8 in
                switch status {
                case .flagged: 0
                case .insufficient: 1
                case .clean: 2
                case .notApplicable: 3
                }
            })
            members = (arena.add([UInt8(ascii: "{")] + name("key", first: true)), arena.add(name("period")), arena.add(name("label")),
                       arena.add(name("group")), arena.add(name("status")), arena.add(name("indicators")), arena.add(name("rules")))
            group = summary.groupBy.map { arrays.source(evaluation.evaluator.column($0), arena: arena) }
            let isDate = program.indicators.map { $0.value.type == .date } + program.bands.map { _ in false }
            let columns = program.indicators.indices.map { evaluation.indicatorColumn($0) } + program.bands.indices.map { evaluation.bandsColumn($0) }
            indicators = (program.indicators.map(\.name) + program.bands.map(\.name)).enumerated().map { position, text in
                (arrays.source(columns[position], isDate: isDate[position], arena: arena), arena.add(name(text, first: position == 0)))
            }
            // Only text columns give labels.
            labels = program.datasets.indices.compactMap { index in
                program.datasets[index].labelColumn.flatMap { column -> ValueSource? in
                    let source = arrays.source(evaluation.evaluator.column(ColumnRef(dataset: index, column: column)), arena: arena)
                    if case .texts = source { return source }
                    return nil
                }
            }
            entityStart = arena.add(Array("\n    ".utf8))
            statusNames = statusOrder.map { arena.add(quoted($0.rawValue)) }
            let outcomeTexts = [RuleOutcome.silent, .fired, .insufficient, .notApplicable].map { quoted(JSONReport.outcomeName($0)) }
            outcomeNames = outcomeTexts.map { arena.add($0) }
            rulePrefix = program.rules.map { rule in
                arena.add([UInt8(ascii: "{")] + name("rule", first: true) + quoted(rule.name) + (document ? name("outcome") : []))
            }
            let silentObjects = program.rules.indices.map { rule in
                arena.add((rule > 0 ? [UInt8(ascii: ",")] : []) + [UInt8(ascii: "{")] + name("rule", first: true)
                          + quoted(program.rules[rule].name) + name("outcome") + outcomeTexts[0] + [UInt8(ascii: "}")])
            }
            self.silentObjects = silentObjects
            silentRuns = program.rules.indices.flatMap { rule in
                (1...Self.longestRun).map { length in
                    rule + length > program.rules.count ? ByteArena.Piece.empty
                        : arena.add((rule..<rule + length).flatMap { arena.bytes(silentObjects[$0]) })
                }
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
            self.outcomes = outcomes.map { arrays.add($0) }
            self.arrays = arrays
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

        /// Appends the objects of the shown entities of `range`, each after its separator: `,`
        /// (but before the first shown entity) and its indentation in the document, a line
        /// break after it in JSON Lines. Calls come in ascending order of ranges.
        mutating func write(_ range: Range<Int>, included: [Bool], firstShown: Int, to out: inout ByteWriter) {
            missing.withBuffers { missing in
                arrays.withBuffers(arena: arena, missing: missing) { buffers in
                    write(range, included: included, firstShown: firstShown, buffers, to: &out)
                }
            }
        }

        private mutating func write(_ range: Range<Int>, included: [Bool], firstShown: Int, _ buffers: Buffers, to out: inout ByteWriter) {
            for entity in range where included[entity] {
                // Once per cache line of numbers (eight entities).
                if entity & 7 == 0 { touched &+= MissingInputs.touch(entity + Self.ahead, buffers.missing) }
                if document {
                    if entity != firstShown { out.append(UInt8(ascii: ",")) }
                    out.append(entityStart, from: buffers.arena)
                }
                write(entity, buffers, to: &out)
                if !document { out.append(10) }
            }
        }

        /// Appends the entity's object on one line (without a line break before or after it).
        private mutating func write(_ entity: Int, _ buffers: Buffers, to out: inout ByteWriter) {
            let arena = buffers.arena
            out.append(members.key, from: arena)
            out.append(buffers.pieces[keys][Int(buffers.codes[keyIndex][entity])], from: arena)
            if let periods {
                out.append(members.period, from: arena)
                out.appendInteger(buffers.integers[periods][entity])
            }
            out.append(members.label, from: arena)
            writeLabel(entity, buffers, to: &out)
            if let group {
                out.append(members.group, from: arena)
                JSONReport.write(group, entity, buffers, dates: arrays.dates, to: &out)
            }
            out.append(members.status, from: arena)
            out.append(statusNames[Int(buffers.bytes[statuses][entity])], from: arena)
            out.append(members.indicators, from: arena)
            out.append(UInt8(ascii: "{"))
            // The next entity's numbers looked up now, so that their cache misses overlap.
            for index in 0..<buffers.numbers.count where entity + 1 < buffers.numbers[index].count {
                out.prepareJSONNumber(buffers.numbers[index][entity + 1])
            }
            for index in 0..<indicators.count {
                out.append(indicators[index].name, from: arena)
                JSONReport.write(indicators[index].source, entity, buffers, dates: arrays.dates, to: &out)
            }
            out.append(UInt8(ascii: "}"))
            if document {
                out.append(members.rules, from: arena)
                out.append(UInt8(ascii: "["))
                var rule = 0
                while rule < outcomes.count {
                    let outcome = buffers.bytes[outcomes[rule]][entity]
                    if outcome == RuleOutcome.silent.rawValue {
                        // A run of silent rules, copied at once.
                        var end = rule + 1
                        while end < outcomes.count, end - rule < Self.longestRun,
                              buffers.bytes[outcomes[end]][entity] == RuleOutcome.silent.rawValue { end += 1 }
                        out.append(silentRuns[rule * Self.longestRun + end - rule - 1], from: arena)
                        rule = end
                        continue
                    }
                    if rule > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(rulePrefix[rule], from: arena)
                    out.append(outcomeNames[Int(min(outcome, 3))], from: arena)
                    writeDetails(rule, entity, RuleOutcome(rawValue: outcome) ?? .insufficient, buffers, to: &out)
                    out.append(UInt8(ascii: "}"))
                    rule += 1
                }
                out.append(UInt8(ascii: "]"))
            } else {
                writeOutcomeLists(entity, buffers, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }

        /// The first label with a text for the entity, or `null`.
        private func writeLabel(_ entity: Int, _ buffers: Buffers, to out: inout ByteWriter) {
            for index in 0..<labels.count {
                guard case .texts(let codes, let pieces) = labels[index] else { continue }
                let code = buffers.codes[codes][entity]
                if code >= 0 {
                    out.append(buffers.pieces[pieces][Int(code)], from: buffers.arena)
                    return
                }
            }
            out.append(ByteFormat.nullBytes)
        }

        /// JSON Lines: the rules that fired, could not be decided or do not apply, each in a
        /// list of its own; a rule in none of them stayed silent.
        private mutating func writeOutcomeLists(_ entity: Int, _ buffers: Buffers, to out: inout ByteWriter) {
            // Which outcomes the entity has: a list none of them is in is written empty at once.
            var present = 0
            for rule in 0..<outcomes.count { present |= 1 << Int(min(buffers.bytes[outcomes[rule]][entity], 7)) }
            for (list, outcome) in Self.listOutcomes.enumerated() {
                out.append(listStarts[list], from: buffers.arena)
                if present & (1 << Int(outcome.rawValue)) != 0 {
                    var first = true
                    for rule in 0..<outcomes.count where buffers.bytes[outcomes[rule]][entity] == outcome.rawValue {
                        if !first { out.append(UInt8(ascii: ",")) }
                        first = false
                        out.append(rulePrefix[rule], from: buffers.arena)
                        writeDetails(rule, entity, outcome, buffers, to: &out)
                        out.append(UInt8(ascii: "}"))
                    }
                }
                out.append(UInt8(ascii: "]"))
            }
        }

        /// How many entities ahead the columns of missing inputs are read (`MissingInputs.touch`).
        private static let ahead = 16
        /// What was read ahead (kept so that the reads are not optimized away).
        private var touched: UInt64 = 0

        private static let listOutcomes: [RuleOutcome] = [.fired, .insufficient, .notApplicable]

        /// What follows a rule's outcome: severity and recommendations (and the explanation)
        /// when it fired, missing inputs and reasons when it could not be decided, reasons when
        /// it does not apply.
        private mutating func writeDetails(_ rule: Int, _ entity: Int, _ outcome: RuleOutcome, _ buffers: Buffers, to out: inout ByteWriter) {
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
                writeMissing(rule, entity, buffers, to: &out)
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
        private mutating func writeMissing(_ rule: Int, _ entity: Int, _ buffers: Buffers, to out: inout ByteWriter) {
            guard missing.find(rule: rule, entity: entity, names: &missingNames, texts: &missingTexts, in: buffers.missing) else {
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
}
