// Texts of the loader's and the checker's diagnostics (codes E0200–E0399, W0400–W0499).

extension Messages {
    static func typeName(_ type: ValueType) -> Message {
        switch type {
        case .number: Message(ru: "число", en: "a number")
        case .count: Message(ru: "количество", en: "a count")
        case .share: Message(ru: "доля (процент)", en: "a share (percentage)")
        case .flag: Message(ru: "да/нет", en: "yes/no")
        case .text: Message(ru: "текст", en: "text")
        case .date: Message(ru: "дата", en: "a date")
        case .any: Message(ru: "пропуск", en: "missing")
        }
    }

    // MARK: Loader

    static func fileNotFound(_ path: String) -> Message {
        Message(ru: "не удаётся прочитать файл «\(path)»", en: "cannot read the file '\(path)'")
    }
    static let fileNotFoundHint = Message(ru: "проверьте путь и права на чтение", en: "check the path and that the file can be read")
    static func fileTooLarge(_ path: String, limit: Int) -> Message {
        Message(ru: "файл «\(path)» больше \(limit >> 20) МБ — это не похоже на файл правил",
                en: "'\(path)' is larger than \(limit >> 20) MB; this does not look like a rule file")
    }
    static func importCycle(_ chain: [String]) -> Message {
        Message(ru: "импорт по кругу: \(chain.joined(separator: " → "))", en: "files import each other in a cycle: \(chain.joined(separator: " → "))")
    }
    static let importCycleHint = Message(ru: "вынесите общее в отдельный файл, который импортируют оба",
                                         en: "move what both need into a third file that both import")
    static func importOutsideRoot(_ path: String, root: String) -> Message {
        Message(ru: "импорт «\(path)» выходит за пределы папки набора правил «\(root)»",
                en: "the import '\(path)' leads out of the rule set's folder '\(root)'")
    }
    static let importOutsideRootHint = Message(ru: "держите импортируемые файлы в папке набора правил или в её подпапках",
                                               en: "keep imported files in the rule set's folder or below it")

    // MARK: Declarations

    static let noDataset = Message(ru: "в наборе правил нет ни одной таблицы (таблица … { ключ … })",
                                   en: "the rule set declares no dataset (dataset … { key … })")
    static let noDatasetHint = Message(ru: "опишите таблицу с данными или импортируйте файл, где она описана",
                                       en: "declare the data table, or import the file that declares it")
    static func nameIsBuiltin(_ name: String) -> Message {
        Message(ru: "«\(name)» — имя встроенной функции", en: "'\(name)' is the name of a built-in function")
    }
    static let renameHint = Message(ru: "выберите другое имя", en: "choose another name")
    static func duplicateName(_ name: String) -> Message {
        Message(ru: "имя «\(name)» уже объявлено", en: "'\(name)' is declared twice")
    }
    static let firstDeclaredHere = Message(ru: "впервые объявлено здесь", en: "first declared here")
    static func unknownColumnType(_ word: String) -> Message {
        Message(ru: "неизвестный тип столбца «\(word)»", en: "unknown column type '\(word)'")
    }
    static let columnTypesHint = Message(ru: "типы: число, количество, доля, процент, флаг, текст",
                                         en: "types: number, count, share, percent, flag, text")
    static func duplicateRole(_ role: String) -> Message {
        Message(ru: "у таблицы может быть только один такой столбец (\(role))", en: "a dataset has at most one \(role)")
    }
    static func datasetWithoutKey(_ name: String) -> Message {
        Message(ru: "у таблицы «\(name)» нет ключа", en: "the dataset '\(name)' has no key")
    }
    static let datasetWithoutKeyHint = Message(ru: "добавьте строку «ключ school_id»: столбец, который называет школу",
                                               en: "add a line 'key school_id': the column that names a school")
    static func paramNotConstant(_ name: String) -> Message {
        Message(ru: "значение параметра «\(name)» должно быть числом, процентом, текстом или да/нет",
                en: "the value of the parameter '\(name)' must be a number, a percentage, a text or true/false")
    }
    static let paramNotConstantHint = Message(ru: "например: параметр порог = 10% \"Порог индекса\"; вычисления пишите в показателях",
                                              en: "for example: param threshold = 10% \"Threshold\"; put calculations in indicators")
    static func overrideChangesType(_ name: String, from: ValueType, to: ValueType) -> Message {
        Message(ru: "параметр «\(name)» из общего файла задан заново другого рода: был \(typeName(from).ru), стал \(typeName(to).ru)",
                en: "the param '\(name)' of a shared file is set again as another kind: \(typeName(from).en), now \(typeName(to).en)")
    }
    static func cycle(_ name: String) -> Message {
        Message(ru: "«\(name)» определено через само себя (по кругу)", en: "'\(name)' is defined in terms of itself (a cycle)")
    }
    static let cycleHint = Message(ru: "показатели и правила не могут ссылаться друг на друга по кругу",
                                   en: "indicators and rules cannot refer to each other in a circle")
    static func unused(_ name: String) -> Message {
        Message(ru: "«\(name)» объявлено, но нигде не используется", en: "'\(name)' is declared but never used")
    }
    static let unusedHint = Message(ru: "используйте его в правиле или удалите", en: "use it in a rule or remove it")
    /// A text column may be meant for grouping the summary: that use is named too.
    static func unusedColumnHint(text: Bool) -> Message {
        text ? Message(ru: "используйте столбец в правиле или показателе, или удалите его объявление (для группировки сводки: soko run --group-by СТОЛБЕЦ)",
                       en: "use the column in a rule or an indicator, or remove its declaration (to group the summary by it: soko run --group-by COLUMN)")
             : Message(ru: "используйте столбец в правиле или показателе, или удалите его объявление",
                       en: "use the column in a rule or an indicator, or remove its declaration")
    }

