// Where the CSV reader's bytes come from: a file read block by block (or its pages mapped), a
// range of it, or bytes in memory; and the system calls it makes.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: a file read block by block, or bytes already in memory
/// (for tests). Bytes read ahead for detection are handed out again before anything else. A
/// range can be chosen, so that two readers can each take a part of one file.
final class ByteInput {
    private enum Source {
        /// A regular file, read with `pread` at explicit offsets.
        case file(descriptor: Int32)
        /// A pipe or device, read in order with `read`.
        case stream(descriptor: Int32)
        case memory(bytes: [UInt8])
    }

    private let source: Source
    /// Offset of the next byte to fetch from the source, and where fetching stops.
    private var position = 0
    private var limit = Int.max
    private var pending: [UInt8] = []
    private var pendingPosition = 0
    /// The size of the whole input when known.
    let sizeHint: Int?
    /// The window of a file mapped by `mappedWindow`, unmapped when the next one is mapped.
    private var mapping: (address: UnsafeMutableRawPointer, length: Int)?

    private init(source: Source, sizeHint: Int?) {
        self.source = source
        self.sizeHint = sizeHint
    }

    /// Bytes in memory.
    convenience init(bytes: [UInt8]) {
        self.init(source: .memory(bytes: bytes), sizeHint: bytes.count)
    }

    /// Opens a file for reading, or returns the `errno` of the failure.
    static func open(path: String) -> Result<ByteInput, OpenFailure> {
        var descriptor: Int32
        repeat {
            descriptor = systemOpen(path, O_RDONLY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        if descriptor < 0 { return .failure(OpenFailure(errorNumber: errno)) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            return .failure(OpenFailure(errorNumber: EISDIR))
        }
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return .success(ByteInput(source: .stream(descriptor: descriptor), sizeHint: nil))
        }
        return .success(ByteInput(source: .file(descriptor: descriptor), sizeHint: Int(status.st_size)))
    }

    /// Why a file could not be opened or read: the system's error number.
    struct OpenFailure: Error {
        let errorNumber: Int32
        /// The reason in both languages (never the system's English text alone).
        var description: Message { Messages.systemReason(errorNumber) }
    }

    deinit {
        unmapWindow()
        switch source {
        case .file(let descriptor), .stream(let descriptor): close(descriptor)
        case .memory: break
        }
    }

    /// Whether `mappedWindow` may map the file's pages instead of copying them (off in tests
    /// that compare both ways); inputs reopened from this one inherit it.
    var mapsFile = true

    /// The next bytes of a regular file (up to `maxCount`, within the range), mapped into memory
    /// instead of copied: read-only, valid until the next call or until this input goes, with at
    /// least `CSVReader.padding` readable bytes after them. Nil when the bytes must be read the
    /// ordinary way (a pipe, bytes in memory, read-ahead bytes still pending, the file's last
    /// page, a failed mapping, the end of the range).
    func mappedWindow(maxCount: Int) -> (bytes: UnsafeMutablePointer<UInt8>, count: Int)? {
        unmapWindow()
        guard pendingPosition >= pending.count, maxCount > 0,
              let mapped = map(from: position, to: min(limit, position + maxCount)) else { return nil }
        mapping = mapped.mapping
        let count = mapped.count
        position += count
        return (mapped.bytes, count)
    }

    /// Bytes `start..<end` of a regular file (fewer at its end) mapped read-only, with at least
    /// `CSVReader.padding` readable bytes after them; nil when they cannot be (see `mappedWindow`).
    private func map(from start: Int, to wantedEnd: Int)
        -> (mapping: (address: UnsafeMutableRawPointer, length: Int), bytes: UnsafeMutablePointer<UInt8>, count: Int)? {
        guard mapsFile, case .file(let descriptor) = source, let size = sizeHint else { return nil }
        let end = min(wantedEnd, size)
        guard end > start, start >= 0 else { return nil }
        let page = ByteInput.pageSize
        let mapStart = start - start % page
        // Readable bytes past the window: up to the end of the file's last page (zeros past the
        // end of the file); a window that would need more is read the ordinary way.
        let readableEnd = end + CSVReader.padding
        guard readableEnd <= (size + page - 1) / page * page else { return nil }
        let length = (readableEnd + page - 1) / page * page - mapStart
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE | ByteInput.populate, descriptor, off_t(mapStart)),
              address != MAP_FAILED else { return nil }
        return ((address, length), address.assumingMemoryBound(to: UInt8.self) + (start - mapStart), end - start)
    }

