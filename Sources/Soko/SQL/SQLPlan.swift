// The chain of common table expressions a compiled rule set becomes: every step selects all
// columns of the step before and adds some. A value used more than once, or the subject of a
// window function, is "hoisted" into a column of its own, so the SQL stays linear in the size
// of the rules (no sub-expression is copied) and no window function nests in another.

/// A piece of SQL for one value per entity, with the computed columns it reads.
struct SQLFragment {
    let sql: String
    /// Columns of earlier steps (helpers and declarations) the SQL reads; dataset columns of
    /// the base step are always there and are not listed.
    let reads: Set<String>
    /// A bare column: reading it twice costs nothing.
    let isColumn: Bool

    init(_ sql: String, reads: Set<String> = [], isColumn: Bool = false) {
        self.sql = sql
        self.reads = reads
        self.isColumn = isColumn
    }
}

/// One common table expression: `name AS (SELECT *, … FROM previous)`.
struct SQLStep {
    let name: String
    let comment: String?
    /// The step it selects from.
    let from: String
    let columns: [(name: String, sql: String)]
}

/// Builds the chain of steps.
struct SQLPlan {
    let dialect: any SQLDialect
    private(set) var steps: [SQLStep] = []
    /// Columns defined by closed steps.
    private(set) var defined: Set<String> = []
    private var pending: [(name: String, sql: String)] = []
    private var pendingNames: Set<String> = []
    private var helperCount = 0
    /// Steps named after the declaration being compiled: `decl__1`, `decl__2`, …
    private var partCount = 0
    private var owner = ""
    /// The name of the last closed step (the FROM of the next).
    private(set) var last: String

    /// Many declarations share a step wherever one does not read another (fewer, wider steps:
    /// for engines where each step costs, ClickHouse's temporary tables); steps are then named
    /// `soko_step_N` and their comment lists the declarations.
    let compact: Bool
    private var pendingComments: [String] = []
    private var stepCount = 0

    init(dialect: any SQLDialect, base: String, compact: Bool = false) {
        self.dialect = dialect
        self.last = base
        self.compact = compact
    }

    /// Starts the steps of a declaration.
    mutating func begin(_ name: String) {
        owner = name
        partCount = 0
    }

    /// A new column with the fragment's value; returns a fragment that reads it.
    mutating func hoist(_ fragment: SQLFragment) -> SQLFragment {
        if fragment.isColumn { return fragment }
        helperCount += 1
        let name = "soko_h\(helperCount)"
        add(name, fragment)
        return SQLFragment(dialect.quote(name), reads: [name], isColumn: true)
    }

    /// Compact plans: each column's step number (1 + the highest step it reads), and the
    /// columns and comments of each step.
    private var levels: [String: Int] = [:]
    private var byLevel: [[(name: String, sql: String)]] = []
    private var commentsByLevel: [[String]] = []

    private mutating func place(_ name: String, _ fragment: SQLFragment, comment: String? = nil) {
        let level = 1 + (fragment.reads.compactMap { levels[$0] }.max() ?? 0)
        levels[name] = level
        while byLevel.count < level { byLevel.append([]); commentsByLevel.append([]) }
        byLevel[level - 1].append((name, fragment.sql))
        if let comment { commentsByLevel[level - 1].append(comment) }
    }

    /// Adds a column to the open step, closing it first when the value reads a column of it.
    mutating func add(_ name: String, _ fragment: SQLFragment) {
        if compact { place(name, fragment); return }
        if !fragment.reads.isDisjoint(with: pendingNames) { closePart() }
        pending.append((name, fragment.sql))
        pendingNames.insert(name)
    }

    private mutating func closePart() {
        if compact {
            stepCount += 1
            close(name: "soko_step_\(stepCount)", comment: pendingComments.isEmpty ? nil : pendingComments.joined(separator: "; "))
            return
        }
        partCount += 1
        close(name: "\(owner)__\(partCount)", comment: nil)
    }

    /// Writes the steps of a compact plan (one per level).
    mutating func flush() {
        guard compact else { return }
        for (index, columns) in byLevel.enumerated() {
            pending = columns
            pendingNames = Set(columns.map(\.name))
            pendingComments = commentsByLevel[index]
            closePart()
        }
        byLevel = []
    }

    /// Closes the open step under the given name.
    mutating func close(name: String, comment: String?) {
        steps.append(SQLStep(name: name, comment: comment, from: last, columns: pending))
        defined.formUnion(pendingNames)
        pending = []
        pendingNames = []
        pendingComments = []
        last = name
    }

    /// Adds the declaration's own columns and closes its last step, named after it.
    mutating func finish(_ name: String, comment: String?, columns: [(String, SQLFragment)]) {
        if compact {
            for (index, (column, fragment)) in columns.enumerated() { place(column, fragment, comment: index == 0 ? comment : nil) }
            return
        }
        if columns.contains(where: { !$0.1.reads.isDisjoint(with: pendingNames) }) { closePart() }
        for (column, fragment) in columns {
            pending.append((column, fragment.sql))
            pendingNames.insert(column)
        }
        close(name: name, comment: comment)
    }
}
