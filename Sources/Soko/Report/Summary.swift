// The summary of a run, shared by every report format: entities by status, flags by severity
// and by rule, and the same per group (municipality or another text column).

public struct Summary: Sendable {
    public struct GroupLine: Sendable {
        public let name: String
        public let entities: Int
        public let flagged: Int
        public let insufficient: Int
        public var notApplicable = 0
        /// Flagged entities by their highest severity.
        public let bySeverity: [Severity: Int]
    }

    public let entities: Int
    public let flagged: Int
    public let clean: Int
    public let insufficient: Int
    /// Entities no risk rule applies to.
    public let notApplicable: Int
    /// Entities whose highest fired risk severity is this.
    public let bySeverity: [Severity: Int]
    /// Entities each rule fired for, could not decide, and does not apply to, in rule order.
    public let byRule: [(rule: Int, fired: Int, insufficient: Int, notApplicable: Int)]
    /// The column the groups come from, when there is one.
    public let groupColumn: String?
    /// That column as reports name it: its title, or its header in the data file.
    public let groupTitle: String?
    /// That column itself (the JSON report gives each entity's value of it).
    public let groupBy: ColumnRef?
    public let groups: [GroupLine]
    public let statuses: [EntityStatus]
    /// Per entity, its highest fired risk severity (info and positive rules are not counted).
    public let highest: [Severity?]
    /// Problems in the data that did not stop the run (warnings, bad cells under `--lenient`).
    public var dataWarnings = 0
    /// Bad cells read as missing values under `--lenient`.
    public var cellsMadeMissing = 0

    /// The periods the summary covers (`--period`); nil for all.
    public let periods: Set<Int>?
    /// Per entity, whether it is in the covered periods.
    public let included: [Bool]

