// Binds `--data` arguments to the rule set's datasets: `FILE` for a rule set with one
// dataset, `DATASET=FILE` for each dataset otherwise.
import Foundation

public enum DataBinding {
    /// A file path per dataset, in the program's dataset order.
    public static func bind(_ arguments: [String], to program: Program) -> Result<[String], UsageProblems> {
        guard !program.datasets.isEmpty else { return .failure(UsageProblems(messages: [Messages.noDatasetToBind])) }
        var paths = [String?](repeating: nil, count: program.datasets.count)
        var problems: [Message] = []
        let names = program.datasets.map(\.name)
        for argument in arguments {
            if let equals = argument.firstIndex(of: "="), !FileManager.default.fileExists(atPath: argument) {
                let name = String(argument[..<equals])
                let path = String(argument[argument.index(after: equals)...])
                guard let index = names.firstIndex(of: name) else {
                    problems.append(Messages.unknownDatasetBinding(name, names: names, suggestion: Suggestions.closest(to: name, among: names)))
                    continue
                }
                if paths[index] != nil { problems.append(Messages.datasetBoundTwice(name)) }
                paths[index] = path
            } else if program.datasets.count == 1 {
                if paths[0] != nil { problems.append(Messages.datasetBoundTwice(names[0])) }
                paths[0] = argument
            } else {
                problems.append(Messages.bindingNeedsName(argument, names: names))
            }
        }
        if arguments.isEmpty { problems.append(Messages.noDataGiven(names: names)) }
        for (index, path) in paths.enumerated() where path == nil && !arguments.isEmpty {
            problems.append(Messages.datasetWithoutFile(names[index]))
        }
        let bound = paths.compactMap { $0 }
        return problems.isEmpty && bound.count == paths.count ? .success(bound) : .failure(UsageProblems(messages: problems))
    }
}

/// `--set NAME=VALUE`: a parameter's value for this run, typed like its declaration.
public enum ParameterOverrides {
    public static func apply(_ arguments: [String], to program: Program) -> Result<[Value], UsageProblems> {
        var values = program.params.map(\.value)
        var problems: [Message] = []
        let wholeNumbers = program.wholeNumberParameters
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else {
                problems.append(Messages.overrideSyntax(argument))
                continue
            }
            let name = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
            let text = String(argument[argument.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            guard let index = program.param(named: name) else {
                problems.append(Messages.unknownOverride(name, suggestion: Suggestions.closest(to: name, among: program.params.map(\.name))))
                continue
            }
            guard let value = parse(text, as: program.params[index].type) else {
                problems.append(Messages.badOverride(name, text, expected: Messages.typeName(program.params[index].type),
                                                     isShare: program.params[index].type == .share))
                continue
            }
            if let range = wholeNumbers[index] {
                guard case .number(let x) = value, x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
                    problems.append(Messages.overrideNotWhole(name, text, range: range))
                    continue
                }
            }
            values[index] = value
        }
        return problems.isEmpty ? .success(values) : .failure(UsageProblems(messages: problems))
    }

    /// A value from the command line: `15%` or `0.15` for shares, `12,5` or `12.5` for numbers,
    /// да/нет/true/false for flags, anything for text.
    static func parse(_ text: String, as type: ValueType) -> Value? {
        switch type {
        case .text: return .text(text)
        case .flag:
            switch text.lowercased() {
            case "да", "true", "yes", "1", "истина": return .flag(true)
            case "нет", "false", "no", "0", "ложь": return .flag(false)
            default: return nil
            }
        default:
            var number = text.replacingOccurrences(of: ",", with: ".")
            var percent = false
            if number.hasSuffix("%") { percent = true; number.removeLast() }
            guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
            if percent && type != .share { return nil }
            // A share written without % must be a fraction: `45` for 45 % is refused.
            if type == .share && !percent && abs(value) > 1 { return nil }
            return .number(percent ? value / 100 : value)
        }
    }
}
