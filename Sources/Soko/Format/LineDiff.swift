// A small line diff for `soko fmt --check`: the longest common subsequence of lines, printed
// as unified-diff hunks with three lines of context.

/// Line diffs in the unified format (`--- old`, `+++ new`, `@@ -a,b +c,d @@`).
public enum LineDiff {
    /// One step of an edit script.
    enum Edit: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Beyond this many cells of the LCS table the differing middle is shown as one replaced
    /// block instead: a formatter's diff is small, and memory must stay bounded.
    static let tableLimit = 16_000_000

    /// The lines of a text; a line ends with `\n`, `\r\n` or `\r`, and a final line break does
    /// not start another line.
    static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var line: [UInt8] = []
        var afterCarriageReturn = false
        var endsWithBreak = true
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") && afterCarriageReturn {
                afterCarriageReturn = false
                continue
            }
            afterCarriageReturn = byte == UInt8(ascii: "\r")
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(String(decoding: line, as: UTF8.self))
                line = []
                endsWithBreak = true
            } else {
                line.append(byte)
                endsWithBreak = false
            }
        }
        if !endsWithBreak { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    /// The edit script from `old` to `new`, by the longest common subsequence.
    static func edits(_ old: [String], _ new: [String]) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        var middle: [Edit] = []
        if (a.count + 1) * (b.count + 1) > tableLimit {
            middle = a.map(Edit.removed) + b.map(Edit.added)
        } else {
            // lengths[i][j]: the LCS length of a[i...] and b[j...], stored row by row.
            let width = b.count + 1
            var lengths = [Int32](repeating: 0, count: (a.count + 1) * width)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    lengths[i * width + j] = a[i] == b[j]
                        ? lengths[(i + 1) * width + j + 1] + 1
                        : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, a[i] == b[j] {
                    middle.append(.same(a[i])); i += 1; j += 1
                } else if i < a.count, j == b.count || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                    // Removals before additions, as diff(1) shows a changed block.
                    middle.append(.removed(a[i])); i += 1
                } else {
                    middle.append(.added(b[j])); j += 1
                }
            }
        }
        return old[..<prefix].map(Edit.same) + middle + old[(old.count - suffix)...].map(Edit.same)
    }

    /// The unified diff of two texts; empty when their lines are equal (they may still differ
    /// in line breaks).
    public static func unified(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let script = edits(lines(old), lines(new))
        let changed = script.indices.filter { if case .same = script[$0] { false } else { true } }
        guard let firstChange = changed.first else { return "" }
        // Group changes whose context overlaps into hunks of script indices.
        var hunks: [Range<Int>] = []
        var start = max(0, firstChange - context)
        var end = min(script.count, firstChange + 1 + context)
        for index in changed.dropFirst() {
            if index - context <= end {
                end = min(script.count, index + 1 + context)
            } else {
                hunks.append(start..<end)
                start = max(0, index - context)
                end = min(script.count, index + 1 + context)
            }
        }
        hunks.append(start..<end)

        var output = "--- \(oldName)\n+++ \(newName)\n"
        // Line numbers (from 1) of the next old and new line at each script index.
        var oldLine = 1
        var newLine = 1
        var position = 0
        for hunk in hunks {
            while position < hunk.lowerBound {
                advance(script[position], &oldLine, &newLine)
                position += 1
            }
            var oldCount = 0
            var newCount = 0
            var body = ""
            for edit in script[hunk] {
                switch edit {
                case .same(let line): body += " \(line)\n"; oldCount += 1; newCount += 1
                case .removed(let line): body += "-\(line)\n"; oldCount += 1
                case .added(let line): body += "+\(line)\n"; newCount += 1
                }
            }
            // An empty side is numbered by the line before it, as diff(1) does.
            let oldStart = oldCount == 0 ? oldLine - 1 : oldLine
            let newStart = newCount == 0 ? newLine - 1 : newLine
            output += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + body
            while position < hunk.upperBound {
                advance(script[position], &oldLine, &newLine)
                position += 1
            }
        }
        return output
    }

    private static func advance(_ edit: Edit, _ oldLine: inout Int, _ newLine: inout Int) {
        switch edit {
        case .same: oldLine += 1; newLine += 1
        case .removed: oldLine += 1
        case .added: newLine += 1
        }
    }
}
