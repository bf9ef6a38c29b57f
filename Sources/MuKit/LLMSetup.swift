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
    /// Why `[prompt] examples_file` could not be used; thrown by ``makeBackend(transport:)``.
    public var examplesError: ConfigError?

    /// - Parameter repositoryRoot: where a relative `[prompt] examples_file` is looked up (default: the current directory).
    public init(_ resolved: ResolvedConfig, charsPerToken: Double? = nil, meanOutputTokens: Double? = nil,
                repositoryRoot: URL? = nil) {
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
        // `[models.NAME] id`: NAME is what the user picks, id what the provider's API is sent.
        let model = resolved.config.models[llm.model]?.id ?? llm.model
        settings = ProviderSettings(kind: kind, model: model, baseURL: baseURL,
                                    apiKey: resolved.apiKeys.key(for: llm.provider),
                                    timeoutSeconds: llm.timeoutSeconds, temperature: llm.temperature,
                                    maxTokens: llm.maxTokens)
        self.catalog = catalog
        let strategy = PromptStrategy(configValue: llm.strategy.rawValue) ?? .direct
        var template: PromptTemplate = llm.promptTemplate.map { .custom(user: $0, strategy: strategy) } ?? .builtIn(strategy)
        let examplesFile = resolved.config.prompt.examplesFile
        if strategy == .fewShot, !examplesFile.isEmpty {
            let root = repositoryRoot ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            do throws(ConfigError) { template = template.withExamples(try PromptExamplesFile.load(examplesFile, root: root)) } catch {
                examplesError = error
            }
        }
        pool = PoolConfiguration(
            concurrency: llm.concurrency, retry: RetryPolicy(maxRetries: llm.maxRetries),
            requestsPerMinute: llm.requestsPerMinute, tokensPerMinute: llm.tokensPerMinute,
            maxCostUSD: llm.maxCostUSD, parameters: settings.completionParameters(catalog: catalog),
            template: template, redactSecrets: resolved.config.security.redactSecrets,
            charsPerToken: charsPerToken, meanOutputTokens: meanOutputTokens, maxInputTokens: llm.maxInputTokens,
            quality: resolved.config.quality.criteria)
        isDefaultProvider = resolved.source(of: "llm.provider") == .defaultValue
    }

    public var kind: ProviderKind { settings.kind }

    /// The model id used in cache keys and reports.
    public var model: String { settings.resolvedModel(catalog: catalog) }

    /// The backend registered for the configured provider: the offline summarizer, or a model
    /// provider behind a pool. The shared HTTP session (libcurl and its TLS set-up, ~20 ms) is only
    /// created for providers that talk to a server.
    public func makeBackend(transport: HTTPTransport? = nil) throws -> any SummaryBackend {
        if let examplesError, kind != .extractive { throw examplesError }
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
