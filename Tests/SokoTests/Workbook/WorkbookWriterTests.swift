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
        #expect(sheets.map(\.name) == ["Сводка", "Муниципалитет", "Сработавшие правила", "Показатели", "Параметры"])
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
        let fired = sheets[2]
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

    @Test func sheetPartHasFrozenHeaderFittedWidthsAndTypedCells() throws {
        let sheet = WorkbookSheet(name: "Лист", rows: [[.header("Код"), .header("Доля")], [.text("390301000123"), .percent(0.462)],
                                                       [.text(" a<b "), .number(.nan), .flag(true), .integer(12)]], frozenRows: 1)
        let stream = DeflateStream()
        XLSXWriter.worksheet(sheet, selected: true, into: stream)
        let (compressed, _, size) = stream.finished()
        let xml = String(decoding: try #require(Deflate.inflate(compressed[...], expectedSize: size)), as: UTF8.self)
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(xml.contains("<col min=\"1\" max=\"1\" width=\"14\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"9\" customWidth=\"1\"/>"))
        #expect(xml.contains("<row r=\"1\"><c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>Код</t></is></c>"))
        #expect(xml.contains("<c r=\"B2\" s=\"2\"><v>0.462</v></c>"))
        #expect(xml.contains("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> a&lt;b </t></is></c>"
            + "<c r=\"C3\" t=\"b\"><v>1</v></c><c r=\"D3\" s=\"3\"><v>12</v></c></row>"))
    }

    @Test func aLargeSheetIsStreamed() throws {
        // 40,000 rows: more than the deflater's 1 MiB chunk.
        let sheet = WorkbookSheet(name: "Много", rowCount: 40_000) { [.text("школа \($0)"), .integer(Double($0)), .percent(0.5)] }
        let book = try XLSXWorkbook(bytes: XLSXWriter.write([sheet]))
        let read = try book.sheet(named: nil)
        #expect(read.rows.count == 40_000)
        #expect(read.rows[39_999] == [.text("школа 39999"), .number(39_999, .plain), .number(0.5, .percent)])
    }

    @Test func municipalityTargetsSheet() throws {
        let evaluation = try MunicipalExamplesTests.evaluate("sovetsky")
        let groupBy = Summary.defaultGroup(of: evaluation.program)
        let sheets = XLSXReport.sheets(evaluation, summary: Summary(evaluation: evaluation, groupBy: groupBy), language: .ru, groupBy: groupBy)
        let level = sheets[1]
        #expect(level.rows[0].prefix(6) == [.header("Муниципалитет"), .header("Период"),
                                            .header("Цель (правило)"), .header("Итог"), .header("Значение"), .header("Целевое значение")])
        let row2024 = try #require(level.rows.first { $0[1] == .integer(2024) })
        #expect(row2024[0] == .text("Советский ГО"))
        #expect(row2024[3] == .text("не достигнут"))
        #expect(row2024[5] == .text("10,0 %"))
        guard case .percent(let value) = row2024[4] else { Issue.record("the value is not a percentage"); return }
        #expect(abs(value - 0.1124) < 0.0001)
        #expect(XLSXReport.shortName("Муниципалитет за учебный год (сведения отдела образования)") == "Муниципалитет за учебный год")
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
