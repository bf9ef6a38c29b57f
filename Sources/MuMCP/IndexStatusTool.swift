import Foundation
import MCP
import MuKit
import MuStore

/// `index_status()`: how big and how stale the index is.
struct IndexStatusTool: MuTool {
    let definition = Tool(
        name: "index_status",
        description: """
        Report the state of this repository's mu index: how many functions and files it holds, how many \
        functions have a summary, the commit it was last brought up to date with versus HEAD, and how many \
        files changed, appeared or disappeared since (a quick walk of the working tree, no parsing). Call it \
        when results look out of date; if files are stale, refresh brings the index up to date.
        """,
        inputSchema: Schema.object([:]),
        annotations: .readOnly)

    struct Output: Codable {
        var root: String
        var functions: Int
        var withSummary: Int
        var files: Int
        var staleFiles: Int
        var lastIndexedCommit: String?
        var head: String?
        var lastRun: String?
        enum CodingKeys: String, CodingKey {
            case root, functions, files, head
            case withSummary = "with_summary", staleFiles = "stale_files"
            case lastIndexedCommit = "last_indexed_commit", lastRun = "last_run"
        }
    }

    func call(_ arguments: ToolArguments, session: IndexSession) async throws(ToolError) -> ToolOutput {
        _ = try await session.index()   // a missing index is a tool error, not a crash
        let output: Output
        do {
            let status = try await IndexStatus.compute(session.workspace)
            output = Output(root: status.root, functions: status.counts.functions, withSummary: status.counts.withSummary,
                            files: status.counts.files, staleFiles: status.staleFiles,
                            lastIndexedCommit: status.lastIndexedCommit, head: status.head,
                            lastRun: status.lastRun.map { "\($0.status.rawValue) with \($0.provider)/\($0.model): \($0.summarized) summarized, \($0.failed) failed" })
        } catch {
            throw .failed("cannot read the index status: \(error)")
        }
        var text = """
            index of \(output.root)
            functions: \(output.functions) (\(output.withSummary) with a summary) in \(output.files) files
            stale files: \(output.staleFiles == 0 ? "none; the index is up to date with the working tree" : "\(output.staleFiles) changed, added or removed since the last run (refresh updates them)")
            last indexed commit: \(output.lastIndexedCommit.map { String($0.prefix(12)) } ?? "none"); HEAD: \(output.head.map { String($0.prefix(12)) } ?? "none")
            """
        if let lastRun = output.lastRun { text += "\nlast run: \(lastRun)" }
        return ToolOutput(text: text, structured: (try? StructuredValue.make(output)) ?? .null)
    }
}
