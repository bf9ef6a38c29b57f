import Foundation
import MuTestSupport
import Testing
@testable import MuLLM

/// Issue 9 #5: a 429 slows the pool down (fewer requests in flight, this request waits its
/// Retry-After) instead of pausing everything; only a used-up quota pauses the pool.
@Suite struct AdaptiveConcurrencyTests {
    @Test func aPlainRateLimitDelaysOnlyTheRequestThatGotIt() async throws {
        let server = try await FakeProviderServer.start(.openAI, latency: 0.03)
        await server.enqueue(.rateLimited(retryAfter: 4))
        let pool = LLMPool(provider: OpenAIProvider(model: "gpt-4.1-mini", apiKey: "k", baseURL: server.baseURL),
                           configuration: PoolConfiguration(concurrency: 4, retry: Fixtures.exactRetry()))
        let outcomes = await pool.summarizeBatch(Fixtures.requests(40))
        #expect(outcomes.allSatisfy { $0.summary != nil })
        let requests = await server.requests()
        #expect(requests.count == 41)
        // The one function sent twice: the rate-limited request and its retry.
        func function(_ request: RecordedRequest) -> String? {
            guard let range = request.bodyText.range(of: #"function_[0-9]+"#, options: .regularExpression) else { return nil }
            return String(request.bodyText[range])
        }
        var firstSeen: [String: Int] = [:]
        var pair: (first: Int, retry: Int)?
        for (i, request) in requests.enumerated() {
            guard let name = function(request) else { continue }
            if let earlier = firstSeen[name] { pair = (earlier, i) } else { firstSeen[name] = i }
        }
        let (first, retry) = try #require(pair, "\(requests.map(function))")
        // Other requests kept going while the rate-limited one waited its 4 s (a pool-wide pause
        // would have let through only the 3 others already in flight before the retry; 8 leaves
        // room for a loaded machine, where 4 s may see only a few waves of 30 ms requests).
        #expect(retry - first >= 8, "the retry was request \(retry), the rate-limited one \(first)")
        #expect(requests[retry].receivedAt - requests[first].receivedAt >= 4.0) // it waited its Retry-After
        let stats = await pool.statistics()
        #expect(stats.coolDowns == 0)
        #expect(stats.slowDowns == 1)
        #expect(stats.lowestInFlightLimit == 2)
        await server.stop()
    }

    @Test func aBurstOfRateLimitsHalvesTheLimitOnceAndSuccessesGrowItBack() async {
        let clock = VirtualClock()
        let limited = ScriptedProvider.Step.fail(.rateLimited(retryAfter: 2, message: "slow down"))
        let provider = ScriptedProvider(clock: clock, script: [limited, limited, limited, limited],
                                        delay: { _ in 0.005 })
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(concurrency: 4, retry: Fixtures.exactRetry()),
                           clock: clock)
        let outcomes = await pool.summarizeBatch(Fixtures.requests(30))
        #expect(outcomes.allSatisfy { $0.summary != nil })
        let stats = await pool.statistics()
        #expect(stats.slowDowns == 1) // four 429s to calls sent together are one signal
        #expect(stats.lowestInFlightLimit == 2)
        #expect(stats.coolDowns == 0)
        #expect(stats.retries == 4)
        #expect(await provider.peakInFlight == 4)
    }

    @Test func aUsedUpQuotaPausesEveryone() async throws {
        let server = try await FakeProviderServer.start(.openAI, latency: 0.03)
        await server.enqueue(.quotaExhausted(retryAfter: 1))
        let pool = LLMPool(provider: OpenAIProvider(model: "gpt-4.1-mini", apiKey: "k", baseURL: server.baseURL),
                           configuration: PoolConfiguration(concurrency: 4, retry: Fixtures.exactRetry()))
        let outcomes = await pool.summarizeBatch(Fixtures.requests(20))
        #expect(outcomes.allSatisfy { $0.summary != nil })
        let times = await server.requests().map(\.receivedAt)
        // Only the first wave (already on its way) is sent before the pause of 1 s ends.
        let sorted = times.sorted()
        #expect(sorted.count == 21)
        #expect(sorted[4] - sorted[0] >= 0.95, "\(times)")
        #expect(await pool.statistics().coolDowns == 1)
        await server.stop()
    }
}
