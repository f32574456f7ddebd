// The wording of the analytic note (Markdown and HTML), in Russian and English. The renderers
// take every heading, column name and phrase from here; they add only markup and numbering.

extension ReportText {
    // MARK: Title

    var noteTitle: String { pick("Аналитическая справка", "Analytic note") }

    var noteSubtitle: String {
        pick("по результатам проверки данных школ набором правил",
             "on the results of checking school data against a rule set")
    }

    /// A title in the language's quotation marks: «…» in Russian, “…” in English.
    func quoted(_ title: String) -> String { pick("«\(title)»", "“\(title)”") }

    /// `Данные: «Результаты школ» schools`; the parts are already marked up for the target format.
    func dataLine(_ datasets: [String]) -> String {
        pick("Данные: ", "Data: ") + datasets.joined(separator: ", ")
    }

    func periodsLine(_ periods: [Int]) -> String {
        (periods.count == 1 ? pick("Период: ", "Period: ") : pick("Периоды: ", "Periods: "))
            + periods.map(String.init).joined(separator: ", ")
    }

    func ruleSetLine(rules: Int, parameters: Int) -> String {
        pick("Правил в наборе: \(rules); параметров: \(parameters)", "Rules in the set: \(rules); parameters: \(parameters)")
    }

    // MARK: Section titles

    var summarySection: String { pick("Общие итоги", "Overview") }
    var chartSection: String { pick("Отмеченные школы по группам и уровням", "Flagged schools by group and severity") }
    var matrixSection: String { pick("Сводная таблица «школа × правило»", "School × rule matrix") }
    var schoolsSection: String { pick("Отмеченные школы: выявленные признаки и рекомендации", "Flagged schools: findings and recommendations") }
    var insufficientSection: String { pick("Школы с недостаточными данными", "Schools with insufficient data") }
    var parametersSection: String { pick("Параметры правил", "Rule parameters") }

    // MARK: Overview

    var itemColumn: String { pick("Показатель", "Item") }
    var countColumn: String { pick("Количество", "Count") }
    var shareColumn: String { pick("Доля", "Share") }

    func entitiesRow(withPeriods: Bool) -> String {
        withPeriods ? pick("Школ (записей «школа — период»)", "Schools (school-period records)") : pick("Школ", "Schools")
    }

    var flaggedRow: String { pick("Отмечено (сработало хотя бы одно правило)", "Flagged (at least one rule fired)") }
    var cleanRow: String { pick("Без замечаний (все правила проверены, ни одно не сработало)", "Clean (every rule decided, none fired)") }
    /// A sentence under the overview when the data had problems that did not stop the run.
    func dataNote(warnings: Int, madeMissing: Int) -> String? {
        guard warnings > 0 || madeMissing > 0 else { return nil }
        return pick("Замечаний к данным: \(warnings); ячеек с ошибками, прочитанных как пропуск (--lenient): \(madeMissing).",
                    "Data warnings: \(warnings); bad cells read as missing (--lenient): \(madeMissing).")
    }

    var insufficientRow: String {
        pick("Недостаточно данных (ни одно правило не сработало, но не все удалось проверить)",
             "Insufficient data (no rule fired, but not every rule could be decided)")
    }

    var bySeverityHeading: String { pick("Отмеченные школы по наивысшему уровню", "Flagged schools by highest severity") }
    var severityColumn: String { pick("Уровень", "Severity") }
    var highestSeverityColumn: String { pick("Наивысший уровень", "Highest severity") }
    var schoolsColumn: String { pick("Школ", "Schools") }
    var shareOfFlaggedColumn: String { pick("Доля от отмеченных", "Share of flagged") }

    var byRuleHeading: String { pick("По правилам", "By rule") }
    var codeColumn: String { pick("Код", "Code") }
    var ruleColumn: String { pick("Правило", "Rule") }
    var firedColumn: String { pick("Сработало", "Fired") }
    var undecidedColumn: String { pick("Недостаточно данных", "Insufficient data") }
    var noRules: String { pick("В наборе нет правил.", "The set has no rules.") }

