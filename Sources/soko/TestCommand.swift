// `soko test PATH…`: runs the tests written in rule files, with coverage and CI formats.
import Soko

enum TestCommand {
    static func run(_ arguments: [String], _ console: Console) -> ExitCode {
        do throws(UsageError) {
            let options = try Options(arguments, valued: ["format", "lang", "threshold"], switches: ["coverage", "allow-empty"])
            let common = try CommonOptions(options, console: console)
            let format: TestOutputFormat = try options.choice("format", default: .text)
            var threshold: Double?
            if let text = options.value("threshold") {
                guard let value = Double(text), value >= 0, value <= 100 else { throw UsageError(CLIText.badChoice("threshold", text)) }
                threshold = value
            }
            guard !options.positional.isEmpty else { throw UsageError(CLIText.noPaths) }
            let files = try Evaluate.ruleFiles(options, command: "test")
            guard !files.isEmpty else { throw UsageError(CLIText.noRuleFiles(options.positional)) }

            // A rule set with errors is reported and the others still run: one broken file in a
            // folder does not hide the results of the rest.
            var reports: [TestReport] = []
            var broken = 0
            for ruleSet in RuleSetFinder.ruleSets(among: files) {
                let check = Checker.check(ruleSet)
                guard let program = check.program else {
                    let renderer = DiagnosticRenderer(sources: check.sources, language: common.language, colour: console.colour)
                    console.err(renderer.text(check.diagnostics))
                    broken += 1
                    continue
                }
                reports.append(TestRunner.run(program, language: common.language))
            }
            reports = TestReport.deduplicated(reports)
            let renderer = TestReportRenderer(language: common.language)
            switch format {
            case .text: console.out(renderer.text(reports, coverage: options.has("coverage") || threshold != nil))
            case .json: console.out(renderer.json(reports).serialized(pretty: true) + "\n")
            case .junit: console.out(renderer.junit(reports))
            case .github: console.out(renderer.github(reports))
            }
            let results = reports.flatMap(\.results)
            if broken > 0 {
                console.err(CLIText.ruleSetsNotTested(broken).text(common.language))
                return .usage
            }
            if results.isEmpty && !options.has("allow-empty") {
                console.err(CLIText.noTestsRan.text(common.language))
                return .findings
            }
            if results.contains(where: { !$0.passed }) { return .findings }
            if let threshold {
                let coverage = reports.flatMap(\.coverage)
                let percent = TestReportRenderer.percent(coverage.filter(\.complete).count, coverage.count)
                if percent < threshold {
                    console.err(CLIText.coverageBelow(percent: percent, threshold: threshold).text(common.language))
                    return .findings
                }
            }
            return .success
        } catch {
            console.err(CLIText.usageError("test", error.message).text(console.language))
            return .usage
        }
    }
}
