// The syntax tree: an immutable value that mirrors the source, names unresolved. The checker
// reads it and builds a `Program`; the formatter prints it back.

/// A name as written, with where it stands.
public struct Identifier: Sendable, Hashable {
    public let name: String
    public let range: SourceRange

    public init(_ name: String, _ range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// A string literal: text pieces and `{expression}` pieces, already parsed.
public struct StringLiteral: Sendable, Hashable {
    public enum Piece: Sendable, Hashable {
        case text(String)
        case expression(Expr)
    }

    public let pieces: [Piece]
    public let range: SourceRange

    /// The text when there is no `{…}` piece.
    public var plainText: String {
        pieces.map { if case .text(let text) = $0 { text } else { "" } }.joined()
    }
}

/// Binary operators, from the lowest precedence to the highest.
public enum BinaryOperator: String, Sendable, Hashable {
    case or, and
    case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
        default: false
        }
    }
}

public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case not
}

/// An expression with its source range.
public struct Expr: Sendable, Hashable {
    public let kind: ExprKind
    public let range: SourceRange

    public init(_ kind: ExprKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// The forms of an expression (see Grammar.md, "Expressions").
public indirect enum ExprKind: Sendable, Hashable {
    /// `12.5`; the literal keeps the author's spelling for the formatter.
    case number(Double, literal: String)
    /// `10%`, value 0.10.
    case percent(Double, literal: String)
    case string(StringLiteral)
    case boolean(Bool)
    /// `missing` / `пропуск`: a value that is not known.
    case missing
    /// A column, parameter, indicator, rule or bands name.
    case name(Identifier)
    /// `dataset.column`.
    case qualified(Identifier, Identifier)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `x between a and b`, bounds included; `negated` for `not between`.
    case between(Expr, low: Expr, high: Expr, negated: Bool)
    /// `x in (a, b, c)`; `negated` for `not in`.
    case inList(Expr, [Expr], negated: Bool)
    /// `if c then a else b`.
    case conditional(Expr, then: Expr, otherwise: Expr)
    /// `f(a, b)` or a statistic `mean(x by municipality, year)`.
    case call(Identifier, arguments: [Expr], by: [Identifier]?)
    /// `at least n of (a, b, c)`.
    case atLeast(Expr, of: [Expr])
    /// `x where c`: a statistic's subject restricted to the rows where `c` holds.
    case filtered(Expr, condition: Expr)
    /// `( … )`, kept so that the formatter keeps the author's parentheses.
    case parenthesized(Expr)
    /// `33.3% ± 0.1%`: an expected value and its tolerance, only in a test's expectations.
    case approximately(Expr, tolerance: Expr)
}

/// What a dataset member declares.
public enum DatasetRole: String, Sendable, Hashable {
    case key, period, label, column
    /// `link a, b -> other`: these columns find the row of another dataset (Grammar.md 5.14).
    case link
    /// `columns tasks: number from "t*"`: every header matching a pattern.
    case family
}

/// `key school_id`, `column medalists: count from "Количество медалистов"`.
public struct DatasetMember: Sendable, Hashable {
    public let role: DatasetRole
    public let name: Identifier
    /// The column type's word as written (`count`, `доля`); nil for key, period and label.
    public let type: Identifier?
    public let header: StringLiteral?
    public let range: SourceRange
    /// `column name: type "Title"`: the column's title for reports.
    public var title: StringLiteral? = nil
    /// For a link: the columns of this dataset (`name` is the first) and the target dataset.
    public var linkColumns: [Identifier] = []
    public var target: Identifier? = nil
}

/// `for LEVEL` / `для LEVEL` on an indicator, rule or bands.
public enum LevelName: Sendable, Hashable {
    /// A dataset's name (its level) or a main-level column (one entity per value and period).
    case name(Identifier)
    /// `all` / `всех`: one entity per period.
    case all(SourceRange)

    public var range: SourceRange {
        switch self {
        case .name(let identifier): identifier.range
        case .all(let range): range
        }
    }
}

public struct DatasetDecl: Sendable, Hashable {
    public let name: Identifier
    public let title: StringLiteral?
    public let members: [DatasetMember]
    public let range: SourceRange
}

public struct ParamDecl: Sendable, Hashable {
    public let name: Identifier
    public let value: Expr
    public let description: StringLiteral?
    public let range: SourceRange
}

public struct IndicatorDecl: Sendable, Hashable {
    public let name: Identifier
    public let title: StringLiteral?
    public let value: Expr
    public let range: SourceRange
    /// `for LEVEL`; nil: the main level.
    public var level: LevelName? = nil
}

/// One clause inside a rule's braces.
public enum RuleClause: Sendable, Hashable {
    case when(Expr, SourceRange)
    /// The rule concerns only the entities where this holds; elsewhere it does not apply
    /// (where it is unknown, the rule has insufficient data).
    case applies(Expr, reason: StringLiteral?, SourceRange)
    /// The rule is judged only where this holds; elsewhere it has insufficient data.
    case require(Expr, reason: StringLiteral?, SourceRange)
    case severity(Identifier, SourceRange)
    case category(StringLiteral, SourceRange)
    case source(StringLiteral, SourceRange)
    case recommend(StringLiteral, SourceRange)
}

public struct RuleDecl: Sendable, Hashable {
    public let name: Identifier
    public let title: StringLiteral?
    public let clauses: [RuleClause]
    public let range: SourceRange
    /// `for LEVEL`; nil: the main level.
    public var level: LevelName? = nil
}

/// One row of a bands table: `от 5% до 10% -> "внимание" рекомендация "…"`.
public struct BandRow: Sendable, Hashable {
    /// Lower bound, included; nil for "from minus infinity".
    public let from: Expr?
    /// Upper bound, excluded; nil for "to infinity".
    public let to: Expr?
    public let level: StringLiteral
    public let recommendation: StringLiteral?
    public let range: SourceRange
}

/// `bands name "title" by expression { rows }`: a value's band to a level.
public struct BandsDecl: Sendable, Hashable {
    public let name: Identifier
    public let title: StringLiteral?
    public let subject: Expr
    public let rows: [BandRow]
    public let range: SourceRange
    /// `for LEVEL`; nil: the main level.
    public var level: LevelName? = nil
}

/// A table written inline in a test: a header of names, then rows of cells.
public struct InlineTable: Sendable, Hashable {
    public let dataset: Identifier?
    public let header: [Identifier]
    public let rows: [[Expr]]
    public let range: SourceRange
}

/// `test "name" { given … param … expect … }`.
public struct TestDecl: Sendable, Hashable {
    public let name: StringLiteral
    public let given: [InlineTable]
    public let params: [ParamDecl]
    public let expectations: [InlineTable]
    public let range: SourceRange
}

public struct ImportDecl: Sendable, Hashable {
    public let path: StringLiteral
    public let range: SourceRange
}

/// One top-level declaration.
public enum Declaration: Sendable, Hashable {
    case importFile(ImportDecl)
    case dataset(DatasetDecl)
    case param(ParamDecl)
    case indicator(IndicatorDecl)
    case rule(RuleDecl)
    case bands(BandsDecl)
    case test(TestDecl)
    /// `note "title" { … }`: the analytic note's title and signatures (Parser+Note.swift).
    case note(NoteDecl)

    public var range: SourceRange {
        switch self {
        case .importFile(let d): d.range
        case .dataset(let d): d.range
        case .param(let d): d.range
        case .indicator(let d): d.range
        case .rule(let d): d.range
        case .bands(let d): d.range
        case .test(let d): d.range
        case .note(let d): d.range
        }
    }
}

/// A parsed file: declarations, comments, and the keyword language the author mostly used.
public struct SyntaxTree: Sendable, Hashable {
    public let file: Int
    public let declarations: [Declaration]
    public let comments: [Comment]
    public let keywordLanguage: Language
}

