// The rows of a data file into typed columns: one record at a time, cells parsed from bytes
// straight into growing column buffers, problems collected with row, column and value.

/// A growable column buffer of trivial values in C memory: the hot loop stores through a plain
/// pointer (an `Array.append` per cell costs a uniqueness check, a runtime call, each time), and
/// `realloc` grows it. Handed over as an array at the end.
struct ColumnBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>

    init(capacity: Int) {
        base = .allocate(capacity: max(1, capacity))
    }

    /// Grows to `capacity` elements, keeping the first `count`.
    mutating func grow(to capacity: Int, keeping count: Int) {
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: max(1, capacity))
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
    }

    func deallocate() { base.deallocate() }
}

/// Builds the typed columns from records; the consumer of the data rows.
struct TableBuilder: CSVRecordConsumer {
    /// How a requested column is read.
    private enum Kind: UInt8 { case number, count, share, percent, flag, text }

    /// One found request: a trivial value, read in the hot loop without retains.
    private struct Plan {
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
    private var plans: [Plan] = []
    /// The column header of each plan, for messages (the file's spelling).
    private var planHeaders: [String] = []

    private var numbers: [ColumnBuffer<Double>] = []
    private var flags: [ColumnBuffer<UInt8>] = []
    private var codes: [ColumnBuffer<Int32>] = []
    private var rowNumbers: ColumnBuffer<Int32>
    private var rowCount = 0
    private var capacity = 1024
    /// The input's size, to guess the row count once the first rows show the bytes per row.
    private var sizeHint: Int?

    /// One interner per flag column, then one per text column. In raw memory: changing an
    /// element of a stored array would check the array's uniqueness (a runtime call) per cell.
    private var interners: UnsafeMutablePointer<ByteInterner>
    private let internerCount: Int
    /// Per text column: its distinct values in order of first appearance.
    private var textValues: [[String]] = []
    /// Per share column: rows with a value above 1 and no % sign, and the first of them.
    private var implausibleShares: [(count: Int, firstRow: Int)] = []
    /// Per percent column: whether every value lies within 0...1 (as written), whether one is
    /// strictly between, and whether any was written with a % sign.
    private var percentLooks: [(allWithinUnit: Bool, anyFractional: Bool, sawSign: Bool)] = []

    private let header: FileHeader
    private let encoding: TextEncoding
    private let style: CellParser.NumberStyle
    private let lenient: Bool
    private let path: String
    var issues: IssueCollector
    private var cellsMadeMissing = 0
    private let allFound: Bool

    init(requests: [ColumnRequest], plans found: [ColumnPlan?], slots: [Int], opened: OpenedFile,
         options: CSVOptions, issues: IssueCollector, sizeHint: Int?) {
        self.requests = requests
        header = opened.header
        encoding = opened.encoding
        style = CellParser.NumberStyle(commaIsDecimal: opened.delimiter != UInt8(ascii: ","),
                                       isWindows1251: opened.encoding == .windows1251)
        lenient = options.lenient
        path = issues.path
        self.issues = issues
        allFound = !found.contains { $0 == nil }
        self.sizeHint = sizeHint
        rowNumbers = ColumnBuffer(capacity: capacity)
        for (index, plan) in found.enumerated() {
            guard let plan else { continue }
            let kind: Kind
            switch plan.type {
            case .number: kind = .number
            case .count: kind = .count
            case .share: kind = .share
            case .percent: kind = .percent
            case .flag: kind = .flag
            case .text: kind = .text
            }
            var storage = 0
            var statistics = -1
            switch kind {
            case .number, .count, .share, .percent:
                storage = numbers.count
                numbers.append(ColumnBuffer(capacity: capacity))
                if kind == .share {
                    statistics = implausibleShares.count
                    implausibleShares.append((0, 0))
                }
                if kind == .percent {
                    statistics = percentLooks.count
                    percentLooks.append((true, false, false))
                }
            case .flag:
                storage = flags.count
                flags.append(ColumnBuffer(capacity: capacity))
            case .text:
                storage = codes.count
                codes.append(ColumnBuffer(capacity: capacity))
                textValues.append([])
            }
            plans.append(Plan(slot: slots[index], kind: kind, storage: storage, statistics: statistics,
                              request: index, column: plan.column))
            planHeaders.append(header.names[plan.column])
        }
        internerCount = flags.count + codes.count
        interners = .allocate(capacity: max(1, internerCount))
        interners.initialize(repeating: ByteInterner(), count: internerCount)
    }

