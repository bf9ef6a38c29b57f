import Foundation
import MuLLM
import MuCore

/// Turns the resolved configuration into what MuLLM needs: provider settings, the model catalog
/// (with `[models.NAME]` entries), the pool configuration and the cache-key components.
public struct LLMSetup: Sendable {
    public var settings: ProviderSettings
    public var catalog: ModelCatalog
    public var pool: PoolConfiguration
    /// True when the provider was not chosen by anyone (the offline default).
    public var isDefaultProvider: Bool

    public init(_ resolved: ResolvedConfig, charsPerToken: Double? = nil, meanOutputTokens: Double? = nil) {
        let llm = resolved.config.llm
        let kind = ProviderKind(configValue: llm.provider.rawValue) ?? .extractive
        var catalog = ModelCatalog.builtIn
        let extra: [ModelInfo] = resolved.config.models.compactMap { name, entry in
            guard let provider = entry.provider.flatMap({ ProviderKind(configValue: $0.rawValue) }) ?? Optional(kind) else { return nil }
            return ModelInfo(provider: provider, id: entry.id ?? name, contextWindow: entry.contextWindow ?? 128_000,
                             inputUSDPerMTok: entry.inputUSDPerMTok, outputUSDPerMTok: entry.outputUSDPerMTok)
        }
        catalog = catalog.merging(extra)
        let endpoint = llm.endpoint(for: llm.provider)?.baseURL ?? ""
        let baseURL = endpoint.isEmpty ? nil : ProviderFactory.normalizeBaseURL(endpoint)
        settings = ProviderSettings(kind: kind, model: llm.model, baseURL: baseURL,
                                    apiKey: resolved.apiKeys.key(for: llm.provider),
                                    timeoutSeconds: llm.timeoutSeconds, temperature: llm.temperature,
                                    maxTokens: llm.maxTokens)
        self.catalog = catalog
        let strategy = PromptStrategy(configValue: llm.strategy.rawValue) ?? .direct
        let template: PromptTemplate = llm.promptTemplate.map { .custom(user: $0, strategy: strategy) } ?? .builtIn(strategy)
        pool = PoolConfiguration(
            concurrency: llm.concurrency, retry: RetryPolicy(maxRetries: llm.maxRetries),
            requestsPerMinute: llm.requestsPerMinute, tokensPerMinute: llm.tokensPerMinute,
            maxCostUSD: llm.maxCostUSD, parameters: settings.completionParameters(catalog: catalog),
            template: template, redactSecrets: resolved.config.security.redactSecrets,
            charsPerToken: charsPerToken, meanOutputTokens: meanOutputTokens)
        isDefaultProvider = resolved.source(of: "llm.provider") == .defaultValue
    }

    public var kind: ProviderKind { settings.kind }

    /// The model id used in cache keys and reports.
    public var model: String { settings.resolvedModel(catalog: catalog) }

    /// The backend registered for the configured provider: the offline summarizer, or a model
    /// provider behind a pool. The shared HTTP session (libcurl and its TLS set-up, ~20 ms) is only
    /// created for providers that talk to a server.
    public func makeBackend(transport: HTTPTransport? = nil) throws -> any SummaryBackend {
        switch kind {
        case .extractive:
            return OfflineBackend()
        case .anthropic, .openAI, .openRouter, .ollama, .openAICompatible:
            let provider = try ProviderFactory.make(settings, catalog: catalog, transport: transport ?? .shared)
            return LLMBackend(provider: provider, configuration: pool, catalog: catalog)
        }
    }

    /// The configured backend's cache identity, without building it (no API key needed).
    public var backendIdentity: SummaryBackendIdentity {
        switch kind {
        case .extractive: OfflineBackend().identity
        default: LLMBackend.identity(provider: kind, model: model, configuration: pool)
        }
    }

    /// True when the configured backend costs nothing (offline, a local Ollama).
    public var isFree: Bool { kind.isFree }
}
