@testable import MuSource
import Testing

@Suite struct CtagsJSONLineTests {
    func parse(_ s: String) -> CtagsRunner.Tag? { CtagsJSONLine.parse(Array(s.utf8)[...]) }

    @Test func readsTheFieldsMuUses() throws {
        let tag = try #require(parse(#"{"_type": "tag", "name": "get", "path": "a/b.cpp", "file": true, "line": 3, "typeref": "typename:T", "kind": "function", "signature": "() const", "scope": "ns::Box", "scopeKind": "class", "end": 5}"#))
        #expect(tag == CtagsRunner.Tag(name: "get", path: "a/b.cpp", line: 3, kind: "function", scope: "ns::Box",
                                        scopeKind: "class", signature: "() const", end: 5))
    }

    @Test func decodesEscapesAndUnicode() throws {
        let tag = try #require(parse(#"{"name": "caf\u00e9\"\\\/", "path": "d\u00e9j\u00e0/\ud83d\ude00.py", "line": 1}"#))
        #expect(tag.name == "café\"\\/")
        #expect(tag.path == "déjà/😀.py")
    }

    @Test func rejectsWhatIsNotATag() {
        #expect(parse("ctags: Warning: something") == nil)
        #expect(parse(#"{"name": "x"}"#) == nil)               // no path
        #expect(parse(#"{"name": "x", "path": "p", "line": 1"#) == nil) // truncated
        #expect(parse(#"{"name": "x", "path": "p", "nested": {"a": [1, "}"]}, "line": 2}"#)?.line == 2)
    }
}

@Suite struct DocCommentTests {
    @Test func collectsTheCommentBlockDirectlyAbove() {
        let lines = ["// unrelated", "", "/// Fetches a page.", "/// Retries twice.", "func fetch() {}"]
        let doc = DocComment.above(line: 4, lines: { Substring(lines[$0]) }, lineCount: lines.count, language: .swift)
        #expect(doc == "/// Fetches a page.\n/// Retries twice.")
        let block = ["/**", " * Adds.", " */", "int add() {}"]
        #expect(DocComment.above(line: 3, lines: { Substring(block[$0]) }, lineCount: 4, language: .c) == "/**\n* Adds.\n*/") // lines come trimmed
        let python = ["# Helper for tests", "def f():"]
        #expect(DocComment.above(line: 1, lines: { Substring(python[$0]) }, lineCount: 2, language: .python) == "# Helper for tests")
        let none = ["x = 1", "def g():"]
        #expect(DocComment.above(line: 1, lines: { Substring(none[$0]) }, lineCount: 2, language: .python) == nil)
    }
}
