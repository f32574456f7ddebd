// Writing an .xlsx workbook: sheets of typed cells (texts in a shared-string table, numbers as
// numbers, shares with a percent format), a bold header row frozen in place, and column widths
// fitted to the content. Only the parts Excel and LibreOffice need, in the order ECMA-376
// prescribes, so that neither asks to repair the file. The workbook is streamed: each sheet is
// compressed as it is written and leaves for the output in pieces (see DeflateStream, ZipStreamWriter).

/// A cell to write, with the style it is shown in.
enum WorkbookCell: Equatable, Sendable {
    case empty
    case text(String)
    /// A number in the General format.
    case number(Double)
    /// A whole number, shown without decimals.
    case integer(Double)
    /// A fraction shown as a percentage with one decimal (`46.2%`).
    case percent(Double)
    case flag(Bool)
    /// A column heading: bold, wrapped.
    case header(String)
    /// A sheet's title line: bold and larger.
    case title(String)
}

/// One sheet to write: its rows come from a function, so that a sheet of a million rows is
/// written row by row without being held in memory.
struct WorkbookSheet {
    /// The tab's name; cut to 31 characters and stripped of `[]:*?/\` when written.
    var name: String
    let rowCount: Int
    /// Puts the cells of a row (zero-based) into an empty array, which the writer reuses from
    /// row to row.
    let fill: (Int, inout [WorkbookCell]) -> Void
    /// Rows kept in view when scrolling (the header rows).
    var frozenRows = 0

    init(name: String, rowCount: Int, frozenRows: Int = 0, fill: @escaping (Int, inout [WorkbookCell]) -> Void) {
        self.name = name
        self.rowCount = rowCount
        self.frozenRows = frozenRows
        self.fill = fill
    }

    /// A sheet whose rows a function returns.
    init(name: String, rowCount: Int, frozenRows: Int = 0, row: @escaping (Int) -> [WorkbookCell]) {
        self.init(name: name, rowCount: rowCount, frozenRows: frozenRows) { $1 = row($0) }
    }

    /// A sheet of rows already at hand.
    init(name: String, rows: [[WorkbookCell]], frozenRows: Int = 0) {
        self.init(name: name, rowCount: rows.count, frozenRows: frozenRows) { rows[$0] }
    }

    /// The cells of a row (zero-based).
    func row(_ index: Int) -> [WorkbookCell] {
        var cells: [WorkbookCell] = []
        fill(index, &cells)
        return cells
    }

    /// Every row (for tests and small sheets).
    var rows: [[WorkbookCell]] { (0..<rowCount).map(row) }
}

/// Writes workbooks.
enum XLSXWriter {
    /// How many rows (after the header) the column widths are fitted to.
    static let widthSampleRows = 2000

    /// The .xlsx bytes of `sheets` (at least one; an empty list gives one empty sheet).
    static func write(_ sheets: [WorkbookSheet]) -> [UInt8] {
        ReportSink.collect { write(sheets, to: $0) }
    }

    /// Writes the workbook to `sink` as it is made: each sheet is compressed while it is
    /// written and goes out in pieces, so memory does not grow with the number of rows.
    static func write(_ sheets: [WorkbookSheet], to sink: ReportSink) {
        let sheets = sheets.isEmpty ? [WorkbookSheet(name: "Sheet1", rows: [])] : sheets
        let zip = ZipStreamWriter { bytes in
            var bytes = bytes
            sink.drain(&bytes)
        }
        let names = sheetNames(sheets.map(\.name))
        zip.add("[Content_Types].xml", Array(contentTypes(count: sheets.count).utf8))
        zip.add("_rels/.rels", Array(rootRelationships.utf8))
        zip.add("xl/workbook.xml", Array(workbook(names).utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships(count: sheets.count).utf8))
        zip.add("xl/styles.xml", Array(styles.utf8))
        let strings = SharedStrings()
        for (index, sheet) in sheets.enumerated() {
            zip.add("xl/worksheets/sheet\(index + 1).xml") { worksheet(sheet, selected: index == 0, into: $0, strings: strings) }
        }
        // After the sheets, which found the texts; a part's place in the archive does not matter.
        zip.add("xl/sharedStrings.xml") { strings.write(into: $0) }
        zip.finish()
    }

