// The byte-level CSV reader: streams a file in blocks and hands each record's wanted fields, as
// byte spans, to a consumer. The state machine itself is in CSVReader+States.swift.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where one wanted field of the current record lies: in the reader's block, or in its overflow
/// buffer (for fields that crossed a block boundary or held doubled quotes).
struct CSVFieldSpan {
    var start: Int
    var length: Int
    var inOverflow: Bool
}

/// One record as the consumer sees it. Valid only during the `consume` call: its spans point
/// into the reader's buffers.
struct CSVRecord {
    /// The row a person sees: the header is row 1; every record counts once, even when a quoted
    /// field holds line breaks; blank lines count too (as in Excel), though they are skipped.
    var row: Int
    /// How many fields the record has.
    var fieldCount: Int
    /// Length in bytes of the last field (to recognise an empty trailing field).
    var lastFieldLength: Int
    /// Whether a NUL byte occurred anywhere in the record.
    var hasNul: Bool
    /// Index of the first field longer than the limit, or -1.
    var overlongField: Int
    /// Whether the file ended inside a quoted field of this record.
    var unterminatedQuote: Bool
    /// How many bytes of the input come before the end of this record (BOM not counted).
    var endOffset: Int
    let spans: UnsafePointer<CSVFieldSpan>
    let slotColumns: UnsafePointer<Int>
    let block: UnsafePointer<UInt8>
    let overflow: UnsafePointer<UInt8>

    /// The bytes of the wanted field in `slot` of a record known to have it (one with as many
    /// fields as the header): `field(slot:)` without the test.
    @inline(__always)
    func presentField(slot: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[slot]
        let base = span.inOverflow ? overflow : block
        return UnsafeBufferPointer(start: base + span.start, count: span.length)
    }

    /// The bytes of the wanted field in `slot`, or nil when the record is too short to have it.
    /// An overlong field is cut at the limit. At least 8 bytes can be read from the field's start
    /// (the buffers are padded), whatever its length.
    @inline(__always)
    func field(slot: Int) -> UnsafeBufferPointer<UInt8>? {
        guard slotColumns[slot] < fieldCount else { return nil }
        return presentField(slot: slot)
    }
}

/// Receives records from the reader; a concrete type, so that the call is specialised.
protocol CSVRecordConsumer {
    /// Called once per non-blank record; returns false to stop reading after this record.
    mutating func consume(_ record: CSVRecord) -> Bool
}

/// How a scan ended.
enum CSVScanEnd: Equatable {
    /// The input is exhausted.
    case finished
    /// The consumer asked to stop; another scan continues with the next record.
    case stopped
    /// Reading the file failed with this error number.
    case readFailed(Int32)
}

/// A streaming CSV reader over bytes: RFC 4180 quoting, CR, LF or CRLF line ends, a chosen or
/// detected delimiter. It keeps one block of the file and the wanted fields of the current
/// record, never the whole file.
final class CSVReader {
    /// Fields longer than this are reported, and only this much of them is kept.
    static let fieldLengthLimit = 1 << 20
    /// Records with more fields than this are reported; in a header it stops the read.
    static let columnLimit = 10_000
    /// The default block size: large enough to make reads cheap, small enough to stay in cache.
    static let defaultBlockSize = 1 << 20
    /// Readable bytes after the end of the block and of the overflow buffer, so that a short
    /// field anywhere in them can be loaded as one 8-byte word (see `CSVRecord.field`).
    static let padding = 8
    /// Blocks are never larger than this, whatever the options say.
    static let largestBlockSize = 64 << 20

    let input: ByteInput
    let blockSize: Int
    /// The current block and how many of its bytes are valid: this reader's own buffer, or a
    /// window of the file mapped into memory (read-only: the scan never writes to a block).
    private(set) var block: UnsafeMutablePointer<UInt8>
    /// This reader's buffer, made when a block is first read the ordinary way (a reader of
    /// mapped windows never needs one); until then `block` is a few zero bytes.
    private var ownBlock: UnsafeMutablePointer<UInt8>?
    private let placeholder: UnsafeMutablePointer<UInt8>
    var blockEnd = 0
    /// Position of the next byte to look at in the block.
    var position = 0
    /// How many bytes came before the current block.
    var blockOffset = 0
    /// The state between records (only `.recordStart` or `.afterCarriageReturn` between scans).
    var state: State = .recordStart
    /// The row number the next line starts (header = 1).
    var nextRow = 1
    /// Whether the input ended in the middle of a record (a last line without a line end, or
    /// an open quote). A reader given the first part of a file must not end so.
    var endedInsideRecord = false

