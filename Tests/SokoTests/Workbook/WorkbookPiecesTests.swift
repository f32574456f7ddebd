import CZlib
import Testing
@testable import Soko

/// A large sheet's rows are written and compressed in pieces on several threads
/// (`XLSXWriter.writtenRows`, `DeflateStream.writePieces`): the XML and the shared strings are
/// those of the rows written one after the other, and the compressed bytes are the same
/// whatever the number of threads.
@Suite struct WorkbookPiecesTests {
    /// A written sheet: its compressed bytes, XML, shared strings, CRC and size.
    struct Written: Equatable {
        let compressed: [UInt8]
        let xml: String
        let strings: [String]
        let crc: UInt32
        let size: Int
    }

    static func written(_ sheet: WorkbookSheet, rowsPerPiece: Int, workers: Int) -> Written {
        let strings = SharedStrings()
        // Numbered first, as the summary sheet would: the pieces must keep later numbers after them.
        _ = strings.index(of: "Сводка")
        let stream = DeflateStream(workers: 0)
        XLSXWriter.worksheet(sheet, selected: false, into: stream, strings: strings, sampleRows: 2, rowsPerPiece: rowsPerPiece,
                             workers: workers)
        let (compressed, crc, size) = stream.finished()
        let xml = Deflate.inflate(compressed[...], expectedSize: size) ?? []
        return Written(compressed: compressed, xml: String(decoding: xml, as: UTF8.self), strings: (0..<strings.count).map { strings.text($0) },
                       crc: crc, size: size)
    }

    static func crc32(_ text: String) -> UInt32 {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { UInt32(CZlib.crc32(0, $0.baseAddress, UInt32($0.count))) }
    }

