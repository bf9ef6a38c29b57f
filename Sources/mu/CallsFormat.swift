import MuCLIFormat
import MuKit
import MuStore

/// How `mu callers` and `mu callees` print call-graph edges (human lines or NDJSON).
enum CallsFormat {
    static func calleeLine(_ callee: CallGraph.Callee) -> String {
        let head = "    line \(callee.call.line): \(callee.call.calleeName) -> "
        switch callee.resolution {
        case .resolved(let f, let rule): return head + "\(f.qualifiedName)  \(f.path):\(f.startLine)" + Terminal.dim("  [\(rule.rawValue)]")
        case .ambiguous(let options):
            return head + Terminal.dim("ambiguous: ") + options.prefix(5).map { "\($0.qualifiedName) \($0.path):\($0.startLine)" }.joined(separator: ", ")
                + (options.count > 5 ? " …" : "")
        case .unresolved: return head + Terminal.dim("not in the index")
        }
    }

    static func callerLine(_ caller: CallGraph.Caller) -> String {
        let f = caller.function
        return "    \(f.qualifiedName)  \(f.path):\(caller.call.line)  (\(caller.call.calleeName))"
            + Terminal.dim(caller.rule.map { "  [\($0.rawValue)]" } ?? "  [ambiguous: \(caller.candidates) candidates]")
    }

    static func calleeJSON(_ target: IndexedFunction, _ callee: CallGraph.Callee) -> String {
        var line = JSONLine().field("function", target.qualifiedName).field("path", target.path)
            .field("call", callee.call.calleeName).field("line", callee.call.line)
        switch callee.resolution {
        case .resolved(let f, let rule):
            line = line.field("resolution", "resolved").field("rule", rule.rawValue)
                .field("callee", f.qualifiedName).field("callee_path", f.path).field("callee_line", f.startLine)
        case .ambiguous(let options):
            line = line.field("resolution", "ambiguous")
                .field("candidates", strings: options.map { "\($0.qualifiedName) \($0.path):\($0.startLine)" })
        case .unresolved:
            line = line.field("resolution", "unresolved")
        }
        return line.text
    }

    static func callerJSON(_ target: IndexedFunction, _ caller: CallGraph.Caller) -> String {
        JSONLine().field("function", target.qualifiedName).field("path", target.path)
            .field("caller", caller.function.qualifiedName).field("caller_path", caller.function.path)
            .field("line", caller.call.line).field("call", caller.call.calleeName)
            .field("resolution", caller.certain ? "resolved" : "ambiguous").field("rule", caller.rule?.rawValue)
            .field("candidates", caller.candidates).text
    }

    /// A `path:line` argument's path, relative to the repository root: taken from the current
    /// directory when that file exists, else as given (a file deleted since indexing).
    static func relativePath(_ path: String) throws -> String {
        if let relative = try? FunctionLister.locate(path).relative { return relative }
        return path
    }
}
