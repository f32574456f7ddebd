// Typing of cells from their bytes: numbers (exactly rounded, decimal comma, thousands
// separators, %) and flags in Russian and English; texts are interned by ByteInterner.swift.

/// Reads one cell's bytes as a number, a flag or a text code. Pure functions over bytes.
enum CellParser {
    /// What a number cell turned out to be.
    enum NumberOutcome: UInt8 {
        /// A number, in `value`.
        case number
        /// Empty or only spaces.
        case missing
        /// Not a number at all.
        case notANumber
        /// A comma where a decimal point would be, in a comma-delimited file (the cell was quoted).
        case decimalCommaWithCommaDelimiter
        /// A `%` sign in a column that does not take one.
        case percentSignNotAllowed
        /// Digits too many for a Double (`1e400`).
        case outOfRange
    }

    /// How a column treats a trailing `%`.
    enum PercentMode: UInt8 {
        /// number and count: a `%` is an error.
        case forbidden
        /// share: `12,5%` is divided by 100, `0.125` is read as it is.
        case dividesWhenPresent
        /// percent: every value is divided by 100, with or without the sign.
        case alwaysDivides
    }

    /// How numbers are written in this file.
    struct NumberStyle {
        /// Whether `,` may be a decimal separator (only when it is not the delimiter).
        var commaIsDecimal: Bool
        /// Whether the file is cp1251 (NBSP is the byte A0) rather than UTF-8 (C2 A0).
        var isWindows1251: Bool
    }

    // MARK: Spaces

