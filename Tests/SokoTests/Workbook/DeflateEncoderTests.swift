import Testing
@testable import Soko

/// The DEFLATE encoder of workbooks, checked by zlib's inflate (a real program's decoder) on
/// inputs that reach each of its paths: stored blocks, the longest matches, the farthest
/// distances, block ends, chunks primed with the bytes before them.
@Suite struct DeflateEncoderTests {
    /// Bytes from a fixed linear congruential sequence: the same in every run.
    static func noise(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// Compresses `input` as one final chunk and inflates it back with zlib.
    static func roundTrip(_ input: [UInt8]) -> (inflated: [UInt8]?, compressed: Int) {
        let compressed = DeflateEncoder().compress(input, dictionary: [], last: true)
        return (Deflate.inflate(compressed[...], expectedSize: input.count), compressed.count)
    }

    @Test func emptyAndTinyInputs() {
        for input in [[], [0x41], [0x41, 0x42], [0x41, 0x41, 0x41], Array("abcd".utf8), Array("abcdabcd".utf8)] as [[UInt8]] {
            #expect(Self.roundTrip(input).inflated == input, "input \(input)")
        }
    }

    @Test func noiseIsStoredNotInflated() {
        // Incompressible bytes: stored blocks, at most a few bytes per 65,535 over the input.
        let input = Self.noise(200_000)
        let (inflated, compressed) = Self.roundTrip(input)
        #expect(inflated == input)
        #expect(compressed <= input.count + 5 * (input.count / 65_535 + 2) + 16)
    }

    @Test func longRunsUseTheLongestMatches() {
        // A million equal bytes: matches of 258 at distance 1, many blocks of 32,768 symbols.
        let input = [UInt8](repeating: 0x30, count: 1_000_000) + Array("end".utf8)
        let (inflated, compressed) = Self.roundTrip(input)
        #expect(inflated == input)
        #expect(compressed < 4_000)
    }

    @Test func matchesAtTheFarthestDistance() {
        // A block of noise repeated at exactly 32,768 bytes, and at 32,769 (out of reach).
        let block = Self.noise(32_768, seed: 7)
        for gap in [0, 1] {
            let input = block + Self.noise(gap, seed: 9) + block
            let (inflated, compressed) = Self.roundTrip(input)
            #expect(inflated == input)
            if gap == 0 { #expect(compressed < block.count + 2_000) }
        }
    }

    @Test func everyByteValueAndMixedContent() {
        var input: [UInt8] = []
        for index in 0..<50_000 {
            input += Array("<row r=\"\(index)\"><c t=\"s\"><v>\(index % 977)</v></c><c s=\"2\"><v>0.\(index &* 7_919 % 100_003)</v></c></row>".utf8)
            if index % 1_000 == 0 { input += (0...255).map { UInt8($0) } }
        }
        let (inflated, compressed) = Self.roundTrip(input)
        #expect(inflated == input)
        #expect(compressed < input.count / 4)
    }

    @Test func chunksPrimedWithTheBytesBeforeThemMakeOneStream() {
        // Chunks of varied sizes (empty ones too), each primed with the 32 KiB before it, ending
        // open (an empty stored block) but for the last: one stream, as DeflateStream writes it.
        var text: [UInt8] = []
        for index in 0..<40_000 { text += Array("<c s=\"3\"><v>\(index % 313)</v></c>".utf8) }
        text += Self.noise(70_000, seed: 3)
        let cuts = [0, 0, 5, 100_000, 100_001, 300_000, 300_000, 650_000, text.count]
        let encoder = DeflateEncoder()
        var stream: [UInt8] = []
        for index in 1..<cuts.count {
            let chunk = Array(text[cuts[index - 1]..<cuts[index]])
            let dictionary = Array(text[max(0, cuts[index - 1] - 32_768)..<cuts[index - 1]])
            stream += encoder.compress(chunk, dictionary: dictionary, last: index == cuts.count - 1)
        }
        #expect(Deflate.inflate(stream[...], expectedSize: text.count) == text)
    }

    @Test func theSameBytesFromAFreshEncoderAndAUsedOne() {
        let input = Array(String(repeating: "<c t=\"s\"><v>12</v></c>", count: 5_000).utf8)
        let used = DeflateEncoder()
        _ = used.compress(Self.noise(100_000), dictionary: [], last: false)
        #expect(used.compress(input, dictionary: [], last: true) == DeflateEncoder().compress(input, dictionary: [], last: true))
    }

    @Test func huffmanCodesAreCompleteAndWithinTheirLimit() {
        // Fibonacci frequencies make the deepest optimal trees (depth n - 1): the limit must cut them.
        var fibonacci: [UInt32] = [1, 1]
        while fibonacci.count < 30 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
        let cases: [([UInt32], Int)] = [
            (fibonacci, 15), (Array(fibonacci.prefix(19)), 7), ([5, 0, 0, 9], 15), ([0, 3, 0, 3, 0], 7),
            ((0..<286).map { UInt32($0 % 7 == 0 ? 0 : $0 * $0 + 1) }, 15),
        ]
        for (frequencies, limit) in cases {
            let code = HuffmanCode(frequencies: frequencies, limit: limit)
            let used = code.lengths.filter { $0 > 0 }
            #expect(used.count == frequencies.filter { $0 > 0 }.count)
            #expect(used.allSatisfy { Int($0) <= limit })
            // Kraft's sum is exactly 1: a complete prefix code.
            let kraft = used.reduce(0) { $0 + (1 << (limit - Int($1))) }
            #expect(kraft == 1 << limit, "frequencies \(frequencies)")
            // More frequent symbols never get longer codes.
            for a in frequencies.indices where frequencies[a] > 0 {
                for b in frequencies.indices where frequencies[b] > frequencies[a] {
                    #expect(code.lengths[b] <= code.lengths[a])
                }
            }
        }
    }

    @Test func aLoneSymbolGetsACompanion() {
        #expect(HuffmanCode.withTwoSymbols([0, 0, 4]) == [1, 0, 4])
        #expect(HuffmanCode.withTwoSymbols([4, 0, 0]) == [4, 1, 0])
        #expect(HuffmanCode.withTwoSymbols([0, 0]) == [1, 1])
        #expect(HuffmanCode.withTwoSymbols([2, 3]) == [2, 3])
    }
}
