// Text encodings of data files: detection (UTF-8, or which single-byte Cyrillic code page) and
// decoding of the few cells that need it. Numbers and flags in ASCII are read as bytes and never
// decoded. KOI8-R, CP866 and MacCyrillic files are transcoded to UTF-8 before they are read.

/// The encoding of a data file's text cells and headers.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8, with or without a byte order mark.
    case utf8
    /// Windows-1251 (cp1251), what a Russian Excel writes by default.
    case windows1251
    /// KOI8-R: Unix systems and old mail.
    case koi8r
    /// CP866: DOS, 1C and old accounting programs.
    case cp866
    /// MacCyrillic: Excel for Mac.
    case macCyrillic

    /// The encoding named on the command line (`--encoding`), in any usual spelling.
    public static func named(_ name: String) -> TextEncoding? {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "utf8": return .utf8
        case "cp1251", "windows1251", "win1251", "1251": return .windows1251
        case "koi8r", "koi8": return .koi8r
        case "cp866", "ibm866", "866", "dos", "alt": return .cp866
        case "maccyrillic", "xmaccyrillic", "mac", "cp10007": return .macCyrillic
        default: return nil
        }
    }

    /// The spelling `--encoding` takes.
    public var optionName: String {
        switch self {
        case .utf8: "utf-8"
        case .windows1251: "cp1251"
        case .koi8r: "koi8-r"
        case .cp866: "cp866"
        case .macCyrillic: "mac-cyrillic"
        }
    }

    /// The table of a single-byte code page; nil for UTF-8.
    var codePage: SingleByteCodePage? {
        switch self {
        case .utf8: nil
        case .windows1251: .windows1251
        case .koi8r: .koi8r
        case .cp866: .cp866
        case .macCyrillic: .macCyrillic
        }
    }
}

/// What the first bytes of a file say about its encoding.
struct EncodingDetection: Equatable {
    var encoding: TextEncoding
    /// How many bytes of byte order mark to skip (3 for a UTF-8 BOM, else 0).
    var bomLength: Int
    /// With a forced single-byte encoding: another code page in which the text reads as far
    /// more plausible Russian (the file is probably in that one).
    var suspected: TextEncoding? = nil
}

extension TextEncoding {
    /// How many bytes of the file's start are looked at to choose between UTF-8 and cp1251.
    static let detectionWindow = 64 * 1024

    /// Whether the prefix starts with a UTF-16 byte order mark (FF FE or FE FF): such files are
    /// not supported and are reported instead of being read as junk.
    static func startsWithUTF16BOM(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard prefix.count >= 2 else { return false }
        return (prefix[0] == 0xFF && prefix[1] == 0xFE) || (prefix[0] == 0xFE && prefix[1] == 0xFF)
    }

    /// Chooses the encoding from the start of a file. A BOM means UTF-8; otherwise the prefix is
    /// UTF-8 when it is valid UTF-8 (a sequence cut off at the end of the prefix counts as valid,
    /// since the prefix may end inside a character), and cp1251 when it is not. `forced`, when
    /// given, wins, but a UTF-8 BOM is still skipped.
    static func detect(prefix: UnsafeBufferPointer<UInt8>, isWholeFile: Bool,
                       forced: TextEncoding?) -> EncodingDetection {
        let hasBOM = prefix.count >= 3 && prefix[0] == 0xEF && prefix[1] == 0xBB && prefix[2] == 0xBF
        let window = UnsafeBufferPointer(rebasing: prefix[0..<min(prefix.count, detectionWindow)])
        if let forced {
            var detection = EncodingDetection(encoding: forced, bomLength: hasBOM && forced == .utf8 ? 3 : 0)
            if forced.codePage != nil, cyrillicUTF8Pairs(window) >= 4,
               UTF8Validation.validate(window, allowTruncatedEnd: !isWholeFile || prefix.count > detectionWindow) {
                // Russian text in valid UTF-8 read as a single-byte code page: «РЎСЂРµРґРЅРёР№».
                detection.suspected = .utf8
            } else if forced.codePage != nil {
                let best = bestCodePage(window)
                let bestScore = plausibility(window, best)
                if best != forced, plausibility(window, forced) + max(100, bestScore / 8) < bestScore { detection.suspected = best }
            }
            return detection
        }
        if hasBOM { return EncodingDetection(encoding: .utf8, bomLength: 3) }
        let cutOff = !isWholeFile || prefix.count > detectionWindow
        let valid = UTF8Validation.validate(window, allowTruncatedEnd: cutOff)
        // Invalid UTF-8 beside several well-formed UTF-8 Cyrillic letters is a file of mixed
        // encodings: read it as UTF-8, so that each cell that is not UTF-8 is an error naming its
        // row and column, rather than reading the UTF-8 letters as Windows-1251 mojibake.
        let mixed = !valid && cyrillicUTF8Pairs(window) >= 4
        return EncodingDetection(encoding: valid || mixed ? .utf8 : bestCodePage(window), bomLength: 0)
    }