    /// The heading of the per-group table; `column` is already formatted (a code span).
    func byGroupHeading(_ column: String) -> String { pick("По группам (столбец \(column))", "By group (column \(column))") }
    var groupColumn: String { pick("Группа", "Group") }
    var flaggedColumn: String { pick("Отмечено", "Flagged") }
    var cleanColumn: String { pick("Без замечаний", "Clean") }
    var shareFlaggedColumn: String { pick("Доля отмеченных", "Share flagged") }

    // MARK: Chart

    var chartCaption: String {
        pick("Число отмеченных школ по группам с разбивкой по наивысшему уровню сработавших правил",
             "Flagged schools per group, split by the highest severity of the rules that fired")
    }

    var allSchools: String { pick("Все школы", "All schools") }

    /// The text at the end of a bar: flagged of all schools in the group.
    func flaggedOf(_ flagged: Int, _ entities: Int) -> String { pick("\(flagged) из \(entities)", "\(flagged) of \(entities)") }

    var totalColumn: String { pick("Всего школ", "All schools") }
    var barColumn: String { pick("Диаграмма", "Chart") }
    var legendLabel: String { pick("Обозначения", "Legend") }
    var noFlagged: String { pick("Ни одна школа не отмечена.", "No school is flagged.") }

    // MARK: Abridged detail sections (a note of a whole region)

    /// The rule for what sections 3–5 list when some groups have more schools than `limit`.
    func abridged(limit: Int, group: String?, flagged: Int, insufficient: Int) -> String {
        let per = group.map { pick("каждого значения «\($0)»", "each value of '\($0)'") } ?? pick("всего набора", "the whole run")
        return pick("Выписка. Разделы 3–5 показывают полностью не более \(limit) отмеченных школ для \(per) "
                    + "(сначала с наивысшим уровнем, затем по коду и периоду) и не более \(limit) школ с недостаточными данными; "
                    + "все числа разделов 1 и 2 учитывают каждую школу. Не показаны: отмеченных — \(flagged), "
                    + "с недостаточными данными — \(insufficient) (по группам — в таблице). "
                    + "Полный список сработавших правил по каждой школе — отчёт --format csv, все исходы — --format json или jsonl.",
                    "Abridged. Sections 3–5 list in full at most \(limit) flagged schools for \(per) "
                    + "(highest severity first, then by key and period) and at most \(limit) schools with insufficient data; "
                    + "every figure of sections 1 and 2 counts every school. Not listed: \(flagged) flagged, "
                    + "\(insufficient) with insufficient data (by group in the table). "
                    + "The complete list of fired rules per school is the --format csv report; every outcome is in --format json or jsonl.")
    }

    var omittedFlaggedColumn: String { pick("Отмечено, не показано", "Flagged, not listed") }
    var omittedInsufficientColumn: String { pick("Недостаточно данных, не показано", "Insufficient data, not listed") }

    // MARK: Matrix

    var matrixIntro: String {
        pick("Строки — отмеченные школы (сначала с более высоким уровнем), столбцы — правила, сработавшие хотя бы для одной школы.",
             "Rows are the flagged schools (highest severity first), columns the rules that fired for at least one school.")
    }

    /// What the marks in the matrix cells mean, marks and names already formatted.
    func matrixMarks(_ marks: [(mark: String, name: String)], undecided: String) -> String {
        pick("В клетке — уровень сработавшего правила: ", "A cell shows the severity of a rule that fired: ")
            + marks.map { "\($0.mark) — \($0.name)" }.joined(separator: ", ")
            + pick("; \(undecided) — недостаточно данных; пусто — правило не сработало.",
                   "; \(undecided) — insufficient data; empty — the rule did not fire.")
    }

    /// The caption of one part of a matrix cut by columns.
    func matrixPart(_ part: Int, of parts: Int, first: String, last: String) -> String {
        pick("Часть \(part) из \(parts): правила \(first)–\(last)", "Part \(part) of \(parts): rules \(first)–\(last)")
    }

