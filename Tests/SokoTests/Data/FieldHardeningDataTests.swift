// Field-tested hardening of the data reader (issue 16): single-byte Cyrillic code pages, totals
// rows, E+ codes, Unicode signs in numbers, a wrong delimiter, per-kind caps.
import Foundation
import Testing
@testable import Soko

@Suite struct FieldHardeningDataTests {
    /// «Код ОО;Наименование;Муниципалитет / 101;Средняя школа;Советский район» in each code page
    /// (bytes made by Python's codecs, not by the code under test).
    static let samples: [(TextEncoding, [UInt8])] = [
        (.koi8r, [0xEB, 0xCF, 0xC4, 0x20, 0xEF, 0xEF, 0x3B, 0xEE, 0xC1, 0xC9, 0xCD, 0xC5, 0xCE, 0xCF, 0xD7, 0xC1, 0xCE, 0xC9, 0xC5, 0x3B, 0xED, 0xD5, 0xCE, 0xC9, 0xC3, 0xC9, 0xD0, 0xC1, 0xCC, 0xC9, 0xD4, 0xC5, 0xD4, 0x0A, 0x31, 0x30, 0x31, 0x3B, 0xF3, 0xD2, 0xC5, 0xC4, 0xCE, 0xD1, 0xD1, 0x20, 0xDB, 0xCB, 0xCF, 0xCC, 0xC1, 0x3B, 0xF3, 0xCF, 0xD7, 0xC5, 0xD4, 0xD3, 0xCB, 0xC9, 0xCA, 0x20, 0xD2, 0xC1, 0xCA, 0xCF, 0xCE, 0x0A]),
        (.cp866, [0x8A, 0xAE, 0xA4, 0x20, 0x8E, 0x8E, 0x3B, 0x8D, 0xA0, 0xA8, 0xAC, 0xA5, 0xAD, 0xAE, 0xA2, 0xA0, 0xAD, 0xA8, 0xA5, 0x3B, 0x8C, 0xE3, 0xAD, 0xA8, 0xE6, 0xA8, 0xAF, 0xA0, 0xAB, 0xA8, 0xE2, 0xA5, 0xE2, 0x0A, 0x31, 0x30, 0x31, 0x3B, 0x91, 0xE0, 0xA5, 0xA4, 0xAD, 0xEF, 0xEF, 0x20, 0xE8, 0xAA, 0xAE, 0xAB, 0xA0, 0x3B, 0x91, 0xAE, 0xA2, 0xA5, 0xE2, 0xE1, 0xAA, 0xA8, 0xA9, 0x20, 0xE0, 0xA0, 0xA9, 0xAE, 0xAD, 0x0A]),
        (.macCyrillic, [0x8A, 0xEE, 0xE4, 0x20, 0x8E, 0x8E, 0x3B, 0x8D, 0xE0, 0xE8, 0xEC, 0xE5, 0xED, 0xEE, 0xE2, 0xE0, 0xED, 0xE8, 0xE5, 0x3B, 0x8C, 0xF3, 0xED, 0xE8, 0xF6, 0xE8, 0xEF, 0xE0, 0xEB, 0xE8, 0xF2, 0xE5, 0xF2, 0x0A, 0x31, 0x30, 0x31, 0x3B, 0x91, 0xF0, 0xE5, 0xE4, 0xED, 0xDF, 0xDF, 0x20, 0xF8, 0xEA, 0xEE, 0xEB, 0xE0, 0x3B, 0x91, 0xEE, 0xE2, 0xE5, 0xF2, 0xF1, 0xEA, 0xE8, 0xE9, 0x20, 0xF0, 0xE0, 0xE9, 0xEE, 0xED, 0x0A]),
        (.windows1251, [0xCA, 0xEE, 0xE4, 0x20, 0xCE, 0xCE, 0x3B, 0xCD, 0xE0, 0xE8, 0xEC, 0xE5, 0xED, 0xEE, 0xE2, 0xE0, 0xED, 0xE8, 0xE5, 0x3B, 0xCC, 0xF3, 0xED, 0xE8, 0xF6, 0xE8, 0xEF, 0xE0, 0xEB, 0xE8, 0xF2, 0xE5, 0xF2, 0x0A, 0x31, 0x30, 0x31, 0x3B, 0xD1, 0xF0, 0xE5, 0xE4, 0xED, 0xFF, 0xFF, 0x20, 0xF8, 0xEA, 0xEE, 0xEB, 0xE0, 0x3B, 0xD1, 0xEE, 0xE2, 0xE5, 0xF2, 0xF1, 0xEA, 0xE8, 0xE9, 0x20, 0xF0, 0xE0, 0xE9, 0xEE, 0xED, 0x0A]),
    ]

