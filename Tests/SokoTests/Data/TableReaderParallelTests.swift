// Tests of reading a file in parts on several threads: the same table, rows and issues as one
// thread whatever the number of parts, and a fallback when a cut falls inside a quoted field.
import Testing
@testable import Soko

@Suite struct TableReaderParallelTests {
    typealias T = DataTest

    static let columns = [
        T.column("id", .count), T.column("name", .text), T.column("share", .share), T.column("flag", .flag),
        T.column("n", .number), T.column("city", .text),
    ]

    /// A table of `rows` rows; `break` puts errors, blank lines and multi-line fields in.
    static func text(rows: Int, errors: Bool, longQuotedFieldInTheMiddle: Bool = false) -> String {
        var text = "id;name;share;flag;n;city;\r\n"
        for row in 0..<rows {
            let name = row % 7 == 0 ? "\"Школа \"\"№\(row % 50)\"\";\nкорпус\"" : "Школа №\(row % 50)"
            var share = row % 11 == 0 ? "12,5%" : "0,\(row % 10)"
            if errors, row % 997 == 0 { share = "\(row % 3 + 2)" }
            var flag = row % 2 == 0 ? "да" : "нет"
            if errors, row % 1499 == 0 { flag = "может" }
            let n = errors && row % 1777 == 5 ? "x\(row)" : "\(row),25"
            text += "\(row);\(name);\(share);\(flag);\(n);Город \(row % 13 == 0 ? "" : String(row % 5));\r\n"
            if row % 500 == 0 { text += "\r\n" }
            if longQuotedFieldInTheMiddle, row == rows / 2 - 100 {
                text += "\(row);\"" + String(repeating: "длинная\nстрока ", count: 2000) + "\";0;да;1;Город;\r\n"
            }
        }
        return text
    }

    /// The steps of `TableReader.read` with the split forced; nil when no split was made.
    static func readSplit(_ bytes: [UInt8], options: CSVOptions) -> Result<LoadedTable, DataReadFailure>? {
        let input = ByteInput(bytes: bytes)
        var issues = IssueCollector(path: "t.csv", cap: options.maxIssues)
        guard let opened = TableReader.open(input: input, path: "t.csv", options: options, issues: &issues) else {
            return nil
        }
        let plans = TableReader.mapColumns(columns, header: opened.header, issues: &issues)
        let fileColumns = plans.map { $0?.column ?? -1 }
        let slots = opened.reader.select(columns: fileColumns, columnCount: opened.header.fieldCount)
        let builder = TableBuilder(requests: columns, plans: plans, slots: slots, opened: opened,
                                   options: options, issues: issues, sizeHint: input.sizeHint)
        return TableReader.readInParts(path: "t.csv", input: input, opened: opened, builder: builder,
                                          columns: fileColumns, options: options)
    }

    static func expectSame(_ left: Result<LoadedTable, DataReadFailure>, _ right: Result<LoadedTable, DataReadFailure>) {
        switch (left, right) {
        case (.success(let a), .success(let b)):
            #expect(a.rowCount == b.rowCount)
            #expect(a.rowNumbers == b.rowNumbers)
            #expect(a.issues == b.issues)
            #expect(a.cellsMadeMissing == b.cellsMadeMissing)
            for index in columns.indices {
                switch (a.columns[index], b.columns[index]) {
                case (.numbers(let x), .numbers(let y)): #expect(T.same(x, y))
                case (.flags(let x), .flags(let y)): #expect(x == y)
                case (.texts(let x, let xv), .texts(let y, let yv)):
                    #expect(x == y)
                    #expect(xv == yv)
                default: Issue.record("column \(index) differs in kind")
                }
            }
        case (.failure(let a), .failure(let b)):
            #expect(a.issues == b.issues)
        default:
            Issue.record("one read failed, the other did not")
        }
    }

    @Test(arguments: [false, true])
    func twoHalvesGiveTheSameTableAsOne(_ lenient: Bool) throws {
        try #require(TableReader.processorCount >= 2, "needs two cores")
        let bytes = Array(Self.text(rows: 6000, errors: lenient).utf8)
        var options = CSVOptions(lenient: lenient, maxIssues: 1000, blockSize: 4096)
        options.splitThreshold = 0
        let split = try #require(Self.readSplit(bytes, options: options))
        var sequential = options
        sequential.parallel = false
        let reference = T.read(bytes, Self.columns, options: sequential)
        Self.expectSame(split, reference)
        let table = try #require(T.table(reference))
        #expect(table.rowCount == 6000)
        // Header 1, 6000 records (a line break inside quotes does not count), 12 blank lines.
        #expect(table.rowNumbers.last == 6013)
        if lenient {
            #expect(table.issues.contains { $0.code == "D0020" })
            #expect(table.issues.filter { $0.code == "D0019" }.map(\.row).count == 5)
            #expect(table.cellsMadeMissing > 0)
        }
        // And through the public entry point, which splits too.
        Self.expectSame(T.read(bytes, Self.columns, options: options), reference)
    }

