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
        for comment in tree.comments { counts[LayoutPrinter.commentText(comment), default: 0] += 1 }
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
