// The command line with workbooks and the report language: `--data FILE.xlsx`, `--sheet`,
// `--format xlsx`, `--excel`, and messages in the rule set's language.
import Foundation
import Testing

@Suite struct WorkbookCLITests {
    static let fixtures = "Tests/SokoTests/Fixtures/xlsx/"
    static let examples = fixtures + "examples/sovetsky_"

    @Test func aNewUserWithOnlyWorkbooksRunsTheMainJobInOneCommand() throws {
        let out = try Soko.run(["run", "rules/sovetsky.soko", "--data", "results=\(Self.examples)results.xlsx",
                                "--data", "federal_list=\(Self.examples)federal_list.xlsx"], language: "C.UTF-8")
        #expect(out.status == 0)
        #expect(out.stderr == "")
        let csv = try Soko.run(["run", "rules/sovetsky.soko", "--data", "results=examples/sovetsky/results.csv",
                                "--data", "federal_list=examples/sovetsky/federal_list.csv"], language: "C.UTF-8")
        #expect(out.stdout == csv.stdout)
        // A Russian rule set on a C.UTF-8 machine: a Russian report.
        #expect(out.stdout.hasPrefix("Записей «школа — период»: 120 (школ: 30, периодов: 4); "))
    }

    @Test func checkDataReadsAWorkbookHeader() throws {
        let out = try Soko.run(["check", "rules/sovetsky.soko", "--data", "results=\(Self.examples)results.xlsx",
                                "--data", "federal_list=\(Self.examples)federal_list.xlsx"], language: "C.UTF-8")
        #expect(out.status == 0)
        #expect(out.stdout == "проверено файлов: 1; ошибок нет\n")
    }

    @Test func sheetOptionAndItsError() throws {
        let dir = Soko.temporary(["r.soko": "dataset d { key code from \"Код ОО\"  column note: flag from \"Примечание\" }\nrule r { when note  severity low }\n"])
        let out = try Soko.run(["run", dir + "/r.soko", "--data", Self.fixtures + "vpr-openpyxl.xlsx", "--sheet", "Итоги"])
        #expect(out.status == 3)
        #expect(out.stderr.hasSuffix("vpr-openpyxl.xlsx: error[D0403]: the workbook has no sheet \"Итоги\"; its sheets: \"Результаты ВПР\", \"Справка\"\n"))
        let good = try Soko.run(["run", dir + "/r.soko", "--data", Self.fixtures + "vpr-openpyxl.xlsx", "--sheet", "Справка", "--format", "csv"])
        #expect(good.status == 0)
        #expect(good.stdout == "code,rule,severity,title,recommendation\n")
    }

    @Test func xlsxFormatWritesAWorkbookAndNeedsOut() throws {
        let dir = Soko.temporary([:])
        let out = try Soko.run(["run", "rules/sovetsky.soko", "--data", "results=examples/sovetsky/results.csv",
                                "--data", "federal_list=examples/sovetsky/federal_list.csv", "--format", "xlsx", "--out", dir + "/r.xlsx"])
        #expect(out.status == 0)
        let bytes = try #require(FileManager.default.contents(atPath: dir + "/r.xlsx"))
        #expect(bytes.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
        let bare = try Soko.run(["run", "rules/sovetsky.soko", "--data", "results=examples/sovetsky/results.csv",
                                 "--data", "federal_list=examples/sovetsky/federal_list.csv", "--format", "xlsx"], language: "ru_RU.UTF-8")
        #expect(bare.status == 2)
        #expect(bare.stderr.hasPrefix("soko run: --format xlsx пишет книгу в файл: укажите --out ФАЙЛ.xlsx\n"))
    }

    @Test func excelWithAnotherFormatIsAUsageError() throws {
        let out = try Soko.run(["run", "rules/sovetsky.soko", "--data", "results=examples/sovetsky/results.csv",
                                "--data", "federal_list=examples/sovetsky/federal_list.csv", "--format", "markdown", "--excel"])
        #expect(out.status == 2)
        #expect(out.stderr.hasPrefix("soko run: --excel goes with --format csv (CSV for Excel), but the format is 'markdown'"))
    }

