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

        private struct Reads {
            var direct: [(column: Column, header: Int32)]
            var history: [(back: Int, earlier: [Int32], columns: [(column: Column, header: Int32)])]
        }

        /// Per rule: its expressions' reads; nil for a rule left to the finder (a direct
        /// header that could equal an earlier period's name, like `score (2019)`).
        private let rules: [[Reads]?]
        private let finders: [((Int) -> [String])?]
        private let periods: [Int]?
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
            let hasPeriods = evaluation.entities.periods != nil
            var rules: [[Reads]?] = []
            var finders: [((Int) -> [String])?] = []
            for rule in program.rules.indices {
                let declaration = program.rules[rule]
                var reads: [Reads] = []
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
                    let history = hasPeriods ? evaluation.historyReads(of: expr).map {
                        (back: $0.1, earlier: evaluation.evaluator.earlierEntityCached(periods: $0.1), columns: columns($0.0))
                    } : []
                    reads.append(Reads(direct: direct, history: history))
                }
                rules.append(ambiguous ? nil : reads)
                finders.append(ambiguous ? evaluation.missingInputsFinder(rule: rule) : nil)
            }
            self.rules = rules
            self.finders = finders
            self.headers = headers
            periods = evaluation.entities.periods
        }

        /// The missing names of `rule` for `entity`, in `names` (emptied first); false when the
        /// rule is left to the finder (then `texts` holds the names).
        func find(rule: Int, entity: Int, names: inout [Name], texts: inout [String]) -> Bool {
            names.removeAll(keepingCapacity: true)
            guard let reads = rules[rule] else {
                texts = finders[rule]?(entity) ?? []
                return false
            }
            for read in reads {
                for (column, header) in read.direct where column.isMissing(at: entity) {
                    let name = Name(header: header, period: nil)
                    if !names.contains(name) { names.append(name) }
                }
                guard let period = periods?[entity] else { continue }
                for (back, earlierEntity, columns) in read.history {
                    let earlier = Int(earlierEntity[entity])
                    for (column, header) in columns where earlier < 0 || column.isMissing(at: earlier) {
                        let name = Name(header: header, period: period - back)
                        if !names.contains(name) { names.append(name) }
                    }
                }
            }
            return true
        }

        /// A name as text: the header, and the period in brackets for an earlier period's read.
        func text(_ name: Name) -> String {
            headers[Int(name.header)] + (name.period.map { " (\($0))" } ?? "")
        }
    }
}
