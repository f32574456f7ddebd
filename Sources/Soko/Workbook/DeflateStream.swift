// A ZIP member's content compressed while it is written, so that a large sheet never exists
// uncompressed (or compressed) in memory as a whole. The bytes are cut into chunks of 2 MiB;
// each chunk is deflated on its own by a DeflateEncoder (primed with the 32 KiB before it, as
// pigz does) and ends on a byte boundary (an empty stored block, as zlib's sync flush), so that
// the chunks' outputs, in order, are one valid DEFLATE stream. Chunks are compressed by worker
// threads while the writer goes on producing XML, and the output does not depend on how many
// workers there are (the same bytes with one or four).
import CZlib
import Foundation

final class DeflateStream {
    static let chunk = 2 << 20
    static let window = 32 << 10

    private let emit: (([UInt8]) -> Void)?
    private var collected: [UInt8] = []
    /// The next chunk: the last 32 KiB of the stream before it (its primer), then its bytes.
    private var pending: [UInt8] = []
    /// Where the chunk's own bytes start in `pending`.
    private var pendingStart = 0
    private var crc: UInt32 = 0
    private var size = 0
    private let pool: DeflatePool?
    private var local: DeflateEncoder?
    /// Jobs handed to the pool, oldest first, not yet emitted.
    private var inFlight: [DeflateJob] = []
    /// Input buffers of delivered chunks, emptied, to be filled again.
    private var spare: [[UInt8]] = []

    /// A stream whose compressed bytes are handed to `emit` as they are ready (in order), or kept
    /// for `finished()` when `emit` is nil. `workers` threads compress (0: on the caller's thread).
    init(emit: (([UInt8]) -> Void)? = nil, workers: Int = DeflateStream.defaultWorkers) {
        self.emit = emit
        pool = workers > 0 ? DeflatePool(workers: workers) : nil
        pending.reserveCapacity(Self.window + Self.chunk + (1 << 16))
    }

    deinit { pool?.stop() }

    /// Two workers on a machine with two cores or more: one core keeps writing the XML.
    static var defaultWorkers: Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return cores > 1 ? min(cores, 3) : 0
    }

    /// Appends bytes to the member.
    func write(_ bytes: some Collection<UInt8>) {
        // A chunk never holds much more than `chunk` bytes, however much comes at once: the
        // encoder's positions are 32-bit.
        var rest = bytes[...]
        while !rest.isEmpty {
            let room = max(1, Self.chunk - (pending.count - pendingStart))
            let piece = rest.prefix(room)
            pending.append(contentsOf: piece)
            rest = rest.dropFirst(piece.count)
            if pending.count - pendingStart >= Self.chunk { submit(last: false) }
        }
    }

    /// Appends a string's UTF-8 bytes.
    func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    /// Ends the stream: the compressed bytes not yet emitted (all of them without `emit`), the
    /// CRC-32 and the size of everything written.
    func finished() -> ([UInt8], UInt32, Int) {
        submit(last: true)
        drain(keeping: 0)
        pool?.stop()
        return (collected, crc, size)
    }

    /// Appends `count` pieces, made on up to `workers` threads at once and handed out in piece
    /// order (OrderedPieces): `make(worker, piece, out)` writes piece `piece` into `out`, which
    /// compresses it on that thread. A piece is compressed on its own (its first bytes find no
    /// matches in the piece before), so the bytes depend on the pieces alone, not on `workers`.
    /// What was written before ends its chunk here; what is written after starts a chunk with
    /// no history before it.
    func writePieces(count: Int, workers: Int, _ make: (_ worker: Int, _ piece: Int, _ out: DeflatePiece) -> Void) {
        if pending.count > pendingStart { submit(last: false) }
        drain(keeping: 0)
        let workers = max(1, min(workers, count))
        let outs = (0..<workers).map { _ in DeflatePiece() }
        // Each piece's CRC and size, written by the thread that made it, read once all are made.
        let checks = UnsafeMutableBufferPointer<(crc: UInt32, size: Int)>.allocate(capacity: max(count, 1))
        defer { checks.deallocate() }
        let sink = ReportSink { [self] bytes in
            if let emit { emit(bytes) } else { collected += bytes }
        }
        OrderedPieces.run(count: count, workers: workers, window: workers * 2, to: sink) { worker, piece in
            let out = outs[worker]
            out.start()
            make(worker, piece, out)
            checks[piece] = (out.crc, out.size)
            return out.finish()
        }
        for (pieceCRC, pieceSize) in checks.prefix(count) where pieceSize > 0 {
            absorb(crc: pieceCRC, count: pieceSize)
        }
        pending.removeAll(keepingCapacity: true)
        pendingStart = 0
    }

    private func submit(last: Bool) {
        let input = pending
        let start = pendingStart
        // A buffer of a delivered chunk, when there is one: no fresh 2 MiB allocation per chunk.
        pending = spare.popLast() ?? []
        if !last && pending.capacity < Self.window + Self.chunk + (1 << 16) {
            pending.reserveCapacity(Self.window + Self.chunk + (1 << 16))
        }
        // The next chunk starts with the stream's last 32 KiB: its matches may reach into them,
        // and the encoder reads them in place, without a copy of the chunk.
        pending.append(contentsOf: input.suffix(Self.window))
        pendingStart = pending.count
        let job = DeflateJob(buffer: input, start: start, last: last)
        if let pool {
            inFlight.append(job)
            pool.add(job)
            // A few chunks ahead of the writer at most: memory stays a few MiB.
            drain(keeping: pool.workers * 2)
        } else {
            if local == nil { local = DeflateEncoder() }
            job.run(local!)
            deliver(job)
        }
    }

    /// Emits finished jobs in order until at most `keeping` are still out.
    private func drain(keeping: Int) {
        guard let pool else { return }
        while inFlight.count > keeping {
            let job = inFlight.removeFirst()
            pool.wait(for: job)
            deliver(job)
        }
    }

    /// Appends to the stream's CRC and size those of the next `count` bytes.
    private func absorb(crc next: UInt32, count: Int) {
        crc = size == 0 ? next : UInt32(crc32_combine(UInt(crc), UInt(next), count))
        size += count
    }

    private func deliver(_ job: DeflateJob) {
        absorb(crc: job.crc, count: job.count)
        if let emit { if !job.output.isEmpty { emit(job.output) } } else { collected += job.output }
        if var buffer = job.release(), spare.count < 2 {
            buffer.removeAll(keepingCapacity: true)
            spare.append(buffer)
        }
    }
}

