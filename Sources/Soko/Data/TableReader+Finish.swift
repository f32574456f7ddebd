// The end of reading: the parts that builders read in parallel become one table, with the
// column warnings (implausible shares, percent columns that look like fractions).
#if canImport(Glibc)
import Glibc
#endif

extension TableBuilder {

    /// Hands over the table read by one or more builders, each over a consecutive part of the
    /// file (rows of part k are numbered from 1 within it and shifted by `rowOffsets[k]`), with
    /// the column warnings; or fails with every error found. The parts' columns are moved out,
    /// not copied (the first part's arrays are cut to its rows and the others appended), and
    /// their interners freed.
    static func finish(parts: inout [TableBuilder], rowOffsets: [Int]) -> Result<LoadedTable, DataReadFailure> {
        defer { for part in parts { part.deallocate() } }
        // No copy of a part is kept while its columns are moved out: a second reference would
        // make cutting an array copy it.
        let path = parts[0].path
        let plans = parts[0].plans
        let firstRowCount = parts[0].rowCount
        var issues = IssueCollector(path: path, cap: parts[0].issues.cap)
        for (part, offset) in zip(parts, rowOffsets) { issues.absorb(part.issues, rowOffset: offset) }
        parts[0].addColumnWarnings(parts: parts, rowOffsets: rowOffsets, to: &issues)
        if issues.errorCount > 0 || !parts[0].allFound {
            return .failure(DataReadFailure(issues: issues.finished()))
        }
        let total = parts.reduce(0) { $0 + $1.rowCount }
        var columns = [ColumnData?](repeating: nil, count: parts[0].requests.count)
        for plan in plans {
            let storage = plan.storage
            switch plan.kind {
            case .number, .count, .share, .percent, .date, .period:
                columns[plan.request] = .numbers(joined(&parts, \.numberColumns[storage]))
            case .flag:
                columns[plan.request] = .flags(joined(&parts, \.flagColumns[storage]))
            case .text:
                var values = parts[0].textValues[storage]
                var codes = joined(&parts, \.codeColumns[storage])
                if parts.count > 1 {
                    // Texts of later parts get the codes of the same text in earlier parts.
                    var known = [String: Int32](minimumCapacity: values.count)
                    for (code, value) in values.enumerated() { known[value] = Int32(code) }
                    var start = firstRowCount
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
        var rows = joined(&parts, \.rowNumberColumn)
        var start = 0
        for (part, offset) in zip(parts, rowOffsets) {
            if offset != 0 {
                for row in start..<(start + part.rowCount) { rows[row] = Int32(clamping: Int(rows[row]) + offset) }
            }
            start += part.rowCount
        }
        return .success(LoadedTable(path: path, rowCount: total, columns: columns.map { $0 ?? .numbers([]) },
                                    rowNumbers: rows, issues: issues.finished(),
                                    cellsMadeMissing: parts.reduce(0) { $0 + $1.cellsMadeMissing }))
    }

    /// One column of all the parts: the first part's array, moved out and cut to its rows (its
    /// storage is kept, so that appending the others rarely reallocates), then the others' rows.
    static func joined<Element>(_ parts: inout [TableBuilder],
                                        _ column: WritableKeyPath<TableBuilder, [Element]>) -> [Element] {
        var values: [Element] = []
        swap(&values, &parts[0][keyPath: column])
        values.removeLast(values.count - parts[0].rowCount)
        for index in parts.indices.dropFirst() {
            values.append(contentsOf: parts[index][keyPath: column].prefix(parts[index].rowCount))
            parts[index][keyPath: column] = []
        }
        if parts.count > 2 { returnFreedMemory() }
        return values
    }

    /// Gives the memory of freed part columns back to the system. A part's column is often too
    /// small for the allocator to map it on its own, so freeing it leaves it in the heap, still
    /// counted as the process's; without this, the peak would hold every column twice.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        if let trim = mallocTrim { _ = trim(0) }
        #endif
    }

    #if canImport(Glibc)
    /// glibc's `malloc_trim`, which the Glibc module does not export; nil where it is absent.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    /// The warnings about whole columns: shares above 1, percents that look like fractions.
    func addColumnWarnings(parts: [TableBuilder], rowOffsets: [Int], to issues: inout IssueCollector) {
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
                issues.add(code: "D0020", severity: .warning) { path in
                    DataIssue(code: "D0020", severity: .warning, path: path, row: firstRow, column: column,
                              value: nil,
                              message: Messages.dataImplausibleShare(column: column, firstRow: firstRow, count: count),
                              hint: Messages.dataImplausibleShareHint())
                }
            } else if plan.kind == .percent {
                let looks = parts.map { $0.percentLooks[plan.statistics] }
                guard looks.allSatisfy(\.allWithinUnit), looks.contains(where: \.anyFractional),
                      !looks.contains(where: \.sawSign) else { continue }
                issues.add(code: "D0021", severity: .warning) { path in
                    DataIssue(code: "D0021", severity: .warning, path: path, row: nil, column: column, value: nil,
                              message: Messages.dataPercentLooksLikeFractions(column: column),
                              hint: Messages.dataPercentLooksLikeFractionsHint())
                }
            }
        }
    }
}
