// The cells of a row that are not plain numbers, and every cell the fast path of `consume`
// gives back: numbers with signs, percents and checks, flags, dates and texts, each from its
// bytes into its column, problems reported with row, column and value. A flag or text cell
// whose bytes are those of the same column's cell just before (a school's name in each of its
// rows) takes that cell's value without being looked up again (`RecentCells`).

extension TableBuilder {

    /// Reports a bad cell: an error, or in lenient mode a warning (the cell becomes missing).
    mutating func reportCell(code: String, plan: Int, row: Int, bytes: UnsafeBufferPointer<UInt8>,
                                     message: (String, String) -> Message, hint: Message? = nil) {
        // A period cell that is not a year is D0102 in every mode: read as missing (--lenient),
        // its row would belong to no school.
        if plans[plan].kind == .period {
            let column = planHeaders[plan]
            let encoding = self.encoding
            return issues.add(code: "D0102", severity: .error) { path in
                let value = DataIssue.shortened(encoding.decodeForDisplay(UnsafeBufferPointer(rebasing: bytes.prefix(256))))
                return Messages.notAPeriod(path: path, row: row, column: column, value: value)
            }
        }
        let severity: DataIssue.Severity = lenient ? .warning : .error
        if lenient { cellsMadeMissing += 1 }
        let column = planHeaders[plan]
        let encoding = self.encoding
        let lenient = self.lenient
        issues.add(code: code, severity: severity) { path in
            let value = DataIssue.shortened(
                encoding.decodeForDisplay(UnsafeBufferPointer(rebasing: bytes.prefix(256))))
            return DataIssue(code: code, severity: severity, path: path, row: row, column: column, value: value,
                             message: message(column, value),
                             hint: hint ?? Messages.dataFixCellHint(lenient: lenient))
        }
    }

    mutating func readNumber(_ bytes: UnsafeBufferPointer<UInt8>, plan: Int, row: Int) {
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
        if outcome == .notANumber, kind == .period, let text = encoding.decode(CellParser.trimmed(bytes, isWindows1251: style.isWindows1251)),
           let year = CalendarDates.schoolYear(text) {
            // `2015-2016`, `2015/16`: a school year is the calendar year it ends in.
            numbers[storage][rowCount] = Double(year)
            return
        }
        switch outcome {
        case .number:
            break
        case .missing:
            numbers[storage][rowCount] = .nan
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
            numbers[storage][rowCount] = .nan
            return
        }
        switch kind {
        case .count, .period:
            if value >= TableBuilder.countLimit {
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
        numbers[storage][rowCount] = value
    }

    mutating func readFlag(_ raw: UnsafeBufferPointer<UInt8>, plan: Int, row: Int) {
        let storage = plans[plan].storage
        if let truth = recentCells.value(of: raw, column: storage) {
            flags[storage][rowCount] = UInt8(truncatingIfNeeded: truth)
            return
        }
        let bytes = CellParser.trimmed(raw, isWindows1251: style.isWindows1251)
        if bytes.isEmpty {
            flags[storage][rowCount] = Truth.unknown.rawValue
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
        } else {
            recentCells.keep(raw, column: storage, value: payload)
        }
        flags[storage][rowCount] = UInt8(truncatingIfNeeded: payload)
    }

    /// A date cell: one of the written forms, or an Excel day number (`CalendarDates.parse`).
    mutating func readDate(_ raw: UnsafeBufferPointer<UInt8>, plan: Int, row: Int) {
        let storage = plans[plan].storage
        let bytes = CellParser.trimmed(raw, isWindows1251: style.isWindows1251)
        if bytes.isEmpty {
            numbers[storage][rowCount] = .nan
            return
        }
        if let text = encoding.decode(bytes), let days = CalendarDates.parse(text) {
            numbers[storage][rowCount] = days
            return
        }
        reportCell(code: "D0040", plan: plan, row: row, bytes: raw, message: Messages.dataNotADate)
        numbers[storage][rowCount] = .nan
    }

    /// Interned payloads of text cells that are not values: a totals row's word, a code in E+
    /// notation (-2 is a text not valid in the encoding).
    static let totalsCode: Int32 = -3
    static let exponentCode: Int32 = -4

    mutating func readText(_ raw: UnsafeBufferPointer<UInt8>, plan: Int, row: Int) {
        let storage = plans[plan].storage
        let interner = flagCount + storage
        if let code = recentCells.value(of: raw, column: interner) {
            codes[storage][rowCount] = code
            return
        }
        let bytes = CellParser.trimmed(raw, isWindows1251: style.isWindows1251)
        if bytes.isEmpty {
            codes[storage][rowCount] = -1
            return
        }
        var code: Int32
        if let known = interners[interner].find(bytes) {
            code = known
        } else if encoding != .windows1251, TextNormalization.mayNeedComposition(bytes), let decoded = encoding.decode(bytes),
                  case let text = TextNormalization.nfc(utf8: bytes, decoded: decoded), !text.utf8.elementsEqual(bytes) {
            // Not in NFC: the cell gets the code of its composed form, which may be known already.
            let composed = Array(text.utf8)
            if let known = composed.withUnsafeBufferPointer({ interners[interner].find($0) }) {
                code = known
            } else {
                code = Int32(truncatingIfNeeded: textValues[storage].count)
                textValues[storage].append(text)
                composed.withUnsafeBufferPointer { interners[interner].insert($0, payload: code) }
            }
            interners[interner].insert(bytes, payload: code)
        } else if let text = encoding.decode(bytes) {
            if TotalsRows.isTotals(text, extra: totalsWords) {
                code = TableBuilder.totalsCode
            } else if TotalsRows.isExponentNotation(bytes) {
                code = TableBuilder.exponentCode
            } else {
                code = Int32(truncatingIfNeeded: textValues[storage].count)
                textValues[storage].append(text)
            }
            interners[interner].insert(bytes, payload: code)
        } else {
            code = -2
            interners[interner].insert(bytes, payload: code)
        }
        if code == TableBuilder.totalsCode {
            if totalsCell == nil { totalsCell = (plan, bytes) }
            code = -1
        } else if code == TableBuilder.exponentCode {
            reportCell(code: "D0027", plan: plan, row: row, bytes: bytes, message: Messages.dataExponentCode,
                       hint: Messages.dataExponentCodeHint())
            code = -1
        } else if code < 0 {
            let encoding = self.encoding
            reportCell(code: "D0011", plan: plan, row: row, bytes: raw, message: { column, _ in
                Messages.dataInvalidCellEncoding(column: column, encoding: encoding)
            }, hint: lenient ? nil : Messages.dataInvalidEncodingHint())
            code = -1
        } else {
            recentCells.keep(raw, column: interner, value: code)
        }
        codes[storage][rowCount] = code
    }
}
