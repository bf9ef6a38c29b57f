import Foundation
import MuCore

/// Builds the provider described by ``ProviderSettings``.
public enum ProviderFactory {
    /// Returns a ready provider, or ``LLMError/configuration(_:)`` saying what
    /// to set (a missing key, a missing base URL or model for `openai-compatible`).
    public static func make(_ settings: ProviderSettings, catalog: ModelCatalog = .builtIn,
                            transport: HTTPTransport = .shared) throws(LLMError) -> any LLMProvider {
        let model = settings.resolvedModel(catalog: catalog)
        let key = settings.apiKey?.trimmingCharacters(in: .whitespacesAndNewlines)
        if settings.kind.requiresAPIKey, key?.isEmpty ?? true {
            let variable = settings.kind.apiKeyEnvironmentVariable ?? "the API key variable"
            throw .configuration("no API key for \(settings.kind.rawValue): set \(variable) in the environment")
        }
        if model.isEmpty {
            throw .configuration("no model for \(settings.kind.rawValue): set [llm] model or pass --model")
        }
        let baseURL = settings.baseURL ?? settings.kind.defaultBaseURL
        switch settings.kind {
        case .extractive:
            // The offline summarizer is not an LLM: MuKit builds it (MuExtractive).
            throw .configuration("extractive is the offline summarizer, not an LLM provider")
        case .anthropic:
            return AnthropicProvider(model: model, apiKey: key ?? "", baseURL: try checked(baseURL, settings.kind),
                                     timeoutSeconds: settings.timeoutSeconds, transport: transport)
        case .openAI:
            return OpenAIProvider(name: settings.kind.rawValue, model: model, apiKey: key,
                                  baseURL: try checked(baseURL, settings.kind), timeoutSeconds: settings.timeoutSeconds,
                                  tokenLimitField: .maxCompletionTokens, transport: transport)
        case .openRouter:
            var headers: [String: String] = [:]
            if let referer = settings.appReferer, !referer.isEmpty { headers["HTTP-Referer"] = referer }
            if let title = settings.appTitle, !title.isEmpty { headers["X-Title"] = title }
            return OpenAIProvider(name: settings.kind.rawValue, model: model, apiKey: key,
                                  baseURL: try checked(baseURL, settings.kind), timeoutSeconds: settings.timeoutSeconds,
                                  tokenLimitField: .maxTokens, extraHeaders: headers, transport: transport)
        case .openAICompatible:
            guard baseURL != nil else {
                throw .configuration("openai-compatible needs a base URL: set [llm.openai-compatible] base_url")
            }
            return OpenAIProvider(name: settings.kind.rawValue, model: model, apiKey: key,
                                  baseURL: try checked(baseURL, settings.kind), timeoutSeconds: settings.timeoutSeconds,
                                  tokenLimitField: .maxTokens, transport: transport)
        case .ollama:
            return OllamaProvider(model: model, baseURL: try checked(baseURL, settings.kind),
                                  timeoutSeconds: settings.timeoutSeconds, transport: transport)
        }
    }

    /// Accepts `OLLAMA_HOST`-style values without a scheme (`127.0.0.1:11434`).
    public static func normalizeBaseURL(_ text: String) -> URL? {
        var value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return nil }
        if !value.contains("://") { value = "http://" + value }
        while value.hasSuffix("/") { value.removeLast() }
        guard let url = URL(string: value), url.host != nil else { return nil }
        return url
    }

    private static func checked(_ url: URL?, _ kind: ProviderKind) throws(LLMError) -> URL {
        guard let url, let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw .configuration("invalid base URL for \(kind.rawValue): \(url?.absoluteString ?? "(none)")")
        }
        return url
    }
}
