// The rows of a data file into typed columns: one record at a time, cells parsed from bytes
// straight into the column arrays, problems collected with row, column and value.

/// Builds the typed columns from records; the consumer of the data rows.
struct TableBuilder: CSVRecordConsumer {
    /// How a requested column is read.
    enum Kind: UInt8 { case number, count, share, percent, flag, text, date, period }

    /// One found request: a trivial value, read in the hot loop without retains.
    struct Plan {
        /// The field's slot in the record.
        var slot: Int
        var kind: Kind
        /// Index into `numbers`, `flags` or `codes` (by kind); for texts also into `textValues`
        /// and, offset by the flag count, into `interners`.
        var storage: Int
        /// Index into `implausibleShares` or `percentLooks`, or -1.
        var statistics: Int
        /// The request's index.
        var request: Int
        /// The file column.
        var column: Int
    }

    let requests: [ColumnRequest]
    var plans: [Plan] = []
    /// The column header of each plan, for messages (the file's spelling).
    var planHeaders: [String] = []

    /// The columns, each `capacity` long: rows from `rowCount` on are not read yet. While the
    /// scan runs they are opened (see `run`) and written through the pointers below, because an
    /// `Array` subscript or `append` per cell would check the array's uniqueness each time.
    var numberColumns: [[Double]] = []
    var flagColumns: [[UInt8]] = []
    var codeColumns: [[Int32]] = []
    var rowNumberColumn: [Int32]
    /// Where each column's elements are: valid only inside `run`.
    var numbers: [UnsafeMutablePointer<Double>] = [] {
        didSet { numberPlaces = numbers.withUnsafeBufferPointer { $0 } }
    }
    /// `numbers`' elements in place, valid while `numbers` is unchanged (`didSet` follows it):
    /// `consume` reads them at every row, where a copy of the array would retain and release
    /// its buffer, two atomic operations a row (3 % of a million-row run's time).
    private(set) var numberPlaces = UnsafeBufferPointer<UnsafeMutablePointer<Double>>(start: nil, count: 0)
    var flags: [UnsafeMutablePointer<UInt8>] = []
    var codes: [UnsafeMutablePointer<Int32>] = []
    var rowNumbers: UnsafeMutablePointer<Int32>?
    var rowCount = 0
    var capacity = TableBuilder.initialCapacity
    /// Where the last record ended in the input, to guess the row count.
    var lastEndOffset = 0
    static let initialCapacity = 1024
    /// Counts must stay below 2^53: from there on not every whole number is a Double.
    static let countLimit = 9_007_199_254_740_992.0
    /// How many bytes of input this builder sees, to guess its row count once the first rows
    /// show the bytes per row; and of the whole file, to reserve room for all rows in the first
    /// part's columns (the other parts are appended to them at the end).
    var sizeHint: Int?
    var fileSize: Int?
    /// Whether the columns are a part's place in the table's final columns (see
    /// TableReader+Placed.swift): `numbers`, `flags`, `codes` and `rowNumbers` are set for the
    /// whole scan, and `capacity` is the part's room, which never grows.
    var isPlaced = false
    /// Set when a placed part had more rows than its room: the parts are read again, unplaced.
    var overflowed = false

    /// One interner per flag column, then one per text column. In raw memory: changing an
    /// element of a stored array would check the array's uniqueness (a runtime call) per cell.
    var interners: UnsafeMutablePointer<ByteInterner>
    let internerCount: Int
    /// How many flag columns there are: a text column's interner comes after theirs. (Not
    /// `flagColumns.count`: a placed part has no columns of its own, and its first text column
    /// then shared the first flag column's interner.)
    let flagCount: Int
    /// The last cell of each flag and text column, indexed as `interners`.
    var recentCells: RecentCells
    /// Per text column: its distinct values in order of first appearance.
    var textValues: [[String]] = []
    /// Per share column: rows with a value above 1 and no % sign, and the first of them.
    var implausibleShares: [(count: Int, firstRow: Int)] = []
    /// Per percent column: whether every value lies within 0...1 (as written), whether one is
    /// strictly between, and whether any was written with a % sign.
    var percentLooks: [(allWithinUnit: Bool, anyFractional: Bool, sawSign: Bool)] = []

