import FlyingFox
import FlyingSocks
import Foundation

/// An in-process HTTP server on 127.0.0.1 that imitates one provider's wire
/// format: it records every request, replies with the documented JSON, and
/// injects faults queued with ``enqueue(_:)``.
///
/// ```swift
/// let server = try await FakeProviderServer.start(.anthropic)
/// defer { Task { await server.stop() } }
/// await server.enqueue(.rateLimited(retryAfter: 3), .reply("- Parses the file."))
/// // point the provider at server.baseURL …
/// let sent = await server.requests()
/// ```
public final class FakeProviderServer: Sendable {
    public let format: FakeWireFormat
    /// The URL to configure the client with (`/v1` included for OpenAI).
    public let baseURL: URL
    public let port: UInt16

    private let server: HTTPServer
    private let state: FakeProviderState
    private let batches: FakeBatchAPI
    private let task: Task<Void, Never>

    private init(format: FakeWireFormat, server: HTTPServer, state: FakeProviderState, batches: FakeBatchAPI,
                 task: Task<Void, Never>, port: UInt16) {
        self.format = format
        self.batches = batches
        self.server = server
        self.state = state
        self.task = task
        self.port = port
        let root = URL(string: "http://127.0.0.1:\(port)")!  // a literal host and a numeric port always parse
        self.baseURL = format.baseURL(root: root)
    }

    /// Starts a server on an ephemeral loopback port.
    /// - Parameters:
    ///   - latency: seconds every reply waits before it is sent.
    ///   - defaultReply: the assistant text when no fault or reply is queued.
    ///   - statsFile: when set, `{"peak": N, "requests": M}` is written there after every request
    ///     (for shell scripts driving `mu-fake-provider`).
    public static func start(_ format: FakeWireFormat, latency: Double = 0,
                             defaultReply: String = "- Parses the input and returns the result.\n- Raises an error on invalid data.",
                             usage: (input: Int, output: Int) = (input: 100, output: 20),
                             statsFile: URL? = nil) async throws -> FakeProviderServer {
        let state = FakeProviderState(latency: latency, defaultReply: defaultReply, usage: usage, statsFile: statsFile)
        let batches = FakeBatchAPI()
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 60, logger: .disabled,
                                handler: FakeProviderHandler(format: format, state: state, batches: batches))
        let task = Task { _ = try? await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port) = await server.listeningAddress else {
            task.cancel()
            throw FakeProviderError.notListening
        }
        LoopbackSocketTuning.disableNagle(listeningOnPort: port)
        return FakeProviderServer(format: format, server: server, state: state, batches: batches, task: task, port: port)
    }

    /// Queues faults (or scripted replies) for the next requests, in order.
    public func enqueue(_ faults: FakeFault...) async {
        await state.enqueue(faults)
    }

    public func enqueue(_ faults: [FakeFault]) async {
        await state.enqueue(faults)
    }

    /// Applies `fault` to every request from now on (e.g. `.unauthorized`), until cleared with `nil`.
    public func setPersistentFault(_ fault: FakeFault?) async {
        await state.setPersistentFault(fault)
    }

    /// Every `every`-th request (1-based) gets `fault`, whatever else is set; nil turns it off.
    public func setPeriodicFault(_ fault: FakeFault?, every: Int) async {
        await state.setPeriodicFault(fault, every: every)
    }

    public func setDefaultReply(_ text: String) async {
        await state.setDefaultReply(text)
    }

    public func setLatency(_ seconds: Double) async {
        await state.setLatency(seconds)
    }

    /// Answers requests with no queued or persistent fault with `responder(request)` (the default reply
    /// when it returns nil), e.g. a different reply per model or prompt strategy; nil turns it off.
    public func setResponder(_ responder: (@Sendable (RecordedRequest) -> String?)?) async {
        await state.setResponder(responder)
    }

    public func setUsage(input: Int, output: Int) async {
        await state.setUsage(input: input, output: output)
    }

    /// Prompt-cache tokens every live reply reports from now on (see ``FakeWireFormat/success(text:model:inputTokens:outputTokens:sequence:cacheRead:cacheWrite:)``).
    public func setCacheUsage(read: Int, write: Int) async {
        await state.setCacheUsage(read: read, write: write)
    }

    /// Requests received so far, in arrival order.
    public func requests() async -> [RecordedRequest] {
        await state.recorded
    }

    public func requestCount() async -> Int {
        await state.recorded.count
    }

    /// Most requests being handled at once since the start.
    public func peakInFlight() async -> Int {
        await state.peakInFlight
    }

    // MARK: Batch endpoints (Anthropic Message Batches, OpenAI Files + Batch)

    /// How the next batches end (polls before the end, expiry, answers before a cancel, rejection).
    public func setBatchBehavior(_ behavior: FakeBatchBehavior) async {
        await batches.setBehavior(behavior)
    }

    /// Scripts for the next batch requests, in submission order (unscripted ones get the default reply).
    public func enqueueBatchItems(_ items: FakeBatchItemScript...) async {
        await batches.enqueue(items)
    }

    /// `custom_id`s of every batch request received: each is billed once by a real provider.
    public func batchItemsReceived() async -> [String] {
        await batches.itemsReceived
    }

    /// Bodies of every batch request received (Anthropic `params`, OpenAI `body`), in order.
    public func batchItemRequests() async -> [Data] {
        await batches.itemRequests
    }

    /// Batch endpoint calls so far, `METHOD path`.
    public func batchCalls() async -> [String] {
        await batches.calls
    }

    /// Stops listening and ends pending hangs.
    public func stop() async {
        await state.markStopping()
        await server.stop(timeout: 0)
        task.cancel()
    }
}

