// Texts of `soko explain`: its command-line errors.

extension CLIText {
    public static let noEntity = Message(ru: "не указана школа: --entity КЛЮЧ", en: "no school given: --entity KEY")

    public static func unknownEntity(_ key: String, suggestions: [String]) -> Message {
        let list = suggestions.map { "«\($0)»" }.joined(separator: ", ")
        let ru = suggestions.isEmpty ? "; --entity принимает код школы или её название целиком" : "; возможно, имелось в виду: \(list)"
        let en = suggestions.isEmpty ? "; --entity takes a school's code or its whole name" : "; did you mean: \(list)?"
        return Message(ru: "в данных нет школы с ключом или названием «\(key)»\(ru)",
                       en: "the data has no school with the key or name '\(key)'\(en)")
    }

    public static func unknownRule(_ name: String, suggestion: String?) -> Message {
        let ru = suggestion.map { "; возможно, имелось в виду «\($0)»" } ?? ""
        let en = suggestion.map { "; did you mean '\($0)'?" } ?? ""
        return Message(ru: "в правилах нет правила «\(name)»\(ru)", en: "the rules have no rule '\(name)'\(en)")
    }

    public static func badPeriod(_ text: String) -> Message {
        Message(ru: "--period ждёт целое число (например, год 2024), а получено «\(text)»",
                en: "--period expects a whole number (a year such as 2024), got '\(text)'")
    }

    public static func noSuchPeriod(_ key: String, _ period: Int, available: [Int]) -> Message {
        let list = available.map(String.init).joined(separator: ", ")
        return available.isEmpty
            ? Message(ru: "у школы «\(key)» нет периодов, а указан --period \(period)",
                      en: "the school '\(key)' has no periods, but --period \(period) is given")
            : Message(ru: "у школы «\(key)» нет данных за \(period) (есть: \(list))",
                      en: "the school '\(key)' has no data for \(period) (it has: \(list))")
    }
}
