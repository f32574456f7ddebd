// Table tests of the CSV state machine: line ends, quoting, blank lines, and every block size.
import Testing
@testable import Soko

@Suite struct CSVReaderTests {
    /// One case: input text, the fields of each record, and each record's row.
    struct Case: CustomTestStringConvertible, Sendable {
        let input: String
        let fields: [[String]]
        let rows: [Int]
        var testDescription: String { input.debugDescription }

        init(_ input: String, _ fields: [[String]], rows: [Int]? = nil) {
            self.input = input
            self.fields = fields
            self.rows = rows ?? Array(1...max(1, fields.count)).prefix(fields.count).map { $0 }
        }
    }

    static let cases: [Case] = [
        // Line ends.
        Case("a,b\nc,d\n", [["a", "b"], ["c", "d"]]),
        Case("a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]),
        Case("a,b\rc,d\r", [["a", "b"], ["c", "d"]]),
        Case("a,b\nc,d", [["a", "b"], ["c", "d"]]),
        Case("a,b\r\nc,d", [["a", "b"], ["c", "d"]]),
        Case("a,b\rc,d", [["a", "b"], ["c", "d"]]),
        Case("a\n", [["a"]]),
        Case("a", [["a"]]),
        Case("a\r\nb\nc\rd", [["a"], ["b"], ["c"], ["d"]]),
        // Empty fields and trailing delimiters.
        Case("a,b,\nc,d,\n", [["a", "b", ""], ["c", "d", ""]]),
        Case("a,b,", [["a", "b", ""]]),
        Case("a,,b\n", [["a", "", "b"]]),
        Case(",a\n", [["", "a"]]),
        Case("a,\n", [["a", ""]]),
        Case("a,\r\n", [["a", ""]]),
        Case("a,\r", [["a", ""]]),
        Case("a,,\n", [["a", "", ""]]),
        // Quoting.
        Case("\"a,b\",c\n", [["a,b", "c"]]),
        Case("\"a\"\"b\",c\n", [["a\"b", "c"]]),
        Case("\"\"\"\",x\n", [["\"", "x"]]),
        Case("\"a\"\"\",x", [["a\"", "x"]]),
        Case("\"\"\"a\",x", [["\"a", "x"]]),
        Case("a,\"\"\n", [["a", ""]]),
        Case("\"\",a\n", [["", "a"]]),
        Case("a,\"\"", [["a", ""]]),
        Case("a,\"b\"", [["a", "b"]]),
        Case("a,\"b\"\r\n", [["a", "b"]]),
        Case("a,\"b\"\r", [["a", "b"]]),
        Case("\"a\nb\",c\nd,e\n", [["a\nb", "c"], ["d", "e"]], rows: [1, 2]),
        Case("\"a\r\nb\",c\r\nd,e\r\n", [["a\r\nb", "c"], ["d", "e"]], rows: [1, 2]),
        Case("\"a\rb\",c\rd,e", [["a\rb", "c"], ["d", "e"]], rows: [1, 2]),
        Case("\"\n\n\",x\ny,z", [["\n\n", "x"], ["y", "z"]], rows: [1, 2]),
        Case("\"a;b\";c\n", [["a;b;c"]]),
        // Doubled quotes after other fields: the field is assembled apart from the block, and
        // the fields before it must not end up inside it when the block is refilled.
        Case("x,\"b\"\"c\",y\n", [["x", "b\"c", "y"]]),
        Case("12,ab,\"Школа \"\"№5\"\";\nкорпус\",7\n8,cd,\"e\"\"\",9", [["12", "ab", "Школа \"№5\";\nкорпус", "7"], ["8", "cd", "e\"", "9"]], rows: [1, 2]),
        Case("a,\"\"\"\"\"\",b,\"c\"\"\"\"d\"\n", [["a", "\"\"", "b", "c\"\"d"]]),
        // Quotes not at a field's start are kept as they are; text after a closing quote too.
        Case("a\"b,c\n", [["a\"b", "c"]]),
        Case("ab\",c\n", [["ab\"", "c"]]),
        Case("\"ab\"c,d\n", [["abc", "d"]]),
        Case("\"ab\"c\"d\",e\n", [["abc\"d\"", "e"]]),
        // Blank lines are skipped but counted as rows, as Excel shows them.
        Case("a,b\n\nc,d\n", [["a", "b"], ["c", "d"]], rows: [1, 3]),
        Case("\n\na\n", [["a"]], rows: [3]),
        Case("\r\n\r\na\r\n", [["a"]], rows: [3]),
        Case("\r\ra\r", [["a"]], rows: [3]),
        Case("a\r\r\nb", [["a"], ["b"]], rows: [1, 3]),
        Case("a\n\n\n", [["a"]]),
        Case("a,b\n,\nc,d\n", [["a", "b"], ["c", "d"]], rows: [1, 3]),
        Case("a,b\n\"\",\"\"\nc,d\n", [["a", "b"], ["c", "d"]], rows: [1, 3]),
        Case("", []),
        Case("\n", []),
        Case("\r\n\r\n", []),
        // Spaces are content (trimming is the typing's business).
        Case(" a , b \n", [[" a ", " b "]]),
        Case(" \n", [[" "]]),
        // Non-ASCII passes through as bytes.
        Case("школа,№ 5\nЁлка,да\n", [["школа", "№ 5"], ["Ёлка", "да"]]),
    ]

    @Test(arguments: cases)
    func recordsAndRows(_ testCase: Case) {
        let records = DataTest.records(testCase.input)
        #expect(records.map(\.fields) == testCase.fields)
        #expect(records.map(\.row) == testCase.rows)
        #expect(records.allSatisfy { !$0.hasNul && !$0.unterminatedQuote && $0.overlongField == -1 })
    }

    /// Every block size from 1 byte to past the input gives the same records: fields, quotes,
    /// doubled quotes and line ends cut at every offset.
    @Test(arguments: cases)
    func everyBlockBoundary(_ testCase: Case) {
        let whole = DataTest.records(testCase.input)
        let length = testCase.input.utf8.count
        for blockSize in 1...max(1, length + 1) {
            let records = DataTest.records(testCase.input, blockSize: blockSize)
            #expect(records == whole, "block size \(blockSize)")
        }
    }

    @Test func semicolonAndTabDelimiters() {
        #expect(DataTest.fields("a;b;12,5\n\"x;y\";z;\n", delimiter: UInt8(ascii: ";"))
                == [["a", "b", "12,5"], ["x;y", "z", ""]])
        #expect(DataTest.fields("a\tb\tc\n1\t\t3\n", delimiter: UInt8(ascii: "\t"))
                == [["a", "b", "c"], ["1", "", "3"]])
        // With a tab delimiter, a comma is content.
        #expect(DataTest.fields("a,b\tc\n", delimiter: UInt8(ascii: "\t")) == [["a,b", "c"]])
        // With a comma delimiter, a tab is content.
        #expect(DataTest.fields("a\tb,c\n") == [["a\tb", "c"]])
    }

    @Test func controlBytesOtherThanLineEndsAreContent() {
        let input: [UInt8] = [0x61, 0x01, 0x0B, 0x0C, 0x2C, 0x62, 0x0A]
        let records = DataTest.records(input, blockSize: 3)
        #expect(records.count == 1)
        #expect(records.first?.fields == ["a\u{01}\u{0B}\u{0C}", "b"])
        #expect(records.first?.hasNul == false)
    }

    @Test func unterminatedQuoteAtEndOfFile() {
        for blockSize in [1, 2, 3, 1 << 16] {
            let records = DataTest.records("a,b\n\"c,d\ne,f", blockSize: blockSize)
            #expect(records.count == 2)
            #expect(records.last?.unterminatedQuote == true)
            #expect(records.last?.row == 2)
            #expect(records.last?.fields == ["c,d\ne,f"])
        }
        // Even an empty unterminated field is reported.
        let lone = DataTest.records("a\n\"")
        #expect(lone.count == 2)
        #expect(lone.last?.unterminatedQuote == true)
    }

    @Test func nulBytesMarkTheRecord() {
        let input: [UInt8] = Array("a,b\nc".utf8) + [0] + Array(",d\n\"e".utf8) + [0] + Array("\",f\n".utf8)
        for blockSize in [1, 2, 5, 1 << 16] {
            let records = DataTest.records(input, blockSize: blockSize)
            #expect(records.map(\.hasNul) == [false, true, true])
            #expect(records.map(\.row) == [1, 2, 3])
            #expect(records[1].fields == ["c\u{0}", "d"])
            #expect(records[2].fields == ["e\u{0}", "f"])
        }
    }

    @Test func fieldLongerThanTheLimitIsMarkedAndCut() {
        let long = String(repeating: "x", count: CSVReader.fieldLengthLimit + 10)
        for blockSize in [1 << 16, 1 << 20, 3 << 20] {
            let records = DataTest.records("a,b\nc,\(long),d\ne,f\n", blockSize: blockSize)
            #expect(records.count == 3)
            #expect(records[1].overlongField == 1)
            #expect(records[1].fields[1].utf8.count <= CSVReader.fieldLengthLimit + 10)
            #expect(records[1].fields[2] == "d")
            #expect(records[2].fields == ["e", "f"])
            #expect(records[2].overlongField == -1)
        }
        let quoted = "\"" + String(repeating: "y", count: CSVReader.fieldLengthLimit + 1) + "\",z"
        let records = DataTest.records(quoted, blockSize: 1 << 16)
        #expect(records.first?.overlongField == 0)
        #expect(records.first?.fields[0].utf8.count == CSVReader.fieldLengthLimit)
        #expect(records.first?.fields[1] == "z")
    }

    @Test func onlyTheSelectedFieldsAreKept() {
        let reader = CSVReader(input: ByteInput(bytes: Array("a,b,c,d\n1,2,3,4\n5,6,7\n".utf8)), blockSize: 3)
        let slots = reader.select(columns: [3, 1], columnCount: 4)
        #expect(slots == [1, 0])
        struct Picker: CSVRecordConsumer {
            var seen: [[String?]] = []
            mutating func consume(_ record: CSVRecord) -> Bool {
                seen.append([0, 1].map { slot in record.field(slot: slot).map { String(decoding: $0, as: UTF8.self) } })
                return true
            }
        }
        var picker = Picker()
        #expect(reader.scan(&picker) == .finished)
        #expect(picker.seen == [["b", "d"], ["2", "4"], ["6", nil]])
    }

    @Test func stoppingAfterTheFirstRecordAndGoingOn() {
        let reader = CSVReader(input: ByteInput(bytes: Array("h1,h2\r\n1,2\r\n3,4".utf8)), blockSize: 4)
        reader.selectAll()
        struct First: CSVRecordConsumer {
            var fields: [String] = []
            mutating func consume(_ record: CSVRecord) -> Bool {
                fields = (0..<record.fieldCount).map { String(decoding: record.field(slot: $0)!, as: UTF8.self) }
                return false
            }
        }
        var first = First()
        #expect(reader.scan(&first) == .stopped)
        #expect(first.fields == ["h1", "h2"])
        var rest = RecordCollector()
        #expect(reader.scan(&rest) == .finished)
        #expect(rest.records.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(rest.records.map(\.row) == [2, 3])
    }

    @Test func delimiterDetection() {
        func detect(_ text: String) -> Character {
            let bytes = Array(text.utf8)
            return Character(Unicode.Scalar(bytes.withUnsafeBufferPointer { CSVReader.detectDelimiter($0) }))
        }
        #expect(detect("a,b,c\n1;2;3;4;5\n") == ",")
        #expect(detect("a;b;c\n") == ";")
        #expect(detect("a\tb\tc\n") == "\t")
        #expect(detect("\"a,b,c\";d\n") == ";")
        #expect(detect("a;b,c\n") == ";")
        #expect(detect("a,b\tc\td\n") == "\t")
        #expect(detect("name\n1,2\n") == ",")
        #expect(detect("\n\na;b\n") == ";")
        #expect(detect("") == ",")
    }
}
