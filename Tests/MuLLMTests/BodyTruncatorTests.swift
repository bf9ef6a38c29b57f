import Testing
@testable import MuLLM

@Suite struct BodyTruncatorTests {
    @Test func shortBodiesAreUntouched() {
        let fitted = BodyTruncator.fit("def f():\n    return 1", maxCharacters: 100)
        #expect(!fitted.truncated)
        #expect(fitted.text == "def f():\n    return 1")
    }

    @Test func keepsHeadAndTailWithAMarker() {
        let lines = ["def big():"] + (1...500).map { "    step_\($0)()" } + ["    return done"]
        let body = lines.joined(separator: "\n")
        let fitted = BodyTruncator.fit(body, maxCharacters: 1000)
        #expect(fitted.truncated)
        #expect(fitted.text.count <= 1000)
        #expect(fitted.text.hasPrefix("def big():\n    step_1()"))
        #expect(fitted.text.hasSuffix("    return done"))
        #expect(fitted.omittedLines > 400)
        #expect(fitted.text.contains("[\(fitted.omittedLines) lines omitted by mu"))
    }

    @Test func cutsInsideASingleHugeLine() {
        let body = String(repeating: "x", count: 10_000)
        let fitted = BodyTruncator.fit(body, maxCharacters: 500)
        #expect(fitted.truncated)
        #expect(fitted.text.count <= 520)
        #expect(fitted.text.contains("omitted by mu"))
    }
}