public enum FakeProviderError: Error, CustomStringConvertible {
    case notListening

    public var description: String { "the fake provider server did not report an IPv4 listening address" }
}

/// Mutable state of a fake server, shared by its connection handlers.
actor FakeProviderState {
    private(set) var recorded: [RecordedRequest] = []
    private(set) var peakInFlight = 0
    /// How many recorded requests carried an `Authorization` header (counted as they arrive: the
    /// stats file is rewritten twice per request, and recounting made a long bench quadratic).
    private var authorizedCount = 0
    private var inFlight = 0
    private var queue: [FakeFault] = []
    private var persistent: FakeFault?
    /// Every `periodic.every`-th request gets `periodic.fault` (a 429 storm of 10 %: every 10th).
    private var periodic: (every: Int, fault: FakeFault)?
    private(set) var latency: Double
    private(set) var defaultReply: String
    private(set) var usage: (input: Int, output: Int)
    private(set) var stopping = false
    private(set) var responder: (@Sendable (RecordedRequest) -> String?)?
    private let started = Date()
    private let statsFile: URL?

    init(latency: Double, defaultReply: String, usage: (input: Int, output: Int), statsFile: URL? = nil) {
        self.latency = latency
        self.defaultReply = defaultReply
        self.usage = usage
        self.statsFile = statsFile
    }

    func enqueue(_ faults: [FakeFault]) { queue.append(contentsOf: faults) }
    func setPersistentFault(_ fault: FakeFault?) { persistent = fault }
    func setPeriodicFault(_ fault: FakeFault?, every: Int) { periodic = fault.map { (max(1, every), $0) } }
    func setDefaultReply(_ text: String) { defaultReply = text }
    func setLatency(_ seconds: Double) { latency = seconds }
    func setUsage(input: Int, output: Int) { usage = (input, output) }
    private(set) var cacheUsage: (read: Int, write: Int) = (0, 0)
    func setCacheUsage(read: Int, write: Int) { cacheUsage = (read, write) }
    func markStopping() { stopping = true }
    func setResponder(_ responder: (@Sendable (RecordedRequest) -> String?)?) { self.responder = responder }

    /// Records the request, counts it in flight, and returns its sequence number and fault.
    func begin(_ request: RecordedRequest) -> (sequence: Int, fault: FakeFault?) {
        var stamped = request
        stamped.receivedAt = Date().timeIntervalSince(started)
        recorded.append(stamped)
        if stamped.headers["authorization"] != nil { authorizedCount += 1 }
        inFlight += 1
        peakInFlight = max(peakInFlight, inFlight)
        var fault = queue.isEmpty ? persistent : queue.removeFirst()
        if let periodic, recorded.count % periodic.every == 0 { fault = periodic.fault }
        writeStats() // also here: a server that never answers still reports what it received
        return (recorded.count, fault)
    }

    func end() {
        inFlight -= 1
        writeStats()
    }

    /// `{"peak": N, "requests": M, "authorized": K}`: K requests carried an `Authorization` header.
    private func writeStats() {
        guard let statsFile else { return }
        try? Data("{\"peak\": \(peakInFlight), \"requests\": \(recorded.count), \"authorized\": \(authorizedCount)}".utf8)
            .write(to: statsFile)
    }
}

