// Table tests of the formatter's layout: input → expected output for each construct. Every
// case also checks idempotence, the round trip to the same tree and that no comment is lost.
import Testing
@testable import Soko

/// One layout case.
struct LayoutCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let expected: String
    var keywords: Language? = nil

    var testDescription: String { name }
}

@Suite struct FormatterLayoutTests {
    static let declarations: [LayoutCase] = [
        LayoutCase(name: "import", input: "import   \"common.soko\"", expected: "import \"common.soko\"\n"),
        LayoutCase(name: "param with description",
                   input: "param  threshold=10%   \"Порог\"\n",
                   expected: "param threshold = 10% \"Порог\"\n"),
        LayoutCase(name: "number literals keep their spelling",
                   input: "param a = 1.50\nparam b = 007\nparam c = 12.500%\n",
                   expected: "param a = 1.50\nparam b = 007\nparam c = 12.500%\n"),
        LayoutCase(name: "indicator on one line",
                   input: "indicator share \"Доля\"=(a+b)/c\n",
                   expected: "indicator share \"Доля\" = (a + b) / c\n"),
        LayoutCase(name: "indicator of exactly 100 columns stays on one line",
                   input: "indicator x = " + String(repeating: "a", count: 86) + "\n",
                   expected: "indicator x = " + String(repeating: "a", count: 86) + "\n"),
        LayoutCase(name: "indicator of 101 columns goes on two lines",
                   input: "indicator x = " + String(repeating: "a", count: 87) + "\n",
                   expected: "indicator x =\n    " + String(repeating: "a", count: 87) + "\n"),
        LayoutCase(name: "width counts characters, not bytes",
                   input: "indicator ы = " + String(repeating: "я", count: 86) + "\n",
                   expected: "indicator ы = " + String(repeating: "я", count: 86) + "\n"),
        LayoutCase(name: "long indicator written over lines",
                   input: """
                   indicator outlier "Выброс" = vpr_high_share - mean(vpr_high_share by municipality, year)
                     - 2 * stddev(vpr_high_share by municipality, year)
                   """,
                   expected: """
                   indicator outlier "Выброс" =
                       vpr_high_share
                         - mean(vpr_high_share by municipality, year)
                         - 2 * stddev(vpr_high_share by municipality, year)

                   """),
        LayoutCase(name: "a long condition broken before each and / or, nested chains deeper",
                   input: """
                   rule r { when (year >= medal_bars_from and ((medal_gold >= 1 and gold_min_rus < gold_bar) or (medal_silver >= 1 and silver_min_rus < silver_bar))) or year < medal_bars_from severity low }
                   """,
                   expected: """
                   rule r {
                     when (year >= medal_bars_from
                           and ((medal_gold >= 1 and gold_min_rus < gold_bar)
                             or (medal_silver >= 1 and silver_min_rus < silver_bar)))
                         or year < medal_bars_from
                     severity low
                   }

                   """),
        LayoutCase(name: "rule clauses one per line, in the author's order",
                   input: """
                   rule r "Title" { severity high when a > 1 require b >= 5 "мало данных"
                   category "Объективность" source "ФИС" recommend "Проверить" }
                   """,
                   expected: """
                   rule r "Title" {
                     severity high
                     when a > 1
                     require b >= 5 "мало данных"
                     category "Объективность"
                     source "ФИС"
                     recommend "Проверить"
                   }

                   """),
        LayoutCase(name: "empty rule",
                   input: "rule r {}",
                   expected: "rule r {\n}\n"),
        LayoutCase(name: "dataset members aligned",
                   input: """
                   dataset schools "Школы" {
                   key school_id
                       period year
                   label school_name from "Название"
                   column municipality: text
                   column medalists:count from "Медалисты"
                   column observers_present : flag
                   }
                   """,
                   expected: """
                   dataset schools "Школы" {
                     key school_id
                     period year
                     label school_name               from "Название"
                     column municipality:      text
                     column medalists:         count from "Медалисты"
                     column observers_present: flag
                   }

                   """),
        LayoutCase(name: "bands rows aligned",
                   input: """
                   bands level "Уровень" by share {
                   to 20% -> "низкий"
                   from 20% to 50% -> "средний" recommend "наблюдать"
                   from 50% -> "высокий"
                   }
                   """,
                   expected: """
                   bands level "Уровень" by share {
                              to 20% -> "низкий"
                     from 20% to 50% -> "средний" recommend "наблюдать"
                     from 50%        -> "высокий"
                   }

                   """),
        LayoutCase(name: "bands with only lower bounds take no room for upper ones",
                   input: "bands b by x { from 0 -> \"a\" from 10 -> \"bb\" recommend \"r\" }",
                   expected: "bands b by x {\n  from 0  -> \"a\"\n  from 10 -> \"bb\" recommend \"r\"\n}\n"),
        LayoutCase(name: "test tables aligned, parts in the author's order",
                   input: """
                   test "медалисты" {
                   expect {
                   | school_id | medal_risk | share |
                   | "A" | fires | 35% ± 0.1% |
                   | "Длинное имя" | | missing |
                   }
                   param threshold = 20%
                   given schools {
                   |school_id|medalists|
                   |"A"|10|
                   |"B"||
                   }
                   }
                   """,
                   expected: """
                   test "медалисты" {
                     expect {
                       | school_id     | medal_risk | share      |
                       | "A"           | fires      | 35% ± 0.1% |
                       | "Длинное имя" |            | missing    |
                     }
                     param threshold = 20%
                     given schools {
                       | school_id | medalists |
                       | "A"       | 10        |
                       | "B"       |           |
                     }
                   }

                   """),
        LayoutCase(name: "table rows without the closing bar get one",
                   input: "test \"t\" {\n given {\n | a | b\n | 1 | 2\n }\n}\n",
                   expected: "test \"t\" {\n  given {\n    | a | b |\n    | 1 | 2 |\n  }\n}\n"),
    ]