    /// The single-byte code page in which the bytes read as the most plausible Russian;
    /// Windows-1251 (what a Russian Excel writes) unless another reads clearly better — by
    /// more than a few letters' worth, so that two stray bytes do not decide.
    static func bestCodePage(_ bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        let windows = plausibility(bytes, .windows1251)
        var best = TextEncoding.windows1251
        var bestScore = windows + 100
        for candidate in [TextEncoding.koi8r, .cp866, .macCyrillic] {
            let score = plausibility(bytes, candidate)
            if score > bestScore { best = candidate; bestScore = score }
        }
        return best
    }

    /// How much the bytes above 0x7F read as Russian text in a code page: each letter scores
    /// by how common it is (о, е, а … ъ), a capital right after a small letter («лПД») and a sign
    /// that is not typographic punctuation (box drawing, ∙, ╗) score against, and so, a little,
    /// does a capital after a capital (text is mostly in small letters; «ОО», «ВПР» are short).
    static func plausibility(_ bytes: UnsafeBufferPointer<UInt8>, _ encoding: TextEncoding) -> Int {
        guard let page = encoding.codePage else { return 0 }
        var score = 0
        var previousWasSmallLetter = false
        var previousWasCapital = false
        for byte in bytes {
            guard byte >= 0x80 else {
                previousWasSmallLetter = false
                previousWasCapital = false
                continue
            }
            let scalar = page.scalarValue(byte)
            let isCapital = (0x410...0x42F).contains(scalar) || scalar == 0x401
            let isSmall = (0x430...0x44F).contains(scalar) || scalar == 0x451
            if isCapital || isSmall {
                let small = isCapital ? (scalar == 0x401 ? 0x451 : scalar + 0x20) : scalar
                score += small == 0x451 ? 1 : Int(russianLetterWeight[Int(small - 0x430)])
                if isCapital && previousWasSmallLetter { score -= 40 }
                if isCapital && previousWasCapital { score -= 15 }
            } else if !typographic.contains(scalar) {
                score -= 30
            }
            previousWasSmallLetter = isSmall
            previousWasCapital = isCapital
        }
        return score
    }

    /// How common each letter а…я is in Russian text, per mille.
    private static let russianLetterWeight: [UInt8] = [
        80, 16, 45, 17, 30, 85, 9, 16, 74, 12, 35, 44, 32, 67, 110, 28,   // а … п
        47, 55, 63, 26, 3, 10, 5, 14, 7, 4, 1, 19, 17, 3, 6, 20,         // р … я
    ]

    /// Signs that Russian tables hold besides letters: NBSP, « », dashes, №, quotes, …, °.
    private static let typographic: Set<UInt32> = [0xA0, 0xAB, 0xBB, 0x2013, 0x2014, 0x2116, 0x201C, 0x201D, 0x201E, 0x2026, 0xB0, 0xB1, 0x2019, 0x2018]

    /// How many two-byte UTF-8 Cyrillic letters (D0/D1 followed by a continuation byte) the
    /// bytes hold. In Windows-1251 text the same pairs would be «Р»/«С» followed by a rare sign.
    static func cyrillicUTF8Pairs(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var pairs = 0
        var index = 0
        while index + 1 < bytes.count {
            if (bytes[index] == 0xD0 || bytes[index] == 0xD1), bytes[index + 1] & 0xC0 == 0x80 {
                pairs += 1
                index += 2
            } else {
                index += 1
            }
        }
        return pairs
    }
}

