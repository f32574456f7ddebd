// Tests of reading typed tables: types, header mapping, encodings, warnings and every error kind.
import Foundation
import Testing
@testable import Soko

@Suite struct TableReaderTests {
    typealias T = DataTest

    // MARK: Types

    @Test func typedColumnsInRequestOrder() throws {
        let text = """
        id,name,n,c,s,p,f,unused
        1,Школа №1,12.5,10,0.125,12.5,да,x
        2,Лицей,-3,0,12.5%,50%,нет,y
        3,Школа №1,,,,,,z

        """
        let table = try #require(T.table(T.read(text, [
            T.column("f", .flag), T.column("name", .text), T.column("n", .number), T.column("c", .count),
            T.column("s", .share), T.column("p", .percent),
        ])))
        #expect(table.rowCount == 3)
        #expect(table.rowNumbers == [2, 3, 4])
        #expect(T.flags(table, 0) == [.yes, .no, .unknown])
        #expect(T.strings(table, 1) == ["Школа №1", "Лицей", "Школа №1"])
        #expect(T.texts(table, 1).codes == [0, 1, 0])
        #expect(T.texts(table, 1).values == ["Школа №1", "Лицей"])
        #expect(T.same(T.numbers(table, 2), [12.5, -3, .nan]))
        #expect(T.same(T.numbers(table, 3), [10, 0, .nan]))
        #expect(T.same(T.numbers(table, 4), [0.125, 0.125, .nan]))
        #expect(T.same(T.numbers(table, 5), [0.125, 0.5, .nan]))
        #expect(table.issues.isEmpty)
        #expect(table.cellsMadeMissing == 0)
        #expect(table.path == "t.csv")
    }

    @Test func missingCellsInEveryType() throws {
        let text = "n,c,s,p,f,t\n  ,\t, , ,  ,   \n,,,,,\n"
        let table = try #require(T.table(T.read(text, [
            T.column("n", .number), T.column("c", .count), T.column("s", .share), T.column("p", .percent),
            T.column("f", .flag), T.column("t", .text),
        ])))
        #expect(table.rowCount == 1)   // the all-empty second row is blank and skipped
        for index in 0..<4 { #expect(T.numbers(table, index).first?.isNaN == true) }
        #expect(T.flags(table, 4) == [.unknown])
        #expect(T.texts(table, 5).codes == [-1])
        #expect(T.texts(table, 5).values == [])
    }

    @Test func semicolonFileWithDecimalCommaAndThousands() throws {
        let text = "id;n;c\n1;12,5;1 234\n2;\"1 234,75\";2\u{A0}000\n"
        let table = try #require(T.table(T.read(text, [T.column("n", .number), T.column("c", .count)])))
        #expect(T.numbers(table, 0) == [12.5, 1234.75])
        #expect(T.numbers(table, 1) == [1234, 2000])
    }

    @Test func tabFile() throws {
        let table = try #require(T.table(T.read("a\tb\n1,5\t2\n", [T.column("a", .number), T.column("b", .count)])))
        #expect(T.numbers(table, 0) == [1.5])
        #expect(T.numbers(table, 1) == [2])
    }

    @Test func givenDelimiterOverridesDetection() throws {
        let text = "a;b,c\n1;2,3\n"
        let table = try #require(T.table(T.read(text, [T.column("a;b", .text), T.column("c", .text)],
                                                options: CSVOptions(delimiter: UInt8(ascii: ",")))))
        #expect(T.strings(table, 0) == ["1;2"])
        #expect(T.strings(table, 1) == ["3"])
        let detected = try #require(T.table(T.read(text, [T.column("b,c", .number)])))
        #expect(T.numbers(detected, 0) == [2.3])
    }

    @Test func unusableDelimiters() {
        for byte in [UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0] {
            let issues = T.failure(T.read("a,b\n1,2\n", [T.column("a", .count)], options: CSVOptions(delimiter: byte)))
            #expect(issues.map(\.code) == ["D0024"])
        }
        // Any other byte will do, even an unusual one.
        let table = T.table(T.read("a|b\n1|2\n", [T.column("b", .count)], options: CSVOptions(delimiter: UInt8(ascii: "|"))))
        #expect(table.map { T.numbers($0, 0) } == [2])
    }

    @Test func countAcceptsWholeDecimals() throws {
        let table = try #require(T.table(T.read("c\n12.0\n1e3\n-0\n7,00\n", [T.column("c", .count)],
                                                options: CSVOptions(delimiter: UInt8(ascii: ";")))))
        #expect(T.numbers(table, 0) == [12, 1000, 0, 7])
        #expect(T.numbers(table, 0)[2].sign == .plus)
    }

    @Test func textInterningAndTrimming() throws {
        let text = "t\nb\n a \n\"a\"\nb\n\"\"\n\"c,d\"\n"
        let table = try #require(T.table(T.read(text, [T.column("t", .text)])))
        #expect(T.texts(table, 0).values == ["b", "a", "c,d"])
        #expect(T.texts(table, 0).codes == [0, 1, 1, 0, 2])
    }

    @Test func flagsOfAllSpellingsInOneColumn() throws {
        let spellings = CellParserTests.yes + CellParserTests.no
        let text = "f\n" + spellings.map { "\($0)\n" }.joined()
        let table = try #require(T.table(T.read(text, [T.column("f", .flag)])))
        #expect(T.flags(table, 0) == CellParserTests.yes.map { _ in Truth.yes } + CellParserTests.no.map { _ in Truth.no })
    }

    @Test func rowNumbersCountRecordsAndBlankLines() throws {
        let text = "id,t\n1,\"two\nlines\"\n\n3,x\r\n4,y"
        let table = try #require(T.table(T.read(text, [T.column("id", .count), T.column("t", .text)])))
        #expect(table.rowCount == 3)
        #expect(table.rowNumbers == [2, 4, 5])
        #expect(T.strings(table, 1) == ["two\nlines", "x", "y"])
    }

    @Test func headerOnlyIsZeroRows() throws {
        for text in ["a,b\n", "a,b", "a,b\r\n\r\n"] {
            let table = try #require(T.table(T.read(text, [T.column("a", .number), T.column("b", .text)])))
            #expect(table.rowCount == 0)
            #expect(table.columns.map(\.count) == [0, 0])
            #expect(table.issues.isEmpty)
        }
    }

    @Test func trailingDelimiterOnEveryLine() throws {
        let text = "a;b;\n1;2;\n3;4\n"
        let table = try #require(T.table(T.read(text, [T.column("a", .number), T.column("b", .number)])))
        #expect(T.numbers(table, 0) == [1, 3])
        #expect(T.numbers(table, 1) == [2, 4])
        #expect(describe(TableReader.readHeader(input: ByteInput(bytes: Array(text.utf8)), path: "t.csv",
                                                options: CSVOptions())) == "ok: a|b")
        // A value in the dropped column is one field too many.
        let issues = T.failure(T.read("a,b,\n1,2,3\n", [T.column("a", .number)]))
        #expect(issues.map(\.code) == ["D0007"])
        #expect(issues.first?.message.en.contains("3 fields instead of 2") == true)
    }

    @Test func byteOrderMarkIsStripped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,n\n1,2\n".utf8)
        let table = try #require(T.table(T.read(bytes, [T.column("id", .number), T.column("n", .number)])))
        #expect(T.numbers(table, 0) == [1])
        #expect(describe(TableReader.readHeader(input: ByteInput(bytes: bytes), path: "t.csv", options: CSVOptions()))
                == "ok: id|n")
    }

    @Test func everyBlockSizeGivesTheSameTable() throws {
        let text = "\u{FEFF}id;name;n;f;;\r\n1;\"Школа; №1\";1 234,5;да;;\r\n2;\"a \"\"b\"\"\nc\";-7;Нет;;\r\n\r\n3;;;;;\r\n"
        let columns = [T.column("id", .count), T.column("name", .text), T.column("n", .number), T.column("f", .flag)]
        let reference = try #require(T.table(T.read(text, columns)))
        #expect(reference.rowCount == 3)
        #expect(T.strings(reference, 1) == ["Школа; №1", "a \"b\"\nc", nil])
        #expect(T.same(T.numbers(reference, 2), [1234.5, -7, .nan]))
        #expect(reference.rowNumbers == [2, 3, 5])
        for blockSize in 1...9 {
            let table = try #require(T.table(T.read(text, columns, options: CSVOptions(blockSize: blockSize))))
            #expect(table.rowNumbers == reference.rowNumbers)
            #expect(T.strings(table, 1) == T.strings(reference, 1))
            #expect(T.same(T.numbers(table, 2), T.numbers(reference, 2)))
            #expect(T.flags(table, 3) == [.yes, .no, .unknown])
        }
    }

    // MARK: Header mapping

    @Test func headersMatchExactlyThenIgnoringCaseThenSpaces() throws {
        let text = " School  Name ,Year,year2\nA,2020,1\n"
        let table = try #require(T.table(T.read(text, [
            ColumnRequest(name: "n", header: "school name", type: .text),
            ColumnRequest(name: "y", header: "Year", type: .count),
            ColumnRequest(name: "y2", header: "YEAR2", type: .count),
        ])))
        #expect(T.strings(table, 0) == ["A"])
        #expect(T.numbers(table, 1) == [2020])
        #expect(T.numbers(table, 2) == [1])
        // Exact wins over a case-insensitive duplicate.
        let both = try #require(T.table(T.read("Year,year\n1,2\n", [T.column("year", .count)])))
        #expect(T.numbers(both, 0) == [2])
    }

    @Test func missingColumnWithDidYouMean() {
        let issues = T.failure(T.read("medalists,year\n1,2\n", [T.column("medalist", .count), T.column("year", .count)]))
        #expect(issues.count == 1)
        let issue = issues[0]
        #expect(issue.code == "D0005")
        #expect(issue.severity == .error)
        #expect(issue.row == 1)
        #expect(issue.column == "medalist")
        #expect(issue.message.ru == "в файле нет столбца «medalist»")
        #expect(issue.hint?.en == "did you mean \"medalists\"?")
    }

    @Test func missingColumnListsTheColumnsOrSuspectsTheDelimiter() {
        let far = T.failure(T.read("alpha,beta\n1,2\n", [T.column("zzz", .count)]))
        #expect(far.first?.hint?.en == "the file's columns: \"alpha\", \"beta\"")
        let single = T.failure(T.read("alpha|beta|gamma\n1|2|3\n", [T.column("beta", .count)]))
        #expect(single.first?.hint?.en.contains("delimiter") == true)
    }

    @Test func duplicateHeaderThatIsUsed() {
        let issues = T.failure(T.read("a,b,a\n1,2,3\n", [T.column("a", .count)]))
        #expect(issues.map(\.code) == ["D0006"])
        #expect(issues.first?.message.en.contains("columns 1, 3") == true)
        // A duplicate nobody asks for is fine.
        #expect((try? T.read("a,b,a\n1,2,3\n", [T.column("b", .count)]).get())?.rowCount == 1)
    }

    @Test func cellsOfOtherColumnsAreStillCheckedWhenAColumnIsMissing() {
        let issues = T.failure(T.read("a,b\nx,1\n", [T.column("a", .number), T.column("c", .number)]))
        #expect(Set(issues.map(\.code)) == ["D0005", "D0013"])
    }

    // MARK: Encodings

    @Test func windows1251FileIsDetectedAndDecoded() throws {
        let bytes = DataTest.cp1251("школа;доля;флаг;n\r\nМБОУ СОШ №1;12,5%;Да;1\u{A0}234,5\r\nЛицей;0,5;нет;7\r\n")
        let table = try #require(T.table(T.read(bytes, [
            T.column("школа", .text), T.column("доля", .share), T.column("флаг", .flag), T.column("n", .number),
        ])))
        #expect(T.strings(table, 0) == ["МБОУ СОШ №1", "Лицей"])
        #expect(T.numbers(table, 1) == [0.125, 0.5])
        #expect(T.flags(table, 2) == [.yes, .no])
        #expect(T.numbers(table, 3) == [1234.5, 7])
    }

    @Test func forcedEncoding() throws {
        let bytes = Array("t\nшкола\n".utf8)
        let table = try #require(T.table(T.read(bytes, [T.column("t", .text)],
                                                options: CSVOptions(encoding: .windows1251))))
        #expect(T.strings(table, 0) == ["С€РєРѕР»Р°"])
        let cp = DataTest.cp1251("t\nшкола\n")
        let issues = T.failure(T.read(cp, [T.column("t", .text)], options: CSVOptions(encoding: .utf8)))
        #expect(issues.map(\.code) == ["D0011"])
    }

    @Test func invalidUTF8InATextCellNamesRowAndColumn() {
        let bytes = Array("id,name\n1,ok\n2,".utf8) + [0x61, 0xFF, 0x62] + Array("\n3,fine\n".utf8)
        // Valid UTF-8 in the first 64 KiB would be needed for UTF-8 detection: force it here.
        let issues = T.failure(T.read(bytes, [T.column("id", .count), T.column("name", .text)],
                                      options: CSVOptions(encoding: .utf8)))
        #expect(issues.count == 1)
        #expect(issues.first?.code == "D0011")
        #expect(issues.first?.row == 3)
        #expect(issues.first?.column == "name")
        #expect(issues.first?.value == "a\u{FFFD}b")
    }

    @Test func invalidUTF8AfterTheDetectionWindowIsAnError() throws {
        let filler = String(repeating: "1,x\n", count: TextEncoding.detectionWindow / 4 + 10)
        let bytes = Array("id,name\n\(filler)".utf8) + Array("2,".utf8) + [0xE4, 0xE0] + Array("\n".utf8)
        let issues = T.failure(T.read(bytes, [T.column("name", .text)]))
        #expect(issues.map(\.code) == ["D0011"])
        #expect(issues.first?.row == TextEncoding.detectionWindow / 4 + 10 + 2)
    }

    @Test func invalidHeaderEncoding() {
        let bytes = Array("a,".utf8) + [0xFF] + Array("\n1,2\n".utf8)
        let issues = T.failure(T.read(bytes, [T.column("a", .count)], options: CSVOptions(encoding: .utf8)))
        #expect(issues.map(\.code) == ["D0012"])
        #expect(issues.first?.value == "\u{FFFD}")
    }

    @Test func utf16IsRefused() {
        let issues = T.failure(T.read([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00], [T.column("a", .count)]))
        #expect(issues.map(\.code) == ["D0003"])
        #expect(issues.first?.row == nil)
    }

    // MARK: Cell errors

    struct CellError: Sendable, CustomTestStringConvertible {
        let type: ColumnType
        let cell: String
        let code: String
        var delimiter = ","
        var testDescription: String { "\(type) \(cell.debugDescription) → \(code)" }
    }

    static let cellErrors: [CellError] = [
        CellError(type: .number, cell: "abc", code: "D0013"),
        CellError(type: .number, cell: "12 5", code: "D0013"),
        CellError(type: .number, cell: "\"12,5\"", code: "D0014"),
        CellError(type: .share, cell: "\"0,5\"", code: "D0014"),
        CellError(type: .number, cell: "12%", code: "D0015"),
        CellError(type: .count, cell: "12,5%", code: "D0015", delimiter: ";"),
        CellError(type: .count, cell: "12.5", code: "D0016"),
        CellError(type: .count, cell: "abc", code: "D0013"),
        CellError(type: .count, cell: "-3", code: "D0017"),
        CellError(type: .count, cell: "9007199254740993", code: "D0018"),
        CellError(type: .count, cell: "9007199254740992", code: "D0018"),
        CellError(type: .count, cell: "1e300", code: "D0018"),
        CellError(type: .number, cell: "1e999", code: "D0023"),
        CellError(type: .flag, cell: "ага", code: "D0019"),
        CellError(type: .flag, cell: "2", code: "D0019"),
        CellError(type: .percent, cell: "много", code: "D0013"),
        CellError(type: .share, cell: "x%", code: "D0013"),
    ]

    @Test(arguments: cellErrors)
    func everyCellErrorNamesRowColumnAndValue(_ error: CellError) {
        let d = error.delimiter
        let text = "id\(d)v\n1\(d)0\n2\(d)\(error.cell)\n"
        let issues = T.failure(T.read(text, [T.column("id", .count), T.column("v", error.type)]))
        #expect(issues.count == 1)
        guard let issue = issues.first else { return }
        #expect(issue.code == error.code)
        #expect(issue.severity == .error)
        #expect(issue.row == 3)
        #expect(issue.column == "v")
        #expect(issue.value == error.cell.replacingOccurrences(of: "\"", with: ""))
        #expect(issue.path == "t.csv")
        #expect(!issue.message.ru.isEmpty && !issue.message.en.isEmpty)
        #expect(issue.hint != nil)
    }

    @Test func messagesOfTheCommonCellErrors() {
        let issues = T.failure(T.read("medalists,f\nabc,ага\n", [T.column("medalists", .count), T.column("f", .flag)]))
        #expect(issues.count == 2)
        #expect(issues[0].message.ru == "ожидается число")
        #expect(issues[0].hint?.ru
                == "исправьте ячейку; если данных нет, оставьте её пустой — пустая ячейка читается как пропуск")
        #expect(issues[1].message.en.contains("да/нет, д/н, yes/no, y/n, true/false, истина/ложь, 1/0, +/-"))
        let whole = T.failure(T.read("medalists\n1.5\n", [T.column("medalists", .count)]))
        #expect(whole.first?.message.ru == "ожидается целое число; если дробные значения здесь возможны (средний балл), объявите столбец как число")
        #expect(whole.first?.message.en == "a whole number is expected; if fractions belong here (an average), declare the column as number")
        let negative = T.failure(T.read("medalists\n-3\n", [T.column("medalists", .count)]))
        #expect(negative.first?.message.ru == "количество не может быть отрицательным; если отрицательные значения здесь возможны (разница, прирост), объявите столбец как число")
        let date = T.failure(T.read("d\n31.02.2024\n", [T.column("d", .date)]))
        #expect(date.map(\.code) == ["D0040"])
        #expect(date.first?.message.ru == "ожидается дата (01.09.2024, 2024-09-01 или номер дня Excel)", "the value is not repeated: the renderer adds it")
        #expect(date.first?.message.en == "a date is expected (01.09.2024, 2024-09-01 or an Excel day number)")
        #expect(date.first?.value == "31.02.2024")
        #expect(whole.first?.value == "1.5")
        let percent = T.failure(T.read("n\n5%\n", [T.column("n", .number)]))
        #expect(percent.first?.hint?.en == "declare the column as share or percent")
    }

    @Test func longValuesAreShortenedTo60Characters() {
        let long = String(repeating: "ж", count: 100)
        let issues = T.failure(T.read("n\n\(long)\n", [T.column("n", .number)]))
        #expect(issues.first?.value == String(repeating: "ж", count: 59) + "…")
        #expect(DataIssue.shortened(String(repeating: "x", count: 60)) == String(repeating: "x", count: 60))
        #expect(DataIssue.shortened("a\u{0}b") == "a\u{FFFD}b")
    }

    @Test func allErrorsOfARunAreReported() {
        let text = "a,b,c\nx,1,да\n2,y,нет\n3,4,может\n5,6\n"
        let issues = T.failure(T.read(text, [T.column("a", .number), T.column("b", .count), T.column("c", .flag)]))
        #expect(issues.map(\.code) == ["D0013", "D0013", "D0019", "D0007"])
        #expect(issues.map(\.row) == [2, 3, 4, 5])
        #expect(issues.map(\.column) == ["a", "b", "c", nil])
        #expect(issues.last?.message.en == "the row has 2 fields instead of 3: fewer than the header has columns")
    }

    // MARK: Row structure errors

    @Test func raggedRows() {
        let issues = T.failure(T.read("a,b,c\n1,2\n1,2,3,4\n1,2,3\n", [T.column("a", .count)]))
        #expect(issues.map(\.code) == ["D0007", "D0007"])
        #expect(issues.map(\.row) == [2, 3])
        #expect(issues[0].message.ru.contains("полей в строке: 2, а столбцов в заголовке: 3"))
        #expect(issues[1].message.en == "the row has 4 fields instead of 3: more than the header has columns")
    }

    @Test func unterminatedQuote() {
        let issues = T.failure(T.read("a,b\n1,2\n3,\"open\n4,5\n", [T.column("a", .count)]))
        #expect(issues.map(\.code) == ["D0008"])
        #expect(issues.first?.row == 3)
        let inHeader = T.failure(T.read("a,\"b\n1,2\n", [T.column("a", .count)]))
        #expect(inHeader.map(\.code) == ["D0008"])
        #expect(inHeader.first?.row == 1)
    }

    @Test func emptyFiles() {
        for bytes in [[], [0xEF, 0xBB, 0xBF], Array("\n\n".utf8), Array("\r\n".utf8), Array(",,\n".utf8)] as [[UInt8]] {
            let issues = T.failure(T.read(bytes, [T.column("a", .count)]))
            #expect(issues.map(\.code) == ["D0002"], "\(bytes)")
            #expect(issues.first?.row == nil)
            #expect(describe(TableReader.readHeader(input: ByteInput(bytes: bytes), path: "t.csv",
                                                    options: CSVOptions())) == "failed: D0002")
        }
    }

    @Test func nulBytes() {
        let bytes = Array("a,b\n1,2\n3,".utf8) + [0x00] + Array("\n5,6\n".utf8)
        let issues = T.failure(T.read(bytes, [T.column("a", .count), T.column("b", .count)]))
        #expect(issues.map(\.code) == ["D0010"])
        #expect(issues.first?.row == 3)
        // Even in lenient mode: NUL means this is not a text file.
        let lenient = T.failure(T.read(bytes, [T.column("a", .count)], options: CSVOptions(lenient: true)))
        #expect(lenient.map(\.code) == ["D0010"])
    }

    // MARK: Lenient mode and the cap

    @Test func lenientModeMakesBadCellsMissingAndCountsThem() throws {
        let text = "a,b,c,t\nx,1,да,ok\n2,-1,может,ok\n3,4\n5,6,нет,ok\n"
        let table = try #require(T.table(T.read(text, [
            T.column("a", .number), T.column("b", .count), T.column("c", .flag), T.column("t", .text),
        ], options: CSVOptions(lenient: true))))
        #expect(table.rowCount == 4)
        #expect(T.same(T.numbers(table, 0), [.nan, 2, .nan, 5]))
        #expect(T.same(T.numbers(table, 1), [1, .nan, .nan, 6]))
        #expect(T.flags(table, 2) == [.yes, .unknown, .unknown, .no])
        #expect(T.strings(table, 3) == ["ok", "ok", nil, "ok"])
        // x, -1, может, and the four requested cells of the short row.
        #expect(table.cellsMadeMissing == 7)
        #expect(table.issues.map(\.code) == ["D0013", "D0017", "D0019", "D0007"])
        #expect(table.issues.allSatisfy { $0.severity == .warning })
        #expect(table.issues[0].hint?.en == "the cell was read as missing")
        #expect(table.rowNumbers == [2, 3, 4, 5])
    }

    @Test func issuesAreCappedWithACountOfTheRest() {
        let text = "n\n" + (1...10).map { "bad\($0)\n" }.joined()
        let issues = T.failure(T.read(text, [T.column("n", .number)], options: CSVOptions(maxIssues: 3)))
        #expect(issues.count == 4)
        #expect(issues.prefix(3).map(\.row) == [2, 3, 4])
        #expect(issues.last?.code == "D0022")
        #expect(issues.last?.severity == .error)
        #expect(issues.last?.message.en == "D0013: 7 more not shown")
        #expect(issues.last?.message.ru == "D0013: ещё 7 не показано")
        let lenient = T.table(T.read(text, [T.column("n", .number)], options: CSVOptions(lenient: true, maxIssues: 2)))
        #expect(lenient?.issues.map(\.code) == ["D0013", "D0013", "D0022"])
        #expect(lenient?.issues.last?.severity == .warning)
        #expect(lenient?.cellsMadeMissing == 10)
    }

    // MARK: Column warnings

    @Test func implausibleShareWarnsOncePerColumn() throws {
        let text = "s,t\n0.5,1\n12,2\n0.25,3\n40,4\n50%,5\n"
        let table = try #require(T.table(T.read(text, [T.column("s", .share), T.column("t", .share)])))
        #expect(T.numbers(table, 0) == [0.5, 12, 0.25, 40, 0.5])
        #expect(table.issues.count == 2)
        let first = table.issues[0]
        #expect(first.code == "D0020")
        #expect(first.severity == .warning)
        #expect(first.column == "s")
        #expect(first.row == 3)
        #expect(first.message.en.contains("2 rows, the first is row 3"))
        #expect(table.issues[1].column == "t")
        #expect(table.issues[1].message.en.contains("4 rows, the first is row 3"))
    }

    @Test func percentColumnThatLooksLikeFractions() throws {
        let fractions = try #require(T.table(T.read("p\n0.5\n0.25\n1\n0\n\n", [T.column("p", .percent)])))
        #expect(T.numbers(fractions, 0) == [0.005, 0.0025, 0.01, 0])
        #expect(fractions.issues.map(\.code) == ["D0021"])
        #expect(fractions.issues.first?.hint?.en == "declare the column as share")
        // Whole percentages, a value above 1, or a % sign: no warning.
        for text in ["p\n0\n1\n", "p\n0.5\n12\n", "p\n0.5%\n0.25\n", "p\n\n"] {
            let table = try #require(T.table(T.read(text, [T.column("p", .percent)])))
            #expect(table.issues.isEmpty, "\(text)")
        }
    }

    // MARK: Files

    @Test func readsAFileFromDisk() throws {
        let path = T.temporaryFile(Array("id;v\r\n1;2,5\r\n".utf8))
        defer { T.remove(path) }
        let table = try #require(T.table(TableReader.read(path: path, columns: [T.column("v", .number)])))
        #expect(T.numbers(table, 0) == [2.5])
        #expect(table.path == path)
        #expect(describe(TableReader.readHeader(path: path)) == "ok: id|v")
    }

    @Test func readsFromAPipe() throws {
        var descriptors: [Int32] = [0, 0]
        try #require(pipe(&descriptors) == 0)
        let writer = descriptors[1]
        let text = "id;v\r\n" + (1...20_000).map { "\($0);\($0),5\r\n" }.joined()
        let bytes = Array(text.utf8)
        let thread = Thread {
            bytes.withUnsafeBufferPointer { buffer in
                var written = 0
                while written < buffer.count, let base = buffer.baseAddress {
                    let count = write(writer, base + written, buffer.count - written)
                    if count <= 0 { break }
                    written += count
                }
            }
            close(writer)
        }
        thread.start()
        let path = "/dev/fd/\(descriptors[0])"
        let table = try #require(T.table(TableReader.read(path: path, columns: [T.column("v", .number)],
                                                          options: CSVOptions(blockSize: 4096))))
        close(descriptors[0])
        #expect(table.rowCount == 20_000)
        #expect(T.numbers(table, 0).last == 20_000.5)
    }

    @Test func missingFile() {
        let path = "/nonexistent/soko/data.csv"
        let issues = T.failure(TableReader.read(path: path, columns: [T.column("a", .count)]))
        #expect(issues.map(\.code) == ["D0001"])
        #expect(issues.first?.path == path)
        #expect(issues.first?.message.en == "I cannot open the data file: no such file or folder")
        #expect(issues.first?.message.ru == "не удаётся открыть файл данных: нет такого файла или папки")
        #expect(describe(TableReader.readHeader(path: path)) == "failed: D0001")
        let directory = T.failure(TableReader.read(path: "/tmp", columns: [T.column("a", .count)]))
        #expect(directory.map(\.code) == ["D0001"])
    }
}

/// A header read as one comparable line: `ok: a|b` or `failed: D0002`.
func describe(_ result: Result<[String], DataReadFailure>) -> String {
    switch result {
    case .success(let names): "ok: " + names.joined(separator: "|")
    case .failure(let failure): "failed: " + failure.issues.map(\.code).joined(separator: " ")
    }
}
