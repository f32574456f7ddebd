// A seeded generator of valid rule files and matching data tables, for property tests.

/// SplitMix64: small, fast, and the same sequence on every machine.
struct SeededRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 10_000) / 10_000 < p }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Builds random but well-typed rule files over a fixed dataset.
struct RandomRules {
    var random: SeededRandom
    static let numbers = ["a", "b", "c"]
    static let counts = ["n", "m"]

    static let dataset = """
    dataset t {
      key id
      period year
      column g: text
      column a: number
      column b: number
      column c: number
      column n: count
      column m: count
      column f: flag
    }

    """

    /// A numeric expression of bounded depth.
    mutating func number(_ depth: Int) -> String {
        if depth == 0 || random.chance(0.3) {
            switch random.below(4) {
            case 0: return random.pick(Self.numbers)
            case 1: return random.pick(Self.counts)
            case 2: return String(random.below(100))
            default: return "\(random.below(10)).\(random.below(10))"
            }
        }
        switch random.below(9) {
        case 0: return "(\(number(depth - 1)) + \(number(depth - 1)))"
        case 1: return "(\(number(depth - 1)) - \(number(depth - 1)))"
        case 2: return "\(number(depth - 1)) * \(number(depth - 1))"
        case 3: return "\(number(depth - 1)) / \(number(depth - 1))"
        case 4: return "\(random.pick(["mean", "median", "stddev", "max", "min", "sum"]))(\(random.pick(Self.numbers)) by g, year)"
        case 5: return "prev(\(random.pick(Self.numbers)))"
        case 6: return "change(\(random.pick(Self.numbers)))"
        case 7: return "(if \(condition(depth - 1)) then \(number(depth - 1)) else \(number(depth - 1)))"
        default: return "coalesce(\(number(depth - 1)), \(random.below(5)))"
        }
    }

    /// A yes/no expression of bounded depth.
    mutating func condition(_ depth: Int) -> String {
        if depth == 0 || random.chance(0.3) {
            switch random.below(3) {
            case 0: return "f"
            case 1: return "\(number(0)) \(random.pick([">", "<", ">=", "<=", "=", "!="])) \(number(0))"
            default: return "is_missing(\(random.pick(Self.numbers)))"
            }
        }
        switch random.below(6) {
        case 0: return "(\(condition(depth - 1)) and \(condition(depth - 1)))"
        case 1: return "(\(condition(depth - 1)) or \(condition(depth - 1)))"
        case 2: return "not \(condition(depth - 1))"
        case 3: return "\(number(depth - 1)) between \(number(0)) and \(number(0))"
        case 4: return "at least \(random.below(3)) of (\(condition(depth - 1)), \(condition(depth - 1)), f)"
        default: return "\(number(depth - 1)) > \(number(depth - 1))"
        }
    }

    /// A rule file with indicators and rules, some rules naming earlier ones.
    mutating func file() -> String {
        var text = Self.dataset
        let indicators = 1 + random.below(4)
        for index in 0..<indicators { text += "indicator i\(index) = \(number(3))\n" }
        let rules = 1 + random.below(5)
        for index in 0..<rules {
            var condition = self.condition(3)
            if index > 0 && random.chance(0.4) { condition = "(\(condition) or r\(random.below(index)))" }
            if random.chance(0.5) { condition = "(\(condition) and i\(random.below(indicators)) > \(random.below(50)))" }
            text += "rule r\(index) {\n  when \(condition)\n  severity \(random.pick(["low", "medium", "high", "critical"]))\n"
            if random.chance(0.3) { text += "  require n >= \(random.below(20))\n" }
            text += "  recommend \"value {i\(random.below(indicators))}\"\n}\n"
        }
        return text
    }

    /// A data table for the dataset: several keys and years, missing cells, zeros.
    mutating func table() -> String {
        var text = "id,year,g,a,b,c,n,m,f\n"
        let keys = 1 + random.below(12)
        for key in 0..<keys {
            for year in 2020...2024 where random.chance(0.8) {
                var cells = ["k\(key)", String(year), random.pick(["x", "y", "z"])]
                for _ in 0..<3 {
                    cells.append(random.chance(0.15) ? "" : random.pick(["0", "-1.5", "\(random.below(1000))", "1e308", "0.001"]))
                }
                for _ in 0..<2 { cells.append(random.chance(0.15) ? "" : String(random.below(50))) }
                cells.append(random.pick(["да", "нет", ""]))
                text += cells.joined(separator: ",") + "\n"
            }
        }
        return text
    }
}
