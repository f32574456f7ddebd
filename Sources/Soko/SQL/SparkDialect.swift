// Spark SQL: backquoted identifiers, backslash escapes in strings, `div` for integer division;
// text compares by UTF-8 bytes already.

/// The Spark SQL dialect.
public struct SparkDialect: SQLDialect {
    public init() {}
    public var name: SQLDialectName { .spark }
    public var doubleType: String { "DOUBLE" }
    public var textType: String { "STRING" }
    public var booleanType: String { "BOOLEAN" }
    public var integerType: String { "BIGINT" }
    public func quote(_ identifier: String) -> String { "`" + identifier.replacingAll("`", with: "``") + "`" }
    public func string(_ text: String) -> String { backslashString(text) }
    public func number(_ x: Double) -> String { castNumber(x) }
    public func integerDivide(_ a: String, _ b: String) -> String { "(\(a) div \(b))" }
    public func digits(_ integer: String) -> String { "CAST(\(integer) AS STRING)" }

    /// A temporary view over the file with every column a string (UTF-8).
    public func load(file: SQLSourceFile, staging: String, table: String, conversions: [String]) -> Result<String, SQLLoadProblem> {
        guard file.encoding == .utf8 else {
            // Spark 4's CSV reader accepts only ISO-8859-1, US-ASCII and the UTF encodings.
            return .failure(SQLLoadProblem(message: Message(
                ru: "Spark не читает Windows-1251: перекодируйте файл (iconv -f cp1251 -t utf-8 \(file.path))",
                en: "Spark does not read Windows-1251: convert the file first (iconv -f cp1251 -t utf-8 \(file.path))")))
        }
        let columns = file.header.indices.map { "c\($0 + 1) STRING" }.joined(separator: ", ")
        let delimiter = string(String(UnicodeScalar(file.delimiter)))
        return .success("""
            CREATE OR REPLACE TEMPORARY VIEW \(staging) (\(columns)) USING csv
              OPTIONS (path \(string(file.path)), header 'true', sep \(delimiter), encoding 'UTF-8', quote '"', escape '"', mode 'PERMISSIVE');
            CREATE OR REPLACE TEMPORARY VIEW \(quoteTable(table)) AS
              SELECT \(conversions.joined(separator: ",\n    "))
              FROM \(staging);

            """)
    }

    public func date(days: String) -> String { "DATE_ADD(DATE'1970-01-01', CAST(\(days) AS INT))" }
    public func days(date: String) -> String { "CAST(DATEDIFF(\(date), DATE'1970-01-01') AS DOUBLE)" }
    public func formatDate(_ date: String, russian: Bool) -> String { "DATE_FORMAT(\(date), '\(russian ? "dd.MM.yyyy" : "yyyy-MM-dd")')" }
    public func regexGroup(_ text: String, _ pattern: String, _ group: Int) -> String {
        "NULLIF(REGEXP_EXTRACT(\(text), \(string(pattern)), \(group)), '')"
    }
}
