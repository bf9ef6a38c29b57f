import Foundation
import MuCore

extension ProviderKind {
    /// Base URL used when neither config nor environment gives one.
    public var defaultBaseURL: URL? {
        switch self {
        case .anthropic: AnthropicProvider.defaultBaseURL
        case .openAI: OpenAIProvider.defaultBaseURL
        case .openRouter: OpenAIProvider.openRouterBaseURL
        case .ollama: OllamaProvider.defaultBaseURL
        case .openAICompatible, .extractive: nil
        }
    }
}