    /// Each direct-rows sheet of the evaluation, in pieces of 1, 3 and 1,000 rows on 1, 2 and
    /// 3 threads, against the rows written one after the other.
    static func compare(_ evaluation: Evaluation, periods: Set<Int>? = nil) {
        let sheets = WorkbookDirectRowsTests.directSheets(evaluation, periods: periods)
        #expect(sheets.count == 2)
        for sheet in sheets {
            let serial = written(sheet, rowsPerPiece: Int.max, workers: 1)
            #expect(serial.xml.components(separatedBy: "<row>").count - 1 == sheet.rowCount, "\(sheet.name)")
            #expect(!serial.xml.contains("<row r="), "\(sheet.name)")
            #expect(serial.crc == crc32(serial.xml) && serial.size == serial.xml.utf8.count)
            for rowsPerPiece in [1, 3, 1_000] {
                let one = written(sheet, rowsPerPiece: rowsPerPiece, workers: 1)
                #expect(one.xml == serial.xml, "\(sheet.name), pieces of \(rowsPerPiece)")
                #expect(one.strings == serial.strings, "\(sheet.name), pieces of \(rowsPerPiece)")
                #expect(one.crc == serial.crc && one.size == serial.size)
                for workers in [2, 3] {
                    #expect(written(sheet, rowsPerPiece: rowsPerPiece, workers: workers) == one,
                            "\(sheet.name), pieces of \(rowsPerPiece), \(workers) threads")
                }
            }
        }
    }

    @Test(arguments: ["sovetsky", "alexandrovsky"])
    func municipalWorkbooks(_ municipality: String) throws {
        Self.compare(try MunicipalExamplesTests.evaluate(municipality))
    }

    @Test func gapsRecommendationsAndAChosenPeriod() throws {
        // Recommendations filled per school (texts no column holds), gaps, a composite key.
        var csv = "school,subject,year,name,part,whole,note,open\n"
        for school in 0..<40 {
            for year in [2023, 2024] {
                csv += "\(school),\(school % 3 == 0 ? "math" : "rus"),\(year),\(school % 7 == 0 ? "" : "Школа \(school % 11) & Co"),"
                csv += "\(school % 5),\(school % 6),\(school % 4 == 0 ? "" : "x < \(school % 9)"),\(school % 3 == 1)\n"
            }
        }
        let evaluation = try Support.evaluate(rules: WorkbookDirectRowsTests.rules, csv: csv)
        Self.compare(evaluation)
        Self.compare(evaluation, periods: [2024])
    }

    @Test func codedTextsAreNumberedUpFrontInTheirDictionariesOrder() {
        // Column 0 takes its texts from a dictionary in another order than the rows', one
        // text of which no row has; column 2 from a second dictionary.
        let letters = ["в", "б", "а", "нет в строках"]
        let words = ["один", "два"]
        let codes = (0..<50).map { [2, 0, 1][$0 % 3] }
        var sheet = WorkbookSheet(name: "Коды", rowCount: 51, frozenRows: 1) { index, row in
            row = index == 0 ? [.header("Буква"), .header("Номер"), .header("Слово")]
                : [.text(letters[codes[index - 1]]), .integer(Double(index)), .text(words[index % 2])]
        }
        sheet.write = { index, xml in
            xml.codedText(codes[index - 1], of: letters, column: 0)
            xml.put(.integer(Double(index)), column: 1)
            xml.codedText(index % 2, of: words, column: 2)
        }
        sheet.codedTexts = [CodedTextColumn(column: 0, dictionary: letters), CodedTextColumn(column: 2, dictionary: words)]
        let serial = Self.written(sheet, rowsPerPiece: Int.max, workers: 1)
        // After the summary's «Сводка»: the dictionaries' texts in their order, then the headers'.
        #expect(serial.strings == ["Сводка", "в", "б", "а", "нет в строках", "один", "два", "Буква", "Номер", "Слово"])
        #expect(serial.xml.contains("</row><row><c t=\"s\"><v>3</v></c><c s=\"3\"><v>1</v></c><c t=\"s\"><v>6</v></c></row>"))
        for rowsPerPiece in [1, 7] {
            for workers in [1, 2] {
                let pieces = Self.written(sheet, rowsPerPiece: rowsPerPiece, workers: workers)
                #expect(pieces.xml == serial.xml && pieces.strings == serial.strings, "pieces of \(rowsPerPiece), \(workers) threads")
            }
        }
        // The rows' cells (no `write`) give the same.
        var cells = sheet
        cells.write = nil
        let fromCells = Self.written(cells, rowsPerPiece: Int.max, workers: 1)
        #expect(fromCells.xml == serial.xml && fromCells.strings == serial.strings)
    }

    @Test func aDictionaryNumberedAgainGetsTheNumbersItGotAndAnotherIsNumberedAfresh() {
        let strings = SharedStrings()
        _ = strings.index(of: "икс")
        let letters = ["а", "б", "икс"]
        #expect(strings.numbers(of: letters) == [1, 2, 0])
        _ = strings.index(of: "в")
        // Another array of the same texts (a second sheet's), and the same array: nothing added.
        #expect(strings.numbers(of: letters.map { $0 }) == [1, 2, 0])
        #expect(strings.numbers(of: ["а", "б"] + ["икс"]) == [1, 2, 0])
        #expect(strings.count == 4)
        // One text different, one more or one fewer: numbered as any dictionary.
        #expect(strings.numbers(of: ["а", "б", "игрек"]) == [1, 2, 4])
        #expect(strings.numbers(of: ["а", "б", "икс", "в"]) == [1, 2, 0, 3])
        #expect(strings.numbers(of: ["а", "б"]) == [1, 2])
        #expect((0..<strings.count).map { strings.text($0) } == ["икс", "а", "б", "в", "игрек"])
        // Texts equal as Swift compares them but not byte for byte (a composed «ё» and a
        // decomposed one) are two texts: the second dictionary is not taken for the first.
        let composed = ["Зел\u{0451}ный", "Код"], decomposed = ["Зел\u{0435}\u{0308}ный", "Код"]
        #expect(composed == decomposed)
        #expect(strings.numbers(of: composed) == [5, 6])
        #expect(strings.numbers(of: decomposed) == [7, 6])
        #expect(Array(strings.text(7).utf8) == Array(decomposed[0].utf8))
    }

    @Test func theBigSheetsOfAReportSayWhenAllTheirTextsAreCoded() throws {
        // The benchmark's rules have no recommendations: both big sheets' texts are coded.
        let table = (0..<30).map { "39-\($0),Школа \($0 % 7),Город \($0 % 3),2024,СОШ,да,\(100 + $0)" }
        let csv = "school_id,school_name,municipality,year,kind,rural,students\n" + table.joined(separator: "\n") + "\n"
        let rules = """
            dataset schools {
              key school_id
              period year
              label school_name
              column municipality: text
              column students: count
            }
            indicator big = students / 100
            rule large {
              when big > 1.1
              severity low
            }
            """
        let sheets = WorkbookDirectRowsTests.directSheets(try Support.evaluate(rules: rules, csv: csv))
        #expect(sheets.count == 2)
        for sheet in sheets { #expect(sheet.codedTexts != nil, "\(sheet.name)") }
        // A rule with a recommendation filled in per school: the fired rules' texts are not all coded.
        let recommended = rules.replacingOccurrences(of: "severity low", with: "severity low\n  recommend \"Проверить {students}\"")
        let withTexts = WorkbookDirectRowsTests.directSheets(try Support.evaluate(rules: recommended, csv: csv))
        #expect(withTexts[0].codedTexts == nil)
        #expect(withTexts[1].codedTexts != nil)
    }

    @Test func aFrozenWriterWritesTextsWithoutANumberInline() {
        let strings = SharedStrings()
        let known = strings.index(of: "известно")
        let coded = CodedStrings()
        coded.set(known, column: 1, code: 0, codes: 2)
        var xml = SheetXML(strings: strings, coded: coded, mode: .frozen)
        xml.startRow(1)
        xml.put(.text("известно"), column: 0)
        xml.codedText(0, of: ["известно", "новое"], column: 1)
        xml.codedText(1, of: ["известно", "новое"], column: 2)
        xml.put(.text("ещё <одно>"), column: 3)
        xml.endRow()
        let text = String(decoding: xml.bytes, as: UTF8.self)
        #expect(text == "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>0</v></c><c t=\"inlineStr\"><is><t>новое</t></is></c>"
                + "<c t=\"inlineStr\"><is><t>ещё &lt;одно&gt;</t></is></c></row>")
        // Nothing was added: other threads may be reading the table.
        #expect(strings.count == 1)
        let bytes = Array("новое".utf8)
        #expect(bytes.withUnsafeBufferPointer { strings.find($0) } == nil)
    }

    @Test func aCodedTextsNumberIsWrittenFromItsDigitsWhateverItsLength() {
        let numbers = [0, 7, 10, 99, 100, 4_321, 200_062, 999_999, 1_000_000, 9_999_999, 10_000_000, 12_345_678, Int(Int32.max)]
        for number in numbers {
            #expect(Digits.number(Digits.of(number)) == number, "\(number)")
            #expect(Digits.of(number) != 0)
        }
        // Through a writer: the digits as `put(Int)` writes them, short and past seven digits.
        let coded = CodedStrings()
        for (code, number) in numbers.enumerated() { coded.set(number, column: 0, code: code, codes: numbers.count) }
        var xml = SheetXML(strings: SharedStrings(), coded: coded, mode: .frozen)
        let dictionary = numbers.map { "текст \($0)" }
        for code in numbers.indices {
            xml.startRow(code + 1)
            xml.codedText(code, of: dictionary, column: 0)
            xml.endRow()
        }
        let expected = numbers.map { "<row><c t=\"s\"><v>\($0)</v></c></row>" }.joined()
        #expect(String(decoding: xml.bytes, as: UTF8.self) == expected)
    }

    @Test func numberingWritesNothingAndNumbersInTheOrderOfTheCells() {
        let strings = SharedStrings()
        var xml = SheetXML(strings: strings, mode: .numbering)
        xml.put(.text("б"), column: 0)
        xml.codedText(1, of: ["x", "а"], column: 1)
        xml.put(.number(0.5), column: 2)
        xml.put(.text("б"), column: 3)
        #expect(xml.count == 0)
        #expect((0..<strings.count).map { strings.text($0) } == ["б", "а"])
        #expect(xml.coded.index(column: 1, code: 1) == 1 && xml.coded.index(column: 1, code: 0) == nil)
    }

    @Test func piecesContinueTheStreamWhateverTheirSizesAndThreads() {
        // Pieces of every size: empty, tiny, and past the 2 MiB at which a piece is compressed
        // in parts (each part primed with the piece's bytes before it).
        let sizes = [0, 5, 70_000, 0, DeflateStream.chunk * 2 + 12_345, 1, 300_000]
        func piece(_ index: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            var row = 0
            while bytes.count < sizes[index] {
                bytes += Array("<row r=\"\(row)\"><c t=\"s\"><v>\((row * 7 + index) % 97)</v></c></row>".utf8)
                row += 1
            }
            return Array(bytes.prefix(sizes[index]))
        }
        let expected = Array("<head>".utf8) + sizes.indices.flatMap(piece) + Array("</tail>".utf8)
        func stream(workers: Int, emitting: Bool) -> ([UInt8], UInt32, Int) {
            var emitted: [UInt8] = []
            let stream = DeflateStream(emit: emitting ? { emitted += $0 } : nil, workers: 1)
            stream.write("<head>")
            stream.writePieces(count: sizes.count, workers: workers) { _, index, out in
                let bytes = piece(index)
                // As SheetXML hands them over: parts of at most 2 MiB, the 32 KiB before kept.
                var from = 0
                while from < bytes.count {
                    let to = min(bytes.count, from + DeflateStream.chunk)
                    let primer = max(0, from - DeflateStream.window)
                    bytes[primer..<to].withUnsafeBufferPointer { out.compress($0, from: from - primer) }
                    from = to
                }
            }
            stream.write("</tail>")
            let (collected, crc, size) = stream.finished()
            return (emitting ? emitted + collected : collected, crc, size)
        }
        let one = stream(workers: 1, emitting: false)
        #expect(Deflate.inflate(one.0[...], expectedSize: expected.count) == expected)
        #expect(one.1 == expected.withUnsafeBufferPointer { UInt32(CZlib.crc32(0, $0.baseAddress, UInt32($0.count))) })
        #expect(one.2 == expected.count)
        for workers in [2, 4] {
            let many = stream(workers: workers, emitting: true)
            #expect(many.0 == one.0 && many.1 == one.1 && many.2 == one.2, "\(workers) threads")
        }
    }
}
