// How a worksheet is laid out as a table: which row is the header (title rows above it skipped,
// a header over two merged rows joined into one name per column), and, in a regional sheet,
// which rows are totals and subtotals and which group each school belongs to.

/// A sheet understood as a table.
struct SheetLayout {
    /// The cells with merged ranges filled: every cell of a merged range shows the top-left
    /// cell's text (as Excel shows it across the range).
    var grid: [[SheetCell]]
    /// The header row (zero-based), and the row above it when the names were joined from both.
    var headerRow: Int
    var upperHeaderRow: Int?
    /// One name per column, up to the last named column.
    var names: [String]
    /// Data rows (zero-based) left out as totals and subtotals.
    var omittedRows: Set<Int> = []
    /// Per subtotal or total row: its schools' rows (all schools' for a total).
    var totals: [(row: Int, members: [Int])] = []
    /// The group column filled in from the subtotal rows, and how many totals and subtotals.
    var hierarchy: (column: Int, totals: Int, subtotals: Int)?

    /// Lays out `sheet` for the `wanted` headers; `key` is the wanted header of the key column.
    init(sheet: Sheet, wanted: [String], key: String?) {
        grid = Self.fillMerges(sheet)
        (headerRow, upperHeaderRow, names) = Self.findHeader(grid, wanted: wanted, merges: sheet.merges)
        if let key, let keyColumn = HeaderMatching.matches(of: key, in: names).first.flatMap({ $0 }),
           HeaderMatching.matches(of: key, in: names).count == 1 {
            findHierarchy(keyColumn: keyColumn)
        }
    }

    /// A text cell's display text, trimmed; numbers as shown; nothing for the rest.
    static func display(_ cell: SheetCell) -> String {
        switch cell {
        case .text(let text): HeaderMatching.trimmed(text)
        case .number: CellText.text(cell)
        default: ""
        }
    }

    func cell(_ row: Int, _ column: Int) -> SheetCell {
        guard row >= 0, row < grid.count, column >= 0, column < grid[row].count else { return .empty }
        return grid[row][column]
    }

    func isBlankRow(_ row: Int) -> Bool {
        guard row < grid.count else { return true }
        return grid[row].allSatisfy(\.isBlank)
    }

    // MARK: Merged cells

    /// Copies the top-left text of each merged range over the range. Numbers are not copied:
    /// a merged number counted once per row would be counted several times.
    static func fillMerges(_ sheet: Sheet) -> [[SheetCell]] {
        var grid = sheet.rows
        for range in sheet.merges {
            let origin = sheet.cell(range.firstRow, range.firstColumn)
            guard case .text = origin else { continue }
            // A merge over a whole column or row (a style, not a table) is not spread.
            guard range.lastRow - range.firstRow < 100_000, range.lastColumn - range.firstColumn < 1000 else { continue }
            for row in range.firstRow...range.lastRow {
                guard row < grid.count || row == range.firstRow else { break }
                while grid.count <= row { grid.append([]) }
                if grid[row].count <= range.lastColumn {
                    grid[row] += [SheetCell](repeating: .empty, count: range.lastColumn + 1 - grid[row].count)
                }
                for column in range.firstColumn...range.lastColumn { grid[row][column] = origin }
            }
        }
        return grid
    }

    // MARK: The header

    /// How many rows from the top may hold titles before the header.
    static let headerSearchRows = 30

    /// The header: the row (or pair of rows, joined) among the first ones whose names match the
    /// most wanted headers; on a tie the earliest, and a single row unless a merged cell spans
    /// both rows (then they are one header). With nothing matched, the first non-blank row (the
    /// reader then says which columns are missing).
    static func findHeader(_ grid: [[SheetCell]], wanted: [String], merges: [CellRange]) -> (Int, Int?, [String]) {
        var best: (score: Int, row: Int, upper: Int?, names: [String])?
        var previous: Int?
        let wanted = WantedHeaders(wanted)
        for row in 0..<min(grid.count, headerSearchRows) {
            guard !grid[row].allSatisfy(\.isBlank) else { continue }
            let single = grid[row].map(display)
            let singleScore = wanted.score(single)
            if best == nil || singleScore > best!.score { best = (singleScore, row, nil, single) }
            if let above = previous, above == row - 1 {
                let joined = join(grid[above].map(display), single)
                let joinedScore = wanted.score(joined)
                let mergedDown = merges.contains { $0.firstRow <= above && $0.lastRow >= row }
                if joinedScore > best!.score || (mergedDown && joinedScore == best!.score && best!.row == above) {
                    best = (joinedScore, row, above, joined)
                }
            }
            previous = row
        }
        guard let best else { return (0, nil, []) }
        var names = best.names
        while let last = names.last, last.isEmpty { names.removeLast() }
        return (best.row, best.upper, names)
    }

