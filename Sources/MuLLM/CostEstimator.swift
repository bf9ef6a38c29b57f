/// What summarizing would cost, before anything is sent.
public struct CostEstimate: Sendable, Hashable, Codable {
    public var requests: Int
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUSD: Double
    /// False when the model's price is unknown (the cost is then 0 and cannot be trusted).
    public var isPriced: Bool

    public init(requests: Int = 0, inputTokens: Int = 0, outputTokens: Int = 0, costUSD: Double = 0, isPriced: Bool = true) {
        self.requests = requests
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.isPriced = isPriced
    }

    public static func + (lhs: CostEstimate, rhs: CostEstimate) -> CostEstimate {
        CostEstimate(requests: lhs.requests + rhs.requests, inputTokens: lhs.inputTokens + rhs.inputTokens,
                     outputTokens: lhs.outputTokens + rhs.outputTokens, costUSD: lhs.costUSD + rhs.costUSD,
                     isPriced: lhs.isPriced && rhs.isPriced)
    }
}

/// Estimates tokens and dollars for requests: input from the rendered
/// prompt's characters divided by a chars-per-token ratio (4 until the store
/// supplies the ratio observed for the model), output from the observed mean
/// (120 by default), priced with the catalog.
public struct CostEstimator: Sendable {
    public static let defaultCharsPerToken = 4.0
    public static let defaultMeanOutputTokens = 120.0

    public var model: ModelInfo
    public var template: PromptTemplate
    public var charsPerToken: Double
    public var meanOutputTokens: Double
    /// `[llm] max_input_tokens`: a longer prompt is cut to about this size before it is sent.
    public var maxInputTokens: Int?
    /// Price requests at the batch rate (``ModelInfo/batchPriceFactor``): `summarize --batch`.
    public var batch = false

    public init(model: ModelInfo, template: PromptTemplate = .builtIn(),
                charsPerToken: Double? = nil, meanOutputTokens: Double? = nil, maxInputTokens: Int? = nil) {
        self.maxInputTokens = maxInputTokens
        self.model = model
        self.template = template
        self.charsPerToken = charsPerToken.flatMap { $0 > 0 ? $0 : nil } ?? CostEstimator.defaultCharsPerToken
        self.meanOutputTokens = meanOutputTokens.flatMap { $0 > 0 ? $0 : nil } ?? CostEstimator.defaultMeanOutputTokens
    }

    /// Estimated input tokens for a prompt.
    public func inputTokens(for prompt: Prompt) -> Int {
        Int((Double(prompt.characterCount) / charsPerToken).rounded(.up))
    }

    public func estimate(_ request: SummaryRequest) -> CostEstimate {
        if model.provider == .extractive {
            return CostEstimate(requests: 1, isPriced: true)
        }
        // A body over the input cap is cut (LLMPool): count the cut size.
        let input = min(inputTokens(for: template.render(request)), maxInputTokens ?? .max)
        let output = Int(meanOutputTokens.rounded(.up))
        return CostEstimate(requests: 1, inputTokens: input, outputTokens: output,
                            costUSD: model.cost(inputTokens: Double(input), outputTokens: Double(output))
                                * (batch ? ModelInfo.batchPriceFactor : 1),
                            isPriced: model.isPriced)
    }

    /// The sum over `requests` (the misses a run would send).
    public func estimate(_ requests: some Sequence<SummaryRequest>) -> CostEstimate {
        requests.reduce(CostEstimate(isPriced: model.isPriced)) { $0 + estimate($1) }
    }

    /// Price of actual usage.
    public func cost(_ usage: TokenUsage) -> Double {
        model.cost(usage)
    }
}
