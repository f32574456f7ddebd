// The four outcomes of a rule (issue 11): `applies`, not applicable, three-valued rule
// references, the outcome functions, Kleene `at least`, `periods_with` on incomplete windows,
// `has_prev`, the non-risk severities and entity statuses that add up.
import Foundation
import Testing
@testable import Soko

@Suite struct OutcomeTests {
    static let dataset = """
    dataset t { key id  period year  column a: number  column b: number  column f: flag }

    """

    static func run(_ rules: String, _ csv: String) throws -> Evaluation {
        try Support.evaluate(rules: dataset + rules, csv: "id,year,a,b,f\n" + csv)
    }

    @Test func appliesDecidesNotApplicableBeforeRequireAndWhen() throws {
        let evaluation = try Self.run("""
        rule r {
          applies a > 0 "no medalists"
          require b >= 2 "too few"
          when f
          severity low
        }
        """, """
        k1,2024,0,5,да
        k2,2024,,5,да
        k3,2024,1,1,да
        k4,2024,1,5,да
        k5,2024,1,5,нет
        k6,2024,0,,
        """)
        #expect(Support.outcomes(evaluation, rule: "r") == [
            "k1/2024": .notApplicable,   // applies false wins over everything else
            "k2/2024": .insufficient,    // applies unknown
            "k3/2024": .insufficient,    // require false
            "k4/2024": .fired, "k5/2024": .silent,
            "k6/2024": .notApplicable,   // require and when unknown, but the rule does not apply
        ])
        let formatter = ValueFormatter(language: .en)
        #expect(evaluation.inapplicabilityReasons(rule: 0, entity: 0, formatter: formatter) == ["no medalists"])
        #expect(evaluation.inapplicabilityReasons(rule: 0, entity: 3, formatter: formatter) == [])
        #expect(evaluation.missingInputs(rule: 0, entity: 1) == ["a"])
    }

    @Test func severalAppliesClausesAllMustHold() throws {
        let evaluation = try Self.run("""
        rule r { applies a > 0  applies b > 0 "b" when f severity low }
        """, "k1,2024,1,0,да\nk2,2024,1,1,да\nk3,2024,,0,да\n")
        // false and unknown is false: not applicable.
        #expect(Support.outcomes(evaluation, rule: "r") == ["k1/2024": .notApplicable, "k2/2024": .fired, "k3/2024": .notApplicable])
    }

    @Test func ruleReferencesAreThreeValued() throws {
        let evaluation = try Self.run("""
        rule risk { applies b > 0 when a > 1 severity high }
        rule good { when not risk severity positive }
        rule told { when fired(risk) severity info }
        rule known { when decided(risk) severity info }
        rule about { when applies(risk) severity info }
        """, "k1,2024,2,1,\nk2,2024,0,1,\nk3,2024,,1,\nk4,2024,2,0,\n")
        #expect(Support.outcomes(evaluation, rule: "risk") == ["k1/2024": .fired, "k2/2024": .silent, "k3/2024": .insufficient, "k4/2024": .notApplicable])
        // Undecided stays undecided under `not`; not applicable reads as not fired.
        #expect(Support.outcomes(evaluation, rule: "good") == ["k1/2024": .silent, "k2/2024": .fired, "k3/2024": .insufficient, "k4/2024": .fired])
        #expect(Support.outcomes(evaluation, rule: "told") == ["k1/2024": .fired, "k2/2024": .silent, "k3/2024": .silent, "k4/2024": .silent])
        #expect(Support.outcomes(evaluation, rule: "known") == ["k1/2024": .fired, "k2/2024": .fired, "k3/2024": .silent, "k4/2024": .silent])
        #expect(Support.outcomes(evaluation, rule: "about") == ["k1/2024": .fired, "k2/2024": .fired, "k3/2024": .fired, "k4/2024": .silent])
    }

    @Test func russianOutcomeFunctionsAndClause() throws {
        let evaluation = try Self.run("""
        правило risk { применяется b > 0 "нет b" когда a > 1 уровень высокий }
        правило x { когда сработало(risk) или не решено(risk) и не применимо(risk) уровень информационный }
        """, "k1,2024,2,1,\nk2,2024,2,0,\n")
        #expect(Support.outcomes(evaluation, rule: "x") == ["k1/2024": .fired, "k2/2024": .fired])
    }

    @Test func atLeastIsKleene() throws {
        let evaluation = try Self.run("""
        rule two { when at least 2 of (a > 0, b > 0, f) severity low }
        """, """
        k1,2024,1,1,
        k2,2024,1,,
        k3,2024,0,0,
        k4,2024,0,,нет
        k5,2024,1,0,
        """)
        #expect(Support.outcomes(evaluation, rule: "two") == [
            "k1/2024": .fired,         // 2 true
            "k2/2024": .insufficient,  // 1 true, 2 unknown: could be 3
            "k3/2024": .silent,        // 0 true, 1 unknown: at most 1 < 2
            "k4/2024": .silent,        // 0 true, 1 unknown
            "k5/2024": .insufficient,  // 1 true, 1 unknown: could be 2
        ])
    }

    @Test func periodsWithIsMissingOnAnIncompleteOrUndecidedWindow() throws {
        let evaluation = try Self.run("""
        indicator n = periods_with(f, 3)
        rule never { when periods_with(f, 2) = 0 severity low }
        """, """
        k1,2021,,,да
        k1,2022,,,нет
        k1,2023,,,
        k1,2024,,,нет
        k1,2025,,,нет
        k1,2026,,,нет
        k2,2024,,,нет
        k2,2026,,,нет
        """)
        let n = evaluation.program.indicator(named: "n")!
        // k1: 2021 and 2022 windows reach before the data, 2023–2025 hold an undecided 2023.
        #expect((0..<8).map { evaluation.indicatorColumn(n).value(at: $0) } ==
                [.missing, .missing, .missing, .missing, .missing, .number(0), .missing, .missing])
        #expect(Support.outcomes(evaluation, rule: "never")["k1/2025"] == .fired)
        #expect(Support.outcomes(evaluation, rule: "never")["k1/2024"] == .insufficient)
        #expect(Support.outcomes(evaluation, rule: "never")["k2/2026"] == .insufficient) // 2025 has no row
    }

    @Test func hasPrevSeesAnyRowOfThePeriodBefore() throws {
        let evaluation = try Self.run("""
        rule first { when not has_prev() severity info }
        rule two_back { when has_prev(2) severity info }
        rule growth { applies has_prev() when change(a) > 0 severity low }
        """, "k1,2022,1,,\nk1,2023,,,\nk1,2024,3,,\nk2,2024,1,,\n")
        #expect(Support.outcomes(evaluation, rule: "first") == ["k1/2022": .fired, "k1/2023": .silent, "k1/2024": .silent, "k2/2024": .fired])
        #expect(Support.outcomes(evaluation, rule: "two_back") == ["k1/2022": .silent, "k1/2023": .silent, "k1/2024": .fired, "k2/2024": .silent])
        // The first year is not applicable; a row with an empty cell the year before is insufficient.
        #expect(Support.outcomes(evaluation, rule: "growth") == ["k1/2022": .notApplicable, "k1/2023": .insufficient,
                                                                  "k1/2024": .insufficient, "k2/2024": .notApplicable])
    }

    @Test func infoAndPositiveNeverFlagAndStatusesAddUp() throws {
        let evaluation = try Self.run("""
        rule risk { applies b > 0 when a > 1 severity high }
        rule kind { when a > 0 severity info }
        rule praise { when a = 0 severity positive }
        """, "k1,2024,2,1,\nk2,2024,0,1,\nk3,2024,,1,\nk4,2024,5,0,\nk5,2024,1,1,\n")
        #expect(evaluation.statuses() == [.flagged, .clean, .insufficient, .notApplicable, .clean])
        let summary = Summary(evaluation: evaluation, groupBy: nil)
        #expect([summary.flagged, summary.clean, summary.insufficient, summary.notApplicable] as [Int] == [1, 2, 1, 1])
        #expect(summary.flagged + summary.clean + summary.insufficient + summary.notApplicable == summary.entities)
        // k4 fired the info rule, but that does not flag it; highest counts only risks.
        #expect(summary.highest == [.high, nil, nil, nil, nil])
        #expect(summary.byRule.map(\.notApplicable) == [1, 0, 0])
        #expect(Severity.info < Severity.low && !Severity.info.isRisk && !Severity.positive.isRisk && Severity.low.isRisk)
        #expect(Severity.named("информационный") == .info && Severity.named("Positive") == .positive)
    }

    @Test func noRiskRuleMeansNotApplicable() throws {
        let evaluation = try Self.run("rule kind { when a > 0 severity info }", "k1,2024,2,1,\n")
        #expect(evaluation.statuses() == [.notApplicable])
    }

    @Test func checkerWarnsWhereUndecidedReadsAsNotFired() {
        // `b` and `f` are read by an indicator, so that no column is reported unused (W0403).
        let base = Self.dataset + "indicator other = if f then b else 0\nrule risk { when a > 1 severity high }\n"
        #expect(Support.codes(base + "rule r { when not fired(risk) severity info }") == ["W0407"])
        #expect(Support.codes(base + "правило r { когда не сработало(risk) уровень информационный }") == ["W0407"])
        #expect(Support.codes(base + "rule r { when periods_with(fired(risk), 3) = 0 severity info }") == ["W0407"])
        #expect(Support.codes(base + "rule r { when periods_with(fired(risk), 3) < 1 severity info }") == ["W0407"])
        #expect(Support.codes(base + "rule r { when not risk severity info }") == [])
        #expect(Support.codes(base + "rule r { when periods_with(risk, 3) = 0 severity info }") == [])
        #expect(Support.codes(base + "rule r { when periods_with(fired(risk), 3) >= 1 severity info }") == [])
        #expect(Support.codes(base + "rule r { when fired(a > 1) severity info }") == ["E0243"])
        #expect(Support.codes(base + "rule r { when has_prev(1.5) severity info }") == ["E0208"])
        #expect(Support.codes("dataset d { key id column a: number }\nrule r { when has_prev() severity low }") == ["E0241"])
    }

    @Test func theWarningSaysWhichRuleAndTheFix() throws {
        let result = Compiler.compile(text: Self.dataset + """
        indicator other = if f then b else 0
        rule risk { when a > 1 severity high }
        rule r { when not fired(risk) severity info }
        """)
        #expect(result.diagnostics.map(\.code) == ["W0407"])
        let warning = try #require(result.diagnostics.first)
        #expect(warning.hint?.en == "write 'not risk': where the rule is undecided, the result stays unknown")
        #expect(warning.hint?.ru == "напишите «не risk»: там, где правило не решено, результат останется неизвестным")
    }

    @Test func testCellsSayNotApplicableInBothLanguages() throws {
        for (cell, other) in [("not applicable", "fires"), ("не применяется", "срабатывает"), ("Not  Applicable", "fires")] {
            let program = try #require(Compiler.compile(text: Self.dataset + """
            rule r { applies b > 0 when a > 1 severity low }
            test "t" {
              given { | id | year | a | b |
                      | "A" | 2024 | 2 | 0 |
                      | "B" | 2024 | 2 | 1 | }
              expect { | id | r |
                       | "A" | \(cell) |
                       | "B" | \(other) | }
            }
            """).program, "\(cell)")
            let report = TestRunner.run(program, language: .en)
            #expect(report.results.map(\.passed) == [true], "\(cell)")
        }
    }

    @Test func aFailedNotApplicableExpectationSaysSo() throws {
        let program = try #require(Compiler.compile(text: Self.dataset + """
        rule r { applies b > 0 when a > 1 severity low }
        test "t" {
          given { | id | year | a | b |
                  | "A" | 2024 | 2 | 1 | }
          expect { | id | r |
                   | "A" | not applicable | }
        }
        """).program)
        let failures = TestRunner.run(program, language: .en).results[0].failures
        #expect(failures.map(\.message.en) == ["rule 'r': expected 'not applicable', got 'fires'"])
    }

    @Test func formatterPrintsTheClauseAndTheCellInEitherLanguage() throws {
        let source = Self.dataset + """
        rule r { applies b > 0 "why" when a > 1 severity info }
        test "t" {
          given { | id | year | a | b |
                  | "A" | 2024 | 2 | 0 | }
          expect { | id | r |
                   | "A" | not applicable | }
        }
        """
        let russian = FormatTest.formatChecked(source, keywords: .ru)
        #expect(russian.contains("  применяется b > 0 \"why\"\n"))
        #expect(russian.contains("уровень информационный"))
        #expect(russian.contains("| \"A\" | не применяется |"))
        let english = FormatTest.formatChecked(russian, keywords: .en)
        #expect(english.contains("  applies b > 0 \"why\"\n"))
        #expect(english.contains("| \"A\" | not applicable |"))
        #expect(english.contains("severity info"))
    }
}

@Suite struct OutcomeExplanationTests {
    static let rules = """
    dataset t { key id  period year  label name  column medalists: count  column unconfirmed: count }
    indicator index "Индекс неподтверждения" = unconfirmed / medalists
    rule medal "Неподтверждение медалистов" {
      applies medalists > 0 "в этом году нет медалистов"
      when index > 10%
      severity high
    }
    rule bare { applies medalists > 5 when index > 10% severity low }
    rule calm "Спокойная школа" { when not medal severity positive }

    """

    static func explain(_ rule: String, _ csv: String, language: Language = .ru) throws -> Explanation {
        let evaluation = try Support.evaluate(rules: rules, csv: "id,year,name,medalists,unconfirmed\n" + csv)
        return Explainer(evaluation: evaluation, language: language).explain(rule: evaluation.program.rule(named: rule)!, entity: 0)
    }

    @Test func aRuleThatDoesNotApplySaysWhy() throws {
        let explanation = try Self.explain("medal", "S1,2024,Школа 1,0,0\n")
        #expect(explanation.outcome == .notApplicable)
        #expect(explanation.text(detailed: false)
                == "Школа 1, 2024: правило «Неподтверждение медалистов» не применяется: в этом году нет медалистов → не применяется")
        let bare = try Self.explain("bare", "S1,2024,Школа 1,3,0\n", language: .en)
        #expect(bare.text(detailed: false).hasPrefix(
            "Школа 1, 2024: the rule 'bare' does not apply: the applicability condition 'medalists > 5' does not hold → not applicable"))
        #expect(explanation.json.serialized().contains(#""outcome":"not_applicable","missing":[],"applies":[{"held":false,"reason":"в этом году нет медалистов""#))
    }

    @Test func anUndecidedReferenceSaysWhichRuleAndWhy() throws {
        let explanation = try Self.explain("calm", "S1,2024,Школа 1,10,\n")
        #expect(explanation.outcome == .insufficient)
        let text = explanation.text()
        #expect(text.contains("правило «Неподтверждение медалистов» не решено (недостаточно данных)"))
        #expect(text.contains("unconfirmed"))
        let notApplying = try Self.explain("calm", "S1,2024,Школа 1,0,0\n")
        #expect(notApplying.outcome == .fired)
        #expect(notApplying.text().contains("правило «Неподтверждение медалистов» не применяется (считается не сработавшим): в этом году нет медалистов"))
    }

    @Test func reportsShowTheFourthOutcome() throws {
        let evaluation = try Support.evaluate(rules: Self.rules, csv: "id,year,name,medalists,unconfirmed\nS1,2024,Школа 1,0,0\nS2,2024,Школа 2,10,5\n")
        let summary = Summary(evaluation: evaluation, groupBy: nil)
        let json = JSONReport.render(evaluation, summary: summary, language: .ru).compactJSON
        #expect(json.contains(#"{"rule":"medal","outcome":"not_applicable","reasons":["в этом году нет медалистов"]}"#))
        #expect(json.contains(#""not_applicable":1"#))
        let table = TableReport.render(evaluation, summary: summary, language: .ru)
        #expect(table.contains("Ни одно правило о рисках не применяется: 1\n  S1 Школа 1, 2024: Неподтверждение медалистов (в этом году нет медалистов); bare (medalists > 5)\n"))
        #expect(table.contains("Положительная практика\n  Спокойная школа: 1 — S1 Школа 1, 2024\n"))
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        #expect(markdown.contains("## Положительная практика"))
        #expect(markdown.contains("| Ни одно правило о рисках не применяется | 1 | 50,0 % |"))
        let html = HTMLReport.render(evaluation, summary: summary, language: .en)
        #expect(html.contains("<h2>Good practice</h2>"))
        #expect(html.contains("data-count=\"not-applicable\">1<"))
    }
}

extension OutcomeExplanationTests {
    @Test func csvWithAllOutcomesGivesTheReasons() throws {
        let evaluation = try Support.evaluate(rules: Self.rules, csv: "id,year,name,medalists,unconfirmed\nS1,2024,Школа 1,0,0\nS2,2024,Школа 2,10,5\nS3,2024,Школа 3,10,\n")
        let plain = String(decoding: CSVReport.render(evaluation, options: CSVReportOptions(language: .ru)), as: UTF8.self)
        #expect(plain == "id,year,rule,severity,title,recommendation\nS1,2024,calm,positive,Спокойная школа,\nS2,2024,bare,low,,\nS2,2024,medal,high,Неподтверждение медалистов,\n")
        let all = String(decoding: CSVReport.render(evaluation, options: CSVReportOptions(language: .ru, allOutcomes: true)), as: UTF8.self)
        #expect(all == """
            id,year,rule,severity,title,recommendation,outcome,reason
            S1,2024,bare,low,,,not_applicable,medalists > 5
            S1,2024,calm,positive,Спокойная школа,,fired,
            S1,2024,medal,high,Неподтверждение медалистов,,not_applicable,в этом году нет медалистов
            S2,2024,bare,low,,,fired,
            S2,2024,medal,high,Неподтверждение медалистов,,fired,
            S3,2024,bare,low,,,insufficient_data,нет данных: unconfirmed
            S3,2024,calm,positive,Спокойная школа,,insufficient_data,нет данных: unconfirmed
            S3,2024,medal,high,Неподтверждение медалистов,,insufficient_data,нет данных: unconfirmed

            """)
        let markdown = MarkdownReport.render(evaluation, summary: Summary(evaluation: evaluation, groupBy: nil), language: .ru)
        #expect(markdown.contains("## Ни одно правило о рисках не применяется: 1\n\n- S1 · Школа 1 · 2024: Неподтверждение медалистов: в этом году нет медалистов; bare: medalists \\> 5\n"))
    }
}

extension OutcomeTests {
    @Test func formatterKeepsOutcomeFunctionsDatesAndQualifiedGroups() {
        let source = """
        dataset r { key id  period year  column m: text  column d: date  column a: number }
        dataset l { key id  period year  column m: text }
        rule x { applies has_prev() when a > mean(a by r.m, year) and d > date("2024-09-01") severity low }
        rule y { when applies(x) and not decided(x) or fired(x) severity info }

        """
        let russian = FormatTest.formatChecked(source, keywords: .ru)
        #expect(russian.contains("применяется есть_пред()"))
        #expect(russian.contains("среднее(a по r.m, year)"))
        #expect(russian.contains("когда применимо(x) и не решено(x) или сработало(x)"))
        #expect(russian.contains("d > дата(\"2024-09-01\")"))
        let english = FormatTest.formatChecked(russian, keywords: .en)
        #expect(english.contains("when applies(x) and not decided(x) or fired(x)"))
        #expect(english.contains("applies has_prev()"))
    }
}