    /// A builder for another part of the same file: same columns, its own buffers and issues.
    func forAnotherPart(issues: IssueCollector, sizeHint: Int?) -> TableBuilder {
        var copy = self
        copy.issues = issues
        copy.rowNumbers = ColumnBuffer(capacity: 1024)
        copy.capacity = 1024
        copy.rowCount = 0
        copy.cellsMadeMissing = 0
        copy.numbers = numbers.map { _ in ColumnBuffer(capacity: 1024) }
        copy.flags = flags.map { _ in ColumnBuffer(capacity: 1024) }
        copy.codes = codes.map { _ in ColumnBuffer(capacity: 1024) }
        copy.textValues = textValues.map { _ in [] }
        copy.implausibleShares = implausibleShares.map { _ in (0, 0) }
        copy.percentLooks = percentLooks.map { _ in (true, false, false) }
        copy.interners = .allocate(capacity: max(1, internerCount))
        copy.interners.initialize(repeating: ByteInterner(), count: internerCount)
        copy.sizeHint = sizeHint
        return copy
    }

    /// Frees what the builder holds in raw memory; the column buffers too unless already
    /// handed over (and freed) by `finish`.
    func deallocate(columns: Bool) {
        interners.deinitialize(count: internerCount)
        interners.deallocate()
        guard columns else { return }
        for buffer in numbers { buffer.deallocate() }
        for buffer in flags { buffer.deallocate() }
        for buffer in codes { buffer.deallocate() }
        rowNumbers.deallocate()
    }

    // MARK: Records

    mutating func consume(_ record: CSVRecord) -> Bool {
        if rowCount == capacity { reserveRows(after: record) }
        let row = record.row
        rowNumbers.base[rowCount] = Int32(clamping: row)
        var rowIsBroken = false

        if record.hasNul {
            issues.add(severity: .error) { path in
                DataIssue(code: "D0010", severity: .error, path: path, row: row, column: nil, value: nil,
                          message: Messages.dataNulByte(), hint: Messages.dataNulByteHint())
            }
            rowIsBroken = true
        }
        if record.unterminatedQuote {
            issues.add(severity: .error) { path in
                DataIssue(code: "D0008", severity: .error, path: path, row: row, column: nil, value: nil,
                          message: Messages.dataUnterminatedQuote(), hint: Messages.dataUnterminatedQuoteHint())
            }
            rowIsBroken = true
        }
        if record.overlongField >= 0 {
            reportOverlong(record)
            rowIsBroken = true
        }
        var found = record.fieldCount
        if header.dropsTrailingColumn, found == header.fieldCount + 1, record.lastFieldLength == 0 {
            found = header.fieldCount
        }
        if !rowIsBroken, found != header.fieldCount {
            let expected = header.fieldCount
            let severity: DataIssue.Severity = lenient ? .warning : .error
            let lenient = self.lenient
            issues.add(severity: severity) { path in
                DataIssue(code: "D0007", severity: severity, path: path, row: row, column: nil,
                          value: nil, message: Messages.dataRaggedRow(expected: expected, found: found),
                          hint: Messages.dataRaggedRowHint(lenient: lenient))
            }
            if lenient { cellsMadeMissing += plans.count }
            rowIsBroken = true
        }

        if rowIsBroken {
            for plan in 0..<plans.count { storeMissing(plan: plan) }
        } else {
            for plan in 0..<plans.count {
                guard let bytes = record.field(slot: plans[plan].slot) else {
                    storeMissing(plan: plan)
                    continue
                }
                let kind = plans[plan].kind
                switch kind {
                case .number, .count, .share:
                    // The common cells, inline: empty, or a plain decimal that needs no check.
                    if bytes.isEmpty {
                        numbers[plans[plan].storage].base[rowCount] = .nan
                        continue
                    }
                    var isWhole = false
                    if let value = CellParser.parsePlainDecimal(bytes, commaIsDecimal: style.commaIsDecimal,
                                                                exponentShift: 0, isWhole: &isWhole),
                       kind == .number || (kind == .count && isWhole && value >= 0 && value < 9_007_199_254_740_992) || (kind == .share && value <= 1) {
                        numbers[plans[plan].storage].base[rowCount] = value + 0   // + 0: -0 becomes 0
                        continue
                    }
                    readNumber(bytes, plan: plan, row: row)
                case .percent:
                    readNumber(bytes, plan: plan, row: row)
                case .flag: readFlag(bytes, plan: plan, row: row)
                case .text: readText(bytes, plan: plan, row: row)
                }
            }
        }
        rowCount += 1
        return true
    }

