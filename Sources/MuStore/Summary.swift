import Foundation
import GRDB
import MuCore

/// One cached summary: the bullets a provider returned for one function body under one
/// (prompt version, model, params), with its provenance and cost.
public struct Summary: Sendable, Hashable, Codable {
    /// Hex key (SHA-256 of `SummaryKey.material`).
    public var key: String
    public var bodyHash: String
    public var promptVersion: String
    public var model: String
    public var params: String
    /// The summary itself: 1 to a few short sentences.
    public var bullets: [String]
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUSD: Double
    /// Wall time of the provider call(s) that produced this summary, retries included, in
    /// milliseconds (0: unknown, e.g. rows written before schema 4).
    public var latencyMS: Int
    /// Input tokens the provider read from its prompt cache (0 when none or unknown).
    public var cacheReadTokens: Int
    /// Input tokens the provider wrote to its prompt cache (0 when none or unknown).
    public var cacheWriteTokens: Int
    /// Provider name (`anthropic`, `extractive`…).
    public var provider: String
    /// True when the function body was cut to fit the model's context.
    public var truncated: Bool
    public var createdAt: Date
    public var lastUsedAt: Date

    public init(key: String, bodyHash: String, promptVersion: String, model: String, params: String,
                bullets: [String], inputTokens: Int = 0, outputTokens: Int = 0, costUSD: Double = 0,
                latencyMS: Int = 0, cacheReadTokens: Int = 0, cacheWriteTokens: Int = 0,
                provider: String, truncated: Bool = false, createdAt: Date = Date(), lastUsedAt: Date? = nil) {
        self.key = key
        self.bodyHash = bodyHash
        self.promptVersion = promptVersion
        self.model = model
        self.params = params
        self.bullets = bullets
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.latencyMS = latencyMS
        self.cacheReadTokens = cacheReadTokens
        self.cacheWriteTokens = cacheWriteTokens
        self.provider = provider
        self.truncated = truncated
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt ?? createdAt
    }

    /// Convenience: the components of a `SummaryKey` plus its hex.
    public init(key: String, components: SummaryKey, bullets: [String], inputTokens: Int = 0,
                outputTokens: Int = 0, costUSD: Double = 0, latencyMS: Int = 0, cacheReadTokens: Int = 0,
                cacheWriteTokens: Int = 0, provider: String, truncated: Bool = false,
                createdAt: Date = Date()) {
        self.init(key: key, bodyHash: components.bodyHash, promptVersion: components.promptVersion,
                  model: components.model, params: components.params, bullets: bullets,
                  inputTokens: inputTokens, outputTokens: outputTokens, costUSD: costUSD,
                  latencyMS: latencyMS, cacheReadTokens: cacheReadTokens, cacheWriteTokens: cacheWriteTokens,
                  provider: provider, truncated: truncated, createdAt: createdAt)
    }

    /// An offline summary with nothing to say beyond the signature: no bullets. Only the offline
    /// summarizer may write one; a model's empty reply is never a summary.
    public var isSignatureOnly: Bool { bullets.isEmpty && provider == ProviderKind.extractive.rawValue }

    /// The bullets as one text, one per line (what full-text search indexes).
    public var text: String { bullets.joined(separator: "\n") }

    /// Why this summary must not be cached, or nil when it is valid.
    public var validationFailure: String? {
        if key.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "empty key" }
        if bullets.isEmpty, !isSignatureOnly { return "no bullets" }
        if bullets.contains(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            return "blank bullet"
        }
        if inputTokens < 0 || outputTokens < 0 || costUSD < 0 || !costUSD.isFinite
            || latencyMS < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0 {
            return "negative or invalid usage"
        }
        return nil
    }
}

extension Summary {
    /// Column list selecting a summary from `table`, each column aliased with `prefix`.
    static func columns(of table: String, prefix: String) -> String {
        storedColumns.map { "\(table).\($0) AS \(prefix)\($0)" }
            .joined(separator: ", ")
    }

    /// Every column of the `summaries` table, in the order ``storedValues`` gives them.
    static let storedColumns = [
        "key", "body_hash", "prompt_version", "model", "params", "bullets", "input_tokens",
        "output_tokens", "cost_usd", "latency_ms", "cache_read_tokens", "cache_write_tokens",
        "provider", "truncated", "created_at", "last_used_at",
    ]

    /// `INSERT OR REPLACE` of one summary into `table` (arguments: ``storedValues``).
    static func replaceSQL(into table: String) -> String {
        let marks = Array(repeating: "?", count: storedColumns.count).joined(separator: ", ")
        return "INSERT OR REPLACE INTO \(table) (\(storedColumns.joined(separator: ", "))) VALUES (\(marks))"
    }

    /// The values of ``storedColumns`` for this summary.
    var storedValues: StatementArguments {
        [key, bodyHash, promptVersion, model, params, bulletsJSON, inputTokens, outputTokens, costUSD,
         latencyMS, cacheReadTokens, cacheWriteTokens, provider, truncated, createdAt, lastUsedAt]
    }

    /// Decodes a row, tolerating garbage: nil when the key is missing or the bullets are
    /// not a JSON array of strings, non-empty unless signature-only (such a row is a cache miss).
    init?(row: Row, prefix: String = "") {
        self.init(columns: LenientRow(row), prefix: prefix)
    }

    /// Decodes the summary columns (named `prefix` + column) of a row already being decoded.
    init?(columns: LenientRow, prefix: String = "") {
        guard let key = columns.string(prefix + "key"), !key.isEmpty,
              let json = columns.string(prefix + "bullets"),
              let bullets = try? JSONDecoder().decode([String].self, from: Data(json.utf8)),
              !bullets.isEmpty || columns.string(prefix + "provider") == ProviderKind.extractive.rawValue
        else { return nil }
        self.init(
            key: key,
            bodyHash: columns.string(prefix + "body_hash") ?? "",
            promptVersion: columns.string(prefix + "prompt_version") ?? "",
            model: columns.string(prefix + "model") ?? "",
            params: columns.string(prefix + "params") ?? "",
            bullets: bullets,
            inputTokens: columns.int(prefix + "input_tokens") ?? 0,
            outputTokens: columns.int(prefix + "output_tokens") ?? 0,
            costUSD: columns.double(prefix + "cost_usd") ?? 0,
            latencyMS: columns.int(prefix + "latency_ms") ?? 0,
            cacheReadTokens: columns.int(prefix + "cache_read_tokens") ?? 0,
            cacheWriteTokens: columns.int(prefix + "cache_write_tokens") ?? 0,
            provider: columns.string(prefix + "provider") ?? "",
            truncated: (columns.int(prefix + "truncated") ?? 0) != 0,
            createdAt: columns.date(prefix + "created_at") ?? Date(timeIntervalSince1970: 0),
            lastUsedAt: columns.date(prefix + "last_used_at"))
    }

    /// The bullets encoded for the `bullets` column.
    var bulletsJSON: String {
        let data = (try? JSONEncoder().encode(bullets)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
