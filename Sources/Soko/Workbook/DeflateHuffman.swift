// The Huffman codes and fixed tables of DEFLATE (RFC 1951, section 3.2), for DeflateEncoder.

/// RFC 1951's tables of match lengths and distances.
enum DeflateTables {
    /// The shortest length of each length symbol 257...285.
    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                                    131, 163, 195, 227, 258]
    /// Extra bits after each length symbol 257...285.
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// The shortest distance of each distance symbol 0...29, minus one.
    static let distanceStart: [Int] = [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024,
                                       1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576]
    /// Extra bits after each distance symbol 0...29.
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12,
                                       12, 13, 13]

    /// The length symbol (257...285) of each match length 3...258 (0 below 3).
    static let lengthSymbol: [UInt16] = {
        var symbols = [UInt16](repeating: 0, count: 259)
        for symbol in 0..<29 {
            let end = symbol == 28 ? 259 : lengthBase[symbol + 1]
            for length in lengthBase[symbol]..<end { symbols[length] = UInt16(257 + symbol) }
        }
        // 258 has a symbol of its own (285), not 284 with all extra bits set.
        symbols[258] = 285
        return symbols
    }()

    /// Distance symbols by `distance - 1` below 256, then by `(distance - 1) >> 7` from 256 on.
    static let distanceSymbols: [UInt8] = {
        var symbols = [UInt8](repeating: 0, count: 512)
        for symbol in 0..<30 {
            let start = distanceStart[symbol]
            let end = symbol == 29 ? 32_768 : distanceStart[symbol + 1]
            for value in stride(from: start, to: end, by: 1) where value < 256 { symbols[value] = UInt8(symbol) }
            for value in stride(from: max(start, 256), to: end, by: 128) { symbols[256 + value >> 7] = UInt8(symbol) }
        }
        return symbols
    }()

    /// Extra bits after a literal/length symbol (0 for literals and the end of block).
    @inline(__always)
    static func lengthExtraBits(_ symbol: Int) -> Int {
        symbol > 256 ? lengthExtra[symbol - 257] : 0
    }
}

/// A canonical Huffman code (RFC 1951, 3.2.2) with lengths of at most `limit` bits, built from
/// symbol frequencies; codes are stored bit-reversed, ready to be written least significant bit
/// first.
struct HuffmanCode {
    let lengths: [UInt8]
    let codes: [UInt16]

    /// An optimal code for `frequencies` (symbols of frequency 0 get no code), then lengths over
    /// `limit` shortened, the lengths of others lengthened to keep the code complete. Ties are
    /// broken by symbol number, so the code depends on the frequencies alone.
    init(frequencies: [UInt32], limit: Int) {
        let symbols = frequencies.indices.filter { frequencies[$0] > 0 }
            .sorted { (frequencies[$0], $0) < (frequencies[$1], $1) }
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        let used = symbols.count
        if used == 1 {
            lengths[symbols[0]] = 1
        } else if used > 1 {
            // Huffman's merging with two queues: leaves in order of weight, and the merged nodes,
            // which are made in order of weight too.
            var weight = [UInt64](repeating: 0, count: 2 * used - 1)
            var parent = [Int](repeating: 0, count: 2 * used - 1)
            for (index, symbol) in symbols.enumerated() { weight[index] = UInt64(frequencies[symbol]) }
            var leaf = 0
            var merged = used
            for node in used..<(2 * used - 1) {
                var pair = (0, 0)
                for side in 0..<2 {
                    let pick: Int
                    if leaf < used && (merged >= node || weight[leaf] <= weight[merged]) {
                        pick = leaf
                        leaf += 1
                    } else {
                        pick = merged
                        merged += 1
                    }
                    if side == 0 { pair.0 = pick } else { pair.1 = pick }
                }
                weight[node] = weight[pair.0] + weight[pair.1]
                parent[pair.0] = node
                parent[pair.1] = node
            }
            var depth = [Int](repeating: 0, count: 2 * used - 1)
            for node in stride(from: 2 * used - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
            var count = [Int](repeating: 0, count: limit + 2)
            for index in 0..<used { count[min(depth[index], limit)] += 1 }
            // Kraft's sum in units of 2^-limit: over 2^limit when lengths were cut. Each step moves
            // a leaf from the deepest level under one at a shallower level: one unit less.
            var total = 0
            for length in 1...limit { total += count[length] << (limit - length) }
            while total > 1 << limit {
                count[limit] -= 1
                for length in stride(from: limit - 1, through: 1, by: -1) where count[length] > 0 {
                    count[length] -= 1
                    count[length + 1] += 2
                    break
                }
                total -= 1
            }
            // The most frequent symbols get the shortest codes.
            var next = used - 1
            for length in 1...limit {
                for _ in 0..<count[length] {
                    lengths[symbols[next]] = UInt8(length)
                    next -= 1
                }
            }
        }
        self.lengths = lengths
        codes = Self.canonicalCodes(lengths)
    }

    /// `frequencies` with at least two symbols used (1 given to the first unused ones): a code
    /// of one symbol would be incomplete, which inflaters refuse for the code-length code.
    static func withTwoSymbols(_ frequencies: [UInt32]) -> [UInt32] {
        var frequencies = frequencies
        var used = frequencies.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        var index = 0
        while used < 2 && index < frequencies.count {
            if frequencies[index] == 0 {
                frequencies[index] = 1
                used += 1
            }
            index += 1
        }
        return frequencies
    }

    private static func canonicalCodes(_ lengths: [UInt8]) -> [UInt16] {
        var perLength = [Int](repeating: 0, count: 17)
        for length in lengths where length > 0 { perLength[Int(length)] += 1 }
        var next = [Int](repeating: 0, count: 17)
        var code = 0
        for bits in 1...16 {
            code = (code + perLength[bits - 1]) << 1
            next[bits] = code
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            var value = next[Int(length)]
            next[Int(length)] += 1
            var reversed = 0
            for _ in 0..<Int(length) {
                reversed = reversed << 1 | value & 1
                value >>= 1
            }
            codes[symbol] = UInt16(reversed)
        }
        return codes
    }
}

/// The header of a block with dynamic Huffman codes (RFC 1951, 3.2.7): the code lengths of the
/// literal/length and distance codes, run-length encoded and themselves Huffman coded.
struct BlockHeader {
    /// The order in which the code-length code's lengths are written.
    private static let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    private static let repeatExtra = [16: 2, 17: 3, 18: 7]

