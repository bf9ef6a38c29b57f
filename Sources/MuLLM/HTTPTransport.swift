import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The one HTTP path every network provider uses: a shared `URLSession`,
/// JSON POSTs, a hard per-request deadline, and transport failures mapped to
/// ``LLMError``.
public struct HTTPTransport: Sendable {
    /// A raw HTTP reply.
    struct Response: Sendable {
        var status: Int
        var headers: HeaderFields
        var body: Data
    }

    let session: URLSession

    /// The process-wide transport: one session, connection reuse across
    /// providers, enough connections per host for a concurrency of 64.
    public static let shared = HTTPTransport(session: HTTPTransport.makeSession())

    public init(session: URLSession) {
        self.session = session
    }

    static func makeSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForRequest = 600
        configuration.timeoutIntervalForResource = 3600
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        return URLSession(configuration: configuration)
    }

    /// POSTs `body` as JSON and returns the reply whatever its status.
    ///
    /// `timeout` bounds the whole exchange: the request is cancelled and
    /// ``LLMError/timeout(seconds:)`` thrown when it passes, even if the
    /// server keeps the connection open without answering.
    func postJSON(url: URL, headers: [String: String], body: Data, timeout: Double) async throws(LLMError) -> Response {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        // The deadline below is exact; URLSession's own timeout is only a backstop. On Linux it
        // is truncated to whole seconds (a value under 1 s fires at once), so keep it above.
        request.timeoutInterval = (timeout + 1).rounded(.up)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        for (name, value) in headers {
            request.setValue(value, forHTTPHeaderField: name)
        }
        let session = self.session
        let immutableRequest = request
        do {
            return try await withThrowingTaskGroup(of: Response.self) { group in
                group.addTask {
                    let (data, response) = try await session.data(for: immutableRequest)
                    guard let http = response as? HTTPURLResponse else {
                        throw LLMError.malformedResponse("not an HTTP response")
                    }
                    return Response(status: http.statusCode, headers: HeaderFields(http), body: data)
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(max(0, timeout) * 1_000_000_000))
                    throw LLMError.timeout(seconds: timeout)
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else {
                    throw LLMError.connection("no response")
                }
                return first
            }
        } catch let error as LLMError {
            throw error
        } catch is CancellationError {
            throw LLMError.cancelled(reason: "the run was cancelled")
        } catch let error as URLError {
            throw HTTPTransport.map(error, timeout: timeout)
        } catch {
            throw LLMError.connection(error.localizedDescription)
        }
    }

    static func map(_ error: URLError, timeout: Double) -> LLMError {
        switch error.code {
        case .timedOut:
            return .timeout(seconds: timeout)
        case .cancelled:
            return .cancelled(reason: "the request was cancelled")
        case .badURL, .unsupportedURL:
            return .configuration("invalid base URL (\(error.localizedDescription))")
        default:
            return .connection(error.localizedDescription)
        }
    }
}
