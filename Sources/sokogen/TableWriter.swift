// Turns cells into CSV bytes in a large buffer and hands full buffers to the output file.

import Foundation

/// Where the bytes go: a file or standard output, written in large blocks.
struct OutputFile {
    private let handle: FileHandle
    private let closesOnFinish: Bool
    /// The path as given, or `-` for standard output; used in messages.
    let displayName: String

    /// Opens `path` for writing, creating or truncating it; nil means standard output.
    init(path: String?) throws(GeneratorError) {
        guard let path, path != "-" else {
            handle = FileHandle.standardOutput
            closesOnFinish = false
            displayName = "-"
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let file = FileHandle(forWritingAtPath: path) else {
            throw .cannotWrite(path: path, reason: "cannot create the file")
        }
        handle = file
        closesOnFinish = true
        displayName = path
    }

    func write(_ bytes: [UInt8]) throws(GeneratorError) {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw .cannotWrite(path: displayName, reason: error.localizedDescription)
        }
    }

    func close() throws(GeneratorError) {
        guard closesOnFinish else { return }
        do {
            try handle.close()
        } catch {
            throw .cannotWrite(path: displayName, reason: error.localizedDescription)
        }
    }
}

/// Writes rows of cells as CSV: the chosen delimiter and decimal separator, fields quoted only
/// when they must be (RFC 4180: a delimiter, a quote or a line break inside), CRLF line ends,
/// text in the chosen encoding.
///
/// Everything goes through one byte buffer that is flushed when it passes `flushThreshold`:
/// a million rows are about 190 MB, and per-row system calls or `print` would dominate.
struct TableWriter {
    private var buffer: [UInt8] = []
    private let output: OutputFile
    private let delimiter: UInt8
    private let decimalSeparator: UInt8
    private let encoding: OutputEncoding
    private let yes: [UInt8]
    private let no: [UInt8]
    /// The current school's text fields, already encoded and quoted, indexed like `SchoolText`.
    private var schoolFields = [[UInt8]](repeating: [], count: SchoolText.allCases.count)
    private var cellsInRow = 0

    private static let flushThreshold = 1 << 20
    private static let quote = UInt8(ascii: "\"")

    init(output: OutputFile, delimiter: UInt8, decimalSeparator: UInt8, encoding: OutputEncoding) {
        self.output = output
        self.delimiter = delimiter
        self.decimalSeparator = decimalSeparator
        self.encoding = encoding
        // Both encodings can spell these two words, so the force is safe.
        self.yes = encoding.encode("да")!
        self.no = encoding.encode("нет")!
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// Writes the header row of `columns`.
    mutating func writeHeader(_ columns: [Column]) throws(GeneratorError) {
        for column in columns {
            try appendField(text: column.name)
        }
        try endRow()
    }

    /// Encodes `school`'s text fields once, for the rows that follow.
    mutating func startSchool(_ school: School) throws(GeneratorError) {
        for field in SchoolText.allCases {
            schoolFields[field.rawValue] = try csvField(field.value(of: school))
        }
    }

    /// Appends one cell of the current row.
    mutating func append(_ cell: Cell) {
        startCell()
        switch cell {
        case .text(let field):
            buffer.append(contentsOf: schoolFields[field.rawValue])
        case .integer(let value):
            appendInteger(value)
        case .decimal(let value, let places):
            appendDecimal(value, places: places)
        case .flag(let value):
            buffer.append(contentsOf: value ? yes : no)
        }
    }

    /// Appends an empty cell: a missing value.
    mutating func appendEmpty() {
        startCell()
    }

    /// Ends the current row with CRLF and flushes the buffer when it is full.
    mutating func endRow() throws(GeneratorError) {
        buffer.append(UInt8(ascii: "\r"))
        buffer.append(UInt8(ascii: "\n"))
        cellsInRow = 0
        if buffer.count >= Self.flushThreshold {
            try flush()
        }
    }

    /// Writes what is left in the buffer and closes the file.
    mutating func finish() throws(GeneratorError) {
        try flush()
        try output.close()
    }

    private mutating func flush() throws(GeneratorError) {
        guard !buffer.isEmpty else { return }
        try output.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func startCell() {
        if cellsInRow > 0 { buffer.append(delimiter) }
        cellsInRow += 1
    }

    private mutating func appendField(text: String) throws(GeneratorError) {
        startCell()
        buffer.append(contentsOf: try csvField(text))
    }

    /// `text` encoded, and quoted with inner quotes doubled if it holds the delimiter, a quote
    /// or a line break. Checking the encoded bytes is sound because both encodings keep ASCII
    /// as it is and never use ASCII bytes inside a multi-byte character.
    private func csvField(_ text: String) throws(GeneratorError) -> [UInt8] {
        guard let bytes = encoding.encode(text) else {
            throw .cannotEncode(text: text)
        }
        let needsQuotes = bytes.contains { byte in
            byte == delimiter || byte == Self.quote || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
        }
        guard needsQuotes else { return bytes }
        var quoted: [UInt8] = [Self.quote]
        for byte in bytes {
            if byte == Self.quote { quoted.append(Self.quote) }
            quoted.append(byte)
        }
        quoted.append(Self.quote)
        return quoted
    }

    /// Appends the decimal digits of `value`.
    private mutating func appendInteger(_ value: Int) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        // Digits come out lowest first: fill a small stack buffer from its end, then copy.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value.magnitude
            var first = digits.count
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining > 0
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }

    /// Appends `value` rounded to `places` decimals (half away from zero), dropping trailing
    /// zeros but keeping one digit after the separator: 68.25 with 1 place is `68.3`,
    /// 3.6 with 2 places is `3.6`, 70 is `70.0`.
    ///
    /// `places` is at least 1. The value is scaled to an integer and printed with integer arithmetic, so the text does
    /// not depend on a platform's `printf`.
    private mutating func appendDecimal(_ value: Double, places: Int) {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded(.toNearestOrAwayFromZero))
        if scaled < 0 { buffer.append(UInt8(ascii: "-")) }
        let magnitude = scaled.magnitude
        appendInteger(Int(magnitude / UInt(scale)))
        buffer.append(decimalSeparator)
        var fraction = Int(magnitude % UInt(scale))
        var digits = places
        while digits > 1 && fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        // Leading zeros of the fraction: 0.05 with 3 places is fraction 50 → "05".
        var width = 1
        var power = 10
        while power <= fraction { width += 1; power *= 10 }
        for _ in 0..<max(0, digits - width) { buffer.append(UInt8(ascii: "0")) }
        appendInteger(fraction)
    }
}
