// The hostile data files the robustness issue lists that other suites do not already cover,
// each with its exact outcome.
import Testing
@testable import Soko

@Suite struct HostileDataFileTests {
    static let columns = [DataTest.column("id", .text), DataTest.column("n", .number)]

    @Test func whitespaceOnlyFileIsEmpty() {
        let issues = DataTest.failure(DataTest.read("   \n \t \n", Self.columns))
        #expect(issues.map(\.code).contains("D0002") || issues.map(\.code).contains("D0005"))
        #expect(issues.allSatisfy { $0.severity == .error })
    }

    @Test func aByteOrderMarkInTheMiddleIsDataNotAMarker() {
        // In a number cell it is not a number (named by row and column); in a text cell it stays
        // text, so nothing is silently dropped.
        let issues = DataTest.failure(DataTest.read("id,n\na,1\n\u{FEFF}b,\u{FEFF}2\n", Self.columns))
        #expect(issues.map(\.code) == ["D0013"])
        #expect(issues.first?.row == 3)
        #expect(issues.first?.column == "n")
    }

    @Test func mixedEncodingsAreNamedByRowAndColumn() {
        // A UTF-8 file with one cell written in Windows-1251 («Школа» as cp1251 bytes): read as
        // UTF-8, the foreign cell is an error, not mojibake.
        let bytes = Array("id,n\nшкола,1\n".utf8) + [0xD8, 0xEA, 0xEE, 0xEB, 0xE0] + Array(",2\n".utf8)
        let issues = DataTest.failure(DataTest.read(bytes, Self.columns))
        #expect(issues.map(\.code) == ["D0011"])
        #expect(issues.first?.row == 3)
        #expect(issues.first?.column == "id")
    }

    @Test func aFiftyMegabyteFieldIsOneErrorNotAnAllocation() {
        var bytes = Array("id,n\na,".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "7"), count: 50 << 20)
        bytes += Array("\nb,2\n".utf8)
        let issues = DataTest.failure(DataTest.read(bytes, Self.columns))
        #expect(issues.map(\.code) == ["D0009"])
        #expect(issues.first?.row == 2)
        #expect(issues.first?.column == "n")
    }
}
