// Texts of levels: links between datasets, row tables, `for LEVEL`, statistics across levels
// (codes E0260–E0269), and the data warning about rows that find no partner.

extension Messages {
    static let levelName = Message(ru: "имя таблицы, столбца или «всех»", en: "a dataset name, a column name or 'all'")

    static func unknownLinkTarget(_ name: String) -> Message {
        Message(ru: "связь ведёт к неизвестной таблице «\(name)»", en: "the link leads to an unknown dataset '\(name)'")
    }
    static let unknownLinkTargetHint = Message(ru: "объявите таблицу (таблица имя { ключ … }) или исправьте имя",
                                               en: "declare the dataset (dataset name { key … }) or correct the name")
    static func linkKeyMismatch(_ target: String, columns: Int, keys: Int) -> Message {
        Message(ru: "связь даёт \(columns) столбц(а) для таблицы «\(target)», а её ключ состоит из \(keys)",
                en: "the link gives \(columns) column(s) for '\(target)', whose key has \(keys)")
    }
    static let linkKeyMismatchHint = Message(ru: "перечислите столько столбцов, сколько их в ключе целевой таблицы, в том же порядке",
                                             en: "list as many columns as the target's key has, in the same order")
    static func linkTargetWithoutKey(_ target: String) -> Message {
        Message(ru: "таблица «\(target)» не имеет ключа: к ней нельзя вести связь", en: "'\(target)' has no key: a link cannot lead to it")
    }
    static func unknownLinkColumn(_ column: String, dataset: String) -> Message {
        Message(ru: "в таблице «\(dataset)» нет столбца «\(column)» для связи", en: "the dataset '\(dataset)' has no column '\(column)' to link by")
    }
    static let unknownLinkColumnHint = Message(ru: "объявите столбец выше в этой таблице", en: "declare the column in this dataset first")
    static func linkPeriodMismatch(_ dataset: String, target: String) -> Message {
        Message(ru: "у таблицы «\(target)» есть период, а у «\(dataset)» нет: строку не с чем сопоставить по периоду",
                en: "'\(target)' has a period and '\(dataset)' has none: a row cannot be matched by period")
    }
    static let linkPeriodMismatchHint = Message(ru: "добавьте в таблицу строк «период год»", en: "add 'period year' to the dataset")
    static func rowTableWithoutLink(_ dataset: String) -> Message {
        Message(ru: "у таблицы «\(dataset)» нет ни ключа, ни связи", en: "the dataset '\(dataset)' has neither a key nor a link")
    }
    static let rowTableWithoutLinkHint = Message(ru: "таблице записей (по строке на ученика или учителя) нужна связь: «связь оо -> школы»",
                                                 en: "a row table (a row per pupil or teacher) needs a link: 'link school -> schools'")
    static func unknownLevel(_ name: String) -> Message {
        Message(ru: "«\(name)» — не таблица и не столбец основного уровня: уровень неизвестен",
                en: "'\(name)' is neither a dataset nor a main-level column: unknown level")
    }
    static let unknownLevelHint = Message(ru: "напишите имя таблицы (для муниципалитеты), столбца школ (для муниципалитет) или «для всех»",
                                          en: "name a dataset (for municipalities), a school column (for municipality) or 'for all'")
    static func wrongSide(_ name: String, level: String, from: String) -> Message {
        Message(ru: "«\(name)» относится к уровню «\(level)», а читается на уровне «\(from)», у которого нет связи с ним",
                en: "'\(name)' belongs to the level '\(level)' and is read at the level '\(from)', which has no link to it")
    }
    static let wrongSideHint = Message(ru: "значения нижнего уровня читаются только через статистику (среднее(…), доля(…)); верхнего — через связь",
                                       en: "a lower level's values are read through a statistic (mean(…), share(…)); a higher one's through a link")
    static func rowColumnOutsideStatistic(_ name: String, dataset: String) -> Message {
        Message(ru: "«\(name)» — столбец таблицы записей «\(dataset)»: у одной школы таких строк много",
                en: "'\(name)' is a column of the row table '\(dataset)': a school has many such rows")
    }
    static func rowColumnOutsideStatisticHint(_ name: String) -> Message {
        Message(ru: "читайте его в статистике: среднее(\(name)), доля(\(name) > 0), количество(\(name))",
                en: "read it inside a statistic: mean(\(name)), share(\(name) > 0), count(\(name))")
    }
    static func cycleAcrossLevels(_ name: String) -> Message {
        Message(ru: "«\(name)» зависит от самого себя через другой уровень", en: "'\(name)' depends on itself through another level")
    }
    static let cycleAcrossLevelsHint = Message(ru: "значение группы не может зависеть от значения школы, которое зависит от неё",
                                               en: "a group's value cannot depend on a school value that depends on it")
    static let filterOutsideStatistic = Message(ru: "«где» допустимо только внутри статистики: среднее(балл где класс = 5)",
                                                en: "'where' belongs inside a statistic: mean(score where class = 5)")
    static func statisticCannotRollUp(_ function: String) -> Message {
        Message(ru: "«\(function)» не сводит значения нижнего уровня", en: "'\(function)' does not roll values up from a lower level")
    }
    static let statisticCannotRollUpHint = Message(ru: "для сводки используйте среднее, медиану, сумму, количество, долю, минимум, максимум, процентиль; «по» здесь не нужно",
                                                   en: "to roll up use mean, median, sum, count, share, min, max, percentile; no 'by' there")
    static let historyOutsideKeyedLevel = Message(ru: "пред/изменение/периодов_с недоступны в таблице записей: у строк нет ключа",
                                                  en: "prev/change/periods_with are not available in a row table: its rows have no key")
    static func groupNotGrouping(_ name: String) -> Message {
        Message(ru: "по «\(name)» нельзя группировать: нужен столбец, показатель или шкала того же уровня",
                en: "cannot group by '\(name)': it must be a column, an indicator or bands of the same level")
    }

    // MARK: Data

    static func unmatchedLinkRows(path: String, link: String, target: String, count: Int, examples: [String]) -> DataIssue {
        DataIssue(code: "D0120", severity: .warning, path: path, row: nil, column: link, value: examples.first, message: Message(ru: "связь «\(link) -> \(target)»: \(count) строк(и) не нашли пары в «\(target)» (например, \(examples.map { "«\($0)»" }.joined(separator: ", "))); их значения из «\(target)» считаются пропусками",
                en: "link '\(link) -> \(target)': \(count) row(s) found no partner in '\(target)' (e.g. \(examples.map { "'\($0)'" }.joined(separator: ", "))); they read '\(target)' as missing"),
                  hint: Message(ru: "проверьте коды в обеих таблицах", en: "check the codes in both tables"))
    }
}

extension Messages {
    static let familiesNotSupported = Message(ru: "семейства столбцов («столбцы … из \"з*\"») пока не поддерживаются",
                                              en: "column families ('columns … from \"t*\"') are not supported yet")
}

extension Messages {
    static let shareNeedsCondition = Message(ru: "доля(…) считается от условия: доля(отметка < отметка_по_журналу)",
                                             en: "share(…) takes a condition: share(mark < journal_mark)")
}

extension Messages {
    static func mainLevelNeedsNoFor(_ name: String) -> Message {
        Message(ru: "«\(name)» — таблица основного уровня: «для» не нужно", en: "'\(name)' is a main-level dataset: leave out 'for'")
    }
}

extension Messages.Explain {
    static let noPartner = Message(ru: "пары не нашлось", en: "no partner found")
}

extension Messages.Explain {
    static let allLevel = Message(ru: "все школы", en: "all schools")
}
