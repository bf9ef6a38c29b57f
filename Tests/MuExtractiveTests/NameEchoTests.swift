import Testing
@testable import MuExtractive

/// Pins how NameEcho splits text into words, so a faster implementation cannot change which
/// bullets the offline summarizer keeps (its outputs are cached under `extractive-v2`).
@Suite struct NameEchoTests {
    @Test func identifierWordsSplitLikeAReaderWould() {
        #expect(NameEcho.identifierWords("parseHTTPResponse2") == ["parse", "http", "response", "2"])
        #expect(NameEcho.identifierWords("to_key_val_list") == ["to", "key", "val", "list"])
        #expect(NameEcho.identifierWords("Session.request") == ["session", "request"])
        #expect(NameEcho.identifierWords("Doesn't parse  URLs.") == ["doesnt", "parse", "ur", "ls"])   // the acronym rule, as before
        #expect(NameEcho.identifierWords("'quoted'") == ["quoted"])
        #expect(NameEcho.identifierWords("créerÉlément v2beta") == ["créer", "élément", "v", "2", "beta"])
        #expect(NameEcho.identifierWords("line\r\nnext\t__init__") == ["line", "next", "init"])
        #expect(NameEcho.identifierWords("") == [])
        #expect(NameEcho.identifierWords("'") == [])
    }

    @Test func echoesAreSentencesMadeOfTheNamesWords() {
        let echo = NameEcho(qualifiedName: "to_key_val_list")
        #expect(echo.isEcho("Converts to key val list."))
        #expect(!echo.isEcho("Builds a list of (key, value) pairs from a mapping."))
        #expect(NameEcho(qualifiedName: "createApplication").isEcho("Creates application."))
        #expect(NameEcho(qualifiedName: "Entry.name").isEcho("Returns self._name."))
    }
}
