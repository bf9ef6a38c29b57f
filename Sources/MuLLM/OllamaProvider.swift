import Foundation
import MuCore

/// A local (or remote) Ollama server: `POST {base}/api/chat` with
/// `"stream": false`. No key; usage from `prompt_eval_count`/`eval_count`;
/// always free in the catalog.
public struct OllamaProvider: LLMProvider {
    public static let defaultBaseURL = URL(string: "http://localhost:11434")!

    public let name = ProviderKind.ollama.rawValue
    public let model: String
    /// Redacted like any HTTP provider: `OLLAMA_HOST` may point at another machine.
    public var sendsSourceOffMachine: Bool { true }

    let baseURL: URL
    let timeout: Double
    let transport: HTTPTransport

    public init(model: String, baseURL: URL = OllamaProvider.defaultBaseURL, timeoutSeconds: Double = 30,
                transport: HTTPTransport = .shared) {
        self.model = model
        self.baseURL = baseURL
        self.timeout = timeoutSeconds
        self.transport = transport
    }

    public func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
        var messages: [RequestBody.Message] = []
        if !prompt.system.isEmpty { messages.append(.init(role: "system", content: prompt.system)) }
        messages += prompt.messages.map { .init(role: $0.role.rawValue, content: $0.content) }
        let body = RequestBody(
            model: model, messages: messages, stream: false,
            options: .init(temperature: parameters.temperature, num_predict: parameters.maxTokens))
        let data: Data
        do { data = try JSONEncoder().encode(body) } catch {
            throw LLMError.invalidRequest(reason: "could not encode the request: \(error)")
        }
        let response = try await transport.postJSON(
            url: baseURL.appendingPathComponent("api/chat"), headers: [:], body: data, timeout: timeout)
        guard (200..<300).contains(response.status) else {
            let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body)
            var message = envelope?.error ?? ProviderErrorClassifier.excerpt(response.body)
            if response.status == 404 { message += " (run `ollama pull \(model)`)" }
            throw ProviderErrorClassifier.classify(
                status: response.status, errorType: nil, message: message,
                retryAfter: RateLimitStatus.retryAfter(response.headers))
        }
        let decoded: ResponseBody
        do { decoded = try JSONDecoder().decode(ResponseBody.self, from: response.body) } catch {
            throw LLMError.malformedResponse("expected an Ollama chat reply, got \(ProviderErrorClassifier.excerpt(response.body))")
        }
        if let error = decoded.error {
            throw LLMError.server(status: response.status, message: error)
        }
        guard let message = decoded.message else {
            throw LLMError.malformedResponse("the Ollama reply has no message")
        }
        let usage: TokenUsage? = (decoded.prompt_eval_count == nil && decoded.eval_count == nil)
            ? nil
            : TokenUsage(inputTokens: decoded.prompt_eval_count ?? 0, outputTokens: decoded.eval_count ?? 0)
        return ProviderReply(text: message.content, usage: usage, model: decoded.model)
    }

    // MARK: Wire format

    struct RequestBody: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }
        struct Options: Encodable {
            var temperature: Double?
            var num_predict: Int
        }
        var model: String
        var messages: [Message]
        var stream: Bool
        var options: Options
    }

    struct ResponseBody: Decodable {
        struct Message: Decodable {
            var role: String?
            var content: String
        }
        var model: String?
        var message: Message?
        var done: Bool?
        var prompt_eval_count: Int?
        var eval_count: Int?
        var error: String?
    }

    struct ErrorEnvelope: Decodable {
        var error: String
    }
}
