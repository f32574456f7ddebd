// Helpers shared by the tests: compiling rule text, running it over inline CSV, fixture paths.
import Foundation
@testable import Soko

enum Support {
    /// The repository's root folder, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func fixture(_ relative: String) -> String { root + "/Tests/SokoTests/Fixtures/" + relative }

    /// Checks rule text; the diagnostics' codes in order.
    static func codes(_ text: String) -> [String] {
        Compiler.compile(text: text).diagnostics.map(\.code)
    }

    /// Writes files into a fresh temporary folder and returns its path.
    static func folder(_ files: [String: String]) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("soko-test-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            let file = path + "/" + name
            try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try! text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return path
    }

    /// Runs rules over CSV text and returns the evaluation (or fails the test).
    static func evaluate(rules: String, csv: String) throws -> Evaluation {
        let dir = folder(["rules.soko": rules, "data.csv": csv])
        switch Runner.run(RunRequest(ruleFiles: [dir + "/rules.soko"], data: [dir + "/data.csv"])) {
        case .evaluated(let evaluation, _, _, _): return evaluation
        case .ruleErrors(let check): throw Failure("rule errors: \(check.diagnostics.map { $0.code + " " + $0.message.en })")
        case .usage(let messages): throw Failure("usage: \(messages.map(\.en))")
        case .dataErrors(let issues): throw Failure("data: \(issues.map { $0.code + " " + $0.message.en })")
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A rule's outcome per key (single-period data).
    static func outcomes(_ evaluation: Evaluation, rule name: String) -> [String: RuleOutcome] {
        let index = evaluation.program.rule(named: name)!
        var result: [String: RuleOutcome] = [:]
        for entity in 0..<evaluation.entities.count {
            let key = evaluation.entities.key(entity) + (evaluation.entities.period(entity).map { "/\($0)" } ?? "")
            result[key] = evaluation.outcome(rule: index, entity: entity)
        }
        return result
    }
}

extension String {
    /// A JSON report (written indented, in pieces) on one line, as `JSON.serialized()` gives it:
    /// the spaces and line breaks outside strings dropped.
    var compactJSON: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var inString = false
        var escaped = false
        for character in self {
            if inString {
                out.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
                out.append(character)
            } else if !character.isWhitespace {
                out.append(character)
            }
        }
        return out
    }
}
