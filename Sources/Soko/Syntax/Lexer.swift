// The lexer: turns a rule file's bytes into tokens and comments, reporting bad bytes as
// diagnostics and never stopping early.

/// Limits that keep hostile input from exhausting memory or the stack.
public enum SourceLimits {
    /// Longest line the lexer accepts, in bytes.
    public static let lineLength = 10_000
    /// Longest identifier, in characters.
    public static let identifierLength = 128
    /// Longest string literal, in bytes.
    public static let stringLength = 4_000
    /// Deepest expression tree the parser builds.
    public static let expressionDepth = 200
    /// Errors reported per file before the parser gives up on the rest of it.
    public static let errorsPerFile = 50
}

/// Scans one source file (or a range of it, for `{…}` inside strings).
public struct Lexer {
    private let bytes: [UInt8]
    private let fileIndex: Int
    private var position: Int
    private let end: Int
    private var atLineStart = true
    private var lineStart: Int
    public private(set) var diagnostics: [Diagnostic] = []
    /// Bytes that are not UTF-8 (or NUL) are reported once per file: a file in another encoding
    /// would otherwise give an error per letter.
    private var reportedEncoding = false
    public private(set) var comments: [Comment] = []

    /// A lexer over the whole file, or over `range` of it.
    public init(file: SourceFile, fileIndex: Int, range: Range<Int>? = nil) {
        bytes = file.bytes
        self.fileIndex = fileIndex
        position = range?.lowerBound ?? 0
        end = range?.upperBound ?? file.bytes.count
        lineStart = position
        // A UTF-8 byte order mark at the very start is allowed and skipped.
        if position == 0, end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
        }
    }

    /// All tokens up to and including `endOfFile`.
    public mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = next()
            tokens.append(token)
            if token.kind == .endOfFile { return tokens }
        }
    }

    private func range(_ start: Int) -> SourceRange {
        SourceRange(file: fileIndex, start: start, end: position)
    }

    private mutating func report(_ code: String, _ start: Int, _ length: Int, _ message: Message, hint: Message? = nil) {
        guard diagnostics.count < SourceLimits.errorsPerFile else { return }
        diagnostics.append(.error(code, SourceRange(file: fileIndex, start: start, end: start + length),
                                  message, hint: hint))
    }

    /// The first byte that is not UTF-8 text; the rest of the file is not reported again.
    private mutating func reportEncoding(_ code: String, _ start: Int, _ length: Int, _ message: Message) {
        guard !reportedEncoding else { return }
        reportedEncoding = true
        report(code, start, length, message, hint: Messages.invalidUTF8Hint)
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < end ? bytes[index] : nil
    }

    /// Skips spaces, line breaks and comments, noting line starts and over-long lines.
    private mutating func skipTrivia() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
                position += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                checkLineLength()
                position += 1
                if byte == UInt8(ascii: "\r"), peek() == UInt8(ascii: "\n") { position += 1 }
                atLineStart = true
                lineStart = position
            case UInt8(ascii: "#"):
                let start = position
                while let c = peek(), c != UInt8(ascii: "\n"), c != UInt8(ascii: "\r") { position += 1 }
                let text = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
                comments.append(Comment(text: text, range: range(start), trailing: !atLineStart))
            case 0xC2 where peek(1) == 0xA0:
                position += 2 // a no-break space counts as a space
            default:
                return
            }
        }
        checkLineLength()
    }

    private mutating func checkLineLength() {
        let length = position - lineStart
        if length > SourceLimits.lineLength {
            report("E0008", lineStart, 1, Messages.lineTooLong(length: length, limit: SourceLimits.lineLength),
                   hint: Messages.lineTooLongHint)
            lineStart = position // report a line once
        }
    }

    /// The next token; bad bytes are reported and skipped.
    public mutating func next() -> Token {
        while true {
            skipTrivia()
            let startsLine = atLineStart
            atLineStart = false
            let start = position
            guard let byte = peek() else {
                return Token(kind: .endOfFile, range: range(start), startsLine: true)
            }
            if let kind = scan(byte) {
                if case .keyword(let keyword) = kind {
                    let spelling = String(decoding: bytes[start..<position], as: UTF8.self).lowercased()
                    let language: Language = spelling == keyword.english ? .en : .ru
                    return Token(kind: kind, range: range(start), startsLine: startsLine, language: language)
                }
                return Token(kind: kind, range: range(start), startsLine: startsLine)
            }
            // scan reported the problem and moved past it; look again.
        }
    }

    /// Scans one token starting at `byte`, or reports and skips a bad character (nil).
    private mutating func scan(_ byte: UInt8) -> TokenKind? {
        let start = position
        switch byte {
        case UInt8(ascii: "("): position += 1; return .leftParen
        case UInt8(ascii: ")"): position += 1; return .rightParen
        case UInt8(ascii: "{"): position += 1; return .leftBrace
        case UInt8(ascii: "}"): position += 1; return .rightBrace
        case UInt8(ascii: "["): position += 1; return .leftBracket
        case UInt8(ascii: "]"): position += 1; return .rightBracket
        case UInt8(ascii: ","): position += 1; return .comma
        case UInt8(ascii: ":"): position += 1; return .colon
        case UInt8(ascii: "."): position += 1; return .dot
        case UInt8(ascii: "|"): position += 1; return .pipe
        case UInt8(ascii: "+"): position += 1; return .plus
        case UInt8(ascii: "*"): position += 1; return .star
        case UInt8(ascii: "/"): position += 1; return .slash
        case UInt8(ascii: "-"):
            position += 1
            if peek() == UInt8(ascii: ">") { position += 1; return .arrow }
            return .minus
        case UInt8(ascii: "="):
            position += 1
            if peek() == UInt8(ascii: "=") { position += 1 }
            return .equal
        case UInt8(ascii: "!"):
            position += 1
            if peek() == UInt8(ascii: "=") { position += 1; return .notEqual }
            report("E0001", start, 1, Messages.unexpectedCharacter("!"), hint: Messages.notEqualHint)
            return nil
        case UInt8(ascii: "<"):
            position += 1
            if peek() == UInt8(ascii: "=") { position += 1; return .lessEqual }
            if peek() == UInt8(ascii: ">") { position += 1; return .notEqual }
            return .less
        case UInt8(ascii: ">"):
            position += 1
            if peek() == UInt8(ascii: "=") { position += 1; return .greaterEqual }
            return .greater
        case UInt8(ascii: "\""):
            return scanString()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return scanNumber()
        default:
            return scanWordOrSymbol()
        }
    }

    /// `12`, `12.5`, `10%`, `12.5%`.
    private mutating func scanNumber() -> TokenKind? {
        let start = position
        while let c = peek(), c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { position += 1 }
        if peek() == UInt8(ascii: "."), let d = peek(1), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") {
            position += 1
            while let c = peek(), c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { position += 1 }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if position - start > 30 {
            report("E0009", start, position - start, Messages.numberTooLong, hint: nil)
            return .number(0)
        }
        let value = Double(text) ?? 0
        if let c = peek(), isIdentifierByte(c) {
            // `12abc` or `12,5`: say what is wrong rather than splitting silently.
            let wordStart = position
            while let c = peek(), isIdentifierByte(c) { position += 1 }
            report("E0010", start, position - start,
                   Messages.badNumber(String(decoding: bytes[start..<position], as: UTF8.self)),
                   hint: Messages.badNumberHint)
            _ = wordStart
            return .number(value)
        }
        // `20%`, and `20 %` as Russian typography writes it.
        var spaces = 0
        while peek(spaces) == UInt8(ascii: " ") { spaces += 1 }
        if peek(spaces) == UInt8(ascii: "%") {
            position += spaces + 1
            return .percent(value / 100)
        }
        return .number(value)
    }

    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    /// Decodes one UTF-8 scalar at `position` without moving; nil and a length for a bad sequence.
    private func decodeScalar() -> (scalar: Unicode.Scalar?, length: Int) {
        guard let first = peek() else { return (nil, 0) }
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        let length: Int
        var value: UInt32
        switch first {
        case 0xC2...0xDF: length = 2; value = UInt32(first & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(first & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(first & 0x07)
        default: return (nil, 1)
        }
        for offset in 1..<length {
            guard let next = peek(offset), next & 0xC0 == 0x80 else { return (nil, offset) }
            value = value << 6 | UInt32(next & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return (nil, length) }
        return (scalar, length)
    }

    private func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    private func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// An identifier or keyword, one of `≠ ≤ ≥`, or a reported bad character.
    private mutating func scanWordOrSymbol() -> TokenKind? {
        let start = position
        let (first, firstLength) = decodeScalar()
        guard let first else {
            reportEncoding("E0002", start, max(1, firstLength), Messages.invalidUTF8)
            position += max(1, firstLength)
            return nil
        }
        switch first {
        case "≠": position += firstLength; return .notEqual
        case "≤": position += firstLength; return .lessEqual
        case "≥": position += firstLength; return .greaterEqual
        case "±": position += firstLength; return .plusMinus
        case "«", "»", "“", "”", "„":
            position += firstLength
            report("E0003", start, firstLength, Messages.typographicQuote(String(first)), hint: Messages.typographicQuoteHint)
            return nil
        default:
            break
        }
        guard isIdentifierStart(first) else {
            position += firstLength
            if first == "\0" {
                reportEncoding("E0004", start, firstLength, Messages.nulByte)
            } else {
                report("E0001", start, firstLength, Messages.unexpectedCharacter(String(first)), hint: nil)
            }
            return nil
        }
        position += firstLength
        var characters = 1
        while true {
            let (scalar, length) = decodeScalar()
            guard let scalar, isIdentifierContinue(scalar) else { break }
            position += length
            characters += 1
        }
        let word = String(decoding: bytes[start..<position], as: UTF8.self)
        if characters > SourceLimits.identifierLength {
            report("E0005", start, position - start,
                   Messages.identifierTooLong(length: characters, limit: SourceLimits.identifierLength), hint: nil)
        }
        if let (keyword, _) = Keyword.bySpelling[word.lowercased()] {
            return .keyword(keyword)
        }
        return .identifier(word)
    }

    /// A string literal: `"…"` with escapes `\" \\ \n \t \{ \}` and `{expression}` pieces.
    private mutating func scanString() -> TokenKind? {
        let start = position
        position += 1
        var pieces: [StringPiece] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))); text = [] }
        }
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                report("E0006", start, max(1, position - start), Messages.unterminatedString, hint: Messages.unterminatedStringHint)
                flush()
                return .string(pieces)
            }
            if position - start > SourceLimits.stringLength {
                report("E0007", start, 1, Messages.stringTooLong(limit: SourceLimits.stringLength), hint: nil)
                while let c = peek(), c != UInt8(ascii: "\""), c != UInt8(ascii: "\n"), c != UInt8(ascii: "\r") { position += 1 }
                if peek() == UInt8(ascii: "\"") { position += 1 }
                return .string([])
            }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                flush()
                return .string(pieces)
            case UInt8(ascii: "\\"):
                let escapeStart = position
                position += 1
                switch peek() {
                case UInt8(ascii: "\""): text.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): text.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "{"): text.append(UInt8(ascii: "{"))
                case UInt8(ascii: "}"): text.append(UInt8(ascii: "}"))
                default:
                    report("E0011", escapeStart, 2, Messages.unknownEscape, hint: Messages.unknownEscapeHint)
                    continue
                }
                position += 1
            case UInt8(ascii: "{"):
                flush()
                let open = position
                position += 1
                let inner = position
                while let c = peek(), c != UInt8(ascii: "}"), c != UInt8(ascii: "\""), c != UInt8(ascii: "\n"), c != UInt8(ascii: "\r") {
                    position += 1
                }
                guard peek() == UInt8(ascii: "}") else {
                    report("E0012", open, 1, Messages.unclosedInterpolation, hint: Messages.unclosedInterpolationHint)
                    continue
                }
                pieces.append(.interpolation(SourceRange(file: fileIndex, start: inner, end: position)))
                position += 1
            default:
                let (scalar, length) = decodeScalar()
                if scalar == nil {
                    reportEncoding("E0002", position, max(1, length), Messages.invalidUTF8)
                    position += max(1, length)
                } else {
                    text.append(contentsOf: bytes[position..<(position + length)])
                    position += length
                }
            }
        }
    }
}
