// End-to-end runs for the field-tested hardening (issue 16): write failures, inputs never
// overwritten, help per command, usage mistakes with the fix, tests of a folder, messages that
// lead to the fix — exact exit codes and texts in both languages.
import Foundation
import Testing

@Suite struct HardeningCLITests {
    static let rules = CLITests.rules
    static let data = "school_id;year;medalists;unconfirmed\nA;2024;10;3\nB;2024;10;0\n"

    /// Runs soko with standard output on the given descriptor (a device or a pipe).
    static func run(_ arguments: [String], stdout: FileHandle) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Soko.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Soko.root)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "ru_RU.UTF-8"
        environment["SOKO_LANG"] = "ru"
        environment["LC_ALL"] = nil
        process.environment = environment
        let errPath = Soko.temporary([:]) + "/stderr"
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = stdout
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try errHandle.close()
        let err = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, err)
    }

    // MARK: Nothing lost, nothing crashes

    @Test func aFullDiskIsExitFourAndOneLine() throws {
        let dir = Soko.temporary(["r.soko": Self.rules, "d.csv": Self.data])
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        for arguments in [["run", dir + "/r.soko", "--data", dir + "/d.csv"],
                          ["check", dir + "/r.soko", "--format", "json"],
                          ["run", "--help"]] {
            let result = try Self.run(arguments, stdout: full)
            #expect(result.status == 4, "\(arguments)")
            #expect(result.stderr == "soko: не удаётся записать результат в стандартный вывод: на диске нет места\n")
        }
    }

    @Test func aClosedPipeEndsQuietly() throws {
        let dir = Soko.temporary(["r.soko": Self.rules, "d.csv": Self.data])
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let result = try Self.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--format", "json"], stdout: pipe.fileHandleForWriting)
        #expect(result.status == 0)
        #expect(result.stderr == "")
    }

    @Test func theReportNeverOverwritesAnInput() throws {
        let dir = Soko.temporary(["r.soko": Self.rules, "Результаты.csv": Self.data, "common.soko": "param unused_here = 1\n"])
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: dir + "/Результаты.csv")
        for out in [dir + "/Результаты.csv", dir + "/r.soko", dir + "/link.csv", dir + "/./r.soko"] {
            // The rule file is in English: Russian messages are asked for.
            let result = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/Результаты.csv", "--format", "html", "--out", out, "--lang", "ru"],
                                      language: "ru_RU.UTF-8")
            #expect(result.status == 2, "\(out)")
            #expect(result.stderr.hasPrefix("soko run: --out \(out): это входной файл"))
        }
        #expect(try String(contentsOfFile: dir + "/Результаты.csv", encoding: .utf8) == Self.data)
        #expect(try String(contentsOfFile: dir + "/r.soko", encoding: .utf8) == Self.rules)
        let english = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/Результаты.csv", "--out", dir + "/link.csv"])
        #expect(english.stderr.hasPrefix("soko run: --out \(dir)/link.csv: that is an input file (\(dir)/Результаты.csv); the report was not written"))
        // A report is replaced whole, through a temporary file: no temporary file is left.
        let ok = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/Результаты.csv", "--format", "csv", "--out", dir + "/report.csv"])
        #expect(ok.status == 0)
        #expect(try String(contentsOfFile: dir + "/report.csv", encoding: .utf8).hasPrefix("school_id,year,rule"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }.isEmpty)
        let unwritable = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/Результаты.csv", "--out", "/no/such/dir/x.csv", "--lang", "ru"],
                                      language: "ru_RU.UTF-8")
        #expect(unwritable.status == 4)
        #expect(unwritable.stderr == "soko: не удаётся записать файл «/no/such/dir/x.csv»: нет такого файла или папки\n")
    }

    @Test func noTryOrForceUnwrapOnAUserPath() throws {
        // The CLI and the library: no `try!`, no `fatalError`, no `.first!`-style unwrap.
        for folder in ["Sources/soko", "Sources/Soko"] {
            let enumerator = FileManager.default.enumerator(atPath: Soko.root + "/" + folder)
            while let name = enumerator?.nextObject() as? String {
                guard name.hasSuffix(".swift") else { continue }
                let text = try String(contentsOfFile: Soko.root + "/" + folder + "/" + name, encoding: .utf8)
                #expect(!text.contains("try!"), "\(folder)/\(name)")
                #expect(!text.contains("fatalError("), "\(folder)/\(name)")
            }
        }
    }

    // MARK: Help and usage

    @Test(arguments: [("check", ["--format", "--data", "--strict", "--delimiter", "--encoding", "--lenient", "--totals", "--max-messages", "--lang"]),
                      ("run", ["--data", "--format", "--out", "--fail-on", "--set", "--group-by", "--excel", "--explain", "--delimiter",
                               "--encoding", "--lenient", "--totals", "--max-messages", "--lang"]),
                      ("test", ["--format", "--coverage", "--threshold", "--allow-empty", "--lang"]),
                      ("fmt", ["--check", "--write", "--keywords", "--lang"]),
                      ("explain", ["--data", "--entity", "--period", "--rule", "--format", "--set", "--delimiter", "--encoding",
                                   "--lenient", "--totals", "--max-messages", "--lang"]),
                      ("sql", ["--dialect", "--table", "--entities", "--load", "--data", "--readable", "--out", "--set",
                               "--delimiter", "--encoding", "--lang"])])
    func everyCommandHasItsOwnHelp(_ command: String, _ options: [String]) throws {
        for language in ["en_US.UTF-8", "ru_RU.UTF-8"] {
            let help = try Soko.run([command, "--help"], language: language)
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("soko \(command) "))
            for option in options { #expect(help.stdout.contains(option), "\(command) --help lacks \(option)") }
            #expect(help.stdout.contains(language.hasPrefix("ru") ? "Пример:" : "Example:"))
        }
        let usage = try Soko.run(["help"])
        #expect(usage.stdout.contains("soko --version"))
        #expect(try Soko.run(["--version"]).stdout == "soko 0.1.0\n")
    }

    @Test func usageMistakesSayTheFix() throws {
        let command = try Soko.run(["rnu"], language: "ru_RU.UTF-8")
        #expect(command.status == 2)
        #expect(command.stderr == "soko: неизвестная команда «rnu»; возможно, имелось в виду «soko run»; команды: check, run, test, fmt, explain, sql\n")
        let dash = try Soko.run(["check", "examples", "-x"])
        #expect(dash.status == 2)
        #expect(dash.stderr == "soko check: unknown option -x\nhelp: soko check --help\n")
        let format = try Soko.run(["run", "r.soko", "--format", "xls"])
        #expect(format.stderr.hasPrefix("soko run: invalid value for --format: 'xls'; allowed: table, json, csv, markdown, html"))
        let failOn = try Soko.run(["run", "r.soko", "--fail-on", "высок"], language: "ru_RU.UTF-8")
        #expect(failOn.stderr.hasPrefix("soko run: недопустимое значение --fail-on: «высок»; допустимые: low, medium, high, critical, низкий, средний, высокий, критический"))
        let encoding = try Soko.run(["run", "examples/benchmark/benchmark.soko", "--data", "x.csv", "--encoding", "latin1"])
        #expect(encoding.stderr.contains("allowed: utf-8, cp1251, koi8-r, cp866, mac-cyrillic"))
    }

    @Test func aDataTableGivenAsRulesSaysToPassItWithData() throws {
        let dir = Soko.temporary(["vpr.soko": Self.rules, "Результаты ВПР.csv": Self.data, "export": Self.data])
        for (table, command) in [("Результаты ВПР.csv", "run"), ("export", "check")] {
            let result = try Soko.run([command, dir + "/vpr.soko", dir + "/" + table, "--lang", "ru"], language: "ru_RU.UTF-8")
            #expect(result.status == 2)
            let quoted = table.contains(" ") ? "\"\(dir)/\(table)\"" : "\(dir)/\(table)"
            #expect(result.stderr == "soko \(command): «\(dir)/\(table)» — таблица данных, а не файл правил; передайте её через --data: soko \(command) \(dir)/vpr.soko --data \(quoted)\nсправка: soko \(command) --help\n")
        }
    }

    // MARK: Messages that lead somewhere

    @Test func oneMistakeOneMessage() throws {
        let dir = Soko.temporary(["c.soko": """
            таблица впр {
              ключ "Код ОО"
              столбец доля5: доля из "Доля 5"
            }
            правило высокая "Высокая доля" {
              когда доля5 > 50%
              уровень высокий
            }
            """])
        let result = try Soko.run(["check", dir + "/c.soko"], language: "ru_RU.UTF-8")
        #expect(result.status == 1)
        #expect(result.stdout == """
            \(dir)/c.soko:2:8: ошибка[E0100]: ожидалось имя столбца, а встретилось «"Код ОО"»
             2 |   ключ "Код ОО"
               |        ^^^^^^^^
              подсказка: сначала имя, потом заголовок из файла: ключ код из "Код ОО"
            ошибок: 1, предупреждений: 0

            """)
        let column = Soko.temporary(["c.soko": "таблица впр {\n  ключ код\n  столбец Участников ВПР: количество\n}\n"])
        let english = try Soko.run(["check", column + "/c.soko", "--lang", "en"])
        #expect(english.stdout.contains("c.soko:3:22: error[E0100]"))
        #expect(english.stdout.contains("hint: a column name is one word; give the file's header in quotes: column участников_впр: количество from \"Участников ВПР\""))
    }

    @Test func anUnclosedParenthesisIsNotedWhereItOpens() throws {
        let dir = Soko.temporary(["p.soko": "таблица t {\n  ключ k\n  столбец b: число\n}\nпоказатель x = (b + 1\nправило r {\n  когда x > 1\n  уровень низкий\n}\n"])
        let result = try Soko.run(["check", dir + "/p.soko"], language: "ru_RU.UTF-8")
        #expect(result.stdout.contains("p.soko:6:1: ошибка[E0100]: ожидалось «)», а встретилось «правило»"))
        #expect(result.stdout.contains("  примечание: \(dir)/p.soko:5:16: эта скобка «(» не закрыта\n"))
        #expect(result.stdout.hasSuffix("ошибок: 1, предупреждений: 0\n"))
        let english = try Soko.run(["check", dir + "/p.soko", "--lang", "en"])
        #expect(english.stdout.contains("  note: \(dir)/p.soko:5:16: this '(' is never closed\n"))
    }

    @Test func aShareParameterIsWarnedAtItsDeclarationAndStrictFails() throws {
        let dir = Soko.temporary(["w.soko": """
            таблица впр {
              ключ код из "Код ОО"
              столбец д5: доля из "Доля 5"
            }
            параметр порог = 50
            показатель муниципалитет = д5
            правило а "А" {
              когда д5 > порог
              уровень высокий
            }
            правило б "Б" {
              когда д5 >= порог
              уровень высокий
            }
            """])
        let result = try Soko.run(["check", dir + "/w.soko"], language: "ru_RU.UTF-8")
        #expect(result.status == 0)
        #expect(result.stdout == """
            \(dir)/w.soko:5:10: предупреждение[W0401]: параметр «порог» = 50 сравнивается с долей, а доля не бывает больше 1
             5 | параметр порог = 50
               |          ^^^^^
              подсказка: если это проценты, напишите знак %: параметр порог = 50%
              примечание: \(dir)/w.soko:8:14: здесь он сравнивается с долей
            ошибок: 0, предупреждений: 1

            """)
        #expect(try Soko.run(["check", dir + "/w.soko", "--strict"]).status == 1)
    }

    @Test func aLatinLetterInAName() throws {
        let dir = Soko.temporary(["l.soko": "таблица t {\n  ключ k\n  столбец доля: доля\n}\nправило r {\n  когда дoля > 10%\n  уровень низкий\n}\n"])
        let ru = try Soko.run(["check", dir + "/l.soko"], language: "ru_RU.UTF-8")
        #expect(ru.stdout.contains("примечание: \(dir)/l.soko:6:9: в «дoля» буква «o» на 2-й позиции — латинская, остальные — русские; наберите её в русской раскладке"))
        let en = try Soko.run(["check", dir + "/l.soko", "--lang", "en"])
        #expect(en.stdout.contains("note: \(dir)/l.soko:6:9: in 'дoля' the letter 'o' at position 2 is Latin, the rest Cyrillic; type it in the Russian layout"))
    }

    @Test func checkDataNamesALatinLetterInAHeaderAndAWrongDelimiter() throws {
        let dir = Soko.temporary(["r.soko": "таблица t {\n  ключ k из \"Код\"\n  столбец b: число из \"Средний балл\"\n}\nпоказатель x = b\n",
                                  "d.csv": "Код;Cредний балл\n1;2\n"])
        let result = try Soko.run(["check", dir + "/r.soko", "--data", dir + "/d.csv"], language: "ru_RU.UTF-8")
        #expect(result.status == 1)
        #expect(result.stdout.contains("r.soko:3:11: ошибка[E0310]"))
        #expect(result.stdout.contains("подсказка: в файле есть похожий столбец «Cредний балл»; в заголовке файла: в «Cредний» буква «C» на 1-й позиции — латинская, остальные — русские; наберите её в русской раскладке"))
        let delimiter = try Soko.run(["check", dir + "/r.soko", "--data", dir + "/d.csv", "--delimiter", ","])
        #expect(delimiter.status == 2)
        #expect(delimiter.stderr.hasPrefix("soko check: the header seems to be split by ';', but the file is read with ',' as the delimiter: no columns are found; run with --delimiter \";\""))
    }

    @Test func groupByHeaderOrNameAndEntitySuggestions() throws {
        let rules = """
        таблица впр {
          ключ код из "Код ОО"
          подпись имя из "Наименование"
          столбец район: текст из "Муниципалитет"
          столбец балл: число из "Балл"
        }
        правило низкий "Низкий" {
          когда балл < 10
          уровень высокий
        }
        """
        let csv = "Код ОО;Наименование;Муниципалитет;Балл\n101;МБОУ СОШ № 5;Советский ГО;5\n102;Гимназия № 1;Советский ГО;50\n"
        let dir = Soko.temporary(["r.soko": rules, "d.csv": csv])
        for group in ["район", "Муниципалитет", "муниципалитет"] {
            let result = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--group-by", group, "--lang", "en"])
            #expect(result.status == 0, "\(group)")
            #expect(result.stdout.contains("by 'Муниципалитет':"))
        }
        let wrong = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--group-by", "Муниципалитеты"], language: "ru_RU.UTF-8")
        #expect(wrong.status == 2)
        #expect(wrong.stderr.hasPrefix("soko run: --group-by: нет столбца «Муниципалитеты»; возможно, «Муниципалитет»; столбцы: код, имя, район, балл"))
        let entity = try Soko.run(["explain", dir + "/r.soko", "--data", dir + "/d.csv", "--entity", "СОШ № 5"], language: "ru_RU.UTF-8")
        #expect(entity.status == 2)
        #expect(entity.stderr.hasPrefix("soko explain: в данных нет школы с ключом или названием «СОШ № 5»; возможно, имелось в виду: «101 (МБОУ СОШ № 5)»"))
        let typo = try Soko.run(["explain", dir + "/r.soko", "--data", dir + "/d.csv", "--entity", "Гимназя № 1", "--lang", "en"])
        #expect(typo.stderr.contains("did you mean: «102 (Гимназия № 1)»?"))
        let json = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--format", "json"])
        #expect(json.stdout.contains("\"label\":\"МБОУ СОШ № 5\",\"group\":\"Советский ГО\","))
    }

    @Test func dataErrorsAreCappedPerKindWithAnOption() throws {
        var csv = "school_id;year;medalists;unconfirmed\n"
        for row in 0..<130 { csv += ";2024;1;0\nK\(row);год;1;0\n" }
        let dir = Soko.temporary(["r.soko": Self.rules, "d.csv": csv])
        let result = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--lang", "ru"], language: "ru_RU.UTF-8")
        #expect(result.status == 3)
        // «год» in the period column is D0102 (not a period), in every mode.
        #expect(result.stderr.components(separatedBy: "ошибка[D0102]").count - 1 == 100)
        #expect(result.stderr.contains(": ошибка[D0022]: D0102: ещё 30 не показано\n"))
        let few = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--max-messages", "2"])
        #expect(few.stderr.components(separatedBy: "error[D0102]").count - 1 == 2)
        #expect(few.stderr.contains("D0102: 128 more not shown"))
        // Empty keys (D0101) are found when the rows are joined: capped the same way.
        try csv.replacingOccurrences(of: ";год;", with: ";2023;").write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        let lenient = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--lenient", "--max-messages", "3", "--lang", "ru"], language: "ru_RU.UTF-8")
        #expect(lenient.stderr.components(separatedBy: "ошибка[D0101]").count - 1 == 3)
        #expect(lenient.stderr.contains("D0101: ещё 127 не показано"))
        #expect(try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--max-messages", "x"]).status == 2)
    }

    @Test func aSystemErrorIsNotInEnglishForRussianUsers() throws {
        let result = try Soko.run(["run", "examples/benchmark/benchmark.soko", "--data", "/no/such/file.csv", "--lang", "ru"], language: "ru_RU.UTF-8")
        #expect(result.status == 3)
        #expect(result.stderr.contains("ошибка[D0001]: не удаётся открыть файл данных: нет такого файла или папки\n"))
    }

    // MARK: soko test on a folder

    @Test func testOnAFolderRunsEveryFileAndSharedTestsOnce() throws {
        let shared = """
        dataset results { key school_id  period year  column medalists: count  column unconfirmed: count }
        indicator share = unconfirmed / medalists
        test "shared" {
          given { | school_id | year | medalists | unconfirmed |
                  | "A" | 2024 | 10 | 3 | }
          expect { | school_id | share |
                   | "A" | 30% | }
        }
        """
        let entry = { (name: String) in "import \"common.soko\"\nrule \(name) { when share > 10% severity low }\n" }
        let dir = Soko.temporary(["common.soko": shared, "a.soko": entry("ra"), "b.soko": entry("rb"), "c.soko": "rule broken {\n"])
        let result = try Soko.run(["test", dir])
        #expect(result.status == 2)
        #expect(result.stdout.contains("1 passed, 0 failed"))
        #expect(result.stderr.contains("c.soko:"))
        #expect(result.stderr.contains("rule sets with errors (their tests did not run): 1; the others' tests ran\n"))
    }
}
