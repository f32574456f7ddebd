// Keeps Grammar.md in step with the code: every keyword and built-in function is listed.
import Foundation
import Testing
@testable import Soko

@Suite struct GrammarDocumentTests {
    let grammar = (try? String(contentsOfFile: Support.root + "/Grammar.md", encoding: .utf8)) ?? ""

    @Test func everyKeywordInBothLanguages() {
        for keyword in Keyword.allCases where keyword != .at && keyword != .least && keyword != .of {
            #expect(grammar.contains("`\(keyword.english)`"), "\(keyword.english) is not in Grammar.md")
            #expect(grammar.contains("`\(keyword.russian)`"), "\(keyword.russian) is not in Grammar.md")
        }
    }

    @Test func everyBuiltinFunction() {
        for function in BuiltinFunction.allCases {
            #expect(grammar.contains("| `\(function.english)` | `\(function.russian)` |"), "\(function.english) is not in Grammar.md")
        }
    }

    @Test func everySeverityAndColumnType() {
        for severity in Severity.allCases {
            #expect(grammar.contains("`\(severity.english)`") && grammar.contains("`\(severity.russian)`"))
        }
        for type in ColumnType.allCases {
            #expect(grammar.contains("`\(type.rawValue)`") && grammar.contains("`\(type.russian)`"))
        }
    }

    /// The worked example of §1 checks without errors and its test passes (it shows every
    /// outcome, `не применяется` included).
    @Test func theWorkedExampleRuns() throws {
        let start = try #require(grammar.range(of: "## 1. A worked example\n\n```\n"))
        let end = try #require(grammar.range(of: "\n```", range: start.upperBound..<grammar.endIndex))
        let example = String(grammar[start.upperBound..<end.lowerBound])
        let result = Compiler.compile(text: example)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.code) == [])
        let program = try #require(result.program)
        let report = TestRunner.run(program, language: .ru)
        #expect(report.results.map(\.passed) == [true])
        #expect(report.results.first?.expectations == 8)
    }
}
