// `soko run RULES… --data …`: evaluates a results table and writes the report.
import Foundation
import Soko

enum RunCommand {
    enum Format: String { case table, json, csv, markdown, html }

    static func run(_ arguments: [String], _ console: Console) -> ExitCode {
        do throws(UsageError) {
            let options = try Options(arguments, valued: ["data", "format", "out", "fail-on", "set", "lang", "delimiter", "encoding", "group-by"],
                                      switches: ["lenient", "excel", "explain", "all-outcomes"])
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
                let bytes = render(evaluated, format: format, options: options, language: common.language, groupBy: groupBy)
                if let path = options.value("out") {
                    // Written in place (not replaced atomically), so that --out /dev/null or a
                    // named pipe keeps working.
                    do {
                        try Data(bytes).write(to: URL(fileURLWithPath: path))
                    } catch {
                        console.err(CLIText.cannotWrite(path).text(common.language))
                        return .outputError
                    }
                } else {
                    console.out(bytes: bytes)
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

    static func render(_ evaluated: Evaluated, format: Format, options: Options, language: Language, groupBy: ColumnRef?) -> [UInt8] {
        let evaluation = evaluated.evaluation
        if format == .csv {
            return CSVReport.render(evaluation, options: CSVReportOptions(excel: options.has("excel"), language: language,
                                                                          allOutcomes: options.has("all-outcomes")))
        }
        var summary = Summary(evaluation: evaluation, groupBy: groupBy)
        summary.dataWarnings = evaluated.dataWarnings
        summary.cellsMadeMissing = evaluated.cellsMadeMissing
        switch format {
        case .json:
            let explainer = options.has("explain") ? Explainer(evaluation: evaluation, language: language) : nil
            let explanations = explainer.map { explainer in { (rule: Int, entity: Int) in explainer.explain(rule: rule, entity: entity).json } }
            return Array((JSONReport.render(evaluation, summary: summary, language: language, explanations: explanations)
                .serialized(pretty: true) + "\n").utf8)
        case .markdown:
            return Array(MarkdownReport.render(evaluation, summary: summary, language: language).utf8)
        case .html:
            return Array(HTMLReport.render(evaluation, summary: summary, language: language).utf8)
        default:
            return Array(TableReport.render(evaluation, summary: summary, language: language).utf8)
        }
    }

    static func groupColumn(_ name: String?, _ program: Program) throws(UsageError) -> ColumnRef? {
        guard let name else { return Summary.defaultGroup(of: program) }
        for (datasetIndex, dataset) in program.datasets.enumerated() where dataset.space == 0 && !dataset.isRowTable {
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
