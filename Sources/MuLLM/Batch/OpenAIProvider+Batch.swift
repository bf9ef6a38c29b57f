import Foundation

/// OpenAI Batch: the requests as a JSONL file uploaded to `POST /v1/files` (`purpose=batch`,
/// multipart), then `POST /v1/batches` with `endpoint: /v1/chat/completions` and
/// `completion_window: 24h`; `GET /v1/batches/{id}`; results (and failed requests) as JSONL from
/// `GET /v1/files/{output_file_id|error_file_id}/content`; `POST /v1/batches/{id}/cancel`.
///
/// Only OpenAI itself offers it: OpenRouter and openai-compatible servers share this type for live
/// calls but are not batch providers (``supportsBatch``).
extension OpenAIProvider: BatchProvider {
    /// True for OpenAI's own API (the provider named `openai`).
    public var supportsBatch: Bool { name == "openai" }

    public var batchLimits: BatchLimits { .openAI }

    public func encodeBatchItem(_ item: BatchItem, parameters: CompletionParameters) throws(LLMError) -> Data {
        do {
            return try JSONEncoder().encode(BatchLine(custom_id: item.customID, method: "POST",
                                                      url: "/v1/chat/completions",
                                                      body: requestBody(item.prompt, parameters: parameters)))
        } catch {
            throw LLMError.invalidRequest(reason: "could not encode the request: \(error)")
        }
    }

    public func submitBatch(_ encodedItems: [Data]) async throws(LLMError) -> BatchStatus {
        let fileID = try await upload(encodedItems)
        let body: Data
        do {
            body = try JSONEncoder().encode(CreateBatch(input_file_id: fileID, endpoint: "/v1/chat/completions",
                                                        completion_window: "24h"))
        } catch {
            throw LLMError.invalidRequest(reason: "could not encode the request: \(error)")
        }
        let response = try await transport.postJSON(url: baseURL.appendingPathComponent("batches"),
                                                    headers: authHeaders, body: body, timeout: timeout)
        return try decodeBatch(response)
    }

    public func batchStatus(_ id: String) async throws(LLMError) -> BatchStatus {
        let response = try await transport.send(method: .GET, url: baseURL.appendingPathComponent("batches").appendingPathComponent(id),
                                                headers: authHeaders, body: nil, timeout: timeout)
        return try decodeBatch(response)
    }

    public func cancelBatch(_ id: String) async throws(LLMError) -> BatchStatus {
        let url = baseURL.appendingPathComponent("batches").appendingPathComponent(id).appendingPathComponent("cancel")
        let response = try await transport.postJSON(url: url, headers: authHeaders, body: Data(), timeout: timeout)
        return try decodeBatch(response)
    }

