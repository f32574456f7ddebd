// Group statistics: every entity gets the statistic of its group (the entities that share the
// `by` columns), computed over the group's known values.

/// Which group each entity belongs to (-1: a group column is missing for it).
struct GroupIndex {
    let groupOf: [Int32]
    let groupCount: Int
}

extension Evaluator {
    /// Groups by the given columns, cached per column list.
    func groupIndex(_ refs: [ColumnRef]) -> GroupIndex {
        if let index = groupIndices[refs] { return index }
        let index = groupIndex(columns: refs.map { ref -> Column in
            let dataset = program.datasets[ref.dataset]
            let role = dataset.columns[ref.column].role
            // By key or by period: the entity's own, known even where this dataset has no row.
            if role == .key && dataset.keyColumns.count <= 1 && dataset.space == space { return .texts(entities.keyIndex, dictionary: entities.keys) }
            // By period: codes in order of first appearance straight from the whole numbers
            // (what the numbers would be coded as), without a column of them.
            if role == .period, let periods = entities.periods { return .texts(Evaluator.firstAppearanceCodes(periods), dictionary: []) }
            return column(ref)
        })
        groupIndices[refs] = index
        return index
    }

    /// Groups by the given columns' values.
    func groupIndex(columns: [Column]) -> GroupIndex {
        var groupOf = [Int32](repeating: 0, count: count)
        var groupCount = 1
        for groupColumn in columns {
            // Dense codes for this column's values, then combined with the groups so far.
            var codes = [Int32](repeating: -1, count: count)
            switch groupColumn {
            case .texts(let values, _): codes = values
            case .flags(let values): codes = Operators.map(values) { $0 == Truth.unknown.rawValue ? -1 : Int32($0) }
            case .numbers(let values):
                if let dense = Evaluator.denseCodes(values) { codes = dense; break }
                var seen: [Double: Int32] = [:]
                for entity in 0..<count where !values[entity].isNaN {
                    let x = values[entity]
                    if let code = seen[x] { codes[entity] = code } else {
                        let code = Int32(seen.count)
                        seen[x] = code
                        codes[entity] = code
                    }
                }
            case .constant: codes = [Int32](repeating: 0, count: count)
            }
            let cardinality = Int(codes.max() ?? -1) + 1
            if groupCount * cardinality <= 1 << 22 {
                // Few combinations: a dense table instead of hashing.
                var table = [Int32](repeating: -1, count: groupCount * cardinality)
                var next: Int32 = 0
                let count = self.count
                table.withUnsafeMutableBufferPointer { table in
                    groupOf.withUnsafeMutableBufferPointer { groupOf in
                        codes.withUnsafeBufferPointer { codes in
                            for entity in 0..<Swift.min(count, codes.count) {
                                guard groupOf[entity] >= 0, codes[entity] >= 0 else { groupOf[entity] = -1; continue }
                                let slot = Int(groupOf[entity]) * cardinality + Int(codes[entity])
                                if table[slot] < 0 { table[slot] = next; next += 1 }
                                groupOf[entity] = table[slot]
                            }
                        }
                    }
                }
                groupCount = Int(next)
            } else {
                var combined: [Int64: Int32] = [:]
                for entity in 0..<count {
                    guard groupOf[entity] >= 0, codes[entity] >= 0 else { groupOf[entity] = -1; continue }
                    let pair = Int64(groupOf[entity]) << 32 | Int64(codes[entity])
                    if let group = combined[pair] { groupOf[entity] = group } else {
                        let group = Int32(combined.count)
                        combined[pair] = group
                        groupOf[entity] = group
                    }
                }
                groupCount = combined.count
            }
        }
        return GroupIndex(groupOf: groupOf, groupCount: groupCount)
    }

    func aggregate(_ function: BuiltinFunction, subject: Column, extra: Column?, groups: [ColumnRef]) -> Column {
        aggregate(function, subject: subject, extra: extra, index: groupIndex(groups))
    }

