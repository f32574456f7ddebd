// Tests of parts read straight into the table's columns (TableReader+Placed.swift): the same
// table as parts with columns of their own and as one thread, on the edge cases of the format,
// with tiny parts forced; and the fallback when a part has more records than line feeds.
import Testing
@testable import Soko

@Suite struct TableReaderPlacedTests {
    typealias T = DataTest
    typealias P = TableReaderParallelTests

    /// Data rows with what a cut or a gap can meet: quoted delimiters, line breaks and doubled
    /// quotes, empty cells, blank lines, totals rows, non-ASCII texts.
    static func rows(_ count: Int, lineEnd: String) -> String {
        var text = ""
        for row in 0..<count {
            let name = switch row % 6 {
            case 0: "\"Школа; \"\"№\(row % 9)\"\"\""
            case 1: "\"МАОУ\(lineEnd)корпус \(row % 4)\""
            case 2: ""
            case 3: "Ёлка №\(row % 5)"
            default: "Школа №\(row % 30)"
            }
            let share = row % 7 == 0 ? "" : "0,\(row % 10)"
            let city = row % 37 == 5 ? "Итого" : "Город \(row % 4)"
            text += "\(row);\(name);\(share);\(row % 2 == 0 ? "да" : "нет");\(row % 11),5;\(city)\(lineEnd)"
            if row % 9 == 0 { text += lineEnd }
            if row % 13 == 0 { text += ";;;;;\(lineEnd)" }
        }
        return text
    }

    static let header = "id;name;share;flag;n;city"

    /// The cases: CRLF with a BOM, LF, one row, a last line without a line end, lone CRs (more
    /// records than line feeds), and Windows-1251. All but the one row are well over twice
    /// the reader's first look at a file (64 KB, `TextEncoding.detectionWindow`), which no cut
    /// falls into: a shorter file is never cut into parts, not even in two.
    static let cases: [(name: String, bytes: [UInt8])] = [
        ("crlf", [0xEF, 0xBB, 0xBF] + Array((header + "\r\n" + rows(5000, lineEnd: "\r\n")).utf8)),
        ("lf", Array((header + "\n" + rows(5000, lineEnd: "\n")).utf8)),
        ("one row", Array((header + "\n1;Школа;0,5;да;2;Город\n").utf8)),
        ("no last line end", Array((header + "\n" + rows(5000, lineEnd: "\n") + "99;\"Школа\";0;нет;1;Город").utf8)),
        ("lone cr", Array((header + "\r" + rows(5000, lineEnd: "\r")).utf8)),
        ("mixed", Array((header + "\n" + rows(1700, lineEnd: "\n") + rows(1700, lineEnd: "\r") + rows(1700, lineEnd: "\r\n")).utf8)),
        ("cp1251", windows1251(rows: 5000)),
    ]

    /// A table in Windows-1251 (Cyrillic letters as single bytes).
    static func windows1251(rows: Int) -> [UInt8] {
        let yes: [UInt8] = [0xE4, 0xE0]                       // да
        let no: [UInt8] = [0xED, 0xE5, 0xF2]                  // нет
        let city: [UInt8] = [0xC3, 0xEE, 0xF0, 0xEE, 0xE4]    // Город
        var bytes = Array((header + "\r\n").utf8)
        for row in 0..<rows {
            bytes += Array("\(row);\"".utf8) + city + Array(" \(row % 7)\";0,\(row % 10);".utf8)
            bytes += (row % 3 == 0 ? yes : no) + Array(";\(row),5;".utf8) + city + Array("\r\n".utf8)
        }
        return bytes
    }

    /// Options that cut any file into parts of about `chunkSize` bytes, read placed or not.
    static func tinyParts(chunkSize: Int, placed: Bool) -> CSVOptions {
        var options = CSVOptions(maxIssues: 1000, blockSize: 64)
        options.splitThreshold = 0
        options.chunkSize = chunkSize
        options.partLimit = 1000
        options.placesParts = placed
        return options
    }

    @Test(arguments: cases.indices)
    func placedPartsGiveTheSameTableAsOwnColumnsAndOneThread(_ index: Int) throws {
        let (name, bytes) = Self.cases[index]
        var sequential = CSVOptions(maxIssues: 1000, blockSize: 64)
        sequential.parallel = false
        let reference = T.read(bytes, P.columns, options: sequential)
        #expect(T.table(reference) != nil, "\(name)")
        for chunkSize in [40, 300, 1000, 1 << 20] {
            for places in [true, false] {
                let options = Self.tinyParts(chunkSize: chunkSize, placed: places)
                let split = P.readSplit(bytes, options: options)
                // Every case but the one row is cut into parts (`readSplit` is nil when it is not).
                #expect((split != nil) == (name != "one row"), "\(name), parts of \(chunkSize) bytes")
                if let split { P.expectSame(split, reference) }
                P.expectSame(T.read(bytes, P.columns, options: options), reference)
            }
        }
    }