    /// Makes room for more rows: at first as many as the file probably has, judging by the bytes
    /// per row so far; then twice as many each time.
    private mutating func reserveRows(after record: CSVRecord) {
        var grown = capacity * 2
        if capacity == 1024, let size = sizeHint, record.endOffset > 0 {
            let estimate = Double(size) / Double(record.endOffset) * Double(rowCount) * 1.05
            grown = max(grown, Int(min(estimate, Double(1 << 28))))
        }
        for index in numbers.indices { numbers[index].grow(to: grown, keeping: rowCount) }
        for index in flags.indices { flags[index].grow(to: grown, keeping: rowCount) }
        for index in codes.indices { codes[index].grow(to: grown, keeping: rowCount) }
        rowNumbers.grow(to: grown, keeping: rowCount)
        capacity = grown
    }

    private mutating func storeMissing(plan: Int) {
        let storage = plans[plan].storage
        switch plans[plan].kind {
        case .number, .count, .share, .percent: numbers[storage].base[rowCount] = .nan
        case .flag: flags[storage].base[rowCount] = Truth.unknown.rawValue
        case .text: codes[storage].base[rowCount] = -1
        }
    }

    private mutating func reportOverlong(_ record: CSVRecord) {
        let column = record.overlongField
        let row = record.row
        let name = column < header.names.count ? header.names[column] : nil
        var shown: String?
        if let plan = plans.firstIndex(where: { $0.column == column }), let bytes = record.field(slot: plans[plan].slot) {
            shown = DataIssue.shortened(encoding.decodeForDisplay(UnsafeBufferPointer(rebasing: bytes.prefix(256))))
        }
        issues.add(severity: .error) { path in
            DataIssue(code: "D0009", severity: .error, path: path, row: row, column: name, value: shown,
                      message: Messages.dataFieldTooLong(limit: CSVReader.fieldLengthLimit),
                      hint: Messages.dataFieldTooLongHint())
        }
    }

    // MARK: Cells

    /// Reports a bad cell: an error, or in lenient mode a warning (the cell becomes missing).
    private mutating func reportCell(code: String, plan: Int, row: Int, bytes: UnsafeBufferPointer<UInt8>,
                                     message: (String, String) -> Message, hint: Message? = nil) {
        let severity: DataIssue.Severity = lenient ? .warning : .error
        if lenient { cellsMadeMissing += 1 }
        let column = planHeaders[plan]
        let encoding = self.encoding
        let lenient = self.lenient
        issues.add(severity: severity) { path in
            let value = DataIssue.shortened(
                encoding.decodeForDisplay(UnsafeBufferPointer(rebasing: bytes.prefix(256))))
            return DataIssue(code: code, severity: severity, path: path, row: row, column: column, value: value,
                             message: message(column, value),
                             hint: hint ?? Messages.dataFixCellHint(lenient: lenient))
        }
    }

    private mutating func readNumber(_ bytes: UnsafeBufferPointer<UInt8>, plan: Int, row: Int) {
        let kind = plans[plan].kind
        let storage = plans[plan].storage
        let mode: CellParser.PercentMode
        switch kind {
        case .share: mode = .dividesWhenPresent
        case .percent: mode = .alwaysDivides
        default: mode = .forbidden
        }
        var value = 0.0
        var hadPercent = false
        let outcome = CellParser.parseNumber(bytes, style: style, percent: mode, value: &value, hadPercent: &hadPercent)
        switch outcome {
        case .number:
            break
        case .missing:
            numbers[storage].base[rowCount] = .nan
            return
        case .notANumber:
            reportCell(code: "D0013", plan: plan, row: row, bytes: bytes, message: Messages.dataNotANumber)
        case .decimalCommaWithCommaDelimiter:
            reportCell(code: "D0014", plan: plan, row: row, bytes: bytes,
                       message: Messages.dataDecimalCommaWithCommaDelimiter, hint: Messages.dataDecimalCommaHint())
        case .percentSignNotAllowed:
            reportCell(code: "D0015", plan: plan, row: row, bytes: bytes,
                       message: Messages.dataPercentSignNotAllowed, hint: Messages.dataPercentSignHint())
        case .outOfRange:
            reportCell(code: "D0023", plan: plan, row: row, bytes: bytes, message: Messages.dataNumberOutOfRange)
        }
        guard outcome == .number else {
            numbers[storage].base[rowCount] = .nan
            return
        }
        switch kind {
        case .count:
            // 2^53 and above: not every whole number there is a Double, so the count may be off.
            if value >= 9_007_199_254_740_992 {
                reportCell(code: "D0018", plan: plan, row: row, bytes: bytes, message: Messages.dataCountTooLarge)
                value = .nan
            } else if value < 0 {
                reportCell(code: "D0017", plan: plan, row: row, bytes: bytes, message: Messages.dataCountNegative)
                value = .nan
            } else if value.rounded(.towardZero) != value {
                reportCell(code: "D0016", plan: plan, row: row, bytes: bytes, message: Messages.dataCountNotWhole)
                value = .nan
            } else {
                value += 0   // -0 becomes 0
            }
        case .share:
            if !hadPercent, value > 1 {
                let index = plans[plan].statistics
                if implausibleShares[index].count == 0 { implausibleShares[index].firstRow = row }
                implausibleShares[index].count += 1
            }
        case .percent:
            let index = plans[plan].statistics
            if hadPercent { percentLooks[index].sawSign = true }
            // The value is already divided by 100: "within 0...1 as written" is 0...0.01 here.
            if value < 0 || value > 0.01 {
                percentLooks[index].allWithinUnit = false
            } else if value > 0, value < 0.01 {
                percentLooks[index].anyFractional = true
            }
        default:
            break
        }
        numbers[storage].base[rowCount] = value
    }

