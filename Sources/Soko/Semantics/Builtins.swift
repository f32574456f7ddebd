// Every built-in function, declared once: its names in both languages, its kind, arity and
// documentation. The checker, the evaluator, `explain` and Grammar.md's table read this list.

/// What a built-in function does with its arguments.
public enum BuiltinKind: Sendable {
    /// Works on one entity's values.
    case scalar
    /// A statistic over all rows of a group (`by …`), or over every row when no group is given.
    case aggregate
    /// Looks at the same key in earlier periods.
    case history
}

/// The built-in functions.
public enum BuiltinFunction: String, Sendable, CaseIterable {
    case abs, round, min, max, coalesce, isMissing = "is_missing"
    case mean, median, stddev, sum, count, percentile, rank, share
    case prev, change, periodsWith = "periods_with", hasPrev = "has_prev"
    case fired, decided, applies
    case date, daysBetween = "days_between", yearOf = "year_of", monthOf = "month_of", quarterOf = "quarter_of"
    case schoolYearStart = "school_year_start"

    public var english: String { rawValue }

    public var russian: String {
        switch self {
        case .abs: "модуль"
        case .round: "округлить"
        case .min: "минимум"
        case .max: "максимум"
        case .coalesce: "первое_известное"
        case .isMissing: "нет_данных"
        case .mean: "среднее"
        case .median: "медиана"
        case .stddev: "стандартное_отклонение"
        case .sum: "сумма"
        case .count: "количество"
        case .percentile: "процентиль"
        case .rank: "ранг"
        case .share: "доля"
        case .prev: "пред"
        case .change: "изменение"
        case .periodsWith: "периодов_с"
        case .hasPrev: "есть_пред"
        case .fired: "сработало"
        case .decided: "решено"
        case .applies: "применимо"
        case .date: "дата"
        case .daysBetween: "дней_между"
        case .yearOf: "год_из"
        case .monthOf: "месяц_из"
        case .quarterOf: "квартал_из"
        case .schoolYearStart: "начало_учебного_года"
        }
    }

    public func name(_ language: Language) -> String { language == .ru ? russian : english }

    /// The kind; `min` and `max` are aggregates when they take one argument or a `by`, and
    /// scalar otherwise (`max(a, b)`).
    public func kind(argumentCount: Int, hasGroups: Bool) -> BuiltinKind {
        switch self {
        case .abs, .round, .coalesce, .isMissing, .fired, .decided, .applies: .scalar
        case .date, .daysBetween, .yearOf, .monthOf, .quarterOf, .schoolYearStart: .scalar
        case .min, .max: (argumentCount == 1 || hasGroups) ? .aggregate : .scalar
        case .mean, .median, .stddev, .sum, .count, .percentile, .rank, .share: .aggregate
        case .prev, .change, .periodsWith, .hasPrev: .history
        }
    }

    /// `fired`, `decided`, `applies`: ask about a rule's outcome (never unknown).
    public var asksAboutOutcome: Bool { self == .fired || self == .decided || self == .applies }

    /// Allowed number of arguments (not counting `by`).
    public var arity: ClosedRange<Int> {
        switch self {
        case .abs, .isMissing, .mean, .median, .stddev, .sum, .count, .rank, .change, .fired, .decided, .applies, .share: 1...1
        case .hasPrev: 0...1
        case .date, .yearOf, .monthOf, .quarterOf: 1...1
        case .daysBetween: 2...2
        case .schoolYearStart: 0...0
        case .round, .prev: 1...2
        case .percentile, .periodsWith: 2...2
        case .min, .max, .coalesce: 1...32
        }
    }