    /// The field delimiter byte.
    private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// 1 for the bytes that end an unquoted field's run: delimiter, CR, LF and NUL.
    let stopBytes: UnsafeMutablePointer<UInt8>

    /// Column index → slot of a wanted field, -1 for the others; `selectionCount` entries.
    var selection: UnsafeMutablePointer<Int>
    var selectionCount = 0
    /// Column index → slot of a wanted field, `slotCount` (the spare span) for the others; nine
    /// more entries than `selection`, all spare (see `plainLineEnd`).
    var fastSlots: UnsafeMutablePointer<Int>
    var fastSlotCount = 0
    /// Slot → column index, ascending.
    var slotColumns: UnsafeMutablePointer<Int>
    /// Slot → where the field is in the current record; one spare at `slotCount`.
    var spans: UnsafeMutablePointer<CSVFieldSpan>
    var slotCount = 0

    /// Bytes of wanted fields that could not stay in the block.
    var overflow: UnsafeMutablePointer<UInt8>
    var overflowCapacity = 1 << 16
    var overflowCount = 0

    init(input: ByteInput, blockSize: Int = CSVReader.defaultBlockSize) {
        self.input = input
        self.blockSize = min(max(1, blockSize), CSVReader.largestBlockSize)
        block = .allocate(capacity: CSVReader.padding)
        block.initialize(repeating: 0, count: CSVReader.padding)
        placeholder = block
        stopBytes = .allocate(capacity: 256)
        stopBytes.initialize(repeating: 0, count: 256)
        selection = .allocate(capacity: 1)
        fastSlots = .allocate(capacity: 1)
        slotColumns = .allocate(capacity: 1)
        spans = .allocate(capacity: 1)
        overflow = .allocate(capacity: overflowCapacity + CSVReader.padding)
        overflow.initialize(repeating: 0, count: overflowCapacity + CSVReader.padding)
        setDelimiter(UInt8(ascii: ","))
    }

    deinit {
        ownBlock?.deallocate()
        placeholder.deallocate()
        stopBytes.deallocate()
        selection.deallocate()
        fastSlots.deallocate()
        slotColumns.deallocate()
        spans.deallocate()
        overflow.deallocate()
    }

    /// Makes the next bytes of the input the block: a window of the file mapped into memory
    /// when it can be (no copy), else read into this reader's buffer. Returns how many bytes, 0
    /// at the end, -1 on a read error. The previous block is gone.
    func refill() -> Int {
        if let window = input.mappedWindow(maxCount: blockSize) {
            block = window.bytes
            return window.count
        }
        let buffer: UnsafeMutablePointer<UInt8>
        if let ownBlock {
            buffer = ownBlock
        } else {
            buffer = .allocate(capacity: blockSize + CSVReader.padding)
            buffer.initialize(repeating: 0, count: blockSize + CSVReader.padding)
            ownBlock = buffer
        }
        block = buffer
        return input.read(into: buffer, capacity: blockSize)
    }

    /// Sets the delimiter (before the first scan).
    func setDelimiter(_ byte: UInt8) {
        delimiter = byte
        stopBytes.update(repeating: 0, count: 256)
        for stop in [byte, UInt8(ascii: "\r"), UInt8(ascii: "\n"), 0] { stopBytes[Int(stop)] = 1 }
    }

    /// Chooses which columns' fields are kept: `columns` are column indexes, in any order.
    /// Returns the slot of each given column (-1 for one out of range). Columns beyond
    /// `columnCount` are never kept.
    @discardableResult
    func select(columns: [Int], columnCount: Int) -> [Int] {
        var wanted = [Bool](repeating: false, count: max(0, columnCount))
        for column in columns where column >= 0 && column < columnCount { wanted[column] = true }
        allocateSelection(columnCount: columnCount, slotCount: wanted.reduce(0) { $0 + ($1 ? 1 : 0) })
        var slot = 0
        for column in 0..<max(0, columnCount) where wanted[column] {
            selection[column] = slot
            slotColumns[slot] = column
            slot += 1
        }
        updateFastSlots()
        return columns.map { $0 >= 0 && $0 < columnCount ? selection[$0] : -1 }
    }

