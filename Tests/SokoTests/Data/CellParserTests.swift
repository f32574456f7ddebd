// Table tests of cell typing from bytes: numbers, percent signs, flags and the interner.
import Testing
@testable import Soko

@Suite struct CellParserTests {
    typealias Outcome = CellParser.NumberOutcome

    static let commaDecimal = CellParser.NumberStyle(commaIsDecimal: true, isWindows1251: false)
    static let pointOnly = CellParser.NumberStyle(commaIsDecimal: false, isWindows1251: false)
    static let windows = CellParser.NumberStyle(commaIsDecimal: true, isWindows1251: true)

    static func parse(_ bytes: [UInt8], style: CellParser.NumberStyle = commaDecimal,
                      percent: CellParser.PercentMode = .forbidden) -> (Outcome, Double, Bool) {
        var value = -999.0
        var hadPercent = false
        let outcome = bytes.withUnsafeBufferPointer {
            CellParser.parseNumber($0, style: style, percent: percent, value: &value, hadPercent: &hadPercent)
        }
        return (outcome, value, hadPercent)
    }

    static func parse(_ text: String, style: CellParser.NumberStyle = commaDecimal,
                      percent: CellParser.PercentMode = .forbidden) -> (Outcome, Double, Bool) {
        parse(Array(text.utf8), style: style, percent: percent)
    }

    /// Swift's own reading of a literal the compiler would warn about (it rounds, as it should).
    static func swift(_ text: String) -> Double { Double(text) ?? .nan }

    static let numbers: [(String, Double)] = [
        ("12", 12), ("12.5", 12.5), ("-3", -3), ("+7", 7), ("12,5", 12.5), ("0", 0), ("-0", 0),
        ("0.1", 0.1), ("0,1", 0.1), (".5", 0.5), ("5.", 5), ("007", 7), ("0.000", 0),
        ("1 234", 1234), ("1 234 567,25", 1_234_567.25), ("12 345", 12345), ("-1 000", -1000),
        ("1\u{A0}234", 1234), ("1\u{A0}234\u{A0}567", 1_234_567),
        ("  12  ", 12), ("\t3.5\t", 3.5), ("\u{A0}42\u{A0}", 42),
        ("1e3", 1000), ("1E3", 1000), ("2.5e-3", 0.0025), ("1e+2", 100), ("-1.5E2", -150),
        ("9007199254740992", 9_007_199_254_740_992), ("9007199254740993", 9_007_199_254_740_992),
        ("1234567890123456789012", swift("1234567890123456789012")),
        ("0.1234567890123456789012", 0.1234567890123456789012),
        ("3.141592653589793238462643", 3.141592653589793),
        ("1e22", 1e22), ("1e23", 1e23), ("1e-22", 1e-22), ("1e-23", 1e-23),
        ("123456789012345678", swift("123456789012345678")), ("4.9e-324", swift("4.9e-324")),
        ("1.7976931348623157e308", 1.7976931348623157e308), ("2.2250738585072014e-308", 2.2250738585072014e-308),
        ("0.30000000000000004", 0.30000000000000004), ("57.5", 57.5), ("3.35", 3.35), ("0.728", 0.728),
    ]

