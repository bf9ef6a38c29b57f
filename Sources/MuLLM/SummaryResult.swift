import MuSummaryText

/// A valid summary of one function, with what it cost to obtain.
public struct SummaryResult: Sendable, Hashable, Codable {
    /// 1–5 cleaned bullets, each at most ``SummaryParser/maxWordsPerBullet`` words.
    public var bullets: [String]
    /// Input tokens billed, re-asks included.
    public var inputTokens: Int
    /// Output tokens billed, re-asks included.
    public var outputTokens: Int
    /// Parts of `inputTokens` read from / written to the provider's prompt cache.
    public var cacheReadTokens: Int = 0
    public var cacheWriteTokens: Int = 0
    /// Catalog price × actual usage (0 for local providers or unknown prices).
    public var costUSD: Double
    /// Wall time from first dispatch to the accepted reply, retries and waits included, in seconds.
    public var latency: Double
    /// Model that produced the summary (the configured id, e.g. `claude-haiku-4-5`).
    public var model: String
    /// Provider name, e.g. `anthropic`, `extractive`.
    public var provider: String
    /// The body was cut to fit the model's context.
    public var truncated: Bool
    /// Number of secrets replaced by `[REDACTED]` before the body was sent.
    public var redactions: Int
    /// Provider calls made for this function (1 = first try succeeded).
    public var attempts: Int
    /// A chain-of-thought reply's reasoning (what came before its `Summary:` line): reported by
    /// `mu experiment`, never cached. Nil for other strategies.
    public var reasoning: String? = nil

    public init(
        bullets: [String],
        inputTokens: Int,
        outputTokens: Int,
        costUSD: Double,
        latency: Double,
        model: String,
        provider: String,
        truncated: Bool = false,
        redactions: Int = 0,
        attempts: Int = 1,
        cacheReadTokens: Int = 0,
        cacheWriteTokens: Int = 0
    ) {
        self.cacheReadTokens = cacheReadTokens
        self.cacheWriteTokens = cacheWriteTokens
        self.bullets = bullets
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.latency = latency
        self.model = model
        self.provider = provider
        self.truncated = truncated
        self.redactions = redactions
        self.attempts = attempts
    }
}

/// The outcome for one request of a batch: a summary or a typed failure.
public struct SummaryOutcome: Sendable {
    /// The request's ``SummaryRequest/id``.
    public var requestID: String
    public var result: Result<SummaryResult, LLMError>
    /// Tokens and dollars spent on this request even when it failed (e.g. invalid replies).
    public var spentInputTokens: Int
    public var spentOutputTokens: Int
    public var spentUSD: Double
    /// Part of `spentInputTokens` read from the provider's prompt cache.
    public var spentCacheReadTokens: Int = 0

    public init(
        requestID: String,
        result: Result<SummaryResult, LLMError>,
        spentInputTokens: Int = 0,
        spentOutputTokens: Int = 0,
        spentUSD: Double = 0
    ) {
        self.requestID = requestID
        self.result = result
        self.spentInputTokens = spentInputTokens
        self.spentOutputTokens = spentOutputTokens
        self.spentUSD = spentUSD
    }

    /// The summary, when the request succeeded.
    public var summary: SummaryResult? {
        if case .success(let value) = result { return value }
        return nil
    }

    /// The failure, when the request failed.
    public var failure: LLMError? {
        if case .failure(let error) = result { return error }
        return nil
    }
}
