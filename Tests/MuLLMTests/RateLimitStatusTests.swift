import Foundation
import Testing
@testable import MuLLM

@Suite struct RateLimitStatusTests {
    @Test func parsesGoDurations() {
        #expect(RateLimitStatus.parseDuration("1s") == 1)
        #expect(RateLimitStatus.parseDuration("6m0s") == 360)
        #expect(RateLimitStatus.parseDuration("20ms") == 0.02)
        #expect(RateLimitStatus.parseDuration("1h2m3.5s") == 3723.5)
        #expect(RateLimitStatus.parseDuration("7") == 7)
        #expect(RateLimitStatus.parseDuration("soon") == nil)
    }

    @Test func retryAfterInSecondsMillisecondsOrHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RateLimitStatus.retryAfter(HeaderFields(["Retry-After": "12"]), now: now) == 12)
        #expect(RateLimitStatus.retryAfter(HeaderFields(["retry-after-ms": "1500", "retry-after": "9"]), now: now) == 1.5)
        let date = "Tue, 14 Nov 2023 22:13:40 GMT"  // now + 20 s
        #expect(RateLimitStatus.retryAfter(HeaderFields(["retry-after": date]), now: now) == 20)
        #expect(RateLimitStatus.retryAfter(HeaderFields([:]), now: now) == nil)
    }

    @Test func anthropicResetTimestampsBecomeSecondsFromNow() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let headers = HeaderFields([
            "anthropic-ratelimit-requests-remaining": "0",
            "anthropic-ratelimit-requests-reset": "2023-11-14T22:13:50Z",
            "anthropic-ratelimit-tokens-remaining": "500",
            "anthropic-ratelimit-tokens-reset": "2023-11-14T22:14:20.5Z",
        ])
        let status = try #require(RateLimitStatus.anthropic(headers, now: now))
        #expect(status.requestsReset == 30)
        #expect(status.tokensReset == 60.5)
        // Requests are exhausted, tokens are not: the request reset is the wait.
        #expect(status.suggestedWait == 30)
    }
}
