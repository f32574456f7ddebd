// The byte writer of the reports (ByteWriter.swift) against the plain formatting it replaces:
// numbers (through the cache of distinct values), texts and integers give the same bytes; the
// missing inputs written from prepared headers are the finder's names; the JSON document's
// entities are one line each and hold the values of the evaluation.
import Foundation
import Testing
@testable import Soko

@Suite struct ByteWriterTests {
    static func plainNumber(_ value: Double) -> [UInt8] {
        var bytes: [UInt8] = []
        ByteFormat.appendJSONNumber(value, to: &bytes)
        return bytes
    }

    @Test func numbersAreTheirShortestTextEvenWhenCached() {
        var values: [Double] = [0, -0.0, 3, -42, 0.1, 1.0 / 3, -2.0 / 3, 1e15, 1e16, 1e20, -2.5e-7, 1e-5, 0.0001, 123456.789,
                                5e-324, -2.2250738585072014e-308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                .nan, .infinity, -.infinity, 999_999_999_999_999.5, 0.43478260869565216]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 { values.append(Double(Int.random(in: 0...97, using: &generator)) / Double(Int.random(in: 1...97, using: &generator))) }
        for _ in 0..<2000 { values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))) }
        var writer = ByteWriter(capacity: 16)
        var expected: [UInt8] = []
        // Twice: the second pass copies from the cache.
        for value in values + values {
            writer.appendJSONNumber(value)
            expected += Self.plainNumber(value)
            expected.append(UInt8(ascii: ","))
            writer.append(UInt8(ascii: ","))
        }
        #expect(writer.bytes() == expected)
    }

    @Test func aFullCacheStillFormatsEveryNumber() {
        // More distinct values than the cache keeps (three quarters of 2^18 slots).
        var writer = ByteWriter()
        var expected: [UInt8] = []
        for step in 0..<210_000 {
            let value = Double(step) + 0.5 / Double(step % 7 + 1)
            writer.appendJSONNumber(value)
            expected += Self.plainNumber(value)
        }
        for step in stride(from: 0, to: 210_000, by: 997) {
            let value = Double(step) + 0.5 / Double(step % 7 + 1)
            writer.appendJSONNumber(value)
            expected += Self.plainNumber(value)
        }
        #expect(writer.bytes() == expected)
    }

    @Test func textsAndIntegersAreThePlainBytes() {
        var writer = ByteWriter(capacity: 1)
        var expected: [UInt8] = []
        for text in ["plain", "кавычки \"ёлки\"", "a\\b", "line\nbreak\r\ttab", "\u{1}\u{1F}", "", "e\u{301}", "😀 / Математика"] {
            writer.appendJSONString(text)
            ByteFormat.appendJSONString(text, to: &expected)
        }
        for integer in [0, 7, 9, 10, -1, -10, 2024, Int.max, Int.min + 1] {
            writer.appendInteger(integer)
            ByteFormat.appendInteger(integer, to: &expected)
        }
        let arena = ByteArena()
        let piece = arena.addJSONString("Школа \"№1\"")
        writer.append(piece, of: arena)
        ByteFormat.appendJSONString("Школа \"№1\"", to: &expected)
        #expect(writer.bytes() == expected)
    }

    @Test func displayKeysAreTheProgramsOnes() {
        for key in ["390301", "A\u{1F}Математика", "\u{1F}", "a\u{1F}\u{1F}b", "e\u{301}\u{1F}\u{301}x", "Рус\"ский", ""] {
            #expect(ByteFormat.displayKey(key) == Program.displayKey(key))
        }
    }

    @Test func aPipelinedSinkTakesEveryPieceInOrderBeforeItReturns() {
        final class Box: @unchecked Sendable { var pieces: [[UInt8]] = [] }
        let box = Box()
        let sink = ReportSink { box.pieces.append($0) }
        let sent = (0..<200).map { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
        sink.pipelined(depth: 2) { pipe in
            for piece in sent {
                var bytes = piece
                pipe.drain(&bytes)
            }
        }
        #expect(box.pieces == sent)
    }

    /// Missing cells, an earlier period that is absent or has gaps, and a column whose header
    /// looks like an earlier period's name (left to the finder).
    static let rules = """
    dataset schools {
      key id
      period year
      label name
      column town: text
      column score: number
      column odd: number from "odd (2023)"
      column observed: flag
    }
    indicator change_in_score = score - prev(score)
    rule dropped {
      when change_in_score < -10
      severity medium
    }
    rule odd_rule {
      when odd > score and prev(odd) > 1
      severity low
    }
    rule unobserved {
      when observed = false
      severity high
      recommend "Школа {name} ({town})"
    }
    """

    static let csv = """
    id,year,name,town,score,odd (2023),observed
    A,2023,"Школа ""А""\\1",Север,50,1,да
    A,2024,"Школа ""А""\\1",Север,30,,нет
    B,2024,Б,Юг,,3,
    C,2022,C,,40,2,да
    C,2024,C,,45,5,нет

    """

    @Test func missingInputsAreTheFindersNames() throws {
        let evaluation = try ReportFixture.evaluate(rules: Self.rules, csv: Self.csv)
        let missing = JSONReport.MissingInputs(evaluation)
        var names: [JSONReport.MissingInputs.Name] = []
        var texts: [String] = []
        var prepared = 0
        for rule in evaluation.program.rules.indices {
            for entity in 0..<evaluation.entities.count {
                if missing.find(rule: rule, entity: entity, names: &names, texts: &texts) {
                    texts = names.map(missing.text)
                    prepared += 1
                }
                #expect(texts == evaluation.missingInputs(rule: rule, entity: entity))
            }
        }
        // `odd_rule` reads a column named like an earlier period's read: left to the finder.
        #expect(prepared == 2 * evaluation.entities.count)
        #expect(evaluation.missingInputs(rule: 0, entity: 3) == ["score (2021)"])
    }

    @Test func theDocumentHasOneEntityPerLineWithTheEvaluationsValues() throws {
        let evaluation = try ReportFixture.evaluate(rules: Self.rules, csv: Self.csv)
        let summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program))
        let document = JSONReport.render(evaluation, summary: summary, language: .ru)
        #expect(document.hasPrefix("{\n  \"soko\": \"0.1.0\",\n  \"rules\": [\n    {\n      \"name\": \"dropped\",\n"))
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "  \"entities\": ["))
        let entityLines = lines[(start + 1)...].prefix { $0 != "  ]" }
        #expect(entityLines.count == evaluation.entities.count)
        #expect(lines.suffix(3) == ["  ]", "}", ""])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        let entities = try #require(parsed["entities"] as? [[String: Any]])
        for (entity, line) in entityLines.enumerated() {
            #expect(line.hasPrefix("    {\"key\":") && line.hasSuffix(entity + 1 < entityLines.count ? "}," : "}"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.dropFirst(4).drop { $0 == " " }
                .dropLast(entity + 1 < entityLines.count ? 1 : 0).utf8)) as? [String: Any])
            #expect(NSDictionary(dictionary: object).isEqual(to: entities[entity]))
            #expect(object["key"] as? String == evaluation.entities.displayKey(entity))
            #expect(object["period"] as? Int == evaluation.entities.period(entity))
            #expect(object["label"] as? String == evaluation.label(entity))
            let indicators = try #require(object["indicators"] as? [String: Any])
            switch evaluation.indicatorColumn(0).value(at: entity) {
            case .number(let x): #expect((indicators["change_in_score"] as? NSNumber)?.doubleValue == x)
            default: #expect(indicators["change_in_score"] is NSNull)
            }
            let rules = try #require(object["rules"] as? [[String: Any]])
            #expect(rules.map { $0["outcome"] as? String } == evaluation.program.rules.indices.map {
                JSONReport.outcomeName(evaluation.outcome(rule: $0, entity: entity))
            })
        }
        #expect(document.contains("\"label\":\"Школа \\\"А\\\"\\\\1\""))
        #expect(document.contains("{\"rule\":\"unobserved\",\"outcome\":\"fired\",\"severity\":\"high\",\"recommendations\":[\"Школа Школа \\\"А\\\"\\\\1 (Север)\"]}"))
    }

    /// The table's lines of flagged and undecided entities as the plain strings give them.
    @Test func theTablesLinesAreThePlainStrings() throws {
        let evaluation = try ReportFixture.evaluate(rules: Self.rules, csv: Self.csv)
        let summary = Summary(evaluation: evaluation, groupBy: nil)
        let text = ReportText(language: .ru)
        let table = TableReport.render(evaluation, summary: summary, language: .ru)
        let program = evaluation.program
        func title(_ rule: Int) -> String { program.rules[rule].title ?? program.rules[rule].name }
        var checked = 0
        for entity in 0..<evaluation.entities.count {
            let entityTitle = TableReport.entityTitle(evaluation, entity)
            switch summary.statuses[entity] {
            case .flagged:
                #expect(table.contains("\n\n" + entityTitle + "\n"))
                checked += 1
            case .insufficient:
                let details = program.rules.indices.filter { evaluation.outcome(rule: $0, entity: entity) == .insufficient }.map { rule in
                    let missing = evaluation.missingInputs(rule: rule, entity: entity)
                    let why = (missing.isEmpty ? [] : [text.missing + ": " + missing.joined(separator: ", ")])
                        + evaluation.unmetRequirements(rule: rule, entity: entity, formatter: ValueFormatter(language: .ru))
                    return title(rule) + (why.isEmpty ? "" : " (" + why.joined(separator: "; ") + ")")
                }
                #expect(table.contains("\n  " + entityTitle + ": " + details.joined(separator: "; ") + "\n"))
                checked += 1
            default:
                break
            }
        }
        #expect(checked >= 3)
        #expect(table.contains("\nA Школа \"А\"\\1, 2024\n"))
    }

    /// The CSV's lines as the plain fields give them.
    @Test func theCSVLinesAreThePlainFields() throws {
        let evaluation = try ReportFixture.evaluate(rules: Self.rules, csv: Self.csv)
        let csv = String(decoding: CSVReport.render(evaluation, options: CSVReportOptions()), as: UTF8.self)
        #expect(csv == """
            id,year,rule,severity,title,recommendation
            A,2024,dropped,medium,,
            A,2024,unobserved,high,,"Школа Школа ""А""\\1 (Север)"
            C,2024,unobserved,high,,Школа C (нет данных)

            """)
    }

    @Test func compositeKeysAreShownWithTheirPartsApart() throws {
        let rules = """
        dataset results {
          key school, subject
          column score: number
        }
        rule low {
          when score < 10
          severity high
        }
        """
        let evaluation = try ReportFixture.evaluate(rules: rules, csv: "school,subject,score\nA,Математика,5\nA,\"Рус\"\"ский\",\nB,x,20\n")
        let summary = Summary(evaluation: evaluation, groupBy: nil)
        let document = JSONReport.render(evaluation, summary: summary, language: .en)
        let lines = JSONReport.render(evaluation, summary: summary, language: .en, form: .lines)
        #expect(document.contains("\n    {\"key\":\"A / Математика\",\"label\":null,\"status\":\"flagged\",\"indicators\":{},"
                                  + "\"rules\":[{\"rule\":\"low\",\"outcome\":\"fired\",\"severity\":\"high\",\"recommendations\":[]}]},\n"))
        #expect(lines.contains("\n{\"key\":\"A / Рус\\\"ский\",\"label\":null,\"status\":\"insufficient\",\"indicators\":{},"
                               + "\"fired\":[],\"insufficient_data\":[{\"rule\":\"low\",\"missing\":[\"score\"]}],\"not_applicable\":[]}\n"))
    }
}
