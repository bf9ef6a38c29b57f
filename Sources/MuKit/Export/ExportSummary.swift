import Foundation
import MuStore

/// A summary with everything known about how it was made (`summary` of a `mu.export/1` row).
public struct ExportSummary: Sendable, Hashable, Codable {
    /// The cache key (SHA-256 of body hash, prompt version, model, params).
    public var key: String
    public var bullets: [String]
    public var provider: String
    public var model: String
    /// `PROMPT_VERSION` of the built-in prompts, the offline summarizer's or roll-ups' version.
    public var promptVersion: String
    public var strategy: String?
    public var templateHash: String?
    public var parameters: [String: ExportParameter]
    /// The cache key's params component verbatim (what `strategy`, `template_hash` and `parameters` come from).
    public var params: String
    public var tokens: ExportTokens
    public var costUSD: Double
    /// Provider wall time, retries included; 0 when unknown (summaries made before schema 4).
    public var latencyMS: Int
    /// The body was cut to fit the model's context.
    public var truncated: Bool
    /// ISO 8601 with milliseconds, UTC.
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case key, bullets, provider, model, strategy, parameters, params, tokens, truncated
        case promptVersion = "prompt_version"
        case templateHash = "template_hash"
        case costUSD = "cost_usd"
        case latencyMS = "latency_ms"
        case createdAt = "created_at"
    }

    public init(_ summary: Summary) {
        let provenance = SummaryProvenance(params: summary.params)
        key = summary.key
        bullets = summary.bullets
        provider = summary.provider
        model = summary.model
        promptVersion = summary.promptVersion
        strategy = provenance.strategy
        templateHash = provenance.templateHash
        parameters = provenance.parameters
        params = summary.params
        tokens = ExportTokens(input: summary.inputTokens, output: summary.outputTokens,
                              cacheRead: summary.cacheReadTokens, cacheWrite: summary.cacheWriteTokens)
        costUSD = summary.costUSD
        latencyMS = summary.latencyMS
        truncated = summary.truncated
        createdAt = Self.timestamp(summary.createdAt)
    }

    /// Every key is written, `null` included (`strategy`, `template_hash`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(bullets, forKey: .bullets)
        try container.encode(provider, forKey: .provider)
        try container.encode(model, forKey: .model)
        try container.encode(promptVersion, forKey: .promptVersion)
        try container.encode(strategy, forKey: .strategy)
        try container.encode(templateHash, forKey: .templateHash)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(params, forKey: .params)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(costUSD, forKey: .costUSD)
        try container.encode(latencyMS, forKey: .latencyMS)
        try container.encode(truncated, forKey: .truncated)
        try container.encode(createdAt, forKey: .createdAt)
    }

    /// `2026-11-30T01:02:03.456Z`: rounded to the millisecond (SQLite stores milliseconds; a
    /// formatter would truncate `.845` held as `.84499…` to `.844`).
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let whole = Date(timeIntervalSince1970: TimeInterval(fraction < 0 ? seconds - 1 : seconds))
        let text = whole.formatted(Date.ISO8601FormatStyle())   // 2026-11-30T01:02:03Z
        let digits = String(fraction < 0 ? fraction + 1000 : fraction)
        return text.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Reads a ``createdAt`` back.
    public static func date(_ timestamp: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(timestamp)
    }
}

/// Tokens billed for a summary, re-asks included.
public struct ExportTokens: Sendable, Hashable, Codable {
    public var input: Int
    public var output: Int
    /// Input tokens served from the provider's prompt cache.
    public var cacheRead: Int
    /// Input tokens written to the provider's prompt cache.
    public var cacheWrite: Int

    enum CodingKeys: String, CodingKey {
        case input, output
        case cacheRead = "cache_read"
        case cacheWrite = "cache_write"
    }
}
