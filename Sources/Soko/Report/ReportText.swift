// Headings and phrases of the reports, in both languages.

struct ReportText {
    let language: Language

    func pick(_ ru: String, _ en: String) -> String { language == .ru ? ru : en }

    /// The first line of the table report: what was counted (schools, or school-years when
    /// the report covers several periods), then the outcomes.
    func heading(_ summary: Summary, schools: Int, periods: Int) -> String {
        let counted = periods > 1
            ? pick("Записей «школа — период»: \(summary.entities) (школ: \(schools), периодов: \(periods))",
                   "School-years: \(summary.entities) (schools: \(schools), periods: \(periods))")
            : pick("Школ: \(summary.entities)", "Schools: \(summary.entities)")
        return counted + pick("; отмечено: \(summary.flagged), без замечаний: \(summary.clean), недостаточно данных: \(summary.insufficient)"
                + (summary.notApplicable > 0 ? ", правила не применяются: \(summary.notApplicable)" : ""),
             "; flagged: \(summary.flagged), clean: \(summary.clean), insufficient data: \(summary.insufficient)"
                + (summary.notApplicable > 0 ? ", no rule applies: \(summary.notApplicable)" : ""))
    }

    var missing: String { pick("нет данных", "missing") }

    func insufficientFor(_ rules: [String]) -> String {
        pick("недостаточно данных: ", "insufficient data: ") + rules.joined(separator: ", ")
    }

    func insufficientHeading(_ count: Int) -> String {
        pick("Недостаточно данных (ни одно правило не сработало, но не все удалось проверить): \(count)",
             "Insufficient data (no rule fired, but not every rule could be decided): \(count)")
    }

    func summaryBlock(_ summary: Summary, program: Program) -> String {
        var out = pick("Сводка", "Summary") + "\n"
        if summary.dataWarnings > 0 || summary.cellsMadeMissing > 0 {
            out += "  " + pick("замечаний к данным: \(summary.dataWarnings), ячеек с ошибками прочитано как пропуск: \(summary.cellsMadeMissing)",
                              "data warnings: \(summary.dataWarnings), bad cells read as missing: \(summary.cellsMadeMissing)") + "\n"
        }
        out += "  " + pick("по наивысшему уровню: ", "by highest severity: ")
        out += Severity.risks.reversed().map { "\($0.name(language)) \(summary.bySeverity[$0] ?? 0)" }.joined(separator: ", ") + "\n"
        out += "  " + pick("по правилам:", "by rule:") + "\n"
        for line in summary.byRule {
            let rule = program.rules[line.rule]
            out += "    " + (rule.title ?? rule.name) + ": " + pick("сработало", "fired") + " \(line.fired)"
            if line.insufficient > 0 { out += ", " + pick("недостаточно данных", "insufficient data") + " \(line.insufficient)" }
            if line.notApplicable > 0 { out += ", " + notApplicableWord + " \(line.notApplicable)" }
            if !rule.severity.isRisk { out += " (" + rule.severity.name(language) + ")" }
            out += "\n"
        }
        if let column = summary.groupTitle {
            out += "  " + pick("по столбцу «\(column)»:", "by '\(column)':") + "\n"
            for group in summary.groups {
                out += "    " + group.name.padding(28) + " " + pick("отмечено \(group.flagged) из \(group.entities)", "flagged \(group.flagged) of \(group.entities)")
                if group.insufficient > 0 { out += ", " + pick("недостаточно данных", "insufficient data") + " \(group.insufficient)" }
                out += "\n"
            }
        }
        return out
    }
}
