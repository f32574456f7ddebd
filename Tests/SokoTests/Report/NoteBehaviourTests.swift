// Properties of the analytic note that must hold for any run: self-contained HTML, counts that
// add up, escaping, tables that keep their columns, determinism, and the order of schools.
import Foundation
import Testing
@testable import Soko

@Suite struct NoteBehaviourTests {
    // MARK: HTML stays one self-contained, script-free file

    @Test func htmlIsSelfContained() throws {
        let (evaluation, summary) = try ReportFixture.note()
        for language in Language.allCases {
            let html = HTMLReport.render(evaluation, summary: summary, language: language)
            #expect(!html.contains("http"))
            #expect(!html.lowercased().contains("<script"))
            #expect(!html.contains("<link"))
            #expect(!html.contains("@import"))
            #expect(!html.contains("url("))
            #expect(!html.contains("src="))
            #expect(!html.contains("@font-face"))
            #expect(html.contains("<svg"))
            #expect(html.contains("@media print"))
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">"))
            #expect(html.hasSuffix("</html>\n"))
        }
    }

    @Test func htmlElementsAreBalanced() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let html = HTMLReport.render(evaluation, summary: summary, language: .ru)
        for element in ["section", "table", "tr", "td", "th", "svg", "g", "ul", "li", "article", "figure", "code", "span", "abbr", "title"] {
            #expect(occurrences(of: "<\(element)>", in: html) + occurrences(of: "<\(element) ", in: html)
                    == occurrences(of: "</\(element)>", in: html), "unbalanced <\(element)>")
        }
    }

    // MARK: Counts add up

    @Test func countsAddUp() throws {
        let (evaluation, summary) = try ReportFixture.note()
        #expect(summary.flagged + summary.clean + summary.insufficient == summary.entities)
        #expect(summary.bySeverity.values.reduce(0, +) == summary.flagged)
        #expect(summary.groups.map(\.entities).reduce(0, +) == summary.entities)

        let facts = NoteFacts(evaluation: evaluation, summary: summary, language: .ru)
        #expect(facts.chart.map(\.flagged).reduce(0, +) == summary.flagged)
        #expect(facts.chart.map(\.entities).reduce(0, +) == summary.entities)
        #expect(facts.flaggedEntities.count == summary.flagged)
        #expect(facts.insufficientEntities.count == summary.insufficient)
        for (rule, line) in summary.byRule.enumerated() {
            #expect(facts.fired[rule] == line.fired)
            #expect(facts.undecided[rule] == line.insufficient)
        }
        // Every entity that is neither flagged nor insufficient is clean, and the note says so.
        let html = HTMLReport.render(evaluation, summary: summary, language: .ru)
        #expect(html.contains("data-count=\"entities\">\(summary.entities)<"))
        #expect(html.contains("data-count=\"flagged\">\(summary.flagged)<"))
        #expect(html.contains("data-count=\"clean\">\(summary.clean)<"))
        #expect(html.contains("data-count=\"insufficient\">\(summary.insufficient)<"))
        #expect((summary.entities, summary.flagged, summary.clean, summary.insufficient) == (8, 4, 1, 3))
    }

    @Test func matrixHasARowPerFlaggedSchoolAndAColumnPerFiredRule() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let facts = NoteFacts(evaluation: evaluation, summary: summary, language: .en)
        #expect(facts.firedRules.map { evaluation.program.rules[$0].name } == ["risk_zone", "ege_fail", "oge_low", "no_observers", "pd_low"])
        let html = HTMLReport.render(evaluation, summary: summary, language: .en)
        let matrix = try #require(between("<table class=\"matrix\">", "</table>", in: html))
        #expect(occurrences(of: "<tr>", in: matrix) == 1 + summary.flagged)
        #expect(occurrences(of: "<th class=\"mark\">", in: matrix) == facts.firedRules.count)
        #expect(occurrences(of: "<td class=\"mark", in: matrix) == facts.firedRules.count * summary.flagged)
    }

    // MARK: Order and explanations

    @Test func flaggedSchoolsComeHighestSeverityFirst() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let facts = NoteFacts(evaluation: evaluation, summary: summary, language: .ru)
        let severities = facts.flaggedEntities.map { summary.highest[$0]!.rawValue }
        #expect(severities == severities.sorted(by: >))
        #expect(facts.flaggedEntities.map(facts.key) == ["S001", "S003", "S004", "S007"])
    }

    @Test func undecidedRulesSayWhy() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let facts = NoteFacts(evaluation: evaluation, summary: summary, language: .ru)
        let byKey = Dictionary(uniqueKeysWithValues: facts.insufficientEntities.map { (facts.key($0), facts.undecidedRules($0)) })
        let egeFail = try #require(evaluation.program.rule(named: "ege_fail"))
        // S002: a `require` is unmet, nothing is missing.
        #expect(byKey["S002"]?.map(\.rule) == [egeFail])
        #expect(byKey["S002"]?.first?.missing == [])
        #expect(byKey["S002"]?.first?.reasons == ["мало участников ЕГЭ: 3"])
        // S005: the inputs are missing, named by their headers in the file.
        #expect(byKey["S005"]?.first?.missing == ["ege_participants", "ege_fail"])
        // A flagged school's undecided rules are listed in its section.
        let s003 = try #require(facts.flaggedEntities.first { facts.key($0) == "S003" })
        // risk_zone names oge_low, undecided here: the reference is unknown, so risk_zone is too.
        #expect(facts.undecidedRules(s003).map { evaluation.program.rules[$0.rule].name } == ["risk_zone", "oge_low"])
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        #expect(markdown.contains("| S002 | Лицей \\*2\\* | 2024 | Город \\| Северный | П2. Высокая доля не сдавших ЕГЭ (\\<10 %\\> \\& \\|) | — | мало участников ЕГЭ: 3 |"))
    }

    @Test func parametersShowOverrides() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        #expect(markdown.contains("| `trained_limit` | | 30,0 % | 33,0 % | изменено при запуске |"))
        #expect(markdown.contains("| `fail_limit` | Предельная доля не сдавших ЕГЭ | 10,0 % | 10,0 % | |"))
        let english = HTMLReport.render(evaluation, summary: summary, language: .en)
        #expect(english.contains("<strong>30.0%</strong>"))
        #expect(english.contains("changed for this run"))
    }

    @Test func recommendationsAreFilledIn() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        #expect(markdown.contains("  - Провести анализ причин: не сдали 16,7 % участников\n"))
        #expect(markdown.contains("  - Включить школу «Школа\\_3» в план методической поддержки\n"))
        #expect(!markdown.contains("{"))
    }

    // MARK: Escaping

    @Test func htmlEscapesDataAndRules() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let html = HTMLReport.render(evaluation, summary: summary, language: .ru)
        #expect(html.contains("Школа №1 &quot;Гимназия&quot; &lt;a&amp;b&gt;"))
        #expect(!html.contains("<a&b>"))
        #expect(html.contains("(&lt;10 %&gt; &amp; |)"))
        #expect(html.contains("Методика | п. 3.1 &lt;проект&gt;"))
        #expect(!html.contains("<проект>"))
    }

    @Test func markdownEscapesDataAndRules() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .en)
        #expect(markdown.contains("Школа №1 \"Гимназия\" \\<a\\&b\\>"))
        #expect(markdown.contains("Город \\| Северный"))
        #expect(markdown.contains("Лицей \\*2\\*"))
        #expect(markdown.contains("  - 1\\. Обсудить на совещании директоров\n"))
        #expect(!markdown.contains("<a&b>"))
    }

    @Test func markdownTablesKeepTheirColumns() throws {
        let (evaluation, summary) = try ReportFixture.note()
        for language in Language.allCases {
            let markdown = MarkdownReport.render(evaluation, summary: summary, language: language)
            let tables = markdownTables(markdown)
            #expect(tables.count == 9)
            for table in tables {
                let widths = table.map(cellCount)
                #expect(Set(widths).count == 1, "a row has a different number of cells: \(table)")
            }
        }
    }

    @Test(arguments: [
        ("a|b", "a\\|b"), ("<b>&amp;", "\\<b\\>\\&amp;"), ("*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`"),
        ("[link](x)", "\\[link\\](x)"), ("line\nbreak\r\n", "line break  "), ("back\\slash", "back\\\\slash"),
        ("Школа № 5", "Школа № 5"), ("~~$1~~", "\\~\\~\\$1\\~\\~"), ("bell\u{07}", "bell"),
    ])
    func markdownEscape(_ input: String, _ expected: String) {
        #expect(MarkdownReport.escape(input) == expected)
    }

    @Test(arguments: [
        ("1. first", "1\\. first"), ("2024) year", "2024\\) year"), ("- item", "\\- item"), ("# title", "\\# title"),
        ("+ plus", "\\+ plus"), ("= rule", "\\= rule"), ("10 schools", "10 schools"), ("1.5 points", "1\\.5 points"), ("", ""),
    ])
    func markdownBlockStart(_ input: String, _ expected: String) {
        #expect(MarkdownReport.escapeBlockStart(input) == expected)
    }

    @Test(arguments: [
        ("<a href=\"x\">", "&lt;a href=&quot;x&quot;&gt;"), ("Tom & Jerry's", "Tom &amp; Jerry&#39;s"), ("&amp;", "&amp;amp;"),
        ("Школа\tN\n", "Школа\tN\n"), ("nul\u{0}", "nul"),
    ])
    func htmlEscape(_ input: String, _ expected: String) {
        #expect(HTMLReport.escape(input) == expected)
    }

    // MARK: Determinism

    @Test func outputIsDeterministicAndDateFree() throws {
        let (first, firstSummary) = try ReportFixture.note()
        let (second, secondSummary) = try ReportFixture.note()
        for language in Language.allCases {
            let markdown = MarkdownReport.render(first, summary: firstSummary, language: language)
            let html = HTMLReport.render(first, summary: firstSummary, language: language)
            #expect(markdown == MarkdownReport.render(second, summary: secondSummary, language: language))
            #expect(html == HTMLReport.render(second, summary: secondSummary, language: language))
            let today = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
            let (year, month, day) = (today.year!, today.month!, today.day!)
            for stamp in [String(format: "%04d-%02d-%02d", year, month, day), String(format: "%02d.%02d.%04d", day, month, year)] {
                #expect(!markdown.contains(stamp) && !html.contains(stamp))
            }
        }
    }

    // MARK: Edge cases

    @Test func nothingFlaggedNoGroupsNoParameters() throws {
        let (evaluation, summary) = try ReportFixture.minimal()
        #expect(summary.groupColumn == nil)
        let facts = NoteFacts(evaluation: evaluation, summary: summary, language: .en)
        #expect(facts.chart.count == 1 && facts.chart[0].entities == 3 && facts.chart[0].flagged == 0)
        let html = HTMLReport.render(evaluation, summary: summary, language: .en)
        #expect(!html.contains("<svg"))
        #expect(occurrences(of: "No school is flagged.", in: html) == 3)
        #expect(html.contains("No parameters are declared."))
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        #expect(markdown.contains("| B | П1. Низкий балл | score | — |"))
        #expect(!markdown.contains("Период"))
    }

    @Test func largeNotesStayReadable() throws {
        let evaluation = try ReportFixture.evaluate(rules: Generated.rules, csv: Generated.csv)
        let summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program))
        #expect(summary.groups.count == Generated.groups)
        let html = HTMLReport.render(evaluation, summary: summary, language: .ru)
        let svg = try #require(between("<svg", "</svg>", in: html))
        #expect(occurrences(of: "<g><text", in: svg) == Generated.groups)
        // 24 rules fired: the matrix is cut into two tables of at most 15 rule columns.
        #expect(occurrences(of: "<table class=\"matrix\">", in: html) == 2)
        #expect(html.contains("<p class=\"part\">Часть 2 из 2: правила П16–П24</p>"))
        // Long group names go above their bars, whole.
        #expect(svg.contains("fill=\"#222\">" + Generated.groupName(0) + "</text>"))
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        for table in markdownTables(markdown) { #expect(Set(table.map(cellCount)).count == 1) }
        // Bars of the text chart are at most 20 characters (plus one per extra non-zero segment).
        let barLines = markdown.split(separator: "\n").filter { line in
            line.hasPrefix("|") && MarkdownReport.blockShades.contains { line.contains($0) }
        }
        #expect(barLines.count == Generated.groups)
        for line in barLines {
            let bar = line.split(separator: "`").dropLast().last ?? ""
            #expect(bar.count <= 23)
        }
        #expect(MarkdownReport.render(evaluation, summary: summary, language: .ru) == markdown)
    }

    @Test(arguments: [
        ([1, 2, 0, 3], 6, 20, "███▓▓▓▓▓▓░░░░░░░░░"),
        ([0, 0, 0, 1], 1, 20, "░░░░░░░░░░░░░░░░░░░░"),
        ([50, 0, 50, 0], 100, 20, "██████████▒▒▒▒▒▒▒▒▒▒"),
        ([1, 0, 0, 99], 100, 20, "█░░░░░░░░░░░░░░░░░░░"),
        ([0, 0, 0, 0], 0, 20, ""),
    ])
    func blockBars(_ counts: [Int], _ largest: Int, _ width: Int, _ expected: String) {
        #expect(MarkdownReport.blockBar(counts, largest: largest, width: width) == expected)
    }

    @Test func chartLabelsAreCutWithAnEllipsis() {
        #expect(SVGChart.truncated("Городской округ", to: 8) == "Городск…")
        #expect(SVGChart.truncated("Город", to: 8) == "Город")
        #expect(SVGChart.truncated("Городской округ", to: 15) == "Городской округ")
    }

    @Test func chartAxisSteps() {
        #expect(SVGChart.axis(0) == (1, 1))
        #expect(SVGChart.axis(3) == (1, 3))
        #expect(SVGChart.axis(5) == (1, 5))
        #expect(SVGChart.axis(7) == (2, 8))
        #expect(SVGChart.axis(23) == (5, 25))
        #expect(SVGChart.axis(1000) == (200, 1000))
    }

    // MARK: Helpers

    func occurrences(of needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    func between(_ start: String, _ end: String, in text: String) -> String? {
        guard let from = text.range(of: start), let to = text.range(of: end, range: from.upperBound..<text.endIndex) else { return nil }
        return String(text[from.lowerBound..<to.upperBound])
    }

    /// The tables of a Markdown text: runs of lines that start with `|`.
    func markdownTables(_ markdown: String) -> [[Substring]] {
        var tables: [[Substring]] = []
        var current: [Substring] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") {
                current.append(line)
            } else if !current.isEmpty {
                tables.append(current)
                current = []
            }
        }
        if !current.isEmpty { tables.append(current) }
        return tables
    }

    /// Cells of a table row: pipes not escaped with a backslash and not inside a code span.
    func cellCount(_ row: Substring) -> Int {
        var pipes = 0
        var escaped = false
        var inCode = false
        for character in row {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = !inCode
            case "`": inCode.toggle()
            case "|" where !inCode: pipes += 1
            default: break
            }
        }
        return pipes - 1
    }
}

