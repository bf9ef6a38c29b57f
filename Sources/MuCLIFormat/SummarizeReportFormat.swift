import Foundation
import MuCore
import MuKit
import MuSource
import MuStore

/// `mu summarize` output: the report as one human line (plus why it stopped) or one JSON document.
public enum SummarizeReportFormat {
    public static func text(_ r: SummarizeReport) -> String {
        var parts = ["\(r.filesScanned) files (\(r.filesChanged) changed\(r.filesRemoved > 0 ? ", \(r.filesRemoved) removed" : ""))",
                     "\(r.functions) functions",
                     "cache hits \(r.cacheHitsMemory) memory / \(r.cacheHitsDisk) disk",
                     "\(r.summarized) new summaries",
                     "\(r.failed) failed"]
        if r.llmRequests > 0 || r.inputTokens > 0 {
            parts.append("\(r.llmRequests) requests, \(r.inputTokens) in / \(r.outputTokens) tokens out")
        }
        parts.append(String(format: "$%.4f", r.costUSD))
        parts.append(String(format: "%.2fs", r.duration))
        var text = parts.joined(separator: " · ")
        switch r.stop {
        case .credentialsRefused(let message)?: text += "\nstopped: the provider refused the credentials: \(message)"
        case .budgetReached(let limit, let spent)?:
            text += String(format: "\nstopped at the budget: $%.4f of $%.2f spent; run again with a higher --max-cost to finish", spent, limit)
        case .providerUnreachable(let message)?:
            text += "\nstopped: \(message); functions are indexed, summaries will be made by the next run"
        case nil: break
        }
        return text
    }

    public static func json(_ r: SummarizeReport) -> String {
        JSONLine()
            .field("provider", r.provider).field("model", r.model)
            .field("files_scanned", r.filesScanned).field("files_changed", r.filesChanged)
            .field("functions", r.functions)
            .field("cache_hits_memory", r.cacheHitsMemory).field("cache_hits_disk", r.cacheHitsDisk)
            .field("llm_requests", r.llmRequests).field("summarized", r.summarized).field("failed", r.failed)
            .field("input_tokens", r.inputTokens).field("output_tokens", r.outputTokens)
            .field("cost_usd", r.costUSD).field("duration_s", (r.duration * 1000).rounded() / 1000)
            .text
    }
}
