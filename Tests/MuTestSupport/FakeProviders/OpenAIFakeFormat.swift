import Foundation

/// Replies shaped like OpenAI Chat Completions documents them.
enum OpenAIFakeFormat {
    static func success(text: String, model: String, inputTokens: Int, outputTokens: Int, sequence: Int,
                        cacheRead: Int = 0) -> FakeWireFormat.Reply {
        let body: [String: Any] = [
            "id": "chatcmpl-fake\(sequence)",
            "object": "chat.completion",
            "created": 1_700_000_000 + sequence,
            "model": model,
            "choices": [[
                "index": 0,
                "message": ["role": "assistant", "content": text, "refusal": NSNull()],
                "logprobs": NSNull(),
                "finish_reason": "stop",
            ]],
            "usage": [
                "prompt_tokens": inputTokens,
                "completion_tokens": outputTokens,
                "total_tokens": inputTokens + outputTokens,
                "prompt_tokens_details": ["cached_tokens": cacheRead],
            ],
        ]
        return FakeWireFormat.Reply(status: 200, headers: [
            "x-request-id": "req_fake_\(sequence)",
            "x-ratelimit-limit-requests": "500",
            "x-ratelimit-remaining-requests": "499",
            "x-ratelimit-reset-requests": "120ms",
            "x-ratelimit-limit-tokens": "200000",
            "x-ratelimit-remaining-tokens": "199000",
            "x-ratelimit-reset-tokens": "6m0s",
        ], body: FakeWireFormat.json(body))
    }

    static func failure(_ fault: FakeFault, model: String = "fake-model") -> FakeWireFormat.Reply {
        func error(_ status: Int, _ type: String, _ code: String?, _ message: String,
                   _ headers: [String: String] = [:]) -> FakeWireFormat.Reply {
            FakeWireFormat.Reply(status: status, headers: headers, body: FakeWireFormat.json([
                "error": ["message": message, "type": type, "param": NSNull(), "code": code ?? NSNull()] as [String: Any],
            ]))
        }
        switch fault {
        case .rateLimited(let retryAfter):
            var headers = ["x-ratelimit-remaining-requests": "12", "x-ratelimit-reset-requests": "1s"]
            if let retryAfter { headers["retry-after"] = String(retryAfter) }
            return error(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests", headers)
        case .quotaExhausted(let retryAfter):
            var headers = ["x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1s"]
            if let retryAfter { headers["retry-after"] = String(retryAfter) }
            return error(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests", headers)
        case .modelNotFound:
            return error(404, "invalid_request_error", "model_not_found",
                         "The model `\(model)` does not exist or you do not have access to it.")
        case .overloaded:
            return error(503, "server_error", nil, "The engine is currently overloaded, please try again later")
        case .serverError:
            return error(500, "server_error", nil, "The server had an error while processing your request")
        case .unauthorized:
            return error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided")
        case .badRequest(let message):
            return error(400, "invalid_request_error", "context_length_exceeded", message)
        case .malformedJSON:
            return FakeWireFormat.Reply(status: 200, headers: [:], body: Data("<html>502 Bad Gateway</html>".utf8))
        case .hang, .reply:
            return error(500, "server_error", nil, "fault has no error reply")
        }
    }
}
