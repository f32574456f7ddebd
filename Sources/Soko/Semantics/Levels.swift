// Levels: the spaces of rows an expression can be evaluated in (the main level of schools,
// group levels such as municipalities, `all`, and row tables), and the links between them.
// The checker builds them from the datasets' `link` members and the declarations' `for`.

/// One space of rows: every typed expression is evaluated in exactly one.
public struct Space: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The schools: every keyed dataset that no link makes a level of its own.
        case main
        /// A dataset some link points to: one entity per key (and period).
        case dataset(Int)
        /// A main-level column that links nowhere: one entity per value and period.
        case column(ColumnRef)
        /// One entity per period.
        case all
        /// A dataset without a key: one entity per row.
        case rows(Int)
    }

    public let kind: Kind
    /// The name as written in `for` (a dataset, a column, `all`).
    public let name: String
    /// The title reports show (the dataset's title, the column's title).
    public let title: String?

    /// True for a level above the main one (a dataset level, a column group, `all`).
    public var isGroupLevel: Bool {
        switch kind {
        case .dataset, .column, .all: true
        case .main, .rows: false
        }
    }

    /// How far below the top a space lies: row tables are the deepest, `all` the highest.
    var depth: Int {
        switch kind {
        case .rows: 0
        case .main: 1
        case .dataset, .column: 2
        case .all: 3
        }
    }
}

/// `link a, b -> target`: each entity of `from` finds the entity of `to` whose key equals its
/// columns (and whose period is its period, when `to` has periods).
public struct Link: Sendable, Hashable {
    public let from: Int
    public let to: Int
    /// Columns of the `from` space whose values form the target's key; empty for `all`.
    public let columns: [ColumnRef]
    /// The dataset the link was declared in and its target (for warnings), nil when implied
    /// by a `for` (a column group, `all`).
    public let declaredIn: Int?
    public let target: Int?
    public let range: SourceRange
}

extension Program {
    /// The space of a dataset, a declaration or a link end; 0 when the program has one level.
    public func space(_ index: Int) -> Space {
        spaces.isEmpty ? Space(kind: .main, name: "", title: nil) : spaces[index]
    }

    /// The first link from `lower` into `upper`: how the entities of `lower` belong to those of
    /// `upper` (schools to municipalities, participants to schools).
    public func memberLink(from lower: Int, to upper: Int) -> Int? {
        links.firstIndex { $0.from == lower && $0.to == upper }
    }

    /// The group levels with declarations, in space order.
    public var groupLevels: [Int] {
        spaces.indices.filter { space in
            spaces[space].isGroupLevel && (indicators.contains { $0.level == space } || rules.contains { $0.level == space })
        }
    }

    /// The program as reports see it: only the main level's indicators, rules and bands (they
    /// come first in the arrays, so their indices do not change).
    public var mainView: Program {
        guard !spaces.isEmpty else { return self }
        var view = self
        view.wholeProgramParameters = readParameters
        view.indicators = indicators.filter { $0.level == 0 }
        view.rules = rules.filter { $0.level == 0 }
        view.bands = bands.filter { $0.level == 0 }
        view.evaluationOrder = evaluationOrder.filter { node in
            switch node {
            case .indicator(let index): index < view.indicators.count
            case .rule(let index): index < view.rules.count
            case .bands(let index): index < view.bands.count
            }
        }
        return view
    }

    /// Rules evaluated at the main level.
    public var mainRules: [Int] { rules.indices.filter { rules[$0].level == 0 } }
    public var mainIndicators: [Int] { indicators.indices.filter { indicators[$0].level == 0 } }
    public var mainBands: [Int] { bands.indices.filter { bands[$0].level == 0 } }

    /// The key text of a composite key: its parts joined with U+001F.
    public static let keySeparator: Character = "\u{1F}"

    /// A key as people read it: the parts of a composite key joined with " / ".
    public static func displayKey(_ key: String) -> String {
        key.contains(keySeparator) ? key.split(separator: keySeparator, omittingEmptySubsequences: false).joined(separator: " / ") : key
    }
}
