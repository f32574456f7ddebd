// Golden files of the analytic note: the Markdown and HTML forms, in both languages, compared
// byte for byte with Tests/SokoTests/Fixtures/report/*.md|html (SOKO_RECORD=1 re-records).
import Testing
@testable import Soko

@Suite struct NoteGoldenTests {
    @Test func markdownRussian() throws {
        let (evaluation, summary) = try ReportFixture.note()
        Golden.check(MarkdownReport.render(evaluation, summary: summary, language: .ru), against: "note.ru.md")
    }

    @Test func markdownEnglish() throws {
        let (evaluation, summary) = try ReportFixture.note()
        Golden.check(MarkdownReport.render(evaluation, summary: summary, language: .en), against: "note.en.md")
    }

    @Test func htmlRussian() throws {
        let (evaluation, summary) = try ReportFixture.note()
        Golden.check(HTMLReport.render(evaluation, summary: summary, language: .ru), against: "note.ru.html")
    }

    @Test func htmlEnglish() throws {
        let (evaluation, summary) = try ReportFixture.note()
        Golden.check(HTMLReport.render(evaluation, summary: summary, language: .en), against: "note.en.html")
    }

    /// No period, label, group column or parameter, and nothing flagged.
    @Test func minimalMarkdown() throws {
        let (evaluation, summary) = try ReportFixture.minimal()
        Golden.check(MarkdownReport.render(evaluation, summary: summary, language: .ru), against: "minimal.ru.md")
    }

    @Test func minimalHTML() throws {
        let (evaluation, summary) = try ReportFixture.minimal()
        Golden.check(HTMLReport.render(evaluation, summary: summary, language: .en), against: "minimal.en.html")
    }
}
