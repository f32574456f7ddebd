// The analytic note in Markdown (GitHub-flavoured tables), from `NoteFacts`. No date or time
// goes into the note: the same run gives the same bytes.

public enum MarkdownReport {
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
        var out = "# " + escape(cover.title) + "\n\n"
        for (label, value) in cover.lines {
            out += (label.map { "**" + escape($0) + ":** " } ?? "**") + escape(value) + (label == nil ? "**" : "") + "  \n"
        }
        if !cover.lines.isEmpty { out += "\n" }
        out += "_" + escape(text.noteSubtitle) + "_\n\n"
        out += text.dataLine(facts.datasets.map { dataset in
            (dataset.title.map { text.quoted(escape($0)) + " " } ?? "") + code(dataset.name)
        }) + "  \n"
        // A note of chosen periods names them on its cover already.
        if !facts.periods.isEmpty, facts.summary.periods == nil { out += escape(text.periodsLine(facts.periods)) + "  \n" }
        out += escape(text.ruleSetLine(rules: facts.program.rules.count, parameters: facts.parameters.count)) + "\n"
        if !cover.signatures.isEmpty {
            out += "\n" + table(["", "", ""], align: [.left, .left, .left],
                                rows: cover.signatures.map { [escape($0.role), "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_", escape($0.name)] })
        }

