// `soko sql --load`: statements that load Soko's CSV files into the engine as the tables the
// compiled query reads. Each file is read as text (every column a string, by position), then
// each declared column is converted the way Soko reads cells: spaces and NBSP dropped from
// numbers, a decimal comma where the delimiter is not a comma, `12,5%` as 0.125 in a share
// column, every value of a percent column divided by 100 (by the exponent, so `45,2` is
// exactly the double 0.452), the flag spellings да/нет, yes/no, 1/0, +/-, … in any case, and an
// empty cell as NULL. Tables keep the CSV's headers as column names.
import Foundation

/// What `--load` found out about one file.
public struct SQLSourceFile: Sendable {
    public let path: String
    public let delimiter: UInt8
    public let encoding: TextEncoding
    /// Every field of the header row, trimmed, in order (an empty trailing field included).
    public let header: [String]
}

public enum SQLLoad {
    /// Reads a file's header, detecting its delimiter (`;`, `,` or tab) and encoding (UTF-8 or
    /// Windows-1251) unless they are given.
    public static func inspect(path: String, delimiter: UInt8?, encoding: TextEncoding?) -> SQLSourceFile? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let prefix = [UInt8](handle.readData(ofLength: 1 << 20))
        let detection = prefix.withUnsafeBufferPointer {
            TextEncoding.detect(prefix: $0, isWholeFile: prefix.count < 1 << 20, forced: encoding)
        }
        var line = Array(prefix.dropFirst(detection.bomLength))
        if let end = line.firstIndex(where: { $0 == 10 || $0 == 13 }) { line = Array(line[..<end]) }
        let text = detection.encoding == .utf8
            ? String(decoding: line, as: UTF8.self)
            : line.withUnsafeBufferPointer { Windows1251.decode($0) }
        let chosen = delimiter ?? [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")].max { a, b in
            text.utf8.filter { $0 == a }.count < text.utf8.filter { $0 == b }.count
        }!
        return SQLSourceFile(path: path, delimiter: chosen, encoding: detection.encoding, header: fields(text, delimiter: chosen))
    }

    /// The fields of one CSV line (quotes honoured), trimmed.
    static func fields(_ line: String, delimiter: UInt8) -> [String] {
        var fields: [String] = []
        var current: [UInt8] = []
        var quoted = false
        let bytes = Array(line.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") { current.append(byte); index += 1 } else { quoted = false }
                } else {
                    current.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == delimiter {
                fields.append(String(decoding: current, as: UTF8.self).trimmingCharacters(in: .whitespaces))
                current = []
            } else {
                current.append(byte)
            }
            index += 1
        }
        fields.append(String(decoding: current, as: UTF8.self).trimmingCharacters(in: .whitespaces))
        return fields
    }

    /// The load statements for every dataset, or the problem (a declared column the file does
    /// not have, an encoding the engine cannot read).
    public static func statements(program: Program, files: [SQLSourceFile], options: SQLOptions) -> Result<String, SQLLoadProblem> {
        let dialect = options.dialect.dialect
        var text = "-- Load the CSV files (soko sql --load)\n"
        for statement in dialect.prelude { text += statement + ";\n" }
        for (index, (dataset, file)) in zip(program.datasets, files).enumerated() {
            let table = options.tables[dataset.name] ?? dataset.name
            var conversions: [String] = []
            for column in dataset.columns {
                guard let position = file.header.firstIndex(of: column.header) else {
                    return .failure(SQLLoadProblem(message: Message(
                        ru: "в файле \(file.path) нет столбца «\(column.header)» (таблица \(dataset.name))",
                        en: "the file \(file.path) has no column '\(column.header)' (dataset \(dataset.name))")))
                }
                let raw = dialect.quote("c\(position + 1)")
                conversions.append("\(convert(raw, column.type, commaIsDecimal: file.delimiter != UInt8(ascii: ","), dialect: dialect)) AS \(dialect.quote(dialect.columnName(column.header)))")
            }
            switch dialect.load(file: file, staging: "soko_load_\(index)", table: table, conversions: conversions) {
            case .success(let statements): text += statements
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(text)
    }

    /// A text cell converted to the column's type.
    static func convert(_ raw: String, _ type: ColumnType, commaIsDecimal: Bool, dialect: any SQLDialect) -> String {
        let trimmed = "NULLIF(TRIM(\(raw)), '')"
        switch type {
        case .text:
            return trimmed
        case .date:
            // 01.09.2024, 1.9.2024, 2024-09-01 (a time after them ignored), an Excel day number.
            let dotted = "^([0-9]{1,2})[.]([0-9]{1,2})[.]([0-9]{4})( [0-9]*:[0-9:]*)?$"
            let dashed = "^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})( [0-9]*:[0-9:]*)?$"
            let serial = "^([0-9]{1,7})$"
            let g = { (pattern: String, group: Int) in dialect.regexGroup(trimmed, pattern, group) }
            let excel = dialect.parseNumber(g(serial, 1))
            return "CASE WHEN \(g(dotted, 3)) IS NOT NULL THEN \(dialect.days(date: dialect.makeDate(g(dotted, 3), g(dotted, 2), g(dotted, 1)))) "
                + "WHEN \(g(dashed, 1)) IS NOT NULL THEN \(dialect.days(date: dialect.makeDate(g(dashed, 1), g(dashed, 2), g(dashed, 3)))) "
                + "WHEN \(excel) >= 61 AND \(excel) < 2958466 THEN \(excel) - 25569 ELSE \(dialect.null(.number)) END"
        case .flag:
            var yes: [String] = []
            var no: [String] = []
            for (spelling, truth) in CellParser.flagSpellings {
                let variants = Set([spelling, spelling.uppercased(), spelling.prefix(1).uppercased() + spelling.dropFirst()])
                if truth == .yes { yes += variants.sorted() } else { no += variants.sorted() }
            }
            let list = { (words: [String]) in words.map(dialect.string).joined(separator: ", ") }
            return "CASE WHEN \(trimmed) IN (\(list(yes))) THEN TRUE WHEN \(trimmed) IN (\(list(no))) THEN FALSE ELSE \(dialect.null(.flag)) END"
        case .number, .count, .share, .percent:
            var cleaned = "REPLACE(REPLACE(\(raw), ' ', ''), '\u{00A0}', '')"
            if commaIsDecimal { cleaned = "REPLACE(\(cleaned), ',', '.')" }
            cleaned = "NULLIF(\(cleaned), '')"
            let withoutSign = "REPLACE(\(cleaned), '%', '')"
            switch type {
            case .percent:
                return dialect.parseNumber("(\(withoutSign) || 'e-2')")
            case .share:
                return "CASE WHEN RIGHT(\(cleaned), 1) = '%' THEN \(dialect.parseNumber("(\(withoutSign) || 'e-2')")) ELSE \(dialect.parseNumber(cleaned)) END"
            default:
                return dialect.parseNumber(cleaned)
            }
        }
    }
}

/// Why load statements could not be written.
public struct SQLLoadProblem: Error, Sendable {
    public let message: Message
}

extension SQLDialect {
    /// Text to a double, NULL when it is not a number.
    public func parseNumber(_ text: String) -> String { "TRY_CAST(\(text) AS \(doubleType))" }
}
