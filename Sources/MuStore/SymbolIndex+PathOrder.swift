import GRDB

/// Where a page of functions in path order ended; pass it back for the next page.
public struct PathOrderCursor: Sendable, Hashable {
    public var path: String
    public var startLine: Int
    public var id: Int64

    public init(path: String, startLine: Int, id: Int64) {
        self.path = path
        self.startLine = startLine
        self.id = id
    }

    /// The cursor just after `function`.
    public init(after function: IndexedFunction) {
        self.init(path: function.path, startLine: function.startLine, id: function.id)
    }
}

extension SymbolIndex {
    /// A page of every function with its summary, ordered by (path, start line, id): the order of
    /// a document grouped by file (`mu export`). Keyset paging over the `functions_path` index, so
    /// each page costs the same however deep the export is and memory stays one page.
    public func functionsInPathOrder(after cursor: PathOrderCursor?, limit: Int) async throws -> [IndexedFunction] {
        let source = IndexedFunction.source(summariesTable: database.summariesTable)
        let selection = IndexedFunction.selection()
        return try await database.read { db in
            if let cursor {
                return try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT \(selection) FROM \(source)
                    WHERE (f.path, f.start_line, f.id) > (?, ?, ?)
                    ORDER BY f.path, f.start_line, f.id LIMIT ?
                    """), arguments: [cursor.path, cursor.startLine, cursor.id, limit])
                    .compactMap(IndexedFunction.init(row:))
            }
            return try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(selection) FROM \(source) ORDER BY f.path, f.start_line, f.id LIMIT ?
                """), arguments: [limit])
                .compactMap(IndexedFunction.init(row:))
        }
    }
}