    public func batchResults(_ status: BatchStatus) async throws(LLMError) -> [BatchItemResult] {
        var results: [BatchItemResult] = []
        for fileID in [status.resultsLocation, status.errorsLocation].compactMap({ $0 }) {
            let url = baseURL.appendingPathComponent("files").appendingPathComponent(fileID).appendingPathComponent("content")
            let response = try await transport.send(method: .GET, url: url, headers: authHeaders, body: nil,
                                                    timeout: max(timeout, 300))
            try check(response)
            for line in response.body.split(separator: UInt8(ascii: "\n")) where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
                results.append(try result(of: Data(line)))
            }
        }
        return results
    }

    // MARK: Wire format

    private var authHeaders: [String: String] {
        var headers = extraHeaders
        if let apiKey, !apiKey.isEmpty { headers["Authorization"] = "Bearer \(apiKey)" }
        return headers
    }

    /// Uploads the items as one JSONL file (multipart, streamed item by item) and returns its id.
    private func upload(_ items: [Data]) async throws(LLMError) -> String {
        let boundary = "mu-batch-\(UUID().uuidString)"
        let head = Data("""
            --\(boundary)\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n\
            --\(boundary)\r\nContent-Disposition: form-data; name="file"; filename="mu-batch.jsonl"\r\n\
            Content-Type: application/jsonl\r\n\r\n
            """.utf8)
        let tail = Data("\r\n--\(boundary)--\r\n".utf8)
        let length = head.count + items.reduce(0) { $0 + $1.count + 1 } + tail.count
        let chunks = AsyncThrowingStream<Data, any Error> { continuation in
            continuation.yield(head)
            for item in items { continuation.yield(item + Data([UInt8(ascii: "\n")])) }
            continuation.yield(tail)
            continuation.finish()
        }
        var headers = authHeaders
        headers["Content-Type"] = "multipart/form-data; boundary=\(boundary)"
        let response = try await transport.send(method: .POST, url: baseURL.appendingPathComponent("files"),
                                                headers: headers, body: .stream(chunks, length: length),
                                                timeout: max(timeout, 300))
        try check(response)
        guard let file = try? JSONDecoder().decode(FileObject.self, from: response.body) else {
            throw LLMError.malformedResponse("expected a file object, got \(ProviderErrorClassifier.excerpt(response.body))")
        }
        return file.id
    }

    private func result(of line: Data) throws(LLMError) -> BatchItemResult {
        let entry: OutputLine
        do { entry = try JSONDecoder().decode(OutputLine.self, from: line) } catch {
            throw LLMError.malformedResponse("expected a batch output line, got \(ProviderErrorClassifier.excerpt(line))")
        }
        if let error = entry.error {
            let failure: BatchItemFailure = switch error.code {
            case "batch_expired": .expired
            case "batch_cancelled": .canceled
            default: .errored(error.message ?? error.code ?? "unknown error")
            }
            return BatchItemResult(customID: entry.custom_id, result: .failure(failure))
        }
        guard let response = entry.response, (200..<300).contains(response.status_code) else {
            let message = entry.response?.body?.error?.message ?? "HTTP \(entry.response?.status_code ?? 0)"
            return BatchItemResult(customID: entry.custom_id, result: .failure(.errored(message)))
        }
        guard let completion = response.body?.completion else {
            return BatchItemResult(customID: entry.custom_id, result: .failure(.errored("no chat completion in the output line")))
        }
        do {
            return BatchItemResult(customID: entry.custom_id, result: .success(try reply(from: completion)))
        } catch {
            return BatchItemResult(customID: entry.custom_id, result: .failure(.errored(error.description)))
        }
    }

    private func check(_ response: HTTPTransport.Response) throws(LLMError) {
        guard !(200..<300).contains(response.status) else { return }
        let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body)
        throw ProviderErrorClassifier.classify(
            status: response.status, errorType: envelope?.error.code?.text ?? envelope?.error.type,
            message: envelope?.error.message ?? ProviderErrorClassifier.excerpt(response.body),
            retryAfter: nil, model: model, quotaExhausted: false)
    }

    private func decodeBatch(_ response: HTTPTransport.Response) throws(LLMError) -> BatchStatus {
        try check(response)
        let batch: BatchObject
        do { batch = try JSONDecoder().decode(BatchObject.self, from: response.body) } catch {
            throw LLMError.malformedResponse("expected a batch object, got \(ProviderErrorClassifier.excerpt(response.body))")
        }
        let state: BatchState = switch batch.status {
        case "completed": .ended
        case "cancelled": .canceled
        case "cancelling": .canceling
        case "expired": .expired
        case "failed": .failed
        default: .inProgress  // validating, in_progress, finalizing
        }
        let counts = batch.request_counts
        return BatchStatus(id: batch.id, state: state, completed: (counts?.completed ?? 0) + (counts?.failed ?? 0),
                           total: counts?.total ?? 0, resultsLocation: batch.output_file_id,
                           errorsLocation: batch.error_file_id,
                           message: batch.errors?.data?.compactMap(\.message).joined(separator: "; "))
    }

    struct BatchLine: Encodable {
        var custom_id: String
        var method: String
        var url: String
        var body: RequestBody
    }

    struct CreateBatch: Encodable {
        var input_file_id: String
        var endpoint: String
        var completion_window: String
    }

    struct FileObject: Decodable {
        var id: String
    }

    struct BatchObject: Decodable {
        struct Counts: Decodable {
            var total: Int?
            var completed: Int?
            var failed: Int?
        }
        struct Errors: Decodable {
            struct Item: Decodable { var message: String? }
            var data: [Item]?
        }
        var id: String
        var status: String
        var output_file_id: String?
        var error_file_id: String?
        var request_counts: Counts?
        var errors: Errors?
    }

    struct OutputLine: Decodable {
        struct Response: Decodable {
            var status_code: Int
            var body: Body?
        }
        /// Either a chat completion or an error envelope.
        struct Body: Decodable {
            var completion: ResponseBody?
            var error: ErrorEnvelope.Detail?
            init(from decoder: Decoder) throws {
                completion = try? ResponseBody(from: decoder)
                error = (try? ErrorEnvelope(from: decoder))?.error
            }
        }
        struct LineError: Decodable {
            var code: String?
            var message: String?
        }
        var custom_id: String
        var response: Response?
        var error: LineError?
    }
}
