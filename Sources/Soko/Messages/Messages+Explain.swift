// Words of `explain`: the pieces that Explanation+Text.swift puts together into sentences about
// why a rule fired, did not fire, or could not be judged for one school.

extension Messages {
    /// The explanation's vocabulary. Each function returns one piece in both languages; the
    /// pieces are joined by the phrasing code, which holds no words of its own.
    enum Explain {
        // MARK: Outcomes

        static func fired(_ rule: String, severity: Severity) -> Message {
            Message(ru: "сработало правило «\(rule)» (уровень: \(severity.russian))",
                    en: "the rule '\(rule)' fired (severity: \(severity.english))")
        }
        static func silent(_ rule: String) -> Message {
            Message(ru: "правило «\(rule)» не сработало", en: "the rule '\(rule)' did not fire")
        }
        static func insufficient(_ rule: String) -> Message {
            Message(ru: "недостаточно данных для правила «\(rule)»", en: "insufficient data for the rule '\(rule)'")
        }
        static let insufficientShort = Message(ru: "недостаточно данных", en: "insufficient data")
        static let notApplicableShort = Message(ru: "не применяется", en: "not applicable")
        static func notApplicable(_ rule: String, because reasons: String) -> Message {
            Message(ru: "правило «\(rule)» не применяется: \(reasons)", en: "the rule '\(rule)' does not apply: \(reasons)")
        }
        static func unmetApplicability(_ expression: String) -> Message {
            Message(ru: "не выполнено условие применимости «\(expression)»", en: "the applicability condition '\(expression)' does not hold")
        }
        static func notJudged(_ rule: String, because reasons: String) -> Message {
            Message(ru: "правило «\(rule)» не проверялось: \(reasons)", en: "the rule '\(rule)' was not judged: \(reasons)")
        }
        static func unmetRequirement(_ expression: String) -> Message {
            Message(ru: "не выполнено требование «\(expression)»", en: "the requirement '\(expression)' does not hold")
        }
        static let recommendation = Message(ru: "рекомендация: ", en: "recommendation: ")

        // MARK: A rule named inside a condition

        static func ruleFired(_ rule: String) -> Message {
            Message(ru: "правило «\(rule)» сработало", en: "the rule '\(rule)' fired")
        }
        static func ruleSilent(_ rule: String) -> Message {
            Message(ru: "правило «\(rule)» не сработало", en: "the rule '\(rule)' did not fire")
        }
        static func ruleInsufficient(_ rule: String) -> Message {
            Message(ru: "правило «\(rule)» не решено (недостаточно данных)", en: "the rule '\(rule)' is undecided (insufficient data)")
        }
        static func ruleNotApplicable(_ rule: String) -> Message {
            Message(ru: "правило «\(rule)» не применяется (считается не сработавшим)", en: "the rule '\(rule)' does not apply (counts as not fired)")
        }

        // MARK: Parts of compound conditions

        static let markHeld = Message(ru: "[да]", en: "[yes]")
        static let markFailed = Message(ru: "[нет]", en: "[no]")
        static let markUnknown = Message(ru: "[?]", en: "[?]")

        /// What a compound condition needs of its parts.
        enum Need {
            case all, any, atLeast(Int)
        }

        /// "1 of 2 conditions hold, 1 unknown (all are needed)".
        static func partsHeld(_ held: Int, of total: Int, unknown: Int, need: Need) -> Message {
            let ruUnknown = unknown > 0 ? ", неизвестно \(unknown)" : ""
            let enUnknown = unknown > 0 ? ", \(unknown) unknown" : ""
            let ruNeed: String
            let enNeed: String
            switch need {
            case .all: (ruNeed, enNeed) = ("нужны все", "all are needed")
            case .any: (ruNeed, enNeed) = ("нужно хотя бы одно", "at least one is needed")
            case .atLeast(let n): (ruNeed, enNeed) = ("нужно не менее \(n)", "at least \(n) are needed")
            }
            let ruConditions = russianGenitive(total, one: "условия", many: "условий")
            let enConditions = total == 1 ? "condition holds" : "conditions hold"
            return Message(ru: "выполнено \(held) из \(total) \(ruConditions)\(ruUnknown) (\(ruNeed))",
                           en: "\(held) of \(total) \(enConditions)\(enUnknown) (\(enNeed))")
        }

