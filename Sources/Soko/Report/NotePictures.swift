// The note's pictures beyond the bar chart, as inline SVG (printable, no scripts, no network):
// for each threshold rule the distribution of its indicator over the schools of the latest
// period with the threshold marked and the flagged schools highlighted; the number of schools
// each rule flagged per period; and a school × period matrix of the risk zone that shows who
// entered, stayed in and left it since the period before.

/// The pictures' data, taken from an evaluation.
struct NotePictures {
    /// One threshold rule's distribution: every school's value, whether it was flagged.
    struct Distribution {
        let rule: Int
        let threshold: Double
        let points: [(value: Double, flagged: Bool)]
        let type: ValueType
    }

    /// A school's place in the risk zone in one period.
    enum Zone: Equatable {
        /// No row for the school in this period.
        case absent
        /// Not flagged, and not flagged the period before either.
        case outside
        /// Flagged now, not (or absent) the period before.
        case entered
        /// Flagged now and the period before.
        case stayed
        /// Not flagged now, flagged the period before.
        case left
    }

    let periods: [Int]
    let latest: Int?
    let distributions: [Distribution]
    /// Per rule (in `rules`), schools flagged in each period.
    let flaggedPerPeriod: [(rule: Int, counts: [Int])]
    /// Schools flagged in some period: their label and zone per period.
    private(set) var matrix: [(school: String, zones: [Zone])]

