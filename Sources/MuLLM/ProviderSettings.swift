import Foundation
import MuCore

/// Everything needed to build a provider, already resolved by the caller
/// (flags, environment, config files). MuLLM never reads the environment.
public struct ProviderSettings: Sendable, Hashable, CustomStringConvertible {
    public var kind: ProviderKind
    /// API model id; empty means the catalog's default for the provider.
    public var model: String
    /// Base URL; `nil` means the provider's default.
    public var baseURL: URL?
    /// The key from the environment; never logged (see ``description``).
    public var apiKey: String?
    /// Per-request timeout, whole exchange.
    public var timeoutSeconds: Double
    public var temperature: Double
    public var maxTokens: Int
    /// OpenRouter attribution headers (`HTTP-Referer`, `X-Title`), optional.
    public var appReferer: String?
    public var appTitle: String?

    public init(kind: ProviderKind, model: String = "", baseURL: URL? = nil, apiKey: String? = nil,
                timeoutSeconds: Double = 30, temperature: Double = 0.2, maxTokens: Int = 300,
                appReferer: String? = nil, appTitle: String? = nil) {
        self.kind = kind
        self.model = model
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.timeoutSeconds = timeoutSeconds
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.appReferer = appReferer
        self.appTitle = appTitle
    }

    /// The model actually used: the configured one, or the catalog default.
    public func resolvedModel(catalog: ModelCatalog = .builtIn) -> String {
        let trimmed = model.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? (catalog.defaultModel(for: kind) ?? "") : trimmed
    }

    /// Sampling parameters for this model: temperature is left out for models
    /// the catalog marks as not accepting one (OpenAI reasoning models).
    public func completionParameters(catalog: ModelCatalog = .builtIn) -> CompletionParameters {
        let info = catalog.info(provider: kind, model: resolvedModel(catalog: catalog))
        let acceptsTemperature = info?.acceptsTemperature ?? true
        return CompletionParameters(maxTokens: maxTokens, temperature: acceptsTemperature ? temperature : nil)
    }

    /// Safe to print: the key is masked.
    public var description: String {
        var parts = ["provider=\(kind.rawValue)", "model=\(model.isEmpty ? "(default)" : model)"]
        if let baseURL { parts.append("base_url=\(baseURL.absoluteString)") }
        if kind.apiKeyEnvironmentVariable != nil { parts.append("api_key=\(SecretMask.mask(apiKey))") }
        parts.append("timeout=\(timeoutSeconds)s")
        return parts.joined(separator: " ")
    }
}