    /// How many of `plans` (the first ones) are text columns: they are read first, and a
    /// totals row is dropped before its other cells are read.
    var textPlanCount = 0
    let totalsWords: [String]
    /// Set while a row is read when one of its text cells marks it as a totals row.
    var totalsCell: (plan: Int, bytes: UnsafeBufferPointer<UInt8>)?

    let header: FileHeader
    let encoding: TextEncoding
    let style: CellParser.NumberStyle
    let lenient: Bool
    let path: String
    var issues: IssueCollector
    var cellsMadeMissing = 0
    let allFound: Bool

    init(requests: [ColumnRequest], plans found: [ColumnPlan?], slots: [Int], opened: OpenedFile,
         options: CSVOptions, issues: IssueCollector, sizeHint: Int?) {
        self.requests = requests
        header = opened.header
        encoding = opened.encoding
        style = CellParser.NumberStyle(commaIsDecimal: opened.delimiter != UInt8(ascii: ","),
                                       isWindows1251: opened.encoding == .windows1251)
        lenient = options.lenient
        totalsWords = options.totalsWords
        path = issues.path
        self.issues = issues
        allFound = !found.contains { $0 == nil }
        self.sizeHint = sizeHint
        fileSize = sizeHint
        rowNumberColumn = [Int32](repeating: 0, count: capacity)
        for (index, plan) in found.enumerated() {
            guard let plan else { continue }
            let kind: Kind
            switch plan.type {
            case .number: kind = .number
            case .count: kind = plan.isPeriod ? .period : .count
            case .date: kind = .date
            case .share: kind = .share
            case .percent: kind = .percent
            case .flag: kind = .flag
            case .text: kind = .text
            }
            var storage = 0
            var statistics = -1
            switch kind {
            case .number, .count, .share, .percent, .date, .period:
                storage = numberColumns.count
                numberColumns.append([Double](repeating: 0, count: capacity))
                if kind == .share {
                    statistics = implausibleShares.count
                    implausibleShares.append((0, 0))
                }
                if kind == .percent {
                    statistics = percentLooks.count
                    percentLooks.append((true, false, false))
                }
            case .flag:
                storage = flagColumns.count
                flagColumns.append([UInt8](repeating: 0, count: capacity))
            case .text:
                storage = codeColumns.count
                codeColumns.append([Int32](repeating: 0, count: capacity))
                textValues.append([])
            }
            plans.append(Plan(slot: slots[index], kind: kind, storage: storage, statistics: statistics,
                              request: index, column: plan.column))
            planHeaders.append(header.names[plan.column])
        }
        // Text columns first (a stable order otherwise): they decide whether a row is a totals row.
        flagCount = flagColumns.count
        internerCount = flagColumns.count + codeColumns.count
        interners = .allocate(capacity: max(1, internerCount))
        interners.initialize(repeating: ByteInterner(), count: internerCount)
        recentCells = RecentCells(count: internerCount)
        let unordered = plans
        let headers = planHeaders
        let order = unordered.indices.sorted {
            (unordered[$0].kind == .text ? 0 : 1, $0) < (unordered[$1].kind == .text ? 0 : 1, $1)
        }
        plans = order.map { unordered[$0] }
        planHeaders = order.map { headers[$0] }
        textPlanCount = plans.filter { $0.kind == .text }.count
    }

    /// A builder for another part of the same file: same columns, its own storage and issues.
    func forAnotherPart(issues: IssueCollector, sizeHint: Int?) -> TableBuilder {
        var copy = self
        copy.issues = issues
        copy.capacity = TableBuilder.initialCapacity
        copy.rowCount = 0
        copy.lastEndOffset = 0
        copy.cellsMadeMissing = 0
        copy.rowNumberColumn = [Int32](repeating: 0, count: copy.capacity)
        copy.numberColumns = numberColumns.map { _ in [Double](repeating: 0, count: copy.capacity) }
        copy.flagColumns = flagColumns.map { _ in [UInt8](repeating: 0, count: copy.capacity) }
        copy.codeColumns = codeColumns.map { _ in [Int32](repeating: 0, count: copy.capacity) }
        copy.textValues = textValues.map { _ in [] }
        copy.implausibleShares = implausibleShares.map { _ in (0, 0) }
        copy.percentLooks = percentLooks.map { _ in (true, false, false) }
        copy.interners = .allocate(capacity: max(1, internerCount))
        copy.interners.initialize(repeating: ByteInterner(), count: internerCount)
        copy.recentCells = RecentCells(count: internerCount)
        copy.sizeHint = sizeHint
        copy.fileSize = nil
        return copy
    }