    init(facts: NoteFacts) {
        let evaluation = facts.evaluation
        let program = evaluation.program
        let entities = evaluation.entities
        // The covered periods and the one before them, to compare with.
        var periods = facts.periods
        if let first = periods.first, let before = facts.allPeriods.last(where: { $0 < first }) { periods.insert(before, at: 0) }
        self.periods = periods
        let latest = facts.periods.last
        self.latest = latest
        let statuses = facts.summary.statuses
        let inLatest = (0..<entities.count).filter { latest == nil || entities.period($0) == latest }
        var distributions: [Distribution] = []
        // Rules that flagged a school of the covered periods: a picture for each of them.
        for rule in facts.ruleOrder where program.rules[rule].severity.isRisk && facts.fired[rule] > 0 {
            guard let (subject, threshold) = Self.threshold(of: program.rules[rule].condition, parameters: evaluation.parameterValues) else { continue }
            let column = evaluation.column(subject)
            let outcomes = evaluation.outcomes(ofRule: rule)
            let points: [(value: Double, flagged: Bool)] = inLatest.compactMap { entity in
                guard case .number(let x) = column.value(at: entity) else { return nil }
                return (x, outcomes[entity] == RuleOutcome.fired.rawValue)
            }
            if points.count >= 2 { distributions.append(Distribution(rule: rule, threshold: threshold, points: points, type: subject.type)) }
        }
        self.distributions = distributions
        let periodIndex = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })
        let fired = facts.fired
        flaggedPerPeriod = facts.ruleOrder.filter { program.rules[$0].severity.isRisk && fired[$0] > 0 }.map { rule in
            var counts = [Int](repeating: 0, count: periods.count)
            let outcomes = evaluation.outcomes(ofRule: rule)
            if let entityPeriods = entities.periods {
                for entity in 0..<entities.count where outcomes[entity] == RuleOutcome.fired.rawValue {
                    if let index = periodIndex[entityPeriods[entity]] { counts[index] += 1 }
                }
            }
            return (rule, counts)
        }
        // Flagged per key and period; column 0 is the period before the first one shown, when
        // the data have it: only to tell, in the first column, who entered and who stayed.
        let earlier = periods.first.flatMap { first in facts.allPeriods.last(where: { $0 < first }) }
        var columnOf = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0 + 1) })
        if let earlier { columnOf[earlier] = 0 }
        // One row per school, keyed by its number in `entities.keys`; schools are told apart by
        // the display key's `String` equality, as a dictionary keyed by it would. Keys of ASCII
        // without a composite key's separator are distinct texts already: their numbers serve
        // as they are. Otherwise each distinct key's display text is hashed once, not once per
        // entity.
        let width = periods.count + 1
        let plainKeys = entities.keys.allSatisfy { key in key.utf8.allSatisfy { $0 < 0x80 && $0 != 0x1F } }
        var rowOfKey = [Int32](repeating: -1, count: entities.keys.count)
        var rowOfName: [String: Int32] = [:]
        var rowKeys: [String] = []
        /// Per row, the last entity of a shown period: the label comes from it.
        var labelEntity: [Int] = []
        /// Per row, `width` cells: 0 no row for the period, 1 not flagged, 2 flagged.
        var cells: [UInt8] = []
        // The column of each period (-1 for none) in a table from the lowest period of the data
        // to the highest, when that span is not too wide; a dictionary otherwise.
        let allPeriods = facts.allPeriods
        let lowest = allPeriods.first ?? 0
        let denseColumns = (allPeriods.last ?? 0) - lowest < 1 << 16
        var columnOfOffset = [Int32](repeating: -1, count: denseColumns ? (allPeriods.last ?? 0) - lowest + 1 : 0)
        for (period, column) in columnOf where denseColumns && period >= lowest && period - lowest < columnOfOffset.count {
            columnOfOffset[period - lowest] = Int32(column)
        }
        func column(of period: Int) -> Int? {
            guard denseColumns else { return columnOf[period] }
            let offset = period - lowest
            guard offset >= 0, offset < columnOfOffset.count, columnOfOffset[offset] >= 0 else { return nil }
            return Int(columnOfOffset[offset])
        }
        let entityPeriods = entities.periods ?? []
        let keyIndex = entities.keyIndex
        for entity in entityPeriods.indices {
            guard let column = column(of: entityPeriods[entity]) else { continue }
            let keyNumber = Int(keyIndex[entity])
            var row = Int(rowOfKey[keyNumber])
            if row < 0 {
                let key = plainKeys ? entities.keys[keyNumber] : entities.displayKey(entity)
                if !plainKeys, let known = rowOfName[key] {
                    row = Int(known)
                } else {
                    row = rowKeys.count
                    if !plainKeys { rowOfName[key] = Int32(row) }
                    rowKeys.append(key)
                    labelEntity.append(-1)
                    cells.append(contentsOf: repeatElement(0, count: width))
                }
                rowOfKey[keyNumber] = Int32(row)
            }
            cells[row * width + column] = statuses[entity] == .flagged ? 2 : 1
            if column > 0 { labelEntity[row] = entity }
        }
        matrix = rowKeys.indices.filter { row in (1..<width).contains { cells[row * width + $0] == 2 } }.map { row in
            let zones = (1..<width).map { index -> Zone in
                let now = cells[row * width + index]
                guard now != 0 else { return .absent }
                let before = cells[row * width + index - 1] == 2
                switch (now == 2, before) {
                case (true, true): return .stayed
                case (true, false): return .entered
                case (false, true): return .left
                case (false, false): return .outside
                }
            }
            let entity = labelEntity[row]
            return (entity < 0 ? rowKeys[row] : evaluation.label(entity) ?? entities.displayKey(entity), zones)
        }
        // Schools in the risk zone in the last period first (they matter most when the picture
        // is cut at `matrixLimit`), each part in the data's order.
        let inZone = matrix.filter { [.entered, .stayed].contains($0.zones.last ?? .absent) }
        matrix = inZone + matrix.filter { ![.entered, .stayed].contains($0.zones.last ?? .absent) }
    }

    /// `indicator > threshold` (or ≥, <, ≤, either way round, first of a conjunction): the
    /// compared expression and the threshold's value.
    static func threshold(of condition: TypedExpr, parameters: [Value]) -> (TypedExpr, Double)? {
        guard case .binary(let op, let left, let right) = condition.kind else { return nil }
        if op == .and { return threshold(of: left, parameters: parameters) ?? threshold(of: right, parameters: parameters) }
        guard [.greater, .greaterEqual, .less, .lessEqual].contains(op) else { return nil }
        func value(_ expr: TypedExpr) -> Double? {
            switch expr.kind {
            case .constant(.number(let x)): x
            case .param(let index): if case .number(let x) = parameters[index] { x } else { nil }
            default: nil
            }
        }
        if let limit = value(right), value(left) == nil { return (left, limit) }
        if let limit = value(left), value(right) == nil { return (right, limit) }
        return nil
    }
}

