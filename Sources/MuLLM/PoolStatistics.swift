/// Why a pool stopped dispatching before the work was done.
public enum PoolStopReason: Sendable, Hashable, CustomStringConvertible {
    /// The provider refused the credentials (or the provider is misconfigured): exit code 3.
    case authentication(LLMError)
    /// Spending reached the budget: exit code 4.
    case budget(limitUSD: Double, spentUSD: Double)
    /// The first calls could not connect at all (nothing has ever succeeded): the server is down or
    /// the base URL is wrong, so the rest are not tried one by one.
    case unreachable(LLMError)
    /// The provider does not serve the configured model: exit code 1.
    case unknownModel(LLMError)
    /// The first `failures` requests all failed the same way after their retries and none succeeded:
    /// the provider is broken for this run (exit code 1); `error` carries the server's own message.
    case gaveUp(LLMError, failures: Int)

    public var description: String {
        switch self {
        case .authentication(let error): error.description
        case .unreachable(let error): error.description
        case .unknownModel(let error): error.description
        case .gaveUp(let error, let failures):
            "gave up after the first \(failures) requests all failed the same way and none succeeded: \(error.description)"
        case .budget(let limit, let spent):
            "stopped at the cost budget: spent $\(LLMError.dollars(spent)) of $\(LLMError.dollars(limit))"
        }
    }
}

/// Totals since the pool was created, for the run summary and the store.
public struct PoolStatistics: Sendable, Hashable {
    /// Provider calls made (retries and re-asks included).
    public var requestsSent = 0
    public var retries = 0
    public var reasks = 0
    public var succeeded = 0
    public var failed = 0
    public var inputTokens = 0
    public var outputTokens = 0
    /// Part of `inputTokens` read from the provider's prompt cache.
    public var cachedInputTokens = 0
    public var costUSD = 0.0
    /// Highest number of calls in flight at once.
    public var peakInFlight = 0
    /// Pool-wide pauses after a used-up quota or overload (429 with 0 remaining, 529, 503).
    public var coolDowns = 0
    /// Times a plain 429 lowered the in-flight limit.
    public var slowDowns = 0
    /// Lowest in-flight limit the pool fell to after 429s (the configured concurrency without any).
    public var lowestInFlightLimit = 0
    public var stopReason: PoolStopReason?
    /// Characters sent per input token, from replies that reported usage; `nil` before any.
    public var observedCharsPerToken: Double?
    /// Mean output tokens of accepted summaries; `nil` before any.
    public var observedMeanOutputTokens: Double?

    public init() {}
}
