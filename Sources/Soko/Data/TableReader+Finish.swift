// The end of reading: the parts that builders read in parallel become one table, with the
// column warnings (implausible shares, percent columns that look like fractions).
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// One text column while the parts' dictionaries are merged: its codes (every part's rows) and,
/// once merged, its distinct texts.
private final class TextColumnMerge: @unchecked Sendable {
    // Unchecked: each column is merged by one thread; the caller reads it after they all end.
    let storage: Int
    var codes: [Int32]
    var values: [String] = []

    init(storage: Int, codes: [Int32]) {
        self.storage = storage
        self.codes = codes
    }

    func run(_ parts: [TableBuilder]) {
        values = TableBuilder.mergedTexts(parts: parts, storage: storage, codes: &codes)
    }

    /// `run` on every core (`TableBuilder.mergedTextsByHash`).
    func runOnEveryCore(_ parts: [TableBuilder]) {
        values = TableBuilder.mergedTextsByHash(parts: parts, storage: storage, codes: &codes)
    }
}

/// The parts, read (never changed) by the threads that merge the text columns.
private struct PartsToMerge: @unchecked Sendable {
    // Unchecked: the builders' interners are raw memory, but no merging thread touches them.
    let parts: [TableBuilder]
}

extension TableBuilder {

    /// Hands over the table read by one or more builders, each over a consecutive part of the
    /// file (rows of part k are numbered from 1 within it and shifted by `rowOffsets[k]`), with
    /// the column warnings; or fails with every error found. The parts' columns are moved out,
    /// not copied (the first part's arrays are cut to its rows and the others appended), and
    /// their interners freed. With `table`, the parts were placed in its columns (see
    /// TableReader+Placed.swift), which already hold every part's rows in order.
    static func finish(parts: inout [TableBuilder], rowOffsets: [Int]) -> Result<LoadedTable, DataReadFailure> {
        var none: TableBuilder?
        return finish(parts: &parts, rowOffsets: rowOffsets, placedIn: &none)
    }

