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
        for column in columns {
            for type in [ValueType.number, .count, .share, .flag, .text] {
                let reader = ColumnCells(column, type: type)
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
