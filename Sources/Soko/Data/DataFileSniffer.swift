// Tells a data table given where a rule file belongs (`soko run vpr.soko "Результаты.csv"`
// without --data) from a rule file, so that the user hears "pass it with --data" instead of
// fifty syntax errors in mojibake.
import Foundation

public enum DataFileSniffer {
    /// Extensions of table files: never rule files.
    static let tableExtensions: Set<String> = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods", "dbf"]

    /// Whether the file at `path` is a data table rather than rules: a table's extension, or
    /// (for any other name but `.soko`) a start that is not UTF-8 text, a ZIP archive (a
    /// workbook), or a first line split into several fields by `;` or a tab with no brace.
    public static func looksLikeData(path: String) -> Bool {
        let name = (path as NSString).lastPathComponent.lowercased()
        let ext = (name as NSString).pathExtension
        if ext == "soko" { return false }
        if tableExtensions.contains(ext) { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let prefix = Array((try? handle.read(upToCount: 4096)) ?? Data())
        return looksLikeData(prefix: prefix)
    }

    /// The content test of `looksLikeData(path:)`.
    static func looksLikeData(prefix: [UInt8]) -> Bool {
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return true }
        var body = prefix[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let valid = body.withUnsafeBufferPointer { UTF8Validation.validate($0, allowTruncatedEnd: true) }
        if !valid { return true }
        let firstLine = body.prefix { $0 != 0x0A && $0 != 0x0D }
        if firstLine.contains(UInt8(ascii: "{")) || firstLine.contains(UInt8(ascii: "#")) { return false }
        let semicolons = firstLine.filter { $0 == UInt8(ascii: ";") }.count
        let tabs = firstLine.filter { $0 == 0x09 }.count
        return semicolons >= 2 || tabs >= 2
    }
}
