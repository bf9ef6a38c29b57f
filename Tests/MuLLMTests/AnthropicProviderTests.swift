import Foundation
import MuTestSupport
import Testing
@testable import MuLLM

@Suite struct AnthropicProviderTests {
    func withServer(_ body: (FakeProviderServer, AnthropicProvider) async throws -> Void) async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        let provider = AnthropicProvider(model: "claude-haiku-4-5", apiKey: "sk-ant-test-key-123456",
                                         baseURL: server.baseURL, timeoutSeconds: 5)
        do { try await body(server, provider) } catch { await server.stop(); throw error }
        await server.stop()
    }

    let prompt = Prompt(system: "You summarize code.", messages: [.user("Summarize this.")])

    @Test func sendsTheMessagesWireFormat() async throws {
        try await withServer { server, provider in
            await server.setUsage(input: 321, output: 45)
            let reply = try await provider.complete(prompt, parameters: CompletionParameters(maxTokens: 300, temperature: 0.2))
            #expect(reply.text == "- Parses the input and returns the result.\n- Raises an error on invalid data.")
            #expect(reply.usage == TokenUsage(inputTokens: 321, outputTokens: 45))
            #expect(reply.model == "claude-haiku-4-5")
            #expect(reply.rateLimit?.requestsRemaining == 49)
            #expect(reply.rateLimit?.tokensLimit == 40000)

            let sent = try #require(await server.requests().first)
            #expect(sent.method == "POST")
            #expect(sent.path == "/v1/messages")
            #expect(sent.headers["x-api-key"] == "sk-ant-test-key-123456")
            #expect(sent.headers["anthropic-version"] == "2023-06-01")
            #expect(sent.headers["content-type"] == "application/json")
            #expect(sent.headers["authorization"] == nil)
            let json = try #require(sent.json())
            #expect(json["model"] as? String == "claude-haiku-4-5")
            #expect(json["max_tokens"] as? Int == 300)
            #expect(json["temperature"] as? Double == 0.2)
            #expect(json["system"] as? String == "You summarize code.")
            let messages = try #require(json["messages"] as? [[String: Any]])
            #expect(messages.count == 1)
            #expect(messages[0]["role"] as? String == "user")
            #expect(messages[0]["content"] as? String == "Summarize this.")
        }
    }

    @Test func omitsTemperatureWhenNotSet() async throws {
        try await withServer { server, provider in
            _ = try await provider.complete(prompt, parameters: CompletionParameters(maxTokens: 50, temperature: nil))
            let json = try #require(await server.requests().first?.json())
            #expect(json["temperature"] == nil)
        }
    }

    @Test func mapsDocumentedErrors() async throws {
        try await withServer { server, provider in
            let params = CompletionParameters()
            await server.enqueue(.rateLimited(retryAfter: 7), .overloaded, .serverError, .unauthorized,
                                 .badRequest("prompt is too long: 250000 tokens > 200000 maximum"), .malformedJSON)
            await #expect(throws: LLMError.rateLimited(retryAfter: 7, message: "Number of requests has exceeded your per-minute rate limit")) {
                try await provider.complete(prompt, parameters: params)
            }
            await #expect(throws: LLMError.overloaded(retryAfter: nil, message: "Overloaded")) {
                try await provider.complete(prompt, parameters: params)
            }
            await #expect(throws: LLMError.server(status: 500, message: "Internal server error")) {
                try await provider.complete(prompt, parameters: params)
            }
            await #expect(throws: LLMError.authentication(status: 401, message: "invalid x-api-key")) {
                try await provider.complete(prompt, parameters: params)
            }
            do {
                _ = try await provider.complete(prompt, parameters: params)
                Issue.record("a 400 must throw")
            } catch let error as LLMError {
                guard case .invalidRequest(let reason) = error else { Issue.record("got \(error)"); return }
                #expect(reason.contains("prompt is too long"))
            }
            do {
                _ = try await provider.complete(prompt, parameters: params)
                Issue.record("malformed JSON must throw")
            } catch let error as LLMError {
                guard case .malformedResponse = error else { Issue.record("got \(error)"); return }
            }
        }
    }

    @Test func timesOutAHangingServerQuickly() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        let provider = AnthropicProvider(model: "claude-haiku-4-5", apiKey: "k", baseURL: server.baseURL, timeoutSeconds: 1)
        await server.enqueue(.hang(seconds: 60))
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: LLMError.timeout(seconds: 1)) {
            try await provider.complete(prompt, parameters: CompletionParameters())
        }
        // The server hangs for 60 s; the bound leaves room for a loaded machine yet fails if the deadline is ignored.
        #expect(clock.now - start < .seconds(20))
        await server.stop()
    }

    @Test func unreachableServerIsAConnectionError() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        let url = server.baseURL
        await server.stop()
        let provider = AnthropicProvider(model: "m", apiKey: "k", baseURL: url, timeoutSeconds: 2)
        do {
            _ = try await provider.complete(prompt, parameters: CompletionParameters())
            Issue.record("a stopped server must not answer")
        } catch let error as LLMError {
            switch error {
            case .connection, .timeout: break
            default: Issue.record("unexpected \(error)")
            }
        }
    }
}
