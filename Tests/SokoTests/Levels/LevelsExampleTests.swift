// examples/levels: the rule set runs over its five tables, gives the checked-in reports, and
// every value it computes (school, municipality and region level, indicators and rule
// outcomes) agrees with an independent DuckDB query (Fixtures/levels/oracle.sql). The DuckDB
// comparison is skipped only when Python's duckdb module is absent (`pip install duckdb`).
import Foundation
import Testing
@testable import Soko

@Suite struct LevelsExampleTests {
    static let folder = Support.root + "/examples/levels"

    static func evaluate() throws -> Evaluation {
        let data = ["школы", "муниципалитеты", "участники", "эталон", "педагоги"].map { "\($0)=\(folder)/\($0).csv" }
        let request = RunRequest(ruleFiles: [folder + "/впр.soko"], data: data)
        guard case .evaluated(let evaluation, _, let warnings, _) = Runner.run(request) else { throw Support.Failure("examples/levels did not run") }
        #expect(warnings.map(\.code) == ["D0120"], "the participant of school 0999 finds no school")
        return evaluation
    }

    @Test func reportsMatchTheCheckedInOnes() throws {
        let evaluation = try Self.evaluate()
        let summary = Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program))
        try MunicipalExamplesTests.compare(JSONReport.render(evaluation, summary: summary, language: .ru),
                                           with: Self.folder + "/expected.json")
        try MunicipalExamplesTests.compare(MarkdownReport.render(evaluation, summary: summary, language: .ru), with: Self.folder + "/expected.md")
        try MunicipalExamplesTests.compare(TableReport.render(evaluation, summary: summary, language: .ru), with: Self.folder + "/expected.txt")
    }

    @Test func levelCountsAddUp() throws {
        let evaluation = try Self.evaluate()
        for section in LevelSection.sections(evaluation, language: .ru) {
            let statuses: [EntityStatus] = [.flagged, .clean, .insufficient, .notApplicable]
            #expect(statuses.map(section.count).reduce(0, +) == section.entities.count)
        }
        let municipalities = LevelSection.sections(evaluation, language: .ru).first { $0.name == "муниципалитеты" }
        #expect(municipalities?.entities.map { "\($0.key) \($0.period ?? 0)" } == ["Северный 2024", "Северный 2025", "Южный 2024", "Южный 2025"])
        #expect(municipalities?.entities.map(\.status) == [.clean, .clean, .flagged, .flagged])
    }

    /// Rows of the DuckDB oracle: level, key, period, name, value or outcome; nil without duckdb.
    static func oracle() throws -> [[String]]? {
        let script = """
        import sys
        try:
            import duckdb
        except ImportError:
            print("NO-DUCKDB"); sys.exit(0)
        sql = open(sys.argv[1], encoding="utf-8").read().replace("$DIR", sys.argv[2])
        for row in duckdb.connect().execute(sql).fetchall():
            print("\\t".join("" if v is None else repr(v) if isinstance(v, float) else str(v) for v in row))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Support.fixture("levels/oracle.sql"), folder]
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("soko-oracle-\(UUID().uuidString).tsv")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: output, encoding: .utf8)
        if text.hasPrefix("NO-DUCKDB") { return nil }
        #expect(process.terminationStatus == 0)
        return text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func everyValueAgreesWithDuckDB() throws {
        guard let rows = try Self.oracle() else { return }
        let evaluation = try Self.evaluate()
        let program = evaluation.fullProgram
        func space(_ level: String) -> Int {
            switch level {
            case "school": 0
            case "all": program.spaces.firstIndex { $0.kind == .all }!
            default: program.spaces.firstIndex { $0.name == level }!
            }
        }
        var compared: [Int: Set<String>] = [:]
        var entitiesCompared: [Int: Set<Int>] = [:]
        for row in rows {
            let (level, key, name) = (row[0], row[1], row[3])
            let period = Int(row[2])
            let space = space(level)
            let entities = evaluation.entities(ofSpace: space)
            guard let entity = (0..<entities.count).first(where: { entities.key($0) == key && entities.period($0) == period }) else {
                Issue.record("no entity \(level) \(key) \(row[2])")
                continue
            }
            compared[space, default: []].insert(name)
            entitiesCompared[space, default: []].insert(entity)
            if let rule = program.rule(named: name) {
                let outcome = RuleOutcome(rawValue: evaluation.outcomesInLevel(rule: rule)[entity])
                let expected: RuleOutcome? = switch row[5] {
                case "fired": .fired
                case "silent": .silent
                default: .insufficient
                }
                #expect(outcome == expected, "\(level) \(key) \(row[2]) \(name)")
            } else {
                let index = try #require(program.indicator(named: name))
                let actual: Double? = switch evaluation.indicatorInLevel(index).value(at: entity) {
                case .number(let x): x
                case .flag(let b): b ? 1 : 0
                default: nil
                }
                let expected = Double(row[4])
                if let expected, let actual {
                    #expect(Swift.abs(actual - expected) <= 1e-9 * Swift.max(1, Swift.abs(expected)), "\(level) \(key) \(row[2]) \(name): \(actual) vs \(expected)")
                } else {
                    #expect(actual == nil && expected == nil, "\(level) \(key) \(row[2]) \(name): \(String(describing: actual)) vs \(row[4])")
                }
            }
        }
        // Every declaration of every level, at every entity, was compared.
        for space in Set(program.indicators.map(\.level) + program.rules.map(\.level)) {
            let names = Set(program.indicators.filter { $0.level == space }.map(\.name) + program.rules.filter { $0.level == space }.map(\.name))
            #expect(compared[space] == names, "level \(space)")
            #expect(entitiesCompared[space]?.count == evaluation.entities(ofSpace: space).count, "level \(space)")
        }
    }
}
