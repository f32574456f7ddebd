// The first page of the analytic note: the rule set's declared title and owner (`note` /
// `справка`), the order it implements, the period, the date of the run, the data files, and a
// place for the author's and the approver's signatures. Without a declaration the note keeps a
// generic title and no signature block.

/// What the note knows about the run beyond the evaluation: when and over which files.
public struct NoteContext: Sendable, Hashable {
    /// The date of the run as printed (`30.11.2026`); nil leaves it out (golden files).
    public var runDate: String?
    /// The data files as given on the command line.
    public var dataFiles: [String]

    public init(runDate: String? = nil, dataFiles: [String] = []) {
        self.runDate = runDate
        self.dataFiles = dataFiles
    }

    /// Today's date as `dd.mm.yyyy` (UTC).
    public static func today(secondsSince1970: Double) -> String {
        let (year, month, day) = CellText.civil(Int((secondsSince1970 / 86400).rounded(.down)))
        return (day < 10 ? "0" : "") + "\(day)." + (month < 10 ? "0" : "") + "\(month).\(year)"
    }
}

/// The cover's lines, in the report's language; the renderers add markup.
struct NoteCover {
    let title: String
    /// Lines under the title: the owner, the order, the period, the date, the files.
    let lines: [(label: String?, value: String)]
    /// `Утверждаю` and `Подготовил` with the names declared; empty without a declaration.
    let signatures: [(role: String, name: String)]

    init(note: NoteInfo?, context: NoteContext, facts: NoteFacts) {
        let text = facts.text
        title = note?.title ?? text.noteTitle
        var lines: [(String?, String)] = []
        if let owner = note?.owner { lines.append((nil, owner)) }
        if let order = note?.order { lines.append((text.pick("Основание", "Under"), order)) }
        // A note for chosen periods (`--period`) says which, and the period it is compared with.
        if facts.summary.periods != nil, let first = facts.periods.first, let last = facts.periods.last {
            var value = first == last ? String(first) : "\(first)–\(last)"
            if let before = facts.allPeriods.last(where: { $0 < first }) {
                value += text.pick(" (в сравнении с \(before))", " (compared with \(before))")
            }
            lines.append((text.pick("Период", "Period"), value))
        }
        if let runDate = context.runDate { lines.append((text.pick("Дата формирования", "Prepared on"), runDate)) }
        if !context.dataFiles.isEmpty {
            lines.append((text.pick("Файлы данных", "Data files"), context.dataFiles.joined(separator: ", ")))
        }
        self.lines = lines
        var signatures: [(String, String)] = []
        if let approver = note?.approver { signatures.append((text.pick("Утверждаю", "Approved by"), approver)) }
        if let author = note?.author { signatures.append((text.pick("Подготовил(а)", "Prepared by"), author)) }
        self.signatures = signatures
    }
}
