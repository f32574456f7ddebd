// Tests of `Explainer`: a rule set and a small table are written to a temporary folder, run
// through `Runner.run`, and each explanation is compared sentence for sentence.
import Foundation
import Testing
@testable import Soko

/// Why the fixture did not evaluate.
struct RunFailed: Error, CustomStringConvertible {
    let description: String
}

@Suite struct ExplainerTests {
    static let rules = """
        dataset schools "Школы" {
          key school_id
          period year
          label school_name
          column municipality: text
          column medalists: count
          column medalists_unconfirmed: count
          column ege_mean_rus: number
          column ege_mean_math: number
          column vpr_high: share
          column observers_present: flag
        }

        indicator medal_nonconfirmation "Индекс неподтверждения медалистов" = medalists_unconfirmed / medalists

        rule medal_risk "Неподтверждение медалистов" {
          when medal_nonconfirmation > 10%
          require medalists >= 5 "слишком мало медалистов для оценки ({medalists})"
          severity high
          recommend "проверить {medalists_unconfirmed} медалистов"
        }

        rule low_results "Низкие результаты ЕГЭ" {
          when (ege_mean_rus < 55 and ege_mean_math < 40) or observers_present = false
          severity high
        }

        rule weak "Слабые результаты" {
          when at least 2 of (ege_mean_rus < 55, ege_mean_math < 40, observers_present = false)
          severity low
        }

        rule vpr_outlier "Аномально высокая доля «4» и «5» ВПР" {
          when vpr_high > mean(vpr_high by municipality, year) + 2 * stddev(vpr_high by municipality, year)
          severity medium
        }

        rule vpr_jump "Скачок ВПР" {
          when vpr_high - prev(vpr_high) > 25%
          severity medium
        }

        rule medal_share "Доля неподтверждённых медалей" {
          when medal_nonconfirmation > 10%
          severity low
        }

        rule no_observers "Нет наблюдателей" {
          when not observers_present
          severity low
        }

        rule zone "Зона необъективности" {
          when at least 2 of (medal_risk, low_results, vpr_outlier, vpr_jump)
          severity critical
        }
        """

    /// Советский ГО in 2024: six schools at 40 % and S5 at 90 % (mean 47,1 %, deviation 17,5 %).
    static let data = """
        school_id,year,school_name,municipality,medalists,medalists_unconfirmed,ege_mean_rus,ege_mean_math,vpr_high,observers_present
        S1,2024,МБОУ СОШ №1,Советский ГО,12,0,65,50,40%,true
        S2,2024,МБОУ СОШ №2,Советский ГО,12,0,65,50,40%,true
        S3,2024,МБОУ СОШ №3,Советский ГО,12,0,65,50,40%,true
        S4,2024,МБОУ СОШ №4,Советский ГО,12,0,65,50,40%,true
        S5,2023,МБОУ СОШ №5,Советский ГО,8,0,60,45,40%,true
        S5,2024,МБОУ СОШ №5,Советский ГО,10,3,50,,90%,true
        S6,2024,МБОУ СОШ №6,Советский ГО,3,1,70,50,40%,false
        S7,2023,МБОУ СОШ №7,Советский ГО,12,0,65,50,,true
        S7,2024,МБОУ СОШ №7,Советский ГО,12,0,65,50,40%,true
        S8,2024,МБОУ СОШ №8,Ленинский ГО,12,0,65,50,60%,true
        S9,2024,МБОУ СОШ №9,Ленинский ГО,0,0,65,50,60%,true

        """

