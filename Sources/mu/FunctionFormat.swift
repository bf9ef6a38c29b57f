import Foundation
import MuCLIFormat
import MuStore

/// How indexed functions are printed by `query`, `search` and `show`.
enum FunctionFormat {
    static func human(_ f: IndexedFunction, tag: String? = nil, snippet: String? = nil) -> [String] {
        var head = Terminal.bold(f.qualifiedName) + "  " + f.kind + "  " + "\(f.path):\(f.startLine)-\(f.endLine)"
        if let tag { head += Terminal.dim("  [\(tag)]") }
        var lines = [head]
        if !f.signature.isEmpty { lines.append("    " + Terminal.dim(f.signature)) }
        if let snippet, !snippet.isEmpty { lines.append("    … " + snippet.replacingOccurrences(of: "\n", with: " ") + " …") }
        if let summary = f.summary {
            lines += summary.bullets.map { "    - " + $0 }
        } else {
            lines.append("    " + Terminal.dim("(no summary yet: run mu summarize)"))
        }
        return lines
    }

    /// Names in first-seen order without repeats, comma-separated (`mu show`'s calls line).
    static func distinctNames(_ names: [String]) -> String {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }.joined(separator: ", ")
    }

    static func json(_ f: IndexedFunction) -> JSONLine {
        var line = JSONLine()
            .field("path", f.path).field("language", f.language).field("name", f.name)
            .field("qualified_name", f.qualifiedName).field("kind", f.kind).field("signature", f.signature)
            .field("start_line", f.startLine).field("end_line", f.endLine).field("hash", f.bodyHash)
        if let summary = f.summary {
            line = line.field("summary", strings: summary.bullets).field("model", summary.model)
        } else {
            line = line.field("summary", raw: "null").field("model", raw: "null")
        }
        return line
    }
}
