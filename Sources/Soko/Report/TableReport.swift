// The terminal report: each flagged school with its flags by severity and recommendations,
// schools with insufficient data, then the summary. Written as bytes, school by school.

public enum TableReport {
    public static func render(_ evaluation: Evaluation, summary: Summary, language: Language) -> String {
        String(decoding: ReportSink.collect { write(evaluation, summary: summary, language: language, to: $0) }, as: UTF8.self)
    }

    /// Writes the report to `sink` in pieces. The entities' titles, the rules' lines and the
    /// lists of undecided rules are prepared once as bytes.
    /// Writes the report to `sink` in pieces (handed over on a thread of their own).
    public static func write(_ evaluation: Evaluation, summary: Summary, language: Language, to sink: ReportSink) {
        sink.pipelined { writeBytes(evaluation, summary: summary, language: language, to: $0) }
    }

    private static func writeBytes(_ evaluation: Evaluation, summary: Summary, language: Language, to sink: ReportSink) {
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
        let arena = ByteArena()
        let titles = EntityTitles(evaluation, arena: arena)
        // Each rule's line, prepared once; recommendations filled per rule for all the entities
        // it fired for (each `{…}` is evaluated once over the whole table), walked in order.
        let ruleLines = program.rules.map { decl in
            arena.add(Array(("  " + decl.severity.name(language).padding(11) + " " + (decl.title ?? decl.name) + "\n").utf8))
        }
        let ruleTitles = program.rules.indices.map { arena.add(Array(title($0).utf8)) }
        let recommendationStart = arena.add(Array(("  " + "".padding(11) + " → ").utf8))
        var recommendations: [[[String]]] = []
        for (index, decl) in program.rules.enumerated() {
            let fired = decl.recommendations.isEmpty || !decl.severity.isRisk ? [] : (0..<entities.count).filter {
                included[$0] && outcomes[index][$0] == RuleOutcome.fired.rawValue && summary.statuses[$0] == .flagged
            }
            recommendations.append(decl.recommendations.map { evaluation.fill($0, entities: fired, formatter: formatter) })
        }
        var cursor = [Int](repeating: 0, count: program.rules.count)
        let isRisk = program.rules.map(\.severity.isRisk)

        // Schools are keys; with several periods the report counts school-years and says so.
        var keys = Set<Int32>()
        var periods = Set<Int>()
        for entity in 0..<entities.count where included[entity] {
            keys.insert(entities.keyIndex[entity])
            if let period = entities.period(entity) { periods.insert(period) }
        }
        var out = ByteWriter()
        out.append(Array((text.heading(summary, schools: keys.count, periods: periods.count) + "\n").utf8))
        let levels = LevelSection.sections(evaluation, language: language, periods: summary.periods)
        if !levels.isEmpty { out.append(Array(("\n" + LevelReport.text(levels, language: language)).utf8)) }
        // The line of undecided rules of a flagged entity, once per set of rules (rule order).
        var undecidedLines: [[Int]: ByteArena.Piece] = [:]
        var undecided: [Int] = []
        for entity in 0..<entities.count where included[entity] && summary.statuses[entity] == .flagged {
            out.append(10)
            titles.write(entity, to: &out)
            out.append(10)
            undecided.removeAll(keepingCapacity: true)
            for rule in ruleOrder {
                switch outcomes[rule][entity] {
                case RuleOutcome.fired.rawValue where isRisk[rule]:
                    out.append(ruleLines[rule], of: arena)
                    for texts in recommendations[rule] {
                        out.append(recommendationStart, of: arena)
                        out.appendText(texts[cursor[rule]])
                        out.append(10)
                    }
                    if !recommendations[rule].isEmpty { cursor[rule] += 1 }
                case RuleOutcome.insufficient.rawValue:
                    undecided.append(rule)
                default:
                    break
                }
            }
            if !undecided.isEmpty {
                let line: ByteArena.Piece
                if let known = undecidedLines[undecided] {
                    line = known
                } else {
                    line = arena.add(Array(("  " + text.insufficientFor(undecided.map(title)) + "\n").utf8))
                    undecidedLines[undecided] = line
                }
                out.append(line, of: arena)
            }
            out.spill(to: sink)
        }
        let insufficient = (0..<entities.count).filter { included[$0] && summary.statuses[$0] == .insufficient }
        if !insufficient.isEmpty {
            let missing = JSONReport.MissingInputs(evaluation)
            let headers = missing.headers.map { arena.add(Array($0.utf8)) }
            let missingLabel = arena.add(Array((text.missing + ": ").utf8))
            let hasReasons = program.rules.map { $0.requirements.contains { $0.reason != nil } }
            var names: [JSONReport.MissingInputs.Name] = []
            var texts: [String] = []
            out.append(Array(("\n" + text.insufficientHeading(insufficient.count) + "\n").utf8))
            missing.withBuffers { columns in
                for entity in insufficient {
                    // Each undecided rule with what is missing and the reasons of its unmet `require`s.
                    out.append(UInt8(ascii: " "))
                    out.append(UInt8(ascii: " "))
                    titles.write(entity, to: &out)
                    out.append(UInt8(ascii: ":"))
                    out.append(UInt8(ascii: " "))
                    var first = true
                    for rule in program.rules.indices where outcomes[rule][entity] == RuleOutcome.insufficient.rawValue {
                        if !first { out.append(Self.semicolon) }
                        first = false
                        out.append(ruleTitles[rule], of: arena)
                        let prepared = missing.find(rule: rule, entity: entity, names: &names, texts: &texts, in: columns)
                        let count = prepared ? names.count : texts.count
                        let reasons = hasReasons[rule] ? evaluation.unmetRequirements(rule: rule, entity: entity, formatter: formatter) : []
                        guard count > 0 || !reasons.isEmpty else { continue }
                        out.append(UInt8(ascii: " "))
                        out.append(UInt8(ascii: "("))
                        if count > 0 {
                            out.append(missingLabel, of: arena)
                            for index in 0..<count {
                                if index > 0 { out.append(Self.comma) }
                                if prepared {
                                    out.append(headers[Int(names[index].header)], of: arena)
                                    if let period = names[index].period {
                                        out.append(UInt8(ascii: " "))
                                        out.append(UInt8(ascii: "("))
                                        out.appendInteger(period)
                                        out.append(UInt8(ascii: ")"))
                                    }
                                } else {
                                    out.appendText(texts[index])
                                }
                            }
                        }
                        for (index, reason) in reasons.enumerated() {
                            if index > 0 || count > 0 { out.append(Self.semicolon) }
                            out.appendText(reason)
                        }
                        out.append(UInt8(ascii: ")"))
                    }
                    out.append(10)
                    out.spill(to: sink)
                }
            }
        }
        for severity in [Severity.info, .positive] {
            let rules = ruleOrder.filter { rule in
                program.rules[rule].severity == severity && (0..<entities.count).contains { included[$0] && outcomes[rule][$0] == RuleOutcome.fired.rawValue }
            }
            guard !rules.isEmpty else { continue }
            out.append(Array(("\n" + text.nonRiskSection(severity) + "\n").utf8))
            for rule in rules {
                let entitiesFired = (0..<entities.count).filter { included[$0] && outcomes[rule][$0] == RuleOutcome.fired.rawValue }
                guard !entitiesFired.isEmpty else { continue }
                // The line's head, then the schools' titles.
                out.append(Array(("  " + text.nonRiskLine(title(rule), count: entitiesFired.count, schools: []) + " — ").utf8))
                for (index, entity) in entitiesFired.enumerated() {
                    if index > 0 { out.append(Self.comma) }
                    titles.write(entity, to: &out)
                    out.spill(to: sink)
                }
                out.append(10)
            }
        }
        let notApplicable = (0..<entities.count).filter { included[$0] && summary.statuses[$0] == .notApplicable }
        if !notApplicable.isEmpty {
            out.append(Array(("\n" + text.notApplicableHeading(notApplicable.count) + "\n").utf8))
            for entity in notApplicable {
                let details = program.rules.indices.filter { program.rules[$0].severity.isRisk }.map { rule in
                    let reasons = evaluation.inapplicabilityReasons(rule: rule, entity: entity, formatter: formatter)
                    return title(rule) + (reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")")
                }
                out.append(Array(("  " + entityTitle(evaluation, entity) + ": " + details.joined(separator: "; ") + "\n").utf8))
                out.spill(to: sink)
            }
        }
        out.append(Array(("\n" + text.summaryBlock(summary, program: program)).utf8))
        out.drain(to: sink)
    }

