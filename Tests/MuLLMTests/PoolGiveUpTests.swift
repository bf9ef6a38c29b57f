import Foundation
import MuTestSupport
import Testing
@testable import MuLLM

/// Issue 9 #2 and #3: a provider that fails every first request the same way, or does not know
/// the model, stops the run early with the server's own message instead of failing every function.
@Suite struct PoolGiveUpTests {
    private static func failures(_ error: LLMError, _ count: Int = 1000) -> [ScriptedProvider.Step] {
        Array(repeating: .fail(error), count: count)
    }

    @Test func everyRequestFailingWithA500StopsAfterTwiceTheConcurrency() async {
        let error = LLMError.server(status: 500, message: "upstream exploded")
        let provider = ScriptedProvider(script: Self.failures(error))
        let pool = LLMPool(provider: provider,
                           configuration: PoolConfiguration(concurrency: 3, retry: Fixtures.exactRetry(maxRetries: 2)),
                           clock: VirtualClock())
        let outcomes = await pool.summarizeBatch(Fixtures.requests(200))
        let stats = await pool.statistics()
        #expect(stats.stopReason == .gaveUp(error, failures: 6))
        // 6 requests and those already in flight, 3 attempts each; before, all 200 × 3 were sent.
        #expect(await provider.callCount <= (6 + 3) * 3)
        #expect(outcomes.filter { if case .cancelled? = $0.failure { true } else { false } }.count >= 200 - 9)
        let line = stats.stopReason?.description ?? ""
        #expect(line.contains("upstream exploded") && line.contains("HTTP 500") && !line.contains("\n"))
    }

    @Test func timeoutsGiveUpToo() async {
        let provider = ScriptedProvider(script: Self.failures(.timeout(seconds: 3)))
        let pool = LLMPool(provider: provider,
                           configuration: PoolConfiguration(concurrency: 2, retry: Fixtures.exactRetry(maxRetries: 1)),
                           clock: VirtualClock())
        _ = await pool.summarizeBatch(Fixtures.requests(100))
        #expect(await pool.statistics().stopReason == .gaveUp(.timeout(seconds: 3), failures: 4))
        #expect(await provider.callCount <= (4 + 2) * 2)
    }

    @Test func mixedFailuresAreNotTheSameWay() async {
        // A 500 then a 400, alternating: no single kind reaches the bound, every request is tried.
        var script: [ScriptedProvider.Step] = []
        for _ in 0..<20 { script += [.fail(.server(status: 500, message: "x")), .fail(.invalidRequest(reason: "HTTP 400 y"))] }
        let provider = ScriptedProvider(script: script)
        let pool = LLMPool(provider: provider,
                           configuration: PoolConfiguration(concurrency: 1, retry: Fixtures.exactRetry(maxRetries: 0)),
                           clock: VirtualClock())
        let outcomes = await pool.summarizeBatch(Fixtures.requests(40))
        #expect(await pool.statistics().stopReason == nil)
        #expect(await provider.callCount == 40)
        #expect(outcomes.allSatisfy { $0.failure != nil })
    }

    @Test func failuresAfterASuccessKeepGoing() async {
        let provider = ScriptedProvider(script: [.reply("- Loads the file.\n- Returns the data.")]
                                            + Self.failures(.server(status: 502, message: "bad gateway"), 60))
        let pool = LLMPool(provider: provider,
                           configuration: PoolConfiguration(concurrency: 1, retry: Fixtures.exactRetry(maxRetries: 1)),
                           clock: VirtualClock())
        let outcomes = await pool.summarizeBatch(Fixtures.requests(30))
        #expect(await pool.statistics().stopReason == nil)
        #expect(outcomes.filter { $0.summary != nil }.count == 1)
        #expect(outcomes.filter { if case .server? = $0.failure { true } else { false } }.count == 29)
    }

    @Test func allHangingRequestsOverHTTPStopAfterTheirTimeouts() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        await server.setPersistentFault(.hang(seconds: 30))
        let provider = OpenAIProvider(model: "gpt-4.1-mini", apiKey: "k", baseURL: server.baseURL, timeoutSeconds: 0.2)
        let pool = LLMPool(provider: provider,
                           configuration: PoolConfiguration(concurrency: 2, retry: Fixtures.exactRetry(maxRetries: 1)),
                           clock: VirtualClock())
        _ = await pool.summarizeBatch(Fixtures.requests(50))
        #expect(await pool.statistics().stopReason == .gaveUp(.timeout(seconds: 0.2), failures: 4))
        #expect(await server.requestCount() <= (4 + 2) * 2) // trying every function sends 100
        await server.stop()
    }

    @Test func allFiveHundredsOverHTTPQuoteTheServersMessage() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        await server.setPersistentFault(.serverError)
        let pool = LLMPool(provider: AnthropicProvider(model: "claude-haiku-4-5", apiKey: "k", baseURL: server.baseURL),
                           configuration: PoolConfiguration(concurrency: 2, retry: Fixtures.exactRetry(maxRetries: 0)),
                           clock: VirtualClock())
        _ = await pool.summarizeBatch(Fixtures.requests(40))
        let reason = try #require(await pool.statistics().stopReason)
        #expect(reason.description.contains("Internal server error"))
        #expect(await server.requestCount() <= 6)
        await server.stop()
    }

    // MARK: Unknown model

    @Test(arguments: [FakeWireFormat.openAI, .anthropic, .ollama])
    func unknownModelStopsAtOnceNamingTheModel(format: FakeWireFormat) async throws {
        let server = try await FakeProviderServer.start(format, latency: 0.02)
        await server.setPersistentFault(.modelNotFound)
        let provider: any LLMProvider = switch format {
        case .openAI: OpenAIProvider(model: "gpt-9", apiKey: "k", baseURL: server.baseURL)
        case .anthropic: AnthropicProvider(model: "gpt-9", apiKey: "k", baseURL: server.baseURL)
        case .ollama: OllamaProvider(model: "gpt-9", baseURL: server.baseURL)
        }
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(concurrency: 3), clock: VirtualClock())
        let outcomes = await pool.summarizeBatch(Fixtures.requests(30))
        let sent = await server.requestCount()
        #expect(sent >= 1 && sent <= 3)
        guard case .unknownModel(let error)? = await pool.statistics().stopReason,
              case .unknownModel(let model, _) = error else {
            Issue.record("expected an unknown-model stop, got \(String(describing: await pool.statistics().stopReason))")
            await server.stop()
            return
        }
        #expect(model == "gpt-9")
        #expect(error.description.contains("mu models"))
        #expect(outcomes.filter { if case .cancelled? = $0.failure { true } else { false } }.count == 30 - sent)
        await server.stop()
    }

    @Test func aWrongPathIsNotAnUnknownModel() {
        let error = ProviderErrorClassifier.classify(status: 404, errorType: nil, message: "404 page not found",
                                                     retryAfter: nil, model: "m")
        #expect(error == .invalidRequest(reason: "HTTP 404 404 page not found"))
    }
}
