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
