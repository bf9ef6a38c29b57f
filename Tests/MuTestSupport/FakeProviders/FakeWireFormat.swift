import Foundation

/// The provider API a fake server imitates, with the JSON and headers each
/// one documents for replies and errors.
public enum FakeWireFormat: String, Sendable, Hashable, CaseIterable {
    /// Anthropic Messages API at `/v1/messages`.
    case anthropic
    /// OpenAI Chat Completions at `/v1/chat/completions` (OpenRouter, openai-compatible servers).
    case openAI
    /// Ollama at `/api/chat`.
    case ollama

    /// The path the client posts to.
    public var path: String {
        switch self {
        case .anthropic: "/v1/messages"
        case .openAI: "/v1/chat/completions"
        case .ollama: "/api/chat"
        }
    }

    /// The base URL a client is configured with, given the server's root.
    public func baseURL(root: URL) -> URL {
        switch self {
        case .anthropic, .ollama: root
        case .openAI: root.appendingPathComponent("v1")
        }
    }

    /// A fake HTTP reply: status, headers, body.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
    }

    /// The success reply carrying `text` and the given usage.
    /// `cacheRead`/`cacheWrite`: prompt-cache tokens reported as each provider documents them (Anthropic
    /// `cache_read_input_tokens`/`cache_creation_input_tokens` besides `input_tokens`; OpenAI
    /// `prompt_tokens_details.cached_tokens` within `prompt_tokens`).
    public func success(text: String, model: String, inputTokens: Int, outputTokens: Int, sequence: Int,
                        cacheRead: Int = 0, cacheWrite: Int = 0) -> Reply {
        switch self {
        case .anthropic: AnthropicFakeFormat.success(text: text, model: model, inputTokens: inputTokens,
                                                     outputTokens: outputTokens, sequence: sequence,
                                                     cacheRead: cacheRead, cacheWrite: cacheWrite)
        case .openAI: OpenAIFakeFormat.success(text: text, model: model, inputTokens: inputTokens,
                                               outputTokens: outputTokens, sequence: sequence, cacheRead: cacheRead)
        case .ollama: OllamaFakeFormat.success(text: text, model: model, inputTokens: inputTokens,
                                               outputTokens: outputTokens)
        }
    }

    /// The documented error reply for a fault (not for `.hang`/`.reply`, which succeed).
    /// `model` is the model the request named (quoted by `.modelNotFound`).
    public func failure(_ fault: FakeFault, model: String = "fake-model") -> Reply {
        switch self {
        case .anthropic: AnthropicFakeFormat.failure(fault, model: model)
        case .openAI: OpenAIFakeFormat.failure(fault, model: model)
        case .ollama: OllamaFakeFormat.failure(fault, model: model)
        }
    }

    static func json(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}
