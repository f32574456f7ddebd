// A hash table of the distinct byte strings of a column, for the reader's text and flag cells
// and for merging the parts' dictionaries.

/// Distinct byte strings of one column and a payload for each (a text code, or a flag's truth):
/// an open-addressing hash table over the bytes, so that a String is made only for a new value.
struct ByteInterner {
    /// Entry index + 1 per table slot, 0 for an empty slot; the size is a power of two.
    private var table: [Int32]
    private var mask: Int
    /// Per entry: where its bytes are in `arena`, their length, hash and payload.
    private var entryStarts: [Int] = []
    private var entryLengths: [Int32] = []
    private var entryHashes: [UInt64] = []
    private(set) var payloads: [Int32] = []
    private var arena: [UInt8] = []
    /// The last entry found, tried first: neighbouring rows often repeat a value.
    private var lastEntry = -1

    init() {
        self.init(capacity: 0)
    }

    /// An interner with room for `capacity` entries before its table grows.
    init(capacity: Int) {
        var size = 64
        while size < 2 * capacity { size *= 2 }
        table = [Int32](repeating: 0, count: size)
        mask = size - 1
        entryStarts.reserveCapacity(capacity)
        entryLengths.reserveCapacity(capacity)
        entryHashes.reserveCapacity(capacity)
        payloads.reserveCapacity(capacity)
    }

    var count: Int { payloads.count }

    /// A 64-bit hash of bytes, eight at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            offset += 8
        }
        if offset < count {
            var word: UInt64 = 0
            if count >= 8 {
                // The last eight bytes, overlapping the words before (the length is in the hash).
                word = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else {
                var shift: UInt64 = 0
                while offset < count {
                    word |= UInt64(base[offset]) << shift
                    shift += 8
                    offset += 1
                }
            }
            hash = (hash ^ word) &* 0x94D0_49BB_1331_11EB
            hash ^= hash >> 31
        }
        hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return hash ^ (hash >> 32)
    }

    @inline(__always)
    private func equals(entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = Int(entryLengths[entry])
        guard length == bytes.count else { return false }
        if length == 0 { return true }
        let start = entryStarts[entry]
        return arena.withUnsafeBufferPointer { stored in
            guard let storedBase = stored.baseAddress, let base = bytes.baseAddress else { return false }
            return ByteInterner.sameBytes(storedBase + start, base, length)
        }
    }

    /// Whether `count` bytes at `a` and at `b` are the same: eight at a time, the last eight
    /// overlapping the ones before (no byte past either end is read), shorter ones byte by
    /// byte. Inline, not `memcmp`: most cells compare with the value just before (a school's
    /// name in each of its rows), and the call cost more than the comparison.
    @inline(__always)
    static func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count >= 8 else {
            var index = 0
            while index < count {
                if a[index] != b[index] { return false }
                index += 1
            }
            return true
        }
        let first = UnsafeRawPointer(a)
        let second = UnsafeRawPointer(b)
        var offset = 0
        while offset + 8 < count {
            if first.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != second.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset += 8
        }
        return first.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == second.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }

    /// The payload stored for these bytes, or nil when they are new.
    @inline(__always)
    mutating func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        if lastEntry >= 0, equals(entry: lastEntry, bytes) { return payloads[lastEntry] }
        return find(bytes, hash: ByteInterner.hash(bytes))
    }

    /// `find` with the bytes' hash (`ByteInterner.hash`) already known.
    @inline(__always)
    mutating func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        var position = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(table[position])
            if stored == 0 { return nil }
            let entry = stored - 1
            if entryHashes[entry] == hash, equals(entry: entry, bytes) {
                lastEntry = entry
                return payloads[entry]
            }
            position = (position + 1) & mask
        }
    }

    /// Adds new bytes with their payload (after `find` returned nil).
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, payload: Int32) {
        insert(bytes, hash: ByteInterner.hash(bytes), payload: payload)
    }

    /// `insert` with the bytes' hash already known.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, payload: Int32) {
        let entry = payloads.count
        entryStarts.append(arena.count)
        entryLengths.append(Int32(truncatingIfNeeded: bytes.count))
        entryHashes.append(hash)
        payloads.append(payload)
        arena.append(contentsOf: bytes)
        lastEntry = entry
        if (entry + 1) * 2 > table.count {
            grow()
        } else {
            place(entry: entry, hash: hash)
        }
    }

    private mutating func place(entry: Int, hash: UInt64) {
        var position = Int(truncatingIfNeeded: hash) & mask
        while table[position] != 0 { position = (position + 1) & mask }
        table[position] = Int32(truncatingIfNeeded: entry + 1)
    }

    private mutating func grow() {
        table = [Int32](repeating: 0, count: table.count * 2)
        mask = table.count - 1
        for entry in 0..<payloads.count { place(entry: entry, hash: entryHashes[entry]) }
    }
}