    private mutating func readFlag(_ raw: UnsafeBufferPointer<UInt8>, plan: Int, row: Int) {
        let storage = plans[plan].storage
        let bytes = CellParser.trimmed(raw, isWindows1251: style.isWindows1251)
        if bytes.isEmpty {
            flags[storage].base[rowCount] = Truth.unknown.rawValue
            return
        }
        let interner = storage
        var payload: Int32
        if let known = interners[interner].find(bytes) {
            payload = known
        } else {
            payload = CellParser.flagTruth(bytes, encoding: encoding).map { Int32($0.rawValue) } ?? -2
            interners[interner].insert(bytes, payload: payload)
        }
        if payload < 0 {
            let accepted = CellParser.flagSpellingList
            reportCell(code: "D0019", plan: plan, row: row, bytes: raw) { column, value in
                Messages.dataBadFlag(column: column, value: value, accepted: accepted)
            }
            payload = Int32(Truth.unknown.rawValue)
        }
        flags[storage].base[rowCount] = UInt8(truncatingIfNeeded: payload)
    }

    private mutating func readText(_ raw: UnsafeBufferPointer<UInt8>, plan: Int, row: Int) {
        let storage = plans[plan].storage
        let bytes = CellParser.trimmed(raw, isWindows1251: style.isWindows1251)
        if bytes.isEmpty {
            codes[storage].base[rowCount] = -1
            return
        }
        let interner = flags.count + storage
        var code: Int32
        if let known = interners[interner].find(bytes) {
            code = known
        } else if let text = encoding.decode(bytes) {
            code = Int32(truncatingIfNeeded: textValues[storage].count)
            textValues[storage].append(text)
            interners[interner].insert(bytes, payload: code)
        } else {
            code = -2
            interners[interner].insert(bytes, payload: code)
        }
        if code < 0 {
            let encoding = self.encoding
            reportCell(code: "D0011", plan: plan, row: row, bytes: raw, message: { column, _ in
                Messages.dataInvalidCellEncoding(column: column, encoding: encoding)
            }, hint: lenient ? nil : Messages.dataInvalidEncodingHint())
            code = -1
        }
        codes[storage].base[rowCount] = code
    }

    // MARK: The end

