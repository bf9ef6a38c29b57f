import Foundation
import MuCore

/// Claude through the Anthropic Messages API: `POST {base}/v1/messages` with
/// `x-api-key` and `anthropic-version: 2023-06-01`.
public struct AnthropicProvider: LLMProvider {
    /// The API version header value this wire format is written against.
    public static let apiVersion = "2023-06-01"
    public static let defaultBaseURL = URL(string: "https://api.anthropic.com")!

    public let name = ProviderKind.anthropic.rawValue
    public let model: String
    public var sendsSourceOffMachine: Bool { true }

    let baseURL: URL
    let apiKey: String
    let timeout: Double
    let transport: HTTPTransport

    public init(model: String, apiKey: String, baseURL: URL = AnthropicProvider.defaultBaseURL,
                timeoutSeconds: Double = 30, transport: HTTPTransport = .shared) {
        self.model = model
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.timeout = timeoutSeconds
        self.transport = transport
    }

    public func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
        let data: Data
        do { data = try JSONEncoder().encode(requestBody(prompt, parameters: parameters)) } catch {
            throw LLMError.invalidRequest(reason: "could not encode the request: \(error)")
        }
        let response = try await transport.postJSON(
            url: baseURL.appendingPathComponent("v1/messages"),
            headers: ["x-api-key": apiKey, "anthropic-version": AnthropicProvider.apiVersion],
            body: data,
            timeout: timeout
        )
        let rateLimit = RateLimitStatus.anthropic(response.headers)
        guard (200..<300).contains(response.status) else {
            let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body)
            throw ProviderErrorClassifier.classify(
                status: response.status,
                errorType: envelope?.error.type,
                message: envelope?.error.message ?? ProviderErrorClassifier.excerpt(response.body),
                retryAfter: rateLimit?.suggestedWait, model: model,
                quotaExhausted: rateLimit?.isExhausted ?? false)
        }
        let decoded: ResponseBody
        do { decoded = try JSONDecoder().decode(ResponseBody.self, from: response.body) } catch {
            throw LLMError.malformedResponse("expected a Messages API reply, got \(ProviderErrorClassifier.excerpt(response.body))")
        }
        var reply = reply(from: decoded)
        reply.rateLimit = rateLimit
        return reply
    }

    /// The Messages API body for a prompt (live calls and batch requests alike).
    /// The stable prefix (system text and few-shot examples) is marked with `cache_control` when it
    /// reaches the model's minimum cacheable length: later calls read it at a tenth of the input price.
    func requestBody(_ prompt: Prompt, parameters: CompletionParameters) -> RequestBody {
        let mark = AnthropicProvider.marksCachePrefix(prompt, model: model)
        let markedMessage = mark && prompt.stableMessageCount > 0 ? prompt.stableMessageCount - 1 : nil
        let system: TextContent? = prompt.system.isEmpty ? nil
            : (mark && markedMessage == nil ? .cached(prompt.system) : .plain(prompt.system))
        return RequestBody(
            model: model,
            max_tokens: parameters.maxTokens,
            system: system,
            messages: prompt.messages.enumerated().map { index, message in
                .init(role: message.role.rawValue,
                      content: index == markedMessage ? .cached(message.content) : .plain(message.content))
            },
            temperature: parameters.temperature
        )
    }

    /// Fewest prompt tokens Anthropic caches, per model (shorter prefixes are sent without a marker):
    /// 4096 for Opus 4.5+ and Haiku 4.5, 2048 for the Haiku 3 models, 1024 for the others.
    public static func minimumCacheableTokens(model: String) -> Int {
        if model.contains("haiku-4-5") || model.contains("opus-4-5") || model.contains("opus-4-6") { return 4096 }
        if model.contains("haiku") { return 2048 }
        return 1024
    }

    /// True when the prompt's stable prefix is long enough to cache (estimated at 4 characters per token).
    static func marksCachePrefix(_ prompt: Prompt, model: String) -> Bool {
        guard !prompt.system.isEmpty || prompt.stableMessageCount > 0 else { return false }
        return prompt.stablePrefixCharacters / 4 >= minimumCacheableTokens(model: model)
    }

    /// The reply carried by a Messages API response (live, or one line of a batch's results).
    func reply(from decoded: ResponseBody) -> ProviderReply {
        let text = decoded.content.filter { $0.type == "text" }.compactMap(\.text).joined(separator: "\n")
        let usage = decoded.usage.map {
            // Anthropic's input_tokens excludes the cached parts: mu counts all input, cached parts within.
            let read = $0.cache_read_input_tokens ?? 0, write = $0.cache_creation_input_tokens ?? 0
            return TokenUsage(inputTokens: ($0.input_tokens ?? 0) + read + write, outputTokens: $0.output_tokens ?? 0,
                              cacheReadTokens: read, cacheWriteTokens: write)
        }
        return ProviderReply(text: text, usage: usage, model: decoded.model)
    }

    // MARK: Wire format

    struct RequestBody: Encodable {
        struct Message: Encodable {
            var role: String
            var content: TextContent
        }
        var model: String
        var max_tokens: Int
        var system: TextContent?
        var messages: [Message]
        var temperature: Double?
    }

    /// A text field: a plain string, or one text block carrying `cache_control` (the end of the cached prefix).
    enum TextContent: Encodable {
        case plain(String)
        case cached(String)

        struct Block: Encodable {
            struct CacheControl: Encodable { var type = "ephemeral" }
            var type = "text"
            var text: String
            var cache_control = CacheControl()
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .plain(let text): try container.encode(text)
            case .cached(let text): try container.encode([Block(text: text)])
            }
        }
    }

    struct ResponseBody: Decodable {
        struct Block: Decodable {
            var type: String
            var text: String?
        }
        struct Usage: Decodable {
            var input_tokens: Int?
            var output_tokens: Int?
            var cache_read_input_tokens: Int?
            var cache_creation_input_tokens: Int?
        }
        var model: String?
        var content: [Block]
        var stop_reason: String?
        var usage: Usage?
    }

    struct ErrorEnvelope: Decodable {
        struct Detail: Decodable {
            var type: String?
            var message: String?
        }
        var error: Detail
    }
}
