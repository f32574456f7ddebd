// Texts of the command line about workbooks: `--format xlsx`, `--excel`, `--sheet`.

extension CLIText {
    /// `--format xlsx` written to the terminal: a workbook goes to a file.
    public static let xlsxNeedsOut = Message(ru: "--format xlsx пишет книгу в файл: укажите --out ФАЙЛ.xlsx",
                                             en: "--format xlsx writes a workbook to a file: give --out FILE.xlsx")

    /// `--excel` with a format other than csv.
    public static func excelNeedsCSV(_ format: String) -> Message {
        Message(ru: "--excel относится к --format csv (CSV для Excel), а выбран формат «\(format)»; для книги Excel есть --format xlsx",
                en: "--excel goes with --format csv (CSV for Excel), but the format is '\(format)'; for an Excel workbook use --format xlsx")
    }
}
