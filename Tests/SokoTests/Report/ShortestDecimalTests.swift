// ShortestDecimal writes the text Swift's `description` gives, or leaves the double to it:
// compared with `description` on shares and percentages of every denominator to 400, on
// doubles drawn at random across its whole range, next to powers of ten and to the values
// whose rounding carries into a new digit (0.9999999999999999), and on ties; and it takes
// what reports write most (shares) itself, so the comparison is not with a path never taken.
import Testing
@testable import Soko

@Suite struct ShortestDecimalTests {
    /// The fast text of `value`, or nil when it leaves it to `description`.
    static func fast(_ value: Double) -> String? {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: ShortestDecimal.capacity)
        defer { buffer.deallocate() }
        guard let length = ShortestDecimal.write(value, to: buffer) else { return nil }
        #expect(length <= ShortestDecimal.capacity)
        return String(decoding: UnsafeBufferPointer(start: buffer, count: length), as: UTF8.self)
    }

    /// How many of `values` the fast path wrote; each one it wrote equals `description`.
    static func compare(_ values: [Double]) -> Int {
        var written = 0
        for value in values {
            guard let text = fast(value) else { continue }
            written += 1
            #expect(text == value.description, "\(value.bitPattern)")
        }
        return written
    }

    @Test func sharesAndPercentagesAreWrittenAsSwiftWritesThem() {
        var values: [Double] = []
        for denominator in 1...400 {
            for numerator in 1..<denominator {
                let share = Double(numerator) / Double(denominator)
                values += [share, -share, share * 100, Double(numerator + denominator) / Double(denominator)]
            }
        }
        let written = Self.compare(values)
        // Powers of two (0.5, 0.25, …) are left to `description`: a handful.
        #expect(written > values.count * 99 / 100)
    }

    @Test func doublesAtRandomAcrossTheRangeAreWrittenAsSwiftWritesThem() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = []
        for _ in 0..<100_000 {
            // Every bit pattern from 10^-4 to 10^15, and decimal magnitudes spread evenly.
            let low = Double(0.0001).bitPattern, high = Double(1e15).bitPattern
            values.append(Double(bitPattern: UInt64.random(in: low..<high, using: &generator)))
            let exponent = Double.random(in: -4..<15, using: &generator)
            values.append(-Double.random(in: 1..<10, using: &generator) * Self.power(Int(exponent.rounded(.down))))
        }
        #expect(Self.compare(values) > values.count * 99 / 100)
    }

    @Test func doublesNextToPowersOfTenAndCarriesAreWrittenAsSwiftWritesThem() {
        var values: [Double] = []
        for exponent in -4...14 {
            var above = Self.power(exponent), below = above
            for _ in 0..<60 {
                values += [above, below]
                above = above.nextUp
                below = below.nextDown
            }
        }
        for start in [0.9999999999999999, 0.09999999999999999, 9.999999999999998, 99.99999999999999, 0.19999999999999998,
                      0.6999999999999998, 0.0009999999999999998, 999_999_999_999_999.9] {
            var value = start
            for _ in 0..<60 {
                values += [value, value.nextUp]
                value = value.nextDown
            }
        }
        let written = Self.compare(values.filter { $0 >= 1e-4 && $0 < 1e15 })
        #expect(written > 1_500)
    }

    @Test func whatItLeavesToDescriptionIsLeftWhole() {
        // Whole numbers, exponents either side, powers of two, and what is not finite.
        for value in [0, 3, -42, 1e15, 1e16 + 0.5, 0.00009999999999999999, 1e-5, -2.5e-7, 0.5, 0.25, -0.125, 1.5e300,
                      .infinity, -.infinity, .nan, Double.leastNonzeroMagnitude] {
            #expect(Self.fast(value) == nil, "\(value)")
        }
        #expect(Self.fast(0.0001) == "0.0001")
        #expect(Self.fast(-0.1) == "-0.1")
        #expect(Self.fast(123_456_789_012_345.67) == "123456789012345.67")
        #expect(Self.fast(0.1 + 0.2) == "0.30000000000000004")
        // Two decimals of the fewest digits as near as each other: the even one, as Swift.
        #expect(Self.fast(95_673_956_288_669.875) == "95673956288669.88")
        #expect(Self.fast(776_504_556_267_388.25) == "776504556267388.2")
        #expect(Self.fast(2_591_196_223_811.46875) == "2591196223811.4688")
    }

    static func power(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result = exponent < 0 ? result / 10 : result * 10 }
        return result
    }
}
