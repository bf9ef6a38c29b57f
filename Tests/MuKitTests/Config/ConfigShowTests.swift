import Foundation
import Testing
@testable import MuKit

@Suite("ConfigShow")
struct ConfigShowTests {
    static let anthropicKey = "sk-ant-api03-VERYSECRETvalue-abcdef12f3"
    static let openAIKey = "sk-proj-ANOTHERsecret9876"

    private func resolved(in dir: URL) throws -> (ConfigFixture, ResolvedConfig) {
        let fixture = try ConfigFixture(root: dir)
        try fixture.writeRepoFile("""
            [llm]
            concurrency = 8
            prompt_template = '''
            Summarize this function in three bullets. It is a long prompt, much longer than sixty characters.
            '''
            [llm.openai-compatible]
            base_url = "https://user:hunter2@llm.internal/v1"
            [models."gpt-4.1"]
            input_usd_per_mtok = 2
            """)
        let resolved = try fixture.load(
            environment: ["ANTHROPIC_API_KEY": Self.anthropicKey, "OPENAI_API_KEY": Self.openAIKey,
                          "MU_PROVIDER": "anthropic"],
            flags: ConfigFlags(model: "claude-test"))
        return (fixture, resolved)
    }

    @Test("text: key = value  # source, one line per key, keys masked")
    func text() throws {
        try withConfigTestDirectory { dir in
            let (fixture, resolved) = try resolved(in: dir)
            let text = ConfigShow.text(resolved)
            let lines = text.split(separator: "\n").map(String.init)
            func line(_ key: String) -> String? { lines.first { $0.hasPrefix(key + " = ") } }
            #expect(lines.contains("#   repo file \(fixture.repoFile.path)"))
            #expect(line("llm.provider")?.hasSuffix("# env MU_PROVIDER") == true)
            #expect(line("llm.provider")?.hasPrefix("llm.provider = \"anthropic\" ") == true)
            #expect(line("llm.model")?.hasSuffix("# flag --model") == true)
            #expect(line("llm.concurrency")?.hasPrefix("llm.concurrency = 8 ") == true)
            #expect(line("llm.concurrency")?.hasSuffix("# repo file \(fixture.repoFile.path)") == true)
            #expect(line("llm.temperature")?.hasPrefix("llm.temperature = 0.2 ") == true)
            #expect(line("llm.temperature")?.hasSuffix("# default") == true)
            #expect(line("index.exclude")?.hasPrefix("index.exclude = [] ") == true)
            #expect(line("models.\"gpt-4.1\".input_usd_per_mtok")?.hasPrefix("models.\"gpt-4.1\".input_usd_per_mtok = 2 ") == true)
            let prompt = try #require(resolved.config.llm.promptTemplate)
            #expect(prompt.hasPrefix("Summarize this function") && prompt.hasSuffix("characters.\n"))
            #expect(line("llm.prompt_template")?.hasPrefix("llm.prompt_template = \"Summarize this function") == true)
            #expect(line("llm.prompt_template")?.contains("(\(prompt.count) characters)") == true)
            #expect(line("api_keys.anthropic")?.hasPrefix("api_keys.anthropic = sk-a…f3 ") == true)
            #expect(line("api_keys.anthropic")?.hasSuffix("# env ANTHROPIC_API_KEY") == true)
            #expect(line("api_keys.openai")?.hasPrefix("api_keys.openai = sk-p…76 ") == true)
            #expect(line("api_keys.openrouter")?.hasPrefix("api_keys.openrouter = (not set) ") == true)
            #expect(lines.count == 2 + ConfigSchema.settings.filter { !$0.isPattern }.count + 1 + 3)
            #expect(!text.contains("VERYSECRET") && !text.contains("ANOTHERsecret"))
            #expect(!text.contains("hunter2"))
            #expect(text.contains("https://user:***@llm.internal/v1"))
        }
    }

    @Test("json: one document with values, sources, masked keys and files")
    func json() throws {
        try withConfigTestDirectory { dir in
            let (fixture, resolved) = try resolved(in: dir)
            let json = ConfigShow.json(resolved)
            #expect(!json.contains("VERYSECRET") && !json.contains("ANOTHERsecret") && !json.contains("hunter2"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let config = try #require(object["config"] as? [String: Any])
            let llm = try #require(config["llm"] as? [String: Any])
            #expect(llm["provider"] as? String == "anthropic")
            #expect(llm["concurrency"] as? Int == 8)
            #expect(llm["temperature"] as? Double == 0.2)
            #expect((llm["ollama"] as? [String: Any])?["base_url"] as? String == "http://localhost:11434")
            #expect((config["index"] as? [String: Any])?["max_file_bytes"] as? Int == 1_048_576)
            #expect((config["security"] as? [String: Any])?["redact_secrets"] as? Bool == true)
            let models = try #require(config["models"] as? [String: Any])
            #expect((models["gpt-4.1"] as? [String: Any])?["input_usd_per_mtok"] as? Double == 2)
            let sources = try #require(object["sources"] as? [String: String])
            #expect(sources["llm.provider"] == "env MU_PROVIDER")
            #expect(sources["llm.model"] == "flag --model")
            #expect(sources["llm.concurrency"] == "repo file \(fixture.repoFile.path)")
            #expect(sources["llm.max_tokens"] == "default")
            let keys = try #require(object["api_keys"] as? [String: [String: Any]])
            #expect(keys["anthropic"]?["masked"] as? String == "sk-a…f3")
            #expect(keys["anthropic"]?["set"] as? Bool == true)
            #expect(keys["anthropic"]?["variable"] as? String == "ANTHROPIC_API_KEY")
            #expect(keys["openrouter"]?["masked"] as? String == "(not set)")
            #expect(keys["openrouter"]?["set"] as? Bool == false)
            let files = try #require(object["files"] as? [[String: String]])
            #expect(files == [["kind": "repo", "path": fixture.repoFile.path]])
        }
    }

    @Test("masking", arguments: [
        ("sk-ant-api03-abcdef0123f3", "sk-a…f3"),
        ("short-key", "(set)"),
        ("", "(not set)"),
    ])
    func mask(key: String, expected: String) {
        #expect(ResolvedConfig.APIKeys.mask(key) == expected)
    }
}
