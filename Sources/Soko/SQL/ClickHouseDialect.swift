// ClickHouse: nullable columns, `join_use_nulls` so that an unmatched LEFT JOIN gives NULL
// (not 0 or ''), precise float parsing, backslash escapes in strings, `intDiv`.

/// The ClickHouse dialect.
public struct ClickHouseDialect: SQLDialect {
    public init() {}
    public var name: SQLDialectName { .clickhouse }
    public var doubleType: String { "Nullable(Float64)" }
    public var textType: String { "Nullable(String)" }
    public var booleanType: String { "Nullable(Bool)" }
    public var integerType: String { "Nullable(Int64)" }
    public var prelude: [String] {
        ["SET join_use_nulls = 1", "SET precise_float_parsing = 1", "SET max_subquery_depth = 100000", "SET max_ast_depth = 100000",
         "SET max_query_size = 100000000", "SET max_ast_elements = 10000000", "SET max_expanded_ast_elements = 10000000"]
    }
    public func quote(_ identifier: String) -> String { "`" + identifier.replacingAll("\\", with: "\\\\").replacingAll("`", with: "\\`") + "`" }
    public func string(_ text: String) -> String { backslashString(text) }
    public func number(_ x: Double) -> String { "toFloat64(\(backslashString(shortest(x))))" }
    public func integerDivide(_ a: String, _ b: String) -> String { "intDiv(\(a), \(b))" }
    public func digits(_ integer: String) -> String { "toString(\(integer))" }

    /// The file table function reads every column as a nullable string; Windows-1251 is
    /// converted with convertCharset.
    public func load(file: SQLSourceFile, staging: String, table: String, conversions: [String]) -> Result<String, SQLLoadProblem> {
        let structure = file.header.indices.map { "c\($0 + 1) Nullable(String)" }.joined(separator: ", ")
        let delimiter = string(String(UnicodeScalar(file.delimiter)))
        var source = "file(\(string(file.path)), 'CSV', \(string(structure)))"
        if file.encoding == .windows1251 {
            let converted = file.header.indices.map { "convertCharset(c\($0 + 1), 'windows-1251', 'utf-8') AS c\($0 + 1)" }
            source = "(SELECT \(converted.joined(separator: ", ")) FROM \(source))"
        }
        return .success("""
            DROP TABLE IF EXISTS \(quote(table));
            CREATE TABLE \(quote(table)) ENGINE = MergeTree ORDER BY tuple() AS
              SELECT \(conversions.joined(separator: ",\n    "))
              FROM \(source)
              SETTINGS format_csv_delimiter = \(delimiter), input_format_csv_skip_first_lines = 1;

            """)
    }

    /// `avgOrNull`, `sumOrNull`, …: ClickHouse's avg over no value is NaN.
    public func windowAggregate(_ name: String) -> String { name.lowercased() + "OrNull" }
    /// ClickHouse converts the value under a NULL too (0 / 0 = NaN there): a cast that cannot
    /// fail.
    public func integer(_ sql: String) -> String { "accurateCastOrNull(\(sql), 'Int64')" }
    public func onlyValue(_ sql: String, type: ValueType) -> String { "maxOrNull(\(sql))" }

    public var materializesJoinedSteps: Bool { true }

    public func parseNumber(_ text: String) -> String { "toFloat64OrNull(\(text))" }

    public func date(days: String) -> String { "addDays(toDate32('1970-01-01'), accurateCastOrNull(\(days), 'Int32'))" }
    public func days(date: String) -> String { "toFloat64(dateDiff('day', toDate32('1970-01-01'), \(date)))" }
    public func makeDate(_ year: String, _ month: String, _ day: String) -> String {
        "makeDate32(accurateCastOrNull(\(year), 'Int32'), accurateCastOrNull(\(month), 'Int32'), accurateCastOrNull(\(day), 'Int32'))"
    }
    public func formatDate(_ date: String, russian: Bool) -> String { "formatDateTime(\(date), '\(russian ? "%d.%m.%Y" : "%Y-%m-%d")')" }
    public func regexGroup(_ text: String, _ pattern: String, _ group: Int) -> String {
        "nullIf(extractGroups(\(text), \(string(pattern)))[\(group)], '')"
    }
}
