// Parts read straight into the table's final columns. Before the parts are read, the line feeds
// of each part are counted (on every core): a part has at most that many records (the last part
// one more), so each part gets that much room in columns made once for the whole table, and its
// builder writes there. Nothing is copied when the parts are joined, except where a part had
// fewer rows than room (blank lines, totals rows, line breaks inside quotes): its rows move down
// to close the gap. A file whose lines end in a lone CR has more records than line feeds: a part that
// runs out of room stops, and the file is read again with columns of each part's own.
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TableBuilder {
    /// Makes this builder write its rows from row `offset` of the open columns of `table` (see
    /// `withOpenColumns`), with room for `room` rows; its own columns are dropped.
    mutating func place(in table: TableBuilder, at offset: Int, room: Int) {
        isPlaced = true
        numbers = table.numbers.map { $0 + offset }
        flags = table.flags.map { $0 + offset }
        codes = table.codes.map { $0 + offset }
        rowNumbers = table.rowNumbers.map { $0 + offset }
        capacity = room
        numberColumns = []
        flagColumns = []
        codeColumns = []
        rowNumberColumn = []
    }

    /// Empties the interners, freeing their memory (after the scan: the texts are in
    /// `textValues`); they are deallocated as before.
    mutating func emptyInterners() {
        interners.deinitialize(count: internerCount)
        interners.initialize(repeating: ByteInterner(), count: internerCount)
    }

    /// The scan of a placed part: its room never grows; the scan stops only when it is full,
    /// and when a record follows then, the part is marked overflowed. (No record is handed to
    /// `consume` once the room is full: a part without room only looks for one.)
    mutating func runPlaced(_ reader: CSVReader) -> CSVScanEnd {
        if capacity > 0 {
            populateRoom()
            let end = reader.scan(&self)
            guard end == .stopped else { return end }
        }
        var probe = RecordProbe()
        let end = reader.scan(&probe)
        if probe.found { overflowed = true }
        return end == .stopped ? .finished : end
    }

    /// Gives the part's room in every column its memory now, in one call per column on this
    /// part's thread, instead of a page fault at the first row written on each page: a million
    /// rows of twenty columns are about 40,000 pages, and a fault costs more than the zeroing
    /// of its page. Linux's `MADV_POPULATE_WRITE` (5.14 on); elsewhere, or when the kernel
    /// refuses, the pages come at the first write as before. Pages shared with the neighbouring
    /// parts are only given memory (never changed), so the threads need no order.
    func populateRoom() {
        #if os(Linux)
        for column in numbers { TableBuilder.populate(UnsafeMutableRawPointer(column), byteCount: capacity * MemoryLayout<Double>.stride) }
        for column in codes { TableBuilder.populate(UnsafeMutableRawPointer(column), byteCount: capacity * MemoryLayout<Int32>.stride) }
        for column in flags { TableBuilder.populate(UnsafeMutableRawPointer(column), byteCount: capacity) }
        if let rowNumbers { TableBuilder.populate(UnsafeMutableRawPointer(rowNumbers), byteCount: capacity * MemoryLayout<Int32>.stride) }
        #endif
    }

    #if os(Linux)
    /// `madvise(MADV_POPULATE_WRITE)` over the pages that `byteCount` bytes at `start` touch.
    static func populate(_ start: UnsafeMutableRawPointer, byteCount: Int) {
        guard byteCount > 0 else { return }
        let page = ByteInput.pageSize
        let first = Int(bitPattern: start) / page * page
        let end = (Int(bitPattern: start) + byteCount + page - 1) / page * page
        // MADV_POPULATE_WRITE, which the Glibc module does not export.
        _ = madvise(UnsafeMutableRawPointer(bitPattern: first), end - first, 23)
    }
    #endif

    /// A copy of this builder whose columns are `rows` long and not yet written: the table's
    /// final columns, which placed parts fill. Its interners are this builder's: it must never
    /// be deallocated.
    func withFinalColumns(rows: Int) -> TableBuilder {
        var table = self
        table.capacity = rows
        table.numberColumns = numberColumns.map { _ in TableBuilder.unwritten(rows) }
        table.flagColumns = flagColumns.map { _ in TableBuilder.unwritten(rows) }
        table.codeColumns = codeColumns.map { _ in TableBuilder.unwritten(rows) }
        table.rowNumberColumn = TableBuilder.unwritten(rows)
        return table
    }

    /// A column of `count` elements not yet written (every element a placed part leaves
    /// unwritten is cut off before the column is handed out): the memory costs nothing until it
    /// is written.
    static func unwritten<Element: Numeric>(_ count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Moves each part's rows, written from `starts[k]` on, down to follow the previous part's,
    /// and cuts the columns of `table` to the rows read.
    mutating func closeGaps(parts: [TableBuilder], starts: [Int]) {
        var moves: [(from: Int, to: Int, count: Int)] = []
        var next = 0
        for (part, start) in zip(parts, starts) {
            if start != next, part.rowCount > 0 { moves.append((start, next, part.rowCount)) }
            next += part.rowCount
        }
        for index in numberColumns.indices { TableBuilder.compact(&numberColumns[index], moves, to: next) }
        for index in flagColumns.indices { TableBuilder.compact(&flagColumns[index], moves, to: next) }
        for index in codeColumns.indices { TableBuilder.compact(&codeColumns[index], moves, to: next) }
        TableBuilder.compact(&rowNumberColumn, moves, to: next)
        rowCount = next
    }

    static func compact<Element>(_ column: inout [Element], _ moves: [(from: Int, to: Int, count: Int)], to count: Int) {
        if !moves.isEmpty {
            column.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for move in moves {
                    UnsafeMutableRawPointer(base + move.to).copyMemory(
                        from: UnsafeRawPointer(base + move.from), byteCount: move.count * MemoryLayout<Element>.stride)
                }
            }
        }
        column.removeLast(column.count - count)
    }
}

