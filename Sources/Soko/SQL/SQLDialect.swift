import Foundation

// What differs between the SQL engines `soko sql` writes for: quoting, literals, types, integer
// division, text ordering, a few function names and how a CSV file is loaded. Everything that
// is Soko's meaning (Kleene logic, missing on x / 0, `prev` by period, exact quantiles, halves
// away from zero) is written once, in SQLCompiler, from portable pieces these hooks supply.

/// The engines `soko sql` compiles for.
public enum SQLDialectName: String, Sendable, CaseIterable {
    case duckdb, postgres, clickhouse, spark

    /// The dialect's hooks.
    public var dialect: any SQLDialect {
        switch self {
        case .duckdb: DuckDBDialect()
        case .postgres: PostgresDialect()
        case .clickhouse: ClickHouseDialect()
        case .spark: SparkDialect()
        }
    }
}

/// How one engine spells the portable pieces the compiler uses.
public protocol SQLDialect: Sendable {
    var name: SQLDialectName { get }
    /// The engine's double-precision, text, boolean and 64-bit integer types.
    var doubleType: String { get }
    var textType: String { get }
    var booleanType: String { get }
    var integerType: String { get }
    /// Statements run before the script (settings that make the engine follow SQL's NULLs).
    var prelude: [String] { get }
    /// An identifier, quoted.
    func quote(_ identifier: String) -> String
    /// A text literal.
    func string(_ text: String) -> String
    /// A double literal, exactly the double `x` (never a DECIMAL/NUMERIC literal).
    func number(_ x: Double) -> String
    /// Integer division of two whole non-negative BIGINTs.
    func integerDivide(_ a: String, _ b: String) -> String
    /// A BIGINT as decimal digits.
    func digits(_ integer: String) -> String
    /// An ORDER BY term for text in byte order.
    func byteOrder(_ text: String) -> String
    /// The aggregate that returns the only value of a one-row window frame, for a value of the
    /// given type (MAX where the engine has it for that type).
    func onlyValue(_ sql: String, type: ValueType) -> String
    /// The name a dataset column has in the engine's table (its CSV header, possibly shortened
    /// where the engine's identifiers are limited).
    func columnName(_ header: String) -> String
    /// `LEFT JOIN` of a CTE (some engines need a keyword or setting to give NULLs).
    var leftJoin: String { get }
    /// Statements that read a CSV file as text columns `c1`, `c2`, … (staging) and create
    /// `table` from the conversions (each already `… AS name`).
    func load(file: SQLSourceFile, staging: String, table: String, conversions: [String]) -> Result<String, SQLLoadProblem>
    /// Text to a double, NULL when it is not a number (for `--load`).
    func parseNumber(_ text: String) -> String
    /// An aggregate's name as a window function that gives NULL, not NaN or 0, over no value.
    func windowAggregate(_ name: String) -> String
    /// `AS` before a step's query (PostgreSQL materializes each step: planning a long chain of
    /// inlined steps takes longer than running it).
    var stepKeyword: String { get }
    /// Steps are temporary tables, not common table expressions, when levels join chains (an
    /// engine that inlines each reference of a step would copy a chain into every join).
    var materializesJoinedSteps: Bool { get }
    /// A whole double as a BIGINT.
    func integer(_ sql: String) -> String
    /// The calendar date of a number of days since 1970-01-01 (a whole number).
    func date(days: String) -> String
    /// A calendar date as days since 1970-01-01.
    func days(date: String) -> String
    /// `make_date(y, m, d)` of whole numbers.
    func makeDate(_ year: String, _ month: String, _ day: String) -> String
    /// A date as `01.09.2024` (Russian) or `2024-09-01` (English).
    func formatDate(_ date: String, russian: Bool) -> String
    /// The n-th group of a regular expression's match in a text, NULL when it does not match.
    func regexGroup(_ text: String, _ pattern: String, _ group: Int) -> String
}

extension SQLDialect {
    public var leftJoin: String { "LEFT JOIN" }
    public func windowAggregate(_ name: String) -> String { name }
    public var stepKeyword: String { "AS" }
    public var materializesJoinedSteps: Bool { false }
    public func date(days: String) -> String { "(DATE '1970-01-01' + CAST(\(days) AS INTEGER))" }
    public func days(date: String) -> String { "CAST(\(date) - DATE '1970-01-01' AS \(doubleType))" }
    public func makeDate(_ year: String, _ month: String, _ day: String) -> String {
        "MAKE_DATE(CAST(\(year) AS INTEGER), CAST(\(month) AS INTEGER), CAST(\(day) AS INTEGER))"
    }
    public func integer(_ sql: String) -> String { cast(sql, integerType) }
    public var prelude: [String] { [] }
    public func columnName(_ header: String) -> String { header }
    public func onlyValue(_ sql: String, type: ValueType) -> String { "MAX(\(sql))" }
    public func byteOrder(_ text: String) -> String { text }

    /// `CAST(x AS type)`.
    public func cast(_ sql: String, _ type: String) -> String { "CAST(\(sql) AS \(type))" }

    /// A NULL of the type of a Soko value type.
    public func null(_ type: ValueType) -> String {
        switch type {
        case .text: cast("NULL", textType)
        case .flag: cast("NULL", booleanType)
        default: cast("NULL", doubleType)
        }
    }

    /// The type of a column holding values of the given Soko type.
    public func sqlType(_ type: ValueType) -> String {
        switch type {
        case .text: textType
        case .flag: booleanType
        default: doubleType
        }
    }

    /// `'text'` with single quotes doubled (standard SQL; engines with backslash escapes
    /// override `string`).
    func standardString(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "''") + "'"
    }

    /// `'text'` with backslashes and quotes escaped by a backslash.
    func backslashString(_ text: String) -> String {
        "'" + text.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
    }

    /// The shortest decimal text that reads back as `x` (Swift's description), as a string
    /// the engine casts to its double type.
    func castNumber(_ x: Double) -> String {
        "CAST('\(shortest(x))' AS \(doubleType))"
    }

    func shortest(_ x: Double) -> String {
        if x == x.rounded(), Swift.abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}

extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
