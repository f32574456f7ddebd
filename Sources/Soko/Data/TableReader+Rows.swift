// The rows of a data file into typed columns: one record at a time, cells parsed from bytes
// straight into growing column buffers, problems collected with row, column and value.

/// Builds the typed columns from records; the consumer of the data rows.
struct TableBuilder: CSVRecordConsumer {
    /// The kind of each plan, in the order of the requests that were found.
    private enum Kind: UInt8 { case number, count, share, percent, flag, text }

    private let requests: [ColumnRequest]
    /// Per found request: its slot in the record, kind and index into the storage of its kind.
    private var planSlots: [Int] = []
    private var planKinds: [Kind] = []
    private var planStorage: [Int] = []
    private var planRequest: [Int] = []
    /// The column header of each plan, for messages (the file's spelling).
    private var planHeaders: [String] = []
    /// Each plan's file column.
    private var planColumns: [Int] = []

    private var numbers: [[Double]] = []
    private var flags: [[UInt8]] = []
    private var codes: [[Int32]] = []
    private var rowNumbers: [Int32] = []
    private var rowCount = 0
    /// The input's size, to guess the row count once the first rows show the bytes per row.
    private let sizeHint: Int?

    /// Per flag or text column: its interner; per text column: its distinct values.
    private var interners: [ByteInterner] = []
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
    private var allFound: Bool

    init(requests: [ColumnRequest], plans: [ColumnPlan?], slots: [Int], opened: OpenedFile,
         options: CSVOptions, issues: IssueCollector, sizeHint: Int?) {
        self.requests = requests
        header = opened.header
        encoding = opened.encoding
        style = CellParser.NumberStyle(commaIsDecimal: opened.delimiter != UInt8(ascii: ","),
                                       isWindows1251: opened.encoding == .windows1251)
        lenient = options.lenient
        path = issues.path
        self.issues = issues
        allFound = !plans.contains { $0 == nil }
        self.sizeHint = sizeHint
        for (index, plan) in plans.enumerated() {
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
            planRequest.append(index)
            planSlots.append(slots[index])
            planKinds.append(kind)
            planHeaders.append(header.names[plan.column])
            planColumns.append(plan.column)
            switch kind {
            case .number, .count, .share, .percent:
                planStorage.append(numbers.count)
                numbers.append([])
                if kind == .share { implausibleShares.append((0, 0)) }
                if kind == .percent { percentLooks.append((true, false, false)) }
            case .flag:
                planStorage.append(flags.count)
                flags.append([])
            case .text:
                planStorage.append(codes.count)
                codes.append([])
                textValues.append([])
            }
        }
        // Interners are numbered flags first, then texts.
        interners = Array(repeating: ByteInterner(), count: flags.count + codes.count)
        percentIndexOfPlan = []
        var shares = 0
        var percents = 0
        for kind in planKinds {
            shareIndexOfPlan.append(kind == .share ? shares : -1)
            percentIndexOfPlan.append(kind == .percent ? percents : -1)
            if kind == .share { shares += 1 }
            if kind == .percent { percents += 1 }
        }
        textInternerBase = flags.count
    }

    private var shareIndexOfPlan: [Int] = []
    private var percentIndexOfPlan: [Int] = []
    /// Index of the first text column's interner (flag columns' come first).
    private var textInternerBase = 0

    // MARK: Records

    mutating func consume(_ record: CSVRecord) -> Bool {
        if rowCount == 1000 { reserveRows(after: record) }
        let row = record.row
        rowNumbers.append(Int32(clamping: row))
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
            if lenient { cellsMadeMissing += planSlots.count }
            rowIsBroken = true
        }

