import MCP
import MuSource
import MuStore

/// `find_symbol(name, kind?, path_glob?, limit?)`: the rules of `mu query`.
struct FindSymbolTool: MuTool {
    let definition = Tool(
        name: "find_symbol",
        description: """
        Find functions and methods by name in this repository's index. `name` may be a plain name \
        (`request`), a qualified name (`Session.request`, `fmt::Display::fmt`, `Foo#bar`), a suffix of one, \
        or a glob (`test_*`, `*Handler.handle`); results rank exact name, then qualified name, then suffix, \
        then glob, and a case-insensitive match is tried only when nothing else matched. Each result gives \
        the file, line span, kind and the function's summary bullets, so you can decide what to open \
        without reading the file. Use `kind` (function, method, initializer, …) and `path_glob` to narrow \
        common names. Follow up with function_source to read the code.
        """,
        inputSchema: Schema.object([
            "name": Schema.string("A name, qualified name, suffix or glob."),
            "kind": Schema.string("Only this kind: function, method, initializer, deinitializer, closure, getter, setter, accessor, subscript, operator."),
            "path_glob": Schema.pathGlob,
            "limit": Schema.limit,
        ], required: ["name"]),
        annotations: .readOnly)

    /// How many candidates to read before filtering by kind or path.
    static let filterWindow = 2_000

    func call(_ arguments: ToolArguments, session: IndexSession) async throws(ToolError) -> ToolOutput {
        let name = try arguments.requiredString("name")
        let kind = try arguments.string("kind")?.lowercased()
        let glob = try arguments.string("path_glob").map(Glob.init)
        let limit = try arguments.integer("limit", default: 20, in: 1...Schema.limitMaximum)
        let index = SymbolIndex(database: try await session.index())
        let filtered = kind != nil || glob != nil
        var matches: [SymbolMatch]
        do {
            matches = try await index.query(name, limit: filtered ? Self.filterWindow : limit)
        } catch {
            throw .failed("index query failed: \(error)")
        }
        if let kind { matches = matches.filter { $0.function.kind == kind } }
        if let glob { matches = matches.filter { glob.matches($0.function.path) } }
        let items = matches.prefix(limit).map { match in
            let item = FunctionItem(match.function, match: match.kind.description)
            return (text: item.text, item: item)
        }
        let more = matches.count > limit ? " (more exist: raise limit or narrow with kind/path_glob)" : ""
        return ToolOutput.list(
            header: "\(items.count) function\(items.count == 1 ? "" : "s") matching \"\(name)\"\(more):",
            items: items,
            emptyNote: "No indexed function matches \"\(name)\"\(filtered ? " with these filters" : ""). Try a suffix, a glob such as `*\(name)*`, or the search tool.")
    }
}
