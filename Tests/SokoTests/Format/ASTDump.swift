// A test helper: a syntax tree as an S-expression of its structure and values, without source
// ranges, so that two parses of differently laid-out text can be compared.
@testable import Soko

/// Dumps a `SyntaxTree` for comparison. Two trees are equal for the formatter's purposes when
/// their dumps are equal.
struct ASTDump {
    /// How names that have a spelling in each language are dumped.
    enum Names {
        /// Exactly as written: plain formatting must keep them.
        case asWritten
        /// Severity levels, column types, built-in functions and test outcomes in canonical
        /// English: `--keywords` translates them and the meaning must not change.
        case canonical
    }

    let names: Names

    init(names: Names = .asWritten) { self.names = names }

    static func equal(_ left: SyntaxTree, _ right: SyntaxTree, names: Names = .asWritten) -> Bool {
        let dump = ASTDump(names: names)
        return dump.tree(left) == dump.tree(right)
    }

    func tree(_ tree: SyntaxTree) -> String {
        tree.declarations.map(declaration).joined(separator: "\n")
    }

    func declaration(_ declaration: Declaration) -> String {
        switch declaration {
        case .importFile(let d):
            return "(import \(string(d.path)))"
        case .dataset(let d):
            let members = d.members.map { m in
                "(\(m.role.rawValue) \(m.name.name) \(m.type.map { columnType($0.name) } ?? "-") \(m.header.map(string) ?? "-") \(optional(m.title))"
                    + " \(m.linkColumns.map(\.name).joined(separator: ",")) \(m.target?.name ?? "-"))"
            }
            return "(dataset \(d.name.name) \(optional(d.title)) \(members.joined(separator: " ")))"
        case .param(let d):
            return param(d)
        case .indicator(let d):
            return "(indicator \(d.name.name) \(optional(d.title)) \(level(d.level)) \(expression(d.value)))"
        case .rule(let d):
            let clauses = d.clauses.map { clause -> String in
                switch clause {
                case .when(let e, _): "(when \(expression(e)))"
                case .require(let e, let reason, _): "(require \(expression(e)) \(optional(reason)))"
                case .applies(let e, let reason, _): "(applies \(expression(e)) \(optional(reason)))"
                case .severity(let level, _): "(severity \(severity(level.name)))"
                case .category(let s, _): "(category \(string(s)))"
                case .source(let s, _): "(source \(string(s)))"
                case .recommend(let s, _): "(recommend \(string(s)))"
                }
            }
            return "(rule \(d.name.name) \(optional(d.title)) \(level(d.level)) \(clauses.joined(separator: " ")))"
        case .note(let d):
            return "(note \(string(d.title)) \(d.fields.map { "(\($0.field.rawValue) \(string($0.value)))" }.joined(separator: " ")))"
        case .bands(let d):
            let rows = d.rows.map { row in
                "(row \(row.from.map(expression) ?? "-") \(row.to.map(expression) ?? "-") \(string(row.level)) \(optional(row.recommendation)))"
            }
            return "(bands \(d.name.name) \(optional(d.title)) \(level(d.level)) \(expression(d.subject)) \(rows.joined(separator: " ")))"
        case .test(let d):
            // The order of the parts matters to the reader, so it is part of the dump.
            var parts: [(Int, String)] = d.given.map { ($0.range.start, table("given", $0, outcomes: false)) }
            parts += d.params.map { ($0.range.start, param($0)) }
            parts += d.expectations.map { ($0.range.start, table("expect", $0, outcomes: true)) }
            let ordered = parts.sorted { $0.0 < $1.0 }.map(\.1)
            return "(test \(string(d.name)) \(ordered.joined(separator: " ")))"
        }
    }

    func level(_ level: LevelName?) -> String {
        switch level {
        case nil: "-"
        case .name(let name)?: "(for \(name.name))"
        case .all?: "(for all)"
        }
    }

    func param(_ d: ParamDecl) -> String {
        "(param \(d.name.name) \(expression(d.value)) \(optional(d.description)))"
    }

    func table(_ word: String, _ table: InlineTable, outcomes: Bool) -> String {
        let rows = table.rows.map { cells in
            "[" + cells.map { cell -> String in
                if case .missing = cell.kind, cell.range.end - cell.range.start <= 1 { return "(empty)" }
                if outcomes, case .name(let name) = cell.kind { return outcome(name.name) }
                return expression(cell)
            }.joined(separator: " ") + "]"
        }
        return "(\(word) \(table.dataset?.name ?? "-") [\(table.header.map(\.name).joined(separator: " "))] \(rows.joined(separator: " ")))"
    }

    func optional(_ literal: StringLiteral?) -> String {
        literal.map(string) ?? "-"
    }

    func string(_ literal: StringLiteral) -> String {
        "(string " + literal.pieces.map { piece in
            switch piece {
            case .text(let text): "\(text.debugDescription)"
            case .expression(let e): "{\(expression(e))}"
            }
        }.joined(separator: " ") + ")"
    }

    func expression(_ e: Expr) -> String {
        switch e.kind {
        case .number(let value, let literal): return "(number \(value) \(literal))"
        case .percent(let value, let literal): return "(percent \(value) \(literal))"
        case .string(let s): return string(s)
        case .boolean(let b): return "(bool \(b))"
        case .missing: return "(missing)"
        case .name(let n): return "(name \(n.name))"
        case .qualified(let a, let b): return "(qualified \(a.name) \(b.name))"
        case .unary(let op, let x): return "(unary \(op.rawValue) \(expression(x)))"
        case .binary(let op, let l, let r): return "(binary \(op.rawValue) \(expression(l)) \(expression(r)))"
        case .between(let x, let low, let high, let negated):
            return "(between \(negated) \(expression(x)) \(expression(low)) \(expression(high)))"
        case .inList(let x, let items, let negated):
            return "(in \(negated) \(expression(x)) \(items.map(expression).joined(separator: " ")))"
        case .conditional(let c, let t, let o):
            return "(if \(expression(c)) \(expression(t)) \(expression(o)))"
        case .call(let f, let arguments, let groups):
            let by = groups.map { "(by " + $0.map(\.name).joined(separator: " ") + ")" } ?? "-"
            return "(call \(function(f.name)) \(arguments.map(expression).joined(separator: " ")) \(by))"
        case .atLeast(let count, let items):
            return "(at-least \(expression(count)) \(items.map(expression).joined(separator: " ")))"
        case .parenthesized(let x): return "(paren \(expression(x)))"
        case .approximately(let v, let t): return "(approx \(expression(v)) \(expression(t)))"
        case .filtered(let v, let c): return "(where \(expression(v)) \(expression(c)))"
        }
    }

    func severity(_ word: String) -> String {
        names == .canonical ? Severity.named(word)?.english ?? word : word
    }

    func columnType(_ word: String) -> String {
        names == .canonical ? ColumnType.named(word)?.rawValue ?? word : word
    }

    func function(_ name: String) -> String {
        names == .canonical ? BuiltinFunction.named(name)?.english ?? name : name
    }

    func outcome(_ word: String) -> String {
        let canonical = names == .canonical ? Expectation.Outcome.named(word)?.rawValue : nil
        return "(name \(canonical ?? word))"
    }
}
