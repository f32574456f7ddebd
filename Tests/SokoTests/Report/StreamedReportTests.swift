// The reports written in pieces: JSON and JSON Lines agree, the byte formatting shared by the
// CSV and JSON writers, and the pieces joined give the whole report.
import Foundation
import Testing
@testable import Soko

@Suite struct StreamedReportTests {
    @Test func jsonLinesHoldTheDocumentsHeaderAndEntities() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let document = JSONReport.render(evaluation, summary: summary, language: .ru)
        let lines = JSONReport.render(evaluation, summary: summary, language: .ru, form: .lines)
        #expect(document.hasSuffix("}\n"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        let entities = try #require(parsed["entities"] as? [Any])
        #expect(entities.count == evaluation.entities.count)
        let rows = lines.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.count == entities.count + 2 && rows.last == "")
        var header = parsed
        header["entities"] = nil
        let first = try #require(try JSONSerialization.jsonObject(with: Data(rows[0].utf8)) as? [String: Any])
        #expect(NSDictionary(dictionary: first).isEqual(to: header))
        // Each line is the entity of the document with its rules in three lists by outcome,
        // without the silent ones and without `outcome`.
        for (index, row) in rows.dropFirst().dropLast().enumerated() {
            #expect(!row.contains("\n"))
            let entity = try #require(try JSONSerialization.jsonObject(with: Data(row.utf8)) as? [String: Any])
            var expected = try #require(entities[index] as? [String: Any])
            let rules = try #require(expected.removeValue(forKey: "rules") as? [[String: Any]])
            for (outcome, list) in [("fired", "fired"), ("insufficient_data", "insufficient_data"), ("not_applicable", "not_applicable")] {
                expected[list] = rules.filter { $0["outcome"] as? String == outcome }.map { rule in
                    var rule = rule
                    rule["outcome"] = nil
                    return rule
                }
            }
            #expect(NSDictionary(dictionary: entity).isEqual(to: expected))
        }
        #expect(lines.contains(",\"fired\":[{\"rule\":"))
        // The fixture has fired rules with recommendations and undecided rules with reasons;
        // in the document each entity is compact, on a line of its own.
        #expect(document.contains(",\"recommendations\":[\"") && document.contains(",\"missing\":["))
        #expect(document.contains("\n  \"entities\": [\n    {\"key\":\"S001\",\"period\":2023,"))
    }

    @Test func jsonBytesAreTheJSONValuesText() {
        let texts = ["plain", "кавычки \"ёлки\"", "a\\b", "line\nbreak\r\ttab", "\u{1}\u{1F}", ""]
        for text in texts {
            var bytes: [UInt8] = []
            ByteFormat.appendJSONString(text, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == JSON.string(text).serialized())
        }
        for number in [0.0, -0.0, 3, -42, 0.1, 1.0 / 3, 1e15, 1e20, -2.5e-7, .nan, .infinity] {
            var bytes: [UInt8] = []
            ByteFormat.appendJSONNumber(number, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == JSON.number(number).serialized())
        }
        for integer in [0, 7, 10, -1, 2024, Int.max, Int.min] {
            var bytes: [UInt8] = []
            ByteFormat.appendInteger(integer, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(integer))
        }
    }

    @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
        var bytes: [UInt8] = []
        for text in ["a", "b;c", "say \"hi\"", "x,y"] {
            ByteFormat.appendCSVField(text, to: &bytes, delimiter: UInt8(ascii: ";"))
            bytes.append(UInt8(ascii: "|"))
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "a|\"b;c\"|\"say \"\"hi\"\"\"|x,y|")
    }

    @Test func piecesJoinedAreTheWholeReport() throws {
        let (evaluation, summary) = try ReportFixture.note()
        var pieces: [[UInt8]] = []
        let sink = ReportSink { pieces.append($0) }
        CSVReport.write(evaluation, options: CSVReportOptions(), to: sink)
        #expect(pieces.flatMap { $0 } == CSVReport.render(evaluation, options: CSVReportOptions()))
        pieces = []
        TableReport.write(evaluation, summary: summary, language: .en, to: sink)
        #expect(String(decoding: pieces.flatMap { $0 }, as: UTF8.self) == TableReport.render(evaluation, summary: summary, language: .en))
        #expect(TableReport.render(evaluation, summary: summary, language: .en).hasPrefix("School-years: 8 (schools: 7, periods: 2); "))
    }
}

