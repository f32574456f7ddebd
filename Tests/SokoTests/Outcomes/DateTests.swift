// Dates (a column type, literals, arithmetic and functions), periods written as school years,
// and texts compared in their NFC form wherever they come from.
import Foundation
import Testing
@testable import Soko

@Suite struct DateTests {
    @Test func calendarArithmetic() {
        #expect(CalendarDates.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CalendarDates.days(year: 2024, month: 9, day: 1) == 19967)
        #expect(CalendarDates.days(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDates.days(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDates.days(year: 2024, month: 13, day: 1) == nil)
        #expect(CalendarDates.civil(19967) == (2024, 9, 1))
        #expect(CalendarDates.civil(-1) == (1969, 12, 31))
        #expect(CalendarDates.format(19967, language: .ru) == "01.09.2024")
        #expect(CalendarDates.format(19967, language: .en) == "2024-09-01")
    }

    @Test(arguments: [
        ("01.09.2024", 19967.0), ("1.9.2024", 19967), ("2024-09-01", 19967), ("01.09.2024 0:00:00", 19967),
        ("2024-9-1", 19967), ("45536", 19967), (" 01.09.2024 ", 19967), ("29.02.2024", 19782),
    ])
    func readsTheFormsExportsUse(_ text: String, _ days: Double) {
        #expect(CalendarDates.parse(text) == days)
    }

    @Test(arguments: ["31.02.2024", "2024/09/01", "01.09.24", "сентябрь", "1.9.2024 утром", "12", "45536.5", ""])
    func refusesWhatIsNotADate(_ text: String) {
        #expect(CalendarDates.parse(text) == nil)
    }

    @Test(arguments: [("2015-2016", 2016), ("2015/16", 2016), ("2015/2016", 2016), ("2099/00", 2100), ("2015–2016", 2016)])
    func schoolYears(_ text: String, _ year: Int) {
        #expect(CalendarDates.schoolYear(text) == year)
    }

    @Test(arguments: ["2015-2017", "2015/17", "15/16", "2015", "2015-16-17"])
    func notSchoolYears(_ text: String) {
        #expect(CalendarDates.schoolYear(text) == nil)
    }

    static let rules = """
    dataset t { key id  period year  column ordered: date  column approved: date }
    param deadline = 30
    indicator lag = days_between(ordered, approved)
    rule late { when lag > deadline severity low }
    rule after_start { when approved >= school_year_start() and approved < date("01.01.2030") severity info }
    rule quarter { when quarter_of(approved) = 4 and month_of(approved) = 12 and year_of(approved) = year - 1 severity info }
    rule next_month { when approved > ordered + 30 severity info }

    """

    @Test func datesInRules() throws {
        let evaluation = try Support.evaluate(rules: Self.rules, csv: """
        id,year,ordered,approved
        A,2015-2016,01.09.2015,15.09.2015
        B,2016,2015-12-01,45290
        C,2016/17,,01.10.2016 0:00:00
        """)
        let lag = evaluation.program.indicator(named: "lag")!
        // 45290 is Excel's 2023-12-30 (45292 is 2024-01-01).
        #expect((0..<3).map { evaluation.indicatorColumn(lag).value(at: $0) } == [.number(14), .number(2951), .missing])
        #expect(Support.outcomes(evaluation, rule: "late") == ["A/2016": .silent, "B/2016": .fired, "C/2017": .insufficient])
        #expect(Support.outcomes(evaluation, rule: "after_start") == ["A/2016": .fired, "B/2016": .fired, "C/2017": .fired])
        #expect(Support.outcomes(evaluation, rule: "quarter") == ["A/2016": .silent, "B/2016": .silent, "C/2017": .silent])
        #expect(Support.outcomes(evaluation, rule: "next_month") == ["A/2016": .silent, "B/2016": .fired, "C/2017": .insufficient])
        #expect(ValueFormatter(language: .ru).format(.number(19967), type: .date) == "01.09.2024")
    }

