// The four municipal rule sets over their example tables give the reports checked in beside
// the tables (examples/<municipality>/expected.json, .csv, .md). Re-record with SOKO_RECORD=1
// and review the diff.
import Foundation
import Testing
@testable import Soko

@Suite struct MunicipalExamplesTests {
    static let municipalities = ["sovetsky", "svetlogorsk", "malyshevsky", "alexandrovsky"]
    /// The preschool sections of two orders: rule sets of their own over the kindergartens' export.
    static let preschoolSets = ["sovetsky_doo", "alexandrovsky_doo"]

    /// The datasets each rule set reads: the school sets read the МСОКО export and the ФИС ОКО
    /// list; the preschool sets (`…_doo`) the kindergartens' monitoring export.
    static func datasets(_ municipality: String) -> [String] {
        municipality.hasSuffix("_doo") ? ["preschools"] : ["results", "federal_list"]
    }

    static func evaluate(_ municipality: String) throws -> Evaluation {
        let folder = Support.root + "/examples/" + municipality
        let request = RunRequest(ruleFiles: [Support.root + "/rules/\(municipality).soko"],
                                 data: datasets(municipality).map { "\($0)=\(folder)/\($0).csv" })
        guard case .evaluated(let evaluation, _, _, _) = Runner.run(request) else { throw Support.Failure("\(municipality) did not run") }
        return evaluation
    }

    static func compare(_ actual: String, with path: String) throws {
        if ProcessInfo.processInfo.environment["SOKO_RECORD"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "\(path) differs; re-record with SOKO_RECORD=1 and review the diff")
    }

    @Test(arguments: municipalities + preschoolSets)
    func reportsMatchTheCheckedInOnes(_ municipality: String) throws {
        let evaluation = try Self.evaluate(municipality)
        let folder = Support.root + "/examples/" + municipality
        let summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program))
        try Self.compare(JSONReport.render(evaluation, summary: summary, language: .ru),
                         with: folder + "/expected.json")
        try Self.compare(String(decoding: CSVReport.render(evaluation, options: CSVReportOptions(language: .ru)), as: UTF8.self),
                         with: folder + "/expected.csv")
        // The note as `soko run --format markdown` writes it by default: the latest period, compared
        // with the one before (without the run's date and data files, which change).
        let latest = evaluation.entities.periods.flatMap { $0.max() }.map { Set([$0]) }
        let noteSummary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program), periods: latest)
        try Self.compare(MarkdownReport.render(evaluation, summary: noteSummary, language: .ru), with: folder + "/expected.md")
    }

    @Test(arguments: municipalities + preschoolSets)
    func everyRuleFiresForSomeSchoolAndStaysSilentForMost(_ municipality: String) throws {
        let evaluation = try Self.evaluate(municipality)
        for (index, rule) in evaluation.program.rules.enumerated() {
            let fired = evaluation.outcomes(ofRule: index).filter { $0 == RuleOutcome.fired.rawValue }.count
            #expect(fired >= 1, "\(municipality): \(rule.name) never fires")
            #expect(fired * 2 <= evaluation.entities.count, "\(municipality): \(rule.name) fires for most schools")
        }
    }
}