        // MARK: Comparisons

        /// The relation between two numbers as a fact: `held` says whether `op` holds.
        static func relation(_ op: BinaryOperator, held: Bool) -> Message {
            switch (op, held) {
            case (.greater, true), (.lessEqual, false): Message(ru: "выше", en: "above")
            case (.greater, false), (.lessEqual, true): Message(ru: "не выше", en: "not above")
            case (.less, true), (.greaterEqual, false): Message(ru: "ниже", en: "below")
            case (.less, false), (.greaterEqual, true): Message(ru: "не ниже", en: "not below")
            case (.equal, true), (.notEqual, false): Message(ru: "равно", en: "equal to")
            default: Message(ru: "не равно", en: "not equal to")
            }
        }

        /// The operator as a sign, for comparisons whose outcome is unknown.
        static func sign(_ op: BinaryOperator) -> String {
            switch op {
            case .greater: ">"
            case .greaterEqual: "≥"
            case .less: "<"
            case .lessEqual: "≤"
            case .equal: "="
            case .notEqual: "≠"
            case .add: "+"
            case .subtract: "−"
            case .multiply: "×"
            case .divide: "/"
            case .and, .or: op.rawValue
            }
        }

        /// "выше порога 10,0 %", "above the threshold 10.0%"; a parameter is named. Equality
        /// has no threshold: "равно 5".
        static func againstThreshold(_ op: BinaryOperator, held: Bool, _ value: String, parameter: String?) -> Message {
            let words = relation(op, held: held)
            let ruName = parameter.map { "«\($0)» " } ?? ""
            let enName = parameter.map { "'\($0)' " } ?? ""
            if op == .equal || op == .notEqual {
                return Message(ru: words.ru + " " + ruName + value, en: words.en + " " + enName + value)
            }
            return Message(ru: words.ru + " порога " + ruName + value, en: words.en + " the threshold " + enName + value)
        }

        /// "выше, чем среднее …", "above mean …".
        static func againstValue(_ op: BinaryOperator, held: Bool, _ other: String) -> Message {
            let words = relation(op, held: held)
            let equality = op == .equal || op == .notEqual
            return Message(ru: words.ru + (equality ? " " : ", чем ") + other, en: words.en + " " + other)
        }

        /// "(а не нет)": the value an equality wanted, when it was not there.
        static func insteadOf(_ expected: String) -> Message {
            Message(ru: "(а не \(expected))", en: "(not \(expected))")
        }

        static func within(_ low: String, _ high: String, inside: Bool) -> Message {
            inside ? Message(ru: "в пределах от \(low) до \(high)", en: "within \(low) to \(high)")
                : Message(ru: "вне пределов от \(low) до \(high)", en: "outside \(low) to \(high)")
        }
        static func between(_ low: String, _ high: String) -> Message {
            Message(ru: "от \(low) до \(high)", en: "from \(low) to \(high)")
        }

        static func inList(_ items: String, inside: Bool) -> Message {
            inside ? Message(ru: "входит в список (\(items))", en: "is in the list (\(items))")
                : Message(ru: "не входит в список (\(items))", en: "is not in the list (\(items))")
        }

        static let noData = Message(ru: "нет данных", en: "no data")
        static let dataPresent = Message(ru: "данные есть", en: "data present")

        /// ": неизвестно — нет данных в столбце «x»".
        static func unknownBecause(_ gaps: String) -> Message {
            Message(ru: ": неизвестно — \(gaps)", en: ": unknown — \(gaps)")
        }

        // MARK: Values

        static let noDataInParentheses = Message(ru: "(нет данных)", en: "(no data)")

        /// "(3 из 10)" after a share of two counts.
        static func ratio(_ part: String, _ whole: String) -> Message {
            Message(ru: "(\(part) из \(whole))", en: "(\(part) of \(whole))")
        }

