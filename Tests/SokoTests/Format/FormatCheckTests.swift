// `soko fmt --check` through the library: exit codes, the report, and the line diff.
import Testing
@testable import Soko

@Suite struct FormatCheckTests {
    static let formatted = "rule r {\n  when x\n}\n"
    static let unformatted = "rule r { when x }"
    static let broken = "rule r { when }"

    func result(_ text: String, _ path: String, keywords: Language? = nil) -> FormattedFile {
        Formatter.format(file: SourceFile(path: path, text: text), keywords: keywords)
    }

    @Test func exitCodes() {
        let clean = result(Self.formatted, "clean.soko")
        let messy = result(Self.unformatted, "messy.soko")
        let bad = result(Self.broken, "bad.soko")
        #expect(Formatter.checkExitCode([]) == .success)
        #expect(Formatter.checkExitCode([clean]) == .success)
        #expect(Formatter.checkExitCode([clean, messy]) == .findings)
        #expect(Formatter.checkExitCode([messy, bad]) == .usage)
        #expect(Formatter.checkExitCode([bad]) == .usage)
    }

    @Test func aFileWithSyntaxErrorsIsNotFormatted() {
        let bad = result(Self.broken, "bad.soko")
        #expect(bad.formatted == nil)
        #expect(bad.diagnostics.hasErrors)
        #expect(!bad.needsFormatting)
    }

    @Test func keywordsCountAsFormatting() {
        #expect(!result(Self.formatted, "a.soko").needsFormatting)
        #expect(result(Self.formatted, "a.soko", keywords: .ru).needsFormatting)
    }

    @Test func lineBreaksAndTheFinalNewlineCount() {
        let crlf = result("rule r {\r\n  when x\r\n}\r\n", "crlf.soko")
        #expect(crlf.needsFormatting)
        let noFinal = result("rule r {\n  when x\n}", "nofinal.soko")
        #expect(noFinal.needsFormatting)
        let report = Formatter.checkReport([crlf], language: .en)
        #expect(report.contains("crlf.soko: only the line breaks"))
        #expect(report.contains("not formatted: crlf.soko"))
    }

    @Test func reportShowsDiffAndList() {
        let report = Formatter.checkReport([result(Self.formatted, "clean.soko"), result(Self.unformatted, "messy.soko")], language: .en)
        #expect(report == """
        --- messy.soko
        +++ messy.soko (formatted)
        @@ -1,1 +1,3 @@
        -rule r { when x }
        +rule r {
        +  when x
        +}

        not formatted: messy.soko

        """)
        #expect(Formatter.checkReport([result(Self.formatted, "clean.soko")], language: .ru) == "файлов проверено: 1; все отформатированы\n")
        // A file with errors is reported by its diagnostics, not as formatted.
        #expect(Formatter.checkReport([result(Self.formatted, "clean.soko"), result(Self.broken, "bad.soko")], language: .en) == "")
    }
}

@Suite struct LineDiffTests {
    @Test func equalTextsGiveNoDiff() {
        #expect(LineDiff.unified(old: "a\nb\n", new: "a\nb\n", oldName: "x", newName: "y") == "")
        #expect(LineDiff.unified(old: "a\r\nb", new: "a\nb\n", oldName: "x", newName: "y") == "")
        #expect(LineDiff.unified(old: "", new: "", oldName: "x", newName: "y") == "")
    }

    @Test func changeInTheMiddleWithContext() {
        let old = (1...10).map(String.init).joined(separator: "\n") + "\n"
        let new = (1...10).map { $0 == 5 ? "five" : String($0) }.joined(separator: "\n") + "\n"
        #expect(LineDiff.unified(old: old, new: new, oldName: "old", newName: "new") == """
        --- old
        +++ new
        @@ -2,7 +2,7 @@
         2
         3
         4
        -5
        +five
         6
         7
         8

        """)
    }

    @Test func distantChangesMakeTwoHunks() {
        let old = (1...20).map(String.init).joined(separator: "\n") + "\n"
        let new = (["1"] + (3...19).map(String.init) + ["new", "20"]).joined(separator: "\n") + "\n"
        #expect(LineDiff.unified(old: old, new: new, oldName: "a", newName: "b") == """
        --- a
        +++ b
        @@ -1,5 +1,4 @@
         1
        -2
         3
         4
         5
        @@ -17,4 +16,5 @@
         17
         18
         19
        +new
         20

        """)
    }

    @Test func insertionIntoAnEmptyFile() {
        #expect(LineDiff.unified(old: "", new: "a\n", oldName: "a", newName: "b") == "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+a\n")
    }

    @Test func editScriptIsALongestCommonSubsequence() {
        let edits = LineDiff.edits(["a", "b", "c", "d"], ["b", "x", "d", "e"])
        #expect(edits == [.removed("a"), .same("b"), .removed("c"), .added("x"), .same("d"), .added("e")])
    }
}
