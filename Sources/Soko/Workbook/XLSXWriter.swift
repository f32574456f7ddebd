// Writing an .xlsx workbook: sheets of typed cells (texts in a shared-string table, numbers as
// numbers, shares with a percent format), a bold header row frozen in place, and column widths
// fitted to the content. Only the parts Excel and LibreOffice need, in the order ECMA-376
// prescribes, so that neither asks to repair the file. The workbook is streamed: each sheet is
// compressed as it is written and leaves for the output in pieces (see DeflateStream, ZipStreamWriter);
// the rows of a large sheet are written and compressed on every core.

import Foundation

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
    /// Writes the cells of a row (zero-based) straight into the sheet's XML, between
    /// `SheetXML.startRow` and `endRow`: the same bytes as `fill` and a `SheetXML.put(_:column:)`
    /// per cell give, without making the cells (for sheets of a million rows). Nil: `fill`.
    var write: ((Int, inout SheetXML) -> Void)?
    /// The columns at which the rows put texts, each with the dictionary `write` takes them
    /// from (`SheetXML.codedText`; `fill` gives the same texts as cells), when those are all
    /// the rows' texts but the header's. Their texts are then numbered in the shared strings up
    /// front, in the dictionaries' order, and rows written on several threads need no pass
    /// that numbers them in order of first appearance first (`XLSXWriter.writtenRows`), which
    /// wrote every row once more. Nil: some texts are not coded (a recommendation filled in
    /// for its school); they are numbered in order of first appearance.
    var codedTexts: [CodedTextColumn]?

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

/// A sheet's column whose texts are codes into `dictionary` (`WorkbookSheet.codedTexts`).
struct CodedTextColumn {
    let column: Int
    let dictionary: [String]

