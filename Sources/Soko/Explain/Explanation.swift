// Why one rule came out as it did for one school and period: the rule's outcome and a tree
// with one node per sub-expression holding its value for that entity. `Explainer` builds it;
// `text()` (Explanation+Text.swift) turns it into sentences and `json` into a JSON value.

/// The reasoning behind one rule's outcome for one entity (a school in one period).
///
/// JSON shape (`json`), keys always present and in this order:
/// ```
/// {
///   "rule": "medal_risk", "title": "Неподтверждение медалистов" | null, "severity": "high",
///   "key": "S5", "period": 2024 | null, "label": "МБОУ СОШ №5" | null,
///   "outcome": "fired" | "not_fired" | "insufficient_data" | "not_applicable",
///   "missing": ["medalists"],          // data columns the rule reads that are empty here
///   "applies": [{ "held": true, "reason": "…" | null, "condition": NODE }],   // `applies` clauses
///   "requirements": [{ "held": true, "reason": "…" | null, "condition": NODE }],
///   "recommendations": ["…"],          // filled in, only when the rule fired
///   "condition": NODE,                  // the `when` condition
///   "text": "…"                         // the same explanation as sentences (`text()`)
/// }
/// ```
/// NODE, one per sub-expression (see `ExplanationNode`):
/// ```
/// {
///   "expression": "medalists_unconfirmed / medalists",   // the source text
///   "kind": "arithmetic",     // constant column param indicator rule bands negate not
///                             // arithmetic comparison and or between in if function
///                             // statistic history at_least
///   "name": "/" | null,       // declared name, function name or operator
///   "title": "…" | null,      // the declaration's title (indicator, rule, bands, param)
///   "period": 2023 | null,    // set when the node was evaluated for another period (prev…)
///   "value": 0.3,             // raw: shares as fractions, flags as booleans, missing as null
///   "display": "30,0 %",      // formatted for people, in the explanation's language
///   "truth": "true" | "false" | "unknown" | null,   // for conditions only
///   "missing": ["medalists"], // data columns read by this very node that are empty
///   "group": null | { "description": "municipality = Советский ГО, year = 2024",
///                     "columns": [{ "column": "municipality", "value": "Советский ГО",
///                                   "display": "Советский ГО" }, …],
///                     "size": 12, "value": 0.452, "display": "45,2 %" },
///   "earlier": null | { "period": 2023, "found": true, "value": 0.4, "display": "40,0 %" },
///   "children": [NODE, …]
/// }
/// ```
/// An indicator's, bands' or named rule's node has its definition as its only child (a rule
/// node: its condition), so that the tree reaches down to the data columns. For `prev` the
/// child is the subject in the earlier period; for `change` the subject now and then; for
/// `periods_with` the condition in each period of the window.
public struct Explanation: Sendable {
    /// Index of the rule in `Program.rules`, its name, title and severity.
    public let rule: Int
    public let ruleName: String
    public let ruleTitle: String?
    public let severity: Severity
    /// The entity: its index, the school's key, period and label.
    public let entity: Int
    public let key: String
    public let period: Int?
    public let label: String?
    public let outcome: RuleOutcome
    /// The `when` condition.
    public let condition: ExplanationNode
    /// Every `applies` clause with whether it held.
    public let applicability: [RequirementCheck]
    /// Every `require` clause with whether it held.
    public let requirements: [RequirementCheck]
    /// Recommendations filled in for this entity, when the rule fired.
    public let recommendations: [String]
    /// Data columns the rule reads that are empty for this entity.
    public let missing: [String]
    /// The language of `display` texts and of `text()`.
    public let language: Language

    /// The rule's title, or its name when it has none.
    public var ruleDisplayName: String { ruleTitle ?? ruleName }

    /// The `applies` and `require` clauses that did not hold (false or unknown).
    public var unmetRequirements: [RequirementCheck] { (applicability + requirements).filter { !$0.held } }

    /// The `applies` clauses that are false: why the rule does not apply.
    public var unmetApplicability: [RequirementCheck] { applicability.filter { $0.condition.truth == .no } }
}

/// One `require` clause of a rule, for one entity.
public struct RequirementCheck: Sendable {
    public let condition: ExplanationNode
    /// The clause's reason text filled in, or nil when the clause gives none.
    public let reason: String?

    /// The rule is judged only where every requirement is true (not false, not unknown).
    public var held: Bool { condition.truth == .yes }
}

/// One sub-expression of a condition with its value for the explained entity.
public struct ExplanationNode: Sendable {
    /// What the node is; carries what sentences need to name it.
    public enum Kind: Sendable, Equatable {
        case constant
        /// A data column: its name in the rules and its header in the data file.
        case column(name: String, header: String)
        case param(name: String, title: String?)
        case indicator(name: String, title: String?)
        /// A rule named in a condition; true when it fired. `reasons` are the filled-in
        /// reasons of its unmet `require` clauses.
        case rule(name: String, title: String?, outcome: RuleOutcome, reasons: [String])
        case bands(name: String, title: String?)
        case negate
        case not
        case arithmetic(BinaryOperator)
        case comparison(BinaryOperator)
        /// `and` / `or`.
        case logic(BinaryOperator)
        case between(negated: Bool)
        case inList(negated: Bool)
        case conditional
        /// A scalar function (`abs`, `round`, `coalesce`, …).
        case function(BuiltinFunction)
        /// A group statistic; the node's `group` says which group.
        case statistic(BuiltinFunction)
        /// `prev`, `change`, `periods_with`; the node's `earlier` gives the earlier value.
        case history(BuiltinFunction, periods: Int)
        case atLeast(Int)
    }

