// Texts of problems found when rows are joined into entities, and of evaluation outcomes
// (codes D0100–D0199).

extension Messages {
    static func missingKey(path: String, row: Int, column: String) -> DataIssue {
        DataIssue(code: "D0101", severity: .error, path: path, row: row, column: column, value: "",
                  message: Message(ru: "пустой ключ: строку нельзя отнести ни к одной школе",
                                   en: "the key is empty: the row belongs to no school"),
                  hint: Message(ru: "заполните ячейку или удалите строку", en: "fill in the cell or remove the row"))
    }

    /// D0102 for an empty period cell (or a number too large to be a year, `value`).
    static func badPeriod(path: String, row: Int, column: String, value: String? = nil) -> DataIssue {
        if let value { return notAPeriod(path: path, row: row, column: column, value: value) }
        return DataIssue(code: "D0102", severity: .error, path: path, row: row, column: column, value: "",
                         message: Message(ru: "ячейка периода пуста: строку нельзя отнести ни к одному году",
                                          en: "the period cell is empty: the row belongs to no year"),
                         hint: Message(ru: "заполните ячейку периода годом цифрами (2024); если строка лишняя, удалите её",
                                       en: "fill in the period cell with the year in digits (2024); if the row is not needed, remove it"))
    }

    /// D0102 for a period cell whose text is not a period (`2024 г.`, `год`, `20,24`): in every
    /// mode an error, since a row without its period belongs to no school (--lenient cannot help).
    static func notAPeriod(path: String, row: Int, column: String, value: String) -> DataIssue {
        DataIssue(code: "D0102", severity: .error, path: path, row: row, column: column, value: value,
                  // The renderer adds the value after the message: «… (значение «2024 г.»)».
                  message: Message(ru: "в ячейке периода записан не период: нужен год цифрами (2024) или учебный год (2023-2024)",
                                   en: "the period cell does not hold a period: a year in digits (2024) or a school year (2023-2024) is needed"),
                  hint: Message(ru: "замените «\(value)» годом цифрами, например 2024 (--lenient здесь не поможет: строка без периода не относится ни к одной школе)",
                                en: "replace '\(value)' with the year in digits, such as 2024 (--lenient does not help here: a row without a period belongs to no school)"))
    }

    static func duplicateEntity(path: String, row: Int, firstRow: Int, key: String, period: Int?) -> DataIssue {
        let what = period.map { "«\(key)», \($0)" } ?? "«\(key)»"
        return DataIssue(code: "D0103", severity: .error, path: path, row: row, column: nil, value: key,
                         message: Message(ru: "школа \(what) встречается дважды: строки \(firstRow) и \(row)",
                                          en: "the school \(what) appears twice: rows \(firstRow) and \(row)"),
                         // Deleting a row is right only for a true repeat: rows per subject or class
                         // are data, and their column belongs in the key.
                         hint: Message(ru: "если это повтор, оставьте одну строку; если строки различаются по предмету или классу, перенесите этот столбец в ключ: ключ код, предмет",
                                       en: "if it is a repeat, keep one row; if the rows differ by subject or class, move that column into the key: key code, subject"))
    }
}

// MARK: Coverage of the data

extension Messages {
    static func noDataRows(path: String) -> DataIssue {
        DataIssue(code: "D0104", severity: .warning, path: path, row: nil, column: nil, value: nil,
                  message: Message(ru: "в файле нет ни одной строки данных (только заголовок)",
                                   en: "the file has no data rows (only the header)"),
                  hint: Message(ru: "проверьте, тот ли файл выгружен", en: "check that the right file was exported"))
    }

    static func entitiesOnlyElsewhere(path: String, count: Int, examples: [String]) -> DataIssue {
        let shown = examples.map { "«\($0)»" }.joined(separator: ", ")
        let shownEn = examples.map { "'\($0)'" }.joined(separator: ", ")
        return DataIssue(code: "D0105", severity: .warning, path: path, row: nil, column: nil, value: nil,
                  message: Message(ru: "школ (с периодами), которых нет в этом файле, но есть в других таблицах: \(count), например \(shown); по ним почти все правила дадут «недостаточно данных»",
                                   en: "schools (with periods) absent from this file but present in other tables: \(count), such as \(shownEn); most rules will have insufficient data for them"),
                  hint: Message(ru: "проверьте коды школ и годы в обеих таблицах", en: "check the school codes and years in both tables"))
    }
}