    private let literalCount: Int
    private let distanceCount: Int
    private let orderCount: Int
    /// Code-length symbols (0...18) and the value of their extra bits.
    private let runs: [(symbol: Int, extra: Int)]
    private let code: HuffmanCode
    /// The header's size in bits.
    let bits: Int

    init(literals: [UInt8], distances: [UInt8]) {
        literalCount = max(257, (literals.lastIndex { $0 > 0 } ?? 0) + 1)
        distanceCount = max(1, (distances.lastIndex { $0 > 0 } ?? 0) + 1)
        let sequence = Array(literals[0..<literalCount]) + Array(distances[0..<distanceCount])
        var runs: [(symbol: Int, extra: Int)] = []
        var index = 0
        while index < sequence.count {
            let value = Int(sequence[index])
            var run = 1
            while index + run < sequence.count && Int(sequence[index + run]) == value { run += 1 }
            index += run
            var left = run
            if value == 0 {
                while left >= 11 {
                    let taken = min(left, 138)
                    runs.append((18, taken - 11))
                    left -= taken
                }
                if left >= 3 {
                    runs.append((17, left - 3))
                    left = 0
                }
            } else {
                runs.append((value, 0))
                left -= 1
                while left >= 3 {
                    let taken = min(left, 6)
                    runs.append((16, taken - 3))
                    left -= taken
                }
            }
            for _ in 0..<left { runs.append((value, 0)) }
        }
        var frequencies = [UInt32](repeating: 0, count: 19)
        for run in runs { frequencies[run.symbol] += 1 }
        let code = HuffmanCode(frequencies: HuffmanCode.withTwoSymbols(frequencies), limit: 7)
        let orderCount = max(4, (Self.order.lastIndex { code.lengths[$0] > 0 } ?? 0) + 1)
        var bits = 5 + 5 + 4 + 3 * orderCount
        for run in runs { bits += Int(code.lengths[run.symbol]) + (Self.repeatExtra[run.symbol] ?? 0) }
        self.code = code
        self.orderCount = orderCount
        self.runs = runs
        self.bits = bits
    }

    func write(into writer: inout BitWriter) {
        writer.put(UInt64(literalCount - 257), 5)
        writer.put(UInt64(distanceCount - 1), 5)
        writer.put(UInt64(orderCount - 4), 4)
        for symbol in Self.order.prefix(orderCount) { writer.put(UInt64(code.lengths[symbol]), 3) }
        for run in runs {
            writer.put(UInt64(code.codes[run.symbol]), Int(code.lengths[run.symbol]))
            if let extra = Self.repeatExtra[run.symbol] { writer.put(UInt64(run.extra), extra) }
        }
    }
}
