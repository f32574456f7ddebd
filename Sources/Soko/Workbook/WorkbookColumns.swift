// The columns of the workbook's big sheets, read entity after entity: the cells that name a
// school in every row (SchoolColumns), and a column's values as cells (ColumnCells), read
// without reference counting so that rows can be written on several threads at once.

/// The columns that name a school in every row: its key, its label, its group and its period,
/// headed as the data file heads them.
struct SchoolColumns {
    let evaluation: Evaluation
    let groupBy: ColumnRef?
    let headers: [WorkbookCell]
    private let hasLabel: Bool
    /// Keeps the arrays the label's and the group's cells read.
    private let keeper: ColumnKeeper
    /// The label's and the group's columns, looked up once.
    private let labelColumns: [ColumnCells]
    /// The label's column when there is one only.
    private let singleLabel: ColumnCells?
    private let groupColumn: ColumnCells?
    /// The entities' keys and periods, taken once (`evaluation.entities` is a copy at each use).
    private let keyIndex: [Int32]
    private let hasPeriods: Bool
    /// The keys when each is its own display key (no composite key's separator), so that a
    /// row takes its key without looking for one (`hasPlainKeys`; empty otherwise). Not
    /// optionals: binding an optional array at each row retains it.
    private let plainKeys: [String]
    private let hasPlainKeys: Bool
    private let periodValues: [Int]

    init(evaluation: Evaluation, groupBy: ColumnRef?) {
        self.evaluation = evaluation
        self.groupBy = groupBy
        let keeper = ColumnKeeper()
        self.keeper = keeper
        let program = evaluation.program
        let main = program.datasets[0]
        func heading(_ column: DatasetColumn) -> WorkbookCell { .header(column.title ?? column.header) }
        var headers: [WorkbookCell] = [heading(main.columns[main.keyColumn])]
        let label = program.datasets.first { $0.labelColumn != nil }
        hasLabel = label != nil
        // As `Evaluation.label`: the first text among the labels of the main level's datasets.
        labelColumns = program.datasets.enumerated().compactMap { index, dataset in
            guard dataset.space == 0, let label = dataset.labelColumn else { return nil }
            return ColumnCells(evaluation.evaluator.column(ColumnRef(dataset: index, column: label)), type: .text, keeper: keeper)
        }
        singleLabel = labelColumns.count == 1 ? labelColumns[0] : nil
        groupColumn = groupBy.map { ColumnCells(evaluation.evaluator.column($0), type: .text, keeper: keeper) }
        keyIndex = evaluation.entities.keyIndex
        hasPeriods = evaluation.entities.periods != nil
        let keys = evaluation.entities.keys
        hasPlainKeys = !keys.contains(where: ByteFormat.isComposite)
        plainKeys = hasPlainKeys ? keys : []
        periodValues = evaluation.entities.periods ?? []
        if let label { headers.append(heading(label.columns[label.labelColumn!])) }
        if let groupBy { headers.append(heading(program.datasets[groupBy.dataset].columns[groupBy.column])) }
        if evaluation.entities.periods != nil, let period = program.datasets.first(where: { $0.periodColumn != nil }) {
            headers.append(heading(period.columns[period.periodColumn!]))
        }
        self.headers = headers
    }

    /// The columns `write` puts texts at, with their dictionaries, when every text it puts is
    /// coded (`WorkbookSheet.codedTexts`); nil otherwise (composite keys, several labels, a
    /// constant group).
    var codedTexts: [CodedTextColumn]? {
        // As `write` puts them: the key at 0, then the label and the group when there are.
        let labelTexts = hasLabel ? singleLabel?.codedTexts(column: 1) : []
        let groupTexts = groupColumn.map { $0.codedTexts(column: hasLabel ? 2 : 1) } ?? []
        return CodedTextColumn.all([hasPlainKeys ? [CodedTextColumn(column: 0, dictionary: plainKeys)] : nil, labelTexts, groupTexts])
    }

    func cells(_ entity: Int) -> [WorkbookCell] {
        var cells: [WorkbookCell] = []
        append(entity, to: &cells)
        return cells
    }

    /// Writes the cells naming `entity` into the row being written, in the first columns: the
    /// same bytes as `append`'s cells.
    func write(_ entity: Int, into xml: inout SheetXML) {
        if hasPlainKeys {
            xml.codedText(Int(keyIndex[entity]), of: plainKeys, column: 0)
        } else {
            xml.put(.text(evaluation.entities.displayKey(entity)), column: 0)
        }
        var column = 1
        // Optional chaining reads the columns in place: binding them would copy (and retain)
        // their arrays at every row.
        if hasLabel {
            if singleLabel != nil {
                singleLabel?.writeText(entity, column: column, into: &xml)
            } else if let text = labelColumns.lazy.compactMap({ $0.text(entity) }).first {
                xml.put(.text(text), column: column)
            }
            column += 1
        }
        if groupColumn != nil {
            groupColumn?.write(entity, column: column, into: &xml)
            column += 1
        }
        if hasPeriods, !xml.isNumbering { xml.put(.integer(Double(periodValues[entity])), column: column) }
    }