    /// The statistic of each entity's group.
    func aggregate(_ function: BuiltinFunction, subject: Column, extra: Column?, index: GroupIndex) -> Column {
        if let perGroup = groupStatistic(function, subject: subject, index: index) {
            // A sum or a squared deviation can overflow: what is not finite is missing.
            return .numbers(Operators.map(index.groupOf) { group in
                guard group >= 0 else { return .nan }
                let x = perGroup[Int(group)]
                return x.isFinite ? x : .nan
            })
        }
        switch function {
        case .median, .percentile, .rank:
            return orderStatistic(function, values: statisticValues(subject), extra: extra, index: index)
        default:
            return .constant(.missing)
        }
    }

    /// The subject's numbers for a statistic: a text counts as 1 where it is known.
    private func statisticValues(_ subject: Column) -> [Double] {
        switch subject {
        case .texts(let codes, _): codes.map { $0 < 0 ? .nan : 1 }
        case .constant(.text): [Double](repeating: 1, count: count)
        default: subject.numbers(count: count)
        }
    }

    /// Per group, the statistic of its entities (not yet checked for being finite); nil for
    /// the statistics that need each group's values in order (median, percentile, rank).
    func groupStatistic(_ function: BuiltinFunction, subject: Column, index: GroupIndex) -> [Double]? {
        if function == .count || function == .sum, case .flags(let truths) = subject, truths.count >= count {
            // How many hold, per group: straight from the truths.
            return countHolding(truths, index: index)
        }
        if function == .mean || function == .share, case .flags(let truths) = subject, truths.count >= count {
            return shareHolding(truths, index: index)
        }
        switch function {
        case .count, .sum, .mean, .stddev, .share, .min, .max: break
        default: return nil
        }
        // Texts have no numeric value; `count` counts the known ones.
        let values = statisticValues(subject)
        // A condition (a column of truths, or a constant true/false: a literal, a parameter, a
        // constant indicator) is counted by how many hold, by `count` and `sum` alike.
        let isCondition: Bool = switch subject {
        case .flags, .constant(.flag): true
        default: false
        }
        let groupOf = index.groupOf
        var perGroup: [Double]
        switch function {
        case .count, .sum:
            perGroup = [Double](repeating: 0, count: index.groupCount)
            for entity in 0..<count where groupOf[entity] >= 0 {
                let x = values[entity]
                if x.isNaN { continue }
                if isCondition {
                    if x == 1 { perGroup[Int(groupOf[entity])] += 1 }
                } else {
                    perGroup[Int(groupOf[entity])] += function == .count ? 1 : x
                }
            }
            if function == .sum && !isCondition {
                // A sum over a group with no known value is missing, not 0.
                var known = [Bool](repeating: false, count: index.groupCount)
                for entity in 0..<count where groupOf[entity] >= 0 && !values[entity].isNaN { known[Int(groupOf[entity])] = true }
                for group in 0..<index.groupCount where !known[group] { perGroup[group] = .nan }
            }
        case .mean, .stddev, .share:
            var sums = [Double](repeating: 0, count: index.groupCount)
            var counts = [Int](repeating: 0, count: index.groupCount)
            // A group whose values are all equal has exactly that mean and no deviation: summing
            // 0.1 three times and dividing would leave 1e-17 of noise.
            var first = [Double](repeating: .nan, count: index.groupCount)
            var allEqual = [Bool](repeating: true, count: index.groupCount)
            // Through raw buffers (no checks per entity), in entity order as before.
            sums.withUnsafeMutableBufferPointer { sums in
                counts.withUnsafeMutableBufferPointer { counts in
                    first.withUnsafeMutableBufferPointer { first in
                        allEqual.withUnsafeMutableBufferPointer { allEqual in
                            forEachKnown(groupOf, values) { group, x in
                                sums[group] += x
                                counts[group] += 1
                                if first[group].isNaN { first[group] = x } else if first[group] != x { allEqual[group] = false }
                            }
                        }
                    }
                }
            }
            let means = (0..<index.groupCount).map {
                counts[$0] == 0 ? Double.nan : (allEqual[$0] ? first[$0] : sums[$0] / Double(counts[$0]))
            }
            if function != .stddev {
                perGroup = means
            } else {
                // Two passes: the mean first, then squared deviations from it (population).
                var squares = [Double](repeating: 0, count: index.groupCount)
                squares.withUnsafeMutableBufferPointer { squares in
                    means.withUnsafeBufferPointer { means in
                        forEachKnown(groupOf, values) { group, x in
                            let d = x - means[group]
                            squares[group] += d * d
                        }
                    }
                }
                perGroup = (0..<index.groupCount).map { counts[$0] == 0 ? Double.nan : (squares[$0] / Double(counts[$0])).squareRoot() }
            }
        case .min, .max:
            perGroup = [Double](repeating: .nan, count: index.groupCount)
            for entity in 0..<count where groupOf[entity] >= 0 && !values[entity].isNaN {
                let group = Int(groupOf[entity])
                let x = values[entity]
                if perGroup[group].isNaN || (function == .min ? x < perGroup[group] : x > perGroup[group]) { perGroup[group] = x }
            }
        default:
            return nil
        }
        return perGroup
    }

