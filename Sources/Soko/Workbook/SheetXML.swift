// The XML of a worksheet's rows, written as bytes (see XLSXWriter.worksheet), and the escaping
// of texts for XML.

import Foundation

extension WorkbookCell {
    /// Whether the cell is written at all: an empty cell, or a number that is not finite, is not.
    var hasContent: Bool {
        switch self {
        case .empty: false
        case .number(let x), .integer(let x), .percent(let x): x.isFinite
        default: true
        }
    }
}

/// The XML of a sheet's rows as bytes, cell by cell, without building strings: the fixed parts
/// are copied from static strings into a buffer of its own, whole numbers are written digit by
/// digit, and a text is scanned once for what it needs (escaping, `xml:space`).
///
/// Rows written on several threads (`XLSXWriter.worksheet`): one pass in `.numbering` mode
/// gives every text its shared-string number in the order the rows write them; then each
/// thread writes rows into a `SheetXML` of its own in `.frozen` mode, which reads the numbers
/// and never adds one, so the XML is the same bytes as the rows written one after the other.
struct SheetXML: ~Copyable {
    /// How texts get their shared-string numbers.
    enum Mode {
        /// A text is numbered (added to `strings`) when first written: one thread writes.
        case adding
        /// Nothing is written: the texts of the cells are only numbered, in their order.
        case numbering
        /// `strings` is read, never changed (other threads read it too): a text is written with
        /// the number it has; one without a number (none, after `.numbering`) goes inline.
        case frozen
    }

    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Bytes at the front of the buffer already compressed, kept as the history the next bytes
    /// are compressed against (`flush(into:)` with a `DeflatePiece`).
    private var kept = 0
    /// The workbook's shared strings, when texts go there rather than inline.
    let strings: SharedStrings?
    var mode: Mode
    /// The texts of numbers written lately that are not whole (shares and means recur across a
    /// region's rows), made at the first such number: formatting a `Double` costs far more than
    /// copying its text. Sets of two 32-byte slots (a set is one 64-byte cache line), the slot
    /// used last first; a slot holds a number's bits, its text (at most 23 bytes) and the
    /// text's length in its last byte (0: free).
    private var numberSets: UnsafeMutableRawPointer?
    /// 8,192 sets (512 KB a thread, beside the compressor's tables in the core's cache). The 5.4
    /// million shares of a million-row Indicators sheet have 110,887 distinct values; 4,096
    /// slots of one number each found 58 % of them again, these 78 % (computed from the sheet).
    /// Larger tables find more (91 % in 2 MB) but cost more in cache misses than they save: the
    /// rows' writing measured 25 % slower with 2 MB, the same with 256 KB (perf, against the
    /// compression's time in the same run).
    private static let numberSetCount = 1 << 13
    private static let numberSlotSize = 32
    /// Texts written lately and their numbers in `strings`: a school's key, name and group recur
    /// row after row as the same `String`. Each slot keeps its text alive, so a text whose two
    /// words equal a kept one's is that very text (the same inline bytes, or the same storage,
    /// which cannot have been freed and reused while the slot holds it).
    private var recentTexts: UnsafeMutablePointer<(text: String, index: Int)>?
    private static let recentSlots = 1 << 10
    /// The row being written (1-based; 0 before the first) and the column its next cell would
    /// take without a reference (see `startRow`).
    private var rowNumber = 0
    private var nextColumn = 0
    /// Column names (`A`, `B`, … `XFD`: at most three letters), made as columns are first
    /// referenced: each one's bytes in the low three bytes, its length in the high one. Plain
    /// words, not arrays of bytes, whose element read would retain and release each name.
    private var letters: [UInt32] = []
    /// The shared-string numbers of the texts of columns' dictionaries (`codedText`); the
    /// threads that write a sheet's rows share those the numbering pass found.
    let coded: CodedStrings
    /// `coded`'s table and whether there are `strings`, read at every coded cell without
    /// reference counting (retains of one object from several threads contend).
    private let codedTable: UnsafeMutablePointer<CodedStrings.Table>
    private let hasStrings: Bool

    /// Whether only texts are numbered (`.numbering`): a row writer may skip its other cells.
    var isNumbering: Bool { mode == .numbering }

