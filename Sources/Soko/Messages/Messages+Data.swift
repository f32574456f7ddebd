// The texts of data-file problems, in Russian and English, and their stable codes.

/// Texts of the data reader's problems. Codes (never reused for another meaning):
///
/// - D0001: the file cannot be opened or read
/// - D0002: the file is empty (no header)
/// - D0003: the file is UTF-16, which is not supported
/// - D0004: more columns than the limit (10,000)
/// - D0005: a column the rules need is not in the header (with did-you-mean)
/// - D0006: a column the rules need appears twice in the header
/// - D0007: a row has fewer or more fields than the header
/// - D0008: a quote is opened and never closed before the end of the file
/// - D0009: a field is longer than the limit (1 MiB)
/// - D0010: a NUL byte in a row (a binary file, or UTF-16)
/// - D0011: a text cell is not valid in the file's encoding
/// - D0012: a header is not valid in the file's encoding
/// - D0013: a number column holds something that is not a number
/// - D0014: a decimal comma in a comma-delimited file
/// - D0015: a `%` sign in a number or count column
/// - D0016: a count that is not a whole number
/// - D0017: a negative count
/// - D0018: a count too large to hold exactly (2^53 or more)
/// - D0019: a flag column holds something that is not yes or no
/// - D0020: warning: share values above 1 without a `%` sign
/// - D0021: warning: a percent column whose values all look like fractions
/// - D0022: more problems than the cap; how many were not shown
/// - D0023: a number too large for a double (`1e400`)
/// - D0024: the given delimiter cannot be used (a quote, a line break or NUL)
/// - D0025: warning: the forced encoding reads as nonsense; another code page fits (named)
/// - D0026: warning: a totals or subtotals row («Итого», «Всего», «Total»), left out
/// - D0027: a key or code written in Excel's E+ notation (`3,90301E+11`)
/// - D0028: the header is one column split by another delimiter than the one given
extension Messages {
    // MARK: The file as a whole

    static func dataCannotOpen(reason: Message) -> Message {
        Message(ru: "не удаётся открыть файл данных: \(reason.ru)",
                en: "I cannot open the data file: \(reason.en)")
    }

    static func dataCannotOpenHint() -> Message {
        Message(ru: "проверьте путь к файлу и права на чтение",
                en: "check the file's path and that it may be read")
    }

    static func dataReadFailed(reason: Message) -> Message {
        Message(ru: "ошибка при чтении файла данных: \(reason.ru)",
                en: "reading the data file failed: \(reason.en)")
    }

    static func dataUnusableDelimiter(_ byte: UInt8) -> Message {
        Message(ru: "разделитель с кодом \(byte) нельзя использовать: это кавычка, перевод строки или NUL",
                en: "the delimiter with code \(byte) cannot be used: it is a quote, a line break or NUL")
    }

    static func dataUnusableDelimiterHint() -> Message {
        Message(ru: "укажите запятую, точку с запятой или табуляцию, или не указывайте разделитель вовсе",
                en: "give a comma, a semicolon or a tab, or no delimiter at all to have it detected")
    }

    static func dataEmptyFile() -> Message {
        Message(ru: "файл данных пуст: в нём нет даже строки заголовков",
                en: "the data file is empty: it has not even a header row")
    }

    static func dataEmptyFileHint() -> Message {
        Message(ru: "первая строка файла должна содержать названия столбцов",
                en: "the first row of the file must hold the column names")
    }

    static func dataUTF16() -> Message {
        Message(ru: "файл записан в кодировке UTF-16, она не поддерживается",
                en: "the file is encoded as UTF-16, which I cannot read")
    }

    static func dataUTF16Hint() -> Message {
        Message(ru: "сохраните таблицу как «CSV UTF-8» или «CSV (разделители — запятые)»",
                en: "save the table as \"CSV UTF-8\" or plain \"CSV (comma delimited)\"")
    }

    static func dataTooManyColumns(found: Int, limit: Int) -> Message {
        Message(ru: "в заголовке больше \(limit) столбцов (\(found) и более)",
                en: "the header has more than \(limit) columns (\(found) or more)")
    }

    static func dataTooManyColumnsHint() -> Message {
        Message(ru: "проверьте, что это таблица данных, и что разделитель выбран верно",
                en: "check that this is a data table and that the delimiter is the right one")
    }

    static func dataEncodingSuspected(read: TextEncoding, likely: TextEncoding) -> Message {
        Message(ru: "файл читается в кодировке \(read.displayName), но, похоже, записан в \(likely.displayName): буквы читаются как бессмыслица",
                en: "the file is read as \(read.displayName), but it seems to be \(likely.displayName): its letters read as nonsense")
    }

