import Foundation
import MuTestSupport
import Testing
@testable import MuLLM

/// Prompt caching: Anthropic's `cache_control` marker on the stable prefix exactly when it reaches the
/// model's minimum, cache tokens read from both providers' usage, and priced at their real rates.
@Suite struct PromptCachingTests {
    /// `tokens` estimated tokens of text (4 characters each).
    func text(tokens: Int) -> String { String(repeating: "abcd", count: tokens) }

    func sentBody(_ prompt: Prompt, model: String = "claude-haiku-4-5") async throws -> [String: Any] {
        let server = try await FakeProviderServer.start(.anthropic)
        let provider = AnthropicProvider(model: model, apiKey: "k", baseURL: server.baseURL, timeoutSeconds: 60)
        _ = try await provider.complete(prompt, parameters: CompletionParameters())
        let sent = await server.requests().first
        await server.stop()
        return try #require(sent?.json())
    }

    @Test func theSystemPrefixIsMarkedExactlyWhenItReachesTheModelsMinimum() async throws {
        #expect(AnthropicProvider.minimumCacheableTokens(model: "claude-haiku-4-5") == 4096)
        #expect(AnthropicProvider.minimumCacheableTokens(model: "claude-sonnet-4-5") == 1024)
        #expect(AnthropicProvider.minimumCacheableTokens(model: "claude-3-5-haiku-latest") == 2048)
        let long = try await sentBody(Prompt(system: text(tokens: 4096), messages: [.user("Summarize `f`.")]))
        let blocks = try #require(long["system"] as? [[String: Any]])
        #expect(blocks.count == 1 && blocks[0]["type"] as? String == "text")
        #expect((blocks[0]["cache_control"] as? [String: String]) == ["type": "ephemeral"])
        #expect((long["messages"] as? [[String: Any]])?.first?["content"] as? String == "Summarize `f`.")

        let short = try await sentBody(Prompt(system: text(tokens: 4095), messages: [.user("Summarize `f`.")]))
        #expect(short["system"] as? String == text(tokens: 4095))
        // The same prefix is long enough for a model with a lower minimum.
        let sonnet = try await sentBody(Prompt(system: text(tokens: 1024), messages: [.user("x")]), model: "claude-sonnet-4-5")
        #expect(sonnet["system"] is [[String: Any]])
    }

