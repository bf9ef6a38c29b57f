import Testing
@testable import MuLLM

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxRetries: 2, maxRateLimitRetries: 3, baseDelay: 2, maxDelay: 60, jitter: 0.25)

    @Test func backoffDoublesAndIsCapped() {
        let delays = (1...7).map { policy.backoff(retry: $0, random: 0) }
        #expect(delays == [2, 4, 8, 16, 32, 60, 60])
    }

    @Test func jitterAddsUpToItsShareAndStaysUnderTheCap() {
        #expect(policy.backoff(retry: 1, random: 0.5) == 2.25)
        #expect(policy.backoff(retry: 2, random: 0.999) < 5.0)
        #expect(policy.backoff(retry: 6, random: 0.999) == 60)
    }

    @Test func rateLimitsSlowDownAndUsedUpQuotasCoolDownHonouringRetryAfter() {
        let limited = LLMError.rateLimited(retryAfter: 17, message: "")
        #expect(policy.decision(for: limited, rateLimitRetries: 0, otherRetries: 0, random: 0) == .slowDown(delay: 17))
        let exhausted = LLMError.quotaExhausted(retryAfter: 17, message: "")
        #expect(policy.decision(for: exhausted, rateLimitRetries: 0, otherRetries: 0, random: 0) == .coolDown(delay: 17))
        let limitedNoHint = LLMError.rateLimited(retryAfter: nil, message: "")
        #expect(policy.decision(for: limitedNoHint, rateLimitRetries: 1, otherRetries: 0, random: 0) == .slowDown(delay: 4))
        #expect(policy.decision(for: limitedNoHint, rateLimitRetries: 3, otherRetries: 0, random: 0) == .fail)
        let noHint = LLMError.overloaded(retryAfter: nil, message: "")
        #expect(policy.decision(for: noHint, rateLimitRetries: 2, otherRetries: 0, random: 0) == .coolDown(delay: 8))
        #expect(policy.decision(for: noHint, rateLimitRetries: 3, otherRetries: 0, random: 0) == .fail)
        let absurd = LLMError.rateLimited(retryAfter: 86_400, message: "")
        #expect(policy.decision(for: absurd, rateLimitRetries: 0, otherRetries: 0, random: 0) == .slowDown(delay: 600))
    }

    @Test func transientFailuresBackOffUpToMaxRetries() {
        for error in [LLMError.server(status: 502, message: ""), .timeout(seconds: 1), .connection("reset"), .malformedResponse("x")] {
            #expect(policy.decision(for: error, rateLimitRetries: 0, otherRetries: 0, random: 0) == .backoff(delay: 2))
            #expect(policy.decision(for: error, rateLimitRetries: 0, otherRetries: 1, random: 0) == .backoff(delay: 4))
            #expect(policy.decision(for: error, rateLimitRetries: 0, otherRetries: 2, random: 0) == .fail)
        }
    }

    @Test func permanentFailuresAreNotRetried() {
        #expect(policy.decision(for: .invalidRequest(reason: "x"), rateLimitRetries: 0, otherRetries: 0, random: 0) == .fail)
        #expect(policy.decision(for: .invalidSummary(reason: "x"), rateLimitRetries: 0, otherRetries: 0, random: 0) == .fail)
        #expect(policy.decision(for: .authentication(status: 401, message: ""), rateLimitRetries: 0, otherRetries: 0, random: 0) == .stopBatch)
        #expect(policy.decision(for: .authentication(status: 403, message: ""), rateLimitRetries: 0, otherRetries: 0, random: 0) == .stopBatch)
        #expect(policy.decision(for: .unknownModel(model: "m", message: ""), rateLimitRetries: 0, otherRetries: 0, random: 0) == .stopBatch)
    }

    @Test func errorDescriptionsAreOneLineAndActionable() {
        let errors: [LLMError] = [
            .rateLimited(retryAfter: 3, message: "slow"), .overloaded(retryAfter: nil, message: "busy"),
            .invalidRequest(reason: "too long"), .authentication(status: 401, message: "bad key"),
            .timeout(seconds: 30), .server(status: 500, message: "oops"), .connection("refused"),
            .malformedResponse("html"), .invalidSummary(reason: "empty"), .budgetExceeded(limitUSD: 0.5),
            .cancelled(reason: "stopped"), .configuration("no key"),
            .quotaExhausted(retryAfter: 20, message: "quota"), .unknownModel(model: "gpt-9", message: "does not exist"),
        ]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(!error.description.isEmpty)
        }
        #expect(LLMError.budgetExceeded(limitUSD: 0.5).description.contains("$0.50"))
        #expect(LLMError.timeout(seconds: 0.3).description.contains("0.3 s"))
        #expect(LLMError.authentication(status: 401, message: "x").description.contains("API key"))
        let unknown = LLMError.unknownModel(model: "gpt-9", message: "does not exist").description
        #expect(unknown.contains("\"gpt-9\"") && unknown.contains("mu models"))
    }
}
