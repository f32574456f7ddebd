// Placeholder replaced below.
import Soko
enum TestCommand {
    static func run(_ arguments: [String], _ console: Console) -> ExitCode { .usage }
}