        out += overview(facts)
        out += LevelReport.markdown(LevelSection.sections(evaluation, language: language, periods: summary.periods), language: language)
        out += chart(facts)
        out += matrix(facts)
        out += schools(facts)
        out += nonRisk(facts)
        out += insufficient(facts)
        out += notApplicable(facts)
        out += parameters(facts)
        out += "\n---\n\n" + escape(text.footer(version: Soko.version)) + "\n"
        return out
    }

    // MARK: Sections

    static func overview(_ facts: NoteFacts) -> String {
        let text = facts.text
        let summary = facts.summary
        var out = "\n## 1. " + escape(text.summarySection) + "\n\n"
        out += table([text.itemColumn, text.countColumn, text.shareColumn], align: [.left, .right, .right], rows: [
            [text.entitiesRow(withPeriods: facts.periods.count > 1), String(summary.entities), facts.share(summary.entities, of: summary.entities)],
            [text.flaggedRow, String(summary.flagged), facts.share(summary.flagged, of: summary.entities)],
            [text.cleanRow, String(summary.clean), facts.share(summary.clean, of: summary.entities)],
            [text.insufficientRow, String(summary.insufficient), facts.share(summary.insufficient, of: summary.entities)],
            [text.notApplicableRow, String(summary.notApplicable), facts.share(summary.notApplicable, of: summary.entities)],
        ].map { [escape($0[0]), $0[1], $0[2]] })
        if let note = text.dataNote(warnings: summary.dataWarnings, madeMissing: summary.cellsMadeMissing) {
            out += "\n" + escape(note) + "\n"
        }

        out += "\n### " + escape(text.bySeverityHeading) + "\n\n"
        out += table([text.highestSeverityColumn, text.schoolsColumn, text.shareOfFlaggedColumn], align: [.left, .right, .right],
                     rows: NoteFacts.severities.map { severity in
                         let count = summary.bySeverity[severity] ?? 0
                         return [escape(severity.name(facts.language)), String(count), facts.share(count, of: summary.flagged)]
                     })

        out += "\n### " + escape(text.byRuleHeading) + "\n\n"
        if facts.ruleOrder.isEmpty {
            out += escape(text.noRules) + "\n"
        } else {
            out += table([text.codeColumn, text.ruleColumn, text.severityColumn, text.firedColumn, text.undecidedColumn,
                          text.notApplicableColumn],
                         align: [.left, .left, .left, .right, .right, .right],
                         rows: facts.ruleOrder.map { rule in
                             let declaration = facts.program.rules[rule]
                             return [facts.code(rule), escape(facts.ruleTitle(rule)),
                                     escape(declaration.severity.name(facts.language)),
                                     String(facts.fired[rule]), String(facts.undecided[rule]), String(facts.notApplicable[rule])]
                         })
        }

        if let column = summary.groupTitle {
            out += "\n### " + text.byGroupHeading(text.quoted(escape(column))) + "\n\n"
            out += table([text.groupColumn, text.schoolsColumn, text.flaggedColumn, text.cleanColumn, text.undecidedColumn,
                          text.notApplicableColumn, text.shareFlaggedColumn],
                         align: [.left, .right, .right, .right, .right, .right, .right],
                         rows: summary.groups.map { group in
                             [escape(group.name), String(group.entities), String(group.flagged),
                              String(group.entities - group.flagged - group.insufficient - group.notApplicable), String(group.insufficient),
                              String(group.notApplicable),
                              facts.share(group.flagged, of: group.entities)]
                         })
        }
        return out
    }

    /// The chart as a table: flagged schools per group and highest severity, with a bar drawn
    /// in block characters, one shade per severity.
    static func chart(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = "\n## 2. " + escape(text.chartSection) + "\n\n"
        guard facts.summary.flagged > 0 else { return out + escape(text.noFlagged) + "\n" }
        out += escape(text.chartCaption) + ".\n\n"
        let groupHeading = escape(facts.summary.groupTitle ?? text.groupColumn)
        let headers = [groupHeading] + NoteFacts.severities.map { escape($0.name(facts.language)) }
            + [escape(text.flaggedColumn), escape(text.totalColumn), escape(text.barColumn)]
        let widthLimit = 20
        let largest = facts.chart.map(\.flagged).max() ?? 0
        var rows: [[String]] = []
        for bar in facts.chart {
            let shape = blockBar(bar.counts, largest: largest, width: widthLimit)
            rows.append([escape(bar.name)] + bar.counts.map(String.init)
                        + [String(bar.flagged), String(bar.entities), shape.isEmpty ? "" : "`" + shape + "`"])
        }
        out += rawTable(headers, align: [.left] + Array(repeating: .right, count: NoteFacts.severities.count + 2) + [.left], rows: rows)
        out += "\n" + escape(text.legendLabel) + ": "
        out += zip(NoteFacts.severities, blockShades).map { "`\($1)` " + escape($0.name(facts.language)) }.joined(separator: ", ") + ".\n"
        for group in NotePictures.groups(facts) {
            out += "\n### " + escape(group.heading) + "\n\n" + group.figures.map(\.markdown).joined(separator: "\n")
        }
        return out
    }

    static func matrix(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = "\n## 3. " + escape(text.matrixSection) + "\n\n"
        out += abridged(facts)
        guard !facts.flaggedEntities.isEmpty else { return out + escape(text.noFlagged) + "\n" }
        out += escape(text.matrixIntro) + " "
        out += escape(text.matrixMarks(NoteFacts.severities.map { (text.severityMark($0), $0.name(facts.language)) },
                                       undecided: text.undecidedMark)) + "\n\n"
        for (part, rules) in facts.matrixParts.enumerated() {
            if facts.matrixParts.count > 1 {
                out += "\n**" + escape(text.matrixPart(part + 1, of: facts.matrixParts.count,
                                                        first: facts.code(rules.first ?? 0), last: facts.code(rules.last ?? 0))) + "**\n\n"
            }
            var headers = [escape(text.numberColumn), escape(text.keyColumn)]
            if facts.hasLabels { headers.append(escape(text.schoolColumn)) }
            if facts.hasPeriods { headers.append(escape(text.periodColumn)) }
            let fixedColumns = headers.count
            headers += rules.map { facts.code($0) }
            var rows: [[String]] = []
            for (position, entity) in facts.flaggedEntities.enumerated() {
                var row = [String(position + 1), escape(facts.key(entity))]
                if facts.hasLabels { row.append(escape(facts.label(entity) ?? text.noValue)) }
                if facts.hasPeriods { row.append(facts.period(entity).map(String.init) ?? text.noValue) }
                row += rules.map { escape(facts.mark(rule: $0, entity: entity)) }
                rows.append(row)
            }
            out += rawTable(headers, align: [.right] + Array(repeating: .left, count: fixedColumns - 1)
                                + Array(repeating: .center, count: rules.count), rows: rows)
        }
        out += "\n### " + escape(text.rulesLegendHeading) + "\n\n"
        out += table([text.codeColumn, text.ruleColumn, text.severityColumn, text.firedColumn],
                     align: [.left, .left, .left, .right],
                     rows: facts.firedRules.map { rule in
                         let declaration = facts.program.rules[rule]
                         return [facts.code(rule), escape(facts.ruleTitle(rule)),
                                 escape(declaration.severity.name(facts.language)), String(facts.fired[rule])]
                     })
        return out
    }

    /// The rule of an abridged note and what it leaves out, per group; nothing when the
    /// note lists every school.
    static func abridged(_ facts: NoteFacts) -> String {
        guard !facts.omitted.isEmpty else { return "" }
        let text = facts.text
        var out = "**" + escape(text.abridged(limit: NoteFacts.detailLimit, group: facts.summary.groupTitle,
                                              flagged: facts.omitted.reduce(0) { $0 + $1.flagged },
                                              insufficient: facts.omitted.reduce(0) { $0 + $1.insufficient })) + "**\n\n"
        out += rawTable([escape(facts.summary.groupTitle ?? text.groupColumn),
                         escape(text.omittedFlaggedColumn), escape(text.omittedInsufficientColumn)],
                        align: [.left, .right, .right],
                        rows: facts.omitted.map { [escape($0.group), String($0.flagged), String($0.insufficient)] })
        return out + "\n"
    }

    static func schools(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = "\n## 4. " + escape(text.schoolsSection) + "\n\n"
        guard !facts.flaggedEntities.isEmpty else { return out + escape(text.noFlagged) + "\n" }
        out += escape(text.schoolsIntro) + "\n"
        let profiles = SchoolProfiles(facts: facts)
        for (position, entity) in facts.flaggedEntities.enumerated() {
            out += "\n### 4.\(position + 1). " + escape(facts.title(entity)) + "\n"
            var meta: [String] = []
            if let column = facts.summary.groupTitle, let group = facts.group(entity) {
                meta.append(escape(column) + ": " + escape(group))
            }
            if let highest = facts.summary.highest[entity] {
                meta.append(escape(text.highestSeverityColumn) + ": **" + escape(highest.name(facts.language)) + "**")
            }
            if !meta.isEmpty { out += "\n" + meta.joined(separator: " · ") + "\n" }
            for rule in facts.ruleOrder where facts.outcome(rule: rule, entity: entity) == .fired && facts.program.rules[rule].severity.isRisk {
                let declaration = facts.program.rules[rule]
                out += "\n" + ruleHeading(facts, rule, bold: true) + "\n\n"
                out += "- " + escape(text.severityColumn) + ": " + escape(declaration.severity.name(facts.language)) + "\n"
                if let category = declaration.category { out += "- " + escape(text.categoryLabel) + ": " + escape(category) + "\n" }
                if let source = declaration.source { out += "- " + escape(text.sourceLabel) + ": " + escape(source) + "\n" }
                let recommendations = facts.recommendations(rule: rule, entity: entity)
                if !recommendations.isEmpty {
                    out += "- " + escape(text.recommendationsLabel) + ":\n"
                    for recommendation in recommendations { out += "  - " + escapeBlockStart(escape(recommendation)) + "\n" }
                }
            }
            if let profile = NotePictures.profile(profiles, entity: entity) { out += "\n" + profile.markdown }
            let undecided = facts.undecidedRules(entity)
            if !undecided.isEmpty {
                out += "\n" + escape(text.undecidedHeading) + ":\n\n"
                for detail in undecided {
                    out += "- " + ruleHeading(facts, detail.rule, bold: false) + ": " + reasons(detail, text) + "\n"
                }
            }
        }
        return out
    }

    /// Info and positive rules that fired: «Классификация», «Положительная практика», each a
    /// list of rules with the schools they describe. Nothing when there are none.
    static func nonRisk(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = ""
        for (severity, findings) in facts.nonRiskSections {
            out += "\n## " + escape(text.nonRiskSection(severity)) + "\n\n" + escape(text.nonRiskIntro(severity)) + "\n\n"
            for finding in findings {
                out += "- " + text.nonRiskLine(ruleHeading(facts, finding.rule, bold: false), count: finding.entities.count,
                                               schools: finding.entities.map { escape(facts.title($0)) }) + "\n"
            }
        }
        return out
    }

    /// Schools no risk rule applies to, and why (nothing when there are none).
    static func notApplicable(_ facts: NoteFacts) -> String {
        guard !facts.notApplicableEntities.isEmpty else { return "" }
        var out = "\n## " + escape(facts.text.notApplicableHeading(facts.summary.notApplicable)) + "\n\n"
        for (entity, reasons) in facts.notApplicableEntities {
            out += "- " + escape(facts.title(entity)) + ": " + escape(reasons.joined(separator: "; ")) + "\n"
        }
        if !facts.notApplicableOmitted.isEmpty {
            out += "\n**" + escape(facts.text.notApplicableOmitted(facts.notApplicableOmitted, limit: NoteFacts.detailLimit)) + "**\n"
        }
        return out
    }

    /// `П2. Title` (the rule's name when it has no title); bold for a heading.
    static func ruleHeading(_ facts: NoteFacts, _ rule: Int, bold: Bool) -> String {
        let mark = bold ? "**" : ""
        return mark + facts.code(rule) + ". " + escape(facts.ruleTitle(rule)) + mark
    }

    static func insufficient(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = "\n## 5. " + escape(text.insufficientSection) + "\n\n"
        if facts.insufficientEntities.isEmpty {
            out += escape(text.noInsufficient) + "\n"
        } else {
            out += escape(text.insufficientIntro) + "\n\n"
            var headers = [escape(text.keyColumn)]
            if facts.hasLabels { headers.append(escape(text.schoolColumn)) }
            if facts.hasPeriods { headers.append(escape(text.periodColumn)) }
            if let column = facts.summary.groupTitle { headers.append(escape(column)) }
            headers += [text.ruleColumn, text.missingColumn, text.reasonsColumn].map(escape)
            var rows: [[String]] = []
            for entity in facts.insufficientEntities {
                for detail in facts.undecidedRules(entity) {
                    var row = [escape(facts.key(entity))]
                    if facts.hasLabels { row.append(escape(facts.label(entity) ?? text.noValue)) }
                    if facts.hasPeriods { row.append(facts.period(entity).map(String.init) ?? text.noValue) }
                    if facts.summary.groupColumn != nil { row.append(escape(facts.group(entity) ?? text.noValue)) }
                    row.append(escape(facts.code(detail.rule) + ". " + facts.ruleTitle(detail.rule)))
                    row.append(detail.missing.isEmpty ? text.noValue : detail.missing.map(escape).joined(separator: ", "))
                    let reasons = detail.reasons.isEmpty && detail.missing.isEmpty ? [text.noReasonGiven] : detail.reasons
                    row.append(reasons.isEmpty ? text.noValue : reasons.map(escape).joined(separator: "; "))
                    rows.append(row)
                }
            }
            out += rawTable(headers, align: Array(repeating: .left, count: headers.count), rows: rows)
        }
        let alsoUndecided = facts.flaggedEntities.filter { !facts.undecidedRules($0).isEmpty }.count
        if alsoUndecided > 0 { out += "\n" + escape(text.flaggedWithUndecided(alsoUndecided, section: 4)) + "\n" }
        return out
    }

    static func parameters(_ facts: NoteFacts) -> String {
        let text = facts.text
        var out = "\n## 6. " + escape(text.parametersSection) + "\n\n"
        guard !facts.parameters.isEmpty else { return out + escape(text.noParameters) + "\n" }
        out += escape(text.parametersIntro) + "\n\n"
        out += table([text.parameterColumn, text.descriptionColumn, text.usedColumn, text.declaredColumn, text.remarkColumn],
                     align: [.left, .left, .right, .right, .left],
                     rows: facts.parameters.map { parameter in
                         [code(parameter.name), escape(parameter.description ?? ""), escape(parameter.used), escape(parameter.declared),
                          parameter.changed ? escape(text.changedForRun) : ""]
                     })
        return out
    }

    /// `нет данных: a, b; причина: …` for an undecided rule.
    static func reasons(_ detail: NoteFacts.UndecidedRule, _ text: ReportText) -> String {
        var parts: [String] = []
        if !detail.missing.isEmpty { parts.append(escape(text.missingLabel) + ": " + detail.missing.map(escape).joined(separator: ", ")) }
        for reason in detail.reasons { parts.append(escape(text.reasonLabel) + ": " + escape(reason)) }
        if parts.isEmpty { parts.append(escape(text.noReasonGiven)) }
        return parts.joined(separator: "; ")
    }

    // MARK: Markdown building blocks

    /// Shades of the text bar, highest severity first (the order of `NoteFacts.severities`).
    static let blockShades = ["█", "▓", "▒", "░"]

    /// A bar of block characters, the largest bar `width` long at most: a whole number of
    /// characters per school when the largest bar fits, otherwise scaled down, with at least
    /// one character for every non-zero count.
    static func blockBar(_ counts: [Int], largest: Int, width: Int) -> String {
        guard largest > 0 else { return "" }
        let perSchool = max(1, width / largest)
        var bar = ""
        var before = 0
        var drawn = 0
        for (count, shade) in zip(counts, blockShades) where count > 0 {
            // Cumulative rounding keeps the total length proportional to the total count.
            let end = largest <= width ? (before + count) * perSchool : ((before + count) * width + largest / 2) / largest
            let length = max(1, end - drawn)
            bar += String(repeating: shade, count: length)
            drawn += length
            before += count
        }
        return bar
    }

    /// How a table column is aligned.
    enum Alignment {
        case left, right, center

        var delimiter: String {
            switch self {
            case .left: " --- |"
            case .right: " ---: |"
            case .center: " :---: |"
            }
        }
    }

    /// A table whose header texts are plain (escaped here) and whose cells are Markdown already.
    static func table(_ headers: [String], align: [Alignment], rows: [[String]]) -> String {
        rawTable(headers.map(escape), align: align, rows: rows)
    }

    /// A table whose headers and cells are Markdown already.
    static func rawTable(_ headers: [String], align: [Alignment], rows: [[String]]) -> String {
        var out = "| " + headers.joined(separator: " | ") + " |\n"
        out += "|" + align.map(\.delimiter).joined() + "\n"
        for row in rows { out += "|" + row.map { $0.isEmpty ? " |" : " " + $0 + " |" }.joined() + "\n" }
        return out
    }

    /// Text made literal in Markdown: characters that start emphasis, links, code, HTML,
    /// entities or table cells are escaped with a backslash; line breaks become spaces.
    static func escape(_ text: String) -> String {
        // Most texts (names, numbers, Cyrillic words) have nothing to escape.
        guard text.utf8.contains(where: { markdownSpecial[Int($0)] }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\t":
                out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Bytes that `escape` changes: the characters it escapes, line breaks and controls.
    static let markdownSpecial: [Bool] = (0..<256).map { byte in
        byte < 0x20 || byte == 0x7F || "\\`*_[]<>|&~$".utf8.contains(UInt8(byte))
    }

    /// Escaped text that begins a block (a list item): a leading `#`, `-`, `+`, `=` or
    /// `1.` / `1)` would otherwise start a heading, a nested list or a rule.
    static func escapeBlockStart(_ escaped: String) -> String {
        guard let first = escaped.first else { return escaped }
        if "#-+=".contains(first) { return "\\" + escaped }
        let digits = escaped.prefix { $0.isASCII && $0.isNumber }
        let rest = escaped.dropFirst(digits.count)
        if !digits.isEmpty, digits.count <= 9, let next = rest.first, next == "." || next == ")" {
            return digits + "\\" + rest
        }
        return escaped
    }

    /// A name (rule, parameter, column identifier) as a code span.
    static func code(_ name: String) -> String {
        guard !name.contains("`") else { return escape(name) }
        return "`" + name.replacing("\n", with: " ") + "`"
    }
}