/// Turns HTTP requests into the format's replies.
struct FakeProviderHandler: HTTPHandler {
    let format: FakeWireFormat
    let state: FakeProviderState
    let batches: FakeBatchAPI

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try await request.bodyData
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        if let reply = await batches.handle(format: format, method: request.method.rawValue, path: request.path,
                                            headers: headers, body: body, root: "http://\(headers["host"] ?? "127.0.0.1")",
                                            defaultReply: await state.defaultReply, usage: await state.usage) {
            var responseHeaders = HTTPHeaders()
            responseHeaders[HTTPHeader("Content-Type")] = "application/json"
            for (name, value) in reply.headers { responseHeaders[HTTPHeader(name)] = value }
            return HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: phrase(reply.status)),
                                headers: responseHeaders, body: reply.body)
        }
        guard request.method == .POST, request.path == format.path else {
            return HTTPResponse(statusCode: .notFound, body: Data("{\"error\":\"not found\"}".utf8))
        }
        let recorded = RecordedRequest(method: request.method.rawValue, path: request.path,
                                       headers: headers, body: body, receivedAt: 0)
        let (sequence, fault) = await state.begin(recorded)
        let response = await respond(to: recorded, sequence: sequence, fault: fault)
        // Counted out before the reply is written, so a client never sees more in flight than it sent.
        await state.end()
        return response
    }

    private func respond(to recorded: RecordedRequest, sequence: Int, fault: FakeFault?) async -> HTTPResponse {
        await pause(await state.latency)
        let model = recorded.model ?? "fake-model"
        let usage = await state.usage
        let cached = await state.cacheUsage
        let reply: FakeWireFormat.Reply
        switch fault {
        case nil:
            var text = await state.defaultReply
            if let computed = await state.responder?(recorded) { text = computed }
            reply = format.success(text: text, model: model, inputTokens: usage.input,
                                   outputTokens: usage.output, sequence: sequence, cacheRead: cached.read, cacheWrite: cached.write)
        case .reply(let text):
            reply = format.success(text: text, model: model, inputTokens: usage.input,
                                   outputTokens: usage.output, sequence: sequence, cacheRead: cached.read, cacheWrite: cached.write)
        case .hang(let seconds):
            await pause(seconds)
            reply = format.success(text: await state.defaultReply, model: model, inputTokens: usage.input,
                                   outputTokens: usage.output, sequence: sequence)
        case .some(let fault):
            reply = format.failure(fault, model: model)
        }
        var responseHeaders = HTTPHeaders()
        responseHeaders[HTTPHeader("Content-Type")] = "application/json"
        for (name, value) in reply.headers { responseHeaders[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: phrase(reply.status)),
                            headers: responseHeaders, body: reply.body)
    }

    /// Sleeps in short steps so a stopping server ends hangs promptly.
    private func pause(_ seconds: Double) async {
        guard seconds > 0 else { return }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if await state.stopping { return }
            let step = min(0.02, deadline.timeIntervalSinceNow)
            if step > 0 { try? await Task.sleep(nanoseconds: UInt64(step * 1_000_000_000)) }
        }
    }

    private func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        case 529: "Overloaded"
        default: "Status"
        }
    }
}
