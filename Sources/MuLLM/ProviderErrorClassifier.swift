import Foundation
import NIOHTTP1

/// Turns an unsuccessful HTTP reply into the ``LLMError`` the pool acts on.
///
/// The status code decides, refined by the provider's error `type`/`code`
/// when it names something more specific (Anthropic's `overloaded_error`,
/// OpenAI's `insufficient_quota`).
enum ProviderErrorClassifier {
    /// The standard reason phrase of `status`, lower-cased ("too many requests"), or "HTTP 529" when none.
    static func reason(_ status: Int) -> String {
        let phrase = HTTPResponseStatus(statusCode: status).reasonPhrase
        return phrase.isEmpty ? "HTTP \(status)" : phrase.lowercased()
    }

    /// - Parameters:
    ///   - model: the model the request named, for an unknown-model error.
    ///   - quotaExhausted: the reply's rate-limit headers say a request or token quota is at 0: a 429
    ///     then means "wait for the reset" (pool-wide) rather than "slow down" (this request).
    static func classify(status: Int, errorType: String?, message: String?, retryAfter: Double?,
                         model: String, quotaExhausted: Bool = false) -> LLMError {
        let text = message.map(condense) ?? reason(status)
        let detail = errorType.map { "\($0): \(text)" } ?? text
        func limited() -> LLMError {
            quotaExhausted ? .quotaExhausted(retryAfter: retryAfter, message: text) : .rateLimited(retryAfter: retryAfter, message: text)
        }
        switch errorType {
        case "model_not_found":
            return .unknownModel(model: model, message: text)
        case "rate_limit_error", "rate_limit_exceeded":
            return limited()
        case "overloaded_error":
            return .overloaded(retryAfter: retryAfter, message: text)
        case "authentication_error", "permission_error", "invalid_api_key":
            return .authentication(status: status, message: text)
        case "insufficient_quota", "billing_error":
            // Every further request would fail the same way: stop like for a bad key.
            return .authentication(status: status, message: detail)
        default:
            break
        }
        switch status {
        case 401, 403:
            return .authentication(status: status, message: text)
        case 402:
            return .authentication(status: status, message: detail)
        case 429:
            return limited()
        case 404 where isAboutTheModel(errorType: errorType, message: text):
            return .unknownModel(model: model, message: text)
        case 529, 503:
            return .overloaded(retryAfter: retryAfter, message: text)
        case 408, 409, 425:
            return .server(status: status, message: text)
        case 400..<500:
            return .invalidRequest(reason: "HTTP \(status) \(detail)")
        default:
            return .server(status: status, message: text)
        }
    }

    /// A 404 that names the model (OpenAI `model_not_found`, Anthropic `not_found_error` "model: …",
    /// Ollama "model 'x' not found", vLLM "The model `x` does not exist") rather than a wrong path.
    static func isAboutTheModel(errorType: String?, message: String) -> Bool {
        errorType == "not_found_error" || errorType == "NotFoundError" || message.lowercased().contains("model")
    }

    /// One line, at most 300 characters: error messages end up in a terminal.
    static func condense(_ text: String) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return oneLine.count > 300 ? String(oneLine.prefix(300)) + "…" : oneLine
    }

    /// A short excerpt of a body that could not be decoded, for the error message.
    static func excerpt(_ data: Data) -> String {
        let text = String(decoding: data.prefix(200), as: UTF8.self)
        return text.isEmpty ? "empty body" : condense(text)
    }
}
