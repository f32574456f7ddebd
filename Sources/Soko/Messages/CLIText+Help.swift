// Each command's own help (`soko run --help`): every option with its values, and an example.
// The option lists here are the ones the command files accept (a CLI test compares them).

extension CLIText {
    /// The commands, in the order the usage lists them.
    public static let commands = ["check", "run", "test", "fmt", "explain", "sql"]

    /// Options every command that reads data files takes, as help lines.
    private static let dataOptions = (
        ru: """
          --delimiter ;|,|tab     разделитель полей (по умолчанию определяется по заголовку)
          --encoding КОДИРОВКА    utf-8, cp1251, koi8-r, cp866, mac-cyrillic (по умолчанию определяется)
          --lenient               плохие ячейки читать как пропуски (каждая — предупреждение)
          --totals СЛОВО          ещё одно слово итоговой строки, кроме «Итого», «Всего», «Total» (можно повторять)
          --max-messages N        сколько сообщений каждого вида показать (по умолчанию 100; 0 — все)
        """,
        en: """
          --delimiter ;|,|tab     the field delimiter (detected from the header when not given)
          --encoding ENCODING     utf-8, cp1251, koi8-r, cp866, mac-cyrillic (detected when not given)
          --lenient               read bad cells as missing (each one a warning)
          --totals WORD           one more word that marks a totals row, besides «Итого», «Всего», «Total» (repeatable)
          --max-messages N        how many messages of each kind to show (default 100; 0 for all)
        """)

    private static let commonOptions = (
        ru: """
          --lang ru|en            язык сообщений (по умолчанию SOKO_LANG, иначе язык файла правил, иначе LANG)
          -h, --help              эта справка
        """,
        en: """
          --lang ru|en            the language of messages (by default SOKO_LANG, else the rule file's, else LANG)
          -h, --help              this help
        """)