    // MARK: Rules and bands

    static let secondWhen = Message(ru: "у правила второе условие «когда»", en: "a second 'when' in this rule")
    static let secondWhenHint = Message(ru: "объедините условия через «и» / «или»", en: "join the conditions with 'and' / 'or'")
    static let conditionMustBeYesNo = Message(ru: "условие должно давать да/нет", en: "a condition must be yes or no")
    static func conditionHint(_ type: ValueType) -> Message {
        Message(ru: "здесь \(typeName(type).ru); сравните его с чем-нибудь, например: x > порог",
                en: "this is \(typeName(type).en); compare it with something, for example: x > threshold")
    }
    static let secondSeverity = Message(ru: "уровень указан дважды", en: "the severity is given twice")
    static func unknownSeverity(_ word: String) -> Message {
        Message(ru: "неизвестный уровень «\(word)»", en: "unknown severity '\(word)'")
    }
    static let severitiesHint = Message(ru: "уровни: низкий, средний, высокий, критический", en: "severities: low, medium, high, critical")
    static func ruleWithoutWhen(_ name: String) -> Message {
        Message(ru: "у правила «\(name)» нет условия «когда»", en: "the rule '\(name)' has no 'when' condition")
    }
    static let ruleWithoutWhenHint = Message(ru: "добавьте строку: когда <условие>", en: "add a line: when <condition>")
    static func ruleWithoutSeverity(_ name: String) -> Message {
        Message(ru: "у правила «\(name)» не указан уровень", en: "the rule '\(name)' has no severity")
    }
    static func neverFires(_ name: String) -> Message {
        Message(ru: "правило «\(name)» никогда не сработает: условие не зависит от данных и не выполняется",
                en: "the rule '\(name)' can never fire: its condition does not depend on data and does not hold")
    }
    static let neverFiresHint = Message(ru: "проверьте условие и значения параметров", en: "check the condition and the parameters' values")
    static let bandsNeedNumber = Message(ru: "шкала строится только по числовому показателю", en: "bands need a numeric value")
    static let bandBoundNotConstant = Message(ru: "граница шкалы должна быть числом, процентом или параметром",
                                              en: "a band's bound must be a number, a percentage or a parameter")
    static let bandBoundNotConstantHint = Message(ru: "например: от 5% до 10%", en: "for example: from 5% to 10%")
    static let bandNeverMatches = Message(ru: "в эту полосу шкалы не попадёт ни одно значение: нижняя граница не меньше верхней",
                                          en: "no value can fall in this band: its lower bound is not below its upper bound")
    static let bandNeverMatchesHint = Message(ru: "«от» включает границу, «до» — нет: от 5% до 10% значит 5% ≤ x < 10%",
                                              en: "'from' includes its bound, 'to' does not: from 5% to 10% means 5% ≤ x < 10%")
    static let bandsOverlap = Message(ru: "полосы шкалы пересекаются: одно значение попало бы в две градации",
                                      en: "these bands overlap: a value would get two levels")
    static let bandsOverlapHint = Message(ru: "пусть нижняя граница следующей полосы равна верхней границе предыдущей",
                                          en: "let each band start where the one before ends")
    static let otherBand = Message(ru: "соседняя полоса", en: "the neighbouring band")
    static let bandsGap = Message(ru: "между полосами шкалы разрыв: значения в нём не получат градации",
                                  en: "there is a gap between these bands: values in it get no level")
    static let bandsGapHint = Message(ru: "сдвиньте границу, чтобы полосы шли подряд", en: "move a bound so that the bands meet")

