import MuStore

/// The functions a tool argument names: `path:line` (the innermost function there) or a symbol
/// (its best-ranked matches: every exact-name match of `request`, at most `limit`).
enum TargetFunctions {
    static func find(_ text: String, session: IndexSession, limit: Int = 5) async throws(ToolError) -> [IndexedFunction] {
        let index = SymbolIndex(database: try await session.index())
        do {
            if let (pathPart, line) = FunctionSourceTool.pathAndLine(text) {
                let path = try session.relativePath(pathPart)
                guard let function = try await index.function(at: path, line: line) else {
                    throw ToolError.notFound("no indexed function contains \(path):\(line)")
                }
                return [function]
            }
            let matches = try await index.query(text, limit: limit)
            guard let best = matches.first?.kind else {
                throw ToolError.notFound("no indexed function matches \"\(text)\"; try find_symbol or search")
            }
            return matches.filter { $0.kind == best }.map(\.function)
        } catch let error as ToolError {
            throw error
        } catch {
            throw .failed("index read failed: \(error)")
        }
    }
}