    /// Whether the bytes at `index` are a space: ASCII space, tab, or NBSP; returns its length.
    @inline(__always)
    static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, isWindows1251: Bool) -> Int {
        let byte = bytes[index]
        if byte == 0x20 || byte == 0x09 { return 1 }
        if isWindows1251 { return byte == 0xA0 ? 1 : 0 }
        if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 { return 2 }
        return 0
    }

    /// Whether the space ending just before `end` is one; returns its length.
    @inline(__always)
    static func spaceLengthBefore(_ bytes: UnsafeBufferPointer<UInt8>, end: Int, start: Int, isWindows1251: Bool) -> Int {
        let byte = bytes[end - 1]
        if byte == 0x20 || byte == 0x09 { return 1 }
        if isWindows1251 { return byte == 0xA0 ? 1 : 0 }
        if byte == 0xA0, end - 2 >= start, bytes[end - 2] == 0xC2 { return 2 }
        return 0
    }

    /// The bytes without leading and trailing spaces (ASCII space, tab, NBSP).
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, isWindows1251: Bool) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end {
            let length = spaceLength(bytes, at: start, isWindows1251: isWindows1251)
            if length == 0 { break }
            start += length
        }
        while end > start {
            let length = spaceLengthBefore(bytes, end: end, start: start, isWindows1251: isWindows1251)
            if length == 0 { break }
            end -= length
        }
        if start == 0, end == bytes.count { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    // MARK: Numbers

    /// 10^exponent for 0...22: every one of them is a Double exactly. (A switch over constants
    /// becomes a table in rodata, with no lazy global behind it.)
    @inline(__always)
    static func exactPowerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// Clinger's fast path: mantissa × 10^exponent correctly rounded, when the mantissa is at
    /// most 2^53 and |exponent| at most 22 (both factors exact, so one rounding); nil otherwise.
    @inline(__always)
    static func clinger(mantissa: UInt64, exponent: Int) -> Double? {
        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        return exponent >= 0
            ? Double(mantissa) * exactPowerOfTen(exponent)
            : Double(mantissa) / exactPowerOfTen(-exponent)
    }

    /// `parsePlainDecimal` for cells of at most 8 bytes, without a loop: the cell is loaded as
    /// one word (8 bytes must be readable from `base`, as they are in the reader's padded
    /// buffers), the decimal point found and squeezed out, the digits checked and converted all
    /// at once (Lemire's eight-digit conversion). Nil for anything else.
    @inline(__always)
    static func parseShortDecimal(_ base: UnsafePointer<UInt8>, count: Int, commaIsDecimal: Bool,
                                  isWhole: inout Bool) -> Double? {
        guard count >= 1, count <= 8 else { return nil }
        var word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
        var length = count
        let negative = word & 0xFF == UInt64(UInt8(ascii: "-"))
        if negative {
            word &>>= 8
            length -= 1
            guard length >= 1 else { return nil }
        }
        let keep: UInt64 = length == 8 ? ~0 : (1 &<< UInt64(8 &* length)) &- 1
        word &= keep
        // The decimal separator: at most one.
        var separators = exactZeroBytes(word ^ 0x2E2E_2E2E_2E2E_2E2E)
        if commaIsDecimal { separators |= exactZeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) }
        separators &= keep
        var fractionDigits = 0
        isWhole = separators == 0
        if separators != 0 {
            guard separators & (separators &- 1) == 0 else { return nil }
            let position = separators.trailingZeroBitCount &>> 3
            fractionDigits = length &- position &- 1
            let below: UInt64 = (1 &<< UInt64(8 &* position)) &- 1
            word = (word & below) | ((word &>> 8) & ~below)
            length -= 1
            guard length >= 1 else { return nil }
        }
        // Right-align the digits, '0' in front: "123" becomes "00000123".
        let shift = UInt64(8 &* (8 &- length))
        let aligned = (word &<< shift) | (shift == 0 ? 0 : 0x3030_3030_3030_3030 & ((1 &<< shift) &- 1))
        // Every byte a digit?
        guard aligned & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
              (aligned &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030 else { return nil }
        var value = aligned &- 0x3030_3030_3030_3030
        value = (value &* 10) &+ (value &>> 8)
        value = (((value & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064)
            &+ (((value &>> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001)) &>> 32
        // At most eight digits and seven of them after the point: Clinger's fast path always
        // applies (a whole number is exact as it is).
        let mantissa = Double(value & 0xFFFF_FFFF)
        let magnitude = fractionDigits == 0 ? mantissa : mantissa / exactPowerOfTen(fractionDigits)
        return negative ? -magnitude : magnitude
    }

    /// The high bit of each byte of `word` that is zero, exactly (no borrow between bytes).
    @inline(__always)
    static func exactZeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | word | 0x7F7F_7F7F_7F7F_7F7F)
    }

    /// The common cell, quickly: `[-]digits[.digits]` (or a decimal comma when allowed), at most
    /// 19 digits, nothing else (no spaces, sign `+`, exponent or `%`). Returns nil for anything
    /// else, which then goes through `parseNumber`. `isWhole` tells that no decimal point was
    /// written. `exponentShift` is -2 for percent columns.
    @inline(__always)
    static func parsePlainDecimal(_ bytes: UnsafeBufferPointer<UInt8>, commaIsDecimal: Bool,
                                  exponentShift: Int, isWhole: inout Bool) -> Double? {
        let count = bytes.count
        guard count > 0, count <= 21, let base = bytes.baseAddress else { return nil }
        let negative = base[0] == UInt8(ascii: "-")
        var index = negative ? 1 : 0
        var mantissa: UInt64 = 0
        var point = -1
        while index < count {
            let byte = base[index]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
            } else if point < 0, byte == UInt8(ascii: ".") || (byte == UInt8(ascii: ",") && commaIsDecimal) {
                point = index
            } else {
                return nil
            }
            index &+= 1
        }
        let digits = count - (negative ? 1 : 0) - (point >= 0 ? 1 : 0)
        guard digits >= 1, digits <= 19 else { return nil }
        let fractionDigits = point >= 0 ? count - point - 1 : 0
        isWhole = point < 0
        guard let magnitude = clinger(mantissa: mantissa, exponent: exponentShift - fractionDigits) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Parses a number cell: optional sign, digits with optional space or NBSP thousands
    /// separators (groups of three), an optional decimal point (or comma, when the style allows),
    /// an optional exponent, an optional trailing `%`, spaces around. The result is correctly
    /// rounded: Clinger's fast path when the digits fit in 2^53 and the power of ten is at most
    /// 22, Swift's own parser otherwise. `hadPercent` tells whether a `%` was written.
    static func parseNumber(_ raw: UnsafeBufferPointer<UInt8>, style: NumberStyle, percent: PercentMode,
                            value: inout Double, hadPercent: inout Bool) -> NumberOutcome {
        var bytes = trimmed(raw, isWindows1251: style.isWindows1251)
        hadPercent = false
        if bytes.isEmpty { return .missing }
        if bytes.contains(where: { $0 >= 0x80 }) {
            // Typography's and spreadsheets' signs: −2,5 (U+2212), –2,5 (en dash), 1 234 with a
            // narrow no-break or thin space. Rewritten as ASCII and parsed again.
            guard var ascii = asciiSigns(bytes, isWindows1251: style.isWindows1251) else { return .notANumber }
            var asciiStyle = style
            asciiStyle.isWindows1251 = false
            return ascii.withUnsafeMutableBufferPointer { buffer in
                parseNumber(UnsafeBufferPointer(buffer), style: asciiStyle, percent: percent, value: &value, hadPercent: &hadPercent)
            }
        }
        if bytes[bytes.count - 1] == UInt8(ascii: "%") {
            if percent == .forbidden { return .percentSignNotAllowed }
            hadPercent = true
            bytes = trimmed(UnsafeBufferPointer(rebasing: bytes[0..<(bytes.count - 1)]),
                            isWindows1251: style.isWindows1251)
            if bytes.isEmpty { return .notANumber }
        }
        let count = bytes.count
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0   // digits kept in the mantissa, leading zeros excluded
        var droppedDigits = false   // more than 19 significant digits: the fast path cannot be used
        var exponent = 0            // decimal exponent to apply to the mantissa
        var digitCount = 0
        var groupLength = 0
        var sawSeparator = false

        // Integer part, with thousands separators.
        while index < count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            if digit < 10 {
                if !accumulate(digit, &mantissa, &significantDigits, &droppedDigits) { exponent &+= 1 }
                digitCount += 1
                groupLength += 1
                index += 1
                continue
            }
            let space = spaceLength(bytes, at: index, isWindows1251: style.isWindows1251)
            if space == 0 { break }
            // A separator: the group before it is 1-3 digits (first) or exactly 3 (later).
            guard sawSeparator ? groupLength == 3 : (1...3).contains(groupLength) else { return .notANumber }
            sawSeparator = true
            groupLength = 0
            index += space
        }
        if sawSeparator, groupLength != 3 { return .notANumber }
        // Fraction.
        if index < count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            if bytes[index] == UInt8(ascii: ","), !style.commaIsDecimal {
                return isDecimalCommaShape(bytes, commaAt: index) ? .decimalCommaWithCommaDelimiter : .notANumber
            }
            index += 1
            while index < count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                if accumulate(digit, &mantissa, &significantDigits, &droppedDigits) { exponent &-= 1 }
                digitCount += 1
                index += 1
            }
        }
        if digitCount == 0 { return .notANumber }
        // Exponent.
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                if written < 100_000 { written = written * 10 + Int(digit) }
                exponentDigits += 1
                index += 1
            }
            if exponentDigits == 0 { return .notANumber }
            exponent &+= exponentNegative ? -written : written
        }
        if index != count { return .notANumber }
        if hadPercent || percent == .alwaysDivides { exponent &-= 2 }

        if mantissa == 0 {
            value = 0
            return .number
        }
        if !droppedDigits, let magnitude = clinger(mantissa: mantissa, exponent: exponent) {
            value = negative ? -magnitude : magnitude
            return .number
        }
        guard let slow = slowParse(bytes, negative: negative, style: style,
                                   extraExponent: hadPercent || percent == .alwaysDivides ? -2 : 0) else {
            return .notANumber
        }
        guard slow.isFinite else { return .outOfRange }
        value = slow
        return .number
    }

    /// The cell with every Unicode minus or dash written as `-` and every space (no-break, narrow
    /// no-break, thin, figure, …) as an ASCII space, zero-width ones dropped; nil when another
    /// non-ASCII character remains (the cell is not a number).
    static func asciiSigns(_ bytes: UnsafeBufferPointer<UInt8>, isWindows1251: Bool) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 { out.append(byte); index += 1; continue }
            if isWindows1251 {
                switch byte {
                case 0x96, 0x97: out.append(UInt8(ascii: "-"))   // – —
                case 0xA0: out.append(UInt8(ascii: " "))
                default: return nil
                }
                index += 1
                continue
            }
            guard let (scalar, length) = utf8Scalar(bytes, at: index) else { return nil }
            index += length
            switch scalar {
            case 0x2212, 0x2010...0x2015, 0xFE58, 0xFE63, 0xFF0D, 0x02D7, 0x2796:
                out.append(UInt8(ascii: "-"))
            case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x1680:
                out.append(UInt8(ascii: " "))
            case 0xFF05, 0xFE6A:   // full-width and small percent signs
                out.append(UInt8(ascii: "%"))
            default:
                return nil
            }
        }
        return out
    }

    /// The Unicode scalar starting at `index` of valid UTF-8, and its length in bytes.
    static func utf8Scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0, index + length <= bytes.count else { return nil }
        var scalar = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        return (scalar, length)
    }

    /// The first character of a refused number cell that is neither ASCII nor a sign read as
    /// one, named for the message («₽», U+20BD); nil when every character is ASCII.
    static func oddCharacter(_ text: String) -> (character: String, code: String)? {
        // Only in a cell that looks like a number otherwise (digits, no letters): «12₽», «1’234».
        guard text.unicodeScalars.contains(where: { ("0"..."9").contains($0) }),
              !text.unicodeScalars.contains(where: { $0.properties.isAlphabetic && $0.value >= 0x80 }) else { return nil }
        for scalar in text.unicodeScalars where scalar.value >= 0x80 {
            return (String(scalar), "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))
        }
        return nil
    }

    /// Adds one digit to the mantissa, keeping at most 19 significant digits. Returns false when
    /// the digit had to be dropped (its place value then goes into the exponent); a leading zero
    /// is "kept" (it only shifts the decimal point).
    @inline(__always)
    private static func accumulate(_ digit: UInt8, _ mantissa: inout UInt64, _ significantDigits: inout Int,
                                   _ droppedDigits: inout Bool) -> Bool {
        if significantDigits == 0, digit == 0 { return true }
        if significantDigits < 19 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            significantDigits += 1
            return true
        }
        droppedDigits = true
        return false
    }

    /// Whether a comma-containing cell looks like a number with a decimal comma (`12,5`), to tell
    /// that mistake apart from plain junk.
    private static func isDecimalCommaShape(_ bytes: UnsafeBufferPointer<UInt8>, commaAt comma: Int) -> Bool {
        guard comma + 1 < bytes.count else { return false }
        var index = comma + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte &- UInt8(ascii: "0") >= 10 { return false }
            index += 1
        }
        return true
    }

    /// The slow, exact path: rewrites the number as plain ASCII (no separators, `.` as the
    /// decimal point) and lets Swift's parser round it.
    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>, negative: Bool, style: NumberStyle,
                                  extraExponent: Int) -> Double? {
        var text = negative ? "-" : ""
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index = 1 }
        var exponentPart = ""
        while index < bytes.count {
            let byte = bytes[index]
            if byte &- UInt8(ascii: "0") < 10 {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") {
                text += "."
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponentPart = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)...]), as: UTF8.self)
                break
            }
            index += 1
        }
        var exponent = Int(exponentPart) ?? 0
        if exponentPart.isEmpty == false, Int(exponentPart) == nil {
            // An exponent too long for Int: far outside Double's range either way.
            exponent = exponentPart.hasPrefix("-") ? -1_000_000 : 1_000_000
        }
        exponent = max(-1_000_000, min(1_000_000, exponent)) + extraExponent
        text += "e\(exponent)"
        return Double(text)
    }

    // MARK: Flags

    /// The accepted spellings of a flag, lower-case, with their truth.
    static let flagSpellings: [(spelling: String, truth: Truth)] = [
        ("да", .yes), ("нет", .no), ("д", .yes), ("н", .no),
        ("yes", .yes), ("no", .no), ("y", .yes), ("n", .no),
        ("true", .yes), ("false", .no), ("истина", .yes), ("ложь", .no),
        ("1", .yes), ("0", .no), ("+", .yes), ("-", .no),
    ]

    /// The accepted spellings for a message: `да/нет, д/н, yes/no, …`.
    static var flagSpellingList: String {
        stride(from: 0, to: flagSpellings.count, by: 2)
            .map { "\(flagSpellings[$0].spelling)/\(flagSpellings[$0 + 1].spelling)" }
            .joined(separator: ", ")
    }

    /// The truth of a trimmed, non-empty flag cell, or nil when it is not an accepted spelling.
    /// Case does not matter (Да, ДА, YES); nil also for bytes invalid in the encoding.
    static func flagTruth(_ bytes: UnsafeBufferPointer<UInt8>, encoding: TextEncoding) -> Truth? {
        guard bytes.count <= 24 else { return nil }
        var scalars = String.UnicodeScalarView()
        let valid = encoding.forEachScalar(bytes) { value in
            scalars.append(Unicode.Scalar(lowercasedScalar(value)) ?? "\u{FFFD}")
        }
        guard valid else { return nil }
        let text = String(scalars)
        return flagSpellings.first { $0.spelling == text }?.truth
    }

    /// Lower case for Latin and Cyrillic letters (enough for the flag spellings).
    @inline(__always)
    static func lowercasedScalar(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x41...0x5A: return value + 0x20          // A-Z
        case 0x410...0x42F: return value + 0x20        // А-Я
        case 0x400...0x40F: return value + 0x50        // Ѐ-Џ, Ё among them
        default: return value
        }
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
