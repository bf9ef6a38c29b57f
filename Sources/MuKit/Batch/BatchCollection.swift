/// What taking in provider batch results did (`mu batch collect`, a `summarize` run's first step,
/// `summarize --batch --wait`).
public struct BatchCollection: Sendable, Hashable {
    /// Batches whose results were taken in, and batches still running.
    public var batchesCollected = 0
    public var batchesPending = 0
    /// Valid summaries from batch results, now cached.
    public var summarized = 0
    /// Batch replies that failed validation, re-asked live and then valid (never cached from the batch).
    public var reaskedLive = 0
    /// Requests without a summary: errored, cancelled, expired, missing, or invalid and failing live too.
    /// Their functions are misses again: the next `summarize` sends them live.
    public var failed = 0
    /// Batch requests answered (billed at the batch rate) and live re-asks sent.
    public var batchReplies = 0
    public var liveRequests = 0
    public var inputTokens = 0
    public var outputTokens = 0
    public var cachedInputTokens = 0
    /// Batch replies at the batch price plus live re-asks at the list price.
    public var costUSD = 0.0
    /// The first failures: `path:line qualified.name: reason`.
    public var failureSamples: [String] = []

    public init() {}

    mutating func note(_ failure: String) {
        if failureSamples.count < 20 { failureSamples.append(failure) }
    }
}

/// Progress of batches being waited for (`summarize --batch --wait`).
public struct BatchProgress: Sendable, Hashable {
    public var batches: Int
    public var completed: Int
    public var total: Int
    public var elapsed: Double

    public init(batches: Int, completed: Int, total: Int, elapsed: Double) {
        self.batches = batches
        self.completed = completed
        self.total = total
        self.elapsed = elapsed
    }
}
