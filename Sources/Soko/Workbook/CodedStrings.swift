// The shared-string numbers of the texts of columns' dictionaries (a school's key, name and
// municipality are codes into a column's dictionary): found once per code and sheet, and, for
// a sheet written on several threads, found piece by piece and merged (XLSXWriter.number).

/// Per column of a sheet, the shared-string numbers of the texts of the column's dictionary by
/// their codes (`SheetXML.codedText`): a coded text is looked up once per sheet. Filled by one
/// thread; read by several once filled.
final class CodedStrings: @unchecked Sendable {
    // Unchecked: `set` is called by the one thread writing or numbering the rows; the threads
    // that write rows afterwards only read (`XLSXWriter.worksheet` starts them after the pass).

    /// The numbers, in memory of their own: read at every coded cell, on several threads,
    /// without reference counting.
    struct Table {
        /// Per column, the numbers by code, each as the digits a cell writes (`Digits`; 0 not
        /// yet known).
        private var columns: UnsafeMutablePointer<UnsafeMutableBufferPointer<UInt64>>
        private var count = 0
        private var capacity = 8
        /// When recording (a range of rows numbered on its own, to be merged:
        /// `CodedStrings.merge`), the numbers live here instead of in `columns`.
        fileprivate var recording: Recording?

        init() {
            columns = .allocate(capacity: capacity)
        }

        func free() {
            for column in 0..<count { columns[column].deallocate() }
            columns.deallocate()
        }

        /// The number of text `code` of the dictionary of `column`, when known.
        func index(column: Int, code: Int) -> Int? {
            digits(column: column, code: code).map(Digits.number)
        }

        /// The number of text `code` of the dictionary of `column` as its digits, when known.
        @inline(__always)
        func digits(column: Int, code: Int) -> UInt64? {
            if recording != nil { return recording?.numbers.index(column << 32 | code).map(Digits.of) }
            guard column < count else { return nil }
            let numbers = columns[column]
            guard code < numbers.count else { return nil }
            let digits = numbers[code]
            return digits == 0 ? nil : digits
        }

        /// Records the number of text `code` of `column`'s dictionary of `codes` texts.
        mutating func set(_ index: Int, column: Int, code: Int, codes: Int) {
            if recording != nil {
                recording?.numbers.set(index, for: column << 32 | code)
                recording?.assignments.append(Assignment(column: column, code: code, codes: codes, index: index))
                return
            }
            if column >= capacity {
                let larger = UnsafeMutablePointer<UnsafeMutableBufferPointer<UInt64>>.allocate(capacity: max(capacity * 2, column + 1))
                larger.moveInitialize(from: columns, count: count)
                columns.deallocate()
                columns = larger
                capacity = max(capacity * 2, column + 1)
            }
            while count <= column {
                (columns + count).initialize(to: UnsafeMutableBufferPointer(start: nil, count: 0))
                count += 1
            }
            var numbers = columns[column]
            if numbers.count <= code {
                let larger = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(codes, code + 1))
                larger.initialize(repeating: 0)
                if let old = numbers.baseAddress {
                    larger.baseAddress?.update(from: old, count: numbers.count)
                    numbers.deallocate()
                }
                numbers = larger
                columns[column] = larger
            }
            numbers[code] = Digits.of(index)
        }
    }

    /// What a range of rows numbered on its own found: the numbers by column and code in a hash
    /// table (a range meets few of a column's texts; arrays as long as the dictionaries would
    /// not pay), and every `set` in order, to be merged.
    struct Recording {
        var numbers = RecordedNumbers()
        var assignments: [Assignment] = []
    }

    /// A number given to text `code` of the dictionary of `codes` texts of `column`.
    struct Assignment {
        let column: Int
        let code: Int
        let codes: Int
        let index: Int
    }

    let table: UnsafeMutablePointer<Table>

    /// Numbers that record each `set` when `recording` (to be merged into others).
    init(recording: Bool = false) {
        table = .allocate(capacity: 1)
        table.initialize(to: Table())
        if recording { table.pointee.recording = Recording() }
    }

    /// Takes the numbers `other` recorded, each turned into a number here by `numbers` (the
    /// result of `SharedStrings.merge` of the table `other`'s numbers are of).
    func merge(_ other: CodedStrings, numbers: [Int]) {
        for assignment in other.table.pointee.recording?.assignments ?? [] {
            set(numbers[assignment.index], column: assignment.column, code: assignment.code, codes: assignment.codes)
        }
    }

    deinit {
        table.pointee.free()
        table.deinitialize(count: 1)
        table.deallocate()
    }

    /// The number of text `code` of the dictionary of `column`, when known.
    func index(column: Int, code: Int) -> Int? {
        table.pointee.index(column: column, code: code)
    }

    /// Records the number of text `code` of `column`'s dictionary of `codes` texts.
    func set(_ index: Int, column: Int, code: Int, codes: Int) {
        table.pointee.set(index, column: column, code: code, codes: codes)
    }
}

/// A shared-string number as the digits its cell writes, in one word: up to seven ASCII digits
/// in the low bytes (the first lowest) and their count in the top byte, stored into the XML
/// as one word (`SheetXML.codedText`) rather than made digit by digit at every cell (a sheet of
/// a million rows has millions of coded cells). A number of eight digits or more (ten million
/// texts) is kept as it is, the top byte `Digits.whole`.
enum Digits {
    static let whole: UInt64 = 0xFF

    /// The word of `number` (≥ 0): never 0.
    static func of(_ number: Int) -> UInt64 {
        guard number < 10_000_000 else { return UInt64(number) | whole << 56 }
        var digits: UInt64 = 0
        var rest = number
        var count: UInt64 = 0
        repeat {
            digits = digits << 8 | UInt64(48 + rest % 10)
            rest /= 10
            count += 1
        } while rest > 0
        return digits | count << 56
    }

    /// The number a word holds.
    static func number(_ digits: UInt64) -> Int {
        let count = digits >> 56
        if count == whole { return Int(digits & 0xFFFF_FFFF_FFFF) }
        var number = 0
        for place in 0..<count { number = number * 10 + Int(digits >> (8 * place) & 0xFF) - 48 }
        return number
    }
}

/// Numbers by a whole-number key (a column and a code), in an open-addressing table with a
/// multiplicative hash: what a range of rows numbered on its own met (`CodedStrings`).
struct RecordedNumbers {
    /// Key plus one (0: a free slot) and number, at most half full.
    private var keys = [Int](repeating: 0, count: 1 << 10)
    private var numbers = [Int](repeating: 0, count: 1 << 10)
    private var count = 0

    private func slot(_ key: Int) -> Int {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while keys[slot] != 0 && keys[slot] != key + 1 { slot = (slot + 1) & mask }
        return slot
    }

    func index(_ key: Int) -> Int? {
        let slot = slot(key)
        return keys[slot] == 0 ? nil : numbers[slot]
    }

    mutating func set(_ number: Int, for key: Int) {
        let found = slot(key)
        if keys[found] == 0 { count += 1 }
        keys[found] = key + 1
        numbers[found] = number
        guard count * 2 > keys.count else { return }
        let (oldKeys, oldNumbers) = (keys, numbers)
        keys = [Int](repeating: 0, count: oldKeys.count * 2)
        numbers = [Int](repeating: 0, count: oldKeys.count * 2)
        for (key, number) in zip(oldKeys, oldNumbers) where key != 0 {
            let free = slot(key - 1)
            keys[free] = key
            numbers[free] = number
        }
    }
}
