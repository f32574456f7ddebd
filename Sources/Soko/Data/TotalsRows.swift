// Excel artefacts in text cells: totals and subtotals rows («Итого», «Всего по району»,
// «Total»), which are not schools, and codes that Excel turned into E+ notation
// (`3,90301E+11`), which no longer name a school.

/// Recognises the texts of totals rows and of codes in exponent notation.
enum TotalsRows {
    /// The words that open a totals row's key or label, lower case.
    static let builtInWords = ["итого", "всего", "итог", "total", "totals", "subtotal", "grand total", "sum total", "в целом по"]

    /// Whether a key or label cell marks a totals row: after trimming and dropping a trailing
    /// colon or full stop, it is one of the words (or `extra` ones), in any case, or starts with
    /// one followed by a space or a colon («Итого по району», «ИТОГО:», «Total for region»).
    static func isTotals(_ text: String, extra: [String]) -> Bool {
        // Most cells are school names and codes: a look at the first letter settles them without
        // the full normalisation (this runs once per distinct text of a column).
        guard let first = firstVisibleScalar(text) else { return false }
        if extra.isEmpty, !builtInFirstLetters.contains(first) { return false }
        let normalized = normalize(text)
        guard !normalized.isEmpty else { return false }
        for word in builtInWords + extra.map(normalize) where !word.isEmpty {
            if normalized == word { return true }
            if normalized.hasPrefix(word) {
                let next = normalized[normalized.index(normalized.startIndex, offsetBy: word.count)]
                if next == " " || next == ":" || next == "(" || next == "," { return true }
            }
        }
        return false
    }

    /// The first scalar that is not white space, or nil when there is none. Most texts open with
    /// an ASCII or a Cyrillic letter, found from the UTF-8 bytes without a look at the Unicode
    /// properties; anything else is left to them (the same answer either way).
    static func firstVisibleScalar(_ text: String) -> Unicode.Scalar? {
        // (decided, scalar): not decided when a byte of another kind comes first.
        let quick = text.utf8.withContiguousStorageIfAvailable { bytes -> (Bool, Unicode.Scalar?) in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // ASCII white space is exactly TAB, LF, VT, FF, CR and space.
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { index += 1; continue }
                if byte < 0x80 { return (true, Unicode.Scalar(byte)) }
                // U+0400…U+047F (lead bytes D0 and D1): Cyrillic, never white space.
                if byte == 0xD0 || byte == 0xD1, index + 1 < bytes.count {
                    return (true, Unicode.Scalar(UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)))
                }
                return (false, nil)
            }
            return (true, nil)
        }
        if let quick, quick.0 { return quick.1 }
        return text.unicodeScalars.first(where: { !$0.properties.isWhitespace })
    }

    /// The first letters of the built-in words, in both cases.
    static let builtInFirstLetters: Set<Unicode.Scalar> = Set(builtInWords.flatMap { word -> [Unicode.Scalar] in
        guard let first = word.first else { return [] }
        return Array(String(first).unicodeScalars) + Array(String(first).uppercased().unicodeScalars)
    })

    /// Lower case, NFC, runs of white space (NBSP included) as one space, no trailing `:` or `.`.
    static func normalize(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(character)
        }
        while let last = result.last, last == ":" || last == "." || last == " " { result.removeLast() }
        return result
    }

    /// Whether a text is a number in Excel's exponent notation with a positive exponent
    /// (`3,90301E+11`, `1.2E+15`): what Excel shows, and exports, for a long code in a cell
    /// formatted as a number.
    static func isExponentNotation(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        var digits = 0
        while index < count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1; digits += 1 }
        guard digits > 0 else { return false }
        if index < count, bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        }
        guard index + 2 < count, bytes[index] | 0x20 == UInt8(ascii: "e"), bytes[index + 1] == UInt8(ascii: "+") else { return false }
        index += 2
        let exponentStart = index
        while index < count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index == count && index > exponentStart
    }
}
