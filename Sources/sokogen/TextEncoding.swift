// The two encodings the table can be written in: UTF-8, and Windows-1251 as Russian Excel saves
// CSV (the code page itself is the data reader's, in the Soko library).
import Soko

/// The character encoding of the output file.
enum OutputEncoding: Sendable {
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
            return Windows1251.encode(text)
        }
    }
}
