// The state machine against a plain reference parser over random inputs and block sizes.
import Testing
@testable import Soko

@Suite struct CSVReaderDifferentialTests {
    /// The reader's rules written as plainly as possible, over the whole input at once.
    static func reference(_ bytes: [UInt8]) -> [RecordCollector.Collected] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var records: [RecordCollector.Collected] = []
        var index = 0
        var row = 1
        func isLineEnd(_ at: Int) -> Bool { at < bytes.count && (bytes[at] == lf || bytes[at] == cr) }
        // Skips one line end (CRLF counts as one).
        func skipLineEnd() {
            if bytes[index] == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 2 } else { index += 1 }
        }
        while index < bytes.count {
            if isLineEnd(index) {
                skipLineEnd()
                row += 1
                continue
            }
            var fields: [[UInt8]] = []
            var hasNul = false
            var unterminated = false
            var ended = false
            while !ended {
                var field: [UInt8] = []
                if index < bytes.count, bytes[index] == quote {
                    index += 1
                    var closed = false
                    while index < bytes.count {
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < bytes.count, bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == 0 { hasNul = true }
                        field.append(byte)
                        index += 1
                    }
                    if !closed { unterminated = true }
                }
                // Unquoted bytes (or bytes after a closing quote) up to a delimiter or line end.
                while index < bytes.count, bytes[index] != comma, !isLineEnd(index) {
                    if bytes[index] == 0 { hasNul = true }
                    field.append(bytes[index])
                    index += 1
                }
                fields.append(field)
                if index >= bytes.count {
                    ended = true
                } else if bytes[index] == comma {
                    index += 1
                    if index >= bytes.count {
                        fields.append([])
                        ended = true
                    }
                } else {
                    skipLineEnd()
                    ended = true
                }
            }
            let blank = fields.allSatisfy(\.isEmpty)
            if !blank || unterminated {
                records.append(RecordCollector.Collected(
                    row: row, fields: fields.map { String(decoding: $0, as: UTF8.self) }, hasNul: hasNul,
                    unterminatedQuote: unterminated, overlongField: -1))
            }
            row += 1
        }
        return records
    }

    @Test(arguments: 0..<24)
    func randomInputsAgreeWithTheReference(_ seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 13)
        let alphabet: [[UInt8]] = [[0x61], [0x62], [0x2C], [0x2C], [0x22], [0x22], [0x0A], [0x0D], [0x0D, 0x0A],
                                   Array("ж".utf8), [0x20], [0x00]]
        for _ in 0..<25 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                bytes += alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
            }
            let expected = Self.reference(bytes)
            for blockSize in [1, 2, 3, 5, 8, 13, 1 << 16] {
                let records = DataTest.records(bytes, blockSize: blockSize)
                #expect(records == expected, "\(bytes) block \(blockSize)")
                if records != expected { return }
            }
        }
    }
}
