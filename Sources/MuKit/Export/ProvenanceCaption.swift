import Foundation

/// The one-line "how this summary was made" caption under each summary in markdown and HTML:
/// `anthropic · claude-haiku-4-5 · direct · prompt 3 · 120 in / 30 out tokens · $0.0025 · 850 ms · 2026-11-30`.
enum ProvenanceCaption {
    static func text(_ summary: ExportSummary) -> String {
        var parts = [summary.provider, summary.model]
        if let strategy = summary.strategy { parts.append(strategy) }
        if summary.templateHash?.hasPrefix("custom:") == true { parts.append("custom template") }
        parts.append("prompt \(summary.promptVersion)")
        let tokens = summary.tokens
        if tokens.input > 0 || tokens.output > 0 {
            var text = "\(tokens.input) in / \(tokens.output) out tokens"
            if tokens.cacheRead > 0 { text += ", \(tokens.cacheRead) cached" }
            parts.append(text)
        }
        if summary.costUSD > 0 { parts.append(String(format: "$%.4f", summary.costUSD)) }
        if summary.latencyMS > 0 { parts.append("\(summary.latencyMS) ms") }
        if summary.truncated { parts.append("body truncated") }
        parts.append(String(summary.createdAt.prefix(10)))
        return parts.joined(separator: " · ")
    }
}