    @Test func fewShotExamplesEndTheMarkedPrefix() async throws {
        let prompt = Prompt(system: "You summarize code.",
                            messages: [.user(text(tokens: 2100)), .assistant(text(tokens: 2100)), .user("Summarize `f`.")],
                            stableMessageCount: 2)
        let body = try await sentBody(prompt)
        #expect(body["system"] as? String == "You summarize code.")
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages[0]["content"] is String)
        let marked = try #require(messages[1]["content"] as? [[String: Any]])
        #expect((marked[0]["cache_control"] as? [String: String]) == ["type": "ephemeral"])
        #expect(messages[2]["content"] as? String == "Summarize `f`.")
        // Without stable messages (a system text naming the function) nothing is marked.
        var unstable = prompt
        unstable.stableMessageCount = 0
        let plain = try await sentBody(unstable)
        #expect(plain["system"] is String && !((plain["messages"] as? [[String: Any]])?.contains { $0["content"] is [Any] } ?? true))
    }

    @Test func theBuiltInFewShotTemplateMarksItsExamplesAsStable() {
        let request = SummaryRequest(id: "x", language: .python, qualifiedName: "f", signature: "def f():",
                                     body: "def f():\n    return 1\n", filePath: "a.py")
        let prompt = PromptTemplate.builtIn(.fewShot).render(request)
        #expect(prompt.stableMessageCount == prompt.messages.count - 1 && prompt.stableMessageCount > 0)
        #expect(PromptTemplate.builtIn(.direct).render(request).stableMessageCount == 0)
    }

    @Test func cacheTokensAreReadFromBothProviders() async throws {
        let anthropic = try await FakeProviderServer.start(.anthropic)
        await anthropic.setUsage(input: 100, output: 20)
        await anthropic.setCacheUsage(read: 3000, write: 500)
        let claude = AnthropicProvider(model: "claude-haiku-4-5", apiKey: "k", baseURL: anthropic.baseURL, timeoutSeconds: 60)
        let a = try await claude.complete(Prompt(system: "s", messages: [.user("u")]), parameters: CompletionParameters())
        await anthropic.stop()
        // Anthropic's input_tokens excludes the cached parts; mu counts all input with the cached parts inside.
        #expect(a.usage == TokenUsage(inputTokens: 3600, outputTokens: 20, cacheReadTokens: 3000, cacheWriteTokens: 500))

        let openAI = try await FakeProviderServer.start(.openAI)
        await openAI.setUsage(input: 4000, output: 20)
        await openAI.setCacheUsage(read: 3072, write: 0)
        let gpt = OpenAIProvider(model: "gpt-4.1-mini", apiKey: "k", baseURL: openAI.baseURL, timeoutSeconds: 60)
        let o = try await gpt.complete(Prompt(system: "s", messages: [.user("u")]), parameters: CompletionParameters())
        await openAI.stop()
        #expect(o.usage == TokenUsage(inputTokens: 4000, outputTokens: 20, cacheReadTokens: 3072, cacheWriteTokens: 0))
    }

    @Test func pricingOnHandComputedUsage() {
        let catalog = ModelCatalog.builtIn
        // claude-haiku-4-5: $1 in, $5 out; cache reads 0.1 ×, writes 1.25 ×.
        let haiku = catalog.resolve(provider: .anthropic, model: "claude-haiku-4-5")
        let usage = TokenUsage(inputTokens: 3600, outputTokens: 20, cacheReadTokens: 3000, cacheWriteTokens: 500)
        // 100 × 1 + 3000 × 0.1 + 500 × 1.25 + 20 × 5 = 1125 per 1M
        #expect(abs(haiku.cost(usage) - 0.001125) < 1e-12)
        #expect(abs(haiku.batchCost(usage) - 0.0005625) < 1e-12)
        // gpt-4.1-mini: $0.40 in, $1.60 out, cached input 0.25 ×: 928 × 0.4 + 3072 × 0.1 + 20 × 1.6 = 710.4 per 1M
        let mini = catalog.resolve(provider: .openAI, model: "gpt-4.1-mini")
        let cached = TokenUsage(inputTokens: 4000, outputTokens: 20, cacheReadTokens: 3072)
        #expect(abs(mini.cost(cached) - 0.0007104) < 1e-12)
        // gpt-4o-mini: $0.15 in, $0.60 out, cached 0.5 ×: 928 × 0.15 + 3072 × 0.075 + 20 × 0.6 = 381.6 per 1M
        let fourO = catalog.resolve(provider: .openAI, model: "gpt-4o-mini")
        #expect(abs(fourO.cost(cached) - 0.0003816) < 1e-12)
        // Without cache tokens the price is the plain list price.
        #expect(abs(haiku.cost(TokenUsage(inputTokens: 1000, outputTokens: 100)) - 0.0015) < 1e-12)
    }

    @Test func thePoolTotalsCachedInputTokens() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        await server.setUsage(input: 50, output: 10)
        await server.setCacheUsage(read: 4000, write: 0)
        let provider = AnthropicProvider(model: "claude-haiku-4-5", apiKey: "k", baseURL: server.baseURL, timeoutSeconds: 60)
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(concurrency: 2))
        let requests = (0..<3).map { SummaryRequest(id: "\($0)", language: .python, qualifiedName: "f\($0)", signature: "def f\($0)():",
                                                    body: "def f\($0)():\n    return \($0)\n", filePath: "a.py") }
        let outcomes = await pool.summarizeBatch(requests)
        await server.stop()
        #expect(outcomes.allSatisfy { $0.summary?.cacheReadTokens == 4000 })
        let stats = await pool.statistics()
        #expect(stats.cachedInputTokens == 12_000 && stats.inputTokens == 3 * 4050)
        // 50 × 1 + 4000 × 0.1 + 10 × 5 = 500 per 1M per call
        #expect(abs(stats.costUSD - 3 * 0.0005) < 1e-12)
    }
}
