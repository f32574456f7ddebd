// Words of the reports about the fourth outcome (not applicable) and the rules that are not
// risks (information and good practice).

extension ReportText {
    var notApplicableRow: String {
        pick("Ни одно правило о рисках не применяется", "No risk rule applies")
    }
    var notApplicableColumn: String { pick("Не применяется", "Not applicable") }
    var notApplicableWord: String { pick("не применяется", "not applicable") }

    /// The heading of a section of non-risk rules: «Классификация», «Положительная практика».
    func nonRiskSection(_ severity: Severity) -> String {
        severity == .positive ? pick("Положительная практика", "Good practice") : pick("Классификация", "Classification")
    }
    func nonRiskIntro(_ severity: Severity) -> String {
        severity == .positive
            ? pick("Правила уровня «положительный» описывают удачный опыт; школа из-за них не считается отмеченной.",
                   "Rules of the level 'positive' describe good practice; they never make a school flagged.")
            : pick("Правила уровня «информационный» описывают школу; школа из-за них не считается отмеченной.",
                   "Rules of the level 'info' describe a school; they never make a school flagged.")
    }

    /// `title (name): 3 — S001 (2024), S002 (2024)` — one non-risk rule and where it fired.
    func nonRiskLine(_ title: String, count: Int, schools: [String]) -> String {
        title + ": " + String(count) + (schools.isEmpty ? "" : " — " + schools.joined(separator: ", "))
    }

    func notApplicableHeading(_ count: Int) -> String {
        pick("Ни одно правило о рисках не применяется: \(count)", "No risk rule applies: \(count)")
    }

    /// The line after a capped not-applicable list: how many each group leaves out, and where
    /// the whole list is.
    func notApplicableOmitted(_ omitted: [(group: String, count: Int)], limit: Int) -> String {
        let groups = omitted.map { pick("«\($0.group)» — ещё \($0.count)", "'\($0.group)': \($0.count) more") }.joined(separator: "; ")
        return pick("Показаны не более \(limit) школ каждой группы; не показаны: \(groups). "
                    + "Полный список — отчёт --format csv --all-outcomes (исход not_applicable) или лист «Показатели» книги --format xlsx.",
                    "At most \(limit) schools of each group are listed; not listed: \(groups). "
                    + "The complete list is in --format csv --all-outcomes (outcome not_applicable) or the «Indicators» sheet of --format xlsx.")
    }
}
