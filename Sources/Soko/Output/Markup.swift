// Markup shared by the HTML note, the SVG chart and the JUnit reports: one escaper, and the
// JUnit document that `check` and `test` both write for CI.

public enum Markup {
    /// Text made safe in HTML/XML content and in quoted attribute values; control characters
    /// other than tab and line breaks are dropped (XML does not allow them at all).
    public static func escape(_ text: String) -> String {
        // Most texts (names, numbers, Cyrillic words) have nothing to escape.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One JUnit test case: a failure has a one-line message and the full text.
    public struct JUnitCase {
        public let className: String
        public let name: String
        public let failure: (message: String, text: String)?

        public init(className: String, name: String, failure: (message: String, text: String)?) {
            self.className = className
            self.name = name
            self.failure = failure
        }
    }

    /// A JUnit XML document with one suite.
    public static func junit(suite: String, cases: [JUnitCase]) -> String {
        let failures = cases.filter { $0.failure != nil }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"\(escape(suite))\" tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
        for testCase in cases {
            out += "    <testcase classname=\"\(escape(testCase.className))\" name=\"\(escape(testCase.name))\">\n"
            if let failure = testCase.failure {
                out += "      <failure message=\"\(escape(failure.message))\">\(escape(failure.text))</failure>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}