    /// All of `parts`, or nil when one of them is nil (a part with texts that are not coded).
    static func all(_ parts: [[CodedTextColumn]?]) -> [CodedTextColumn]? {
        var columns: [CodedTextColumn] = []
        for part in parts {
            guard let part else { return nil }
            columns += part
        }
        return columns
    }
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
    /// `sampleRows` rows (made with `fill`; the others with `write` when the sheet has it);
    /// texts go to `strings`, or inline without them. A sheet with `write` and at least
    /// `rowsPerPiece` rows after the sample is written on `workers` threads (see `writtenRows`);
    /// the bytes are the same whatever `workers`.
    static func worksheet(_ sheet: WorkbookSheet, selected: Bool, into out: DeflateStream, strings: SharedStrings? = nil,
                          sampleRows: Int = widthSampleRows, rowsPerPiece: Int = rowsPerPiece,
                          workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        var widths: [Int] = []
        var sample: [[WorkbookCell]] = []
        // The coded texts' numbers are found up front (the same whatever the rows' path below),
        // in their dictionaries' order, while the rows are sampled on another core: the one
        // touches only the shared strings, the other only the sheet's cells.
        let coded = strings == nil ? nil : sheet.codedTexts
        var codedNumbers: [[Int]] = []
        RowParts.concurrently(coded == nil ? 1 : 2) { task in
            if task == 1, let strings, let coded {
                codedNumbers = coded.map { strings.numbers(of: $0.dictionary) }
                return
            }
            for index in 0..<min(sheet.rowCount, sheet.frozenRows + sampleRows) {
                let cells = sheet.row(index)
                for (column, cell) in cells.enumerated() {
                    while widths.count <= column { widths.append(0) }
                    widths[column] = max(widths[column], width(cell))
                }
                sample.append(cells)
            }
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
        var xml = SheetXML(strings: strings)
        let numbered = coded != nil
        for (column, numbers) in zip(coded ?? [], codedNumbers) { xml.takeNumbers(numbers, column: column.column) }
        var cells: [WorkbookCell] = []
        // The sampled rows, and every row of a sheet without `write`, from their cells.
        let firstWritten = sheet.write == nil ? sheet.rowCount : sample.count
        for index in 0..<firstWritten {
            xml.startRow(index + 1)
            if index < sample.count {
                cells = sample[index]
            } else {
                cells.removeAll(keepingCapacity: true)
                sheet.fill(index, &cells)
            }
            for column in cells.indices { xml.put(cells[column], column: column) }
            xml.endRow()
            if xml.count >= DeflateStream.chunk { xml.flush(into: out) }
        }
        if let write = sheet.write, firstWritten < sheet.rowCount {
            writtenRows(firstWritten..<sheet.rowCount, write: write, xml: &xml, into: out, rowsPerPiece: rowsPerPiece, workers: workers,
                        numbered: numbered)
        }
        xml.flush(into: out)
        out.write("</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>")
    }

    /// Rows a piece of a sheet written on several threads holds: about 1 to 3 MB of XML.
    static let rowsPerPiece = 8192

    /// Writes `rows` with the sheet's `write`. Fewer than `rowsPerPiece`: one after the other
    /// into `xml`. Otherwise on `workers` threads: first the rows' texts get their numbers in
    /// the shared strings in the order the rows write them (`number`, `SheetXML.Mode.numbering`),
    /// then pieces of `rowsPerPiece` rows are written and compressed on every thread, each into
    /// a `SheetXML` of its own that reads those numbers (`.frozen`), and handed out in order
    /// (`DeflateStream.writePieces`). When the texts are `numbered` already (every one coded,
    /// `WorkbookSheet.codedTexts`), the first pass is left out. The XML is the same bytes either
    /// way; `write` must be safe to call from several threads at once.
    private static func writtenRows(_ rows: Range<Int>, write: (Int, inout SheetXML) -> Void, xml: inout SheetXML,
                                    into out: DeflateStream, rowsPerPiece: Int, workers: Int, numbered: Bool) {
        let rowsPerPiece = max(1, rowsPerPiece)
        guard rows.count >= rowsPerPiece else {
            for index in rows {
                xml.startRow(index + 1)
                write(index, &xml)
                xml.endRow()
                if xml.count >= DeflateStream.chunk { xml.flush(into: out) }
            }
            return
        }
        xml.flush(into: out)
        let pieces = (rows.count + rowsPerPiece - 1) / rowsPerPiece
        if let strings = xml.strings, !numbered {
            number(rows, pieces: pieces, rowsPerPiece: rowsPerPiece, write: write, strings: strings, coded: xml.coded)
        }
        let writers = (0..<max(1, min(workers, pieces))).map { _ in PieceXML(SheetXML(strings: xml.strings, coded: xml.coded, mode: .frozen)) }
        out.writePieces(count: pieces, workers: writers.count) { worker, piece, compressed in
            let writer = writers[worker]
            let first = rows.lowerBound + piece * rowsPerPiece
            writer.xml.clear(followingRow: first)
            for index in first..<min(first + rowsPerPiece, rows.upperBound) {
                writer.xml.startRow(index + 1)
                write(index, &writer.xml)
                writer.xml.endRow()
                if writer.xml.count >= DeflateStream.chunk { writer.xml.flush(into: compressed) }
            }
            writer.xml.flush(into: compressed)
        }
    }

    /// Gives the texts of `rows` their numbers in `strings` (and `coded`) in the order the rows
    /// write them: each piece of rows is numbered on its own, on every core, into tables of its
    /// own (its texts in the order of their first cell), and the pieces' tables are merged in
    /// piece order, so a text gets the number its first cell in the sheet would give it. Pieces
    /// are numbered a batch at a time (four per core), so memory stays flat.
    private static func number(_ rows: Range<Int>, pieces: Int, rowsPerPiece: Int, write: (Int, inout SheetXML) -> Void,
                               strings: SharedStrings, coded: CodedStrings) {
        let batch = max(8, 4 * ProcessInfo.processInfo.activeProcessorCount)
        let found = UnsafeMutableBufferPointer<(strings: SharedStrings, coded: CodedStrings)?>.allocate(capacity: batch)
        found.initialize(repeating: nil)
        defer {
            found.deinitialize()
            found.deallocate()
        }
        for first in stride(from: 0, to: pieces, by: batch) {
            let count = min(batch, pieces - first)
            let numberPiece = { (slot: Int) in
                let local = (strings: SharedStrings(), coded: CodedStrings(recording: true))
                var xml = SheetXML(capacity: 64, strings: local.strings, coded: local.coded, mode: .numbering)
                let start = rows.lowerBound + (first + slot) * rowsPerPiece
                for index in start..<min(start + rowsPerPiece, rows.upperBound) { write(index, &xml) }
                found[slot] = local
            }
            // Each piece writes its own element of `found` only.
            RowParts.concurrently(count, numberPiece)
            for slot in 0..<count {
                if let local = found[slot] { coded.merge(local.coded, numbers: strings.merge(local.strings)) }
                found[slot] = nil
            }
        }
    }

    /// One thread's `SheetXML` (a class holds it: the buffer cannot be copied into an array).
    private final class PieceXML {
        var xml: SheetXML
        init(_ xml: consuming SheetXML) { self.xml = xml }
    }

    /// The width a cell needs, in characters (a title spills over and needs none).
    static func width(_ cell: WorkbookCell) -> Int {
        switch cell {
        case .empty, .title: 0
        case .text(let value), .header(let value):
            // Most texts are one line: counted as they are, not cut into lines first.
            value.utf8.contains(0x0A) ? value.split(separator: "\n").map(\.count).max() ?? 0 : value.count
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
