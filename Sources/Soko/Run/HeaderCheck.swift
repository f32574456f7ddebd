// `soko check --data`: the declared columns against a data file's header, without reading the
// data. A column the file lacks is reported at its declaration, with the nearest real header.

public enum HeaderCheck {
    public static func check(program: Program, data: [String], options: CSVOptions,
                             workbook: WorkbookOptions = WorkbookOptions()) -> Result<[Diagnostic], UsageProblems> {
        let paths: [String]
        switch DataBinding.bind(data, to: program) {
        case .failure(let problems): return .failure(problems)
        case .success(let bound): paths = bound
        }
        var diagnostics: [Diagnostic] = []
        for (dataset, path) in zip(program.datasets, paths) {
            let header: [String]
            switch DataFileReader.readHeader(path: path, dataset: dataset, csv: options, workbook: workbook) {
            case .failure(let failure):
                return .failure(UsageProblems(messages: failure.issues.map(\.message)))
            case .success(let names): header = names
            }
            let fileHeader = FileHeader(names: header, fieldCount: header.count, dropsTrailingColumn: false, row: 1)
            if let used = options.delimiter, let better = TableReader.betterDelimiter(dataset.requests, header: fileHeader, used: used) {
                return .failure(UsageProblems(messages: [Messages.dataWrongDelimiter(used: used, likely: better)
                                                         + Message(ru: "; ", en: "; ") + Messages.dataWrongDelimiterHint(likely: better)]))
            }
            for column in dataset.columns {
                let found = HeaderMatching.matches(of: column.header, in: header)
                if found.count == 1 { continue }
                if found.isEmpty {
                    let near = Suggestions.closest(to: column.header, among: header.filter { !$0.isEmpty })
                    diagnostics.append(.error("E0310", column.range, Messages.headerMissing(column.header, path: path),
                                              hint: near.map { Messages.headerSuggestion($0, written: column.header) } ?? Messages.headerList(header)))
                } else {
                    diagnostics.append(.error("E0311", column.range, Messages.headerTwice(column.header, path: path, positions: found.map { $0 + 1 })))
                }
            }
        }
        return .success(diagnostics)
    }
}