    static let columns = [ColumnRequest(name: "код", header: "Код ОО", type: .text),
                          ColumnRequest(name: "имя", header: "Наименование", type: .text),
                          ColumnRequest(name: "район", header: "Муниципалитет", type: .text)]

    @Test(arguments: samples.map(\.0))
    func everySingleByteCyrillicCodePageIsDetectedAndRead(_ encoding: TextEncoding) throws {
        let bytes = try #require(Self.samples.first { $0.0 == encoding }?.1)
        let detected = bytes.withUnsafeBufferPointer { TextEncoding.detect(prefix: $0, isWholeFile: true, forced: nil) }
        #expect(detected.encoding == encoding)
        let table = try #require(DataTest.table(DataTest.read(bytes, Self.columns)))
        #expect(DataTest.strings(table, 1) == ["Средняя школа"])
        #expect(DataTest.strings(table, 2) == ["Советский район"])
    }

    @Test func aWrongEncodingOptionIsWarnedAboutNamingTheLikelyOne() throws {
        let bytes = try #require(Self.samples.first { $0.0 == .koi8r }?.1)
        let issues = DataTest.failure(DataTest.read(bytes, Self.columns, options: CSVOptions(encoding: .windows1251)))
        let warning = try #require(issues.first { $0.code == "D0025" })
        #expect(warning.severity == .warning)
        #expect(warning.row == 1)
        #expect(warning.message.ru == "файл читается в кодировке Windows-1251, но, похоже, записан в KOI8-R: буквы читаются как бессмыслица")
        #expect(warning.hint?.en == "run with --encoding koi8-r, or without --encoding to have it detected")
    }

    @Test func utf8ReadAsASingleBytePageIsWarnedAbout() throws {
        let bytes = Array("Код ОО;Наименование;Муниципалитет\n101;Средняя школа;Советский район\n".utf8)
        for forced in [TextEncoding.windows1251, .koi8r] {
            let issues = DataTest.failure(DataTest.read(bytes, Self.columns, options: CSVOptions(encoding: forced)))
            let warning = try #require(issues.first { $0.code == "D0025" })
            #expect(warning.message.en == "the file is read as \(forced.displayName), but it seems to be UTF-8: its letters read as nonsense")
            #expect(warning.hint?.ru == "запустите с --encoding utf-8 или без --encoding (кодировка определится сама)")
        }
    }

    @Test func encodingNamesOnTheCommandLine() {
        #expect(TextEncoding.named("KOI8-R") == .koi8r)
        #expect(TextEncoding.named("cp866") == .cp866)
        #expect(TextEncoding.named("ibm866") == .cp866)
        #expect(TextEncoding.named("mac-cyrillic") == .macCyrillic)
        #expect(TextEncoding.named("windows-1251") == .windows1251)
        #expect(TextEncoding.named("utf8") == .utf8)
        #expect(TextEncoding.named("latin1") == nil)
    }

    // MARK: Totals rows

    @Test(arguments: ["Итого", "ИТОГО", "итого:", "Всего", "ВСЕГО:", "Итого по району", "Всего по муниципалитету",
                      "Total", "TOTAL:", "Grand total", "Subtotal", "Итог", "  Итого  ", "Итого (район)", "В целом по району"])
    func totalsWordsAreRecognised(_ text: String) {
        #expect(TotalsRows.isTotals(text, extra: []))
    }

