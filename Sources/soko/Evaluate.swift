// What `run` and `explain` share: rule files and data from the options into an evaluation,
// with rule errors, usage problems and data errors reported and turned into exit codes.
import Soko

enum Evaluate {
    /// The evaluation, or the exit code after the problem was printed.
    static func run(_ options: Options, command: String, language: Language, console: Console) throws(UsageError) -> Result<Evaluated, ExitCodeError> {
        let (files, unreadable) = RuleSetFinder.files(in: options.positional)
        if let missing = unreadable.first { throw UsageError(CLIText.pathNotFound(missing)) }
        var request = RunRequest(ruleFiles: files, data: options.values["data"] ?? [],
                                 csv: try DataOptions.csv(options), overrides: options.values["set"] ?? [])
        request.workbook = DataOptions.workbook(options)
        switch Runner.run(request) {
        case .ruleErrors(let check):
            let renderer = DiagnosticRenderer(sources: check.sources, language: language, colour: console.colour)
            console.err(renderer.text(check.diagnostics))
            return .failure(ExitCodeError(code: .usage))
        case .usage(let messages):
            for message in messages { console.err(CLIText.usageError(command, message).text(language)) }
            return .failure(ExitCodeError(code: .usage))
        case .dataErrors(let issues):
            console.err(DataIssueRenderer.text(issues, language: language))
            return .failure(ExitCodeError(code: .dataError))
        case .evaluated(let evaluation, let check, let warnings, let madeMissing):
            // The rule files' warnings (a rule that can never fire, `share > 50`) are shown here
            // too: a run must not hide what `check` would say.
            if !check.diagnostics.isEmpty {
                console.err(DiagnosticRenderer(sources: check.sources, language: language, colour: console.colour).text(check.diagnostics))
            }
            if !warnings.isEmpty { console.err(DataIssueRenderer.text(warnings, language: language)) }
            if madeMissing > 0 { console.err(CLIText.cellsMadeMissing(madeMissing).text(language)) }
            return .success(Evaluated(evaluation: evaluation, dataWarnings: warnings.count, cellsMadeMissing: madeMissing))
        }
    }
}

/// An evaluation with what the data reader noted.
struct Evaluated {
    let evaluation: Evaluation
    let dataWarnings: Int
    let cellsMadeMissing: Int
}

/// An exit code carried through a `Result`.
struct ExitCodeError: Error {
    let code: ExitCode
}
