// Broken and hostile rule files: each gives an exact diagnostic, never a crash or a hang.
import Foundation
import Testing
@testable import Soko

@Suite struct HostileRuleFileTests {
    static func codes(_ bytes: [UInt8]) -> [String] {
        Checker.check(Loader.load(bytes: bytes)).diagnostics.map(\.code)
    }

    static func codes(_ text: String) -> [String] { codes(Array(text.utf8)) }

    @Test func emptyAndWhitespaceOnlyFilesAreCleanAndEmpty() throws {
        for text in ["", "   \n\t\r\n", "# только комментарий\n", "\u{FEFF}"] {
            let result = Checker.check(Loader.load(bytes: Array(text.utf8)))
            #expect(result.diagnostics.isEmpty)
            let program = try #require(result.program)
            #expect(program.rules.isEmpty && program.datasets.isEmpty)
        }
    }

    @Test func binaryJunkGivesDiagnosticsNotACrash() {
        var random = SeededRandom(state: 42)
        for _ in 0..<50 {
            let bytes = (0..<512).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let codes = Self.codes(bytes)
            #expect(!codes.isEmpty)
            #expect(codes.count <= SourceLimits.errorsPerFile + 5)
        }
    }

    @Test func invalidUTF8AndNULBytesArePointedAt() {
        #expect(Self.codes([0x72, 0x75, 0x6C, 0x65, 0x20, 0xC3, 0x28]) == ["E0002", "E0100"])
        #expect(Self.codes(Array("dataset t { key id }\n".utf8) + [0] + Array("\n".utf8)) == ["E0004"])
    }

    @Test func aByteOrderMarkInTheMiddleIsAnUnexpectedCharacter() {
        #expect(Self.codes("dataset t { key id }\n\u{FEFF}rule r { when true severity low }") == ["E0001"])
    }

    @Test func crOnlyLineEndsWork() throws {
        let text = "dataset t {\r  key id\r  column a: number\r}\rrule r {\r  when a > 1\r  severity low\r}\r"
        let result = Checker.check(Loader.load(bytes: Array(text.utf8)))
        #expect(result.diagnostics.isEmpty)
        let file = try #require(result.sources[0])
        #expect(file.lineStarts.count == 9)
    }

    @Test func unterminatedStringAtTheEndOfTheFile() {
        #expect(Self.codes("dataset t { key id }\nrule r \"Title") == ["E0006", "E0100"])
    }

    @Test func aHundredThousandCharacterLine() {
        let line = "indicator x = " + Array(repeating: "1", count: 50_000).joined(separator: "+")
        #expect(Self.codes(line).first == "E0008")
    }

    @Test func tenThousandNestedParentheses() {
        let text = "indicator x = " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        #expect(Self.codes(text).contains("E0102"))
    }

    @Test func deepChainsOfIndicatorsCheckWithoutRecursion() throws {
        var text = "dataset t { key id  column a: number }\nindicator i0 = a\n"
        for index in 1..<20_000 { text += "indicator i\(index) = i\(index - 1) + 1\n" }
        text += "rule r { when i19999 > 1 severity low }\n"
        let result = Compiler.compile(text: text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.program?.evaluationOrder.count == 20_001)
    }

    @Test func diagnosticsPerFileAreCapped() {
        let text = String(repeating: "rule\n", count: 1_000)
        #expect(Self.codes(text).count <= SourceLimits.errorsPerFile)
    }

    @Test func overlongIdentifierAndString() {
        // A lexical error stops before the checker: one mistake, one message.
        #expect(Self.codes("indicator " + String(repeating: "я", count: 300) + " = 1") == ["E0005"])
        #expect(Self.codes("param p = 1 \"" + String(repeating: "ж", count: 3_000) + "\"") == ["E0007"])
    }
}