    @Test(arguments: ["Итоговая школа", "Всеволожская СОШ", "Totalitarian", "МБОУ Итого", "", "101"])
    func schoolsAreNotTotals(_ text: String) {
        #expect(!TotalsRows.isTotals(text, extra: []))
    }

    @Test func extraTotalsWordsFromTheOption() {
        #expect(TotalsRows.isTotals("Сумма по округу", extra: ["сумма"]))
        #expect(TotalsRows.isTotals("СВОД:", extra: ["Свод"]))
        #expect(!TotalsRows.isTotals("Сумма по округу", extra: []))
    }

    @Test func aTotalsRowInTheKeyOrLabelIsLeftOutWithAWarningNamingTheRow() throws {
        let text = "Код ОО;Наименование;Балл\n101;Школа 1;50\nИтого;Итого по району;100\n102;Школа 2;50\n;ВСЕГО:;100\n"
        let columns = [ColumnRequest(name: "код", header: "Код ОО", type: .text),
                       ColumnRequest(name: "имя", header: "Наименование", type: .text),
                       ColumnRequest(name: "балл", header: "Балл", type: .number)]
        let table = try #require(DataTest.table(DataTest.read(text, columns)))
        #expect(table.rowCount == 2)
        #expect(DataTest.strings(table, 0) == ["101", "102"])
        #expect(DataTest.numbers(table, 2) == [50, 50])
        #expect(table.rowNumbers == [2, 4])
        let warnings = table.issues.filter { $0.code == "D0026" }
        #expect(warnings.map(\.row) == [3, 5])
        #expect(warnings.map(\.column) == ["Код ОО", "Наименование"])
        #expect(warnings[0].message.ru == "итоговая строка («Итого»): она не считается школой и не входит ни в одну статистику")
        #expect(warnings[1].message.en == "a totals row (\"ВСЕГО:\"): it is not a school and is left out of every statistic")
    }

    @Test func aTotalsRowsBadCellsAreNotReported() throws {
        let text = "Код ОО;Балл\n101;50\nИтого;сумма\n"
        let columns = [ColumnRequest(name: "код", header: "Код ОО", type: .text),
                       ColumnRequest(name: "балл", header: "Балл", type: .number)]
        let table = try #require(DataTest.table(DataTest.read(text, columns)))
        #expect(table.rowCount == 1)
        #expect(table.issues.map(\.code) == ["D0026"])
    }

    @Test func totalsRowsStayOutOfStatisticsAndEntities() throws {
        let rules = """
        таблица впр {
          ключ код из "Код ОО"
          подпись имя из "Наименование"
          столбец балл: число из "Балл"
        }
        показатель средний = среднее(балл)
        правило низкий "Низкий балл" {
          когда балл < средний - 5
          уровень высокий
        }
        """
        let csv = "Код ОО;Наименование;Балл\n101;Школа 1;50\n102;Школа 2;52\n103;Школа 3;40\nИтого;Итого по району;142\n"
        let evaluation = try Support.evaluate(rules: rules, csv: csv)
        #expect(evaluation.entities.count == 3)
        #expect(Support.outcomes(evaluation, rule: "низкий") == ["101": .silent, "102": .silent, "103": .fired])
    }

    @Test func aRuleSetNamesMoreTotalsWordsWithAParameter() throws {
        let rules = """
        таблица впр {
          ключ код из "Код ОО"
          столбец балл: число из "Балл"
        }
        параметр итоговые_строки = "В целом; Свод"
        показатель средний = среднее(балл)
        """
        #expect(Support.codes(rules).isEmpty, "no W0403 for the reserved parameter")
        let csv = "Код ОО;Балл\n101;50\nСвод:;999\nВ целом по округу;500\n102;52\n"
        let dir = Support.folder(["r.soko": rules, "d.csv": csv])
        guard case .evaluated(let evaluation, _, let warnings, _) = Runner.run(RunRequest(ruleFiles: [dir + "/r.soko"], data: [dir + "/d.csv"])) else {
            Issue.record("not evaluated")
            return
        }
        #expect(evaluation.entities.count == 2)
        #expect(warnings.filter { $0.code == "D0026" }.map(\.row) == [3, 4])
    }