    static func dataEncodingSuspectedHint(likely: TextEncoding) -> Message {
        Message(ru: "запустите с --encoding \(likely.optionName) или без --encoding (кодировка определится сама)",
                en: "run with --encoding \(likely.optionName), or without --encoding to have it detected")
    }

    // MARK: The header

    /// A delimiter as people name it: «;», «,», a tab.
    static func delimiterName(_ byte: UInt8) -> (ru: String, en: String, option: String) {
        switch byte {
        case UInt8(ascii: "\t"): ("табуляция", "a tab", "tab")
        case UInt8(ascii: ";"): ("«;»", "';'", ";")
        case UInt8(ascii: ","): ("«,»", "','", ",")
        default: ("«\(UnicodeScalar(byte))»", "'\(UnicodeScalar(byte))'", String(UnicodeScalar(byte)))
        }
    }

    static func dataWrongDelimiter(used: UInt8, likely: UInt8) -> Message {
        let used = delimiterName(used)
        let likely = delimiterName(likely)
        return Message(ru: "заголовок, похоже, разделён знаком \(likely.ru), а файл читается с разделителем \(used.ru): столбцы не находятся",
                       en: "the header seems to be split by \(likely.en), but the file is read with \(used.en) as the delimiter: no columns are found")
    }

    static func dataWrongDelimiterHint(likely: UInt8) -> Message {
        let option = delimiterName(likely).option
        let quoted = option == ";" ? "\";\"" : option
        return Message(ru: "запустите с --delimiter \(quoted) или без --delimiter (разделитель определится сам)",
                       en: "run with --delimiter \(quoted), or without --delimiter to have it detected")
    }

    static func dataMissingColumn(header: String) -> Message {
        Message(ru: "в файле нет столбца «\(header)»",
                en: "the file has no column \"\(header)\"")
    }

    static func dataMissingColumnHint(header: String = "", suggestion: String?, available: [String], delimiterSuspect: Bool) -> Message {
        if let suggestion {
            // «Cредний балл» with a Latin C: say which letter, in the rules' header or the file's.
            if let note = Suggestions.lookAlikeNote(header).map({ Message(ru: "в правилах: ", en: "in the rules: ") + $0 })
                ?? Suggestions.lookAlikeNote(suggestion).map({ Message(ru: "в заголовке файла: ", en: "in the file's header: ") + $0 }) {
                return Message(ru: "в файле есть похожий столбец «\(suggestion)»; ", en: "the file has a similar column \"\(suggestion)\"; ") + note
            }
            return Message(ru: "может быть, имелся в виду «\(suggestion)»?",
                           en: "did you mean \"\(suggestion)\"?")
        }
        if delimiterSuspect {
            return Message(ru: "в заголовке найден всего один столбец: возможно, разделитель другой; укажите его: --delimiter \";\", --delimiter , или --delimiter tab",
                           en: "the header has a single column: the delimiter may be another one; give it: --delimiter \";\", --delimiter , or --delimiter tab")
        }
        let shown = available.prefix(12).map { "«\($0)»" }.joined(separator: ", ")
        let shownEn = available.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
        let more = available.count > 12 ? ", …" : ""
        return Message(ru: "столбцы файла: \(shown)\(more)", en: "the file's columns: \(shownEn)\(more)")
    }

    static func dataDuplicateColumn(header: String, positions: [Int]) -> Message {
        let list = positions.map(String.init).joined(separator: ", ")
        return Message(ru: "столбец «\(header)» встречается в заголовке несколько раз (столбцы \(list))",
                       en: "the column \"\(header)\" appears more than once in the header (columns \(list))")
    }

    static func dataDuplicateColumnHint() -> Message {
        Message(ru: "переименуйте или удалите лишний столбец, чтобы было ясно, какой из них читать",
                en: "rename or remove the extra column so that it is clear which one to read")
    }

    static func dataInvalidHeaderEncoding(encoding: TextEncoding) -> Message {
        Message(ru: "заголовок столбца не читается в кодировке \(encoding.displayName)",
                en: "a column header is not valid \(encoding.displayName)")
    }

    // MARK: Rows

    static func dataRaggedRow(expected: Int, found: Int) -> Message {
        found < expected
            ? Message(ru: "полей в строке: \(found), а столбцов в заголовке: \(expected) — полей не хватает",
                      en: "the row has \(found) fields instead of \(expected): fewer than the header has columns")
            : Message(ru: "полей в строке: \(found), а столбцов в заголовке: \(expected) — есть лишние поля",
                      en: "the row has \(found) fields instead of \(expected): more than the header has columns")
    }

