// Data problems for a person: `file, row N, column «X»: message (value «v»)` and a hint.

public enum DataIssueRenderer {
    public static func text(_ issues: [DataIssue], language: Language) -> String {
        var out = ""
        for issue in issues {
            var place = issue.path
            if let row = issue.row { place += language == .ru ? ", строка \(row)" : ", row \(row)" }
            if let column = issue.column {
                let letter = issue.columnLetter.map { $0 + " " } ?? ""
                place += language == .ru ? ", столбец \(letter)«\(column)»" : ", column \(letter)'\(column)'"
            }
            let word = issue.severity == .error ? (language == .ru ? "ошибка" : "error") : (language == .ru ? "предупреждение" : "warning")
            out += "\(place): \(word)[\(issue.code)]: \(issue.message.text(language))"
            if let value = issue.value, !value.isEmpty { out += language == .ru ? " (значение «\(value)»)" : " (value '\(value)')" }
            out += "\n"
            if let hint = issue.hint { out += "  " + (language == .ru ? "подсказка" : "hint") + ": " + hint.text(language) + "\n" }
        }
        return out
    }
}
