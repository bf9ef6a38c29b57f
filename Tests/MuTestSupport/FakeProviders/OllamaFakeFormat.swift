import Foundation

/// Replies shaped like Ollama's `/api/chat` with `"stream": false`.
enum OllamaFakeFormat {
    static func success(text: String, model: String, inputTokens: Int, outputTokens: Int) -> FakeWireFormat.Reply {
        let body: [String: Any] = [
            "model": model,
            "created_at": "2024-07-22T20:33:28.123648Z",
            "message": ["role": "assistant", "content": text],
            "done": true,
            "done_reason": "stop",
            "total_duration": 5_191_566_416,
            "load_duration": 2_154_458,
            "prompt_eval_count": inputTokens,
            "prompt_eval_duration": 383_809_000,
            "eval_count": outputTokens,
            "eval_duration": 4_799_921_000,
        ]
        return FakeWireFormat.Reply(status: 200, headers: [:], body: FakeWireFormat.json(body))
    }

    static func failure(_ fault: FakeFault, model: String = "fake-model") -> FakeWireFormat.Reply {
        func error(_ status: Int, _ message: String, _ headers: [String: String] = [:]) -> FakeWireFormat.Reply {
            FakeWireFormat.Reply(status: status, headers: headers, body: FakeWireFormat.json(["error": message]))
        }
        switch fault {
        case .rateLimited(let retryAfter), .quotaExhausted(let retryAfter):
            return error(429, "too many requests", retryAfter.map { ["retry-after": String($0)] } ?? [:])
        case .modelNotFound:
            return error(404, "model \"\(model)\" not found, try pulling it first")
        case .overloaded:
            return error(503, "server busy, please try again.  maximum pending requests exceeded")
        case .serverError:
            return error(500, "llama runner process has terminated")
        case .unauthorized:
            return error(401, "unauthorized")
        case .badRequest(let message):
            return error(400, message)
        case .malformedJSON:
            return FakeWireFormat.Reply(status: 200, headers: [:], body: Data("{\"model\": \"llama3.2\", \"message\": ".utf8))
        case .hang, .reply:
            return error(500, "fault has no error reply")
        }
    }
}