@Suite struct AbridgedNoteTests {
    /// 260 schools in group A (every one flagged, the first 30 at high severity), 40 in B
    /// (flagged), 150 in C whose data are missing.
    static let rules = """
    dataset schools {
      key id
      label name
      column town: text
      column score: number
    }
    rule very_low {
      when score < 10
      severity high
    }
    rule low {
      when score < 50
      severity low
    }
    """

    static var csv: String {
        var lines = ["id,name,town,score"]
        for n in 0..<260 { lines.append("A\(1000 + n),School \(n),A,\(n < 30 ? 5 : 20)") }
        for n in 0..<40 { lines.append("B\(1000 + n),School \(n),B,20") }
        for n in 0..<150 { lines.append("C\(1000 + n),School \(n),C,") }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func detailSectionsListAtMostTheLimitPerGroupAndCountTheRest() throws {
        let evaluation = try ReportFixture.evaluate(rules: Self.rules, csv: Self.csv)
        let summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program))
        let facts = NoteFacts(evaluation: evaluation, summary: summary, language: .en)
        #expect(NoteFacts.detailLimit == 100)
        #expect(facts.flaggedEntities.count == 140)
        // The 30 high-severity schools of A come first, then A's next 70 in key order, then B.
        #expect(facts.flaggedEntities.prefix(30).map(facts.key) == (0..<30).map { "A\(1000 + $0)" })
        #expect(facts.flaggedEntities[30..<100].map(facts.key) == (30..<100).map { "A\(1000 + $0)" })
        #expect(facts.flaggedEntities.suffix(40).map(facts.key) == (0..<40).map { "B\(1000 + $0)" })
        #expect(facts.insufficientEntities.count == 100)
        #expect(facts.omitted.map(\.group) == ["A", "C"])
        #expect(facts.omitted.map(\.flagged) == [160, 0] && facts.omitted.map(\.insufficient) == [0, 50])

        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .en)
        #expect(markdown.contains("**Abridged. Sections 3–5 list in full at most 100 flagged schools for each value of 'town' "))
        #expect(markdown.contains("Not listed: 160 flagged, 50 with insufficient data"))
        #expect(markdown.contains("| A | 160 | 0 |\n| C | 0 | 50 |\n"))
        // The overview still counts every school.
        #expect(markdown.contains("| Flagged (at least one rule fired) | 300 | 66.7% |"))
        #expect(!markdown.contains("A1100") && markdown.contains("A1099"))
        let html = HTMLReport.render(evaluation, summary: summary, language: .ru)
        #expect(html.contains("<p class=\"abridged\"><strong>Выписка. Разделы 3–5 показывают полностью не более 100 отмеченных школ"))
        #expect(html.contains("id=\"school-140\"") && !html.contains("id=\"school-141\""))
    }

    @Test func aSmallNoteIsNotAbridged() throws {
        let (evaluation, summary) = try ReportFixture.note()
        let facts = NoteFacts(evaluation: evaluation, summary: summary, language: .en)
        #expect(facts.omitted.isEmpty)
        #expect(!MarkdownReport.render(evaluation, summary: summary, language: .en).contains("Abridged"))
    }
}

@Suite struct TextEqualityFastPathTests {
    @Test func aTextColumnAgainstAConstantComparesEachDistinctTextOnce() {
        let yes = Truth.yes.rawValue, no = Truth.no.rawValue, unknown = Truth.unknown.rawValue
        // "й" written decomposed in the dictionary still equals the composed constant.
        let column = Column.texts([0, 1, -1, 0, 2], dictionary: ["Математика", "История", "и\u{306}"])
        for (left, right) in [(column, Column.constant(.text("Математика"))), (Column.constant(.text("Математика")), column)] {
            guard case .flags(let truths) = Operators.equal(left, right, count: 5) else { Issue.record("not flags"); return }
            #expect(truths == [yes, no, unknown, yes, no])
        }
        guard case .flags(let short) = Operators.equal(column, .constant(.text("й")), count: 5) else { Issue.record("not flags"); return }
        #expect(short == [no, no, unknown, no, yes])
    }
}
