// Dates and school-year periods as exports write them. A date is stored as a number: days since
// 1970-01-01 (proleptic Gregorian calendar). Texts are normalised to NFC once, at read time.
import Foundation

/// Dates written `01.09.2024`, `1.9.2024`, `2024-09-01` (an optional time ` 0:00:00` after
/// them is ignored), Excel day numbers, and periods written as school years.
public enum CalendarDates {
    /// Days from 1970-01-01 to the given day (proleptic Gregorian), or nil for an impossible date.
    public static func days(year: Int, month: Int, day: Int) -> Double? {
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), (1...9999).contains(year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Double(era * 146097 + dayOfEra - 719468)
    }

    /// Year, month and day of a day number.
    public static func civil(_ days: Double) -> (year: Int, month: Int, day: Int) {
        let z = Int(days.rounded(.down)) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Excel's day 25569 is 1970-01-01 (the 1900 system, with its phantom 29 February 1900).
    static let excelEpoch = 25569.0

    /// A date cell: `dd.mm.yyyy`, `d.m.yyyy`, `yyyy-mm-dd`, optionally followed by a time, or
    /// (when `excelNumbers`) an Excel day number such as `45536` (2024-09-01).
    public static func parse(_ text: String, excelNumbers: Bool = true) -> Double? {
        var text = Substring(text.trimmingCharacters(in: .whitespaces))
        if let space = text.firstIndex(of: " ") {
            // `01.09.2024 0:00:00`: a time after the date, as Excel exports it, is ignored.
            let time = text[text.index(after: space)...]
            guard time.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") }), time.contains(":") else { return nil }
            text = text[..<space]
        }
        let dotted = text.split(separator: ".", omittingEmptySubsequences: false)
        if dotted.count == 3, let d = Int(dotted[0]), let m = Int(dotted[1]), let y = Int(dotted[2]),
           dotted[0].count <= 2, dotted[1].count <= 2, dotted[2].count == 4 {
            return days(year: y, month: m, day: d)
        }
        let dashed = text.split(separator: "-", omittingEmptySubsequences: false)
        if dashed.count == 3, let y = Int(dashed[0]), let m = Int(dashed[1]), let d = Int(dashed[2]),
           dashed[0].count == 4, dashed[1].count <= 2, dashed[2].count <= 2 {
            return days(year: y, month: m, day: d)
        }
        if excelNumbers, text.allSatisfy({ $0.isASCII && $0.isNumber }), let serial = Double(text), serial >= 61, serial < 2958466 {
            return serial - excelEpoch
        }
        return nil
    }

    /// `dd.mm.yyyy` (Russian) or `yyyy-mm-dd` (English).
    public static func format(_ days: Double, language: Language) -> String {
        let (y, m, d) = civil(days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return language == .ru ? "\(two(d)).\(two(m)).\(y)" : "\(y)-\(two(m))-\(two(d))"
    }

    /// A period written as a school year — `2015-2016`, `2015/16`, `2015/2016` (also with `–`) —
    /// as the calendar year in which it ends (2016): ВПР, ОГЭ and ЕГЭ are written then.
    public static func schoolYear(_ text: String) -> Int? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "–" }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, parts[0].count == 4, let first = Int(parts[0]), parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        switch parts[1].count {
        case 4: return Int(parts[1]) == first + 1 ? first + 1 : nil
        case 2: return Int(parts[1]) == (first + 1) % 100 ? first + 1 : nil
        default: return nil
        }
    }
}

/// Text equality is that of Unicode's canonical composition (NFC): `й` as one code point and
/// `и` + U+0306 are the same text everywhere — in `=`, `in`, `by`, keys and reports.
public enum TextNormalization {
    /// The NFC form of a text.
    public static func nfc(_ text: String) -> String {
        text.unicodeScalars.allSatisfy({ $0.value < 0x300 }) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// True when UTF-8 bytes hold a combining mark (U+0300…U+036F, U+1AB0…U+1AFF,
    /// U+1DC0…U+1DFF, U+20D0…U+20FF, U+FE20…U+FE2F) or a Hangul jamo, so that their NFC form
    /// may differ. Most cells hold none (`№`, `«»`, `–` are not marks): one pass over the bytes,
    /// done once per distinct text.
    static func mayNeedComposition(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte < 0xCC { index += 1; continue }
            let second: UInt8 = index + 1 < count ? bytes[index + 1] : 0
            let third: UInt8 = index + 2 < count ? bytes[index + 2] : 0
            switch byte {
            case 0xCC: return true
            case 0xCD where second < 0xB0: return true
            case 0xE1 where (0x84...0x87).contains(second) || second == 0xAA || second == 0xAB || second == 0xB7: return true
            case 0xE2 where second == 0x83 && third >= 0x90: return true
            case 0xEF where second == 0xB8 && (0xA0...0xAF).contains(third): return true
            default: index += 1
            }
        }
        return false
    }

    /// The NFC form of UTF-8 bytes that `mayNeedComposition`: the Cyrillic letters written with
    /// a combining mark (й Й ё Ё ў Ў ї Ї) are composed byte by byte; anything else goes through
    /// Foundation's composition.
    static func nfc(utf8 bytes: UnsafeBufferPointer<UInt8>, decoded: String) -> String {
        // (base, mark) → composed, as UTF-8 pairs: и+◌̆ й, И+◌̆ Й, е+◌̈ ё, Е+◌̈ Ё, у+◌̆ ў, У+◌̆ Ў, і+◌̈ ї, І+◌̈ Ї.
        let pairs: [(UInt16, UInt16, UInt16)] = [
            (0xD0B8, 0xCC86, 0xD0B9), (0xD098, 0xCC86, 0xD099), (0xD0B5, 0xCC88, 0xD191), (0xD095, 0xCC88, 0xD081),
            (0xD183, 0xCC86, 0xD19E), (0xD0A3, 0xCC86, 0xD08E), (0xD196, 0xCC88, 0xD197), (0xD086, 0xCC88, 0xD087),
        ]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + 3 < bytes.count {
                let base = UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
                let mark = UInt16(bytes[index + 2]) << 8 | UInt16(bytes[index + 3])
                if let pair = pairs.first(where: { $0.0 == base && $0.1 == mark }) {
                    out += [UInt8(pair.2 >> 8), UInt8(pair.2 & 0xFF)]
                    index += 4
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        let composed = out.withUnsafeBufferPointer { mayNeedComposition($0) }
        return composed ? decoded.precomposedStringWithCanonicalMapping : String(decoding: out, as: UTF8.self)
    }
}
