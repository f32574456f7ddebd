// The decimal-faithful number rule (Grammar.md §5.12): values stay binary doubles, but every
// numeric comparison compares both sides rounded to 9 decimal places, and `round` rounds
// x·10ⁿ to 9 decimals before rounding halves away from zero. So 70,0 % − 60,0 % ≥ 10 % holds
// and round(0.145, 2) = 0.15, as a person computes by hand.

/// Rounding of numbers before they are compared.
public enum Decimals {
    /// Values at or above this size are compared unrounded: x·10⁹ would no longer be exact.
    public static let limit = 9e6

    /// `x` rounded to 9 decimal places, halves away from zero (unchanged when |x| ≥ 9·10⁶ or
    /// not finite). Two numbers compare as their comparable values do.
    @inline(__always)
    public static func comparable(_ x: Double) -> Double {
        guard Swift.abs(x) < limit else { return x }
        return nanos(x) / 1e9
    }

    /// x·10⁹ rounded half away from zero, for |x| < `limit`; without a call to libm's round():
    /// |x·10⁹| < 9·10¹⁵ < 2⁵³, so the truncated whole part and the remainder are exact.
    @inline(__always)
    static func nanos(_ x: Double) -> Double {
        let scaled = x * 1e9
        var whole = Int64(scaled)
        let remainder = scaled - Double(whole)
        if remainder >= 0.5 { whole += 1 } else if remainder <= -0.5 { whole -= 1 }
        return Double(whole)
    }

    /// `test` on x and y as comparisons see them. Both small (the usual case): their rounded
    /// multiples of 10⁻⁹ are compared without dividing back.
    @inline(__always)
    static func compare(_ x: Double, _ y: Double, _ test: (Double, Double) -> Bool) -> Bool {
        if Swift.abs(x) < limit && Swift.abs(y) < limit { return test(nanos(x), nanos(y)) }
        return test(comparable(x), comparable(y))
    }

    /// `round(x, digits)`: x·10ⁿ rounded to 9 decimals, then half away from zero.
    public static func round(_ x: Double, digits: Int) -> Double {
        let scale = power(digits)
        return comparable(x * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    /// 10ⁿ for n in −15…15.
    static func power(_ digits: Int) -> Double {
        var result = 1.0
        for _ in 0..<Swift.min(Swift.abs(digits), 15) { result *= 10 }
        return digits < 0 ? 1 / result : result
    }
}
