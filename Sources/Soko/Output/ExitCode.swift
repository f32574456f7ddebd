// The exit codes of `soko`: each means one thing, the same for every command (see README).

public enum ExitCode: Int32, Sendable {
    /// Done; nothing to report.
    case success = 0
    /// The command did its job and found what it looks for: errors in the rules (`check`),
    /// failing tests (`test`), unformatted files (`fmt --check`), flags at or above
    /// `--fail-on` (`run`).
    case findings = 1
    /// The command could not start: a wrong command line, a missing path, or rule files with
    /// errors (for commands other than `check`).
    case usage = 2
    /// A data file could not be read or has bad cells.
    case dataError = 3
    /// The output could not be written.
    case outputError = 4
}

/// The library's version, printed by `soko --version`.
public enum Soko {
    public static let version = "0.1.0"
}
