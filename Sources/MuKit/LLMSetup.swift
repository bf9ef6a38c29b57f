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

    /// True for providers that cost nothing (extractive, a local Ollama): no estimate or question first.
    public func isFreeProvider(_ name: String) -> Bool {
        (ProviderKind(rawValue: name) ?? kind).isFree
    }
    /// The model id used in cache keys and reports.
    public var model: String { settings.resolvedModel(catalog: catalog) }

    /// The provider; the shared HTTP session (libcurl and its TLS set-up, ~20 ms) is only created
    /// for providers that talk to a server.
    public func makeProvider(transport: HTTPTransport? = nil) throws -> any LLMProvider {
        if kind == .extractive { return ExtractiveProvider() }
        return try ProviderFactory.make(settings, catalog: catalog, transport: transport ?? .shared)
    }
}