// MARK: - SVG

extension NotePictures {
    static let red = "#c0392b"
    static let darkRed = "#7b241c"
    static let green = "#27ae60"
    static let grey = "#95a5a6"
    static let light = "#ecf0f1"

    /// A strip of dots: each school at its value, flagged ones red, the threshold dashed.
    static func distributionSVG(_ distribution: Distribution, title: String, formatter: ValueFormatter, text: ReportText) -> String {
        let width = 760.0, left = 20.0, right = 20.0, height = 120.0, axis = 92.0
        let values = distribution.points.map(\.value) + [distribution.threshold]
        var low = values.min()!, high = values.max()!
        if low == high { low -= 1; high += 1 }
        var pad = (high - low) * 0.05
        if !pad.isFinite { pad = (high / 2 - low / 2) * 0.1 }
        low -= pad
        high += pad
        func x(_ value: Double) -> Double { left + fraction(value, low: low, high: high) * (width - left - right) }
        var out = svgStart(class: "distribution", width: width, height: height)
        out += "<title>" + escape(title) + "</title>\n"
        out += "<line x1=\"\(n(left))\" y1=\"\(n(axis))\" x2=\"\(n(width - right))\" y2=\"\(n(axis))\" stroke=\"#555\"/>\n"
        if distribution.points.count <= dotLimit {
            for (index, point) in distribution.points.enumerated().sorted(by: { !$0.element.flagged && $1.element.flagged }) {
                let y = 24.0 + Double(index % 7) * 9.0
                let fill = point.flagged ? red : grey
                out += "<circle cx=\"\(n(x(point.value)))\" cy=\"\(n(y))\" r=\"4\" fill=\"\(fill)\" fill-opacity=\"\(point.flagged ? "0.95" : "0.6")\"/>\n"
            }
        } else {
            // Too many schools for a dot each (a region): a histogram of `bins` columns, the
            // flagged schools of a column in red on top of the others, so the picture keeps its
            // size at any number of schools.
            var counts = [(all: Int, flagged: Int)](repeating: (0, 0), count: bins)
            for point in distribution.points {
                let bin = min(bins - 1, Int(fraction(point.value, low: low, high: high) * Double(bins)))
                counts[bin].all += 1
                if point.flagged { counts[bin].flagged += 1 }
            }
            let largest = Double(max(1, counts.map(\.all).max() ?? 1))
            let barWidth = (width - left - right) / Double(bins)
            for (bin, count) in counts.enumerated() where count.all > 0 {
                let barX = left + Double(bin) * barWidth
                let total = max(1, (axis - 20) * Double(count.all) / largest)
                let flaggedHeight = count.flagged == 0 ? 0 : max(1, total * Double(count.flagged) / Double(count.all))
                if total > flaggedHeight {
                    out += "<rect x=\"\(n(barX + 0.5))\" y=\"\(n(axis - total))\" width=\"\(n(barWidth - 1))\" height=\"\(n(total - flaggedHeight))\" fill=\"\(grey)\"/>\n"
                }
                if flaggedHeight > 0 {
                    out += "<rect x=\"\(n(barX + 0.5))\" y=\"\(n(axis - flaggedHeight))\" width=\"\(n(barWidth - 1))\" height=\"\(n(flaggedHeight))\" fill=\"\(red)\"/>\n"
                }
            }
        }
        let tx = x(distribution.threshold)
        out += "<line x1=\"\(n(tx))\" y1=\"12\" x2=\"\(n(tx))\" y2=\"\(n(axis + 4))\" stroke=\"\(darkRed)\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>\n"
        let thresholdText = text.pick("порог ", "threshold ") + formatter.format(number: distribution.threshold, type: distribution.type)
        let anchor = tx > width * 0.7 ? "end" : "start"
        out += "<text x=\"\(n(tx + (anchor == "end" ? -4 : 4)))\" y=\"10\" font-size=\"12\" text-anchor=\"\(anchor)\" fill=\"\(darkRed)\">" + escape(thresholdText) + "</text>\n"
        let lowest = distribution.points.map(\.value).min()!, highest = distribution.points.map(\.value).max()!
        out += "<text x=\"\(n(x(lowest)))\" y=\"\(n(axis + 18))\" font-size=\"12\" text-anchor=\"start\">" + escape(formatter.format(number: lowest, type: distribution.type)) + "</text>\n"
        out += "<text x=\"\(n(x(highest)))\" y=\"\(n(axis + 18))\" font-size=\"12\" text-anchor=\"end\">" + escape(formatter.format(number: highest, type: distribution.type)) + "</text>\n"
        out += "</svg>\n"
        return out
    }

