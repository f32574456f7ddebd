// The texts of reading .xlsx workbooks, in Russian and English, and their stable codes.

/// Texts of the workbook reader. Codes (never reused for another meaning):
///
/// - D0401: the workbook cannot be read (not a ZIP archive, a damaged part)
/// - D0402: an old binary .xls or an OpenDocument sheet, not an .xlsx workbook
/// - D0403: no sheet of the name given with `--sheet`
/// - D0404: note: the header was found below the first row (title rows skipped), or joined
///   from two merged rows
/// - D0405: note: a hierarchical sheet; total and subtotal rows left out, each school's group
///   taken from its subtotal row
/// - D0406: warning: a subtotal or total differs from the sum of its schools (`--check-totals`)
/// - D0407: note: a column the rules read is hidden in the workbook
/// - D0408: note: the workbook has several sheets and the first was read
/// - D0409: the workbook has no worksheet
extension Messages {
    static func workbookUnreadable(_ detail: String) -> Message {
        Message(ru: "не удаётся прочитать книгу Excel: файл повреждён или это не .xlsx (\(detail))",
                en: "I cannot read the Excel workbook: the file is damaged or not an .xlsx (\(detail))")
    }

    static func workbookUnreadableHint() -> Message {
        Message(ru: "откройте файл в Excel или LibreOffice и сохраните его заново как «Книга Excel (.xlsx)» или как CSV",
                en: "open the file in Excel or LibreOffice and save it again as an \"Excel Workbook (.xlsx)\" or as CSV")
    }

    static func workbookOldFormat(_ kind: String) -> Message {
        Message(ru: "это файл формата \(kind), а читаются книги .xlsx и таблицы CSV",
                en: "this is a \(kind) file; I read .xlsx workbooks and CSV tables")
    }

    static func workbookNoSuchSheet(_ name: String, available: [String]) -> Message {
        Message(ru: "в книге нет листа «\(name)»; листы: " + available.map { "«\($0)»" }.joined(separator: ", "),
                en: "the workbook has no sheet \"\(name)\"; its sheets: " + available.map { "\"\($0)\"" }.joined(separator: ", "))
    }

    static func workbookNoSheets() -> Message {
        Message(ru: "в книге нет ни одного листа с данными", en: "the workbook has no worksheet")
    }

    static func workbookSheetHint() -> Message {
        Message(ru: "выберите лист ключом --sheet ИМЯ", en: "choose the sheet with --sheet NAME")
    }

    static func workbookHeaderRow(_ row: Int, sheet: String, skipped: Int) -> Message {
        let lines = russianPlural(skipped, "строка", "строки", "строк")
        return Message(ru: "лист «\(sheet)»: заголовком взята строка \(row); \(skipped) \(lines) над ней (название таблицы) пропущено",
                       en: "sheet \"\(sheet)\": row \(row) was taken as the header; the \(skipped) row(s) above it (a title) were skipped")
    }

    static func workbookJoinedHeader(_ upper: Int, _ lower: Int, sheet: String, example: String?) -> Message {
        let ru = example.map { ", например «\($0)»" } ?? ""
        let en = example.map { ", for example \"\($0)\"" } ?? ""
        return Message(ru: "лист «\(sheet)»: заголовок занимает строки \(upper) и \(lower); названия столбцов составлены из обеих\(ru)",
                       en: "sheet \"\(sheet)\": the header spans rows \(upper) and \(lower); the column names join both\(en)")
    }

    static func workbookHeaderHint() -> Message {
        Message(ru: "если строка заголовка выбрана неверно, удалите строки над ней или сохраните лист как CSV",
                en: "if the wrong row was taken, delete the rows above the header or save the sheet as CSV")
    }

    static func workbookHierarchy(totals: Int, subtotals: Int, column: String) -> Message {
        Message(ru: "лист с итогами: строк общего итога — \(totals), подытогов — \(subtotals); они не читаются как школы, а столбец \(column) каждой школы взят из её подытога",
                en: "a sheet with totals: \(totals) total row(s) and \(subtotals) subtotal row(s) are not read as schools; each school's column \(column) is taken from its subtotal row")
    }

    static func workbookHierarchyHint() -> Message {
        Message(ru: "--check-totals сверит итоги с суммой по школам", en: "--check-totals compares the totals with the sums over the schools")
    }

    static func workbookTotalMismatch(total: String, sum: String, schools: Int) -> Message {
        Message(ru: "итог \(total) не равен сумме по школам (\(schools)): \(sum)",
                en: "the total \(total) differs from the sum over \(schools) school(s): \(sum)")
    }

    static func workbookTotalMismatchHint() -> Message {
        Message(ru: "в выгрузке не хватает школ или итог посчитан по другим данным; сверьте с источником",
                en: "schools are missing from the export or the total was computed from other data; check the source")
    }

    static func workbookHiddenColumn(sheet: String) -> Message {
        Message(ru: "лист «\(sheet)»: столбец, который читают правила, скрыт в книге; он читается как обычно",
                en: "sheet \"\(sheet)\": a column the rules read is hidden in the workbook; it is read as usual")
    }

    static func workbookFirstSheet(_ sheet: String, count: Int) -> Message {
        Message(ru: "в книге \(count) \(russianPlural(count, "лист", "листа", "листов")); прочитан первый, «\(sheet)»",
                en: "the workbook has \(count) sheets; the first, \"\(sheet)\", was read")
    }
}

/// The Russian word form for a count: 1 строка, 2 строки, 5 строк (11–14 take the third).
func russianPlural(_ count: Int, _ one: String, _ few: String, _ many: String) -> String {
    let lastTwo = abs(count) % 100
    let last = abs(count) % 10
    if (11...14).contains(lastTwo) { return many }
    if last == 1 { return one }
    if (2...4).contains(last) { return few }
    return many
}
