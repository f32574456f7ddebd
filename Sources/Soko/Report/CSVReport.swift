// The CSV report: one line per fired rule, `key,period,rule,severity,title,recommendation`,
// sorted by key, period and rule. Written straight into bytes and handed over in pieces: a
// national run has millions of lines. With `allOutcomes`, also a line per undecided and not
// applicable rule, and two more fields, `outcome,reason`.

public struct CSVReportOptions: Sendable {
    /// For a Russian Excel: UTF-8 byte order mark, `;` between fields, CRLF line ends.
    public var excel = false
    public var language: Language = .ru
    /// Lines for every outcome but silent (`soko run --all-outcomes`), with `outcome` (`fired`,
    /// `insufficient_data`, `not_applicable`) and `reason` (the missing columns and unmet
    /// `require` reasons, or the `applies` reasons) after the usual fields.
    public var allOutcomes = false
    /// Only the entities of these periods (`--period`); nil for all. An entity without a period
    /// is always written.
    public var periods: Set<Int>? = nil

    public init(excel: Bool = false, language: Language = .ru, allOutcomes: Bool = false, periods: Set<Int>? = nil) {
        self.excel = excel
        self.language = language
        self.allOutcomes = allOutcomes
        self.periods = periods
    }

    /// Whether the report writes `entity`.
    func includes(_ entity: Int, of entities: EntityIndex) -> Bool {
        guard let periods, let period = entities.period(entity) else { return true }
        return periods.contains(period)
    }
}

public enum CSVReport {
    public static func render(_ evaluation: Evaluation, options: CSVReportOptions) -> [UInt8] {
        ReportSink.collect { write(evaluation, options: options, to: $0) }
    }

    /// Writes the report to `sink` in pieces. Every fixed piece (a rule's fields, a key, a
    /// plain recommendation) is prepared once as bytes, so that a line is a few copies.
    /// Writes the report to `sink` in pieces (handed over on a thread of their own).
    public static func write(_ evaluation: Evaluation, options: CSVReportOptions, to sink: ReportSink) {
        sink.pipelined { writeBytes(evaluation, options: options, to: $0) }
    }

