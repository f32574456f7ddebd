// The shared escaper and the JUnit document that `check` and `test` write.
import Testing
@testable import Soko

@Suite struct MarkupTests {
    @Test func controlCharactersNeverReachXML() {
        #expect(Markup.escape("a\u{1}<b> & \"c\" 'd'\n") == "a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;\n")
    }

    @Test func aJUnitDocumentCountsItsFailures() {
        let xml = Markup.junit(suite: "soko", cases: [
            Markup.JUnitCase(className: "a.soko", name: "ok", failure: nil),
            Markup.JUnitCase(className: "a.soko", name: "bad <1>", failure: ("expected\u{0} fires", "a.soko:3:5: expected fires")),
        ])
        #expect(xml.contains("<testsuites tests=\"2\" failures=\"1\">"))
        #expect(xml.contains("name=\"bad &lt;1&gt;\""))
        #expect(xml.contains("<failure message=\"expected fires\">a.soko:3:5: expected fires</failure>"))
    }
}
