// Helpers for the data reader's tests: records of a CSV text, tables read from bytes or files.
import Foundation
import Testing
@testable import Soko

/// Collects every field of every record, as text, with its row and flags.
struct RecordCollector: CSVRecordConsumer {
    struct Collected: Equatable {
        var row: Int
        var fields: [String]
        var hasNul = false
        var unterminatedQuote = false
        var overlongField = -1
    }

    var records: [Collected] = []

    mutating func consume(_ record: CSVRecord) -> Bool {
        var fields: [String] = []
        for slot in 0..<min(record.fieldCount, CSVReader.columnLimit + 1) {
            fields.append(record.field(slot: slot).map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
        records.append(Collected(row: record.row, fields: fields, hasNul: record.hasNul,
                                 unterminatedQuote: record.unterminatedQuote,
                                 overlongField: record.overlongField))
        return true
    }
}

enum DataTest {
    /// The records of `bytes` as read by the state machine alone.
    static func records(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","),
                        blockSize: Int = 1 << 16) -> [RecordCollector.Collected] {
        let reader = CSVReader(input: ByteInput(bytes: bytes), blockSize: blockSize)
        reader.setDelimiter(delimiter)
        reader.selectAll()
        var collector = RecordCollector()
        let end = reader.scan(&collector)
        #expect(end == .finished)
        return collector.records
    }

    static func records(_ text: String, delimiter: UInt8 = UInt8(ascii: ","),
                        blockSize: Int = 1 << 16) -> [RecordCollector.Collected] {
        records(Array(text.utf8), delimiter: delimiter, blockSize: blockSize)
    }

    /// Only the fields of each record.
    static func fields(_ text: String, delimiter: UInt8 = UInt8(ascii: ","), blockSize: Int = 1 << 16) -> [[String]] {
        records(text, delimiter: delimiter, blockSize: blockSize).map(\.fields)
    }

    /// Reads a table from bytes in memory.
    static func read(_ bytes: [UInt8], _ columns: [ColumnRequest],
                     options: CSVOptions = CSVOptions()) -> Result<LoadedTable, DataReadFailure> {
        TableReader.read(input: ByteInput(bytes: bytes), path: "t.csv", columns: columns, options: options)
    }

    static func read(_ text: String, _ columns: [ColumnRequest],
                     options: CSVOptions = CSVOptions()) -> Result<LoadedTable, DataReadFailure> {
        read(Array(text.utf8), columns, options: options)
    }

    /// A request whose header is its name.
    static func column(_ name: String, _ type: ColumnType) -> ColumnRequest {
        ColumnRequest(name: name, header: name, type: type)
    }

    /// The table, or nil (recording a test failure with the issues) when the read failed.
    static func table(_ result: Result<LoadedTable, DataReadFailure>,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> LoadedTable? {
        switch result {
        case .success(let table): return table
        case .failure(let failure):
            Issue.record("read failed: \(failure.issues.map { "\($0.code) row \($0.row ?? 0): \($0.message.en)" })",
                         sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The issues of a failed read, or [] (recording a test failure) when it succeeded.
    static func failure(_ result: Result<LoadedTable, DataReadFailure>,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [DataIssue] {
        switch result {
        case .success: Issue.record("read succeeded, failure expected", sourceLocation: sourceLocation); return []
        case .failure(let failure): return failure.issues
        }
    }

    /// The numbers of column `index`; NaN compared as such via `numbersEqual`.
    static func numbers(_ table: LoadedTable, _ index: Int) -> [Double] {
        if case .numbers(let values) = table.columns[index] { return values }
        Issue.record("column \(index) is not numbers")
        return []
    }

    static func flags(_ table: LoadedTable, _ index: Int) -> [Truth] {
        if case .flags(let values) = table.columns[index] { return values.map { Truth(rawValue: $0) ?? .unknown } }
        Issue.record("column \(index) is not flags")
        return []
    }

    static func texts(_ table: LoadedTable, _ index: Int) -> (codes: [Int32], values: [String]) {
        if case .texts(let codes, let values) = table.columns[index] { return (codes, values) }
        Issue.record("column \(index) is not texts")
        return ([], [])
    }

    /// The texts of column `index` row by row, nil for missing.
    static func strings(_ table: LoadedTable, _ index: Int) -> [String?] {
        let (codes, values) = texts(table, index)
        return codes.map { $0 < 0 ? nil : values[Int($0)] }
    }

    /// Equality of number lists where NaN equals NaN.
    static func same(_ left: [Double], _ right: [Double]) -> Bool {
        left.count == right.count && zip(left, right).allSatisfy { $0.isNaN && $1.isNaN || $0 == $1 }
    }

    /// Writes bytes to a new file in the temporary directory; returns its path.
    static func temporaryFile(_ bytes: [UInt8], suffix: String = ".csv") -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("soko-data-\(UUID().uuidString)\(suffix)")
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url.path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// cp1251 bytes of a text (Cyrillic, ASCII and NBSP only).
    static func cp1251(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            let value = scalar.value
            if value < 0x80 { return UInt8(value) }
            if value >= 0x410, value <= 0x44F { return UInt8(value - 0x410 + 0xC0) }
            if value == 0x401 { return 0xA8 }
            if value == 0x451 { return 0xB8 }
            if value == 0xA0 { return 0xA0 }
            if value == 0x2116 { return 0xB9 }
            return UInt8(ascii: "?")
        }
    }
}
