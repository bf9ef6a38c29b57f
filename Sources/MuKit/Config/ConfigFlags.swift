/// Command-line overrides, the top layer. The CLI fills in what the user passed; nil means "not given".
/// Values are checked like file values (a bad `--provider` lists the allowed ones).
public struct ConfigFlags: Sendable, Equatable {
    /// `--provider`
    public var provider: String?
    /// `--model`
    public var model: String?
    /// `--concurrency`
    public var concurrency: Int?
    /// `--max-cost` (USD)
    public var maxCostUSD: Double?
    /// `--timeout` (seconds)
    public var timeoutSeconds: Double?
    /// `--max-retries`
    public var maxRetries: Int?
    /// `--temperature`
    public var temperature: Double?
    /// `--max-tokens`
    public var maxTokens: Int?
    /// `--strategy`
    public var strategy: String?

    public init(
        provider: String? = nil,
        model: String? = nil,
        concurrency: Int? = nil,
        maxCostUSD: Double? = nil,
        timeoutSeconds: Double? = nil,
        maxRetries: Int? = nil,
        temperature: Double? = nil,
        maxTokens: Int? = nil,
        strategy: String? = nil
    ) {
        self.provider = provider
        self.model = model
        self.concurrency = concurrency
        self.maxCostUSD = maxCostUSD
        self.timeoutSeconds = timeoutSeconds
        self.maxRetries = maxRetries
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.strategy = strategy
    }

    /// (flag name, key, value) for every flag given, in key order. The flag names are the ones the CLI
    /// must use, since `config show` reports them as sources.
    var given: [(flag: String, key: String, value: ConfigValue)] {
        let all: [(String, String, ConfigValue?)] = [
            ("--provider", "llm.provider", provider.map(ConfigValue.string)),
            ("--model", "llm.model", model.map(ConfigValue.string)),
            ("--timeout", "llm.timeout_seconds", timeoutSeconds.map(ConfigValue.double)),
            ("--max-retries", "llm.max_retries", maxRetries.map(ConfigValue.int)),
            ("--concurrency", "llm.concurrency", concurrency.map(ConfigValue.int)),
            ("--max-cost", "llm.max_cost_usd", maxCostUSD.map(ConfigValue.double)),
            ("--temperature", "llm.temperature", temperature.map(ConfigValue.double)),
            ("--max-tokens", "llm.max_tokens", maxTokens.map(ConfigValue.int)),
            ("--strategy", "llm.strategy", strategy.map(ConfigValue.string)),
        ]
        return all.compactMap { flag, key, value in value.map { (flag, key, $0) } }
    }
}
