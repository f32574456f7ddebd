// Column families (Grammar.md 5.14): `columns tasks: number from "t{1-20}"` expands at check time
// into ordinary columns `tasks_1` … `tasks_20`, and `each_sum(…)` and its kin instantiate their
// argument once per tag.

/// A declared family: its members' tags in order, and where it was declared.
struct ColumnFamily: Sendable {
    let name: String
    let tags: [String]
    let range: SourceRange
    func columnName(_ tag: String) -> String { "\(name)_\(tag)" }
}

/// A family pattern's static expansion: the tags and the header of each member.
enum FamilyPattern {
    /// `"з{1-20}"` → tags 1…20, headers з1…з20; `"{4,5,6} РУ"` → tags 4, 5, 6. Nil when the
    /// pattern has not exactly one `{…}` with a range `a-b` (a ≤ b, at most 500 members) or a
    /// list of words.
    static func expand(_ pattern: String) -> [(tag: String, header: String)]? {
        guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else { return nil }
        let prefix = pattern[..<open], suffix = pattern[pattern.index(after: close)...]
        guard !prefix.contains("{"), !prefix.contains("}"), !suffix.contains("{"), !suffix.contains("}") else { return nil }
        let inside = pattern[pattern.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
        var tags: [String] = []
        if inside.contains(",") {
            tags = inside.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !tags.contains(where: \.isEmpty), Set(tags).count == tags.count else { return nil }
        } else {
            let bounds = inside.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low >= 0, low <= high, high - low < 500 else { return nil }
            tags = (low...high).map(String.init)
        }
        return tags.map { (tag: $0, header: "\(prefix)\($0)\(suffix)") }
    }

    /// The tag as part of a column name: spaces and other separators become `_`.
    static func nameSafe(_ tag: String) -> String {
        String(tag.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }
}

extension Checker {
    /// Expands a `columns` member into ordinary columns, one per tag.
    mutating func expandFamily(_ member: DatasetMember, dataset: String, into columns: inout [DatasetColumn], seen: inout [String: SourceRange]) {
        let name = member.name.name
        if let first = seen[name] ?? families[name]?.range {
            report(.error("E0212", member.name.range, Messages.duplicateName(name), hint: Messages.renameHint,
                          notes: [.init(range: first, message: Messages.firstDeclaredHere)]))
            return
        }
        guard let word = member.type, let type = ColumnType.named(word.name) else {
            let names = ColumnType.allCases.flatMap { [$0.rawValue, $0.russian] }
            report(.error("E0214", member.type?.range ?? member.range, Messages.unknownColumnType(member.type?.name ?? ""),
                          hint: member.type.flatMap { Suggestions.closest(to: $0.name, among: names) }.map(Messages.didYouMean) ?? Messages.columnTypesHint))
            return
        }
        guard let pattern = member.header, let members = FamilyPattern.expand(pattern.plainText) else {
            report(.error("E0280", member.header?.range ?? member.range, Messages.badFamilyPattern(member.header?.plainText),
                          hint: Messages.badFamilyPatternHint))
            return
        }
        seen[name] = member.name.range
        var tags: [String] = []
        for (tag, header) in members {
            let safe = FamilyPattern.nameSafe(tag)
            let columnName = "\(name)_\(safe)"
            if let first = seen[columnName] {
                report(.error("E0212", member.name.range, Messages.duplicateName(columnName), hint: Messages.renameHint,
                              notes: [.init(range: first, message: Messages.firstDeclaredHere)]))
                return
            }
            seen[columnName] = member.name.range
            tags.append(safe)
            columns.append(DatasetColumn(name: columnName, header: header, type: type, role: .column,
                                         range: member.name.range, title: member.title.map { "\($0.plainText) [\(tag)]" }))
        }
        families[name] = ColumnFamily(name: name, tags: tags, range: member.name.range)
    }

    /// The family names an expression reads, in order of first appearance.
    func familyNames(in root: Expr) -> [String] {
        var found: [String] = []
        var stack = [root]
        while let expr = stack.popLast() {
            switch expr.kind {
            case .name(let identifier):
                if families[identifier.name] != nil, symbols[identifier.name] == nil, !found.contains(identifier.name) { found.append(identifier.name) }
            case .call(_, let arguments, _): stack += arguments.reversed()
            case .unary(_, let e), .parenthesized(let e): stack.append(e)
            case .binary(_, let a, let b), .approximately(let a, let b), .filtered(let a, let b): stack += [b, a]
            case .between(let e, let low, let high, _): stack += [high, low, e]
            case .inList(let e, let items, _): stack += items.reversed() + [e]
            case .conditional(let c, let a, let b): stack += [b, a, c]
            case .atLeast(let n, let items): stack += items.reversed() + [n]
            case .qualified, .string, .number, .percent, .boolean, .missing: break
            }
        }
        return found
    }

    /// The expression with each family name replaced by its member for `tag`.
    func instantiate(_ expr: Expr, tag: String, families names: Set<String>) -> Expr {
        func go(_ e: Expr) -> Expr { instantiate(e, tag: tag, families: names) }
        let kind: ExprKind
        switch expr.kind {
        case .name(let identifier):
            guard names.contains(identifier.name), let family = families[identifier.name] else { return expr }
            kind = .name(Identifier(family.columnName(tag), identifier.range))
        case .call(let f, let arguments, let by): kind = .call(f, arguments: arguments.map(go), by: by)
        case .unary(let op, let e): kind = .unary(op, go(e))
        case .parenthesized(let e): kind = .parenthesized(go(e))
        case .binary(let op, let a, let b): kind = .binary(op, go(a), go(b))
        case .approximately(let a, let b): kind = .approximately(go(a), tolerance: go(b))
        case .filtered(let a, let b): kind = .filtered(go(a), condition: go(b))
        case .between(let e, let low, let high, let negated): kind = .between(go(e), low: go(low), high: go(high), negated: negated)
        case .inList(let e, let items, let negated): kind = .inList(go(e), items.map(go), negated: negated)
        case .conditional(let c, let a, let b): kind = .conditional(go(c), then: go(a), otherwise: go(b))
        case .atLeast(let n, let items): kind = .atLeast(go(n), of: items.map(go))
        case .qualified, .string, .number, .percent, .boolean, .missing: return expr
        }
        return Expr(kind, expr.range)
    }

    /// `each_sum(x)` and its kin: the argument once per tag of the families it reads.
    mutating func familyCall(_ function: BuiltinFunction, _ name: Identifier, _ argument: Expr, _ range: SourceRange) -> TypedExpr? {
        let names = familyNames(in: argument)
        guard let first = names.first, let family = families[first] else {
            report(.error("E0281", argument.range, Messages.familyCallNeedsFamily(name.name), hint: .verbatim(function.example)))
            return nil
        }
        for other in names.dropFirst() where families[other]?.tags != family.tags {
            report(.error("E0282", argument.range, Messages.familyTagsDiffer(first, other), hint: Messages.familyTagsDifferHint))
            return nil
        }
        var typedArguments: [TypedExpr] = []
        for tag in family.tags {
            guard let typedArgument = typed(instantiate(argument, tag: tag, families: Set(names))) else { return nil }
            typedArguments.append(typedArgument)
        }
        let condition = typedArguments[0].type == .flag
        for argument in typedArguments {
            if condition ? argument.type != .flag : !requireNumber(argument) {
                if condition { report(.error("E0201", argument.range, Messages.mismatchedTypes(.flag, argument.type), hint: nil)) }
                return nil
            }
        }
        let type: ValueType
        switch function {
        case .eachCount: type = .count
        case .eachSum: type = condition ? .count : typedArguments.dropFirst().reduce(typedArguments[0].type) { $0.unified(with: $1.type) ?? .number }
        case .eachMean: type = condition ? .share : (typedArguments[0].type == .count ? .number : typedArguments[0].type)
        default:
            guard !condition else {
                report(.error("E0201", argument.range, Messages.mismatchedTypes(.number, .flag), hint: nil))
                return nil
            }
            type = typedArguments.dropFirst().reduce(typedArguments[0].type) { $0.unified(with: $1.type) ?? .number }
        }
        return TypedExpr(.scalar(function, typedArguments), type, range)
    }
}
