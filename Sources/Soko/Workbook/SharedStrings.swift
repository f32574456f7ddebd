// The workbook's shared-string table (`xl/sharedStrings.xml`): each distinct text once, and a
// text cell only its number (`<c t="s"><v>12</v></c>`). A school's key, name and municipality
// recur in every row about it, so the sheets' XML is a third shorter than with inline strings,
// and so is the work of compressing it. Texts are found again by their UTF-8 bytes in a table of
// their own (no `String` hashing, which normalises Unicode first).
import Foundation

final class SharedStrings {
    /// The table itself, behind a pointer: a look-up a cell touches several arrays, and through
    /// a pointer a struct's arrays are reached without the run-time exclusivity checks each
    /// access to a class's stored array costs.
    private struct Table {
        /// Every distinct text's bytes, one after the other: text i is `arena[starts[i]..<starts[i + 1]]`.
        var arena: [UInt8] = []
        var starts: [Int] = [0]
        var hashes: [UInt64] = []
        /// Open addressing: a text's number plus one, 0 for a free slot; at most half full.
        var slots = [Int32](repeating: 0, count: 1 << 12)
        var mask = (1 << 12) - 1

        mutating func index(of text: UnsafeBufferPointer<UInt8>) -> Int {
            let hash = SharedStrings.hash(text)
            let (slot, found) = probe(text, hash: hash)
            if let found { return found }
            let index = hashes.count
            hashes.append(hash)
            arena.append(contentsOf: text)
            starts.append(arena.count)
            slots[slot] = Int32(index + 1)
            if hashes.count * 2 > slots.count { grow() }
            return index
        }

        /// The number of a text when it is in the table; never changes it.
        func find(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
            probe(text, hash: SharedStrings.hash(text)).found
        }

        /// The text's number when it is in the table, otherwise the free slot it would take.
        private func probe(_ text: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, found: Int?) {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { return (slot, nil) }
                if hashes[entry - 1] == hash && equal(entry - 1, text) { return (slot, entry - 1) }
                slot = (slot + 1) & mask
            }
        }

        func equal(_ index: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
            let start = starts[index]
            guard starts[index + 1] - start == text.count else { return false }
            guard let other = text.baseAddress, text.count > 0 else { return true }
            return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, other, text.count) == 0 }
        }

        mutating func grow() {
            rehash(size: slots.count * 2)
        }

        /// Room for `additional` more texts without growing.
        mutating func reserve(_ additional: Int) {
            let needed = hashes.count + additional
            hashes.reserveCapacity(needed)
            starts.reserveCapacity(needed + 1)
            var size = slots.count
            while needed * 2 > size { size *= 2 }
            if size > slots.count { rehash(size: size) }
        }

        mutating func rehash(size: Int) {
            slots = [Int32](repeating: 0, count: size)
            mask = size - 1
            for (index, hash) in hashes.enumerated() {
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index + 1)
            }
        }
    }

    private let table: UnsafeMutablePointer<Table>
    /// Dictionaries numbered whole (`numbers(of:)`), with their numbers: the Indicators sheet
    /// numbers the key and name dictionaries the fired-rules sheet numbered before it.
    private var numberedDictionaries: [(texts: [String], numbers: [Int])] = []

    init() {
        table = .allocate(capacity: 1)
        table.initialize(to: Table())
    }

    deinit {
        table.deinitialize(count: 1)
        table.deallocate()
    }

    /// How many distinct texts there are.
    var count: Int { table.pointee.hashes.count }

    /// The number of a text (its UTF-8 bytes), added when new.
    func index(of text: UnsafeBufferPointer<UInt8>) -> Int {
        table.pointee.index(of: text)
    }

    /// The number of a text (its UTF-8 bytes) when it is in the table, nil otherwise. Never
    /// changes the table: several threads may look up at once while none adds.
    func find(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        table.pointee.find(text)
    }

    /// Makes room for `additional` more texts (a dictionary numbered at once) without
    /// growing the table text by text.
    func reserve(_ additional: Int) {
        table.pointee.reserve(additional)
    }

    /// The number of each text of `dictionary`, in its order, those not here yet added in that
    /// order. A dictionary numbered before (the same texts byte for byte: for one made of the
    /// same strings, a comparison of their storage) gets the numbers it got then, which are
    /// still its texts' numbers (a text's number never changes), without a look-up.
    func numbers(of dictionary: [String]) -> [Int] {
        if let known = numberedDictionaries.first(where: { Self.sameBytes($0.texts, dictionary) }) {
            return known.numbers
        }
        reserve(dictionary.count)
        let numbers = dictionary.map { index(of: $0) }
        numberedDictionaries.append((dictionary, numbers))
        return numbers
    }

    /// Whether two lists hold the same texts byte for byte (as the table tells texts apart, not
    /// by `==`, which takes a composed «ё» for a decomposed one): a string of the same storage
    /// or inline bytes as the other is taken as equal without reading it.
    static func sameBytes(_ first: [String], _ second: [String]) -> Bool {
        guard first.count == second.count else { return false }
        func bytes(_ one: UnsafeRawBufferPointer, _ other: UnsafeRawBufferPointer) -> Bool {
            guard one.count == other.count else { return false }
            guard let a = one.baseAddress, let b = other.baseAddress else { return true }
            return memcmp(a, b, one.count) == 0
        }
        for (one, other) in zip(first, second) {
            if withUnsafeBytes(of: one, { a in withUnsafeBytes(of: other) { b in bytes(a, b) } }) { continue }
            var (one, other) = (one, other)
            if !one.withUTF8({ a in other.withUTF8 { b in bytes(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b)) } }) { return false }
        }
        return true
    }

    /// The number of a text.
    func index(of text: String) -> Int {
        var text = text
        return text.withUTF8 { index(of: $0) }
    }

    /// Adds the texts of `other` in their order (those not here yet get the next numbers) and
    /// returns the number here of each of `other`'s texts: the table a range of rows numbered
    /// on its own (`XLSXWriter.writtenRows`) merged into the workbook's.
    func merge(_ other: SharedStrings) -> [Int] {
        let table = other.table.pointee
        return table.arena.withUnsafeBufferPointer { arena in
            (0..<table.hashes.count).map { index in
                self.index(of: UnsafeBufferPointer(rebasing: arena[table.starts[index]..<table.starts[index + 1]]))
            }
        }
    }

    /// The text numbered `index` (for tests).
    func text(_ index: Int) -> String {
        let table = table.pointee
        return String(decoding: table.arena[table.starts[index]..<table.starts[index + 1]], as: UTF8.self)
    }

    /// A 64-bit hash of bytes, eight at a time.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9FB2_1C65_1E98_DF25
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var at = 0
        while at + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) &* multiplier
            hash ^= hash >> 29
            at += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while at < bytes.count {
            tail |= UInt64(base[at]) << shift
            shift += 8
            at += 1
        }
        hash = (hash ^ tail) &* multiplier
        return hash ^ (hash >> 32)
    }

    /// The part `xl/sharedStrings.xml`, written into `out`.
    func write(into out: DeflateStream) {
        out.write("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="\(count)">
            """)
        var xml = SheetXML()
        let starts = table.pointee.starts
        table.pointee.arena.withUnsafeBufferPointer { arena in
            for index in 0..<count {
                let text = UnsafeBufferPointer(rebasing: arena[starts[index]..<starts[index + 1]])
                xml.put("<si>")
                xml.textElement(text)
                xml.put("</si>")
                if xml.count >= DeflateStream.chunk { xml.flush(into: out) }
            }
        }
        xml.flush(into: out)
        out.write("</sst>")
    }
}
