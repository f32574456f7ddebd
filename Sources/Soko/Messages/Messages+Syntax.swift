// Texts of the lexer's and the parser's diagnostics (codes E0001–E0199).

extension Messages {
    // MARK: Lexer

    static func lineTooLong(length: Int, limit: Int) -> Message {
        Message(ru: "строка слишком длинная: \(length) байт, допускается не больше \(limit)",
                en: "this line is too long: \(length) bytes, at most \(limit) are allowed")
    }
    static let lineTooLongHint = Message(ru: "разбейте выражение на несколько строк или вынесите часть в отдельный показатель",
                                         en: "break the expression over several lines or move a part into an indicator of its own")
    static func unexpectedCharacter(_ character: String) -> Message {
        // A control character is named by its code, never printed.
        let shown = character.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFEFF
            ? "U+" + String(repeating: "0", count: 4 - min(4, String($0.value, radix: 16).count)) + String($0.value, radix: 16).uppercased()
            : String($0) }.joined()
        return Message(ru: "неожиданный символ «\(shown)»", en: "unexpected character '\(shown)'")
    }
    static let notEqualHint = Message(ru: "«не равно» записывается как != или ≠", en: "'not equal' is written != or ≠")
    static let numberTooLong = Message(ru: "слишком длинное число", en: "this number is too long")
    static func badNumber(_ text: String) -> Message {
        Message(ru: "«\(text)» — не число", en: "'\(text)' is not a number")
    }
    static let badNumberHint = Message(ru: "дробную часть отделяйте точкой: 12.5; имя не может начинаться с цифры",
                                       en: "write decimals with a point: 12.5; a name cannot start with a digit")
    static let invalidUTF8 = Message(ru: "байты не в кодировке UTF-8", en: "these bytes are not valid UTF-8")
    static let invalidUTF8Hint = Message(ru: "сохраните файл правил в кодировке UTF-8 (если он в Windows-1251 — «Сохранить как…», кодировка UTF-8); дальше в этом файле такие байты не отмечаются",
                                         en: "save the rule file as UTF-8 (if it is in Windows-1251, use 'Save as…' with UTF-8); further such bytes in this file are not reported")
    static let decimalPointHint = Message(ru: "дробную часть отделяйте точкой: 0.2 (или пишите процент: 20%)",
                                          en: "write decimals with a point: 0.2 (or a percentage: 20%)")
    static func typographicQuote(_ quote: String) -> Message {
        Message(ru: "кавычка «\(quote)» не открывает строку", en: "the quote '\(quote)' does not start a string")
    }
    static let typographicQuoteHint = Message(ru: "строки пишутся в прямых кавычках: \"текст\"; «ёлочки» можно использовать внутри",
                                              en: "strings use straight quotes: \"text\"; typographic quotes may stand inside")
    static let nulByte = Message(ru: "в файле нулевой байт (NUL): это не текст", en: "a NUL byte: this is not a text file")
    static func identifierTooLong(length: Int, limit: Int) -> Message {
        Message(ru: "имя слишком длинное: \(length) символов, допускается не больше \(limit)",
                en: "this name is too long: \(length) characters, at most \(limit) are allowed")
    }
    static let unterminatedString = Message(ru: "строка не закрыта кавычкой", en: "this string is not closed")
    static let unterminatedStringHint = Message(ru: "поставьте \" в конце строки; строка не может переходить на следующую строку файла",
                                                en: "add a closing \"; a string cannot run on to the next line")
    static func stringTooLong(limit: Int) -> Message {
        Message(ru: "строка длиннее \(limit) байт", en: "this string is longer than \(limit) bytes")
    }
    static let unknownEscape = Message(ru: "неизвестная управляющая последовательность", en: "unknown escape sequence")
    static let unknownEscapeHint = Message(ru: "допускаются \\\" \\\\ \\n \\t \\{ \\}", en: "allowed: \\\" \\\\ \\n \\t \\{ \\}")
    static let unclosedInterpolation = Message(ru: "подстановка «{» не закрыта", en: "this '{' is not closed")
    static let unclosedInterpolationHint = Message(ru: "подстановка пишется как {имя}; чтобы вывести саму скобку, напишите \\{",
                                                   en: "a value is filled in with {name}; to write a brace itself, use \\{")

    // MARK: Parser

    static func expected(_ what: Message, found: Message) -> Message {
        if found == endOfFile {
            return Message(ru: "ожидалось \(what.ru), а файл закончился", en: "expected \(what.en), found the end of the file")
        }
        return Message(ru: "ожидалось \(what.ru), а встретилось \(found.ru)", en: "expected \(what.en), found \(found.en)")
    }
    static func keywordWord(_ keyword: Keyword) -> Message {
        Message(ru: "«\(keyword.russian)»", en: "'\(keyword.english)'")
    }
    static let endOfFile = Message(ru: "конец файла", en: "the end of the file")
    static func didYouMean(_ name: String) -> Message {
        Message(ru: "возможно, имелось в виду «\(name)»", en: "did you mean '\(name)'?")
    }
    static let aDeclaration = Message(ru: "объявление (таблица, параметр, показатель, правило, шкала, тест или импорт)",
                                      en: "a declaration (dataset, param, indicator, rule, bands, test or import)")
    static let declarationHint = Message(ru: "каждое объявление начинается с ключевого слова, например: правило имя \"Название\" { … }",
                                         en: "each declaration starts with a keyword, for example: rule name \"Title\" { … }")
    static func keywordAsName(_ text: String, _ keyword: Keyword) -> Message {
        Message(ru: "«\(text)» — ключевое слово, его нельзя использовать как имя; добавьте к имени слово или знак _",
                en: "'\(text)' is a keyword and cannot be a name; add a word or an underscore to the name")
    }
    static let emptyInterpolation = Message(ru: "пустая подстановка {}", en: "empty {} in a string")
    static let closingBraceOfInterpolation = Message(ru: "конец подстановки «}»", en: "the end of the '{…}'")
    static let aString = Message(ru: "строка в кавычках", en: "a string in quotes")
    static let importPath = Message(ru: "путь к файлу в кавычках", en: "a file path in quotes")
    static let datasetName = Message(ru: "имя таблицы", en: "a dataset name")
    static let openingBrace = Message(ru: "«{»", en: "'{'")
    static let closingBrace = Message(ru: "«}»", en: "'}'")
    static let datasetMember = Message(ru: "ключ, период, подпись или столбец", en: "key, period, label or column")
    static let datasetMemberHint = Message(ru: "например: столбец медалисты: количество из \"Количество медалистов\"",
                                           en: "for example: column medalists: count from \"Medalists\"")
    static let columnName = Message(ru: "имя столбца", en: "a column name")
    static let colonBeforeType = Message(ru: "«:» и тип столбца", en: "':' and the column type")
    static let columnType = Message(ru: "тип столбца (число, количество, доля, процент, флаг, текст)",
                                    en: "a column type (number, count, share, percent, flag, text)")
    static let headerText = Message(ru: "заголовок столбца в файле, в кавычках", en: "the column's header in the file, in quotes")
    static let paramName = Message(ru: "имя параметра", en: "a parameter name")
    static let equalsSign = Message(ru: "«=»", en: "'='")
    static let indicatorName = Message(ru: "имя показателя", en: "an indicator name")
    static let ruleName = Message(ru: "имя правила", en: "a rule name")
    static let severityLevel = Message(ru: "уровень (низкий, средний, высокий, критический)",
                                       en: "a severity (low, medium, high, critical)")
    static let recommendationText = Message(ru: "текст рекомендации в кавычках", en: "a recommendation text in quotes")
    static let ruleClause = Message(ru: "когда, требуется, уровень, категория, источник или рекомендация",
                                    en: "when, require, severity, category, source or recommend")
    static let ruleClauseHint = Message(ru: "правило состоит из строк вида: когда <условие>, уровень высокий, рекомендация \"…\"",
                                        en: "a rule is made of lines such as: when <condition>, severity high, recommend \"…\"")
    static func tooDeep(limit: Int) -> Message {
        Message(ru: "выражение вложено глубже \(limit) уровней", en: "this expression is nested deeper than \(limit) levels")
    }
    static let tooDeepHint = Message(ru: "вынесите части выражения в отдельные показатели",
                                     en: "move parts of the expression into indicators of their own")
    static let endOfComparison = Message(ru: "конец сравнения", en: "the end of the comparison")
    static let chainedComparisonHint = Message(ru: "вместо a < b < c напишите a < b и b < c или b между a и c",
                                               en: "instead of a < b < c write a < b and b < c, or b between a and c")
    static let openingParenthesis = Message(ru: "«(»", en: "'('")
    static let closingParenthesis = Message(ru: "«)»", en: "')'")
    static let parenthesisOpenedHere = Message(ru: "эта скобка «(» не закрыта", en: "this '(' is never closed")
    static let unclosedParenthesisHint = Message(ru: "закройте скобку «)» там, где кончается выражение в скобках",
                                                 en: "close the bracket with ')' where the bracketed expression ends")

    /// `ключ "Код ОО"`: a header where the name belongs.
    static func memberNeedsName(role: String, roleEn: String, header: String) -> Message {
        Message(ru: "сначала имя, потом заголовок из файла: \(role) код из \"\(header)\"",
                en: "a name first, then the file's header: \(roleEn) code from \"\(header)\"")
    }

    /// `столбец Участников ВПР: количество`: a name of two words.
    static func columnNameOneWord(_ words: [String], type: String?) -> Message {
        let joined = words.joined(separator: "_").lowercased()
        let header = words.joined(separator: " ")
        return Message(ru: "имя столбца — одно слово; заголовок из файла укажите в кавычках: столбец \(joined): \(type ?? "число") из \"\(header)\"",
                       en: "a column name is one word; give the file's header in quotes: column \(joined): \(type ?? "number") from \"\(header)\"")
    }
    static let anExpression = Message(ru: "выражение (число, имя, вызов функции или скобки)",
                                      en: "an expression (a number, a name, a function call or parentheses)")
    static let groupColumn = Message(ru: "имя столбца для группировки", en: "a column to group by")
    static let bandsName = Message(ru: "имя шкалы", en: "a bands name")
    static let bandBound = Message(ru: "граница «от» или «до»", en: "a bound 'from' or 'to'")
    static let bandRowHint = Message(ru: "строка шкалы: от 5% до 10% -> \"внимание\"", en: "a band row: from 5% to 10% -> \"attention\"")
    static let arrow = Message(ru: "«->»", en: "'->'")
    static let bandLevel = Message(ru: "название градации в кавычках", en: "the level's name in quotes")
    static let testName = Message(ru: "название теста в кавычках", en: "the test's name in quotes")
    static let testClause = Message(ru: "дано, параметр или ожидается", en: "given, param or expect")
    static let testClauseHint = Message(ru: "тест состоит из таблицы «дано { … }» и таблицы «ожидается { … }»",
                                        en: "a test holds a 'given { … }' table and an 'expect { … }' table")
    static let cellSeparator = Message(ru: "«|» между ячейками", en: "'|' between cells")
    static let headerCellNotName = Message(ru: "первая строка таблицы должна состоять из имён столбцов",
                                           en: "the first row of a table must hold column names")
    static let headerCellHint = Message(ru: "например: | school_id | year | medalists |",
                                        en: "for example: | school_id | year | medalists |")
}
