// The message catalogue's building block: every user-facing text exists in Russian and English.

/// The language of user-facing texts.
public enum Language: String, Sendable, CaseIterable {
    case ru
    case en

    /// Russian when the locale variables say `ru_*`, English otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("ru") ? .ru : .en
            }
        }
        return .en
    }
}

/// One text in both languages. Texts are built by the functions of `Messages`, never in the
/// command files, so that a translation is never missing.
public struct Message: Hashable, Sendable {
    public let ru: String
    public let en: String

    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    public func text(_ language: Language) -> String {
        language == .ru ? ru : en
    }

    /// Joins two messages with a separator, language by language.
    public static func + (left: Message, right: Message) -> Message {
        Message(ru: left.ru + right.ru, en: left.en + right.en)
    }

    /// A text that is the same in both languages (a name, a number).
    public static func verbatim(_ text: String) -> Message {
        Message(ru: text, en: text)
    }
}

/// The message catalogue. Each area of the program adds its texts in an extension in this
/// folder (`Messages+Syntax.swift`, `Messages+Data.swift`, …).
public enum Messages {}
