// `soko sql RULES… --dialect duckdb|postgres|clickhouse|spark`: the rule set as one SQL script
// that computes `soko run`'s result inside the engine (Sources/Soko/SQL/). With `--load
// --data DATASET=FILE…`, the script first loads the CSV files.
import Foundation
import Soko

enum SQLCommand {
    static func run(_ arguments: [String], _ console: Console) -> ExitCode {
        do throws(UsageError) {
            let options = try Options(arguments, valued: ["dialect", "table", "out", "set", "lang", "data", "delimiter", "encoding", "level"],
                                      switches: ["entities", "load", "readable"])
            let common = try CommonOptions(options, console: console)
            guard !options.positional.isEmpty else { throw UsageError(CLIText.noPaths) }
            guard let word = options.value("dialect") else { throw UsageError(CLIText.optionNeedsValue("dialect")) }
            guard let dialect = SQLDialectName(rawValue: word) else {
                throw UsageError(CLIText.badChoice("dialect", word, allowed: SQLDialectName.allCases.map(\.rawValue)))
            }
            let (files, unreadable) = RuleSetFinder.files(in: options.positional)
            if let missing = unreadable.first { throw UsageError(CLIText.pathNotFound(missing)) }
            let check = Compiler.compile(entries: files)
            guard let program = check.program else {
                console.err(DiagnosticRenderer(sources: check.sources, language: common.language, colour: console.colour).text(check.diagnostics))
                return .usage
            }
            var sqlOptions = SQLOptions(dialect: dialect, entities: options.has("entities"), language: common.language, readable: options.has("readable"))
            if let level = options.value("level") {
                guard SQLCompiler.space(named: level, in: program) != nil else {
                    throw UsageError(CLIText.badChoice("level", level))
                }
                sqlOptions.level = level
            }
            switch ParameterOverrides.apply(options.values["set"] ?? [], to: program) {
            case .failure(let problems): throw UsageError(problems.messages[0])
            case .success(let values): sqlOptions.parameterValues = values
            }
            for binding in options.values["table"] ?? [] {
                // DATASET=NAME with a known dataset and a name whose every dot-separated part is filled.
                guard let equals = binding.firstIndex(of: "="), program.datasets.contains(where: { $0.name == binding[..<equals] }),
                      !binding[binding.index(after: equals)...].split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
                    throw UsageError(CLIText.badChoice("table", binding))
                }
                sqlOptions.tables[String(binding[..<equals])] = String(binding[binding.index(after: equals)...])
            }
            let result = SQLCompiler.compile(program, options: sqlOptions)
            guard let query = result.sql else {
                console.err(DiagnosticRenderer(sources: check.sources, language: common.language, colour: console.colour).text(result.diagnostics))
                return .findings
            }
            var script = ""
            var inputs = check.sources.files.map(\.path) + files
            if options.has("load") {
                let paths: [String]
                switch DataBinding.bind(options.values["data"] ?? [], to: program) {
                case .failure(let problems): throw UsageError(problems.messages[0])
                case .success(let bound): paths = bound
                }
                let csv = try DataOptions.csv(options)
                var sources: [SQLSourceFile] = []
                for path in paths {
                    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
                    guard let file = SQLLoad.inspect(path: absolute, delimiter: csv.delimiter, encoding: csv.encoding) else {
                        throw UsageError(CLIText.pathNotFound(path))
                    }
                    sources.append(file)
                    inputs.append(path)
                }
                switch SQLLoad.statements(program: program, files: sources, options: sqlOptions) {
                case .failure(let problem): throw UsageError(problem.message)
                case .success(let statements): script += statements + "\n"
                }
            }
            script += query
            if let path = options.value("out") {
                // An input is said to be one (below); any other .soko file is still rules.
                if path.lowercased().hasSuffix(".soko"), ReportFile.overwrittenInput(path, inputs: inputs) == nil {
                    throw UsageError(CLIText.outIsRuleFile(path, example: "запрос.sql", "query.sql"))
                }
                switch ReportFile.write(Array(script.utf8), to: path, inputs: inputs) {
                case .success: break
                case .failure(.isInput(let input)):
                    throw UsageError(CLIText.outIsInput(path, input: input))
                case .failure(.system(let number)):
                    console.err(CLIText.cannotWrite(path, reason: Messages.systemReason(number)).text(common.language))
                    return .outputError
                }
            } else {
                console.out(script)
            }
            return .success
        } catch {
            console.err(CLIText.usageError("sql", error.message).text(console.language))
            return .usage
        }
    }
}
