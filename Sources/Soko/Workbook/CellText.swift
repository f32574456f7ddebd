// A workbook cell as the text a person sees in Excel, in the form the CSV cell reader takes:
// numbers in plain decimals (never `3.90301E+11`), percent-styled numbers with a `%`, dates as
// `dd.mm.yyyy`, booleans as true/false.

enum CellText {
    /// The text of `cell`; `uses1904Dates` for day numbers of old Mac workbooks.
    static func text(_ cell: SheetCell, uses1904Dates: Bool = false) -> String {
        switch cell {
        case .empty: return ""
        case .text(let text): return text
        case .flag(let value): return value ? "true" : "false"
        case .error(let code): return code
        case .number(let value, let look):
            switch look {
            case .plain: return plain(value)
            case .percent: return plain(value, shift: 2) + "%"
            case .date: return date(value, uses1904Dates: uses1904Dates) ?? plain(value)
            }
        }
    }

    /// The shortest decimal that reads back as `value`, times 10^shift, without an exponent:
    /// 390301000123 → `390301000123`, 4.62e-05 → `0.0000462`.
    static func plain(_ value: Double, shift: Int = 0) -> String {
        guard value.isFinite else { return "" }
        if value == 0 { return "0" }
        // Fast paths: whole numbers, and plain decimals Swift prints without an exponent.
        if shift == 0 {
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            let description = "\(value)"
            if !description.utf8.contains(UInt8(ascii: "e")) { return description }
        }
        // Swift prints the shortest round-tripping form: `0.462`, `1e-05`, `3.90301000123e+11`.
        var description = "\(abs(value))"
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(description[description.index(after: e)...]) ?? 0
            description = String(description[..<e])
        }
        var digits = ""
        var pointAt = description.count
        for (offset, character) in description.enumerated() {
            if character == "." { pointAt = offset } else { digits.append(character) }
        }
        // value = 0.digits × 10^(pointAt + exponent + shift)
        var point = pointAt + exponent + shift
        while digits.hasPrefix("0"), digits.count > 1 { digits.removeFirst(); point -= 1 }
        while digits.hasSuffix("0"), digits.count > 1, digits.count > point { digits.removeLast() }
        var result: String
        if point <= 0 {
            result = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            result = digits + String(repeating: "0", count: point - digits.count)
        } else {
            let index = digits.index(digits.startIndex, offsetBy: point)
            result = digits[..<index] + "." + digits[index...]
        }
        if result.contains(".") {
            while result.hasSuffix("0") { result.removeLast() }
            if result.hasSuffix(".") { result.removeLast() }
        }
        return (value < 0 ? "-" : "") + result
    }

    /// A day number as `dd.mm.yyyy` (with ` hh:mm:ss` when it has a time of day); nil outside
    /// years 1900…9999. Excel's 1900 system counts 1900-02-29, which never was: day 60.
    static func date(_ serial: Double, uses1904Dates: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let day = serial.rounded(.down)
        var days = Int(day)
        // Days from 1970-01-01.
        if uses1904Dates {
            days += -24107
        } else {
            if days < 61 { days += 1 }
            days += -25569
        }
        let (year, month, dayOfMonth) = civil(days)
        var text = two(dayOfMonth) + "." + two(month) + "." + String(year)
        let seconds = Int(((serial - day) * 86400).rounded())
        if seconds > 0, seconds < 86400 {
            text += " " + two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60)
        }
        return text
    }

    /// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar
    /// (H. Hinnant's civil_from_days).
    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