/// A generated rule set and table: 24 rules, 40 groups with long names, 400 schools.
enum Generated {
    static let groups = 40
    static let rulesCount = 24

    static func groupName(_ index: Int) -> String {
        "Муниципальное образование «Городской округ № \(index + 1) | Северо-Восточный»"
    }

    static var rules: String {
        var text = "dataset schools {\n  key id\n  label name\n  column area: text\n"
        for index in 0..<rulesCount { text += "  column x\(index): number\n" }
        text += "}\n"
        let severities = ["low", "medium", "high", "critical"]
        for index in 0..<rulesCount {
            text += "rule rule_number_\(index) \"Признак № \(index) <x>\" {\n  when x\(index) > 90\n  severity \(severities[index % 4])\n"
            text += "  recommend \"Проверить {name}: {x\(index)}\"\n}\n"
        }
        return text
    }

    static var csv: String {
        var text = "id,name,area," + (0..<rulesCount).map { "x\($0)" }.joined(separator: ",") + "\n"
        // A fixed linear congruential sequence: the same table every time.
        var state: UInt64 = 12345
        for school in 0..<400 {
            text += "K\(1000 + school),Школа \(school),\"\(groupName(school % groups))\""
            for _ in 0..<rulesCount {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let value = Int(state >> 33) % 100
                text += "," + (value < 3 ? "" : String(value))
            }
            text += "\n"
        }
        return text
    }
}
