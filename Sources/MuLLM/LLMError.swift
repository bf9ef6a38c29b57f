import Foundation
import MuCore

/// Why a provider call or a summary failed. Every case reads as a one-line
/// message for the user: what went wrong and what to do about it.
///
/// The pool classifies these with ``RetryPolicy``: rate limits and overload
/// are retried after a pool-wide cool-down, server errors, timeouts and
/// connection failures are retried a few times, authentication failures stop
/// the whole batch, everything else fails the one function.
public enum LLMError: MuFailure, Sendable, Hashable {
    /// HTTP 429: the account's rate limit was hit. `retryAfter` in seconds when the server said.
    case rateLimited(retryAfter: Double?, message: String)
    /// HTTP 529 (Anthropic) or 503 "overloaded": the provider is busy for everyone.
    case overloaded(retryAfter: Double?, message: String)
    /// HTTP 400/404/413/422: the request itself is wrong (e.g. context too long, unknown model). Not retried.
    case invalidRequest(reason: String)
    /// HTTP 401/403: the key is missing, wrong, or lacks permission. Stops the batch.
    case authentication(status: Int, message: String)
    /// No complete reply within the per-request timeout.
    case timeout(seconds: Double)
    /// HTTP 5xx other than overload.
    case server(status: Int, message: String)
    /// The connection failed or was reset before a reply arrived.
    case connection(String)
    /// The reply was not the JSON the wire format documents.
    case malformedResponse(String)
    /// The model replied, but the text is not a usable summary (after one re-ask).
    case invalidSummary(reason: String)
    /// Sending this request could take spending past `maxCostUSD`; nothing more is dispatched.
    case budgetExceeded(limitUSD: Double)
    /// The work was cancelled before it was sent (batch stopped or task cancelled).
    case cancelled(reason: String)
    /// The provider cannot be built from the settings (missing key, bad base URL…).
    case configuration(String)

    public var description: String {
        switch self {
        case .rateLimited(let retryAfter, let message):
            let wait = retryAfter.map { " (retry after \(LLMError.seconds($0)))" } ?? ""
            return "rate limited by the provider\(wait): \(message) — lower --concurrency or set [llm] requests_per_minute / tokens_per_minute"
        case .overloaded(_, let message):
            return "the provider is overloaded: \(message) — try again later"
        case .invalidRequest(let reason):
            return "the provider rejected the request: \(reason)"
        case .authentication(let status, let message):
            return "the provider refused the credentials (HTTP \(status)): \(message) — check the API key in the environment"
        case .timeout(let seconds):
            return "no reply within \(LLMError.seconds(seconds)) — raise [llm] timeout_seconds or check the provider"
        case .server(let status, let message):
            return "provider error HTTP \(status): \(message)"
        case .connection(let message):
            return "could not reach the provider: \(message) — check the base URL and the network"
        case .malformedResponse(let message):
            return "the provider's reply could not be read: \(message)"
        case .invalidSummary(let reason):
            return "the model's reply is not a valid summary: \(reason)"
        case .budgetExceeded(let limit):
            return "stopped at the cost budget of $\(LLMError.dollars(limit)) — raise --max-cost to summarize the rest"
        case .cancelled(let reason):
            return "not summarized: \(reason)"
        case .configuration(let message):
            return "LLM provider misconfigured: \(message)"
        }
    }

    /// Refused credentials end the process with 3 and a stop at the budget with 4, as a
    /// summarize run that stops on them does; every other failure with 1.
    public var exitCode: MuExitCode {
        switch self {
        case .authentication: .credentialsRefused
        case .budgetExceeded: .budgetReached
        default: .error
        }
    }

    /// True for the 401/403 family that stops a batch.
    public var isAuthentication: Bool {
        if case .authentication = self { return true }
        return false
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    static func dollars(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
