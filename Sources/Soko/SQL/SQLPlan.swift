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

/// One common table expression: `name AS (SELECT *, … FROM previous)`, or with a join
/// `SELECT a.*, … FROM previous a LEFT JOIN …` (a value of another level).
struct SQLStep {
    let name: String
    let comment: String?
    /// The step it selects from.
    let from: String
    let columns: [(name: String, sql: String)]
    /// `LEFT JOIN … g ON …` after `FROM previous a`; the columns read `g.…`.
    var join: String? = nil
    /// The step of another chain the join reads.
    var joined: String? = nil
}

/// One chain of steps: the entities of one level (space), each step adding columns.
struct SQLChain {
    /// The name of the last closed step (the FROM of the next).
    var last: String
    var pending: [(name: String, sql: String)] = []
    var pendingNames: Set<String> = []
}

/// Builds the chain of steps.
struct SQLPlan {
    let dialect: any SQLDialect
    private(set) var steps: [SQLStep] = []
    /// One chain per level (space); a program without levels has one.
    private var chains: [SQLChain]
    /// The chain columns are added to (the level of the expression being compiled).
    var space = 0
    private var pending: [(name: String, sql: String)] {
        get { chains[space].pending }
        set { chains[space].pending = newValue }
    }
    private var pendingNames: Set<String> {
        get { chains[space].pendingNames }
        set { chains[space].pendingNames = newValue }
    }
    private var helperCount = 0
    /// Steps named after the declaration being compiled: `decl__1`, `decl__2`, …
    private var partCount = 0
    private var owner = ""
    /// The name of the last closed step of the current chain (the FROM of the next).
    var last: String { chains[space].last }

    /// The last step of a level's chain.
    func last(of space: Int) -> String { chains[space].last }

    /// Many declarations share a step wherever one does not read another (fewer, wider steps:
    /// for engines where each step costs, ClickHouse's temporary tables); steps are then named
    /// `soko_step_N` and their comment lists the declarations.
    let compact: Bool
    private var pendingComments: [String] = []
    private var stepCount = 0

    init(dialect: any SQLDialect, bases: [String], compact: Bool = false) {
        self.dialect = dialect
        chains = bases.map { SQLChain(last: $0) }
        self.compact = compact
        byLevel = bases.map { _ in [] }
        commentsByLevel = bases.map { _ in [] }
        joinsByLevel = bases.map { _ in [] }
    }

    /// Starts the steps of a declaration.
    mutating func begin(_ name: String) {
        owner = name
        partCount = 0
    }

    /// A new column with the fragment's value; returns a fragment that reads it.
    mutating func hoist(_ fragment: SQLFragment) -> SQLFragment {
        if fragment.isColumn { return fragment }
        let name = newHelper()
        add(name, fragment)
        return SQLFragment(dialect.quote(name), reads: [name], isColumn: true)
    }

    /// A fresh helper column name.
    mutating func newHelper() -> String {
        helperCount += 1
        return "soko_h\(helperCount)"
    }

    /// Closes a chain's open step, so that its last step has every column added so far.
    mutating func settle(_ chain: Int) {
        if compact { return }
        let saved = space
        space = chain
        if !pending.isEmpty { closePart() }
        space = saved
    }

    /// The placeholder in a join clause for the last step of the joined chain.
    static let lastStep = "\u{1}last\u{1}"

    /// A step of the current chain that joins chain `other`'s last step (`lastStep` in the
    /// clause); the column reads it (`g.…`) and `reads` (columns of both chains).
    mutating func join(_ name: String, _ sql: String, reads: Set<String>, other: Int, clause: String) {
        if compact {
            let level = 1 + (reads.compactMap { levels[$0] }.max() ?? 0)
            levels[name] = level
            while joinsByLevel[space].count < level { joinsByLevel[space].append([]) }
            joinsByLevel[space][level - 1].append((name, sql, other, clause))
            return
        }
        if !pending.isEmpty { closePart() }
        partCount += 1
        let step = "\(owner)__\(partCount)"
        appendJoin(step, (name, sql, other, clause))
    }

    private mutating func appendJoin(_ step: String, _ join: (name: String, sql: String, other: Int, clause: String)) {
        let clause = join.clause.replacingAll(Self.lastStep, with: dialect.quote(chains[join.other].last))
        steps.append(SQLStep(name: step, comment: nil, from: last, columns: [(join.name, join.sql)], join: clause,
                             joined: chains[join.other].last))
        chains[space].last = step
    }

    /// Compact plans: each column's step number (1 + the highest step it reads), and the
    /// columns and comments of each step.
    /// Per chain, per step number; a column read through a join is one number after what the
    /// join reads, and its join step follows that number's computed steps.
    private var levels: [String: Int] = [:]
    private var byLevel: [[[(name: String, sql: String)]]]
    private var commentsByLevel: [[[String]]]
    private var joinsByLevel: [[[(name: String, sql: String, other: Int, clause: String)]]]

    private mutating func place(_ name: String, _ fragment: SQLFragment, comment: String? = nil) {
        let level = 1 + (fragment.reads.compactMap { levels[$0] }.max() ?? 0)
        levels[name] = level
        while byLevel[space].count < level { byLevel[space].append([]); commentsByLevel[space].append([]) }
        byLevel[space][level - 1].append((name, fragment.sql))
        if let comment { commentsByLevel[space][level - 1].append(comment) }
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

    /// Writes the steps of a compact plan: per step number, each chain's computed columns in
    /// one step, then each chain's joins.
    mutating func flush() {
        guard compact else { return }
        let saved = space
        let count = (byLevel.map(\.count) + joinsByLevel.map(\.count)).max() ?? 0
        for index in 0..<count {
            for chain in chains.indices where index < byLevel[chain].count && !byLevel[chain][index].isEmpty {
                space = chain
                pending = byLevel[chain][index]
                pendingNames = Set(pending.map(\.name))
                pendingComments = commentsByLevel[chain][index]
                closePart()
            }
            for chain in chains.indices where index < joinsByLevel[chain].count {
                space = chain
                for join in joinsByLevel[chain][index] {
                    stepCount += 1
                    appendJoin("soko_step_\(stepCount)", join)
                }
            }
        }
        byLevel = chains.map { _ in [] }
        joinsByLevel = chains.map { _ in [] }
        space = saved
    }

    /// Closes the open step under the given name.
    mutating func close(name: String, comment: String?) {
        steps.append(SQLStep(name: name, comment: comment, from: last, columns: pending))
        pending = []
        pendingNames = []
        pendingComments = []
        chains[space].last = name
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