    /// Runs the rule set over the table and explains one rule for one school and period.
    func explain(_ rule: String, _ key: String, _ period: Int, language: Language = .ru) throws -> Explanation {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("soko-explain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rulesPath = folder.appendingPathComponent("rules.soko").path
        let dataPath = folder.appendingPathComponent("schools.csv").path
        try Self.rules.write(toFile: rulesPath, atomically: true, encoding: .utf8)
        try Self.data.write(toFile: dataPath, atomically: true, encoding: .utf8)
        let evaluation: Evaluation
        switch Runner.run(RunRequest(ruleFiles: [rulesPath], data: [dataPath])) {
        case .evaluated(let result, _, _, _): evaluation = result
        case .ruleErrors(let check): throw RunFailed(description: "rule errors: \(check.diagnostics.map { $0.code + " " + $0.message.en })")
        case .usage(let messages): throw RunFailed(description: "usage: \(messages.map(\.en))")
        case .dataErrors(let issues): throw RunFailed(description: "data errors: \(issues.map { $0.code + " " + $0.message.en })")
        }
        let explainer = Explainer(evaluation: evaluation, language: language)
        let entity = try #require(evaluation.entities.entity(key: key, period: period))
        let index = try #require(evaluation.program.rule(named: rule))
        return explainer.explain(rule: index, entity: entity)
    }

    @Test func thresholdWithAShareOfCounts() throws {
        let explanation = try explain("medal_risk", "S5", 2024)
        #expect(explanation.outcome == .fired)
        #expect(explanation.text(detailed: false) == """
            МБОУ СОШ №5, 2024: индекс неподтверждения медалистов 30,0 % (3 из 10) выше порога 10,0 % \
            → сработало правило «Неподтверждение медалистов» (уровень: высокий)
            """)
        #expect(explanation.text() == """
            МБОУ СОШ №5, 2024: индекс неподтверждения медалистов 30,0 % (3 из 10) выше порога 10,0 % \
            → сработало правило «Неподтверждение медалистов» (уровень: высокий)
              рекомендация: проверить 3 медалистов
            """)
    }

    @Test func thresholdInEnglish() throws {
        let explanation = try explain("medal_risk", "S5", 2024, language: .en)
        #expect(explanation.text(detailed: false) == """
            МБОУ СОШ №5, 2024: индекс неподтверждения медалистов 30.0% (3 of 10) above the threshold 10.0% \
            → the rule 'Неподтверждение медалистов' fired (severity: high)
            """)
    }

    @Test func notFiredSaysTheFact() throws {
        let explanation = try explain("medal_risk", "S5", 2023)
        #expect(explanation.text() == """
            МБОУ СОШ №5, 2023: индекс неподтверждения медалистов 0,0 % (0 из 8) не выше порога 10,0 % \
            → правило «Неподтверждение медалистов» не сработало
            """)
    }

    @Test func compoundWithAnUnknownPartNamesTheMissingColumn() throws {
        let explanation = try explain("low_results", "S5", 2024)
        #expect(explanation.outcome == .insufficient)
        #expect(explanation.missing == ["ege_mean_math"])
        #expect(explanation.text() == """
            МБОУ СОШ №5, 2024: выполнено 0 из 2 условий, неизвестно 1 (нужно хотя бы одно) \
            → недостаточно данных для правила «Низкие результаты ЕГЭ»
              [?] выполнено 1 из 2 условий, неизвестно 1 (нужны все)
                [да] ege_mean_rus 50 ниже порога 55
                [?] ege_mean_math (нет данных) < 40: неизвестно — нет данных в столбце «ege_mean_math»
              [нет] observers_present: да (а не нет)
            """)
    }

    @Test func compoundThatFiredThroughOnePart() throws {
        let explanation = try explain("low_results", "S6", 2024)
        #expect(explanation.text() == """
            МБОУ СОШ №6, 2024: выполнено 1 из 2 условий (нужно хотя бы одно) \
            → сработало правило «Низкие результаты ЕГЭ» (уровень: высокий)
              [нет] выполнено 0 из 2 условий (нужны все)
                [нет] ege_mean_rus 70 не ниже порога 55
                [нет] ege_mean_math 50 не ниже порога 40
              [да] observers_present: нет
            """)
    }

    @Test func atLeastOfConditions() throws {
        let explanation = try explain("weak", "S5", 2024)
        #expect(explanation.text() == """
            МБОУ СОШ №5, 2024: выполнено 1 из 3 условий, неизвестно 1 (нужно не менее 2) \
            → недостаточно данных для правила «Слабые результаты»
              [да] ege_mean_rus 50 ниже порога 55
              [?] ege_mean_math (нет данных) < 40: неизвестно — нет данных в столбце «ege_mean_math»
              [нет] observers_present: да (а не нет)
            """)
    }

    @Test func atLeastOfRulesExplainsEachRule() throws {
        let explanation = try explain("zone", "S5", 2024)
        #expect(explanation.text() == """
            МБОУ СОШ №5, 2024: выполнено 3 из 4 условий, неизвестно 1 (нужно не менее 2) \
            → сработало правило «Зона необъективности» (уровень: критический)
              [да] правило «Неподтверждение медалистов» сработало: \
            индекс неподтверждения медалистов 30,0 % (3 из 10) выше порога 10,0 %
              [?] правило «Низкие результаты ЕГЭ» не решено (недостаточно данных): \
            выполнено 0 из 2 условий, неизвестно 1 (нужно хотя бы одно)
                [?] выполнено 1 из 2 условий, неизвестно 1 (нужны все)
                  [да] ege_mean_rus 50 ниже порога 55
                  [?] ege_mean_math (нет данных) < 40: неизвестно — нет данных в столбце «ege_mean_math»
                [нет] observers_present: да (а не нет)
              [да] правило «Аномально высокая доля «4» и «5» ВПР» сработало: vpr_high 90,0 % выше, чем \
            среднее по группе (municipality = Советский ГО, year = 2024) 47,1 % + 2 × стандартное отклонение 17,5 % = 82,1 %
              [да] правило «Скачок ВПР» сработало: vpr_high 90,0 % − vpr_high за 2023 40,0 % = 50,0 % выше порога 25,0 %
            """)
    }

    @Test func groupStatisticShowsTheGroupAndItsValue() throws {
        let explanation = try explain("vpr_outlier", "S5", 2024)
        #expect(explanation.text() == """
            МБОУ СОШ №5, 2024: vpr_high 90,0 % выше, чем среднее по группе (municipality = Советский ГО, year = 2024) \
            47,1 % + 2 × стандартное отклонение 17,5 % = 82,1 % → сработало правило «Аномально высокая доля «4» и «5» ВПР» \
            (уровень: средний)
            """)
        // The mean's node carries its group: S8 of another municipality is not in it.
        let bound = explanation.condition.children[1]
        let mean = bound.children[0]
        #expect(mean.kind == .statistic(.mean))
        #expect(mean.group?.description == "municipality = Советский ГО, year = 2024")
        #expect(mean.group?.size == 7)
        #expect(mean.display == "47,1 %")
    }

    @Test func prevShowsTheEarlierPeriod() throws {
        let explanation = try explain("vpr_jump", "S5", 2024)
        #expect(explanation.text() == """
            МБОУ СОШ №5, 2024: vpr_high 90,0 % − vpr_high за 2023 40,0 % = 50,0 % выше порога 25,0 % \
            → сработало правило «Скачок ВПР» (уровень: средний)
            """)
        let prev = explanation.condition.children[0].children[1]
        #expect(prev.earlier?.period == 2023)
        #expect(prev.earlier?.display == "40,0 %")
        #expect(prev.children.first?.period == 2023)
    }

    @Test func prevWithoutAnEarlierRow() throws {
        let explanation = try explain("vpr_jump", "S6", 2024)
        #expect(explanation.text() == """
            МБОУ СОШ №6, 2024: vpr_high 40,0 % − vpr_high за 2023 (нет данных) > 25,0 %: неизвестно — \
            за 2023 нет строки в данных → недостаточно данных для правила «Скачок ВПР»
            """)
    }

    @Test func prevWithAnEmptyEarlierCell() throws {
        let explanation = try explain("vpr_jump", "S7", 2024)
        #expect(explanation.text() == """
            МБОУ СОШ №7, 2024: vpr_high 40,0 % − vpr_high за 2023 (нет данных) > 25,0 %: неизвестно — \
            нет данных за 2023 в столбце «vpr_high» → недостаточно данных для правила «Скачок ВПР»
            """)
    }

    @Test func unmetRequirementSaysTheRuleWasNotJudged() throws {
        let explanation = try explain("medal_risk", "S6", 2024)
        #expect(explanation.outcome == .insufficient)
        #expect(explanation.text() == """
            МБОУ СОШ №6, 2024: правило «Неподтверждение медалистов» не проверялось: \
            слишком мало медалистов для оценки (3) → недостаточно данных
              не выполнено требование «medalists >= 5»: medalists 3 ниже порога 5
            """)
    }

    @Test func divisionByZeroIsNamed() throws {
        let explanation = try explain("medal_share", "S9", 2024)
        #expect(explanation.text() == """
            МБОУ СОШ №9, 2024: индекс неподтверждения медалистов (нет данных) > 10,0 %: неизвестно — \
            знаменатель «medalists» равен нулю → недостаточно данных для правила «Доля неподтверждённых медалей»
            """)
    }

    @Test func negationStatesTheFact() throws {
        let explanation = try explain("no_observers", "S6", 2024)
        #expect(explanation.text() == """
            МБОУ СОШ №6, 2024: observers_present: нет → сработало правило «Нет наблюдателей» (уровень: низкий)
            """)
    }

    @Test func jsonTreeShape() throws {
        let explanation = try explain("medal_risk", "S5", 2024)
        guard case .object(let members) = explanation.json else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == ["rule", "title", "severity", "key", "period", "label", "outcome", "missing",
                                     "applies", "requirements", "recommendations", "condition", "text"])
        func leaf(_ expression: String, _ kind: String, name: String?, value: String, display: String,
                  truth: String = "null", missing: String = "[]", children: String = "[]") -> String {
            let quotedName = name.map { "\"\($0)\"" } ?? "null"
            return #"{"expression":"\#(expression)","kind":"\#(kind)","name":\#(quotedName),"title":null,"period":null,"#
                + #""value":\#(value),"display":"\#(display)","truth":\#(truth),"missing":\#(missing),"group":null,"#
                + #""earlier":null,"children":\#(children)}"#
        }
        let division = leaf("medalists_unconfirmed / medalists", "arithmetic", name: "/", value: "0.3", display: "30,0 %",
                            children: "[" + leaf("medalists_unconfirmed", "column", name: "medalists_unconfirmed", value: "3", display: "3")
                                + "," + leaf("medalists", "column", name: "medalists", value: "10", display: "10") + "]")
        let indicator = #"{"expression":"medal_nonconfirmation","kind":"indicator","name":"medal_nonconfirmation","#
            + #""title":"Индекс неподтверждения медалистов","period":null,"value":0.3,"display":"30,0 %","truth":null,"#
            + #""missing":[],"group":null,"earlier":null,"children":[\#(division)]}"#
        let condition = leaf("medal_nonconfirmation > 10%", "comparison", name: ">", value: "true", display: "да", truth: #""true""#,
                             children: "[" + indicator + "," + leaf("10%", "constant", name: nil, value: "0.1", display: "10,0 %") + "]")
        #expect(explanation.condition.json.serialized() == condition)
        let requirement = try #require(explanation.requirements.first)
        #expect(requirement.held)
        #expect(explanation.json.serialized().contains(#""outcome":"fired","missing":[],"applies":[],"requirements":[{"held":true,"reason":"слишком мало медалистов для оценки (10)","condition":{"expression":"medalists >= 5""#))
    }

    @Test func jsonMarksMissingColumnsAtLeaves() throws {
        let explanation = try explain("low_results", "S5", 2024)
        let math = explanation.condition.children[0].children[1].children[0]
        #expect(math.expression == "ege_mean_math")
        #expect(math.missing == ["ege_mean_math"])
        #expect(math.json.serialized().contains(#""value":null,"display":"нет данных","truth":null,"missing":["ege_mean_math"]"#))
        #expect(explanation.condition.children[0].children[1].truth == .unknown)
    }
}

@Suite struct ExplainerNegationTests {
    @Test func aNegatedPartBesideAMarkerSaysSo() throws {
        let evaluation = try Support.evaluate(rules: """
        dataset t { key id  period year  column kind: text  column a: number }
        indicator lyceum "лицей или гимназия" = kind in ("Лицей", "Гимназия")
        rule r "Правило" { when not lyceum and a > 1 severity low }
        """, csv: "id,year,kind,a\nk1,2024,СОШ,5\n")
        let text = Explainer(evaluation: evaluation, language: .ru).explain(rule: 0, entity: 0).text()
        #expect(text.contains("[да] с отрицанием «не»: лицей или гимназия"))
    }
}
