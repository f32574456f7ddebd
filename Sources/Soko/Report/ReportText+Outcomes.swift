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
}
