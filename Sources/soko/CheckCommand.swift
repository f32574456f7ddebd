// `soko check PATH…`: reads every rule set under the paths and reports every problem.
import Soko

enum CheckCommand {
    static func run(_ arguments: [String], _ console: Console) -> ExitCode {
        do throws(UsageError) {
            let options = try Options(arguments, valued: ["format", "lang", "data", "delimiter", "encoding", "sheet", "max-messages", "totals"],
                                      switches: ["lenient", "check-totals", "strict"])
            let common = try CommonOptions(options, console: console)
            let format: DiagnosticFormat = try options.choice("format", default: .text)
            guard !options.positional.isEmpty else { throw UsageError(CLIText.noPaths) }
            let files = try Evaluate.ruleFiles(options, command: "check")
            guard !files.isEmpty else { throw UsageError(CLIText.noRuleFiles(options.positional)) }

            var diagnostics: [Diagnostic] = []
            var sources = SourceSet()
            var seen = Set<String>()
            for ruleSet in RuleSetFinder.ruleSets(among: files) {
                let result = Checker.check(ruleSet)
                var dataDiagnostics: [Diagnostic] = []
                if let program = result.program, let data = options.values["data"] {
                    switch HeaderCheck.check(program: program, data: data, options: try DataOptions.csv(options),
                                              workbook: DataOptions.workbook(options)) {
                    case .success(let found): dataDiagnostics = found
                    case .failure(let problems): throw UsageError(problems.messages[0])
                    }
                }
                // Files shared by several rule sets are reported once: re-number into one source set.
                var fileMap: [Int: Int] = [:]
                for (index, file) in result.sources.files.enumerated() { fileMap[index] = sources.add(file) }
                for diagnostic in result.diagnostics + dataDiagnostics {
                    let moved = diagnostic.moved(to: fileMap)
                    let key = "\(moved.code)|\(sources[moved.range.file]?.path ?? "")|\(moved.range.start)|\(moved.message.en)"
                    if seen.insert(key).inserted { diagnostics.append(moved) }
                }
            }
            let renderer = DiagnosticRenderer(sources: sources, language: common.language, colour: console.colour && format == .text)
            switch format {
            case .text:
                if diagnostics.isEmpty { console.out(CLIText.checkedClean(files: files.count).text(common.language)) }
                console.out(renderer.text(diagnostics))
            case .json: console.out(renderer.json(diagnostics).serialized(pretty: true) + "\n")
            case .github: console.out(renderer.github(diagnostics))
            case .junit: console.out(renderer.junit(diagnostics, files: sources.files.map(\.path)))
            }
            // --strict (for CI): a warning fails the check as an error does.
            let failed = diagnostics.hasErrors || (options.has("strict") && !diagnostics.isEmpty)
            return failed ? .findings : .success
        } catch {
            console.err(CLIText.usageError("check", error.message).text(console.language))
            return .usage
        }
    }
}