    // MARK: Names and types

    static func ambiguousColumn(_ name: String, _ choices: [String]) -> Message {
        Message(ru: "столбец «\(name)» есть в нескольких таблицах: \(choices.joined(separator: ", "))",
                en: "the column '\(name)' is in several datasets: \(choices.joined(separator: ", "))")
    }
    static func ambiguousColumnHint(_ example: String) -> Message {
        Message(ru: "укажите таблицу: \(example)", en: "name the dataset: \(example)")
    }
    static func functionWithoutCall(_ name: String) -> Message {
        Message(ru: "«\(name)» — функция, её нужно вызвать со скобками", en: "'\(name)' is a function and needs parentheses")
    }
    static func functionWithoutCallHint(_ name: String) -> Message {
        .verbatim(BuiltinFunction.named(name)?.example ?? "\(name)(x)")
    }
    static func unknownName(_ name: String) -> Message {
        Message(ru: "неизвестное имя «\(name)»", en: "unknown name '\(name)'")
    }
    static let unknownNameHint = Message(ru: "объявите его как столбец таблицы, параметр, показатель или правило",
                                         en: "declare it as a dataset column, a param, an indicator or a rule")
    static func unknownDataset(_ name: String) -> Message {
        Message(ru: "нет таблицы «\(name)»", en: "there is no dataset '\(name)'")
    }
    static func unknownColumnIn(_ name: String, dataset: String) -> Message {
        Message(ru: "в таблице «\(dataset)» нет столбца «\(name)»", en: "the dataset '\(dataset)' has no column '\(name)'")
    }
    static func groupNotColumn(_ name: String) -> Message {
        Message(ru: "группировать можно только по столбцам таблицы, а «\(name)» — не столбец",
                en: "groups are formed by dataset columns, and '\(name)' is not one")
    }
    static let groupNotColumnHint = Message(ru: "например: среднее(x по municipality, year)", en: "for example: mean(x by municipality, year)")
    static let interpolationOutsideText = Message(ru: "подстановки {…} допускаются только в рекомендациях и пояснениях",
                                                  en: "{…} is allowed only in recommendation and reason texts")
    static let notNeedsYesNo = Message(ru: "«не» применяется к условию (да/нет)", en: "'not' applies to a yes/no condition")
    static func mismatchedTypes(_ left: ValueType, _ right: ValueType) -> Message {
        Message(ru: "нельзя сравнивать: слева \(typeName(left).ru), справа \(typeName(right).ru)",
                en: "cannot compare \(typeName(left).en) with \(typeName(right).en)")
    }
    static let mismatchedTypesHint = Message(ru: "текст сравнивается с текстом в кавычках, да/нет — с истина/ложь",
                                             en: "compare text with a quoted text, yes/no with true/false")
    static func branchesDiffer(_ left: ValueType, _ right: ValueType) -> Message {
        Message(ru: "ветви «то» и «иначе» дают разное: \(typeName(left).ru) и \(typeName(right).ru)",
                en: "the 'then' and 'else' branches differ: \(typeName(left).en) and \(typeName(right).en)")
    }
    static let branchesDifferHint = Message(ru: "обе ветви должны давать значения одного рода", en: "both branches must give the same kind of value")
    static let atLeastNeedsWholeNumber = Message(ru: "после «не менее» нужно целое число", en: "'at least' needs a whole number")
    static let atLeastItemsYesNo = Message(ru: "в списке «не менее N из (…)» должны быть условия или правила",
                                           en: "the list of 'at least N of (…)' must hold conditions or rules")
    static let toleranceOutsideTest = Message(ru: "допуск ± пишется только в ожиданиях теста", en: "a ± tolerance belongs only in a test's expectations")
    static func needsNumber(_ type: ValueType) -> Message {
        Message(ru: "здесь нужно число, а дано значение вида «\(typeName(type).ru)»", en: "a number is needed here, not \(typeName(type).en)")
    }
    static let flagInArithmeticHint = Message(ru: "да/нет нельзя складывать; чтобы посчитать выполненные условия, используйте «не менее N из (…)» или сумма(…)",
                                              en: "yes/no values cannot be added; to count conditions use 'at least N of (…)' or sum(…)")
    static let countVersusShare = Message(ru: "количество сравнивается с долей (процентом)", en: "a count is compared with a share (percentage)")
    static let countVersusShareHint = Message(ru: "сравните долю с процентом (x / участники > 10%) или количество с числом",
                                              en: "compare a share with a percentage (x / participants > 10%), or a count with a number")
    static func shareAgainstNumber(_ value: Double) -> Message {
        Message(ru: "доля сравнивается с числом \(formatPlain(value)), а доля не бывает больше 1",
                en: "a share is compared with \(formatPlain(value)), but a share never exceeds 1")
    }
    static func shareParamAgainstShare(_ name: String, _ value: Double) -> Message {
        Message(ru: "параметр «\(name)» = \(formatPlain(value)) сравнивается с долей, а доля не бывает больше 1",
                en: "the param '\(name)' = \(formatPlain(value)) is compared with a share, but a share never exceeds 1")
    }
    static func shareParamHint(_ name: String, _ value: Double) -> Message {
        Message(ru: "если это проценты, напишите знак %: параметр \(name) = \(formatPlain(value))%",
                en: "if it is a percentage, write the % sign: param \(name) = \(formatPlain(value))%")
    }
    static let shareParamUsedHere = Message(ru: "здесь он сравнивается с долей", en: "here it is compared with a share")
    static func shareAgainstNumberHint(_ value: Double) -> Message {
        Message(ru: "возможно, имелось в виду \(formatPlain(value))%", en: "did you mean \(formatPlain(value))%?")
    }
    static let logicNeedsYesNo = Message(ru: "«и» / «или» соединяют условия (да/нет)", en: "'and' / 'or' join yes/no conditions")
    static let orderNeedsNumbers = Message(ru: "больше/меньше применимо только к числам", en: "greater/less applies to numbers only")
    static func unknownFunction(_ name: String) -> Message {
        Message(ru: "нет функции «\(name)»", en: "there is no function '\(name)'")
    }
    static let functionsHint = Message(ru: "список функций — в Grammar.md, раздел «Встроенные функции»",
                                       en: "the functions are listed in Grammar.md, 'Built-in functions'")
    static func wrongArity(_ name: String, _ arity: ClosedRange<Int>) -> Message {
        let count = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound)–\(arity.upperBound)"
        return Message(ru: "функция «\(name)» принимает аргументов: \(count)", en: "'\(name)' takes \(count) argument(s)")
    }
    static func byOnlyForStatistics(_ name: String) -> Message {
        Message(ru: "«по …» пишется только в статистиках по группе, а «\(name)» — не статистика",
                en: "'by …' belongs only to group statistics, and '\(name)' is not one")
    }
    static let needsConstantWholeNumber = Message(ru: "здесь нужно целое число (или параметр)", en: "a whole number (or a param) is needed here")
    static let periodsHint = Message(ru: "число периодов от 1 до 50", en: "the number of periods is 1 to 50")
    static let historyNeedsPeriod = Message(ru: "для пред(…), изменение(…) и периодов_с(…) у таблицы должен быть период",
                                            en: "prev(…), change(…) and periods_with(…) need a dataset with a period")
    static let historyNeedsPeriodHint = Message(ru: "добавьте в таблицу строку «период year»", en: "add a line 'period year' to the dataset")
    static let periodsWithNeedsCondition = Message(ru: "периодов_с(…) считает периоды, где выполнено условие (да/нет)",
                                                   en: "periods_with(…) counts periods where a yes/no condition held")

    /// A number without a needless ".0", for messages.
    public static func formatPlain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

