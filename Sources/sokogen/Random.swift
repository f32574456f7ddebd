// sokogen's source of randomness: a seeded generator that gives the same numbers on every machine.

/// A xoshiro256** pseudo-random generator, seeded through SplitMix64.
///
/// Why not the standard library's or Foundation's generators: they cannot be seeded, and their
/// algorithms are free to change between platforms and releases, while the benchmark table must
/// be the same bytes everywhere. Every method here uses only integer operations and exact
/// integer-to-double conversions, and none calls libm (`log`, `cos`, …), whose last bit differs
/// between C libraries.
struct SeededRandom {
    private var state0: UInt64
    private var state1: UInt64
    private var state2: UInt64
    private var state3: UInt64

    /// Spreads `seed` over the 256 bits of state with SplitMix64, as xoshiro's authors advise,
    /// so that small neighbouring seeds still give unrelated sequences.
    init(seed: UInt64) {
        var splitMixState = seed
        func nextSplitMix() -> UInt64 {
            splitMixState &+= 0x9E37_79B9_7F4A_7C15
            var mixed = splitMixState
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
        state0 = nextSplitMix()
        state1 = nextSplitMix()
        state2 = nextSplitMix()
        state3 = nextSplitMix()
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = rotateLeft(state1 &* 5, by: 7) &* 9
        let shifted = state1 << 17
        state2 ^= state0
        state3 ^= state1
        state1 ^= state2
        state0 ^= state3
        state2 ^= shifted
        state3 = rotateLeft(state3, by: 45)
        return result
    }

    /// A uniform double in [0, 1): the top 53 bits of one draw, scaled exactly.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform double in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    /// A uniform integer in `range`, by the high half of a 128-bit product (Lemire's method
    /// without the rejection step: the bias is below 2⁻⁵⁰ for the small ranges used here).
    mutating func integer(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// An approximately standard normal value (mean 0, standard deviation 1).
    ///
    /// The sum of four independent uniforms (Irwin–Hall), centred and scaled to unit variance,
    /// is close to a bell curve and needs no `log` or `cos`, which keeps the output identical on
    /// every machine. One 64-bit draw gives the four 16-bit uniforms. The tails stop at ±3.46,
    /// which this table does not miss: rare extremes are planted on purpose instead.
    mutating func normal() -> Double {
        let bits = next()
        let sum = Double(bits & 0xFFFF) + Double((bits >> 16) & 0xFFFF)
            + Double((bits >> 32) & 0xFFFF) + Double(bits >> 48)
        // Each lane is uniform on 0...65535: mean 32767.5, variance (65536² − 1) / 12.
        let centred = sum - 4 * 32767.5
        return centred * Self.normalScale
    }

    /// 1 / sqrt(4 × (65536² − 1) / 12), written out so that no square root is taken at run time.
    private static let normalScale = 1.0 / 37837.22723720648

    /// Picks an index with probability proportional to its weight.
    mutating func weightedIndex(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var ticket = integer(in: 0...(total - 1))
        for (index, weight) in weights.enumerated() {
            if ticket < weight { return index }
            ticket -= weight
        }
        return weights.count - 1
    }

    private func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}
