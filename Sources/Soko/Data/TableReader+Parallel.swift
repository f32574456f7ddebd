// The reader's threads. A large file is read on every core: the data rows are cut into parts at
// line ends, each part is read by its own reader and builder (the threads take the parts in
// turn), and the parts are joined in file order. Still correct when a cut falls inside a quoted
// field: the part before it then does not end at a record's end, and the file is read again on
// one thread. And a read of very many columns runs
// on a thread with a stack large enough for one level of recursion per column.
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A body to run on a thread of its own.
private final class StackJob: @unchecked Sendable {
    // Unchecked: the new thread alone uses the job until `pthread_join` returns.
    let body: () -> Void

    init(_ body: @escaping () -> Void) {
        self.body = body
    }
}

/// One part's work, handed to a worker thread and back: its input range, its builder, and what
/// its reader saw at the end.
final class PartJob: @unchecked Sendable {
    // Unchecked: one thread at a time uses a job (`concurrentPerform` runs each iteration once,
    // and the caller reads the jobs only after it returns); parts share no mutable state.
    private var reader: CSVReader?
    private let input: ByteInput?
    private let delimiter: UInt8
    private let columns: [Int]
    private let columnCount: Int
    private let blockSize: Int
    private var builder: TableBuilder?
    /// After the scan: whether the part ended inside a record, and its reader's next row.
    private(set) var endedInsideRecord = false
    private(set) var nextRow = 1

    /// The first part: the reader that read the header, already positioned.
    init(reader: CSVReader, builder: TableBuilder) {
        self.reader = reader
        input = nil
        delimiter = 0
        columns = []
        columnCount = 0
        blockSize = 0
        self.builder = builder
    }

    /// A later part: its reader is made when the part is read (so that only the parts being
    /// read hold a block).
    init(input: ByteInput, delimiter: UInt8, columns: [Int], columnCount: Int, blockSize: Int, builder: TableBuilder) {
        reader = nil
        self.input = input
        self.delimiter = delimiter
        self.columns = columns
        self.columnCount = columnCount
        self.blockSize = blockSize
        self.builder = builder
    }

    func run() {
        guard var working = builder else { return }
        builder = nil
        let partReader: CSVReader
        if let reader {
            partReader = reader
        } else if let input {
            partReader = CSVReader(input: input, blockSize: blockSize)
            partReader.setDelimiter(delimiter)
            partReader.select(columns: columns, columnCount: columnCount)
        } else {
            return
        }
        TableReader.scan(partReader, into: &working)
        endedInsideRecord = partReader.endedInsideRecord
        nextRow = partReader.nextRow
        reader = nil
        builder = working
    }

    /// The builder, moved out of the job (so that nothing else holds its columns).
    func takeBuilder() -> TableBuilder? {
        defer { builder = nil }
        return builder
    }
}

extension TableReader {
    /// How many cores the machine has online.
    static var processorCount: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    /// How many columns are read on the caller's thread (or a worker's): each column takes a
    /// level of recursion (about 110 bytes of stack in a release build) while the scan runs.
    static let columnsOnAnyStack = 256

