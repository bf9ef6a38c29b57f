/// A snapshot for a progress bar, sent after each request of a batch finishes.
public struct PoolProgress: Sendable, Hashable {
    public var total: Int
    public var done: Int
    public var failures: Int
    public var costUSD: Double
    public var inputTokens: Int
    public var outputTokens: Int
    /// Seconds since the batch started (pool clock).
    public var elapsed: Double

    public init(total: Int, done: Int = 0, failures: Int = 0, costUSD: Double = 0,
                inputTokens: Int = 0, outputTokens: Int = 0, elapsed: Double = 0) {
        self.total = total
        self.done = done
        self.failures = failures
        self.costUSD = costUSD
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.elapsed = elapsed
    }

    /// Estimated seconds left at the current pace; `nil` before the first result.
    public var eta: Double? {
        guard done > 0, total > done else { return done >= total ? 0 : nil }
        return elapsed / Double(done) * Double(total - done)
    }
}
