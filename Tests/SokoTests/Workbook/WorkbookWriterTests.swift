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
        // A cell right after the one before it has no reference, nor a row after the row before
        // it its number; a cell after a gap has its reference.
        #expect(xml.contains("<sheetData><row><c s=\"1\" t=\"inlineStr\"><is><t>Код</t></is></c>"))
        #expect(xml.contains("</row><row><c t=\"inlineStr\"><is><t>390301000123</t></is></c><c s=\"2\"><v>0.462</v></c></row>"))
        #expect(xml.contains("</row><row><c t=\"inlineStr\"><is><t xml:space=\"preserve\"> a&lt;b </t></is></c>"
            + "<c r=\"C3\" t=\"b\"><v>1</v></c><c s=\"3\"><v>12</v></c></row></sheetData>"))
        #expect(!xml.contains("<row r="))
    }

    @Test func aRowAfterAGapHasItsNumberAndAPieceFollowsTheRowItIsToldOf() {
        var xml = SheetXML()
        for row in [1, 2, 5, 6, 8] {
            xml.startRow(row)
            xml.put(.integer(Double(row)), column: 1)
            xml.endRow()
        }
        #expect(String(decoding: xml.bytes, as: UTF8.self) == "<row><c r=\"B1\" s=\"3\"><v>1</v></c></row>"
            + "<row><c r=\"B2\" s=\"3\"><v>2</v></c></row><row r=\"5\"><c r=\"B5\" s=\"3\"><v>5</v></c></row>"
            + "<row><c r=\"B6\" s=\"3\"><v>6</v></c></row><row r=\"8\"><c r=\"B8\" s=\"3\"><v>8</v></c></row>")
        // A piece whose rows start at 9 follows row 8; one told of another row numbers its first.
        xml.clear(followingRow: 8)
        xml.startRow(9)
        xml.endRow()
        xml.clear(followingRow: 3)
        xml.startRow(9)
        xml.endRow()
        #expect(String(decoding: xml.bytes, as: UTF8.self) == "<row r=\"9\"></row>")
        xml.clear(followingRow: 8)
        xml.startRow(9)
        xml.startRow(10)
        #expect(String(decoding: xml.bytes, as: UTF8.self) == "<row><row>")
    }

    @Test func aTextsWidthIsItsLongestLineInCharacters() {
        #expect(XLSXWriter.width(.text("школа №5")) == 8)
        #expect(XLSXWriter.width(.header("Доля\nподтверждённых")) == 14)
        #expect(XLSXWriter.width(.text("e\u{301}té")) == 3)
        #expect(XLSXWriter.width(.text("")) == 0 && XLSXWriter.width(.text("\n\n")) == 0)
        #expect(XLSXWriter.width(.title("Длинный заголовок над таблицей")) == 0)
    }

    @Test func wholeNumbersAreWrittenAsSwiftWritesThem() {
        var values = [0, 1, 9, 10, 99, 100, 999, 1_000, 2_024, 1_000_000, -1, -10, -99_999, Int.max, Int.min, Int.max - 1]
        for digits in 1...18 {
            let power = (0..<digits).reduce(1) { value, _ in value * 10 }
            values += [power - 1, power, power + 1, -power]
        }
        for value in values {
            var xml = SheetXML()
            xml.put(value)
            #expect(String(decoding: xml.bytes, as: UTF8.self) == String(value), "\(value)")
        }
    }

    @Test func aCellAfterAGapNamesItsColumnOfOneTwoOrThreeLetters() throws {
        // Columns A, Z (26th), AB (28th) and AAA (703rd), each after a gap but the first.
        var row = [WorkbookCell](repeating: .empty, count: 703)
        for column in [0, 25, 27, 702] { row[column] = .integer(Double(column)) }
        let sheet = WorkbookSheet(name: "Широкий", rows: [[.header("Код")], row], frozenRows: 1)
        let stream = DeflateStream()
        XLSXWriter.worksheet(sheet, selected: true, into: stream)
        let (compressed, _, size) = stream.finished()
        let xml = String(decoding: try #require(Deflate.inflate(compressed[...], expectedSize: size)), as: UTF8.self)
        #expect(xml.contains("</row><row><c s=\"3\"><v>0</v></c><c r=\"Z2\" s=\"3\"><v>25</v></c>"
            + "<c r=\"AB2\" s=\"3\"><v>27</v></c><c r=\"AAA2\" s=\"3\"><v>702</v></c></row>"))
    }

    @Test func aLargeSheetIsStreamed() throws {
        // 40,000 rows: more than the deflater's 1 MiB chunk.
        let sheet = WorkbookSheet(name: "Много", rowCount: 40_000) { [.text("школа \($0)"), .integer(Double($0)), .percent(0.5)] }
        let book = try XLSXWorkbook(bytes: XLSXWriter.write([sheet]))
        let read = try book.sheet(named: nil)
        #expect(read.rows.count == 40_000)
        #expect(read.rows[39_999] == [.text("школа 39999"), .number(39_999, .plain), .number(0.5, .percent)])
    }

    @Test func compressedTheSameWithAndWithoutWorkerThreads() throws {
        // 5 MiB of XML-like bytes: three chunks, each primed with the 32 KiB before it.
        var content: [UInt8] = []
        for index in 0..<160_000 { content += Array("<c s=\"2\"><v>0.\(index * 7919 % 100_003)</v></c>".utf8) }
        var outputs: [[UInt8]] = []
        for workers in [0, 1, 3] {
            var emitted: [UInt8] = []
            let stream = DeflateStream(emit: { emitted += $0 }, workers: workers)
            for start in stride(from: 0, to: content.count, by: 100_000) {
                stream.write(content[start..<min(content.count, start + 100_000)])
            }
            let (rest, crc, size) = stream.finished()
            #expect(rest.isEmpty)
            #expect(size == content.count)
            #expect(crc == Deflate.crc32(content[...]))
            #expect(Deflate.inflate(emitted[...], expectedSize: size) == content)
            outputs.append(emitted)
        }
        #expect(outputs[1] == outputs[0])
        #expect(outputs[2] == outputs[0])
        #expect(outputs[0].count < content.count / 4)
        // Chunks are cut by the count of bytes, not by the writes: the whole 5 MiB in one write
        // gives the same stream.
        var whole: [UInt8] = []
        let stream = DeflateStream(emit: { whole += $0 }, workers: 1)
        stream.write(content)
        _ = stream.finished()
        #expect(whole == outputs[0])
    }

    @Test func streamedWorkbookHasDataDescriptorsAndReadsBack() throws {
        let sheet = WorkbookSheet(name: "Лист", rowCount: 3) { [.text("школа \($0)"), .integer(Double($0))] }
        let bytes = XLSXWriter.write([sheet])
        let archive = try ZipArchive(bytes: bytes)
        let member = try #require(archive.entries.first { $0.name == "xl/worksheets/sheet1.xml" })
        #expect(member.flags == 8)
        #expect(archive.entries.first { $0.name == "xl/styles.xml" }?.flags == 0)
        // The local header of a streamed member has no CRC or sizes; the descriptor after the data has them.
        let local = member.localHeaderOffset
        #expect(ZipArchive.u32(bytes, local + 14) == 0)
        let dataStart = local + 30 + Int(ZipArchive.u16(bytes, local + 26))
        let descriptor = dataStart + member.compressedSize
        #expect(ZipArchive.u32(bytes, descriptor) == 0x0807_4B50)
        #expect(ZipArchive.u32(bytes, descriptor + 4) == member.crc)
        #expect(Int(ZipArchive.u32(bytes, descriptor + 12)) == member.size)
        let read = try XLSXWorkbook(bytes: bytes).sheet(named: nil)
        #expect(read.rows == [[.text("школа 0"), .number(0, .plain)], [.text("школа 1"), .number(1, .plain)], [.text("школа 2"), .number(2, .plain)]])
    }

    @Test func sheetXMLWritesNumbersAndTextsAsBytes() {
        var xml = SheetXML(capacity: 8)
        for number in [0, 7, 10, -12, 1_234_567, Int.max, Int.min + 1] { xml.put(number); xml.put(" ") }
        xml.cell(.number(0.462))
        xml.cell(.percent(4.62e-05), letters: Array("AB".utf8), row: 12)
        xml.cell(.integer(-3))
        xml.cell(.text("a\nb"))
        xml.cell(.text("«Лицей» & \"школа\""))
        xml.cell(.flag(false))
        #expect(String(decoding: xml.bytes, as: UTF8.self) == "0 7 10 -12 1234567 \(Int.max) \(Int.min + 1) "
            + "<c><v>0.462</v></c><c r=\"AB12\" s=\"2\"><v>0.0000462</v></c><c s=\"3\"><v>-3</v></c>"
            + "<c t=\"inlineStr\"><is><t xml:space=\"preserve\">a\nb</t></is></c>"
            + "<c t=\"inlineStr\"><is><t>«Лицей» &amp; &quot;школа&quot;</t></is></c><c t=\"b\"><v>0</v></c>")
    }

    @Test func textsAreSharedOnceEachAndReadBack() throws {
        let strings = SharedStrings()
        #expect(strings.index(of: "Светловский ГО") == 0)
        #expect(strings.index(of: "39-000001") == 1)
        #expect(strings.index(of: "Светловский ГО") == 0)
        #expect(strings.index(of: "") == 2)
        #expect(strings.count == 3 && strings.text(0) == "Светловский ГО")
        let texts = [" a<b ", "a\nb", "«Лицей» & \"школа\"", "x\u{1}y", "39-000001", "", "39-000001"]
        let sheet = WorkbookSheet(name: "Лист", rows: texts.map { [.text($0), .header($0)] })
        let bytes = XLSXWriter.write([sheet])
        let archive = try ZipArchive(bytes: bytes)
        let shared = String(decoding: try #require(try archive.data("xl/sharedStrings.xml")), as: UTF8.self)
        #expect(shared.contains("uniqueCount=\"6\"><si><t xml:space=\"preserve\"> a&lt;b </t></si><si><t xml:space=\"preserve\">a\nb</t></si>"))
        let read = try XLSXWorkbook(bytes: bytes).sheet(named: nil)
        for (row, text) in texts.enumerated() {
            let expected: SheetCell = text.isEmpty ? .empty : .text(text == "x\u{1}y" ? "x\u{FFFD}y" : text)
            #expect(read.cell(row, 0) == expected && read.cell(row, 1) == expected, "row \(row)")
        }
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
