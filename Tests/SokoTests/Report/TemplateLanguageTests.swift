// Values inside a recommendation are formatted in the recommendation's own language.
import Testing
@testable import Soko

@Suite struct TemplateLanguageTests {
    static let rules = """
    dataset d { key id  column a: count  column b: count }
    indicator s = a / b
    rule ru { when s > 10%  severity low  recommend "доля {s}, всего {b}" }
    rule en { when s > 10%  severity low  recommend "share {s} of {b}" }
    rule none { when s > 10%  severity low  recommend "{s}" }
    """

    @Test func eachTextInItsLanguage() throws {
        let evaluation = try Support.evaluate(rules: Self.rules, csv: "id,a,b\nx,1,4\n")
        func filled(_ rule: String, _ language: Language) -> String {
            let template = evaluation.program.rules[evaluation.program.rule(named: rule)!].recommendations[0]
            return evaluation.fill(template, entity: 0, formatter: ValueFormatter(language: language))
        }
        #expect(filled("ru", .en) == "доля 25,0 %, всего 4")
        #expect(filled("en", .ru) == "share 25.0% of 4")
        #expect(filled("none", .ru) == "25,0 %")
        #expect(filled("none", .en) == "25.0%")
    }
}
