// Which inputs of a rule are missing for an entity, asked for many entities by the reports: the
// rule's inputs are found once, laid out as typed columns, and each entity is then answered by
// index lookups only (no column copied, no closure per input).

/// The missing inputs of one rule, entity by entity (`Evaluation.missingInputsFinder`).
final class MissingInputFinder {
    /// One input to look at, in the order names are reported: its kind and which typed column.
    private struct Check {
        enum Kind { case numbers, flags, texts, missing, known }
        let kind: Kind
        let column: Int
        /// The name reported (a history read adds the period in brackets).
        let name: String
        /// For a history read: how many periods back, and which `earlier` map (else -1).
        let back: Int
        let earlier: Int
    }

    private var numbers: [[Double]] = []
    private var flags: [[UInt8]] = []
    private var texts: [[Int32]] = []
    private var earlier: [[Int32]] = []
    private var checks: [Check] = []
    private let periods: [Int]?

    /// `reads`: per expression of the rule, its direct inputs and its history reads.
    init(reads: [(direct: [(Column, String)], history: [(back: Int, earlier: [Int32], columns: [(Column, String)])])], periods: [Int]?) {
        self.periods = periods
        for read in reads {
            for (column, name) in read.direct { add(column, name: name, back: 0, earlier: -1) }
            for history in read.history {
                earlier.append(history.earlier)
                for (column, header) in history.columns { add(column, name: header, back: history.back, earlier: earlier.count - 1) }
            }
        }
    }

    private func add(_ column: Column, name: String, back: Int, earlier: Int) {
        let check: Check
        switch column {
        case .numbers(let values):
            numbers.append(values)
            check = Check(kind: .numbers, column: numbers.count - 1, name: name, back: back, earlier: earlier)
        case .flags(let values):
            flags.append(values)
            check = Check(kind: .flags, column: flags.count - 1, name: name, back: back, earlier: earlier)
        case .texts(let codes, _):
            texts.append(codes)
            check = Check(kind: .texts, column: texts.count - 1, name: name, back: back, earlier: earlier)
        case .constant(let value):
            check = Check(kind: value == .missing ? .missing : .known, column: 0, name: name, back: back, earlier: earlier)
        }
        checks.append(check)
    }

    @inline(__always)
    private func isMissing(_ check: Check, at entity: Int) -> Bool {
        switch check.kind {
        case .numbers: numbers[check.column][entity].isNaN
        case .flags: flags[check.column][entity] == Truth.unknown.rawValue
        case .texts: texts[check.column][entity] < 0
        case .missing: true
        case .known: false
        }
    }

    /// The names of the inputs missing for `entity`, each once, in the order of the rule's reads.
    func names(_ entity: Int) -> [String] {
        var names: [String] = []
        for index in checks.indices {
            let check = checks[index]
            if check.earlier < 0 {
                if isMissing(check, at: entity), !names.contains(check.name) { names.append(check.name) }
                continue
            }
            // `prev(x)` and `change(x)` need the earlier period: name the columns there too.
            guard let period = periods?[entity] else { continue }
            let other = Int(earlier[check.earlier][entity])
            if other < 0 || isMissing(check, at: other) {
                let name = check.name + " (\(period - check.back))"
                if !names.contains(name) { names.append(name) }
            }
        }
        return names
    }
}