    /// Appends the cells naming `entity` to a row.
    func append(_ entity: Int, to cells: inout [WorkbookCell]) {
        if hasPlainKeys {
            cells.append(.text(plainKeys[Int(keyIndex[entity])]))
        } else {
            cells.append(.text(evaluation.entities.displayKey(entity)))
        }
        if hasLabel {
            var label = WorkbookCell.empty
            for column in labelColumns {
                if let text = column.text(entity) { label = .text(text); break }
            }
            cells.append(label)
        }
        if let groupColumn { cells.append(groupColumn.cell(entity)) }
        if hasPeriods { cells.append(.integer(Double(periodValues[entity]))) }
    }
}

/// Keeps alive the arrays `ColumnCells` read through pointers: whoever keeps cells keeps their
/// keeper (a sheet's row writer captures it).
final class ColumnKeeper: @unchecked Sendable {
    // Unchecked: filled while the cells are made, on one thread; never changed after.
    private var kept: [Any] = []

    /// A pointer to the elements of `array`, valid while this keeper lives: the array is kept,
    /// unchanged, so its storage stays where it is.
    func keep<Element>(_ array: [Element]) -> UnsafeBufferPointer<Element> {
        kept.append(array)
        return array.withUnsafeBufferPointer { $0 }
    }
}

/// A column's values as cells (`XLSXReport.cell`), read entity after entity: the column's arrays
/// taken apart once, rather than `Column.value(at:)`, which takes the column's enum apart (and
/// so retains and releases its arrays) at every value. Holds pointers only (into arrays its
/// `ColumnKeeper` keeps), so that copying it costs nothing: rows are written on several
/// threads, and retains of one array from two threads contend.
struct ColumnCells {
    private enum Kind { case numbers, flags, texts, constant }
    private let kind: Kind
    private let type: ValueType
    private var numbers = UnsafeBufferPointer<Double>(start: nil, count: 0)
    private var flags = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var codes = UnsafeBufferPointer<Int32>(start: nil, count: 0)
    private var dictionary = UnsafeBufferPointer<String>(start: nil, count: 0)
    /// The value of a constant column (one element).
    private var constant = UnsafeBufferPointer<Value>(start: nil, count: 0)

    /// The cells of `column`, whose arrays `keeper` keeps for as long as the cells are read.
    init(_ column: Column, type: ValueType, keeper: ColumnKeeper) {
        self.type = type
        switch column {
        case .numbers(let values):
            kind = .numbers
            numbers = keeper.keep(values)
        case .flags(let values):
            kind = .flags
            flags = keeper.keep(values)
        case .texts(let values, let words):
            kind = .texts
            codes = keeper.keep(values)
            dictionary = keeper.keep(words)
        case .constant(let value):
            kind = .constant
            constant = keeper.keep([value])
        }
    }

    /// The cell of an entity's value, as `XLSXReport.cell(column.value(at: entity), type: type)`.
    @inline(__always)
    func cell(_ entity: Int) -> WorkbookCell {
        switch kind {
        case .numbers:
            let x = numbers[entity]
            return x.isNaN ? .empty : XLSXReport.cell(.number(x), type: type)
        case .flags:
            switch flags[entity] {
            case Truth.yes.rawValue: return .flag(true)
            case Truth.no.rawValue: return .flag(false)
            default: return .empty
            }
        case .texts:
            let code = codes[entity]
            return code < 0 ? .empty : .text(dictionary[Int(code)])
        case .constant:
            return XLSXReport.cell(constant[0], type: type)
        }
    }

    /// Writes the entity's cell (`cell(entity)`) at `column` of the row being written.
    @inline(__always)
    func write(_ entity: Int, column: Int, into xml: inout SheetXML) {
        switch kind {
        case .numbers:
            // The numbering pass looks for texts only.
            guard !xml.isNumbering else { return }
            // The cell `XLSXReport.cell(.number(x), type: type)` gives, written without making it.
            let x = numbers[entity]
            guard x.isFinite else { return }
            switch type {
            case .share: xml.numberCell(x, style: " s=\"2\"", column: column)
            case .count where x == x.rounded(): xml.numberCell(x, style: " s=\"3\"", column: column)
            default: xml.numberCell(x, style: "", column: column)
            }
        case .texts:
            let code = codes[entity]
            if code >= 0 { xml.codedText(Int(code), of: dictionary, column: column) }
        case .flags, .constant:
            xml.put(cell(entity), column: column)
        }
    }

    /// Writes the entity's text (`text(entity)`), when it has one, at `column` of the row
    /// being written.
    @inline(__always)
    func writeText(_ entity: Int, column: Int, into xml: inout SheetXML) {
        switch kind {
        case .texts:
            let code = codes[entity]
            if code >= 0 { xml.codedText(Int(code), of: dictionary, column: column) }
        default:
            if let text = text(entity) { xml.put(.text(text), column: column) }
        }
    }

    /// The column as `write` puts its texts at `column`: its dictionary when it is a text
    /// column, none when it has no texts (numbers, flags), nil when its texts are not coded (a
    /// constant text).
    func codedTexts(column: Int) -> [CodedTextColumn]? {
        switch kind {
        case .texts: return [CodedTextColumn(column: column, dictionary: Array(dictionary))]
        case .numbers, .flags: return []
        case .constant:
            if case .text = constant[0] { return nil }
            return []
        }
    }

    /// The entity's value when it is a text.
    @inline(__always)
    func text(_ entity: Int) -> String? {
        switch kind {
        case .texts:
            let code = codes[entity]
            return code < 0 ? nil : dictionary[Int(code)]
        case .constant:
            if case .text(let text) = constant[0] { return text }
            return nil
        default: return nil
        }
    }
}
