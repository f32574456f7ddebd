// The reader's threads. A large file is read on two cores: the data rows are cut at a line end
// near the middle, each half is read by its own reader and builder, and the halves are joined.
// Still correct when the cut falls inside a quoted field: the first half then does not end at a
// record's end, and the file is read again on one thread. And a read of very many columns runs
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

/// The second half's work, handed to a worker thread and back.
private final class PartJob: @unchecked Sendable {
    // Unchecked: the worker thread alone uses the job until the group's `wait` returns, and
    // only then does the calling thread read it; the two halves share no mutable state.
    let reader: CSVReader
    private var builder: TableBuilder?

    init(reader: CSVReader, builder: TableBuilder) {
        self.reader = reader
        self.builder = builder
    }

    func run() {
        guard var working = builder else { return }
        builder = nil
        TableReader.scan(reader, into: &working)
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

    /// Reads the data rows as two halves on two threads. Returns nil, having read nothing, when
    /// the input is too small, the machine has one core, or no line end is found near the
    /// middle; the caller then reads on one thread.
    static func readInTwoParts(path: String, input: ByteInput, opened: OpenedFile, builder: TableBuilder,
                               columns: [Int], options: CSVOptions) -> Result<LoadedTable, DataReadFailure>? {
        guard let size = input.sizeHint, size >= options.splitThreshold, processorCount >= 2,
              size > opened.dataStart, columns.count <= columnsOnAnyStack else { return nil }
        let middle = opened.dataStart + (size - opened.dataStart) / 2
        // The first reader may already hold bytes beyond the cut: then there is nothing to gain.
        guard let cut = lineEnd(after: middle, in: input), cut > input.fetchedEnd, cut < size,
              let secondInput = input.reopened() else { return nil }
        input.restrict(to: cut)
        secondInput.restrict(from: cut, to: Int.max)
        let secondReader = CSVReader(input: secondInput, blockSize: options.blockSize)
        secondReader.setDelimiter(opened.delimiter)
        secondReader.select(columns: columns, columnCount: opened.header.fieldCount)
        let job = PartJob(reader: secondReader,
                          builder: builder.forAnotherPart(issues: IssueCollector(path: path, cap: options.maxIssues),
                                                          sizeHint: size - cut))
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { job.run() }
        var first = builder
        first.makeFirstPart(size: cut)
        scan(opened.reader, into: &first)
        group.wait()

        let taken = job.takeBuilder()
        guard let second = taken, !opened.reader.endedInsideRecord else {
            // The cut was inside a quoted field: both halves are wrong. Read again, on one thread.
            first.deallocate()
            taken?.deallocate()
            guard let again = input.reopened() else { return nil }
            again.restrict(from: 0, to: Int.max)
            var sequential = options
            sequential.parallel = false
            return read(input: again, path: path, columns: first.requests, options: sequential)
        }
        var parts = [consume first, consume second]
        return TableBuilder.finish(parts: &parts, rowOffsets: [0, opened.reader.nextRow - 1])
    }

    /// The offset just after the first line end (LF, CRLF or a lone CR) at or after `start`,
    /// looking at most 1 MiB ahead; nil when there is none.
    static func lineEnd(after start: Int, in input: ByteInput) -> Int? {
        let window = input.peek(at: start, count: (1 << 20) + 1)
        var index = 0
        while index < window.count {
            let byte = window[index]
            if byte == UInt8(ascii: "\n") { return start + index + 1 }
            if byte == UInt8(ascii: "\r") {
                guard index + 1 < window.count else { return nil }
                return start + index + (window[index + 1] == UInt8(ascii: "\n") ? 2 : 1)
            }
            index += 1
        }
        return nil
    }
}
