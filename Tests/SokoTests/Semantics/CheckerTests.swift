// Rule files with the diagnostics the checker must give: codes, positions, hints.
import Testing
@testable import Soko

@Suite struct CheckerTests {
    static let header = """
    dataset results {
      key school_id
      period year
      column municipality: text
      column medalists: count
      column unconfirmed: count
      column participants: count
      column observers: flag
      column score: number
    }

    """

    static func check(_ body: String) -> CheckResult { Compiler.compile(text: header + body) }

    /// Read after the snippet, so that the header's columns are read (no W0403) and no
    /// position in the snippet moves.
    static let readsTheHeader = "\nindicator header_columns = if observers then medalists + unconfirmed + participants + score else 0\n"

    @Test(arguments: [
        ("rule r { when medalist > 1 severity high }", ["E0200"]),
        ("rule r { when medalists > 10% severity high }", ["E0203"]),
        ("rule r { when unconfirmed / medalists > 50 severity high }", ["W0401"]),
        ("rule r { when observers + 1 > 2 severity high }", ["E0201"]),
        ("rule r { when municipality > 2 severity high }", ["E0201"]),
        ("rule r { when score severity high }", ["E0234"]),
        ("rule r { severity high }", ["E0230"]),
        ("rule r { when score > 1 }", ["E0232"]),
        ("rule r { when score > 1 severity hihg }", ["E0233"]),
        ("indicator a = b\nindicator b = a\nrule r { when a > 1 severity low }", ["E0210", "E0210"]),
        ("indicator mean = 1", ["E0213"]),
        ("indicator score = 1", ["E0212"]),
        ("rule r { when meen(score) > 1 severity low }", ["E0205"]),
        ("rule r { when abs(score by year) > 1 severity low }", ["E0207"]),
        ("rule r { when mean(score by observers2) > 1 severity low }", ["E0200"]),
        ("param p = score\nrule r { when score > 1 severity low }", ["E0217"]),
        ("rule r { when false severity low }", ["W0404"]),
        ("param unused = 1\nrule r { when score > 1 severity low }", ["W0403"]),
        ("rule r { when if observers then 1 else \"a\" severity low }", ["E0204"]),
        ("rule r { when at least 2 of (score, observers) severity low }", ["E0234"]),
        ("bands z by score { to 5 -> \"a\" from 4 -> \"b\" }\nrule r { when z = \"a\" severity low }", ["E0223"]),
        ("bands z by score { to 5 -> \"a\" from 6 -> \"b\" }\nrule r { when z = \"a\" severity low }", ["W0406"]),
        ("bands z by score { from 5 to 5 -> \"a\" }\nrule r { when z = \"a\" severity low }", ["E0222"]),
    ])
    func diagnostics(_ body: String, _ expected: [String]) {
        #expect(Compiler.compile(text: Self.header + body + Self.readsTheHeader).diagnostics.map(\.code) == expected)
    }

    @Test func didYouMeanWorksAcrossCyrillic() {
        let result = Compiler.compile(text: """
        таблица t { ключ id  столбец доля_медалистов: доля }
        правило r { когда доля_медалиств > 10% уровень высокий }
        """)
        #expect(result.diagnostics.map(\.code) == ["E0200"])
        #expect(result.diagnostics[0].hint?.ru == "возможно, имелось в виду «доля_медалистов»")
    }

    @Test func positionsPointAtTheName() {
        let result = Self.check("rule r { when medalist > 1 severity high }")
        let file = result.sources[0]!
        let location = file.location(of: result.diagnostics[0].range.start)
        #expect(location.line == 11)
        #expect(location.column == 15)
    }

    @Test func ambiguousColumnsNeedTheDataset() {
        let result = Compiler.compile(text: """
        dataset a { key id  column x: number }
        dataset b { key id  column x: number }
        rule r { when x > 1 severity low }
        rule s { when a.x > b.x severity low }
        """)
        #expect(result.diagnostics.map(\.code) == ["E0211"])
    }

    @Test func aCleanProgramHasEveryPart() throws {
        let result = Self.check("""
        param threshold = 10% "Порог"
        indicator share "Доля" = unconfirmed / medalists
        rule r "Правило" {
          when share > threshold and prev(share) > threshold
          require medalists >= 3 and participants > 0
          severity high
          recommend "Индекс {share}"
        }
        rule zone { when at least 1 of (r, observers = false, score < 1) severity critical }
        """)
        #expect(result.diagnostics.isEmpty)
        let program = try #require(result.program)
        #expect(program.indicators[0].value.type == .share)
        #expect(program.rules.map(\.severity) == [.high, .critical])
        #expect(program.evaluationOrder.firstIndex(of: .rule(0))! < program.evaluationOrder.firstIndex(of: .rule(1))!)
    }

    @Test func anEntryFileSetsAParamOfASharedFileAgain() throws {
        let dir = Support.folder([
            "main.soko": "import \"common.soko\"\nparam limit = 20% \"наш порог\"\n",
            "common.soko": "dataset t { key id  column a: share }\nparam limit = 10% \"порог по умолчанию\"\nparam other = 5%\nrule r { when a > limit and a > other severity low }\n",
            "bad.soko": "import \"common.soko\"\nparam limit = 20\n",
            "twice.soko": "import \"common.soko\"\nparam limit = 20%\nparam limit = 30%\n",
        ])
        let result = Compiler.compile(entries: [dir + "/main.soko"])
        #expect(result.diagnostics.isEmpty)
        let program = try #require(result.program)
        #expect(program.params.map(\.value) == [.number(0.2), .number(0.05)])
        #expect(program.params[0].description == "наш порог")
        // The entry's value (a plain 20) stays in force, so the share lint follows.
        let bad = Compiler.compile(entries: [dir + "/bad.soko"])
        #expect(bad.diagnostics.map(\.code) == ["E0242", "W0401"])
        #expect(bad.sources[bad.diagnostics[0].range.file]?.path.hasSuffix("bad.soko") == true)
        #expect(Compiler.compile(entries: [dir + "/twice.soko"]).diagnostics.map(\.code) == ["E0212"])
    }

    @Test func importsCyclesAndEscapes() {
        let dir = Support.folder([
            "main.soko": "import \"lib/a.soko\"\nimport \"../outside.soko\"\n",
            "lib/a.soko": "import \"b.soko\"\ndataset t { key id }\n",
            "lib/b.soko": "import \"a.soko\"\n",
        ])
        let result = Compiler.compile(entries: [dir + "/main.soko"])
        #expect(result.diagnostics.map(\.code).sorted() == ["E0301", "E0302"])
    }

    @Test func aThousandChainedRulesAndIndicatorsCheck() {
        var text = Self.header
        for index in 0..<1000 {
            text += "indicator i\(index) = unconfirmed / medalists + \(index)\n"
            text += "rule r\(index) { when i\(index) > 10% and \(index > 0 ? "r\(index - 1)" : "true") severity low }\n"
        }
        let result = Compiler.compile(text: text)
        #expect(!result.diagnostics.hasErrors)
        #expect(result.program?.rules.count == 1000)
    }
}
