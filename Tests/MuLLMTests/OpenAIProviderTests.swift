import Foundation
import MuTestSupport
import Testing
@testable import MuLLM

@Suite struct OpenAIProviderTests {
    let prompt = Prompt(system: "You summarize code.", messages: [.user("Summarize this.")])

    @Test func openAISendsChatCompletionsWithBearerAndMaxCompletionTokens() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        defer { Task { await server.stop() } }
        await server.setUsage(input: 210, output: 33)
        let provider = try ProviderFactory.make(ProviderSettings(kind: .openAI, model: "gpt-4.1-mini", baseURL: server.baseURL,
                                                                 apiKey: "sk-test-openai-0000", maxTokens: 256))
        let reply = try await provider.complete(prompt, parameters: CompletionParameters(maxTokens: 256, temperature: 0.2))
        #expect(reply.usage == TokenUsage(inputTokens: 210, outputTokens: 33))
        #expect(reply.text.hasPrefix("- Parses"))
        #expect(reply.rateLimit?.requestsReset == 0.12)
        #expect(reply.rateLimit?.tokensReset == 360)

        let sent = try #require(await server.requests().first)
        #expect(sent.path == "/v1/chat/completions")
        #expect(sent.headers["authorization"] == "Bearer sk-test-openai-0000")
        let json = try #require(sent.json())
        #expect(json["model"] as? String == "gpt-4.1-mini")
        #expect(json["max_completion_tokens"] as? Int == 256)
        #expect(json["max_tokens"] == nil)
        #expect(json["temperature"] as? Double == 0.2)
        let messages = try #require(json["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["system", "user"])
        #expect(messages[0]["content"] as? String == "You summarize code.")
    }

    @Test func openRouterAddsAttributionHeadersAndUsesMaxTokens() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        defer { Task { await server.stop() } }
        let settings = ProviderSettings(kind: .openRouter, model: "anthropic/claude-haiku-4.5", baseURL: server.baseURL,
                                        apiKey: "sk-or-v1-test", appReferer: "https://github.com/mu", appTitle: "mu")
        let provider = try ProviderFactory.make(settings)
        #expect(provider.name == "openrouter")
        _ = try await provider.complete(prompt, parameters: settings.completionParameters())
        let sent = try #require(await server.requests().first)
        #expect(sent.headers["http-referer"] == "https://github.com/mu")
        #expect(sent.headers["x-title"] == "mu")
        #expect(sent.headers["authorization"] == "Bearer sk-or-v1-test")
        #expect(sent.json()?["max_tokens"] as? Int == 300)
        #expect(sent.json()?["max_completion_tokens"] == nil)
    }

    @Test func openAICompatibleWorksWithoutAKey() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        defer { Task { await server.stop() } }
        let provider = try ProviderFactory.make(ProviderSettings(kind: .openAICompatible, model: "qwen2.5-coder-7b",
                                                                 baseURL: server.baseURL))
        _ = try await provider.complete(prompt, parameters: CompletionParameters())
        let sent = try #require(await server.requests().first)
        #expect(sent.headers["authorization"] == nil)
        #expect(sent.model == "qwen2.5-coder-7b")
    }

    @Test func reasoningModelsGetNoTemperature() {
        let settings = ProviderSettings(kind: .openAI, model: "gpt-5-mini", apiKey: "k", temperature: 0.2)
        #expect(settings.completionParameters().temperature == nil)
        #expect(ProviderSettings(kind: .openAI, model: "gpt-4.1", apiKey: "k").completionParameters().temperature == 0.2)
    }

    @Test func mapsDocumentedErrors() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        defer { Task { await server.stop() } }
        let provider = OpenAIProvider(model: "gpt-4.1-mini", apiKey: "k", baseURL: server.baseURL, timeoutSeconds: 5)
        await server.enqueue(.rateLimited(retryAfter: 2), .quotaExhausted(retryAfter: nil), .overloaded, .unauthorized, .malformedJSON)
        await #expect(throws: LLMError.rateLimited(retryAfter: 2, message: "Rate limit reached for requests")) {
            try await provider.complete(prompt, parameters: CompletionParameters())
        }
        // Without retry-after, the exhausted request budget's reset time is the wait.
        await #expect(throws: LLMError.quotaExhausted(retryAfter: 1, message: "Rate limit reached for requests")) {
            try await provider.complete(prompt, parameters: CompletionParameters())
        }
        await #expect(throws: LLMError.overloaded(retryAfter: nil, message: "The engine is currently overloaded, please try again later")) {
            try await provider.complete(prompt, parameters: CompletionParameters())
        }
        await #expect(throws: LLMError.authentication(status: 401, message: "Incorrect API key provided")) {
            try await provider.complete(prompt, parameters: CompletionParameters())
        }
        do {
            _ = try await provider.complete(prompt, parameters: CompletionParameters())
            Issue.record("HTML instead of JSON must throw")
        } catch let error as LLMError {
            guard case .malformedResponse(let message) = error else { Issue.record("got \(error)"); return }
            #expect(message.contains("502 Bad Gateway"))
        }
    }
}