    private static let comma: [UInt8] = Array(", ".utf8)
    private static let semicolon: [UInt8] = Array("; ".utf8)

    /// Entities' titles as `entityTitle` gives them (`key label, period`), from bytes prepared
    /// once: each key, and each text of the label columns.
    struct EntityTitles {
        private let arena: ByteArena
        private let keys: [ByteArena.Piece]
        private let keyIndex: [Int32]
        private let periods: [Int]?
        /// The label columns in `Evaluation.label`'s order: codes and each text with a space before it.
        private let labels: [(codes: [Int32], texts: [ByteArena.Piece])]
        /// A label column of another kind: titles fall back to `entityTitle`.
        private let plain: Bool
        private let evaluation: Evaluation

        init(_ evaluation: Evaluation, arena: ByteArena) {
            self.arena = arena
            self.evaluation = evaluation
            let entities = evaluation.entities
            keys = entities.keys.map { arena.add(Array(ByteFormat.displayKey($0).utf8)) }
            keyIndex = entities.keyIndex
            periods = entities.periods
            var labels: [(codes: [Int32], texts: [ByteArena.Piece])] = []
            var plain = false
            let program = evaluation.program
            for (index, dataset) in program.datasets.enumerated() where dataset.space == 0 {
                guard let label = dataset.labelColumn else { continue }
                switch evaluation.evaluator.column(ColumnRef(dataset: index, column: label)) {
                case .texts(let codes, let dictionary): labels.append((codes, dictionary.map { arena.add(Array((" " + $0).utf8)) }))
                case .numbers, .flags, .constant: plain = true
                }
            }
            self.labels = labels
            self.plain = plain
        }

        func write(_ entity: Int, to out: inout ByteWriter) {
            if plain {
                out.appendText(TableReport.entityTitle(evaluation, entity))
                return
            }
            out.append(keys[Int(keyIndex[entity])], of: arena)
            for label in labels where label.codes[entity] >= 0 {
                out.append(label.texts[Int(label.codes[entity])], of: arena)
                break
            }
            if let periods {
                out.append(UInt8(ascii: ","))
                out.append(UInt8(ascii: " "))
                out.appendInteger(periods[entity])
            }
        }
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
