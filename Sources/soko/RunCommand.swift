// `soko run RULES… --data …`: evaluates a results table and writes the report.
import Foundation
import Soko

enum RunCommand {
    enum Format: String, CaseIterable { case table, json, csv, markdown, html, xlsx, jsonl }

    static func run(_ arguments: [String], _ console: Console) -> ExitCode {
        do throws(UsageError) {
            let options = try Options(arguments, valued: ["data", "format", "out", "fail-on", "set", "lang", "delimiter", "encoding", "group-by", "sheet",
                                                                 "max-messages", "totals", "period"],
                                      switches: ["lenient", "excel", "explain", "check-totals", "all-outcomes"])
            let common = try CommonOptions(options, console: console)
            let format: Format = try options.choice("format", default: .table)
            guard !options.positional.isEmpty else { throw UsageError(CLIText.noPaths) }
            if options.has("excel"), format != .csv { throw UsageError(CLIText.excelNeedsCSV(format.rawValue)) }
            if format == .xlsx, options.value("out") == nil { throw UsageError(CLIText.xlsxNeedsOut) }
            var failOn: Severity?
            if let word = options.value("fail-on") {
                guard let severity = Severity.named(word) else {
                    throw UsageError(CLIText.badChoice("fail-on", word, allowed: Severity.risks.map(\.english) + Severity.risks.map(\.russian)))
                }
                failOn = severity
            }
            switch try Evaluate.run(options, command: "run", language: common.language, console: console) {
            case .failure(let failure):
                return failure.code
            case .success(let evaluated):
                let evaluation = evaluated.evaluation
                let groupBy = try groupColumn(options.value("group-by"), evaluation.program)
                // Every report covers the periods asked for (`--period`); without it the note covers
                // the latest (compared with the one before), the other formats every period.
                let notePeriods = try periods(options.value("period"), evaluation.entities.periods,
                                              latestByDefault: format == .markdown || format == .html)
                if let path = options.value("out") {
                    // An input is said to be one (below); any other .soko file is still rules.
                    if path.lowercased().hasSuffix(".soko"), ReportFile.overwrittenInput(path, inputs: evaluated.inputs) == nil {
                        throw UsageError(CLIText.outIsRuleFile(path))
                    }
                    let writer: ReportFile.Writer
                    switch ReportFile.open(path, inputs: evaluated.inputs) {
                    case .success(let opened): writer = opened
                    case .failure(.isInput(let input)):
                        throw UsageError(CLIText.outIsInput(path, input: input))
                    case .failure(.system(let number)):
                        console.err(CLIText.cannotWrite(path, reason: Messages.systemReason(number)).text(common.language))
                        return .outputError
                    }
                    write(evaluated, format: format, options: options, language: common.language, groupBy: groupBy,
                          notePeriods: notePeriods, to: writer.sink)
                    if case .failure(.system(let number)) = writer.finish() {
                        console.err(CLIText.cannotWrite(path, reason: Messages.systemReason(number)).text(common.language))
                        return .outputError
                    }
                } else {
                    // Standard output: the console notes a full disk or a reader gone away.
                    write(evaluated, format: format, options: options, language: common.language, groupBy: groupBy,
                          notePeriods: notePeriods, to: ReportSink { console.out(bytes: $0) })
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
                      notePeriods: Set<Int>? = nil, to sink: ReportSink) {
        let evaluation = evaluated.evaluation
        if format == .csv {
            if options.has("excel") {
                var bytes = CSVReport.renderExcel(evaluation, language: language, groupBy: groupBy, periods: notePeriods)
                return sink.drain(&bytes)
            }
            return CSVReport.write(evaluation, options: CSVReportOptions(excel: false, language: language,
                                                                         allOutcomes: options.has("all-outcomes"), periods: notePeriods), to: sink)
        }
        var summary = Summary(evaluation: evaluation, groupBy: groupBy, periods: notePeriods)
        summary.dataWarnings = evaluated.dataWarnings
        summary.cellsMadeMissing = evaluated.cellsMadeMissing
        switch format {
        case .json, .jsonl:
            let explainer = options.has("explain") ? Explainer(evaluation: evaluation, language: language) : nil
            let explanations = explainer.map { explainer in { (rule: Int, entity: Int) in explainer.explain(rule: rule, entity: entity).json } }
            JSONReport.write(evaluation, summary: summary, language: language, form: format == .json ? .document : .lines,
                             explanations: explanations, to: sink)
        case .markdown:
            MarkdownReport.write(evaluation, summary: summary, language: language, context: noteContext(options), to: sink)
        case .html:
            HTMLReport.write(evaluation, summary: summary, language: language, context: noteContext(options), to: sink)
        case .xlsx:
            XLSXReport.write(evaluation, summary: summary, language: language, groupBy: groupBy, to: sink)
        default:
            TableReport.write(evaluation, summary: summary, language: language, to: sink)
        }
    }

    /// `--period 2024`, `2023-2024` or `2023..2024`, `2023,2024`; without it the latest period
    /// (`latestByDefault`, the note) or nil (every period). Nil when the data have no periods;
    /// then `--period` is a usage error.
    static func periods(_ option: String?, _ periods: [Int]?, latestByDefault: Bool = true) throws(UsageError) -> Set<Int>? {
        guard let all = periods, let latest = all.max() else {
            // Data without periods: nothing to choose from.
            if let option { throw UsageError(CLIText.badChoice("period", option)) }
            return nil
        }
        guard let option else { return latestByDefault ? [latest] : nil }
        // A wrong choice names the periods the data have.
        let allowed = Set(all).sorted().map(String.init)
        var chosen = Set<Int>()
        for part in option.split(separator: ",") {
            let bounds = part.replacingOccurrences(of: "..", with: "-").split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let low = bounds.first ?? nil, let high = bounds.last ?? nil, bounds.count <= 2, low <= high else {
                throw UsageError(CLIText.badChoice("period", option, allowed: allowed))
            }
            for period in Set(all) where period >= low && period <= high { chosen.insert(period) }
        }
        guard !chosen.isEmpty else { throw UsageError(CLIText.badChoice("period", option, allowed: allowed)) }
        return chosen
    }

    /// The note's date (today, or SOURCE_DATE_EPOCH for reproducible builds) and data files.
    static func noteContext(_ options: Options) -> NoteContext {
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) ?? Date().timeIntervalSince1970
        let files = (options.values["data"] ?? []).map { argument in
            argument.split(separator: "=", maxSplits: 1).last.map(String.init) ?? argument
        }
        return NoteContext(runDate: NoteContext.today(secondsSince1970: epoch), dataFiles: files)
    }

    /// The `--group-by` column: by its name in the rules, or by its header in the file (case and
    /// repeated spaces aside); otherwise a usage error listing the names, with the nearest one.
    static func groupColumn(_ name: String?, _ program: Program) throws(UsageError) -> ColumnRef? {
        guard let name else { return Summary.defaultGroup(of: program) }
        let wanted = name.trimmingCharacters(in: .whitespaces)
        let columns = program.datasets.enumerated().filter { $1.space == 0 && !$1.isRowTable }.flatMap { datasetIndex, dataset in
            dataset.columns.indices.map { (ref: ColumnRef(dataset: datasetIndex, column: $0), column: dataset.columns[$0]) }
        }
        if let found = columns.first(where: { $0.column.name == wanted }) { return found.ref }
        let loose = HeaderMatching.loose(wanted)
        if let found = columns.first(where: { HeaderMatching.loose($0.column.header) == loose || $0.column.name.lowercased() == loose }) {
            return found.ref
        }
        let candidates = columns.flatMap { [$0.column.name, $0.column.header] }
        throw UsageError(CLIText.unknownGroupColumn(wanted, names: columns.map(\.column.name),
                                                    suggestion: Suggestions.closest(to: wanted, among: candidates)))
    }
}

/// Options for reading data files, shared by `run`, `explain` and `check --data`.
enum DataOptions {
    static func csv(_ options: Options) throws(UsageError) -> CSVOptions {
        var csv = CSVOptions(lenient: options.has("lenient"))
        // Mapping the file's pages is faster; a file that another program may truncate while it
        // is read is safer read the ordinary way.
        csv.mapsFile = ProcessInfo.processInfo.environment["SOKO_MAP_FILES"] != "0"
        if let cap = try options.number("max-messages") { csv.maxIssues = cap == 0 ? Int.max : cap }
        csv.totalsWords = options.values["totals"] ?? []
        if let delimiter = options.value("delimiter") {
            switch delimiter {
            case ",": csv.delimiter = UInt8(ascii: ",")
            case ";": csv.delimiter = UInt8(ascii: ";")
            case "tab", "\\t", "\t": csv.delimiter = UInt8(ascii: "\t")
            default: throw UsageError(CLIText.badChoice("delimiter", delimiter, allowed: [";", ",", "tab"]))
            }
        }
        if let encoding = options.value("encoding") {
            guard let named = TextEncoding.named(encoding) else {
                throw UsageError(CLIText.badChoice("encoding", encoding, allowed: TextEncoding.allCases.map(\.optionName)))
            }
            csv.encoding = named
        }
        return csv
    }

    /// `--sheet NAME` and `--check-totals`, for workbooks.
    static func workbook(_ options: Options) -> WorkbookOptions {
        WorkbookOptions(sheet: options.value("sheet"), checkTotals: options.has("check-totals"))
    }
}
