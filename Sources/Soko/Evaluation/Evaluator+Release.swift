// Letting go of indicator columns during a run: a whole column of numbers per indicator, kept
// for the whole run, is most of what evaluation adds to the memory of the table it reads.

#if canImport(Glibc)
import Glibc
#endif

/// For each node of a program's evaluation order, the indicators whose last reader it is.
///
/// `Evaluator.run` evaluates bands and rules in order and indicators when first asked for; an
/// indicator read through another indicator is read by whatever reads that one. Rules and bands
/// read by later nodes are cached outcomes, so reading them reads no indicator again.
struct IndicatorLiveness {
    /// Per position in `evaluationOrder`, the indicators to release after that node.
    let lastReaders: [[Int]]

    init(program: Program) {
        let order = program.evaluationOrder
        var last = [Int?](repeating: nil, count: program.indicators.count)
        for (position, node) in order.enumerated() {
            let roots: [TypedExpr]
            switch node {
            case .indicator: continue
            case .bands(let index): roots = [program.bands[index].subject]
            case .rule(let index): roots = [program.rules[index].condition] + program.rules[index].conditions
            }
            for indicator in Self.indicatorsRead(by: roots, program: program) { last[indicator] = position }
        }
        var readers = [[Int]](repeating: [], count: order.count)
        for (indicator, position) in last.enumerated() {
            if let position { readers[position].append(indicator) }
        }
        lastReaders = readers
    }

    /// The indicators that evaluating these expressions reads, directly or through indicators.
    static func indicatorsRead(by roots: [TypedExpr], program: Program) -> Set<Int> {
        var found = Set<Int>()
        var stack = roots
        while let expr = stack.popLast() {
            if case .indicator(let index) = expr.kind {
                if found.insert(index).inserted { stack.append(program.indicators[index].value) }
            } else {
                stack += expr.children
            }
        }
        return found
    }
}

extension Evaluator {
    /// Drops these indicators' columns; they are evaluated again if asked for.
    func release(_ indicators: [Int]) {
        guard !indicators.isEmpty else { return }
        for index in indicators { indicatorColumns[index] = nil }
    }
}
