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

    @Test func numbersOfOneSetTakeItsTwoSlotsInTurn() {
        // Four shares of one set (two slots): each written after the others in every order,
        // so that a number is found in the first slot, the second, or pushed out and made again.
        let set = SheetXML.numberSet((1.0 / 7).bitPattern)
        var same: [Double] = []
        var numerator = 1
        while same.count < 4 {
            let share = Double(numerator) / 1_000_003
            if SheetXML.numberSet(share.bitPattern) == set { same.append(share) }
            numerator += 1
        }
        // Between them, the longest text a slot holds (23 bytes) and texts too long for one.
        let long = -0.000_123_456_789_012_345_67
        let order = [0, 1, 0, 2, 1, 0, 3, 3, 2, 1, 0, 1, 1, 2, 0]
        var xml = SheetXML(capacity: 8)
        var expected: [UInt8] = []
        for index in order + [0, 1] {
            for value in [same[index], long, -same[index], 1e-300 * same[index]] {
                xml.number(value)
                expected += Self.fresh(value) + [0x3B]
                xml.put(";")
            }
        }
        #expect(Self.fresh(long).count == 23)
        #expect(xml.bytes == expected)
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

@Suite struct WorkbookRecentTextTests {
    /// The shared-string numbers and XML of texts written through one writer (which keeps
    /// recent texts) and one cell at a time through fresh writers (which keep none).
    static func compare(_ texts: [String]) {
        let kept = SharedStrings(), fresh = SharedStrings()
        var xml = SheetXML(capacity: 8, strings: kept)
        var expected: [UInt8] = []
        for text in texts {
            xml.cell(.text(text))
            var single = SheetXML(capacity: 8, strings: fresh)
            single.cell(.text(text))
            expected += single.bytes
        }
        #expect(xml.bytes == expected)
        #expect(kept.count == fresh.count)
        #expect((0..<kept.count).allSatisfy { kept.text($0) == fresh.text($0) })
    }

    @Test func recurringTextsGetTheirNumbersAsWhenNew() {
        let names = ["Зел\u{0451}ный", "Зел\u{0435}\u{0308}ный", "", "39-000000", "39-000001", "МБОУ СОШ п. Луговое, Светловский ГО",
                     "a\u{0000}b", "  spaces  ", "line\nbreak", "&<>\""]
        var texts: [String] = []
        for round in 0..<50 { texts += names; texts.append("школа \(round)") }
        // Texts made anew each time (other storage, same bytes), and many distinct ones that
        // share slots.
        for number in 0..<3000 { texts.append(String("школа \(number % 700)".reversed().reversed())) }
        Self.compare(texts)
    }

    @Test func aTextFreedAndAnotherMadeInItsPlaceIsNotTakenForIt() {
        // Texts made and dropped one after another: storage may be reused by the next one.
        var texts: [String] = []
        for number in 0..<2000 {
            var text = "длинный текст, который не поместится в строку на месте, номер "
            text += String(number)
            texts.append(text)
        }
        Self.compare(texts)
        let strings = SharedStrings()
        var xml = SheetXML(capacity: 8, strings: strings)
        for number in 0..<2000 {
            xml.cell(.text("длинный текст, который не поместится в строку на месте, номер " + String(number % 3)))
        }
        #expect(strings.count == 3)
    }
}
