// The entities of a run: one per school (key) and period, the union over all datasets, sorted
// by key and period. Each dataset's rows are placed on the entities they describe.

/// A problem that makes the data unusable as a whole (a duplicate key, a missing key).
public struct EntityError: Error, Sendable {
    public let issues: [DataIssue]
}

public struct EntityIndex: Sendable {
    /// Distinct keys in byte order.
    public let keys: [String]
    /// Per entity: index into `keys`.
    public let keyIndex: [Int32]
    /// Per entity: the period, or nil for all entities when no dataset has a period.
    public let periods: [Int]?
    /// Per dataset, per entity: the dataset's row, or -1 when the dataset has no row there.
    /// nil when the dataset's rows are exactly the entities in order.
    public let rows: [[Int32]?]

    public var count: Int { keyIndex.count }

    public func key(_ entity: Int) -> String { keys[Int(keyIndex[entity])] }
    /// The entity's key as people read it: a composite key's parts joined with " / " (reports, explain).
    public func displayKey(_ entity: Int) -> String { Program.displayKey(key(entity)) }
    public func period(_ entity: Int) -> Int? { periods?[entity] }

    /// The entity of a key and period, by binary search.
    public func entity(key: String, period: Int?) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            let middleKey = self.key(middle)
            if EntityIndex.bytesPrecede(middleKey, key) || (middleKey.utf8.elementsEqual(key.utf8) && (periods?[middle] ?? 0) < (period ?? 0)) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low < count, self.key(low) == key, period == nil || periods?[low] == period else { return nil }
        return low
    }

    /// Whether `a`'s UTF-8 bytes come before `b`'s (the order of keys): compared in place,
    /// without iterating the strings.
    static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let common = Swift.min(x.count, y.count)
                for i in 0..<common where x[i] != y[i] { return x[i] < y[i] }
                return x.count < y.count
            }
        }
        if let compared, let result = compared { return result }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The code of a row without a key or with a period that is not a whole number: never a
    /// real code (a key's rank is below 2^31).
    static let badRow = UInt64.max

    /// Per row, (key rank << 32 | period + 2^31), or `badRow`; in ranges on every core.
    static func rowCodes(keyCodes: [Int32], periods: [Double]?, keyOfCode: [Int32], rank: [Int32], count: Int) -> [UInt64] {
        keyCodes.withUnsafeBufferPointer { keyCodes in
            keyOfCode.withUnsafeBufferPointer { keyOfCode in
                rank.withUnsafeBufferPointer { rank in
                    (periods ?? []).withUnsafeBufferPointer { periodValues in
                        let hasPeriods = periods != nil
                        return RowParts.filled(count: count) { range, out in
                            for row in range {
                                let keyCode = keyCodes[row]
                                var period: Int64 = 0
                                var bad = keyCode < 0
                                if hasPeriods {
                                    let value = periodValues[row]
                                    if value.isFinite, value == value.rounded(), Swift.abs(value) < 1e9 { period = Int64(value) } else { bad = true }
                                }
                                if bad {
                                    (out + row).initialize(to: badRow)
                                } else {
                                    let keyRank = UInt64(rank[Int(keyOfCode[Int(keyCode)])])
                                    (out + row).initialize(to: keyRank << 32 | UInt64(period + (1 << 31)))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Builds the index from each dataset's key and period columns.
    public static func build(program: Program, tables: [LoadedTable]) -> Result<EntityIndex, EntityError> {
        var issues: [DataIssue] = []
        // With levels, the main level's entities come from its own datasets only; the rows of
        // the others are placed on their own levels (Levels.swift).
        let members = program.mainDatasets
        let memberDatasets = members.map { program.datasets[$0] }
        let hasPeriod = memberDatasets.contains { $0.periodColumn != nil }
        let keyColumns = members.map { keyTexts(program.datasets[$0], tables[$0]) }
        // Distinct keys across datasets, and per dataset the global key of each text code.
        var globalKeys: [String] = []
        var keyNumber: [String: Int32] = [:]
        var codeToKey: [[Int32]] = []
        for (datasetIndex, _) in memberDatasets.enumerated() {
            guard case .texts(_, let dictionary) = keyColumns[datasetIndex] else { return .failure(EntityError(issues: [])) }
            if datasetIndex == 0 {
                // The first dataset's distinct keys are the first global keys, in its order.
                globalKeys = dictionary
                codeToKey.append((0..<dictionary.count).map { Int32($0) })
                if memberDatasets.count > 1 {
                    keyNumber.reserveCapacity(dictionary.count)
                    for (code, text) in dictionary.enumerated() { keyNumber[text] = Int32(code) }
                }
                continue
            }
            var map = [Int32](repeating: -1, count: dictionary.count)
            for (code, text) in dictionary.enumerated() {
                if let number = keyNumber[text] {
                    map[code] = number
                } else {
                    let number = Int32(globalKeys.count)
                    keyNumber[text] = number
                    globalKeys.append(text)
                    map[code] = number
                }
            }
            codeToKey.append(map)
        }
        // Rank keys by their bytes; often they arrive sorted already.
        var rank = [Int32](repeating: 0, count: globalKeys.count)
        var sortedKeys = globalKeys
        if !globalKeys.indices.dropFirst().allSatisfy({ EntityIndex.bytesPrecede(globalKeys[$0 - 1], globalKeys[$0]) }) {
            let order = globalKeys.indices.sorted { EntityIndex.bytesPrecede(globalKeys[$0], globalKeys[$1]) }
            sortedKeys = order.map { globalKeys[$0] }
            for (position, index) in order.enumerated() { rank[index] = Int32(position) }
        } else {
            for index in rank.indices { rank[index] = Int32(index) }
        }
        // Per dataset: a sortable code per row, (rank << 32 | period + 2^31).
        var rowCodes: [[UInt64]] = []
        for (datasetIndex, dataset) in memberDatasets.enumerated() {
            let table = tables[members[datasetIndex]]
            guard case .texts(let keyCodes, _) = keyColumns[datasetIndex] else { continue }
            var periodValues: [Double]?
            if let periodColumn = dataset.periodColumn, case .numbers(let values) = table.columns[periodColumn] { periodValues = values }
            let keyOfCode = codeToKey[datasetIndex]
            // Every row at once, on every core; a row without a key or with a bad period is
            // marked, and then the rows are gone through again one by one for the messages.
            var codes = EntityIndex.rowCodes(keyCodes: keyCodes, periods: periodValues, keyOfCode: keyOfCode, rank: rank,
                                             count: table.rowCount)
            if !codes.contains(EntityIndex.badRow) {
                rowCodes.append(codes)
                continue
            }
            for row in 0..<table.rowCount {
                let keyCode = keyCodes[row]
                guard keyCode >= 0 else {
                    issues.append(Messages.missingKey(path: table.path, row: Int(table.rowNumbers[row]), column: dataset.columns[dataset.keyColumn].header))
                    continue
                }
                var period: Int64 = 0
                if let periodValues {
                    let value = periodValues[row]
                    guard value.isFinite, value == value.rounded(), abs(value) < 1e9 else {
                        issues.append(Messages.badPeriod(path: table.path, row: Int(table.rowNumbers[row]),
                                                         column: dataset.columns[dataset.periodColumn ?? dataset.keyColumn].header,
                                                         value: value.isNaN ? nil : String(describing: value)))
                        continue
                    }
                    period = Int64(value)
                }
                let keyRank = UInt64(rank[Int(keyOfCode[Int(keyCode)])])
                codes[row] = keyRank << 32 | UInt64(period + (1 << 31))
            }
            rowCodes.append(codes)
        }
        guard issues.isEmpty else { return .failure(EntityError(issues: issues)) }
        // Rows of each dataset in code order, checking for duplicates.
        var orders: [[Int32]?] = []
        for (datasetIndex, codes) in rowCodes.enumerated() {
            var sorted = true
            for index in codes.indices.dropFirst() where codes[index - 1] >= codes[index] { sorted = false; break }
            if sorted { orders.append(nil); continue }
            let order = codes.indices.sorted { codes[$0] < codes[$1] }.map { Int32($0) }
            let table = tables[members[datasetIndex]]
            let dataset = memberDatasets[datasetIndex]
            for (a, b) in zip(order, order.dropFirst()) where codes[Int(a)] == codes[Int(b)] {
                issues.append(Messages.duplicateEntity(path: table.path, row: Int(table.rowNumbers[Int(b)]),
                                                       firstRow: Int(table.rowNumbers[Int(a)]),
                                                       key: sortedKeys[Int(codes[Int(a)] >> 32)],
                                                       period: dataset.periodColumn == nil ? nil : Int(Int64(codes[Int(a)] & 0xFFFF_FFFF) - (1 << 31))))
            }
            orders.append(order)
        }
        guard issues.isEmpty else { return .failure(EntityError(issues: issues)) }
        // The entities: the sorted union of every dataset's codes.
        if rowCodes.count == 1 {
            let codes = rowCodes[0]
            let order = orders[0]
            let entityCodes = order.map { $0.map { codes[Int($0)] } } ?? codes
            return .success(EntityIndex(keys: sortedKeys, keyIndex: Operators.map(entityCodes) { Int32($0 >> 32) },
                                        periods: hasPeriod ? Operators.map(entityCodes) { Int(Int64($0 & 0xFFFF_FFFF) - (1 << 31)) } : nil,
                                        rows: program.placeRows([order], members: members)))
        }
        var union = Set<UInt64>()
        for (datasetIndex, codes) in rowCodes.enumerated() where memberDatasets[datasetIndex].periodColumn != nil || !hasPeriod {
            union.formUnion(codes)
        }
        // A dataset without a period joins every period of its key.
        let entityCodes = union.sorted()
        var rows: [[Int32]?] = []
        for (datasetIndex, codes) in rowCodes.enumerated() {
            var rowOf = [Int32](repeating: -1, count: entityCodes.count)
            if memberDatasets[datasetIndex].periodColumn != nil || !hasPeriod {
                var position: [UInt64: Int32] = [:]
                for (row, code) in codes.enumerated() { position[code] = Int32(row) }
                for (entity, code) in entityCodes.enumerated() { rowOf[entity] = position[code] ?? -1 }
            } else {
                var byKey: [UInt64: Int32] = [:]
                for (row, code) in codes.enumerated() { byKey[code >> 32] = Int32(row) }
                for (entity, code) in entityCodes.enumerated() { rowOf[entity] = byKey[code >> 32] ?? -1 }
            }
            rows.append(rowOf)
        }
        return .success(EntityIndex(keys: sortedKeys, keyIndex: entityCodes.map { Int32($0 >> 32) },
                                    periods: hasPeriod ? entityCodes.map { Int(Int64($0 & 0xFFFF_FFFF) - (1 << 31)) } : nil,
                                    rows: program.placeRows(rows, members: members)))
    }
}
