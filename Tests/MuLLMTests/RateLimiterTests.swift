import Testing
@testable import MuLLM

@Suite struct RateLimiterTests {
    @Test func requestsPerMinuteIsRespectedInVirtualTime() async throws {
        let clock = VirtualClock()
        let provider = ScriptedProvider(clock: clock)
        let pool = LLMPool(provider: provider, configuration: PoolConfiguration(concurrency: 5, requestsPerMinute: 30),
                           clock: clock)
        let outcomes = await pool.summarizeBatch(Fixtures.requests(50))
        #expect(outcomes.allSatisfy { $0.summary != nil })
        let times = await provider.calls.map(\.time).sorted()
        #expect(times.count == 50)
        // A bucket of 30 refilling at 30/min: by time t at most 30 + t/2 requests.
        for (index, time) in times.enumerated() {
            #expect(Double(index + 1) <= 30 + time * 0.5 + 1e-9, "request \(index + 1) at \(time) s")
        }
        #expect(try #require(times.last) >= 40)
    }

    @Test func tokensPerMinuteReservesEstimatesAndSettlesActualUsage() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 0, tokensPerMinute: 6000, clock: clock)
        try await limiter.acquire(estimatedTokens: 4000)
        try await limiter.acquire(estimatedTokens: 2000)
        #expect(await clock.now() == 0)
        // The first request really used 1000 tokens: 3000 come back.
        await limiter.settle(estimatedTokens: 4000, actualTokens: 1000)
        try await limiter.acquire(estimatedTokens: 3000)
        #expect(await clock.now() == 0)
        // The bucket is empty: 1200 tokens take 12 s at 100 tokens/s.
        try await limiter.acquire(estimatedTokens: 1200)
        #expect(abs(await clock.now() - 12) < 1e-9)
    }

    @Test func oversizedRequestsTakeAFullBucketInsteadOfWaitingForever() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 0, tokensPerMinute: 1000, clock: clock)
        try await limiter.acquire(estimatedTokens: 50_000)
        try await limiter.acquire(estimatedTokens: 50_000)
        #expect(abs(await clock.now() - 60) < 1e-9)
    }

    @Test func unlimitedNeverWaits() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 0, tokensPerMinute: 0, clock: clock)
        for _ in 0..<1000 { try await limiter.acquire(estimatedTokens: 100_000) }
        #expect(await clock.sleeps.isEmpty)
    }
}