    init(capacity: Int = DeflateStream.chunk + (1 << 16), strings: SharedStrings? = nil, coded: CodedStrings = CodedStrings(),
         mode: Mode = .adding) {
        self.capacity = capacity
        self.strings = strings
        self.coded = coded
        self.mode = mode
        codedTable = coded.table
        hasStrings = strings != nil
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
        numberSets?.deallocate()
        recentTexts?.deinitialize(count: Self.recentSlots)
        recentTexts?.deallocate()
    }

    /// Hands the bytes to `out` and empties the buffer.
    mutating func flush(into out: DeflateStream) {
        out.write(UnsafeBufferPointer(start: base + kept, count: count - kept))
        count = 0
        kept = 0
    }

    /// Compresses the bytes not yet compressed into `piece`, and keeps the last 32 KiB at the
    /// front as the history of the bytes that follow (see `DeflatePiece`).
    mutating func flush(into piece: DeflatePiece) {
        piece.compress(UnsafeBufferPointer(start: base, count: count), from: kept)
        let history = min(count, DeflateStream.window)
        memmove(base, base + count - history, history)
        count = history
        kept = history
    }

    /// Empties the buffer, its history too: a new piece starts, whose first row follows row
    /// `row` (1-based; 0: the piece starts the sheet).
    mutating func clear(followingRow row: Int) {
        count = 0
        kept = 0
        rowNumber = row
    }

    /// The bytes so far (for tests).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let larger = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always)
    mutating func put(_ text: StaticString) {
        let length = text.utf8CodeUnitCount
        reserve(length)
        (base + count).update(from: text.utf8Start, count: length)
        count += length
    }

