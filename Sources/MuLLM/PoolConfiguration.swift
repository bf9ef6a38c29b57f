/// How an ``LLMPool`` sends requests: the `[llm]` settings that are not about
/// reaching the provider.
public struct PoolConfiguration: Sendable {
    /// Requests in flight at most (`[llm] concurrency`).
    public var concurrency: Int
    public var retry: RetryPolicy
    /// 0 = unlimited.
    public var requestsPerMinute: Int
    /// 0 = unlimited.
    public var tokensPerMinute: Int
    /// Stop dispatching before spending would pass this many dollars; 0 = no budget.
    public var maxCostUSD: Double
    public var parameters: CompletionParameters
    public var template: PromptTemplate
    /// Replace secrets in bodies before they are sent (`[security] redact_secrets`).
    public var redactSecrets: Bool
    /// Observed characters per input token for this model (from the store); `nil` = 4.
    public var charsPerToken: Double?
    /// Observed mean output tokens for this model; `nil` = 120.
    public var meanOutputTokens: Double?
    /// Optional cap on the tokens of one body, below the model's context window.
    public var maxBodyTokens: Int?
    /// `[llm] max_input_tokens`: a prompt longer than this is cut to the declaration, doc comment, the
    /// head and the tail of the body, with a marker line naming the lines left out. Part of the cache key.
    public var maxInputTokens: Int?
    /// `[quality]`: what a reply must satisfy to be accepted (non-default criteria are in the cache key).
    public var quality: QualityCriteria
    /// Source of jitter in [0, 1); injectable for reproducible tests.
    public var random: @Sendable () -> Double

    public init(concurrency: Int = 5, retry: RetryPolicy = RetryPolicy(), requestsPerMinute: Int = 0,
                tokensPerMinute: Int = 0, maxCostUSD: Double = 0,
                parameters: CompletionParameters = CompletionParameters(),
                template: PromptTemplate = .builtIn(.direct), redactSecrets: Bool = true,
                charsPerToken: Double? = nil, meanOutputTokens: Double? = nil, maxBodyTokens: Int? = nil,
                maxInputTokens: Int? = nil, quality: QualityCriteria = .standard,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.concurrency = max(1, concurrency)
        self.retry = retry
        self.requestsPerMinute = max(0, requestsPerMinute)
        self.tokensPerMinute = max(0, tokensPerMinute)
        self.maxCostUSD = max(0, maxCostUSD)
        self.parameters = parameters
        self.template = template
        self.redactSecrets = redactSecrets
        self.charsPerToken = charsPerToken
        self.meanOutputTokens = meanOutputTokens
        self.maxBodyTokens = maxBodyTokens
        self.maxInputTokens = maxInputTokens.map { max(1, $0) }
        self.quality = quality
        self.random = random
    }

    /// The cache-key component for these settings (see ``ParamsFingerprint``).
    public var paramsFingerprint: String {
        ParamsFingerprint.make(parameters: parameters, template: template, maxInputTokens: maxInputTokens,
                               quality: quality)
    }
}
