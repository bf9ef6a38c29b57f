import Testing
@testable import MuKit

@Suite("ConfigKeyLocator")
struct ConfigKeyLocatorTests {
    @Test("headers, keys, dotted and quoted keys")
    func basics() {
        let locator = ConfigKeyLocator(source: """
            top = 1
            [llm]
              provider = "x"   # comment with key = 1
            llm2.sub.key = 2
            [models."gpt-4.1"]
            'id' = "a"
            [[arr]]
            x = 1
            """)
        #expect(locator.line(for: ["top"]) == 1)
        #expect(locator.line(for: ["llm"]) == 2)
        #expect(locator.line(for: ["llm", "provider"]) == 3)
        #expect(locator.line(for: ["llm", "llm2", "sub", "key"]) == 4)
        #expect(locator.line(for: ["llm", "llm2"]) == 4)
        #expect(locator.line(for: ["models", "gpt-4.1"]) == 5)
        #expect(locator.line(for: ["models", "gpt-4.1", "id"]) == 6)
        #expect(locator.line(for: ["arr", "x"]) == 8)
        #expect(locator.exactLine(for: ["nothing"]) == nil)
    }

    @Test("multi-line strings and arrays do not hide or fake keys")
    func multiLineValues() {
        let locator = ConfigKeyLocator(source: #"""
            [llm]
            prompt_template = """
            fake = 1
            [fake]
            with \""" quotes and \\
            """
            after = 1
            literal = '''
            x = 2
            '''
            [index]
            exclude = [
              "a", # a = 1
              "b]",
            ]
            max_file_bytes = 10
            inline = { a = 1, b = { c = "}" } }
            path = "x\"y = 3"
            last = 2
            """#)
        #expect(locator.line(for: ["llm", "prompt_template"]) == 2)
        #expect(locator.exactLine(for: ["llm", "fake"]) == nil)
        #expect(locator.exactLine(for: ["fake"]) == nil)
        #expect(locator.line(for: ["llm", "after"]) == 7)
        #expect(locator.exactLine(for: ["llm", "x"]) == nil)
        #expect(locator.line(for: ["index"]) == 11)
        #expect(locator.exactLine(for: ["index", "a"]) == nil)
        #expect(locator.line(for: ["index", "max_file_bytes"]) == 16)
        #expect(locator.line(for: ["index", "inline", "b", "c"]) == 17)
        #expect(locator.line(for: ["index", "last"]) == 19)
        #expect(locator.line(for: ["index", "path", "y"]) == 18, "falls back to the enclosing key")
    }

    @Test("a key inside an inline table is reported on its own line in a file")
    func inlineTableError() {
        let error = configFileError("[llm]\nopenai = { base_url = \"https://x\", base_ur = \"y\" }\n")
        #expect(error?.description == "/r/.murc.toml:2: unknown key 'llm.openai.base_ur' (did you mean 'base_url'?)")
    }
}
