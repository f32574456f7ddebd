// Reading an .xlsx workbook (ECMA-376, SpreadsheetML) into sheets of cells: the archive's
// relationships lead to the workbook's sheet list, its shared strings and its cell styles;
// a sheet is then parsed, streaming, into rows of cells (XLSXSheetParser.swift).
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a number cell's style says it shows.
enum NumberLook: UInt8, Sendable {
    /// A plain number (General, 0.00, # ##0 …).
    case plain
    /// A percentage (`0%`, `0.0%`): the stored 0.462 is shown as 46.2 %.
    case percent
    /// A date or date-time: the stored number is a day count (1900 or 1904 system).
    case date
}

/// One cell as the workbook stores it.
enum SheetCell: Equatable, Sendable {
    case empty
    /// A string (shared, inline, or a formula's string result).
    case text(String)
    /// A number, with what its style shows it as.
    case number(Double, NumberLook)
    case flag(Bool)
    /// An error value such as `#DIV/0!`.
    case error(String)

    /// Whether the cell has nothing in it (or only spaces).
    var isBlank: Bool {
        switch self {
        case .empty: true
        case .text(let text): HeaderMatching.trimmed(text).isEmpty
        default: false
        }
    }
}

/// A rectangle of cells, zero-based and inclusive (`B2:D3` is rows 1…2, columns 1…3).
struct CellRange: Equatable, Sendable {
    var firstRow: Int
    var firstColumn: Int
    var lastRow: Int
    var lastColumn: Int
}

/// One worksheet's cells.
struct Sheet: Sendable {
    let name: String
    /// Rows by zero-based index (row 1 is `rows[0]`); each row as long as its last cell.
    var rows: [[SheetCell]]
    /// Merged ranges (`<mergeCell ref="A1:C1"/>`).
    var merges: [CellRange]
    /// Zero-based indices of hidden columns.
    var hiddenColumns: Set<Int>

    /// The cell at a zero-based row and column, `.empty` outside what is stored.
    func cell(_ row: Int, _ column: Int) -> SheetCell {
        guard row >= 0, row < rows.count, column >= 0, column < rows[row].count else { return .empty }
        return rows[row][column]
    }
}

/// Why a workbook could not be read.
enum WorkbookError: Error, Equatable {
    /// The file is not a ZIP archive (an old binary .xls, a CSV renamed, …).
    case notXLSX
    /// The archive lacks a part every workbook has, or a part is damaged.
    case damaged(String)
    /// No sheet of that name; the names there are.
    case noSuchSheet(String, available: [String])
    /// The workbook has no (visible) worksheet.
    case noSheets
}

/// An opened .xlsx workbook: the sheet list, shared strings and number styles.
struct XLSXWorkbook {
    /// The worksheets in tab order: name, archive path, and whether the sheet is hidden.
    let sheets: [(name: String, path: String, hidden: Bool)]
    let sharedStrings: [String]
    /// What each cell style (`s` attribute) shows numbers as.
    let styleLooks: [NumberLook]
    /// Whether day numbers count from 1904-01-01 (old Mac workbooks) rather than 1899-12-30.
    let uses1904Dates: Bool
    private let archive: ZipArchive

    /// Opens the workbook in `bytes` (the whole .xlsx file).
    init(bytes: [UInt8]) throws(WorkbookError) {
        do {
            archive = try ZipArchive(bytes: bytes)
        } catch {
            throw error == .notAnArchive ? .notXLSX : .damaged("\(error)")
        }
        let workbookPath = (try? Self.officeDocument(in: archive)) ?? "xl/workbook.xml"
        guard let workbookXML = try Self.part(archive, workbookPath) else { throw .damaged(workbookPath) }
        let relations = try Self.relationships(archive, of: workbookPath)
        let list = WorkbookListParser.parse(workbookXML)
        sheets = list.sheets.compactMap { sheet in
            guard let target = relations[sheet.relation] else { return nil }
            return (sheet.name, target.path, sheet.hidden)
        }
        uses1904Dates = list.date1904
        let sharedPath = relations.values.first { $0.type.hasSuffix("/sharedStrings") }?.path ?? "xl/sharedStrings.xml"
        sharedStrings = try Self.part(archive, sharedPath).map(SharedStringsParser.parse) ?? []
        let stylesPath = relations.values.first { $0.type.hasSuffix("/styles") }?.path ?? "xl/styles.xml"
        styleLooks = try Self.part(archive, stylesPath).map(StylesParser.parse) ?? []
    }

    /// The sheet named `name` (exact, then ignoring case), or the first visible sheet.
    func sheet(named name: String?) throws(WorkbookError) -> Sheet {
        let index: Int
        if let name {
            let wanted = HeaderMatching.trimmed(name)
            guard let found = sheets.firstIndex(where: { $0.name == wanted })
                ?? sheets.firstIndex(where: { $0.name.lowercased() == wanted.lowercased() }) else {
                throw .noSuchSheet(name, available: sheets.map(\.name))
            }
            index = found
        } else {
            guard let first = sheets.firstIndex(where: { !$0.hidden }) ?? sheets.indices.first else { throw .noSheets }
            index = first
        }
        guard let xml = try Self.part(archive, sheets[index].path) else { throw .damaged(sheets[index].path) }
        return SheetParser.parse(xml, name: sheets[index].name, sharedStrings: sharedStrings, styleLooks: styleLooks)
    }

    // MARK: Parts and relationships

    private static func part(_ archive: ZipArchive, _ path: String) throws(WorkbookError) -> [UInt8]? {
        do {
            return try archive.data(path)
        } catch {
            throw .damaged("\(path): \(error)")
        }
    }

