import Foundation
import MCP
import MuCLIFormat
import MuKit
import MuStore

/// `refresh()`: the incremental path of `mu summarize --since` and the post-commit hook.
struct RefreshTool: MuTool {
    let definition = Tool(
        name: "refresh",
        description: """
        Bring the index up to date with the working tree: files changed since the last indexed commit \
        (committed, staged, unstaged or untracked) are re-extracted, removed files are dropped, and \
        functions whose body has no cached summary are summarized with the repository's configured \
        provider, within its configured cost budget (`[llm] max_cost_usd`). Unchanged functions are never \
        summarized again. It may take from milliseconds to minutes depending on how much changed; call it \
        after editing code when you need answers about the new code. Returns what was done and what it cost.
        """,
        inputSchema: Schema.object([:]),
        annotations: Tool.Annotations(readOnlyHint: false, destructiveHint: false, idempotentHint: true,
                                      openWorldHint: true))

    func call(_ arguments: ToolArguments, session: IndexSession) async throws(ToolError) -> ToolOutput {
        let workspace = session.workspace
        var summarizer: Summarizer
        do {
            summarizer = try Summarizer(workspace: workspace)
            summarizer.rollups = true
        } catch {
            throw .failed("cannot set up the configured provider: \(error)")
        }
        let hasIndex = FileManager.default.fileExists(atPath: workspace.indexPath)
        if !hasIndex, !summarizer.backend.isFree {
            throw .noIndex("no index yet in \(workspace.root.path), and a first full run with the paid provider \(summarizer.backend.identity.provider.rawValue) should be started by a person: run `mu summarize` there (it shows the cost first)")
        }
        var scope = "whole repository (unchanged files are skipped)"
        if hasIndex, let last = try? await SymbolIndex(database: try await session.index()).lastIndexedCommit(),
           let changes = try? IncrementalScope.since(last, repositoryRoot: workspace.root) {
            summarizer.onlyPaths = changes.paths
            scope = "\(changes.paths.count) path\(changes.paths.count == 1 ? "" : "s") changed since \(last.prefix(12))"
        }
        let report: SummarizeReport
        do {
            report = try await summarizer.run()
        } catch {
            throw .failed("refresh failed: \(error)")
        }
        await session.reopen()
        var text = "refreshed \(scope): \(report.filesChanged) files re-indexed, \(report.filesRemoved) removed, \(report.functions) functions, \(report.summarized) new summaries, \(report.failed) failed, \(report.llmRequests) provider requests, $\(String(format: "%.4f", report.costUSD)) with \(report.provider)/\(report.model) in \(String(format: "%.2f", report.duration)) s"
        let stop = report.stop.map(SummarizeReportFormat.stopLine)
        if let stop { text += "\n" + stop }
        if let warning = UnreadableFiles.warning(report.unreadable) { text += "\n" + warning }
        let object: [String: Value] = [
            "scope": .string(scope), "files_changed": .int(report.filesChanged), "files_removed": .int(report.filesRemoved),
            "files_unreadable": .int(report.unreadable.count),
            "functions": .int(report.functions), "summarized": .int(report.summarized), "failed": .int(report.failed),
            "llm_requests": .int(report.llmRequests), "cost_usd": .double(report.costUSD),
            "provider": .string(report.provider), "model": .string(report.model),
            "duration_s": .double(report.duration), "stopped": stop.map(Value.string) ?? .null,
        ]
        return ToolOutput(text: text, structured: .object(object))
    }
}
