// The note's content beyond its golden files: the Markdown note embeds the very SVG pictures of
// the HTML note; titles, not identifiers; a capped not-applicable list; and `--period` in every
// report format (the library side; the command line is in SokoCLITests).
import Foundation
import Testing
@testable import Soko

@Suite struct NoteContentTests {
    /// The SVGs of the `data:` images of a Markdown note, decoded.
    static func embeddedSVGs(_ markdown: String) -> [String] {
        markdown.components(separatedBy: "](data:image/svg+xml;base64,").dropFirst().compactMap { part in
            guard let end = part.firstIndex(of: ")"), let data = Data(base64Encoded: String(part[..<end])) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Inline `<svg …>…</svg>` elements of an HTML note.
    static func inlineSVGs(_ html: String) -> [String] {
        html.components(separatedBy: "<svg ").dropFirst().map { part in
            "<svg " + String(part[..<(part.range(of: "</svg>\n")?.upperBound ?? part.endIndex)])
        }
    }

    @Test func markdownEmbedsTheSamePicturesAsTheHTMLNote() throws {
        let (evaluation, summary) = try ReportFixture.note()
        for language in Language.allCases {
            let markdown = MarkdownReport.render(evaluation, summary: summary, language: language)
            let html = HTMLReport.render(evaluation, summary: summary, language: language)
            let embedded = Self.embeddedSVGs(markdown)
            // The HTML note's first picture is the bar chart, which Markdown draws in text.
            let inline = Array(Self.inlineSVGs(html).dropFirst())
            #expect(embedded.count == inline.count)
            #expect(embedded.count >= 4)  // dynamics, risk zone, a distribution, a profile
            #expect(embedded == inline.map(NoteFigure.standalone))
            #expect(embedded.allSatisfy { $0.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ") && $0.contains(" width=\"") })
            for kind in ["per-period", "risk-matrix", "distribution", "profile"] {
                #expect(embedded.contains { $0.contains("class=\"chart \(kind)\"") }, "\(kind)")
            }
        }
        let russian = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        #expect(russian.contains("\n### Зона риска по периодам: кто вошёл, остался, вышел\n\n![Зона риска по периодам: кто вошёл, остался, вышел](data:image/svg+xml;base64,"))
        #expect(russian.contains("\n![Профиль школы](data:image/svg+xml;base64,"))
    }

    @Test func reportsNameRulesAndColumnsByTitle() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        let html = HTMLReport.render(evaluation, summary: summary, language: .ru)
        let table = TableReport.render(evaluation, summary: summary, language: .ru)
        // Identifiers of titled rules and of the titled group column appear nowhere in the text
        // (the parameters' table names parameters: they are typed in `--set`; missing inputs are
        // named by their headers in the data file, and `ege_fail` is one).
        for name in ["risk_zone", "oge_low", "no_observers", "municipality", "`ege_fail`", ">ege_fail<", "[ege_fail]"] {
            #expect(!markdown.contains(name), "\(name) in Markdown")
            #expect(!html.contains(name), "\(name) in HTML")
            #expect(!table.contains(name), "\(name) in the table report")
        }
        #expect(markdown.contains("### По группам (столбец «Муниципалитет»)"))
        #expect(markdown.contains("\nМуниципалитет: Город \\| Северный · Наивысший уровень: **критический**\n"))
        #expect(markdown.contains("\n**П1. Зона риска: несколько признаков**\n"))
        #expect(html.contains("<h3>По группам (столбец «Муниципалитет»)</h3>"))
        #expect(table.contains("  критический Зона риска: несколько признаков\n"))
        #expect(table.contains("  по столбцу «Муниципалитет»:\n"))
        // Why a school has insufficient data: the missing inputs and the unmet requirements.
        #expect(table.contains("\n  S002 Лицей *2*, 2024: Высокая доля не сдавших ЕГЭ (<10 %> & |) (мало участников ЕГЭ: 3)\n"))
        #expect(table.contains("\n  S005 ООШ д. Липки, 2024: Высокая доля не сдавших ЕГЭ (<10 %> & |) (нет данных: ege_participants, ege_fail)\n"))
        let json = JSONReport.render(evaluation, summary: summary, language: .ru)
        #expect(json.contains("\"group_column\": \"municipality\",\n    \"group_title\": \"Муниципалитет\""))
    }

    @Test func notApplicableListIsCappedPerGroup() throws {
        let rows = (1...(NoteFacts.detailLimit + 7)).map { "\($0),Север,0" } + ["900,Юг,0", "901,Юг,5"]
        let evaluation = try Support.evaluate(rules: """
            dataset d { key id  column area: text "Район"  column pupils: count }
            rule r "Мало учеников" { applies pupils >= 1 "учеников нет"  when pupils < 10  severity low }
            """, csv: "id,area,pupils\n" + rows.joined(separator: "\n") + "\n")
        let summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program))
        #expect(summary.notApplicable == NoteFacts.detailLimit + 8)
        let facts = NoteFacts(evaluation: evaluation, summary: summary, language: .ru)
        #expect(facts.notApplicableEntities.count == NoteFacts.detailLimit + 1)
        #expect(facts.notApplicableOmitted.map(\.group) == ["Север"] && facts.notApplicableOmitted.map(\.count) == [7])
        #expect(facts.notApplicableEntities.first?.reasons == ["Мало учеников: учеников нет"])
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        #expect(markdown.contains("\n## Ни одно правило о рисках не применяется: \(NoteFacts.detailLimit + 8)\n"))
        #expect(markdown.contains("\n**Показаны не более 100 школ каждой группы; не показаны: «Север» — ещё 7. "
                                  + "Полный список — отчёт --format csv --all-outcomes (исход not\\_applicable) или лист «Показатели» книги --format xlsx.**\n"))
        let html = HTMLReport.render(evaluation, summary: summary, language: .en)
        #expect(html.contains("<p class=\"abridged\"><strong>At most 100 schools of each group are listed; not listed: &#39;Север&#39;: 7 more.")
                || html.contains("<p class=\"abridged\"><strong>At most 100 schools of each group are listed; not listed: 'Север': 7 more."))
    }

    /// The shipped rule sets declare their note: its title heads the note and the workbook.
    @Test(arguments: MunicipalExamplesTests.municipalities + MunicipalExamplesTests.preschoolSets)
    func shippedRuleSetsDeclareTheirNote(_ name: String) throws {
        let evaluation = try MunicipalExamplesTests.evaluate(name)
        let note = try #require(evaluation.program.note)
        let title = note.title
        #expect(title.hasPrefix("Аналитическая справка по результатам мониторинга"))
        #expect(note.owner?.hasPrefix("Муниципальная система оценки качества образования") == true)
        // The order with its date (and number, where the order has one).
        #expect(note.order?.range(of: #"от \d\d\.\d\d\.\d{4} № \d+"#, options: .regularExpression) != nil || name == "malyshevsky")
        #expect(note.author != nil && note.approver != nil)
        let summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program))
        #expect(MarkdownReport.render(evaluation, summary: summary, language: .ru).hasPrefix("# " + title + "\n\n**" + note.owner! + "**  \n**Основание:** "))
        let sheets = XLSXReport.sheets(evaluation, summary: summary, language: .ru, groupBy: Summary.defaultGroup(of: evaluation.program))
        #expect(sheets[0].rows[0] == [.title(title)])
    }

    /// The risk zone's first column compares with the period before it when the data have one:
    /// a school flagged in 2022 and 2023 stayed in the zone in 2023; one flagged first in 2023
    /// entered it.
    @Test func riskZoneFirstColumnComparesWithTheEarlierPeriod() throws {
        let evaluation = try Support.evaluate(rules: Self.periodRules, csv: """
            id,year,name,area,a
            1,2022,Школа 1,Север,6
            1,2023,Школа 1,Север,7
            1,2024,Школа 1,Север,1
            2,2022,Школа 2,Юг,1
            2,2023,Школа 2,Юг,9
            2,2024,Школа 2,Юг,9

            """)
        let summary = Summary(evaluation: evaluation, groupBy: nil, periods: [2024])
        let pictures = NotePictures(facts: NoteFacts(evaluation: evaluation, summary: summary, language: .ru))
        #expect(pictures.periods == [2023, 2024])
        // Schools in the zone in the last period come first.
        #expect(pictures.matrix.map(\.school) == ["Школа 2", "Школа 1"])
        #expect(pictures.matrix.map(\.zones) == [[.entered, .stayed], [.stayed, .left]])
    }

    /// A region's note keeps its pictures small: a histogram instead of a dot per school, and
    /// at most `matrixLimit` schools in the risk-zone matrix, with the rest counted.
    @Test func picturesOfARegionStaySmall() throws {
        let schools = 2_000
        let rows = (1...schools).flatMap { id in ["\(id),2023,Школа \(id),Север,\(id % 9)", "\(id),2024,Школа \(id),Север,\((id + 3) % 9)"] }
        let evaluation = try Support.evaluate(rules: Self.periodRules, csv: "id,year,name,area,a\n" + rows.joined(separator: "\n") + "\n")
        let summary = Summary(evaluation: evaluation, groupBy: nil, periods: [2024])
        let facts = NoteFacts(evaluation: evaluation, summary: summary, language: .ru)
        let pictures = NotePictures(facts: facts)
        let distribution = try #require(pictures.distributions.first)
        #expect(distribution.points.count == schools)
        let svg = NotePictures.distributionSVG(distribution, title: "Много", formatter: facts.formatter, text: facts.text)
        #expect(!svg.contains("<circle"))
        #expect(svg.components(separatedBy: "<rect").count - 1 <= 2 * NotePictures.bins)
        #expect(svg.contains("fill=\"#c0392b\""))
        #expect(pictures.matrix.count > NotePictures.matrixLimit)
        let matrix = pictures.matrixSVG(text: facts.text)
        #expect(matrix.components(separatedBy: "<rect").count - 1 == 4 + NotePictures.matrixLimit * 2)
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        #expect(markdown.contains(" Показаны 100 школ из \(pictures.matrix.count): сначала те, что в зоне риска в последнем периоде;"))
        #expect(markdown.utf8.count < 2_000_000)
    }

    // MARK: --period in every format

    static let periodRules = """
    dataset d { key id  period year  label name  column area: text "Район"  column a: count }
    rule high "Много" { when a > 5  severity high  recommend "a = {a}" }
    """

    static let periodCSV = """
    id,year,name,area,a
    1,2023,Школа 1,Север,6
    1,2024,Школа 1,Север,7
    2,2023,Школа 2,Юг,9
    2,2024,Школа 2,Юг,1

    """

    static func periodRun() throws -> (Evaluation, Summary) {
        let evaluation = try Support.evaluate(rules: periodRules, csv: periodCSV)
        return (evaluation, Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program), periods: [2024]))
    }

    @Test func tableReportOfOnePeriod() throws {
        let (evaluation, summary) = try Self.periodRun()
        let table = TableReport.render(evaluation, summary: summary, language: .ru)
        #expect(table.hasPrefix("Школ: 2; отмечено: 1, без замечаний: 1, недостаточно данных: 0\n"))
        #expect(table.contains("\n1 Школа 1, 2024\n  высокий     Много\n              → a = 7\n"))
        #expect(!table.contains("2023"))
    }

    @Test func jsonReportsOfOnePeriod() throws {
        let (evaluation, summary) = try Self.periodRun()
        let json = JSONReport.render(evaluation, summary: summary, language: .ru)
        #expect(json.contains("\"summary\": {\n    \"periods\": [\n      2024\n    ],\n    \"entities\": 2,"))
        #expect(json.components(separatedBy: "\"period\":2024").count - 1 == 2)
        #expect(!json.contains("\"period\":2023"))
        let lines = JSONReport.render(evaluation, summary: summary, language: .ru, form: .lines).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.dropFirst().allSatisfy { $0.contains("\"period\":2024") })
        // Without --period every period is reported.
        let all = JSONReport.render(evaluation, summary: Summary(evaluation: evaluation, groupBy: nil), language: .ru)
        #expect(all.contains("\"period\":2023") && !all.contains("\"periods\""))
    }

    @Test func csvReportsOfOnePeriod() throws {
        let (evaluation, _) = try Self.periodRun()
        let csv = String(decoding: CSVReport.render(evaluation, options: CSVReportOptions(language: .ru, periods: [2024])), as: UTF8.self)
        #expect(csv == "id,year,rule,severity,title,recommendation\n1,2024,high,high,Много,a = 7\n")
        let everything = String(decoding: CSVReport.render(evaluation, options: CSVReportOptions(language: .ru, allOutcomes: true, periods: [2023])),
                                as: UTF8.self)
        #expect(everything == "id,year,rule,severity,title,recommendation,outcome,reason\n1,2023,high,high,Много,a = 6,fired,\n2,2023,high,high,Много,a = 9,fired,\n")
        let excel = String(decoding: CSVReport.renderExcel(evaluation, language: .ru, groupBy: Summary.defaultGroup(of: evaluation.program),
                                                           periods: [2024]), as: UTF8.self)
        #expect(excel == "\u{FEFF}id;name;Район;year;Правило;Уровень;Рекомендация\r\n1;Школа 1;Север;2024;Много;высокий;a = 7\r\n")
    }

    /// Group levels (municipalities, the region) follow `--period` too, in every format.
    @Test func levelSectionsOfOnePeriod() throws {
        let evaluation = try LevelsExampleTests.evaluate()
        let all = LevelSection.sections(evaluation, language: .ru)
        let latest = LevelSection.sections(evaluation, language: .ru, periods: [2025])
        #expect(all.map(\.name) == latest.map(\.name))
        #expect(all.flatMap(\.entities).contains { $0.period == 2024 })
        #expect(latest.allSatisfy { section in section.entities.allSatisfy { $0.period == 2025 || $0.period == nil } })
        #expect(latest.allSatisfy { !$0.entities.isEmpty })
        let summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program), periods: [2025])
        let table = TableReport.render(evaluation, summary: summary, language: .ru)
        #expect(!table.contains(", 2024\n"))
        let json = JSONReport.render(evaluation, summary: summary, language: .ru)
        #expect(!json.contains("\"period\": 2024"))
    }

    @Test func workbookOfOnePeriodReadsBack() throws {
        let (evaluation, summary) = try Self.periodRun()
        let groupBy = Summary.defaultGroup(of: evaluation.program)
        let sheets = XLSXReport.sheets(evaluation, summary: summary, language: .ru, groupBy: groupBy)
        let book = try XLSXWorkbook(bytes: XLSXWriter.write(sheets))
        let fired = try book.sheet(named: "Сработавшие правила")
        #expect(fired.rows.count == 2)
        #expect(fired.cell(1, 0) == .text("1") && fired.cell(1, 3) == .number(2024, .plain) && fired.cell(1, 6) == .text("a = 7"))
        let indicators = try book.sheet(named: "Показатели")
        #expect(indicators.rows.count == 3)
        #expect(indicators.cell(0, 2) == .text("Район"))
        #expect((1...2).allSatisfy { indicators.cell($0, 3) == .number(2024, .plain) })
        let overview = try book.sheet(named: "Сводка")
        #expect(overview.cell(2, 0) == .text("Период: 2024"))
        #expect(overview.rows.contains { $0.first == .text("Район") })
    }
}
