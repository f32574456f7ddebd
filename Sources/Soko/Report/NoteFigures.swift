// The note's pictures as both forms show them: the HTML note inlines each SVG in a <figure>,
// the Markdown note embeds the same SVG as an image with a data: address (no network; it is
// drawn by pandoc into DOCX and PDF, and by VS Code, Typora and other editors' previews). The
// SVG itself is made once, in NotePictures and SchoolProfiles.
import Foundation

/// One picture: its SVG, a caption (plain text) and the bold lead of the caption, if any.
struct NoteFigure {
    let svg: String
    /// Text for readers that show no picture (Markdown's alternative text).
    let alternative: String
    var lead: String? = nil
    var caption: String? = nil
    /// Whether the caption stands above the picture (a distribution's rule) or below it.
    var captionFirst = false
    var className: String? = nil
}

/// Pictures under one heading of section 2.
struct NoteFigureGroup {
    let id: String
    let heading: String
    let figures: [NoteFigure]
}

extension NotePictures {
    /// The pictures after the bar chart: the dynamics per rule and period and the risk zone's
    /// matrix (when the note has an earlier period to compare with), then the distributions of
    /// the threshold rules' indicators in the latest period.
    static func groups(_ facts: NoteFacts) -> [NoteFigureGroup] {
        let text = facts.text
        let pictures = NotePictures(facts: facts)
        let titles = Dictionary(uniqueKeysWithValues: facts.program.rules.indices.map { ($0, facts.ruleTitle($0)) })
        var groups: [NoteFigureGroup] = []
        if pictures.periods.count > 1 {
            let dynamics = text.pick("Динамика: отмеченные школы по правилам и периодам", "Dynamics: flagged schools by rule and period")
            groups.append(NoteFigureGroup(id: "dynamics", heading: dynamics, figures: [
                NoteFigure(svg: pictures.perPeriodSVG(titles: titles, text: text), alternative: dynamics)]))
            let zone = text.pick("Зона риска по периодам: кто вошёл, остался, вышел", "The risk zone by period: who entered, stayed, left")
            groups.append(NoteFigureGroup(id: "risk-zone", heading: zone, figures: [
                NoteFigure(svg: pictures.matrixSVG(text: text), alternative: zone,
                           caption: text.pick("Школы, отмеченные хотя бы в одном периоде; цвет — положение относительно зоны риска по сравнению с предыдущим периодом.",
                                              "Schools flagged in at least one period; the colour is their place against the risk zone compared with the period before.")
                               + matrixCut(pictures.matrix.count, text: text))]))
        }
        if !pictures.distributions.isEmpty {
            let figures = pictures.distributions.map { distribution in
                let title = titles[distribution.rule] ?? ""
                let flagged = distribution.points.filter(\.flagged).count
                return NoteFigure(svg: distributionSVG(distribution, title: title, formatter: facts.formatter, text: text), alternative: title,
                                  lead: title,
                                  caption: text.pick("школ: \(distribution.points.count), отмечено: \(flagged)",
                                                     "schools: \(distribution.points.count), flagged: \(flagged)"),
                                  captionFirst: true, className: "distribution")
            }
            groups.append(NoteFigureGroup(id: "distributions",
                                          heading: text.pick("Распределение показателей относительно порога", "Indicators against their thresholds")
                                              + (pictures.latest.map { " (\($0))" } ?? ""),
                                          figures: figures))
        }
        return groups
    }

    /// The caption's end when the risk-zone matrix leaves schools out.
    static func matrixCut(_ count: Int, text: ReportText) -> String {
        guard count > matrixLimit else { return "" }
        return text.pick(" Показаны \(matrixLimit) школ из \(count): сначала те, что в зоне риска в последнем периоде; полный список — отчёт --format csv или xlsx.",
                         " \(matrixLimit) schools of \(count) are shown, those in the risk zone in the last period first; the complete list is in --format csv or xlsx.")
    }

    /// A flagged school's profile (nil when none of its fired rules has a threshold).
    static func profile(_ profiles: SchoolProfiles, entity: Int) -> NoteFigure? {
        guard let svg = profiles.svg(entity: entity) else { return nil }
        return NoteFigure(svg: svg, alternative: profiles.facts.text.pick("Профиль школы", "The school's profile"), className: "profile")
    }
}

extension NoteFigure {
    /// The figure in HTML, the SVG inline.
    var html: String {
        let caption = self.caption.map { caption in
            "<figcaption>" + (lead.map { "<strong>" + HTMLReport.escape($0) + "</strong> — " } ?? "") + HTMLReport.escape(caption) + "</figcaption>\n"
        } ?? ""
        return "<figure" + (className.map { " class=\"\($0)\"" } ?? "") + ">\n"
            + (captionFirst ? caption + svg : svg + caption) + "</figure>\n"
    }

    /// The figure in Markdown: the SVG as an image with a data: address, its caption as a line
    /// of its own (the lead in bold).
    var markdown: String {
        let image = "![" + MarkdownReport.escape(alternative) + "](" + NoteFigure.dataAddress(svg) + ")\n"
        guard let caption else { return image }
        let line = (lead.map { "**" + MarkdownReport.escape($0) + "** — " } ?? "") + MarkdownReport.escape(caption) + "\n"
        return captionFirst ? line + "\n" + image : image + "\n" + line
    }

    /// `data:image/svg+xml;base64,…` of an SVG, given the namespace an SVG file needs (inline
    /// SVG in HTML does without, and the HTML note names no address at all).
    static func dataAddress(_ svg: String) -> String {
        "data:image/svg+xml;base64," + Data(standalone(svg).utf8).base64EncodedString()
    }

    /// The SVG as a file of its own: the root element with the SVG namespace.
    static func standalone(_ svg: String) -> String {
        guard svg.hasPrefix("<svg "), !svg.hasPrefix("<svg xmlns=") else { return svg }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" " + svg.dropFirst(5)
    }
}
