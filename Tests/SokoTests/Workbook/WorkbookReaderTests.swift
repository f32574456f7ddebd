// Tests of reading .xlsx workbooks: committed fixtures written by openpyxl and by LibreOffice
// (see Fixtures/xlsx/make_fixtures.py), read through the same typed columns as CSV files.
import Foundation
import Testing
@testable import Soko

@Suite struct WorkbookReaderTests {
    typealias T = DataTest

    static let vpr = Support.fixture("xlsx/vpr-openpyxl.xlsx")
    static let region = Support.fixture("xlsx/region-libreoffice.xlsx")

    static let vprColumns = [
        T.column("Код ОО", .text), T.column("Школа", .text), T.column("Муниципалитет", .text),
        T.column("Математика: участников", .count), T.column("Математика: ниже минимума", .count),
        T.column("Математика: средний балл", .number), T.column("Доля отметок «2»", .share),
        T.column("Дата проведения", .text), T.column("Наблюдатели", .flag), T.column("Служебный", .text),
    ]

    @Test func openpyxlWorkbookWithTitleMergedTwoRowHeaderAndTextNumbers() throws {
        let table = try #require(T.table(WorkbookReader.read(path: Self.vpr, columns: Self.vprColumns, key: "Код ОО")))
        #expect(table.rowCount == 3)
        // Excel's row numbers: the title is row 1, the header rows 2 and 3.
        #expect(table.rowNumbers == [4, 5, 6])
        // A long code stored as a number keeps its digits; one stored as text is the same.
        #expect(T.strings(table, 0) == ["390301000123", "390301000124", "390301000125"])
        #expect(T.strings(table, 1) == ["МБОУ СОШ № 1", "МАОУ Гимназия", "МБОУ ООШ п. Лесной"])
        // `1 234` with a no-break space and ` 12 ` stored as text read by the column's type.
        #expect(T.same(T.numbers(table, 3), [120, 1234, 15]))
        #expect(T.same(T.numbers(table, 4), [6, 12, .nan]))
        // `3,85` as text with a decimal comma, 4.1 as a number, `3.2` as text.
        #expect(T.same(T.numbers(table, 5), [3.85, 4.1, 3.2]))
        // Percent-styled cells: the stored fraction.
        #expect(T.same(T.numbers(table, 6), [0.05, 0.462, 0.2]))
        #expect(T.strings(table, 7) == ["16.04.2024", "17.04.2024", "18.04.2024"])
        #expect(T.flags(table, 8) == [.yes, .no, .yes])
        #expect(T.strings(table, 9) == ["x", "y", nil])
        #expect(table.issues.map(\.code) == ["D0408", "D0404", "D0407"])
        #expect(table.issues[1].row == 3)
        #expect(table.issues[1].message.ru
            == "лист «Результаты ВПР»: заголовок занимает строки 2 и 3; названия столбцов составлены из обеих, например «Математика: участников»")
        #expect(table.issues[2].columnLetter == "J")
    }

    @Test func headerRowsJoinedByAMergedCellStayOneHeader() throws {
        let columns = [T.column("Школа", .text), T.column("Код ОО", .text)]
        let table = try #require(T.table(WorkbookReader.read(path: Self.vpr, columns: columns, key: "Код ОО")))
        // «Школа» matches row 2 alone as well as rows 2–3 joined; A2:A3 is merged, so row 3
        // belongs to the header, not to the data.
        #expect(table.issues.map(\.code) == ["D0408", "D0404"])
        #expect(table.rowNumbers == [4, 5, 6])
    }

    @Test func titleRowAboveASingleHeaderRow() throws {
        let columns = [T.column("Код ОО", .text), T.column("Примечание", .text)]
        let path = T.temporaryFile(Self.workbook([["Сведения о школах"], [], ["Код ОО", "Примечание"], ["1", "нет"], [], []]), suffix: ".xlsx")
        defer { T.remove(path) }
        let table = try #require(T.table(WorkbookReader.read(path: path, columns: columns, key: "Код ОО")))
        #expect(table.issues.map(\.code) == ["D0404"])
        #expect(table.issues[0].message.en
            == "sheet \"Лист1\": row 3 was taken as the header; the 1 row(s) above it (a title) were skipped")
        #expect(table.rowNumbers == [4])
    }

    /// A one-sheet workbook of text cells, written by Soko's own writer.
    static func workbook(_ rows: [[String]]) -> [UInt8] {
        XLSXWriter.write([WorkbookSheet(name: "Лист1", rows: rows.map { $0.map(WorkbookCell.text) })])
    }

    @Test func sheetByName() throws {
        let table = try #require(T.table(WorkbookReader.read(path: Self.vpr, columns: [T.column("Примечание", .flag)], key: nil,
                                                             workbook: WorkbookOptions(sheet: "справка"))))
        #expect(T.flags(table, 0) == [.no])
        #expect(table.issues.isEmpty)
        let failure = T.failure(WorkbookReader.read(path: Self.vpr, columns: [], key: nil, workbook: WorkbookOptions(sheet: "Итоги")))
        #expect(failure.map(\.code) == ["D0403"])
        #expect(failure.first?.message.ru == "в книге нет листа «Итоги»; листы: «Результаты ВПР», «Справка»")
    }

    static let regionColumns = [
        T.column("Код ОО", .text), T.column("Муниципалитет", .text), T.column("Школа", .text),
        T.column("Участников", .count), T.column("Ниже минимума", .count), T.column("Средний балл", .number),
    ]

    @Test func regionalSheetPutsEachSchoolInItsMunicipality() throws {
        let table = try #require(T.table(WorkbookReader.read(path: Self.region, columns: Self.regionColumns, key: "Код ОО")))
        #expect(table.rowNumbers == [4, 5, 7, 8])
        #expect(T.strings(table, 0) == ["390301000123", "390301000124", "392001000001", "392001000002"])
        #expect(T.strings(table, 1) == ["Советский ГО", "Советский ГО", "Светлогорский ГО", "Светлогорский ГО"])
        #expect(T.same(T.numbers(table, 3), [100, 80, 60, 40]))
        // A formula's cached value (=ROUND(3.55+0.1,2) in F7).
        #expect(T.same(T.numbers(table, 5), [3.9, 3.5, 3.65, 3.4]))
        #expect(table.issues.map(\.code) == ["D0408", "D0405"])
        #expect(table.issues[1].message.ru
            == "лист с итогами: строк общего итога — 1, подытогов — 2; они не читаются как школы, а столбец A «Муниципалитет» каждой школы взят из её подытога")
    }

    @Test func totalsCheckedAgainstTheirSchoolsOnRequest() throws {
        let table = try #require(T.table(WorkbookReader.read(path: Self.region, columns: Self.regionColumns, key: "Код ОО",
                                                             workbook: WorkbookOptions(sheet: "Регион", checkTotals: true))))
        // E6 is 99 where its schools have 3 + 4; the region's E2 (=E3+E6) then differs too.
        #expect(table.issues.map(\.code) == ["D0405", "D0406", "D0406"])
        let text = DataIssueRenderer.text([table.issues[1]], language: .ru)
        #expect(text.hasSuffix("""
            region-libreoffice.xlsx, строка 2, столбец E «Ниже минимума»: предупреждение[D0406]: итог 114 не равен сумме по школам (4): 22 (значение «114»)
              подсказка: в выгрузке не хватает школ или итог посчитан по другим данным; сверьте с источником

            """))
        #expect(table.issues[2].row == 6)
    }

    @Test func cellErrorsNameTheExcelColumn() throws {
        let columns = [T.column("Код ОО", .text), T.column("Школа", .number)]
        let failure = T.failure(WorkbookReader.read(path: Self.region, columns: columns, key: "Код ОО",
                                                    workbook: WorkbookOptions(sheet: "Регион")))
        #expect(failure.first { $0.code == "D0013" }?.row == 4)
        let text = DataIssueRenderer.text(failure.filter { $0.code == "D0013" }.prefix(1).map { $0 }, language: .en)
        #expect(text.contains(", row 4, column C 'Школа': error[D0013]"))
    }

    @Test func notAWorkbook() throws {
        let path = T.temporaryFile(Array("a;b\n1;2\n".utf8), suffix: ".xlsx")
        defer { T.remove(path) }
        #expect(T.failure(WorkbookReader.read(path: path, columns: [], key: nil)).map(\.code) == ["D0401"])
        let old = T.temporaryFile([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], suffix: ".xls")
        defer { T.remove(old) }
        #expect(T.failure(WorkbookReader.read(path: old, columns: [], key: nil)).map(\.code) == ["D0402"])
    }

    @Test func plainNumbersNeverUseExponents() {
        #expect(CellText.plain(390301000123) == "390301000123")
        #expect(CellText.plain(3.90301e11) == "390301000000")
        #expect(CellText.plain(0.000012) == "0.000012")
        #expect(CellText.plain(-12.5) == "-12.5")
        #expect(CellText.plain(0.462, shift: 2) == "46.2")
        #expect(CellText.plain(0.5, shift: 2) == "50")
        #expect(CellText.plain(1e21) == "1000000000000000000000")
    }

    @Test func excelDayNumbers() {
        #expect(CellText.date(45398, uses1904Dates: false) == "16.04.2024")
        #expect(CellText.date(1, uses1904Dates: false) == "01.01.1900")
        #expect(CellText.date(61, uses1904Dates: false) == "01.03.1900")
        #expect(CellText.date(0, uses1904Dates: true) == "01.01.1904")
        #expect(CellText.date(45398.75, uses1904Dates: false) == "16.04.2024 18:00:00")
    }

    @Test func numberFormatCodes() {
        #expect(StylesParser.look(code: "0.0%") == .percent)
        #expect(StylesParser.look(code: "DD.MM.YYYY") == .date)
        #expect(StylesParser.look(code: "[$-419]d mmmm yyyy") == .date)
        #expect(StylesParser.look(code: "# ##0\" дней\"") == .plain)
        #expect(StylesParser.look(code: "General") == .plain)
        #expect(StylesParser.look(id: 10, code: nil) == .percent)
        #expect(StylesParser.look(id: 14, code: nil) == .date)
    }
}
