// `soko fmt PATH…|-`: prints one file in the canonical layout, or checks (`--check`) or
// rewrites (`--write`) many; `--keywords ru|en` translates the keywords.
import Foundation
import Soko

enum FormatCommand {
    enum Mode { case print, check, write }

    static func run(_ arguments: [String], _ console: Console) -> ExitCode {
        do throws(UsageError) {
            let options = try Options(arguments, valued: ["keywords", "lang"], switches: ["check", "write"])
            let common = try CommonOptions(options, console: console)
            var keywords: Language?
            if let raw = options.value("keywords") {
                guard let language = Language(rawValue: raw) else { throw UsageError(CLIText.badChoice("keywords", raw)) }
                keywords = language
            }
            if options.has("check") && options.has("write") { throw UsageError(CLIText.formatCheckOrWrite) }
            let mode: Mode = options.has("check") ? .check : options.has("write") ? .write : .print
            guard !options.positional.isEmpty else { throw UsageError(CLIText.noPaths) }

            let inputs = try readInputs(options.positional)
            if mode == .print && inputs.count != 1 { throw UsageError(CLIText.formatOneFileToPrint) }
            var sources = SourceSet()
            let results = inputs.map { input in
                Formatter.format(file: input.file, fileIndex: sources.add(input.file), keywords: keywords)
            }

            let failed = results.filter { $0.diagnostics.hasErrors }
            if !failed.isEmpty {
                let renderer = DiagnosticRenderer(sources: sources, language: common.language, colour: console.colour)
                for result in failed {
                    console.err(renderer.text(result.diagnostics))
                    console.err(CLIText.notFormattedBecauseOfErrors(result.file.path).text(common.language))
                }
            }
            switch mode {
            case .print:
                if let formatted = results[0].formatted { console.out(formatted) }
            case .check:
                console.out(Formatter.checkReport(results, language: common.language))
                return Formatter.checkExitCode(results)
            case .write:
                for (input, result) in zip(inputs, results) {
                    guard let formatted = result.formatted else { continue }
                    if input.isStandardInput {
                        console.out(formatted)
                    } else if result.needsFormatting {
                        if case .failure(let failure) = ReportFile.write(Array(formatted.utf8), to: result.file.path, inputs: []) {
                            let number: Int32 = if case .system(let number) = failure { number } else { EIO }
                            console.err(CLIText.cannotWrite(result.file.path, reason: Messages.systemReason(number)).text(common.language))
                            return .outputError
                        }
                        console.out(CLIText.rewritten(result.file.path).text(common.language))
                    }
                }
            }
            return failed.isEmpty ? .success : .usage
        } catch {
            console.err(CLIText.usageError("fmt", error.message).text(console.language))
            return .usage
        }
    }

    /// The files named on the command line, in order: `-` is standard input, a folder is every
    /// `.soko` file inside.
    static func readInputs(_ paths: [String]) throws(UsageError) -> [(file: SourceFile, isStandardInput: Bool)] {
        var files: [(file: SourceFile, isStandardInput: Bool)] = []
        for path in paths {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                files.append((SourceFile(path: CLIText.standardInputName, bytes: Array(data)), true))
                continue
            }
            let (found, unreadable) = RuleSetFinder.files(in: [path])
            if let missing = unreadable.first { throw UsageError(CLIText.pathNotFound(missing)) }
            if found.isEmpty { throw UsageError(CLIText.noRuleFiles([path])) }
            for file in found {
                guard let data = FileManager.default.contents(atPath: file) else { throw UsageError(CLIText.cannotRead(file)) }
                files.append((SourceFile(path: file, bytes: Array(data)), false))
            }
        }
        return files
    }
}
