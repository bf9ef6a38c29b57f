import MuCore
import MuLLM
import MuStore

/// Summaries from a language model: a provider behind an ``LLMPool`` (concurrency, rate limits,
/// retries, budget, redaction).
public struct LLMBackend: SummaryBackend {
    public let provider: any LLMProvider
    public let configuration: PoolConfiguration
    public let catalog: ModelCatalog
    public let identity: SummaryBackendIdentity

    public init(provider: any LLMProvider, configuration: PoolConfiguration, catalog: ModelCatalog) {
        self.provider = provider
        self.configuration = configuration
        self.catalog = catalog
        identity = Self.identity(provider: ProviderKind(rawValue: provider.name) ?? .openAICompatible,
                                 model: provider.model, configuration: configuration)
    }

    /// The identity of a model's summaries under these pool settings (no provider needed: `mu cost`).
    static func identity(provider: ProviderKind, model: String, configuration: PoolConfiguration) -> SummaryBackendIdentity {
        SummaryBackendIdentity(provider: provider, model: model, version: PROMPT_VERSION,
                               params: configuration.paramsFingerprint)
    }

    public var isFree: Bool { identity.provider.isFree }

    public func start(observed: ModelStatistics?) -> any SummarySession {
        var configuration = configuration
        configuration.charsPerToken = observed?.charsPerToken
        configuration.meanOutputTokens = observed?.meanOutputTokens
        return LLMPool(provider: provider, configuration: configuration, catalog: catalog)
    }
}
