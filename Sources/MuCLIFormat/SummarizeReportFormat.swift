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
                     "cache hits \(r.cacheHitsMemory) memory / \(r.cacheHitsDisk) disk"
                        + (r.cacheHitsRemote > 0 ? " / \(r.cacheHitsRemote) remote" : ""),
                     "\(r.summarized) new summaries",
                     "\(r.failed) failed" + (r.notSent > 0 ? ", \(r.notSent) not sent" : "")]
        if r.llmRequests > 0 || r.inputTokens > 0 {
            parts.append("\(r.llmRequests) requests, \(r.inputTokens) in / \(r.outputTokens) tokens out"
                         + (r.cachedInputTokens > 0 ? " (\(r.cachedInputTokens) in cached)" : ""))
        }
        if !r.unreadable.isEmpty { parts.append("\(r.unreadable.count) unreadable file\(r.unreadable.count == 1 ? "" : "s") skipped") }
        if r.batchesCollected > 0 { parts.append("\(r.batchesCollected) batch\(r.batchesCollected == 1 ? "" : "es") collected") }
        if r.redactions > 0 { parts.append("\(r.redactions) secret\(r.redactions == 1 ? "" : "s") redacted") }
        if r.rollupsSummarized > 0 || r.rollupsFailed > 0 {
            parts.append("\(r.rollupsSummarized) roll-up\(r.rollupsSummarized == 1 ? "" : "s") made"
                         + (r.rollupsFailed > 0 ? ", \(r.rollupsFailed) failed" : ""))
        }
        parts.append(String(format: "$%.4f", r.costUSD))
        parts.append(String(format: "%.2fs", r.duration))
        var text = parts.joined(separator: " · ")
        if r.batchesSubmitted > 0 {
            text += "\nsubmitted \(r.batchRequests) request\(r.batchRequests == 1 ? "" : "s") in \(r.batchesSubmitted) provider batch\(r.batchesSubmitted == 1 ? "" : "es") at the batch price"
        }
        if r.waitingForBatch > 0 {
            text += "\n\(r.waitingForBatch) function\(r.waitingForBatch == 1 ? "" : "s") wait for provider batches: `mu batch status` shows progress, `mu batch collect` takes the results in (so does the next `mu summarize`)"
        }
        if let stop = r.stop { text += "\n" + stopLine(stop) }
        return text
    }

    /// Why a run stopped, in one line starting with "stopped", with what to do. Printed on stdout
    /// even with `--quiet`, and as `"stopped"` in the JSON.
    public static func stopLine(_ stop: SummarizeReport.Stop) -> String {
        switch stop {
        case .credentialsRefused(let message):
            "stopped: \(message)" // the message already says the credentials were refused
        case .budgetReached(let limit, let spent):
            String(format: "stopped at the budget: $%.4f of $%.2f spent; run again with a higher --max-cost to finish", spent, limit)
        case .providerUnreachable(let message), .providerFailed(let message):
            "stopped: \(message); functions are indexed, summaries will be made by the next run"
        }
    }

    public static func json(_ r: SummarizeReport) -> String {
        JSONLine()
            .field("provider", r.provider).field("model", r.model)
            .field("files_scanned", r.filesScanned).field("files_changed", r.filesChanged)
            .field("functions", r.functions)
            .field("cache_hits_memory", r.cacheHitsMemory).field("cache_hits_disk", r.cacheHitsDisk)
            .field("cache_hits_remote", r.cacheHitsRemote)
            .field("llm_requests", r.llmRequests).field("summarized", r.summarized).field("failed", r.failed)
            .field("input_tokens", r.inputTokens).field("output_tokens", r.outputTokens)
            .field("cached_input_tokens", r.cachedInputTokens)
            .field("cost_usd", r.costUSD).field("duration_s", (r.duration * 1000).rounded() / 1000)
            .field("redactions", r.redactions).field("truncated", r.truncated)
            .field("files_unreadable", r.unreadable.count)
            .field("batches_submitted", r.batchesSubmitted).field("batch_requests", r.batchRequests)
            .field("batches_collected", r.batchesCollected).field("waiting_for_batch", r.waitingForBatch)
            .field("rollups_summarized", r.rollupsSummarized).field("rollups_reused", r.rollupsReused)
            .field("rollups_failed", r.rollupsFailed)
            .field("stopped", r.stop.map(stopLine))
            .text
    }
}
