import Foundation
import MuCore
import MuKit
import MuSource
import MuStore

/// Text and JSON for `mu hook status`.
public enum HookStatusFormat {
    public static func text(_ s: HookStatus) -> String {
        let i = s.installation
        var lines: [String] = []
        if i.installed {
            var line = "hook       installed: \(i.location.hookFile.path)"
            if i.chainsPreviousHook { line += " (runs \(i.location.previousHookFile.lastPathComponent) first)" }
            lines.append(line)
        } else {
            lines.append("hook       not installed (git runs \(i.location.hookFile.path); `mu hook install` adds it)")
        }
        if let level = i.location.hooksPathLevel {
            lines.append("hooks dir  \(i.location.hooksDirectory.path) (core.hooksPath, \(level.rawValue) config)")
        }
        if let executable = i.executable {
            lines.append("mu binary  \(executable)\(i.executableExists ? "" : " (missing!)")")
        }
        if let run = s.lastRun {
            lines.append("last run   " + runLine(run, alive: s.lastRunAlive, relative: true))
        } else {
            lines.append("last run   never")
        }
        if s.rerunPending { lines.append("pending    commits arrived during the current run; it runs again when done") }
        lines.append("log        \(s.log.path)")
        for line in s.logTail.suffix(3) { lines.append("           \(line)") }
        if let problem = s.problem { lines.append("problem    \(problem)") }
        return lines.joined(separator: "\n")
    }

    /// One line about a run: outcome, when, what it did.
    public static func runLine(_ r: HookRunRecord, alive: Bool = false, relative: Bool = false) -> String {
        let head = r.head.map { String($0.prefix(12)) } ?? "(no commit)"
        let paths = r.paths ?? 0
        let scope = r.mode == "full" ? "every file\(r.fullReason.map { " (\($0))" } ?? "")"
            : "\(paths) changed path\(paths == 1 ? "" : "s")"
        let coalesced = r.coalesced > 0 ? ", \(r.coalesced) commit\(r.coalesced == 1 ? "" : "s") coalesced" : ""
        switch r.outcome {
        case .running:
            return alive
                ? "running since \(relative ? HumanFormat.ago(r.startedAt) : "start") (pid \(r.pid)): HEAD \(head), \(scope)"
                : "interrupted: pid \(r.pid) started \(HumanFormat.ago(r.startedAt)) and is gone without finishing (HEAD \(head)); the next commit catches up"
        case .failed:
            return "failed \(relative ? HumanFormat.ago(r.finishedAt ?? r.startedAt) : "")".trimmingCharacters(in: .whitespaces)
                + ": \(r.error ?? "unknown error") (HEAD \(head))"
        default:
            var text = r.outcome.label
            if relative { text += " \(HumanFormat.ago(r.finishedAt ?? r.startedAt))" }
            text += String(format: " in %.2f s", r.duration ?? 0)
            text += ": HEAD \(head), \(scope)\(coalesced) · \(r.filesChanged) files changed"
            if r.filesRemoved > 0 { text += ", \(r.filesRemoved) removed" }
            if let unreadable = r.filesUnreadable, unreadable > 0 { text += ", \(unreadable) unreadable skipped" }
            text += " · \(r.functions) functions · \(r.summarized) new summaries, \(r.cacheHits) cache hits"
            if r.outcome != .providerUnavailable { text += " · \(r.failed) failed" } // the error says why and how many wait
            if r.costUSD > 0 { text += String(format: " · $%.4f", r.costUSD) }
            if let error = r.error { text += "\n           \(error)" }
            return text
        }
    }

    public static func json(_ s: HookStatus) -> String {
        let i = s.installation
        var line = JSONLine()
            .field("root", s.root.path)
            .field("installed", i.installed)
            .field("hook_file", i.location.hookFile.path)
            .field("hooks_path_level", i.location.hooksPathLevel?.rawValue)
            .field("chains_previous_hook", i.chainsPreviousHook)
            .field("executable", i.executable)
            .field("executable_exists", i.executableExists)
            .field("enabled", i.enabled)
            .field("problem", s.problem)
            .field("rerun_pending", s.rerunPending)
            .field("log", s.log.path)
        if let r = s.lastRun {
            let iso = ISO8601DateFormatter()
            var run = JSONLine()
                .field("outcome", r.outcome == .running && !s.lastRunAlive ? "interrupted" : r.outcome.rawValue)
                .field("pid", Int(r.pid))
                .field("head", r.head)
                .field("mode", r.mode).field("full_reason", r.fullReason)
                .field("started_at", iso.string(from: r.startedAt))
                .field("finished_at", r.finishedAt.map { iso.string(from: $0) })
                .field("coalesced", r.coalesced)
                .field("files_changed", r.filesChanged).field("files_removed", r.filesRemoved)
                .field("files_unreadable", r.filesUnreadable ?? 0)
                .field("functions", r.functions).field("summarized", r.summarized)
                .field("cache_hits", r.cacheHits).field("failed", r.failed)
                .field("cost_usd", r.costUSD).field("error", r.error)
            if let paths = r.paths { run = run.field("paths", paths) }
            line = line.field("last_run", raw: run.text)
        } else {
            line = line.field("last_run", raw: "null")
        }
        return line.text
    }
}