    private static func writeBytes(_ evaluation: Evaluation, options: CSVReportOptions, to sink: ReportSink) {
        let program = evaluation.program
        let entities = evaluation.entities
        let delimiter = UInt8(ascii: options.excel ? ";" : ",")
        let newline: [UInt8] = options.excel ? [13, 10] : [10]
        let formatter = ValueFormatter(language: options.language)
        var out = ByteWriter()
        if options.excel { out.append([0xEF, 0xBB, 0xBF]) }
        let arena = ByteArena()
        func field(_ text: String) -> ByteArena.Piece { arena.addCSVField(text, delimiter: delimiter) }

        let keyDataset = program.datasets[program.mainDatasets.first ?? 0]
        var header = [keyDataset.columns[keyDataset.keyColumn].name]
        if entities.periods != nil, let period = program.datasets.first(where: { $0.periodColumn != nil }),
           let periodColumn = period.periodColumn {
            header.append(period.columns[periodColumn].name)
        }
        header += ["rule", "severity", "title", "recommendation"]
        if options.allOutcomes { header += ["outcome", "reason"] }
        for (index, name) in header.enumerated() {
            if index > 0 { out.append(delimiter) }
            out.append(field(name), of: arena)
        }
        out.append(newline)

        // Rules sorted by name (bytes); their fixed fields prepared once.
        let ruleOrder = program.rules.indices.sorted { program.rules[$0].name.utf8.lexicographicallyPrecedes(program.rules[$1].name.utf8) }
        let fixed: [ByteArena.Piece] = program.rules.map { rule in
            var bytes: [UInt8] = []
            ByteFormat.appendCSVField(rule.name, to: &bytes, delimiter: delimiter)
            bytes.append(delimiter)
            bytes += Array(rule.severity.english.utf8)
            bytes.append(delimiter)
            ByteFormat.appendCSVField(rule.title ?? "", to: &bytes, delimiter: delimiter)
            bytes.append(delimiter)
            return arena.add(bytes)
        }
        // Recommendations: fixed text once, filled texts only for the entities that fired.
        let outcomes = program.rules.indices.map { evaluation.outcomes(ofRule: $0) }
        var filled: [[Int: ByteArena.Piece]] = Array(repeating: [:], count: program.rules.count)
        var plain: [ByteArena.Piece?] = Array(repeating: nil, count: program.rules.count)
        for index in program.rules.indices {
            let templates = program.rules[index].recommendations
            if templates.allSatisfy({ $0.pieces.allSatisfy { if case .text = $0 { true } else { false } } }) {
                plain[index] = field(templates.map { $0.pieces.map { if case .text(let t) = $0 { t } else { "" } }.joined() }.joined(separator: "; "))
            } else {
                let fired = (0..<entities.count).filter { outcomes[index][$0] == RuleOutcome.fired.rawValue && options.includes($0, of: entities) }
                let texts = templates.map { evaluation.fill($0, entities: fired, formatter: formatter) }
                for (position, entity) in fired.enumerated() {
                    filled[index][entity] = field(texts.map { $0[position] }.joined(separator: "; "))
                }
            }
        }
        let keys = entities.keys.map { field(ByteFormat.displayKey($0)) }
        let keyIndex = entities.keyIndex
        let periods = entities.periods
        let fired = RuleOutcome.fired.rawValue, silent = RuleOutcome.silent.rawValue
        out.drain(to: sink)
        // Every piece is in the arena now: its bytes read through one pointer, and the tables
        // as constants (a line's reads of the arena's property and of the captured variables
        // were checked for exclusive access at run time, 5 % of writing the lines).
        let arenaBytes = UnsafePointer(arena.base)
        let plainRecommendations = plain, filledRecommendations = filled
        // A line's fields up to the recommendation (empty unless the rule fired).
        func fields(entity: Int, rule: Int, fired: Bool, to out: inout ByteWriter) {
            out.append(keys[Int(keyIndex[entity])], from: arenaBytes)
            if let periods {
                out.append(delimiter)
                out.appendInteger(periods[entity])
            }
            out.append(delimiter)
            out.append(fixed[rule], from: arenaBytes)
            if fired, let recommendation = plainRecommendations[rule] ?? filledRecommendations[rule][entity] {
                out.append(recommendation, from: arenaBytes)
            }
        }
        // The lines of one range of entities (the arena and the tables above are only read).
        func lines(_ range: Range<Int>, to out: inout ByteWriter) {
            if !options.allOutcomes, ruleOrder.count <= UInt64.bitWidth { return firedLines(range, to: &out) }
            for entity in range where options.includes(entity, of: entities) {
                for rule in ruleOrder {
                    let outcome = outcomes[rule][entity]
                    guard outcome == fired || (options.allOutcomes && outcome != silent) else { continue }
                    fields(entity: entity, rule: rule, fired: outcome == fired, to: &out)
                    if options.allOutcomes {
                        var bytes: [UInt8] = []
                        appendOutcome(RuleOutcome(rawValue: outcome) ?? .insufficient, rule: rule, entity: entity, evaluation: evaluation,
                                      formatter: formatter, to: &bytes, delimiter: delimiter)
                        out.append(bytes)
                    }
                    out.append(newline)
                }
            }
        }
        // The same lines when only fired rules are written (and there are at most 64 rules):
        // first, rule by rule, a bit per fired rule is set in each entity's mark (a pass over
        // each rule's outcomes, without a branch); then each entity's lines follow its set
        // bits, in the rules' name order. A test per entity and rule, taken or not at random,
        // cost more than the lines themselves.
        func firedLines(_ range: Range<Int>, to out: inout ByteWriter) {
            let first = range.lowerBound
            var marks = [UInt64](repeating: 0, count: range.count)
            marks.withUnsafeMutableBufferPointer { marks in
                for (position, rule) in ruleOrder.enumerated() {
                    let shift = UInt64(position)
                    outcomes[rule].withUnsafeBufferPointer { outcomes in
                        guard let outcomes = outcomes.baseAddress, let marks = marks.baseAddress else { return }
                        let from = outcomes + first
                        for index in 0..<range.count {
                            // 1 when the outcome is `fired` (its difference 0 minus 1 sets the top bit), else 0.
                            let hit = (UInt64(from[index] ^ fired) &- 1) &>> 63
                            marks[index] |= hit &<< shift
                        }
                    }
                }
                for entity in range where marks[entity - first] != 0 && options.includes(entity, of: entities) {
                    var mark = marks[entity - first]
                    while mark != 0 {
                        fields(entity: entity, rule: ruleOrder[mark.trailingZeroBitCount], fired: true, to: &out)
                        out.append(newline)
                        mark &= mark - 1
                    }
                }
            }
        }
        // Entities in consecutive ranges, formatted on every core and handed to the sink in
        // order: the same bytes whatever the number of threads. All outcomes on one thread (their
        // reasons fill the evaluator's caches as they are asked for).
        let count = entities.count
        let perPiece = max(1, entitiesPerPiece)
        let pieces = (count + perPiece - 1) / perPiece
        let threads = options.allOutcomes ? 1 : max(1, JSONReport.entityThreads)
        let writers = (0..<max(1, min(threads, pieces))).map { _ in RangeWriter() }
        OrderedPieces.run(count: pieces, workers: writers.count, window: 2 * writers.count + 2, to: sink) { worker, piece in
            writers[worker].bytes { lines(piece * perPiece..<min(count, (piece + 1) * perPiece), to: &$0) }
        }
        // The pieces' bytes were read through `arenaBytes`: the arena lives until here.
        withExtendedLifetime(arena) {}
    }

    /// How many entities each thread writes at a time (tests set fewer).
    @TaskLocal static var entitiesPerPiece = 4096

    /// One thread's buffer, reused from range to range.
    private final class RangeWriter {
        private var out = ByteWriter()

        func bytes(_ write: (inout ByteWriter) -> Void) -> [UInt8] {
            out.removeAll()
            write(&out)
            return out.bytes()
        }
    }

    /// `,outcome,reason` of one line of `allOutcomes`.
    static func appendOutcome(_ outcome: RuleOutcome, rule: Int, entity: Int, evaluation: Evaluation, formatter: ValueFormatter,
                              to out: inout [UInt8], delimiter: UInt8) {
        out.append(delimiter)
        out += Array(JSONReport.outcomeName(outcome).utf8)
        out.append(delimiter)
        let text = ReportText(language: formatter.language)
        var reasons: [String] = []
        switch outcome {
        case .insufficient:
            let missing = evaluation.missingInputs(rule: rule, entity: entity)
            if !missing.isEmpty { reasons.append(text.missing + ": " + missing.joined(separator: ", ")) }
            reasons += evaluation.unmetRequirements(rule: rule, entity: entity, formatter: formatter)
        case .notApplicable:
            reasons = evaluation.inapplicabilityReasons(rule: rule, entity: entity, formatter: formatter)
        case .fired, .silent:
            break
        }
        ByteFormat.appendCSVField(reasons.joined(separator: "; "), to: &out, delimiter: delimiter)
    }
}
