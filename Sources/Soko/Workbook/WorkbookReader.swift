// `--data FILE.xlsx`: a worksheet read as the same typed table a CSV file gives. The sheet is
// laid out (SheetLayout), its cells become the texts Excel shows, and those go through the CSV
// reader's cell typing, so that every column type, check and message is the same for both.
// Rows keep their Excel numbers (rows above the header and left-out totals become blank lines,
// which the reader skips and counts), and messages name columns by their Excel letters.
import Foundation

/// How a workbook is read: which sheet, and whether totals are checked.
public struct WorkbookOptions: Sendable, Hashable {
    /// The sheet's name (`--sheet`); nil for the first visible sheet.
    public var sheet: String?
    /// Compare each total and subtotal row of a regional sheet with the sum of its schools,
    /// column by column for the count columns (`--check-totals`).
    public var checkTotals: Bool

    public init(sheet: String? = nil, checkTotals: Bool = false) {
        self.sheet = sheet
        self.checkTotals = checkTotals
    }
}

/// Reads worksheets of .xlsx workbooks into tables.
public enum WorkbookReader {
    /// Whether the file at `path` is a ZIP archive (an .xlsx workbook, or an .ods) or a legacy
    /// binary workbook, rather than a text table.
    public static func isWorkbook(path: String) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") || lower.hasSuffix(".xls") || lower.hasSuffix(".ods") { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let magic = [UInt8](handle.readData(ofLength: 4))
        return magic == [0x50, 0x4B, 0x03, 0x04] || magic == [0xD0, 0xCF, 0x11, 0xE0]
    }

    /// Reads the requested columns of a sheet; `key` is the header of the key column (for
    /// regional sheets with totals). The CSV options' `lenient` and `maxIssues` apply.
    public static func read(path: String, columns: [ColumnRequest], key: String?, options: CSVOptions = CSVOptions(),
                            workbook: WorkbookOptions = WorkbookOptions()) -> Result<LoadedTable, DataReadFailure> {
        let opened: (Sheet, [DataIssue], Bool)
        switch openSheet(path: path, workbook: workbook) {
        case .failure(let failure): return .failure(failure)
        case .success(let sheet): opened = sheet
        }
        let (sheet, sheetNotes, uses1904) = opened
        let layout = SheetLayout(sheet: sheet, wanted: columns.map(\.header), key: key)
        var notes = sheetNotes + layoutNotes(layout, sheet: sheet, path: path, wanted: columns.map(\.header))
        if workbook.checkTotals {
            notes += totalChecks(layout, columns: columns, path: path)
        }
        let csv = csvBytes(layout, uses1904Dates: uses1904)
        var csvOptions = options
        csvOptions.delimiter = UInt8(ascii: ";")
        csvOptions.encoding = .utf8
        csvOptions.parallel = false
        switch TableReader.read(input: ByteInput(bytes: csv), path: path, columns: columns, options: csvOptions) {
        case .failure(let failure):
            return .failure(DataReadFailure(issues: notes + failure.issues.map { lettered($0, layout.names) }))
        case .success(let table):
            return .success(LoadedTable(path: table.path, rowCount: table.rowCount, columns: table.columns, rowNumbers: table.rowNumbers,
                                        issues: notes + table.issues.map { lettered($0, layout.names) },
                                        cellsMadeMissing: table.cellsMadeMissing))
        }
    }

    /// The column names of a sheet's header, found for the `wanted` headers (`check --data`).
    public static func readHeader(path: String, wanted: [String], workbook: WorkbookOptions = WorkbookOptions()) -> Result<[String], DataReadFailure> {
        switch openSheet(path: path, workbook: workbook) {
        case .failure(let failure): return .failure(failure)
        case .success(let (sheet, _, _)): return .success(SheetLayout(sheet: sheet, wanted: wanted, key: nil).names)
        }
    }

    // MARK: Opening

    static func openSheet(path: String, workbook: WorkbookOptions) -> Result<(Sheet, [DataIssue], Bool), DataReadFailure> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(TableReader.openFailure(path: path, .init(errorNumber: errno)))
        }
        let bytes = [UInt8](data)
        func failure(_ code: String, _ message: Message, _ hint: Message?) -> Result<(Sheet, [DataIssue], Bool), DataReadFailure> {
            .failure(DataReadFailure(issues: [DataIssue(code: code, severity: .error, path: path, row: nil, column: nil,
                                                        value: nil, message: message, hint: hint)]))
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return failure("D0402", Messages.workbookOldFormat("Excel 97–2003 (.xls)"), Messages.workbookUnreadableHint())
        }
        do throws(WorkbookError) {
            let book = try XLSXWorkbook(bytes: bytes)
            let sheet = try book.sheet(named: workbook.sheet)
            var notes: [DataIssue] = []
            let visible = book.sheets.filter { !$0.hidden }.count
            if workbook.sheet == nil, visible > 1 {
                notes.append(DataIssue(code: "D0408", severity: .warning, path: path, row: nil, column: nil, value: nil,
                                       message: Messages.workbookFirstSheet(sheet.name, count: visible), hint: Messages.workbookSheetHint()))
            }
            return .success((sheet, notes, book.uses1904Dates))
        } catch {
            switch error {
            case .notXLSX:
                return failure("D0401", Messages.workbookUnreadable("ZIP"), Messages.workbookUnreadableHint())
            case .damaged(let part):
                if (try? ZipArchive(bytes: bytes))?.contains("mimetype") == true {
                    return failure("D0402", Messages.workbookOldFormat("OpenDocument (.ods)"), Messages.workbookUnreadableHint())
                }
                return failure("D0401", Messages.workbookUnreadable(part), Messages.workbookUnreadableHint())
            case .noSuchSheet(let name, let available):
                return failure("D0403", Messages.workbookNoSuchSheet(name, available: available), nil)
            case .noSheets:
                return failure("D0409", Messages.workbookNoSheets(), nil)
            }
        }
    }

    // MARK: Notes

    static func layoutNotes(_ layout: SheetLayout, sheet: Sheet, path: String, wanted: [String]) -> [DataIssue] {
        var notes: [DataIssue] = []
        func note(_ code: String, row: Int?, column: String? = nil, _ message: Message, hint: Message?) {
            notes.append(DataIssue(code: code, severity: .warning, path: path, row: row, column: column, value: nil, message: message, hint: hint))
        }
        if let upper = layout.upperHeaderRow {
            let example = layout.names.first { $0.contains(": ") }
            note("D0404", row: layout.headerRow + 1, Messages.workbookJoinedHeader(upper + 1, layout.headerRow + 1, sheet: sheet.name, example: example),
                 hint: Messages.workbookHeaderHint())
        } else if layout.headerRow > 0 {
            let skipped = (0..<layout.headerRow).filter { !layout.isBlankRow($0) }.count
            note("D0404", row: layout.headerRow + 1, Messages.workbookHeaderRow(layout.headerRow + 1, sheet: sheet.name, skipped: skipped),
                 hint: Messages.workbookHeaderHint())
        }
        if let hierarchy = layout.hierarchy {
            note("D0405", row: nil, Messages.workbookHierarchy(totals: hierarchy.totals, subtotals: hierarchy.subtotals,
                                                              column: columnLabel(hierarchy.column, layout.names)),
                 hint: Messages.workbookHierarchyHint())
        }
        for header in wanted {
            let found = HeaderMatching.matches(of: header, in: layout.names)
            if found.count == 1, sheet.hiddenColumns.contains(found[0]) {
                var issue = DataIssue(code: "D0407", severity: .warning, path: path, row: nil, column: layout.names[found[0]], value: nil,
                                      message: Messages.workbookHiddenColumn(sheet: sheet.name), hint: nil)
                issue.columnLetter = SheetParser.columnName(found[0])
                notes.append(issue)
            }
        }
        return notes
    }

    /// `D «Отметка»`.
    static func columnLabel(_ column: Int, _ names: [String]) -> String {
        SheetParser.columnName(column) + (column < names.count && !names[column].isEmpty ? " «\(names[column])»" : "")
    }

    /// An issue of the CSV reader with the Excel letter of its column.
    static func lettered(_ issue: DataIssue, _ names: [String]) -> DataIssue {
        guard let column = issue.column else { return issue }
        let found = HeaderMatching.matches(of: column, in: names)
        guard found.count == 1 else { return issue }
        var lettered = issue
        lettered.columnLetter = SheetParser.columnName(found[0])
        return lettered
    }

    /// Each total's count columns against the sum of its schools.
    static func totalChecks(_ layout: SheetLayout, columns: [ColumnRequest], path: String) -> [DataIssue] {
        var issues: [DataIssue] = []
        for request in columns where request.type == .count {
            let found = HeaderMatching.matches(of: request.header, in: layout.names)
            guard found.count == 1 else { continue }
            let column = found[0]
            for (row, members) in layout.totals.sorted(by: { $0.row < $1.row }) {
                guard let total = number(layout.cell(row, column)) else { continue }
                let values = members.compactMap { number(layout.cell($0, column)) }
                let sum = values.reduce(0, +)
                guard abs(sum - total) > 1e-9 * max(1, abs(total)) else { continue }
                var issue = DataIssue(code: "D0406", severity: .warning, path: path, row: row + 1, column: layout.names[column],
                                      value: CellText.plain(total),
                                      message: Messages.workbookTotalMismatch(total: CellText.plain(total), sum: CellText.plain(sum), schools: members.count),
                                      hint: Messages.workbookTotalMismatchHint())
                issue.columnLetter = SheetParser.columnName(column)
                issues.append(issue)
            }
        }
        return issues
    }

    /// A cell's number: a number cell, or a text of digits with spaces and a decimal comma.
    static func number(_ cell: SheetCell) -> Double? {
        switch cell {
        case .number(let value, _): return value
        case .text(let text):
            let cleaned = text.unicodeScalars.filter { !$0.properties.isWhitespace }.map { $0 == "," ? "." : Character($0) }
            return Double(String(cleaned))
        default: return nil
        }
    }

    // MARK: The table as CSV

    /// The sheet as `;`-delimited UTF-8: one line per Excel row up to the last non-blank one;
    /// rows above the header and left-out totals are blank lines; as many fields as header names.
    static func csvBytes(_ layout: SheetLayout, uses1904Dates: Bool) -> [UInt8] {
        var out: [UInt8] = []
        let width = max(layout.names.count, 1)
        var last = layout.grid.count - 1
        while last > layout.headerRow, layout.isBlankRow(last) { last -= 1 }
        guard last >= layout.headerRow else { return out }
        out.reserveCapacity((last + 1) * width * 8)
        for _ in 0..<layout.headerRow { out.append(0x0A) }
        append(layout.names, width: width, to: &out)
        for row in (layout.headerRow + 1)...max(last, layout.headerRow) where row > layout.headerRow {
            let cells = layout.omittedRows.contains(row) ? []
                : (0..<width).map { column in CellText.text(layout.cell(row, column), uses1904Dates: uses1904Dates) }
            if cells.allSatisfy({ HeaderMatching.trimmed($0).isEmpty }) {
                out.append(0x0A)
                continue
            }
            append(cells, width: width, to: &out)
        }
        return out
    }

    private static func append(_ fields: [String], width: Int, to out: inout [UInt8]) {
        for column in 0..<width {
            if column > 0 { out.append(UInt8(ascii: ";")) }
            guard column < fields.count else { continue }
            let field = fields[column]
            if field.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                out.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    out.append(byte)
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out += field.utf8
            }
        }
        out.append(0x0A)
    }
}
