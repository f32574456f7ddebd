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

    /// Writes the report to `sink` in pieces.
    public static func write(_ evaluation: Evaluation, options: CSVReportOptions, to sink: ReportSink) {
        let program = evaluation.program
        let entities = evaluation.entities
        let delimiter = UInt8(ascii: options.excel ? ";" : ",")
        let newline: [UInt8] = options.excel ? [13, 10] : [10]
        let formatter = ValueFormatter(language: options.language)
        var out: [UInt8] = options.excel ? [0xEF, 0xBB, 0xBF] : []
        out.reserveCapacity(ReportSink.chunk + (1 << 16))

        let keyDataset = program.datasets[program.mainDatasets.first ?? 0]
        var header = [keyDataset.columns[keyDataset.keyColumn].name]
        if entities.periods != nil, let period = program.datasets.first(where: { $0.periodColumn != nil }),
           let periodColumn = period.periodColumn {
            header.append(period.columns[periodColumn].name)
        }
        header += ["rule", "severity", "title", "recommendation"]
        if options.allOutcomes { header += ["outcome", "reason"] }
        for (index, field) in header.enumerated() {
            if index > 0 { out.append(delimiter) }
            ByteFormat.appendCSVField(field, to: &out, delimiter: delimiter)
        }
        out += newline

        // Rules sorted by name (bytes); their fixed fields prepared once.
        let ruleOrder = program.rules.indices.sorted { program.rules[$0].name.utf8.lexicographicallyPrecedes(program.rules[$1].name.utf8) }
        var fixed: [[UInt8]] = Array(repeating: [], count: program.rules.count)
        for index in program.rules.indices {
            let rule = program.rules[index]
            var bytes: [UInt8] = []
            ByteFormat.appendCSVField(rule.name, to: &bytes, delimiter: delimiter)
            bytes.append(delimiter)
            bytes += Array(rule.severity.english.utf8)
            bytes.append(delimiter)
            ByteFormat.appendCSVField(rule.title ?? "", to: &bytes, delimiter: delimiter)
            bytes.append(delimiter)
            fixed[index] = bytes
        }
        // Recommendations: fixed text once, filled texts only for the entities that fired.
        let outcomes = program.rules.indices.map { evaluation.outcomes(ofRule: $0) }
        var filled: [[Int: [UInt8]]] = Array(repeating: [:], count: program.rules.count)
        var plain: [[UInt8]?] = Array(repeating: nil, count: program.rules.count)
        for index in program.rules.indices {
            let templates = program.rules[index].recommendations
            if templates.allSatisfy({ $0.pieces.allSatisfy { if case .text = $0 { true } else { false } } }) {
                var bytes: [UInt8] = []
                ByteFormat.appendCSVField(templates.map { $0.pieces.map { if case .text(let t) = $0 { t } else { "" } }.joined() }.joined(separator: "; "),
                            to: &bytes, delimiter: delimiter)
                plain[index] = bytes
            } else {
                let fired = (0..<entities.count).filter { outcomes[index][$0] == RuleOutcome.fired.rawValue && options.includes($0, of: entities) }
                let texts = templates.map { evaluation.fill($0, entities: fired, formatter: formatter) }
                for (position, entity) in fired.enumerated() {
                    var bytes: [UInt8] = []
                    ByteFormat.appendCSVField(texts.map { $0[position] }.joined(separator: "; "), to: &bytes, delimiter: delimiter)
                    filled[index][entity] = bytes
                }
            }
        }
        var keyBytes: [[UInt8]] = entities.keys.map { key in
            var bytes: [UInt8] = []
            ByteFormat.appendCSVField(Program.displayKey(key), to: &bytes, delimiter: delimiter)
            return bytes
        }
        for entity in 0..<entities.count where options.includes(entity, of: entities) {
            var prefix: [UInt8]? = nil
            for rule in ruleOrder where outcomes[rule][entity] == RuleOutcome.fired.rawValue
                || (options.allOutcomes && outcomes[rule][entity] != RuleOutcome.silent.rawValue) {
                if prefix == nil {
                    var bytes = keyBytes[Int(entities.keyIndex[entity])]
                    if let period = entities.period(entity) {
                        bytes.append(delimiter)
                        ByteFormat.appendInteger(period, to: &bytes)
                    }
                    bytes.append(delimiter)
                    prefix = bytes
                }
                out += prefix ?? []
                out += fixed[rule]
                let outcome = RuleOutcome(rawValue: outcomes[rule][entity]) ?? .insufficient
                if outcome == .fired { out += plain[rule] ?? filled[rule][entity] ?? [] }
                if options.allOutcomes {
                    appendOutcome(outcome, rule: rule, entity: entity, evaluation: evaluation, formatter: formatter,
                                  to: &out, delimiter: delimiter)
                }
                out += newline
            }
            sink.spill(&out)
        }
        keyBytes.removeAll()
        sink.drain(&out)
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