    @Test func aBadDateCellNamesTheColumn() throws {
        #expect(throws: Support.Failure.self) {
            try Support.evaluate(rules: Self.rules, csv: "id,year,ordered,approved\nA,2016,31.02.2016,\n")
        }
    }

    @Test func checkerTypesDates() {
        let base = "dataset t { key id  period year  column d: date  column n: number }\n"
        #expect(Support.codes(base + "rule r { when d > date(\"2024-09-01\") and n > 0 severity low }") == [])
        #expect(Support.codes(base + "rule r { when d - d > 3 and d + 1 > d and 1 + d > d and n > 0 severity low }") == [])
        #expect(Support.codes(base + "rule r { when d > 3 severity low }") == ["E0201"])
        #expect(Support.codes(base + "rule r { when d + d > d severity low }") == ["E0201"])
        #expect(Support.codes(base + "rule r { when d * 2 > d severity low }") == ["E0201"])
        #expect(Support.codes(base + "rule r { when d > date(\"31.02.2024\") severity low }") == ["E0244"])
        #expect(Support.codes(base + "rule r { when d > дата(n) severity low }") == ["E0244"])
        #expect(Support.codes(base + "rule r { when дней_между(n, d) > 3 severity low }") == ["E0201"])
        #expect(Support.codes("dataset t { key id column d: date }\nrule r { when d > school_year_start() severity low }") == ["E0241"])
    }

    @Test func testCellsGiveDates() throws {
        let program = try #require(Compiler.compile(text: Self.rules + """
        test "t" {
          given { | id | year | ordered | approved |
                  | "A" | 2016 | "01.09.2015" | "2015-11-01" | }
          expect { | id | late | lag |
                   | "A" | fires | 61 | }
        }
        """).program)
        #expect(TestRunner.run(program, language: .en).results.map(\.passed) == [true])
    }

    // MARK: NFC

    @Test func textsAreComparedAndGroupedInNFC() throws {
        let composed = "Бийский"           // й as one code point
        let decomposed = "Бии\u{0306}ский"  // и + combining breve
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let evaluation = try Support.evaluate(rules: """
        dataset t { key id  column m: text  column a: number }
        indicator n = count(a by m)
        rule r { when m = "\(decomposed)" and n = 2 severity low }
        """, csv: "id,m,a\nk1,\(composed),1\nk2,\(decomposed),2\nk3,x,3\n")
        #expect(Support.outcomes(evaluation, rule: "r")["k1"] == .fired)
        #expect(Support.outcomes(evaluation, rule: "r")["k2"] == .fired)
        #expect(evaluation.indicatorColumn(0).value(at: 0) == .number(2))
        if case .text(let shown) = evaluation.value(of: ColumnRef(dataset: 0, column: 1), entity: 1) {
            #expect(Array(shown.utf8) == Array(composed.utf8))
        }
        // Both spellings of one key are one school: a duplicate.
        #expect(throws: Support.Failure.self) {
            try Support.evaluate(rules: "dataset t { key id  column a: number }\nrule r { when a > 0 severity low }",
                                 csv: "id,a\nk\u{0439},3\nk\u{0438}\u{0306},4\n")
        }
    }

    @Test(arguments: [("Бии\u{0306}ск", "Бийск", true), ("Е\u{0308}лка ёлка", "Ёлка ёлка", true), ("cafe\u{0301}", "café", true),
                      ("Школа № 5 «Лицей» – 2", "Школа № 5 «Лицей» – 2", false), ("Бийск", "Бийск", false), ("x\u{20D7}", "x\u{20D7}", true)])
    func composesOnlyWhatHasMarks(_ text: String, _ composed: String, _ hasMarks: Bool) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(TextNormalization.mayNeedComposition(buffer) == hasMarks)
            if hasMarks { #expect(Array(TextNormalization.nfc(utf8: buffer, decoded: text).utf8) == Array(composed.utf8)) }
        }
        #expect(Array(TextNormalization.nfc(text).utf8) == Array(composed.utf8))
    }
}
