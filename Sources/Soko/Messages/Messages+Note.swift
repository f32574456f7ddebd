// Texts about the analytic note's declaration (`note` / `справка`).
//
// - E0270: a rule set declares two notes
// - E0271: a note's field is given twice
// - E0272: a note's text holds `{…}`
extension Messages {
    static let aNoteField = Message(ru: "поле справки: орган, приказ, автор или утверждает",
                                    en: "a field of the note: owner, order, author or approver")
    static let noteTwice = Message(ru: "справка уже объявлена в этом наборе правил", en: "the rule set already declares a note")
    static let noteTwiceHint = Message(ru: "оставьте одно объявление «справка»", en: "keep one 'note' declaration")
    static func noteFieldTwice(_ word: String) -> Message {
        Message(ru: "поле «\(word)» справки указано дважды", en: "the note's field '\(word)' is given twice")
    }
    static let notePlaceholder = Message(ru: "в тексте справки нечего подставлять: {…} здесь не работает",
                                         en: "a note's text has nothing to fill in: {…} does not work here")
}
