/// Requests-per-minute and tokens-per-minute limits for one pool.
///
/// A request reserves one request and its estimated tokens before it is
/// sent, waiting (on the pool clock) until both buckets allow it; when the
/// reply reports actual usage, ``settle(estimatedTokens:actualTokens:)``
/// corrects the token bucket. A limit of 0 means unlimited.
public actor RateLimiter {
    private var requests: TokenBucket?
    private var tokens: TokenBucket?
    private let clock: any PoolClock
    private var started = false

    public init(requestsPerMinute: Int, tokensPerMinute: Int, clock: any PoolClock) {
        self.clock = clock
        self.requests = requestsPerMinute > 0 ? TokenBucket(capacity: Double(requestsPerMinute), now: 0) : nil
        self.tokens = tokensPerMinute > 0 ? TokenBucket(capacity: Double(tokensPerMinute), now: 0) : nil
    }

    /// True when neither limit is set.
    public var isUnlimited: Bool { requests == nil && tokens == nil }

    /// Waits until one request with `estimatedTokens` tokens may be sent, and reserves it.
    public func acquire(estimatedTokens: Int) async throws {
        guard !isUnlimited else { return }
        await startIfNeeded()
        while true {
            try Task.checkCancellation()
            let now = await clock.now()
            requests?.refill(now: now)
            tokens?.refill(now: now)
            let wait = max(requests?.wait(for: 1) ?? 0, tokens?.wait(for: Double(estimatedTokens)) ?? 0)
            if wait <= 0 {
                requests?.take(1)
                tokens?.take(Double(estimatedTokens))
                return
            }
            try await clock.sleep(seconds: wait)
        }
    }

    /// Replaces a request's estimate by its actual token count.
    public func settle(estimatedTokens: Int, actualTokens: Int) {
        tokens?.adjust(by: Double(actualTokens - estimatedTokens))
    }

    /// Buckets start full at the first acquisition, in the clock's time base.
    private func startIfNeeded() async {
        guard !started else { return }
        started = true
        let now = await clock.now()
        if let bucket = requests { requests = TokenBucket(capacity: bucket.capacity, now: now) }
        if let bucket = tokens { tokens = TokenBucket(capacity: bucket.capacity, now: now) }
    }
}
