import Foundation
import MuCore
import MuKit
import MuSource
import MuStore

/// `mu cost` / `mu summarize --dry-run` output: the plan as text or one JSON document.
public enum PlanFormat {
    public static func text(_ p: SummaryPlan) -> String {
        let unreadable = p.unreadable.isEmpty ? "" : ", \(p.unreadable.count) unreadable"
        var lines = ["\(p.functions) functions in \(p.filesScanned) files (\(p.filesToRead) to read\(unreadable)); \(p.cacheHits) cached, \(p.misses) to summarize with \(p.provider)/\(p.model)"]
        if p.misses > 0 {
            if p.provider == .extractive {
                lines.append("offline extractive summaries: no tokens, no cost")
            } else if p.estimate.isPriced {
                lines.append(String(format: "estimated ~%d input + ~%d output tokens, ~$%.4f", p.estimate.inputTokens, p.estimate.outputTokens, p.estimate.costUSD))
            } else {
                lines.append("estimated ~\(p.estimate.inputTokens) input + ~\(p.estimate.outputTokens) output tokens; no price known for \(p.model) (add [models.\(p.model)] prices to .murc.toml)")
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ p: SummaryPlan) -> String {
        JSONLine().field("provider", p.provider.rawValue).field("model", p.model)
            .field("files_scanned", p.filesScanned).field("files_to_read", p.filesToRead)
            .field("files_unreadable", p.unreadable.count)
            .field("functions", p.functions).field("cache_hits", p.cacheHits).field("misses", p.misses)
            .field("input_tokens", p.estimate.inputTokens).field("output_tokens", p.estimate.outputTokens)
            .field("cost_usd", p.estimate.costUSD).field("priced", p.estimate.isPriced).text
    }
}
