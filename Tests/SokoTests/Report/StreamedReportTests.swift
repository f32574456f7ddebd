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
        for (index, row) in rows.dropFirst().dropLast().enumerated() {
            #expect(!row.contains("\n  "))
            let entity = try #require(try JSONSerialization.jsonObject(with: Data(row.utf8)) as? [String: Any])
            #expect(NSDictionary(dictionary: entity).isEqual(to: try #require(entities[index] as? [String: Any])))
        }
        // The fixture has fired rules with recommendations and undecided rules with reasons.
        #expect(document.contains("\"recommendations\": [\n") && document.contains("\"missing\": [\n"))
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
        #expect(TableReport.render(evaluation, summary: summary, language: .en).hasPrefix("Schools (with periods): "))
    }
}
