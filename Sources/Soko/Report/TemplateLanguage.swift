// The language a recommendation is written in: the values placed in it are formatted in that
// language (`46,2 %` inside a Russian text, `46.2%` inside an English one), whatever the
// language of the report around it.

extension Template {
    /// Russian when the text pieces have Cyrillic letters, English when they have only Latin
    /// ones, nil when they have no letters at all (the report's language then decides).
    var textLanguage: Language? {
        var latin = false
        for piece in pieces {
            guard case .text(let text) = piece else { continue }
            for scalar in text.unicodeScalars {
                if (0x0400...0x04FF).contains(scalar.value) { return .ru }
                if scalar.properties.isAlphabetic, scalar.isASCII { latin = true }
            }
        }
        return latin ? .en : nil
    }

    /// The formatter for this text: in its own language when it has one.
    func formatter(default formatter: ValueFormatter) -> ValueFormatter {
        guard let language = textLanguage, language != formatter.language else { return formatter }
        return ValueFormatter(language: language)
    }
}
