// Placeholder replaced below.
import Soko
enum RunCommand {
    static func run(_ arguments: [String], _ console: Console) -> ExitCode { .usage }
}
