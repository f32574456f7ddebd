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
    ]
    for options in [CSVOptions(), CSVOptions(lenient: true, blockSize: 7), CSVOptions(delimiter: UInt8(ascii: ";"), encoding: .windows1251)] {
        _ = TableReader.read(input: ByteInput(bytes: bytes), path: "fuzz.csv", columns: columns, options: options)
        _ = TableReader.readHeader(input: ByteInput(bytes: bytes), path: "fuzz.csv", options: options)
    }
    return 0
}
