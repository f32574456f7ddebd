// Random valid rule files (seeded) through the formatter: the output means the same, is
// already formatted, keeps its comments, and means the same after a round trip through the
// other keyword language.
import Testing
@testable import Soko

@Suite struct FormatProperties {
    @Test(arguments: 0..<60)
    func randomRuleFilesRoundTrip(seed: Int) {
        var generator = RandomRules(random: SeededRandom(state: UInt64(seed) &* 104_729))
        var text = generator.file()
        // Comments in random places between declarations and clauses.
        text = text.replacingOccurrences(of: "\n  severity", with: " # почему так\n  severity")
        let formatted = FormatTest.formatChecked(text, path: "random-\(seed).soko")
        let russian = FormatTest.formatChecked(formatted, keywords: .ru, path: "random-\(seed).soko")
        let back = FormatTest.formatChecked(russian, keywords: .en, path: "random-\(seed)-ru.soko")
        // The text may differ in blank lines (a declaration too long for one line in Russian
        // becomes a block and gets blank lines around it), but never in meaning.
        let dump = ASTDump(names: .canonical)
        #expect(dump.tree(FormatTest.parse(back)) == dump.tree(FormatTest.parse(formatted)))
    }
}
