// DuckDB: standard strings, DOUBLE, `//` for integer division, byte-order text by default.

/// The DuckDB dialect.
public struct DuckDBDialect: SQLDialect {
    public init() {}
    public var name: SQLDialectName { .duckdb }
    public var doubleType: String { "DOUBLE" }
    public var textType: String { "VARCHAR" }
    public var booleanType: String { "BOOLEAN" }
    public var integerType: String { "BIGINT" }
    public func quote(_ identifier: String) -> String { "\"" + identifier.replacingAll("\"", with: "\"\"") + "\"" }
    public func string(_ text: String) -> String { standardString(text) }
    public func number(_ x: Double) -> String { castNumber(x) }
    public func integerDivide(_ a: String, _ b: String) -> String { "(\(a) // \(b))" }
    public func digits(_ integer: String) -> String { "CAST(\(integer) AS VARCHAR)" }

    public func load(file: SQLSourceFile, staging: String, table: String, conversions: [String]) -> Result<String, SQLLoadProblem> {
        guard file.encoding == .utf8 else {
            return .failure(SQLLoadProblem(message: Message(
                ru: "DuckDB не читает Windows-1251 без расширения encodings: перекодируйте файл (iconv -f cp1251 -t utf-8 \(file.path))",
                en: "DuckDB reads Windows-1251 only with its encodings extension: convert the file first (iconv -f cp1251 -t utf-8 \(file.path))")))
        }
        let names = file.header.indices.map { "'c\($0 + 1)'" }.joined(separator: ", ")
        let delimiter = string(String(UnicodeScalar(file.delimiter)))
        return .success("""
            CREATE OR REPLACE TABLE \(quoteTable(table)) AS
              SELECT \(conversions.joined(separator: ",\n    "))
              FROM read_csv(\(string(file.path)), delim = \(delimiter), header = true, all_varchar = true, quote = '"', escape = '"', names = [\(names)], null_padding = true);

            """)
    }

    public func formatDate(_ date: String, russian: Bool) -> String { "STRFTIME(\(date), '\(russian ? "%d.%m.%Y" : "%Y-%m-%d")')" }
    public func regexGroup(_ text: String, _ pattern: String, _ group: Int) -> String {
        "NULLIF(REGEXP_EXTRACT(\(text), \(string(pattern)), \(group)), '')"
    }
}
