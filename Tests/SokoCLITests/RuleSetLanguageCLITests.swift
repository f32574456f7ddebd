// Messages follow the rule set's language, not the locale (issue 16): usage errors of every
// command given a rule file, and the line for a failed write to standard output. Where no rule
// file is known (an unknown command), the locale decides. Also W0403 with `--group-by` and
// D0102 for a period cell under `--lenient`, end to end.
import Foundation
import Testing

@Suite struct RuleSetLanguageCLITests {
    static let russian = """
    таблица результаты { ключ код  период год  столбец медалисты: количество  столбец неподтв: количество }
    показатель доля_н = неподтв / медалисты
    правило риск { когда доля_н > 10% уровень высокий }

    """
    static let english = "dataset results { key id  period year  column a: number }\nrule r { when a > 1 severity low }\n"
    static let data = "код;год;медалисты;неподтв\nA;2024;10;3\nB;2024;10;0\n"

    /// Runs soko on a C.UTF-8 machine (no SOKO_LANG), standard output to `stdout`.
    static func run(_ arguments: [String], locale: String = "C.UTF-8", stdout: FileHandle? = nil) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Soko.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Soko.root)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = locale
        for name in ["SOKO_LANG", "LC_ALL", "LC_MESSAGES"] { environment[name] = nil }
        process.environment = environment
        let errPath = Soko.temporary([:]) + "/stderr"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try errHandle.close()
        return (process.terminationStatus, String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }

    @Test(arguments: ["run", "check", "test", "fmt", "explain", "sql"])
    func aUsageErrorSpeaksTheRuleFilesLanguage(_ command: String) throws {
        let dir = Soko.temporary(["правила.soko": Self.russian, "rules.soko": Self.english])
        let russian = try Self.run([command, dir + "/правила.soko", "--bogus"])
        #expect(russian.status == 2)
        #expect(russian.stderr == "soko \(command): неизвестный параметр --bogus\nсправка: soko \(command) --help\n")
        // An English rule file on a Russian machine: English.
        let english = try Self.run([command, dir + "/rules.soko", "--bogus"], locale: "ru_RU.UTF-8")
        #expect(english.stderr == "soko \(command): unknown option --bogus\nhelp: soko \(command) --help\n")
        // --lang wins over the rule file, also before the options are parsed.
        let chosen = try Self.run([command, dir + "/правила.soko", "--lang", "en", "-x"])
        #expect(chosen.stderr.hasPrefix("soko \(command): unknown option -x\n"))
    }

    @Test func aBadValueAndAFolderSpeakTheRuleSetsLanguage() throws {
        let dir = Soko.temporary(["правила.soko": Self.russian])
        let format = try Self.run(["run", dir + "/правила.soko", "--format", "xls"])
        #expect(format.stderr == "soko run: недопустимое значение --format: «xls»; допустимые: table, json, csv, markdown, html, xlsx, jsonl\nсправка: soko run --help\n")
        let folder = try Self.run(["check", dir, "-x"])
        #expect(folder.stderr == "soko check: неизвестный параметр -x\nсправка: soko check --help\n")
    }

    @Test func withoutARuleFileTheLocaleDecides() throws {
        let command = try Self.run(["rnu"])
        #expect(command.status == 2)
        #expect(command.stderr == "soko: unknown command 'rnu'; did you mean 'soko run'?; commands: check, run, test, fmt, explain, sql\n")
        let sql = try Self.run(["sqll"])
        #expect(sql.stderr == "soko: unknown command 'sqll'; did you mean 'soko sql'?; commands: check, run, test, fmt, explain, sql\n")
        let noFile = try Self.run(["run", "--bogus"], locale: "ru_RU.UTF-8")
        #expect(noFile.stderr == "soko run: неизвестный параметр --bogus\nсправка: soko run --help\n")
    }

    @Test func aFailedWriteToStandardOutputSpeaksTheRuleSetsLanguage() throws {
        let dir = Soko.temporary(["правила.soko": Self.russian, "d.csv": Self.data])
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        for arguments in [["run", dir + "/правила.soko", "--data", dir + "/d.csv"], ["check", dir + "/правила.soko", "--format", "json"]] {
            let result = try Self.run(arguments, stdout: full)
            #expect(result.status == 4, "\(arguments)")
            #expect(result.stderr == "soko: не удаётся записать результат в стандартный вывод: на диске нет места\n")
        }
        let english = try Self.run(["run", dir + "/правила.soko", "--data", dir + "/d.csv", "--lang", "en"], stdout: full)
        #expect(english.status == 4)
        #expect(english.stderr == "soko: cannot write the output to standard output: no space left on the disk\n")
    }

    // MARK: Nothing lost

    @Test func aReportIsNeverWrittenOverARuleFile() throws {
        // A copy of the rules is not an input of this run, but a report has no place in it.
        let dir = Soko.temporary(["правила.soko": Self.russian, "копия.soko": Self.russian, "d.csv": Self.data])
        for out in [dir + "/копия.soko", dir + "/новый.SOKO"] {
            let result = try Self.run(["run", dir + "/правила.soko", "--data", dir + "/d.csv", "--out", out])
            #expect(result.status == 2)
            #expect(result.stderr == "soko run: --out \(out): это имя файла правил (.soko); отчёт не записан, чтобы не затереть правила — укажите другое имя, например отчёт.html\nсправка: soko run --help\n")
        }
        #expect(try String(contentsOfFile: dir + "/копия.soko", encoding: .utf8) == Self.russian)
        #expect(!FileManager.default.fileExists(atPath: dir + "/новый.SOKO"))
        let english = try Self.run(["run", dir + "/правила.soko", "--data", dir + "/d.csv", "--out", dir + "/x.soko", "--lang", "en"])
        #expect(english.stderr.hasPrefix("soko run: --out \(dir)/x.soko: that is a rule file's name (.soko); the report was not written so as not to overwrite rules: give another name, such as report.html\n"))
    }

    // MARK: W0403 and --group-by

    @Test func aColumnGroupedByIsNotReportedUnused() throws {
        let rules = "таблица т { ключ код  период год  столбец мо: текст  столбец район: текст  столбец балл: число }\n"
            + "правило р { когда балл > 1 уровень низкий }\n"
        let dir = Soko.temporary(["r.soko": rules, "d.csv": "код;год;мо;район;балл\nA;2024;М;Р;2\n"])
        let check = try Soko.run(["check", dir + "/r.soko"], language: "ru_RU.UTF-8")
        #expect(check.status == 0)
        #expect(check.stdout.contains("r.soko:1:62: предупреждение[W0403]: «район» объявлено, но нигде не используется\n"))
        let strict = try Soko.run(["check", dir + "/r.soko", "--strict"], language: "ru_RU.UTF-8")
        #expect(strict.status == 1)
        let plain = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv"], language: "ru_RU.UTF-8")
        #expect(plain.stderr.contains("[W0403]: «район»"))
        let grouped = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--group-by", "район"], language: "ru_RU.UTF-8")
        #expect(grouped.status == 0)
        #expect(!grouped.stderr.contains("W0403"))
    }

    // MARK: D0102 under --lenient

    @Test func aPeriodCellWithTextIsNotCalledEmpty() throws {
        let csv = "код;год;медалисты;неподтв\nA;2024;10;3\nB;2024 г.;10;0\nC;;10;1\n"
        let dir = Soko.temporary(["r.soko": Self.russian, "d.csv": csv])
        for lenient in [false, true] {
            let result = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv"] + (lenient ? ["--lenient"] : []), language: "ru_RU.UTF-8")
            #expect(result.status == 3)
            #expect(result.stderr == """
            d.csv, строка 3, столбец «год»: ошибка[D0102]: в ячейке периода записан не период: нужен год цифрами (2024) или учебный год (2023-2024) (значение «2024 г.»)
              подсказка: замените «2024 г.» годом цифрами, например 2024 (--lenient здесь не поможет: строка без периода не относится ни к одной школе)

            """.replacingOccurrences(of: "d.csv,", with: dir + "/d.csv,"), "lenient: \(lenient)")
        }
        let english = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--lenient", "--lang", "en"])
        #expect(english.stderr.contains("error[D0102]: the period cell does not hold a period: a year in digits (2024) or a school year (2023-2024) is needed (value '2024 г.')\n  hint: replace '2024 г.' with the year in digits, such as 2024"))
        // Only an empty period cell is called empty.
        let fixed = csv.replacingOccurrences(of: "2024 г.", with: "2024")
        try fixed.write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        let empty = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--lenient"], language: "ru_RU.UTF-8")
        #expect(empty.status == 3)
        #expect(empty.stderr == "\(dir)/d.csv, строка 4, столбец «год»: ошибка[D0102]: ячейка периода пуста: строку нельзя отнести ни к одному году\n"
                + "  подсказка: заполните ячейку периода годом цифрами (2024); если строка лишняя, удалите её\n")
    }
}
