import Foundation
import GRDB

/// Accumulates `ModelStatistics` per model (`model_stats` table).
public struct ModelStatisticsStore: Sendable {
    public let database: MuDatabase

    public init(database: MuDatabase) {
        self.database = database
    }

    /// Adds observations: `samples` requests that sent `inputChars` characters and were
    /// billed `inputTokens` in and `outputTokens` out. Negative values are ignored.
    public func record(model: String, inputChars: Int, inputTokens: Int, outputTokens: Int,
                       samples: Int = 1) async throws {
        guard samples > 0, inputChars >= 0, inputTokens >= 0, outputTokens >= 0 else { return }
        let now = Date()
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO main.model_stats (model, samples, input_chars, input_tokens, output_tokens, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(model) DO UPDATE SET
                    samples = samples + excluded.samples,
                    input_chars = input_chars + excluded.input_chars,
                    input_tokens = input_tokens + excluded.input_tokens,
                    output_tokens = output_tokens + excluded.output_tokens,
                    updated_at = excluded.updated_at
                """, arguments: [model, samples, inputChars, inputTokens, outputTokens, now])
        }
    }

    /// The statistics of one model, nil when never observed.
    public func statistics(for model: String) async throws -> ModelStatistics? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM main.model_stats WHERE model = ?", arguments: [model])
                .flatMap(ModelStatistics.init(row:))
        }
    }

    /// Every observed model, by name.
    public func all() async throws -> [ModelStatistics] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM main.model_stats ORDER BY model")
                .compactMap(ModelStatistics.init(row:))
        }
    }
}