extension Messages {
    static func keysMatchNoSchool(path: String, count: Int, of total: Int, examples: [String], mainPath: String) -> DataIssue {
        let shown = examples.map { "«\($0)»" }.joined(separator: ", ")
        let shownEn = examples.map { "'\($0)'" }.joined(separator: ", ")
        let all = count == total
        return DataIssue(code: "D0106", severity: .warning, path: path, row: nil, column: nil, value: nil,
                         message: Message(ru: all ? "ни один ключ этого файла (\(total)) не совпал с ключами основной таблицы «\(mainPath)», например \(shown): его данные не попали ни к одной школе"
                                                  : "ключей этого файла, которых нет в основной таблице «\(mainPath)»: \(count) из \(total), например \(shown); эти строки не попали ни к одной школе",
                                          en: all ? "none of this file's \(total) keys matches a key of the main table '\(mainPath)', such as \(shownEn): its data reached no school"
                                                  : "keys of this file that the main table '\(mainPath)' does not have: \(count) of \(total), such as \(shownEn); those rows reached no school"),
                         hint: Message(ru: "проверьте, что в обоих файлах коды школ записаны одинаково (без пробелов, ведущих нулей и E+) и что это нужный файл",
                                       en: "check that both files write the school codes the same way (no spaces, leading zeros or E+) and that this is the right file"))
    }
}

// MARK: Command-line bindings

extension Messages {
    static func unknownDatasetBinding(_ name: String, names: [String], suggestion: String?) -> Message {
        let hint = suggestion.map { (ru: "; возможно, «\($0)»", en: "; did you mean '\($0)'?") } ?? (ru: "", en: "")
        return Message(ru: "в правилах нет таблицы «\(name)» (есть: \(names.joined(separator: ", ")))\(hint.ru)",
                       en: "the rules declare no dataset '\(name)' (they declare: \(names.joined(separator: ", ")))\(hint.en)")
    }
    static func datasetBoundTwice(_ name: String) -> Message {
        Message(ru: "для таблицы «\(name)» указано несколько файлов", en: "several files are given for the dataset '\(name)'")
    }
    static let noDatasetToBind = Message(ru: "в правилах нет ни одной таблицы (таблица … { ключ … }), данные не к чему привязать",
                                         en: "the rules declare no dataset (dataset … { key … }), so there is nothing to bind the data to")
    static func bindingNeedsName(_ path: String, names: [String]) -> Message {
        let names = names.isEmpty ? ["results"] : names
        return Message(ru: "в правилах несколько таблиц (\(names.joined(separator: ", "))): укажите, какой из них файл «\(path)», например --data \(names[0])=\(path)",
                en: "the rules declare several datasets (\(names.joined(separator: ", "))): say which one '\(path)' is, e.g. --data \(names[0])=\(path)")
    }
    static func noDataGiven(names: [String]) -> Message {
        Message(ru: "не указан файл данных: --data ФАЙЛ (таблицы: \(names.joined(separator: ", ")))",
                en: "no data file given: --data FILE (datasets: \(names.joined(separator: ", ")))")
    }
    static func datasetWithoutFile(_ name: String) -> Message {
        Message(ru: "для таблицы «\(name)» не указан файл: --data \(name)=ФАЙЛ", en: "no file for the dataset '\(name)': --data \(name)=FILE")
    }
    static func overrideSyntax(_ text: String) -> Message {
        Message(ru: "--set ждёт ИМЯ=ЗНАЧЕНИЕ, а получено «\(text)»", en: "--set expects NAME=VALUE, got '\(text)'")
    }
    static func unknownOverride(_ name: String, suggestion: String?) -> Message {
        let hint = suggestion.map { (ru: "; возможно, «\($0)»", en: "; did you mean '\($0)'?") } ?? (ru: "", en: "")
        return Message(ru: "нет параметра «\(name)»\(hint.ru)", en: "there is no param '\(name)'\(hint.en)")
    }
    static func overrideNotWhole(_ name: String, _ text: String, range: ClosedRange<Int>) -> Message {
        Message(ru: "параметр «\(name)» считает периоды или условия: нужно целое число от \(range.lowerBound) до \(range.upperBound), а дано «\(text)»",
                en: "the param '\(name)' counts periods or conditions: a whole number from \(range.lowerBound) to \(range.upperBound) is needed, not '\(text)'")
    }
    static func badOverride(_ name: String, _ text: String, expected: Message, isShare: Bool) -> Message {
        let ru = isShare ? " (доля — с %: 45%, или дробью: 0.45)" : ""
        let en = isShare ? " (a share with %: 45%, or as a fraction: 0.45)" : ""
        return Message(ru: "значение «\(text)» не подходит параметру «\(name)»: нужно значение вида «\(expected.ru)»\(ru)",
                       en: "'\(text)' does not fit the param '\(name)': \(expected.en) is needed\(en)")
    }
}
