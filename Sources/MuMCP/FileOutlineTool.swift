import Foundation
import MCP
import MuStore

/// `file_outline(path)`: the functions of one file with spans and summaries.
struct FileOutlineTool: MuTool {
    let definition = Tool(
        name: "file_outline",
        description: """
        Outline one source file from the index: every function and method in line order with its line \
        span, kind, signature and summary bullets (and the file's own summary when roll-ups exist). Use it \
        to understand what a file does before opening it, or to find the function to read next. `path` is \
        relative to the repository root (an absolute path inside the repository also works).
        """,
        inputSchema: Schema.object([
            "path": Schema.string("A file path relative to the repository root, e.g. `Lib/json/decoder.py`."),
        ], required: ["path"]),
        annotations: .readOnly)

    func call(_ arguments: ToolArguments, session: IndexSession) async throws(ToolError) -> ToolOutput {
        let input = try arguments.requiredString("path")
        let path = try session.relativePath(input)
        guard !path.isEmpty else { throw .badArgument(name: "path", why: "names the repository root; give a file (or use overview)") }
        let index = SymbolIndex(database: try await session.index())
        let functions: [IndexedFunction]
        do {
            functions = try await index.functions(inPath: path)
        } catch {
            throw .failed("index read failed: \(error)")
        }
        if functions.isEmpty {
            let exists = FileManager.default.fileExists(atPath: session.root.appendingPathComponent(path).path)
            throw .notFound(exists
                ? "no functions indexed in \(path) (it may have none, be new since the last run, or be excluded); refresh indexes changes"
                : "no file \(path) in the repository")
        }
        let items = functions.map { function in
            let item = FunctionItem(function)
            return (text: item.text, item: item)
        }
        let fileSummary = try? await RollupIndex(database: try await session.index()).rollup(for: path)?.summary?.bullets
        var header = "\(path): \(functions.count) function\(functions.count == 1 ? "" : "s")"
        if let fileSummary { header += "\n" + fileSummary.map { "  - \($0)" }.joined(separator: "\n") }
        return ToolOutput.list(header: header, items: items, emptyNote: "",
                               extra: ["path": .string(path), "summary": fileSummary.map { .array($0.map(Value.string)) } ?? .null])
    }
}