    /// Calls `body` with the group and value of each entity that has both, in entity order,
    /// through raw buffers.
    @inline(__always)
    private func forEachKnown(_ groupOf: [Int32], _ values: [Double], _ body: (Int, Double) -> Void) {
        let count = Swift.min(self.count, groupOf.count, values.count)
        groupOf.withUnsafeBufferPointer { groupOf in
            values.withUnsafeBufferPointer { values in
                for entity in 0..<count where groupOf[entity] >= 0 && !values[entity].isNaN {
                    body(Int(groupOf[entity]), values[entity])
                }
            }
        }
    }

    /// `count` or `sum` of a condition: per entity, how many entities of its group it holds for.
    func countHolding(_ truths: [UInt8], index: GroupIndex) -> [Double] {
        let groupOf = index.groupOf
        var perGroup = [Double](repeating: 0, count: index.groupCount)
        perGroup.withUnsafeMutableBufferPointer { sums in
            for entity in 0..<count where truths[entity] == Truth.yes.rawValue {
                let group = groupOf[entity]
                if group >= 0 { sums[Int(group)] += 1 }
            }
        }
        return perGroup
    }

    /// `mean` or `share` of a condition: per entity, the share of its group's decided entities
    /// for which it holds. The same number as the mean of 1s and 0s: a sum of 1s is exact, and
    /// a group of equal values has that value as its mean either way.
    func shareHolding(_ truths: [UInt8], index: GroupIndex) -> [Double] {
        let groupOf = index.groupOf
        var holding = [Int](repeating: 0, count: index.groupCount)
        var known = [Int](repeating: 0, count: index.groupCount)
        holding.withUnsafeMutableBufferPointer { holding in
            known.withUnsafeMutableBufferPointer { known in
                for entity in 0..<count where groupOf[entity] >= 0 {
                    let truth = truths[entity]
                    guard truth != Truth.unknown.rawValue else { continue }
                    let group = Int(groupOf[entity])
                    known[group] += 1
                    if truth == Truth.yes.rawValue { holding[group] += 1 }
                }
            }
        }
        return (0..<index.groupCount).map { known[$0] == 0 ? Double.nan : Double(holding[$0]) / Double(known[$0]) }
    }

