// Writing an .xlsx workbook: sheets of typed cells (texts through the shared-string table,
// numbers as numbers, shares with a percent format), a bold header row frozen in place, and
// column widths fitted to the content. Only the parts Excel and LibreOffice need, in the
// order ECMA-376 prescribes, so that neither asks to repair the file.

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

/// One sheet to write.
struct WorkbookSheet: Sendable {
    /// The tab's name; cut to 31 characters and stripped of `[]:*?/\` when written.
    var name: String
    var rows: [[WorkbookCell]] = []
    /// Rows kept in view when scrolling (the header rows).
    var frozenRows = 0

    init(name: String, rows: [[WorkbookCell]] = [], frozenRows: Int = 0) {
        self.name = name
        self.rows = rows
        self.frozenRows = frozenRows
    }
}

/// Writes workbooks.
enum XLSXWriter {
    /// The style index of each kind of cell in `styles.xml` below.
    private enum Style: Int {
        case plain = 0, header = 1, percent = 2, integer = 3, title = 4
    }

    /// The .xlsx bytes of `sheets` (at least one; an empty list gives one empty sheet).
    static func write(_ sheets: [WorkbookSheet]) -> [UInt8] {
        let sheets = sheets.isEmpty ? [WorkbookSheet(name: "Sheet1")] : sheets
        var strings = SharedStrings()
        var zip = ZipWriter()
        let names = sheetNames(sheets.map(\.name))
        zip.add("[Content_Types].xml", Array(contentTypes(count: sheets.count).utf8))
        zip.add("_rels/.rels", Array(rootRelationships.utf8))
        zip.add("xl/workbook.xml", Array(workbook(names).utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships(count: sheets.count).utf8))
        zip.add("xl/styles.xml", Array(styles.utf8))
        for (index, sheet) in sheets.enumerated() {
            zip.add("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet, selected: index == 0, strings: &strings))
        }
        zip.add("xl/sharedStrings.xml", strings.xml())
        return zip.finished()
    }

    // MARK: Worksheets

    static func worksheet(_ sheet: WorkbookSheet, selected: Bool, strings: inout SharedStrings) -> [UInt8] {
        var body: [UInt8] = []
        var widths: [Int] = []
        for (rowIndex, row) in sheet.rows.enumerated() {
            let rowNumber = String(rowIndex + 1)
            body += Array("<row r=\"\(rowNumber)\">".utf8)
            for (columnIndex, cell) in row.enumerated() {
                if cell == .empty { continue }
                let reference = SheetParser.columnName(columnIndex) + rowNumber
                let (xml, length) = cellXML(cell, reference: reference, strings: &strings)
                body += xml
                while widths.count <= columnIndex { widths.append(0) }
                if case .title = cell {} else { widths[columnIndex] = max(widths[columnIndex], length) }
            }
            body += Array("</row>".utf8)
        }
        var out = Array("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """.utf8)
        out += Array("<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")>".utf8)
        if sheet.frozenRows > 0 {
            let top = "A\(sheet.frozenRows + 1)"
            out += Array("<pane ySplit=\"\(sheet.frozenRows)\" topLeftCell=\"\(top)\" activePane=\"bottomLeft\" state=\"frozen\"/>".utf8)
            out += Array("<selection pane=\"bottomLeft\" activeCell=\"\(top)\" sqref=\"\(top)\"/>".utf8)
        }
        out += Array("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>".utf8)
        if !widths.isEmpty {
            out += Array("<cols>".utf8)
            for (index, width) in widths.enumerated() {
                // Characters plus a margin; at least 8, at most 80 (long texts wrap past that).
                let fitted = min(80, max(8, width + 2))
                out += Array("<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(fitted)\" customWidth=\"1\"/>".utf8)
            }
            out += Array("</cols>".utf8)
        }
        out += Array("<sheetData>".utf8)
        out += body
        out += Array("</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>".utf8)
        return out
    }

    /// A cell's XML and the width it needs, in characters.
    static func cellXML(_ cell: WorkbookCell, reference: String, strings: inout SharedStrings) -> ([UInt8], Int) {
        func text(_ value: String, _ style: Style) -> ([UInt8], Int) {
            let index = strings.index(value)
            let longestLine = value.split(separator: "\n").map(\.count).max() ?? 0
            return (Array("<c r=\"\(reference)\"\(styleAttribute(style)) t=\"s\"><v>\(index)</v></c>".utf8), longestLine)
        }
        func number(_ value: Double, _ style: Style, width: Int) -> ([UInt8], Int) {
            guard value.isFinite else { return ([], 0) }
            return (Array("<c r=\"\(reference)\"\(styleAttribute(style))><v>\(CellText.plain(value))</v></c>".utf8), width)
        }
        switch cell {
        case .empty: return ([], 0)
        case .text(let value): return text(value, .plain)
        case .header(let value): return text(value, .header)
        case .title(let value): return text(value, .title)
        case .number(let value): return number(value, .plain, width: min(12, CellText.plain(value).count))
        case .integer(let value): return number(value, .integer, width: CellText.plain(value.rounded()).count)
        case .percent(let value): return number(value, .percent, width: 7)
        case .flag(let value):
            return (Array("<c r=\"\(reference)\" t=\"b\"><v>\(value ? 1 : 0)</v></c>".utf8), 5)
        }
    }

    private static func styleAttribute(_ style: Style) -> String {
        style == .plain ? "" : " s=\"\(style.rawValue)\""
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

/// The shared-string table: each distinct text once, by index.
struct SharedStrings {
    private var indices: [String: Int] = [:]
    private var ordered: [String] = []
    private var uses = 0

    mutating func index(_ text: String) -> Int {
        uses += 1
        if let index = indices[text] { return index }
        indices[text] = ordered.count
        ordered.append(text)
        return ordered.count - 1
    }

    func xml() -> [UInt8] {
        var out = Array("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(uses)" uniqueCount="\(ordered.count)">
            """.utf8)
        for text in ordered {
            let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true || text.contains("\n")
            out += Array((preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>").utf8)
            out += Array(XMLText.escaped(text).utf8)
            out += Array("</t></si>".utf8)
        }
        out += Array("</sst>".utf8)
        return out
    }
}

/// Text for XML content and attributes.
enum XMLText {
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
