// `soko fmt` over files: parse, refuse files with syntax errors, compare with the canonical
// text, and the report and exit code of `--check`. Reading and writing files is the CLI's job.

/// What formatting one file gave.
public struct FormattedFile: Sendable {
    public let file: SourceFile
    /// The lexer's and the parser's diagnostics; with an error among them the file is not formatted.
    public let diagnostics: [Diagnostic]
    /// The canonical text; nil when the file has syntax errors.
    public let formatted: String?

    /// True when the file parses and its bytes differ from the canonical text.
    public var needsFormatting: Bool {
        guard let formatted else { return false }
        return !formatted.utf8.elementsEqual(file.bytes)
    }
}

extension Formatter {
    /// Parses `file` (as file `fileIndex` of the caller's `SourceSet`) and formats it unless it
    /// has syntax errors.
    public static func format(file: SourceFile, fileIndex: Int = 0, keywords: Language? = nil) -> FormattedFile {
        let (tree, diagnostics) = Parser.parse(file: file, fileIndex: fileIndex)
        let formatted = diagnostics.hasErrors ? nil : format(tree, source: file, keywords: keywords)
        return FormattedFile(file: file, diagnostics: diagnostics, formatted: formatted)
    }

    /// The exit code of `soko fmt --check`: `usage` (2) when a file has syntax errors,
    /// `findings` (1) when a file is not in the canonical layout, `success` (0) otherwise.
    public static func checkExitCode(_ files: [FormattedFile]) -> ExitCode {
        if files.contains(where: { $0.diagnostics.hasErrors }) { return .usage }
        if files.contains(where: \.needsFormatting) { return .findings }
        return .success
    }

    /// The report of `soko fmt --check`: a unified diff for each file that is not formatted,
    /// then the list of those files (or a line saying all are formatted, when none has errors).
    public static func checkReport(_ files: [FormattedFile], language: Language) -> String {
        var output = ""
        let unformatted = files.filter(\.needsFormatting)
        for file in unformatted {
            let old = String(decoding: file.file.bytes, as: UTF8.self)
            let diff = LineDiff.unified(old: old, new: file.formatted ?? "", oldName: file.file.path,
                                        newName: file.file.path + " " + Messages.formattedLabel.text(language))
            output += diff.isEmpty ? Messages.onlyLineBreaksDiffer(file.file.path).text(language) + "\n" : diff
        }
        if !unformatted.isEmpty { output += "\n" }
        for file in unformatted {
            output += Messages.notFormatted(file.file.path).text(language) + "\n"
        }
        if unformatted.isEmpty && !files.isEmpty && files.allSatisfy({ $0.formatted != nil }) {
            output += Messages.allFormatted(files.count).text(language) + "\n"
        }
        return output
    }
}
