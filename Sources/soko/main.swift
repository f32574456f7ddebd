// The `soko` command: picks the subcommand, runs it, exits with its code.
import Foundation
import Soko

let arguments = Array(CommandLine.arguments.dropFirst())
let console = Console()
var code: ExitCode

// A command given rule files speaks their language (`--lang` and SOKO_LANG first), in usage
// errors and the write-failure line too; without rule files (an unknown command), the locale.
if let command = arguments.first, CLIText.commands.contains(command) || command == "sql" {
    console.language = CommonOptions.language(ofArguments: Array(arguments.dropFirst()), fallback: console.language)
}

// A data file shortened while it is read (mapped pages) ends the run with a message, not a crash.
MappedFileGuard.install(language: console.language)
// Freed columns' memory reused for the next ones, not mapped afresh (see HeapReuse).
HeapReuse.install()

switch arguments.first {
case let command? where CLIText.help(command) != nil && arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }):
    // `soko run --help`: the command's own help, with every option.
    console.out(CLIText.help(command).map { $0.text(console.language) } ?? "")
    code = .success
case "check": code = CheckCommand.run(Array(arguments.dropFirst()), console)
case "run": code = RunCommand.run(Array(arguments.dropFirst()), console)
case "test": code = TestCommand.run(Array(arguments.dropFirst()), console)
case "fmt": code = FormatCommand.run(Array(arguments.dropFirst()), console)
case "explain": code = ExplainCommand.run(Array(arguments.dropFirst()), console)
case "sql": code = SQLCommand.run(Array(arguments.dropFirst()), console)
case "help", "--help", "-h", nil:
    if arguments.count > 1, let help = CLIText.help(arguments[1]) {
        console.out(help.text(console.language))
    } else {
        console.out(CLIText.usage.text(console.language))
    }
    code = arguments.isEmpty ? .usage : .success
case "--version", "version", "-V":
    console.out("soko \(Soko.version)\n")
    code = .success
default:
    let suggestion = Suggestions.closest(to: arguments[0], among: CLIText.commands)
    console.err(CLIText.unknownCommand(arguments[0], suggestion: suggestion).text(console.language))
    code = .usage
}
console.flush()
// A reader that closed the pipe (`soko run … | head`) ends the command quietly; any other failed
// write is one line and exit code 4.
if let failure = console.outputFailure, !console.readerClosed {
    console.err(CLIText.cannotWriteOutput(Messages.systemReason(failure).text(console.language)).text(console.language))
    code = .outputError
}
exit(code.rawValue)