    @inline(__always)
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        if let start = bytes.baseAddress { (base + count).update(from: start, count: bytes.count) }
        count += bytes.count
    }

    /// A whole number in decimal, two digits at a time.
    mutating func put(_ value: Int) {
        reserve(20)
        var magnitude = value.magnitude
        if value < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        var digits = 1
        var power: UInt = 10
        while digits < 20, magnitude >= power {
            digits += 1
            if power > UInt.max / 10 { break }
            power *= 10
        }
        var at = count + digits
        let pairs = ShortestDecimal.digitPairs.utf8Start
        do {
            while magnitude >= 100 {
                let pair = Int(magnitude % 100) * 2
                magnitude /= 100
                at -= 2
                base[at] = pairs[pair]
                base[at + 1] = pairs[pair + 1]
            }
            if magnitude >= 10 {
                let pair = Int(magnitude) * 2
                at -= 2
                base[at] = pairs[pair]
                base[at + 1] = pairs[pair + 1]
            } else {
                at -= 1
                base[at] = UInt8(truncatingIfNeeded: 48 + magnitude)
            }
        }
        count += digits
    }

    // MARK: Rows

    /// Starts row `row` (1-based) of the sheet; its cells follow (`put(_:column:)`,
    /// `codedText`), in the order of their columns, then `endRow()`. A row right after the row
    /// before it has no number (`r`), as a cell after the cell before it has no reference: the
    /// format allows it (ECMA-376 §18.3.1.73) and Excel, LibreOffice, openpyxl and calamine
    /// read it as the next row. A 1,000,001-row sheet is 12 bytes a row shorter, and its
    /// compression, where a row's number split the match over the tags around it, a twentieth
    /// lighter (6 % fewer matches and literals, 9 % fewer bytes out). A row after a gap has it.
    mutating func startRow(_ row: Int) {
        if row == rowNumber + 1 {
            put("<row>")
        } else {
            put("<row r=\"")
            put(row)
            put("\">")
        }
        rowNumber = row
        nextColumn = 0
    }

    mutating func endRow() {
        put("</row>")
    }

    /// The cell at `column` (zero-based) of the current row; nothing when it has no content
    /// (`WorkbookCell.hasContent`). A cell right after the one before it has no reference
    /// (`r`), which the format allows and Excel and LibreOffice read as the next column: a fifth
    /// of the XML, and of its compression; a cell after a gap has it.
    @inline(__always)
    mutating func put(_ cell: WorkbookCell, column: Int) {
        guard cell.hasContent else { return }
        guard mode != .numbering else {
            switch cell {
            case .text(let value), .header(let value), .title(let value):
                if let strings { _ = sharedIndex(value, in: strings) }
            default: break
            }
            return
        }
        openCell(column)
        cellBody(cell)
    }

    /// The text `dictionary[code]` as the cell at `column`, as `put(.text(dictionary[code]),
    /// column:)` writes it; with shared strings, its number is found once per code (the column
    /// must take its texts from the one dictionary for the whole sheet).
    @inline(__always)
    mutating func codedText(_ code: Int, of dictionary: [String], column: Int) {
        guard hasStrings, let digits = codedTable.pointee.digits(column: column, code: code) else {
            numberText(dictionary[code], code: code, codes: dictionary.count, column: column)
            return
        }
        sharedCell(digits: digits, column: column)
    }

    /// `codedText` for a dictionary behind a pointer (`ColumnCells`).
    @inline(__always)
    mutating func codedText(_ code: Int, of dictionary: UnsafeBufferPointer<String>, column: Int) {
        guard hasStrings, let digits = codedTable.pointee.digits(column: column, code: code) else {
            numberText(dictionary[code], code: code, codes: dictionary.count, column: column)
            return
        }
        sharedCell(digits: digits, column: column)
    }

    /// Takes the shared-string numbers of the texts `codedText` takes at `column`, by their
    /// codes (`SharedStrings.numbers(of:)` of the column's dictionary), without writing a cell.
    mutating func takeNumbers(_ numbers: [Int], column: Int) {
        for (code, number) in numbers.enumerated() {
            codedTable.pointee.set(number, column: column, code: code, codes: numbers.count)
        }
    }

    /// The cell of the shared string whose number is `digits` (`Digits`) at `column` (nothing
    /// while `.numbering`).
    @inline(__always)
    private mutating func sharedCell(digits: UInt64, column: Int) {
        guard mode != .numbering else { return }
        openCell(column)
        put(" t=\"s\"><v>")
        let count = Int(digits >> 56)
        if count == Digits.whole {
            put(Digits.number(digits))
        } else {
            // The word's eight bytes at once; the count moves past the digits only.
            reserve(8)
            UnsafeMutableRawPointer(base + self.count).storeBytes(of: digits.littleEndian, as: UInt64.self)
            self.count += count
        }
        put("</v></c>")
    }

    /// A coded text without a number yet: numbered (unless `.frozen`, where it goes inline),
    /// then written as `codedText` writes it.
    private mutating func numberText(_ text: String, code: Int, codes: Int, column: Int) {
        guard let strings, mode != .frozen, let index = sharedIndex(text, in: strings) else {
            put(.text(text), column: column)
            return
        }
        codedTable.pointee.set(index, column: column, code: code, codes: codes)
        sharedCell(digits: Digits.of(index), column: column)
    }

    /// A finite number's cell at `column` with the attributes `style` (`put(.number(x))`,
    /// `.integer`, `.percent` write the same bytes with "", ` s="3"`, ` s="2"`).
    @inline(__always)
    mutating func numberCell(_ value: Double, style: StaticString, column: Int) {
        openCell(column)
        put(style)
        put("><v>")
        number(value)
        put("</v></c>")
    }

    /// `<c`, with the cell's reference when it does not follow the cell before it.
    @inline(__always)
    private mutating func openCell(_ column: Int) {
        if column == nextColumn {
            put("<c")
        } else {
            while letters.count <= column {
                let name = SheetParser.columnName(letters.count).utf8.prefix(3)
                var word = UInt32(name.count) << 24
                for (index, byte) in name.enumerated() { word |= UInt32(byte) << (8 * UInt32(index)) }
                letters.append(word)
            }
            put("<c r=\"")
            let name = letters[column]
            reserve(4)
            UnsafeMutableRawPointer(base + count).storeBytes(of: name.littleEndian, as: UInt32.self)
            count += Int(name >> 24)
            put(rowNumber)
            put("\"")
        }
        nextColumn = column + 1
    }

    /// A cell, `<c s="2"><v>0.462</v></c>`; with its reference `r` (`C12`: its column's
    /// `letters` and its row) when `letters` is given. Styles as in `XLSXWriter.styles`:
    /// 1 header, 2 percent, 3 whole number, 4 title.
    mutating func cell(_ cell: WorkbookCell, letters: [UInt8]? = nil, row: Int = 0) {
        if let letters {
            put("<c r=\"")
            letters.withUnsafeBufferPointer { put($0) }
            put(row)
            put("\"")
        } else {
            put("<c")
        }
        cellBody(cell)
    }

    /// A cell after its `<c` (and reference): its style, type and value.
    @inline(__always)
    private mutating func cellBody(_ cell: WorkbookCell) {
        switch cell {
        case .empty: put("/>")
        case .text(let value): text(value, style: "")
        case .header(let value): text(value, style: " s=\"1\"")
        case .title(let value): text(value, style: " s=\"4\"")
        case .number(let value):
            put("><v>")
            number(value)
            put("</v></c>")
        case .integer(let value):
            put(" s=\"3\"><v>")
            number(value)
            put("</v></c>")
        case .percent(let value):
            put(" s=\"2\"><v>")
            number(value)
            put("</v></c>")
        case .flag(let value):
            put(value ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
        }
    }

    /// A finite number in plain decimals (`CellText.plain`): whole numbers digit by digit,
    /// others as Swift's shortest form when it has no exponent.
    mutating func number(_ value: Double) {
        if abs(value) < 1e15 {
            // Whole: the conversion gives it back (no call to round it, as `rounded()` makes).
            let whole = Int(value)
            if Double(whole) == value {
                put(whole)
                return
            }
        }
        let sets = numberSets ?? makeNumberSets()
        let bits = value.bitPattern
        let first = sets + Self.numberSet(bits) * (2 * Self.numberSlotSize)
        let second = first + Self.numberSlotSize
        // Room for a slot's 24 last bytes, copied whole: the text and its length (never 0).
        reserve(24)
        if first.load(as: UInt64.self) == bits, first.load(fromByteOffset: 31, as: UInt8.self) != 0 {
            copyText(of: first)
            return
        }
        if second.load(as: UInt64.self) == bits, second.load(fromByteOffset: 31, as: UInt8.self) != 0 {
            copyText(of: second)
            Self.swapSlots(first, second)
            return
        }
        let start = count
        formatNumber(value)
        let length = count - start
        if length <= 23 {
            // The first slot's number moves second; the second's goes.
            second.copyMemory(from: first, byteCount: Self.numberSlotSize)
            first.storeBytes(of: bits, as: UInt64.self)
            (first + 8).copyMemory(from: base + start, byteCount: length)
            first.storeBytes(of: UInt8(length), toByteOffset: 31, as: UInt8.self)
        }
    }

    /// A slot's text at the end of the buffer (`reserve(24)` first): its 24 last bytes copied
    /// as three words, the count moved on by the text's length.
    @inline(__always)
    private mutating func copyText(of slot: UnsafeMutableRawPointer) {
        let target = UnsafeMutableRawPointer(base + count)
        for word in 0..<3 {
            target.storeBytes(of: slot.loadUnaligned(fromByteOffset: 8 + 8 * word, as: UInt64.self), toByteOffset: 8 * word, as: UInt64.self)
        }
        count += Int(slot.load(fromByteOffset: 31, as: UInt8.self))
    }

    private static func swapSlots(_ first: UnsafeMutableRawPointer, _ second: UnsafeMutableRawPointer) {
        for word in 0..<4 {
            let kept = first.load(fromByteOffset: 8 * word, as: UInt64.self)
            first.storeBytes(of: second.load(fromByteOffset: 8 * word, as: UInt64.self), toByteOffset: 8 * word, as: UInt64.self)
            second.storeBytes(of: kept, toByteOffset: 8 * word, as: UInt64.self)
        }
    }

    /// The set of the number whose bits are `bits`.
    static func numberSet(_ bits: UInt64) -> Int {
        Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - numberSetCount.trailingZeroBitCount))
    }

    private mutating func makeNumberSets() -> UnsafeMutableRawPointer {
        let size = Self.numberSetCount * 2 * Self.numberSlotSize
        let sets = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        sets.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        numberSets = sets
        return sets
    }

    /// A number that is not whole, as `number` writes it.
    private mutating func formatNumber(_ value: Double) {
        reserve(ShortestDecimal.capacity)
        if let length = ShortestDecimal.write(value, to: base + count) {
            count += length
            return
        }
        var text = value.description
        let plain = text.withUTF8 { utf8 in
            // An exponent (`1e-05`) needs the longer way; Swift's form has no other `e`.
            for byte in utf8 where byte == UInt8(ascii: "e") { return false }
            put(utf8)
            return true
        }
        if !plain {
            text = CellText.plain(value)
            text.withUTF8 { put($0) }
        }
    }

    /// For each byte: 1 when a text holding it needs `XMLText.escaped` (`& < > "`, a control
    /// character, the lead byte 0xEF of U+FFFE and U+FFFF), 2 more for a line break.
    static let special: [UInt8] = (0...255).map { byte in
        switch byte {
        case 0x0A: 3
        case 0x26, 0x3C, 0x3E, 0x22, 0xEF: 1
        default: byte < 0x20 ? 1 : 0
        }
    }

    /// A text cell with the attributes `style` before its type: the text's number in the
    /// shared strings when there are `strings`, otherwise an inline string.
    mutating func text(_ value: String, style: StaticString) {
        put(style)
        if let strings, let index = sharedIndex(value, in: strings) {
            put(" t=\"s\"><v>")
            put(index)
            put("</v></c>")
            return
        }
        var value = value
        put(" t=\"inlineStr\"><is>")
        value.withUTF8 { textElement($0) }
        put("</is></c>")
    }

    /// The number of a text in `strings`: from `recentTexts` when the same text was written
    /// lately, otherwise looked up by its bytes (and added, unless `.frozen`: nil when absent).
    private mutating func sharedIndex(_ value: String, in strings: SharedStrings) -> Int? {
        let frozen = mode == .frozen
        guard MemoryLayout<String>.size == 16, MemoryLayout<(text: String, index: Int)>.stride == 24 else {
            var text = value
            return text.withUTF8 { frozen ? strings.find($0) : strings.index(of: $0) }
        }
        if recentTexts == nil {
            recentTexts = .allocate(capacity: Self.recentSlots)
            recentTexts?.initialize(repeating: ("", -1), count: Self.recentSlots)
        }
        guard let recentTexts else { return 0 }
        let words = Self.words(value)
        let slot = Int(truncatingIfNeeded: ((words.0 ^ (words.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9) >> 54)
        // The kept text's words and number read in place (a copy of the slot would retain its text).
        let kept = UnsafeRawPointer(recentTexts + slot)
        let keptIndex = kept.load(fromByteOffset: 16, as: Int.self)
        if keptIndex >= 0, kept.load(as: UInt64.self) == words.0, kept.load(fromByteOffset: 8, as: UInt64.self) == words.1 {
            return keptIndex
        }
        var text = value
        guard let index = text.withUTF8({ frozen ? strings.find($0) : strings.index(of: $0) }) else { return nil }
        recentTexts[slot] = (value, index)
        return index
    }

    /// A `String`'s two words as they are: its inline bytes, or its length, flags and storage.
    private static func words(_ text: String) -> (UInt64, UInt64) {
        withUnsafeBytes(of: text) { raw in
            (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }

    /// `<t>…</t>`, escaped when it must be (`XMLText.escaped`), with `xml:space` when its
    /// leading or trailing spaces or its line breaks must survive.
    mutating func textElement(_ utf8: UnsafeBufferPointer<UInt8>) {
        // One table look-up a byte: bit 1 a byte `XMLText.escaped` changes, bit 2 a line break.
        var found: UInt8 = 0
        Self.special.withUnsafeBufferPointer { table in
            for byte in utf8 { found |= table[Int(byte)] }
        }
        let preserve = found & 2 != 0 || (utf8.first.map(XMLText.isSpace) ?? false) || (utf8.last.map(XMLText.isSpace) ?? false)
        put(preserve ? "<t xml:space=\"preserve\">" : "<t>")
        if found & 1 == 0 {
            put(utf8)
        } else {
            var escaped = XMLText.escaped(String(decoding: utf8, as: UTF8.self))
            escaped.withUTF8 { put($0) }
        }
        put("</t>")
    }
}

/// Text for XML content and attributes.
enum XMLText {
    /// Whether a text has a byte `escaped` would change (`& < > "` or a control character).
    static func needsEscaping(_ bytes: String.UTF8View) -> Bool {
        bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == 0xEF }
    }

    /// An ASCII space, tab or line break (leading or trailing, they need xml:space).
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// `&`, `<`, `>`, `"` escaped; characters XML 1.0 does not allow (controls other than tab
    /// and line breaks) replaced by U+FFFD.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