    var numberColumn: String { "№" }
    var keyColumn: String { pick("Код школы", "Key") }
    var schoolColumn: String { pick("Школа", "School") }
    var periodColumn: String { pick("Период", "Period") }
    var rulesLegendHeading: String { pick("Обозначения правил", "Rule codes") }

    /// A short code for a rule in the matrix: П1, П2… in Russian, R1, R2… in English.
    func ruleCode(_ number: Int) -> String { pick("П", "R") + String(number) }

    /// A one-letter mark for a severity in the matrix.
    func severityMark(_ severity: Severity) -> String {
        switch severity {
        case .critical: pick("К", "C")
        case .high: pick("В", "H")
        case .medium: pick("С", "M")
        case .low: pick("Н", "L")
        case .info: pick("И", "I")
        case .positive: pick("+", "+")
        }
    }

    /// The mark of a rule that could not be decided.
    var undecidedMark: String { "?" }
    /// The matrix mark of a rule that does not apply to the school.
    var notApplicableMark: String { "–" }

    // MARK: Schools

    var schoolsIntro: String {
        pick("Для каждой отмеченной школы — сработавшие правила (сначала более высокого уровня) и рекомендации.",
             "For each flagged school: the rules that fired (highest severity first) and the recommendations.")
    }

    var categoryLabel: String { pick("Категория", "Category") }
    var sourceLabel: String { pick("Источник", "Source") }
    var recommendationsLabel: String { pick("Рекомендации", "Recommendations") }
    var firedRulesHeading: String { pick("Сработавшие правила", "Rules that fired") }
    var undecidedHeading: String { pick("Не удалось проверить (недостаточно данных)", "Could not be decided (insufficient data)") }
    var missingLabel: String { pick("нет данных", "missing") }
    var reasonLabel: String { pick("причина", "reason") }
    var missingColumn: String { pick("Нет данных", "Missing") }
    var reasonsColumn: String { pick("Причины", "Reasons") }
    var noReasonGiven: String { pick("данных недостаточно для расчёта", "not enough data to decide") }
    var noValue: String { "—" }

    // MARK: Insufficient data

    var insufficientIntro: String {
        pick("Ни одно правило для этих школ не сработало, но не все правила удалось проверить: без уточнения данных их нельзя считать благополучными.",
             "No rule fired for these schools, but not every rule could be decided: they cannot be taken as clean until the data are completed.")
    }

    var noInsufficient: String { pick("Таких школ нет.", "There are none.") }

    /// A note about flagged schools that also have undecided rules.
    func flaggedWithUndecided(_ count: Int, section: Int) -> String {
        pick("Отмеченных школ, у которых часть правил не удалось проверить: \(count) (подробности в разделе \(section)).",
             "Flagged schools with some rules undecided: \(count) (details in section \(section)).")
    }

    // MARK: Parameters

    var parametersIntro: String {
        pick("Значения, с которыми выполнен расчёт, и значения, объявленные в правилах.",
             "The values used in this run and the values declared in the rules.")
    }

    var parameterColumn: String { pick("Параметр", "Parameter") }
    var descriptionColumn: String { pick("Описание", "Description") }
    var usedColumn: String { pick("Значение в расчёте", "Value used") }
    var declaredColumn: String { pick("Объявлено в правилах", "Declared") }
    var remarkColumn: String { pick("Примечание", "Remark") }
    var changedForRun: String { pick("изменено при запуске", "changed for this run") }
    var noParameters: String { pick("Параметры не объявлены.", "No parameters are declared.") }

    // MARK: Footer

    func footer(version: String) -> String {
        pick("Справка сформирована программой Soko \(version). Результаты получены автоматически по приведённым правилам и данным и требуют оценки специалистом.",
             "Generated by Soko \(version). The results follow automatically from the rules and data above and call for an expert's judgement.")
    }
}