    /// The workbook part named by the package's root relationships.
    private static func officeDocument(in archive: ZipArchive) throws(WorkbookError) -> String? {
        try relationships(archive, of: "").values.first { $0.type.hasSuffix("/officeDocument") }?.path
    }

    /// The relationships of the part at `path` (`xl/_rels/workbook.xml.rels`): id → type and
    /// target, the target resolved to an archive path.
    private static func relationships(_ archive: ZipArchive, of path: String) throws(WorkbookError) -> [String: (type: String, path: String)] {
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        let file = path.split(separator: "/").last.map(String.init) ?? ""
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        guard let xml = try part(archive, relsPath) else { return [:] }
        var result: [String: (type: String, path: String)] = [:]
        for relation in RelationshipsParser.parse(xml) {
            result[relation.id] = (relation.type, resolve(relation.target, from: folder))
        }
        return result
    }

    /// `worksheets/sheet1.xml` from `xl` → `xl/worksheets/sheet1.xml`; `/xl/…` is absolute.
    static func resolve(_ target: String, from folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }
}

// MARK: - The small parts: workbook, relationships, shared strings, styles

/// Base of the event parsers: elements by local name (namespaces processed). Subclasses
/// override `start`, `end` and `characters` (the delegate methods themselves must live here:
/// a protocol requirement is bound where the conformance is declared).
class PartParser: NSObject, XMLParserDelegate {
    /// Runs the parser over `bytes`.
    func run(_ bytes: [UInt8]) {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.delegate = self
        _ = parser.parse()
    }

    func start(_ element: String, _ attributes: [String: String]) {}
    func end(_ element: String) {}
    func characters(_ text: String) {}

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        start(elementName, attributes)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        end(elementName)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        characters(string)
    }
}

/// `xl/workbook.xml`: the sheets in tab order and the date system.
final class WorkbookListParser: PartParser {
    var sheets: [(name: String, relation: String, hidden: Bool)] = []
    var date1904 = false

    static func parse(_ bytes: [UInt8]) -> WorkbookListParser {
        let parser = WorkbookListParser()
        parser.run(bytes)
        return parser
    }

    override func start(_ elementName: String, _ attributes: [String: String]) {
        switch elementName {
        case "sheet":
            let relation = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") || $0.key == "id" }?.value ?? ""
            sheets.append((attributes["name"] ?? "", relation, (attributes["state"] ?? "visible") != "visible"))
        case "workbookPr":
            let value = attributes["date1904"] ?? "0"
            date1904 = value == "1" || value == "true"
        default: break
        }
    }
}

/// A `.rels` part: Id, Type and Target of each relationship.
final class RelationshipsParser: PartParser {
    var relations: [(id: String, type: String, target: String)] = []

    static func parse(_ bytes: [UInt8]) -> [(id: String, type: String, target: String)] {
        let parser = RelationshipsParser()
        parser.run(bytes)
        return parser.relations
    }

    override func start(_ elementName: String, _ attributes: [String: String]) {
        guard elementName == "Relationship", attributes["TargetMode"] != "External" else { return }
        relations.append((attributes["Id"] ?? "", attributes["Type"] ?? "", attributes["Target"] ?? ""))
    }
}

/// `xl/sharedStrings.xml`: one string per `<si>`, rich-text runs joined, phonetic runs left out.
final class SharedStringsParser: PartParser {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phoneticDepth = 0

    static func parse(_ bytes: [UInt8]) -> [String] {
        let parser = SharedStringsParser()
        parser.run(bytes)
        return parser.strings
    }

    override func start(_ elementName: String, _ attributes: [String: String]) {
        switch elementName {
        case "si": current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = phoneticDepth == 0
        default: break
        }
    }

    override func end(_ elementName: String) {
        switch elementName {
        case "si": strings.append(current)
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }

    override func characters(_ string: String) {
        if inText { current += string }
    }
}

/// `xl/styles.xml`: what each cell format (`cellXfs/xf`, by index) shows numbers as.
final class StylesParser: PartParser {
    private var customFormats: [Int: String] = [:]
    private var formatIds: [Int] = []
    private var inCellFormats = false

    static func parse(_ bytes: [UInt8]) -> [NumberLook] {
        let parser = StylesParser()
        parser.run(bytes)
        return parser.formatIds.map { id in look(id: id, code: parser.customFormats[id]) }
    }

    override func start(_ elementName: String, _ attributes: [String: String]) {
        switch elementName {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }) { customFormats[id] = attributes["formatCode"] ?? "" }
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats:
            formatIds.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default: break
        }
    }

    override func end(_ elementName: String) {
        if elementName == "cellXfs" { inCellFormats = false }
    }

    /// The look of a number format: the built-in ids (ECMA-376 §18.8.30) or a format code.
    static func look(id: Int, code: String?) -> NumberLook {
        if let code { return look(code: code) }
        switch id {
        case 9, 10: return .percent
        case 14...22, 27...36, 45...47, 50...58: return .date
        default: return .plain
        }
    }

    /// A format code shows a percentage when it has a `%`, a date when it has a day, month or
    /// year part; quoted text, `[…]` sections and escaped characters do not count.
    static func look(code: String) -> NumberLook {
        var percent = false
        var date = false
        var inQuote = false
        var inBracket = false
        var escaped = false
        // Only the first section (positive numbers) decides.
        for character in code {
            if escaped { escaped = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket { if character == "]" { inBracket = false }; continue }
            switch character {
            case "\\", "_", "*": escaped = true
            case "\"": inQuote = true
            case "[": inBracket = true
            case ";": return percent ? .percent : date ? .date : .plain
            case "%": percent = true
            case "d", "D", "m", "M", "y", "Y": date = true
            default: break
            }
        }
        return percent ? .percent : date ? .date : .plain
    }
}