    static func dataRaggedRowHint(lenient: Bool) -> Message {
        lenient
            ? Message(ru: "все ячейки этой строки прочитаны как пропущенные",
                      en: "every cell of this row was read as missing")
            : Message(ru: "проверьте разделители в строке; текст с разделителем внутри возьмите в кавычки",
                      en: "check the delimiters in the row; put text that holds a delimiter in double quotes")
    }

    static func dataUnterminatedQuote() -> Message {
        Message(ru: "кавычка, открытая в этой строке, не закрыта до конца файла",
                en: "a quote opened in this row is never closed before the end of the file")
    }

    static func dataUnterminatedQuoteHint() -> Message {
        Message(ru: "закройте кавычку; кавычку внутри текста запишите двумя кавычками подряд (\"\")",
                en: "close the quote; write a quote inside quoted text as two quotes (\"\")")
    }

    static func dataFieldTooLong(limit: Int) -> Message {
        Message(ru: "ячейка длиннее \(limit / (1 << 20)) МиБ",
                en: "the cell is longer than \(limit / (1 << 20)) MiB")
    }

    static func dataFieldTooLongHint() -> Message {
        Message(ru: "скорее всего, не закрыта кавычка или файл не является таблицей",
                en: "most likely a quote is not closed or the file is not a table")
    }

    static func dataNulByte() -> Message {
        Message(ru: "в строке есть нулевой байт (NUL): это не текстовый файл",
                en: "the row holds a NUL byte: this is not a text file")
    }

    static func dataNulByteHint() -> Message {
        Message(ru: "сохраните таблицу как CSV (UTF-8 или Windows-1251)",
                en: "save the table as CSV (UTF-8 or Windows-1251)")
    }

    // MARK: Cells

    static func dataInvalidCellEncoding(column: String, encoding: TextEncoding) -> Message {
        Message(ru: "текст не читается в кодировке \(encoding.displayName)",
                en: "the text is not valid \(encoding.displayName)")
    }

    static func dataInvalidEncodingHint() -> Message {
        Message(ru: "сохраните файл в одной кодировке (в Excel: «Сохранить как» → «CSV UTF-8») или укажите её: --encoding cp1251, koi8-r, cp866, mac-cyrillic",
                en: "save the file in one encoding (in Excel: Save As → \"CSV UTF-8\") or name it: --encoding cp1251, koi8-r, cp866, mac-cyrillic")
    }

    // Cell messages name neither the column nor the value: the place (`row 5, column «X»`)
    // and `(value «…»)` beside the message already do.

    static func dataNotANumber(column: String, value: String) -> Message {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("#") {
            // #ДЕЛ/0!, #Н/Д, #ЗНАЧ!, #DIV/0!, #N/A: a formula's error exported as text.
            return Message(ru: "в ячейке ошибка формулы Excel, а не число: исправьте формулу или оставьте ячейку пустой",
                           en: "the cell holds an Excel formula error, not a number: fix the formula or leave the cell empty")
        }
        if ["-", "—", "–", "−", "н/д", "нет", "нет данных", "n/a", "na"].contains(trimmed.lowercased()) {
            return Message(ru: "ожидается число; если данных нет, оставьте ячейку пустой вместо «\(trimmed)»",
                           en: "a number is expected; if there is no data, leave the cell empty instead of '\(trimmed)'")
        }
        guard let odd = CellParser.oddCharacter(value) else {
            return Message(ru: "ожидается число", en: "a number is expected")
        }
        return Message(ru: "ожидается число; знак «\(odd.character)» (\(odd.code)) в числе не читается",
                       en: "a number is expected; the sign '\(odd.character)' (\(odd.code)) cannot be read in a number")
    }

    static func dataNumberOutOfRange(column: String, value: String) -> Message {
        Message(ru: "число слишком велико", en: "the number is too large")
    }

    static func dataDecimalCommaWithCommaDelimiter(column: String, value: String) -> Message {
        Message(ru: "десятичная запятая, а запятая — разделитель полей",
                en: "a decimal comma, while the comma delimits fields")
    }

    static func dataDecimalCommaHint() -> Message {
        Message(ru: "пишите десятичную точку (12.5) или сохраните файл с разделителем «;»",
                en: "write a decimal point (12.5) or save the file with \";\" as the delimiter")
    }

    static func dataPercentSignNotAllowed(column: String, value: String) -> Message {
        Message(ru: "знак %, а столбец объявлен числом",
                en: "a % sign, but the column is declared as a number")
    }