/// Looks for one more record after a placed part's room is full.
struct RecordProbe: CSVRecordConsumer {
    private(set) var found = false

    mutating func consume(_ record: CSVRecord) -> Bool {
        found = true
        return false
    }
}

extension TableReader {
    /// Room for each part's records: the line feeds in its bytes (each part but the last ends
    /// just after a line end), and for the last part one more (a last line without a line end).
    /// Exact for a file whose every line is a record, so that the parts' rows follow each other
    /// in the columns without a gap to close. Counted on every core; nil when a part cannot be
    /// counted.
    static func roomPerPart(inputs: [ByteInput], ranges: [(start: Int, end: Int)]) -> [Int]? {
        let counts = PartCounts(inputs: inputs, ranges: ranges)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in counts.count(index) }
        let rooms = counts.finished()
        return rooms.contains(-1) ? nil : rooms
    }

    /// Reads the parts of `builders` (the first one's reader is `first`; the others read
    /// `inputs`) into one set of columns with `rooms` rows for each. Returns nil, having
    /// released everything, when a part overflowed its room; the caller then reads the file
    /// again another way. `quotedCut` is set when a cut fell inside a quoted field.
    static func readPlaced(first reader: CSVReader, builders: [TableBuilder], inputs: [ByteInput], rooms: [Int],
                           opened: OpenedFile, columns: [Int], options: CSVOptions,
                           quotedCut: inout Bool) -> Result<LoadedTable, DataReadFailure>? {
        var table: TableBuilder? = builders[0].withFinalColumns(rows: rooms.reduce(0, +))
        var starts: [Int] = []
        var jobs: [PartJob] = []
        _ = table?.withOpenColumns(level: 0) { open in
            var offset = 0
            for (index, builder) in builders.enumerated() {
                var placed = builder
                placed.place(in: open, at: offset, room: rooms[index])
                starts.append(offset)
                offset += rooms[index]
                jobs.append(index == 0
                    ? PartJob(reader: reader, builder: placed)
                    : PartJob(input: inputs[index - 1], delimiter: opened.delimiter, columns: columns,
                              columnCount: opened.header.fieldCount, blockSize: options.blockSize, builder: placed))
            }
            let work = jobs
            DispatchQueue.concurrentPerform(iterations: work.count) { index in work[index].run() }
            return .finished
        }
        var parts: [TableBuilder] = []
        for job in jobs {
            if let part = job.takeBuilder() { parts.append(part) }
        }
        quotedCut = jobs.dropLast().contains(where: \.endedInsideRecord)
        guard parts.count == jobs.count, !quotedCut, !parts.contains(where: \.overflowed) else {
            for part in parts { part.deallocate() }
            return nil
        }
        table?.closeGaps(parts: parts, starts: starts)
        var rowOffsets = [0]
        for job in jobs.dropLast() { rowOffsets.append(rowOffsets[rowOffsets.count - 1] + job.nextRow - 1) }
        let result = TableBuilder.finish(parts: &parts, rowOffsets: rowOffsets, placedIn: &table)
        // What the parts' threads freed is still counted as the process's until it is trimmed.
        TableBuilder.returnFreedMemory()
        return result
    }
}

/// The rooms being counted, shared by the counting threads.
private final class PartCounts: @unchecked Sendable {
    // Unchecked: each thread counts its own part, with its own input, and writes only its own
    // element; the caller reads them after `concurrentPerform` returns.
    private let inputs: [ByteInput]
    private let ranges: [(start: Int, end: Int)]
    private let rooms: UnsafeMutableBufferPointer<Int>

    init(inputs: [ByteInput], ranges: [(start: Int, end: Int)]) {
        self.inputs = inputs
        self.ranges = ranges
        rooms = .allocate(capacity: ranges.count)
        rooms.initialize(repeating: -1)
    }

    deinit {
        rooms.deallocate()
    }

    func count(_ index: Int) {
        let range = ranges[index]
        if let lineFeeds = inputs[index].count(of: UInt8(ascii: "\n"), from: range.start, to: range.end) {
            rooms[index] = lineFeeds + (index == ranges.count - 1 ? 1 : 0)
        }
    }

    func finished() -> [Int] { Array(rooms) }
}
