// The JSON report's entities formatted on several threads: the same bytes as on one thread,
// whatever the number of threads and the size of the ranges, and the pieces handed over in order.
import Foundation
import Testing
@testable import Soko

@Suite struct ParallelJSONTests {
    /// Fired rules with and without recommendations, `require` and `applies` reasons, missing
    /// inputs (this period's and an earlier one's), a date indicator, bands, a label and a group.
    static let rules = """
    dataset schools "Школы" {
      key id
      period year
      label name
      column town: text
      column a: number
      column b: count
      column opened: date
    }
    indicator ratio = a / b
    indicator grown = a - prev(a)
    indicator since = opened
    bands size by a {
      to 10 -> "small"
      from 10 -> "large"
    }
    rule high "Высокое отношение" {
      when ratio > 1.5
      severity high
      recommend "Отношение {ratio} в «{name}»"
      recommend "Город {town}"
    }
    rule grows {
      when grown > 0
      require b > 1 "мало b: {b}"
      applies a >= 0 "a < 0: {a}"
      applies b < 100
      severity medium
      recommend "Рост {grown}"
    }
    rule plain {
      when a > 3
      severity low
    }
    rule both {
      when at least 2 of (high, grows, plain)
      severity critical
    }
    """

    /// Non-ASCII, quotes, a backslash, a line break and a tab in texts; missing values; an
    /// entity that does not apply; two periods.
    static let csv = [
        "id,year,name,town,a,b,opened",
        #"S1,2023,"Школа ""№1""",Север,5,2,01.09.2015"#,
        #"S1,2024,"Школа ""№1""",Север,7,2,01.09.2015"#,
        "S2,2024,\"back\\slash\nline\",Юг,,3,",
        "S3,2023,\"tab\there\",Юг,-1,2,2020-01-01",
        "S3,2024,\"tab\there\",Юг,4,1,2020-01-01",
        "S4,2024,Ёлка,,20,200,",
        "S5,2023,Ёжик,Север,2,1,",
        "S5,2024,Ёжик,Север,9,0,",
        "S6,2024,Пустая,Север,,,",
    ].joined(separator: "\n") + "\n"