    static func dataPercentSignHint() -> Message {
        Message(ru: "объявите столбец как долю (доля) или процент (процент)",
                en: "declare the column as share or percent")
    }

    static func dataCountNotWhole(column: String, value: String) -> Message {
        // Fixing the cell is not the only way: a column of averages is no count.
        Message(ru: "ожидается целое число; если дробные значения здесь возможны (средний балл), объявите столбец как число",
                en: "a whole number is expected; if fractions belong here (an average), declare the column as number")
    }

    static func dataCountNegative(column: String, value: String) -> Message {
        Message(ru: "количество не может быть отрицательным; если отрицательные значения здесь возможны (разница, прирост), объявите столбец как число",
                en: "a count cannot be negative; if negative values belong here (a difference, a change), declare the column as number")
    }

    static func dataCountTooLarge(column: String, value: String) -> Message {
        Message(ru: "количество слишком велико (2^53 и больше)", en: "the count is too large (2^53 or more)")
    }

    static func dataBadFlag(column: String, value: String, accepted: String) -> Message {
        Message(ru: "ожидается да или нет; подходят: \(accepted)",
                en: "yes or no is expected; accepted: \(accepted)")
    }

    /// The hint of every bad cell: fix it, or read such cells as missing.
    static func dataFixCellHint(lenient: Bool) -> Message {
        lenient
            ? Message(ru: "ячейка прочитана как пропущенная", en: "the cell was read as missing")
            : Message(ru: "исправьте ячейку; если данных нет, оставьте её пустой — пустая ячейка читается как пропуск",
                      en: "fix the cell; if there is no data, leave it empty: an empty cell reads as missing")
    }

    static func dataTotalsRow(value: String) -> Message {
        Message(ru: "итоговая строка («\(value)»): она не считается школой и не входит ни в одну статистику",
                en: "a totals row (\"\(value)\"): it is not a school and is left out of every statistic")
    }

    static func dataTotalsRowHint() -> Message {
        Message(ru: "ничего делать не нужно; если это настоящая школа, переименуйте её в таблице",
                en: "nothing to do; if it is a real school, rename it in the table")
    }

    static func dataExponentCode(column: String, value: String) -> Message {
        Message(ru: "код записан в экспоненциальной форме Excel: его цифры потеряны, и у разных школ может оказаться один код",
                en: "a code in Excel's exponent notation: its digits are lost, and different schools may get the same code")
    }

    static func dataExponentCodeHint() -> Message {
        Message(ru: "в Excel выделите столбец, задайте формат ячеек «Текстовый», заново введите или вставьте коды и сохраните CSV снова",
                en: "in Excel, select the column, set the cell format to Text, enter or paste the codes again and save the CSV again")
    }

    // MARK: Column warnings

    static func dataImplausibleShare(column: String, firstRow: Int, count: Int) -> Message {
        Message(ru: "в столбце «\(column)» (доля) значения больше 1 без знака %, строк: \(count), первая — строка \(firstRow)",
                en: "the column \"\(column)\" (a share) has values above 1 without a % sign: \(count) rows, the first is row \(firstRow)")
    }

    static func dataImplausibleShareHint() -> Message {
        Message(ru: "если это проценты, объявите столбец как процент (percent); значения оставлены как есть",
                en: "if these are percentages, declare the column as percent; the values were kept as they are")
    }

    static func dataPercentLooksLikeFractions(column: String) -> Message {
        Message(ru: "в столбце «\(column)» (проценты) все значения от 0 до 1: похоже на доли, а не проценты",
                en: "the column \"\(column)\" (percent) has every value within 0 to 1: it looks like fractions, not percentages")
    }

    static func dataPercentLooksLikeFractionsHint() -> Message {
        Message(ru: "объявите столбец как долю: доля (share)",
                en: "declare the column as share")
    }

    // MARK: The cap

    static func dataMoreIssuesNotShown(count: Int, code: String) -> Message {
        Message(ru: "\(code): ещё \(count) не показано",
                en: "\(code): \(count) more not shown")
    }

    static func dataMoreIssuesHint() -> Message {
        Message(ru: "исправьте показанные и запустите снова; показать все: --max-messages 0",
                en: "fix those shown and run again; to show them all: --max-messages 0")
    }
}

extension TextEncoding {
    /// The encoding's name as people know it.
    var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .windows1251: "Windows-1251"
        case .koi8r: "KOI8-R"
        case .cp866: "CP866 (DOS)"
        case .macCyrillic: "MacCyrillic"
        }
    }
}