    @Test func excelCSVHasTitlesSeveritiesAndTheSchoolsName() throws {
        let out = try Soko.run(["run", "rules/sovetsky.soko", "--data", "results=examples/sovetsky/results.csv",
                                "--data", "federal_list=examples/sovetsky/federal_list.csv", "--format", "csv", "--excel"], language: "C.UTF-8")
        #expect(out.status == 0)
        let lines = out.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "\u{FEFF}Код ОО;Наименование ОО;Муниципалитет;Год;Правило;Уровень;Рекомендация")
        #expect(lines[2].hasPrefix("390302;МАОУ СОШ № 2 г. Советска;Советский ГО;2024;Доля «4» и «5» по ВПР значительно выше"))
        #expect(lines[2].contains(";высокий;"))
        // Values inside a Russian recommendation in Russian style, even in an English report.
        #expect(lines[2].range(of: #"доля «4» и «5» \d+,\d %, по региону \d+,\d %"#, options: .regularExpression) != nil)
        let english = try Soko.run(["run", "rules/sovetsky.soko", "--data", "results=examples/sovetsky/results.csv",
                                    "--data", "federal_list=examples/sovetsky/federal_list.csv", "--format", "csv", "--excel", "--lang", "en"])
        let englishLines = english.stdout.components(separatedBy: "\r\n")
        #expect(englishLines[0] == "\u{FEFF}Код ОО;Наименование ОО;Муниципалитет;Год;Rule;Severity;Recommendation")
        #expect(englishLines[2].contains(";high;") && englishLines[2].range(of: #"\d+,\d %, по региону \d+,\d %"#, options: .regularExpression) != nil)
    }

    @Test func theNoteCoversTheLatestPeriodOrTheOnesAskedFor() throws {
        let data = ["--data", "results=examples/sovetsky/results.csv", "--data", "federal_list=examples/sovetsky/federal_list.csv"]
        let latest = try Soko.run(["run", "rules/sovetsky.soko", "--format", "markdown"] + data, language: "C.UTF-8")
        #expect(latest.status == 0)
        #expect(latest.stdout.contains("**Период:** 2025 (в сравнении с 2024)"))
        #expect(latest.stdout.contains("| Школ | 30 | 100,0 % |"))
        let range = try Soko.run(["run", "rules/sovetsky.soko", "--format", "markdown", "--period", "2023-2024"] + data, language: "C.UTF-8")
        #expect(range.stdout.contains("**Период:** 2023–2024 (в сравнении с 2022)"))
        #expect(range.stdout.contains("| Школ (записей «школа — период») | 60 | 100,0 % |"))
        let wrong = try Soko.run(["run", "rules/sovetsky.soko", "--format", "markdown", "--period", "1999"] + data, language: "C.UTF-8")
        #expect(wrong.status == 2)
    }

    @Test func languageFollowsTheRuleSetThenSokoLang() throws {
        let dir = Soko.temporary(["ru.soko": "таблица д { ключ код }\nправило п { когда код = \"1\"  уровень низкий }\n",
                                  "en.soko": "dataset d { key code }\nrule r { when code = \"1\"  severity low }\n"])
        let russian = try Soko.run(["run", dir + "/ru.soko", "--data", dir + "/missing.csv"], language: "C.UTF-8")
        #expect(russian.stderr.contains("не удаётся открыть файл данных"))
        let english = try Soko.run(["run", dir + "/en.soko", "--data", dir + "/missing.csv"], language: "C.UTF-8")
        #expect(english.stderr.contains("I cannot open the data file"))
        let forced = try Soko.run(["run", dir + "/ru.soko", "--data", dir + "/missing.csv", "--lang", "en"], language: "C.UTF-8")
        #expect(forced.stderr.contains("I cannot open the data file"))
    }
}

@Suite struct PeriodCLITests {
    static let data = ["--data", "results=examples/sovetsky/results.csv", "--data", "federal_list=examples/sovetsky/federal_list.csv"]

    /// `--period` in every format; without it the note covers the latest period and the other
    /// formats every period.
    @Test func everyFormatTakesPeriod() throws {
        func run(_ format: String, _ more: [String] = []) throws -> String {
            let out = try Soko.run(["run", "rules/sovetsky.soko", "--format", format] + more + Self.data, language: "C.UTF-8")
            #expect(out.status == 0, "\(format) \(more): \(out.stderr)")
            return out.stdout
        }
        let table = try run("table", ["--period", "2024"])
        #expect(table.hasPrefix("Школ: 30;"))
        #expect(table.contains(", 2024\n") && !table.contains(", 2025\n") && !table.contains(", 2023\n"))
        #expect(try run("table").hasPrefix("Записей «школа — период»: 120 (школ: 30, периодов: 4);"))
        let json = try run("json", ["--period", "2023..2024"])
        #expect(json.contains("\"periods\": [\n      2023,\n      2024\n    ],\n    \"entities\": 60,"))
        #expect(!json.contains("\"period\":2025") && !json.contains("\"period\":2022"))
        #expect(try run("json").contains("\"period\":2022"))
        let lines = try run("jsonl", ["--period", "2025"]).split(separator: "\n")
        #expect(lines.count == 31 && lines.dropFirst().allSatisfy { $0.contains("\"period\":2025,") })
        let csv = try run("csv", ["--period", "2022,2025"]).split(separator: "\n").dropFirst()
        #expect(!csv.isEmpty && csv.allSatisfy { $0.hasPrefix("3903") && ($0.contains(",2022,") || $0.contains(",2025,")) })
        #expect(try run("csv").contains(",2023,"))
        let excel = try run("csv", ["--excel", "--period", "2025"]).components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(!excel.isEmpty && excel.allSatisfy { $0.contains(";Советский ГО;2025;") })
        let dir = Soko.temporary([:])
        let book = try Soko.run(["run", "rules/sovetsky.soko", "--format", "xlsx", "--period", "2025", "--out", dir + "/r.xlsx"] + Self.data,
                                language: "C.UTF-8")
        #expect(book.status == 0 && FileManager.default.fileExists(atPath: dir + "/r.xlsx"))
        let wrong = try Soko.run(["run", "rules/sovetsky.soko", "--format", "json", "--period", "1999"] + Self.data, language: "C.UTF-8")
        #expect(wrong.status == 2)
        #expect(wrong.stderr.hasPrefix("soko run: недопустимое значение --period: «1999»; допустимые: 2022, 2023, 2024, 2025\n"))
        let flat = Soko.temporary(["r.soko": "dataset d { key id  column a: count }\nrule r { when a > 1  severity low }\n", "d.csv": "id,a\n1,2\n"])
        let noPeriods = try Soko.run(["run", flat + "/r.soko", "--data", flat + "/d.csv", "--period", "2024"], language: "C.UTF-8")
        #expect(noPeriods.status == 2)
        #expect(noPeriods.stderr.hasPrefix("soko run: invalid value for --period: '2024'"))
    }
}
