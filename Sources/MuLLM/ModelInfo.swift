import MuCore

/// One catalog entry: a model a provider serves, its context window and its price.
public struct ModelInfo: Sendable, Hashable, Codable {
    public var provider: ProviderKind
    /// The id sent to the API.
    public var id: String
    /// Context window in tokens (input + output).
    public var contextWindow: Int
    /// USD per 1M input tokens; `nil` when unknown (cost then reported as 0 and budgets cannot be enforced).
    public var inputUSDPerMTok: Double?
    /// USD per 1M output tokens; `nil` when unknown.
    public var outputUSDPerMTok: Double?
    /// False for models that reject a `temperature` (OpenAI reasoning models).
    public var acceptsTemperature: Bool

    public init(provider: ProviderKind, id: String, contextWindow: Int,
                inputUSDPerMTok: Double?, outputUSDPerMTok: Double?, acceptsTemperature: Bool = true) {
        self.provider = provider
        self.id = id
        self.contextWindow = contextWindow
        self.inputUSDPerMTok = inputUSDPerMTok
        self.outputUSDPerMTok = outputUSDPerMTok
        self.acceptsTemperature = acceptsTemperature
    }

    /// Both prices are known (0 counts as known).
    public var isPriced: Bool { inputUSDPerMTok != nil && outputUSDPerMTok != nil }

    /// Price of the given usage in USD (0 when the price is unknown): uncached input at the input
    /// price, cache reads and writes at ``cacheReadUSDPerMTok`` / ``cacheWriteUSDPerMTok``, output at the output price.
    public func cost(_ usage: TokenUsage) -> Double {
        let read = Double(min(usage.cacheReadTokens, usage.inputTokens))
        let write = Double(min(usage.cacheWriteTokens, usage.inputTokens - Int(read)))
        let plain = Double(usage.inputTokens) - read - write
        return cost(inputTokens: plain, outputTokens: Double(usage.outputTokens))
            + (read * (cacheReadUSDPerMTok ?? 0) + write * (cacheWriteUSDPerMTok ?? 0)) / 1_000_000
    }

    /// USD per 1M input tokens read from the prompt cache: Anthropic 0.1 × input; OpenAI 0.1 × (gpt-5),
    /// 0.25 × (gpt-4.1), 0.5 × (gpt-4o and others); the input price elsewhere (no discount known).
    public var cacheReadUSDPerMTok: Double? {
        guard let input = inputUSDPerMTok else { return nil }
        switch provider {
        case .anthropic: return input * 0.1
        case .openAI:
            if id.hasPrefix("gpt-5") { return input * 0.1 }
            if id.hasPrefix("gpt-4.1") { return input * 0.25 }
            return input * 0.5
        default: return input
        }
    }

    /// USD per 1M input tokens written to the prompt cache: Anthropic 1.25 × input (5-minute cache);
    /// the input price elsewhere (OpenAI caches without a surcharge).
    public var cacheWriteUSDPerMTok: Double? {
        guard let input = inputUSDPerMTok else { return nil }
        return provider == .anthropic ? input * 1.25 : input
    }

    /// Share of the list price a provider batch bills (Anthropic Message Batches and OpenAI Batch: 50 %).
    public static let batchPriceFactor = 0.5

    /// Price of the given usage when sent through the provider's batch API.
    public func batchCost(_ usage: TokenUsage) -> Double {
        cost(usage) * ModelInfo.batchPriceFactor
    }

    public func cost(inputTokens: Double, outputTokens: Double) -> Double {
        (inputTokens * (inputUSDPerMTok ?? 0) + outputTokens * (outputUSDPerMTok ?? 0)) / 1_000_000
    }
}
