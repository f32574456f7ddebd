// What `run` and `explain` share: rule files and data from the options into an evaluation,
// with rule errors, usage problems and data errors reported and turned into exit codes.
import Soko

enum Evaluate {
    /// The rule files among the positional arguments; a data table given there (a forgotten
    /// `--data`) is a usage error that says how to pass it.
    static func ruleFiles(_ options: Options, command: String) throws(UsageError) -> [String] {
        let (files, unreadable) = RuleSetFinder.files(in: options.positional)
        if let missing = unreadable.first { throw UsageError(CLIText.pathNotFound(missing)) }
        if let table = files.first(where: DataFileSniffer.looksLikeData(path:)) {
            let rules = files.filter { $0 != table }
            throw UsageError(CLIText.dataFileAsRules(table, command: command, rules: rules))
        }
        return files
    }

    /// The evaluation, or the exit code after the problem was printed.
    static func run(_ options: Options, command: String, language: Language, console: Console) throws(UsageError) -> Result<Evaluated, ExitCodeError> {
        let files = try ruleFiles(options, command: command)
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
            // too: a run must not hide what `check` would say. A column this run groups by
            // (`--group-by`) is read, so it is not «never used» (W0403).
            var diagnostics = check.diagnostics
            if options.value("group-by") != nil, let group = try? RunCommand.groupColumn(options.value("group-by"), evaluation.program) {
                let range = evaluation.program.datasets[group.dataset].columns[group.column].range
                diagnostics.removeAll { $0.code == "W0403" && $0.range == range }
            }
            if !diagnostics.isEmpty {
                console.err(DiagnosticRenderer(sources: check.sources, language: language, colour: console.colour).text(diagnostics))
            }
            if !warnings.isEmpty { console.err(DataIssueRenderer.text(warnings, language: language)) }
            if madeMissing > 0 { console.err(CLIText.cellsMadeMissing(madeMissing).text(language)) }
            let inputs = check.sources.files.map(\.path) + files + request.dataPaths
            return .success(Evaluated(evaluation: evaluation, dataWarnings: warnings.count, cellsMadeMissing: madeMissing,
                                      inputs: inputs))
        }
    }
}

/// An evaluation with what the data reader noted.
struct Evaluated {
    let evaluation: Evaluation
    let dataWarnings: Int
    let cellsMadeMissing: Int
    /// Every file read: rule files (imports included) and data files; `--out` never overwrites one.
    let inputs: [String]
}

/// An exit code carried through a `Result`.
struct ExitCodeError: Error {
    let code: ExitCode
}
