// W0403 «объявлено, но нигде не используется» (Grammar.md 5.1): parameters, columns and bands
// of the entry files that nothing reads; never indicators; every kind of use counts.
import Testing
@testable import Soko

@Suite struct UnusedDeclarationTests {
    /// `mun` is the summary's default group column (the first text column); `area` and `b` are
    /// read by nothing.
    static let dataset = """
    dataset t { key id  period year  label name  column mun: text  column area: text  column a: number  column b: number }

    """

    static func warnings(_ text: String) -> [String] {
        let result = Compiler.compile(text: text)
        return result.diagnostics.map { diagnostic in
            let location = result.sources[diagnostic.range.file]!.location(of: diagnostic.range.start)
            return "\(diagnostic.code) \(location.line):\(location.column)"
        }
    }

    @Test func aColumnNothingReadsIsWarnedAtItsDeclarationInBothLanguages() throws {
        let result = Compiler.compile(text: Self.dataset + "indicator x = a\n")
        #expect(Self.warnings(Self.dataset + "indicator x = a\n") == ["W0403 1:71", "W0403 1:108"])
        #expect(result.program != nil, "a warning, not an error")
        let first = try #require(result.diagnostics.first)
        #expect(first.severity == .warning)
        #expect(first.message.ru == "«area» объявлено, но нигде не используется")
        #expect(first.message.en == "'area' is declared but never used")
        #expect(first.hint?.ru == "используйте столбец в правиле или показателе, или удалите его объявление (для группировки сводки: soko run --group-by СТОЛБЕЦ)")
        #expect(first.hint?.en == "use the column in a rule or an indicator, or remove its declaration (to group the summary by it: soko run --group-by COLUMN)")
        #expect(result.diagnostics[1].message.en == "'b' is declared but never used")
        // A number column is not one to group by: the hint says only what fits.
        #expect(result.diagnostics[1].hint?.ru == "используйте столбец в правиле или показателе, или удалите его объявление")
        #expect(result.diagnostics[1].hint?.en == "use the column in a rule or an indicator, or remove its declaration")
    }

    @Test func theKeyPeriodLabelAndDefaultGroupColumnAreReadByTheEngine() {
        #expect(Self.warnings(Self.dataset + "indicator x = if area = \"\" then a else b\n") == [])
        // The first text column is the summary's group; a second one is not.
        #expect(Self.warnings("dataset t { key id  column first: text  column second: text  column a: number }\nindicator x = a\n")
                == ["W0403 1:48"])
    }

    @Test(arguments: [
        // A statistic's `by` (по), and its `where` (где).
        "indicator x = mean(a by area)\nindicator y = mean(a where b > 0)",
        // A rule's condition, `require`, `applies` and recommendation text.
        "rule r { when a > 1 require area <> \"\" severity low recommend \"b = {b}\" }",
        "rule r { when a > 1 and area <> \"\" applies b > 0 \"no b\" severity low }",
        // Bands read their subject; a qualified name `t.b`.
        "bands z by b { to 5 -> \"low\" from 5 -> \"high\" }\nrule r { when z = \"low\" and t.area <> \"\" and a > 0 severity low }",
        // `for area`: a group level by a column.
        "indicator x for area = mean(a)\nindicator y = b",
    ])
    func everyUseCounts(_ body: String) {
        #expect(Self.warnings(Self.dataset + body + "\n") == [], "\(body)")
    }

    @Test func aLinkReadsItsColumns() {
        let rules = """
        dataset schools { key id  column mun: text  column a: number  link mun -> municipalities }
        dataset municipalities { key code  column plan: number  column spare: number }
        indicator x = a
        indicator y for municipalities = plan

        """
        #expect(Self.warnings(rules) == ["W0403 2:64"])
    }

    @Test func aFamilyIsOneDeclaration() throws {
        let unread = "dataset t { key id  column a: number  columns tasks: number from \"t{1-3}\" }\nindicator x = a\n"
        let result = Compiler.compile(text: unread)
        #expect(Self.warnings(unread) == ["W0403 1:47"])
        #expect(result.diagnostics.first?.message.en == "'tasks' is declared but never used")
        #expect(Self.warnings("dataset t { key id  column a: number  columns tasks: number from \"t{1-3}\" }\nindicator x = each_sum(tasks) + a\n") == [])
        // One member read by its own name is a use of the family.
        #expect(Self.warnings("dataset t { key id  column a: number  columns tasks: number from \"t{1-3}\" }\nindicator x = tasks_2 + a\n") == [])
    }

    @Test func indicatorsAreOutputsAndNeverWarned() {
        #expect(Self.warnings("dataset t { key id  column a: number }\nindicator shown = a\nindicator also_shown = 1\n") == [])
    }

    @Test func parametersAndBandsStillAre() {
        let text = "dataset t { key id  column a: number }\nparam p = 1\nbands z by a { to 5 -> \"low\" from 5 -> \"high\" }\nindicator x = a\n"
        #expect(Self.warnings(text) == ["W0403 2:7", "W0403 3:7"])
    }

    @Test func aColumnFilledOnlyByATestIsStillUnread() {
        let text = """
        dataset t { key id  column a: number  column b: number }
        indicator x = a
        test "t" {
          given { | id | a | b |
                  | "A" | 1 | 2 | }
          expect { | id | x |
                   | "A" | 1 | }
        }

        """
        #expect(Self.warnings(text) == ["W0403 1:46"])
    }

    @Test func aSharedFilesColumnsAreNotWarnedAbout() {
        let dir = Support.folder([
            "main.soko": "import \"common.soko\"\nindicator x = a\n",
            "common.soko": "dataset t { key id  column a: number  column b: number }\n",
        ])
        #expect(Compiler.compile(entries: [dir + "/main.soko"]).diagnostics.isEmpty)
    }

    @Test func datasetsAloneAreADescriptionNotYetRead() {
        // A shared datasets file checked by itself, or a first draft: nothing could read a column yet.
        #expect(Self.warnings(Self.dataset) == [])
        #expect(Self.warnings(Self.dataset + "param p = 1\n") == ["W0403 2:7"])
    }

    @Test func noColumnIsWarnedAboutAfterAnError() {
        // The rule that fails to check reads nothing; its columns are not therefore unused.
        #expect(Support.codes(Self.dataset + "indicator x = a\nrule r { when b + area > 1 severity low }\n") == ["E0201"])
    }
}
