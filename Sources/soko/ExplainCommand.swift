// `soko explain RULES… --data … --entity KEY`: why each rule fired or not for one school, in
// plain sentences or as a JSON tree.
import Soko

enum ExplainCommand {
    enum Format: String, CaseIterable { case text, json }

    static func run(_ arguments: [String], _ console: Console) -> ExitCode {
        // Errors found after `--lang` is read are told in that language.
        var language = console.language
        do throws(UsageError) {
            let options = try Options(arguments, valued: ["data", "entity", "period", "rule", "lang", "format", "delimiter", "encoding", "set", "sheet",
                                                                 "max-messages", "totals"],
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

    /// Up to three schools whose key or label is near `text`: labels that contain it (case
    /// aside) first, then keys and labels by edit distance. Each shown as «key (label)».
    static func nearestSchools(to text: String, _ explainer: Explainer) -> [String] {
        let evaluation = explainer.evaluation
        let index = evaluation.entities
        var labelOfKey: [String: String] = [:]
        for entity in 0..<index.count where labelOfKey[index.key(entity)] == nil {
            labelOfKey[index.key(entity)] = evaluation.label(entity) ?? ""
        }
        let wanted = HeaderMatching.loose(text)
        func shown(_ key: String) -> String {
            let label = labelOfKey[key] ?? ""
            let key = Program.displayKey(key)
            return label.isEmpty ? key : "\(key) (\(label))"
        }
        var found = labelOfKey.keys.sorted().filter { key in
            let label = HeaderMatching.loose(labelOfKey[key] ?? "")
            return !wanted.isEmpty && (label.contains(wanted) || HeaderMatching.loose(key).contains(wanted))
        }
        if found.isEmpty {
            let limit = max(2, wanted.count / 3)
            let scored = labelOfKey.map { key, label in
                (key, min(Suggestions.distance(text, key),
                          label.isEmpty ? Int.max : Suggestions.distance(wanted, HeaderMatching.loose(label))))
            }
            found = scored.filter { $0.1 <= limit }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
        }
        return found.prefix(3).map(shown)
    }

    /// The school's entities: by key, or by label when no key matches and one school has that
    /// label; only `period` when given.
    static func selectedEntities(key: String, period: Int?, _ explainer: Explainer) throws(UsageError) -> [Int] {
        let index = explainer.evaluation.entities
        // A composite key is typed as reports show it, its parts joined with " / ".
        let typed = key.components(separatedBy: " / ").joined(separator: String(Program.keySeparator))
        var entities = explainer.entities(ofKey: typed)
        if entities.isEmpty {
            let keys = Set((0..<index.count).filter { explainer.evaluation.label($0) == key }.map(index.key))
            if keys.count == 1, let only = keys.first { entities = explainer.entities(ofKey: only) }
        }
        guard !entities.isEmpty else {
            throw UsageError(CLIText.unknownEntity(key, suggestions: nearestSchools(to: key, explainer)))
        }
        guard let period else { return entities }
        let matching = entities.filter { index.period($0) == period }
        guard !matching.isEmpty else {
            throw UsageError(CLIText.noSuchPeriod(index.displayKey(entities[0]), period, available: entities.compactMap(index.period)))
        }
        return matching
    }
}
