// An inline SVG stacked horizontal bar chart for the HTML note: one bar per group, one segment
// per series. Self-contained (no scripts, fonts or links); coordinates are written with one
// decimal at most, so the same numbers always give the same bytes. Texts come in plain and
// are escaped here.

struct SVGChart {
    /// One series: its legend text and colours (the segment's fill and the text drawn on it).
    struct Series {
        let label: String
        let fill: String
        let textFill: String
    }

    /// One bar: its label, a value per series, and a note written after the bar.
    struct Bar {
        let label: String
        let values: [Int]
        let note: String
    }

    let title: String
    let series: [Series]
    let bars: [Bar]

    // Layout, in SVG user units (pixels at 100 %).
    static let width = 760.0
    static let fontSize = 12.0
    /// A generous estimate of the advance of a character at `fontSize` in a sans-serif face
    /// (Cyrillic in DejaVu Sans is about this wide); there are no font metrics without a
    /// browser, so room for labels is reserved on this estimate.
    static let characterWidth = 8.0
    static let legendHeight = 28.0
    static let barHeight = 16.0
    static let axisHeight = 22.0
    /// Labels wider than this go above their bars instead of to the left.
    static let maximumLabelWidth = 240.0

    /// The SVG element, ending with a line break.
    func render() -> String {
        let largest = bars.map { $0.values.reduce(0, +) }.max() ?? 0
        let (step, axisMaximum) = SVGChart.axis(largest)
        let labelChars = bars.map { $0.label.count }.max() ?? 0
        // Short labels sit left of the bars; long ones (full municipality names) get a line
        // of their own above each bar, where they have the whole width.
        let labelsAbove = Double(labelChars) * SVGChart.characterWidth > SVGChart.maximumLabelWidth
        let labelWidth = labelsAbove ? 0 : max(Double(labelChars) * SVGChart.characterWidth, 40)
        let rowHeight = labelsAbove ? 40.0 : 24.0
        let noteWidth = max(Double(bars.map { $0.note.count }.max() ?? 0) * SVGChart.characterWidth, 40) + 8
        let plotLeft = labelsAbove ? 8 : labelWidth + 14
        let plotWidth = SVGChart.width - plotLeft - noteWidth - 4
        let plotTop = SVGChart.legendHeight
        let plotBottom = plotTop + Double(bars.count) * rowHeight
        let height = plotBottom + SVGChart.axisHeight
        let scale = axisMaximum > 0 ? plotWidth / Double(axisMaximum) : 0
        let labelLimit = Int(((labelsAbove ? SVGChart.width - 16 : labelWidth) / SVGChart.characterWidth).rounded(.down))

        var out = "<svg class=\"chart\" viewBox=\"0 0 \(n(SVGChart.width)) \(n(height))\" width=\"\(n(SVGChart.width))\" height=\"\(n(height))\""
        out += " role=\"img\" aria-labelledby=\"chart-title\" font-family=\"system-ui, sans-serif\" font-size=\"\(n(SVGChart.fontSize))\">\n"
        out += "<title id=\"chart-title\">\(escape(title))</title>\n"

        // Legend, in one line.
        out += "<g class=\"legend\">\n"
        var x = plotLeft
        for item in series {
            out += "<rect x=\"\(n(x))\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(item.fill)\"/>"
            out += "<text x=\"\(n(x + 16))\" y=\"16\" fill=\"#222\">\(escape(item.label))</text>\n"
            x += 16 + Double(item.label.count) * SVGChart.characterWidth + 18
        }
        out += "</g>\n"

        // Grid and axis labels.
        out += "<g class=\"axis\" fill=\"#555\" text-anchor=\"middle\">\n"
        var tick = 0
        while step > 0 && tick <= axisMaximum {
            let tickX = plotLeft + Double(tick) * scale
            out += "<line x1=\"\(n(tickX))\" y1=\"\(n(plotTop))\" x2=\"\(n(tickX))\" y2=\"\(n(plotBottom))\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>"
            out += "<text x=\"\(n(tickX))\" y=\"\(n(plotBottom + 15))\">\(tick)</text>\n"
            tick += step
        }
        out += "</g>\n"

        // Bars.
        out += "<g class=\"bars\">\n"
        for (row, bar) in bars.enumerated() {
            let top = plotTop + Double(row) * rowHeight + rowHeight - SVGChart.barHeight - 4
            let baseline = top + SVGChart.barHeight / 2 + SVGChart.fontSize * 0.35
            let label = SVGChart.truncated(bar.label, to: labelLimit)
            out += "<g>"
            if labelsAbove {
                out += "<text x=\"\(n(plotLeft))\" y=\"\(n(top - 5))\" fill=\"#222\">"
            } else {
                out += "<text x=\"\(n(labelWidth + 6))\" y=\"\(n(baseline))\" text-anchor=\"end\" fill=\"#222\">"
            }
            if label != bar.label { out += "<title>\(escape(bar.label))</title>" }
            out += "\(escape(label))</text>"
            var start = plotLeft
            for (value, item) in zip(bar.values, series) where value > 0 {
                let segment = Double(value) * scale
                out += "<rect x=\"\(n(start))\" y=\"\(n(top))\" width=\"\(n(segment))\" height=\"\(n(SVGChart.barHeight))\" fill=\"\(item.fill)\">"
                out += "<title>\(escape(bar.label)) — \(escape(item.label)): \(value)</title></rect>"
                let digits = Double(String(value).count) * SVGChart.characterWidth
                if segment >= digits + 4 {
                    out += "<text x=\"\(n(start + segment / 2))\" y=\"\(n(baseline))\" text-anchor=\"middle\" fill=\"\(item.textFill)\">\(value)</text>"
                }
                start += segment
            }
            out += "<text x=\"\(n(start + 6))\" y=\"\(n(baseline))\" fill=\"#222\">\(escape(bar.note))</text>"
            out += "</g>\n"
        }
        out += "</g>\n"
        out += "</svg>\n"
        return out
    }

    /// A tick step of 1, 2 or 5 times a power of ten giving at most five steps, and the axis
    /// end: the first multiple of the step at or above `largest`.
    static func axis(_ largest: Int) -> (step: Int, maximum: Int) {
        guard largest > 0 else { return (1, 1) }
        var power = 1
        while true {
            for factor in [1, 2, 5] {
                let step = factor * power
                let steps = (largest + step - 1) / step
                if steps <= 5 { return (step, steps * step) }
            }
            power *= 10
        }
    }

    /// The text cut to `limit` characters, with an ellipsis when cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// A coordinate with at most one decimal, without a trailing `.0`.
    /// Within ±10^9, 0 for NaN, as `NotePictures.n`.
    func n(_ value: Double) -> String {
        let value = value.isNaN ? 0 : min(1e9, max(-1e9, value))
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? sign + String(magnitude / 10) : sign + String(magnitude / 10) + "." + String(magnitude % 10)
    }

    func escape(_ text: String) -> String { HTMLReport.escape(text) }
}
