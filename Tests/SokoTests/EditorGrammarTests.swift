// Keeps the editor grammar in step with the code: every keyword and built-in is highlighted.
import Foundation
import Testing
@testable import Soko

@Suite struct EditorGrammarTests {
    let grammar = (try? String(contentsOfFile: Support.root + "/editors/soko.tmLanguage.json", encoding: .utf8)) ?? ""

    @Test func isJSONWithTheSokoScope() throws {
        let object = try JSONSerialization.jsonObject(with: Data(grammar.utf8)) as? [String: Any]
        #expect(object?["scopeName"] as? String == "source.soko")
    }

    @Test func everyKeywordAndFunctionInBothLanguages() {
        for keyword in Keyword.allCases {
            #expect(grammar.contains(keyword.english) && grammar.contains(keyword.russian), "\(keyword) is missing")
        }
        for function in BuiltinFunction.allCases {
            #expect(grammar.contains(function.english) && grammar.contains(function.russian), "\(function) is missing")
        }
        for severity in Severity.allCases {
            #expect(grammar.contains(severity.english) && grammar.contains(severity.russian))
        }
    }
}
