// Rule files with their expected diagnostics written beside the lines they concern
// (`# expect: E0200`): every diagnostic must be expected, and every expectation met.
import Foundation
import Testing
@testable import Soko

@Suite struct DiagnosticFileTests {
    static let folder = Support.fixture("diagnostics")
    static let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".soko") }.sorted()

    /// `line: [codes]` from the `# expect:` comments of a file.
    static func expectations(_ text: String) -> [Int: [String]] {
        var result: [Int: [String]] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let marker = line.range(of: "# expect:") else { continue }
            result[index + 1] = line[marker.upperBound...].split(separator: " ").map(String.init).sorted()
        }
        return result
    }

    @Test func thereAreFixtures() {
        #expect(Self.files.count >= 4)
    }

    @Test(arguments: files)
    func diagnosticsAreExactlyTheExpectedOnes(_ name: String) throws {
        let path = Self.folder + "/" + name
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let result = Compiler.compile(entries: [path])
        var actual: [Int: [String]] = [:]
        for diagnostic in result.diagnostics {
            let file = try #require(result.sources[diagnostic.range.file])
            actual[file.location(of: diagnostic.range.start).line, default: []].append(diagnostic.code)
        }
        #expect(actual.mapValues { $0.sorted() } == Self.expectations(text))
    }
}
