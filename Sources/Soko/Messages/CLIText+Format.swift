// Texts of `soko fmt`: its usage errors and what it says about the files it rewrote.

extension CLIText {
    public static let formatCheckOrWrite = Message(ru: "--check и --write нельзя указывать вместе",
                                                   en: "--check and --write cannot be used together")
    public static let formatOneFileToPrint = Message(
        ru: "без --check или --write форматируется один файл (он выводится на экран); для нескольких укажите --write или --check",
        en: "without --check or --write one file is formatted (to standard output); for several give --write or --check")
    public static func cannotRead(_ path: String) -> Message {
        Message(ru: "не удаётся прочитать файл «\(path)»", en: "cannot read the file '\(path)'")
    }
    public static func notFormattedBecauseOfErrors(_ path: String) -> Message {
        Message(ru: "\(path): не отформатирован из-за синтаксических ошибок\n",
                en: "\(path): not formatted because of syntax errors\n")
    }
    public static func rewritten(_ path: String) -> Message {
        Message(ru: "отформатирован: \(path)\n", en: "formatted: \(path)\n")
    }
    /// The name standard input goes by in messages and diffs.
    public static let standardInputName = "<stdin>"
}
