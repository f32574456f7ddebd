// A school's own history: the same key in earlier periods.

extension Evaluator {
    /// For each entity, the entity of the same key exactly `periods` periods before, or -1.
    func earlierEntity(periods back: Int) -> [Int32] {
        guard let periods = entities.periods else { return [Int32](repeating: -1, count: count) }
        let keyIndex = entities.keyIndex
        return RowParts.array(count: count) { entity -> Int32 in
            let target = periods[entity] - back
            var other = entity - 1
            // Entities are sorted by key, then period: look back within the same key.
            while other >= 0, keyIndex[other] == keyIndex[entity], periods[other] >= target {
                if periods[other] == target { return Int32(other) }
                other -= 1
            }
            return -1
        }
    }

    func history(_ function: BuiltinFunction, subject: Column, periods: Int) -> Column {
        switch function {
        case .prev, .change:
            let earlier = earlierEntity(periods: function == .change ? 1 : periods)
            let shifted: Column
            switch subject {
            case .numbers(let values):
                shifted = .numbers(Operators.map(earlier) { $0 < 0 ? .nan : values[Int($0)] })
            case .flags(let values):
                shifted = .flags(Operators.map(earlier) { $0 < 0 ? Truth.unknown.rawValue : values[Int($0)] })
            case .texts(let codes, let dictionary):
                shifted = .texts(Operators.map(earlier) { $0 < 0 ? -1 : codes[Int($0)] }, dictionary: dictionary)
            case .constant:
                // A constant's earlier value is itself, where an earlier period exists.
                shifted = Operators.pick(count: count, from: [subject]) { earlier[$0] < 0 ? nil : 0 }
            }
            if function == .prev { return shifted }
            return Operators.arithmetic(subject, shifted, count: count, Operators.Subtract())
        case .periodsWith:
            guard let allPeriods = entities.periods else { return .constant(.missing) }
            // Known only when each of the n periods has a row and the condition is decided in
            // it: an absent or undecided period might have held.
            let truths = subject.flags(count: count)
            var result = [Double](repeating: .nan, count: count)
            for entity in 0..<count {
                let earliest = allPeriods[entity] - periods + 1
                var held = 0
                var seen = 0
                var other = entity
                while other >= 0, entities.keyIndex[other] == entities.keyIndex[entity], allPeriods[other] >= earliest {
                    if truths[other] == Truth.unknown.rawValue { break }
                    if truths[other] == Truth.yes.rawValue { held += 1 }
                    seen += 1
                    other -= 1
                }
                if seen == periods { result[entity] = Double(held) }
            }
            return .numbers(result)
        case .hasPrev:
            let earlier = earlierEntity(periods: periods)
            return .flags(earlier.map { $0 < 0 ? Truth.no.rawValue : Truth.yes.rawValue })
        default:
            return .constant(.missing)
        }
    }
}
