// Texts of the formatter's reports (`soko fmt --check`).

extension Messages {
    static let formattedLabel = Message(ru: "(после форматирования)", en: "(formatted)")
    static func notFormatted(_ path: String) -> Message {
        Message(ru: "не отформатирован: \(path)", en: "not formatted: \(path)")
    }
    static func onlyLineBreaksDiffer(_ path: String) -> Message {
        Message(ru: "\(path): отличаются только переводы строк, метка BOM или последний перевод строки",
                en: "\(path): only the line breaks, a byte order mark or the final line break differ")
    }
    static func allFormatted(_ count: Int) -> Message {
        Message(ru: "файлов проверено: \(count); все отформатированы", en: "\(count) file(s) checked; all formatted")
    }
}
