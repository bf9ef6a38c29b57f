/// What to do after a failed call, by kind of failure.
///
/// - 429 (rate limited): this request waits `retry-after` when the server
///   gave one, otherwise exponential backoff with jitter (2, 4, 8… s, capped
///   at `maxDelay`), and the pool sends fewer requests at once for a while
///   (``Decision/slowDown(delay:)``). Up to `maxRateLimitRetries`.
/// - A used-up quota (429 whose rate-limit headers show 0 remaining) and
///   overload (529/503): the same waits, but the whole pool pauses.
/// - 5xx, timeouts, connection failures, unreadable replies: backoff on this
///   request only, up to `maxRetries`.
/// - 401/403, an unknown model and configuration errors: stop the whole batch.
/// - Everything else (400 invalid request, budget, cancellation): fail this request.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries for server errors, timeouts and connection failures (`[llm] max_retries`).
    public var maxRetries: Int
    /// Retries for rate limiting and overload, which are about pacing rather than faults.
    public var maxRateLimitRetries: Int
    /// First backoff, in seconds.
    public var baseDelay: Double
    /// Cap on computed backoffs.
    public var maxDelay: Double
    /// Random extra share added to a backoff (0.25 → up to +25 %), to spread retries.
    public var jitter: Double
    /// Cap on a server-requested `retry-after`, against absurd values.
    public var maxRetryAfter: Double

    public init(maxRetries: Int = 2, maxRateLimitRetries: Int = 6, baseDelay: Double = 2, maxDelay: Double = 60,
                jitter: Double = 0.25, maxRetryAfter: Double = 600) {
        self.maxRetries = max(0, maxRetries)
        self.maxRateLimitRetries = max(0, maxRateLimitRetries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = max(0, jitter)
        self.maxRetryAfter = maxRetryAfter
    }

    public enum Decision: Sendable, Hashable {
        /// Wait `delay` seconds, then retry this request; the pool lowers its in-flight limit.
        case slowDown(delay: Double)
        /// Pause the whole pool for `delay` seconds, then retry.
        case coolDown(delay: Double)
        /// Wait `delay` seconds, then retry this request.
        case backoff(delay: Double)
        /// Give up on this request.
        case fail
        /// Give up on this request and stop dispatching the rest of the batch.
        case stopBatch
    }

    /// The decision after `error`, given how many retries of each class this request already had.
    /// `random` is a value in [0, 1) for the jitter.
    public func decision(for error: LLMError, rateLimitRetries: Int, otherRetries: Int, random: Double) -> Decision {
        switch error {
        case .rateLimited(let retryAfter, _):
            guard rateLimitRetries < maxRateLimitRetries else { return .fail }
            if let retryAfter, retryAfter > 0 { return .slowDown(delay: min(retryAfter, maxRetryAfter)) }
            return .slowDown(delay: backoff(retry: rateLimitRetries + 1, random: random))
        case .quotaExhausted(let retryAfter, _), .overloaded(let retryAfter, _):
            guard rateLimitRetries < maxRateLimitRetries else { return .fail }
            if let retryAfter, retryAfter > 0 { return .coolDown(delay: min(retryAfter, maxRetryAfter)) }
            return .coolDown(delay: backoff(retry: rateLimitRetries + 1, random: random))
        case .server, .timeout, .connection, .malformedResponse:
            guard otherRetries < maxRetries else { return .fail }
            return .backoff(delay: backoff(retry: otherRetries + 1, random: random))
        case .authentication, .configuration, .unknownModel:
            return .stopBatch
        case .invalidRequest, .invalidSummary, .budgetExceeded, .cancelled:
            return .fail
        }
    }

    /// Backoff before retry number `retry` (1-based): base × 2^(retry−1), capped, plus jitter, capped again.
    public func backoff(retry: Int, random: Double) -> Double {
        let exponent = Double(max(0, retry - 1))
        let plain = min(maxDelay, baseDelay * pow2(exponent))
        return min(maxDelay, plain * (1 + jitter * min(max(random, 0), 1)))
    }

    private func pow2(_ exponent: Double) -> Double {
        exponent > 30 ? Double(1 << 30) : Double(1 << Int(exponent))
    }
}
