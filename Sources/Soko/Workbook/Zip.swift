// The small part of ZIP (PKWARE APPNOTE 6.3) that .xlsx workbooks use: reading an archive's
// members (stored or DEFLATE, CRC checked) and writing one as a stream (DEFLATE, data
// descriptors, fixed timestamps so that the same content gives the same bytes). No ZIP64, no
// encryption, no multi-disk archives.
import CZlib

/// Why an archive could not be read.
enum ZipError: Error, Equatable {
    /// Not a ZIP archive (no end-of-central-directory record).
    case notAnArchive
    /// A record points outside the file or has a wrong signature.
    case damaged(String)
    /// A member uses a feature this reader does not have (ZIP64, encryption, another method).
    case unsupported(String)
    /// A member's inflated bytes do not match its CRC-32 or size.
    case checksum(String)
}

/// A ZIP archive in memory: its members by name, inflated on demand.
struct ZipArchive {
    /// One member as the central directory lists it.
    struct Entry {
        let name: String
        let method: UInt16
        let flags: UInt16
        let crc: UInt32
        let compressedSize: Int
        let size: Int
        let localHeaderOffset: Int
    }

    let bytes: [UInt8]
    /// The members in directory order.
    let entries: [Entry]
    private let byName: [String: Int]

    /// Parses the central directory of `bytes`.
    init(bytes: [UInt8]) throws(ZipError) {
        self.bytes = bytes
        let count = bytes.count
        // The end record is 22 bytes plus a comment of at most 65,535 bytes.
        guard count >= 22 else { throw .notAnArchive }
        var end = -1
        var position = count - 22
        let lowest = max(0, count - 22 - 0xFFFF)
        while position >= lowest {
            if Self.u32(bytes, position) == 0x0605_4B50 { end = position; break }
            position -= 1
        }
        guard end >= 0 else { throw .notAnArchive }
        let entryCount = Int(Self.u16(bytes, end + 10))
        let directorySize = Int(Self.u32(bytes, end + 12))
        let directoryOffset = Int(Self.u32(bytes, end + 16))
        if entryCount == 0xFFFF || directoryOffset == 0xFFFF_FFFF { throw .unsupported("ZIP64") }
        guard directoryOffset + directorySize <= end else { throw .damaged("central directory") }
        var entries: [Entry] = []
        var byName: [String: Int] = [:]
        var cursor = directoryOffset
        for _ in 0..<entryCount {
            guard cursor + 46 <= count, Self.u32(bytes, cursor) == 0x0201_4B50 else { throw .damaged("central directory") }
            let nameLength = Int(Self.u16(bytes, cursor + 28))
            let extraLength = Int(Self.u16(bytes, cursor + 30))
            let commentLength = Int(Self.u16(bytes, cursor + 32))
            guard cursor + 46 + nameLength <= count else { throw .damaged("central directory") }
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            let entry = Entry(name: name, method: Self.u16(bytes, cursor + 10), flags: Self.u16(bytes, cursor + 8),
                              crc: Self.u32(bytes, cursor + 16), compressedSize: Int(Self.u32(bytes, cursor + 20)),
                              size: Int(Self.u32(bytes, cursor + 24)), localHeaderOffset: Int(Self.u32(bytes, cursor + 42)))
            byName[name] = entries.count
            entries.append(entry)
            cursor += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
        self.byName = byName
    }

    /// Whether a member of this name exists.
    func contains(_ name: String) -> Bool { byName[name] != nil }

    /// The inflated bytes of the member `name`; nil when there is no such member.
    func data(_ name: String) throws(ZipError) -> [UInt8]? {
        guard let index = byName[name] else { return nil }
        let entry = entries[index]
        if entry.flags & 1 != 0 { throw .unsupported("encryption") }
        if entry.compressedSize == 0xFFFF_FFFF || entry.size == 0xFFFF_FFFF { throw .unsupported("ZIP64") }
        let local = entry.localHeaderOffset
        guard local + 30 <= bytes.count, Self.u32(bytes, local) == 0x0403_4B50 else { throw .damaged(entry.name) }
        let start = local + 30 + Int(Self.u16(bytes, local + 26)) + Int(Self.u16(bytes, local + 28))
        guard start + entry.compressedSize <= bytes.count else { throw .damaged(entry.name) }
        let output: [UInt8]
        switch entry.method {
        case 0:
            output = Array(bytes[start..<(start + entry.compressedSize)])
        case 8:
            guard let inflated = Deflate.inflate(bytes[start..<(start + entry.compressedSize)], expectedSize: entry.size) else {
                throw .damaged(entry.name)
            }
            output = inflated
        default:
            throw .unsupported("method \(entry.method)")
        }
        guard output.count == entry.size, Deflate.crc32(output[...]) == entry.crc else { throw .checksum(entry.name) }
        return output
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}

/// Writes a ZIP archive member by member, DEFLATE-compressed, handing its bytes to `emit` as
/// they are made: a member written through a `DeflateStream` has its CRC and sizes in a data
/// descriptor after its data (general-purpose flag bit 3), so nothing of it is held back.
final class ZipStreamWriter {
    private let emit: ([UInt8]) -> Void
    private var offset = 0
    private var directory: [UInt8] = []
    private var count = 0
    // 1980-01-01 00:00: the same archive for the same content.
    private static let time: UInt16 = 0
    private static let date: UInt16 = (0 << 9) | (1 << 5) | 1

    init(emit: @escaping ([UInt8]) -> Void) {
        self.emit = emit
    }

    /// Adds a member at hand. Names are ASCII paths (`xl/workbook.xml`).
    func add(_ name: String, _ content: [UInt8]) {
        let stream = DeflateStream(workers: 0)
        stream.write(content)
        let (compressed, crc, size) = stream.finished()
        let nameBytes = Array(name.utf8)
        let start = offset
        put(localHeader(nameBytes, flags: 0, crc: crc, compressedSize: compressed.count, size: size))
        put(compressed)
        record(nameBytes, flags: 0, crc: crc, compressedSize: compressed.count, size: size, offset: start)
    }

    /// Adds a member whose content `write` writes into the stream it is given; the compressed
    /// bytes go out as they are made.
    func add(_ name: String, writing write: (DeflateStream) -> Void) {
        let nameBytes = Array(name.utf8)
        let start = offset
        put(localHeader(nameBytes, flags: 8, crc: 0, compressedSize: 0, size: 0))
        var compressedSize = 0
        let stream = DeflateStream(emit: { [self] bytes in
            compressedSize += bytes.count
            put(bytes)
        })
        write(stream)
        let (_, crc, size) = stream.finished()
        var descriptor: [UInt8] = []
        Self.put32(&descriptor, 0x0807_4B50)
        Self.put32(&descriptor, crc)
        Self.put32(&descriptor, UInt32(truncatingIfNeeded: compressedSize))
        Self.put32(&descriptor, UInt32(truncatingIfNeeded: size))
        put(descriptor)
        record(nameBytes, flags: 8, crc: crc, compressedSize: compressedSize, size: size, offset: start)
    }

    /// Ends the archive: the central directory and the end record.
    func finish() {
        var end = directory
        Self.put32(&end, 0x0605_4B50)
        Self.put16(&end, 0)
        Self.put16(&end, 0)
        Self.put16(&end, UInt16(count))
        Self.put16(&end, UInt16(count))
        Self.put32(&end, UInt32(directory.count))
        Self.put32(&end, UInt32(truncatingIfNeeded: offset))
        Self.put16(&end, 0)
        put(end)
    }

    private func put(_ bytes: [UInt8]) {
        offset += bytes.count
        emit(bytes)
    }

    private func localHeader(_ name: [UInt8], flags: UInt16, crc: UInt32, compressedSize: Int, size: Int) -> [UInt8] {
        var local: [UInt8] = []
        Self.put32(&local, 0x0403_4B50)
        Self.put16(&local, 20) // version needed: 2.0 (DEFLATE)
        Self.put16(&local, flags)
        Self.put16(&local, 8) // DEFLATE
        Self.put16(&local, Self.time)
        Self.put16(&local, Self.date)
        Self.put32(&local, crc)
        Self.put32(&local, UInt32(truncatingIfNeeded: compressedSize))
        Self.put32(&local, UInt32(truncatingIfNeeded: size))
        Self.put16(&local, UInt16(name.count))
        Self.put16(&local, 0) // extra
        return local + name
    }

    private func record(_ name: [UInt8], flags: UInt16, crc: UInt32, compressedSize: Int, size: Int, offset: Int) {
        Self.put32(&directory, 0x0201_4B50)
        Self.put16(&directory, 20) // made by: MS-DOS, 2.0
        Self.put16(&directory, 20)
        Self.put16(&directory, flags)
        Self.put16(&directory, 8)
        Self.put16(&directory, Self.time)
        Self.put16(&directory, Self.date)
        Self.put32(&directory, crc)
        Self.put32(&directory, UInt32(truncatingIfNeeded: compressedSize))
        Self.put32(&directory, UInt32(truncatingIfNeeded: size))
        Self.put16(&directory, UInt16(name.count))
        Self.put16(&directory, 0) // extra
        Self.put16(&directory, 0) // comment
        Self.put16(&directory, 0) // disk
        Self.put16(&directory, 0) // internal attributes
        Self.put32(&directory, 0) // external attributes
        Self.put32(&directory, UInt32(truncatingIfNeeded: offset))
        directory += name
        count += 1
    }

    static func put16(_ out: inout [UInt8], _ value: UInt16) {
        out.append(UInt8(value & 0xFF))
        out.append(UInt8(value >> 8))
    }

    static func put32(_ out: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}

/// A ZIP archive written into memory (small archives and tests).
struct ZipWriter {
    private final class Box { var bytes: [UInt8] = [] }
    private let box = Box()
    private let writer: ZipStreamWriter

    init() {
        let box = box
        writer = ZipStreamWriter { box.bytes += $0 }
    }

    /// Adds a member. Names are ASCII paths (`xl/workbook.xml`).
    mutating func add(_ name: String, _ content: [UInt8]) {
        writer.add(name, content)
    }

    /// The archive: members, central directory and end record.
    consuming func finished() -> [UInt8] {
        writer.finish()
        return box.bytes
    }
}

/// Raw DEFLATE (RFC 1951) and CRC-32 through the platform's zlib.
enum Deflate {
    /// The inflated bytes of a raw DEFLATE stream; nil when the stream is damaged.
    static func inflate(_ input: ArraySlice<UInt8>, expectedSize: Int) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: max(expectedSize, 64))
        var produced = 0
        var status = Z_OK
        var input = Array(input)
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while status == Z_OK {
                if produced == output.count { output += [UInt8](repeating: 0, count: output.count) }
                output.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress! + produced
                    stream.avail_out = UInt32(target.count - produced)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    produced = target.count - Int(stream.avail_out)
                }
                if status == Z_BUF_ERROR, stream.avail_in == 0 { break }
                if status == Z_BUF_ERROR { status = Z_OK }
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeLast(output.count - produced)
        return output
    }

    /// The CRC-32 of ZIP (and PNG, gzip).
    static func crc32(_ input: ArraySlice<UInt8>) -> UInt32 {
        input.withUnsafeBufferPointer { buffer in
            UInt32(CZlib.crc32(0, buffer.baseAddress, UInt32(buffer.count)))
        }
    }
}
