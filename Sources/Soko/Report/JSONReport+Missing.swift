// The missing inputs of an undecided rule (`Evaluation.missingInputsFinder`) as prepared
// pieces instead of new strings: a million school-years have hundreds of thousands of
// undecided rules, each naming columns such as `vpr_m4 (2019)`. The same names in the same
// order as the finder gives (a test compares the two).

extension JSONReport {
    /// Per rule, the reads that can be missing, with the column headers prepared once.
    struct MissingInputs {
        /// One missing name: a header (index into `headers`) and, for an earlier period's
        /// read, that period.
        struct Name: Equatable {
            let header: Int32
            let period: Int?
        }

        /// One read that can be missing: in which column array of its kind (`numbers`,
        /// `flags`, `codes`; a constant is always or never missing), its header and, for an
        /// earlier period's read, how many periods back and which map to the earlier entity.
        private struct Check {
            enum Kind { case numbers, flags, texts, missing, known }
            let kind: Kind
            let column: Int
            let header: Int32
            let back: Int
            /// Index into `earlier`, or -1 for a read of the entity itself.
            let earlier: Int
        }

        /// Per rule: its checks in `checks`, in the order of its expressions (each one's own
        /// reads, then its earlier periods' reads); nil for a rule left to the finder (a direct
        /// header that could equal an earlier period's name, like `score (2019)`).
        private let rules: [Range<Int>?]
        private let checks: [Check]
        private let numbers: [[Double]]
        private let flags: [[UInt8]]
        private let codes: [[Int32]]
        private let earlier: [[Int32]]
        private let finders: [((Int) -> [String])?]
        private let periods: [Int]
        /// Distinct headers (equal as strings), as written into the reports.
        let headers: [String]

        init(_ evaluation: Evaluation) {
            let program = evaluation.program
            var headers: [String] = []
            var headerIndex: [String: Int32] = [:]
            func index(_ header: String) -> Int32 {
                if let known = headerIndex[header] { return known }
                let next = Int32(headers.count)
                headers.append(header)
                headerIndex[header] = next
                return next
            }
            var numbers: [[Double]] = []
            var flags: [[UInt8]] = []
            var codes: [[Int32]] = []
            var earlier: [[Int32]] = []
            var checks: [Check] = []
            func add(_ column: Column, header: Int32, back: Int, earlier: Int) {
                switch column {
                case .numbers(let values):
                    numbers.append(values)
                    checks.append(Check(kind: .numbers, column: numbers.count - 1, header: header, back: back, earlier: earlier))
                case .flags(let values):
                    flags.append(values)
                    checks.append(Check(kind: .flags, column: flags.count - 1, header: header, back: back, earlier: earlier))
                case .texts(let values, _):
                    codes.append(values)
                    checks.append(Check(kind: .texts, column: codes.count - 1, header: header, back: back, earlier: earlier))
                case .constant(let value):
                    checks.append(Check(kind: value == .missing ? .missing : .known, column: 0, header: header, back: back, earlier: earlier))
                }
            }
            let hasPeriods = evaluation.entities.periods != nil
            var rules: [Range<Int>?] = []
            var finders: [((Int) -> [String])?] = []
            for rule in program.rules.indices {
                let declaration = program.rules[rule]
                let start = checks.count
                var ambiguous = false
                for expr in [declaration.condition] + declaration.conditions {
                    func columns(_ expr: TypedExpr) -> [(column: Column, header: Int32)] {
                        evaluation.inputs(of: expr).map { ref in
                            let header = program.datasets[ref.dataset].columns[ref.column].header
                            return (evaluation.evaluator.column(ref), index(header))
                        }
                    }
                    let direct = columns(expr)
                    if direct.contains(where: { headers[Int($0.header)].contains(" (") }) { ambiguous = true }
                    for (column, header) in direct { add(column, header: header, back: 0, earlier: -1) }
                    guard hasPeriods else { continue }
                    for (subject, back) in evaluation.historyReads(of: expr) {
                        earlier.append(evaluation.evaluator.earlierEntityCached(periods: back))
                        for (column, header) in columns(subject) { add(column, header: header, back: back, earlier: earlier.count - 1) }
                    }
                }
                rules.append(ambiguous ? nil : start..<checks.count)
                finders.append(ambiguous ? evaluation.missingInputsFinder(rule: rule) : nil)
            }
            self.rules = rules
            self.checks = checks
            self.numbers = numbers
            self.flags = flags
            self.codes = codes
            self.earlier = earlier
            self.finders = finders
            self.headers = headers
            periods = evaluation.entities.periods ?? []
        }

