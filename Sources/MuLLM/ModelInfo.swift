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

    /// Price of the given usage in USD (0 when the price is unknown).
    public func cost(_ usage: TokenUsage) -> Double {
        cost(inputTokens: Double(usage.inputTokens), outputTokens: Double(usage.outputTokens))
    }

    public func cost(inputTokens: Double, outputTokens: Double) -> Double {
        (inputTokens * (inputUSDPerMTok ?? 0) + outputTokens * (outputUSDPerMTok ?? 0)) / 1_000_000
    }
}