    @Test(arguments: numbers)
    func numbersParseExactly(_ text: String, _ expected: Double) {
        let (outcome, value, hadPercent) = Self.parse(text)
        #expect(outcome == .number)
        #expect(value == expected)
        #expect(!hadPercent)
        // The same as Swift's own parser, bit for bit, where that parser reads the text.
        let plain = text.replacingOccurrences(of: ",", with: ".").filter { $0 != " " && $0 != "\u{A0}" && $0 != "\t" }
        if let reference = Double(plain) { #expect(value.bitPattern == (reference + 0).bitPattern) }
    }

    /// Random decimals agree bit for bit with Swift's parser (the fast path and the slow one).
    @Test func randomDecimalsAgreeWithSwift() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...20, using: &generator)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            if Bool.random(using: &generator) {
                let point = Int.random(in: 0...text.count, using: &generator)
                text.insert(".", at: text.index(text.startIndex, offsetBy: point))
            }
            if Int.random(in: 0..<4, using: &generator) == 0 { text += "e\(Int.random(in: -30...30, using: &generator))" }
            if Bool.random(using: &generator) { text = "-" + text }
            guard let reference = Double(text) else { continue }
            let (outcome, value, _) = Self.parse(text)
            #expect(outcome == .number, "\(text)")
            #expect(value == reference + 0, "\(text)")
            var isWhole = false
            let fast = Array(text.utf8).withUnsafeBufferPointer {
                CellParser.parsePlainDecimal($0, commaIsDecimal: true, exponentShift: 0, isWhole: &isWhole)
            }
            if let fast { #expect(fast == reference, "\(text)") }
        }
    }

    /// The word-at-a-time parser of short cells agrees with the byte loop on every short cell
    /// made of digits, signs, separators and junk, with junk after the cell in the padding.
    @Test func shortDecimalsAgreeWithTheLoop() {
        var generator = SeededGenerator(seed: 2024)
        let alphabet = Array("0123456789012345678901234567890123456789.,-+ e%a/:".utf8)
        for _ in 0..<200_000 {
            let length = Int.random(in: 1...8, using: &generator)
            let cell = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            let padded = cell + (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for comma in [false, true] {
                var wholeLoop = false
                var wholeWord = false
                let loop = cell.withUnsafeBufferPointer {
                    CellParser.parsePlainDecimal($0, commaIsDecimal: comma, exponentShift: 0, isWhole: &wholeLoop)
                }
                let word = padded.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress.flatMap {
                        CellParser.parseShortDecimal($0, count: length, commaIsDecimal: comma, isWhole: &wholeWord)
                    }
                }
                #expect(loop?.bitPattern == word?.bitPattern, "\(String(decoding: cell, as: UTF8.self))")
                if loop != nil { #expect(wholeLoop == wholeWord) }
            }
        }
        var whole = false
        let examples: [(String, Double?)] = [("12", 12), ("-3", -3), ("12.5", 12.5), ("0.728", 0.728), ("99999999", 99_999_999),
                                             ("-9999999", -9_999_999), ("1.234567", 1.234567), (".5", 0.5), ("5.", 5),
                                             ("-", nil), (".", nil), ("-.", nil), ("1..2", nil), ("1-2", nil), ("+1", nil)]
        for (text, expected) in examples {
            let padded = Array(text.utf8) + [UInt8](repeating: 0x39, count: 8)
            let value = padded.withUnsafeBufferPointer {
                CellParser.parseShortDecimal($0.baseAddress!, count: text.utf8.count, commaIsDecimal: false, isWhole: &whole)
            }
            #expect(value == expected, "\(text)")
        }
    }

    static let notNumbers = ["abc", "12abc", "1.2.3", "--1", "-", "+", ".", "e5", "1e", "1e+", "12 5", "1 23",
                             "1 2345", "1  234", "12,34,5", "1,2.3", "0x10", "nan", "inf", "NaN", "∞",
                             "1'000", "5 %%", "%", "12-", "1 234.5 6"]

    @Test(arguments: notNumbers)
    func notNumbersAreRejected(_ text: String) {
        #expect(Self.parse(text, percent: .dividesWhenPresent).0 == .notANumber)
    }

    @Test(arguments: ["", " ", "   ", "\t", "\u{A0}", " \u{A0} "])
    func emptyOrSpacesAreMissing(_ text: String) {
        #expect(Self.parse(text).0 == .missing)
        #expect(Self.parse(text, percent: .alwaysDivides).0 == .missing)
    }

    @Test func decimalCommaWithCommaDelimiter() {
        #expect(Self.parse("12,5", style: Self.pointOnly).0 == .decimalCommaWithCommaDelimiter)
        #expect(Self.parse("-0,25", style: Self.pointOnly).0 == .decimalCommaWithCommaDelimiter)
        #expect(Self.parse("12.5", style: Self.pointOnly).1 == 12.5)
        #expect(Self.parse("12,", style: Self.pointOnly).0 == .notANumber)
        #expect(Self.parse("a,5", style: Self.pointOnly).0 == .notANumber)
    }

    @Test func percentSigns() {
        #expect(Self.parse("12,5%").0 == .percentSignNotAllowed)
        #expect(Self.parse("12%").0 == .percentSignNotAllowed)
        let share = Self.parse("12,5%", percent: .dividesWhenPresent)
        #expect(share.0 == .number && share.1 == 0.125 && share.2)
        let spaced = Self.parse(" 12.5 % ", percent: .dividesWhenPresent)
        #expect(spaced.0 == .number && spaced.1 == 0.125 && spaced.2)
        let plainShare = Self.parse("0.125", percent: .dividesWhenPresent)
        #expect(plainShare.0 == .number && plainShare.1 == 0.125 && !plainShare.2)
        #expect(Self.parse("12.5", percent: .alwaysDivides).1 == 0.125)
        #expect(Self.parse("12,5%", percent: .alwaysDivides).1 == 0.125)
        // Divided by 100 exactly as the decimal 0.123 would read.
        #expect(Self.parse("12.3", percent: .alwaysDivides).1 == 0.123)
        #expect(Self.parse("7", percent: .alwaysDivides).1 == 0.07)
        #expect(Self.parse("33.3%", percent: .dividesWhenPresent).1 == 0.333)
        #expect(Self.parse("100%", percent: .dividesWhenPresent).1 == 1)
        #expect(Self.parse("1e400").0 == .outOfRange)
        #expect(Self.parse("-1e400").0 == .outOfRange)
        #expect(Self.parse("1e-400").1 == 0)
    }

    @Test func windows1251Spaces() {
        let bytes: [UInt8] = [0x31, 0xA0, 0x32, 0x33, 0x34, 0x2C, 0x35]   // 1 NBSP 234,5
        let (outcome, value, _) = Self.parse(bytes, style: Self.windows)
        #expect(outcome == .number && value == 1234.5)
        // In UTF-8 a lone A0 byte is not a space.
        #expect(Self.parse(bytes, style: Self.commaDecimal).0 == .notANumber)
        #expect(Self.parse([0xA0, 0x37, 0xA0], style: Self.windows).1 == 7)
    }

    @Test func plainDecimalFastPath() {
        func fast(_ text: String, comma: Bool = true, shift: Int = 0) -> (Double?, Bool) {
            var isWhole = false
            let value = Array(text.utf8).withUnsafeBufferPointer {
                CellParser.parsePlainDecimal($0, commaIsDecimal: comma, exponentShift: shift, isWhole: &isWhole)
            }
            return (value, isWhole)
        }
        #expect(fast("12").0 == 12 && fast("12").1)
        #expect(fast("12.5").0 == 12.5 && !fast("12.5").1)
        #expect(fast("12,5").0 == 12.5)
        #expect(fast("12,5", comma: false).0 == nil)
        #expect(fast("-3").0 == -3)
        #expect(fast("12.5", shift: -2).0 == 0.125)
        for text in ["", "-", ".", " 1", "1 ", "1e5", "+1", "1%", "1.2.3", "12345678901234567890", "a"] {
            #expect(fast(text).0 == nil, "\(text)")
        }
        // Beyond 2^53 the fast path gives up (the full parser rounds it).
        #expect(fast("1234567890123456789").0 == nil)
        #expect(fast("9007199254740992").0 == 9_007_199_254_740_992)
    }

    // MARK: Flags

    static let yes = ["да", "Да", "ДА", "дА", "д", "Д", "yes", "Yes", "YES", "y", "Y", "true", "TRUE", "True",
                      "истина", "Истина", "ИСТИНА", "1", "+"]
    static let no = ["нет", "Нет", "НЕТ", "н", "Н", "no", "No", "NO", "n", "N", "false", "FALSE", "ложь", "Ложь",
                     "ЛОЖЬ", "0", "-"]
    static let bad = ["ага", "2", "yes!", "да да", "ok", "нетт", "t", "f", "×", "1.0", "y e s"]

    @Test(arguments: yes)
    func flagYes(_ text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { CellParser.flagTruth($0, encoding: .utf8) } == .yes)
        #expect(DataTest.cp1251(text).withUnsafeBufferPointer { CellParser.flagTruth($0, encoding: .windows1251) } == .yes)
    }

    @Test(arguments: no)
    func flagNo(_ text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { CellParser.flagTruth($0, encoding: .utf8) } == .no)
        #expect(DataTest.cp1251(text).withUnsafeBufferPointer { CellParser.flagTruth($0, encoding: .windows1251) } == .no)
    }

    @Test(arguments: bad)
    func flagOther(_ text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { CellParser.flagTruth($0, encoding: .utf8) } == nil)
    }

    @Test func flagInvalidUTF8IsNotAFlag() {
        #expect([0xE4, 0xE0].withUnsafeBufferPointer { CellParser.flagTruth($0, encoding: .utf8) } == nil)
        #expect([0xE4, 0xE0].withUnsafeBufferPointer { CellParser.flagTruth($0, encoding: .windows1251) } == .yes)
    }

    @Test func flagSpellingListNamesThemAll() {
        #expect(CellParser.flagSpellingList
                == "да/нет, д/н, yes/no, y/n, true/false, истина/ложь, 1/0, +/-")
    }

    // MARK: Interning

    @Test func internerFindsWhatWasInserted() {
        var interner = ByteInterner()
        let words = (0..<5000).map { "значение-\($0)" } + ["", "a", "ab", "abcdefgh", "abcdefghi"]
        for (index, word) in words.enumerated() {
            Array(word.utf8).withUnsafeBufferPointer { bytes in
                #expect(interner.find(bytes) == nil)
                interner.insert(bytes, payload: Int32(index))
            }
        }
        #expect(interner.count == words.count)
        for (index, word) in words.enumerated().reversed() {
            #expect(Array(word.utf8).withUnsafeBufferPointer { interner.find($0) } == Int32(index))
        }
        #expect(Array("значение-5000".utf8).withUnsafeBufferPointer { interner.find($0) } == nil)
        #expect(Array("abcdefgi".utf8).withUnsafeBufferPointer { interner.find($0) } == nil)
    }

    /// Values of every length up to 40 bytes that differ from one another in one byte only, at
    /// every position: the word-at-a-time comparison and hash must tell each from the others
    /// (the last word of a value overlaps the one before it).
    @Test func internerTellsApartValuesThatDifferInOneByte() {
        var interner = ByteInterner()
        var sized = ByteInterner(capacity: 2000)
        var values: [[UInt8]] = []
        for length in 1...40 {
            let base = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            values.append(base)
            for position in 0..<length {
                var changed = base
                changed[position] = UInt8(ascii: "Z")
                values.append(changed)
            }
        }
        for (index, value) in values.enumerated() {
            value.withUnsafeBufferPointer { bytes in
                #expect(interner.find(bytes) == nil, "\(value)")
                interner.insert(bytes, payload: Int32(index))
                let hash = ByteInterner.hash(bytes)
                #expect(sized.find(bytes, hash: hash) == nil)
                sized.insert(bytes, hash: hash, payload: Int32(index))
            }
        }
        for (index, value) in values.enumerated().shuffled() {
            value.withUnsafeBufferPointer { bytes in
                #expect(interner.find(bytes) == Int32(index))
                #expect(sized.find(bytes, hash: ByteInterner.hash(bytes)) == Int32(index))
            }
        }
        // The value just found is tried first: the next look-up of a different value of the same
        // length must not take it for that one.
        for length in [8, 9, 16, 17] {
            let first = values.firstIndex { $0.count == length }!
            values[first].withUnsafeBufferPointer { #expect(interner.find($0) == Int32(first)) }
            values[first + length].withUnsafeBufferPointer { #expect(interner.find($0) == Int32(first + length)) }
        }
    }

    @Test func trimming() {
        func trim(_ bytes: [UInt8], windows: Bool = false) -> [UInt8] {
            bytes.withUnsafeBufferPointer { Array(CellParser.trimmed($0, isWindows1251: windows)) }
        }
        #expect(trim(Array("  a b  ".utf8)) == Array("a b".utf8))
        #expect(trim(Array("\u{A0}a\u{A0}".utf8)) == Array("a".utf8))
        #expect(trim([0xA0, 0x61, 0xA0], windows: true) == [0x61])
        #expect(trim([0xA0, 0x61, 0xA0]) == [0xA0, 0x61, 0xA0])
        #expect(trim(Array("   ".utf8)) == [])
        // A trailing A0 that ends a UTF-8 letter (р is D1 80; Р is D0 A0) is not a space.
        #expect(trim(Array("Р".utf8)) == Array("Р".utf8))
    }
}
