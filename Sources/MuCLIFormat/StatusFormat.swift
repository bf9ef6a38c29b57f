import Foundation
import MuCore
import MuKit
import MuSource
import MuStore

/// `mu status` output: one JSON document or the human lines.
public enum StatusFormat {
    public static func json(_ s: IndexStatus) -> String {
        var line = JSONLine()
            .field("root", s.root)
            .field("functions", s.counts.functions).field("with_summary", s.counts.withSummary)
            .field("without_summary", s.counts.withoutSummary).field("files", s.counts.files)
            .field("stale_files", s.staleFiles).field("files_unreadable", s.unreadable.count)
            .field("cache_entries", s.cache.entries).field("cache_bytes", Int(s.cache.fileBytes))
            .field("index_bytes", Int(s.indexBytes))
            .field("last_indexed_commit", s.lastIndexedCommit).field("head", s.head)
        if let run = s.lastRun {
            line = line.field("last_run", raw: JSONLine().field("status", run.status.rawValue)
                .field("provider", run.provider).field("model", run.model)
                .field("started_at", ISO8601DateFormatter().string(from: run.startedAt))
                .field("summarized", run.summarized).field("failed", run.failed).field("cost_usd", run.costUSD).text)
        }
        return line.text
    }

    public static func text(_ s: IndexStatus) -> String {
        var lines: [String] = []
        lines.append("index      \(s.indexPath) (\(HumanFormat.bytes(s.indexBytes)))")
        lines.append("functions  \(s.counts.functions) in \(s.counts.filesWithFunctions) files; \(s.counts.withSummary) with a summary, \(s.counts.withoutSummary) without")
        lines.append("files      \(s.counts.files) indexed; \(s.staleFiles == 0 ? "none changed since the last run" : "\(s.staleFiles) changed since the last run (mu summarize updates them)")"
            + (s.unreadable.isEmpty ? "" : "; \(s.unreadable.count) unreadable (permission denied), kept as indexed"))
        let commitLine = s.lastIndexedCommit.map { String($0.prefix(12)) } ?? "none"
        let headNote = s.head.flatMap { $0 != s.lastIndexedCommit ? ", HEAD is \($0.prefix(12))" : nil } ?? ""
        lines.append("commit     last indexed \(commitLine)\(headNote)")
        lines.append("cache      \(s.cache.entries) summaries (\(HumanFormat.bytes(s.cache.fileBytes)))\(s.separateSummariesPath.map { " in \($0)" } ?? "")")
        for model in s.cache.byModel {
            lines.append(String(format: "             %@: %d summaries, $%.4f spent", model.model, model.entries, model.costUSD))
        }
        if let run = s.lastRun {
            if run.status == .interrupted, run.finishedAt == nil {
                lines.append("last run   interrupted \(HumanFormat.ago(run.startedAt)): \(run.provider)/\(run.model); the process ended before it finished. The summaries it received are kept; `mu summarize` sends the \(s.counts.withoutSummary) still missing")
            } else {
                lines.append("last run   \(run.status.rawValue) \(HumanFormat.ago(run.startedAt)): \(run.provider)/\(run.model), \(run.summarized) summarized, \(run.failed) failed\(String(format: ", $%.4f", run.costUSD))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
