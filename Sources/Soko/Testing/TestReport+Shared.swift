// A file imported by several rule sets (rules/common/…) has its tests run with each of them;
// across the reports of one `soko test` each test counts once, and each rule's coverage once.

extension TestReport {
    /// The reports with every test reported once (the first time its file and place were seen)
    /// and the coverage of a rule seen in several reports merged into its first report.
    public static func deduplicated(_ reports: [TestReport]) -> [TestReport] {
        var seenTests = Set<String>()
        var coverageOwner: [String: (report: Int, index: Int)] = [:]
        var results: [[TestResult]] = []
        var coverage: [[RuleCoverage]] = []
        for (reportIndex, report) in reports.enumerated() {
            results.append(report.results.filter { result in
                let path = report.sources[result.range.file]?.path ?? ""
                return seenTests.insert("\(path)\u{1F}\(result.range.start)\u{1F}\(result.name)").inserted
            })
            var kept: [RuleCoverage] = []
            for rule in report.coverage {
                if let owner = coverageOwner[rule.rule] {
                    let merged = owner.report == reportIndex ? kept[owner.index] : coverage[owner.report][owner.index]
                    var combined = merged
                    combined.fired = combined.fired || rule.fired
                    combined.silent = combined.silent || rule.silent
                    combined.insufficient = combined.insufficient || rule.insufficient
                    if owner.report == reportIndex { kept[owner.index] = combined } else { coverage[owner.report][owner.index] = combined }
                } else {
                    coverageOwner[rule.rule] = (reportIndex, kept.count)
                    kept.append(rule)
                }
            }
            coverage.append(kept)
        }
        return reports.indices.map { TestReport(results: results[$0], coverage: coverage[$0], sources: reports[$0].sources) }
    }
}
