import FlyingFox
import FlyingSocks
import Foundation

/// A loopback server standing in for an HTTP proxy: it records each request line (method and raw
/// target, e.g. `CONNECT api.example.test:443`) with its headers, and refuses the tunnel with 502.
/// Enough to prove that a client sends its requests to the proxy the environment names.
public final class RecordingProxyServer: Sendable {
    public struct Seen: Sendable, Hashable {
        public var method: String
        public var target: String
        /// Header names lower-cased.
        public var headers: [String: String]
    }

    public let port: UInt16
    private let server: HTTPServer
    private let log: ProxyLog
    private let task: Task<Void, Never>

    private init(port: UInt16, server: HTTPServer, log: ProxyLog, task: Task<Void, Never>) {
        self.port = port
        self.server = server
        self.log = log
        self.task = task
    }

    public static func start() async throws -> RecordingProxyServer {
        let log = ProxyLog()
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 10, logger: .disabled,
                                handler: ProxyRecorder(log: log))
        let task = Task { _ = try? await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port) = await server.listeningAddress else {
            task.cancel()
            throw FakeProviderError.notListening
        }
        return RecordingProxyServer(port: port, server: server, log: log, task: task)
    }

    /// Requests received so far, in order.
    public func seen() async -> [Seen] { await log.entries }

    public func stop() async {
        await server.stop(timeout: 0)
        task.cancel()
    }
}

struct ProxyRecorder: HTTPHandler {
    let log: ProxyLog

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        await log.append(RecordingProxyServer.Seen(method: request.method.rawValue, target: request.target.rawValue,
                                                   headers: headers))
        return HTTPResponse(statusCode: .badGateway)
    }
}

actor ProxyLog {
    private(set) var entries: [RecordingProxyServer.Seen] = []
    func append(_ entry: RecordingProxyServer.Seen) { entries.append(entry) }
}