    /// Makes this builder the first of several parts: it sees `size` bytes of the file.
    mutating func makeFirstPart(size: Int) {
        sizeHint = size
    }

    /// Frees the interners and the recent cells (raw memory); called once, by `finish` or when
    /// a part is dropped.
    func deallocate() {
        recentCells.deallocate()
        interners.deinitialize(count: internerCount)
        interners.deallocate()
    }

    // MARK: Running the scan

    /// Scans the rest of the input into the columns: they are opened for writing, and when they
    /// are full the scan stops, they grow, and it goes on.
    mutating func run(_ reader: CSVReader) -> CSVScanEnd {
        if isPlaced { return runPlaced(reader) }
        while true {
            let end = withOpenColumns(level: 0) { builder in reader.scan(&builder) }
            guard end == .stopped, rowCount == capacity else { return end }
            grow()
        }
    }

    /// Calls `body` with every column open for writing through `numbers`, `flags`, `codes` and
    /// `rowNumbers`: one column per level of recursion, each moved out of `self` meanwhile so
    /// that it is the only reference to its storage.
    mutating func withOpenColumns(level: Int, _ body: (inout TableBuilder) -> CSVScanEnd) -> CSVScanEnd {
        if level == 0 {
            numbers.removeAll(keepingCapacity: true)
            flags.removeAll(keepingCapacity: true)
            codes.removeAll(keepingCapacity: true)
        }
        var index = level
        if index < numberColumns.count {
            var column = numberColumns[index]
            numberColumns[index] = []
            defer { numberColumns[index] = column }
            return column.withUnsafeMutableBufferPointer { buffer in
                numbers.append(TableBuilder.base(of: buffer))
                return withOpenColumns(level: level + 1, body)
            }
        }
        index -= numberColumns.count
        if index < flagColumns.count {
            var column = flagColumns[index]
            flagColumns[index] = []
            defer { flagColumns[index] = column }
            return column.withUnsafeMutableBufferPointer { buffer in
                flags.append(TableBuilder.base(of: buffer))
                return withOpenColumns(level: level + 1, body)
            }
        }
        index -= flagColumns.count
        if index < codeColumns.count {
            var column = codeColumns[index]
            codeColumns[index] = []
            defer { codeColumns[index] = column }
            return column.withUnsafeMutableBufferPointer { buffer in
                codes.append(TableBuilder.base(of: buffer))
                return withOpenColumns(level: level + 1, body)
            }
        }
        var column = rowNumberColumn
        rowNumberColumn = []
        defer {
            rowNumberColumn = column
            rowNumbers = nil
        }
        return column.withUnsafeMutableBufferPointer { buffer in
            rowNumbers = TableBuilder.base(of: buffer)
            return body(&self)
        }
    }

    static func base<Element>(of buffer: UnsafeMutableBufferPointer<Element>) -> UnsafeMutablePointer<Element> {
        guard let base = buffer.baseAddress else { preconditionFailure("a column is never empty") }
        return base
    }

