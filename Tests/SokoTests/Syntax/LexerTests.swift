// Table tests of the lexer: source text to token kinds, and lexical diagnostics.
import Testing
@testable import Soko

@Suite struct LexerTests {
    static func kinds(_ text: String) -> [TokenKind] {
        var lexer = Lexer(file: SourceFile(path: "t", text: text), fileIndex: 0)
        return lexer.tokenize().map(\.kind).dropLast()
    }

    static func codes(_ text: String) -> [String] {
        var lexer = Lexer(file: SourceFile(path: "t", text: text), fileIndex: 0)
        _ = lexer.tokenize()
        return lexer.diagnostics.map(\.code)
    }

    @Test(arguments: [
        ("правило x", [TokenKind.keyword(.rule), .identifier("x")]),
        ("RULE Правило", [.keyword(.rule), .keyword(.rule)]),
        ("10% 12.5 7", [.percent(0.10), .number(12.5), .number(7)]),
        ("20 % 3", [.percent(0.20), .number(3)]),
        ("a >= b <> c ≤ d ≠ e == f", [.identifier("a"), .greaterEqual, .identifier("b"), .notEqual, .identifier("c"),
                                      .lessEqual, .identifier("d"), .notEqual, .identifier("e"), .equal, .identifier("f")]),
        ("доля_2 # комментарий\n-> | ±", [.identifier("доля_2"), .arrow, .pipe, .plusMinus]),
        ("не менее 2 из", [.keyword(.not), .keyword(.least), .number(2), .keyword(.from)]),
        ("от 5% до", [.keyword(.from), .percent(0.05), .keyword(.to)]),
        ("\u{FEFF}x", [.identifier("x")]),
    ])
    func tokens(_ input: String, _ expected: [TokenKind]) {
        #expect(Self.kinds(input) == expected)
    }

    @Test func stringsWithEscapesAndInterpolation() {
        let kinds = Self.kinds("\"a \\\"b\\\" {x} \\{c\\}\"")
        guard case .string(let pieces) = kinds.first else { Issue.record("not a string"); return }
        #expect(pieces.count == 3)
        #expect(pieces[0] == .text("a \"b\" "))
        if case .interpolation(let range) = pieces[1] { #expect(range.end - range.start == 1) } else { Issue.record("no interpolation") }
        #expect(pieces[2] == .text(" {c}"))
    }

    @Test(arguments: [
        ("\"open", ["E0006"]),
        ("x \u{0}", ["E0004"]),
        ("«текст»", ["E0003", "E0003"]),
        ("12abc", ["E0010"]),
        ("x \u{1}", ["E0001"]),
        ("\"a \\q\"", ["E0011"]),
        ("\"a {x\"", ["E0012"]),
        ("$", ["E0001"]),
    ])
    func diagnostics(_ input: String, _ expected: [String]) {
        #expect(Self.codes(input) == expected)
    }

    @Test func invalidUTF8IsReportedNotCrashed() {
        var lexer = Lexer(file: SourceFile(path: "t", bytes: [0x61, 0xFF, 0xFE, 0x62]), fileIndex: 0)
        let tokens = lexer.tokenize()
        // Reported once per file: a file in another encoding is one problem, not one per letter.
        #expect(lexer.diagnostics.map(\.code) == ["E0002"])
        #expect(tokens.map(\.kind) == [.identifier("a"), .identifier("b"), .endOfFile])
    }

    @Test func overlongLineAndIdentifier() {
        #expect(Self.codes(String(repeating: "a ", count: 60_000)).contains("E0008"))
        #expect(Self.codes(String(repeating: "я", count: 200)) == ["E0005"])
    }
}
