// The typed, column-wise form of a data file, and what a rule set asks of it.

/// How the cells of a column are read.
public enum ColumnType: String, Sendable, CaseIterable, Codable {
    /// Any number, `12.5` or `12,5` (decimal comma when the delimiter is not a comma).
    case number
    /// A whole number of people or things, never negative.
    case count
    /// A fraction from 0 to 1: `0.125`; `12,5%` with a percent sign also reads as 0.125.
    case share
    /// A percentage: `12.5` and `12,5%` both read as 0.125.
    case percent
    /// Yes or no: да/нет, yes/no, true/false, 1/0, +/-.
    case flag
    /// Any text.
    case text
    /// A date: `01.09.2024`, `1.9.2024`, `2024-09-01` (a time after it ignored) or an Excel day
    /// number; stored as days since 1970-01-01.
    case date
}

/// One column a rule set needs from a file.
public struct ColumnRequest: Sendable, Hashable {
    /// The name the rules use.
    public let name: String
    /// The header text expected in the file (the name itself unless `from "…"` says otherwise).
    public let header: String
    public let type: ColumnType
    /// A dataset's period column: a whole number, or a school year (`2015-2016`, `2015/16`,
    /// `2015/2016`) read as the year it ends in.
    public let isPeriod: Bool

    public init(name: String, header: String, type: ColumnType, isPeriod: Bool = false) {
        self.name = name
        self.header = header
        self.type = type
        self.isPeriod = isPeriod
    }
}

/// Cells of one column, typed. Missing cells are NaN, `Truth.unknown`, or text code -1.
public enum ColumnData: Sendable {
    /// number, count, share and percent columns; shares and percents already as fractions.
    case numbers([Double])
    /// flag columns: `Truth.rawValue` per row.
    case flags([UInt8])
    /// text columns: a code per row into `values` (distinct texts in order of first appearance),
    /// -1 for an empty cell.
    case texts(codes: [Int32], values: [String])

    public var count: Int {
        switch self {
        case .numbers(let values): values.count
        case .flags(let values): values.count
        case .texts(let codes, _): codes.count
        }
    }
}

/// A three-valued truth: the result of a comparison with a missing value is unknown.
public enum Truth: UInt8, Sendable {
    case no = 0
    case yes = 1
    case unknown = 2
}

/// A data file read into typed columns, in the order of the request.
public struct LoadedTable: Sendable {
    public let path: String
    public let rowCount: Int
    public let columns: [ColumnData]
    /// The row number a person sees for each data row (the header is row 1, as in Excel; a
    /// record counts once even when a quoted field holds a line break). Differs from index + 2
    /// when blank records were skipped before it.
    public let rowNumbers: [Int32]
    /// Problems that did not stop the read: warnings, and in lenient mode the bad cells that
    /// were turned into missing values.
    public let issues: [DataIssue]
    /// In lenient mode, how many bad cells were read as missing.
    public let cellsMadeMissing: Int

    public init(path: String, rowCount: Int, columns: [ColumnData], rowNumbers: [Int32],
                issues: [DataIssue], cellsMadeMissing: Int) {
        self.path = path
        self.rowCount = rowCount
        self.columns = columns
        self.rowNumbers = rowNumbers
        self.issues = issues
        self.cellsMadeMissing = cellsMadeMissing
    }
}

/// A problem in a data file, named by file, row, column and value.
public struct DataIssue: Sendable, Hashable {
    public enum Severity: String, Sendable { case warning, error }

    public let code: String
    public let severity: Severity
    public let path: String
    /// Row as a person sees it (header = 1); nil for problems of the whole file.
    public let row: Int?
    /// The column's header text, when the problem is in one column.
    public let column: String?
    /// The offending cell text, shortened to at most 60 characters.
    public let value: String?
    public let message: Message
    public let hint: Message?
    /// The column's letters in a workbook (`D`), shown before its header; nil for CSV files.
    public var columnLetter: String?

    public init(code: String, severity: Severity, path: String, row: Int?, column: String?,
                value: String?, message: Message, hint: Message?) {
        self.code = code
        self.severity = severity
        self.path = path
        self.row = row
        self.column = column
        self.value = value
        self.message = message
        self.hint = hint
    }
}
