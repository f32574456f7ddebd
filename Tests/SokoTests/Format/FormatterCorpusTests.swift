// The formatter over every rule file in the repository (examples/, rules/) and the test
// fixtures: idempotent, meaning-preserving, comment-preserving, in both keyword languages;
// and golden files for the fixtures.
import Foundation
import Testing
@testable import Soko

enum Corpus {
    /// The repository's root, found from this file's path (Tests/SokoTests/Format/…).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = root.appendingPathComponent("Tests/SokoTests/Fixtures/format")

    /// Every `.soko` file below the given folders of the repository, relative to its root.
    static func files(under folders: [String]) -> [String] {
        var found: [String] = []
        for folder in folders {
            let url = root.appendingPathComponent(folder)
            guard let enumerator = FileManager.default.enumerator(atPath: url.path) else { continue }
            while let name = enumerator.nextObject() as? String {
                if name.hasSuffix(".soko") { found.append(folder + "/" + name) }
            }
        }
        return found.sorted()
    }

    /// The rule files the formatter must handle: examples, rules, and every fixture (files
    /// with syntax errors are skipped by the tests, since the formatter refuses them).
    static let ruleFiles = files(under: ["examples", "rules", "Tests/SokoTests/Fixtures"])

    static func read(_ relativePath: String) -> String? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relativePath).path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func parses(_ text: String) -> Bool {
        !Parser.parse(file: SourceFile(path: "x.soko", text: text), fileIndex: 0).diagnostics.hasErrors
    }
}

@Suite struct FormatterCorpusTests {
    @Test func corpusIsFound() {
        #expect(Corpus.ruleFiles.contains("examples/benchmark/benchmark.soko"))
        #expect(Corpus.ruleFiles.contains("Tests/SokoTests/Fixtures/format/monitoring.input.soko"))
    }

    /// Idempotence, the same tree and the same comments, with the author's keywords and
    /// translated either way.
    @Test(arguments: Corpus.ruleFiles) func roundTrip(_ path: String) throws {
        let text = try #require(Corpus.read(path))
        guard Corpus.parses(text) else { return }
        FormatTest.formatChecked(text, path: path)
        FormatTest.formatChecked(text, keywords: .en, path: path)
        FormatTest.formatChecked(text, keywords: .ru, path: path)
    }

    /// Russian → English → Russian gives the same text as formatting in Russian, and the
    /// other way round.
    @Test(arguments: Corpus.ruleFiles) func translationRoundTrip(_ path: String) throws {
        let text = try #require(Corpus.read(path))
        guard Corpus.parses(text) else { return }
        for (first, second) in [(Language.ru, Language.en), (.en, .ru)] {
            let direct = FormatTest.format(text, keywords: first, path: path)
            let there = FormatTest.format(direct, keywords: second, path: path)
            let back = FormatTest.format(there, keywords: first, path: path)
            #expect(back == direct, "\(first)→\(second)→\(first) changes \(path):\n\(LineDiff.unified(old: direct, new: back, oldName: "direct", newName: "round trip"))")
        }
    }

    /// Golden files: `NAME.input.soko` formatted as is (`NAME.output.soko`) and with English
    /// and Russian keywords (`NAME.en.soko`, `NAME.ru.soko`). A missing golden file is
    /// written and the test fails once; `SOKO_RECORD=1` re-records them all (review the diff).
    @Test(arguments: Corpus.files(under: ["Tests/SokoTests/Fixtures/format"]).filter { $0.hasSuffix(".input.soko") })
    func golden(_ path: String) throws {
        let text = try #require(Corpus.read(path))
        let base = String(path.dropLast(".input.soko".count))
        let record = ProcessInfo.processInfo.environment["SOKO_RECORD"] == "1"
        for (suffix, keywords) in [(".output.soko", nil), (".en.soko", Language.en), (".ru.soko", .ru)] as [(String, Language?)] {
            let output = FormatTest.formatChecked(text, keywords: keywords, path: path)
            let goldenPath = base + suffix
            if !record, let expected = Corpus.read(goldenPath) {
                #expect(output == expected, "\(goldenPath):\n\(LineDiff.unified(old: expected, new: output, oldName: goldenPath, newName: "actual"))")
            } else {
                try Data(output.utf8).write(to: Corpus.root.appendingPathComponent(goldenPath))
                Issue.record("recorded \(goldenPath); review it and run the tests again")
            }
        }
    }

    /// A golden output is itself formatted: formatting it changes nothing.
    @Test(arguments: Corpus.files(under: ["Tests/SokoTests/Fixtures/format"]).filter { !$0.hasSuffix(".input.soko") })
    func goldenFilesAreFormatted(_ path: String) throws {
        let text = try #require(Corpus.read(path))
        #expect(FormatTest.format(text, path: path) == text, "\(path) is not in the canonical layout")
    }
}
