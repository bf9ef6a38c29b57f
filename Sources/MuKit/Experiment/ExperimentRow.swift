import Foundation

/// One line of `mu experiment --out FILE`: one function under one cell, with its summary (or why
/// there is none), its measures, what it cost and, with `--judge`, the judge's scores. Every field is
/// always written (null when it has no value); the layout is versioned by ``schema`` and documented
/// in docs/experiments.md.
public struct ExperimentRow: Sendable, Hashable, Codable {
    public static let schemaVersion = "mu.experiment/1"

    public var schema: String = ExperimentRow.schemaVersion
    /// The run that wrote the row (`--seed`, start time).
    public var run: String
    /// ``ExperimentCell/id``.
    public var cell: String
    public var strategy: String
    public var provider: String
    public var model: String
    /// Generation parameters as sent: temperature (null when the model takes none) and max_tokens.
    public var temperature: Double?
    public var maxTokens: Int
    /// `--vary` values of the cell.
    public var variation: [String: String]
    /// The prompt template's fingerprint (`builtin:direct`, `custom:few-shot:<hash>`).
    public var template: String
    public var promptVersion: String
    public var path: String
    public var qualifiedName: String
    public var language: String
    public var startLine: Int
    public var endLine: Int
    public var bodyHash: String
    /// The summary cache key shared with `mu summarize`.
    public var key: String
    /// True when the summary came from the cache (no provider call in this run).
    public var cached: Bool
    /// Passed the parser and the `[quality]` criteria.
    public var valid: Bool
    /// Why there is no valid summary, else null.
    public var error: String?
    public var bullets: [String]
    /// A chain-of-thought reply's reasoning (before its `Summary:` line); null for other strategies and
    /// cache hits (only the bullets are cached).
    public var reasoning: String?
    public var bulletCount: Int
    public var wordCount: Int
    public var grounding: Double?
    public var coverage: Double?
    public var redundancy: Double?
    /// Seconds from dispatch to the accepted reply; null for cache hits.
    public var latencyS: Double?
    public var inputTokens: Int
    public var outputTokens: Int
    /// What the summary cost when it was made (also for cache hits: the cost of the cached call).
    public var costUSD: Double
    public var judge: JudgeScore?
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case schema, run, cell, strategy, provider, model, temperature, variation, template, path, language, key, cached
        case valid, error, bullets, reasoning, grounding, coverage, redundancy, judge
        case maxTokens = "max_tokens", promptVersion = "prompt_version", qualifiedName = "qualified_name"
        case startLine = "start_line", endLine = "end_line", bodyHash = "body_hash", bulletCount = "bullet_count"
        case wordCount = "word_count", latencyS = "latency_s", inputTokens = "input_tokens"
        case outputTokens = "output_tokens", costUSD = "cost_usd", createdAt = "created_at"
    }

    /// Writes every key, nulls included (synthesized encoding would leave nil keys out).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(run, forKey: .run)
        try c.encode(cell, forKey: .cell)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(provider, forKey: .provider)
        try c.encode(model, forKey: .model)
        try c.encode(temperature, forKey: .temperature)
        try c.encode(maxTokens, forKey: .maxTokens)
        try c.encode(variation, forKey: .variation)
        try c.encode(template, forKey: .template)
        try c.encode(promptVersion, forKey: .promptVersion)
        try c.encode(path, forKey: .path)
        try c.encode(qualifiedName, forKey: .qualifiedName)
        try c.encode(language, forKey: .language)
        try c.encode(startLine, forKey: .startLine)
        try c.encode(endLine, forKey: .endLine)
        try c.encode(bodyHash, forKey: .bodyHash)
        try c.encode(key, forKey: .key)
        try c.encode(cached, forKey: .cached)
        try c.encode(valid, forKey: .valid)
        try c.encode(error, forKey: .error)
        try c.encode(bullets, forKey: .bullets)
        try c.encode(reasoning, forKey: .reasoning)
        try c.encode(bulletCount, forKey: .bulletCount)
        try c.encode(wordCount, forKey: .wordCount)
        try c.encode(grounding, forKey: .grounding)
        try c.encode(coverage, forKey: .coverage)
        try c.encode(redundancy, forKey: .redundancy)
        try c.encode(latencyS, forKey: .latencyS)
        try c.encode(inputTokens, forKey: .inputTokens)
        try c.encode(outputTokens, forKey: .outputTokens)
        try c.encode(costUSD, forKey: .costUSD)
        try c.encode(judge, forKey: .judge)
        try c.encode(createdAt, forKey: .createdAt)
    }

    /// The row as one JSON line (sorted keys, no trailing newline).
    public func jsonLine(encoder: JSONEncoder = ExperimentRow.lineEncoder()) throws -> String {
        String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The encoder of ``jsonLine(encoder:)``: sorted keys, slashes unescaped.
    public static func lineEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Reads a results file: every non-empty line must be a `mu.experiment/1` row.
    public static func read(_ url: URL) throws(ExperimentError) -> [ExperimentRow] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw .results("\(url.path): cannot be read")
        }
        let decoder = JSONDecoder()
        var rows: [ExperimentRow] = []
        for (number, line) in text.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let row = try? decoder.decode(ExperimentRow.self, from: Data(line.utf8)), row.schema == schemaVersion else {
                throw .results("\(url.path) line \(number + 1): not a \(schemaVersion) row")
            }
            rows.append(row)
        }
        guard !rows.isEmpty else { throw .results("\(url.path): no experiment rows") }
        return rows
    }
}
