// Tests of line and column computation over UTF-8 source text.
import Testing
@testable import Soko

@Suite struct SourceFileTests {
    @Test func columnsCountCharactersNotBytes() {
        let file = SourceFile(path: "a.soko", text: "правило x\nrule y")
        #expect(file.location(of: 0) == SourceLocation(line: 1, column: 1))
        // "правило " is 8 characters and 15 bytes; x starts at byte 15.
        #expect(file.location(of: 15) == SourceLocation(line: 1, column: 9))
        #expect(file.location(of: 17) == SourceLocation(line: 2, column: 1))
        #expect(file.lineText(2) == "rule y")
    }

    @Test func crOnlyAndCrlfLineEnds() {
        let file = SourceFile(path: "a.soko", text: "a\r\nb\rc")
        #expect(file.lineStarts == [0, 3, 5])
        #expect(file.lineText(1) == "a")
        #expect(file.lineText(3) == "c")
    }
}