        /// Buffers over the columns the checks read, valid while a range of entities is looked at.
        struct Buffers {
            fileprivate let numbers: [UnsafeBufferPointer<Double>]
            fileprivate let flags: [UnsafeBufferPointer<UInt8>]
            fileprivate let codes: [UnsafeBufferPointer<Int32>]
            fileprivate let earlier: [UnsafeBufferPointer<Int32>]
            fileprivate let periods: UnsafeBufferPointer<Int>
        }

        /// Calls `body` with buffers over the columns; they are valid during the call only.
        func withBuffers<R>(_ body: (Buffers) -> R) -> R {
            JSONReport.withEach(numbers) { numbers in
                JSONReport.withEach(flags) { flags in
                    JSONReport.withEach(codes) { codes in
                        JSONReport.withEach(earlier) { earlier in
                            periods.withUnsafeBufferPointer { periods in
                                body(Buffers(numbers: numbers, flags: flags, codes: codes, earlier: earlier, periods: periods))
                            }
                        }
                    }
                }
            }
        }

        /// The missing names of `rule` for `entity`, in `names` (emptied first); false when the
        /// rule is left to the finder (then `texts` holds the names).
        func find(rule: Int, entity: Int, names: inout [Name], texts: inout [String]) -> Bool {
            withBuffers { find(rule: rule, entity: entity, names: &names, texts: &texts, in: $0) }
        }

        /// `find(rule:entity:names:texts:)` through buffers from `withBuffers`.
        func find(rule: Int, entity: Int, names: inout [Name], texts: inout [String], in buffers: Buffers) -> Bool {
            names.removeAll(keepingCapacity: true)
            guard let range = rules[rule] else {
                texts = finders[rule]?(entity) ?? []
                return false
            }
            for index in range {
                let check = checks[index]
                let name: Name
                if check.earlier < 0 {
                    guard Self.isMissing(check, at: entity, buffers) else { continue }
                    name = Name(header: check.header, period: nil)
                } else {
                    let other = Int(buffers.earlier[check.earlier][entity])
                    guard other < 0 || Self.isMissing(check, at: other, buffers) else { continue }
                    name = Name(header: check.header, period: buffers.periods[entity] - check.back)
                }
                if !names.contains(name) { names.append(name) }
            }
            return true
        }

        /// Reads each column the checks read at `entity` (and the maps to earlier entities):
        /// called some entities ahead of the one written, so that the columns, which are read
        /// only now and then (for undecided rules), are in the cache when they are looked at.
        @inline(__always)
        static func touch(_ entity: Int, _ buffers: Buffers) -> UInt64 {
            var sum: UInt64 = 0
            for column in buffers.numbers where entity < column.count { sum &+= column[entity].bitPattern }
            for column in buffers.flags where entity < column.count { sum &+= UInt64(column[entity]) }
            for column in buffers.codes where entity < column.count { sum &+= UInt64(bitPattern: Int64(column[entity])) }
            for column in buffers.earlier where entity < column.count { sum &+= UInt64(bitPattern: Int64(column[entity])) }
            return sum
        }

        @inline(__always)
        private static func isMissing(_ check: Check, at entity: Int, _ buffers: Buffers) -> Bool {
            switch check.kind {
            case .numbers: buffers.numbers[check.column][entity].isNaN
            case .flags: buffers.flags[check.column][entity] == Truth.unknown.rawValue
            case .texts: buffers.codes[check.column][entity] < 0
            case .missing: true
            case .known: false
            }
        }

        /// A name as text: the header, and the period in brackets for an earlier period's read.
        func text(_ name: Name) -> String {
            headers[Int(name.header)] + (name.period.map { " (\($0))" } ?? "")
        }
    }
}