    /// Keeps every field up to the column limit and one more (to notice a header that is too
    /// wide): used for the header.
    func selectAll() {
        let count = CSVReader.columnLimit + 1
        allocateSelection(columnCount: count, slotCount: count)
        for column in 0..<count {
            selection[column] = column
            slotColumns[column] = column
        }
        updateFastSlots()
    }

    /// `fastSlots` from `selection`.
    private func updateFastSlots() {
        for column in 0..<fastSlotCount {
            fastSlots[column] = column < selectionCount && selection[column] >= 0 ? selection[column] : slotCount
        }
    }

    private func allocateSelection(columnCount: Int, slotCount: Int) {
        selection.deallocate()
        fastSlots.deallocate()
        slotColumns.deallocate()
        spans.deallocate()
        selectionCount = max(0, columnCount)
        selection = .allocate(capacity: max(1, selectionCount))
        selection.initialize(repeating: -1, count: max(1, selectionCount))
        fastSlotCount = selectionCount + 9
        fastSlots = .allocate(capacity: fastSlotCount)
        fastSlots.initialize(repeating: slotCount, count: fastSlotCount)
        self.slotCount = slotCount
        slotColumns = .allocate(capacity: max(1, slotCount))
        slotColumns.initialize(repeating: 0, count: max(1, slotCount))
        // One more span than slots: the fast path writes unwanted fields there.
        spans = .allocate(capacity: slotCount + 1)
        spans.initialize(repeating: CSVFieldSpan(start: 0, length: 0, inOverflow: false), count: slotCount + 1)
    }

    // MARK: Overflow buffer

    /// Makes room for `extra` more bytes in the overflow buffer.
    func reserveOverflow(_ extra: Int) {
        let needed = overflowCount + extra
        guard needed > overflowCapacity else { return }
        var capacity = overflowCapacity
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + CSVReader.padding)
        grown.initialize(repeating: 0, count: capacity + CSVReader.padding)
        grown.update(from: overflow, count: overflowCount)
        overflow.deallocate()
        overflow = grown
        overflowCapacity = capacity
    }

    /// Appends bytes to the overflow buffer, keeping at most `room` of them.
    func appendOverflow(_ source: UnsafePointer<UInt8>, count: Int, room: Int) {
        let kept = min(count, max(0, room))
        guard kept > 0 else { return }
        reserveOverflow(kept)
        (overflow + overflowCount).update(from: source, count: kept)
        overflowCount += kept
    }

    /// Appends one byte to the overflow buffer unless `room` is used up.
    func appendOverflowByte(_ byte: UInt8, room: Int) {
        guard room > 0 else { return }
        reserveOverflow(1)
        overflow[overflowCount] = byte
        overflowCount += 1
    }
}

// MARK: - Detection of the delimiter

extension CSVReader {
    /// The delimiter of a file: the most frequent of `,` `;` and tab outside quotes in the first
    /// line that is not blank (ties go to `;`, then `,`, then tab); `,` when there is none.
    static func detectDelimiter(_ prefix: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var tabs = 0
        var inQuotes = false
        var started = false
        for byte in prefix {
            if !started {
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { continue }
                started = true
            }
            switch byte {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if !inQuotes { return choose(commas: commas, semicolons: semicolons, tabs: tabs) }
            case UInt8(ascii: ","): if !inQuotes { commas += 1 }
            case UInt8(ascii: ";"): if !inQuotes { semicolons += 1 }
            case UInt8(ascii: "\t"): if !inQuotes { tabs += 1 }
            default: break
            }
        }
        return choose(commas: commas, semicolons: semicolons, tabs: tabs)
    }

    private static func choose(commas: Int, semicolons: Int, tabs: Int) -> UInt8 {
        if semicolons > 0, semicolons >= commas, semicolons >= tabs { return UInt8(ascii: ";") }
        if commas > 0, commas >= tabs { return UInt8(ascii: ",") }
        if tabs > 0 { return UInt8(ascii: "\t") }
        return UInt8(ascii: ",")
    }
}
