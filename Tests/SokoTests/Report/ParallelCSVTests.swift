// The CSV report's entities are written on every core in consecutive ranges and handed over in
// order: the same bytes whatever the number of threads and the size of the ranges.
import Testing
@testable import Soko

@Suite struct ParallelCSVTests {
    static func render(_ evaluation: Evaluation, _ options: CSVReportOptions, threads: Int, perPiece: Int) -> [UInt8] {
        JSONReport.$entityThreads.withValue(threads) {
            CSVReport.$entitiesPerPiece.withValue(perPiece) { CSVReport.render(evaluation, options: options) }
        }
    }

    @Test(arguments: ["sovetsky", "alexandrovsky"])
    func everyThreadCountGivesTheSameBytes(_ municipality: String) throws {
        let evaluation = try MunicipalExamplesTests.evaluate(municipality)
        var variants = [CSVReportOptions(language: .ru), CSVReportOptions(language: .en)]
        variants[1].excel = true
        var all = CSVReportOptions(language: .ru)
        all.allOutcomes = true
        variants.append(all)
        for options in variants {
            let one = Self.render(evaluation, options, threads: 1, perPiece: 1 << 20)
            #expect(one.count > 1000)
            for (threads, perPiece) in [(2, 1), (3, 2), (8, 7), (2, 4096)] {
                #expect(Self.render(evaluation, options, threads: threads, perPiece: perPiece) == one,
                        "\(threads) threads, \(perPiece) entities a range")
            }
        }
    }

    /// The records of a CSV text, each a list of fields (quotes and line breaks in fields read).
    static func records(_ bytes: [UInt8]) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
            } else if byte == 10 {
                fields.append(String(decoding: field, as: UTF8.self))
                records.append(fields)
                fields = []
                field = []
            } else {
                field.append(byte)
            }
            index += 1
        }
        return records
    }

    /// The fired rules' lines (marked rule by rule for a range of entities, then written entity
    /// by entity) are the lines of `--all-outcomes` whose outcome is `fired` (written by the
    /// test of every rule at every entity), without their last two fields.
    @Test(arguments: ["sovetsky", "alexandrovsky"])
    func firedLinesAreTheFiredLinesOfAllOutcomes(_ municipality: String) throws {
        let evaluation = try MunicipalExamplesTests.evaluate(municipality)
        var all = CSVReportOptions(language: .ru)
        all.allOutcomes = true
        let every = Self.records(Self.render(evaluation, all, threads: 1, perPiece: 1 << 20))
        let fired = Self.records(Self.render(evaluation, CSVReportOptions(language: .ru), threads: 2, perPiece: 3))
        let expected = [Array(every[0].dropLast(2))] + every.dropFirst().filter { $0.suffix(2).first == "fired" }.map { Array($0.dropLast(2)) }
        #expect(fired.count > 10)
        #expect(fired == expected)
    }

    /// More rules than the marks hold (64): the lines are written by the test of every rule at
    /// every entity, in the same order (by key, then by rule name).
    @Test func moreThanSixtyFourRulesKeepTheirOrder() throws {
        var rules = "dataset d {\n  key id\n  column x: number\n}\n"
        for rule in 0..<70 { rules += "rule r\(String(rule).leftPadded(to: 2)) {\n  when x > \(rule)\n  severity low\n}\n" }
        let evaluation = try Support.evaluate(rules: rules, csv: "id,x\nb,3\na,70\nc,\nd,0.5\n")
        let lines = String(decoding: Self.render(evaluation, CSVReportOptions(language: .en), threads: 2, perPiece: 1), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let expected = ["id,rule,severity,title,recommendation"]
            + (0..<70).map { "a,r\(String($0).leftPadded(to: 2)),low,," }
            + (0..<3).map { "b,r\(String($0).leftPadded(to: 2)),low,," }
            + ["d,r00,low,,"]
        #expect(lines == expected)
    }

    @Test func noEntitiesGiveTheHeaderAlone() throws {
        let evaluation = try Support.evaluate(rules: "dataset d {\n  key id\n  column x: number\n}\nrule r {\n  when x > 1\n  severity low\n}\n", csv: "id,x\n")
        let text = String(decoding: Self.render(evaluation, CSVReportOptions(language: .en), threads: 3, perPiece: 1), as: UTF8.self)
        #expect(text == "id,rule,severity,title,recommendation\n")
    }
}
