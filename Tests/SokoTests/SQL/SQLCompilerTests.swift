// soko sql: what the compiled SQL says (dialect spellings, readable steps, diagnostics, load
// statements). SQLEngineTests runs it in the engines.
import Foundation
import Testing
@testable import Soko

@Suite struct SQLCompilerTests {
    static let rules = """
    dataset schools { key id  period year  column g: text  column a: count  column b: count  column f: flag }
    indicator share_ab "Доля a от b" = a / b
    rule jump "Рост" {
      when share_ab - prev(share_ab) > 10%
      require b >= 1 "мало"
      severity high
      recommend "доля {share_ab}, было {prev(share_ab)}"
    }
    rule low { when share_ab < median(share_ab by g) severity low }

    """

    static func compile(_ text: String, _ dialect: SQLDialectName, entities: Bool = false, readable: Bool = true) throws -> SQLResult {
        let check = Compiler.compile(text: text)
        guard let program = check.program else { throw Support.Failure("rule errors: \(check.diagnostics.map(\.code))") }
        return SQLCompiler.compile(program, options: SQLOptions(dialect: dialect, entities: entities, readable: readable))
    }

    @Test func compactStepsHoldEveryDeclarationOfALevel() throws {
        let sql = try #require(try Self.compile(Self.rules, .duckdb, readable: false).sql)
        // share_ab, then prev and the median's helpers, then the rules: few steps, each comment
        // naming the declarations it holds.
        #expect(sql.contains("-- indicator share_ab: Доля a от b\n\"soko_step_1\" AS ("))
        #expect(sql.contains("rule jump: Рост (high)"))
        #expect(!sql.contains("\"share_ab\" AS ("))
        let steps = sql.components(separatedBy: "\" AS (\n  SELECT *,").count - 1
        #expect(steps >= 3 && steps <= 12)
    }

    @Test func oneStepPerDeclarationNamedAfterItWithItsTitle() throws {
        let sql = try #require(try Self.compile(Self.rules, .duckdb).sql)
        #expect(sql.contains("-- indicator share_ab: Доля a от b\n\"share_ab\" AS (\n  SELECT *,\n    (\"a\" / NULLIF(\"b\", 0)) AS \"share_ab\"\n  FROM \"soko_base\")"))
        #expect(sql.contains("-- rule jump: Рост (high)\n\"jump\" AS ("))
        #expect(sql.contains("-- rule low (low)\n\"low\" AS ("))
        // prev is the row exactly one period before, never LAG.
        #expect(sql.contains("MAX(\"share_ab\") OVER (PARTITION BY soko_key ORDER BY soko_period RANGE BETWEEN 1 PRECEDING AND 1 PRECEDING)"))
        #expect(!sql.contains("LAG("))
        #expect(sql.hasSuffix("ORDER BY s.soko_key, s.soko_period, r.soko_rule;\n"))
    }

    @Test func dialectsSpellTheSameMeaningTheirWay() throws {
        let postgres = try #require(try Self.compile(Self.rules, .postgres).sql)
        #expect(postgres.contains("ORDER BY s.soko_key COLLATE \"C\", s.soko_period, r.soko_rule"))
        #expect(postgres.contains("\"share_ab\" AS MATERIALIZED ("))
        #expect(postgres.contains("CAST('0.1' AS DOUBLE PRECISION)"))
        let clickhouse = try #require(try Self.compile(Self.rules, .clickhouse).sql)
        #expect(clickhouse.contains("SET join_use_nulls = 1;"))
        #expect(clickhouse.contains("maxOrNull(`share_ab`) OVER"))
        #expect(clickhouse.contains("toFloat64('0.1')"))
        let spark = try #require(try Self.compile(Self.rules, .spark).sql)
        #expect(spark.contains("`share_ab` AS ("))
        #expect(spark.contains("(`soko_h") && spark.contains(" div 10)"))
    }

