// The sheet writer's shortcuts give what the plain ways give: whole numbers written two digits
// at a time, a column read through pointers (`ColumnCells`) against `Column.value(at:)`, and
// the shared-string numbers of texts seen lately, read in place.
import Testing
@testable import Soko

@Suite struct WorkbookFastPathTests {
    @Test func wholeNumbersAsSwiftWritesThem() {
        var values = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12_345, 100_000, 999_999, 1_000_000, 2024,
                      Int.max, Int.min, Int.min + 1, -1, -10, -99, -100, -2024]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -power]
        }
        var xml = SheetXML(capacity: 4)
        var expected: [UInt8] = []
        for value in values {
            xml.put(value)
            xml.put(",")
            expected += Array("\(value),".utf8)
        }
        #expect(String(decoding: xml.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test func columnCellsAreTheCellsOfTheValues() {
        let columns: [Column] = [
            .numbers([0.25, .nan, 3, -1.5, 1e-7, 12]),
            .flags([Truth.yes.rawValue, Truth.no.rawValue, Truth.unknown.rawValue, Truth.yes.rawValue, Truth.no.rawValue, Truth.unknown.rawValue]),
            .texts([0, -1, 1, 1, 0, 2], dictionary: ["а", "b & c", ""]),
            .constant(.text("всё")),
            .constant(.number(0.5)),
            .constant(.missing),
        ]
        let keeper = ColumnKeeper()
        defer { withExtendedLifetime(keeper) {} }
        for column in columns {
            for type in [ValueType.number, .count, .share, .flag, .text] {
                let reader = ColumnCells(column, type: type, keeper: keeper)
                for entity in 0..<6 {
                    #expect(reader.cell(entity) == XLSXReport.cell(column.value(at: entity), type: type))
                    let text: String? = if case .text(let value) = column.value(at: entity) { value } else { nil }
                    #expect(reader.text(entity) == text)
                }
            }
        }
    }

    @Test func recentTextsKeepTheirSharedNumbers() {
        let strings = SharedStrings()
        var xml = SheetXML(strings: strings)
        let texts = (0..<3000).map { "школа \($0 % 1500)" } + ["a", "b", "a", "школа 7", "длинное название школы номер 1"]
        for text in texts { xml.text(text, style: "") }
        xml.put("|")
        var expected: [UInt8] = []
        for text in texts { expected += Array(" t=\"s\"><v>\(strings.index(of: text))</v></c>".utf8) }
        expected += Array("|".utf8)
        #expect(xml.bytes == expected)
        #expect(strings.count == 1503)
    }
}

/// The big sheets are written without making their cells (`WorkbookSheet.write`): the same XML
/// and the same shared strings as their cells give, row by row.
@Suite struct WorkbookDirectRowsTests {
    /// The sheet's XML and shared strings, every row after the header written by `write` when
    /// `direct`, else from its cells.
    static func written(_ sheet: WorkbookSheet, direct: Bool) -> (String, [String]) {
        var sheet = sheet
        if !direct { sheet.write = nil }
        let strings = SharedStrings()
        let stream = DeflateStream(workers: 0)
        XLSXWriter.worksheet(sheet, selected: false, into: stream, strings: strings, sampleRows: 0)
        let (compressed, _, size) = stream.finished()
        let xml = String(decoding: Deflate.inflate(compressed[...], expectedSize: size) ?? [], as: UTF8.self)
        return (xml, (0..<strings.count).map { strings.text($0) })
    }

    /// The sheets written with direct rows (the fired rules and the indicators), as the report makes them.
    static func directSheets(_ evaluation: Evaluation, periods: Set<Int>? = nil) -> [WorkbookSheet] {
        let groupBy = Summary.defaultGroup(of: evaluation.program)
        let summary = Summary(evaluation: evaluation, groupBy: groupBy, periods: periods)
        return XLSXReport.sheets(evaluation, summary: summary, language: .ru, groupBy: groupBy).filter { $0.write != nil }
    }

    static func compare(_ evaluation: Evaluation, periods: Set<Int>? = nil) {
        let sheets = directSheets(evaluation, periods: periods)
        #expect(sheets.count == 2)
        for sheet in sheets {
            let (direct, directStrings) = written(sheet, direct: true)
            let (plain, plainStrings) = written(sheet, direct: false)
            #expect(direct == plain, "\(sheet.name)")
            #expect(directStrings == plainStrings, "\(sheet.name)")
            // Every row, one after the other: none needs its number.
            #expect(direct.components(separatedBy: "<row>").count - 1 == sheet.rowCount && !direct.contains("<row r="))
        }
    }

    @Test(arguments: ["sovetsky", "svetlogorsk", "malyshevsky", "alexandrovsky"])
    func municipalWorkbooks(_ municipality: String) throws {
        Self.compare(try MunicipalExamplesTests.evaluate(municipality))
    }

    @Test func aChosenPeriodMissingValuesAndTextIndicators() throws {
        // Gaps (a missing share, a missing name), a text indicator, flags, a composite key.
        let csv = """
            school,subject,year,name,part,whole,note,open
            1,math,2023,Школа «1» & Co,1,4,,true
            1,math,2024,,3,4,x < y,false
            2,rus,2023,Школа 2,,5,y,
            2,rus,2024,Школа 2,2,0,x < y,true
            3,math,2024,  пробелы  ,5,5,,false
            """
        let evaluation = try Support.evaluate(rules: Self.rules, csv: csv)
        Self.compare(evaluation)
        Self.compare(evaluation, periods: [2024])
    }

    /// Rules with gaps, a text indicator, flags, a composite key and a filled recommendation
    /// (columns school, subject, year, name, part, whole, note, open).
    static let rules = """
            dataset schools {
              key school, subject
              period year
              label name
              column part: count
              column whole: count
              column note: text
              column open: flag
            }
            indicator share = part / whole
            indicator note_text = note
            rule low {
              when share < 50%
              severity high
              recommend "доля {share}"
            }
            rule closed {
              when open = false
              severity low
            }
            """
}