// MARK: Tests

extension Messages {
    static let testWithoutData = Message(ru: "в тесте нет данных «дано { … }»", en: "the test has no 'given { … }' data")
    static let testWithoutExpectations = Message(ru: "в тесте нет ожиданий «ожидается { … }»", en: "the test has no 'expect { … }' table")
    static func testUnknownParam(_ name: String) -> Message {
        Message(ru: "нет параметра «\(name)»", en: "there is no param '\(name)'")
    }
    static func testBadValue(_ type: Message) -> Message {
        Message(ru: "значение не подходит: нужно значение вида «\(type.ru)»", en: "this value does not fit: \(type.en) is needed")
    }
    static let testNeedsDatasetName = Message(ru: "таблиц несколько: укажите, какую заполняет «дано»",
                                              en: "there are several datasets: say which one 'given' fills")
    static func testNeedsDatasetNameHint(_ names: [String]) -> Message {
        Message(ru: "например: дано \(names.first ?? "results") { … }", en: "for example: given \(names.first ?? "results") { … }")
    }
    static func testTableWithoutKey(_ key: String) -> Message {
        Message(ru: "в таблице теста нет столбца-ключа «\(key)»", en: "the test table has no key column '\(key)'")
    }
    static func testRowWidth(expected: Int, found: Int) -> Message {
        Message(ru: "в строке \(found) ячеек, а в заголовке \(expected)", en: "this row has \(found) cells, the header \(expected)")
    }
    static let expectedOutcome = Message(ru: "ожидается исход правила: срабатывает, молчит или недостаточно (или текст рекомендации в кавычках)",
                                         en: "a rule's outcome is expected: fires, silent or insufficient (or a recommendation text in quotes)")
    static let expectedOutcomeHint = Message(ru: "например: | school_id | medal_risk |  и строка  | \"A\" | срабатывает |",
                                             en: "for example: | school_id | medal_risk |  and a row  | \"A\" | fires |")
    static func expectUnknownSubject(_ name: String) -> Message {
        Message(ru: "«\(name)» — не правило, не показатель и не шкала", en: "'\(name)' is not a rule, an indicator or bands")
    }
    static let expectHeaderHint = Message(ru: "заголовок ожиданий: ключ, затем (необязательно) период, затем правила и показатели",
                                          en: "the expectations' header: the key, then (optionally) the period, then rules and indicators")
}