    /// A text column whose values are also flag spellings (`да`, `1`) beside a flag column:
    /// each column keeps its own dictionary and its own last cell in every part. (A placed
    /// part once gave its first text column the flag column's dictionary, and read `да` there
    /// as the number of a truth.) Over 64 KB, so that the file is cut into parts.
    @Test func textsThatSpellFlagsKeepTheirOwnDictionaryInEveryPart() throws {
        let columns = [T.column("code", .text), T.column("flag", .flag), T.column("kind", .text)]
        let spellings = ["да", "нет", "1", "0", "yes", "школа"]
        var text = "code;flag;kind\n"
        for row in 0..<6000 {
            text += "\(spellings[row % 6]);\(spellings[(row / 6) % 4]);\(spellings[(row + 3) % 6])\n"
        }
        let bytes = Array(text.utf8)
        func texts(_ table: LoadedTable, _ index: Int) -> [String?] {
            guard case .texts(let codes, let values) = table.columns[index] else { return [] }
            return codes.map { $0 >= 0 ? values[Int($0)] : nil }
        }
        func truths(_ table: LoadedTable) -> [UInt8] {
            guard case .flags(let truths) = table.columns[1] else { return [] }
            return truths
        }
        var sequential = CSVOptions(maxIssues: 1000, blockSize: 64)
        sequential.parallel = false
        let reference = try #require(T.table(T.read(bytes, columns, options: sequential)))
        #expect(texts(reference, 0) == (0..<6000).map { spellings[$0 % 6] })
        #expect(texts(reference, 2) == (0..<6000).map { spellings[($0 + 3) % 6] })
        #expect(truths(reference) == (0..<6000).map { ($0 / 6) % 2 == 0 ? Truth.yes.rawValue : Truth.no.rawValue })
        for chunkSize in [40, 300, 1 << 20] {
            for places in [true, false] {
                let options = Self.tinyParts(chunkSize: chunkSize, placed: places)
                let table = try #require(T.table(T.read(bytes, columns, options: options)))
                #expect(texts(table, 0) == texts(reference, 0), "parts of \(chunkSize) bytes, placed: \(places)")
                #expect(texts(table, 2) == texts(reference, 2), "parts of \(chunkSize) bytes, placed: \(places)")
                #expect(truths(table) == truths(reference), "parts of \(chunkSize) bytes, placed: \(places)")
            }
        }
    }

    @Test func lenientErrorsInTinyPlacedPartsKeepTheirRows() throws {
        let bytes = Array(P.text(rows: 3000, errors: true).utf8)
        for lenient in [false, true] {
            var sequential = CSVOptions(lenient: lenient, maxIssues: 1000, blockSize: 128)
            sequential.parallel = false
            let reference = T.read(bytes, P.columns, options: sequential)
            var options = sequential
            options.parallel = true
            options.splitThreshold = 0
            options.chunkSize = 2000
            options.partLimit = 1000
            let split = try #require(P.readSplit(bytes, options: options))
            P.expectSame(split, reference)
        }
    }

    @Test func roomIsTheLineFeedsOfEachPartAndOneForTheLast() throws {
        let bytes = Array("a\nb\r\nc\rd\n\n\"x\ny\"\nlast".utf8)
        let input = ByteInput(bytes: bytes)
        #expect(input.count(of: UInt8(ascii: "\n"), from: 0, to: bytes.count) == 6)
        #expect(input.count(of: UInt8(ascii: "\n"), from: 2, to: 5) == 1)
        #expect(input.count(of: UInt8(ascii: "\n"), from: 5, to: 5) == 0)
        #expect(input.count(of: UInt8(ascii: "\n"), from: 10, to: 1000) == 2)
        let second = try #require(input.reopened())
        let third = try #require(input.reopened())
        let inputs = [input, second, third]
        let rooms = TableReader.roomPerPart(inputs: inputs, ranges: [(0, 5), (5, 10), (10, bytes.count)])
        #expect(rooms == [2, 2, 3])
    }

    @Test func textsOfLaterPartsTakeTheCodesOfEarlierOnes() throws {
        // The same names in every part, and new ones in later parts, in an order that differs.
        var text = P.columns.map(\.header).joined(separator: ";") + "\n"
        for row in 0..<2000 {
            text += "\(row);Школа \((row * 7919) % (row < 1000 ? 50 : 80));0,1;да;1;Город \(row % 3)\n"
        }
        let bytes = Array(text.utf8)
        var sequential = CSVOptions(blockSize: 256)
        sequential.parallel = false
        let reference = try #require(T.table(T.read(bytes, P.columns, options: sequential)))
        var options = CSVOptions(blockSize: 256)
        options.splitThreshold = 0
        options.chunkSize = 3000
        options.partLimit = 1000
        let result = try #require(P.readSplit(bytes, options: options))
        let split = try #require(T.table(result))
        P.expectSame(.success(split), .success(reference))
        if case .texts(_, let names) = split.columns[1] { #expect(names.count == 80) }
    }
}
