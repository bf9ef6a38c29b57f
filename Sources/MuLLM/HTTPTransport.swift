import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The one HTTP path every network provider uses, on AsyncHTTPClient (SwiftNIO):
/// a pooled client per proxy route (keep-alive per host, HTTP/2 where the
/// server offers it over TLS, the system CA store), a hard deadline per
/// request, cancellation that reaches the socket, and transport failures
/// mapped to ``LLMError``.
///
/// Clients are created on the first request, so commands that never call a
/// provider start no event loop threads. Call ``shutdown()`` once at the end
/// of the process (AsyncHTTPClient requires it before a client is released).
public final class HTTPTransport: Sendable {
    /// A raw HTTP reply.
    struct Response: Sendable {
        var status: Int
        var headers: HeaderFields
        var body: Data
    }

    /// The process-wide transport, with the proxies the environment names.
    /// A malformed proxy variable surfaces as a configuration error on the first request.
    public static let shared = HTTPTransport(environment: ProcessInfo.processInfo.environment)

    /// Largest reply body read (provider replies are a few KB; batch results are fetched by file).
    static let maxResponseBytes = 64 * 1024 * 1024

    private let proxies: Result<ProxySettings, LLMError>
    private let clients = HTTPClientPool()

    /// A transport whose proxies come from `environment` (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`).
    public convenience init(environment: [String: String]) {
        do throws(LLMError) {
            self.init(proxies: try ProxySettings(environment: environment))
        } catch {
            self.init(failure: error)
        }
    }

    /// A transport with explicit proxy settings (``ProxySettings/direct`` for none).
    public init(proxies: ProxySettings) {
        self.proxies = .success(proxies)
    }

    private init(failure: LLMError) {
        self.proxies = .failure(failure)
    }

    /// The proxy settings in force, or the error that made them unusable.
    public var proxySettings: Result<ProxySettings, LLMError> { proxies }

    /// Shuts every client down (waits for in-flight requests to be failed and sockets closed).
    /// Safe to call when no request was ever made, and more than once.
    public func shutdown() async {
        await clients.shutdown()
    }

    /// POSTs `body` as JSON and returns the reply whatever its status.
    ///
    /// `timeout` bounds the whole exchange, reply body included: the request
    /// is cancelled and ``LLMError/timeout(seconds:)`` thrown when it passes,
    /// even if the server keeps the connection open without answering.
    func postJSON(url: URL, headers: [String: String], body: Data, timeout: Double) async throws(LLMError) -> Response {
        var all = headers
        all["Content-Type"] = "application/json"
        all["Accept"] = "application/json"
        return try await send(method: .POST, url: url, headers: all, body: .data(body), timeout: timeout)
    }

    /// Sends one request and returns the reply whatever its status; see ``postJSON(url:headers:body:timeout:)``
    /// for the deadline. A cancelled calling task cancels the request and throws ``LLMError/cancelled(reason:)``.
    func send(method: HTTPMethod, url: URL, headers: [String: String], body: HTTPRequestBody?,
              timeout: Double) async throws(LLMError) -> Response {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw LLMError.configuration("invalid base URL \(url.absoluteString) (expected http:// or https://)")
        }
        let client = try await clients.client(proxy: try proxies.get().proxy(for: url))
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let body { request.body = try body.clientBody() }
        let prepared = request
        let seconds = max(0, timeout)
        do {
            return try await withThrowingTaskGroup(of: Response.self) { group in
                group.addTask {
                    // The client's deadline fires on a NIO event loop, even when the cooperative pool is busy;
                    // it covers the reply head, the sleeper below also covers the body.
                    let response = try await client.execute(prepared, deadline: .now() + .nanoseconds(Int64(seconds * 1_000_000_000)))
                    let buffer = try await response.body.collect(upTo: HTTPTransport.maxResponseBytes)
                    return Response(status: Int(response.status.code), headers: HeaderFields(response.headers),
                                    body: Data(buffer.readableBytesView))
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
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
        } catch {
            if Task.isCancelled { throw LLMError.cancelled(reason: "the run was cancelled") }
            throw HTTPTransport.map(error, timeout: timeout)
        }
    }

    /// Maps AsyncHTTPClient/NIO failures to the pool's vocabulary.
    static func map(_ error: any Error, timeout: Double) -> LLMError {
        if error is CancellationError { return .cancelled(reason: "the run was cancelled") }
        if error is NIOTooManyBytesError {
            return .malformedResponse("the reply is larger than \(maxResponseBytes / 1024 / 1024) MB")
        }
        if let error = error as? HTTPClientError {
            // HTTPClientError is a struct of static values, compared rather than switched over.
            if [.deadlineExceeded, .readTimeout, .writeTimeout].contains(error) { return .timeout(seconds: timeout) }
            if error == .cancelled { return .cancelled(reason: "the request was cancelled") }
            if [.invalidURL, .emptyHost, .emptyScheme, .invalidProxyConfiguration].contains(error) {
                return .configuration("invalid base URL (\(error))")
            }
            if error == .proxyAuthenticationRequired {
                return .configuration("the proxy asked for credentials (put them in HTTPS_PROXY as http://user:password@host:port)")
            }
            return .connection("\(error)")
        }
        return .connection(String(describing: error))
    }
}

/// One `HTTPClient` per proxy route, made on first use and shut down together.
actor HTTPClientPool {
    private var clients: [HTTPClient.Configuration.Proxy?: HTTPClient] = [:]
    private var isShutDown = false

    func client(proxy: HTTPClient.Configuration.Proxy?) throws(LLMError) -> HTTPClient {
        if isShutDown { throw LLMError.cancelled(reason: "mu is shutting down") }
        if let client = clients[proxy] { return client }
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .seconds(15)),
            proxy: proxy)
        configuration.httpVersion = .automatic
        // Enough kept-alive connections per host for the pool's highest concurrency (64).
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        clients[proxy] = client
        return client
    }

    func shutdown() async {
        isShutDown = true
        let all = Array(clients.values)
        clients = [:]
        for client in all { try? await client.shutdown() }
    }
}
