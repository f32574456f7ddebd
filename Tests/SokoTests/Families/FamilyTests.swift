// Column families (Grammar.md 5.14): `columns tasks: number from "t{1-3}"` and `each_*`.
import Foundation
import Testing
@testable import Soko

@Suite struct FamilyTests {
    static let rules = """
    dataset r {
        key id
        columns t: number from "t{1-3}"
        columns ref: number from "{1,2,3} ref"
        column a: number
    }
    indicator s = each_sum(t)
    indicator n = each_count(t)
    indicator m = each_mean(t)
    indicator lo = each_min(t)
    indicator hi = each_max(t)
    indicator worse = each_count(t < ref)
    indicator worse_sum = each_sum(t < ref)
    indicator worse_share = each_mean(t < ref)
    indicator gap = each_mean(t - ref)
    indicator over = each_count(t > a)
    rule r1 { when each_count(t < ref) >= 2 severity low }

    """
    static let csv = """
    id,t1,t2,t3,1 ref,2 ref,3 ref,a
    k1,10,20,30,15,15,15,5
    k2,,40,,50,30,10,50
    k3,,,,1,2,3,1
    k4,4,,8,,,9,

    """

    func values(_ evaluation: Evaluation, _ name: String) -> [Value] {
        let index = evaluation.program.indicator(named: name)!
        let column = evaluation.indicatorColumn(index)
        return (0..<evaluation.entities.count).map { column.value(at: $0) }
    }

    @Test func statisticsOverMembersSkipMissingOnes() throws {
        let e = try Support.evaluate(rules: Self.rules, csv: Self.csv)
        #expect(values(e, "s") == [.number(60), .number(40), .missing, .number(12)])
        #expect(values(e, "n") == [.number(3), .number(1), .missing, .number(2)])
        #expect(values(e, "m") == [.number(20), .number(40), .missing, .number(6)])
        #expect(values(e, "lo") == [.number(10), .number(40), .missing, .number(4)])
        #expect(values(e, "hi") == [.number(30), .number(40), .missing, .number(8)])
    }

    @Test func conditionsCountAndShareAndPairByTag() throws {
        let e = try Support.evaluate(rules: Self.rules, csv: Self.csv)
        // k1: 10<15 yes, 20<15 no, 30<15 no; k2: only t2 known: 40<30 no; k4: t3 8<9 yes, t1 vs missing.
        #expect(values(e, "worse") == [.number(1), .number(0), .missing, .number(1)])
        #expect(values(e, "worse_sum") == [.number(1), .number(0), .missing, .number(1)])
        #expect(values(e, "worse_share") == [.number(1.0 / 3.0), .number(0), .missing, .number(1)])
        #expect(values(e, "gap") == [.number(5), .number(10), .missing, .number(-1)])
        // A plain column is read alongside the family, the same for every member.
        #expect(values(e, "over") == [.number(3), .number(0), .missing, .missing])
        #expect(Support.outcomes(e, rule: "r1") == ["k1": .silent, "k2": .silent, "k3": .insufficient, "k4": .silent])
    }

    @Test func russianKeywordsAndListPatterns() throws {
        let e = try Support.evaluate(rules: """
        таблица р {
            ключ код
            столбцы отметки: число из "{4,5,6} РУ"
        }
        показатель всего = сумма_по_столбцам(отметки)
        показатель хороших = количество_по_столбцам(отметки >= 4)
        показатель доля_хороших = среднее_по_столбцам(отметки >= 4)
        показатель наименьшая = минимум_по_столбцам(отметки)
        показатель наибольшая = максимум_по_столбцам(отметки)
        показатель пятый = отметки_5
        """, csv: "код,4 РУ,5 РУ,6 РУ\nш1,3,5,4\n")
        #expect(values(e, "всего") == [.number(12)])
        #expect(values(e, "хороших") == [.number(2)])
        #expect(values(e, "доля_хороших") == [.number(2.0 / 3.0)])
        #expect(values(e, "наименьшая") == [.number(3)])
        #expect(values(e, "наибольшая") == [.number(5)])
        #expect(values(e, "пятый") == [.number(5)])
    }

