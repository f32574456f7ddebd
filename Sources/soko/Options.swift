// Raw arguments to options: `--name value`, `--name=value`, repeated options, flags and
// positional arguments. Unknown options are usage errors with a did-you-mean.
import Foundation
import Soko

/// Arguments split by a command's declared options.
struct Options {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    /// Parses `arguments`; `valued` options take a value, `switches` do not.
    init(_ arguments: [String], valued: Set<String>, switches: Set<String>) throws(UsageError) {
        var index = 0
        var onlyPositional = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositional || !argument.hasPrefix("-") || argument == "-" {
                positional.append(argument)
                continue
            }
            if !argument.hasPrefix("--") {
                // `-x`: short options do not exist (only -h, handled before); never a file name.
                let name = String(argument.dropFirst())
                let near = Suggestions.closest(to: name, among: valued.union(switches))
                    ?? valued.union(switches).sorted().first { $0.hasPrefix(name) }
                throw UsageError(CLIText.unknownOption(argument, suggestion: near, dashes: ""))
            }
            if argument == "--" { onlyPositional = true; continue }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if switches.contains(name) {
                guard value == nil else { throw UsageError(CLIText.switchTakesNoValue(name)) }
                flags.insert(name)
            } else if valued.contains(name) {
                if value == nil {
                    guard index < arguments.count else { throw UsageError(CLIText.optionNeedsValue(name)) }
                    value = arguments[index]
                    index += 1
                }
                values[name, default: []].append(value ?? "")
            } else {
                let near = Suggestions.closest(to: name, among: valued.union(switches))
                throw UsageError(CLIText.unknownOption(name, suggestion: near))
            }
        }
    }

    func value(_ name: String) -> String? { values[name]?.last }
    func has(_ name: String) -> Bool { flags.contains(name) }

    /// The value of an option that must be one of a fixed set.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, default fallback: T) throws(UsageError) -> T where T.RawValue == String {
        guard let raw = value(name) else { return fallback }
        guard let parsed = T(rawValue: raw) else {
            throw UsageError(CLIText.badChoice(name, raw, allowed: T.allCases.map(\.rawValue)))
        }
        return parsed
    }

    /// A whole number option at least `minimum`, or nil when not given.
    func number(_ name: String, minimum: Int = 0) throws(UsageError) -> Int? {
        guard let raw = value(name) else { return nil }
        guard let number = Int(raw), number >= minimum else { throw UsageError(CLIText.badNumber(name, raw, minimum: minimum)) }
        return number
    }
}

struct UsageError: Error {
    let message: Message
    init(_ message: Message) { self.message = message }
}

/// Options every command shares.
struct CommonOptions {
    let language: Language

    /// The language: `--lang`, then SOKO_LANG, then the keywords of the first rule file named
    /// (a Russian rule set gets Russian messages on a `C.UTF-8` machine), then the locale.
    init(_ options: Options, console: Console) throws(UsageError) {
        var given: Language?
        if let raw = options.value("lang") {
            guard let parsed = Language(rawValue: raw) else { throw UsageError(CLIText.badChoice("lang", raw)) }
            given = parsed
        }
        language = KeywordLanguage.choose(option: given, environment: ProcessInfo.processInfo.environment,
                                          ruleFiles: RuleSetFinder.files(in: options.positional).files, fallback: console.language)
    }

    /// The same choice from the raw arguments, before they are parsed (a usage error in them is
    /// told in this language): a valid `--lang`, SOKO_LANG, the first `.soko` file named or
    /// found in a named folder, then `fallback`.
    static func language(ofArguments arguments: [String], fallback: Language) -> Language {
        var option: Language?
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang=") { option = Language(rawValue: String(argument.dropFirst(7))) ?? option }
            if argument == "--lang", index + 1 < arguments.count { option = Language(rawValue: arguments[index + 1]) ?? option }
        }
        let candidates = arguments.filter { !$0.hasPrefix("-") }
        let ruleFiles = RuleSetFinder.files(in: candidates).files.filter { $0.hasSuffix(".soko") }
        return KeywordLanguage.choose(option: option, environment: ProcessInfo.processInfo.environment,
                                      ruleFiles: ruleFiles, fallback: fallback)
    }
}
