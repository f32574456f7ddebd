// The two encodings the table can be written in: UTF-8, and Windows-1251 as Russian Excel saves CSV.

/// The character encoding of the output file.
enum TextEncoding: Sendable {
    /// Unicode as UTF-8, without a byte-order mark.
    case utf8
    /// Windows-1251 (code page 1251), the single-byte Cyrillic code page of Russian Windows.
    case windows1251

    /// Accepts the spellings people type: `utf-8`, `utf8`, `cp1251`, `windows-1251`, `1251`.
    init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "cp1251", "windows-1251", "windows1251", "1251": self = .windows1251
        default: return nil
        }
    }

    /// The bytes of `text`, or nil if a character has no byte in this encoding.
    func encode(_ text: String) -> [UInt8]? {
        switch self {
        case .utf8:
            return Array(text.utf8)
        case .windows1251:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.unicodeScalars.count)
            for scalar in text.unicodeScalars {
                if scalar.value < 0x80 {
                    bytes.append(UInt8(scalar.value))
                } else if let byte = Windows1251.byteForScalar[scalar.value] {
                    bytes.append(byte)
                } else {
                    return nil
                }
            }
            return bytes
        }
    }
}

/// The Windows-1251 code page: bytes 0x00–0x7F are ASCII, the upper half is this table.
enum Windows1251 {
    /// The Unicode scalar of each byte 0x80…0xFF, in byte order; 0 marks 0x98, which the code
    /// page leaves undefined.
    static let upperHalf: [UInt32] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
        0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,  // 0x88
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
        0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,  // 0x98
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

    /// The reverse of `upperHalf`: the byte that stands for a Unicode scalar.
    static let byteForScalar: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (offset, scalar) in upperHalf.enumerated() where scalar != 0 {
            table[scalar] = UInt8(0x80 + offset)
        }
        return table
    }()
}