    // MARK: E+ codes

    @Test(arguments: ["3,90301E+11", "3.90301E+11", "1E+15", "12,5e+3"])
    func exponentNotationInATextColumnIsAnError(_ code: String) throws {
        let text = "Код ОО;Балл\n\"\(code)\";1\n"
        let columns = [ColumnRequest(name: "код", header: "Код ОО", type: .text),
                       ColumnRequest(name: "балл", header: "Балл", type: .number)]
        let issues = DataTest.failure(DataTest.read(text, columns, options: CSVOptions(delimiter: UInt8(ascii: ";"))))
        let issue = try #require(issues.first)
        #expect(issue.code == "D0027")
        #expect(issue.row == 2)
        #expect(issue.column == "Код ОО")
        #expect(issue.value == code)
        #expect(issue.message.ru == "код записан в экспоненциальной форме Excel: его цифры потеряны, и у разных школ может оказаться один код")
        #expect(issue.hint?.ru.contains("«Текстовый»") == true)
    }

    @Test(arguments: ["390301", "E+11", "3,9E-5", "Школа 1E+2", "1E+"])
    func otherTextsAreNotExponentNotation(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(!bytes.withUnsafeBufferPointer(TotalsRows.isExponentNotation))
    }

    // MARK: Signs and spaces in numbers

    @Test(arguments: [("\u{2212}2,5", -2.5), ("\u{2013}2,5", -2.5), ("\u{2014}2,5", -2.5), ("\u{2012}2,5", -2.5),
                      ("\u{2010}2,5", -2.5), ("\u{FE63}2,5", -2.5), ("\u{FF0D}2,5", -2.5),
                      ("1\u{202F}234", 1234.0), ("1\u{2009}234", 1234.0), ("1\u{00A0}234", 1234.0), ("1\u{2007}234", 1234.0),
                      ("1\u{200A}234,5", 1234.5), ("\u{2212}1\u{202F}234,5", -1234.5), ("\u{202F}7\u{202F}", 7.0)])
    func unicodeMinusAndSpacesInNumbers(_ cell: String, _ expected: Double) throws {
        let table = try #require(DataTest.table(DataTest.read("a;x\n1;\(cell)\n", [DataTest.column("x", .number)])))
        #expect(DataTest.numbers(table, 0) == [expected])
    }

