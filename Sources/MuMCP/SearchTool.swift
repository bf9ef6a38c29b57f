import MCP
import MuSource
import MuStore

/// `search(text, path_glob?, language?, limit?)`: the full-text search of `mu search`.
struct SearchTool: MuTool {
    let definition = Tool(
        name: "search",
        description: """
        Full-text search over every indexed function's qualified name, file path and summary, best match \
        first (BM25). Use it when you know what code does but not what it is called: "parse http \
        headers", "retry with backoff", "sqlite migration". Words are matched literally (no operators); \
        functions matching all words come first, and when none do, functions matching any word. Each \
        result gives the file, line span, the matching excerpt with matched words in [brackets], and the \
        summary bullets. Narrow with `path_glob` (e.g. `src/net/**`) or `language` (python, swift, go, …).
        """,
        inputSchema: Schema.object([
            "text": Schema.string("Words to look for."),
            "path_glob": Schema.pathGlob,
            "language": Schema.string("Only functions in this language (python, javascript, typescript, go, rust, java, c, cpp, ruby, swift, kotlin, …)."),
            "limit": Schema.limit,
        ], required: ["text"]),
        annotations: .readOnly)

    func call(_ arguments: ToolArguments, session: IndexSession) async throws(ToolError) -> ToolOutput {
        let text = try arguments.requiredString("text")
        let glob = try arguments.string("path_glob").map(Glob.init)
        let language = try arguments.string("language")?.lowercased()
        let limit = try arguments.integer("limit", default: 20, in: 1...Schema.limitMaximum)
        let index = SymbolIndex(database: try await session.index())
        let filtered = glob != nil || language != nil
        var hits: [SearchHit]
        do {
            hits = try await index.search(text, limit: filtered ? FindSymbolTool.filterWindow : limit)
        } catch {
            throw .failed("index search failed: \(error)")
        }
        if let language { hits = hits.filter { $0.function.language == language } }
        if let glob { hits = hits.filter { glob.matches($0.function.path) } }
        let items = hits.prefix(limit).map { hit in
            let item = FunctionItem(hit.function, snippet: hit.snippet)
            return (text: item.text, item: item)
        }
        return ToolOutput.list(
            header: "\(items.count) function\(items.count == 1 ? "" : "s") for \"\(text)\", best first:",
            items: items,
            emptyNote: "Nothing in the index matches \"\(text)\"\(filtered ? " with these filters" : ""). Try fewer or other words, or find_symbol with a glob.")
    }
}