        static func statistic(_ function: BuiltinFunction, extra: String?) -> Message {
            switch function {
            case .mean: Message(ru: "среднее", en: "mean")
            case .median: Message(ru: "медиана", en: "median")
            case .stddev: Message(ru: "стандартное отклонение", en: "standard deviation")
            case .sum: Message(ru: "сумма", en: "sum")
            case .count: Message(ru: "количество", en: "count")
            case .min: Message(ru: "минимум", en: "minimum")
            case .max: Message(ru: "максимум", en: "maximum")
            case .percentile: Message(ru: "процентиль \(extra ?? "")", en: "percentile \(extra ?? "")")
            case .rank: Message(ru: "место", en: "rank")
            default: .verbatim(function.english)
            }
        }

        /// "для «oge_mean»": the statistic's subject, when it is not what is being compared.
        static func statisticOf(_ subject: String) -> Message {
            Message(ru: "для «\(subject)»", en: "of '\(subject)'")
        }
        static func overGroup(_ description: String) -> Message {
            Message(ru: "по группе (\(description))", en: "over the group (\(description))")
        }
        static let overAllSchools = Message(ru: "по всем школам", en: "over all schools")
        static let allSchools = Message(ru: "все школы", en: "all schools")

        static func inPeriod(_ period: Int) -> Message {
            Message(ru: "за \(period)", en: "in \(period)")
        }
        /// «изменение «vpr_high» с 2023 +50,0 % (2023: 40,0 %, 2024: 90,0 %)»; without a value
        /// when it is missing.
        static func change(_ subject: String, since period: Int, _ value: String?, then: String, now: String) -> Message {
            let shown = value.map { " " + $0 } ?? ""
            return Message(ru: "изменение «\(subject)» с \(period)\(shown) (\(then), \(now))",
                           en: "change of '\(subject)' since \(period)\(shown) (\(then), \(now))")
        }
        /// «(с «не»): »: a compound condition under `not`.
        static let negated = Message(ru: "с отрицанием «не»: ", en: "negated: ")
        static func periodsWith(_ condition: String, last periods: Int, _ value: String, _ details: String) -> Message {
            Message(ru: "число периодов из последних \(periods), когда выполнено «\(condition)»: \(value) (\(details))",
                    en: "periods out of the last \(periods) in which '\(condition)' held: \(value) (\(details))")
        }
        static func bandsLevel(_ bands: String) -> Message {
            Message(ru: "уровень по шкале «\(bands)»", en: "level on the scale '\(bands)'")
        }

        // MARK: Why a value is missing

        static func noDataInColumns(_ names: [String], period: Int?) -> Message {
            let ruWhen = period.map { " за \($0)" } ?? ""
            let enWhen = period.map { " for \($0)" } ?? ""
            let ruList = names.map { "«\($0)»" }.joined(separator: ", ")
            let enList = names.map { "'\($0)'" }.joined(separator: ", ")
            return names.count == 1
                ? Message(ru: "нет данных\(ruWhen) в столбце \(ruList)", en: "no data\(enWhen) in the column \(enList)")
                : Message(ru: "нет данных\(ruWhen) в столбцах \(ruList)", en: "no data\(enWhen) in the columns \(enList)")
        }
        static func noRow(_ period: Int) -> Message {
            Message(ru: "за \(period) нет строки в данных", en: "no row for \(period) in the data")
        }
        static func zeroDenominator(_ name: String) -> Message {
            Message(ru: "знаменатель «\(name)» равен нулю", en: "the denominator '\(name)' is zero")
        }
        static let emptyGroup = Message(ru: "в группе нет известных значений", en: "the group has no known values")
        static let notComputed = Message(ru: "значение не удалось вычислить", en: "the value could not be computed")

        /// The genitive after "из N": "из 1 условия", "из 21 условия", "из 2 условий", "из 11 условий".
        static func russianGenitive(_ n: Int, one: String, many: String) -> String {
            n % 10 == 1 && n % 100 != 11 ? one : many
        }
    }
}
