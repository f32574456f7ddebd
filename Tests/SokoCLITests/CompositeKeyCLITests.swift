// A main-level dataset with a composite key (`ключ школа из …, предмет из …`, Grammar.md 5.14):
// every report shows the key as people read it, its parts joined with " / ", never the
// internal separator U+001F; `explain --entity` takes the key as the reports show it.
import Foundation
import Testing

@Suite struct CompositeKeyCLITests {
    static let rules = """
    таблица впр {
        ключ школа из "Школа", предмет из "Предмет"
        столбец балл: число из "Балл"
    }

    правило низкий "Низкий балл" {
        уровень высокий
        когда балл < 10
        рекомендация "Балл {балл}"
    }

    """
    static let data = "Школа;Предмет;Балл\nA;Математика;5\nA;Русский;20\nB;Математика;3\n"

    @Test func theCSVShowsTheKeyWithItsPartsApart() throws {
        let dir = Soko.temporary(["r.soko": Self.rules, "d.csv": Self.data])
        let result = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            школа,rule,severity,title,recommendation
            A / Математика,низкий,high,Низкий балл,Балл 5
            B / Математика,низкий,high,Низкий балл,Балл 3

            """)
    }

    @Test(arguments: ["table", "json", "jsonl", "markdown", "html"])
    func noReportShowsTheInternalSeparator(_ format: String) throws {
        let dir = Soko.temporary(["r.soko": Self.rules, "d.csv": Self.data])
        let result = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--format", format])
        #expect(result.status == 0)
        #expect(result.stdout.contains("A / Математика"))
        #expect(!result.stdout.contains("\u{1F}") && !result.stdout.contains("\\u001f"))
    }

    @Test func explainTakesTheKeyAsReportsShowIt() throws {
        let dir = Soko.temporary(["r.soko": Self.rules, "d.csv": Self.data])
        let result = try Soko.run(["explain", dir + "/r.soko", "--data", dir + "/d.csv", "--entity", "B / Математика"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("B / Математика: "))
    }
}
