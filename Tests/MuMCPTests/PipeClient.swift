import Foundation
import MCP
import MuKit
import MuMCP
import MuTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A JSON-RPC client speaking to a `MuMCPServer` over two real pipes through `LineTransport`,
/// exactly as a client process speaks to `mu mcp` over stdio.
final class PipeClient: @unchecked Sendable {
    // @unchecked Sendable: `lines` is an AsyncStream (Sendable) iterated by one test task only;
    // the descriptors are written by that task only.
    private let toServer: Int32
    private let fromServer: Int32
    private var iterator: AsyncStream<Data>.AsyncIterator
    private let serverTask: Task<Void, any Error>
    private var nextID = 1

    /// - Parameter shortcut: passed to `MuMCPServer.run` (false: every message through the SDK).
    init(workspace: Workspace, shortcut: Bool = true) {
        var requests: [Int32] = [0, 0]
        var responses: [Int32] = [0, 0]
        _ = pipe(&requests)
        _ = pipe(&responses)
        toServer = requests[1]
        fromServer = responses[0]
        let server = MuMCPServer(workspace: workspace)
        let transport = LineTransport(input: requests[0], output: responses[1])
        let (serverRead, serverWrite) = (requests[0], responses[1])
        serverTask = Task {
            defer { Glibc.close(serverRead); Glibc.close(serverWrite) }
            try await server.run(transport: transport, shortcut: shortcut)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Data.self)
        let descriptor = fromServer
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var pending: [UInt8] = []
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if count <= 0 { break }
                for byte in buffer[0..<count] {
                    if byte == 10 {
                        continuation.yield(Data(pending))
                        pending.removeAll()
                    } else {
                        pending.append(byte)
                    }
                }
            }
            continuation.finish()
        }
        reader.start()
        iterator = stream.makeAsyncIterator()
    }

    /// Sends raw bytes (a line is terminated by the caller).
    func sendRaw(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(toServer, $0.baseAddress!, $0.count) }
    }

    /// Sends a request and returns the decoded response object (the next line read).
    func request(_ method: String, _ params: [String: Any] = [:]) async throws -> [String: Any] {
        let id = nextID
        nextID += 1
        let message: [String: Any] = ["jsonrpc": "2.0", "id": id, "method": method, "params": params]
        sendRaw(String(decoding: try JSONSerialization.data(withJSONObject: message), as: UTF8.self) + "\n")
        return try await nextMessage()
    }

    /// Sends `line` (one JSON-RPC message, newline added) and returns the next line read, as sent.
    func exchangeRaw(_ line: String) async throws -> Data {
        sendRaw(line + "\n")
        guard let reply = await iterator.next() else { throw ClientError.closed }
        return reply
    }

    func notify(_ method: String) {
        sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"\(method)\"}\n")
    }

    func nextMessage() async throws -> [String: Any] {
        guard let line = await iterator.next() else { throw ClientError.closed }
        guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            throw ClientError.notAnObject(String(decoding: line, as: UTF8.self))
        }
        return object
    }

    /// initialize + notifications/initialized, returning the initialize result.
    func initialize() async throws -> [String: Any] {
        let response = try await request("initialize", [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](),
            "clientInfo": ["name": "mu-tests", "version": "1"],
        ])
        notify("notifications/initialized")
        return response["result"] as? [String: Any] ?? [:]
    }

    /// tools/call; returns (text, structuredContent, isError).
    func call(_ tool: String, _ arguments: [String: Any] = [:]) async throws -> ToolReply {
        let response = try await request("tools/call", ["name": tool, "arguments": arguments])
        guard let result = response["result"] as? [String: Any] else {
            throw ClientError.notAnObject("no result: \(response)")
        }
        let text = (result["content"] as? [[String: Any]])?.compactMap { $0["text"] as? String }.joined(separator: "\n") ?? ""
        return ToolReply(text: text, structured: result["structuredContent"] as? [String: Any] ?? [:],
                         isError: result["isError"] as? Bool ?? false)
    }

    func close() async {
        Glibc.close(toServer)
        _ = try? await serverTask.value
        Glibc.close(fromServer)
    }

    enum ClientError: Error { case closed, notAnObject(String) }
}

struct ToolReply {
    var text: String
    var structured: [String: Any]
    var isError: Bool
    var results: [[String: Any]] { structured["results"] as? [[String: Any]] ?? [] }
}

/// A workspace over a temp repository with a private home (no user config leaks in).
func testWorkspace(_ repo: TempGitRepository) throws -> Workspace {
    let loader = ConfigLoader(environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                              homeDirectory: repo.root.appendingPathComponent(".mu-test-home"))
    return try Workspace(path: repo.root.path, loader: loader)
}

/// A repository with two Python files and one Swift file, indexed with the offline summarizer.
func indexedRepository() async throws -> TempGitRepository {
    let repo = try TempGitRepository()
    _ = try repo.write("pkg/net.py", """
        def parse_headers(raw):
            \"\"\"Parse raw HTTP header lines into a dict.\"\"\"
            headers = {}
            for line in raw.splitlines():
                key, _, value = line.partition(":")
                headers[key.strip().lower()] = value.strip()
            return headers


        class Session:
            def request(self, url):
                \"\"\"Send a GET request and return the body.\"\"\"
                return fetch(url)

            def close(self):
                self.closed = True


        def fetch(url):
            return parse_headers(url)
        """)
    _ = try repo.write("pkg/util.py", """
        def request(x):
            return x


        def retry_with_backoff(fn, attempts):
            \"\"\"Call fn until it succeeds, sleeping longer each time.\"\"\"
            for i in range(attempts):
                try:
                    return fn()
                except Exception:
                    pass
        """)
    try repo.commitAll("initial")
    var summarizer = try Summarizer(workspace: testWorkspace(repo))
    summarizer.rollups = true
    _ = try await summarizer.run()
    return repo
}