    /// One line of documentation in both languages.
    public var summary: Message {
        switch self {
        case .abs: Message(ru: "модуль числа", en: "absolute value")
        case .round: Message(ru: "округление до n знаков после запятой (по умолчанию 0)", en: "rounds to n decimals (0 by default)")
        case .min: Message(ru: "наименьшее из значений; с одним аргументом — по группе", en: "the smallest of the values; with one argument, over the group")
        case .max: Message(ru: "наибольшее из значений; с одним аргументом — по группе", en: "the largest of the values; with one argument, over the group")
        case .coalesce: Message(ru: "первое известное (не пропущенное) значение", en: "the first value that is not missing")
        case .isMissing: Message(ru: "истина, если значение пропущено; сама никогда не пропуск", en: "true when the value is missing; never missing itself")
        case .mean: Message(ru: "среднее по группе (пропуски не учитываются)", en: "mean over the group (missing values skipped)")
        case .median: Message(ru: "медиана по группе", en: "median over the group")
        case .stddev: Message(ru: "стандартное отклонение по группе (генеральное)", en: "population standard deviation over the group")
        case .sum: Message(ru: "сумма по группе; для условий — число выполненных", en: "sum over the group; for conditions, how many hold")
        case .count: Message(ru: "число известных значений в группе; для условий — число выполненных", en: "how many values in the group are known; for conditions, how many hold")
        case .percentile: Message(ru: "процентиль p (от 0 до 1 или в %) по группе, с интерполяцией", en: "percentile p (0 to 1, or a percentage) over the group, interpolated")
        case .share: Message(ru: "доля выполненных среди известных; пропуск, если известных нет", en: "the share that hold among the known; missing when none is known")
        case .rank: Message(ru: "место в группе по убыванию (1 — наибольшее значение)", en: "place in the group, largest first (1 = the largest value)")
        case .prev: Message(ru: "значение той же школы k периодов назад (по умолчанию 1)", en: "the same school's value k periods before (1 by default)")
        case .change: Message(ru: "изменение к предыдущему периоду: x − пред(x)", en: "change since the period before: x − prev(x)")
        case .periodsWith: Message(ru: "в скольких из последних n периодов (включая текущий) условие выполнено; пропуск, если какого-то периода нет или в нём условие не решено", en: "in how many of the last n periods (this one included) the condition held; missing when one of them has no row or is undecided")
        case .hasPrev: Message(ru: "истина, если у той же школы есть строка ровно k периодов назад (по умолчанию 1); никогда не пропуск", en: "true when the same school has a row exactly k periods before (1 by default); never missing")
        case .fired: Message(ru: "истина, если правило сработало; никогда не пропуск", en: "true when the rule fired; never missing")
        case .decided: Message(ru: "истина, если правило решено (сработало или молчит); никогда не пропуск", en: "true when the rule was decided (fired or silent); never missing")
        case .applies: Message(ru: "истина, если правило применяется (исход не «не применяется»); никогда не пропуск", en: "true when the rule applies (its outcome is not 'not applicable'); never missing")
        case .date: Message(ru: "дата, записанная в кавычках: «01.09.2024» или «2024-09-01»", en: "a date written in quotes: '01.09.2024' or '2024-09-01'")
        case .daysBetween: Message(ru: "число дней от первой даты до второй (b − a)", en: "the number of days from the first date to the second (b − a)")
        case .yearOf: Message(ru: "год даты", en: "the year of a date")
        case .monthOf: Message(ru: "месяц даты (1–12)", en: "the month of a date (1–12)")
        case .quarterOf: Message(ru: "квартал даты (1–4)", en: "the quarter of a date (1–4)")
        case .schoolYearStart: Message(ru: "1 сентября года перед периодом: начало учебного года, который кончается в периоде", en: "1 September of the year before the period: the start of the school year that ends in the period")
        }
    }

    /// An example call, for Grammar.md and help texts.
    public var example: String {
        switch self {
        case .abs: "abs(change(oge_mean))"
        case .round: "round(vpr_high_share, 2)"
        case .min: "min(a, b) / min(oge_mean by municipality, year)"
        case .max: "max(a, b) / max(oge_mean by municipality, year)"
        case .coalesce: "coalesce(video_present, false)"
        case .isMissing: "is_missing(ege_mean_rus)"
        case .mean: "mean(vpr_high_share by municipality, year)"
        case .median: "median(ege_mean_rus by year)"
        case .stddev: "stddev(vpr_high_share by municipality, year)"
        case .sum: "sum(medalists by municipality, year)"
        case .count: "count(medal_risk by municipality, year)"
        case .percentile: "percentile(ege_mean_rus, 10% by year)"
        case .rank: "rank(oge_mean by municipality, year)"
        case .share: "share(mark < journal_mark where grade = 5)"
        case .prev: "prev(vpr_high_share) / prev(x, 2)"
        case .change: "change(vpr_high_share)"
        case .periodsWith: "periods_with(on_federal_list, 3) >= 2"
        case .hasPrev: "has_prev() / has_prev(2)"
        case .fired: "fired(medal_risk)"
        case .decided: "decided(medal_risk)"
        case .applies: "applies(medal_risk)"
        case .date: "date(\"2024-09-01\")"
        case .daysBetween: "days_between(order_date, plan_date) <= 30"
        case .yearOf: "year_of(plan_date)"
        case .monthOf: "month_of(plan_date)"
        case .quarterOf: "quarter_of(monitoring_date)"
        case .schoolYearStart: "plan_date >= school_year_start()"
        }
    }

    /// A function by its name in either language.
    public static func named(_ name: String) -> BuiltinFunction? {
        let lower = name.lowercased()
        return allCases.first { $0.english == lower || $0.russian == lower }
    }

    /// Functions added after rule sets had used their names: a declared name keeps working
    /// (`share` the indicator), and `share(…)` with parentheses is still the function.
    public var mayBeShadowed: Bool { self == .share }

    public static var allNames: [String] { allCases.flatMap { [$0.english, $0.russian] } }
}