/// A piece of a stream written on several threads (`DeflateStream.writePieces`), compressed
/// by the thread that writes it, part by part as its bytes come: each part primed with the
/// bytes of the piece before it (at most 32 KiB), never with another piece's, and ending on a
/// byte boundary, so that the pieces' outputs, in order, continue the stream.
final class DeflatePiece {
    private let encoder = DeflateEncoder()
    private var output: [UInt8] = []
    /// The CRC-32 and the number of the bytes compressed since `start()`.
    private(set) var crc: UInt32 = 0
    private(set) var size = 0

    /// Compresses `bytes[start...]`, primed with `bytes[..<start]` (the piece's bytes just
    /// before them, at most 32 KiB).
    func compress(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
        let count = bytes.count - start
        guard count > 0, let base = bytes.baseAddress else { return }
        let part = encoder.compress(bytes, from: start, last: false)
        if output.isEmpty { output = part } else { output += part }
        crc = UInt32(CZlib.crc32(UInt(crc), base + start, UInt32(count)))
        size += count
    }

    fileprivate func start() {
        output = []
        crc = 0
        size = 0
    }

    /// The compressed bytes of the piece; empties them.
    fileprivate func finish() -> [UInt8] {
        defer { output = [] }
        return output
    }
}

/// One chunk to compress, and its result.
final class DeflateJob: @unchecked Sendable {
    /// The chunk's primer (the stream's 32 KiB before it), then its bytes from `start`.
    private(set) var buffer: [UInt8]
    let start: Int
    let last: Bool
    /// Set by the worker (under the pool's lock).
    var output: [UInt8] = []
    var crc: UInt32 = 0
    var done = false

    init(buffer: [UInt8], start: Int, last: Bool) {
        self.buffer = buffer
        self.start = start
        self.last = last
        count = buffer.count - start
    }

    /// How many bytes of the stream the chunk holds.
    let count: Int

    func run(_ compressor: DeflateEncoder) {
        output = compressor.compress(buffer, from: start, last: last)
        crc = buffer.withUnsafeBufferPointer { UInt32(CZlib.crc32(0, $0.baseAddress.map { $0 + start }, UInt32(count))) }
    }

    /// Frees the buffers once delivered; returns the input's, for another chunk.
    func release() -> [UInt8]? {
        let kept = buffer
        buffer = []
        output = []
        return kept.capacity >= DeflateStream.chunk ? kept : nil
    }
}

/// Worker threads that compress chunks in the order they are added.
final class DeflatePool: @unchecked Sendable {
    let workers: Int
    private let condition = NSCondition()
    private var queue: [DeflateJob] = []
    private var stopped = false
    private var started = false

    init(workers: Int) {
        self.workers = workers
    }

    func add(_ job: DeflateJob) {
        condition.lock()
        if !started {
            started = true
            for _ in 0..<workers {
                let thread = Thread { [self] in work() }
                thread.stackSize = 1 << 20
                thread.start()
            }
        }
        queue.append(job)
        condition.broadcast()
        condition.unlock()
    }

    func wait(for job: DeflateJob) {
        condition.lock()
        while !job.done { condition.wait() }
        condition.unlock()
    }

    /// Lets the workers end once the queue is empty.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        let compressor = DeflateEncoder()
        condition.lock()
        while true {
            while queue.isEmpty && !stopped { condition.wait() }
            if queue.isEmpty { break }
            let job = queue.removeFirst()
            condition.unlock()
            job.run(compressor)
            condition.lock()
            job.done = true
            condition.broadcast()
        }
        condition.unlock()
    }
}
