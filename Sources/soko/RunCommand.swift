// `soko run RULES… --data …`: evaluates a results table and writes the report.
import Foundation
import Soko

enum RunCommand {
    enum Format: String { case table, json, jsonl, csv, markdown, html }

    static func run(_ arguments: [String], _ console: Console) -> ExitCode {
        do throws(UsageError) {
            let options = try Options(arguments, valued: ["data", "format", "out", "fail-on", "set", "lang", "delimiter", "encoding", "group-by"],
                                      switches: ["lenient", "excel", "explain"])
            let common = try CommonOptions(options, console: console)
            let format: Format = try options.choice("format", default: .table)
            guard !options.positional.isEmpty else { throw UsageError(CLIText.noPaths) }
            var failOn: Severity?
            if let word = options.value("fail-on") {
                guard let severity = Severity.named(word) else { throw UsageError(CLIText.badChoice("fail-on", word)) }
                failOn = severity
            }
            switch try Evaluate.run(options, command: "run", language: common.language, console: console) {
            case .failure(let failure):
                return failure.code
            case .success(let evaluated):
                let evaluation = evaluated.evaluation
                let groupBy = try groupColumn(options.value("group-by"), evaluation.program)
                console.flush()
                let path = options.value("out")
                guard let output = path.map(OutputFile.init(path:)) ?? OutputFile() else {
                    console.err(CLIText.cannotWrite(path ?? "-").text(common.language))
                    return .outputError
                }
                write(evaluated, format: format, options: options, language: common.language, groupBy: groupBy, to: output.sink)
                guard output.close() else {
                    console.err(CLIText.cannotWrite(path ?? "-").text(common.language))
                    return .outputError
                }
                if let failOn, evaluation.program.rules.indices.contains(where: { rule in
                    // Info and positive rules are not risks: --fail-on never counts them.
                    let severity = evaluation.program.rules[rule].severity
                    return severity.isRisk && severity >= failOn && evaluation.outcomes(ofRule: rule).contains(RuleOutcome.fired.rawValue)
                }) {
                    return .findings
                }
                return .success
            }
        } catch {
            console.err(CLIText.usageError("run", error.message).text(console.language))
            return .usage
        }
    }

    /// Writes the report in pieces to `sink`: CSV and JSON as the entities are visited.
    static func write(_ evaluated: Evaluated, format: Format, options: Options, language: Language, groupBy: ColumnRef?,
                      to sink: ReportSink) {
        let evaluation = evaluated.evaluation
        if format == .csv {
            return CSVReport.write(evaluation, options: CSVReportOptions(excel: options.has("excel"), language: language), to: sink)
        }
        var summary = Summary(evaluation: evaluation, groupBy: groupBy)
        summary.dataWarnings = evaluated.dataWarnings
        summary.cellsMadeMissing = evaluated.cellsMadeMissing
        switch format {
        case .json, .jsonl:
            let explainer = options.has("explain") ? Explainer(evaluation: evaluation, language: language) : nil
            let explanations = explainer.map { explainer in { (rule: Int, entity: Int) in explainer.explain(rule: rule, entity: entity).json } }
            JSONReport.write(evaluation, summary: summary, language: language, form: format == .json ? .document : .lines,
                             explanations: explanations, to: sink)
        case .markdown:
            MarkdownReport.write(evaluation, summary: summary, language: language, to: sink)
        case .html:
            HTMLReport.write(evaluation, summary: summary, language: language, to: sink)
        default:
            TableReport.write(evaluation, summary: summary, language: language, to: sink)
        }
    }

    static func groupColumn(_ name: String?, _ program: Program) throws(UsageError) -> ColumnRef? {
        guard let name else { return Summary.defaultGroup(of: program) }
        for (datasetIndex, dataset) in program.datasets.enumerated() {
            if let column = dataset.columns.firstIndex(where: { $0.name == name }) { return ColumnRef(dataset: datasetIndex, column: column) }
        }
        throw UsageError(CLIText.badChoice("group-by", name))
    }
}

/// Options for reading data files, shared by `run`, `explain` and `check --data`.
enum DataOptions {
    static func csv(_ options: Options) throws(UsageError) -> CSVOptions {
        var csv = CSVOptions(lenient: options.has("lenient"))
        if let delimiter = options.value("delimiter") {
            switch delimiter {
            case ",": csv.delimiter = UInt8(ascii: ",")
            case ";": csv.delimiter = UInt8(ascii: ";")
            case "tab", "\\t", "\t": csv.delimiter = UInt8(ascii: "\t")
            default: throw UsageError(CLIText.badChoice("delimiter", delimiter))
            }
        }
        if let encoding = options.value("encoding") {
            switch encoding.lowercased() {
            case "utf-8", "utf8": csv.encoding = .utf8
            case "cp1251", "windows-1251", "win1251": csv.encoding = .windows1251
            default: throw UsageError(CLIText.badChoice("encoding", encoding))
            }
        }
        return csv
    }
}
