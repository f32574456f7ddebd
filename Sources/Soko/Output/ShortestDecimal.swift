// The shortest decimal text of a double that reads back as the same double, written into a
// buffer: the text Swift's `description` gives, without making a `String` (a heap allocation
// and its release for any text over 15 bytes, as most shares' 16 or 17 digits are). The report
// writers format every distinct share of a region once per thread (a workbook's Indicators
// sheet: 110,000 distinct values among 5.4 million); this is what a value costs the first time.
//
// The method is exact integer arithmetic on the double's binary form: the interval of real
// numbers that round to the double (half a unit in the last place either side), scaled to
// 17 decimal digits; the largest power of ten with a multiple inside the interval gives the
// fewest digits; of the (at most two) such multiples the one nearer the double is taken, as
// Swift does (the even one of two as near). What it cannot settle as surely as `description`
// (a bound that is exactly a decimal, a power of two, whose interval is lopsided) it leaves to
// the caller.

/// Writes plain decimal texts of doubles, as `Double.description` writes them.
enum ShortestDecimal {
    /// Bytes `write` may use at its pointer: a sign, `0.000`, 17 digits and the point.
    static let capacity = 24

    /// 10^0 … 10^21: the scale of 17 digits for a double from 10^-4 up.
    private static let powers: [UInt128] = (0...21).map { exponent in
        (0..<exponent).reduce(UInt128(1)) { power, _ in power &* 10 }
    }

    /// The text of `value` at `out` (room for `capacity` bytes), its length; nil, writing
    /// nothing, when `value` is outside 10^-4 ≤ |value| < 10^15, whole, or one of the rare
    /// doubles left to `description` (see the head of the file). The text has no exponent:
    /// `description` writes one from below 10^-4 on and from 2^53 up.
    static func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        let magnitude = Swift.abs(value)
        guard magnitude >= 1e-4, magnitude < 1e15, magnitude.significandBitPattern != 0,
              magnitude != magnitude.rounded(.towardZero) else { return nil }
        // magnitude = significand × 2^-(shift - 1): a whole number of 53 bits.
        let significand = UInt128((1 << 52) | magnitude.significandBitPattern)
        let binaryExponent = Int(magnitude.exponent)
        let shift = 53 - binaryExponent
        // The decimal exponent of the first digit: from the binary one, or one more.
        var decimalExponent = Int((Double(binaryExponent) * 0.301_029_995_663_981_2).rounded(.down))
        var scale = powers[16 - decimalExponent]
        if (2 &* significand &* scale) >> shift >= 100_000_000_000_000_000 {
            decimalExponent += 1
            scale = powers[16 - decimalExponent]
        }
        // In units of 10^(decimalExponent - 16) times 2^shift: the double, and the bounds of the
        // numbers that round to it (half a unit in the last place below and above).
        let exact = 2 &* significand &* scale
        let low = (2 &* significand &- 1) &* scale, high = (2 &* significand &+ 1) &* scale
        let fraction = (UInt128(1) << shift) &- 1
        guard low & fraction != 0, high & fraction != 0 else { return nil }
        // Whole 17-digit numbers strictly inside the bounds.
        let lowest = UInt64(truncatingIfNeeded: low >> shift) + 1
        let highest = UInt64(truncatingIfNeeded: high >> shift)
        // The largest power of ten with a multiple among them: divide by ten while the bounds'
        // quotients differ (a multiple lies between them). `middle`: the double's quotient.
        var upper = highest, under = lowest - 1
        var middle = UInt64(truncatingIfNeeded: exact >> shift)
        var step: UInt64 = 1
        var dropped = 0
        while upper / 10 > under / 10 {
            upper /= 10
            under /= 10
            middle /= 10
            step &*= 10
            dropped += 1
        }
        // The multiple below the double or the one above, whichever is nearer and inside; of
        // two as near (a double with few binary places: 95673956288669.875), the even one.
        let belowDistance = exact &- UInt128(middle &* step) &<< shift
        let aboveDistance = UInt128((middle + 1) &* step) &<< shift &- exact
        let below = belowDistance < aboveDistance || (belowDistance == aboveDistance && middle % 2 == 0)
        var digits = below ? (middle > under ? middle : middle + 1) : (middle + 1 <= upper ? middle + 1 : middle)
        // digits × 10^exponent: 17 digits less those dropped, one more when rounding up carried
        // into a new digit (which then ends in zeros, dropped here too).
        var exponent = decimalExponent - 16 + dropped
        var count = 17 - dropped
        if UInt128(digits) >= powers[count] { count += 1 }
        while digits % 10 == 0 {
            digits /= 10
            exponent += 1
            count -= 1
        }
        var at = 0
        if value < 0 {
            out[0] = UInt8(ascii: "-")
            at = 1
        }
        let wholeDigits = count + exponent
        if wholeDigits > 0 {
            // `12.34`: the digits, then those after the point moved one place on.
            writeDigits(digits, count: count, to: out + at)
            (out + at + wholeDigits + 1).update(from: out + at + wholeDigits, count: count - wholeDigits)
            out[at + wholeDigits] = UInt8(ascii: ".")
            return at + count + 1
        }
        // `0.0012`: a zero, the point, zeros, the digits.
        let lead = 2 - wholeDigits
        (out + at).update(repeating: UInt8(ascii: "0"), count: lead)
        out[at + 1] = UInt8(ascii: ".")
        writeDigits(digits, count: count, to: out + at + lead)
        return at + lead + count
    }

    /// The `count` decimal digits of `value` (at most 17; leading zeros when it has fewer) at
    /// `out`, two at a time, the low eight and the rest apart (two chains of division the
    /// processor runs side by side).
    @inline(__always)
    private static func writeDigits(_ value: UInt64, count: Int, to out: UnsafeMutablePointer<UInt8>) {
        let pairs = digitPairs.utf8Start
        var high = value / 100_000_000, low = value % 100_000_000
        var end = count
        /// The two digits of `part`'s last pair before `end` (the second alone at the front).
        @inline(__always)
        func lastPair(of part: inout UInt64) {
            let pair = Int(part % 100) &* 2
            part /= 100
            end -= 2
            if end >= 0 {
                out[end] = pairs[pair]
                out[end + 1] = pairs[pair + 1]
            } else if end == -1 {
                out[0] = pairs[pair + 1]
            }
        }
        for _ in 0..<4 { lastPair(of: &low) }
        while end > 0 { lastPair(of: &high) }
    }

    /// "00" to "99", two bytes each: digits written two at a time (here and `SheetXML.put(Int)`).
    static var digitPairs: StaticString {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    }
}
