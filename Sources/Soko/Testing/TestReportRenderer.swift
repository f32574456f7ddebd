// Test results for a person (text), for tools (JSON) and for CI (JUnit XML).

public enum TestOutputFormat: String, Sendable, CaseIterable {
    case text, json, junit, github
}

public struct TestReportRenderer {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    func place(_ range: SourceRange, _ sources: SourceSet) -> String {
        guard let file = sources[range.file] else { return "" }
        let location = file.location(of: range.start)
        return "\(file.path):\(location.line):\(location.column)"
    }

    public func text(_ reports: [TestReport], coverage: Bool) -> String {
        var out = ""
        var passed = 0
        var failed = 0
        for report in reports {
            for result in report.results {
                if result.passed {
                    passed += 1
                    out += Messages.testPassedLine(result.name, place(result.range, report.sources)).text(language) + "\n"
                    continue
                }
                failed += 1
                out += Messages.testFailedLine(result.name, place(result.range, report.sources)).text(language) + "\n"
                for failure in result.failures {
                    out += "    " + place(failure.range, report.sources) + ": " + failure.message.text(language) + "\n"
                    if !failure.context.isEmpty {
                        out += "      " + failure.context.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + "\n"
                    }
                }
            }
            if coverage { out += coverageText(report.coverage) }
        }
        out += Messages.testTotals(passed: passed, failed: failed).text(language) + "\n"
        return out
    }

    func coverageText(_ coverage: [RuleCoverage]) -> String {
        guard !coverage.isEmpty else { return "" }
        var out = Messages.coverageHeading.text(language) + "\n"
        for rule in coverage {
            func mark(_ reached: Bool) -> String { reached ? "✓" : "✗" }
            out += "  " + rule.rule.padding(30) + " " + Messages.coverageMarks(fired: mark(rule.fired), silent: mark(rule.silent),
                                                                                  insufficient: mark(rule.insufficient)).text(language) + "\n"
        }
        let complete = coverage.filter(\.complete).count
        out += Messages.coverageTotal(complete: complete, total: coverage.count, percent: Self.percent(complete, coverage.count)).text(language) + "\n"
        return out
    }

    public static func percent(_ part: Int, _ whole: Int) -> Double {
        whole == 0 ? 100 : Double(part) * 100 / Double(whole)
    }

    public func json(_ reports: [TestReport]) -> JSON {
        var tests: [JSON] = []
        var coverage: [JSON] = []
        for report in reports {
            for result in report.results {
                tests.append(.object([
                    ("name", .string(result.name)), ("location", .string(place(result.range, report.sources))),
                    ("passed", .bool(result.passed)), ("expectations", .integer(result.expectations)),
                    ("failures", .array(result.failures.map { failure in
                        .object([("location", .string(place(failure.range, report.sources))),
                                 ("message", .string(failure.message.text(language))),
                                 ("values", .object(failure.context.map { ($0.name, .string($0.value)) }))])
                    })),
                ]))
            }
            for rule in report.coverage {
                coverage.append(.object([("rule", .string(rule.rule)), ("fired", .bool(rule.fired)), ("silent", .bool(rule.silent)),
                                         ("insufficient_data", .bool(rule.insufficient))]))
            }
        }
        let failed = tests.filter { if case .object(let m) = $0, case .bool(false)? = m.first(where: { $0.0 == "passed" })?.1 { true } else { false } }.count
        return .object([("passed", .integer(tests.count - failed)), ("failed", .integer(failed)), ("tests", .array(tests)), ("coverage", .array(coverage))])
    }

    /// GitHub workflow annotations on the lines of failed expectations, then the text report.
    public func github(_ reports: [TestReport]) -> String {
        var out = ""
        for report in reports {
            for result in report.results {
                for failure in result.failures {
                    guard let file = report.sources[failure.range.file] else { continue }
                    let location = file.location(of: failure.range.start)
                    let message = DiagnosticRenderer.escapeData(result.name + ": " + failure.message.text(language))
                    out += "::error file=\(DiagnosticRenderer.escapeProperty(file.path)),line=\(location.line),col=\(location.column),title=soko test::\(message)\n"
                }
            }
        }
        return out + text(reports, coverage: false)
    }

    public func junit(_ reports: [TestReport]) -> String {
        Markup.junit(suite: "soko", cases: reports.flatMap { report in
            report.results.map { result in
                let location = place(result.range, report.sources)
                return Markup.JUnitCase(className: location.split(separator: ":").first.map(String.init) ?? "", name: result.name,
                                        failure: result.failures.first.map { first in
                                            (first.message.text(language),
                                             result.failures.map { place($0.range, report.sources) + ": " + $0.message.text(language) }
                                                 .joined(separator: "\n"))
                                        })
            }
        })
    }
}
