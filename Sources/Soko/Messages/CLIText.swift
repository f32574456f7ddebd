// Texts of the command-line tool: usage, option errors, summaries. The command files print
// only what comes from here or from the renderers.

public enum CLIText {
    public static let usage = Message(
        ru: """
        soko — правила оценки качества образования

        Использование:
          soko check ПУТЬ…  [--format text|json|github|junit] [--data ФАЙЛ] [--lang ru|en]
              проверить файлы правил (папки — со всеми .soko внутри)
          soko run ПРАВИЛА… --data [ТАБЛИЦА=]ФАЙЛ… [--format table|json|csv|markdown|html|xlsx]
                   [--out ФАЙЛ] [--fail-on УРОВЕНЬ] [--set ПАРАМЕТР=ЗНАЧЕНИЕ]… [--lenient]
                   [--delimiter ;] [--encoding utf-8|cp1251] [--excel] [--explain] [--group-by СТОЛБЕЦ] [--all-outcomes]
                   [--sheet ЛИСТ] [--check-totals]
              применить правила к таблице результатов
          soko test ПУТЬ… [--coverage] [--threshold N] [--format text|json|junit|github] [--allow-empty]
              выполнить тесты, записанные в файлах правил
          soko fmt ПУТЬ…|- [--check|--write] [--keywords ru|en]
              привести файлы правил к единому виду
          soko explain ПРАВИЛА… --data ФАЙЛ --entity КЛЮЧ [--period П] [--rule ИМЯ] [--format text|json]
              объяснить, почему школа отмечена
          soko sql ПРАВИЛА… --dialect duckdb|postgres|clickhouse|spark [--load --data [ТАБЛИЦА=]ФАЙЛ…] [--out ФАЙЛ]
              правила одним SQL-скриптом, который считает то же, что soko run, внутри СУБД
          soko --version
              показать версию
          soko КОМАНДА --help
              справка по команде: все параметры, их значения и пример

        Коды выхода: 0 — готово; 1 — найдены ошибки, отметки или непройденные тесты;
        2 — неверная команда, нет файла правил или ошибки в правилах; 3 — файл данных не прочитан
        или в нём ошибки; 4 — не удалось записать результат.

        """,
        en: """
        soko — rules for education quality assessment

        Usage:
          soko check PATH…  [--format text|json|github|junit] [--data FILE] [--lang ru|en]
              check rule files (folders: every .soko file inside)
          soko run RULES… --data [DATASET=]FILE… [--format table|json|csv|markdown|html|xlsx]
                   [--out FILE] [--fail-on SEVERITY] [--set PARAM=VALUE]… [--lenient]
                   [--delimiter ;] [--encoding utf-8|cp1251] [--excel] [--explain] [--group-by COLUMN] [--all-outcomes]
                   [--sheet SHEET] [--check-totals]
              apply rules to a results table
          soko test PATH… [--coverage] [--threshold N] [--format text|json|junit|github] [--allow-empty]
              run the tests written in rule files
          soko fmt PATH…|- [--check|--write] [--keywords ru|en]
              lay rule files out in the one canonical way
          soko explain RULES… --data FILE --entity KEY [--period P] [--rule NAME] [--format text|json]
              explain why a school is flagged
          soko sql RULES… --dialect duckdb|postgres|clickhouse|spark [--load --data [DATASET=]FILE…] [--out FILE]
              the rules as one SQL script that computes what soko run does, inside the engine
          soko --version
              print the version
          soko COMMAND --help
              a command's help: every option, its values and an example

        Exit codes: 0 done; 1 errors, flags or failing tests found; 2 wrong command line, a missing
        rule file or errors in the rules; 3 a data file missing, unreadable or with bad cells;
        4 the output could not be written.

        """)

