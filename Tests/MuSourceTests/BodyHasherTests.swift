import MuSource
import Testing

@Suite struct BodyHasherTests {
    let body = "    func f() {\n        return 1\n    }\n"

    @Test func reindentingKeepsTheHash() {
        let dedented = "func f() {\n    return 1\n}"
        let tabbed = "\t\tfunc f() {\n\t\t    return 1\n\t\t}"
        #expect(BodyHasher.hash(body) == BodyHasher.hash(dedented))
        #expect(BodyHasher.hash(tabbed) == BodyHasher.hash(dedented))
    }

    @Test func lineEndingsAndTrailingWhitespaceKeepTheHash() {
        let crlf = body.replacingOccurrences(of: "\n", with: "\r\n")
        let trailing = "\n\n    func f() {   \n        return 1\t\n    }\n\n\n"
        #expect(BodyHasher.hash(crlf) == BodyHasher.hash(body))
        #expect(BodyHasher.hash(trailing) == BodyHasher.hash(body))
    }

    @Test func anyOtherChangeChangesTheHash() {
        #expect(BodyHasher.hash(body) != BodyHasher.hash(body.replacingOccurrences(of: "1", with: "2")))
        #expect(BodyHasher.hash(body) != BodyHasher.hash(body.replacingOccurrences(of: "return", with: "return ")))
        // Relative indentation inside the body is meaning, not layout.
        #expect(BodyHasher.hash("a\n  b") != BodyHasher.hash("a\nb"))
    }

    @Test func hashIsHexSHA256() {
        // SHA-256("abc"), a published test vector: normalisation leaves "abc" as is.
        #expect(BodyHasher.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(BodyHasher.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func normalizeDedentsAndTrims() {
        #expect(BodyHasher.normalize("\n  a\r\n    b  \r\n\n") == "a\n  b")
    }
}
