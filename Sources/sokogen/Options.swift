// sokogen's command line: the table of options, the parsing of raw arguments into checked settings, and the help text made from the same table.

/// The settings of one run, checked: every value is in range and the options agree.
struct GeneratorOptions {
    /// How many schools; each has one row per year.
    var schools = 200
    /// The total number of rows, when given instead of `schools`.
    var rows: Int?
    /// How many consecutive years, ending with `lastYear`.
    var years = 3
    var seed: UInt64 = 77
    /// The share of numeric and yes/no cells left empty.
    var missing = 0.02
    /// The field separator, one ASCII byte.
    var delimiter = UInt8(ascii: ",")
    /// Whether decimals are written `68,3` instead of `68.3`.
    var decimalComma = false
    var encoding = OutputEncoding.utf8
    /// The table's file; nil writes to standard output.
    var outputPath: String?
    /// Where to list the planted schools, if anywhere.
    var plantedPath: String?
    /// Write the per-participant table (one row per ВПР work) instead of the school table.
    var participants = false
    /// With `participants`: where to list the schools as `school_id,municipality`.
    var schoolListPath: String?

    /// The table's last year: the years are `lastYear - years + 1 ... lastYear`.
    static let lastYear = 2024
}

/// What the command line asks for.
enum GeneratorCommand {
    /// Write a table with these settings.
    case generate(GeneratorOptions)
    /// Print the help text and stop.
    case help
}

/// Everything that can stop a run. Each kind has one exit code.
enum GeneratorError: Error {
    /// The arguments are wrong; the message says which and how.
    case usage(String)
    /// The table or the planted list could not be written.
    case cannotWrite(path: String, reason: String)
    /// A text has a character the chosen encoding cannot write (a bug in the word lists).
    case cannotEncode(text: String)

    /// 2 for a usage error, 1 for a failure while writing.
    var exitCode: Int32 {
        switch self {
        case .usage: 2
        case .cannotWrite, .cannotEncode: 1
        }
    }

    var message: String {
        switch self {
        case .usage(let text): text
        case .cannotWrite(let path, let reason): "cannot write '\(path)': \(reason)"
        case .cannotEncode(let text): "'\(text)' has a character that the chosen encoding cannot write"
        }
    }
}

/// One option of the command line, declared once for both the parser and the help text.
struct OptionSpec: Sendable {
    let name: String
    /// The placeholder of the option's value in the help text; nil for a flag.
    let valueName: String?
    let help: String
    /// Stores the option's value (nil for a flag) into the settings, or reports why it is wrong.
    let apply: @Sendable (inout GeneratorOptions, String?) throws(GeneratorError) -> Void

    static let all: [OptionSpec] = [
        OptionSpec(name: "--rows", valueName: "N", help: "total rows; the last school may have fewer years (instead of --schools)") { options, value throws(GeneratorError) in
            options.rows = try parseCount(value, option: "--rows")
        },
        OptionSpec(name: "--schools", valueName: "N", help: "number of schools, one row per school and year (default 200)") { options, value throws(GeneratorError) in
            options.schools = try parseCount(value, option: "--schools")
        },
        OptionSpec(name: "--years", valueName: "N", help: "consecutive years ending with 2024 (default 3)") { options, value throws(GeneratorError) in
            let years = try parseCount(value, option: "--years")
            guard (1...100).contains(years) else { throw .usage("--years must be between 1 and 100, not \(years)") }
            options.years = years
        },
        OptionSpec(name: "--seed", valueName: "N", help: "seed of the random numbers (default 77): same seed, same bytes") { options, value throws(GeneratorError) in
            guard let value, let seed = UInt64(value) else {
                throw .usage("--seed needs a whole number from 0 to 18446744073709551615, not '\(value ?? "")'")
            }
            options.seed = seed
        },
        OptionSpec(name: "--missing", valueName: "F", help: "share of numeric and yes/no cells left empty, 0 to 1 (default 0.02)") { options, value throws(GeneratorError) in
            guard let value, let share = Double(value), share >= 0, share <= 1 else {
                throw .usage("--missing needs a share from 0 to 1, such as 0.02, not '\(value ?? "")'")
            }
            options.missing = share
        },
        OptionSpec(name: "--delimiter", valueName: "C", help: "field separator: one character such as ';', or 'tab' (default ',')") { options, value throws(GeneratorError) in
            options.delimiter = try parseDelimiter(value ?? "")
        },
        OptionSpec(name: "--decimal-comma", valueName: nil, help: "write decimals as 68,3 (needs another --delimiter)") { options, _ in
            options.decimalComma = true
        },
        OptionSpec(name: "--encoding", valueName: "NAME", help: "utf-8 (default) or cp1251, as Russian Excel saves CSV") { options, value throws(GeneratorError) in
            guard let value, let encoding = OutputEncoding(name: value) else {
                throw .usage("--encoding must be utf-8 or cp1251, not '\(value ?? "")'")
            }
            options.encoding = encoding
        },
        OptionSpec(name: "--out", valueName: "FILE", help: "the table's file (default: standard output)") { options, value in
            options.outputPath = value
        },
        OptionSpec(name: "--participants", valueName: nil,
                   help: "write the per-participant ВПР table instead (about 250 rows per school; see bench/README.md)") { options, _ in
            options.participants = true
        },
        OptionSpec(name: "--school-list", valueName: "FILE",
                   help: "with --participants: also write the schools as school_id,municipality here") { options, value in
            options.schoolListPath = value
        },
        OptionSpec(name: "--planted", valueName: "FILE", help: "also list the planted schools here as school_id,planted") { options, value in
            options.plantedPath = value
        },
    ]