    /// Dense codes (in order of first appearance, -1 for missing) for numbers that are whole
    /// and within a small range, such as years; nil for others (then a dictionary codes them).
    static func denseCodes(_ values: [Double]) -> [Int32]? {
        var low = Double.infinity
        var high = -Double.infinity
        for x in values where !x.isNaN {
            guard x == x.rounded(), abs(x) < 1e9 else { return nil }
            low = Swift.min(low, x)
            high = Swift.max(high, x)
        }
        guard low <= high else { return [Int32](repeating: -1, count: values.count) }
        let span = Int(high - low) + 1
        guard span <= Swift.max(1 << 16, values.count) else { return nil }
        var codeOf = [Int32](repeating: -1, count: span)
        let base = Int(low)
        // Through raw buffers: a closure that changes captured state would box it.
        return codeOf.withUnsafeMutableBufferPointer { codeOf in
            values.withUnsafeBufferPointer { values in
                var next: Int32 = 0
                return [Int32](unsafeUninitializedCapacity: values.count) { out, initialized in
                    for index in 0..<values.count {
                        let x = values[index]
                        var code: Int32 = -1
                        if !x.isNaN {
                            let slot = Int(x) - base
                            if codeOf[slot] < 0 { codeOf[slot] = next; next += 1 }
                            code = codeOf[slot]
                        }
                        out.initializeElement(at: index, to: code)
                    }
                    initialized = values.count
                }
            }
        }
    }

    /// Codes of whole numbers in order of first appearance: a table over their range when it
    /// is small, a dictionary otherwise.
    static func firstAppearanceCodes(_ values: [Int]) -> [Int32] {
        guard let low = values.min(), let high = values.max() else { return [] }
        let span = high.subtractingReportingOverflow(low)
        guard !span.overflow, span.partialValue < Swift.max(1 << 16, values.count) else {
            var seen: [Int: Int32] = [:]
            return values.map { value in
                if let code = seen[value] { return code }
                let code = Int32(seen.count)
                seen[value] = code
                return code
            }
        }
        var codeOf = [Int32](repeating: -1, count: span.partialValue + 1)
        return codeOf.withUnsafeMutableBufferPointer { codeOf in
            values.withUnsafeBufferPointer { values in
                var next: Int32 = 0
                return [Int32](unsafeUninitializedCapacity: values.count) { out, initialized in
                    for index in 0..<values.count {
                        let slot = values[index] - low
                        if codeOf[slot] < 0 { codeOf[slot] = next; next += 1 }
                        out.initializeElement(at: index, to: codeOf[slot])
                    }
                    initialized = values.count
                }
            }
        }
    }

    /// Median, percentile and rank need each group's values sorted.
    func orderStatistic(_ function: BuiltinFunction, values: [Double], extra: Column?, index: GroupIndex) -> Column {
        var sorted = Array(repeating: [Double](), count: index.groupCount)
        for entity in 0..<count where index.groupOf[entity] >= 0 && !values[entity].isNaN {
            sorted[Int(index.groupOf[entity])].append(values[entity])
        }
        for group in sorted.indices { sorted[group].sort() }
        let fractions = extra?.numbers(count: count)
        return .numbers((0..<count).map { entity in
            let group = Int(index.groupOf[entity])
            guard group >= 0, !sorted[group].isEmpty else { return .nan }
            let list = sorted[group]
            switch function {
            case .rank:
                let x = values[entity]
                guard !x.isNaN else { return .nan }
                // 1 + how many values are larger: ties share the best place.
                var low = 0
                var high = list.count
                while low < high {
                    let middle = (low + high) / 2
                    if list[middle] <= x { low = middle + 1 } else { high = middle }
                }
                return Double(list.count - low + 1)
            default:
                let p = function == .median ? 0.5 : (fractions?[entity] ?? .nan)
                guard p >= 0, p <= 1 else { return .nan }
                let position = p * Double(list.count - 1)
                let lower = Int(position.rounded(.down))
                let upper = Swift.min(lower + 1, list.count - 1)
                let x = list[lower] + (list[upper] - list[lower]) * (position - Double(lower))
                return x.isFinite ? x : .nan
            }
        })
    }
}