    /// Hands over the table read by one or more builders, each over a consecutive part of the
    /// file (rows of part k are numbered from 1 within it and shifted by `rowOffsets[k]`), with
    /// the column warnings; or fails with every error found. Frees the builders' memory.
    static func finish(parts: [TableBuilder], rowOffsets: [Int]) -> Result<LoadedTable, DataReadFailure> {
        let first = parts[0]
        var issues = IssueCollector(path: first.path, cap: first.issues.cap)
        for (part, offset) in zip(parts, rowOffsets) { issues.absorb(part.issues, rowOffset: offset) }
        first.addColumnWarnings(parts: parts, rowOffsets: rowOffsets, to: &issues)
        if issues.errorCount > 0 || !first.allFound {
            for part in parts { part.deallocate(columns: true) }
            return .failure(DataReadFailure(issues: issues.finished()))
        }
        // Each column's buffers are freed as soon as it is an array, to keep the peak low.
        defer { for part in parts { part.deallocate(columns: false) } }
        let total = parts.reduce(0) { $0 + $1.rowCount }
        var columns = [ColumnData?](repeating: nil, count: first.requests.count)
        for plan in first.plans {
            let storage = plan.storage
            switch plan.kind {
            case .number, .count, .share, .percent:
                columns[plan.request] = .numbers(concatenate(parts.map { ($0.numbers[storage], $0.rowCount) }, total))
            case .flag:
                columns[plan.request] = .flags(concatenate(parts.map { ($0.flags[storage], $0.rowCount) }, total))
            case .text:
                var values = first.textValues[storage]
                var codes = concatenate(parts.map { ($0.codes[storage], $0.rowCount) }, total)
                if parts.count > 1 {
                    // Texts of later parts get the codes of the same text in earlier parts.
                    var known = [String: Int32](minimumCapacity: values.count)
                    for (code, value) in values.enumerated() { known[value] = Int32(code) }
                    var start = first.rowCount
                    for part in parts.dropFirst() {
                        let mapping: [Int32] = part.textValues[storage].map { value in
                            if let code = known[value] { return code }
                            let code = Int32(truncatingIfNeeded: values.count)
                            values.append(value)
                            known[value] = code
                            return code
                        }
                        for row in start..<(start + part.rowCount) where codes[row] >= 0 {
                            codes[row] = mapping[Int(codes[row])]
                        }
                        start += part.rowCount
                    }
                }
                columns[plan.request] = .texts(codes: codes, values: values)
            }
        }
        var rows = concatenate(parts.map { ($0.rowNumbers, $0.rowCount) }, total)
        var start = 0
        for (part, offset) in zip(parts, rowOffsets) {
            if offset != 0 {
                for row in start..<(start + part.rowCount) { rows[row] = Int32(clamping: Int(rows[row]) + offset) }
            }
            start += part.rowCount
        }
        return .success(LoadedTable(path: first.path, rowCount: total, columns: columns.map { $0 ?? .numbers([]) },
                                    rowNumbers: rows, issues: issues.finished(),
                                    cellsMadeMissing: parts.reduce(0) { $0 + $1.cellsMadeMissing }))
    }

    /// One array of the parts' values, in order; the parts' buffers are freed.
    private static func concatenate<Element: BitwiseCopyable>(
        _ parts: [(buffer: ColumnBuffer<Element>, count: Int)], _ total: Int) -> [Element] {
        let values = Array<Element>(unsafeUninitializedCapacity: total) { buffer, initialized in
            var at = 0
            for part in parts where part.count > 0 {
                guard let destination = buffer.baseAddress else { break }
                (destination + at).initialize(from: part.buffer.base, count: part.count)
                at += part.count
            }
            initialized = at
        }
        for part in parts { part.buffer.deallocate() }
        return values
    }

    /// The warnings about whole columns: shares above 1, percents that look like fractions.
    private func addColumnWarnings(parts: [TableBuilder], rowOffsets: [Int], to issues: inout IssueCollector) {
        for (index, plan) in plans.enumerated() {
            let column = planHeaders[index]
            if plan.kind == .share {
                var count = 0
                var firstRow = 0
                for (part, offset) in zip(parts, rowOffsets) {
                    let stats = part.implausibleShares[plan.statistics]
                    if count == 0, stats.count > 0 { firstRow = stats.firstRow + offset }
                    count += stats.count
                }
                guard count > 0 else { continue }
                issues.add(severity: .warning) { path in
                    DataIssue(code: "D0020", severity: .warning, path: path, row: firstRow, column: column,
                              value: nil,
                              message: Messages.dataImplausibleShare(column: column, firstRow: firstRow, count: count),
                              hint: Messages.dataImplausibleShareHint())
                }
            } else if plan.kind == .percent {
                let looks = parts.map { $0.percentLooks[plan.statistics] }
                guard looks.allSatisfy(\.allWithinUnit), looks.contains(where: \.anyFractional),
                      !looks.contains(where: \.sawSign) else { continue }
                issues.add(severity: .warning) { path in
                    DataIssue(code: "D0021", severity: .warning, path: path, row: nil, column: column, value: nil,
                              message: Messages.dataPercentLooksLikeFractions(column: column),
                              hint: Messages.dataPercentLooksLikeFractionsHint())
                }
            }
        }
    }
}
