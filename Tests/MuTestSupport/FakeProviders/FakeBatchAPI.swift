import FlyingFox
import Foundation

/// What the fake batch API does with one request of a batch when the batch ends.
public enum FakeBatchItemScript: Sendable, Hashable {
    /// Answered with this assistant text.
    case reply(String)
    /// Answered with the provider's per-request error.
    case errored
}

/// How a fake batch ends.
public struct FakeBatchBehavior: Sendable, Hashable {
    /// Status polls answered "in progress" before the batch ends.
    public var pollsBeforeEnd = 0
    /// When set, the batch expires after answering only this many of its requests (the rest expire).
    public var expireAfter: Int?
    /// Requests answered before a cancellation takes effect (the rest are cancelled).
    public var answeredBeforeCancel = 0
    /// The whole batch is rejected (OpenAI `failed`, e.g. an invalid input file).
    public var rejectBatch = false

    public init(pollsBeforeEnd: Int = 0, expireAfter: Int? = nil, answeredBeforeCancel: Int = 0, rejectBatch: Bool = false) {
        self.pollsBeforeEnd = pollsBeforeEnd
        self.expireAfter = expireAfter
        self.answeredBeforeCancel = answeredBeforeCancel
        self.rejectBatch = rejectBatch
    }
}

/// The batch endpoints of both providers, as documented: Anthropic Message Batches
/// (`/v1/messages/batches`, results JSONL at `results_url`) and OpenAI Files + Batch
/// (`/v1/files` multipart upload, `/v1/batches`, `/v1/files/{id}/content`).
actor FakeBatchAPI {
    struct Item {
        var customID: String
        var model: String
        var script: FakeBatchItemScript?
        /// The request JSON as received (`params` for Anthropic, `body` for OpenAI).
        var request: Data
    }

    final class Batch {
        let id: String
        var items: [Item]
        var polls = 0
        /// nil while in progress; then `ended`, `canceled`, `expired`, `failed`.
        var final: String?
        var cancelRequested = false
        var answered = 0
        var outputFile: String?
        var errorFile: String?
        init(id: String, items: [Item]) {
            self.id = id
            self.items = items
        }
    }

    private var batches: [String: Batch] = [:]
    private var files: [String: Data] = [:]
    private var counter = 0
    private(set) var behavior = FakeBatchBehavior()
    private var scripts: [FakeBatchItemScript] = []
    /// Batch requests received, across batches (each is billed once by a real provider).
    private(set) var itemsReceived: [String] = []
    /// Every batch endpoint call: `METHOD path`.
    private(set) var calls: [String] = []
    /// The request bodies of every batch item received, in order (Anthropic `params`, OpenAI `body`).
    private(set) var itemRequests: [Data] = []

    func setBehavior(_ behavior: FakeBatchBehavior) { self.behavior = behavior }
    func enqueue(_ items: [FakeBatchItemScript]) { scripts.append(contentsOf: items) }

    /// The reply for a batch route, or nil when the request is not one.
    func handle(format: FakeWireFormat, method: String, path: String, headers: [String: String], body: Data,
                root: String, defaultReply: String, usage: (input: Int, output: Int)) -> FakeWireFormat.Reply? {
        let parts = path.split(separator: "/").map(String.init)
        func route(_ pattern: String) -> String? {
            // `*` matches one path component (the id), returned; "" when the route has none.
            let want = pattern.split(separator: "/").map(String.init)
            guard want.count == parts.count else { return nil }
            var id = ""
            for (w, p) in zip(want, parts) {
                if w == "*" { id = p } else if w != p { return nil }
            }
            return id
        }
        let anthropic = format == .anthropic, openAI = format == .openAI
        var reply: FakeWireFormat.Reply?
        if anthropic, method == "POST", route("v1/messages/batches") != nil {
            reply = anthropicCreate(body)
        } else if anthropic, method == "GET", let id = route("v1/messages/batches/*") {
            reply = anthropicStatus(id, root: root, poll: true)
        } else if anthropic, method == "GET", let id = route("v1/messages/batches/*/results") {
            reply = anthropicResults(id, defaultReply: defaultReply, usage: usage)
        } else if anthropic, method == "POST", let id = route("v1/messages/batches/*/cancel") {
            batches[id]?.cancelRequested = true
            reply = anthropicStatus(id, root: root, poll: false)
        } else if openAI, method == "POST", route("v1/files") != nil {
            reply = openAIUpload(body, contentType: headers["content-type"] ?? "")
        } else if openAI, method == "POST", route("v1/batches") != nil {
            reply = openAICreate(body)
        } else if openAI, method == "GET", let id = route("v1/batches/*") {
            reply = openAIStatus(id, poll: true, defaultReply: defaultReply, usage: usage)
        } else if openAI, method == "POST", let id = route("v1/batches/*/cancel") {
            batches[id]?.cancelRequested = true
            reply = openAIStatus(id, poll: false, defaultReply: defaultReply, usage: usage)
        } else if openAI, method == "GET", let id = route("v1/files/*/content") {
            if let data = files[id] {
                reply = FakeWireFormat.Reply(status: 200, headers: ["Content-Type": "application/jsonl"], body: data)
            } else {
                reply = notFound("no file \(id)")
            }
        }
        if reply != nil { calls.append("\(method) \(path)") }
        return reply
    }

    // MARK: Life of a batch

    private func nextID(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    private func add(_ items: [Item], prefix: String) -> Batch {
        var scripted = items
        for index in scripted.indices {
            scripted[index].script = scripts.isEmpty ? nil : scripts.removeFirst()
            itemsReceived.append(scripted[index].customID)
            itemRequests.append(scripted[index].request)
        }
        let batch = Batch(id: nextID(prefix), items: scripted)
        batches[batch.id] = batch
        return batch
    }

    /// Advances a batch on a status poll: ends it after the configured polls, or on a cancel.
    private func advance(_ batch: Batch, poll: Bool) {
        guard batch.final == nil else { return }
        if poll { batch.polls += 1 }
        if batch.cancelRequested {
            if poll {
                batch.answered = min(behavior.answeredBeforeCancel, batch.items.count)
                batch.final = "canceled"
            }
            return
        }
        guard poll, batch.polls > behavior.pollsBeforeEnd else { return }
        if behavior.rejectBatch {
            batch.final = "failed"
        } else if let expireAfter = behavior.expireAfter {
            batch.answered = min(expireAfter, batch.items.count)
            batch.final = "expired"
        } else {
            batch.answered = batch.items.count
            batch.final = "ended"
        }
    }

    private func notFound(_ message: String) -> FakeWireFormat.Reply {
        FakeWireFormat.Reply(status: 404, headers: [:], body: FakeWireFormat.json([
            "type": "error", "error": ["type": "not_found_error", "message": message],
        ]))
    }

    // MARK: Anthropic

    private func anthropicCreate(_ body: Data) -> FakeWireFormat.Reply {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
              let requests = object["requests"] as? [[String: Any]], !requests.isEmpty else {
            return AnthropicFakeFormat.failure(.badRequest("requests: expected a non-empty array"))
        }
        var items: [Item] = []
        for request in requests {
            guard let customID = request["custom_id"] as? String, let params = request["params"] as? [String: Any],
                  customID.range(of: "^[a-zA-Z0-9_-]{1,64}$", options: .regularExpression) != nil else {
                return AnthropicFakeFormat.failure(.badRequest("requests: custom_id and params are required; custom_id matches ^[a-zA-Z0-9_-]{1,64}$"))
            }
            items.append(Item(customID: customID, model: params["model"] as? String ?? "fake-model",
                              request: FakeWireFormat.json(params)))
        }
        if Set(items.map(\.customID)).count != items.count {
            return AnthropicFakeFormat.failure(.badRequest("custom_id values must be unique within a batch"))
        }
        let batch = add(items, prefix: "msgbatch_fake_")
        return anthropicBatch(batch, root: "")
    }

    private func anthropicStatus(_ id: String, root: String, poll: Bool) -> FakeWireFormat.Reply {
        guard let batch = batches[id] else { return notFound("no batch \(id)") }
        advance(batch, poll: poll)
        return anthropicBatch(batch, root: root)
    }

    private func anthropicBatch(_ batch: Batch, root: String) -> FakeWireFormat.Reply {
        let ended = batch.final != nil
        var succeeded = 0, errored = 0
        for item in batch.items.prefix(batch.answered) {
            if item.script == .errored { errored += 1 } else { succeeded += 1 }
        }
        let rest = batch.items.count - batch.answered
        let status = ended ? "ended" : (batch.cancelRequested ? "canceling" : "in_progress")
        let body: [String: Any] = [
            "id": batch.id, "type": "message_batch", "processing_status": status,
            "request_counts": [
                "processing": ended ? 0 : batch.items.count,
                "succeeded": succeeded, "errored": errored,
                "canceled": batch.final == "canceled" ? rest : 0,
                "expired": batch.final == "expired" ? rest : 0,
            ],
            "ended_at": ended ? "2030-01-01T00:10:00Z" : NSNull(),
            "created_at": "2030-01-01T00:00:00Z", "expires_at": "2030-01-02T00:00:00Z",
            "cancel_initiated_at": batch.cancelRequested ? "2030-01-01T00:05:00Z" : NSNull(),
            "results_url": ended && !root.isEmpty ? "\(root)/v1/messages/batches/\(batch.id)/results" : NSNull(),
        ]
        return FakeWireFormat.Reply(status: 200, headers: [:], body: FakeWireFormat.json(body))
    }

    private func anthropicResults(_ id: String, defaultReply: String, usage: (input: Int, output: Int)) -> FakeWireFormat.Reply {
        guard let batch = batches[id], let final = batch.final else { return notFound("batch \(id) has not ended") }
        var lines: [Data] = []
        for (index, item) in batch.items.enumerated() {
            let result: [String: Any]
            if index < batch.answered {
                switch item.script {
                case .errored:
                    result = ["type": "errored", "error": ["type": "error", "error": ["type": "invalid_request_error", "message": "prompt is too long"]]]
                case .reply(let text):
                    result = ["type": "succeeded", "message": anthropicMessage(text, item, index, usage)]
                case nil:
                    result = ["type": "succeeded", "message": anthropicMessage(defaultReply, item, index, usage)]
                }
            } else {
                result = ["type": final == "expired" ? "expired" : "canceled"]
            }
            lines.append(FakeWireFormat.json(["custom_id": item.customID, "result": result]))
        }
        // Results come in no particular order: reversed, so clients must match by custom_id.
        return FakeWireFormat.Reply(status: 200, headers: ["Content-Type": "application/binary"],
                                    body: Data(lines.reversed().joined(separator: Data("\n".utf8))))
    }

    private func anthropicMessage(_ text: String, _ item: Item, _ index: Int, _ usage: (input: Int, output: Int)) -> [String: Any] {
        [
            "id": "msg_fake_batch_\(index)", "type": "message", "role": "assistant", "model": item.model,
            "content": [["type": "text", "text": text]], "stop_reason": "end_turn", "stop_sequence": NSNull(),
            "usage": ["input_tokens": usage.input, "output_tokens": usage.output,
                      "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0],
        ]
    }

    // MARK: OpenAI

    private func openAIUpload(_ body: Data, contentType: String) -> FakeWireFormat.Reply {
        guard let boundaryRange = contentType.range(of: "boundary=") else {
            return OpenAIFakeFormat.failure(.badRequest("expected multipart/form-data"))
        }
        let boundary = String(contentType[boundaryRange.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let file = Self.multipartPart(named: "file", in: body, boundary: boundary),
              let purpose = Self.multipartPart(named: "purpose", in: body, boundary: boundary),
              String(decoding: purpose, as: UTF8.self) == "batch" else {
            return OpenAIFakeFormat.failure(.badRequest("expected the parts purpose=batch and file"))
        }
        let id = nextID("file-fake-")
        files[id] = file
        return FakeWireFormat.Reply(status: 200, headers: [:], body: FakeWireFormat.json([
            "id": id, "object": "file", "bytes": file.count, "created_at": 1_900_000_000,
            "filename": "mu-batch.jsonl", "purpose": "batch",
        ]))
    }

    /// The content of the multipart part `name`.
    static func multipartPart(named name: String, in body: Data, boundary: String) -> Data? {
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [Data] = []
        var rest = body[...]
        while let range = rest.range(of: delimiter) {
            let before = rest[rest.startIndex..<range.lowerBound]
            if !before.isEmpty { parts.append(Data(before)) }
            rest = rest[range.upperBound...]
        }
        for part in parts {
            guard let split = part.range(of: Data("\r\n\r\n".utf8)) else { continue }
            let head = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
            guard head.contains("name=\"\(name)\"") else { continue }
            var content = Data(part[split.upperBound...])
            if content.suffix(2) == Data("\r\n".utf8) { content.removeLast(2) }
            return content
        }
        return nil
    }

    private func openAICreate(_ body: Data) -> FakeWireFormat.Reply {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
              let fileID = object["input_file_id"] as? String, let file = files[fileID],
              object["endpoint"] as? String == "/v1/chat/completions",
              object["completion_window"] as? String == "24h" else {
            return OpenAIFakeFormat.failure(.badRequest("input_file_id (an uploaded file), endpoint /v1/chat/completions and completion_window 24h are required"))
        }
        var items: [Item] = []
        for line in file.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let entry = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any],
                  let customID = entry["custom_id"] as? String, entry["method"] as? String == "POST",
                  entry["url"] as? String == "/v1/chat/completions", let request = entry["body"] as? [String: Any] else {
                return OpenAIFakeFormat.failure(.badRequest("invalid JSONL line in the input file"))
            }
            items.append(Item(customID: customID, model: request["model"] as? String ?? "fake-model",
                              request: FakeWireFormat.json(request)))
        }
        let batch = add(items, prefix: "batch_fake_")
        return openAIBatch(batch)
    }

    private func openAIStatus(_ id: String, poll: Bool, defaultReply: String, usage: (input: Int, output: Int)) -> FakeWireFormat.Reply {
        guard let batch = batches[id] else { return notFound("no batch \(id)") }
        let wasFinal = batch.final != nil
        advance(batch, poll: poll)
        if !wasFinal, batch.final != nil { writeOpenAIFiles(batch, defaultReply: defaultReply, usage: usage) }
        return openAIBatch(batch)
    }

    private func writeOpenAIFiles(_ batch: Batch, defaultReply: String, usage: (input: Int, output: Int)) {
        guard batch.final != "failed" else { return }
        var output: [Data] = []
        var errors: [Data] = []
        for (index, item) in batch.items.enumerated() {
            if index >= batch.answered {
                let code = batch.final == "expired" ? "batch_expired" : "batch_cancelled"
                errors.append(FakeWireFormat.json([
                    "id": "batch_req_\(index)", "custom_id": item.customID, "response": NSNull(),
                    "error": ["code": code, "message": "This request could not be executed before the batch ended."],
                ]))
                continue
            }
            switch item.script {
            case .errored:
                errors.append(FakeWireFormat.json([
                    "id": "batch_req_\(index)", "custom_id": item.customID, "error": NSNull(),
                    "response": ["status_code": 400, "request_id": "req_\(index)", "body": [
                        "error": ["message": "This model's maximum context length is exceeded", "type": "invalid_request_error",
                                  "param": NSNull(), "code": "context_length_exceeded"] as [String: Any],
                    ]],
                ]))
            case .reply(let text):
                output.append(openAILine(text, item, index, usage))
            case nil:
                output.append(openAILine(defaultReply, item, index, usage))
            }
        }
        if !output.isEmpty {
            let id = nextID("file-out-")
            files[id] = Data(output.reversed().joined(separator: Data("\n".utf8)))
            batch.outputFile = id
        }
        if !errors.isEmpty {
            let id = nextID("file-err-")
            files[id] = Data(errors.joined(separator: Data("\n".utf8)))
            batch.errorFile = id
        }
    }

    private func openAILine(_ text: String, _ item: Item, _ index: Int, _ usage: (input: Int, output: Int)) -> Data {
        let completion: [String: Any] = [
            "id": "chatcmpl-batch\(index)", "object": "chat.completion", "created": 1_900_000_000, "model": item.model,
            "choices": [["index": 0, "message": ["role": "assistant", "content": text, "refusal": NSNull()],
                         "logprobs": NSNull(), "finish_reason": "stop"] as [String: Any]],
            "usage": ["prompt_tokens": usage.input, "completion_tokens": usage.output,
                      "total_tokens": usage.input + usage.output, "prompt_tokens_details": ["cached_tokens": 0]],
        ]
        return FakeWireFormat.json([
            "id": "batch_req_\(index)", "custom_id": item.customID, "error": NSNull(),
            "response": ["status_code": 200, "request_id": "req_\(index)", "body": completion] as [String: Any],
        ])
    }

    private func openAIBatch(_ batch: Batch) -> FakeWireFormat.Reply {
        let status: String = switch batch.final {
        case "ended": "completed"
        case "canceled": "cancelled"
        case "expired": "expired"
        case "failed": "failed"
        default: batch.cancelRequested ? "cancelling" : (batch.polls == 0 ? "validating" : "in_progress")
        }
        let failed = batch.items.prefix(batch.answered).filter { $0.script == .errored }.count
        var body: [String: Any] = [
            "id": batch.id, "object": "batch", "endpoint": "/v1/chat/completions", "completion_window": "24h",
            "status": status, "input_file_id": "file-in", "created_at": 1_900_000_000,
            "output_file_id": batch.outputFile ?? NSNull(), "error_file_id": batch.errorFile ?? NSNull(),
            "request_counts": ["total": batch.items.count, "completed": batch.answered - failed, "failed": failed],
            "errors": NSNull(),
        ]
        if batch.final == "failed" {
            body["errors"] = ["object": "list", "data": [["code": "invalid_file", "message": "the input file is invalid", "line": 1]]]
        }
        return FakeWireFormat.Reply(status: 200, headers: [:], body: FakeWireFormat.json(body))
    }
}
