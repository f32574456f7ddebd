// The front end in one call: load a rule set, parse, check. Stops after a stage with errors.

public enum Compiler {
    /// Loads and checks one rule set made of the given entry files.
    public static func compile(entries: [String]) -> CheckResult {
        Checker.check(Loader.load(entries: entries))
    }

    /// Checks a rule set given as text (no imports).
    public static func compile(text: String, path: String = "<stdin>") -> CheckResult {
        Checker.check(Loader.load(text: text, path: path))
    }
}