/// A strict UTF-8 validator over bytes (no overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// Whether `bytes` is valid UTF-8. With `allowTruncatedEnd`, an incomplete but so far valid
    /// sequence at the very end is accepted.
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                // ASCII, eight bytes at a time where it can.
                index += 1
                if let base = bytes.baseAddress {
                    while index + 8 <= count,
                          UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                        index += 8
                    }
                }
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            for offset in 1..<length {
                guard index + offset < count else { return allowTruncatedEnd }
                let byte = bytes[index + offset]
                if offset == 1 {
                    if byte < lower || byte > upper { return false }
                } else if byte & 0xC0 != 0x80 {
                    return false
                }
            }
            index += length
        }
        return true
    }
}

/// Windows-1251 to Unicode and back (the benchmark generator writes cp1251 with it).
public enum Windows1251 {
    /// Unicode scalar of each byte 0x80...0xFF (bytes below 0x80 are ASCII). 0x98 is unassigned
    /// in cp1251 and decodes to U+FFFD.
    static let upperHalf: [UInt16] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
        0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,  // 0x88
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
        0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,  // 0x98
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,  // 0xA0
        0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,  // 0xA8
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,  // 0xB0
        0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,  // 0xB8
        0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,  // 0xC0
        0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,  // 0xC8
        0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,  // 0xD0
        0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,  // 0xD8
        0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,  // 0xE0
        0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,  // 0xE8
        0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,  // 0xF0
        0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,  // 0xF8
    ]

    /// The Unicode scalar value of one cp1251 byte.
    @inline(__always)
    static func scalarValue(_ byte: UInt8) -> UInt32 {
        byte < 0x80 ? UInt32(byte) : UInt32(upperHalf[Int(byte) - 0x80])
    }

    /// The byte of each non-ASCII Unicode scalar the code page has.
    static let byteForScalar: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (offset, scalar) in upperHalf.enumerated() where scalar != 0xFFFD {
            table[UInt32(scalar)] = UInt8(0x80 + offset)
        }
        return table
    }()

    /// The cp1251 bytes of a text, or nil when a character has no byte in the code page.
    public static func encode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(scalar.value))
            } else if let byte = byteForScalar[scalar.value] {
                bytes.append(byte)
            } else {
                return nil
            }
        }
        return bytes
    }

    /// Decodes cp1251 bytes; every byte decodes, so this never fails.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            scalars.append(Unicode.Scalar(UInt16(scalarValue(byte))) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}

extension TextEncoding {
    /// Decodes bytes of this encoding, or nil when they are not valid in it (only UTF-8 can fail).
    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        switch self {
        case .utf8:
            // Checked here, then made by `String(decoding:as:)`, which finds nothing to repair: the
            // generic `String(validating:as:)` looks up type metadata on every call.
            return UTF8Validation.validate(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
        case .windows1251:
            return Windows1251.decode(bytes)
        default:
            return String(decoding: codePage?.transcodeToUTF8(bytes) ?? [], as: UTF8.self)
        }
    }

    /// Decodes for display in a message: invalid UTF-8 becomes U+FFFD instead of failing.
    func decodeForDisplay(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .utf8: return String(decoding: bytes, as: UTF8.self)
        case .windows1251: return Windows1251.decode(bytes)
        default: return decode(bytes) ?? ""
        }
    }

    /// Calls `body` with the Unicode scalar values of the bytes, at most `limit` of them; returns
    /// false when the bytes are not valid in this encoding. Used for short cells such as flags.
    func forEachScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt32) -> Void) -> Bool {
        switch self {
        case .windows1251, .koi8r, .cp866, .macCyrillic:
            guard let page = codePage else { return false }
            for byte in bytes { body(page.scalarValue(byte)) }
            return true
        case .utf8:
            guard UTF8Validation.validate(bytes) else { return false }
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            while case .scalarValue(let scalar) = decoder.decode(&iterator) { body(scalar.value) }
            return true
        }
    }
}
