// Pieces of a report made on several threads and handed over in order: the entities of a
// million-row JSON report are cut into consecutive ranges, each range's bytes are made on
// whichever thread is free, and the sink gets the ranges one after the other, so the bytes are
// the same whatever the number of threads. A thread waits before starting a piece too far ahead
// of the last one handed over, so memory stays flat however long the report.

import Foundation

enum OrderedPieces {
    /// Makes pieces `0..<count` with `make(worker, piece)` and hands each piece's bytes to `sink`
    /// in piece order. `workers` threads make pieces (each piece on one thread; a worker number
    /// in `0..<workers` is never used by two threads at once, and each worker gets its pieces in
    /// ascending order); at most `window` pieces are made or waiting beyond the last one handed
    /// over. With one worker everything runs on the calling thread.
    static func run(count: Int, workers: Int, window: Int, to sink: ReportSink, _ make: (_ worker: Int, _ piece: Int) -> [UInt8]) {
        guard count > 0 else { return }
        let workers = max(1, min(workers, count))
        guard workers > 1 else {
            for piece in 0..<count {
                var bytes = make(0, piece)
                sink.drain(&bytes)
            }
            return
        }
        withoutActuallyEscaping(make) { make in
            let state = Handover(sink: sink, count: count, window: max(window, workers), make: make)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in state.work(worker) }
        }
    }

    /// The pieces in flight between the workers and the sink.
    private final class Handover: @unchecked Sendable {
        // Unchecked: the counters and `ready` are read and changed only under `lock`; one
        // thread at a time hands pieces to the sink (`handing`), and the caller of `run` waits
        // for every worker (`concurrentPerform`) before `make` and the sink go out of scope.
        private let sink: ReportSink
        private let count: Int
        private let make: (Int, Int) -> [UInt8]
        private let lock = NSLock()
        /// One permit per piece being made or waiting to be handed over.
        private let permits: DispatchSemaphore
        /// The next piece a worker takes, and the next piece the sink gets.
        private var taken = 0
        private var next = 0
        /// Pieces made but not yet handed over (waiting for an earlier piece).
        private var ready: [Int: [UInt8]] = [:]
        /// Whether a worker is handing pieces to the sink.
        private var handing = false

        init(sink: ReportSink, count: Int, window: Int, make: @escaping (Int, Int) -> [UInt8]) {
            self.sink = sink
            self.count = count
            self.make = make
            permits = DispatchSemaphore(value: window)
        }

        func work(_ worker: Int) {
            while true {
                permits.wait()
                lock.lock()
                let piece = taken
                taken += 1
                lock.unlock()
                guard piece < count else {
                    permits.signal()
                    return
                }
                let bytes = make(worker, piece)
                lock.lock()
                ready[piece] = bytes
                // The worker that finds no one handing over hands over every piece that is
                // next in order, its own and those others finished meanwhile.
                guard !handing else {
                    lock.unlock()
                    continue
                }
                handing = true
                while var bytes = ready.removeValue(forKey: next) {
                    next += 1
                    lock.unlock()
                    sink.drain(&bytes)
                    permits.signal()
                    lock.lock()
                }
                handing = false
                lock.unlock()
            }
        }
    }
}
