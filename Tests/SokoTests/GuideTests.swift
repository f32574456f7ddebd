// Keeps the methodist's guide (docs/guide-ru.md) honest: every `soko` code block is a rule set
// that checks with no error and no warning, and its tests pass; the guide shows every Russian
// keyword and built-in function; the messages it quotes are the program's own.
import Foundation
import Testing
@testable import Soko

@Suite struct GuideTests {
    static let guide = (try? String(contentsOfFile: Support.root + "/docs/guide-ru.md", encoding: .utf8)) ?? ""

    /// The contents of the code blocks fenced with ```` ```language ````.
    static func blocks(_ language: String) -> [String] {
        var found: [String] = []
        var current: [String]?
        for line in guide.components(separatedBy: "\n") {
            if current == nil, line == "```" + language {
                current = []
            } else if current != nil, line == "```" {
                found.append((current ?? []).joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return found
    }

    @Test func theGuideHasRuleExamples() {
        #expect(Self.blocks("soko").count >= 10)
    }

    @Test func everyExampleChecksCleanAndItsTestsPass() throws {
        for (index, block) in Self.blocks("soko").enumerated() {
            let dir = Support.folder(["example\(index).soko": block])
            let result = Compiler.compile(entries: [dir + "/example\(index).soko"])
            #expect(result.diagnostics.isEmpty,
                    "block \(index + 1): \(result.diagnostics.map { "\($0.code) \($0.message.ru)" })\n\(block)")
            guard let program = result.program else { continue }
            let report = TestRunner.run(program, language: .ru)
            let failed = report.results.filter { !$0.passed }.map(\.name)
            #expect(failed.isEmpty, "block \(index + 1): failing tests \(failed)")
        }
    }

    @Test func everyRussianKeywordAndFunctionIsShown() {
        let code = Self.blocks("soko").joined() + Self.blocks("text").joined()
        for keyword in Keyword.allCases where ![.at, .least, .of].contains(keyword) {
            #expect(code.contains(keyword.russian), "the guide has no example of «\(keyword.russian)»")
        }
        for function in BuiltinFunction.allCases {
            #expect(code.contains(function.russian + "("), "the guide has no example of «\(function.russian)»")
        }
        for severity in Severity.allCases { #expect(code.contains(severity.russian)) }
        for type in ColumnType.allCases { #expect(code.contains(": " + type.russian), "no column of type «\(type.russian)»") }
    }

    @Test func theQuotedMessagesAreTheProgramsOwn() {
        let quoted = Self.blocks("text").joined()
        let messages: [Message] = [
            Messages.memberNeedsName(role: "ключ", roleEn: "key", header: "Код ОО"),
            Messages.unclosedParenthesisHint, Messages.parenthesisOpenedHere,
            Messages.shareAgainstNumber(50), Messages.dataWrongDelimiter(used: UInt8(ascii: ","), likely: UInt8(ascii: ";")),
            Messages.dataWrongDelimiterHint(likely: UInt8(ascii: ";")), Messages.dataNotANumber(column: "x", value: "нет данных"),
            Messages.dataFixCellHint(lenient: false),
            CLIText.dataFileAsRules("Результаты ВПР.csv", command: "run", rules: ["впр.soko"]),
            Messages.unused("район"), Messages.unusedColumnHint(text: true),
            Messages.notAPeriod(path: "", row: 3, column: "Год", value: "2024 г.").message,
            Messages.notAPeriod(path: "", row: 3, column: "Год", value: "2024 г.").hint ?? Message(ru: "-", en: "-"),
        ]
        for message in messages {
            #expect(quoted.contains(message.ru), "the guide does not quote «\(message.ru)»")
        }
        #expect(quoted.contains(Suggestions.lookAlikeNote("бaлл")?.ru ?? "-"))
    }
}
