// Bytes written through a pointer, for the report writers' inner loops: a report of a million
// entities is tens of millions of small pieces, and `Array.append(contentsOf:)` costs about a
// hundred instructions a piece where a copy through a pointer costs a few. Fixed pieces (member
// names, a rule's fields, a dictionary's quoted texts) are prepared once into a `ByteArena` and
// copied by their `Piece`; numbers are formatted once per distinct value (`NumberCache`).

/// Bytes prepared once before a report is written, referred to by `Piece`s. Read-only while
/// the report is written, so several threads may copy from it.
final class ByteArena: @unchecked Sendable {
    /// Where a prepared piece lies in the arena.
    struct Piece: Sendable {
        let start: Int32
        let count: Int32
        static let empty = Piece(start: 0, count: 0)
    }

    private(set) var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init() {
        capacity = 1 << 12
        base = Self.allocate(capacity)
    }

    /// Room for `capacity` bytes and `Padded.slack` more, zeroed, so that a piece may be
    /// read 16 bytes at a time (`Padded.copy`).
    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + Padded.slack)
        base.initialize(repeating: 0, count: capacity + Padded.slack)
        return base
    }

    deinit { base.deallocate() }

    /// Adds `bytes` and returns their piece.
    func add(_ bytes: [UInt8]) -> Piece {
        reserve(bytes.count)
        bytes.withUnsafeBufferPointer { source in
            if let from = source.baseAddress { (base + count).update(from: from, count: source.count) }
        }
        defer { count += bytes.count }
        return Piece(start: Int32(count), count: Int32(bytes.count))
    }

    /// Adds `text` as one CSV field (`ByteFormat.writeCSVField`), written in place: no array
    /// per field, which counts when there is one per school.
    func addCSVField(_ text: String, delimiter: UInt8) -> Piece {
        var text = text
        return text.withUTF8 { bytes in
            reserve(2 * bytes.count + 2)
            let start = count
            count += ByteFormat.writeCSVField(bytes, delimiter: delimiter, to: base + count)
            return Piece(start: Int32(start), count: Int32(count - start))
        }
    }

    /// Makes room for `extra` more bytes.
    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var grown = capacity * 2
        while grown < count + extra { grown *= 2 }
        let moved = Self.allocate(grown)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    /// The bytes of a piece.
    func bytes(_ piece: Piece) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base + Int(piece.start), count: Int(piece.count)))
    }

    /// A JSON string with its quotes.
    func addJSONString(_ text: String) -> Piece {
        var bytes: [UInt8] = []
        ByteFormat.appendJSONString(text, to: &bytes)
        return add(bytes)
    }
}

/// A growing buffer of bytes, handed to a `ReportSink` in chunks.
struct ByteWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Whether `base` is a buffer lent by `writing(into:_:)` (not ours to free).
    private var lent = false
    /// Doubles already formatted (`appendJSONNumber`), by bit pattern.
    private var numbers = NumberCache()

    init(capacity: Int = ReportSink.chunk + (1 << 16)) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { if !lent { base.deallocate() } }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: base, count: count)
        if !lent { base.deallocate() }
        lent = false
        base = moved
        capacity = grown
    }

    /// Runs `write` with this writer (empty) writing into `buffer` instead of its own storage,
    /// so that the bytes need no copy into an array of their own (`[UInt8](unsafeUninitializedCapacity:)`),
    /// and returns how many were written there; nil when they did not fit, and then they are
    /// in the writer, as after any `append`. The buffer is used up to `Padded.slack` bytes
    /// past what was written.
    mutating func writing(into buffer: UnsafeMutableBufferPointer<UInt8>, _ write: (inout ByteWriter) -> Void) -> Int? {
        guard count == 0, !lent, let target = buffer.baseAddress else {
            write(&self)
            return nil
        }
        let (own, ownCapacity) = (base, capacity)
        (base, capacity, lent) = (target, buffer.count, true)
        write(&self)
        guard lent else {
            // It grew out of the buffer into storage of its own.
            own.deallocate()
            return nil
        }
        let written = count
        (base, capacity, lent, count) = (own, ownCapacity, false, 0)
        return written
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// A prepared piece of `arena`.
    @inline(__always)
    mutating func append(_ piece: ByteArena.Piece, of arena: ByteArena) {
        append(piece, from: arena.base)
    }

    /// A prepared piece of an arena whose bytes start at `base` (`ByteArena.base`).
    @inline(__always)
    mutating func append(_ piece: ByteArena.Piece, from base: UnsafePointer<UInt8>) {
        let length = Int(piece.count)
        reserve(length + Padded.slack)
        Padded.copy(base + Int(piece.start), to: self.base + count, count: length)
        count += length
    }

    /// A whole number in decimal.
    @inline(__always)
    mutating func appendInteger(_ value: Int) {
        reserve(20)
        if value >= 0 && value < 10 {
            base[count] = UInt8(truncatingIfNeeded: value) &+ 48
            count += 1
            return
        }
        if value < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        var magnitude = value.magnitude
        var digits = 0
        var probe = magnitude
        repeat { digits += 1; probe /= 10 } while probe > 0
        var position = count + digits
        repeat {
            position -= 1
            base[position] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
            magnitude /= 10
        } while magnitude > 0
        count += digits
    }

    /// A JSON number, as `ByteFormat.appendJSONNumber` writes it; a value that is not whole is
    /// formatted once and then copied from the cache.
    @inline(__always)
    mutating func appendJSONNumber(_ value: Double) {
        if !value.isFinite {
            append(ByteFormat.nullBytes)
        } else if Swift.abs(value) < 1e15, Double(Int(value)) == value {
            // Whole (the same test as `value == value.rounded()`, without a call into libm).
            appendInteger(Int(value))
        } else {
            reserve(NumberCache.longest + Padded.slack)
            let written = numbers.format(value, into: base + count)
            count += written
        }
    }

    /// Reads where `appendJSONNumber` would find `value`'s text, so that the memory is at hand
    /// when it is written: call it for the next values while writing the current ones.
    @inline(__always)
    mutating func prepareJSONNumber(_ value: Double) {
        numbers.touch(value)
    }

    /// A JSON string with its quotes (see `ByteFormat.appendJSONString`).
    mutating func appendJSONString(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            // Most texts have nothing to escape: copy them whole.
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                reserve(bytes.count + 2)
                base[count] = UInt8(ascii: "\"")
                count += 1
                append(bytes)
                base[count] = UInt8(ascii: "\"")
                count += 1
            } else {
                var escaped: [UInt8] = []
                ByteFormat.appendJSONString(String(decoding: bytes, as: UTF8.self), to: &escaped)
                append(escaped)
            }
        }
    }

    /// A text's UTF-8 bytes as they are.
    mutating func appendText(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// The bytes written so far, as an array.
    func bytes() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let to = buffer.baseAddress { to.update(from: base, count: count) }
            initialized = count
        }
    }

    /// Forgets what was written (keeping the capacity).
    mutating func removeAll() {
        count = 0
    }

    /// Hands the bytes to `sink` once they reach `ReportSink.chunk`.
    @inline(__always)
    mutating func spill(to sink: ReportSink) {
        if count >= ReportSink.chunk { drain(to: sink) }
    }

    /// Hands whatever was written to `sink`.
    mutating func drain(to sink: ReportSink) {
        guard count > 0 else { return }
        var bytes = self.bytes()
        count = 0
        sink.drain(&bytes)
    }
}

