// Helpers shared by the formatter's tests: parse, format, and the invariants every formatted
// text must keep (idempotence, the same tree, the same comments).
import Testing
@testable import Soko

enum FormatTest {
    /// Parses text that must have no syntax errors.
    static func parse(_ text: String, path: String = "test.soko", sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SyntaxTree {
        let (tree, diagnostics) = Parser.parse(file: SourceFile(path: path, text: text), fileIndex: 0)
        let errors = diagnostics.filter { $0.severity == .error }.map { "\($0.code) at \($0.range.start): \($0.message.en)" }
        #expect(errors.isEmpty, "syntax errors in \(path): \(errors)", sourceLocation: sourceLocation)
        return tree
    }

    /// Parses and formats.
    static func format(_ text: String, keywords: Language? = nil, path: String = "test.soko",
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let source = SourceFile(path: path, text: text)
        let tree = parse(text, path: path, sourceLocation: sourceLocation)
        return Formatter.format(tree, source: source, keywords: keywords)
    }

    /// The comments of a text as a multiset of their texts (trailing spaces, which the
    /// formatter drops, not counted).
    static func comments(_ tree: SyntaxTree) -> [String: Int] {
        var counts: [String: Int] = [:]
        for comment in tree.comments { counts[LayoutPrinter.commentText(comment.text), default: 0] += 1 }
        return counts
    }

    /// Formats `text` and checks what must hold for every input: formatting the output again
    /// changes nothing, the output parses to the same tree (names compared canonically when
    /// keywords are translated), and every comment is still there. Returns the output.
    @discardableResult
    static func formatChecked(_ text: String, keywords: Language? = nil, path: String = "test.soko",
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let original = parse(text, path: path, sourceLocation: sourceLocation)
        let output = Formatter.format(original, source: SourceFile(path: path, text: text), keywords: keywords)
        let reparsed = parse(output, path: path + " (formatted)", sourceLocation: sourceLocation)
        let names: ASTDump.Names = keywords == nil ? .asWritten : .canonical
        let dump = ASTDump(names: names)
        #expect(dump.tree(reparsed) == dump.tree(original), "the formatted text of \(path) means something else",
                sourceLocation: sourceLocation)
        #expect(comments(reparsed) == comments(original), "comments changed in \(path)", sourceLocation: sourceLocation)
        let again = Formatter.format(reparsed, source: SourceFile(path: path, text: output), keywords: keywords)
        #expect(again == output, "formatting \(path) twice changes it:\n\(LineDiff.unified(old: output, new: again, oldName: "once", newName: "twice"))",
                sourceLocation: sourceLocation)
        return output
    }
}

/// The comparison helper itself: blind to layout and ranges, not to meaning or spelling.
@Suite struct ASTDumpTests {
    func dump(_ text: String, names: ASTDump.Names = .asWritten) -> String {
        ASTDump(names: names).tree(FormatTest.parse(text))
    }

    @Test func layoutAndRangesDoNotCount() {
        #expect(dump("indicator x = a+b  # c") == dump("\n\nindicator   x =\n a + b"))
        #expect(dump("rule r { when a == 1 }") == dump("RULE r {\n  WHEN a = 1\n}"))
    }

    @Test func meaningAndSpellingCount() {
        #expect(dump("indicator x = (a + b)") != dump("indicator x = a + b"))
        #expect(dump("param x = 1.0") != dump("param x = 1"))
        #expect(dump("rule r { severity high }") != dump("rule r { severity высокий }"))
        #expect(dump("rule r { severity high }", names: .canonical) == dump("rule r { severity высокий }", names: .canonical))
        #expect(dump("test \"t\" { expect {\n| id | x |\n| \"A\" | |\n} }") != dump("test \"t\" { expect {\n| id | x |\n| \"A\" | missing |\n} }"))
        #expect(dump("test \"t\" { param p = 1 given {\n| a |\n} }") != dump("test \"t\" { given {\n| a |\n} param p = 1 }"))
    }
}
