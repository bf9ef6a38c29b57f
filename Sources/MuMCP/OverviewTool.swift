import Foundation
import MCP
import MuStore

/// `overview(path?)`: roll-up summaries of the repository, a directory or a file.
struct OverviewTool: MuTool {
    let definition = Tool(
        name: "overview",
        description: """
        Explain what a part of the repository is for, from the roll-up summaries mu builds bottom-up \
        (functions → files → directories → repository). Without `path`, the whole repository: its summary \
        and one summary per top-level directory and file. With a directory, its summary and its children's; \
        with a file, its summary and its functions'. Start here in an unfamiliar repository, then narrow \
        with file_outline, search or find_symbol.
        """,
        inputSchema: Schema.object([
            "path": Schema.string("A directory or file relative to the repository root; omit for the whole repository."),
        ]),
        annotations: .readOnly)

    struct Entry: Codable, Sendable, StructuredItem {
        var path: String
        var kind: String
        var summary: [String]?
    }

    func call(_ arguments: ToolArguments, session: IndexSession) async throws(ToolError) -> ToolOutput {
        let input = try arguments.string("path") ?? "."
        var path = try session.relativePath(input)
        if path.isEmpty { path = "." }
        let database = try await session.index()
        let rollups = RollupIndex(database: database)
        do {
            let own = try await rollups.rollup(for: path)
            var entries: [(text: String, item: Entry)] = []
            if own?.kind == .file {
                for function in try await SymbolIndex(database: database).functions(inPath: path) {
                    let item = FunctionItem(function)
                    entries.append((item.text, Entry(path: "\(path):\(function.startLine)", kind: function.kind, summary: item.summary)))
                }
            } else {
                for child in try await rollups.children(of: path) {
                    let bullets = child.summary?.bullets
                    let text = "\(child.path)\(child.kind == .directory ? "/" : "") (\(child.kind.rawValue))\n"
                        + (bullets ?? ["(no summary)"]).map { "  - \($0)" }.joined(separator: "\n")
                    entries.append((text, Entry(path: child.path, kind: child.kind.rawValue, summary: bullets)))
                }
            }
            guard own != nil || !entries.isEmpty else {
                let exists = FileManager.default.fileExists(atPath: session.root.appendingPathComponent(path).path)
                throw ToolError.notFound(exists
                    ? "no roll-up summaries for \(path) yet: run `mu summarize` (without --no-rollup) or refresh"
                    : "no file or directory \(path) in the repository")
            }
            let header = "\(path == "." ? "repository" : path) (\(own?.kind.rawValue ?? "directory"))\n"
                + (own?.summary?.bullets ?? ["(no summary yet)"]).map { "  - \($0)" }.joined(separator: "\n")
                + (entries.isEmpty ? "" : "\n\ncontents:")
            return ToolOutput.list(header: header, items: entries, emptyNote: "",
                                   extra: ["path": .string(path), "kind": .string(own?.kind.rawValue ?? "directory"),
                                           "summary": own?.summary.map { .array($0.bullets.map(Value.string)) } ?? .null])
        } catch let error as ToolError {
            throw error
        } catch {
            throw .failed("index read failed: \(error)")
        }
    }
}
