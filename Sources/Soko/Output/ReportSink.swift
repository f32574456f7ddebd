// Where a report's bytes go while it is written: the writers fill a buffer and hand it to the
// sink each time it passes `ReportSink.chunk`, so the memory a report takes does not grow
// with its length (a million school-years give gigabytes of JSON). The library never writes
// to a file itself: the caller's closure does (the CLI writes to a file or standard output).
// `pipelined` hands the pieces to the closure on a thread of their own, so that writing a
// gigabyte (system time) overlaps with making the next pieces.

import Dispatch

/// Takes a report's bytes in pieces, in order.
public struct ReportSink {
    /// The buffer size at which writers hand their bytes over.
    public static let chunk = 1 << 20

    private let take: ([UInt8]) -> Void

    /// A sink that gives each piece to `take`, in order.
    public init(_ take: @escaping ([UInt8]) -> Void) {
        self.take = take
    }

    /// Hands `buffer` over when it has reached `chunk` bytes, and empties it.
    @inline(__always)
    func spill(_ buffer: inout [UInt8]) {
        if buffer.count >= ReportSink.chunk { drain(&buffer) }
    }

    /// Hands over whatever `buffer` holds, and empties it.
    public func drain(_ buffer: inout [UInt8]) {
        guard !buffer.isEmpty else { return }
        take(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Runs `write` with a sink whose pieces go to this sink on another thread, in order, at
    /// most `depth` pieces behind (so that memory stays flat); returns when all are taken.
    func pipelined(depth: Int = 3, _ write: (ReportSink) -> Void) {
        let pipe = Pipe(self, depth: depth)
        write(ReportSink { pipe.take($0) })
        pipe.finish()
    }

    /// The queue of `pipelined`: one thread takes the pieces, one at a time, in order.
    private final class Pipe: @unchecked Sendable {
        // Unchecked: `target` is called on the queue only, one piece at a time, and the
        // writer waits for the queue (`finish`) before it returns.
        private let target: ReportSink
        private let queue = DispatchQueue(label: "soko.report.sink")
        private let slots: DispatchSemaphore

        init(_ target: ReportSink, depth: Int) {
            self.target = target
            slots = DispatchSemaphore(value: depth)
        }

        func take(_ bytes: [UInt8]) {
            slots.wait()
            queue.async {
                self.target.take(bytes)
                self.slots.signal()
            }
        }

        func finish() {
            queue.sync {}
        }
    }

    /// Runs `write` with a sink that gathers everything, and returns all the bytes.
    static func collect(_ write: (ReportSink) -> Void) -> [UInt8] {
        final class Box { var bytes: [UInt8] = [] }
        let box = Box()
        write(ReportSink { box.bytes += $0 })
        return box.bytes
    }
}

/// Bytes of numbers and texts, shared by the CSV and JSON writers.
enum ByteFormat {
    /// A whole number in decimal.
    @inline(__always)
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value >= 0 && value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) &+ 48)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var magnitude = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if value < 0 { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// A JSON number: whole values below 10^15 without a fraction, other finite values in the
    /// shortest form that reads back as the same double, and `null` for infinities and NaN.
    static func appendJSONNumber(_ value: Double, to out: inout [UInt8]) {
        if !value.isFinite {
            out.append(contentsOf: nullBytes)
        } else if value == value.rounded(), Swift.abs(value) < 1e15 {
            appendInteger(Int(value), to: &out)
        } else {
            var text = value.description
            text.withUTF8 { out.append(contentsOf: $0) }
        }
    }

    static let nullBytes: [UInt8] = Array("null".utf8)

    /// `Program.displayKey`, looking for the separator byte first: most keys are not composite,
    /// and searching a string for a `Character` costs thousands of instructions.
    static func displayKey(_ key: String) -> String {
        isComposite(key) ? Program.displayKey(key) : key
    }

    /// Whether a key joins several columns' values (holds the separator byte 0x1F), read from
    /// the bytes in place where the string has them (a loop over `utf8` steps an index).
    static func isComposite(_ key: String) -> Bool {
        key.utf8.withContiguousStorageIfAvailable { $0.contains(0x1F) } ?? key.utf8.contains(0x1F)
    }

    /// A JSON string with its quotes: `"` and `\` escaped, line breaks and tabs as `\n`, `\r`,
    /// `\t`, other control characters as `\u00XX`; everything else as UTF-8.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Most texts have nothing to escape: copy them whole.
            guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 10: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 13: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 9: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: Array("\\u00".utf8))
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 15)])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A CSV field, quoted when it holds the delimiter, a quote or a line break.
    static func appendCSVField(_ text: String, to out: inout [UInt8], delimiter: UInt8) {
        var text = text
        text.withUTF8 { bytes in
            out += [UInt8](unsafeUninitializedCapacity: 2 * bytes.count + 2) { buffer, count in
                guard let base = buffer.baseAddress else { return }
                count = writeCSVField(bytes, delimiter: delimiter, to: base)
            }
        }
    }

    /// Writes `bytes` as one CSV field at `out`, which has room for `2 * bytes.count + 2` bytes:
    /// as they are, or in quotes with each quote doubled when they hold the delimiter, a quote
    /// or a line break. Returns how many bytes it wrote.
    @inline(__always)
    static func writeCSVField(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let quote = UInt8(ascii: "\"")
        guard let source = bytes.baseAddress else { return 0 }
        guard bytes.contains(where: { $0 == delimiter || $0 == quote || $0 == 10 || $0 == 13 }) else {
            out.update(from: source, count: bytes.count)
            return bytes.count
        }
        var count = 0
        out[count] = quote
        count += 1
        for byte in bytes {
            if byte == quote {
                out[count] = quote
                count += 1
            }
            out[count] = byte
            count += 1
        }
        out[count] = quote
        return count + 1
    }
}
