import MuTestSupport
import Testing
@testable import MuLLM

/// The prompt's byte-level fast paths give the answers of the general code on plain texts
/// (moved from PlainFastPathTests when the offline summarizer left MuLLM).
@Suite struct PromptFastPathTests {
    static let texts: [String] = {
        var generator = TextGenerator(seed: 7)
        let edgeCases = ["", " ", "[", "]", "[]", "[[x]]", "[ name ]", "x [name] y [body]", "[[name]]]"]
        return generator.texts(1500, from: TextGenerator.plainTokens, maxTokens: 14, edgeCases: edgeCases)
    }()

    @Test func templatesAndCharacterCounts() {
        let values = ["name": "f", "body": "x {{name}} y", "": "empty"]
        for text in Self.texts.map({ $0.replacingOccurrences(of: "[", with: "{{").replacingOccurrences(of: "]", with: "}}") }) {
            #expect(PromptTemplate.substitute(text, values) == PromptTemplate.substituteGeneral(text, values), "\(text.debugDescription)")
            #expect(Prompt.characters(text) == text.count)
        }
        #expect(Prompt.characters("é\r\n😀") == "é\r\n😀".count)
    }
}
