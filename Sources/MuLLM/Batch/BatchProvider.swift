import Foundation

/// A provider's asynchronous batch API: the same requests as live calls, answered within 24 h at
/// half price (Anthropic Message Batches, OpenAI Batch). Implementations throw only ``LLMError``.
///
/// mu submits one batch per ``BatchLimits``-sized slice of the misses (``BatchPlanner``), keeps the
/// batch ids in the index, polls ``batchStatus(_:)`` and, once a batch has ended, reads every
/// request's reply with ``batchResults(_:)`` — matched by `custom_id`, in no particular order.
public protocol BatchProvider: Sendable {
    /// Provider name as configured (`anthropic`, `openai`).
    var name: String { get }
    /// Model id sent in every request.
    var model: String { get }
    /// Largest batch the provider accepts.
    var batchLimits: BatchLimits { get }

    /// One request as the bytes the batch carries (an element of Anthropic's `requests` array, a line of
    /// OpenAI's JSONL file); used to split by size before anything is sent.
    func encodeBatchItem(_ item: BatchItem, parameters: CompletionParameters) throws(LLMError) -> Data
    /// Submits encoded items as one batch and returns its first status (with the provider's id).
    func submitBatch(_ encodedItems: [Data]) async throws(LLMError) -> BatchStatus
    /// The batch's current status.
    func batchStatus(_ id: String) async throws(LLMError) -> BatchStatus
    /// Every request's outcome of an ended batch (succeeded, errored, cancelled or expired).
    func batchResults(_ status: BatchStatus) async throws(LLMError) -> [BatchItemResult]
    /// Asks the provider to cancel; requests already answered keep their results.
    func cancelBatch(_ id: String) async throws(LLMError) -> BatchStatus
}

/// The most a provider takes in one batch.
public struct BatchLimits: Sendable, Hashable {
    public var maxRequests: Int
    public var maxBytes: Int

    public init(maxRequests: Int, maxBytes: Int) {
        self.maxRequests = maxRequests
        self.maxBytes = maxBytes
    }

    /// Anthropic Message Batches: 100,000 requests or 256 MB per batch.
    public static let anthropic = BatchLimits(maxRequests: 100_000, maxBytes: 256 * 1024 * 1024)
    /// OpenAI Batch: 50,000 requests or 200 MB per input file.
    public static let openAI = BatchLimits(maxRequests: 50_000, maxBytes: 200 * 1024 * 1024)
}

/// One request of a batch: its `custom_id` and the prompt, already redacted and cut like a live call's.
public struct BatchItem: Sendable, Hashable {
    public var customID: String
    public var prompt: Prompt

    public init(customID: String, prompt: Prompt) {
        self.customID = customID
        self.prompt = prompt
    }
}

/// Where a batch is in its life, in mu's words (each provider's states map onto these).
public enum BatchState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Accepted, being validated or processed.
    case inProgress = "in_progress"
    /// Cancel asked, not yet ended.
    case canceling
    /// Ended: every request has a result (results may include errors).
    case ended
    /// Ended by cancellation: answered requests have results, the others are cancelled.
    case canceled
    /// Ended by the 24 h window: answered requests have results, the others expired.
    case expired
    /// Rejected as a whole (an invalid input file): no results.
    case failed

    /// True once the provider will do nothing more with the batch.
    public var isFinal: Bool { self != .inProgress && self != .canceling }
    /// True when the batch may have results to read.
    public var hasResults: Bool { self == .ended || self == .canceled || self == .expired }
}

/// A batch as the provider reports it.
public struct BatchStatus: Sendable, Hashable {
    public var id: String
    public var state: BatchState
    /// Requests answered so far (successfully or not) and in total.
    public var completed: Int
    public var total: Int
    /// Where results are read from: Anthropic's `results_url`, OpenAI's `output_file_id`.
    public var resultsLocation: String?
    /// OpenAI's `error_file_id` (failed requests' lines).
    public var errorsLocation: String?
    /// Why a batch failed as a whole, when the provider says.
    public var message: String?

    public init(id: String, state: BatchState, completed: Int = 0, total: Int = 0,
                resultsLocation: String? = nil, errorsLocation: String? = nil, message: String? = nil) {
        self.id = id
        self.state = state
        self.completed = completed
        self.total = total
        self.resultsLocation = resultsLocation
        self.errorsLocation = errorsLocation
        self.message = message
    }
}

/// One request's outcome in a batch's results.
public struct BatchItemResult: Sendable {
    public var customID: String
    public var result: Result<ProviderReply, BatchItemFailure>

    public init(customID: String, result: Result<ProviderReply, BatchItemFailure>) {
        self.customID = customID
        self.result = result
    }
}

/// Why a request of a batch has no reply.
public enum BatchItemFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The provider answered the request with an error.
    case errored(String)
    /// The batch was cancelled before the request was answered.
    case canceled
    /// The 24 h window ended before the request was answered.
    case expired

    public var description: String {
        switch self {
        case .errored(let message): "the provider answered with an error: \(message)"
        case .canceled: "the batch was cancelled before this request was answered"
        case .expired: "the batch expired before this request was answered"
        }
    }
}

/// Splits encoded items into batches within a provider's limits, in order.
public enum BatchPlanner {
    /// Consecutive slices of `sizes.count` items, each at most `limits.maxRequests` items and
    /// `limits.maxBytes` bytes (counting one separator byte per item); an item larger than the byte
    /// limit alone still gets a slice of its own (the provider then rejects it, as it would live).
    public static func slices(sizes: [Int], limits: BatchLimits) -> [Range<Int>] {
        var slices: [Range<Int>] = []
        var start = 0
        var bytes = 0
        for (index, size) in sizes.enumerated() {
            let count = index - start
            if count > 0, count >= limits.maxRequests || bytes + size + 1 > limits.maxBytes {
                slices.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += size + 1
        }
        if start < sizes.count { slices.append(start..<sizes.count) }
        return slices
    }
}
