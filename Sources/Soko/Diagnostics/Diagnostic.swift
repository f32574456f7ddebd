// Diagnostics are values: each stage collects them, and a renderer turns them into text.

/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Sendable, Comparable, Codable {
    case warning
    case error

    public static func < (left: DiagnosticSeverity, right: DiagnosticSeverity) -> Bool {
        left == .warning && right == .error
    }
}

/// A problem found in a rule file (or in a data file's header when checked against a rule set).
public struct Diagnostic: Sendable, Hashable {
    /// A stable code such as `E0203`: never reused for another meaning, listed in Grammar.md.
    public let code: String
    public let severity: DiagnosticSeverity
    public let range: SourceRange
    public let message: Message
    public let hint: Message?
    /// Other places that explain this one (a first declaration, say).
    public let notes: [Note]

    public struct Note: Sendable, Hashable {
        public let range: SourceRange
        public let message: Message
        public init(range: SourceRange, message: Message) {
            self.range = range
            self.message = message
        }
    }

    public init(code: String, severity: DiagnosticSeverity, range: SourceRange, message: Message,
                hint: Message? = nil, notes: [Note] = []) {
        self.code = code
        self.severity = severity
        self.range = range
        self.message = message
        self.hint = hint
        self.notes = notes
    }

    public static func error(_ code: String, _ range: SourceRange, _ message: Message,
                             hint: Message? = nil, notes: [Note] = []) -> Diagnostic {
        Diagnostic(code: code, severity: .error, range: range, message: message, hint: hint, notes: notes)
    }

    public static func warning(_ code: String, _ range: SourceRange, _ message: Message,
                               hint: Message? = nil, notes: [Note] = []) -> Diagnostic {
        Diagnostic(code: code, severity: .warning, range: range, message: message, hint: hint, notes: notes)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

extension Diagnostic {
    /// The same diagnostic with its file indices renumbered (when merging source sets).
    public func moved(to fileMap: [Int: Int]) -> Diagnostic {
        func move(_ range: SourceRange) -> SourceRange {
            SourceRange(file: fileMap[range.file] ?? range.file, start: range.start, end: range.end)
        }
        return Diagnostic(code: code, severity: severity, range: move(range), message: message, hint: hint,
                          notes: notes.map { Note(range: move($0.range), message: $0.message) })
    }
}