    /// Bars per period for each rule that fired: how many schools it flagged.
    func perPeriodSVG(titles: [Int: String], text: ReportText) -> String {
        let rowHeight = 22.0, labelWidth = 420.0, barArea = 300.0, top = 24.0
        let largest = max(1, flaggedPerPeriod.flatMap(\.counts).max() ?? 1)
        let slot = barArea / Double(max(1, periods.count))
        let height = top + Double(flaggedPerPeriod.count) * rowHeight + 8
        var out = Self.svgStart(class: "per-period", width: 760, height: height)
        out += "<title>" + Self.escape(text.pick("Отмеченные школы по правилам и периодам", "Flagged schools by rule and period")) + "</title>\n"
        for (index, period) in periods.enumerated() {
            out += "<text x=\"\(Self.n(labelWidth + Double(index) * slot + slot / 2))\" y=\"14\" font-size=\"12\" text-anchor=\"middle\">\(period)</text>\n"
        }
        for (row, line) in flaggedPerPeriod.enumerated() {
            let y = top + Double(row) * rowHeight
            let title = titles[line.rule] ?? ""
            let shown = title.count > 56 ? String(title.prefix(55)) + "…" : title
            out += "<text x=\"0\" y=\"\(Self.n(y + 14))\" font-size=\"12\">" + Self.escape(shown) + "</text>\n"
            for (index, count) in line.counts.enumerated() {
                let barWidth = (slot - 30) * Double(count) / Double(largest)
                let x = labelWidth + Double(index) * slot + 4
                out += "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y + 4))\" width=\"\(Self.n(barWidth))\" height=\"12\" fill=\"\(Self.red)\"/>\n"
                out += "<text x=\"\(Self.n(x + barWidth + 3))\" y=\"\(Self.n(y + 14))\" font-size=\"11\">\(count)</text>\n"
            }
        }
        out += "</svg>\n"
        return out
    }

