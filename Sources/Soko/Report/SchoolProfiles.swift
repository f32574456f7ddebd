// A school's profile in its section of the note: for each threshold rule that flagged it, where
// its value stands between the lowest and the highest of the period, against its group's mean
// and the threshold.

/// Per threshold rule, the values, the threshold and the group means the profiles draw on.
struct SchoolProfiles {
    struct Scale {
        let column: Column
        let threshold: Double
        let type: ValueType
        /// Mean per period and group at `period * groupCount + group` (nil where the pair has
        /// no value); lowest and highest per period (nil where the period has none). Periods
        /// and groups by number, as `SchoolProfiles.periodOf` and `groupOf` give them.
        let meanOf: [Double?]
        let rangeOf: [(low: Double, high: Double)?]
        /// Per period number its period (0 without periods); per group number its name.
        let periodValues: [Int]
        let groupNames: [String]

        /// Mean per period and group (`"2024|Советский ГО"`).
        var means: [String: Double] {
            var means: [String: Double] = [:]
            for (slot, mean) in meanOf.enumerated() {
                guard let mean else { continue }
                means["\(periodValues[slot / groupNames.count])|\(groupNames[slot % groupNames.count])"] = mean
            }
            return means
        }

        /// Lowest and highest per period.
        var ranges: [Int: (low: Double, high: Double)] {
            var ranges: [Int: (low: Double, high: Double)] = [:]
            for (period, range) in rangeOf.enumerated() { if let range { ranges[periodValues[period]] = range } }
            return ranges
        }
    }

    let scales: [Int: Scale]
    let facts: NoteFacts
    /// Per entity: its period's number and its group's number (see `groupNumbers`). Groups are
    /// told apart as the note's text tells them (canonically equal names are one group).
    let periodOf: [Int32]
    let groupOf: [Int32]
    let groupCount: Int

    init(facts: NoteFacts) {
        self.facts = facts
        let evaluation = facts.evaluation
        let program = evaluation.program
        let entityCount = evaluation.entities.count
        let (periodOf, periodValues) = SchoolProfiles.periodNumbers(evaluation.entities, distinct: facts.allPeriods)
        let (groupOf, groupNames) = SchoolProfiles.groupNumbers(facts)
        let periodCount = periodValues.count, groupCount = groupNames.count
        self.periodOf = periodOf
        self.groupOf = groupOf
        self.groupCount = groupCount
        var scales: [Int: Scale] = [:]
        for rule in facts.firedRules {
            guard let (subject, threshold) = NotePictures.threshold(of: program.rules[rule].condition, parameters: evaluation.parameterValues),
                  subject.type != .text, subject.type != .flag else { continue }
            let column = evaluation.column(subject)
            // Sums in entity order per (period, group), as one pass over dense arrays.
            var sums = [Double](repeating: 0, count: periodCount * groupCount)
            var counts = [Int](repeating: 0, count: periodCount * groupCount)
            var ranges = [(low: Double, high: Double)?](repeating: nil, count: periodCount)
            func add(_ x: Double, _ entity: Int) {
                let period = Int(periodOf[entity])
                let slot = period * groupCount + Int(groupOf[entity])
                sums[slot] += x
                counts[slot] += 1
                let range = ranges[period] ?? (x, x)
                ranges[period] = (min(range.low, x), max(range.high, x))
            }
            switch column {
            case .numbers(let values):
                for entity in 0..<entityCount where !values[entity].isNaN { add(values[entity], entity) }
            case .constant(.number(let x)):
                for entity in 0..<entityCount { add(x, entity) }
            default:
                for entity in 0..<entityCount {
                    if case .number(let x) = column.value(at: entity) { add(x, entity) }
                }
            }
            let means: [Double?] = zip(sums, counts).map { $1 == 0 ? nil : $0 / Double($1) }
            scales[rule] = Scale(column: column, threshold: threshold, type: subject.type, meanOf: means, rangeOf: ranges,
                                 periodValues: periodValues, groupNames: groupNames)
        }
        self.scales = scales
    }

    /// Each entity's period as a number (its place among the distinct periods, ascending), and
    /// per number its period (one period, 0, when the data have none).
    static func periodNumbers(_ entities: EntityIndex, distinct: [Int]) -> ([Int32], [Int]) {
        guard let periods = entities.periods, let low = distinct.first, let high = distinct.last else {
            return ([Int32](repeating: 0, count: entities.count), [0])
        }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        if !overflow, span < 1 << 20 {
            var table = [Int32](repeating: 0, count: span + 1)
            for (number, period) in distinct.enumerated() { table[period - low] = Int32(number) }
            return (periods.map { table[$0 - low] }, distinct)
        }
        let known = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
        return (periods.map { known[$0] ?? 0 }, distinct)
    }