    /// Runs `body` on a new thread with a stack of `stackSize` bytes, and waits for it.
    static func onLargeStack<Result>(stackSize: Int, _ body: () -> Result) -> Result {
        var result: Result?
        withoutActuallyEscaping({ result = body() }) { escapable in
            let job = StackJob(escapable)
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, max(stackSize, 1 << 20))
            var thread = pthread_t()
            let context = Unmanaged.passRetained(job).toOpaque()
            let started = pthread_create(&thread, &attributes, { context in
                if let context { Unmanaged<StackJob>.fromOpaque(context).takeRetainedValue().body() }
                return nil
            }, context)
            if started == 0 {
                pthread_join(thread, nil)
            } else {
                // No thread could be made: run here after all.
                Unmanaged<StackJob>.fromOpaque(context).release()
                job.body()
            }
        }
        guard let result else { preconditionFailure("the job ran") }
        return result
    }

    /// The most parts a file is cut into.
    static let maximumParts = 256

    /// Reads the data rows in parts of about `options.chunkSize` bytes (at least two), cut at
    /// line ends, on as many threads as there are cores; each part has its own reader and
    /// builder, and the parts are joined in file order, so the table is the same whatever the
    /// number of parts or threads. Returns nil, having read nothing, when the input is too
    /// small, the machine has one core, or no line end is found near the cuts; the caller then
    /// reads on one thread.
    static func readInParts(path: String, input: ByteInput, opened: OpenedFile, builder: TableBuilder,
                            columns: [Int], options: CSVOptions) -> Result<LoadedTable, DataReadFailure>? {
        guard let size = input.sizeHint, size >= options.splitThreshold, processorCount >= 2 || options.splitThreshold == 0,
              size > opened.dataStart, columns.count <= columnsOnAnyStack else { return nil }
        let dataSize = size - opened.dataStart
        // A few parts per core: a thread that gets less of the machine (it is shared) reads fewer
        // of them, and the smaller the parts, the less a core waits for the other's last one.
        // Not more when every part keeps its own columns until the parts are joined.
        let perCore = options.placesParts ? 16 : 4
        let partsLimit = min(maximumParts, options.partLimit ?? perCore * max(1, processorCount))
        let wanted = min(partsLimit, max(2, (dataSize + max(1, options.chunkSize) - 1) / max(1, options.chunkSize)))
        // The first reader may already hold bytes beyond a cut: cuts start after them.
        var cuts: [Int] = []
        var previous = input.fetchedEnd
        for part in 1..<wanted {
            let target = opened.dataStart + Int(Double(dataSize) * Double(part) / Double(wanted))
            guard let cut = lineEnd(after: max(target, previous), in: input), cut > previous, cut < size else { continue }
            cuts.append(cut)
            previous = cut
        }
        guard !cuts.isEmpty else { return nil }
        var inputs: [ByteInput] = []
        for (index, start) in cuts.enumerated() {
            guard let partInput = input.reopened() else { return nil }
            partInput.restrict(from: start, to: index + 1 < cuts.count ? cuts[index + 1] : Int.max)
            inputs.append(partInput)
        }
        input.restrict(to: cuts[0])
        var first = builder
        first.makeFirstPart(size: cuts[0])
        var builders = [first]
        for index in inputs.indices {
            let end = index + 1 < cuts.count ? cuts[index + 1] : size
            builders.append(builder.forAnotherPart(issues: IssueCollector(path: path, cap: options.maxIssues),
                                                   sizeHint: end - cuts[index]))
        }
        // Read again on one thread (a cut was inside a quoted field: the parts are wrong), or
        // in parts each with columns of its own (a part had more records than line feeds).
        func again(placing: Bool) -> Result<LoadedTable, DataReadFailure>? {
            guard let again = input.reopened() else { return nil }
            again.restrict(from: 0, to: Int.max)
            var other = options
            if placing { other.placesParts = false } else { other.parallel = false }
            return read(input: again, path: path, columns: builder.requests, options: other)
        }
        let ranges = zip([opened.dataStart] + cuts, cuts + [size]).map { (start: $0, end: $1) }
        if options.placesParts, let rooms = roomPerPart(inputs: [input] + inputs, ranges: countedRanges(ranges, input: input)) {
            var quotedCut = false
            if let table = readPlaced(first: opened.reader, builders: builders, inputs: inputs, rooms: rooms,
                                      opened: opened, columns: columns, options: options, quotedCut: &quotedCut) {
                return table
            }
            return again(placing: !quotedCut)
        }
        var jobs = [PartJob(reader: opened.reader, builder: first)]
        for (index, partInput) in inputs.enumerated() {
            jobs.append(PartJob(input: partInput, delimiter: opened.delimiter, columns: columns,
                                columnCount: opened.header.fieldCount, blockSize: options.blockSize,
                                builder: builders[index + 1]))
        }
        let work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { index in work[index].run() }

        var parts: [TableBuilder] = []
        for job in jobs {
            if let part = job.takeBuilder() { parts.append(part) }
        }
        guard parts.count == jobs.count, !jobs.dropLast().contains(where: \.endedInsideRecord) else {
            for part in parts { part.deallocate() }
            return again(placing: false)
        }
        var rowOffsets = [0]
        for job in jobs.dropLast() { rowOffsets.append(rowOffsets[rowOffsets.count - 1] + job.nextRow - 1) }
        return TableBuilder.finish(parts: &parts, rowOffsets: rowOffsets)
    }

    /// The ranges whose line feeds are counted as the parts' rooms: the parts' own, but without
    /// a line feed right at the data's start, which ends no data row (the LF of the header's
    /// CRLF, as the header ends at its CR; or a blank line). So the rooms stay exact.
    static func countedRanges(_ ranges: [(start: Int, end: Int)], input: ByteInput) -> [(start: Int, end: Int)] {
        guard let first = ranges.first, first.start < first.end,
              input.peek(at: first.start, count: 1).first == UInt8(ascii: "\n") else { return ranges }
        var counted = ranges
        counted[0].start += 1
        return counted
    }

    /// The offset just after the first line end (LF, CRLF or a lone CR) at or after `start`,
    /// looking at most 1 MiB ahead; nil when there is none.
    static func lineEnd(after start: Int, in input: ByteInput) -> Int? {
        // A small window first (lines are short), then the whole MiB.
        for size in [1 << 14, 1 << 20] {
            let window = input.peek(at: start, count: size + 1)
            let isLast = size == 1 << 20 || window.count <= size
            // In the small window the byte after a CR is always there to look at.
            let scanned = isLast ? window.count : size
            var index = 0
            while index < scanned {
                let byte = window[index]
                if byte == UInt8(ascii: "\n") { return start + index + 1 }
                if byte == UInt8(ascii: "\r") {
                    guard index + 1 < window.count else { return nil }
                    return start + index + (window[index + 1] == UInt8(ascii: "\n") ? 2 : 1)
                }
                index += 1
            }
            if isLast { return nil }
        }
        return nil
    }
}
