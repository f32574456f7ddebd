// A school's profile in its section of the note: for each threshold rule that flagged it, where
// its value stands between the lowest and the highest of the period, against its group's mean
// and the threshold.

/// Per threshold rule, the values, the threshold and the group means the profiles draw on.
struct SchoolProfiles {
    struct Scale {
        let column: Column
        let threshold: Double
        let type: ValueType
        /// Mean per period and group (`"2024|Советский ГО"`), lowest and highest per period.
        let means: [String: Double]
        let ranges: [Int: (low: Double, high: Double)]
    }

    let scales: [Int: Scale]
    let facts: NoteFacts

    init(facts: NoteFacts) {
        self.facts = facts
        let evaluation = facts.evaluation
        let program = evaluation.program
        let entities = evaluation.entities
        var scales: [Int: Scale] = [:]
        for rule in facts.firedRules {
            guard let (subject, threshold) = NotePictures.threshold(of: program.rules[rule].condition, parameters: evaluation.parameterValues),
                  subject.type != .text, subject.type != .flag else { continue }
            let column = evaluation.column(subject)
            var sums: [String: (Double, Int)] = [:]
            var ranges: [Int: (low: Double, high: Double)] = [:]
            for entity in 0..<entities.count {
                guard case .number(let x) = column.value(at: entity) else { continue }
                let period = entities.period(entity) ?? 0
                let key = "\(period)|\(facts.group(entity) ?? "")"
                let sum = sums[key] ?? (0, 0)
                sums[key] = (sum.0 + x, sum.1 + 1)
                let range = ranges[period] ?? (x, x)
                ranges[period] = (min(range.low, x), max(range.high, x))
            }
            scales[rule] = Scale(column: column, threshold: threshold, type: subject.type,
                                 means: sums.mapValues { $0.0 / Double($0.1) }, ranges: ranges)
        }
        self.scales = scales
    }

    /// The SVG of one school's profile; nil when none of its fired rules has a threshold.
    func svg(entity: Int) -> String? {
        let rules = facts.ruleOrder.filter { scales[$0] != nil && facts.outcome(rule: $0, entity: entity) == .fired }
        guard !rules.isEmpty else { return nil }
        let text = facts.text
        let period = facts.period(entity) ?? 0
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
            guard case .number(let value) = scale.column.value(at: entity), let range = scale.ranges[period] else { continue }
            let mean = scale.means["\(period)|\(facts.group(entity) ?? "")"]
            var low = min(range.low, scale.threshold), high = max(range.high, scale.threshold)
            if low == high { low -= 1; high += 1 }
            func position(_ v: Double) -> Double { left + (v - low) / (high - low) * (right - left) }
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
