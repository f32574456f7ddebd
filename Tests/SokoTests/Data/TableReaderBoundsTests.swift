// Tests of the reader's bounds and of hostile input: very wide headers, huge fields, binary junk.
import Testing
@testable import Soko

@Suite struct TableReaderBoundsTests {
    typealias T = DataTest

    @Test func tenThousandColumnsAreReadAndOneMoreIsRefused() throws {
        let limit = CSVReader.columnLimit
        let header = (0..<limit).map { "c\($0)" }.joined(separator: ",")
        let row = (0..<limit).map { "\($0)" }.joined(separator: ",")
        let path = T.temporaryFile(Array("\(header)\n\(row)\n".utf8))
        defer { T.remove(path) }
        let table = try #require(T.table(TableReader.read(path: path, columns: [
            T.column("c0", .count), T.column("c9999", .count), T.column("c5000", .number),
        ])))
        #expect(T.numbers(table, 0) == [0])
        #expect(T.numbers(table, 1) == [9999])
        #expect(T.numbers(table, 2) == [5000])

        let wide = T.temporaryFile(Array("\(header),extra\n\(row),1\n".utf8))
        defer { T.remove(wide) }
        let issues = T.failure(TableReader.read(path: wide, columns: [T.column("c0", .count)]))
        #expect(issues.map(\.code) == ["D0004"])
        #expect(issues.first?.row == 1)
        #expect(describe(TableReader.readHeader(path: wide)) == "failed: D0004")
    }

    /// Each requested column is a level of recursion while the scan runs: tens of thousands of
    /// them must not overflow a thread's stack (here one of 1 MiB).
    @Test func tensOfThousandsOfRequestedColumnsOnASmallStack() throws {
        let bytes = Array("a,b,c\n1,x,да\n2,y,нет\n".utf8)
        let kinds: [(String, ColumnType)] = [("a", .count), ("b", .text), ("c", .flag)]
        let requests = (0..<20_000).map { index in
            ColumnRequest(name: "r\(index)", header: kinds[index % 3].0, type: kinds[index % 3].1)
        }
        let result = TableReader.onLargeStack(stackSize: 1 << 20) { T.read(bytes, requests) }
        let table = try #require(T.table(result))
        #expect(table.rowCount == 2)
        #expect(table.columns.count == 20_000)
        #expect(T.numbers(table, 19_998) == [1, 2])
        #expect(T.strings(table, 19_996) == ["x", "y"])
        #expect(T.flags(table, 19_997) == [.yes, .no])
    }

    @Test func aTwoMegabyteFieldIsAnErrorNotAnAllocation() throws {
        let huge = String(repeating: "7", count: 2 << 20)
        let path = T.temporaryFile(Array("id,v,w\n1,2,3\n2,\(huge),4\n3,5,6\n".utf8))
        defer { T.remove(path) }
        let issues = T.failure(TableReader.read(path: path, columns: [T.column("v", .number), T.column("w", .count)]))
        #expect(issues.map(\.code) == ["D0009"])
        #expect(issues.first?.row == 3)
        #expect(issues.first?.column == "v")
        #expect(issues.first?.value == String(repeating: "7", count: 59) + "…")
        // In a column nobody asked for, too.
        let other = T.failure(TableReader.read(path: path, columns: [T.column("w", .count)]))
        #expect(other.map(\.code) == ["D0009"])
        #expect(other.first?.column == "v")
        #expect(other.first?.value == nil)
        // A quoted one spanning lines, and one in the header.
        let quoted = T.failure(T.read("a,b\n1,\"\(huge)\n\"\n", [T.column("a", .count)], options: CSVOptions(blockSize: 1 << 16)))
        #expect(quoted.map(\.code) == ["D0009"])
        let inHeader = T.failure(T.read("a,\(huge)\n1,2\n", [T.column("a", .count)]))
        #expect(inHeader.map(\.code) == ["D0009"])
    }

    @Test func anUnclosedQuoteEarlyInABigFileStopsAtTheLimit() {
        let rows = String(repeating: "1,2\n", count: 300_000)
        let issues = T.failure(T.read("a,b\n\"x,1\n\(rows)", [T.column("a", .text)], options: CSVOptions(blockSize: 4096)))
        #expect(issues.map(\.code) == ["D0008", "D0009"])
        #expect(issues.allSatisfy { $0.row == 2 })
    }

    /// Random bytes never crash or hang the reader: it ends with a result or with errors.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func binaryJunk(_ seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let length = Int.random(in: 1...20_000, using: &generator)
        var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        if seed % 2 == 0 {
            // Mostly structure: delimiters, quotes and line ends among the junk.
            let structure: [UInt8] = [0x2C, 0x3B, 0x22, 0x0A, 0x0D, 0x09, 0x00, 0x20]
            for index in bytes.indices where Bool.random(using: &generator) {
                bytes[index] = structure[Int.random(in: 0..<structure.count, using: &generator)]
            }
        }
        for blockSize in [1, 7, 4096] {
            let header = TableReader.readHeader(input: ByteInput(bytes: bytes), path: "junk",
                                                options: CSVOptions(blockSize: blockSize))
            var columns = [T.column("a", .number)]
            if case .success(let names) = header {
                columns = names.prefix(6).enumerated().map { index, name in
                    ColumnRequest(name: "c\(index)", header: name, type: ColumnType.allCases[index % 6])
                }
            }
            for lenient in [false, true] {
                let result = T.read(bytes, columns, options: CSVOptions(lenient: lenient, maxIssues: 20, blockSize: blockSize))
                switch result {
                case .success(let table):
                    #expect(table.columns.allSatisfy { $0.count == table.rowCount })
                    #expect(table.rowNumbers.count == table.rowCount)
                case .failure(let failure):
                    #expect(!failure.issues.isEmpty)
                    // At most 20 of each kind, and one «N more» line per kind that had more.
                    let kinds = Set(failure.issues.map(\.code)).subtracting(["D0022"])
                    #expect(kinds.allSatisfy { kind in failure.issues.filter { $0.code == kind }.count <= 20 })
                    #expect(failure.issues.filter { $0.code == "D0022" }.count <= kinds.count)
                    #expect(failure.issues.contains { $0.severity == .error })
                }
            }
        }
    }

    @Test func junkWithoutLineEndsIsAFieldTooLong() {
        var generator = SeededGenerator(seed: 42)
        let bytes = (0..<(3 << 20)).map { _ in UInt8.random(in: 0x80...0xFF, using: &generator) }
        let issues = T.failure(T.read(bytes, [T.column("a", .number)]))
        #expect(issues.map(\.code) == ["D0009"])
    }

    @Test func utf16WithoutBOMShowsAsNulBytes() {
        let text = "a,b\n1,2\n"
        let bytes = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let issues = T.failure(T.read(bytes, [T.column("a", .number)]))
        #expect(issues.map(\.code) == ["D0010"])
        #expect(issues.first?.row == 1)
    }

    @Test func everyMessageExistsInBothLanguages() {
        let messages: [Message] = [
            Messages.dataCannotOpen(reason: Messages.systemReason(2)), Messages.dataCannotOpenHint(), Messages.dataReadFailed(reason: Messages.systemReason(5)),
            Messages.dataEmptyFile(), Messages.dataEmptyFileHint(), Messages.dataUTF16(), Messages.dataUTF16Hint(),
            Messages.dataTooManyColumns(found: 10_001, limit: 10_000), Messages.dataTooManyColumnsHint(),
            Messages.dataMissingColumn(header: "x"),
            Messages.dataMissingColumnHint(suggestion: "y", available: [], delimiterSuspect: false),
            Messages.dataMissingColumnHint(suggestion: nil, available: ["a"], delimiterSuspect: false),
            Messages.dataMissingColumnHint(suggestion: nil, available: ["a"], delimiterSuspect: true),
            Messages.dataDuplicateColumn(header: "x", positions: [1, 2]), Messages.dataDuplicateColumnHint(),
            Messages.dataInvalidHeaderEncoding(encoding: .utf8), Messages.dataRaggedRow(expected: 3, found: 2),
            Messages.dataRaggedRow(expected: 3, found: 4), Messages.dataRaggedRowHint(lenient: true),
            Messages.dataRaggedRowHint(lenient: false), Messages.dataUnterminatedQuote(),
            Messages.dataUnterminatedQuoteHint(), Messages.dataFieldTooLong(limit: 1 << 20),
            Messages.dataFieldTooLongHint(), Messages.dataNulByte(), Messages.dataNulByteHint(),
            Messages.dataInvalidCellEncoding(column: "x", encoding: .windows1251), Messages.dataInvalidEncodingHint(),
            Messages.dataNotANumber(column: "x", value: "y"), Messages.dataNumberOutOfRange(column: "x", value: "y"),
            Messages.dataDecimalCommaWithCommaDelimiter(column: "x", value: "y"), Messages.dataDecimalCommaHint(),
            Messages.dataPercentSignNotAllowed(column: "x", value: "y"), Messages.dataPercentSignHint(),
            Messages.dataCountNotWhole(column: "x", value: "y"), Messages.dataCountNegative(column: "x", value: "y"),
            Messages.dataCountTooLarge(column: "x", value: "y"),
            Messages.dataBadFlag(column: "x", value: "y", accepted: "z"), Messages.dataFixCellHint(lenient: true),
            Messages.dataFixCellHint(lenient: false), Messages.dataImplausibleShare(column: "x", firstRow: 2, count: 3),
            Messages.dataImplausibleShareHint(), Messages.dataPercentLooksLikeFractions(column: "x"),
            Messages.dataPercentLooksLikeFractionsHint(), Messages.dataMoreIssuesNotShown(count: 5, code: "D0013"),
            Messages.dataEncodingSuspected(read: .windows1251, likely: .koi8r), Messages.dataEncodingSuspectedHint(likely: .cp866),
            Messages.dataTotalsRow(value: "Итого"), Messages.dataTotalsRowHint(), Messages.dataExponentCode(column: "x", value: "1E+5"),
            Messages.dataExponentCodeHint(), Messages.dataWrongDelimiter(used: 44, likely: 59), Messages.dataWrongDelimiterHint(likely: 9),
            Messages.dataMoreIssuesHint(), Messages.dataUnusableDelimiter(0), Messages.dataUnusableDelimiterHint(),
        ]
        for message in messages {
            #expect(!message.ru.isEmpty && !message.en.isEmpty)
            #expect(message.ru != message.en)
            #expect(message.ru.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) }, "\(message.ru)")
        }
        #expect(Messages.dataFieldTooLong(limit: 1 << 20).en == "the cell is longer than 1 MiB")
    }
}

/// A small deterministic generator (SplitMix64) for reproducible junk.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