    // MARK: Worksheets

    /// The worksheet part, written into `out`. Column widths fit the header and the first
    /// `widthSampleRows` rows; texts go to `strings`, or inline without them. A
    /// cell right after the one before it has no reference (`r`), which the format allows and
    /// Excel and LibreOffice read as the next column: a fifth of the XML, and of its compression.
    static func worksheet(_ sheet: WorkbookSheet, selected: Bool, into out: DeflateStream, strings: SharedStrings? = nil) {
        var widths: [Int] = []
        var sample: [[WorkbookCell]] = []
        for index in 0..<min(sheet.rowCount, sheet.frozenRows + widthSampleRows) {
            let cells = sheet.row(index)
            for (column, cell) in cells.enumerated() {
                while widths.count <= column { widths.append(0) }
                widths[column] = max(widths[column], width(cell))
            }
            sample.append(cells)
        }
        out.write("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """)
        out.write("<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")>")
        if sheet.frozenRows > 0 {
            let top = "A\(sheet.frozenRows + 1)"
            out.write("<pane ySplit=\"\(sheet.frozenRows)\" topLeftCell=\"\(top)\" activePane=\"bottomLeft\" state=\"frozen\"/>")
            out.write("<selection pane=\"bottomLeft\" activeCell=\"\(top)\" sqref=\"\(top)\"/>")
        }
        out.write("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")
        if !widths.isEmpty {
            out.write("<cols>")
            for (index, width) in widths.enumerated() {
                // Characters plus a margin; at least 8, at most 80 (long texts wrap past that).
                let fitted = min(80, max(8, width + 2))
                out.write("<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(fitted)\" customWidth=\"1\"/>")
            }
            out.write("</cols>")
        }
        out.write("<sheetData>")
        var letters: [[UInt8]] = []
        var xml = SheetXML(strings: strings)
        var cells: [WorkbookCell] = []
        for index in 0..<sheet.rowCount {
            if index < sample.count {
                cells = sample[index]
            } else {
                cells.removeAll(keepingCapacity: true)
                sheet.fill(index, &cells)
            }
            xml.put("<row r=\"")
            xml.put(index + 1)
            xml.put("\">")
            var next = 0
            for column in cells.indices {
                let cell = cells[column]
                guard cell.hasContent else { continue }
                if column == next {
                    xml.cell(cell)
                } else {
                    while letters.count <= column { letters.append(Array(SheetParser.columnName(letters.count).utf8)) }
                    xml.cell(cell, letters: letters[column], row: index + 1)
                }
                next = column + 1
            }
            xml.put("</row>")
            if xml.count >= DeflateStream.chunk { xml.flush(into: out) }
        }
        xml.flush(into: out)
        out.write("</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>")
    }

    /// The width a cell needs, in characters (a title spills over and needs none).
    static func width(_ cell: WorkbookCell) -> Int {
        switch cell {
        case .empty, .title: 0
        case .text(let value), .header(let value): value.split(separator: "\n").map(\.count).max() ?? 0
        case .number(let value): min(12, CellText.plain(value).count)
        case .integer(let value): CellText.plain(value.rounded()).count
        case .percent: 7
        case .flag: 5
        }
    }

    // MARK: The fixed parts

