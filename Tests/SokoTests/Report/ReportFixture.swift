// Helpers of the report tests: evaluating a rule set over a CSV held in memory, and golden
// files in Tests/SokoTests/Fixtures/report (recorded with SOKO_RECORD=1, compared otherwise).
import Foundation
import Testing
@testable import Soko

enum ReportFixture {
    /// Tests/SokoTests/Fixtures/report, found from this file's path (no bundle resources).
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
        .appendingPathComponent("report")

    static func fixtureText(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Problems that stopped a fixture from evaluating.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Compiles `rules`, reads `csv` for the (only) dataset, applies `--set` overrides, evaluates.
    static func evaluate(rules: String, csv: String, overrides: [String] = []) throws -> Evaluation {
        let check = Compiler.compile(text: rules, path: "rules.soko")
        guard let program = check.program else {
            throw Failure(description: "rules do not compile: \(check.diagnostics.map { "\($0)" })")
        }
        guard program.datasets.count == 1 else { throw Failure(description: "fixtures have one dataset") }
        let parameterValues: [Value]
        switch ParameterOverrides.apply(overrides, to: program) {
        case .success(let values): parameterValues = values
        case .failure(let problems): throw Failure(description: "overrides: \(problems.messages.map { $0.text(.en) })")
        }
        let table: LoadedTable
        switch TableReader.read(input: ByteInput(bytes: Array(csv.utf8)), path: "data.csv",
                                columns: program.datasets[0].requests, options: CSVOptions()) {
        case .success(let loaded): table = loaded
        case .failure(let failure): throw Failure(description: "data: \(failure.issues.map { $0.message.text(.en) })")
        }
        switch EntityIndex.build(program: program, tables: [table]) {
        case .success(let entities):
            return Evaluator(program: program, tables: [table], entities: entities, parameterValues: parameterValues).run()
        case .failure(let failure):
            throw Failure(description: "entities: \(failure.issues.map { $0.message.text(.en) })")
        }
    }

    /// The evaluation of a fixture pair `NAME.soko` and `NAME.csv`.
    static func evaluate(fixture name: String, overrides: [String] = []) throws -> Evaluation {
        try evaluate(rules: fixtureText(name + ".soko"), csv: fixtureText(name + ".csv"), overrides: overrides)
    }

    /// The note fixture as `soko run note.soko --data note.csv --set trained_limit=30%` gives it.
    static func note() throws -> (Evaluation, Summary) {
        let evaluation = try evaluate(fixture: "note", overrides: ["trained_limit=30%"])
        return (evaluation, Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program)))
    }

    static func minimal() throws -> (Evaluation, Summary) {
        let evaluation = try evaluate(fixture: "minimal")
        return (evaluation, Summary(evaluation: evaluation, groupBy: Summary.defaultGroup(of: evaluation.program)))
    }
}

enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["SOKO_RECORD"] == "1" }

    /// Compares `actual` with the golden file `name`, byte for byte. With SOKO_RECORD=1 the file
    /// is written instead. A missing golden file is a failure, never a silent pass.
    static func check(_ actual: String, against name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let url = ReportFixture.directory.appendingPathComponent(name)
        if recording {
            do {
                try Data(actual.utf8).write(to: url)
            } catch {
                Issue.record("cannot record golden file \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("golden file \(url.path) is missing; record it with SOKO_RECORD=1 swift test and review the diff",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = Array(data)
        let bytes = Array(actual.utf8)
        guard bytes != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        let got = line < actualLines.count ? String(actualLines[line]) : "<end of output>"
        let wanted = line < expectedLines.count ? String(expectedLines[line]) : "<end of file>"
        Issue.record("""
            output differs from golden file \(name) at line \(line + 1) (re-record with SOKO_RECORD=1 if the change is intended)
              expected: \(wanted)
              actual:   \(got)
            """, sourceLocation: sourceLocation)
    }
}