    /// The summary of the entities in `periods` (all when nil); an entity without a period is
    /// always covered.
    public init(evaluation: Evaluation, groupBy: ColumnRef?, periods: Set<Int>? = nil) {
        let program = evaluation.program
        let count = evaluation.entities.count
        self.periods = periods
        let included: [Bool]
        if let periods, let entityPeriods = evaluation.entities.periods {
            included = entityPeriods.map { periods.contains($0) }
        } else {
            included = [Bool](repeating: true, count: count)
        }
        self.included = included
        let allStatuses = evaluation.statuses()
        statuses = allStatuses
        let statuses = periods == nil ? allStatuses : zip(allStatuses, included).filter(\.1).map(\.0)
        let outcomes = program.rules.indices.map { evaluation.outcomes(ofRule: $0) }
        // Each entity's highest fired risk severity, entity by entity on every core.
        let riskRules = program.rules.indices.filter { program.rules[$0].severity.isRisk }
        let highest = RowParts.filled(count: count) { (range: Range<Int>, highest: UnsafeMutablePointer<Severity?>) in
            (highest + range.lowerBound).initialize(repeating: nil, count: range.count)
            for rule in riskRules {
                let severity = program.rules[rule].severity
                outcomes[rule].withUnsafeBufferPointer { outcomes in
                    for entity in range where outcomes[entity] == RuleOutcome.fired.rawValue && included[entity] {
                        if highest[entity].map({ $0 < severity }) ?? true { highest[entity] = severity }
                    }
                }
            }
        }
        // Each rule's outcomes counted among the included entities (a tally by outcome byte),
        // the rules on every core.
        let tallies = UnsafeMutableBufferPointer<(fired: Int, insufficient: Int, notApplicable: Int)>.allocate(capacity: outcomes.count)
        defer { tallies.deallocate() }
        RowParts.concurrently(outcomes.count) { rule in
            var tally = [Int](repeating: 0, count: 256)
            outcomes[rule].withUnsafeBufferPointer { outcomes in
                included.withUnsafeBufferPointer { included in
                    tally.withUnsafeMutableBufferPointer { tally in
                        for entity in 0..<count where included[entity] { tally[Int(outcomes[entity])] += 1 }
                    }
                }
            }
            // A tuple of whole numbers: trivial, so assigned into the uninitialized buffer.
            tallies[rule] = (tally[Int(RuleOutcome.fired.rawValue)], tally[Int(RuleOutcome.insufficient.rawValue)],
                             tally[Int(RuleOutcome.notApplicable.rawValue)])
        }
        let byRule = outcomes.indices.map { (rule: $0, fired: tallies[$0].fired, insufficient: tallies[$0].insufficient,
                                             notApplicable: tallies[$0].notApplicable) }
        self.highest = highest
        self.byRule = byRule
        entities = statuses.count
        // Counted by raw value first (no hashing per entity), then named.
        let lowestRaw = Severity.allCases.map(\.rawValue).min() ?? 0
        let severitySlots = (Severity.allCases.map(\.rawValue).max() ?? 0) - lowestRaw + 1
        func named(_ counts: ArraySlice<Int>) -> [Severity: Int] {
            var named: [Severity: Int] = [:]
            for (slot, count) in zip(counts.indices, counts) where count > 0 {
                if let severity = Severity(rawValue: slot - counts.startIndex + lowestRaw) { named[severity] = count }
            }
            return named
        }
        self.groupBy = groupBy
        let groupValues = groupBy.map { evaluation.evaluator.column($0) }
        // A text column's groups are counted by code (no hashing per entity), then named.
        var textGroups: (codes: [Int32], dictionary: [String])?
        if case .texts(let codes, let dictionary) = groupValues { textGroups = (codes, dictionary) }
        // Per line (the code of the entity's group plus one, 0 without a group; a single line
        // when the groups are not texts): entities, flagged, insufficient, not applicable, then
        // one count per severity; the included entities counted on every core.
        let width = 4 + severitySlots
        let lineCount = (textGroups?.dictionary.count ?? 0) + 1
        // The group codes bound once (not unwrapped from the optional pair at every entity).
        let groupCodes = textGroups?.codes ?? []
        let lineTallies = RowParts.tallies(count: count, width: lineCount * width) { range, tally in
            for entity in range where included[entity] {
                let base = groupCodes.isEmpty ? 0 : (Int(groupCodes[entity]) + 1) * width
                tally[base] += 1
                switch allStatuses[entity] {
                case .flagged: tally[base + 1] += 1
                case .insufficient: tally[base + 2] += 1
                case .notApplicable: tally[base + 3] += 1
                case .clean: break
                }
                if let severity = highest[entity] { tally[base + 4 + severity.rawValue - lowestRaw] += 1 }
            }
        }
        var totals = [Int](repeating: 0, count: width)
        for line in 0..<lineCount {
            for slot in 0..<width { totals[slot] += lineTallies[line * width + slot] }
        }
        (flagged, insufficient, notApplicable) = (totals[1], totals[2], totals[3])
        clean = statuses.count - flagged - insufficient - notApplicable
        self.bySeverity = named(totals[4..<width])
        guard let groupBy, let groupValues else {
            groupColumn = nil
            groupTitle = nil
            groups = []
            return
        }
        let declared = program.datasets[groupBy.dataset].columns[groupBy.column]
        groupColumn = declared.name
        groupTitle = declared.title ?? declared.header
        var lines: [String: (Int, Int, Int, [Severity: Int], Int)] = [:]
        if let textGroups {
            for line in 0..<lineCount where lineTallies[line * width] > 0 {
                let base = line * width
                let counts = (lineTallies[base], lineTallies[base + 1], lineTallies[base + 2], named(lineTallies[(base + 4)..<(base + width)]),
                              lineTallies[base + 3])
                // Two codes of one name cannot happen in a dictionary; merged all the same.
                let name = line == 0 ? "—" : textGroups.dictionary[line - 1]
                if let earlier = lines[name] {
                    var merged = earlier
                    merged.0 += counts.0; merged.1 += counts.1; merged.2 += counts.2; merged.4 += counts.4
                    merged.3.merge(counts.3, uniquingKeysWith: +)
                    lines[name] = merged
                } else {
                    lines[name] = counts
                }
            }
        } else {
            for entity in 0..<count where included[entity] {
                let name: String
                switch groupValues.value(at: entity) {
                case .text(let text): name = text
                case .number(let x): name = Messages.formatPlain(x)
                case .flag(let b): name = b ? "1" : "0"
                case .missing: name = "—"
                }
                // In place: the line's counts by severity are not copied.
                Self.add(entity, statuses: allStatuses, highest: highest, to: &lines[name, default: (0, 0, 0, [:], 0)])
            }
        }
        groups = lines.keys.sorted().map { name in
            let line = lines[name] ?? (0, 0, 0, [:], 0)
            return GroupLine(name: name, entities: line.0, flagged: line.1, insufficient: line.2, notApplicable: line.4, bySeverity: line.3)
        }
    }

    /// Counts `entity` into a group's line: entities, flagged, insufficient, by severity, not applicable.
    private static func add(_ entity: Int, statuses: [EntityStatus], highest: [Severity?],
                            to line: inout (Int, Int, Int, [Severity: Int], Int)) {
        line.0 += 1
        if statuses[entity] == .flagged { line.1 += 1 }
        if statuses[entity] == .insufficient { line.2 += 1 }
        if statuses[entity] == .notApplicable { line.4 += 1 }
        if let severity = highest[entity] { line.3[severity, default: 0] += 1 }
    }

    /// The default grouping column: the first text column of the first main-level dataset that
    /// is not its key or label (municipality, in the shipped rule sets).
    public static func defaultGroup(of program: Program) -> ColumnRef? {
        Program.defaultGroupColumn(program.datasets)
    }
}