    /// `finish(parts:rowOffsets:)` of parts placed in the columns of `table`, which are moved out.
    static func finish(parts: inout [TableBuilder], rowOffsets: [Int],
                       placedIn table: inout TableBuilder?) -> Result<LoadedTable, DataReadFailure> {
        defer { for part in parts { part.deallocate() } }
        // No copy of a part is kept while its columns are moved out: a second reference would
        // make cutting an array copy it.
        let path = parts[0].path
        let plans = parts[0].plans
        var issues = IssueCollector(path: path, cap: parts[0].issues.cap)
        for (part, offset) in zip(parts, rowOffsets) { issues.absorb(part.issues, rowOffset: offset) }
        parts[0].addColumnWarnings(parts: parts, rowOffsets: rowOffsets, to: &issues)
        if issues.errorCount > 0 || !parts[0].allFound {
            return .failure(DataReadFailure(issues: issues.finished()))
        }
        let total = parts.reduce(0) { $0 + $1.rowCount }
        var numbers: [[Double]]
        var flags: [[UInt8]]
        var codes: [[Int32]]
        var rows: [Int32]
        if let placed = table {
            numbers = placed.numberColumns
            flags = placed.flagColumns
            codes = placed.codeColumns
            rows = placed.rowNumberColumn
            // Then no other reference to the arrays is left (changing them copies nothing).
            table = nil
        } else {
            numbers = parts[0].numberColumns.indices.map { _ in [] }
            flags = parts[0].flagColumns.indices.map { _ in [] }
            codes = parts[0].codeColumns.indices.map { _ in [] }
            for index in numbers.indices { numbers[index] = joined(&parts, \.numberColumns[index]) }
            for index in flags.indices { flags[index] = joined(&parts, \.flagColumns[index]) }
            for index in codes.indices { codes[index] = joined(&parts, \.codeColumns[index]) }
            rows = joined(&parts, \.rowNumberColumn)
        }
        var columns = [ColumnData?](repeating: nil, count: parts[0].requests.count)
        // The text columns' dictionaries are merged each on its own thread (they share nothing).
        let texts = plans.filter { $0.kind == .text }.map { TextColumnMerge(storage: $0.storage, codes: take(&codes[$0.storage])) }
        let merging = PartsToMerge(parts: parts)
        if parts.count > 1, total >= mergesOnThreadsFrom {
            // A column with very many texts (a key's) on every core, one such column after the
            // other (a merge on every core inside another would run on one: Dispatch runs
            // nested concurrent work serially); then the others each on a thread of its own,
            // those with the most texts first (a name's thousands before a municipality's few
            // dozen), so that they go to different threads.
            let distinct = texts.map { text in parts.reduce(0) { $0 + $1.textValues[text.storage].count } }
            let byHash = texts.indices.filter { distinct[$0] >= mergesByHashFrom }
            for index in byHash { texts[index].runOnEveryCore(merging.parts) }
            let order = texts.indices.filter { !byHash.contains($0) }.sorted { (distinct[$1], $0) < (distinct[$0], $1) }
            DispatchQueue.concurrentPerform(iterations: order.count) { index in texts[order[index]].run(merging.parts) }
        } else {
            for text in texts { text.run(merging.parts) }
        }
        var merged = texts.makeIterator()
        for plan in plans {
            let storage = plan.storage
            switch plan.kind {
            case .number, .count, .share, .percent, .date, .period:
                columns[plan.request] = .numbers(take(&numbers[storage]))
            case .flag:
                columns[plan.request] = .flags(take(&flags[storage]))
            case .text:
                guard let text = merged.next() else { continue }
                columns[plan.request] = .texts(codes: take(&text.codes), values: take(&text.values))
            }
        }
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

    /// From how many rows the text columns are merged on several threads (tests set 0).
    @TaskLocal static var mergesOnThreadsFrom = 1 << 16

    /// The array, moved out (an empty one left behind).
    static func take<Element>(_ array: inout [Element]) -> [Element] {
        var taken: [Element] = []
        swap(&taken, &array)
        return taken
    }

    /// The distinct texts of a text column of all the parts, in order of first appearance; the
    /// codes of later parts (in `codes`, the parts' rows one after the other) are changed to the
    /// codes of the same texts in earlier parts. Texts are compared by their UTF-8 bytes (every
    /// text is in NFC, so that equal texts have equal bytes), hashed by a `ByteInterner`.
    static func mergedTexts(parts: [TableBuilder], storage: Int, codes: inout [Int32]) -> [String] {
        var values = parts[0].textValues[storage]
        guard parts.count > 1 else { return values }
        // Room for every part's texts at once (a key column's are mostly distinct): the table
        // never grows; and each text is hashed once, for the look-up and the insertion.
        var known = ByteInterner(capacity: parts.reduce(0) { $0 + $1.textValues[storage].count })
        for (code, value) in values.enumerated() {
            withUTF8(value) { bytes in
                let hash = ByteInterner.hash(bytes)
                if known.find(bytes, hash: hash) == nil { known.insert(bytes, hash: hash, payload: Int32(truncatingIfNeeded: code)) }
            }
        }
        var start = parts[0].rowCount
        for part in parts.dropFirst() {
            var mapping: [Int32] = []
            mapping.reserveCapacity(part.textValues[storage].count)
            for value in part.textValues[storage] {
                mapping.append(withUTF8(value) { bytes in
                    let hash = ByteInterner.hash(bytes)
                    if let code = known.find(bytes, hash: hash) { return code }
                    let code = Int32(truncatingIfNeeded: values.count)
                    values.append(value)
                    known.insert(bytes, hash: hash, payload: code)
                    return code
                })
            }
            let count = part.rowCount
            codes.withUnsafeMutableBufferPointer { codes in
                mapping.withUnsafeBufferPointer { remap(codes, rows: start..<(start + count), to: $0, from: 0) }
            }
            start += count
        }
        return values
    }

    /// From how many texts (all the parts' together) a column is merged by `mergedTextsByHash`
    /// (tests set 0).
    @TaskLocal static var mergesByHashFrom = 1 << 15

    /// `mergedTexts` on every core, for a column of many texts (a key's 200,000 in a million
    /// rows, which merged on one thread kept the other core idle for 25 ms): each text's hash is
    /// taken part by part; the texts are split by hash into a few groups, each of which finds
    /// the first appearance of each of its texts (the parts in order, in an interner of its
    /// own); then one pass in that order numbers the first appearances and gives every other
    /// text the number of its first. The same texts and codes as `mergedTexts`.
    static func mergedTextsByHash(parts: [TableBuilder], storage: Int, codes: inout [Int32]) -> [String] {
        let texts = parts.map { $0.textValues[storage] }
        // Each part's first position among all the parts' texts, one after the other.
        var starts = [0]
        for values in texts { starts.append(starts[starts.count - 1] + values.count) }
        let total = starts[texts.count]
        let groups = 4 * RowParts.cores
        var hashes = [UInt64](repeating: 0, count: total)
        // Per position, the position of the same text's first appearance.
        var firsts = [Int32](repeating: 0, count: total)
        hashes.withUnsafeMutableBufferPointer { hashes in
            RowParts.concurrently(texts.count) { part in
                for (code, text) in texts[part].enumerated() { hashes[starts[part] + code] = withUTF8(text, ByteInterner.hash) }
            }
            firsts.withUnsafeMutableBufferPointer { firsts in
                RowParts.concurrently(groups) { group in
                    var known = ByteInterner(capacity: total / groups + 64)
                    for (part, values) in texts.enumerated() {
                        for (code, text) in values.enumerated() {
                            let position = starts[part] + code
                            // The hash's top bits choose the group (the interner's slots use its low bits).
                            let hash = hashes[position]
                            guard Int(truncatingIfNeeded: hash >> 40) % groups == group else { continue }
                            firsts[position] = withUTF8(text) { bytes in
                                if let first = known.find(bytes, hash: hash) { return first }
                                known.insert(bytes, hash: hash, payload: Int32(truncatingIfNeeded: position))
                                return Int32(truncatingIfNeeded: position)
                            }
                        }
                    }
                }
            }
        }
        // The merged codes, in order of first appearance.
        var merged = [Int32](repeating: 0, count: total)
        var values: [String] = []
        values.reserveCapacity(total)
        for (part, partValues) in texts.enumerated() {
            for (code, text) in partValues.enumerated() {
                let position = starts[part] + code
                let first = Int(firsts[position])
                if first == position {
                    merged[position] = Int32(truncatingIfNeeded: values.count)
                    values.append(text)
                } else {
                    merged[position] = merged[first]
                }
            }
        }
        // The rows of the later parts take the merged codes (the first part's are unchanged).
        var rowStarts = [0]
        for part in parts { rowStarts.append(rowStarts[rowStarts.count - 1] + part.rowCount) }
        codes.withUnsafeMutableBufferPointer { codes in
            merged.withUnsafeBufferPointer { merged in
                RowParts.concurrently(parts.count - 1) { index in
                    remap(codes, rows: rowStarts[index + 1]..<rowStarts[index + 2], to: merged, from: starts[index + 1])
                }
            }
        }
        return values
    }

    /// Gives the `rows` of `codes` (a part's codes into its own texts) the merged codes:
    /// `merged[first + code]`, where the part's texts start at `first`; a missing cell (-1) stays.
    private static func remap(_ codes: UnsafeMutableBufferPointer<Int32>, rows: Range<Int>, to merged: UnsafeBufferPointer<Int32>,
                              from first: Int) {
        for row in rows where codes[row] >= 0 { codes[row] = merged[first + Int(codes[row])] }
    }

    /// Calls `body` with the UTF-8 bytes of `text`.
    static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
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