    /// Column names from two header rows: `upper: lower`; one of them when the other is empty
    /// or the same (a cell merged down over both rows).
    static func join(_ upper: [String], _ lower: [String]) -> [String] {
        (0..<max(upper.count, lower.count)).map { column in
            let top = column < upper.count ? upper[column] : ""
            let bottom = column < lower.count ? lower[column] : ""
            if top.isEmpty || top == bottom { return bottom }
            if bottom.isEmpty { return top }
            return top + ": " + bottom
        }
    }

    /// The wanted headers in the three forms `HeaderMatching` compares (exact, caseless,
    /// caseless with runs of spaces as one), prepared once for scoring many candidate rows.
    struct WantedHeaders {
        let forms: [(exact: String, caseless: String, loose: String)]

        init(_ headers: [String]) {
            forms = headers.map { header in
                let exact = HeaderMatching.trimmed(header)
                return (exact, exact.lowercased(), HeaderMatching.loose(exact))
            }
        }

        /// How many wanted headers match exactly one of `names` (as `HeaderMatching.matches`).
        func score(_ names: [String]) -> Int {
            var exact: [String: Int] = [:]
            var caseless: [String: Int] = [:]
            var loose: [String: Int] = [:]
            for name in names where !name.isEmpty {
                exact[name, default: 0] += 1
                caseless[name.lowercased(), default: 0] += 1
                loose[HeaderMatching.loose(name), default: 0] += 1
            }
            return forms.filter { form in
                (exact[form.exact] ?? caseless[form.caseless] ?? loose[form.loose] ?? 0) == 1
            }.count
        }
    }

    // MARK: Totals and subtotals

    /// A regional sheet: rows with no key are totals; a total whose group cell (a text column
    /// other than the key) is filled and is followed by schools whose group cell is empty is a
    /// subtotal, and gives those schools their group. Without such a pattern nothing changes
    /// (a row without a key is then the reader's error, as in a CSV file).
    mutating func findHierarchy(keyColumn: Int) {
        let rows = ((headerRow + 1)..<grid.count).filter { !isBlankRow($0) }
        let aggregate = Set(rows.filter { cell($0, keyColumn).isBlank })
        guard !aggregate.isEmpty else { return }
        var votes: [Int: Int] = [:]
        for (position, row) in rows.enumerated() where aggregate.contains(row) && position + 1 < rows.count {
            let next = rows[position + 1]
            guard !aggregate.contains(next) else { continue }
            for column in names.indices where column != keyColumn {
                if case .text = cell(row, column), cell(next, column).isBlank { votes[column, default: 0] += 1 }
            }
        }
        guard let group = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key else { return }
        var current: SheetCell?
        var currentTotal: Int?
        var subtotals = 0
        var totalRows: [Int] = []
        var schools: [Int] = []
        for (position, row) in rows.enumerated() {
            if aggregate.contains(row) {
                omittedRows.insert(row)
                let nextIsSchool = position + 1 < rows.count && !aggregate.contains(rows[position + 1])
                if !cell(row, group).isBlank, nextIsSchool {
                    current = cell(row, group)
                    subtotals += 1
                    currentTotal = totals.count
                    totals.append((row, []))
                } else {
                    totalRows.append(row)
                    current = nil
                    currentTotal = nil
                }
                continue
            }
            schools.append(row)
            if let currentTotal { totals[currentTotal].members.append(row) }
            if cell(row, group).isBlank, let current {
                while grid[row].count <= group { grid[row].append(.empty) }
                grid[row][group] = current
            }
        }
        for row in totalRows { totals.append((row, schools)) }
        hierarchy = (group, totalRows.count, subtotals)
    }
}
