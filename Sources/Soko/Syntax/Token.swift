// The tokens of the Soko language and its keywords in both languages.

/// A reserved word. Every keyword has an English and a Russian spelling; matching ignores case.
public enum Keyword: String, Sendable, CaseIterable {
    case dataset, key, period, label, column, from
    case param, indicator, rule
    case when, require, severity, category, source, recommend, applies
    case importKeyword = "import"
    case and, or, not, between, inKeyword = "in"
    case ifKeyword = "if", then, elseKeyword = "else"
    case by, of, at, least
    case trueKeyword = "true", falseKeyword = "false", missing
    case bands, to
    case test, given, expect
    case link, forKeyword = "for", all, whereKeyword = "where", columns

    /// The English spelling.
    public var english: String { rawValue }

    /// The Russian spelling.
    public var russian: String {
        switch self {
        case .dataset: "таблица"
        case .key: "ключ"
        case .period: "период"
        case .label: "подпись"
        case .column: "столбец"
        case .from: "из"
        case .param: "параметр"
        case .indicator: "показатель"
        case .rule: "правило"
        case .when: "когда"
        case .require: "требуется"
        case .severity: "уровень"
        case .category: "категория"
        case .source: "источник"
        case .recommend: "рекомендация"
        case .applies: "применяется"
        case .importKeyword: "импорт"
        case .and: "и"
        case .or: "или"
        case .not: "не"
        case .between: "между"
        case .inKeyword: "в"
        case .ifKeyword: "если"
        case .then: "то"
        case .elseKeyword: "иначе"
        case .by: "по"
        case .of: "из"
        // "at least" is "не менее" in Russian: `не` is `not`, which the parser accepts there.
        case .at: "не"
        case .least: "менее"
        case .trueKeyword: "истина"
        case .falseKeyword: "ложь"
        case .missing: "пропуск"
        case .bands: "шкала"
        case .to: "до"
        case .test: "тест"
        case .given: "дано"
        case .expect: "ожидается"
        case .link: "связь"
        case .forKeyword: "для"
        case .all: "всех"
        case .whereKeyword: "где"
        case .columns: "столбцы"
        }
    }

    public func spelling(_ language: Language) -> String {
        language == .ru ? russian : english
    }

    /// Keyword by lower-case spelling in either language. Where one Russian word serves two
    /// keywords the first in `allCases` wins and the parser accepts it in both places: `из` is
    /// `from` (also `of`), `не` is `not` (also `at` in `не менее`). `от` is a second spelling of
    /// `from`, used in bands (`от 5% до 10%`).
    static let bySpelling: [String: (Keyword, Language)] = {
        var table: [String: (Keyword, Language)] = [:]
        for keyword in Keyword.allCases {
            table[keyword.english] = (keyword, .en)
            if table[keyword.russian] == nil { table[keyword.russian] = (keyword, .ru) }
        }
        table["от"] = (.from, .ru)
        return table
    }()
}

/// What kind of token it is, with its value.
public enum TokenKind: Sendable, Equatable {
    /// A name: Latin or Cyrillic letters, digits and `_`, not starting with a digit.
    case identifier(String)
    case keyword(Keyword)
    /// `12`, `12.5`.
    case number(Double)
    /// `10%`, `12.5%`: the value is the fraction (0.10).
    case percent(Double)
    /// A string literal with its pieces; `{…}` pieces are parsed as expressions by the parser.
    case string([StringPiece])
    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma, colon, dot, pipe, arrow
    /// `±`, the tolerance of an expected value in a test.
    case plusMinus
    case plus, minus, star, slash
    /// `=` or `==` (definition or equality, by position).
    case equal
    /// `!=`, `<>` or `≠`.
    case notEqual
    case less, lessEqual, greater, greaterEqual
    case endOfFile
}

/// One piece of a string literal: text, or an expression to fill in.
public enum StringPiece: Sendable, Equatable, Hashable {
    case text(String)
    /// The byte range of the expression between the braces.
    case interpolation(SourceRange)
}

/// A token with where it came from and its keyword spelling.
public struct Token: Sendable, Equatable {
    public let kind: TokenKind
    public let range: SourceRange
    /// True when the token is the first on its line (test tables use this to find rows).
    public let startsLine: Bool
    /// For keywords: the language of the spelling the author used.
    public let language: Language?

    public init(kind: TokenKind, range: SourceRange, startsLine: Bool, language: Language? = nil) {
        self.kind = kind
        self.range = range
        self.startsLine = startsLine
        self.language = language
    }

    func isKeyword(_ keyword: Keyword) -> Bool { kind == .keyword(keyword) }
}

/// A comment kept for the formatter: the text after `#` and where it stood.
public struct Comment: Sendable, Hashable {
    public let text: String
    public let range: SourceRange
    /// True when code stands before it on the same line.
    public let trailing: Bool
}
