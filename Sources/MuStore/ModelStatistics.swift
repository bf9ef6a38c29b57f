import Foundation
import GRDB

/// What mu observed about a model's tokenizer and verbosity, to estimate costs
/// before calling it (`mu cost`, the budget check).
public struct ModelStatistics: Sendable, Hashable, Codable {
    public var model: String
    /// Completed requests observed.
    public var samples: Int
    /// Characters of prompt sent across those requests.
    public var inputChars: Int
    /// Input tokens the provider reported for them.
    public var inputTokens: Int
    /// Output tokens the provider reported for them.
    public var outputTokens: Int
    public var updatedAt: Date

    public init(model: String, samples: Int, inputChars: Int, inputTokens: Int, outputTokens: Int,
                updatedAt: Date = Date()) {
        self.model = model
        self.samples = samples
        self.inputChars = inputChars
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.updatedAt = updatedAt
    }

    /// Observed characters per input token, nil before any token was reported.
    public var charsPerToken: Double? {
        inputTokens > 0 ? Double(inputChars) / Double(inputTokens) : nil
    }

    /// Mean output tokens per request, nil before any sample.
    public var meanOutputTokens: Double? {
        samples > 0 ? Double(outputTokens) / Double(samples) : nil
    }
}

extension ModelStatistics {
    init?(row: Row) {
        let columns = LenientRow(row)
        guard let model = columns.string("model") else { return nil }
        self.init(model: model, samples: columns.int("samples") ?? 0, inputChars: columns.int("input_chars") ?? 0,
                  inputTokens: columns.int("input_tokens") ?? 0, outputTokens: columns.int("output_tokens") ?? 0,
                  updatedAt: columns.date("updated_at") ?? Date(timeIntervalSince1970: 0))
    }
}
