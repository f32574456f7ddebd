// `soko sql` on the command line (issue 13, issue 16): a wrong dialect lists the allowed ones,
// `--out` never names a rule file, and `--table DATASET=db.table` names a table of another
// database (schema), quoted part by part.
import Foundation
import Testing

@Suite struct SQLCommandCLITests {
    static let rules = "dataset schools { key id  column score: number }\nrule low { when score < 10 severity high }\n"

    @Test func aWrongDialectListsTheAllowedOnes() throws {
        let dir = Soko.temporary(["r.soko": Self.rules])
        let result = try Soko.run(["sql", dir + "/r.soko", "--dialect", "mysql"])
        #expect(result.status == 2)
        #expect(result.stderr == "soko sql: invalid value for --dialect: 'mysql'; allowed: duckdb, postgres, clickhouse, spark\nhelp: soko sql --help\n")
    }

    @Test func theScriptIsNeverWrittenOverARuleFile() throws {
        let dir = Soko.temporary(["r.soko": Self.rules, "other.soko": Self.rules])
        let result = try Soko.run(["sql", dir + "/r.soko", "--dialect", "duckdb", "--out", dir + "/other.soko"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("soko sql: --out \(dir)/other.soko: that is a rule file's name (.soko)"))
        #expect(result.stderr.contains("such as query.sql"))
        #expect(try String(contentsOfFile: dir + "/other.soko", encoding: .utf8) == Self.rules)
    }

    @Test(arguments: [("duckdb", "FROM \"warehouse\".\"schools_2025\""), ("postgres", "FROM \"warehouse\".\"schools_2025\""),
                      ("clickhouse", "FROM `warehouse`.`schools_2025`"), ("spark", "FROM `warehouse`.`schools_2025`")])
    func aQualifiedTableIsQuotedPartByPart(_ dialect: String, _ expected: String) throws {
        let dir = Soko.temporary(["r.soko": Self.rules])
        let result = try Soko.run(["sql", dir + "/r.soko", "--dialect", dialect, "--table", "schools=warehouse.schools_2025"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(expected))
        #expect(!result.stdout.contains("warehouse.schools_2025\""))
    }

    @Test(arguments: ["schools=", "schools=db.", "schools=a..b", "pupils=t"])
    func aTableNameWithAnEmptyPartOrAnUnknownDatasetIsRefused(_ binding: String) throws {
        let dir = Soko.temporary(["r.soko": Self.rules])
        let result = try Soko.run(["sql", dir + "/r.soko", "--dialect", "duckdb", "--table", binding])
        #expect(result.status == 2)
        #expect(result.stderr == "soko sql: invalid value for --table: '\(binding)'\nhelp: soko sql --help\n")
        #expect(result.stdout.isEmpty)
    }
}