    /// The help of one command, or nil for an unknown command.
    public static func help(_ command: String) -> Message? {
        switch command {
        case "check":
            return Message(ru: """
                soko check ПУТЬ… — проверить файлы правил (папка — все .soko внутри)

                Параметры:
                  --format text|json|github|junit   вид отчёта (по умолчанию text)
                  --data [ТАБЛИЦА=]ФАЙЛ   сверить столбцы правил с заголовком файла данных
                  --strict                предупреждения тоже считать ошибками (код выхода 1) — для CI
                \(dataOptions.ru)
                \(commonOptions.ru)

                Пример:
                  soko check rules/vpr.soko --data "Результаты ВПР.csv" --strict

                """, en: """
                soko check PATH… — check rule files (a folder: every .soko file inside)

                Options:
                  --format text|json|github|junit   the report's form (text by default)
                  --data [DATASET=]FILE   match the rules' columns against a data file's header
                  --strict                treat warnings as errors too (exit code 1), for CI
                \(dataOptions.en)
                \(commonOptions.en)

                Example:
                  soko check rules/vpr.soko --data results.csv --strict

                """)
        case "run":
            return Message(ru: """
                soko run ПРАВИЛА… --data [ТАБЛИЦА=]ФАЙЛ… — применить правила к таблице результатов

                Параметры:
                  --data [ТАБЛИЦА=]ФАЙЛ   файл данных (для нескольких таблиц — ТАБЛИЦА=ФАЙЛ, можно повторять)
                  --format table|json|jsonl|csv|markdown|html|xlsx   вид отчёта (по умолчанию table; xlsx — с --out)
                  --period П              только эти периоды: 2024, 2023-2024, 2023,2025 (справка по умолчанию —
                                          последний период в сравнении с предыдущим, остальные отчёты — все)
                  --out ФАЙЛ              записать отчёт в файл (не в файл правил и не в файл данных)
                  --fail-on low|medium|high|critical   код выхода 1, если сработало правило этого уровня
                                          или выше (можно по-русски: низкий, средний, высокий, критический)
                  --set ПАРАМЕТР=ЗНАЧЕНИЕ изменить параметр на этот запуск (можно повторять)
                  --group-by СТОЛБЕЦ      группировка в сводке: имя столбца или его заголовок в файле
                  --excel                 CSV для Excel: точка с запятой, десятичная запятая, BOM
                  --explain               в JSON — объяснение каждого правила для каждой школы
                \(dataOptions.ru)
                \(commonOptions.ru)

                Пример:
                  soko run rules/vpr.soko --data "Результаты ВПР.csv" --format html --out отчёт.html

                """, en: """
                soko run RULES… --data [DATASET=]FILE… — apply rules to a results table

                Options:
                  --data [DATASET=]FILE   the data file (DATASET=FILE for several datasets; repeatable)
                  --format table|json|jsonl|csv|markdown|html|xlsx   the report's form (table by default; xlsx needs --out)
                  --period P              only these periods: 2024, 2023-2024, 2023,2025 (by default the note covers
                                          the latest, compared with the one before; the other reports every period)
                  --out FILE              write the report to a file (never over a rule or data file)
                  --fail-on low|medium|high|critical   exit code 1 when a rule of this severity or
                                          higher fired (Russian words work too: низкий … критический)
                  --set PARAM=VALUE       change a param for this run (repeatable)
                  --group-by COLUMN       the summary's grouping: a column's name or its header in the file
                  --excel                 CSV for Excel: semicolons, decimal commas, a BOM
                  --explain               in JSON: every rule's explanation for every school
                \(dataOptions.en)
                \(commonOptions.en)

                Example:
                  soko run rules/vpr.soko --data results.csv --format html --out report.html

                """)
        case "test":
            return Message(ru: """
                soko test ПУТЬ… — выполнить тесты, записанные в файлах правил

                Параметры:
                  --format text|json|junit|github   вид отчёта (по умолчанию text)
                  --coverage              показать, какие правила тесты проверяют с обеих сторон
                  --threshold N           код выхода 1, если покрытие ниже N процентов (0–100)
                  --allow-empty           не считать ошибкой, что тестов нет
                \(commonOptions.ru)

                Пример:
                  soko test rules/ --coverage --threshold 80

                """, en: """
                soko test PATH… — run the tests written in rule files

                Options:
                  --format text|json|junit|github   the report's form (text by default)
                  --coverage              show which rules the tests check both ways
                  --threshold N           exit code 1 when the coverage is below N percent (0–100)
                  --allow-empty           no tests at all is not an error
                \(commonOptions.en)

                Example:
                  soko test rules/ --coverage --threshold 80

                """)
        case "fmt":
            return Message(ru: """
                soko fmt ПУТЬ…|- — привести файлы правил к единому виду

                Параметры:
                  --check                 только проверить (код выхода 1, если файл нужно переформатировать)
                  --write                 переписать файлы на месте
                  --keywords ru|en        перевести ключевые слова на русский или английский
                \(commonOptions.ru)

                Пример:
                  soko fmt --write rules/

                """, en: """
                soko fmt PATH…|- — lay rule files out in the one canonical way

                Options:
                  --check                 only check (exit code 1 when a file needs formatting)
                  --write                 rewrite the files in place
                  --keywords ru|en        translate the keywords into Russian or English
                \(commonOptions.en)

                Example:
                  soko fmt --write rules/

                """)
        case "explain":
            return Message(ru: """
                soko explain ПРАВИЛА… --data ФАЙЛ --entity КЛЮЧ — объяснить, почему школа отмечена

                Параметры:
                  --data [ТАБЛИЦА=]ФАЙЛ   файл данных, как у run
                  --entity КЛЮЧ           код школы или её название
                  --period П              только этот период (год)
                  --rule ИМЯ              только это правило (имя или заголовок)
                  --format text|json      вид ответа (по умолчанию text)
                  --set ПАРАМЕТР=ЗНАЧЕНИЕ изменить параметр на этот запуск
                \(dataOptions.ru)
                \(commonOptions.ru)

                Пример:
                  soko explain rules/vpr.soko --data "Результаты ВПР.csv" --entity 101 --rule low_results

                """, en: """
                soko explain RULES… --data FILE --entity KEY — explain why a school is flagged

                Options:
                  --data [DATASET=]FILE   the data file, as for run
                  --entity KEY            the school's code or its name
                  --period P              only this period (year)
                  --rule NAME             only this rule (its name or title)
                  --format text|json      the answer's form (text by default)
                  --set PARAM=VALUE       change a param for this run
                \(dataOptions.en)
                \(commonOptions.en)

                Example:
                  soko explain rules/vpr.soko --data results.csv --entity 101 --rule low_results

                """)
        case "sql":
            return Message(ru: """
                soko sql ПРАВИЛА… --dialect СУБД — правила одним SQL-скриптом: внутри СУБД он считает то же, что soko run --format csv

                Параметры:
                  --dialect duckdb|postgres|clickhouse|spark   для какой СУБД писать SQL (обязателен)
                  --table ТАБЛИЦА=ИМЯ     таблица СУБД для набора данных (по умолчанию — его имя)
                  --entities              строка на каждую школу: показатели, шкалы и исходы правил
                  --load                  сначала загрузить файлы из --data (CREATE TABLE и чтение CSV)
                  --data [ТАБЛИЦА=]ФАЙЛ   CSV-файл для --load
                  --readable              одно табличное выражение на каждое объявление, под его именем
                  --out ФАЙЛ              записать скрипт в файл (не поверх входных файлов)
                  --set ПАРАМЕТР=ЗНАЧЕНИЕ изменить параметр на этот запуск
                  --delimiter ;|,|tab     разделитель полей CSV для --load
                  --encoding КОДИРОВКА    кодировка CSV для --load
                \(commonOptions.ru)

                Пример:
                  soko sql rules/vpr.soko --dialect duckdb --load --data "Результаты ВПР.csv" --out vpr.sql

                """, en: """
                soko sql RULES… --dialect ENGINE — the rules as one SQL script that computes, inside the engine, what soko run --format csv writes

                Options:
                  --dialect duckdb|postgres|clickhouse|spark   the engine to write SQL for (required)
                  --table DATASET=NAME    the engine's table for a dataset (its name by default)
                  --entities              one row per school: indicators, bands and rule outcomes
                  --load                  first load the files given with --data (CREATE TABLE and a CSV read)
                  --data [DATASET=]FILE   a CSV file for --load
                  --readable              one common table expression per declaration, named after it
                  --out FILE              write the script to a file (never over an input)
                  --set PARAM=VALUE       change a param for this run
                  --delimiter ;|,|tab     the CSV field delimiter for --load
                  --encoding ENCODING     the CSV encoding for --load
                \(commonOptions.en)

                Example:
                  soko sql rules/vpr.soko --dialect duckdb --load --data results.csv --out vpr.sql

                """)
        default:
            return nil
        }
    }

