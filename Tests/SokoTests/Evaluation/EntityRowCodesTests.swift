// The entity index's row codes, computed in ranges on every core, against one thread: the same
// entities for good data, the same messages (rows, order) for rows without a key or a period.
// And groups by period coded straight from the periods, against the codes of their numbers; and
// `at least N of` counted through raw buffers, against Kleene's rule applied by hand.
import Foundation
import Testing
@testable import Soko

@Suite struct EntityRowCodesTests {
    static let rules = "dataset d { key id  period year  column a: number }\nrule r { when a > 1 severity low }"

    /// The run's entities (key/period) or its data errors (code and row), one thread and cut
    /// into `parts` ranges.
    static func both(_ csv: String, parts: Int) -> (serial: [String], parallel: [String]) {
        let dir = Support.folder(["r.soko": rules, "d.csv": csv])
        func describe() -> [String] {
            switch Runner.run(RunRequest(ruleFiles: [dir + "/r.soko"], data: [dir + "/d.csv"])) {
            case .evaluated(let evaluation, _, _, _):
                return (0..<evaluation.entities.count).map { "\(evaluation.entities.key($0))/\(evaluation.entities.period($0) ?? -1)" }
            case .dataErrors(let issues):
                return issues.map { "\($0.code):\($0.row ?? 0):\($0.message.en)" }
            default:
                return ["other"]
            }
        }
        return ParallelEvaluationTests.bothWays(parts: parts) { describe() }
    }

    @Test func periodCodesAgreeWithTheCodesOfTheirNumbers() {
        var generator = SystemRandomNumberGenerator()
        var cases: [[Int]] = [[], [2024], [2024, 2022, 2024, 2023], [5, -3, 5, 0], [0, 100_000, 7, 100_000], [Int(1e9) - 1, -Int(1e9) + 1, 3]]
        for _ in 0..<50 {
            let width = [3, 40, 1 << 17][Int.random(in: 0..<3, using: &generator)]
            cases.append((0..<Int.random(in: 1..<300, using: &generator)).map { _ in 2000 + Int.random(in: 0..<width, using: &generator) })
        }
        for periods in cases {
            let numbers = periods.map(Double.init)
            var expected: [Int32]
            if let dense = Evaluator.denseCodes(numbers) {
                expected = dense
            } else {
                var seen: [Double: Int32] = [:]
                expected = numbers.map { x in
                    if let code = seen[x] { return code }
                    seen[x] = Int32(seen.count)
                    return Int32(seen.count - 1)
                }
            }
            #expect(Evaluator.firstAppearanceCodes(periods) == expected, "\(periods.prefix(10))")
        }
    }

    @Test func atLeastAgreesWithKleenesRuleByHand() {
        // Every combination of yes, no and unknown (a missing value) for three conditions.
        var csv = "id,year,a,b,c\n"
        var expected: [String: RuleOutcome] = [:]
        let cells = ["5", "0", ""]
        var entity = 0
        for x in cells { for y in cells { for z in cells {
            csv += "k\(entity),2024,\(x),\(y),\(z)\n"
            let truths = [x, y, z].map { $0.isEmpty ? Truth.unknown : ($0 == "5" ? .yes : .no) }
            let held = truths.filter { $0 == .yes }.count
            let open = truths.filter { $0 == .unknown }.count
            expected["k\(entity)/2024"] = held >= 2 ? .fired : (held + open < 2 ? .silent : .insufficient)
            entity += 1
        } } }
        let rules = """
        dataset d { key id  period year  column a: number  column b: number  column c: number }
        rule r { when at least 2 of (a > 1, b > 1, c > 1) severity low }
        """
        let dir = Support.folder(["r.soko": rules, "d.csv": csv])
        let (serial, parallel) = ParallelEvaluationTests.bothWays(parts: 3) { () -> [String: RuleOutcome] in
            guard case .evaluated(let evaluation, _, _, _) = Runner.run(RunRequest(ruleFiles: [dir + "/r.soko"], data: [dir + "/d.csv"])) else {
                return [:]
            }
            return Support.outcomes(evaluation, rule: "r")
        }
        #expect(serial == expected)
        #expect(parallel == expected)
    }

    @Test(arguments: [2, 3, 7])
    func rowCodesOnEveryCoreAgreeWithOneThread(_ parts: Int) {
        let cases = [
            "id,year,a\n",
            "id,year,a\nk1,2024,1\n",
            "id,year,a\nk2,2024,1\nk1,2024,2\nk1,2023,3\nk3,2020,4\nk2,2019,5\nЁж,2024,6\nёж,2024,7\n",
            "id,year,a\nk2,2024,1\n,2024,2\nk1,,3\nk1,2023,4\n,,5\nk4,2024,6\n",
            "id,year,a\nk1,2024,1\nk1,2024,2\n",
        ]
        for csv in cases {
            let (serial, parallel) = Self.both(csv, parts: parts)
            #expect(serial == parallel, "\(csv)")
            #expect(serial != ["other"], "\(csv)")
        }
    }
}
