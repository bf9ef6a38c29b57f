import Foundation
import MuCore

/// Any server speaking OpenAI Chat Completions: `POST {base}/chat/completions`
/// with `Authorization: Bearer`. Used for OpenAI itself, OpenRouter (its own
/// base URL plus optional attribution headers) and `openai-compatible`
/// servers (llama.cpp, vLLM, LM Studio, LiteLLM…), where the key is optional.
public struct OpenAIProvider: LLMProvider {
    public static let defaultBaseURL = URL(string: "https://api.openai.com/v1")!
    public static let openRouterBaseURL = URL(string: "https://openrouter.ai/api/v1")!

    /// Which JSON field carries the output limit: OpenAI's current models take
    /// `max_completion_tokens` (and reasoning models reject `max_tokens`);
    /// most compatible servers and OpenRouter take `max_tokens`.
    public enum TokenLimitField: String, Sendable {
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
    }

    public let name: String
    public let model: String
    public var sendsSourceOffMachine: Bool { true }

    let baseURL: URL
    let apiKey: String?
    let timeout: Double
    let tokenLimitField: TokenLimitField
    let extraHeaders: [String: String]
    let transport: HTTPTransport

    public init(name: String = ProviderKind.openAI.rawValue, model: String, apiKey: String?,
                baseURL: URL = OpenAIProvider.defaultBaseURL, timeoutSeconds: Double = 30,
                tokenLimitField: TokenLimitField = .maxTokens, extraHeaders: [String: String] = [:],
                transport: HTTPTransport = .shared) {
        self.name = name
        self.model = model
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.timeout = timeoutSeconds
        self.tokenLimitField = tokenLimitField
        self.extraHeaders = extraHeaders
        self.transport = transport
    }

    public func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
        let data: Data
        do { data = try JSONEncoder().encode(requestBody(prompt, parameters: parameters)) } catch {
            throw LLMError.invalidRequest(reason: "could not encode the request: \(error)")
        }
        var headers = extraHeaders
        if let apiKey, !apiKey.isEmpty { headers["Authorization"] = "Bearer \(apiKey)" }
        let response = try await transport.postJSON(
            url: baseURL.appendingPathComponent("chat/completions"),
            headers: headers, body: data, timeout: timeout)
        let rateLimit = RateLimitStatus.openAI(response.headers)
        guard (200..<300).contains(response.status) else {
            let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body)
            throw ProviderErrorClassifier.classify(
                status: response.status,
                errorType: envelope?.error.code?.text ?? envelope?.error.type,
                message: envelope?.error.message ?? ProviderErrorClassifier.excerpt(response.body),
                retryAfter: rateLimit?.suggestedWait, model: model,
                quotaExhausted: rateLimit?.isExhausted ?? false)
        }
        let decoded: ResponseBody
        do { decoded = try JSONDecoder().decode(ResponseBody.self, from: response.body) } catch {
            throw LLMError.malformedResponse("expected a chat completion, got \(ProviderErrorClassifier.excerpt(response.body))")
        }
        var reply = try reply(from: decoded)
        reply.rateLimit = rateLimit
        return reply
    }

    /// The Chat Completions body for a prompt (live calls and batch requests alike).
    func requestBody(_ prompt: Prompt, parameters: CompletionParameters) -> RequestBody {
        var messages: [RequestBody.Message] = []
        if !prompt.system.isEmpty { messages.append(.init(role: "system", content: prompt.system)) }
        messages += prompt.messages.map { .init(role: $0.role.rawValue, content: $0.content) }
        return RequestBody(
            model: model,
            messages: messages,
            max_tokens: tokenLimitField == .maxTokens ? parameters.maxTokens : nil,
            max_completion_tokens: tokenLimitField == .maxCompletionTokens ? parameters.maxTokens : nil,
            temperature: parameters.temperature
        )
    }

    /// The reply carried by a chat completion (live, or one line of a batch's output file).
    func reply(from decoded: ResponseBody) throws(LLMError) -> ProviderReply {
        guard let choice = decoded.choices.first else {
            throw LLMError.malformedResponse("the chat completion has no choices")
        }
        let usage = decoded.usage.map {
            TokenUsage(inputTokens: $0.prompt_tokens ?? 0, outputTokens: $0.completion_tokens ?? 0,
                       cacheReadTokens: $0.prompt_tokens_details?.cached_tokens ?? 0)
        }
        return ProviderReply(text: choice.message?.content ?? "", usage: usage, model: decoded.model)
    }

    // MARK: Wire format

    struct RequestBody: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }
        var model: String
        var messages: [Message]
        var max_tokens: Int?
        var max_completion_tokens: Int?
        var temperature: Double?
    }

    struct ResponseBody: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                var role: String?
                var content: String?
            }
            var index: Int?
            var message: Message?
            var finish_reason: String?
        }
        struct Usage: Decodable {
            struct PromptDetails: Decodable {
                var cached_tokens: Int?
            }
            var prompt_tokens: Int?
            var completion_tokens: Int?
            var prompt_tokens_details: PromptDetails?
        }
        var model: String?
        var choices: [Choice]
        var usage: Usage?
    }

    struct ErrorEnvelope: Decodable {
        struct Detail: Decodable {
            var message: String?
            var type: String?
            var code: FlexibleCode?
        }
        var error: Detail
    }

    /// OpenAI sends `code` as a string (`"invalid_api_key"`), OpenRouter as a number (`401`).
    struct FlexibleCode: Decodable {
        var text: String?
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                text = string
            } else {
                text = nil
            }
        }
    }
}
