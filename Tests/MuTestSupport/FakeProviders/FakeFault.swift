/// What a fake provider does with the next request instead of a normal reply.
public enum FakeFault: Sendable, Hashable {
    /// HTTP 429 with the provider's rate-limit error, and `retry-after` when given.
    case rateLimited(retryAfter: Int?)
    /// HTTP 429 whose rate-limit headers say the request quota is at 0 (resets in 1 s), and
    /// `retry-after` when given.
    case quotaExhausted(retryAfter: Int?)
    /// HTTP 404: the provider does not serve the model the request named.
    case modelNotFound
    /// Overload: HTTP 529 `overloaded_error` (Anthropic) or 503 (OpenAI, Ollama).
    case overloaded
    /// HTTP 500 with the provider's server error.
    case serverError
    /// HTTP 401 with the provider's authentication error.
    case unauthorized
    /// HTTP 400 with the provider's invalid-request error and this message.
    case badRequest(String)
    /// Waits this long before a normal reply (ends early when the server stops).
    case hang(seconds: Double)
    /// HTTP 200 with a body that is not JSON.
    case malformedJSON
    /// HTTP 200 with this assistant text instead of the default reply.
    case reply(String)
}
