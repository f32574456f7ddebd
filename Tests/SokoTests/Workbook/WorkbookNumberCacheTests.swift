// The sheet writer keeps the texts of numbers that are not whole and copies them when the same
// number comes again: compared with a writer that formats every number afresh, on repeats,
// numbers whose slots collide, exponents, negatives, long texts and whole numbers; and the
// shared strings, reached through a pointer, still tell texts apart by their bytes.
import Testing
@testable import Soko

@Suite struct WorkbookNumberCacheTests {
    static func fresh(_ value: Double) -> [UInt8] {
        var xml = SheetXML(capacity: 8)
        xml.number(value)
        return xml.bytes
    }

    @Test func aRepeatedNumberIsWrittenAsWhenNew() {
        var values: [Double] = [0.5, -0.5, 1.0 / 3, 2.0 / 3, 0.1 + 0.2, 1e-05, -2.5e-07, 1e300 / 7, 123456789012345.67,
                                -0.0, 0, 42, 1e15, 1e16 + 2, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude]
        // Many distinct shares: some land in the same slot, the later one replacing the earlier.
        for numerator in 1..<200 { for denominator in stride(from: 3, to: 90, by: 7) { values.append(Double(numerator) / Double(denominator)) } }
        var xml = SheetXML(capacity: 8)
        var expected: [UInt8] = []
        for round in 0..<3 {
            for value in round == 1 ? values.reversed() : values {
                xml.number(value)
                expected += Self.fresh(value)
                expected.append(0x2C)
                xml.put(",")
            }
        }
        #expect(xml.bytes == expected)
        #expect(Self.fresh(1e-05) == Array(CellText.plain(1e-05).utf8))
    }

    @Test func sharedStringsTellTextsApartByTheirBytes() {
        let strings = SharedStrings()
        let composed = "Зел\u{0451}ный", decomposed = "Зел\u{0435}\u{0308}ный"
        #expect(strings.index(of: composed) == 0)
        #expect(strings.index(of: decomposed) == 1)
        #expect(strings.index(of: composed) == 0)
        #expect(strings.index(of: "") == 2)
        for number in 0..<5000 { #expect(strings.index(of: "школа \(number)") == number + 3) }
        #expect(strings.index(of: decomposed) == 1)
        #expect(strings.count == 5003)
        #expect(strings.text(1) == decomposed && Array(strings.text(1).utf8) == Array(decomposed.utf8))
    }
}
