// Tests of the reader's fast paths against the plain ones: a file's pages mapped into memory
// against the same file copied by `pread`, the counting of line feeds by lanes against a loop,
// the first letter of a text from its bytes against Unicode's properties, UTF-8 decoding against
// the standard library's, and text columns merged on several threads against one.
import Foundation
import Testing
@testable import Soko

@Suite struct DataFastPathTests {
    typealias T = DataTest
    typealias P = TableReaderParallelTests

    /// Texts of exactly `size` bytes (a header, rows, and a last row padded to the size), with
    /// or without a line end at the very end: files that end at, before and after a page end.
    static func sized(_ size: Int, lastLineEnd: Bool) -> [UInt8] {
        var bytes = Array("id;name;share;flag;n;city\n".utf8)
        var row = 0
        while bytes.count + 80 < size {
            bytes += Array("\(row);Школа №\(row % 7);0,\(row % 10);да;\(row),5;Город \(row % 3)\n".utf8)
            row += 1
        }
        let tail = lastLineEnd ? "\n" : ""
        let fixed = Array("\(row);;0,5;нет;1;".utf8)
        let padding = max(0, size - bytes.count - fixed.count - tail.utf8.count)
        bytes += fixed + Array(String(repeating: "я", count: padding / 2).utf8) + Array(String(repeating: "x", count: padding % 2).utf8)
        bytes += Array(tail.utf8)
        return bytes
    }

    /// The edge cases of the format (CRLF with a BOM, LF, one row, no last line end, lone CRs,
    /// mixed line ends, Windows-1251, quotes and line breaks inside them, totals rows, `;`),
    /// an empty file, a header alone, and files ending around a page end.
    static let cases: [(name: String, bytes: [UInt8])] = TableReaderPlacedTests.cases + [
        ("empty", []),
        ("bom only", [0xEF, 0xBB, 0xBF]),
        ("header only", Array("id;name;share;flag;n;city".utf8)),
        ("comma", Array("id,name,share,flag,n,city\n1,\"Школа, №1\",0.5,да,2.5,Город\n2,,,,,\n".utf8)),
    ] + [4088, 4095, 4096, 4097, 4104, 8192, 12_290].flatMap { size in
        [("\(size) bytes", sized(size, lastLineEnd: true)), ("\(size) bytes, no last line end", sized(size, lastLineEnd: false))]
    }

    @Test(arguments: cases.indices)
    func mappedFilesGiveTheSameTableAsCopiedOnes(_ index: Int) throws {
        let (name, bytes) = Self.cases[index]
        let path = T.temporaryFile(bytes)
        defer { T.remove(path) }
        for blockSize in [64, 4096, 5000, 1 << 20] {
            for parallel in [false, true] {
                var copied = CSVOptions(maxIssues: 1000, blockSize: blockSize, parallel: parallel)
                copied.splitThreshold = 0
                copied.chunkSize = 700
                copied.partLimit = 1000
                copied.mapsFile = false
                var mapped = copied
                mapped.mapsFile = true
                let reference = TableReader.read(path: path, columns: P.columns, options: copied)
                let fast = TableReader.read(path: path, columns: P.columns, options: mapped)
                P.expectSame(fast, reference)
                if case .success(let table) = reference, bytes.count > 100 {
                    #expect(table.rowCount > 0, "\(name)")
                }
            }
        }
    }

    @Test func mappedFilesAreReadInPartsLikeBytesInMemory() throws {
        let bytes = Array(P.text(rows: 3000, errors: true).utf8)
        let path = T.temporaryFile(bytes)
        defer { T.remove(path) }
        var sequential = CSVOptions(maxIssues: 1000)
        sequential.parallel = false
        let reference = T.read(bytes, P.columns, options: sequential)
        var options = CSVOptions(maxIssues: 1000, blockSize: 4096)
        options.splitThreshold = 0
        options.chunkSize = 5000
        options.partLimit = 1000
        let fromFile = TableReader.read(path: path, columns: P.columns, options: options)
        switch (fromFile, reference) {
        case (.failure(let a), .failure(let b)):
            #expect(a.issues.map(\.code) == b.issues.map(\.code))
            #expect(a.issues.map(\.row) == b.issues.map(\.row))
        default:
            Issue.record("both reads fail on the errors")
        }
    }

