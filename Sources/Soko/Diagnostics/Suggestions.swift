// "Did you mean …?": the nearest known name by edit distance, for Cyrillic and Latin alike.

public enum Suggestions {
    /// Edit distance over Unicode scalars, case-insensitive, where swapping two neighbouring
    /// letters counts as one edit (optimal string alignment).
    public static func distance(_ a: String, _ b: String) -> Int {
        let left = Array(a.lowercased().unicodeScalars)
        let right = Array(b.lowercased().unicodeScalars)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var beforePrevious = [Int](repeating: 0, count: right.count + 1)
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[right.count]
    }

    /// The closest candidate within a distance that grows with the name's length (1 for short
    /// names, up to a third of the length), or nil when nothing is close.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(1, name.unicodeScalars.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let d = distance(name, candidate)
            if d <= limit, best == nil || d < best!.distance || (d == best!.distance && candidate < best!.name) {
                best = (candidate, d)
            }
        }
        return best?.name
    }
}
