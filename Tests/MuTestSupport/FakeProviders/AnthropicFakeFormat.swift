import Foundation

/// Replies shaped like the Anthropic Messages API documents them.
enum AnthropicFakeFormat {
    static func success(text: String, model: String, inputTokens: Int, outputTokens: Int, sequence: Int,
                        cacheRead: Int = 0, cacheWrite: Int = 0) -> FakeWireFormat.Reply {
        let body: [String: Any] = [
            "id": "msg_fake_\(sequence)",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [["type": "text", "text": text]],
            "stop_reason": "end_turn",
            "stop_sequence": NSNull(),
            "usage": ["input_tokens": inputTokens, "output_tokens": outputTokens,
                      "cache_read_input_tokens": cacheRead, "cache_creation_input_tokens": cacheWrite],
        ]
        return FakeWireFormat.Reply(status: 200, headers: [
            "request-id": "req_fake_\(sequence)",
            "anthropic-ratelimit-requests-limit": "50",
            "anthropic-ratelimit-requests-remaining": "49",
            "anthropic-ratelimit-requests-reset": "2030-01-01T00:00:00Z",
            "anthropic-ratelimit-tokens-limit": "40000",
            "anthropic-ratelimit-tokens-remaining": "39000",
            "anthropic-ratelimit-tokens-reset": "2030-01-01T00:00:00Z",
        ], body: FakeWireFormat.json(body))
    }

    static func failure(_ fault: FakeFault, model: String = "fake-model") -> FakeWireFormat.Reply {
        func error(_ status: Int, _ type: String, _ message: String, _ headers: [String: String] = [:]) -> FakeWireFormat.Reply {
            FakeWireFormat.Reply(status: status, headers: headers, body: FakeWireFormat.json([
                "type": "error",
                "error": ["type": type, "message": message],
                "request_id": "req_fake_error",
            ]))
        }
        switch fault {
        case .rateLimited(let retryAfter):
            var headers = ["anthropic-ratelimit-requests-remaining": "3"]
            if let retryAfter { headers["retry-after"] = String(retryAfter) }
            return error(429, "rate_limit_error", "Number of requests has exceeded your per-minute rate limit", headers)
        case .quotaExhausted(let retryAfter):
            var headers = ["anthropic-ratelimit-requests-remaining": "0"]
            if let retryAfter { headers["retry-after"] = String(retryAfter) }
            return error(429, "rate_limit_error", "Number of requests has exceeded your per-minute rate limit", headers)
        case .modelNotFound:
            return error(404, "not_found_error", "model: \(model)")
        case .overloaded:
            return error(529, "overloaded_error", "Overloaded")
        case .serverError:
            return error(500, "api_error", "Internal server error")
        case .unauthorized:
            return error(401, "authentication_error", "invalid x-api-key")
        case .badRequest(let message):
            return error(400, "invalid_request_error", message)
        case .malformedJSON:
            return FakeWireFormat.Reply(status: 200, headers: [:], body: Data("{\"type\": \"message\", \"content\": [".utf8))
        case .hang, .reply:
            return error(500, "api_error", "fault has no error reply")
        }
    }
}