    static let expressions: [LayoutCase] = [
        LayoutCase(name: "operators spaced, parentheses as written",
                   input: "indicator x = ((a+b))*-c/(d-(e-f))",
                   expected: "indicator x = ((a + b)) * -c / (d - (e - f))\n"),
        LayoutCase(name: "operator spellings made canonical",
                   input: "rule r { when a == 1 or b <> 2 or c ≠ 3 or d ≤ 4 or e ≥ 5 and f < 6 and g > 7 }",
                   expected: "rule r {\n  when a = 1 or b != 2 or c != 3 or d <= 4 or e >= 5 and f < 6 and g > 7\n}\n"),
        LayoutCase(name: "between, in, not",
                   input: "rule r { when a not between 1 and 2 or b in ( \"x\",\"y\" ) or c not in (1) or not d between 1 and 2 }",
                   expected: "rule r {\n  when a not between 1 and 2 or b in (\"x\", \"y\") or c not in (1) or not d between 1 and 2\n}\n"),
        LayoutCase(name: "conditional, booleans, missing",
                   input: "indicator x = IF a THEN true ELSE if b then FALSE else missing",
                   expected: "indicator x = if a then true else if b then false else missing\n"),
        LayoutCase(name: "calls with and without groups",
                   input: "indicator x = mean( a by m,y ) + count(by m) + round(a,2) + f() + s.col",
                   expected: "indicator x = mean(a by m, y) + count(by m) + round(a, 2) + f() + s.col\n"),
        LayoutCase(name: "at least",
                   input: "rule r { when at  least 2 of(a,b, c) }",
                   expected: "rule r {\n  when at least 2 of (a, b, c)\n}\n"),
        LayoutCase(name: "strings re-escaped with their pieces",
                   input: #"rule r { recommend "a \"b\" \\ c\td\n \{x\} {  school_name } {a+1}" }"#,
                   expected: "rule r {\n  recommend \"a \\\"b\\\" \\\\ c\\td\\n \\{x\\} {school_name} {a + 1}\"\n}\n"),
        LayoutCase(name: "keywords in any case become lower case",
                   input: "RULE r { WHEN a AND NOT b SEVERITY High }",
                   expected: "rule r {\n  when a and not b\n  severity High\n}\n"),
    ]

    static let files: [LayoutCase] = [
        LayoutCase(name: "empty file", input: "", expected: ""),
        LayoutCase(name: "white space only", input: "\n\n  \n", expected: ""),
        LayoutCase(name: "blocks get a blank line between them, extra blank lines go",
                   input: "rule a {\n\n\n  when x\n\n  severity low\n}\nrule b {\n}\n\n\n\nrule c {\n}\n\n\n",
                   expected: "rule a {\n  when x\n  severity low\n}\n\nrule b {\n}\n\nrule c {\n}\n"),
        LayoutCase(name: "one-line declarations keep the author's grouping",
                   input: "param a = 1\nparam b = 2\n\n\nindicator c = a\nindicator d = b\nrule r {\n}\nparam e = 3\n",
                   expected: "param a = 1\nparam b = 2\n\nindicator c = a\nindicator d = b\n\nrule r {\n}\n\nparam e = 3\n"),
        LayoutCase(name: "a two-line indicator is a paragraph of its own",
                   input: "param a = 1\nindicator x = " + String(repeating: "a", count: 90) + "\nparam b = 2\n",
                   expected: "param a = 1\n\nindicator x =\n    " + String(repeating: "a", count: 90) + "\n\nparam b = 2\n"),
        LayoutCase(name: "CRLF line ends and a byte order mark",
                   input: "\u{FEFF}param a = 1\r\nparam b = 2 # b\r\n\r\n\r\nparam c = 3\r\n",
                   expected: "param a = 1\nparam b = 2 # b\n\nparam c = 3\n"),
        LayoutCase(name: "mixed keyword languages follow the majority",
                   input: "правило r {\n  когда a > 1 and b\n  severity высокий\n  рекомендация \"x\"\n}\n",
                   expected: "правило r {\n  когда a > 1 и b\n  уровень высокий\n  рекомендация \"x\"\n}\n"),
    ]

