// Where the JSON report's per-entity values come from. The writer keeps the columns in arrays
// by kind (`Arrays`) and a value's source is an index into them, holding no reference; a range
// of entities is written through buffers over those arrays (`Buffers`), valid while the range
// is written. Reading a column so takes no reference counting per value: on several threads at
// once, each retain of the same shared array would bounce its count between the cores.

extension JSONReport {
    /// Where a value written for every entity comes from: an index into `Arrays` of its kind.
    enum ValueSource {
        /// Numbers (`Arrays.numbers`).
        case numbers(Int)
        /// Truths (`Arrays.bytes`).
        case flags(Int)
        /// Text codes (`Arrays.codes`) and each dictionary entry's quoted text (`Arrays.pieces`).
        case texts(codes: Int, pieces: Int)
        case constant(ByteArena.Piece)
        /// A date indicator, days written as a date (`Arrays.dates`).
        case dates(Int)
    }

    /// The arrays entities are written from, by kind.
    struct Arrays {
        var numbers: [[Double]] = []
        var bytes: [[UInt8]] = []
        var codes: [[Int32]] = []
        var integers: [[Int]] = []
        var pieces: [[ByteArena.Piece]] = []
        var dates: [Column] = []

        mutating func add(_ values: [UInt8]) -> Int {
            bytes.append(values)
            return bytes.count - 1
        }

        mutating func add(_ values: [Int32]) -> Int {
            codes.append(values)
            return codes.count - 1
        }

        mutating func add(_ values: [Int]) -> Int {
            integers.append(values)
            return integers.count - 1
        }

        mutating func add(_ values: [ByteArena.Piece]) -> Int {
            pieces.append(values)
            return pieces.count - 1
        }

        /// The source of a column's values, its texts quoted into `arena`.
        mutating func source(_ column: Column, isDate: Bool = false, arena: ByteArena) -> ValueSource {
            if isDate {
                dates.append(column)
                return .dates(dates.count - 1)
            }
            switch column {
            case .numbers(let values):
                numbers.append(values)
                return .numbers(numbers.count - 1)
            case .flags(let values):
                return .flags(add(values))
            case .texts(let codes, let dictionary):
                return .texts(codes: add(codes), pieces: add(dictionary.map { arena.addJSONString($0) }))
            case .constant(let value):
                var bytes: [UInt8] = []
                JSONReport.appendValue(.constant(value), 0, to: &bytes)
                return .constant(arena.add(bytes))
            }
        }

        /// Calls `body` with buffers over every array; they are valid during the call only.
        func withBuffers<R>(arena: ByteArena, missing: MissingInputs.Buffers, _ body: (Buffers) -> R) -> R {
            JSONReport.withEach(numbers) { numbers in
                JSONReport.withEach(bytes) { bytes in
                    JSONReport.withEach(codes) { codes in
                        JSONReport.withEach(integers) { integers in
                            JSONReport.withEach(pieces) { pieces in
                                body(Buffers(arena: UnsafePointer(arena.base), numbers: numbers, bytes: bytes, codes: codes,
                                             integers: integers, pieces: pieces, missing: missing))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Buffers over `Arrays` (the same indices) and the arena's bytes, while a range is written.
    struct Buffers {
        let arena: UnsafePointer<UInt8>
        let numbers: [UnsafeBufferPointer<Double>]
        let bytes: [UnsafeBufferPointer<UInt8>]
        let codes: [UnsafeBufferPointer<Int32>]
        let integers: [UnsafeBufferPointer<Int>]
        let pieces: [UnsafeBufferPointer<ByteArena.Piece>]
        let missing: MissingInputs.Buffers
    }

    /// Calls `body` with a buffer over each of `arrays`, in order, valid during the call only.
    static func withEach<T, R>(_ arrays: [[T]], _ body: ([UnsafeBufferPointer<T>]) -> R) -> R {
        var buffers: [UnsafeBufferPointer<T>] = []
        buffers.reserveCapacity(arrays.count)
        func nest(_ index: Int) -> R {
            guard index < arrays.count else { return body(buffers) }
            return arrays[index].withUnsafeBufferPointer { buffer in
                buffers.append(buffer)
                return nest(index + 1)
            }
        }
        return nest(0)
    }

    /// Writes the value of `source` for `entity`: numbers raw, missing as `null`.
    @inline(__always)
    static func write(_ source: ValueSource, _ entity: Int, _ buffers: Buffers, dates: [Column], to out: inout ByteWriter) {
        switch source {
        case .numbers(let index): out.appendJSONNumber(buffers.numbers[index][entity])
        case .flags(let index):
            switch buffers.bytes[index][entity] {
            case Truth.yes.rawValue: out.append(trueBytes)
            case Truth.no.rawValue: out.append(falseBytes)
            default: out.append(ByteFormat.nullBytes)
            }
        case .texts(let codes, let pieces):
            let code = buffers.codes[codes][entity]
            if code < 0 { out.append(ByteFormat.nullBytes) } else { out.append(buffers.pieces[pieces][Int(code)], from: buffers.arena) }
        case .constant(let piece): out.append(piece, from: buffers.arena)
        case .dates(let index):
            let column = dates[index]
            if case .number(let days) = column.value(at: entity) {
                out.appendJSONString(CalendarDates.format(days, language: .en))
            } else {
                var bytes: [UInt8] = []
                JSONReport.appendValue(column, entity, to: &bytes)
                out.append(bytes)
            }
        }
    }

    static let trueBytes: [UInt8] = Array("true".utf8)
    static let falseBytes: [UInt8] = Array("false".utf8)

    /// A column's value for one entity as JSON: numbers raw, missing as `null`.
    static func appendValue(_ column: Column, _ entity: Int, to out: inout [UInt8]) {
        switch column {
        case .numbers(let values):
            ByteFormat.appendJSONNumber(values[entity], to: &out)
        case .flags(let values):
            switch values[entity] {
            case Truth.yes.rawValue: out += trueBytes
            case Truth.no.rawValue: out += falseBytes
            default: out += ByteFormat.nullBytes
            }
        case .texts, .constant:
            switch column.value(at: entity) {
            case .number(let x): ByteFormat.appendJSONNumber(x, to: &out)
            case .text(let text): ByteFormat.appendJSONString(text, to: &out)
            case .flag(let b): out += b ? trueBytes : falseBytes
            case .missing: out += ByteFormat.nullBytes
            }
        }
    }
}