/// Short copies 16 bytes at a time instead of through `memmove` (a call per piece): the
/// source must be readable and the target writable `slack` bytes past the piece's end (the
/// bytes written there are garbage, overwritten by what comes next).
enum Padded {
    static let slack = 64

    @inline(__always)
    static func copy(_ from: UnsafePointer<UInt8>, to: UnsafeMutablePointer<UInt8>, count: Int) {
        guard count <= slack else {
            to.update(from: from, count: count)
            return
        }
        let source = UnsafeRawPointer(from)
        let target = UnsafeMutableRawPointer(to)
        var offset = 0
        repeat {
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self), toByteOffset: offset, as: SIMD16<UInt8>.self)
            offset += 16
        } while offset < count
    }
}

/// Shortest round-trip texts of doubles (`Double.description`), formatted once per distinct
/// value: shares and means repeat across a million entities (about 110,000 distinct values among
/// 5.4 million in the benchmark). Open addressing by bit pattern; a full table simply stops
/// caching, and a value whose text is longer than a slot is never cached.
struct NumberCache: ~Copyable {
    /// The longest text of a double (`-2.2250738585072014e-308`).
    static let longest = 24
    private static let slotBits = 18
    private static let slots = 1 << slotBits
    /// Key (8 bytes), length (1), text (up to 23).
    private static let stride = 32
    private var table: UnsafeMutablePointer<UInt8>? = nil
    private var used = 0
    /// What `touch` read (kept so that the reads are not optimized away).
    private var touched: UInt8 = 0

    init() {}

    deinit { table?.deallocate() }

    @inline(__always)
    private static func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - Self.slotBits))
    }

    /// Reads the slot where `value` would be, so that a cache miss overlaps with other work.
    @inline(__always)
    mutating func touch(_ value: Double) {
        guard let table else { return }
        touched &+= table[Self.slot(value.bitPattern) * Self.stride + 8]
    }

    /// Writes the text of `value` at `out` (room for `longest` bytes and `Padded.slack`
    /// more) and returns its length.
    mutating func format(_ value: Double, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let table = self.table ?? allocate()
        let key = value.bitPattern
        var slot = Self.slot(key)
        while true {
            let entry = table + slot * Self.stride
            let length = Int(entry[8])
            if length == 0 { break }
            if UnsafeRawPointer(entry).loadUnaligned(as: UInt64.self) == key {
                Padded.copy(entry + 9, to: out, count: length)
                return length
            }
            slot = (slot + 1) & (Self.slots - 1)
        }
        let length = ShortestDecimal.write(value, to: out) ?? {
            var text = value.description
            return text.withUTF8 { bytes in
                if let from = bytes.baseAddress { out.update(from: from, count: bytes.count) }
                return bytes.count
            }
        }()
        // At most three quarters full, so that probes stay short.
        if length < Self.stride - 9, used < Self.slots / 4 * 3 {
            let entry = table + slot * Self.stride
            UnsafeMutableRawPointer(entry).storeBytes(of: key, as: UInt64.self)
            entry[8] = UInt8(length)
            (entry + 9).update(from: out, count: length)
            used += 1
        }
        return length
    }

    private mutating func allocate() -> UnsafeMutablePointer<UInt8> {
        // The slack: a text copied 16 bytes at a time from the last slot reads past it.
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.slots * Self.stride + Padded.slack)
        table.initialize(repeating: 0, count: Self.slots * Self.stride + Padded.slack)
        self.table = table
        return table
    }
}