    private static func parseCount(_ value: String?, option: String) throws(GeneratorError) -> Int {
        guard let value, let count = Int(value), count >= 0 else {
            throw .usage("\(option) needs a whole number of 0 or more, not '\(value ?? "")'")
        }
        return count
    }

    /// One ASCII character that cannot occur inside a value: not a letter, digit, quote,
    /// point, minus, space or line break.
    private static func parseDelimiter(_ value: String) throws(GeneratorError) -> UInt8 {
        if value == "tab" || value == "\\t" || value == "\t" { return UInt8(ascii: "\t") }
        let bytes = Array(value.utf8)
        guard bytes.count == 1, let byte = bytes.first, isPunctuation(byte), !"\".-".utf8.contains(byte) else {
            throw .usage("--delimiter must be one punctuation character such as ';' or ',', or 'tab'; '\(value)' cannot separate fields")
        }
        return byte
    }

    /// Printable ASCII that is neither a letter, a digit nor a space.
    private static func isPunctuation(_ byte: UInt8) -> Bool {
        let printable = byte > 0x20 && byte < 0x7F
        let digit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        let letter = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        return printable && !digit && !letter
    }
}

/// Raw arguments to a command, in two steps: each option on its own, then the options together.
enum CommandLineParser {
    /// Parses the arguments after the program's name.
    static func parse(_ arguments: [String]) throws(GeneratorError) -> GeneratorCommand {
        var options = GeneratorOptions()
        var given: Set<String> = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--help" || argument == "-h" { return .help }
            // Both `--seed 5` and `--seed=5` are accepted.
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let spec = OptionSpec.all.first(where: { $0.name == name }) else {
                throw .usage("unknown option '\(argument)'" + suggestion(for: name))
            }
            var value: String?
            if spec.valueName != nil {
                if let inlineValue {
                    value = inlineValue
                } else if index < arguments.count {
                    value = arguments[index]
                    index += 1
                } else {
                    throw .usage("\(name) needs a value: \(name) \(spec.valueName!)")
                }
            } else if inlineValue != nil {
                throw .usage("\(name) takes no value")
            }
            try spec.apply(&options, value)
            given.insert(name)
        }
        try checkTogether(options, given: given)
        return .generate(options)
    }

    /// The checks that involve more than one option.
    private static func checkTogether(_ options: GeneratorOptions, given: Set<String>) throws(GeneratorError) {
        if options.decimalComma && options.delimiter == UInt8(ascii: ",") {
            throw .usage("--decimal-comma needs another --delimiter, such as ';': a comma cannot both separate fields and decimals")
        }
        if options.participants && (given.contains("--years") || given.contains("--planted") || options.decimalComma) {
            throw .usage("--participants writes one table of one year with no decimals: --years, --planted and --decimal-comma do not apply")
        }
        if options.schoolListPath != nil && !options.participants {
            throw .usage("--school-list goes with --participants")
        }
        if options.rows != nil && given.contains("--schools") {
            throw .usage("--rows and --schools both set the table's size: give one of them")
        }
    }

    /// ", did you mean '--rows'?" when `name` is a small typo of an option.
    private static func suggestion(for name: String) -> String {
        let closest = OptionSpec.all.map { ($0.name, editDistance($0.name, name)) }.min { $0.1 < $1.1 }
        guard let closest, closest.1 <= 2 else { return "" }
        return "; did you mean '\(closest.0)'?"
    }

    /// The Levenshtein distance: insertions, deletions and substitutions of one character.
    private static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left), b = Array(right)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The help text, made from `OptionSpec.all`.
    static var helpText: String {
        var lines = [
            "sokogen: writes a synthetic table of school results (one row per school and year, 36 columns)",
            "for Soko's benchmark and tests. Same arguments, same bytes, on any machine.",
            "",
            "Usage: sokogen [options]",
            "",
            "Options:",
        ]
        let labels = OptionSpec.all.map { spec in spec.name + (spec.valueName.map { " " + $0 } ?? "") }
        let width = labels.map(\.count).max() ?? 0
        for (label, spec) in zip(labels, OptionSpec.all) {
            lines.append("  " + padded(label, to: width) + "  " + spec.help)
        }
        lines.append("  " + padded("-h, --help", to: width) + "  show this text")
        lines += [
            "",
            "Examples:",
            "  sokogen --rows 1000000 --years 5 --out big.csv",
            "  sokogen --schools 40 --years 3 --delimiter ';' --decimal-comma --encoding cp1251 --out excel.csv",
            "  sokogen --participants --rows 10000000 --out participants.csv",
            "",
            "Exit codes: 0 written, 1 could not write, 2 wrong arguments.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
