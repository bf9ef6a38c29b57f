import Foundation
import MuTestSupport
import Testing
@testable import MuLLM

@Suite struct OllamaProviderTests {
    let prompt = Prompt(system: "You summarize code.", messages: [.user("Summarize this.")])

    @Test func sendsNonStreamingChatAndReadsEvalCounts() async throws {
        let server = try await FakeProviderServer.start(.ollama)
        defer { Task { await server.stop() } }
        await server.setUsage(input: 26, output: 298)
        let provider = try ProviderFactory.make(ProviderSettings(kind: .ollama, model: "llama3.2", baseURL: server.baseURL))
        #expect(provider.name == "ollama")
        let reply = try await provider.complete(prompt, parameters: CompletionParameters(maxTokens: 200, temperature: 0.1))
        #expect(reply.usage == TokenUsage(inputTokens: 26, outputTokens: 298))
        #expect(reply.text.contains("Parses"))

        let sent = try #require(await server.requests().first)
        #expect(sent.path == "/api/chat")
        #expect(sent.headers["authorization"] == nil)
        let json = try #require(sent.json())
        #expect(json["stream"] as? Bool == false)
        #expect(json["model"] as? String == "llama3.2")
        let options = try #require(json["options"] as? [String: Any])
        #expect(options["num_predict"] as? Int == 200)
        #expect(options["temperature"] as? Double == 0.1)
        let messages = try #require(json["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["system", "user"])
    }

    @Test func ollamaIsFreeInTheCatalog() {
        let catalog = ModelCatalog.builtIn
        let info = catalog.resolve(provider: .ollama, model: "deepseek-coder-v2:16b")
        #expect(info.cost(TokenUsage(inputTokens: 1_000_000, outputTokens: 1_000_000)) == 0)
        #expect(info.isPriced)
    }

    @Test func mapsErrors() async throws {
        let server = try await FakeProviderServer.start(.ollama)
        defer { Task { await server.stop() } }
        let provider = OllamaProvider(model: "llama3.2", baseURL: server.baseURL, timeoutSeconds: 5)
        await server.enqueue(.overloaded, .serverError, .badRequest("model \"nope\" not found, try pulling it first"))
        await #expect(throws: LLMError.overloaded(retryAfter: nil, message: "server busy, please try again.  maximum pending requests exceeded")) {
            try await provider.complete(prompt, parameters: CompletionParameters())
        }
        await #expect(throws: LLMError.server(status: 500, message: "llama runner process has terminated")) {
            try await provider.complete(prompt, parameters: CompletionParameters())
        }
        do {
            _ = try await provider.complete(prompt, parameters: CompletionParameters())
            Issue.record("a 400 must throw")
        } catch let error as LLMError {
            guard case .invalidRequest(let reason) = error else { Issue.record("got \(error)"); return }
            #expect(reason.contains("not found"))
        }
    }
}
