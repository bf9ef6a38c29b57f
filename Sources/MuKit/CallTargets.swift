import MuCore
import MuStore

/// Why no function could be found for `mu callers`/`callees` (and the MCP tools of the same name).
public enum CallTargetError: MuFailure, Equatable {
    case noFunctionAt(path: String, line: Int)
    case noMatch(String)

    public var description: String {
        switch self {
        case .noFunctionAt(let path, let line): "no indexed function contains \(path):\(line)"
        case .noMatch(let symbol): "no indexed function matches \"\(symbol)\"; try find_symbol/mu query or search"
        }
    }
}

/// The functions a callers/callees argument names: `path:line` (the innermost function there) or
/// a symbol (its best-ranked matches: every exact-name match of `request`, at most `limit`).
public enum CallTargets {
    /// `path:line` when the text ends with `:<digits>` after a non-empty path.
    public static func pathAndLine(_ text: String) -> (path: String, line: Int)? {
        guard let colon = text.lastIndex(of: ":"), colon > text.startIndex,
              let line = Int(text[text.index(after: colon)...]), line > 0 else { return nil }
        return (String(text[..<colon]), line)
    }

    /// - Parameter relativePath: turns the path part of `path:line` into a repository-relative path
    ///   (and may refuse it).
    public static func find(_ text: String, index: SymbolIndex, limit: Int = 5,
                            relativePath: (String) throws -> String) async throws -> [IndexedFunction] {
        if let (pathPart, line) = pathAndLine(text) {
            let path = try relativePath(pathPart)
            guard let function = try await index.function(at: path, line: line) else {
                throw CallTargetError.noFunctionAt(path: path, line: line)
            }
            return [function]
        }
        let matches = try await index.query(text, limit: limit)
        guard let best = matches.first?.kind else { throw CallTargetError.noMatch(text) }
        return matches.filter { $0.kind == best }.map(\.function)
    }
}