    static let translations: [LayoutCase] = [
        LayoutCase(name: "English to Russian",
                   input: """
                   dataset schools {
                     key school_id
                     column m: count from "Медалисты"
                   }
                   rule r {
                     when at least 2 of (a, b) and not x between 1 and 2 and y not in (1) or mean(z by m) > 1
                     severity high
                   }
                   bands b by x {
                     from 1 to 2 -> "a" recommend "r"
                   }
                   test "t" {
                     given schools {
                       | school_id | m |
                       | "A" | missing |
                     }
                     expect {
                       | school_id | r | s | u |
                       | "A" | fires | silent | insufficient |
                     }
                   }
                   """,
                   expected: """
                   таблица schools {
                     ключ school_id
                     столбец m: количество из "Медалисты"
                   }

                   правило r {
                     когда не менее 2 из (a, b) и не x между 1 и 2 и y не в (1) или среднее(z по m) > 1
                     уровень высокий
                   }

                   шкала b по x {
                     от 1 до 2 -> "a" рекомендация "r"
                   }

                   тест "t" {
                     дано schools {
                       | school_id | m       |
                       | "A"       | пропуск |
                     }
                     ожидается {
                       | school_id | r           | s      | u            |
                       | "A"       | срабатывает | молчит | недостаточно |
                     }
                   }

                   """,
                   keywords: .ru),
        LayoutCase(name: "Russian to English",
                   input: """
                   таблица t { ключ id  столбец доля_x: ДОЛЯ из "X" }
                   показатель p = если истина то модуль(x) иначе первое_известное(x, ложь)
                   правило r { когда не менее 1 из (x) уровень Критический }
                   """,
                   expected: """
                   dataset t {
                     key id
                     column доля_x: share from "X"
                   }

                   indicator p = if true then abs(x) else coalesce(x, false)

                   rule r {
                     when at least 1 of (x)
                     severity critical
                   }

                   """,
                   keywords: .en),
        LayoutCase(name: "names that are not built-in words are kept",
                   input: "rule r { when my_mean(x) > 1 severity urgent }",
                   expected: "правило r {\n  когда my_mean(x) > 1\n  уровень urgent\n}\n",
                   keywords: .ru),
    ]

    @Test(arguments: declarations) func declaration(_ example: LayoutCase) { check(example) }
    @Test(arguments: expressions) func expression(_ example: LayoutCase) { check(example) }
    @Test(arguments: files) func file(_ example: LayoutCase) { check(example) }
    @Test(arguments: translations) func translation(_ example: LayoutCase) { check(example) }

    func check(_ example: LayoutCase, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let output = FormatTest.formatChecked(example.input, keywords: example.keywords, path: example.name)
        #expect(output == example.expected, "\n\(LineDiff.unified(old: example.expected, new: output, oldName: "expected", newName: "actual"))", sourceLocation: sourceLocation)
    }

    /// The layout depends on the tree, not on how the author broke lines: a line break added
    /// after any token (where one was not already, and not before a comment) gives the same
    /// output, unless it changes the tree (a test table's row ends at a line break) or makes
    /// the file invalid.
    @Test func layoutDoesNotDependOnLineBreaks() throws {
        let source = try #require(Corpus.read("Tests/SokoTests/Fixtures/format/monitoring.input.soko"))
        let expected = FormatTest.format(source)
        let original = ASTDump().tree(FormatTest.parse(source))
        var lexer = Lexer(file: SourceFile(path: "m.soko", text: source), fileIndex: 0)
        let bytes = Array(source.utf8)
        var compared = 0
        for token in lexer.tokenize() where token.kind != .endOfFile {
            let cut = token.range.end
            guard cut < bytes.count, bytes[cut] != UInt8(ascii: "\n") else { continue }
            // A line break before a trailing comment rightly makes it a comment of its own line.
            if bytes[cut...].first(where: { $0 != UInt8(ascii: " ") }) == UInt8(ascii: "#") { continue }
            let text = String(decoding: bytes[..<cut] + Array("\n".utf8) + bytes[cut...], as: UTF8.self)
            let (tree, diagnostics) = Parser.parse(file: SourceFile(path: "m.soko", text: text), fileIndex: 0)
            guard !diagnostics.hasErrors, ASTDump().tree(tree) == original else { continue }
            compared += 1
            let output = Formatter.format(tree, source: SourceFile(path: "m.soko", text: text))
            #expect(output == expected, "a line break after byte \(cut) changes the layout:\n\(LineDiff.unified(old: expected, new: output, oldName: "expected", newName: "actual"))")
        }
        #expect(compared > 100)
    }

    @Test func withoutKeywordsNamesStayAsWritten() {
        let output = FormatTest.format("rule r { when среднее(x by m) > 1 severity ВЫСОКИЙ }")
        #expect(output == "rule r {\n  when среднее(x by m) > 1\n  severity ВЫСОКИЙ\n}\n")
    }
}
