import MCP
import MuStore

/// One call-graph edge as tools return it.
struct CallItem: Codable, Sendable {
    /// The call as written, and its line.
    var call: String
    var line: Int
    /// `resolved`, `ambiguous` or `unresolved`.
    var resolution: String
    /// For a resolved call: the rule that picked it (`same file`, `same type`, `unique name`).
    var rule: String?
    /// The function at the other end (the callee for callees, the caller for callers).
    var function: FunctionItem?
    /// For an ambiguous call: where the candidates are (`qualified.name at path:line`).
    var candidates: [String]?
}

struct CallTargetItem: Codable, Sendable, StructuredItem {
    var function: FunctionItem
    var edges: [CallItem]
}

/// `callees(name, limit?)`: what a function calls.
struct CalleesTool: MuTool {
    let definition = Tool(
        name: "callees",
        description: """
        List what a function calls, in line order, each call resolved to an indexed function where \
        possible: first a function of that name in the same file, then a method of the same type, then \
        the only function with that name in the repository. Calls that fit several functions are marked \
        ambiguous with their candidates; calls to nothing indexed (standard library, dependencies, \
        dynamic dispatch) are marked unresolved. Name the function by symbol (`Session.request`) or by \
        `path:line`. Resolution is by name only, so treat it as a strong hint, not proof.
        """,
        inputSchema: Schema.object([
            "name": Schema.string("A symbol (as for find_symbol) or `path:line`."),
            "limit": Schema.limit,
        ], required: ["name"]),
        annotations: .readOnly)

    func call(_ arguments: ToolArguments, session: IndexSession) async throws(ToolError) -> ToolOutput {
        try await CallListing.list(arguments, session: session, title: "callees", none: "no calls recorded",
                                   heading: { "calls \($0) name\($0 == 1 ? "" : "s")" },
                                   edges: { graph, target, limit in try await graph.callees(of: target, limit: limit).map { CallItem(callee: $0) } })
    }
}

/// `callers(name, limit?)`: who calls a function.
struct CallersTool: MuTool {
    let definition = Tool(
        name: "callers",
        description: """
        List the functions that call a given function, found from the calls recorded in the index and \
        resolved by name (same file, then same type, then a unique name in the repository). Callers whose \
        call certainly resolves to this function come first; calls that could also mean another function \
        of the same name are listed after them as ambiguous, with the number of candidates. Name the \
        function by symbol (`Session.request`) or by `path:line`. Use it to see the impact of changing a \
        function or to find example uses.
        """,
        inputSchema: Schema.object([
            "name": Schema.string("A symbol (as for find_symbol) or `path:line`."),
            "limit": Schema.limit,
        ], required: ["name"]),
        annotations: .readOnly)

    func call(_ arguments: ToolArguments, session: IndexSession) async throws(ToolError) -> ToolOutput {
        try await CallListing.list(arguments, session: session, title: "callers", none: "no callers recorded",
                                   heading: { "is called from \($0) place\($0 == 1 ? "" : "s")" },
                                   edges: { graph, target, limit in try await graph.callers(of: target, limit: limit).map { CallItem(caller: $0) } })
    }
}

extension CallItem {
    init(callee: CallGraph.Callee) {
        call = callee.call.calleeName
        line = callee.call.line
        switch callee.resolution {
        case .resolved(let function, let rule):
            resolution = "resolved"
            self.rule = rule.rawValue
            self.function = FunctionItem(function)
        case .ambiguous(let options):
            resolution = "ambiguous"
            candidates = options.prefix(10).map { "\($0.qualifiedName) at \($0.path):\($0.startLine)" }
        case .unresolved:
            resolution = "unresolved"
        }
    }

    init(caller: CallGraph.Caller) {
        call = caller.call.calleeName
        line = caller.call.line
        resolution = caller.certain ? "resolved" : "ambiguous"
        rule = caller.rule?.rawValue
        function = FunctionItem(caller.function)
        candidates = caller.certain ? nil : ["\(caller.candidates) functions share this name"]
    }

    /// One indented line (plus the other end's first summary bullet).
    var text: String {
        var line = "  line \(self.line): \(call) -> "
        switch resolution {
        case "resolved":
            if let function { line += "\(function.qualifiedName) at \(function.path):\(function.startLine) (\(rule ?? ""))" }
        case "ambiguous":
            if let function { line += "\(function.qualifiedName) at \(function.path):\(function.startLine) (ambiguous: " + (candidates ?? []).joined(separator: ", ") + ")" }
            else { line += "ambiguous: " + (candidates ?? []).joined(separator: "; ") }
        default:
            line += "not in the index (library, builtin or dynamic)"
        }
        if let first = function?.summary?.first { line += "\n      \(first)" }
        return line
    }
}

/// What `callers` and `callees` share: the functions NAME names, each with its edges under a heading.
enum CallListing {
    static func list(_ arguments: ToolArguments, session: IndexSession, title: String, none: String,
                     heading: (Int) -> String,
                     edges: (CallGraph, IndexedFunction, Int) async throws -> [CallItem]) async throws(ToolError) -> ToolOutput {
        let name = try arguments.requiredString("name")
        let limit = try arguments.integer("limit", default: 50, in: 1...Schema.limitMaximum)
        let targets = try await TargetFunctions.find(name, session: session)
        let graph = CallGraph(database: try await session.index())
        var items: [(text: String, item: CallTargetItem)] = []
        for target in targets {
            let found: [CallItem]
            do { found = try await edges(graph, target, limit) } catch { throw .failed("call graph read failed: \(error)") }
            let head = "\(target.qualifiedName) (\(target.path):\(target.startLine)-\(target.endLine)) \(heading(found.count)):"
            let body = found.isEmpty ? ["  (\(none))"] : found.map(\.text)
            items.append((text: ([head] + body).joined(separator: "\n"),
                          item: CallTargetItem(function: FunctionItem(target), edges: found)))
        }
        return ToolOutput.list(header: "\(title) of \"\(name)\":", items: items, emptyNote: "")
    }
}
