// The language a rule file is written in, from its keywords: a Russian rule set gets Russian
// messages and reports when the user has not asked otherwise (`--lang`, SOKO_LANG).
import Foundation

public enum KeywordLanguage {
    /// Russian or English, whichever the file's keywords mostly are; nil when the file cannot
    /// be read or has no keywords.
    public static func of(path: String) -> Language? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var lexer = Lexer(file: SourceFile(path: path, bytes: [UInt8](data)), fileIndex: 0)
        var english = 0
        var russian = 0
        for token in lexer.tokenize() {
            if token.language == .en { english += 1 } else if token.language == .ru { russian += 1 }
        }
        if russian == 0 && english == 0 { return nil }
        return russian > english ? .ru : .en
    }

    /// The language of messages and reports: `--lang` when given, then the SOKO_LANG variable,
    /// then the keywords of the first rule file, then the locale (`fallback`).
    public static func choose(option: Language?, environment: [String: String], ruleFiles: [String],
                              fallback: Language) -> Language {
        if let option { return option }
        if let variable = environment["SOKO_LANG"]?.lowercased(), let language = Language(rawValue: String(variable.prefix(2))) {
            return language
        }
        if let first = ruleFiles.first, let language = of(path: first) { return language }
        return fallback
    }
}