    private func unmapWindow() {
        if let mapping { munmap(mapping.address, mapping.length) }
        mapping = nil
    }

    static let pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))

    /// Maps every page of a window at once (fewer faults than touching them one by one).
    #if os(Linux)
    static let populate = MAP_POPULATE
    #else
    static let populate: Int32 = 0
    #endif

    /// Reads only bytes `start..<end` of the source from now on (before anything was read, or
    /// to shorten the range still ahead: `end` must not cut into bytes already read ahead).
    func restrict(from start: Int? = nil, to end: Int) {
        if let start { position = start }
        limit = end
    }

    /// How far the source has been fetched (read ahead included).
    var fetchedEnd: Int { position }

    /// Another input over the same source, from its start, independent of this one.
    func reopened() -> ByteInput? {
        switch source {
        case .memory(let bytes):
            return ByteInput(bytes: bytes)
        case .file(let descriptor):
            let copy = dup(descriptor)
            guard copy >= 0 else { return nil }
            let reopened = ByteInput(source: .file(descriptor: copy), sizeHint: sizeHint)
            reopened.mapsFile = mapsFile
            return reopened
        case .stream:
            // A pipe cannot be read twice.
            return nil
        }
    }

    /// Reads up to `count` bytes ahead and keeps them to be handed out by `read`. Returns them,
    /// and whether the input ended before `count`; nil on a read error.
    func readAhead(_ count: Int) -> (bytes: [UInt8], atEnd: Bool)? {
        // Bytes already read ahead and not handed out come first (a second look is allowed).
        let kept = Array(pending[min(pendingPosition, pending.count)...].prefix(count))
        var bytes = kept + [UInt8](repeating: 0, count: count - kept.count)
        var filled = kept.count
        var failed = false
        bytes.withUnsafeMutableBufferPointer { buffer in
            while filled < count {
                guard let base = buffer.baseAddress else { break }
                let got = rawRead(into: base + filled, capacity: count - filled)
                if got < 0 { failed = true; break }
                if got == 0 { break }
                filled += got
            }
        }
        if failed { return nil }
        bytes.removeSubrange(filled...)
        pending = bytes
        pendingPosition = 0
        return (bytes, filled < count)
    }

    /// Every byte still to come (read ahead included), or nil on a read error.
    func readAll() -> [UInt8]? {
        var all: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = block.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress.map { read(into: $0, capacity: buffer.count) } ?? 0
            }
            if got < 0 { return nil }
            if got == 0 { return all }
            all.append(contentsOf: block[0..<got])
        }
    }

    /// Drops the first `count` read-ahead bytes (a byte order mark).
    func skipReadAhead(_ count: Int) {
        pendingPosition = min(pending.count, pendingPosition + count)
    }

    /// Fills the buffer with up to `capacity` bytes; returns how many, 0 at the end, -1 on error.
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        if pendingPosition < pending.count {
            let count = min(capacity, pending.count - pendingPosition)
            pending.withUnsafeBufferPointer { source in
                if let base = source.baseAddress {
                    buffer.update(from: base + pendingPosition, count: count)
                }
            }
            pendingPosition += count
            if pendingPosition == pending.count { pending = []; pendingPosition = 0 }
            return count
        }
        return rawRead(into: buffer, capacity: capacity)
    }

    /// Reads bytes at a given offset without moving this input (to look for a line end); none
    /// from a pipe.
    func peek(at start: Int, count: Int) -> [UInt8] {
        if case .stream = source { return [] }
        var bytes = [UInt8](repeating: 0, count: max(0, count))
        var filled = 0
        bytes.withUnsafeMutableBufferPointer { buffer in
            while filled < buffer.count, let base = buffer.baseAddress {
                let got = fetch(into: base + filled, capacity: buffer.count - filled, at: start + filled)
                if got <= 0 { break }
                filled += got
            }
        }
        return Array(bytes.prefix(filled))
    }

    /// How many times `byte` occurs in bytes `start..<end` of the source (fewer when it ends
    /// earlier), without moving this input; nil for a pipe or on a read error. Reads a block at
    /// a time into a buffer of its own, so that inputs over one file may count at once.
    func count(of byte: UInt8, from start: Int, to end: Int) -> Int? {
        if case .stream = source { return nil }
        if let found = countMapped(of: byte, from: start, to: end) { return found }
        return countCopied(of: byte, from: start, to: end)
    }

    /// `count(of:from:to:)` through a buffer of this call's own.
    private func countCopied(of byte: UInt8, from start: Int, to end: Int) -> Int? {
        let blockSize = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { buffer.deallocate() }
        let bytes = buffer.bindMemory(to: UInt8.self, capacity: blockSize)
        var found = 0
        var offset = start
        while offset < end {
            let got = fetch(into: bytes, capacity: min(blockSize, end - offset), at: offset)
            if got < 0 { return nil }
            if got == 0 { break }
            found += ByteInput.count(of: byte, in: UnsafeRawPointer(buffer), got)
            offset += got
        }
        return found
    }

    /// `count(of:from:to:)` through windows of the file mapped into memory (nothing copied); nil
    /// when the file cannot be mapped. The file's last page is counted the ordinary way.
    private func countMapped(of byte: UInt8, from start: Int, to end: Int) -> Int? {
        guard mapsFile, case .file = source, let size = sizeHint else { return nil }
        var found = 0
        var offset = start
        let stop = min(end, size)
        while offset < stop, let mapped = map(from: offset, to: min(stop, offset + (8 << 20))) {
            found += ByteInput.count(of: byte, in: UnsafeRawPointer(mapped.bytes), mapped.count)
            munmap(mapped.mapping.address, mapped.mapping.length)
            offset += mapped.count
        }
        if offset == start { return nil }
        guard offset < stop else { return found }
        return countCopied(of: byte, from: offset, to: end).map { $0 + found }
    }

    /// How many times `byte` occurs in `count` bytes at `base`: sixteen bytes at a time, each
    /// lane counting its matches (a match compares as all ones, -1, which is subtracted) up to
    /// 255 before the lanes are added up.
    static func count(of byte: UInt8, in base: UnsafeRawPointer, _ count: Int) -> Int {
        var found = 0
        var offset = 0
        let pattern = SIMD16<UInt8>(repeating: byte)
        while offset + 16 <= count {
            var lanes = SIMD16<UInt8>()
            var steps = 0
            while steps < 255, offset + 16 <= count {
                let bytes = base.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
                lanes &-= unsafeBitCast(bytes .== pattern, to: SIMD16<UInt8>.self)
                offset += 16
                steps += 1
            }
            found &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while offset < count {
            if base.load(fromByteOffset: offset, as: UInt8.self) == byte { found &+= 1 }
            offset += 1
        }
        return found
    }

    /// The last read error's number, for the message.
    private(set) var lastErrorNumber: Int32 = 0

    private func rawRead(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        let wanted = min(capacity, limit - position)
        guard wanted > 0 else { return 0 }
        let got = fetch(into: buffer, capacity: wanted, at: position)
        if got > 0 { position += got }
        return got
    }

    /// Up to `capacity` bytes of the source from `start`: 0 at its end, -1 on error.
    private func fetch(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int, at start: Int) -> Int {
        switch source {
        case .memory(let bytes):
            let count = min(capacity, bytes.count - start)
            if count <= 0 { return 0 }
            bytes.withUnsafeBufferPointer { source in
                if let base = source.baseAddress {
                    buffer.update(from: base + start, count: count)
                }
            }
            return count
        case .file(let descriptor):
            while true {
                let got = systemReadAt(descriptor, buffer, capacity, start)
                if got >= 0 { return got }
                if errno == EINTR { continue }
                lastErrorNumber = errno
                return -1
            }
        case .stream(let descriptor):
            // Only in order: `start` is where the stream is (peeking is not possible).
            guard start == position else { return 0 }
            while true {
                let got = systemRead(descriptor, buffer, capacity)
                if got >= 0 { return got }
                if errno == EINTR { continue }
                lastErrorNumber = errno
                return -1
            }
        }
    }
}

/// `open(2)`, named apart from `ByteInput.open`.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }

/// `read(2)`, named apart from `ByteInput.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// `pread(2)`: reads at an offset, so that two readers may share nothing but the file.
private func systemReadAt(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int,
                          _ offset: Int) -> Int {
    pread(descriptor, buffer, count, off_t(offset))
}