    /// Both forms with every combination of threads and range size, against one thread over
    /// one range.
    static func expectSameBytes(_ evaluation: Evaluation, periods: Set<Int>? = nil, explain: Bool = false,
                                sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program), periods: periods)
        summary.dataWarnings = 0
        let explainer = explain ? Explainer(evaluation: evaluation, language: .ru) : nil
        let explanations = explainer.map { explainer in { (rule: Int, entity: Int) in explainer.explain(rule: rule, entity: entity).json } }
        for form in [JSONReport.Form.document, .lines] {
            func render(threads: Int, perPiece: Int, room: Int = 1 << 20) -> String {
                JSONReport.$entityThreads.withValue(threads) {
                    JSONReport.$entitiesPerPiece.withValue(perPiece) {
                        JSONReport.$firstRoom.withValue(room) {
                            JSONReport.render(evaluation, summary: summary, language: .ru, form: form, explanations: explanations)
                        }
                    }
                }
            }
            let serial = render(threads: 1, perPiece: 1 << 30)
            for threads in [1, 2, 3, 8] {
                for perPiece in [1, 2, 3, 1024] {
                    #expect(render(threads: threads, perPiece: perPiece) == serial, "\(form) threads \(threads), \(perPiece) a piece",
                            sourceLocation: sourceLocation)
                    // Ranges that outgrow the room given to them.
                    #expect(render(threads: threads, perPiece: perPiece, room: 16) == serial, "\(form) threads \(threads), \(perPiece) a piece, room 16",
                            sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func everyThreadCountGivesTheSameBytes() throws {
        let evaluation = try Support.evaluate(rules: Self.rules, csv: Self.csv)
        #expect(evaluation.entities.count == 9)
        let document = JSONReport.render(evaluation, summary: Summary(evaluation: evaluation, groupBy: nil), language: .ru)
        // The cases are there: recommendations, reasons of `require` and `applies`, missing
        // inputs of this period and of the one before, escaped texts.
        for piece in [#""recommendations":["Отношение 2,5 в «Школа \"№1\"»","Город Север"]"#, #""reasons":["мало b: 1"]"#,
                      #""reasons":["a < 0: -1"]"#, #""reasons":["b < 100"]"#, #""missing":["a","a (2023)"]"#,
                      #""label":"back\\slash\nline""#, #""label":"tab\there""#, #""since":"2015-09-01""#] {
            #expect(document.contains(piece), "\(piece)")
        }
        Self.expectSameBytes(evaluation)
        Self.expectSameBytes(evaluation, periods: [2024])
        Self.expectSameBytes(evaluation, periods: [2023])
        Self.expectSameBytes(evaluation, explain: true)
        // The note fixture (recommendations with quotes and markup characters).
        let (note, _) = try ReportFixture.note()
        Self.expectSameBytes(note)
    }

    @Test func noEntityOneEntityAndFewerEntitiesThanThreads() throws {
        let header = "id,year,name,town,a,b,opened\n"
        let none = try Support.evaluate(rules: Self.rules, csv: header)
        #expect(none.entities.count == 0)
        Self.expectSameBytes(none)
        #expect(JSONReport.render(none, summary: Summary(evaluation: none, groupBy: nil), language: .ru).hasSuffix("\"entities\": []\n}\n"))
        let one = try Support.evaluate(rules: Self.rules, csv: header + "S1,2024,Одна,Север,5,2,01.09.2015\n")
        Self.expectSameBytes(one)
        let three = try Support.evaluate(rules: Self.rules, csv: header + "S1,2024,Одна,Север,5,2,\nS2,2024,Две,,1,1,\nS3,2024,Три,Юг,,,\n")
        Self.expectSameBytes(three)
        // A period with no entity at all.
        Self.expectSameBytes(three, periods: [2023])
    }

    @Test func aPeriodsEntitiesKeepTheirOwnRecommendations() throws {
        // A run of one period writes each shown entity as the run of every period does.
        let evaluation = try Support.evaluate(rules: Self.rules, csv: Self.csv)
        func entities(_ periods: Set<Int>?) throws -> [String: String] {
            let summary = Summary(evaluation: evaluation, groupBy: nil, periods: periods)
            let lines = JSONReport.render(evaluation, summary: summary, language: .ru, form: .lines).split(separator: "\n").dropFirst()
            var byKey: [String: String] = [:]
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                byKey["\(object["key"] ?? "")/\(object["period"] ?? "")"] = String(line)
            }
            return byKey
        }
        let all = try entities(nil)
        for period in [2023, 2024] {
            let some = try entities([period])
            #expect(!some.isEmpty)
            for (key, line) in some { #expect(all[key] == line, "\(key)") }
        }
        #expect(all["S1/2024"]?.contains(#""recommendations":["Отношение 3,5 в «Школа \"№1\"»","Город Север"]"#) == true)
    }

    @Test func aWriterWritesIntoALentBufferUntilItIsFull() {
        var out = ByteWriter(capacity: 8)
        var buffer = [UInt8](repeating: 0, count: 40 + Padded.slack)
        let fitted = buffer.withUnsafeMutableBufferPointer { buffer in
            out.writing(into: buffer) { $0.appendText("Школа \"1\"") }
        }
        #expect(fitted == 14 && Array(buffer.prefix(14)) == Array("Школа \"1\"".utf8) && out.count == 0)
        // Too much for the buffer: the writer takes the bytes into storage of its own.
        let long = String(repeating: "ёж", count: 30)
        let spilled = buffer.withUnsafeMutableBufferPointer { buffer in
            out.writing(into: buffer) { writer in
                writer.appendText(long)
                writer.appendJSONNumber(0.1)
            }
        }
        #expect(spilled == nil && out.bytes() == Array((long + "0.1").utf8))
        out.removeAll()
        // Its own storage serves again, and so does a lent buffer.
        out.appendInteger(-42)
        #expect(out.bytes() == Array("-42".utf8))
        out.removeAll()
        let again = buffer.withUnsafeMutableBufferPointer { buffer in out.writing(into: buffer) { $0.appendJSONNumber(1.0 / 3) } }
        #expect(again == 18 && Array(buffer.prefix(18)) == Array("0.3333333333333333".utf8))
    }

    @Test func piecesReachTheSinkInOrder() {
        for workers in [1, 2, 3, 5] {
            for window in [1, 2, 8] {
                for count in [0, 1, 2, 7, 100] {
                    var got: [UInt8] = []
                    let sink = ReportSink { got += $0 }
                    OrderedPieces.run(count: count, workers: workers, window: window, to: sink) { _, piece in
                        // Uneven work, so that pieces finish out of order; the last piece of
                        // every ten is empty.
                        if piece % 3 == 0 { usleep(200) }
                        return piece % 10 == 9 ? [] : [UInt8(truncatingIfNeeded: piece)]
                    }
                    let expected = (0..<count).filter { $0 % 10 != 9 }.map { UInt8(truncatingIfNeeded: $0) }
                    #expect(got == expected, "workers \(workers), window \(window), count \(count)")
                }
            }
        }
    }

    @Test func eachWorkerGetsItsPiecesInAscendingOrderAndOneThreadAtATime() {
        let lock = NSLock()
        var last = [Int](repeating: -1, count: 3)
        var busy = [Bool](repeating: false, count: 3)
        var problems = 0
        OrderedPieces.run(count: 200, workers: 3, window: 4, to: ReportSink { _ in }) { worker, piece in
            lock.lock()
            if busy[worker] || last[worker] >= piece { problems += 1 }
            busy[worker] = true
            last[worker] = piece
            lock.unlock()
            usleep(50)
            lock.lock()
            busy[worker] = false
            lock.unlock()
            return [1]
        }
        #expect(problems == 0)
    }
}
