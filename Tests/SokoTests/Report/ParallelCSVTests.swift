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

    @Test func noEntitiesGiveTheHeaderAlone() throws {
        let evaluation = try Support.evaluate(rules: "dataset d {\n  key id\n  column x: number\n}\nrule r {\n  when x > 1\n  severity low\n}\n", csv: "id,x\n")
        let text = String(decoding: Self.render(evaluation, CSVReportOptions(language: .en), threads: 3, perPiece: 1), as: UTF8.self)
        #expect(text == "id,rule,severity,title,recommendation\n")
    }
}
