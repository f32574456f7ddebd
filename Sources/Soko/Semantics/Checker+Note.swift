// The note's declaration checked: one per rule set (the entry file's wins over an imported
// one), each field once, plain texts.

/// The analytic note's title and signatures, as declared.
public struct NoteInfo: Sendable, Hashable {
    public var title: String
    /// The body that issues the note.
    public var owner: String?
    /// The order or regulation it implements.
    public var order: String?
    public var author: String?
    public var approver: String?
}

extension Checker {
    mutating func collectNote(_ decl: NoteDecl, file: Int) {
        let isEntry = loaded.entryFiles.contains(file)
        if let earlier = noteRange {
            // An entry file's note replaces an imported one; two in the entry files are an error.
            if isEntry && loaded.entryFiles.contains(earlier.file) {
                report(.error("E0270", decl.range, Messages.noteTwice, hint: Messages.noteTwiceHint))
                return
            }
            if !isEntry { return }
        }
        var info = NoteInfo(title: text(decl.title))
        var seen = Set<NoteField>()
        for (field, value, range) in decl.fields {
            if !seen.insert(field).inserted {
                report(.error("E0271", range, Messages.noteFieldTwice(field.spelling(loaded.trees.first { $0.file == file }?.keywordLanguage ?? .ru))))
                continue
            }
            let plain = text(value)
            switch field {
            case .owner: info.owner = plain
            case .order: info.order = plain
            case .author: info.author = plain
            case .approver: info.approver = plain
            }
        }
        note = info
        noteRange = decl.range
    }

    /// A note's text: `{…}` has nothing to fill in a note (E0272).
    private mutating func text(_ literal: StringLiteral) -> String {
        if literal.pieces.contains(where: { if case .expression = $0 { true } else { false } }) {
            report(.error("E0272", literal.range, Messages.notePlaceholder))
        }
        return literal.plainText
    }
}