    /// Sheet names as Excel allows them: at most 31 characters, none of `[]:*?/\`, unique.
    static func sheetNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            var clean = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
            if clean.isEmpty { clean = "Sheet" }
            var candidate = clean
            var number = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = String(clean.prefix(31 - suffix.count)) + suffix
                number += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    static func contentTypes(count: Int) -> String {
        var overrides = ""
        for index in 1...count {
            overrides += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            \(overrides)</Types>
            """
    }

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static func workbook(_ names: [String]) -> String {
        var sheets = ""
        for (index, name) in names.enumerated() {
            sheets += "<sheet name=\"\(XMLText.escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <bookViews><workbookView activeTab="0"/></bookViews><sheets>\(sheets)</sheets></workbook>
            """
    }

    static func workbookRelationships(count: Int) -> String {
        var relations = ""
        for index in 1...count {
            relations += "<Relationship Id=\"rId\(index)\" "
                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relations)\
            <Relationship Id="rId\(count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            <Relationship Id="rId\(count + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
            </Relationships>
            """
    }

    /// Styles 0 plain, 1 header (bold, wrapped, top-aligned), 2 percent `0.0%`, 3 whole number
    /// `0`, 4 title (bold, 14 pt).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>\
        <fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}

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
struct SheetXML: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// The workbook's shared strings, when texts go there rather than inline.
    let strings: SharedStrings?
    /// The texts of numbers written lately that are not whole (shares and means recur across a
    /// region's rows): per slot, a number's bits and its text, length first. Made at the first
    /// such number; formatting a `Double` costs far more than copying its text.
    private var numberBits: UnsafeMutablePointer<UInt64>?
    private var numberTexts: UnsafeMutablePointer<UInt8>?
    private static let numberSlots = 1 << 12
    private static let numberSlotSize = 32
    /// Texts written lately and their numbers in `strings`: a school's key, name and group recur
    /// row after row as the same `String`. Each slot keeps its text alive, so a text whose two
    /// words equal a kept one's is that very text (the same inline bytes, or the same storage,
    /// which cannot have been freed and reused while the slot holds it).
    private var recentTexts: UnsafeMutablePointer<(text: String, index: Int)>?
    private static let recentSlots = 1 << 10

    init(capacity: Int = DeflateStream.chunk + (1 << 16), strings: SharedStrings? = nil) {
        self.capacity = capacity
        self.strings = strings
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
        numberBits?.deallocate()
        numberTexts?.deallocate()
        recentTexts?.deinitialize(count: Self.recentSlots)
        recentTexts?.deallocate()
    }

    /// Hands the bytes to `out` and empties the buffer.
    mutating func flush(into out: DeflateStream) {
        out.write(UnsafeBufferPointer(start: base, count: count))
        count = 0
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
        let pairs = Self.pairs.utf8Start
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

    /// "00" to "99", two bytes each.
    private static var pairs: StaticString { "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899" }

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
        if value == value.rounded(), abs(value) < 1e15 {
            put(Int(value))
            return
        }
        if numberBits == nil {
            numberBits = .allocate(capacity: Self.numberSlots)
            numberBits?.initialize(repeating: 0, count: Self.numberSlots)
            numberTexts = .allocate(capacity: Self.numberSlots * Self.numberSlotSize)
            numberTexts?.initialize(repeating: 0, count: Self.numberSlots * Self.numberSlotSize)
        }
        guard let numberBits, let numberTexts else { return }
        let bits = value.bitPattern
        let slot = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 52)
        let entry = numberTexts + slot * Self.numberSlotSize
        // A slot in use has a length (a number's text is never empty).
        if entry[0] != 0, numberBits[slot] == bits {
            put(UnsafeBufferPointer(start: entry + 1, count: Int(entry[0])))
            return
        }
        let start = count
        formatNumber(value)
        let length = count - start
        if length < Self.numberSlotSize {
            numberBits[slot] = bits
            entry[0] = UInt8(length)
            (entry + 1).update(from: base + start, count: length)
        }
    }

    /// A number that is not whole, as `number` writes it.
    private mutating func formatNumber(_ value: Double) {
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
        if let strings {
            put(" t=\"s\"><v>")
            put(sharedIndex(value, in: strings))
            put("</v></c>")
            return
        }
        var value = value
        put(" t=\"inlineStr\"><is>")
        value.withUTF8 { textElement($0) }
        put("</is></c>")
    }

    /// The number of a text in `strings`: from `recentTexts` when the same text was written
    /// lately, otherwise looked up by its bytes.
    private mutating func sharedIndex(_ value: String, in strings: SharedStrings) -> Int {
        guard MemoryLayout<String>.size == 16, MemoryLayout<(text: String, index: Int)>.stride == 24 else {
            var text = value
            return text.withUTF8 { strings.index(of: $0) }
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
        let index = text.withUTF8 { strings.index(of: $0) }
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
