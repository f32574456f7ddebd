// soko sql with levels (Grammar.md 5.14, 8): one chain of steps per level, links as joins,
// roll-ups grouped by the link's key, `--level`; and the printing-apart rule the differential
// test found the evaluator breaking. SQLEngineTests and scripts/sql-check run them in engines.
import Foundation
import Testing
@testable import Soko

@Suite struct SQLLevelsTests {
    static let levels = Support.root + "/examples/levels/впр.soko"

    static func program(_ path: String = levels) throws -> Program {
        let check = Compiler.compile(entries: [path])
        return try #require(check.program, "\(check.diagnostics.map(\.code))")
    }

    @Test func theLevelsExampleCompilesInEveryDialect() throws {
        let program = try Self.program()
        for dialect in SQLDialectName.allCases {
            for level in [nil, "муниципалитеты", "all"] {
                for entities in [false, true] {
                    var options = SQLOptions(dialect: dialect, entities: entities)
                    options.level = level
                    let result = SQLCompiler.compile(program, options: options)
                    #expect(result.diagnostics.isEmpty, "\(dialect) \(level ?? "main"): \(result.diagnostics.map(\.code))")
                    #expect(result.sql != nil)
                }
            }
        }
    }

    @Test func eachLevelHasItsOwnEntitiesAndReadsOthersThroughJoins() throws {
        let sql = try #require(SQLCompiler.compile(try Self.program(), options: SQLOptions(dialect: .duckdb, readable: true)).sql)
        // The participants (a row table) are one entity per row; the reference a composite key.
        #expect(sql.contains("-- Level участники: one entity per row"))
        #expect(sql.contains("CAST(t.\"Предмет\" AS VARCHAR) || '\u{1F}' || CAST(t.\"Класс\" AS VARCHAR) AS soko_key"))
        // The municipalities: their own rows and the keys the schools' link names.
        #expect(sql.contains("SELECT DISTINCT CAST(\"школы__муниципалитет\" AS VARCHAR) AS soko_key, soko_period FROM soko_base"))
        // A roll-up: the statistic over the rows, joined one row per school and year.
        #expect(sql.contains("GROUP BY \"soko_h"))
        #expect(sql.contains(") g ON g.soko_k = a.soko_key AND g.soko_p = a.soko_period"))
        // A lookup by a composite key: the link's columns as the key's text.
        #expect(sql.contains("CAST(\"участники__предмет\" AS VARCHAR) || '\u{1F}' || CAST(CAST(\"участники__класс\" AS BIGINT) AS VARCHAR)"))
        #expect(!sql.contains("E0502"))
    }

    @Test func theLevelOptionListsThatLevelsRules() throws {
        var options = SQLOptions(dialect: .duckdb)
        options.level = "муниципалитеты"
        let sql = try #require(SQLCompiler.compile(try Self.program(), options: options).sql)
        #expect(sql.contains("SELECT 0 AS soko_rule, 'цель_охвата_впр' AS soko_name"))
        #expect(sql.contains("'цель_перехода_в_рэ'"))
        #expect(!sql.contains("'низкое_подтверждение' AS soko_name"))
        #expect(sql.contains("REPLACE(s.soko_key, '\u{1F}', ' / ') AS \"муниципалитет\""))
        options.entities = true
        let entities = try #require(SQLCompiler.compile(try Self.program(), options: options).sql)
        #expect(entities.contains("-- One row per entity\nSELECT REPLACE(soko_key, '\u{1F}', ' / ') AS \"key\",\n  soko_period AS \"period\",\n  \"охват_впр\",\n  \"переход\",\n  \"цель_охвата_впр\",\n  \"цель_перехода_в_рэ\""))
        #expect(SQLCompiler.space(named: "нет такого", in: try Self.program()) == nil)
        #expect(SQLCompiler.levelNames(try Self.program()) == ["муниципалитеты", "all"])
    }

    @Test func clickhouseMaterializesStepsOnlyWhenLevelsJoin() throws {
        let levels = try #require(SQLCompiler.compile(try Self.program(), options: SQLOptions(dialect: .clickhouse)).sql)
        // A step read more than once is a table; the others stay common table expressions of
        // the one statement that reads them.
        #expect(levels.contains("DROP TEMPORARY TABLE IF EXISTS `soko_base`;\nCREATE TEMPORARY TABLE `soko_base` AS\n"))
        #expect(levels.contains("FROM `soko_step_50`),\n-- The rules, in the order of their names\nsoko_rules AS ("))
        #expect(!levels.contains("CREATE TEMPORARY TABLE `soko_step_52`"))
        let plain = try #require(SQLCompiler.compile(try Self.program(Support.root + "/examples/benchmark/benchmark.soko"),
                                                     options: SQLOptions(dialect: .clickhouse)).sql)
        #expect(!plain.contains("TEMPORARY TABLE"))
        #expect(plain.contains("WITH\n"))
    }

    @Test func groupLevelStatisticsAndPrevRangeOverTheLevelsEntities() throws {
        let text = """
        dataset s { key id  period year  column m: text  column x: number  link m -> mun }
        dataset mun { key m  period year  column w: number }
        indicator rel for mun = w / mean(w)
        indicator grew for mun = w - prev(w)
        indicator top for mun = rank(mean(x))
        """
        let check = Compiler.compile(text: text)
        let program = try #require(check.program, "\(check.diagnostics.map(\.code))")
        var options = SQLOptions(dialect: .postgres, entities: true, readable: true)
        options.level = "mun"
        let result = SQLCompiler.compile(program, options: options)
        #expect(result.diagnostics.isEmpty)
        let sql = try #require(result.sql)
        // Over the municipalities' chain: the window has no partition (every municipality of the
        // period is one group only with `by`), prev by the municipality's key and period.
        #expect(sql.contains("OVER (PARTITION BY soko_key ORDER BY soko_period RANGE BETWEEN 1 PRECEDING AND 1 PRECEDING)"))
        #expect(sql.contains("FROM \"soko_base_1\""))
    }

    // MARK: Printing apart (the differential test's find)

    /// Two places of one value that earlier pairs printed apart from a third keep their digits
    /// (the evaluator used to print them plain again when it compared them with each other).
    @Test func aPlacePrintedApartStaysApart() throws {
        let evaluation = try Support.evaluate(rules: """
        dataset d { key id  column x: number  column y: number  column z: number }
        rule r { when x >= 0 severity low recommend "{x} {y} {z} {x} {x}" }
        """, csv: "id,x,y,z\na,1.004,1.0,1.0004\nb,1,1,1\n")
        let russian = ValueFormatter(language: .ru)
        #expect(evaluation.fill(evaluation.program.rules[0].recommendations[0], entities: [0, 1], formatter: russian)
                == ["1,004 1 1,0004 1,004 1,004", "1 1 1 1 1"])
    }
}
