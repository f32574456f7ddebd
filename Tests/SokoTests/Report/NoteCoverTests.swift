// Golden files of the note's first page: the note fixture with a declared `справка`/`note`,
// a fixed date and data file, in Markdown and HTML, in both languages.
import Testing
@testable import Soko

@Suite struct NoteCoverTests {
    static let russianNote = """
    справка "Аналитическая справка по результатам мониторинга" {
      орган "Управление образования Советского городского округа"
      приказ "Приказ от 27.12.2018 № 155 «Об утверждении Положения о МСОКО»"
      автор "Методист И. И. Иванова"
      утверждает "Начальник управления П. П. Петров"
    }

    """

    static let englishNote = """
    note "Monitoring note <draft> & review" {
      owner "Education department"
      author "I. Ivanova, methodologist"
    }

    """

    static let context = NoteContext(runDate: "30.11.2026", dataFiles: ["results.csv"])

    static func evaluate(_ note: String) throws -> (Evaluation, Summary) {
        let evaluation = try ReportFixture.evaluate(rules: note + ReportFixture.fixtureText("note.soko"),
                                                    csv: ReportFixture.fixtureText("note.csv"), overrides: ["trained_limit=30%"])
        return (evaluation, Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program)))
    }

    /// The note up to its first section: the cover.
    static func cover(_ text: String, until marker: String) -> String {
        String(text[..<(text.range(of: marker)?.lowerBound ?? text.endIndex)])
    }

    @Test func markdownRussian() throws {
        let (evaluation, summary) = try Self.evaluate(Self.russianNote)
        Golden.check(Self.cover(MarkdownReport.render(evaluation, summary: summary, language: .ru, context: Self.context), until: "\n## 1."),
                     against: "cover.ru.md")
    }

    @Test func markdownEnglish() throws {
        let (evaluation, summary) = try Self.evaluate(Self.englishNote)
        Golden.check(Self.cover(MarkdownReport.render(evaluation, summary: summary, language: .en, context: Self.context), until: "\n## 1."),
                     against: "cover.en.md")
    }

    @Test func htmlRussian() throws {
        let (evaluation, summary) = try Self.evaluate(Self.russianNote)
        let html = HTMLReport.render(evaluation, summary: summary, language: .ru, context: Self.context)
        Golden.check(Self.cover(String(html[html.range(of: "<body>")!.lowerBound...]), until: "<section"), against: "cover.ru.html")
    }

    @Test func htmlEnglish() throws {
        let (evaluation, summary) = try Self.evaluate(Self.englishNote)
        let html = HTMLReport.render(evaluation, summary: summary, language: .en, context: Self.context)
        #expect(html.contains("<title>Monitoring note &lt;draft&gt; &amp; review</title>"))
        Golden.check(Self.cover(String(html[html.range(of: "<body>")!.lowerBound...]), until: "<section"), against: "cover.en.html")
    }

    @Test func withoutADeclarationTheNoteKeepsItsGenericTitle() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        #expect(markdown.hasPrefix("# Аналитическая справка\n\n_по результатам проверки данных школ набором правил_\n"))
    }

    @Test func aNoteForOnePeriodCountsSchoolsAndNamesTheComparison() throws {
        let evaluation = try ReportFixture.evaluate(rules: Self.russianNote + ReportFixture.fixtureText("note.soko"),
                                                    csv: ReportFixture.fixtureText("note.csv"), overrides: ["trained_limit=30%"])
        let all = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program))
        let latest = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program), periods: [2024])
        #expect(latest.entities < all.entities)
        #expect(latest.entities == latest.flagged + latest.clean + latest.insufficient + latest.notApplicable)
        #expect(latest.groups.map(\.entities).reduce(0, +) == latest.entities)
        let markdown = MarkdownReport.render(evaluation, summary: latest, language: .ru, context: Self.context)
        #expect(markdown.contains("**Период:** 2024 (в сравнении с 2023)  \n"))
        #expect(markdown.contains("| Школ | \(latest.entities) | 100,0 % |"))
        #expect(!markdown.contains("записей «школа — период»"))
        let html = HTMLReport.render(evaluation, summary: latest, language: .en, context: Self.context)
        #expect(html.contains("<strong>Period:</strong> 2024 (compared with 2023)"))
    }

    @Test func today() {
        #expect(NoteContext.today(secondsSince1970: 1_790_000_000) == "21.09.2026")
        #expect(NoteContext.today(secondsSince1970: 0) == "01.01.1970")
    }
}