    /// The node's source text.
    public let expression: String
    public let kind: Kind
    public let type: ValueType
    public let value: Value
    /// The value formatted for people.
    public let display: String
    /// For conditions: whether it holds; nil for values that are not yes/no.
    public let truth: Truth?
    /// The period this node was evaluated for, when it differs from the explained one.
    public let period: Int?
    /// Headers of data columns read by this node itself that are empty (a column's node, a
    /// statistic's group columns).
    public let missing: [String]
    public let group: StatisticGroup?
    public let earlier: EarlierValue?
    public let children: [ExplanationNode]

    public var isMissing: Bool { value == .missing }

    /// The same node shown with another text (more digits, to tell it from its neighbour).
    func displayed(as text: String) -> ExplanationNode {
        ExplanationNode(expression: expression, kind: kind, type: type, value: value, display: text, truth: truth,
                        period: period, missing: missing, group: group, earlier: earlier, children: children)
    }
}

/// The group a statistic was computed over, for one entity.
public struct StatisticGroup: Sendable {
    /// One `by` column and the entity's value in it.
    public struct Member: Sendable {
        public let column: String
        public let value: Value
        public let display: String
    }

    public let columns: [Member]
    /// "municipality = Советский ГО, year = 2024", or "all schools" without `by`.
    public let description: String
    /// How many entities of the group have a known value of the statistic's subject.
    public let size: Int
}

/// The earlier period's value of `prev` and `change`.
public struct EarlierValue: Sendable {
    public let period: Int
    /// Whether the school has a row for that period at all.
    public let found: Bool
    public let value: Value
    public let display: String
}

// MARK: JSON

extension Explanation {
    /// The explanation as JSON; the shape is documented on `Explanation`.
    public var json: JSON {
        .object([
            ("rule", .string(ruleName)),
            ("title", ruleTitle.map(JSON.string) ?? .null),
            ("severity", .string(severity.english)),
            ("key", .string(key)),
            ("period", period.map(JSON.integer) ?? .null),
            ("label", label.map(JSON.string) ?? .null),
            ("outcome", .string(JSONReport.outcomeName(outcome))),
            ("missing", .array(missing.map(JSON.string))),
            ("applies", .array(applicability.map { requirement in
                .object([("held", .bool(requirement.held)),
                         ("reason", requirement.reason.map(JSON.string) ?? .null),
                         ("condition", requirement.condition.json)])
            })),
            ("requirements", .array(requirements.map { requirement in
                .object([("held", .bool(requirement.held)),
                         ("reason", requirement.reason.map(JSON.string) ?? .null),
                         ("condition", requirement.condition.json)])
            })),
            ("recommendations", .array(recommendations.map(JSON.string))),
            ("condition", condition.json),
            ("text", .string(text())),
        ])
    }
}

extension ExplanationNode {
    /// The node and its children as JSON; the shape is documented on `Explanation`.
    public var json: JSON {
        let truthJSON: JSON = truth.map { .string(ExplanationNode.truthName($0)) } ?? .null
        let groupJSON: JSON = group.map(groupJSON) ?? .null
        let earlierJSON: JSON = earlier.map { earlier in
            .object([("period", .integer(earlier.period)), ("found", .bool(earlier.found)),
                     ("value", JSONReport.json(earlier.value)), ("display", .string(earlier.display))])
        } ?? .null
        let members: [(String, JSON)] = [
            ("expression", .string(expression)),
            ("kind", .string(kindName)),
            ("name", name.map(JSON.string) ?? .null),
            ("title", title.map(JSON.string) ?? .null),
            ("period", period.map(JSON.integer) ?? .null),
            ("value", JSONReport.json(value)),
            ("display", .string(display)),
            ("truth", truthJSON),
            ("missing", .array(missing.map(JSON.string))),
            ("group", groupJSON),
            ("earlier", earlierJSON),
            ("children", .array(children.map(\.json))),
        ]
        return .object(members)
    }

    func groupJSON(_ group: StatisticGroup) -> JSON {
        let columns: [JSON] = group.columns.map { member in
            .object([("column", .string(member.column)), ("value", JSONReport.json(member.value)),
                     ("display", .string(member.display))])
        }
        return .object([("description", .string(group.description)), ("columns", .array(columns)),
                        ("size", .integer(group.size)), ("value", JSONReport.json(value)), ("display", .string(display))])
    }

    static func truthName(_ truth: Truth) -> String {
        switch truth {
        case .yes: "true"
        case .no: "false"
        case .unknown: "unknown"
        }
    }

    /// The `kind` field of the JSON form.
    var kindName: String {
        switch kind {
        case .constant: "constant"
        case .column: "column"
        case .param: "param"
        case .indicator: "indicator"
        case .rule: "rule"
        case .bands: "bands"
        case .negate: "negate"
        case .not: "not"
        case .arithmetic: "arithmetic"
        case .comparison: "comparison"
        case .logic(let op): op == .and ? "and" : "or"
        case .between: "between"
        case .inList: "in"
        case .conditional: "if"
        case .function: "function"
        case .statistic: "statistic"
        case .history: "history"
        case .atLeast: "at_least"
        }
    }

    /// The declared name, the function's English name, or the operator.
    var name: String? {
        switch kind {
        case .column(let name, _), .param(let name, _), .indicator(let name, _), .rule(let name, _, _, _), .bands(let name, _):
            name
        case .arithmetic(let op), .comparison(let op): op.rawValue
        case .function(let function), .statistic(let function), .history(let function, _): function.english
        default: nil
        }
    }

    /// The declaration's title (a param's description).
    var title: String? {
        switch kind {
        case .param(_, let title), .indicator(_, let title), .rule(_, let title, _, _), .bands(_, let title): title
        default: nil
        }
    }
}