    @Test func literalsAreExactDoublesAndEscapedStrings() {
        #expect(DuckDBDialect().number(0.1) == "CAST('0.1' AS DOUBLE)")
        #expect(DuckDBDialect().number(2) == "CAST('2' AS DOUBLE)")
        #expect(PostgresDialect().number(-0.125) == "CAST('-0.125' AS DOUBLE PRECISION)")
        #expect(DuckDBDialect().string("it's \\ «х»") == "'it''s \\ «х»'")
        #expect(SparkDialect().string("it's \\ x") == "'it\\'s \\\\ x'")
        #expect(ClickHouseDialect().string("it's") == "'it\\'s'")
        #expect(SparkDialect().quote("a`b") == "`a``b`")
    }

    @Test func postgresShortensLongHeadersDistinctly() {
        let dialect = PostgresDialect()
        let a = dialect.columnName("ВПР: выполнение заданий базового уровня, %")
        let b = dialect.columnName("ВПР: выполнение заданий базового уровня по региону, %")
        #expect(a.utf8.count <= 63 && b.utf8.count <= 63)
        #expect(a != b)
        #expect(a.hasPrefix("ВПР: выполнение заданий") && a.contains("~"))
        #expect(dialect.columnName("short") == "short")
    }

    @Test func aPercentileWhosePVariesIsRefusedAtItsLine() throws {
        let text = """
        dataset t { key id  column a: number  column p: share }
        indicator q = percentile(a, p)
        rule r { when q > 1 severity low }
        """
        let result = try Self.compile(text, .postgres)
        #expect(result.sql == nil)
        #expect(result.diagnostics.map(\.code) == ["E0501"])
        let start = try #require(result.diagnostics.first?.range.start)
        #expect(Array(text.utf8)[..<start].filter { $0 == 10 }.count == 1)
    }

    @Test func entitiesGiveOneRowPerEntityWithEveryValue() throws {
        let sql = try #require(try Self.compile(Self.rules, .duckdb, entities: true).sql)
        #expect(sql.contains("SELECT soko_key AS \"key\",\n  soko_period AS \"period\",\n  \"share_ab\",\n  \"jump\",\n  \"low\"\nFROM \"low\"\nORDER BY soko_key, soko_period;"))
        #expect(!sql.contains("soko_text_"))
    }

    @Test func loadStatementsReadTheCSVDialect() throws {
        let dir = Support.folder([:])
        let path = dir + "/data.csv"
        let cp1251 = Windows1251.encode("Код;Год;Доля, %;Флаг\n1;2024;12,5;Да\n")!
        try Data(cp1251).write(to: URL(fileURLWithPath: path))
        let file = try #require(SQLLoad.inspect(path: path, delimiter: nil, encoding: nil))
        #expect(file.delimiter == UInt8(ascii: ";"))
        #expect(file.encoding == .windows1251)
        #expect(file.header == ["Код", "Год", "Доля, %", "Флаг"])
        let program = try #require(Compiler.compile(text: """
        dataset t { key k from "Код"  period y from "Год"  column s: percent from "Доля, %"  column f: flag from "Флаг" }
        rule r { when s > 10% and f severity low }
        """).program)
        switch SQLLoad.statements(program: program, files: [file], options: SQLOptions(dialect: .duckdb)) {
        case .success: Issue.record("DuckDB cannot read Windows-1251")
        case .failure(let problem): #expect(problem.message.en.contains("iconv -f cp1251"))
        }
        let postgres = try SQLLoad.statements(program: program, files: [file], options: SQLOptions(dialect: .postgres)).get()
        #expect(postgres.contains("\\copy soko_load_0 FROM '\(path)' WITH (FORMAT csv, HEADER true, DELIMITER ';', ENCODING 'WIN1251')"))
        #expect(postgres.contains("REPLACE(REPLACE(REPLACE(\"c3\", ' ', ''), '\u{00A0}', ''), ',', '.')"))
        #expect(postgres.contains("|| 'e-2'"))
        #expect(postgres.contains("'Да'"))
    }
}

extension Result where Failure == SQLLoadProblem {
    func get() throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let problem): throw Support.Failure(problem.message.en)
        }
    }
}
