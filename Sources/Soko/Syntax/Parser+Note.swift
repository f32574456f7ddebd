// The analytic note's declaration: the title a department gives its note and who signs it.
//
//     note "Аналитическая справка …" { owner "…" order "…" author "…" approver "…" }
//     справка "…" { орган "…" приказ "…" автор "…" утверждает "…" }
//
// `note`/`справка` and the field words are keywords only where they stand (Grammar.md §3): at
// the start of a declaration followed by a string, and inside the note's braces.

/// A field of the note's declaration.
public enum NoteField: String, Sendable, Hashable, CaseIterable {
    /// The body that issues the note (a department, its system of quality assessment).
    case owner
    /// The order or regulation the rules implement.
    case order
    /// Who prepared the note.
    case author
    /// Who approves it.
    case approver

    public var russian: String {
        switch self {
        case .owner: "орган"
        case .order: "приказ"
        case .author: "автор"
        case .approver: "утверждает"
        }
    }

    public func spelling(_ language: Language) -> String { language == .ru ? russian : rawValue }

    /// The field by its word in either language, ignoring case.
    static func named(_ word: String) -> NoteField? {
        let lower = word.lowercased()
        return allCases.first { $0.rawValue == lower || $0.russian == lower }
    }
}

/// `note "title" { field "text" … }` as written.
public struct NoteDecl: Sendable, Hashable {
    public let title: StringLiteral
    public let fields: [(field: NoteField, value: StringLiteral, range: SourceRange)]
    public let range: SourceRange

    public static func == (left: NoteDecl, right: NoteDecl) -> Bool {
        left.title == right.title && left.range == right.range && left.fields.count == right.fields.count
            && zip(left.fields, right.fields).allSatisfy { $0.field == $1.field && $0.value == $1.value && $0.range == $1.range }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        hasher.combine(range)
    }
}

extension Parser {
    /// The words that open a note declaration.
    static let noteWords: Set<String> = ["note", "справка"]

    /// Whether the current token opens a note: `note`/`справка` followed by a string.
    func atNoteStart() -> Bool {
        guard case .identifier(let word) = current.kind, Self.noteWords.contains(word.lowercased()),
              index + 1 < tokens.count, case .string = tokens[index + 1].kind else { return false }
        return true
    }

    /// note = ( "note" | "справка" ) string "{" { field string } "}" ;
    mutating func parseNote() throws -> NoteDecl {
        let start = advance().range
        let title = try parseString(Messages.aString)
        try expect(.leftBrace, Messages.openingBrace)
        var fields: [(NoteField, StringLiteral, SourceRange)] = []
        while !check(.rightBrace) && current.kind != .endOfFile && !(atDeclarationStart() && current.startsLine) {
            guard case .identifier(let word) = current.kind, let field = NoteField.named(word) else {
                throw error(expected: Messages.aNoteField)
            }
            let fieldStart = advance().range
            let value = try parseString(Messages.aString)
            fields.append((field, value, range(from: fieldStart)))
        }
        try expect(.rightBrace, Messages.closingBrace)
        return NoteDecl(title: title, fields: fields, range: range(from: start))
    }
}