        if rowIsBroken {
            for plan in 0..<planSlots.count { storeMissing(plan: plan) }
        } else {
            for plan in 0..<planSlots.count {
                guard let bytes = record.field(slot: planSlots[plan]) else {
                    storeMissing(plan: plan)
                    continue
                }
                let kind = planKinds[plan]
                switch kind {
                case .number, .count, .share:
                    // The common cells, inline: empty, or a plain decimal that needs no check.
                    if bytes.isEmpty {
                        numbers[planStorage[plan]].append(.nan)
                        continue
                    }
                    var isWhole = false
                    if let value = CellParser.parsePlainDecimal(bytes, commaIsDecimal: style.commaIsDecimal,
                                                                exponentShift: 0, isWhole: &isWhole),
                       kind == .number || (kind == .count && isWhole && value >= 0) || (kind == .share && value <= 1) {
                        numbers[planStorage[plan]].append(value + 0)   // + 0: -0 becomes 0
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

    /// Reserves room for the rows the file probably has, judging by the bytes of the first rows.
    private mutating func reserveRows(after record: CSVRecord) {
        guard let size = sizeHint, record.endOffset > 0 else { return }
        let estimate = min(1 << 28, size / max(1, record.endOffset) * rowCount + rowCount / 16 + 1024)
        rowNumbers.reserveCapacity(estimate)
        for index in numbers.indices { numbers[index].reserveCapacity(estimate) }
        for index in flags.indices { flags[index].reserveCapacity(estimate) }
        for index in codes.indices { codes[index].reserveCapacity(estimate) }
    }

    private mutating func storeMissing(plan: Int) {
        let storage = planStorage[plan]
        switch planKinds[plan] {
        case .number, .count, .share, .percent: numbers[storage].append(.nan)
        case .flag: flags[storage].append(Truth.unknown.rawValue)
        case .text: codes[storage].append(-1)
        }
    }

    private mutating func reportOverlong(_ record: CSVRecord) {
        let column = record.overlongField
        let row = record.row
        let name = column < header.names.count ? header.names[column] : nil
        var shown: String?
        if let plan = planColumns.firstIndex(of: column), let bytes = record.field(slot: planSlots[plan]) {
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
        let kind = planKinds[plan]
        let storage = planStorage[plan]
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
            numbers[storage].append(.nan)
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
            numbers[storage].append(.nan)
            return
        }
        switch kind {
        case .count:
            if value > 9_007_199_254_740_992 {
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
                let index = shareIndexOfPlan[plan]
                if implausibleShares[index].count == 0 { implausibleShares[index].firstRow = row }
                implausibleShares[index].count += 1
            }
        case .percent:
            let index = percentIndexOfPlan[plan]
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
        numbers[storage].append(value)
    }

    private mutating func readFlag(_ raw: UnsafeBufferPointer<UInt8>, plan: Int, row: Int) {
        let storage = planStorage[plan]
        let bytes = CellParser.trimmed(raw, isWindows1251: style.isWindows1251)
        if bytes.isEmpty {
            flags[storage].append(Truth.unknown.rawValue)
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
        flags[storage].append(UInt8(truncatingIfNeeded: payload))
    }

    private mutating func readText(_ raw: UnsafeBufferPointer<UInt8>, plan: Int, row: Int) {
        let storage = planStorage[plan]
        let bytes = CellParser.trimmed(raw, isWindows1251: style.isWindows1251)
        if bytes.isEmpty {
            codes[storage].append(-1)
            return
        }
        let interner = textInternerBase + storage
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
        codes[storage].append(code)
    }

    // MARK: The end

    /// Adds the column warnings and hands over the table, or fails with every error found.
    mutating func finish() -> Result<LoadedTable, DataReadFailure> {
        for plan in 0..<planKinds.count {
            let column = planHeaders[plan]
            if planKinds[plan] == .share {
                let stats = implausibleShares[shareIndexOfPlan[plan]]
                guard stats.count > 0 else { continue }
                issues.add(severity: .warning) { path in
                    DataIssue(code: "D0020", severity: .warning, path: path, row: stats.firstRow, column: column,
                              value: nil,
                              message: Messages.dataImplausibleShare(column: column, firstRow: stats.firstRow,
                                                                     count: stats.count),
                              hint: Messages.dataImplausibleShareHint())
                }
            } else if planKinds[plan] == .percent {
                let looks = percentLooks[percentIndexOfPlan[plan]]
                guard looks.allWithinUnit, looks.anyFractional, !looks.sawSign else { continue }
                issues.add(severity: .warning) { path in
                    DataIssue(code: "D0021", severity: .warning, path: path, row: nil, column: column, value: nil,
                              message: Messages.dataPercentLooksLikeFractions(column: column),
                              hint: Messages.dataPercentLooksLikeFractionsHint())
                }
            }
        }
        if issues.errorCount > 0 || !allFound {
            return .failure(DataReadFailure(issues: issues.finished()))
        }
        var columns = [ColumnData?](repeating: nil, count: requests.count)
        for plan in 0..<planKinds.count {
            let storage = planStorage[plan]
            switch planKinds[plan] {
            case .number, .count, .share, .percent:
                columns[planRequest[plan]] = .numbers(numbers[storage])
            case .flag:
                columns[planRequest[plan]] = .flags(flags[storage])
            case .text:
                columns[planRequest[plan]] = .texts(codes: codes[storage],
                                                    values: textValues[storage])
            }
        }
        let rows = rowNumbers
        return .success(LoadedTable(path: path, rowCount: rowCount, columns: columns.map { $0 ?? .numbers([]) },
                                    rowNumbers: rows, issues: issues.finished(),
                                    cellsMadeMissing: cellsMadeMissing))
    }
}
