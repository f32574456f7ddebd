// The four municipal examples saved as workbooks by LibreOffice (Fixtures/xlsx/examples; made
// with `soffice --headless --infilter=CSV:59,34,76,1,,1049 --convert-to xlsx`, the comma
// delimited one with `CSV:44,34,76,1,,1033`) give the same report as their CSV tables.
import Foundation
import Testing
@testable import Soko

@Suite struct WorkbookExamplesTests {
    static func report(_ municipality: String, results: String, federalList: String) throws -> [UInt8] {
        let request = RunRequest(ruleFiles: [Support.root + "/rules/\(municipality).soko"],
                                 data: ["results=\(results)", "federal_list=\(federalList)"])
        guard case .evaluated(let evaluation, _, let warnings, _) = Runner.run(request) else {
            throw Support.Failure("\(municipality) did not run")
        }
        #expect(warnings.isEmpty, "\(municipality): \(warnings.map(\.message.en))")
        return CSVReport.render(evaluation, options: CSVReportOptions(language: .ru))
    }

    @Test(arguments: ["sovetsky", "svetlogorsk", "malyshevsky", "alexandrovsky"])
    func workbooksGiveTheSameReportAsCSV(_ municipality: String) throws {
        let csv = Support.root + "/examples/\(municipality)/"
        let xlsx = Support.fixture("xlsx/examples/\(municipality)_")
        let fromCSV = try Self.report(municipality, results: csv + "results.csv", federalList: csv + "federal_list.csv")
        let fromWorkbook = try Self.report(municipality, results: xlsx + "results.xlsx", federalList: xlsx + "federal_list.xlsx")
        #expect(fromWorkbook == fromCSV)
        #expect(fromCSV.count > 1000)
    }
}
