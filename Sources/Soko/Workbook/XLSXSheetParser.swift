// One worksheet part (`xl/worksheets/sheetN.xml`) into rows of cells, streaming: `<row>` and
// `<c>` elements with their values (`<v>`, inline `<is><t>`), merged ranges and hidden columns.
// A formula's cell holds the value Excel last computed (`<v>` beside `<f>`).
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The worksheet parser. Cell types (`t`): `s` shared string, `inlineStr`, `str` (a formula's
/// string), `b` boolean, `e` error, `d` ISO date, `n` or none a number.
final class SheetParser: PartParser {
    private let sharedStrings: [String]
    private let styleLooks: [NumberLook]
    private var rows: [[SheetCell]] = []
    private var merges: [CellRange] = []
    private var hidden = Set<Int>()

    private var rowIndex = -1
    private var columnIndex = -1
    private var cellType = ""
    private var cellStyle = 0
    private var text = ""
    private var inValue = false
    private var inInlineText = false
    private var inCell = false
    private var phoneticDepth = 0
    private var sawValue = false

    private init(sharedStrings: [String], styleLooks: [NumberLook]) {
        self.sharedStrings = sharedStrings
        self.styleLooks = styleLooks
    }

    static func parse(_ bytes: [UInt8], name: String, sharedStrings: [String], styleLooks: [NumberLook]) -> Sheet {
        let parser = SheetParser(sharedStrings: sharedStrings, styleLooks: styleLooks)
        parser.run(bytes)
        return Sheet(name: name, rows: parser.rows, merges: parser.merges, hiddenColumns: parser.hidden)
    }

    override func start(_ elementName: String, _ attributes: [String: String]) {
        switch elementName {
        case "row":
            rowIndex = attributes["r"].flatMap { Int($0) }.map { $0 - 1 } ?? rowIndex + 1
            columnIndex = -1
        case "c":
            if let reference = attributes["r"], let (row, column) = Self.cellReference(reference) {
                rowIndex = max(rowIndex, row)
                columnIndex = column
            } else {
                columnIndex += 1
            }
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
            text = ""
            sawValue = false
            inCell = true
        case "v":
            inValue = inCell
            sawValue = true
        case "is":
            sawValue = true
        case "rPh":
            phoneticDepth += 1
        case "t":
            inInlineText = inCell && phoneticDepth == 0
        case "mergeCell":
            if let reference = attributes["ref"], let range = Self.rangeReference(reference) { merges.append(range) }
        case "col":
            if attributes["hidden"] == "1" || attributes["hidden"] == "true",
               let low = attributes["min"].flatMap({ Int($0) }), let high = attributes["max"].flatMap({ Int($0) }), low >= 1, high >= low {
                for column in (low - 1)..<min(high, low + 16384) { hidden.insert(column) }
            }
        default: break
        }
    }

    override func end(_ elementName: String) {
        switch elementName {
        case "v": inValue = false
        case "t": inInlineText = false
        case "rPh": phoneticDepth -= 1
        case "c":
            inCell = false
            guard rowIndex >= 0, columnIndex >= 0, sawValue else { return }
            let cell = makeCell()
            if cell == .empty { return }
            while rows.count <= rowIndex { rows.append([]) }
            if rows[rowIndex].count <= columnIndex {
                rows[rowIndex] += [SheetCell](repeating: .empty, count: columnIndex + 1 - rows[rowIndex].count)
            }
            rows[rowIndex][columnIndex] = cell
        default: break
        }
    }

    override func characters(_ string: String) {
        if inValue || inInlineText { text += string }
    }

    /// The cell just closed, from its type, style and text.
    private func makeCell() -> SheetCell {
        switch cellType {
        case "s":
            guard let index = Int(text.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) else { return .empty }
            return sharedStrings[index].isEmpty ? .empty : .text(sharedStrings[index])
        case "inlineStr", "str":
            return text.isEmpty ? .empty : .text(text)
        case "b":
            return .flag(text.trimmingCharacters(in: .whitespaces) == "1")
        case "e":
            return .error(text)
        case "d":
            // An ISO 8601 date cell (rare; strict Open XML): kept as the text it is.
            return text.isEmpty ? .empty : .text(text)
        default:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return .empty }
            guard let value = Double(trimmed) else { return .text(trimmed) }
            let look = styleLooks.indices.contains(cellStyle) ? styleLooks[cellStyle] : .plain
            return .number(value, look)
        }
    }

    // MARK: References

    /// `B12` → (row 11, column 1), zero-based.
    static func cellReference(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for scalar in reference.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A where digits == 0:
                column = column * 26 + Int(scalar.value - 0x40)
                letters += 1
            case 0x61...0x7A where digits == 0:
                column = column * 26 + Int(scalar.value - 0x60)
                letters += 1
            case 0x30...0x39:
                row = row * 10 + Int(scalar.value - 0x30)
                digits += 1
            case 0x24: continue // `$A$1`
            default: return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        return (row - 1, column - 1)
    }

    /// `A1:C2` → the range, zero-based; a single cell `A1` is a one-cell range.
    static func rangeReference(_ reference: String) -> CellRange? {
        let parts = reference.split(separator: ":")
        guard let first = parts.first.flatMap({ cellReference(String($0)) }) else { return nil }
        let last = parts.count > 1 ? cellReference(String(parts[1])) : first
        guard let last else { return nil }
        return CellRange(firstRow: min(first.row, last.row), firstColumn: min(first.column, last.column),
                         lastRow: max(first.row, last.row), lastColumn: max(first.column, last.column))
    }

    /// Column index (zero-based) → Excel's letters: 0 → A, 25 → Z, 26 → AA.
    static func columnName(_ index: Int) -> String {
        var index = index + 1
        var letters: [Character] = []
        while index > 0 {
            let remainder = (index - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            index = (index - 1) / 26
        }
        return String(letters)
    }
}
