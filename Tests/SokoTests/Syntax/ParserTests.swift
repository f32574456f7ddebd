// Table tests of the parser: expressions against an S-expression dump of the tree, declarations,
// and syntax errors with recovery.
import Testing
@testable import Soko

/// A compact dump of an expression tree: `(> (/ a b) 10%)`.
func dump(_ expr: Expr) -> String {
    switch expr.kind {
    case .number(_, let literal), .percent(_, let literal): return literal
    case .string(let literal): return "\"" + literal.pieces.map { if case .text(let t) = $0 { t } else if case .expression(let e) = $0 { "{" + dump(e) + "}" } else { "" } }.joined() + "\""
    case .boolean(let b): return b ? "true" : "false"
    case .missing: return "missing"
    case .name(let id): return id.name
    case .qualified(let a, let b): return a.name + "." + b.name
    case .unary(let op, let e): return "(\(op.rawValue) \(dump(e)))"
    case .binary(let op, let a, let b): return "(\(op.rawValue) \(dump(a)) \(dump(b)))"
    case .between(let e, let low, let high, let negated): return "(\(negated ? "not-" : "")between \(dump(e)) \(dump(low)) \(dump(high)))"
    case .inList(let e, let items, let negated): return "(\(negated ? "not-" : "")in \(dump(e)) \(items.map(dump).joined(separator: " ")))"
    case .conditional(let c, let a, let b): return "(if \(dump(c)) \(dump(a)) \(dump(b)))"
    case .call(let f, let args, let by): return "(\(f.name) \(args.map(dump).joined(separator: " "))\(by.map { " by " + $0.map(\.name).joined(separator: ",") } ?? ""))"
    case .atLeast(let n, let items): return "(at-least \(dump(n)) \(items.map(dump).joined(separator: " ")))"
    case .parenthesized(let e): return "[\(dump(e))]"
    case .approximately(let e, let t): return "(± \(dump(e)) \(dump(t)))"
    case .filtered(let e, let c): return "(where \(dump(e)) \(dump(c)))"
    }
}

@Suite struct ParserTests {
    static func parse(_ text: String) -> (SyntaxTree, [Diagnostic]) {
        Parser.parse(file: SourceFile(path: "t", text: text), fileIndex: 0)
    }

    static func expression(_ text: String) -> String {
        let (tree, diagnostics) = parse("indicator x = " + text)
        guard diagnostics.isEmpty, case .indicator(let decl)? = tree.declarations.first else {
            return "error: " + diagnostics.map(\.code).joined(separator: ",")
        }
        return dump(decl.value)
    }

    @Test(arguments: [
        ("a / b > 10%", "(> (/ a b) 10%)"),
        ("a + b * c - d", "(- (+ a (* b c)) d)"),
        ("not a and b or c", "(or (and (not a) b) c)"),
        ("не a и b или c", "(or (and (not a) b) c)"),
        ("-a * 2", "(* (- a) 2)"),
        ("(a + b) * c", "(* [(+ a b)] c)"),
        ("x between 1 and 2 and y", "(and (between x 1 2) y)"),
        ("x not in (\"a\", \"b\")", "(not-in x \"a\" \"b\")"),
        ("x между 1 и 2", "(between x 1 2)"),
        ("if a > 1 then b else c", "(if (> a 1) b c)"),
        ("если a то b иначе c", "(if a b c)"),
        ("mean(x by municipality, year)", "(mean x by municipality,year)"),
        ("среднее(x по municipality)", "(среднее x by municipality)"),
        ("at least 2 of (a, b, c)", "(at-least 2 a b c)"),
        ("не менее 2 из (a, b)", "(at-least 2 a b)"),
        ("results.teachers / 2", "(/ results.teachers 2)"),
        ("prev(x, 2) = missing", "(= (prev x 2) missing)"),
        ("a = true", "(= a true)"),
    ])
    func expressions(_ input: String, _ expected: String) {
        #expect(Self.expression(input) == expected)
    }

    @Test(arguments: [
        ("a < b < c", "error: E0100"),
        ("a +", "error: E0100"),
        ("(a", "error: E0100"),
        ("f(a by)", "error: E0100"),
    ])
    func expressionErrors(_ input: String, _ expected: String) {
        #expect(Self.expression(input) == expected)
    }

    @Test func declarationsOfEveryKind() {
        let (tree, diagnostics) = Self.parse("""
        import "common.soko"
        dataset results "Результаты" {
          key school_id
          period year from "Год"
          column medalists: count from "Количество медалистов"
        }
        param threshold = 10% "Порог"
        indicator share "Доля" = a / b
        rule r "Правило" {
          when share > threshold
          require b >= 20 "мало"
          severity high
          category "Объективность"
          source "Приказ"
          recommend "Текст {share}"
        }
        bands zone by share {
          to 5% -> "норма"
          from 5% -> "риск" recommend "Проверить"
        }
        test "t" {
          given { | school_id | medalists |
                  | "A" | 1 | }
          expect {
            | school_id | r |
            | "A" | fires |
          }
        }
        """)
        #expect(diagnostics.isEmpty)
        #expect(tree.declarations.count == 7)
        guard case .dataset(let dataset) = tree.declarations[1] else { Issue.record("no dataset"); return }
        #expect(dataset.members.map(\.role) == [.key, .period, .column])
        #expect(dataset.members[2].header?.plainText == "Количество медалистов")
        guard case .rule(let rule) = tree.declarations[4] else { Issue.record("no rule"); return }
        #expect(rule.clauses.count == 6)
        guard case .bands(let bands) = tree.declarations[5] else { Issue.record("no bands"); return }
        #expect(bands.rows.count == 2)
        #expect(bands.rows[0].from == nil && bands.rows[1].to == nil)
        guard case .test(let test) = tree.declarations[6] else { Issue.record("no test"); return }
        #expect(test.given[0].header.map(\.name) == ["school_id", "medalists"])
        #expect(test.expectations[0].rows.count == 1)
    }

    @Test func recoversAfterAnErrorAndReportsTheNext() {
        let (tree, diagnostics) = Self.parse("""
        rule a {
          when x >
          severity high
        }
        rule b {
          whn y
        }
        indicator c = 1
        """)
        #expect(diagnostics.map(\.code) == ["E0100", "E0100"])
        #expect(diagnostics[1].hint?.en.contains("when") == true)
        // Both rules and the indicator survive.
        #expect(tree.declarations.count == 3)
    }

    @Test func deepNestingIsADiagnosticNotACrash() {
        // Spread over lines so that only the depth is at fault.
        let deep = String(repeating: "(\n", count: 10_000) + "1" + String(repeating: ")\n", count: 10_000)
        #expect(Self.expression(deep) == "error: E0102")
        let long = (0..<5_000).map { "a\($0)" }.joined(separator: " +\n")
        #expect(Self.expression(long) == "error: E0102")
    }

    @Test func aDecimalCommaGetsAHint() {
        let (_, diagnostics) = Self.parse("rule r { when a >= 0,2 severity low }")
        #expect(diagnostics.map(\.code) == ["E0100"])
        #expect(diagnostics[0].hint?.ru.hasPrefix("дробную часть отделяйте точкой") == true)
    }

    @Test func keywordLanguageIsTheMajority() {
        #expect(Self.parse("правило x { когда a уровень высокий }").0.keywordLanguage == .ru)
        #expect(Self.parse("rule x { when a severity high }").0.keywordLanguage == .en)
    }
}
