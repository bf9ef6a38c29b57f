import Foundation
import Logging
import MCP

/// A transport in front of the SDK's `Server` that answers `tools/call` itself and passes every
/// other message through.
///
/// Why a departure from the SDK: swift-sdk 0.12.1 routes a request through `TypedRequestHandler`,
/// which decodes the request twice and round-trips the result through `Value` (encode, then decode),
/// and `Value`'s decoder matches every string against a data-URL regular expression it compiles
/// anew on each call (`Data.isDataURL`). For a `search` answer (a few hundred strings) that was
/// about 60 % of the call (perf, bench/mcp.sh). Here a well-formed `tools/call` request is decoded
/// once, the tool runs, and `CallTool.Result` is encoded once with the encoder settings the SDK
/// uses for its own responses (sorted keys, unescaped slashes), so the bytes on the wire are the
/// SDK's (a test compares both paths for every tool). The one intended difference: a string that
/// happens to look like a data URL stays the string it was.
///
/// Everything else — initialize, tools/list, ping, notifications, batches, responses, and any
/// message that is not a well-formed `tools/call` request (wrong `jsonrpc`, no id, params that
/// are not `{name, arguments?}`) — goes to the SDK unchanged, which answers or rejects it as
/// before. Like the SDK's default (non-strict) server, a call before `initialize` is answered.
/// Calls run concurrently, each in its own task, as the SDK runs requests; `notifications/cancelled`
/// does not stop one (tool calls take milliseconds; `refresh` keeps what it has written).
public actor ToolCallShortcut: Transport {
    public typealias Answer = @Sendable (_ name: String, _ arguments: [String: Value]?) async -> CallTool.Result

    public nonisolated let logger: Logger
    private let inner: any Transport
    private let answer: Answer
    private let stream: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var forwarder: Task<Void, Never>?

    /// - Parameters:
    ///   - inner: the transport that reads and writes the bytes (``LineTransport`` for stdio).
    ///   - answer: runs one tool call; errors are results with `isError: true`, never thrown.
    ///   - logger: where a response that cannot be sent is reported (stderr in `mu mcp`, never stdout).
    public init(wrapping inner: any Transport, logger: Logger? = nil, answer: @escaping Answer) {
        self.inner = inner
        self.answer = answer
        self.logger = logger ?? Logger(label: "mu.mcp.shortcut", factory: { _ in SwiftLogNoOpLogHandler() })
        (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    public func connect() async throws {
        try await inner.connect()
        guard forwarder == nil else { return }
        let messages = await inner.receive()
        forwarder = Task { [inner, answer, continuation, logger] in
            do {
                for try await data in messages {
                    guard let call = FastToolCall.parse(data) else {
                        continuation.yield(data)
                        continue
                    }
                    Task {
                        let result = await answer(call.name, call.arguments)
                        do {
                            try await inner.send(try FastToolCall.encode(result, id: call.id))
                        } catch {
                            logger.error("cannot send a tools/call response: \(error)")
                        }
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    public func disconnect() async {
        await inner.disconnect()
        continuation.finish()
    }

    public func send(_ data: Data) async throws {
        try await inner.send(data)
    }

    public nonisolated func receive() -> AsyncThrowingStream<Data, any Error> { stream }
}

/// One `tools/call` request as the shortcut reads it, and its response as the SDK would write it.
struct FastToolCall: Sendable {
    let id: ID
    let name: String
    let arguments: [String: Value]?

    /// The request in `data`, nil for anything that is not a well-formed JSON-RPC 2.0 `tools/call`
    /// request with a string `name` (those go to the SDK, which answers or rejects them).
    static func parse(_ data: Data) -> FastToolCall? {
        // Cheap pre-check: most other messages never reach the JSON decoder.
        guard data.count < 1 << 20, data.first == UInt8(ascii: "{"),
              data.range(of: Data("tools/call".utf8)) != nil,
              let envelope = try? JSONDecoder().decode(Envelope.self, from: data),
              envelope.jsonrpc == "2.0", envelope.method == CallTool.name,
              let id = envelope.id, let params = envelope.params
        else { return nil }
        return FastToolCall(id: id, name: params.name, arguments: params.arguments?.mapValues(\.value))
    }

    /// The JSON-RPC response bytes: `Response<CallTool>` with the SDK's encoder settings.
    static func encode(_ result: CallTool.Result, id: ID) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Response<CallTool>(id: id, result: result))
    }

    private struct Envelope: Decodable {
        let jsonrpc: String
        let id: ID?
        let method: String
        let params: Params?
    }

    private struct Params: Decodable {
        let name: String
        let arguments: [String: StructuredValue.Plain]?
    }
}