    @Test func linesWithMoreFieldsThanTheFastPathCoversAgreeWithTheStates() {
        // Rows with fewer, as many, one more and many more fields than the header; a block of 4
        // bytes never holds a whole line (the states alone), one of 64 KiB holds them all.
        var text = "id;name;share;flag;n;city\n"
        for row in 0..<60 {
            let extra = String(repeating: ";x", count: row % 5 == 0 ? 20 + row : row % 3)
            let short = row % 7 == 3
            text += short ? "\(row);Школа\n" : "\(row);Школа №\(row);0,5;да;\(row),5;Город\(extra)\n"
        }
        for lenient in [false, true] {
            let states = T.read(text, P.columns, options: CSVOptions(lenient: lenient, maxIssues: 1000, blockSize: 4, parallel: false))
            let fast = T.read(text, P.columns, options: CSVOptions(lenient: lenient, maxIssues: 1000, blockSize: 1 << 16, parallel: false))
            P.expectSame(fast, states)
        }
        let wide = "a;b\n" + (0..<30).map { row in (0...row).map(String.init).joined(separator: ";") + "\n" }.joined()
        #expect(T.records(wide, delimiter: UInt8(ascii: ";"), blockSize: 3) == T.records(wide, delimiter: UInt8(ascii: ";")))
    }

