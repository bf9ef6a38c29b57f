import Foundation
import MuTestSupport
import Testing
@testable import MuLLM

@Suite struct LLMPoolTests {
    // MARK: Order, concurrency, progress

    @Test func resultsComeBackInRequestOrder() async {
        // Later requests finish first.
        let provider = ScriptedProvider(delay: { index in Double(20 - index) * 0.002 })
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(concurrency: 5), clock: VirtualClock())
        let requests = Fixtures.requests(20)
        let outcomes = await pool.summarizeBatch(requests)
        #expect(outcomes.map(\.requestID) == requests.map(\.id))
        #expect(outcomes.allSatisfy { $0.summary != nil })
    }

    @Test func peakInFlightNeverExceedsTheBoundOverHTTP() async throws {
        let server = try await FakeProviderServer.start(.anthropic, latency: 0.05)
        let provider = AnthropicProvider(model: "claude-haiku-4-5", apiKey: "k", baseURL: server.baseURL)
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(concurrency: 4))
        let outcomes = await pool.summarizeBatch(Fixtures.requests(24))
        let stats = await pool.statistics()
        #expect(outcomes.allSatisfy { $0.summary != nil })
        #expect(await server.requestCount() == 24)
        #expect(await server.peakInFlight() <= 4)
        #expect(await server.peakInFlight() >= 2)
        #expect(stats.peakInFlight <= 4)
        await server.stop()
    }

    @Test func concurrentSingleCallsShareTheBound() async {
        let provider = ScriptedProvider(delay: { _ in 0.01 })
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(concurrency: 3), clock: VirtualClock())
        await withTaskGroup(of: Void.self) { group in
            for request in Fixtures.requests(12) {
                group.addTask { _ = await pool.summarize(request) }
            }
        }
        #expect(await provider.peakInFlight <= 3)
        #expect(await provider.callCount == 12)
    }

    @Test func progressReportsEveryCompletion() async {
        let provider = ScriptedProvider(script: [.fail(.invalidRequest(reason: "too long"))],
                                        usage: TokenUsage(inputTokens: 1000, outputTokens: 100))
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(concurrency: 1), clock: VirtualClock())
        let reports = ReportCollector()
        _ = await pool.summarizeBatch(Fixtures.requests(4), progress: { reports.add($0) })
        let all = reports.all
        #expect(all.map(\.done) == [1, 2, 3, 4])
        #expect(all.last?.failures == 1)
        #expect(all.last?.total == 4)
        // 3 successes × (1000 × $1 + 100 × $5) / 1M
        #expect(abs((all.last?.costUSD ?? 0) - 0.0045) < 1e-12)
    }

    @Test func outcomesAreDeliveredAsTheyArrive() async {
        let pool = LLMPool(provider: ScriptedProvider(), configuration: PoolConfiguration(concurrency: 2), clock: VirtualClock())
        let seen = ReportCollector()
        _ = await pool.summarizeBatch(Fixtures.requests(5), onOutcome: { index, outcome in
            seen.add(PoolProgress(total: index, done: outcome.summary == nil ? 0 : 1))
        })
        #expect(seen.all.map(\.total).sorted() == [0, 1, 2, 3, 4])
    }

    @Test func cancellingTheBatchFailsWhatIsLeftPromptly() async {
        let provider = ScriptedProvider(delay: { _ in 0.05 })
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(concurrency: 2))
        let requests = Fixtures.requests(200)
        let task = Task { await pool.summarizeBatch(requests) }
        try? await Task.sleep(nanoseconds: 150_000_000)
        task.cancel()
        let outcomes = await task.value
        // Prompt: uncancelled, the batch would make all 200 calls (5 s); cancelled, the rest never start.
        #expect(outcomes.count == 200)
        #expect(outcomes.map(\.requestID) == requests.map(\.id))
        let cancelled = outcomes.filter { if case .cancelled? = $0.failure { true } else { false } }.count
        #expect(cancelled > 150)
        #expect(await provider.callCount < 50)
    }

    // MARK: Retries and cool-down

    @Test func serverErrorsAreRetriedWithExponentialBackoff() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        await server.enqueue(.serverError, .malformedJSON)
        let clock = VirtualClock()
        let pool = LLMPool(provider: AnthropicProvider(model: "claude-haiku-4-5", apiKey: "k", baseURL: server.baseURL),
                           configuration: PoolConfiguration(retry: Fixtures.exactRetry(maxRetries: 2)), clock: clock)
        let outcome = await pool.summarize(Fixtures.request())
        let summary = try #require(outcome.summary)
        #expect(summary.attempts == 3)
        #expect(await server.requestCount() == 3)
        #expect(await clock.sleeps == [2, 4])
        #expect(await pool.statistics().retries == 2)
        await server.stop()
    }

    @Test func retriesStopAtMaxRetries() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        await server.setPersistentFault(.serverError)
        let clock = VirtualClock()
        let pool = LLMPool(provider: OpenAIProvider(model: "gpt-4.1-mini", apiKey: "k", baseURL: server.baseURL),
                           configuration: PoolConfiguration(retry: Fixtures.exactRetry(maxRetries: 1)), clock: clock)
        let outcome = await pool.summarize(Fixtures.request())
        #expect(outcome.failure == .server(status: 500, message: "The server had an error while processing your request"))
        #expect(await server.requestCount() == 2)
        #expect(await clock.sleeps == [2])
        await server.stop()
    }

    @Test func timeoutsAreRetriedThenReported() async throws {
        let server = try await FakeProviderServer.start(.ollama)
        await server.setPersistentFault(.hang(seconds: 60))
        // A 3 s deadline: long enough for a request to reach the server on a loaded machine.
        let provider = OllamaProvider(model: "llama3.2", baseURL: server.baseURL, timeoutSeconds: 3)
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(retry: Fixtures.exactRetry(maxRetries: 1)),
                           clock: VirtualClock())
        let started = ContinuousClock.now
        let outcome = await pool.summarize(Fixtures.request())
        #expect(outcome.failure == .timeout(seconds: 3))
        let times = await server.requests().map(\.receivedAt)
        #expect(times.count == 2, "\(times)")
        #expect(ContinuousClock.now - started < .seconds(30)) // two attempts, far less than one 60 s hang
        await server.stop()
    }

    @Test func usedUpQuotaHonoursRetryAfterAndPausesThePool() async throws {
        let clock = VirtualClock()
        let provider = ScriptedProvider(clock: clock, script: [.fail(.quotaExhausted(retryAfter: 10, message: "slow down"))],
                                        delay: { index in index == 0 ? 0 : 0.02 })
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(concurrency: 3, retry: Fixtures.exactRetry()),
                           clock: clock)
        let outcomes = await pool.summarizeBatch(Fixtures.requests(8))
        #expect(outcomes.allSatisfy { $0.summary != nil })
        let calls = await provider.calls
        #expect(calls.count == 9)
        // The first wave (up to 3 calls) was already on its way; everything sent later waited out the cool-down.
        #expect(calls.dropFirst(3).allSatisfy { $0.time >= 10 })
        #expect(await clock.sleeps.contains(10))
        let stats = await pool.statistics()
        #expect(stats.coolDowns == 1)
        #expect(stats.retries == 1)
    }

    @Test func overloadWithoutRetryAfterBacksOffTwoFourEight() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        await server.enqueue(.overloaded, .rateLimited(retryAfter: nil), .overloaded)
        let clock = VirtualClock()
        let pool = LLMPool(provider: AnthropicProvider(model: "claude-haiku-4-5", apiKey: "k", baseURL: server.baseURL),
                           configuration: PoolConfiguration(retry: Fixtures.exactRetry()), clock: clock)
        let outcome = await pool.summarize(Fixtures.request())
        #expect(outcome.summary?.attempts == 4)
        #expect(await clock.sleeps == [2, 4, 8])
        await server.stop()
    }

    @Test func badRequestIsNotRetried() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        await server.enqueue(.badRequest("prompt is too long"))
        // One at a time: the queued fault must meet request "a", not whichever arrives first.
        let pool = LLMPool(provider: AnthropicProvider(model: "claude-haiku-4-5", apiKey: "k", baseURL: server.baseURL),
                           configuration: PoolConfiguration(concurrency: 1), clock: VirtualClock())
        let outcomes = await pool.summarizeBatch([Fixtures.request("a"), Fixtures.request("b")])
        guard case .invalidRequest(let reason)? = outcomes[0].failure else {
            Issue.record("expected invalidRequest, got \(String(describing: outcomes[0].failure))")
            await server.stop()
            return
        }
        #expect(reason.contains("prompt is too long"))
        #expect(outcomes[1].summary != nil)
        #expect(await server.requestCount() == 2)
        await server.stop()
    }

    // MARK: Fail fast, budget

    @Test func unauthorizedStopsTheBatchAfterAtMostConcurrencyRequests() async throws {
        let server = try await FakeProviderServer.start(.openAI, latency: 0.02)
        await server.setPersistentFault(.unauthorized)
        let pool = LLMPool(provider: OpenAIProvider(model: "gpt-4.1-mini", apiKey: "bad", baseURL: server.baseURL),
                           configuration: PoolConfiguration(concurrency: 3), clock: VirtualClock())
        let outcomes = await pool.summarizeBatch(Fixtures.requests(30))
        let sent = await server.requestCount()
        #expect(sent >= 1 && sent <= 3)
        #expect(outcomes.allSatisfy { $0.summary == nil })
        #expect(outcomes.filter { $0.failure?.isAuthentication ?? false }.count == sent)
        #expect(outcomes.filter { if case .cancelled? = $0.failure { true } else { false } }.count == 30 - sent)
        let stats = await pool.statistics()
        guard case .authentication(let error)? = stats.stopReason else {
            Issue.record("expected an authentication stop, got \(String(describing: stats.stopReason))")
            await server.stop()
            return
        }
        #expect(error == .authentication(status: 401, message: "Incorrect API key provided"))
        // Later calls on the same pool fail without sending anything.
        _ = await pool.summarize(Fixtures.request("late"))
        #expect(await server.requestCount() == sent)
        await server.stop()
    }

    @Test func budgetStopsDispatchingBeforeSpendingPassesIt() async {
        // Each call reports 1000 input + 100 output tokens at $1/$5 per 1M: $0.0015.
        let provider = ScriptedProvider(usage: TokenUsage(inputTokens: 1000, outputTokens: 100))
        let pool = LLMPool(provider: provider,
                           configuration: PoolConfiguration(concurrency: 3, maxCostUSD: 0.01),
                           model: Fixtures.haiku, clock: VirtualClock())
        let outcomes = await pool.summarizeBatch(Fixtures.requests(20))
        let stats = await pool.statistics()
        let succeeded = outcomes.filter { $0.summary != nil }.count
        #expect(stats.costUSD <= 0.01)
        #expect(succeeded >= 4 && succeeded <= 6)
        #expect(abs(stats.costUSD - Double(succeeded) * 0.0015) < 1e-12)
        #expect(outcomes.filter { $0.failure == .budgetExceeded(limitUSD: 0.01) }.count == 20 - succeeded)
        #expect(await provider.callCount == succeeded)
        guard case .budget(let limit, _)? = stats.stopReason else {
            Issue.record("expected a budget stop")
            return
        }
        #expect(limit == 0.01)
    }

    // MARK: Replies, usage, cost

    @Test func usageAndCostFollowTheCatalogPrice() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        await server.setUsage(input: 1200, output: 80)
        let pool = LLMPool(provider: AnthropicProvider(model: "claude-haiku-4-5", apiKey: "k", baseURL: server.baseURL),
                           clock: VirtualClock())
        let summary = try #require(await pool.summarize(Fixtures.request()).summary)
        #expect(summary.inputTokens == 1200)
        #expect(summary.outputTokens == 80)
        #expect(abs(summary.costUSD - (1200 * 1.0 + 80 * 5.0) / 1_000_000) < 1e-12)
        #expect(summary.model == "claude-haiku-4-5")
        #expect(summary.provider == "anthropic")
        #expect(summary.bullets == ["Parses the input and returns the result.", "Raises an error on invalid data."])
        let stats = await pool.statistics()
        #expect(stats.observedMeanOutputTokens == 80)
        #expect(try #require(stats.observedCharsPerToken) > 0)
        await server.stop()
    }

    @Test func invalidReplyIsReaskedOnceThenAccepted() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        await server.setUsage(input: 500, output: 40)
        await server.enqueue(.reply(""))
        let pool = LLMPool(provider: OpenAIProvider(model: "gpt-4.1-mini", apiKey: "k", baseURL: server.baseURL),
                           clock: VirtualClock())
        let summary = try #require(await pool.summarize(Fixtures.request()).summary)
        #expect(summary.attempts == 2)
        #expect(summary.inputTokens == 1000)
        #expect(summary.outputTokens == 80)
        let requests = await server.requests()
        #expect(requests.count == 2)
        let followUp = requests[1].messageContents()
        #expect(followUp.count == 4)
        #expect(followUp[2] == "(empty reply)")
        #expect(followUp[3].contains("the reply is empty"))
        #expect(await pool.statistics().reasks == 1)
        await server.stop()
    }

    @Test func preambleLadenReplyIsCleanedWithoutReask() async throws {
        let server = try await FakeProviderServer.start(.ollama)
        await server.enqueue(.reply("Sure! Here is a summary:\n\n```\n1. **Loads** the config file.\n2. Raises `ValueError` when empty.\n```\nI hope this helps!"))
        let pool = LLMPool(provider: OllamaProvider(model: "llama3.2", baseURL: server.baseURL), clock: VirtualClock())
        let summary = try #require(await pool.summarize(Fixtures.request()).summary)
        #expect(summary.bullets == ["Loads the config file.", "Raises ValueError when empty."])
        #expect(summary.attempts == 1)
        #expect(summary.costUSD == 0)
        await server.stop()
    }

    @Test func replyOverTheWordLimitTwiceFails() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        let long = "- " + Array(repeating: "verbose", count: 40).joined(separator: " ")
        await server.enqueue(.reply(long), .reply(long))
        let pool = LLMPool(provider: AnthropicProvider(model: "claude-haiku-4-5", apiKey: "k", baseURL: server.baseURL),
                           clock: VirtualClock())
        let outcome = await pool.summarize(Fixtures.request())
        #expect(outcome.failure == .invalidSummary(reason: "bullet 1 has 40 words (limit 25)"))
        #expect(outcome.summary == nil)
        #expect(outcome.spentInputTokens == 200)
        #expect(await server.requestCount() == 2)
        await server.stop()
    }

    // MARK: What leaves the machine

    @Test func plantedSecretsNeverReachTheServer() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        let body = """
            def connect():
                api_key = "sk-ant-api03-PLANTEDsecretVALUE0123456789"
                aws = "AKIAPLANTED000000000"
                return Client(api_key, aws)
            """
        let request = Fixtures.request(name: "connect", body: body, signature: "def connect():")
        let pool = LLMPool(provider: AnthropicProvider(model: "claude-haiku-4-5", apiKey: "k", baseURL: server.baseURL),
                           clock: VirtualClock())
        let summary = try #require(await pool.summarize(request).summary)
        #expect(summary.redactions == 2)
        let sent = try #require(await server.requests().first)
        #expect(!sent.bodyText.contains("PLANTEDsecret"))
        #expect(!sent.bodyText.contains("AKIAPLANTED"))
        #expect(sent.bodyText.contains("[REDACTED]"))
        await server.stop()
    }

    @Test func redactionCanBeTurnedOff() async throws {
        let body = "def f():\n    password = \"hunter2\"\n    return password\n"
        let request = Fixtures.request(name: "f", body: body, signature: "def f():")
        let provider = ScriptedProvider()
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(redactSecrets: false), clock: VirtualClock())
        _ = await pool.summarize(request)
        #expect(await provider.calls.first?.prompt.messages.last?.content.contains("hunter2") == true)
    }

    @Test func oversizedBodiesAreCutToTheContextWindow() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        let lines = (0..<4000).map { "    total += compute_value_\($0)(x)" }
        let body = "def huge(x):\n    total = 0\n" + lines.joined(separator: "\n") + "\n    return total"
        let small = ModelInfo(provider: .openAICompatible, id: "tiny", contextWindow: 4096,
                              inputUSDPerMTok: 0, outputUSDPerMTok: 0)
        let pool = LLMPool(provider: OpenAIProvider(name: "openai-compatible", model: "tiny", apiKey: nil, baseURL: server.baseURL),
                           model: small, clock: VirtualClock())
        let summary = try #require(await pool.summarize(Fixtures.request(name: "huge", body: body, signature: "def huge(x):")).summary)
        #expect(summary.truncated)
        let sent = try #require(await server.requests().first).messageContents().joined()
        #expect(sent.count < 4096 * 3)
        #expect(sent.contains("def huge(x):"))
        #expect(sent.contains("return total"))
        #expect(sent.contains("lines omitted by mu"))
        await server.stop()
    }

    /// Issue 16: a 6,000-line function costs at most `[llm] max_input_tokens`, and says so.
    @Test func aLongBodyIsCutToTheInputCapWhichIsPartOfTheCacheKey() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        let lines = (0..<6000).map { "    total += compute_value_\($0)(x)" }
        let body = "def huge(x):\n    total = 0\n" + lines.joined(separator: "\n") + "\n    return total"
        let large = ModelInfo(provider: .openAICompatible, id: "large", contextWindow: 1_000_000,
                              inputUSDPerMTok: 1, outputUSDPerMTok: 1)
        let configuration = PoolConfiguration(maxInputTokens: 8000)
        let pool = LLMPool(provider: OpenAIProvider(name: "openai-compatible", model: "large", apiKey: nil, baseURL: server.baseURL),
                           configuration: configuration, model: large, clock: VirtualClock())
        let request = Fixtures.request(name: "huge", body: body, signature: "def huge(x):")
        let summary = try #require(await pool.summarize(request).summary)
        #expect(summary.truncated)
        let sent = try #require(await server.requests().first).messageContents().joined()
        #expect(sent.count <= 8000 * 4)   // at most the cap at 4 characters per token (cut at 3)
        #expect(sent.contains("def huge(x):") && sent.contains("return total"))
        #expect(sent.contains("lines omitted by mu"))
        // The estimate `mu cost` shows counts the cut size, and the cap is in the cache key.
        let estimate = CostEstimator(model: large, maxInputTokens: 8000).estimate(request)
        #expect(estimate.inputTokens == 8000)
        #expect(CostEstimator(model: large).estimate(request).inputTokens > 50_000)
        #expect(configuration.paramsFingerprint.hasSuffix(";max_input_tokens=8000"))
        #expect(PoolConfiguration().paramsFingerprint != configuration.paramsFingerprint)
        await server.stop()
    }
}

/// Collects values reported from `@Sendable` callbacks.
final class ReportCollector: @unchecked Sendable {
    // Guarded by `lock`; callbacks may arrive from any thread.
    private let lock = NSLock()
    private var values: [PoolProgress] = []

    func add(_ value: PoolProgress) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }

    var all: [PoolProgress] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
