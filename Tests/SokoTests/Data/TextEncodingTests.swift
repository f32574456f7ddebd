// Tests of encoding detection, the UTF-8 validator and the Windows-1251 table.
import Testing
@testable import Soko

@Suite struct TextEncodingTests {
    static func detect(_ bytes: [UInt8], atEnd: Bool = true, forced: TextEncoding? = nil) -> EncodingDetection {
        bytes.withUnsafeBufferPointer { TextEncoding.detect(prefix: $0, isWholeFile: atEnd, forced: forced) }
    }

    @Test func detection() {
        #expect(Self.detect([0xEF, 0xBB, 0xBF, 0x61]) == EncodingDetection(encoding: .utf8, bomLength: 3))
        #expect(Self.detect(Array("школа".utf8)) == EncodingDetection(encoding: .utf8, bomLength: 0))
        #expect(Self.detect(Array("plain ascii".utf8)) == EncodingDetection(encoding: .utf8, bomLength: 0))
        #expect(Self.detect([]) == EncodingDetection(encoding: .utf8, bomLength: 0))
        #expect(Self.detect(DataTest.cp1251("школа")) == EncodingDetection(encoding: .windows1251, bomLength: 0))
        // A character cut by the end of the detection window is not a reason for cp1251...
        #expect(Self.detect(Array("шк".utf8).dropLast(), atEnd: false).encoding == .utf8)
        // ...but at the true end of the file it is invalid.
        #expect(Self.detect(Array(Array("шк".utf8).dropLast()), atEnd: true).encoding == .windows1251)
        // Forced encodings win; a BOM is still skipped for UTF-8.
        // (Russian UTF-8 forced to cp1251 is read as forced, with UTF-8 named as the likely one.)
        #expect(Self.detect(Array("школа".utf8), forced: .windows1251) == EncodingDetection(encoding: .windows1251, bomLength: 0, suspected: .utf8))
        #expect(Self.detect([0xEF, 0xBB, 0xBF], forced: .utf8) == EncodingDetection(encoding: .utf8, bomLength: 3))
        #expect(Self.detect(DataTest.cp1251("школа"), forced: .utf8).encoding == .utf8)
    }

    @Test func onlyTheFirst64KiBDecide() {
        let ascii = [UInt8](repeating: UInt8(ascii: "a"), count: TextEncoding.detectionWindow)
        #expect(Self.detect(ascii + [0xE4, 0xE0], atEnd: true).encoding == .utf8)
        #expect(Self.detect([0xE4, 0xE0] + ascii, atEnd: true).encoding == .windows1251)
    }

    @Test func utf16ByteOrderMarks() {
        #expect([0xFF, 0xFE, 0x61, 0x00].withUnsafeBufferPointer { TextEncoding.startsWithUTF16BOM($0) })
        #expect([0xFE, 0xFF, 0x00, 0x61].withUnsafeBufferPointer { TextEncoding.startsWithUTF16BOM($0) })
        #expect(![0xEF, 0xBB, 0xBF].withUnsafeBufferPointer { TextEncoding.startsWithUTF16BOM($0) })
    }

    static let invalidUTF8: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xC2, 0x41], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
        [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0xFF], [0xE4, 0xE0], [0xD1, 0x80, 0x80],
    ]

    @Test(arguments: invalidUTF8)
    func invalidUTF8IsRejected(_ bytes: [UInt8]) {
        #expect(!bytes.withUnsafeBufferPointer { UTF8Validation.validate($0) })
        #expect(TextEncoding.utf8.decode(bytes.withUnsafeBufferPointer { $0 }) == nil)
    }

    @Test func validUTF8IsAccepted() {
        for text in ["", "a", "школа №5", "€", "𝄞", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { UTF8Validation.validate($0) }, "\(text)")
            #expect(bytes.withUnsafeBufferPointer { TextEncoding.utf8.decode($0) } == text)
        }
    }

    @Test func windows1251Table() {
        #expect(Windows1251.upperHalf.count == 128)
        let all = (0...255).map { UInt8($0) }
        let text = all.withUnsafeBufferPointer { Windows1251.decode($0) }
        let scalars = Array(text.unicodeScalars)
        #expect(scalars.count == 256)
        #expect(scalars[0x41] == "A")
        #expect(scalars[0xC0] == "А")
        #expect(scalars[0xDF] == "Я")
        #expect(scalars[0xE0] == "а")
        #expect(scalars[0xFF] == "я")
        #expect(scalars[0xA8] == "Ё")
        #expect(scalars[0xB8] == "ё")
        #expect(scalars[0xB9] == "№")
        #expect(scalars[0xA0] == "\u{A0}")
        #expect(scalars[0x88] == "€")
        #expect(scalars[0x96] == "–")
        #expect(scalars[0xAB] == "«")
        #expect(scalars[0xBB] == "»")
        #expect(scalars[0x98] == "\u{FFFD}")
        // Round trip of the Russian alphabet through the test helper's encoder.
        let alphabet = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
        #expect(DataTest.cp1251(alphabet).withUnsafeBufferPointer { Windows1251.decode($0) } == alphabet)
    }
}