    @Test func expansionGivesOrdinaryColumnsWithHeaders() throws {
        let check = Compiler.compile(text: Self.rules)
        let program = try #require(check.program)
        let headers = program.datasets[0].columns.map(\.header)
        #expect(headers == ["id", "t1", "t2", "t3", "1 ref", "2 ref", "3 ref", "a"])
        #expect(program.datasets[0].columns.map(\.name) == ["id", "t_1", "t_2", "t_3", "ref_1", "ref_2", "ref_3", "a"])
    }

    @Test func diagnostics() {
        let head = "dataset r { key id\n columns t: number from \"t{1-3}\"\n columns u: number from \"u{1-4}\" }\n"
        #expect(Support.codes("dataset r { key id columns t: number from \"t*\" }") == ["E0280"])
        #expect(Support.codes("dataset r { key id columns t: number from \"t{3-1}\" }") == ["E0280"])
        #expect(Support.codes("dataset r { key id columns t: number from \"{a,,b}\" }") == ["E0280"])
        #expect(Support.codes("dataset r { key id columns t: number from \"{1-2}{3-4}\" }") == ["E0280"])
        #expect(Support.codes("dataset r { key id columns t: number }") == ["E0280"])
        #expect(Support.codes("dataset r { key id columns t: numbr from \"t{1-2}\" }") == ["E0214"])
        #expect(Support.codes(head + "indicator x = t + 1") == ["E0283"])
        #expect(Support.codes(head + "indicator x = each_sum(1)") == ["E0281"])
        #expect(Support.codes(head + "indicator x = each_sum(t + u)") == ["E0282"])
        #expect(Support.codes(head + "indicator x = each_min(t > 1)") == ["E0201"])
        #expect(Support.codes(head + "indicator x = each_sum(t) + each_max(u)").isEmpty)
        let diagnostic = Compiler.compile(text: head + "indicator x = t + 1").diagnostics[0]
        #expect(diagnostic.range.start == (head + "indicator x = ").utf8.count && diagnostic.hint != nil)
    }

    @Test func formatIsIdempotentInBothLanguages() {
        let text = "dataset r { key id\ncolumns t: number from \"t{1-3}\"\n}\nindicator x = each_mean(t>1)\n"
        let once = FormatTest.format(text)
        #expect(once.contains("columns t: number from \"t{1-3}\""))
        #expect(once.contains("each_mean(t > 1)"))
        #expect(FormatTest.format(once) == once)
        let russian = FormatTest.format(text, keywords: .ru)
        #expect(russian.contains("столбцы t: число из \"t{1-3}\""))
        #expect(russian.contains("среднее_по_столбцам(t > 1)"))
        #expect(FormatTest.format(russian) == russian)
    }

    @Test func ruleSetTestsGiveMembersByName() throws {
        let check = Compiler.compile(text: Self.rules + """
        test "worse than the reference" {
          given r {
            | id   | t_1 | t_2 | t_3     | ref_1 | ref_2 | ref_3 | a |
            | "k1" | 1   | 2   | missing | 3     | 3     | 3     | 0 |
          }
          expect {
            | id   | worse | worse_share | r1    |
            | "k1" | 2     | 100%        | fires |
          }
        }
        """)
        let program = try #require(check.program, "\(check.diagnostics.map(\.code))")
        let report = TestRunner.run(program, language: .en)
        #expect(report.results.count == 1 && report.results.allSatisfy(\.passed))
    }

    @Test func sqlCompilesThemAsScalarArithmetic() throws {
        let check = Compiler.compile(text: Self.rules)
        let program = try #require(check.program)
        let result = SQLCompiler.compile(program, options: SQLOptions(dialect: .duckdb))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.code))")
        let sql = try #require(result.sql)
        #expect(sql.contains("\"t1\"") || sql.contains("t1"))
    }
}