    @Test func theLineFeedOfTheHeadersCRLFIsNotCountedAsRoom() throws {
        // The header ends at its CR: the data start at the LF, which ends no data row.
        // (text, whether the first byte is skipped, line feeds left: the rooms of the data rows)
        for (text, skipped, room) in [("h\r\n1\r\n2\r\n", true, 2), ("h\n1\n2\n", false, 2), ("h\n\n1\n", true, 1), ("h\r1\r2", false, 0)] {
            let bytes = Array(text.utf8)
            let input = ByteInput(bytes: bytes)
            var issues = IssueCollector(path: "t.csv", cap: 10)
            let opened = try #require(TableReader.open(input: input, path: "t.csv", options: CSVOptions(), issues: &issues))
            let ranges = [(start: opened.dataStart, end: bytes.count)]
            let counted = TableReader.countedRanges(ranges, input: try #require(input.reopened()))
            #expect(counted[0].start == opened.dataStart + (skipped ? 1 : 0), "\(text)")
            #expect(bytes[counted[0].start...].filter { $0 == 10 }.count == room, "\(text)")
        }
    }

    @Test func lineFeedsCountedByLanesAgreeWithALoop() throws {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 9000)
        for index in bytes.indices {
            bytes[index] = Int.random(in: 0..<5, using: &generator) == 0 ? 10 : UInt8.random(in: 0...255, using: &generator)
        }
        // Long runs of line feeds: a lane passes 255 matches.
        bytes.replaceSubrange(100..<5000, with: [UInt8](repeating: 10, count: 4900))
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            for start in [0, 1, 7, 15, 16, 17, 100, 4000] {
                for count in [0, 1, 15, 16, 17, 31, 32, 33, 255, 4096, 4900, 8000] where start + count <= raw.count {
                    let expected = raw[start..<(start + count)].filter { $0 == 10 }.count
                    #expect(ByteInput.count(of: 10, in: base + start, count) == expected, "\(start) \(count)")
                }
            }
        }
        // Through a mapped file and through bytes in memory, over ranges that end anywhere.
        let path = T.temporaryFile(bytes)
        defer { T.remove(path) }
        guard case .success(let file) = ByteInput.open(path: path) else { Issue.record("cannot open"); return }
        let memory = ByteInput(bytes: bytes)
        // The file's bytes are mapped, not copied (but not its last page); bytes in memory never are.
        let other = try #require(file.reopened())
        let window = try #require(other.mappedWindow(maxCount: 5000))
        #expect(window.count == 5000 && window.bytes[4999] == bytes[4999])
        withExtendedLifetime(other) {}
        #expect(memory.mappedWindow(maxCount: 5000) == nil)
        for (start, end) in [(0, 9000), (0, 100_000), (1, 4096), (4095, 4097), (4096, 8192), (8190, 9000), (9000, 9000), (5, 8999)] {
            let expected = bytes[min(start, bytes.count)..<min(end, bytes.count)].filter { $0 == 10 }.count
            #expect(file.count(of: 10, from: start, to: end) == expected, "\(start)..<\(end)")
            #expect(memory.count(of: 10, from: start, to: end) == expected, "\(start)..<\(end)")
        }
    }

    @Test func firstVisibleLetterFromBytesAgreesWithUnicodeProperties() {
        let texts = ["", " ", "\t\n\r", "Итого", "  итого", "\tВсего по району", "\u{A0}Итого", "\u{2003}Total", "\u{85}x",
                     "Total", "total:", "ё", "Ё", "ѐ", "ѿ", "Ѐ", "Ԁ", "МБОУ СОШ №1", "39-000001", "\u{301}и", "é", "😀",
                     " \u{A0} ", "\u{FEFF}Итого", "\u{0B}\u{0C}S"]
        for text in texts {
            let plain = text.unicodeScalars.first(where: { !$0.properties.isWhitespace })
            #expect(TotalsRows.firstVisibleScalar(text) == plain, "\(text.unicodeScalars.map(\.value))")
        }
        #expect(TotalsRows.isTotals("  Итого по району", extra: []))
        #expect(TotalsRows.isTotals("\u{A0}ВСЕГО:", extra: []))
        #expect(TotalsRows.isTotals("Total", extra: []))
        #expect(!TotalsRows.isTotals("МБОУ СОШ №1", extra: []))
        #expect(!TotalsRows.isTotals("Итоговая школа", extra: []))
        #expect(!TotalsRows.isTotals("   ", extra: []))
        #expect(TotalsRows.isTotals("Свод", extra: ["свод"]))
    }

    @Test func utf8DecodingAgreesWithTheStandardLibrary() {
        var cases: [[UInt8]] = [
            [], Array("Школа №1".utf8), Array("ascii only, longer than eight bytes".utf8), Array("😀 é ё".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF5, 0x80, 0x80, 0x80],
            [0xD0], [0xD0, 0x41], [0x80], [0xFF], Array("abcdefgh".utf8) + [0xD0], Array("abcdefghijklmnop".utf8) + [0xE2, 0x82],
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let count = Int.random(in: 0..<24, using: &generator)
            cases.append((0..<count).map { _ in
                Bool.random(using: &generator) ? UInt8.random(in: 0x20...0x7E, using: &generator) : UInt8.random(in: 0x80...0xFF, using: &generator)
            })
        }
        cases += ["Ёлка", "Привет, мир", "日本語"].map { Array($0.utf8) }
        for bytes in cases {
            bytes.withUnsafeBufferPointer { buffer in
                #expect(TextEncoding.utf8.decode(buffer) == String(validating: buffer, as: UTF8.self), "\(bytes)")
            }
        }
    }

    /// Column by column on threads (`mergesOnThreadsFrom` 0), each column on every core by its
    /// texts' hashes (`mergesByHashFrom` 0), or all on one thread: the same table.
    @Test(arguments: [(0, 0), (0, Int.max), (Int.max, Int.max)])
    func textColumnsMergedOnThreadsAgreeWithOneThread(_ thresholds: (Int, Int)) throws {
        var text = P.columns.map(\.header).joined(separator: ";") + "\n"
        for row in 0..<3000 {
            let name = row % 17 == 0 ? "" : "Школа \((row * 7919) % (row < 1500 ? 60 : 90))"
            text += "\(row);\(name);0,1;да;1;Город \(row % 7 == 0 ? "ё" : String(row % 4))\n"
        }
        let bytes = Array(text.utf8)
        var sequential = CSVOptions(blockSize: 256)
        sequential.parallel = false
        let reference = T.read(bytes, P.columns, options: sequential)
        var options = CSVOptions(blockSize: 256)
        options.splitThreshold = 0
        options.chunkSize = 2000
        options.partLimit = 1000
        let split = try #require(TableBuilder.$mergesOnThreadsFrom.withValue(thresholds.0) {
            TableBuilder.$mergesByHashFrom.withValue(thresholds.1) { P.readSplit(bytes, options: options) }
        })
        P.expectSame(split, reference)
    }
}
