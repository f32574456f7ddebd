// The `test` runner: expectations against outcomes and values, tolerances, coverage, and
// recommendation texts filled in the test file's language whatever the user's.
import Testing
@testable import Soko

@Suite struct TestRunnerTests {
    static let rules = """
    dataset t { key id  period year  column a: count  column b: count }
    param limit = 10%
    indicator s = a / b
    rule r { when s > limit severity low recommend "index {s}" }

    """

    static func report(_ tests: String, language: Language = .en) throws -> TestReport {
        let program = try #require(Compiler.compile(text: rules + tests).program)
        return TestRunner.run(program, language: language)
    }

    @Test func passingExpectationsWithToleranceAndMissing() throws {
        let report = try Self.report("""
        test "t" {
          given { | id | year | a | b |
                  | "A" | 2024 | 1 | 3 |
                  | "B" | 2024 | 0 | 0 | }
          expect { | id | year | r | s |
                   | "A" | 2024 | fires | 33.3% ± 0.1% |
                   | "B" | 2024 | insufficient | missing | }
        }
        """)
        #expect(report.results.map(\.passed) == [true])
        #expect(report.results[0].expectations == 4)
    }

    @Test func failuresSayExpectedAndActualWithTheValuesBehind() throws {
        let report = try Self.report("""
        test "t" {
          given { | id | year | a | b |
                  | "A" | 2024 | 1 | 3 | }
          param limit = 50%
          expect { | id | r | s |
                   | "A" | fires | 30% | }
        }
        """)
        let failures = report.results[0].failures
        #expect(failures.map(\.message.en) == ["rule 'r': expected 'fires', got 'silent'", "'s': expected 30.0%, got 33.3%"])
        #expect(failures[0].context.map { "\($0.name)=\($0.value)" } == ["limit=50.0%", "s=33.3%"])
    }

    @Test func recommendationsAreFilledInTheFilesLanguage() throws {
        let tests = """
        test "t" {
          given { | id | year | a | b |
                  | "A" | 2024 | 3 | 10 | }
          expect { | id | r |
                   | "A" | "index 30.0%" | }
        }
        """
        #expect(try Self.report(tests, language: .ru).results[0].passed)
        #expect(try Self.report(tests, language: .en).results[0].passed)
    }

    @Test func anEntityNeedsItsPeriodWhenItHasSeveral() throws {
        let report = try Self.report("""
        test "t" {
          given { | id | year | a | b |
                  | "A" | 2023 | 1 | 3 |
                  | "A" | 2024 | 1 | 3 | }
          expect { | id | r |
                   | "A" | fires | }
        }
        """)
        #expect(report.results[0].failures.map(\.message.en) == ["the school 'A' has several periods: give the period in the expectations"])
    }

    @Test func coverageCountsEveryOutcomeSeen() throws {
        let report = try Self.report("""
        test "t" {
          given { | id | year | a | b |
                  | "A" | 2024 | 1 | 3 |
                  | "B" | 2024 | 0 | 3 | }
          expect { | id | r |
                   | "A" | fires | }
        }
        """)
        #expect(report.coverage.map { [$0.fired, $0.silent, $0.insufficient] } == [[true, true, false]])
    }
}

@Suite struct GroupLevelTestExpectationTests {
    /// A group-level rule's recommendation is filled for the group (its `{…}` read the group's
    /// values), so a test checks its text: the right text passes, a wrong one fails and shows it.
    @Test func aRecommendationTextOfAGroupLevelRuleIsChecked() throws {
        func report(_ expected: String) throws -> TestReport {
            let program = try #require(Compiler.compile(text: """
            dataset t { key id  column muni: text  column a: count }
            rule low for muni { when mean(a) < 5 severity low recommend "mean {mean(a)}" }
            test "t" {
              given { | id | muni | a |
                      | "A" | "M" | 1 |
                      | "B" | "M" | 2 | }
              expect { | muni | low |
                       | "M" | "\(expected)" | }
            }
            """).program)
            return TestRunner.run(program, language: .en)
        }
        #expect(try report("mean 1.5").results.map(\.passed) == [true])
        let wrong = try report("mean 2")
        #expect(wrong.results.map(\.passed) == [false])
        #expect(wrong.results[0].failures.map(\.message.en) == ["no recommendation contains 'mean 2'; recommendations: mean 1.5"])
    }
}
