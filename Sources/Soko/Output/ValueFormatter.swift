// Values written for people: shares as percentages (`30,0 %` in Russian, `30.0%` in English),
// counts as whole numbers, other numbers with up to two decimals.

public struct ValueFormatter: Sendable {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    public func format(_ value: Value, type: ValueType) -> String {
        switch value {
        case .missing: return language == .ru ? "нет данных" : "no data"
        case .text(let text): return text
        case .flag(let b): return language == .ru ? (b ? "да" : "нет") : (b ? "yes" : "no")
        case .number(let x): return format(number: x, type: type)
        }
    }

    public func format(number x: Double, type: ValueType) -> String {
        format(number: x, type: type, extraDigits: 0)
    }

    /// With `extraDigits` more decimals than usual; trailing zeros beyond the usual ones are
    /// dropped (10,04 % with one extra digit, but 10,0 % for 10 %). Dates as `01.09.2024`
    /// (Russian) or `2024-09-01` (English).
    func format(number x: Double, type: ValueType, extraDigits: Int) -> String {
        switch type {
        case .date where x.isFinite && Swift.abs(x) < 3e6:
            return CalendarDates.format(x, language: language)
        case .share:
            var text = decimal(x * 100, digits: 1 + extraDigits)
            for _ in 0..<extraDigits where text.last == "0" { text.removeLast() }
            return language == .ru ? text + " %" : text + "%"
        case .count where x == x.rounded() && Swift.abs(x) < 1e15:
            return String(Int64(x))
        default:
            return trimmed(decimal(x, digits: 2 + extraDigits))
        }
    }

    /// Two values shown side by side (a value and the threshold it was compared with, or two
    /// places of one recommendation): when they would print alike although they differ (as
    /// comparisons see them, to 9 decimals), both get more digits until they print apart.
    public func formatApart(_ a: Value, _ typeA: ValueType, _ b: Value, _ typeB: ValueType) -> (String, String) {
        let plain = (format(a, type: typeA), format(b, type: typeB))
        guard plain.0 == plain.1, case .number(let x) = a, case .number(let y) = b,
              Decimals.comparable(x) != Decimals.comparable(y) else { return plain }
        for extra in 1...9 {
            let apart = (format(number: x, type: typeA, extraDigits: extra), format(number: y, type: typeB, extraDigits: extra))
            if apart.0 != apart.1 { return apart }
        }
        return plain
    }

    /// Fixed decimals, rounded half away from zero, with the language's decimal mark.
    func decimal(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return language == .ru ? "нет данных" : "no data" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (Swift.abs(x) * scale).rounded()
        guard scaled < 9e15 else { return String(x) }
        let whole = Int64(scaled) / Int64(scale)
        let fraction = Int64(scaled) % Int64(scale)
        var text = (x < 0 && scaled != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let fractionText = String(fraction)
            text += (language == .ru ? "," : ".") + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }

    func trimmed(_ text: String) -> String {
        let mark: Character = language == .ru ? "," : "."
        guard text.contains(mark) else { return text }
        var result = text
        while result.last == "0" { result.removeLast() }
        if result.last == mark { result.removeLast() }
        return result
    }
}
