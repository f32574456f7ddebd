// Turns diagnostics into text for a person (with the source line and a caret), JSON for tools,
// or GitHub workflow annotations for CI.

import Foundation

public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, github, junit
}

public struct DiagnosticRenderer {
    public let sources: SourceSet
    public let language: Language
    /// ANSI colours, for a terminal only.
    public let colour: Bool
    /// At most this many diagnostics are printed; the rest are counted.
    public let limit: Int

    public init(sources: SourceSet, language: Language, colour: Bool = false, limit: Int = 200) {
        self.sources = sources
        self.language = language
        self.colour = colour
        self.limit = limit
    }

    func position(_ range: SourceRange) -> (path: String, start: SourceLocation, end: SourceLocation)? {
        guard let file = sources[range.file] else { return nil }
        return (file.path, file.location(of: range.start), file.location(of: range.end))
    }

    func severityWord(_ severity: DiagnosticSeverity) -> String {
        switch (severity, language) {
        case (.error, .ru): "ошибка"
        case (.error, .en): "error"
        case (.warning, .ru): "предупреждение"
        case (.warning, .en): "warning"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// `path:line:col: error[E0200]: message`, the source line, a caret line, hint and notes.
    public func text(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        for diagnostic in diagnostics.prefix(limit) {
            output += text(diagnostic)
        }
        if diagnostics.count > limit {
            output += Messages.moreDiagnostics(diagnostics.count - limit).text(language) + "\n"
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if !diagnostics.isEmpty {
            output += Messages.diagnosticSummary(errors: errors, warnings: warnings).text(language) + "\n"
        }
        return output
    }

    /// The diagnostic with a note when the text it points at mixes Cyrillic and Latin letters
    /// (`дoля` with a Latin «o»): which letter, at which position.
    func annotated(_ diagnostic: Diagnostic) -> Diagnostic {
        guard let file = sources[diagnostic.range.file], diagnostic.range.end > diagnostic.range.start,
              diagnostic.range.end - diagnostic.range.start <= 200,
              let note = Suggestions.lookAlikeNote(file.text(diagnostic.range)) else { return diagnostic }
        return Diagnostic(code: diagnostic.code, severity: diagnostic.severity, range: diagnostic.range, message: diagnostic.message,
                          hint: diagnostic.hint, notes: diagnostic.notes + [Diagnostic.Note(range: diagnostic.range, message: note)])
    }

    func text(_ original: Diagnostic) -> String {
        let diagnostic = annotated(original)
        let word = severityWord(diagnostic.severity)
        let label = paint("\(word)[\(diagnostic.code)]", diagnostic.severity == .error ? "1;31" : "1;33")
        var output: String
        if let (path, start, end) = position(diagnostic.range), let file = sources[diagnostic.range.file] {
            output = "\(path):\(start.line):\(start.column): \(label): \(diagnostic.message.text(language))\n"
            // Control characters (a binary file) are shown as U+FFFD, never sent to the terminal.
            let line = String(String.UnicodeScalarView(file.lineText(start.line).unicodeScalars.map {
                $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F ? "\u{FFFD}" : $0
            }))
            let shown = line.count > 200 ? String(line.prefix(200)) + "…" : line
            let number = String(start.line)
            let gutter = String(repeating: " ", count: number.count)
            let caretStart = min(start.column - 1, shown.count)
            let caretLength = max(1, min(end.line == start.line ? end.column - start.column : shown.count - caretStart, shown.count - caretStart + 1))
            output += " \(number) | \(shown)\n"
            output += " \(gutter) | " + String(repeating: " ", count: caretStart) + paint(String(repeating: "^", count: caretLength), "1;32") + "\n"
        } else {
            output = "\(label): \(diagnostic.message.text(language))\n"
        }
        if let hint = diagnostic.hint {
            output += "  " + (language == .ru ? "подсказка" : "hint") + ": " + hint.text(language) + "\n"
        }
        for note in diagnostic.notes {
            let place = position(note.range).map { "\($0.path):\($0.start.line):\($0.start.column): " } ?? ""
            output += "  " + (language == .ru ? "примечание" : "note") + ": " + place + note.message.text(language) + "\n"
        }
        return output
    }

    /// A documented, stable JSON object: see README, "JSON output of soko check".
    public func json(_ diagnostics: [Diagnostic]) -> JSON {
        let items: [JSON] = diagnostics.map(annotated).map { diagnostic in
            var members: [(String, JSON)] = [("code", .string(diagnostic.code)), ("severity", .string(diagnostic.severity.rawValue))]
            if let (path, start, end) = position(diagnostic.range) {
                members += [("file", .string(path)), ("line", .integer(start.line)), ("column", .integer(start.column)),
                            ("endLine", .integer(end.line)), ("endColumn", .integer(end.column))]
            }
            members.append(("message", .string(diagnostic.message.text(language))))
            members.append(("hint", diagnostic.hint.map { .string($0.text(language)) } ?? .null))
            members.append(("notes", .array(diagnostic.notes.map { note in
                var noteMembers: [(String, JSON)] = [("message", .string(note.message.text(language)))]
                if let (path, start, _) = position(note.range) {
                    noteMembers += [("file", .string(path)), ("line", .integer(start.line)), ("column", .integer(start.column))]
                }
                return .object(noteMembers)
            })))
            return .object(members)
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        return .object([("errors", .integer(errors)), ("warnings", .integer(diagnostics.count - errors)), ("diagnostics", .array(items))])
    }

    /// GitHub workflow commands: `::error file=…,line=…,col=…,title=E0200::message`.
    public func github(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        for diagnostic in diagnostics.map(annotated) {
            var message = diagnostic.message.text(language)
            if let hint = diagnostic.hint { message += "\n" + hint.text(language) }
            for note in diagnostic.notes { message += "\n" + note.message.text(language) }
            var properties: [String] = []
            if let (path, start, end) = position(diagnostic.range) {
                properties = ["file=\(Self.escapeProperty(path))", "line=\(start.line)", "col=\(start.column)",
                              "endLine=\(end.line)", "endColumn=\(end.column)"]
            }
            properties.append("title=\(diagnostic.code)")
            output += "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
        }
        return output
    }

    /// JUnit XML for CI: one test case per checked file, failing with its errors.
    public func junit(_ diagnostics: [Diagnostic], files: [String]) -> String {
        Markup.junit(suite: "soko check", cases: files.map { path in
            let errors = diagnostics.filter { $0.severity == .error && position($0.range)?.path == path }
            return Markup.JUnitCase(className: "soko.check", name: path, failure: errors.first.map { first in
                (first.message.text(language), errors.map { text($0) }.joined())
            })
        })
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
