import MCP
import MuStore

/// One function as tools return it in structured content (snake_case keys, like `mu … --json`).
struct FunctionItem: Codable, Sendable, Equatable, StructuredItem {
    var path: String
    var name: String
    var qualifiedName: String
    var kind: String
    var language: String
    var startLine: Int
    var endLine: Int
    var signature: String
    /// Summary bullets; nil when the function has no summary yet.
    var summary: [String]?
    /// How a `find_symbol` result matched (`exact`, `qualified`, `suffix`, `glob`, `case-insensitive`).
    var match: String?
    /// The matching excerpt of a `search` result.
    var snippet: String?

    enum CodingKeys: String, CodingKey {
        case path, name, kind, language, signature, summary, match, snippet
        case qualifiedName = "qualified_name", startLine = "start_line", endLine = "end_line"
    }

    init(_ function: IndexedFunction, match: String? = nil, snippet: String? = nil) {
        path = function.path
        name = function.name
        qualifiedName = function.qualifiedName
        kind = function.kind
        language = function.language
        startLine = function.startLine
        endLine = function.endLine
        signature = function.signature
        summary = function.summary?.bullets
        self.match = match
        self.snippet = snippet
    }

    /// The structured content of this item: its JSON (snake_case keys, nil fields left out), built directly.
    var structured: Value {
        var object: [String: Value] = [
            "path": .string(path), "name": .string(name), "qualified_name": .string(qualifiedName),
            "kind": .string(kind), "language": .string(language), "start_line": .int(startLine),
            "end_line": .int(endLine), "signature": .string(signature),
        ]
        if let summary { object["summary"] = .array(summary.map(Value.string)) }
        if let match { object["match"] = .string(match) }
        if let snippet { object["snippet"] = .string(snippet) }
        return .object(object)
    }

    /// `path:start-end  qualified.name (kind[, tag])` then the summary bullets, indented.
    var text: String {
        var tags = [kind]
        if let match { tags.append(match) }
        var lines = ["\(path):\(startLine)-\(endLine)  \(qualifiedName) (\(tags.joined(separator: ", ")))"]
        if let snippet, !snippet.isEmpty { lines.append("  … \(snippet)") }
        if let summary, !summary.isEmpty {
            lines += summary.map { "  - \($0)" }
        } else {
            lines.append("  (no summary yet)")
        }
        return lines.joined(separator: "\n")
    }
}
