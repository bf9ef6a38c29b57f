import Testing
@testable import MuSummaryText

@Suite struct SummaryParserTests {
    let parser = SummaryParser()

    @Test func stripsPreambleNumberingEmphasisAndSignOff() throws {
        let reply = """
            Here is a summary of the function:

            1. **Parses** the `config` file at *path*.
            2) Returns the _parsed_ dictionary.

            Let me know if you need anything else!
            """
        let bullets = try parser.parse(reply)
        #expect(bullets == ["Parses the config file at path.", "Returns the parsed dictionary."])
    }

    @Test func stripsCodeFencesAndBulletGlyphs() throws {
        let reply = """
            ```
            • Opens a socket to the server.
            * Sends the request and waits for the reply.
            ```
            """
        #expect(try parser.parse(reply) == ["Opens a socket to the server.", "Sends the request and waits for the reply."])
    }

    @Test func keepsSnakeCaseIdentifiersIntact() throws {
        let bullets = try parser.parse("- Calls load_user_config and caches the result.")
        #expect(bullets == ["Calls load_user_config and caches the result."])
    }

    @Test func keepsOnlyWhatFollowsSummaryMarkerAndDropsThinking() throws {
        let reply = """
            <thinking>It opens the file. Then it parses JSON. It raises on errors.</thinking>
            Step 1: look at the body.
            **Summary:**
            - Loads JSON settings from disk.
            - Raises ValueError when the file is empty.
            """
        #expect(try parser.parse(reply) == ["Loads JSON settings from disk.", "Raises ValueError when the file is empty."])
    }

    @Test func continuationLinesJoinTheirBullet() throws {
        let reply = "- Validates the token and\n  refreshes it when expired.\n- Returns the user id."
        #expect(try parser.parse(reply) == ["Validates the token and refreshes it when expired.", "Returns the user id."])
    }

    @Test func remarksAfterTheBulletsAreDropped() throws {
        let reply = "- Loads the config.\n- Returns it.\n\nNote: the function is simple and has no side effects."
        #expect(try parser.parse(reply) == ["Loads the config.", "Returns it."])
    }

    @Test func splitsAParagraphIntoSentences() throws {
        let bullets = try parser.parse("Computes the checksum of a buffer. Returns it as a hex string.")
        #expect(bullets == ["Computes the checksum of a buffer.", "Returns it as a hex string."])
    }

    @Test func keepsAtMostFiveBullets() throws {
        let reply = (1...8).map { "- Step number \($0) of the process." }.joined(separator: "\n")
        let bullets = try parser.parse(reply)
        #expect(bullets.count == 5)
        #expect(bullets.last == "Step number 5 of the process.")
    }

    @Test func rejectsEmptyAndPreambleOnlyReplies() {
        #expect(throws: InvalidSummary(reason: "the reply is empty")) { try parser.parse("") }
        #expect(throws: InvalidSummary(reason: "the reply is empty")) { try parser.parse("Here is the summary:\n\n") }
    }

    @Test func rejectsBulletsOverTheWordLimit() {
        let long = "- " + Array(repeating: "word", count: 26).joined(separator: " ")
        #expect(throws: InvalidSummary(reason: "bullet 1 has 26 words (limit 25)")) { try parser.parse(long) }
        let exactly25 = "- " + Array(repeating: "word", count: 25).joined(separator: " ")
        #expect((try? parser.parse(exactly25))?.count == 1)
    }

    @Test func rejectsCodeInsteadOfProse() {
        let body = "def add(a, b):\n    total = a + b\n    return total\n"
        #expect(throws: InvalidSummary.self) { try parser.parse("def add(a, b):\n    return a + b", body: body) }
        #expect(throws: InvalidSummary(reason: "bullet 1 copies a line of the code")) {
            try parser.parse("- total = a + b", body: body)
        }
        #expect(throws: InvalidSummary.self) { try parser.parse("- if (x > 0) { y = f(x); }") }
    }

    @Test func acceptsDocstringTextThatAlsoAppearsInTheBody() throws {
        let body = "def area(r):\n    \"\"\"\n    Return the area of a circle of radius r.\n    \"\"\"\n    return 3.14 * r * r\n"
        let bullets = try parser.parse("- Return the area of a circle of radius r.", body: body)
        #expect(bullets.count == 1)
    }
}
