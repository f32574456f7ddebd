// The formatter: prints a syntax tree back in Soko's one canonical layout, keeping every comment
// where it stood and, on request, turning the keywords into the other language.

/// Prints a `SyntaxTree` in the canonical layout.
///
/// The layout: 2-space indent inside braces; one declaration per paragraph (a blank line between
/// declarations, except that one-line `import`, `param` and `indicator` declarations the author
/// wrote without a blank line stay together); at most one blank line between declarations and
/// none inside them; one clause, member or row per line; dataset members and bands rows aligned
/// into columns; test tables re-aligned with `|` padded to the widest cell. Literals keep the
/// author's spelling, parentheses stay exactly as written, strings are re-escaped.
public enum Formatter {
    /// An indicator whose definition fits in this many columns stays on one line.
    public static let lineWidth = 100
    /// The indent of a block's contents.
    static let blockIndent = 2
    /// The indent of an indicator's expression when it goes on a line of its own.
    static let continuationIndent = 4

    /// The canonical text of `tree`, parsed from `source`. With `keywords` nil the keywords are
    /// written in the language the author mostly used (`tree.keywordLanguage`) and every name is
    /// kept as written; with a language, keywords, severity and column-type words, built-in
    /// function names and test outcome words are all written in that language.
    public static func format(_ tree: SyntaxTree, source: SourceFile, keywords: Language? = nil) -> String {
        let spelling = Spelling(language: keywords ?? tree.keywordLanguage, translatesNames: keywords != nil)
        var printer = LayoutPrinter(source: source, comments: tree.comments, spelling: spelling)
        printer.printFile(tree.declarations)
        return printer.text
    }
}

/// One line of the output.
enum OutputLine: Equatable {
    case blank
    /// Code, with the comment that ends the line, if any (the text after `#`).
    case code(indent: Int, text: String, trailing: String?)
    /// A comment on a line of its own (the text after `#`).
    case comment(indent: Int, text: String)
}

/// Collects output lines and places the comments among them.
///
/// Comments are placed by byte offsets: every line of code is printed for a span of the source
/// (the nodes it shows). Before a line, the comments that start before its span are printed: a
/// comment that followed code on its source line goes to the end of the previous line, any other
/// on a line of its own. A comment inside a span (in the middle of a multi-line expression, say)
/// cannot stay inside a one-line output, so it moves to a line of its own just above. Comments
/// before a closing brace stay inside the block. Every comment is printed exactly once.
struct LayoutPrinter {
    let source: SourceFile
    let spelling: Spelling
    let expressions: ExpressionPrinter
    private(set) var lines: [OutputLine] = []
    private let comments: [Comment]
    private var nextComment = 0

    // Top-level state: what came last, to decide on blank lines between declarations.
    /// Where the last top-level item (declaration or comment) ended.
    private var previousEnd: Int?
    private var previousDeclaration: Declaration?
    /// True when a blank line has been printed since `previousDeclaration`.
    private var separatedSincePrevious = false

    init(source: SourceFile, comments: [Comment], spelling: Spelling) {
        self.source = source
        self.spelling = spelling
        expressions = ExpressionPrinter(spelling: spelling, source: source)
        self.comments = comments.sorted { $0.range.start < $1.range.start }
    }

    /// The output, every line ended by a line feed; empty for an empty file.
    var text: String {
        var output = ""
        for line in lines {
            switch line {
            case .blank:
                break
            case .code(let indent, let text, let trailing):
                output += String(repeating: " ", count: indent) + text
                if let trailing { output += " #" + trailing }
            case .comment(let indent, let text):
                output += String(repeating: " ", count: indent) + "#" + text
            }
            output += "\n"
        }
        return output
    }

    // MARK: Comments and lines

    /// A comment's text as printed: trailing spaces dropped.
    static func commentText(_ comment: String) -> String {
        var text = Substring(comment)
        while let last = text.last, last == " " || last == "\t" || last == "\u{0C}" || last == "\u{A0}" {
            text = text.dropLast()
        }
        return String(text)
    }

    /// Puts a comment at the end of the last line when that line is code without a comment.
    private mutating func attachToLastLine(_ comment: Comment) -> Bool {
        guard case .code(let indent, let text, nil)? = lines.last else { return false }
        lines[lines.count - 1] = .code(indent: indent, text: text, trailing: Self.commentText(comment.text))
        return true
    }

    /// Prints the comments that start before `offset`: a trailing one at the end of the last
    /// line, the others on lines of their own at `indent`.
    mutating func flushComments(before offset: Int, indent: Int) {
        while nextComment < comments.count, comments[nextComment].range.start < offset {
            let comment = comments[nextComment]
            nextComment += 1
            if comment.trailing, attachToLastLine(comment) { continue }
            lines.append(.comment(indent: indent, text: Self.commentText(comment.text)))
        }
    }

