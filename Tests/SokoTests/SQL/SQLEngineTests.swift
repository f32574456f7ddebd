// soko sql in the engines: each dialect's result equals `soko run --format csv` line by line
// (the committed expected.csv of each municipal example, which MunicipalExamplesTests keeps
// equal to soko run's) and the regression cases the differential test found. A test runs only
// where its engine is installed (DuckDB and ClickHouse's chdb from PyPI; PostgreSQL reachable
// as scripts/sql-postgres starts it); .ci/run installs all three, so in CI every one runs.
import Foundation
import Testing
@testable import Soko

enum SQLEngines {
    /// Whether scripts/sql-run can run the dialect here.
    static func available(_ dialect: SQLDialectName) -> Bool {
        let probe = "import sys; sys.path.insert(0, 'scripts'); import sql_engines; sys.exit(0 if sql_engines.available('\(dialect.rawValue)') else 3)"
        return (try? run(["python3", "-c", probe]).status) == 0
    }

    static let duckdb = available(.duckdb)
    static let postgres = available(.postgres)
    static let clickhouse = available(.clickhouse)

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Support.root)
        let folder = Support.folder([:])
        let out = folder + "/out", err = folder + "/err"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: out, encoding: .utf8), try String(contentsOfFile: err, encoding: .utf8))
    }

    /// The CSV the engine gives for a rule set over data files (`--load` statements first).
    static func csv(_ dialect: SQLDialectName, rules: [String], data: [String]) throws -> String {
        let check = Compiler.compile(entries: rules)
        let program = try #require(check.program)
        let paths = try DataBinding.bind(data, to: program).orFailure()
        let options = SQLOptions(dialect: dialect, language: .ru)
        var files: [SQLSourceFile] = []
        for path in paths {
            var file = try #require(SQLLoad.inspect(path: path, delimiter: nil, encoding: nil))
            if dialect == .duckdb, file.encoding == .windows1251 {
                // DuckDB reads only UTF-8: convert first, as the README says.
                let converted = Support.folder([:]) + "/utf8.csv"
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                try Data(bytes.withUnsafeBytes { Windows1251.decode($0.bindMemory(to: UInt8.self)) }.utf8).write(to: URL(fileURLWithPath: converted))
                file = try #require(SQLLoad.inspect(path: converted, delimiter: nil, encoding: nil))
            }
            files.append(file)
        }
        let load = try SQLLoad.statements(program: program, files: files, options: options).get()
        let query = try #require(SQLCompiler.compile(program, options: options).sql)
        let script = Support.folder(["script.sql": load + query]) + "/script.sql"
        let keyDataset = program.datasets[0]
        var header = [keyDataset.columns[keyDataset.keyColumn].name]
        if let dataset = program.datasets.first(where: { $0.periodColumn != nil }) { header.append(dataset.columns[dataset.periodColumn!].name) }
        header += ["rule", "severity", "title", "recommendation"]
        let result = try run(["python3", "scripts/sql-run", dialect.rawValue, script, "--header", header.joined(separator: ",")])
        guard result.status == 0 else { throw Support.Failure("\(dialect.rawValue): \(result.error)") }
        return result.output
    }

    /// The municipal examples and the regression cases: rules, data, the expected CSV.
    static var cases: [(name: String, rules: [String], data: [String], expected: String)] {
        var cases: [(String, [String], [String], String)] = []
        for name in MunicipalExamplesTests.municipalities {
            let folder = Support.root + "/examples/" + name
            cases.append((name, [Support.root + "/rules/\(name).soko"],
                          MunicipalExamplesTests.datasets(name).map { "\($0)=\(folder)/\($0).csv" }, folder + "/expected.csv"))
        }
        let regressions = Support.fixture("sql")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: regressions)) ?? []).sorted() {
            let folder = regressions + "/" + name
            cases.append((name, [folder + "/rules.soko"], [folder + "/data.csv"], folder + "/expected.csv"))
        }
        return cases
    }

    static func checkAll(_ dialect: SQLDialectName) throws {
        for (name, rules, data, expected) in cases {
            let actual = try csv(dialect, rules: rules, data: data)
            let wanted = try String(contentsOfFile: expected, encoding: .utf8)
            #expect(actual == wanted, "\(dialect.rawValue) on \(name)")
        }
    }
}

@Suite(.serialized) struct SQLEngineTests {
    @Test(.enabled(if: SQLEngines.duckdb)) func duckdbEqualsSokoRun() throws { try SQLEngines.checkAll(.duckdb) }
    @Test(.enabled(if: SQLEngines.postgres)) func postgresEqualsSokoRun() throws { try SQLEngines.checkAll(.postgres) }
    @Test(.enabled(if: SQLEngines.clickhouse)) func clickhouseEqualsSokoRun() throws { try SQLEngines.checkAll(.clickhouse) }
}

extension Result where Failure == UsageProblems {
    /// The value, or a test failure with the problems in English (`get()` keeps its own meaning).
    func orFailure() throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let problems): throw Support.Failure(problems.messages.map(\.en).joined(separator: "; "))
        }
    }
}
