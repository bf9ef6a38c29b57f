import Foundation
import Testing
@testable import MuLLM
import MuCore

@Suite struct ProviderFactoryTests {
    @Test func missingKeysAndBaseURLsAreConfigurationErrors() {
        #expect(throws: LLMError.configuration("no API key for anthropic: set ANTHROPIC_API_KEY in the environment")) {
            try ProviderFactory.make(ProviderSettings(kind: .anthropic))
        }
        #expect(throws: LLMError.configuration("no API key for openrouter: set OPENROUTER_API_KEY in the environment")) {
            try ProviderFactory.make(ProviderSettings(kind: .openRouter, apiKey: "  "))
        }
        #expect(throws: LLMError.self) {
            try ProviderFactory.make(ProviderSettings(kind: .openAICompatible, model: "m"))
        }
        #expect(throws: LLMError.configuration("no model for openai-compatible: set [llm] model or pass --model")) {
            try ProviderFactory.make(ProviderSettings(kind: .openAICompatible, baseURL: URL(string: "http://127.0.0.1:8080/v1")))
        }
        #expect(throws: LLMError.self) {
            try ProviderFactory.make(ProviderSettings(kind: .ollama, baseURL: URL(string: "ftp://host")))
        }
    }

    @Test func buildsEachProviderWithDefaults() throws {
        let anthropic = try ProviderFactory.make(ProviderSettings(kind: .anthropic, apiKey: "sk-ant-x"))
        #expect(anthropic.name == "anthropic")
        #expect(anthropic.model == "claude-haiku-4-5")
        #expect(try ProviderFactory.make(ProviderSettings(kind: .ollama)).model == "llama3.2")
        // The offline summarizer is built by MuKit (MuExtractive), not by the LLM provider factory.
        #expect(throws: LLMError.self) { try ProviderFactory.make(ProviderSettings(kind: .extractive)) }
        #expect(try ProviderFactory.make(ProviderSettings(kind: .openAI, model: "gpt-4o", apiKey: "k")).model == "gpt-4o")
    }

    @Test func keysAreMaskedInDescriptions() {
        let settings = ProviderSettings(kind: .anthropic, apiKey: "sk-ant-api03-SECRETSECRETSECRET-f3")
        #expect(!settings.description.contains("SECRETSECRET"))
        #expect(settings.description.contains("api_key=sk-a…f3"))
        #expect(SecretMask.mask("sk-abcdefghijklmnf3") == "sk-a…f3")
        #expect(SecretMask.mask("short") == "****")
        #expect(SecretMask.mask(nil) == "(not set)")
    }

    @Test func normalizesOllamaHostValues() {
        #expect(ProviderFactory.normalizeBaseURL("127.0.0.1:11434")?.absoluteString == "http://127.0.0.1:11434")
        #expect(ProviderFactory.normalizeBaseURL("https://ollama.example.com/")?.absoluteString == "https://ollama.example.com")
        #expect(ProviderFactory.normalizeBaseURL("") == nil)
    }

    @Test func kindsParseFromConfigValues() {
        #expect(ProviderKind(configValue: "OpenAI") == .openAI)
        #expect(ProviderKind(configValue: "openai_compatible") == .openAICompatible)
        #expect(ProviderKind(configValue: "gemini") == nil)
        #expect(ProviderKind.anthropic.apiKeyEnvironmentVariable == "ANTHROPIC_API_KEY")
        #expect(ProviderKind.ollama.baseURLEnvironmentVariable == "OLLAMA_HOST")
        #expect(ProviderKind.anthropic.isRemoteAPI && !ProviderKind.ollama.isRemoteAPI)
    }
}
