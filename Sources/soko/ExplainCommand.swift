// Placeholder replaced below.
import Soko
enum ExplainCommand {
    static func run(_ arguments: [String], _ console: Console) -> ExitCode { .usage }
}