    /// The school × period matrix of the risk zone, with a legend.
    func matrixSVG(text: ReportText) -> String {
        let labelWidth = 360.0, cell = 64.0, rowHeight = 20.0, top = 50.0
        let legend: [(String, String)] = [
            (Self.red, text.pick("вошла в зону риска", "entered the risk zone")),
            (Self.darkRed, text.pick("осталась в зоне риска", "stayed in the risk zone")),
            (Self.green, text.pick("вышла из зоны риска", "left the risk zone")),
            (Self.light, text.pick("вне зоны риска", "outside the risk zone")),
        ]
        // Wide enough for the legend as well as for the cells.
        let legendWidth = legend.reduce(0.0) { $0 + 22 + Double($1.1.count) * 7.2 }
        let width = max(labelWidth + cell * Double(periods.count) + 4, legendWidth)
        let shown = matrix.prefix(Self.matrixLimit)
        let height = top + rowHeight * Double(shown.count) + 6
        var out = Self.svgStart(class: "risk-matrix", width: width, height: height)
        out += "<title>" + Self.escape(text.pick("Зона риска по периодам", "Risk zone by period")) + "</title>\n"
        var x = 0.0
        for (fill, label) in legend {
            out += "<rect x=\"\(Self.n(x))\" y=\"2\" width=\"12\" height=\"12\" fill=\"\(fill)\" stroke=\"#999\" stroke-width=\"0.5\"/>"
            out += "<text x=\"\(Self.n(x + 16))\" y=\"12\" font-size=\"12\">" + Self.escape(label) + "</text>\n"
            x += 22 + Double(label.count) * 7.2
        }
        for (index, period) in periods.enumerated() {
            out += "<text x=\"\(Self.n(labelWidth + Double(index) * cell + cell / 2))\" y=\"\(Self.n(top - 6))\" font-size=\"12\" text-anchor=\"middle\">\(period)</text>\n"
        }
        for (row, line) in shown.enumerated() {
            let y = top + Double(row) * rowHeight
            let shown = line.school.count > 48 ? String(line.school.prefix(47)) + "…" : line.school
            out += "<text x=\"0\" y=\"\(Self.n(y + 14))\" font-size=\"12\">" + Self.escape(shown) + "</text>\n"
            for (index, zone) in line.zones.enumerated() {
                let fill: String
                switch zone {
                case .absent: fill = "#ffffff"
                case .outside: fill = Self.light
                case .entered: fill = Self.red
                case .stayed: fill = Self.darkRed
                case .left: fill = Self.green
                }
                out += "<rect x=\"\(Self.n(labelWidth + Double(index) * cell + 2))\" y=\"\(Self.n(y + 2))\" width=\"\(Self.n(cell - 4))\" height=\"\(Self.n(rowHeight - 4))\" fill=\"\(fill)\" stroke=\"#bbb\" stroke-width=\"0.5\"/>\n"
            }
        }
        out += "</svg>\n"
        return out
    }

    /// The opening tag of every picture: with its size, so that it is also a picture of its own
    /// (the Markdown note embeds it as an image), not only inline SVG.
    static func svgStart(class name: String, width: Double, height: Double) -> String {
        "<svg class=\"chart \(name)\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\""
            + " role=\"img\" font-family=\"system-ui, sans-serif\">\n"
    }

    /// Up to this many schools a distribution draws a dot per school; beyond, a histogram of
    /// `bins` columns.
    static let dotLimit = 300
    static let bins = 76
    /// The risk-zone matrix draws at most this many schools (those in the zone in the last
    /// period first) and says how many it leaves out.
    static let matrixLimit = NoteFacts.detailLimit

    /// Where `value` lies from `low` (0) to `high` (1), for any finite numbers, even a range
    /// wider than the largest double (1e308 and -1e308: both halved first); 0 for NaN or an
    /// empty range.
    static func fraction(_ value: Double, low: Double, high: Double) -> Double {
        var offset = value - low, width = high - low
        if !offset.isFinite || !width.isFinite { offset = value / 2 - low / 2; width = high / 2 - low / 2 }
        guard width > 0 else { return 0 }
        let result = offset / width
        return result.isNaN ? 0 : min(1, max(0, result))
    }

    /// A coordinate with at most one decimal, without a trailing `.0`; kept within ±10^9 (a
    /// picture's coordinates are hundreds, but a value of 1e308 must not stop the note), 0 for
    /// NaN.
    static func n(_ value: Double) -> String {
        let value = value.isNaN ? 0 : min(1e9, max(-1e9, value))
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func escape(_ text: String) -> String { XMLText.escaped(text) }
}
