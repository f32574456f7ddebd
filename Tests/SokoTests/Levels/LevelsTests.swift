// Levels (Grammar.md 5.14) end to end in English keywords: composite keys and links, roll-ups
// from row tables, group levels from a dataset, a column and `all`, filters, computed `by`,
// unmatched-link warnings, explanations and the formatter.
import Foundation
import Testing
@testable import Soko

@Suite struct LevelsTests {
    static let rules = """
    dataset schools {
      key school
      period year
      column municipality: text "Municipality"
      column kind: text
      column score: number
      link municipality -> municipalities
    }
    dataset municipalities {
      key municipality
      period year
      column registered: count
    }
    dataset pupils {
      column school: text
      period year
      column subject: text
      column grade: count
      column mark: count
      column journal: count
      link school -> schools
      link subject, grade -> reference
    }
    dataset reference {
      key subject, grade
      period year
      column region_mean: number
    }
    indicator pupils_count = count(mark)
    indicator confirmed = share(mark = journal)
    indicator mean_mark = mean(mark)
    indicator fives = count(mark = 5 where subject = "ru")
    indicator behind = mean(mark - reference.region_mean)
    indicator registered_here = municipalities.registered
    indicator coverage for municipalities = count(pupils_count > 0) / registered
    rule coverage_target "Every school wrote" for municipalities {
      when coverage < 100%
      severity high
    }
    indicator by_kind for kind = mean(score)
    indicator overall for all = mean(score)
    indicator a_scores = mean(score where kind = "A")
    bands size by pupils_count {
      to 2 -> "small"
      from 2 -> "large"
    }
    indicator by_size = mean(score by size, year)
    rule low_confirmation {
      when confirmed < 60% and coverage_target and score < overall + by_kind
      severity medium
    }
    """

    static let files = [
        "schools.csv": "school,year,municipality,kind,score\nS1,2024,North,A,10\nS2,2024,North,B,20\nS3,2024,South,A,30\n",
        "municipalities.csv": "municipality,year,registered\nNorth,2024,2\nSouth,2024,2\nWest,2024,1\n",
        "pupils.csv": "school,year,subject,grade,mark,journal\nS1,2024,ru,5,5,5\nS1,2024,ru,5,4,3\nS1,2024,ma,5,3,3\nS2,2024,ru,6,5,4\nS9,2024,ru,5,2,2\nS8,2024,ru,5,2,2\n",
        "reference.csv": "subject,grade,year,region_mean\nru,5,2024,4\nma,5,2024,3.5\n",
    ]

    static func run() throws -> (Evaluation, [DataIssue]) {
        let dir = Support.folder(files.merging(["rules.soko": rules]) { a, _ in a })
        let data = ["schools", "municipalities", "pupils", "reference"].map { "\($0)=\(dir)/\($0).csv" }
        switch Runner.run(RunRequest(ruleFiles: [dir + "/rules.soko"], data: data)) {
        case .evaluated(let evaluation, _, let warnings, _): return (evaluation, warnings)
        case .ruleErrors(let check): throw Support.Failure("rule errors: \(check.diagnostics.map { $0.code + " " + $0.message.en })")
        case .usage(let messages): throw Support.Failure("usage: \(messages.map(\.en))")
        case .dataErrors(let issues): throw Support.Failure("data: \(issues.map { $0.code + " " + $0.message.en })")
        }
    }

    static func values(_ evaluation: Evaluation, _ name: String, space: Int = 0) -> [Value] {
        let index = evaluation.fullProgram.indicator(named: name)!
        let column = evaluation.indicatorInLevel(index)
        return (0..<evaluation.entities(ofSpace: space).count).map { column.value(at: $0) }
    }

    @Test func rollUpsFromRowsWithFiltersAndLookups() throws {
        let (evaluation, _) = try Self.run()
        #expect(evaluation.entities.count == 3)
        #expect(Self.values(evaluation, "pupils_count") == [.number(3), .number(1), .number(0)])
        // S3 has no pupils: a share and a mean are missing, a count is 0.
        #expect(Self.values(evaluation, "confirmed") == [.number(2.0 / 3), .number(0), .missing])
        #expect(Self.values(evaluation, "mean_mark") == [.number(4), .number(5), .missing])
        #expect(Self.values(evaluation, "fives") == [.number(1), .number(1), .number(0)])
        // Composite key (subject, grade) and period: S2's pupil (ru, 6) finds no reference row.
        let behind: Double = (1.0 + 0.0 - 0.5) / 3
        #expect(Self.values(evaluation, "behind") == [.number(behind), .missing, .missing])
        #expect(Self.values(evaluation, "registered_here") == [.number(2), .number(2), .number(2)])
    }

