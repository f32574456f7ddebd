// Texts about the outcomes of rules: the outcome functions, not-applicable rules and undecided
// rule references (codes E0243, W0407).

extension Messages {
    static func outcomeFunctionNeedsRule(_ function: String) -> Message {
        Message(ru: "«\(function)(…)» спрашивает об исходе правила: в скобках нужно имя правила",
                en: "'\(function)(…)' asks about a rule's outcome: the argument must be a rule's name")
    }
    static func undecidedReadAsSilent(_ rule: String) -> Message {
        Message(ru: "здесь правило «\(rule)», которое не удалось решить (недостаточно данных), считается не сработавшим",
                en: "here the rule '\(rule)' counts as not fired where it could not be decided (insufficient data)")
    }
    static func undecidedReadAsSilentHint(_ rule: String, negated: Bool) -> Message {
        negated
            ? Message(ru: "напишите «не \(rule)»: там, где правило не решено, результат останется неизвестным",
                      en: "write 'not \(rule)': where the rule is undecided, the result stays unknown")
            : Message(ru: "напишите «периодов_с(\(rule), …)»: период без данных или с нерешённым правилом даст пропуск",
                      en: "write 'periods_with(\(rule), …)': a period without a row or with the rule undecided gives missing")
    }
}

// MARK: Dates (D0040, E0244)

extension Messages {
    static func dataNotADate(column: String, value: String) -> Message {
        // The renderer names the column and adds the value: neither is repeated here.
        Message(ru: "ожидается дата (01.09.2024, 2024-09-01 или номер дня Excel)",
                en: "a date is expected (01.09.2024, 2024-09-01 or an Excel day number)")
    }
    static func notADateLiteral(_ text: String) -> Message {
        Message(ru: "«\(text)» — не дата: пишите «01.09.2024» или «2024-09-01»",
                en: "'\(text)' is not a date: write '01.09.2024' or '2024-09-01'")
    }
    static let dateNeedsLiteral = Message(ru: "в дата(…) нужна дата в кавычках", en: "date(…) needs a date in quotes")
    static func dateArithmetic(_ left: ValueType, _ right: ValueType) -> Message {
        Message(ru: "с датами можно: дата ± число дней, дата − дата (дней между ними); здесь \(typeName(left).ru) и \(typeName(right).ru)",
                en: "dates allow date ± a number of days and date − date (days between); here \(typeName(left).en) and \(typeName(right).en)")
    }
    static let needsDate = Message(ru: "здесь нужна дата", en: "a date is needed here")
}

// MARK: Entities (D0140)

extension Messages {
    static func keysOnlyWithoutPeriod(path: String, count: Int, example: String) -> DataIssue {
        DataIssue(code: "D0140", severity: .warning, path: path, row: nil, column: nil, value: example,
                  message: Message(ru: "школ, которые есть только в этой таблице (в ней нет периода): \(count); правила их не проверяют — у них нет ни одного периода",
                                   en: "schools found only in this table, which has no period: \(count); no rule judges them, as they have no period"),
                  hint: Message(ru: "проверьте коды школ: в таблицах с периодом их нет", en: "check the school codes: the tables with a period do not have them"))
    }
}
