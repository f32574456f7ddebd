// Placeholder replaced below.
import Soko
enum FormatCommand {
    static func run(_ arguments: [String], _ console: Console) -> ExitCode { .usage }
}
