import Foundation

/// The backends mu can talk to, named as in `[llm] provider`.
public enum ProviderKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case extractive
    case anthropic
    case openAI = "openai"
    case openRouter = "openrouter"
    case ollama
    case openAICompatible = "openai-compatible"

    public var description: String { rawValue }

    /// Parses a config or flag value, case-insensitively (`OpenAI`, `openai_compatible` accepted).
    public init?(configValue: String) {
        let normalized = configValue.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "_", with: "-")
        guard let kind = ProviderKind(rawValue: normalized) else { return nil }
        self = kind
    }

    /// Environment variable holding the key; keys come only from the environment.
    public var apiKeyEnvironmentVariable: String? {
        switch self {
        case .anthropic: "ANTHROPIC_API_KEY"
        case .openAI: "OPENAI_API_KEY"
        case .openRouter: "OPENROUTER_API_KEY"
        case .openAICompatible: "OPENAI_API_KEY"
        case .ollama, .extractive: nil
        }
    }

    /// Environment variable that may override the base URL.
    public var baseURLEnvironmentVariable: String? {
        switch self {
        case .anthropic: "ANTHROPIC_BASE_URL"
        case .openAI: "OPENAI_BASE_URL"
        case .ollama: "OLLAMA_HOST"
        case .openRouter, .openAICompatible, .extractive: nil
        }
    }

    /// A key must be present before anything is sent.
    public var requiresAPIKey: Bool {
        switch self {
        case .anthropic, .openAI, .openRouter: true
        case .ollama, .openAICompatible, .extractive: false
        }
    }

    /// True for hosted APIs with rate limits, where a concurrency above 10 deserves a warning.
    public var isRemoteAPI: Bool {
        switch self {
        case .anthropic, .openAI, .openRouter: true
        case .ollama, .openAICompatible, .extractive: false
        }
    }

    /// Calls cost nothing (local models, the extractive summarizer).
    public var isFree: Bool {
        self == .ollama || self == .extractive
    }
}
