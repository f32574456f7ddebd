// The types the checker gives every expression, and the runtime scalar value.

/// The type of a value. Numbers carry a unit so that the checker can catch a count compared
/// with a percentage, and reports can print shares as percentages.
public enum ValueType: String, Sendable, Hashable, Codable {
    /// A plain number (a mean score, a ratio that is not a share).
    case number
    /// A whole number of people or things.
    case count
    /// A fraction from 0 to 1, shown as a percentage.
    case share
    /// A yes/no value (three-valued: unknown when data is missing).
    case flag
    case text
    /// A calendar day, held as days since 1970-01-01: date ± number is a date, date − date a
    /// number of days; dates compare with dates.
    case date
    /// The type of `missing`: fits anywhere.
    case any

    public var isNumeric: Bool { self == .number || self == .count || self == .share || self == .any }

    /// The type of a column of the given data type.
    public init(_ columnType: ColumnType) {
        switch columnType {
        case .number: self = .number
        case .count: self = .count
        case .share, .percent: self = .share
        case .flag: self = .flag
        case .text: self = .text
        case .date: self = .date
        }
    }

    /// The type both branches of `if` (or the arguments of `coalesce`) can share, if any.
    public func unified(with other: ValueType) -> ValueType? {
        if self == other { return self }
        if self == .any { return other }
        if other == .any { return self }
        if isNumeric && other.isNumeric { return .number }
        return nil
    }
}

/// The severity scale of rules, lowest first. `positive` (good practice) and `info` (a
/// classification) are not risks: they never make an entity flagged and `--fail-on` ignores
/// them; they sort below every risk.
public enum Severity: Int, Sendable, Comparable, CaseIterable, Codable {
    case positive = -1, info = 0
    case low = 1, medium, high, critical

    /// True for the risk levels low … critical.
    public var isRisk: Bool { rawValue >= Severity.low.rawValue }

    /// The risk levels, lowest first.
    public static let risks: [Severity] = allCases.filter(\.isRisk)

    public static func < (left: Severity, right: Severity) -> Bool { left.rawValue < right.rawValue }

    public var english: String {
        switch self {
        case .positive: "positive"
        case .info: "info"
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .critical: "critical"
        }
    }

    public var russian: String {
        switch self {
        case .positive: "положительный"
        case .info: "информационный"
        case .low: "низкий"
        case .medium: "средний"
        case .high: "высокий"
        case .critical: "критический"
        }
    }

    public func name(_ language: Language) -> String { language == .ru ? russian : english }

    /// A severity by its word in either language, ignoring case.
    public static func named(_ word: String) -> Severity? {
        let lower = word.lowercased()
        return allCases.first { $0.english == lower || $0.russian == lower }
    }
}

extension ColumnType {
    /// The Russian word for the type, as written in a dataset declaration.
    public var russian: String {
        switch self {
        case .number: "число"
        case .count: "количество"
        case .share: "доля"
        case .percent: "процент"
        case .flag: "флаг"
        case .text: "текст"
        case .date: "дата"
        }
    }

    public func name(_ language: Language) -> String { language == .ru ? russian : rawValue }

    /// A column type by its word in either language, ignoring case.
    public static func named(_ word: String) -> ColumnType? {
        let lower = word.lowercased()
        return allCases.first { $0.rawValue == lower || $0.russian == lower }
    }
}

/// A single value: a parameter, a constant, or one cell of an evaluated column.
public enum Value: Sendable, Hashable {
    case number(Double)
    case text(String)
    case flag(Bool)
    case missing
}
