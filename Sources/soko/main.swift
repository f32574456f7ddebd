// The `soko` command: picks the subcommand, runs it, exits with its code.
import Foundation
import Soko

let arguments = Array(CommandLine.arguments.dropFirst())
let console = Console()
let code: ExitCode

// `soko run --help` (any command with --help or -h) prints the usage.
if arguments.count > 1, arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) {
    console.out(CLIText.usage.text(console.language))
    console.flush()
    exit(ExitCode.success.rawValue)
}

switch arguments.first {
case "check": code = CheckCommand.run(Array(arguments.dropFirst()), console)
case "run": code = RunCommand.run(Array(arguments.dropFirst()), console)
case "test": code = TestCommand.run(Array(arguments.dropFirst()), console)
case "fmt": code = FormatCommand.run(Array(arguments.dropFirst()), console)
case "explain": code = ExplainCommand.run(Array(arguments.dropFirst()), console)
case "sql": code = SQLCommand.run(Array(arguments.dropFirst()), console)
case "help", "--help", "-h", nil:
    console.out(CLIText.usage.text(console.language))
    code = arguments.isEmpty ? .usage : .success
case "--version", "version":
    console.out("soko \(Soko.version)\n")
    code = .success
default:
    console.err(CLIText.unknownCommand(arguments[0]).text(console.language))
    code = .usage
}
console.flush()
exit(code.rawValue)