// MARK: Checking against a data file's header

extension Messages {
    static func headerMissing(_ header: String, path: String) -> Message {
        Message(ru: "в файле «\(path)» нет столбца «\(header)»", en: "the file '\(path)' has no column '\(header)'")
    }
    static func headerSuggestion(_ near: String, written: String = "") -> Message {
        if let note = Suggestions.lookAlikeNote(written).map({ Message(ru: "в правилах: ", en: "in the rules: ") + $0 })
            ?? Suggestions.lookAlikeNote(near).map({ Message(ru: "в заголовке файла: ", en: "in the file's header: ") + $0 }) {
            return Message(ru: "в файле есть похожий столбец «\(near)»; ", en: "the file has a similar column '\(near)'; ") + note
        }
        return Message(ru: "возможно, это столбец «\(near)»: укажите его заголовок через из \"\(near)\"",
                       en: "perhaps it is the column '\(near)': bind it with from \"\(near)\"")
    }
    static func headerList(_ names: [String]) -> Message {
        let shown = names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", …" : "")
        return Message(ru: "столбцы файла: \(shown)", en: "the file's columns: \(shown)")
    }
    static func headerTwice(_ header: String, path: String, positions: [Int]) -> Message {
        let list = positions.map(String.init).joined(separator: ", ")
        return Message(ru: "в файле «\(path)» столбец «\(header)» встречается несколько раз (позиции \(list))",
                       en: "the file '\(path)' has the column '\(header)' more than once (positions \(list))")
    }
}