    public static func unknownOption(_ name: String, suggestion: String?, dashes: String = "--") -> Message {
        let ru = suggestion.map { "; возможно, имелось в виду --\($0)" } ?? ""
        let en = suggestion.map { "; did you mean --\($0)?" } ?? ""
        return Message(ru: "неизвестный параметр \(dashes)\(name)\(ru)", en: "unknown option \(dashes)\(name)\(en)")
    }
    public static func badNumber(_ name: String, _ value: String, minimum: Int) -> Message {
        Message(ru: "--\(name) ждёт целое число не меньше \(minimum), а получено «\(value)»",
                en: "--\(name) expects a whole number of at least \(minimum), not '\(value)'")
    }
    public static func optionNeedsValue(_ name: String) -> Message {
        Message(ru: "после --\(name) нужно значение", en: "--\(name) needs a value")
    }
    public static func switchTakesNoValue(_ name: String) -> Message {
        Message(ru: "--\(name) пишется без значения", en: "--\(name) takes no value")
    }
    public static func badChoice(_ name: String, _ value: String) -> Message {
        Message(ru: "недопустимое значение --\(name): «\(value)»", en: "invalid value for --\(name): '\(value)'")
    }
    public static func usageError(_ command: String, _ message: Message) -> Message {
        Message(ru: "soko \(command): \(message.ru)\nсправка: soko \(command) --help\n", en: "soko \(command): \(message.en)\nhelp: soko \(command) --help\n")
    }
    public static let noPaths = Message(ru: "не указаны файлы правил", en: "no rule files given")
    public static func pathNotFound(_ path: String) -> Message {
        Message(ru: "нет такого файла или папки: \(path)", en: "no such file or folder: \(path)")
    }
    public static func noRuleFiles(_ paths: [String]) -> Message {
        Message(ru: "в \(paths.joined(separator: ", ")) нет файлов .soko", en: "no .soko files in \(paths.joined(separator: ", "))")
    }
    public static func checkedClean(files: Int) -> Message {
        Message(ru: "проверено файлов: \(files); ошибок нет\n", en: "\(files) file(s) checked; no errors\n")
    }
}

extension CLIText {
    public static func cellsMadeMissing(_ count: Int) -> Message {
        Message(ru: "ячеек с ошибками, прочитанных как пропуск (--lenient): \(count)\n",
                en: "cells with errors read as missing (--lenient): \(count)\n")
    }
    public static func cannotWrite(_ path: String, reason: Message) -> Message {
        Message(ru: "soko: не удаётся записать файл «\(path)»: \(reason.ru)\n", en: "soko: cannot write the file '\(path)': \(reason.en)\n")
    }
    public static func outIsInput(_ path: String, input: String) -> Message {
        let same = path == input ? "" : " (\(input))"
        return Message(ru: "--out \(path): это входной файл\(same); отчёт не записан, чтобы не затереть его — укажите другое имя, например отчёт.html",
                       en: "--out \(path): that is an input file\(same); the report was not written so as not to overwrite it: give another name, such as report.html")
    }
    /// `--out rules_copy.soko`: a report is never written over a rule file, an input or not.
    public static func outIsRuleFile(_ path: String) -> Message {
        Message(ru: "--out \(path): это имя файла правил (.soko); отчёт не записан, чтобы не затереть правила — укажите другое имя, например отчёт.html",
                en: "--out \(path): that is a rule file's name (.soko); the report was not written so as not to overwrite rules: give another name, such as report.html")
    }
    public static func dataFileAsRules(_ path: String, command: String, rules: [String]) -> Message {
        let shownRules = rules.isEmpty ? "ПРАВИЛА.soko" : rules.map(quoted).joined(separator: " ")
        let shownRulesEn = rules.isEmpty ? "RULES.soko" : rules.map(quoted).joined(separator: " ")
        return Message(ru: "«\(path)» — таблица данных, а не файл правил; передайте её через --data: soko \(command) \(shownRules) --data \(quoted(path))",
                       en: "'\(path)' is a data table, not a rule file; pass it with --data: soko \(command) \(shownRulesEn) --data \(quoted(path))")
    }
    /// A path as typed in a shell: quoted when it holds a space or a quote.
    static func quoted(_ path: String) -> String {
        path.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" }) ? "\"\(path.replacingOccurrences(of: "\"", with: "\\\""))\"" : path
    }
    public static func unknownGroupColumn(_ name: String, names: [String], suggestion: String?) -> Message {
        let ru = suggestion.map { "; возможно, «\($0)»" } ?? ""
        let en = suggestion.map { "; did you mean '\($0)'?" } ?? ""
        return Message(ru: "--group-by: нет столбца «\(name)»\(ru); столбцы: \(names.joined(separator: ", "))",
                       en: "--group-by: there is no column '\(name)'\(en); the columns: \(names.joined(separator: ", "))")
    }
}

extension CLIText {
    public static let noTestsRan = Message(ru: "не выполнено ни одного теста (добавьте блоки «тест» или запустите с --allow-empty)\n",
                                           en: "no test ran (add 'test' blocks, or pass --allow-empty)\n")
    public static func ruleSetsNotTested(_ count: Int) -> Message {
        Message(ru: "наборов правил с ошибками (их тесты не выполнены): \(count); тесты остальных выполнены\n",
                en: "rule sets with errors (their tests did not run): \(count); the others' tests ran\n")
    }
    public static func coverageBelow(percent: Double, threshold: Double) -> Message {
        Message(ru: "покрытие \(Messages.formatPlain((percent * 10).rounded() / 10)) % ниже порога \(Messages.formatPlain(threshold)) %\n",
                en: "coverage \(Messages.formatPlain((percent * 10).rounded() / 10))% is below the threshold \(Messages.formatPlain(threshold))%\n")
    }
}
