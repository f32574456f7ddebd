// Entity-wise work on every core: a column of many entities is cut into consecutive ranges, a
// few per core, and each range is computed on whichever thread is free into its own part of the
// result (a core that the machine's other work slows down takes fewer ranges). Only
// work where each entity's value depends on that entity alone is cut so (arithmetic,
// comparisons, truths, lookups through a map); sums over groups stay on one thread in entity
// order, so the result is the same, bit for bit, whatever the number of threads.
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

enum RowParts {
    /// Columns shorter than this are computed on the calling thread: a thread's start costs
    /// more than the work.
    @TaskLocal static var minimumRows = 1 << 16
    /// How many ranges a large column is cut into: four per core, taken by the threads in turn,
    /// so that a core slowed by other work holds the others up by a small range, not by half
    /// the column (tests set other numbers).
    @TaskLocal static var parts = cores > 1 ? 4 * cores : 1

    /// The machine's cores online.
    static let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// Calls `body` for consecutive ranges covering `0..<count`, on several threads when the
    /// column is large. `body` must write only inside its own range.
    @inline(__always)
    static func forEach(count: Int, _ body: (Range<Int>) -> Void) {
        let parts = count >= minimumRows ? min(self.parts, count) : 1
        guard parts > 1 else {
            if count > 0 { body(0..<count) }
            return
        }
        concurrently(parts) { part in body(count * part / parts..<count * (part + 1) / parts) }
    }

    /// Calls `body(i)` for each `i` in `0..<count`, on every core (for a few large, independent
    /// pieces of work; `body` must touch only what piece `i` owns). Returns when all are done.
    static func concurrently(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = PieceWork(body: body)
            DispatchQueue.concurrentPerform(iterations: count) { work.body($0) }
        }
    }

    /// Whole-number counts over `0..<count`, on several threads when the column is large:
    /// `add(range, tally)` adds into a zeroed tally of `width` counts of its range's own; the
    /// ranges' tallies are then summed (whole numbers: the same whatever the threads).
    static func tallies(count: Int, width: Int, _ add: (Range<Int>, UnsafeMutableBufferPointer<Int>) -> Void) -> [Int] {
        let parts = count >= minimumRows ? min(self.parts, count) : 1
        let tallies = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts * width)
        tallies.initialize(repeating: 0)
        defer { tallies.deallocate() }
        concurrently(parts) { part in
            add(count * part / parts..<count * (part + 1) / parts, UnsafeMutableBufferPointer(rebasing: tallies[part * width..<(part + 1) * width]))
        }
        var sums = [Int](repeating: 0, count: width)
        for part in 0..<parts {
            for slot in 0..<width { sums[slot] += tallies[part * width + slot] }
        }
        return sums
    }

    /// A new array of `count` elements: `fill(range, start)` initializes the elements of its
    /// range (the loop is the caller's, so that it is compiled with what it computes).
    @inline(__always)
    static func filled<Element>(count: Int, _ fill: (Range<Int>, UnsafeMutablePointer<Element>) -> Void) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                forEach(count: count) { range in fill(range, base) }
            }
            initialized = count
        }
    }

    /// A new array of `count` elements, `value(i)` for each, computed in ranges.
    @inline(__always)
    static func array<Element>(count: Int, _ value: (Int) -> Element) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                forEach(count: count) { range in
                    for i in range { (base + i).initialize(to: value(i)) }
                }
            }
            initialized = count
        }
    }
}

/// A piece's work handed to the threads of `concurrentPerform` (`concurrently`).
private struct PieceWork: @unchecked Sendable {
    // Unchecked: each piece touches only what it owns; the caller waits for every piece.
    let body: (Int) -> Void
}
