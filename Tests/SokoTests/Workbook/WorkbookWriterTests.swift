// Tests of writing workbooks: Soko's own workbook report read back cell by cell with the
// workbook reader, the parts a spreadsheet needs (frozen header, widths, percent format), and
// the ZIP layer on its own.
import Foundation
import Testing
@testable import Soko

@Suite struct WorkbookWriterTests {
    /// What the reader must give back for a written cell.
    static func expected(_ cell: WorkbookCell) -> SheetCell {
        switch cell {
        case .empty: .empty
        case .text(let text), .header(let text), .title(let text): text.isEmpty ? .empty : .text(text)
        case .number(let x): x.isFinite ? .number(x, .plain) : .empty
        case .integer(let x): .number(x, .plain)
        case .percent(let x): .number(x, .percent)
        case .flag(let b): .flag(b)
        }
    }

    @Test(arguments: ["sovetsky", "alexandrovsky"])
    func reportWorkbookReadsBackCellByCell(_ municipality: String) throws {
        let evaluation = try MunicipalExamplesTests.evaluate(municipality)
        let groupBy = Summary.defaultGroup(of: evaluation.program)
        let summary = Summary(evaluation: evaluation, groupBy: groupBy)
        let sheets = XLSXReport.sheets(evaluation, summary: summary, language: .ru, groupBy: groupBy)
        #expect(sheets.map(\.name) == ["Сводка", "Сработавшие правила", "Показатели", "Параметры"])
        let book = try XLSXWorkbook(bytes: XLSXWriter.write(sheets))
        #expect(book.sheets.map(\.name) == sheets.map(\.name))
        var cells = 0
        for written in sheets {
            let read = try book.sheet(named: written.name)
            #expect(read.rows.count == written.rows.count)
            for (row, cellsOfRow) in written.rows.enumerated() {
                for (column, cell) in cellsOfRow.enumerated() {
                    cells += 1
                    let back = read.cell(row, column)
                    #expect(back == Self.expected(cell), "\(written.name) \(SheetParser.columnName(column))\(row + 1)")
                }
            }
        }
        #expect(cells > 5000)
        // Percent cells carry the `0.0%` style, read back as percent-looking numbers.
        let indicators = try book.sheet(named: "Показатели")
        #expect(indicators.rows.dropFirst().contains { $0.contains { if case .number(_, .percent) = $0 { true } else { false } } })
    }

    @Test func firedRulesSheetNamesTheSchoolTheRuleAndTheRecommendation() throws {
        let evaluation = try MunicipalExamplesTests.evaluate("sovetsky")
        let groupBy = Summary.defaultGroup(of: evaluation.program)
        let sheets = XLSXReport.sheets(evaluation, summary: Summary(evaluation: evaluation, groupBy: groupBy), language: .ru, groupBy: groupBy)
        let fired = sheets[1]
        #expect(fired.frozenRows == 1)
        #expect(fired.rows[0] == [.header("Код ОО"), .header("Наименование ОО"), .header("Муниципалитет"), .header("Год"),
                                  .header("Правило"), .header("Уровень"), .header("Рекомендация")])
        let csvLines = String(decoding: CSVReport.render(evaluation, options: CSVReportOptions(language: .ru)), as: UTF8.self)
            .split(separator: "\n").count - 1
        #expect(fired.rows.count - 1 == csvLines)
        #expect(fired.rows[1][0] == .text("390302"))
        #expect(fired.rows[1][3] == .integer(2024))
        #expect(fired.rows[1][5] == .text("высокий"))
    }

    @Test func sheetPartHasFrozenHeaderFittedWidthsAndSharedStrings() throws {
        var strings = SharedStrings()
        let sheet = WorkbookSheet(name: "Лист", rows: [[.header("Код"), .header("Доля")], [.text("390301000123"), .percent(0.462)],
                                                       [.text("390301000123"), .number(.nan)]], frozenRows: 1)
        let xml = String(decoding: XLSXWriter.worksheet(sheet, selected: true, strings: &strings), as: UTF8.self)
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(xml.contains("<col min=\"1\" max=\"1\" width=\"14\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"9\" customWidth=\"1\"/>"))
        #expect(xml.contains("<c r=\"B2\" s=\"2\"><v>0.462</v></c>"))
        #expect(xml.contains("<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c></row>"))
        #expect(String(decoding: strings.xml(), as: UTF8.self).hasSuffix("count=\"4\" uniqueCount=\"3\"><si><t>Код</t></si><si><t>Доля</t></si><si><t>390301000123</t></si></sst>"))
    }

    @Test func sheetNamesExcelAccepts() {
        #expect(XLSXWriter.sheetNames(["Итоги: 2024/25", "итоги_ 2024_25", String(repeating: "я", count: 40), ""])
            == ["Итоги_ 2024_25", "итоги_ 2024_25 (2)", String(repeating: "я", count: 31), "Sheet"])
    }

    @Test func xmlTextEscapesAndDropsControlCharacters() {
        #expect(XMLText.escaped("a<b & \"c\"\u{1}\n") == "a&lt;b &amp; &quot;c&quot;\u{FFFD}\n")
    }

    @Test func zipRoundTrip() throws {
        var writer = ZipWriter()
        let big = [UInt8]((0..<100_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
        writer.add("a.txt", Array("привет".utf8))
        writer.add("dir/big.bin", big)
        writer.add("empty", [])
        let bytes = writer.finished()
        let archive = try ZipArchive(bytes: bytes)
        #expect(archive.entries.map(\.name) == ["a.txt", "dir/big.bin", "empty"])
        #expect(try archive.data("a.txt") == Array("привет".utf8))
        #expect(try archive.data("dir/big.bin") == big)
        #expect(try archive.data("empty") == [])
        #expect(try archive.data("missing") == nil)
        // The same content gives the same bytes (fixed timestamps).
        var again = ZipWriter()
        again.add("a.txt", Array("привет".utf8))
        again.add("dir/big.bin", big)
        again.add("empty", [])
        #expect(again.finished() == bytes)
        // A flipped byte in the compressed data is caught by the CRC or the inflater.
        var damaged = bytes
        damaged[200] ^= 0xFF
        #expect(throws: ZipError.self) { _ = try ZipArchive(bytes: damaged).data("dir/big.bin") }
        #expect(throws: ZipError.notAnArchive) { _ = try ZipArchive(bytes: Array("a;b\n".utf8)) }
    }
}
