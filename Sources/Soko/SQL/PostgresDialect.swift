// PostgreSQL: NUMERIC literals and integer `/` are avoided (every number is DOUBLE PRECISION),
// text is ordered with COLLATE "C" (byte order), BOOL_OR stands for MAX on booleans, and
// identifiers longer than 63 bytes are shortened the same way by `--load` and the query.

/// The PostgreSQL dialect.
public struct PostgresDialect: SQLDialect {
    public init() {}
    public var name: SQLDialectName { .postgres }
    public var doubleType: String { "DOUBLE PRECISION" }
    public var textType: String { "TEXT" }
    public var booleanType: String { "BOOLEAN" }
    public var integerType: String { "BIGINT" }
    public func quote(_ identifier: String) -> String { "\"" + identifier.replacingAll("\"", with: "\"\"") + "\"" }
    public func string(_ text: String) -> String { standardString(text) }
    public func number(_ x: Double) -> String { castNumber(x) }
    public func integerDivide(_ a: String, _ b: String) -> String { "(\(a) / \(b))" }
    public func digits(_ integer: String) -> String { "CAST(\(integer) AS TEXT)" }
    public var stepKeyword: String { "AS MATERIALIZED" }
    public func byteOrder(_ text: String) -> String { "\(text) COLLATE \"C\"" }
    public func onlyValue(_ sql: String, type: ValueType) -> String {
        type == .flag ? "BOOL_OR(\(sql))" : "MAX(\(sql))"
    }

    /// PostgreSQL cuts identifiers at 63 bytes; two long headers can share their first 63
    /// bytes. A longer header becomes its first 50 bytes (whole characters), `~` and 8 hex
    /// digits of its FNV-1a hash.
    public func columnName(_ header: String) -> String {
        guard header.utf8.count > 63 else { return header }
        var prefix = ""
        for character in header {
            if prefix.utf8.count + String(character).utf8.count > 50 { break }
            prefix.append(character)
        }
        var hash: UInt32 = 2_166_136_261
        for byte in header.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hex = String(hash, radix: 16)
        return prefix + "~" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// psql's `\\copy` reads the file on the client (no server file access needed); COPY
    /// converts Windows-1251 itself.
    public func load(file: SQLSourceFile, staging: String, table: String, conversions: [String]) -> Result<String, SQLLoadProblem> {
        let columns = file.header.indices.map { "c\($0 + 1) TEXT" }.joined(separator: ", ")
        let delimiter = string(String(UnicodeScalar(file.delimiter)))
        let encoding = file.encoding == .utf8 ? "UTF8" : "WIN1251"
        return .success("""
            DROP TABLE IF EXISTS \(staging);
            CREATE TEMP TABLE \(staging) (\(columns));
            \\copy \(staging) FROM \(string(file.path)) WITH (FORMAT csv, HEADER true, DELIMITER \(delimiter), ENCODING '\(encoding)')
            DROP TABLE IF EXISTS \(quoteTable(table));
            CREATE TABLE \(quoteTable(table)) AS
              SELECT \(conversions.joined(separator: ",\n    "))
              FROM \(staging);

            """)
    }

    /// PostgreSQL has no TRY_CAST: a number is cast only when it looks like one.
    public func parseNumber(_ text: String) -> String {
        "CASE WHEN \(text) ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$' THEN CAST(\(text) AS DOUBLE PRECISION) END"
    }

    public func formatDate(_ date: String, russian: Bool) -> String { "TO_CHAR(\(date), '\(russian ? "DD.MM.YYYY" : "YYYY-MM-DD")')" }
    public func regexGroup(_ text: String, _ pattern: String, _ group: Int) -> String {
        "(REGEXP_MATCH(\(text), \(string(pattern))))[\(group)]"
    }
}