    @Test func windows1251DashesAreMinusSigns() throws {
        let bytes = Array("a;x\n1;".utf8) + [0x96] + Array("2,5\n2;".utf8) + [0x97] + Array("3\n".utf8)
        let table = try #require(DataTest.table(DataTest.read(bytes, [DataTest.column("x", .number)],
                                                              options: CSVOptions(encoding: .windows1251))))
        #expect(DataTest.numbers(table, 0) == [-2.5, -3])
    }

    @Test func aRefusedNumberNamesTheSignAndDoesNotRepeatTheValue() throws {
        let issues = DataTest.failure(DataTest.read("a;x\n1;12\u{20BD}\n2;много\n3;#ДЕЛ/0!\n4;—\n", [DataTest.column("x", .number)]))
        #expect(issues.map(\.code) == ["D0013", "D0013", "D0013", "D0013"])
        #expect(issues[2].message.ru == "в ячейке ошибка формулы Excel, а не число: исправьте формулу или оставьте ячейку пустой")
        #expect(issues[3].message.ru == "ожидается число; если данных нет, оставьте ячейку пустой вместо «—»")
        #expect(issues[3].message.en == "a number is expected; if there is no data, leave the cell empty instead of '—'")
        #expect(issues[0].message.ru == "ожидается число; знак «₽» (U+20BD) в числе не читается")
        #expect(issues[0].message.en == "a number is expected; the sign '₽' (U+20BD) cannot be read in a number")
        #expect(issues[0].value == "12₽")
        #expect(issues[1].message.ru == "ожидается число")
        #expect(issues[1].hint?.ru == "исправьте ячейку; если данных нет, оставьте её пустой — пустая ячейка читается как пропуск")
        #expect(issues[1].hint?.en.contains("--lenient") == false)
    }

    // MARK: Delimiter, caps

    @Test func aWrongDelimiterIsOneErrorNamingTheLikelyOne() throws {
        let columns = [DataTest.column("Код ОО", .text), DataTest.column("Балл", .number), DataTest.column("Год", .number)]
        let issues = DataTest.failure(DataTest.read("Код ОО;Балл;Год\n1;2;3\n", columns, options: CSVOptions(delimiter: UInt8(ascii: ","))))
        #expect(issues.map(\.code) == ["D0028"])
        #expect(issues[0].row == 1)
        #expect(issues[0].message.ru == "заголовок, похоже, разделён знаком «;», а файл читается с разделителем «,»: столбцы не находятся")
        #expect(issues[0].hint?.ru == "запустите с --delimiter \";\" или без --delimiter (разделитель определится сам)")
    }

    @Test func aWrongDelimiterIsNotRepeatedOnEveryRow() throws {
        // Decimal commas split the rows by «,»: without the stop, one D0007 per row followed.
        let columns = [DataTest.column("Код ОО", .text), DataTest.column("Балл", .number)]
        let issues = DataTest.failure(DataTest.read("Код ОО;Балл\n1;2,5\n2;3,5\n3;4\n", columns, options: CSVOptions(delimiter: UInt8(ascii: ","))))
        #expect(issues.map(\.code) == ["D0028"])
    }

    @Test func aPeriodCellIsNeverMadeMissing() throws {
        let columns = [DataTest.column("id", .text), ColumnRequest(name: "year", header: "year", type: .count, isPeriod: true)]
        for lenient in [false, true] {
            let issues = DataTest.failure(DataTest.read("id;year\nA;2024 г.\nB;год\nC;2023-2024\n", columns, options: CSVOptions(lenient: lenient)))
            #expect(issues.map(\.code) == ["D0102", "D0102"])
            #expect(issues.map(\.severity) == [.error, .error])
            #expect(issues.map(\.row) == [2, 3])
            #expect(issues.map(\.value) == ["2024 г.", "год"])
            #expect(issues[1].message.ru == "в ячейке периода записан не период: нужен год цифрами (2024) или учебный год (2023-2024)")
            #expect(issues[1].hint?.ru == "замените «год» годом цифрами, например 2024 (--lenient здесь не поможет: строка без периода не относится ни к одной школе)")
            #expect(issues[1].hint?.en == "replace 'год' with the year in digits, such as 2024 (--lenient does not help here: a row without a period belongs to no school)")
        }
    }

    @Test func everyKindIsCappedWithOneNotShownLine() throws {
        var text = "a;x;f\n"
        for row in 0..<7 { text += "\(row);bad;maybe\n" }
        var options = CSVOptions()
        options.maxIssues = 3
        let issues = DataTest.failure(DataTest.read(text, [DataTest.column("x", .number), DataTest.column("f", .flag)], options: options))
        #expect(issues.filter { $0.code == "D0013" }.count == 3)
        #expect(issues.filter { $0.code == "D0019" }.count == 3)
        let notShown = issues.filter { $0.code == "D0022" }
        #expect(notShown.map(\.message.ru) == ["D0013: ещё 4 не показано", "D0019: ещё 4 не показано"])
        #expect(notShown.allSatisfy { $0.severity == .error })
        #expect(notShown[0].hint?.ru == "исправьте показанные и запустите снова; показать все: --max-messages 0")
    }

    @Test func cappedKeepsOrderAndCountsPerFileAndKind() {
        func issue(_ code: String, _ path: String, _ row: Int) -> DataIssue {
            DataIssue(code: code, severity: .error, path: path, row: row, column: nil, value: nil, message: .verbatim(""), hint: nil)
        }
        let issues = (2..<8).map { issue("D0101", "a.csv", $0) } + [issue("D0102", "a.csv", 9), issue("D0101", "b.csv", 2)]
        let capped = DataIssue.capped(issues, per: 2)
        #expect(capped.map(\.code) == ["D0101", "D0101", "D0102", "D0101", "D0022"])
        #expect(capped.last?.message.en == "D0101: 4 more not shown")
        #expect(capped.last?.path == "a.csv")
    }

    // MARK: Look-alikes

    @Test func aLatinLetterInACyrillicHeaderIsNamed() throws {
        let issues = DataTest.failure(DataTest.read("Код;Cредний балл\n1;2\n", [DataTest.column("Средний балл", .number)]))
        #expect(issues.map(\.code) == ["D0005"])
        #expect(issues[0].hint?.ru == "в файле есть похожий столбец «Cредний балл»; в заголовке файла: в «Cредний» буква «C» на 1-й позиции — латинская, остальные — русские; наберите её в русской раскладке")
        #expect(issues[0].hint?.en == "the file has a similar column \"Cредний балл\"; in the file's header: in 'Cредний' the letter 'C' at position 1 is Latin, the rest Cyrillic; type it in the Russian layout")
    }

    @Test func headersMatchWhetherWrittenWithЁOrЕ() throws {
        let table = try #require(DataTest.table(DataTest.read("Код;Учащиеся, чье обучение\n1;2\n",
                                                              [ColumnRequest(name: "x", header: "учащиеся, чьё обучение", type: .number)])))
        #expect(DataTest.numbers(table, 0) == [2])
    }

    @Test func mixedScriptLetters() {
        #expect(Suggestions.mixedScriptLetters(in: "дoля").map(\.position) == [2])
        #expect(Suggestions.mixedScriptLetters(in: "shаre").map { ($0.position, $0.isLatin) } .first! == (3, false))
        #expect(Suggestions.mixedScriptLetters(in: "доля share").isEmpty)
        #expect(Suggestions.mixedScriptLetters(in: "рeзультaт").map(\.position) == [2, 8])
    }

    // MARK: Data files given as rules

    @Test func dataFilesAreToldFromRuleFiles() {
        #expect(DataFileSniffer.looksLikeData(prefix: Array("Код ОО;Год;Балл\n1;2;3\n".utf8)))
        #expect(DataFileSniffer.looksLikeData(prefix: [0xCA, 0xEE, 0xE4, 0x3B]))
        #expect(DataFileSniffer.looksLikeData(prefix: [0x50, 0x4B, 0x03, 0x04, 0x14]))
        #expect(!DataFileSniffer.looksLikeData(prefix: Array("таблица впр {\n  ключ код\n}\n".utf8)))
        #expect(!DataFileSniffer.looksLikeData(prefix: Array("# комментарий; с; точками\n".utf8)))
    }

    // MARK: Another table's keys

    @Test func keysOfASecondTableThatMatchNoSchoolAreWarnedAbout() throws {
        let dir = Support.folder([
            "r.soko": """
            таблица результаты {
              ключ код из "Код"
              столбец балл: число из "Балл"
            }
            таблица перечень {
              ключ код из "Код"
              столбец в_перечне: флаг из "В перечне"
            }
            правило п "В перечне" {
              когда в_перечне
              уровень высокий
            }
            """,
            "a.csv": "Код;Балл\n101;1\n102;2\n",
            "b.csv": "Код;В перечне\n 0101;да\n0102;нет\n103;да\n",
        ])
        let request = RunRequest(ruleFiles: [dir + "/r.soko"], data: ["результаты=" + dir + "/a.csv", "перечень=" + dir + "/b.csv"])
        guard case .evaluated(_, _, let warnings, _) = Runner.run(request) else { Issue.record("not evaluated"); return }
        let warning = try #require(warnings.first { $0.code == "D0106" })
        #expect(warning.path == dir + "/b.csv")
        #expect(warning.message.ru == "ни один ключ этого файла (3) не совпал с ключами основной таблицы «\(dir)/a.csv», например «0101», «0102»: его данные не попали ни к одной школе")
    }
}