    @Test func groupLevelsFromADatasetAColumnAndAll() throws {
        let (evaluation, _) = try Self.run()
        let program = evaluation.fullProgram
        let municipalities = try #require(program.spaces.firstIndex { $0.name == "municipalities" })
        let entities = evaluation.entities(ofSpace: municipalities)
        #expect((0..<entities.count).map { entities.key($0) } == ["North", "South", "West"])
        #expect(Self.values(evaluation, "coverage", space: municipalities) == [.number(1), .number(0), .number(0)])
        let target = try #require(program.rule(named: "coverage_target"))
        #expect(evaluation.outcomesInLevel(rule: target) == [RuleOutcome.silent, .fired, .fired].map(\.rawValue))
        let kinds = try #require(program.spaces.firstIndex { $0.kind != .main && $0.name == "kind" })
        #expect(Self.values(evaluation, "by_kind", space: kinds) == [.number(20), .number(20)])
        let all = try #require(program.spaces.firstIndex { $0.kind == .all })
        #expect(Self.values(evaluation, "overall", space: all) == [.number(20)])
        // Same-level statistics: a filter over all schools, a computed grouping.
        #expect(Self.values(evaluation, "a_scores") == [.number(20), .number(20), .number(20)])
        #expect(Self.values(evaluation, "by_size") == [.number(10), .number(25), .number(25)])
        // A school rule reads the group's rule and values: S3's municipality missed its target,
        // but S3 is not flagged by the group rule itself.
        #expect(evaluation.program.rules.map(\.name) == ["low_confirmation"])
        #expect(evaluation.outcomes(ofRule: 0) == [RuleOutcome.silent, .silent, .insufficient].map(\.rawValue))
        #expect(evaluation.statuses() == [.clean, .clean, .insufficient])
    }

    @Test func rowsWithoutPartnerAreWarnedOncePerLink() throws {
        let (_, warnings) = try Self.run()
        let unmatched = warnings.filter { $0.code == "D0120" }
        #expect(unmatched.count == 2)
        #expect(unmatched.map(\.message.en).contains { $0.contains("2 row(s) found no partner in 'schools' (e.g. 'S9', 'S8')") })
        #expect(unmatched.map(\.message.en).contains { $0.contains("1 row(s) found no partner in 'reference' (e.g. 'ru / 6')") })
    }

    @Test func reportsCarryTheLevels() throws {
        let (evaluation, _) = try Self.run()
        let summary = Summary(evaluation: evaluation, groupBy: nil)
        let json = JSONReport.render(evaluation, summary: summary, language: .en).compactJSON
        #expect(json.contains(#""levels":[{"level":"municipalities","title":null,"summary":{"entities":3,"flagged":2,"clean":1,"insufficient_data":0,"not_applicable":0}"#))
        let text = TableReport.render(evaluation, summary: summary, language: .ru)
        #expect(text.contains("Every school wrote: не достигнут (значение 0,0 %, цель 100,0 %)"))
        #expect(text.contains("Every school wrote: достигнут (значение 100,0 %, цель 100,0 %)"))
        let markdown = MarkdownReport.render(evaluation, summary: summary, language: .ru)
        #expect(markdown.contains("| North, 2024 | Every school wrote | достигнут | 100,0 % | 100,0 % |"))
        let html = HTMLReport.render(evaluation, summary: summary, language: .en)
        #expect(html.contains("<h2>Level &#39;municipalities&#39;</h2>") || html.contains("<h2>Level 'municipalities'</h2>"))
    }

    @Test func explanationsReadTheGroupAndTheRows() throws {
        let (evaluation, _) = try Self.run()
        let explainer = Explainer(evaluation: evaluation, language: .en)
        let explanation = explainer.explain(rule: 0, entity: 2)
        let text = explanation.text(detailed: true)
        #expect(text.contains("Every school wrote (municipalities: South)"), "\(text)")
        var nodes = [explanation.condition]
        var rollups: [String] = []
        while let node = nodes.popLast() {
            if case .statistic = node.kind, let group = node.group { rollups.append(group.description + " " + String(group.size)) }
            nodes += node.children
        }
        #expect(rollups.contains("pupils: 0 0"))
        let first = explainer.explain(rule: 0, entity: 0)
        var found: [String] = []
        nodes = [first.condition]
        while let node = nodes.popLast() {
            if case .statistic = node.kind, let group = node.group { found.append(group.description + " " + String(group.size)) }
            nodes += node.children
        }
        #expect(found.contains("pupils: 3 3"))
    }

    @Test func formatterPrintsEveryConstructAndIsIdempotent() throws {
        let source = """
        dataset reference {
          key subject from "Subject", grade
          column region_mean: number "Region mean" from "Mean"
        }
        dataset pupils {
          column subject: text
          column grade: count
          column mark: count
          link subject, grade -> reference
        }
        indicator m "Mean" for reference = mean(mark where grade > 4)
        rule r for all { when m > 0 severity low }
        bands b for reference by m { to 1 -> "low" }
        """
        let once = FormatTest.formatChecked(source)
        #expect(once.contains("  key subject from \"Subject\", grade\n"))
        #expect(once.contains("  column region_mean: number \"Region mean\" from \"Mean\"\n"))
        #expect(once.contains("  link subject, grade -> reference\n"))
        #expect(once.contains("indicator m \"Mean\" for reference = mean(mark where grade > 4)\n"))
        #expect(once.contains("rule r for all {\n"))
        #expect(once.contains("bands b for reference by m {\n"))
        #expect(FormatTest.format(once) == once)
        let russian = FormatTest.formatChecked(source, keywords: .ru)
        #expect(russian.contains("показатель m \"Mean\" для reference = среднее(mark где grade > 4)\n"))
        #expect(russian.contains("правило r для всех {\n"))
        #expect(russian.contains("  связь subject, grade -> reference\n"))
        #expect(russian.contains("  ключ subject из \"Subject\", grade\n"))
    }

    @Test func aSingleLevelProgramHasNoSpaces() throws {
        let program = try #require(Compiler.compile(text: "dataset d { key k column x: number }\nindicator y = x\n").program)
        #expect(program.spaces.isEmpty && program.links.isEmpty)
    }
}
