// The last cell of each flag and text column of a part: neighbouring rows repeat a value (a
// school's code and name in each of its five years, a municipality in each of its schools), and
// comparing a cell's bytes with the last cell's costs a fraction of trimming them and looking
// them up in the column's dictionary (`ByteInterner`).

/// For each of `count` columns, the raw bytes of the last cell kept (at most `limit` of them)
/// and the value that cell gave: a text code or a flag's truth. Only cells read without a
/// problem are kept (a cell that was reported is looked at again, and reported again). Raw
/// memory of its own, freed by `deallocate`: one per part's builder, used by its thread alone.
struct RecentCells {
    /// Longer cells are not kept (codes, names and flags are shorter).
    static let limit = 64
    private let bytes: UnsafeMutablePointer<UInt8>
    /// -1 for a column with no cell kept.
    private let lengths: UnsafeMutablePointer<Int>
    private let values: UnsafeMutablePointer<Int32>

    init(count: Int) {
        let count = max(1, count)
        bytes = .allocate(capacity: count * RecentCells.limit)
        bytes.initialize(repeating: 0, count: count * RecentCells.limit)
        lengths = .allocate(capacity: count)
        lengths.initialize(repeating: -1, count: count)
        values = .allocate(capacity: count)
        values.initialize(repeating: 0, count: count)
    }

    func deallocate() {
        bytes.deallocate()
        lengths.deallocate()
        values.deallocate()
    }

    /// The value the last kept cell of `column` gave, when `cell` has the same bytes.
    @inline(__always)
    func value(of cell: UnsafeBufferPointer<UInt8>, column: Int) -> Int32? {
        guard lengths[column] == cell.count, let base = cell.baseAddress,
              ByteInterner.sameBytes(bytes + column * RecentCells.limit, base, cell.count) else { return nil }
        return values[column]
    }

    /// Keeps `cell` (when it is not too long) as the last cell of `column`, with its value.
    @inline(__always)
    func keep(_ cell: UnsafeBufferPointer<UInt8>, column: Int, value: Int32) {
        guard cell.count <= RecentCells.limit, let base = cell.baseAddress else { return }
        (bytes + column * RecentCells.limit).update(from: base, count: cell.count)
        lengths[column] = cell.count
        values[column] = value
    }
}
