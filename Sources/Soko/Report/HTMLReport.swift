// The analytic note as one self-contained HTML file: inline CSS (with a print layout) and an
// inline SVG chart; no scripts, no external fonts or links, no date. The content is that of
// `MarkdownReport`, taken from the same `NoteFacts`.

public enum HTMLReport {
    /// Writes the note to `sink`. The note stays small at any size (its detail sections are
    /// capped, see `NoteFacts.detailLimit`), so it is made whole and handed over at once.
    public static func write(_ evaluation: Evaluation, summary: Summary, language: Language,
                             context: NoteContext = NoteContext(), to sink: ReportSink) {
        var bytes = Array(render(evaluation, summary: summary, language: language, context: context).utf8)
        sink.drain(&bytes)
    }

    public static func render(_ evaluation: Evaluation, summary: Summary, language: Language,
                              context: NoteContext = NoteContext()) -> String {
        let facts = NoteFacts(evaluation: evaluation, summary: summary, language: language)
        let text = facts.text
        let cover = NoteCover(note: evaluation.program.note, context: context, facts: facts)
        var out = "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>" + escape(cover.title) + "</title>\n"
        out += "<style>\n" + stylesheet + "</style>\n</head>\n<body>\n<main>\n"
        out += "<header>\n"
        if let approval = cover.signatures.first, evaluation.program.note?.approver != nil {
            out += "<div class=\"approval\">" + escape(approval.role.uppercased()) + "<br>" + escape(approval.name)
                + "<br><span class=\"line\"></span></div>\n"
        }
        out += "<h1>" + escape(cover.title) + "</h1>\n"
        if !cover.lines.isEmpty {
            out += "<p class=\"cover\">" + cover.lines.map { label, value in
                label.map { "<strong>" + escape($0) + ":</strong> " + escape(value) } ?? "<strong>" + escape(value) + "</strong>"
            }.joined(separator: "<br>") + "</p>\n"
        }
        out += "<p class=\"subtitle\">" + escape(text.noteSubtitle) + "</p>\n"
        out += "<p class=\"lead\">" + text.dataLine(facts.datasets.map { dataset in
            (dataset.title.map { text.quoted(escape($0)) + " " } ?? "") + code(dataset.name)
        })
        if !facts.periods.isEmpty, facts.summary.periods == nil { out += "<br>" + escape(text.periodsLine(facts.periods)) }
        out += "<br>" + escape(text.ruleSetLine(rules: facts.program.rules.count, parameters: facts.parameters.count)) + "</p>\n"
        for (role, name) in cover.signatures where evaluation.program.note?.approver == nil || role != cover.signatures.first?.role {
            out += "<p class=\"signature\">" + escape(role) + ": <span class=\"line\"></span> " + escape(name) + "</p>\n"
        }
        out += "</header>\n"

        out += overview(facts)
        out += LevelReport.html(LevelSection.sections(evaluation, language: language, periods: summary.periods), language: language)
        out += chart(facts)
        out += matrix(facts)
        out += schools(facts)
        out += nonRisk(facts)
        out += insufficient(facts)
        out += notApplicable(facts)
        out += parameters(facts)
        out += "<footer>\n<p>" + escape(text.footer(version: Soko.version)) + "</p>\n</footer>\n"
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    // MARK: Sections

    static func overview(_ facts: NoteFacts) -> String {
        let text = facts.text
        let summary = facts.summary
        var out = section("summary", 1, text.summarySection)
        out += table(class: "overview", [cell(text.itemColumn), cell(text.countColumn, numeric: true), cell(text.shareColumn, numeric: true)], rows: [
            (text.entitiesRow(withPeriods: facts.periods.count > 1), summary.entities, summary.entities, "entities"),
            (text.flaggedRow, summary.flagged, summary.entities, "flagged"),
            (text.cleanRow, summary.clean, summary.entities, "clean"),
            (text.insufficientRow, summary.insufficient, summary.entities, "insufficient"),
            (text.notApplicableRow, summary.notApplicable, summary.entities, "not-applicable"),
        ].map { label, count, whole, name in
            [cell(label), Cell(html: String(count), numeric: true, attributes: " data-count=\"\(name)\""), cell(facts.share(count, of: whole), numeric: true)]
        })
        if let note = text.dataNote(warnings: summary.dataWarnings, madeMissing: summary.cellsMadeMissing) {
            out += "<p class=\"data-note\">" + escape(note) + "</p>\n"
        }

        out += "<h3>" + escape(text.bySeverityHeading) + "</h3>\n"
        out += table(class: "by-severity", [cell(text.highestSeverityColumn), cell(text.schoolsColumn, numeric: true), cell(text.shareOfFlaggedColumn, numeric: true)],
                     rows: NoteFacts.severities.map { severity in
                         let count = summary.bySeverity[severity] ?? 0
                         return [Cell(html: severityBadge(severity, facts.language)), cell(String(count), numeric: true),
                                 cell(facts.share(count, of: summary.flagged), numeric: true)]
                     })

        out += "<h3>" + escape(text.byRuleHeading) + "</h3>\n"
        if facts.ruleOrder.isEmpty {
            out += "<p>" + escape(text.noRules) + "</p>\n"
        } else {
            out += table(class: "by-rule", [cell(text.codeColumn), cell(text.ruleColumn), cell(text.severityColumn),
                                            cell(text.firedColumn, numeric: true), cell(text.undecidedColumn, numeric: true),
                                            cell(text.notApplicableColumn, numeric: true)],
                         rows: facts.ruleOrder.map { rule in
                             let declaration = facts.program.rules[rule]
                             return [cell(facts.code(rule)), cell(facts.ruleTitle(rule)),
                                     Cell(html: severityBadge(declaration.severity, facts.language)),
                                     cell(String(facts.fired[rule]), numeric: true), cell(String(facts.undecided[rule]), numeric: true),
                                     cell(String(facts.notApplicable[rule]), numeric: true)]
                         })
        }

        if let column = summary.groupTitle {
            out += "<h3>" + text.byGroupHeading(text.quoted(escape(column))) + "</h3>\n"
            out += table(class: "by-group", [cell(text.groupColumn), cell(text.schoolsColumn, numeric: true), cell(text.flaggedColumn, numeric: true),
                                             cell(text.cleanColumn, numeric: true), cell(text.undecidedColumn, numeric: true),
                                             cell(text.notApplicableColumn, numeric: true), cell(text.shareFlaggedColumn, numeric: true)],
                         rows: summary.groups.map { group in
                             [cell(group.name), cell(String(group.entities), numeric: true), cell(String(group.flagged), numeric: true),
                              cell(String(group.entities - group.flagged - group.insufficient - group.notApplicable), numeric: true),
                              cell(String(group.insufficient), numeric: true), cell(String(group.notApplicable), numeric: true),
                              cell(facts.share(group.flagged, of: group.entities), numeric: true)]
                         })
        }
        return out + "</section>\n"
    }

    static func chart(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = section("chart", 2, text.chartSection)
        guard facts.summary.flagged > 0 else { return out + "<p>" + escape(text.noFlagged) + "</p>\n</section>\n" }
        let chart = SVGChart(
            title: text.chartSection,
            series: NoteFacts.severities.map { severity in
                let colours = severityColours(severity)
                return SVGChart.Series(label: severity.name(facts.language), fill: colours.fill, textFill: colours.text)
            },
            bars: facts.chart.map { bar in
                SVGChart.Bar(label: bar.name, values: bar.counts, note: text.flaggedOf(bar.flagged, bar.entities))
            })
        out += "<figure>\n" + chart.render()
        out += "<figcaption>" + escape(text.chartCaption) + "</figcaption>\n</figure>\n"
        out += pictures(facts)
        return out + "</section>\n"
    }

    /// The dynamics (per rule and period, the risk-zone matrix) and the distributions of the
    /// threshold rules' indicators (NoteFigures.swift).
    static func pictures(_ facts: NoteFacts) -> String {
        NotePictures.groups(facts).map { group in
            "<h3 id=\"\(group.id)\">" + escape(group.heading) + "</h3>\n" + group.figures.map(\.html).joined()
        }.joined()
    }

    static func matrix(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = section("matrix", 3, text.matrixSection)
        out += abridged(facts)
        guard !facts.flaggedEntities.isEmpty else { return out + "<p>" + escape(text.noFlagged) + "</p>\n</section>\n" }
        out += "<p>" + escape(text.matrixIntro) + " "
        out += escape(text.matrixMarks(NoteFacts.severities.map { (text.severityMark($0), $0.name(facts.language)) },
                                       undecided: text.undecidedMark)) + "</p>\n"
        for (part, rules) in facts.matrixParts.enumerated() {
            if facts.matrixParts.count > 1 {
                out += "<p class=\"part\">" + escape(text.matrixPart(part + 1, of: facts.matrixParts.count,
                                                                     first: facts.code(rules.first ?? 0), last: facts.code(rules.last ?? 0))) + "</p>\n"
            }
            out += "<div class=\"wide\">\n" + matrixTable(facts, rules: rules) + "</div>\n"
        }
        out += "<h3>" + escape(text.rulesLegendHeading) + "</h3>\n"
        out += table(class: "legend", [cell(text.codeColumn), cell(text.ruleColumn), cell(text.severityColumn),
                                       cell(text.firedColumn, numeric: true)],
                     rows: facts.firedRules.map { rule in
                         let declaration = facts.program.rules[rule]
                         return [cell(facts.code(rule)), cell(facts.ruleTitle(rule)),
                                 Cell(html: severityBadge(declaration.severity, facts.language)), cell(String(facts.fired[rule]), numeric: true)]
                     })
        return out + "</section>\n"
    }

    /// One matrix table: the flagged schools against the given rules.
    static func matrixTable(_ facts: NoteFacts, rules: [Int]) -> String {
        let text = facts.text
        var headers = [cell(text.numberColumn, numeric: true), cell(text.keyColumn)]
        if facts.hasLabels { headers.append(cell(text.schoolColumn)) }
        if facts.hasPeriods { headers.append(cell(text.periodColumn)) }
        headers += rules.map { rule in
            Cell(html: "<abbr title=\"" + escape(facts.ruleTitle(rule)) + "\">"
                            + escape(facts.code(rule)) + "</abbr>", attributes: " class=\"mark\"")
        }
        var rows: [[Cell]] = []
        for (position, entity) in facts.flaggedEntities.enumerated() {
            var row = [Cell(html: "<a href=\"#school-\(position + 1)\">\(position + 1)</a>", numeric: true), cell(facts.key(entity))]
            if facts.hasLabels { row.append(cell(facts.label(entity) ?? text.noValue)) }
            if facts.hasPeriods { row.append(cell(facts.period(entity).map(String.init) ?? text.noValue)) }
            for rule in rules {
                let kind: String
                switch facts.outcome(rule: rule, entity: entity) {
                case .fired: kind = "mark sev-" + facts.program.rules[rule].severity.english
                case .insufficient: kind = "mark undecided"
                case .silent, .notApplicable: kind = "mark"
                }
                row.append(Cell(html: escape(facts.mark(rule: rule, entity: entity)), attributes: " class=\"\(kind)\""))
            }
            rows.append(row)
        }
        return table(class: "matrix", headers, rows: rows)
    }

    /// The rule of an abridged note and what it leaves out, per group; nothing when the
    /// note lists every school.
    static func abridged(_ facts: NoteFacts) -> String {
        guard !facts.omitted.isEmpty else { return "" }
        let text = facts.text
        var out = "<p class=\"abridged\"><strong>" + escape(text.abridged(limit: NoteFacts.detailLimit, group: facts.summary.groupTitle,
                                                                           flagged: facts.omitted.reduce(0) { $0 + $1.flagged },
                                                                           insufficient: facts.omitted.reduce(0) { $0 + $1.insufficient }))
        out += "</strong></p>\n"
        out += table(class: "omitted", [cell(facts.summary.groupTitle ?? text.groupColumn),
                                        cell(text.omittedFlaggedColumn, numeric: true), cell(text.omittedInsufficientColumn, numeric: true)],
                     rows: facts.omitted.map { [cell($0.group), cell(String($0.flagged), numeric: true), cell(String($0.insufficient), numeric: true)] })
        return out
    }

    static func schools(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = section("schools", 4, text.schoolsSection)
        guard !facts.flaggedEntities.isEmpty else { return out + "<p>" + escape(text.noFlagged) + "</p>\n</section>\n" }
        out += "<p>" + escape(text.schoolsIntro) + "</p>\n"
        let profiles = SchoolProfiles(facts: facts)
        for (position, entity) in facts.flaggedEntities.enumerated() {
            out += "<article class=\"school\" id=\"school-\(position + 1)\">\n"
            out += "<h3>4.\(position + 1). " + escape(facts.title(entity)) + "</h3>\n"
            var meta: [String] = []
            if let column = facts.summary.groupTitle, let group = facts.group(entity) {
                meta.append(escape(column) + ": " + escape(group))
            }
            if let highest = facts.summary.highest[entity] {
                meta.append(escape(text.highestSeverityColumn) + ": " + severityBadge(highest, facts.language))
            }
            if !meta.isEmpty { out += "<p class=\"meta\">" + meta.joined(separator: " · ") + "</p>\n" }
            var rows: [[Cell]] = []
            for rule in facts.ruleOrder where facts.outcome(rule: rule, entity: entity) == .fired && facts.program.rules[rule].severity.isRisk {
                let declaration = facts.program.rules[rule]
                var about = "<strong>" + escape(facts.ruleTitle(rule)) + "</strong>"
                if let category = declaration.category { about += "<br>" + escape(text.categoryLabel) + ": " + escape(category) }
                if let source = declaration.source { about += "<br>" + escape(text.sourceLabel) + ": " + escape(source) }
                let recommendations = facts.recommendations(rule: rule, entity: entity)
                let list = recommendations.isEmpty ? escape(text.noValue)
                    : "<ul>" + recommendations.map { "<li>" + escape($0) + "</li>" }.joined() + "</ul>"
                rows.append([cell(facts.code(rule)), Cell(html: about), Cell(html: severityBadge(declaration.severity, facts.language)), Cell(html: list)])
            }
            out += table(class: "findings", [cell(text.codeColumn), cell(text.firedRulesHeading), cell(text.severityColumn), cell(text.recommendationsLabel)],
                         rows: rows)
            if let profile = NotePictures.profile(profiles, entity: entity) { out += profile.html }
            let undecided = facts.undecidedRules(entity)
            if !undecided.isEmpty {
                out += "<p class=\"undecided\">" + escape(text.undecidedHeading) + ":</p>\n<ul class=\"undecided\">\n"
                for detail in undecided {
                    out += "<li>" + escape(facts.code(detail.rule) + ". " + facts.ruleTitle(detail.rule)) + ": " + reasons(detail, text) + "</li>\n"
                }
                out += "</ul>\n"
            }
            out += "</article>\n"
        }
        return out + "</section>\n"
    }

    /// Info and positive rules that fired, in sections of their own (see `MarkdownReport.nonRisk`).
    static func nonRisk(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = ""
        for (severity, findings) in facts.nonRiskSections {
            out += "<section id=\"\(severity.english)\">\n<h2>" + escape(text.nonRiskSection(severity)) + "</h2>\n"
            out += "<p>" + escape(text.nonRiskIntro(severity)) + "</p>\n<ul class=\"\(severity.english)\">\n"
            for finding in findings {
                let title = escape(facts.code(finding.rule) + ". " + facts.ruleTitle(finding.rule))
                out += "<li>" + text.nonRiskLine(title, count: finding.entities.count, schools: finding.entities.map { escape(facts.title($0)) }) + "</li>\n"
            }
            out += "</ul>\n</section>\n"
        }
        return out
    }

    /// Schools no risk rule applies to, and why (see `MarkdownReport.notApplicable`).
    static func notApplicable(_ facts: NoteFacts) -> String {
        guard !facts.notApplicableEntities.isEmpty else { return "" }
        var out = "<section id=\"not-applicable\">\n<h2>" + escape(facts.text.notApplicableHeading(facts.summary.notApplicable)) + "</h2>\n<ul>\n"
        for (entity, reasons) in facts.notApplicableEntities {
            out += "<li>" + escape(facts.title(entity)) + ": " + escape(reasons.joined(separator: "; ")) + "</li>\n"
        }
        out += "</ul>\n"
        if !facts.notApplicableOmitted.isEmpty {
            out += "<p class=\"abridged\"><strong>" + escape(facts.text.notApplicableOmitted(facts.notApplicableOmitted, limit: NoteFacts.detailLimit))
                + "</strong></p>\n"
        }
        return out + "</section>\n"
    }

    static func insufficient(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = section("insufficient", 5, text.insufficientSection)
        if facts.insufficientEntities.isEmpty {
            out += "<p>" + escape(text.noInsufficient) + "</p>\n"
        } else {
            out += "<p>" + escape(text.insufficientIntro) + "</p>\n"
            var headers = [cell(text.keyColumn)]
            if facts.hasLabels { headers.append(cell(text.schoolColumn)) }
            if facts.hasPeriods { headers.append(cell(text.periodColumn)) }
            if let column = facts.summary.groupTitle { headers.append(cell(column)) }
            headers += [cell(text.ruleColumn), cell(text.missingColumn), cell(text.reasonsColumn)]
            var rows: [[Cell]] = []
            for entity in facts.insufficientEntities {
                for detail in facts.undecidedRules(entity) {
                    var row = [cell(facts.key(entity))]
                    if facts.hasLabels { row.append(cell(facts.label(entity) ?? text.noValue)) }
                    if facts.hasPeriods { row.append(cell(facts.period(entity).map(String.init) ?? text.noValue)) }
                    if facts.summary.groupColumn != nil { row.append(cell(facts.group(entity) ?? text.noValue)) }
                    row.append(cell(facts.code(detail.rule) + ". " + facts.ruleTitle(detail.rule)))
                    row.append(cell(detail.missing.isEmpty ? text.noValue : detail.missing.joined(separator: ", ")))
                    let reasons = detail.reasons.isEmpty && detail.missing.isEmpty ? [text.noReasonGiven] : detail.reasons
                    row.append(cell(reasons.isEmpty ? text.noValue : reasons.joined(separator: "; ")))
                    rows.append(row)
                }
            }
            out += table(class: "insufficient", headers, rows: rows)
        }
        let alsoUndecided = facts.flaggedEntities.filter { !facts.undecidedRules($0).isEmpty }.count
        if alsoUndecided > 0 { out += "<p>" + escape(text.flaggedWithUndecided(alsoUndecided, section: 4)) + "</p>\n" }
        return out + "</section>\n"
    }

    static func parameters(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = section("parameters", 6, text.parametersSection)
        guard !facts.parameters.isEmpty else { return out + "<p>" + escape(text.noParameters) + "</p>\n</section>\n" }
        out += "<p>" + escape(text.parametersIntro) + "</p>\n"
        out += table(class: "parameters", [cell(text.parameterColumn), cell(text.descriptionColumn), cell(text.usedColumn, numeric: true),
                                           cell(text.declaredColumn, numeric: true), cell(text.remarkColumn)],
                     rows: facts.parameters.map { parameter in
                         [Cell(html: code(parameter.name)), cell(parameter.description ?? ""),
                          Cell(html: parameter.changed ? "<strong>" + escape(parameter.used) + "</strong>" : escape(parameter.used), numeric: true),
                          cell(parameter.declared, numeric: true), cell(parameter.changed ? text.changedForRun : "")]
                     })
        return out + "</section>\n"
    }

    /// `нет данных: a, b; причина: …` for an undecided rule, as HTML.
    static func reasons(_ detail: NoteFacts.UndecidedRule, _ text: ReportText) -> String {
        var parts: [String] = []
        if !detail.missing.isEmpty { parts.append(escape(text.missingLabel + ": " + detail.missing.joined(separator: ", "))) }
        for reason in detail.reasons { parts.append(escape(text.reasonLabel + ": " + reason)) }
        if parts.isEmpty { parts.append(escape(text.noReasonGiven)) }
        return parts.joined(separator: "; ")
    }

    // MARK: HTML building blocks

    /// A table cell: its HTML, whether it holds a number (right-aligned), extra attributes.
    struct Cell {
        let html: String
        var numeric = false
        var attributes = ""
    }

    /// A cell holding plain text.
    static func cell(_ text: String, numeric: Bool = false) -> Cell { Cell(html: escape(text), numeric: numeric) }

    static func table(class name: String, _ headers: [Cell], rows: [[Cell]]) -> String {
        func attributes(_ cell: Cell) -> String { (cell.numeric ? " class=\"num\"" : "") + cell.attributes }
        var out = "<table class=\"\(name)\">\n<thead><tr>"
        for header in headers { out += "<th\(attributes(header))>\(header.html)</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for cell in row { out += "<td\(attributes(cell))>\(cell.html)</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func section(_ id: String, _ number: Int, _ title: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(number). " + escape(title) + "</h2>\n"
    }

    static func severityBadge(_ severity: Severity, _ language: Language) -> String {
        "<span class=\"sev sev-\(severity.english)\">" + escape(severity.name(language)) + "</span>"
    }

    static func code(_ name: String) -> String { "<code>" + escape(name) + "</code>" }

    /// Fill and text colours per severity: dark to light, so that they stay apart in grey.
    static func severityColours(_ severity: Severity) -> (fill: String, text: String) {
        switch severity {
        case .critical: ("#7f0000", "#ffffff")
        case .high: ("#d7301f", "#ffffff")
        case .medium: ("#fc8d59", "#000000")
        case .low: ("#fdd49e", "#000000")
        case .info: ("#c6dbef", "#000000")
        case .positive: ("#a1d99b", "#000000")
        }
    }

    /// Text made safe in HTML content and in quoted attribute values (see `Markup.escape`).
    static func escape(_ text: String) -> String { Markup.escape(text) }

    /// The note's stylesheet: screen and print. Only local font families; the colours of
    /// severities match `severityColours`.
    static let stylesheet = """
    :root { color-scheme: light; }
    * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { margin: 0; background: #fff; color: #1a1a1a; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "PT Sans", Arial, sans-serif; }
    main { max-width: 1040px; margin: 0 auto; padding: 24px 32px 48px; }
    h1 { font-size: 1.7em; margin: 0; }
    h2 { font-size: 1.25em; margin: 1.8em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid #333; }
    h3 { font-size: 1.05em; margin: 1.3em 0 .4em; }
    .subtitle { margin: .1em 0 .8em; font-size: 1.1em; color: #333; }
    .approval { float: right; max-width: 40%; text-align: left; margin: 0 0 1em 2em; line-height: 1.5; }
    .cover { font-size: 1.05em; line-height: 1.5; }
    .line { display: inline-block; width: 12em; border-bottom: 1px solid #000; margin: 0 .4em; }
    .signature { margin: 1.2em 0 0; }
    .lead { color: #444; }
    table { border-collapse: collapse; margin: .4em 0 1em; font-size: .92em; }
    th, td { border: 1px solid #b8b8b8; padding: 3px 8px; text-align: left; vertical-align: top; }
    th { background: #efefef; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    td.num { white-space: nowrap; }
    table.matrix td, table.matrix th { white-space: nowrap; }
    td.mark, th.mark { text-align: center; min-width: 1.8em; padding: 3px 4px; }
    p.part { margin: 1em 0 .2em; font-weight: 600; }
    td.undecided { color: #555; background: #f4f4f4; }
    .sev { display: inline-block; padding: 0 .45em; border-radius: 3px; white-space: nowrap; }
    .sev-critical { background: #7f0000; color: #fff; }
    .sev-high { background: #d7301f; color: #fff; }
    .sev-medium { background: #fc8d59; color: #000; }
    .sev-low { background: #fdd49e; color: #000; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", Consolas, monospace; font-size: .9em; }
    abbr { text-decoration: none; }
    a { color: inherit; }
    figure { margin: .4em 0 1em; }
    figcaption { font-size: .9em; color: #444; }
    svg.chart { display: block; max-width: 100%; height: auto; }
    .wide { overflow-x: auto; }
    article.school { margin-top: 1.2em; border-top: 1px solid #ccc; }
    table.findings ul { margin: 0; padding-left: 1.2em; }
    .meta { margin: .2em 0 .4em; color: #333; }
    p.undecided { margin-bottom: .2em; color: #444; }
    ul.undecided { margin-top: 0; color: #444; }
    footer { margin-top: 3em; padding-top: .6em; border-top: 1px solid #ccc; font-size: .85em; color: #555; }
    @page { size: A4; margin: 15mm 12mm; }
    @media print {
      body { font-size: 10pt; }
      main { max-width: none; padding: 0; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
      tr, figure, article.school { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
      .wide { overflow: visible; }
      table.matrix { font-size: 8.5pt; }
      table.matrix td, table.matrix th { padding: 1px 3px; }
      td.mark, th.mark { min-width: 1.6em; }
      a { text-decoration: none; }
    }

    """
}