    /// Each entity's group as a number, and per number the group's name. Groups are told apart
    /// as `NoteFacts.group` names them, with `String` equality: two names that differ only in
    /// their Unicode normalisation are one group. A name is hashed once per distinct text of
    /// the column, not once per entity.
    static func groupNumbers(_ facts: NoteFacts) -> ([Int32], [String]) {
        let evaluation = facts.evaluation
        let count = evaluation.entities.count
        guard let ref = facts.groupRef else { return ([Int32](repeating: 0, count: count), [""]) }
        var known: [String: Int32] = [:]
        var names: [String] = []
        func number(_ name: String) -> Int32 {
            if let number = known[name] { return number }
            let number = Int32(names.count)
            known[name] = number
            names.append(name)
            return number
        }
        if case .texts(let codes, let dictionary) = evaluation.evaluator.column(ref) {
            let missing = number("—")  // as `NoteFacts.group` names a missing value
            let byCode = dictionary.map(number)
            return (codes.map { $0 < 0 ? missing : byCode[Int($0)] }, names)
        }
        let numbers = (0..<count).map { entity in number(facts.group(entity) ?? "") }
        return (numbers, names.isEmpty ? [""] : names)
    }

    /// The SVG of one school's profile; nil when none of its fired rules has a threshold.
    func svg(entity: Int) -> String? {
        let rules = facts.ruleOrder.filter { scales[$0] != nil && facts.outcome(rule: $0, entity: entity) == .fired }
        guard !rules.isEmpty else { return nil }
        let text = facts.text
        let period = Int(periodOf[entity])
        let left = 350.0, right = 740.0, rowHeight = 34.0, top = 22.0
        let height = top + rowHeight * Double(rules.count) + 4
        var out = NotePictures.svgStart(class: "profile", width: 760, height: height)
        out += "<title>" + NotePictures.escape(text.pick("Профиль школы", "The school's profile")) + "</title>\n"
        let legend: [(String, String)] = [(NotePictures.red, text.pick("школа", "school")), ("#2c7fb8", text.pick("среднее по группе", "group mean")),
                                          (NotePictures.darkRed, text.pick("порог", "threshold"))]
        var x = left
        for (colour, label) in legend {
            out += "<rect x=\"\(NotePictures.n(x))\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            out += "<text x=\"\(NotePictures.n(x + 14))\" y=\"13\" font-size=\"11\">" + NotePictures.escape(label) + "</text>\n"
            x += 24 + Double(label.count) * 6.5
        }
        for (row, rule) in rules.enumerated() {
            let scale = scales[rule]!
            let y = top + Double(row) * rowHeight + 14
            let title = facts.program.rules[rule].title ?? facts.program.rules[rule].name
            let shown = title.count > 46 ? String(title.prefix(45)) + "…" : title
            out += "<text x=\"0\" y=\"\(NotePictures.n(y + 4))\" font-size=\"12\">" + NotePictures.escape(shown) + "</text>\n"
            guard case .number(let value) = scale.column.value(at: entity), let range = scale.rangeOf[period] else { continue }
            let mean = scale.meanOf[period * groupCount + Int(groupOf[entity])]
            var low = min(range.low, scale.threshold), high = max(range.high, scale.threshold)
            if low == high { low -= 1; high += 1 }
            func position(_ v: Double) -> Double { left + NotePictures.fraction(v, low: low, high: high) * (right - left) }
            out += "<line x1=\"\(NotePictures.n(left))\" y1=\"\(NotePictures.n(y))\" x2=\"\(NotePictures.n(right))\" y2=\"\(NotePictures.n(y))\" stroke=\"#bbb\" stroke-width=\"6\" stroke-linecap=\"round\"/>\n"
            let t = position(scale.threshold)
            out += "<line x1=\"\(NotePictures.n(t))\" y1=\"\(NotePictures.n(y - 10))\" x2=\"\(NotePictures.n(t))\" y2=\"\(NotePictures.n(y + 10))\" stroke=\"\(NotePictures.darkRed)\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>\n"
            if let mean {
                let m = position(mean)
                out += "<line x1=\"\(NotePictures.n(m))\" y1=\"\(NotePictures.n(y - 8))\" x2=\"\(NotePictures.n(m))\" y2=\"\(NotePictures.n(y + 8))\" stroke=\"#2c7fb8\" stroke-width=\"3\"/>\n"
            }
            let v = position(value)
            out += "<circle cx=\"\(NotePictures.n(v))\" cy=\"\(NotePictures.n(y))\" r=\"5\" fill=\"\(NotePictures.red)\"/>\n"
            let valueText = facts.formatter.format(number: value, type: scale.type)
            out += "<text x=\"\(NotePictures.n(min(v, right - 40)))\" y=\"\(NotePictures.n(y + 17))\" font-size=\"10\" text-anchor=\"middle\">" + NotePictures.escape(valueText) + "</text>\n"
        }
        out += "</svg>\n"
        return out
    }
}