    @Test func errorsInBothHalvesKeepTheirRowsAndTheCap() throws {
        try #require(TableReader.processorCount >= 2, "needs two cores")
        let bytes = Array(Self.text(rows: 6000, errors: true).utf8)
        for cap in [3, 10, 1000] {
            var options = CSVOptions(maxIssues: cap, blockSize: 4096)
            options.splitThreshold = 0
            let split = try #require(Self.readSplit(bytes, options: options))
            var sequential = options
            sequential.parallel = false
            Self.expectSame(split, T.read(bytes, Self.columns, options: sequential))
            // 9 errors (5 flags, 4 numbers) and one warning (shares above 1), the last one added;
            // each kind capped on its own, with one «N more» line per kind past the cap.
            let issues = T.failure(split)
            #expect(issues.count == min(cap, 5) + min(cap, 4) + 1 + (cap < 5 ? 1 : 0) + (cap < 4 ? 1 : 0))
            if cap == 1000 {
                // Rows: 2 + index + the blank lines before (one after every 500th).
                #expect(issues.filter { $0.code == "D0019" }.map(\.row) == [2, 1504, 3006, 4508, 6010])
                #expect(issues.filter { $0.code == "D0013" }.map(\.row) == [8, 1788, 3569, 5349])
                #expect(issues.last?.code == "D0020")
                #expect(issues.last?.row == 2)
            }
        }
    }

    @Test func aCutInsideAQuotedFieldFallsBackToOneThread() throws {
        try #require(TableReader.processorCount >= 2, "needs two cores")
        let text = Self.text(rows: 3000, errors: false, longQuotedFieldInTheMiddle: true)
        let bytes = Array(text.utf8)
        var options = CSVOptions(blockSize: 1024)
        options.splitThreshold = 0
        // The middle of the data falls in the long quoted field.
        let header = (bytes.firstIndex(of: UInt8(ascii: "\n")) ?? 0) + 1
        let middle = header + (bytes.count - header) / 2
        let before = String(decoding: bytes[..<middle], as: UTF8.self)
        #expect(before.hasSuffix("\"") == false)
        #expect(before.components(separatedBy: "длинная").count > 1)
        let split = try #require(Self.readSplit(bytes, options: options))
        var sequential = options
        sequential.parallel = false
        let reference = T.read(bytes, Self.columns, options: sequential)
        Self.expectSame(split, reference)
        #expect(T.table(reference)?.rowCount == 3001)
    }

    /// A table whose quoted fields hold delimiters and quotes, and line breaks when `multiline`.
    static func quotedText(rows: Int, multiline: Bool) -> String {
        var text = "id;name;share;flag;n;city\n"
        for row in 0..<rows {
            let name = switch row % 5 {
            case 0: "\"Школа; \"\"№\(row % 40)\"\"\""
            case 1 where multiline: "\"МАОУ\r\nкорпус \(row % 9)\""
            case 2: "\"\""
            default: "Школа №\(row % 40)"
            }
            let share = row % 13 == 0 ? "" : "0,\(row % 100)"
            text += "\(row);\(name);\(share);\(row % 3 == 0 ? "да" : "нет");\(row % 17),5;\"Город; \(row % 6)\"\n"
            if row % 700 == 0 { text += "\n" }
        }
        return text
    }

    @Test(arguments: [false, true])
    func smallPartsOnAnyNumberOfThreadsGiveTheSameTableAsOne(_ multiline: Bool) throws {
        let bytes = Array(Self.quotedText(rows: 5000, multiline: multiline).utf8)
        var sequential = CSVOptions(blockSize: 512)
        sequential.parallel = false
        let reference = T.read(bytes, Self.columns, options: sequential)
        let table = try #require(T.table(reference))
        #expect(table.rowCount == 5000)
        if case .texts(_, let names) = table.columns[1] { #expect(names.contains("Школа; \"№0\"")) }
        if case .texts(_, let cities) = table.columns[5] { #expect(cities.first == "Город; 0") }
        // Parts of a few hundred bytes to a few kilobytes: hundreds of cuts, most of them, when
        // fields hold line breaks, inside a quoted field (then the file is read again on one thread).
        for chunkSize in [300, 1000, 4096, 50_000] {
            var options = CSVOptions(blockSize: 256)
            options.splitThreshold = 0
            options.chunkSize = chunkSize
            options.partLimit = 1000
            let split = try #require(Self.readSplit(bytes, options: options))
            Self.expectSame(split, reference)
            Self.expectSame(T.read(bytes, Self.columns, options: options), reference)
        }
    }

    @Test func lineEndsNearTheMiddle() {
        let input = ByteInput(bytes: Array("abc\r\ndef\rghi\njkl".utf8))
        #expect(TableReader.lineEnd(after: 0, in: input) == 5)
        #expect(TableReader.lineEnd(after: 3, in: input) == 5)
        #expect(TableReader.lineEnd(after: 4, in: input) == 5)
        #expect(TableReader.lineEnd(after: 5, in: input) == 9)
        #expect(TableReader.lineEnd(after: 9, in: input) == 13)
        #expect(TableReader.lineEnd(after: 13, in: input) == nil)
        #expect(TableReader.lineEnd(after: 99, in: input) == nil)
    }

    @Test func smallFilesAreNotSplit() {
        let bytes = Array(Self.text(rows: 10, errors: false).utf8)
        #expect(Self.readSplit(bytes, options: CSVOptions(blockSize: 16)) == nil)
    }
}
