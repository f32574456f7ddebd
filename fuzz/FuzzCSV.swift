// libFuzzer target: any bytes as a data file, read with every column type requested, in both
// delimiters and with a tiny block size so that block boundaries fall everywhere.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let columns = [
        ColumnRequest(name: "id", header: "id", type: .text),
        ColumnRequest(name: "n", header: "n", type: .number),
        ColumnRequest(name: "c", header: "c", type: .count),
        ColumnRequest(name: "s", header: "s", type: .share),
        ColumnRequest(name: "p", header: "p", type: .percent),
        ColumnRequest(name: "f", header: "f", type: .flag),
        // A period column: a bad cell is D0102 in every mode, never made missing.
        ColumnRequest(name: "y", header: "y", type: .count, isPeriod: true),
    ]
    var totals = CSVOptions(lenient: true, maxIssues: 3)
    totals.totalsWords = ["сумма", "Свод:"]
    // Tiny blocks (every block boundary) only for small inputs: they cost a pass per few bytes.
    let tiny = bytes.count <= 4096
    let optionSets = [CSVOptions(), CSVOptions(lenient: true, blockSize: tiny ? 7 : 1 << 16),
                      CSVOptions(delimiter: UInt8(ascii: ";"), encoding: .windows1251),
                      CSVOptions(delimiter: UInt8(ascii: ","), encoding: .koi8r, maxIssues: 1),
                      CSVOptions(encoding: .cp866, blockSize: tiny ? 5 : 1 << 16), CSVOptions(encoding: .macCyrillic), totals]
    for options in optionSets {
        switch TableReader.read(input: ByteInput(bytes: bytes), path: "fuzz.csv", columns: columns, options: options) {
        case .success(let table): _ = DataIssue.capped(table.issues, per: 2)
        case .failure(let failure): _ = DataIssue.capped(failure.issues, per: 1)
        }
        _ = TableReader.readHeader(input: ByteInput(bytes: bytes), path: "fuzz.csv", options: options)
    }
    // The detectors on their own: code page plausibility, E+ notation, totals words.
    bytes.withUnsafeBufferPointer { buffer in
        _ = TextEncoding.bestCodePage(buffer)
        _ = TotalsRows.isExponentNotation(buffer)
        _ = CellParser.asciiSigns(buffer, isWindows1251: false)
        _ = CellParser.asciiSigns(buffer, isWindows1251: true)
        _ = DataFileSniffer.looksLikeData(prefix: Array(buffer.prefix(4096)))
    }
    let text = String(decoding: bytes.prefix(512), as: UTF8.self)
    _ = TotalsRows.isTotals(text, extra: ["итог"])
    _ = Suggestions.lookAlikeNote(text)
    return 0
}
