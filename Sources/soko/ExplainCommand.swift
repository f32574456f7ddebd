// `soko explain RULES… --data … --entity KEY`: why each rule fired or not for one school, in
// plain sentences or as a JSON tree.
import Soko

enum ExplainCommand {
    enum Format: String { case text, json }

    static func run(_ arguments: [String], _ console: Console) -> ExitCode {
        // Errors found after `--lang` is read are told in that language.
        var language = console.language
        do throws(UsageError) {
            let options = try Options(arguments, valued: ["data", "entity", "period", "rule", "lang", "format", "delimiter", "encoding", "set", "sheet"],
                                      switches: ["lenient", "check-totals"])
            let common = try CommonOptions(options, console: console)
            language = common.language
            let format: Format = try options.choice("format", default: .text)
            guard !options.positional.isEmpty else { throw UsageError(CLIText.noPaths) }
            guard let key = options.value("entity") else { throw UsageError(CLIText.noEntity) }
            var period: Int?
            if let text = options.value("period") {
                guard let number = Int(text) else { throw UsageError(CLIText.badPeriod(text)) }
                period = number
            }
            switch try Evaluate.run(options, command: "explain", language: common.language, console: console) {
            case .failure(let failure):
                return failure.code
            case .success(let evaluated):
                let evaluation = evaluated.evaluation
                let explainer = Explainer(evaluation: evaluation, language: common.language)
                let rules = try selectedRules(options.value("rule"), evaluation.program)
                let entities = try selectedEntities(key: key, period: period, explainer)
                let explanations = entities.flatMap { entity in rules.map { explainer.explain(rule: $0, entity: entity) } }
                switch format {
                case .text:
                    console.out(explanations.map { $0.text() }.joined(separator: "\n\n") + "\n")
                case .json:
                    let first = explanations.first
                    let json = JSON.object([("soko", .string(Soko.version)),
                                            ("key", .string(first?.key ?? key)),
                                            ("label", first?.label.map(JSON.string) ?? .null),
                                            ("explanations", .array(explanations.map(\.json)))])
                    console.out(json.serialized(pretty: true) + "\n")
                }
                return .success
            }
        } catch {
            console.err(CLIText.usageError("explain", error.message).text(language))
            return .usage
        }
    }

    /// The rule named by `--rule` (by name, or by title), or every rule in declaration order.
    static func selectedRules(_ name: String?, _ program: Program) throws(UsageError) -> [Int] {
        guard let name else { return Array(program.rules.indices) }
        if let index = program.rule(named: name) ?? program.rules.firstIndex(where: { $0.title == name }) { return [index] }
        throw UsageError(CLIText.unknownRule(name, suggestion: Suggestions.closest(to: name, among: program.rules.map(\.name))))
    }

    /// The school's entities: by key, or by label when no key matches and one school has that
    /// label; only `period` when given.
    static func selectedEntities(key: String, period: Int?, _ explainer: Explainer) throws(UsageError) -> [Int] {
        let index = explainer.evaluation.entities
        var entities = explainer.entities(ofKey: key)
        if entities.isEmpty {
            let keys = Set((0..<index.count).filter { explainer.evaluation.label($0) == key }.map(index.key))
            if keys.count == 1, let only = keys.first { entities = explainer.entities(ofKey: only) }
        }
        guard !entities.isEmpty else {
            throw UsageError(CLIText.unknownEntity(key, suggestion: Suggestions.closest(to: key, among: index.keys)))
        }
        guard let period else { return entities }
        let matching = entities.filter { index.period($0) == period }
        guard !matching.isEmpty else {
            throw UsageError(CLIText.noSuchPeriod(index.key(entities[0]), period, available: entities.compactMap(index.period)))
        }
        return matching
    }
}