    /// A line of code showing the source bytes `span`: comments before the span are printed
    /// first, comments inside it move above the line.
    mutating func line(_ indent: Int, _ text: String, span: Range<Int>?) {
        if let span {
            flushComments(before: span.lowerBound, indent: indent)
            while nextComment < comments.count, comments[nextComment].range.start < span.upperBound {
                lines.append(.comment(indent: indent, text: Self.commentText(comments[nextComment].text)))
                nextComment += 1
            }
        }
        lines.append(.code(indent: indent, text: text, trailing: nil))
    }

    /// The closing brace of a block whose source range is `range` (ending with the brace);
    /// comments left in the block stay inside it.
    mutating func closeBlock(_ range: SourceRange, indent: Int) {
        flushComments(before: range.end - 1, indent: indent + Formatter.blockIndent)
        line(indent, "}", span: nil)
    }

    /// The text padded with spaces to `width` characters, for columns.
    static func pad(_ text: String, to width: Int) -> String {
        let count = text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// The source bytes from a node's start to another node's end.
    static func span(_ start: SourceRange, _ end: SourceRange) -> Range<Int> {
        start.start..<max(start.start, end.end)
    }

    // MARK: File

    /// Prints the declarations and the comments between them.
    mutating func printFile(_ declarations: [Declaration]) {
        for declaration in declarations {
            printTopLevelComments(before: declaration.range.start, next: declaration)
            separate(before: declaration.range.start, next: declaration)
            printDeclaration(declaration)
            previousEnd = declaration.range.end
            previousDeclaration = declaration
            separatedSincePrevious = false
        }
        printTopLevelComments(before: Int.max, next: nil)
    }

    /// Comments between declarations, each after the blank line it needs.
    private mutating func printTopLevelComments(before limit: Int, next: Declaration?) {
        while nextComment < comments.count, comments[nextComment].range.start < limit {
            let comment = comments[nextComment]
            nextComment += 1
            if !(comment.trailing && attachToLastLine(comment)) {
                separate(before: comment.range.start, next: next)
                lines.append(.comment(indent: 0, text: Self.commentText(comment.text)))
            }
            previousEnd = comment.range.end
        }
    }

    /// Prints a blank line before the item at `offset` when the author left one there, or when
    /// the declarations around need one and none has been printed yet. The required blank line
    /// goes right after the previous declaration (and its trailing comment), so that comments
    /// just above a declaration stay with it.
    private mutating func separate(before offset: Int, next: Declaration?) {
        guard let last = lines.last, last != .blank else { return }
        let authorBlank = previousEnd.map { blankLineBetween($0, offset) } ?? false
        var required = false
        if let previousDeclaration, let next, !separatedSincePrevious {
            required = !(isOneLine(previousDeclaration) && isOneLine(next))
        }
        if authorBlank || required {
            lines.append(.blank)
            separatedSincePrevious = true
        }
    }

    /// True when the source has an empty line between two offsets (only white space lies there).
    func blankLineBetween(_ start: Int, _ end: Int) -> Bool {
        var breaks = 0
        var index = max(0, start)
        let limit = min(end, source.bytes.count)
        while index < limit {
            let byte = source.bytes[index]
            if byte == UInt8(ascii: "\n") {
                breaks += 1
            } else if byte == UInt8(ascii: "\r") {
                breaks += 1
                if index + 1 < limit, source.bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
            }
            if breaks >= 2 { return true }
            index += 1
        }
        return false
    }

    /// Declarations printed on a single line may stand together without a blank line.
    func isOneLine(_ declaration: Declaration) -> Bool {
        switch declaration {
        case .importFile, .param: true
        case .indicator(let indicator): indicatorFitsOnOneLine(indicator, indent: 0)
        case .dataset, .rule, .bands, .test, .note: false
        }
    }
}

/// How words are written: keywords in the output language, and, when translating, the names
/// that have a spelling in each language (severity levels, column types, built-in functions,
/// test outcomes).
struct Spelling {
    let language: Language
    /// True when the output language was asked for: then names with two spellings are
    /// translated too; otherwise they are kept as the author wrote them.
    let translatesNames: Bool

    func keyword(_ keyword: Keyword) -> String { keyword.spelling(language) }

    /// `from` in a bands row is `от` in Russian (in a column's header it is `из`).
    var bandFrom: String { language == .ru ? "от" : Keyword.from.english }

    func severity(_ word: String) -> String {
        guard translatesNames, let severity = Severity.named(word) else { return word }
        return severity.name(language)
    }

    func columnType(_ word: String) -> String {
        guard translatesNames, let type = ColumnType.named(word) else { return word }
        return type.name(language)
    }

    func function(_ name: String) -> String {
        guard translatesNames, let function = BuiltinFunction.named(name) else { return name }
        return function.name(language)
    }

    /// A rule outcome word in a test's expectations (`fires`, `срабатывает`, …).
    func outcome(_ word: String) -> String {
        guard translatesNames, let outcome = Expectation.Outcome.named(word) else { return word }
        return outcome.spelling(language)
    }
}