    /// Makes room for more rows: at first as many as the input probably has, judging by the bytes
    /// per row so far; then twice as many each time.
    mutating func grow() {
        var grown = capacity * 2
        var reserved = grown
        if capacity == TableBuilder.initialCapacity, lastEndOffset > 0 {
            let rowsPerByte = Double(rowCount) / Double(lastEndOffset) * 1.05
            if let size = sizeHint { grown = max(grown, Int(min(Double(size) * rowsPerByte, Double(1 << 28)))) }
            reserved = grown
            if let size = fileSize { reserved = max(grown, Int(min(Double(size) * rowsPerByte, Double(1 << 28)))) }
        }
        let extra = grown - capacity
        for index in numberColumns.indices { TableBuilder.extend(&numberColumns[index], by: extra, reserving: reserved) }
        for index in flagColumns.indices { TableBuilder.extend(&flagColumns[index], by: extra, reserving: reserved) }
        for index in codeColumns.indices { TableBuilder.extend(&codeColumns[index], by: extra, reserving: reserved) }
        TableBuilder.extend(&rowNumberColumn, by: extra, reserving: reserved)
        capacity = grown
    }

    /// Lengthens a column by `extra` zeros, with room for `reserved` elements in all (room not
    /// written costs no memory).
    static func extend<Element: Numeric>(_ column: inout [Element], by extra: Int, reserving reserved: Int) {
        let count = column.count
        let grown = count + extra
        // One copy into storage made for `reserved` (appending a repeated zero element by
        // element costs more than the copy).
        let old = column
        column = [Element](unsafeUninitializedCapacity: max(reserved, grown)) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            old.withUnsafeBufferPointer { source in
                if let from = source.baseAddress { base.initialize(from: from, count: count) }
            }
            (base + count).initialize(repeating: 0, count: extra)
            initialized = grown
        }
    }

    // MARK: Records

    mutating func consume(_ record: CSVRecord) -> Bool {
        let row = record.row
        rowNumbers?[rowCount] = Int32(clamping: row)
        lastEndOffset = record.endOffset
        let fieldCount = record.fieldCount
        let shapeIsRight = fieldCount == header.fieldCount
            || (header.dropsTrailingColumn && fieldCount == header.fieldCount + 1 && record.lastFieldLength == 0)
        let rowIsBroken = record.hasNul || record.unterminatedQuote || record.overlongField >= 0 || !shapeIsRight
        if rowIsBroken { reportBrokenRow(record) }
        if rowIsBroken {
            for plan in 0..<plans.count { storeMissing(plan: plan) }
        } else {
            totalsCell = nil
            // The number columns' places through a pointer, not read again after every call that
            // may change `self` (`plans`, which every part shares, is read in place, never copied:
            // a copy's retains from every part's thread would contend).
            let numbers = numberPlaces
            let position = rowCount
            let commaIsDecimal = style.commaIsDecimal
            var stopped = false
            cells: for plan in 0..<plans.count {
                if plan == textPlanCount, let totals = totalsCell {
                    // A totals row: not a school, in no statistic; its other cells are not read.
                    reportTotalsRow(row: row, plan: totals.plan, bytes: totals.bytes)
                    stopped = true
                    break cells
                }
                // The row has every field (its shape is right).
                let bytes = record.presentField(slot: plans[plan].slot)
                let kind = plans[plan].kind
                switch kind {
                case .number, .count, .share, .period:
                    // The common cells, inline: empty, or a plain decimal that needs no check.
                    let column = numbers[plans[plan].storage]
                    if bytes.isEmpty {
                        column[position] = .nan
                        continue
                    }
                    var isWhole = false
                    // Short cells a word at a time (the reader's buffers are padded for that).
                    let parsed = bytes.count <= 8
                        ? bytes.baseAddress.flatMap {
                            CellParser.parseShortDecimal($0, count: bytes.count, commaIsDecimal: commaIsDecimal,
                                                         isWhole: &isWhole)
                        }
                        : CellParser.parsePlainDecimal(bytes, commaIsDecimal: commaIsDecimal,
                                                       exponentShift: 0, isWhole: &isWhole)
                    if let value = parsed {
                        let plausible = switch kind {
                        case .count, .period: isWhole && value >= 0 && value < TableBuilder.countLimit
                        case .share: value <= 1
                        default: true
                        }
                        if plausible {
                            column[position] = value + 0   // + 0: -0 becomes 0
                            continue
                        }
                    }
                    readNumber(bytes, plan: plan, row: row)
                case .percent:
                    readNumber(bytes, plan: plan, row: row)
                case .date: readDate(bytes, plan: plan, row: row)
                case .flag: readFlag(bytes, plan: plan, row: row)
                case .text: readText(bytes, plan: plan, row: row)
                }
            }
            if stopped { return true }
        }
        if let totals = totalsCell, textPlanCount == plans.count {
            reportTotalsRow(row: row, plan: totals.plan, bytes: totals.bytes)
            return true
        }
        rowCount += 1
        // Full: stop the scan so that `run` can grow the columns.
        return rowCount < capacity
    }

    /// Reports what is wrong with a row that cannot be read cell by cell: a NUL byte, an open
    /// quote at the end, an overlong field, or the wrong number of fields. Kept out of `consume`
    /// so that the hot loop stays small enough for the cell parsers to be inlined into it.
    @inline(never)
    mutating func reportBrokenRow(_ record: CSVRecord) {
        let row = record.row
        var reported = false
        if record.hasNul {
            issues.add(code: "D0010", severity: .error) { path in
                DataIssue(code: "D0010", severity: .error, path: path, row: row, column: nil, value: nil,
                          message: Messages.dataNulByte(), hint: Messages.dataNulByteHint())
            }
            reported = true
        }
        if record.unterminatedQuote {
            issues.add(code: "D0008", severity: .error) { path in
                DataIssue(code: "D0008", severity: .error, path: path, row: row, column: nil, value: nil,
                          message: Messages.dataUnterminatedQuote(), hint: Messages.dataUnterminatedQuoteHint())
            }
            reported = true
        }
        if record.overlongField >= 0 {
            reportOverlong(record)
            reported = true
        }
        guard !reported else { return }
        var found = record.fieldCount
        if header.dropsTrailingColumn, found == header.fieldCount + 1, record.lastFieldLength == 0 {
            found = header.fieldCount
        }
        let expected = header.fieldCount
        let severity: DataIssue.Severity = lenient ? .warning : .error
        let lenient = self.lenient
        issues.add(code: "D0007", severity: severity) { path in
            DataIssue(code: "D0007", severity: severity, path: path, row: row, column: nil,
                      value: nil, message: Messages.dataRaggedRow(expected: expected, found: found),
                      hint: Messages.dataRaggedRowHint(lenient: lenient))
        }
        if lenient { cellsMadeMissing += plans.count }
    }

    @inline(never)
    mutating func reportTotalsRow(row: Int, plan: Int, bytes: UnsafeBufferPointer<UInt8>) {
        totalsCell = nil
        let column = planHeaders[plan]
        let value = DataIssue.shortened(encoding.decodeForDisplay(UnsafeBufferPointer(rebasing: bytes.prefix(256))))
        issues.add(code: "D0026", severity: .warning) { path in
            DataIssue(code: "D0026", severity: .warning, path: path, row: row, column: column, value: nil,
                      message: Messages.dataTotalsRow(value: value), hint: Messages.dataTotalsRowHint())
        }
    }

    mutating func storeMissing(plan: Int) {
        let storage = plans[plan].storage
        switch plans[plan].kind {
        case .number, .count, .share, .percent, .date, .period: numbers[storage][rowCount] = .nan
        case .flag: flags[storage][rowCount] = Truth.unknown.rawValue
        case .text: codes[storage][rowCount] = -1
        }
    }

    mutating func reportOverlong(_ record: CSVRecord) {
        let column = record.overlongField
        let row = record.row
        let name = column < header.names.count ? header.names[column] : nil
        var shown: String?
        if let plan = plans.firstIndex(where: { $0.column == column }), let bytes = record.field(slot: plans[plan].slot) {
            shown = DataIssue.shortened(encoding.decodeForDisplay(UnsafeBufferPointer(rebasing: bytes.prefix(256))))
        }
        issues.add(code: "D0009", severity: .error) { path in
            DataIssue(code: "D0009", severity: .error, path: path, row: row, column: name, value: shown,
                      message: Messages.dataFieldTooLong(limit: CSVReader.fieldLengthLimit),
                      hint: Messages.dataFieldTooLongHint())
        }
    }
}