    /// A command that does not exist, with the nearest one.
    public static func unknownCommand(_ name: String, suggestion: String?) -> Message {
        let list = commands.joined(separator: ", ")
        let ru = suggestion.map { "; возможно, имелось в виду «soko \($0)»" } ?? ""
        let en = suggestion.map { "; did you mean 'soko \($0)'?" } ?? ""
        return Message(ru: "soko: неизвестная команда «\(name)»\(ru); команды: \(list)\n",
                       en: "soko: unknown command '\(name)'\(en); commands: \(list)\n")
    }

    /// A value not among the allowed ones, with the allowed ones listed.
    public static func badChoice(_ name: String, _ value: String, allowed: [String]) -> Message {
        guard !allowed.isEmpty else { return badChoice(name, value) }
        let list = allowed.joined(separator: ", ")
        return Message(ru: "недопустимое значение --\(name): «\(value)»; допустимые: \(list)",
                       en: "invalid value for --\(name): '\(value)'; allowed: \(list)")
    }

    /// Standard output could not be written (a full disk, a closed descriptor).
    public static func cannotWriteOutput(_ reason: String) -> Message {
        Message(ru: "soko: не удаётся записать результат в стандартный вывод: \(reason)\n",
                en: "soko: cannot write the output to standard output: \(reason)\n")
    }
}
