import Foundation

/// Anthropic Message Batches: `POST /v1/messages/batches` with `{"requests": [{"custom_id", "params"}]}`,
/// `GET /v1/messages/batches/{id}` (`processing_status`: `in_progress`, `canceling`, `ended`), results as
/// JSONL from the batch's `results_url`, `POST /v1/messages/batches/{id}/cancel`.
extension AnthropicProvider: BatchProvider {
    public var batchLimits: BatchLimits { .anthropic }

    public func encodeBatchItem(_ item: BatchItem, parameters: CompletionParameters) throws(LLMError) -> Data {
        do {
            return try JSONEncoder().encode(BatchRequest(custom_id: item.customID,
                                                         params: requestBody(item.prompt, parameters: parameters)))
        } catch {
            throw LLMError.invalidRequest(reason: "could not encode the request: \(error)")
        }
    }

    public func submitBatch(_ encodedItems: [Data]) async throws(LLMError) -> BatchStatus {
        var body = Data("{\"requests\":[".utf8)
        for (index, item) in encodedItems.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(item)
        }
        body.append(contentsOf: Array("]}".utf8))
        let response = try await transport.postJSON(url: batchesURL, headers: authHeaders, body: body,
                                                    timeout: max(timeout, 300))
        return try decodeBatch(response)
    }

    public func batchStatus(_ id: String) async throws(LLMError) -> BatchStatus {
        let response = try await transport.send(method: .GET, url: batchesURL.appendingPathComponent(id),
                                                headers: authHeaders, body: nil, timeout: timeout)
        return try decodeBatch(response)
    }

    public func cancelBatch(_ id: String) async throws(LLMError) -> BatchStatus {
        let url = batchesURL.appendingPathComponent(id).appendingPathComponent("cancel")
        let response = try await transport.postJSON(url: url, headers: authHeaders, body: Data(), timeout: timeout)
        return try decodeBatch(response)
    }

    public func batchResults(_ status: BatchStatus) async throws(LLMError) -> [BatchItemResult] {
        guard let location = status.resultsLocation, let url = URL(string: location) else { return [] }
        let response = try await transport.send(method: .GET, url: url, headers: authHeaders, body: nil,
                                                timeout: max(timeout, 300))
        try check(response)
        var results: [BatchItemResult] = []
        for line in response.body.split(separator: UInt8(ascii: "\n")) where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
            let entry: ResultLine
            do { entry = try JSONDecoder().decode(ResultLine.self, from: Data(line)) } catch {
                throw LLMError.malformedResponse("expected a Message Batches result line, got \(ProviderErrorClassifier.excerpt(Data(line)))")
            }
            switch entry.result.type {
            case "succeeded":
                guard let message = entry.result.message else {
                    results.append(BatchItemResult(customID: entry.custom_id, result: .failure(.errored("no message"))))
                    continue
                }
                results.append(BatchItemResult(customID: entry.custom_id, result: .success(reply(from: message))))
            case "canceled":
                results.append(BatchItemResult(customID: entry.custom_id, result: .failure(.canceled)))
            case "expired":
                results.append(BatchItemResult(customID: entry.custom_id, result: .failure(.expired)))
            default:
                let detail = entry.result.error?.error?.message ?? entry.result.error?.error?.type ?? entry.result.type
                results.append(BatchItemResult(customID: entry.custom_id, result: .failure(.errored(detail))))
            }
        }
        return results
    }

    // MARK: Wire format

    private var batchesURL: URL { baseURL.appendingPathComponent("v1/messages/batches") }

    private var authHeaders: [String: String] {
        ["x-api-key": apiKey, "anthropic-version": AnthropicProvider.apiVersion]
    }

    private func check(_ response: HTTPTransport.Response) throws(LLMError) {
        guard !(200..<300).contains(response.status) else { return }
        let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body)
        throw ProviderErrorClassifier.classify(
            status: response.status, errorType: envelope?.error.type,
            message: envelope?.error.message ?? ProviderErrorClassifier.excerpt(response.body),
            retryAfter: nil, model: model, quotaExhausted: false)
    }

    private func decodeBatch(_ response: HTTPTransport.Response) throws(LLMError) -> BatchStatus {
        try check(response)
        let batch: MessageBatch
        do { batch = try JSONDecoder().decode(MessageBatch.self, from: response.body) } catch {
            throw LLMError.malformedResponse("expected a message batch, got \(ProviderErrorClassifier.excerpt(response.body))")
        }
        let counts = batch.request_counts
        let answered = counts.map { $0.succeeded + $0.errored + $0.canceled + $0.expired } ?? 0
        let state: BatchState
        switch batch.processing_status {
        case "ended":
            // Anthropic has one final state; what ended it shows in the counts.
            if let counts, counts.canceled > 0, counts.processing == 0 {
                state = .canceled
            } else if let counts, counts.expired > 0 {
                state = .expired
            } else {
                state = .ended
            }
        case "canceling": state = .canceling
        default: state = .inProgress
        }
        return BatchStatus(id: batch.id, state: state, completed: answered,
                           total: answered + (counts?.processing ?? 0), resultsLocation: batch.results_url)
    }

    struct BatchRequest: Encodable {
        var custom_id: String
        var params: RequestBody
    }

    struct MessageBatch: Decodable {
        struct Counts: Decodable {
            var processing: Int
            var succeeded: Int
            var errored: Int
            var canceled: Int
            var expired: Int
        }
        var id: String
        var processing_status: String
        var request_counts: Counts?
        var results_url: String?
    }

    struct ResultLine: Decodable {
        struct Outcome: Decodable {
            struct ErrorBody: Decodable {
                var error: ErrorEnvelope.Detail?
            }
            var type: String
            var message: ResponseBody?
            var error: ErrorBody?
        }
        var custom_id: String
        var result: Outcome
    }
}
